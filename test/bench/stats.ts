/**
 * Timing and printing for `npm run bench`. Figures are printed, never asserted: one line each,
 * exactly `<figure>: p50 <n> ms, p95 <n> ms, target <n> ms`.
 */
import { performance } from 'node:perf_hooks';

export interface Stats {
  /** Timed iterations (warm-up excluded). */
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export interface MeasureOptions<T> {
  /** Untimed runs first (JIT, statement and page caches). */
  warmup: number;
  /** Timed runs. */
  iterations: number;
  /** Runs after each call, untimed, with what the call returned (close a handle, check a result). */
  after?: (result: T, iteration: number) => void | Promise<void>;
  /** Runs before each call, untimed. */
  before?: (iteration: number) => void | Promise<void>;
}

/** The q-quantile (0..1) of sorted values, interpolating between the closest ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export function summarise(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((x, y) => x - y);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    n: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Time `fn` with performance.now(); `fn` may be async (its promise is awaited inside the timing). */
export async function measure<T>(fn: (iteration: number) => T | Promise<T>, opts: MeasureOptions<T>): Promise<Stats> {
  if (!(opts.iterations >= 1)) throw new Error('measure(): at least one iteration');
  let i = 0;
  for (let w = 0; w < opts.warmup; w++, i++) {
    await opts.before?.(i);
    const result = await fn(i);
    await opts.after?.(result, i);
  }
  const samples: number[] = [];
  for (let k = 0; k < opts.iterations; k++, i++) {
    await opts.before?.(i);
    const started = performance.now();
    const result = await fn(i);
    samples.push(performance.now() - started);
    await opts.after?.(result, i);
  }
  return summarise(samples);
}

/** A number of milliseconds with at most two decimals, no trailing zeros: 0.05, 1.5, 12. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const rounded = Math.round(ms * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The one figure line format. */
export function formatFigure(name: string, stats: Pick<Stats, 'p50' | 'p95'>, targetMs: number): string {
  return `${name}: p50 ${formatMs(stats.p50)} ms, p95 ${formatMs(stats.p95)} ms, target ${formatMs(targetMs)} ms`;
}

export function printFigure(name: string, stats: Pick<Stats, 'p50' | 'p95'>, targetMs: number): void {
  process.stdout.write(`${formatFigure(name, stats, targetMs)}\n`);
}
