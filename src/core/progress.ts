// Progress reporting for long runs (GOSH, permutation tests, large batches, the benchmark).
// The API side is a plain callback; the terminal side is a small bar drawn on a stream the caller
// passes in, so this module stays free of `process` and runs in browsers (where nothing is drawn).

/**
 * Called as work advances: `done` of `total` units (fits, permutations, subsets). Called at most
 * a few hundred times per run, and always once with `done === total` at the end.
 */
export type ProgressCallback = (done: number, total: number) => void;

/**
 * Calls `onProgress` about every `total / steps` units (and at the end), so a callback costs
 * nothing measurable inside a hot loop: `tick(done)` is one comparison when no report is due.
 * @example
 * const seen = [];
 * const t = progressTicker(1000, (done) => seen.push(done), 4);
 * for (let i = 1; i <= 999; i++) t.tick(i);
 * t.finish();
 * seen // [250, 500, 750, 1000]
 */
export function progressTicker(total: number, onProgress: ProgressCallback | undefined, steps = 200): { tick(done: number): void; finish(): void } {
  if (onProgress === undefined) return { tick() {}, finish() {} };
  const every = Math.max(1, Math.floor(total / steps));
  let next = every;
  let finished = false;
  return {
    tick(done: number) {
      if (done >= next && done < total) {
        next = done + every;
        onProgress(done, total);
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      onProgress(total, total);
    },
  };
}

/** The part of a Node `WriteStream` (e.g. `process.stderr`) the bar needs. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface TerminalProgressOptions {
  /** Text before the bar, e.g. 'GOSH'. Default ''. */
  readonly label?: string;
  /** True when the command prints JSON: then nothing is drawn. Default false. */
  readonly json?: boolean;
  /** Milliseconds before the bar first appears, so quick runs print nothing. Default 500. */
  readonly delayMs?: number;
  /** Clock in milliseconds (injectable for tests). Default `Date.now`. */
  readonly now?: () => number;
}

/** A progress bar: pass `onProgress` to the API; call `done()` when the run ends (clears the line). */
export interface TerminalProgress {
  readonly onProgress: ProgressCallback;
  done(): void;
  /** False when nothing will ever be drawn (not a terminal, or JSON output). */
  readonly active: boolean;
}

/**
 * A one-line progress bar on a terminal stream (the CLI passes `process.stderr`): drawn only when
 * the stream is a TTY and the output is not JSON, redrawn at most 10 times a second, shown only
 * for runs longer than `delayMs`, and erased at the end so the command's own output is unchanged.
 * @example terminalProgress({ isTTY: false, write: () => true }, { label: 'GOSH' }).active // false (not a terminal: no bar)
 */
export function terminalProgress(stream: ProgressStream | undefined, options: TerminalProgressOptions = {}): TerminalProgress {
  const active = stream !== undefined && stream.isTTY === true && options.json !== true;
  if (!active) return { onProgress: () => {}, done: () => {}, active: false };
  const now = options.now ?? Date.now;
  const label = options.label ?? '';
  const start = now();
  const delay = options.delayMs ?? 500;
  let lastDraw = -Infinity;
  let drawn = false;
  const draw = (done: number, total: number): void => {
    const t = now();
    if (t - start < delay || (t - lastDraw < 100 && done < total)) return;
    lastDraw = t;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * width);
    const seconds = ((t - start) / 1000).toFixed(1);
    stream.write(`\r${label ? `${label} ` : ''}[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(100 * fraction).toFixed(0).padStart(3)}% ${seconds}s`);
    drawn = true;
  };
  return {
    onProgress: draw,
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
    active: true,
  };
}
