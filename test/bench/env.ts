/**
 * What every benchmark figure is given: the generated 10-year database file, its anchor, a clock
 * that carries on from the generated data, staff sessions, and (opened on first use) one shared
 * connection with an API context over it, as the app holds one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorPathFor } from '../../db/audit';
import { manualClock, type ManualClock } from '../../db/clock';
import { PIN_SCRYPT } from '../../db/pins';
import { openDatabase, type KioskDatabase } from '../../db/open';
import { browserPrinter, oneScreen, type ApiContext } from '../../electron/api/context';
import type { ApiResult } from '../../electron/api/contract';
import type { Session } from '../../electron/api/session';
import { memoryLogger, type LogEntry } from '../../electron/log';
import { generateSchool, type GeneratedSchool } from './generate';
import type { Stats } from './stats';

/** A figure: `run` measures and returns the timings; the runner prints the line. */
export interface Figure {
  name: string;
  /** Target in milliseconds (compared with p95 in the summary; never asserted). */
  target: number;
  run(env: BenchEnv): Promise<Stats>;
}

export interface BenchEnv {
  /** This run's folder (removed at the end unless BENCH_KEEP=1). */
  readonly dir: string;
  readonly file: string;
  readonly anchorFile: string;
  readonly school: GeneratedSchool;
  /** Carries on from the end of the generated data; figures that write advance it. */
  readonly clock: ManualClock;
  readonly sessions: { readonly office: Session; readonly admin: Session };
  /** Entries logged through the shared context; an error here means a figure measured a failure. */
  readonly logEntries: readonly LogEntry[];
  /** The shared connection and API context, opened on first use. */
  api(): Promise<{ kdb: KioskDatabase; ctx: ApiContext }>;
  /** Close the shared connection (figures that open the file themselves call this first). */
  release(): void;
  /** A new empty folder inside the run's folder. */
  scratch(name: string): string;
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function defaultBenchRoot(): string {
  return process.env.BENCH_DIR ? path.resolve(process.env.BENCH_DIR) : fileURLToPath(new URL('../../.bench/', import.meta.url));
}

export interface SetupOptions {
  years: number;
  seed: number;
  root?: string;
  onYear?: (year: number, changesSoFar: number) => void;
}

/** Generate the school into a fresh folder; returns the environment and how long generating took. */
export async function setupBench(opts: SetupOptions): Promise<{ env: BenchEnv; generateMs: number }> {
  const root = opts.root ?? defaultBenchRoot();
  fs.mkdirSync(root, { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'run-'));
  const file = path.join(dir, 'kiosk.sqlite');
  const anchorFile = anchorPathFor(file);

  const started = performance.now();
  const first = await openDatabase({ file, clock: manualClock(`2016-08-31T12:00:00Z`) });
  let school: GeneratedSchool;
  try {
    school = generateSchool(first.db, { years: opts.years, seed: opts.seed, anchorFile, onYear: opts.onYear });
  } finally {
    first.close();
  }
  // The generator writes with synchronous=OFF: put its pages on the disk now, so the kernel's
  // write-back does not land in the middle of the timed fsyncs.
  for (const f of [file, anchorFile, dir]) fsyncPath(f);
  const generateMs = performance.now() - started;

  const clock = manualClock(school.endedAt);
  clock.advance(60_000);
  const log = memoryLogger();
  let shared: { kdb: KioskDatabase; ctx: ApiContext } | null = null;
  let scratchNo = 0;

  const env: BenchEnv = {
    dir,
    file,
    anchorFile,
    school,
    clock,
    sessions: {
      office: { kind: 'staff', staffId: school.officeStaffId, role: 'office', dsl: false },
      admin: { kind: 'staff', staffId: school.adminStaffId, role: 'admin', dsl: false },
    },
    logEntries: log.entries,
    async api() {
      if (!shared) {
        const kdb = await openDatabase({ file, clock, log });
        shared = { kdb, ctx: { db: kdb.db, clock, log, files: { database: kdb.file, anchor: kdb.anchorFile }, security: { scrypt: PIN_SCRYPT }, printer: browserPrinter, screens: oneScreen() } };
      }
      return shared;
    },
    release() {
      shared?.kdb.close();
      shared = null;
    },
    scratch(name) {
      scratchNo += 1;
      const d = path.join(dir, `${String(scratchNo).padStart(2, '0')}-${name.replace(/[^a-z0-9-]+/gi, '-')}`);
      fs.mkdirSync(d, { recursive: true });
      return d;
    },
  };
  return { env, generateMs };
}

export function disposeBench(env: BenchEnv, keep: boolean): void {
  env.release();
  if (!keep) fs.rmSync(env.dir, { recursive: true, force: true });
}

/** The value of a dispatch result, or a thrown error naming the channel and the error code. */
export function expectOk<T>(channel: string, result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
