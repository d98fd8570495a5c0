/** Defaults of `createProgress`. */
export const PROGRESS_DEFAULTS = {
  /** Characters of the bar itself. */
  barWidth: 24,
  /** Least time between two redraws, ms (the last update always draws). */
  minIntervalMs: 100,
  /** Unit after the counts ("12/40 tiles"). */
  unit: "tiles",
};

/** Where a progress bar draws: a stream with `isTTY` and `write` (process.stderr fits). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Default `process.stderr`. */
  stream?: ProgressStream;
  /** `--quiet`: draw nothing. */
  quiet?: boolean;
  barWidth?: number;
  minIntervalMs?: number;
  unit?: string;
  /** Clock in ms (default `performance.now`); tests pass their own. */
  now?: () => number;
}

/** One progress line: `label [#####-----] 12/40 tiles  ETA 3 s`, redrawn in place with `\r`. */
export interface Progress {
  /** Whether anything is drawn (a TTY and not quiet). */
  readonly enabled: boolean;
  /** Starts a new bar (ends the previous one). */
  start(label: string): void;
  /** `done` of `total` units finished. */
  update(done: number, total: number): void;
  /** A note for a step without counts (`planning the rollout…`), drawn over the current line. */
  note(text: string): void;
  /** Ends the current line. */
  end(): void;
}

/**
 * A progress reporter for long steps on stderr: a bar with units done / total and the time left
 * (linear in the units done so far). Silent when the stream is not a terminal (piped, redirected,
 * CI) or with `quiet`, so logs and `--json` output stay clean; it never writes to stdout.
 */
export function createProgress(options: ProgressOptions = {}): Progress {
  const o = { ...PROGRESS_DEFAULTS, ...options };
  const stream = o.stream ?? process.stderr;
  const now = o.now ?? (() => globalThis.performance.now());
  const enabled = stream.isTTY === true && o.quiet !== true;
  let label = "";
  let started = 0;
  let lastDraw = -Infinity;
  let open = false;
  let width = 0;

  const draw = (line: string) => {
    const cols = stream.columns ?? 100;
    const text = line.length >= cols ? `${line.slice(0, Math.max(0, cols - 2))}…` : line;
    stream.write(`\r${text}${" ".repeat(Math.max(0, width - text.length))}`);
    width = text.length;
    open = true;
  };
  const end = () => {
    if (open) stream.write("\n");
    open = false;
    width = 0;
  };

  return {
    enabled,
    start(l) {
      if (!enabled) return;
      end();
      label = l;
      started = now();
      lastDraw = -Infinity;
      draw(`${label} …`);
    },
    update(done, total) {
      if (!enabled) return;
      const t = now();
      if (done < total && t - lastDraw < o.minIntervalMs) return;
      lastDraw = t;
      draw(progressLine(label, done, total, t - started, o.barWidth, o.unit));
    },
    note(text) {
      if (enabled) draw(text);
    },
    end() {
      if (enabled) end();
    },
  };
}

/** The text of one progress line (exported for tests): bar, counts, and ETA or elapsed time. */
export function progressLine(label: string, done: number, total: number, elapsedMs: number, barWidth: number, unit: string): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(share * barWidth);
  const bar = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]`;
  const time = done >= total ? `done in ${formatSeconds(elapsedMs)}` : done > 0 ? `ETA ${formatSeconds((elapsedMs / done) * (total - done))}` : "ETA –";
  return `${label} ${bar} ${done}/${total} ${unit}  ${time}`;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, "0")} s`;
}
