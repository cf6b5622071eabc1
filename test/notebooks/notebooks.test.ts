// Runs every notebook's code without Jupyter: the code cells of notebooks/*.ipynb, in order, as one
// Deno module (cells share one scope in the kernel, as top-level declarations of one module do),
// with `deno run` from the `deno` devDependency. A cell that throws fails the test, which names it,
// and so does a cell that prints lines without showing them (`await shown()`, see the notebooks).
// The notebooks import ../dist (the built package): `npm test` builds it first.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const NOTEBOOKS = join(ROOT, 'notebooks');
const DENO = join(ROOT, 'node_modules', '.bin', 'deno');
const MARK = '__metasynth_notebook_cell__';

interface Cell {
  readonly cell_type: string;
  readonly source: string | readonly string[];
  readonly outputs?: readonly { readonly output_type: string; readonly ename?: string }[];
}

function codeCells(path: string): string[] {
  const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells: Cell[]; metadata: { kernelspec?: { name?: string } } };
  expect(nb.metadata.kernelspec?.name, `${path}: kernel`).toBe('deno');
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : String(c.source)));
}

const files = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

describe('notebooks', () => {
  it('are those of issues #7, #19, #17, #16 and #18, committed with outputs and no error output', () => {
    expect(files).toEqual([
      '01-reproduce-the-cik-pooled-hr.ipynb',
      '02-forest-and-funnel-plots.ipynb',
      '03-bcg-walkthrough.ipynb',
      '04-verified-cik-trials.ipynb',
      '05-bayesian-small-k.ipynb',
      '06-publication-bias-sensitivity.ipynb',
      '07-three-level-meta-analysis.ipynb',
      '08-rare-events.ipynb',
    ]);
    for (const f of files) {
      const nb = JSON.parse(readFileSync(join(NOTEBOOKS, f), 'utf8')) as { cells: Cell[] };
      const code = nb.cells.filter((c) => c.cell_type === 'code');
      expect(
        code.every((c) => (c.outputs ?? []).every((o) => o.output_type !== 'error')),
        `${f}: an error output is committed`,
      ).toBe(true);
      expect(
        code.some((c) => (c.outputs ?? []).length > 0),
        `${f}: committed without outputs`,
      ).toBe(true);
    }
  });

  it('print through the output helpers, never console.log or a cell value the kernel may publish after its idle message', () => {
    for (const f of files) {
      codeCells(join(NOTEBOOKS, f)).forEach((code, i) => {
        const helper = /^const cellLines|^\/\*\* Deno's Jupyter API/m.test(code);
        if (!helper) expect(code, `${f}: code cell ${i + 1}`).not.toMatch(/console\.(log|table)\(/);
        if (/\bdisplayPlot\(/.test(code) && !/^import/m.test(code)) expect(code, `${f}: code cell ${i + 1}`).toMatch(/showPlot\(await displayPlot\(/);
      });
    }
  });

  it('the deno devDependency is installed', () => {
    expect(existsSync(DENO)).toBe(true);
  });

  for (const file of files) {
    it(`${file}: every code cell runs (deno run)`, async () => {
      const cells = codeCells(join(NOTEBOOKS, file));
      // Inside notebooks/, so that ../dist and the package's node_modules resolve as in the kernel.
      const script = join(NOTEBOOKS, `.test-${file.replace(/\.ipynb$/, '')}.ts`);
      // After each cell: nothing it printed may be left for the next cell to show (a missing `await shown()`).
      const leftover = (i: number) =>
        `if (typeof cellLines !== 'undefined' && cellLines.length > 0) throw new Error(${JSON.stringify(`code cell ${i + 1} printed lines it did not show (end it with await shown())`)});`;
      writeFileSync(script, cells.map((c, i) => `console.log(${JSON.stringify(`${MARK} ${i + 1}`)});\n${c}\n${leftover(i)}\n`).join('\n'));
      try {
        await run(DENO, ['run', '--allow-read', '--allow-env', '--allow-sys', '--allow-ffi', '--quiet', '--no-lock', script], {
          cwd: NOTEBOOKS,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
        });
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string; message: string };
        const marks = [...(e.stdout ?? '').matchAll(new RegExp(`${MARK} (\\d+)`, 'g'))];
        const cell = marks.at(-1)?.[1] ?? '?';
        throw new Error(`${file}: code cell ${cell} failed:\n${(e.stderr ?? e.message).slice(0, 4000)}`);
      } finally {
        rmSync(script, { force: true });
      }
    });
  }
});
