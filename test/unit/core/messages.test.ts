// Messages in one place: no user-facing text is written inline in src/ (every error, issue and
// warning takes its text from a messages module), every message code is unique and snake_case,
// and docs/messages.md lists them all (regenerate it with `npm run messages:doc`).
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allCatalogueEntries, messagesDoc } from '../../../scripts/messages-doc.js';
import { sourceFiles } from '../../examples/docExamples.js';
import { inlineTexts, isMessagesModule, messageSites } from '../../helpers/messageSites.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// Parts whose messages are still being moved (issue 14, item 6): the list only shrinks, and a part
// listed here that has no inline text left fails the test, so that it is removed.
const PENDING_PARTS = new Set<string>([]);
const partOf = (file: string): string => file.split('/')[1] ?? '';

function parse(text: string, name = 'x.ts'): ts.SourceFile {
  return ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
}

describe('messages', () => {
  it('finds inline text in errors, issues and warnings (the detector itself)', () => {
    const sf = parse(
      [
        "throw new MetasynthError('usage', `bad`);",
        "throw new MetasynthError('usage', ok ? 'a' : M.b());",
        "w.push({ code: 'c', message: 'text' });",
        "plainIssue(loc, 'c', 'text');",
        "throw new MetasynthError('usage', M.fine(x));",
        "fieldIssue(loc, 'c', raw, M.fine().text);",
      ].join('\n'),
    );
    expect(messageSites(sf).map((s) => [s.kind, s.node.getText(sf)])).toEqual([
      ['error', '`bad`'],
      ['error', "'a'"],
      ['message', "'text'"],
      ['plainIssue', "'text'"],
    ]);
    expect(inlineTexts(parse("'a' + b").statements.map((s) => (s as ts.ExpressionStatement).expression)[0]!)).toHaveLength(1);
  });

  it('src/ writes no message inline: every text comes from a messages module', () => {
    const inline = sourceFiles(join(ROOT, 'src'))
      .map((f) => relative(ROOT, f))
      .filter((f) => !isMessagesModule(f))
      .flatMap((f) => {
        const sf = parse(readFileSync(join(ROOT, f), 'utf8'), f);
        return messageSites(sf).map(
          (s) => `${f}:${sf.getLineAndCharacterOfPosition(s.node.getStart(sf)).line + 1} (${s.kind}): ${s.node.getText(sf).slice(0, 90)}`,
        );
      });
    expect(
      inline.filter((l) => !PENDING_PARTS.has(partOf(l))),
      "move these texts to the part's messages module (src/<part>/messages.ts) with a stable code",
    ).toEqual([]);
    expect(
      [...PENDING_PARTS].filter((p) => !inline.some((l) => partOf(l) === p)),
      'these parts have no inline text left: remove them from PENDING_PARTS',
    ).toEqual([]);
  });

  const entries = allCatalogueEntries(ROOT);

  it('every message code is snake_case and unique across metasynth', () => {
    expect(entries.length).toBeGreaterThan(50);
    expect(entries.filter((e) => !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(e.code)).map((e) => `${e.module}:${e.line} ${e.code}`)).toEqual([]);
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const e of entries) {
      const first = seen.get(e.code);
      if (first !== undefined) duplicates.push(`${e.code}: ${first} and ${e.module}:${e.line}`);
      else seen.set(e.code, `${e.module}:${e.line}`);
    }
    expect(duplicates).toEqual([]);
  });

  it('messages modules sit in a part (src/<part>/messages.ts) or are the shared src/messages.ts', () => {
    const modules = [...new Set(entries.map((e) => e.module))];
    expect(modules.filter((m) => !/^src\/([a-z]+\/)?messages\.ts$/.test(m))).toEqual([]);
  });

  it('docs/messages.md lists every code with its template (npm run messages:doc)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'messages.md'), 'utf8')).toBe(messagesDoc(entries));
  });
});
