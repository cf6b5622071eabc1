// Proves that a formatting run changed layout only: for every file that differs from a git revision
// (default HEAD), the TypeScript token stream must be the same once whitespace, semicolons, grouping
// parentheses and trailing commas are set aside, with string literals compared by value (quote style)
// numbers by value, property names by name (`'k0':` and `k0:`), and the comments must be the same texts.
// Usage: npx tsx scripts/format-is-layout-only.ts [revision]   (exits 1 and lists the files otherwise)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const CODE = /\.(ts|mts|mjs|js|cjs)$/;

/** The file's tokens in source order, string literals by value. */
function tokens(text: string, file: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const walk = (n: ts.Node): void => {
    const kids = n.getChildren(sf);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(`"${n.text}"`);
    else if (ts.isNumericLiteral(n))
      out.push(String(Number(n.text))); // 1e-05 and 1e-5 are one number
    else if (kids.length === 0) out.push(n.getText(sf));
    else for (const k of kids) walk(k);
  };
  walk(sf);
  return out;
}

/** Tokens with the formatter's freedoms removed. */
function essential(toks: readonly string[]): string[] {
  const out: string[] = [];
  toks.forEach((t, i) => {
    const next = toks[i + 1] ?? '';
    if (t === '' || t === ';' || t === '(' || t === ')') return;
    if (t === ',' && [')', ']', '}', '>'].includes(next)) return;
    // A quoted property name that is a plain identifier is the same name unquoted.
    out.push(next === ':' && /^"[A-Za-z_$][\w$]*"$/.test(t) ? t.slice(1, -1) : t);
  });
  return out;
}

/** Every comment's text, whitespace collapsed, sorted. */
function comments(text: string, file: string): string {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const seen = new Map<number, string>();
  const visit = (n: ts.Node): void => {
    for (const r of [...(ts.getLeadingCommentRanges(text, n.pos) ?? []), ...(ts.getTrailingCommentRanges(text, n.end) ?? [])]) {
      seen.set(r.pos, text.slice(r.pos, r.end).replace(/\s+/g, ' ').trim());
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return [...seen.values()].sort().join('\n');
}

const revision = process.argv[2] ?? 'HEAD';
const changed = execFileSync('git', ['diff', '--name-only', revision], { encoding: 'utf8' }).split('\n').filter(Boolean);
const problems: string[] = [];
for (const file of changed) {
  if (!CODE.test(file)) {
    problems.push(`${file}: not a code file`);
    continue;
  }
  const before = execFileSync('git', ['show', `${revision}:${file}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const after = readFileSync(file, 'utf8');
  const a = essential(tokens(before, file));
  const b = essential(tokens(after, file));
  const at = a.findIndex((t, i) => t !== b[i]);
  if (at >= 0 || a.length !== b.length)
    problems.push(
      `${file}: tokens differ at ${at >= 0 ? at : Math.min(a.length, b.length)}: ${a.slice(at, at + 6).join(' ')} | ${b.slice(at, at + 6).join(' ')}`,
    );
  if (comments(before, file) !== comments(after, file)) problems.push(`${file}: comments differ`);
}
process.stdout.write(`${changed.length} files changed; ${problems.length === 0 ? 'layout only' : `${problems.length} differ beyond layout:`}\n`);
for (const p of problems) process.stdout.write(`  ${p}\n`);
process.exit(problems.length === 0 ? 0 : 1);
