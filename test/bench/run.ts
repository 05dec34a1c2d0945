/**
 * `npm run bench`: generate a 10-year synthetic school, then print one line per figure,
 * `<figure>: p50 <n> ms, p95 <n> ms, target <n> ms`. Figures are never asserted; the exit code is
 * non-zero only when the harness itself fails (a figure throws, or a measured call did not succeed).
 *
 * Adding figures: write them in their own file as `Figure[]` (see core.ts) and append them to
 * `figures` below. They run in order against one generated database; a figure that writes leaves
 * its rows for the figures after it.
 *
 * Environment: BENCH_SEED (default 20260901), BENCH_YEARS (default 10), BENCH_ONLY (run only the
 * figures whose name contains this text), BENCH_DIR (where the run's folder goes; default .bench/),
 * BENCH_KEEP=1 (keep the generated database afterwards), BENCH_VERBOSE=1 (also n, min, mean and max
 * under each figure).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { confiscationFigures, confiscationHistory } from './confiscations';
import { coreFigures } from './core';
import { disposeBench, setupBench, type BenchEnv, type Figure } from './env';
import { phoneFigures, phoneHistoryItems } from './phones';
import { pupilFigures } from './pupils';
import { visitorFigures, visitorHistory } from './visitors';
import { formatMs, printFigure } from './stats';

export type { Figure } from './env';

export const figures: readonly Figure[] = [...coreFigures, ...pupilFigures, ...phoneFigures, ...confiscationFigures, ...visitorFigures];

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function fileSize(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

function describeDatabase(env: BenchEnv): void {
  const s = env.school;
  say(`database: ${path.relative(process.cwd(), env.file) || env.file}, ${mib(fileSize(env.file))} (wal ${mib(fileSize(`${env.file}-wal`))})`);
  say(
    `rows: audit ${s.auditRows}, pupils ${s.pupils} (${s.pupilsOnRoll} on roll, ${s.pupils - s.pupilsOnRoll} left), ` +
      `staff ${s.staff} (${s.staffActive} active), closures ${s.closures}`,
  );
  say(`data: school years ${s.firstYear}-${s.firstYear + s.years} (${s.years}), ${s.changes} generated changes, audit head ${s.head?.seq ?? 0} ${s.head?.hash.slice(0, 12) ?? ''}`);
}

export async function main(): Promise<number> {
  const started = performance.now();
  const seed = Number(process.env.BENCH_SEED ?? 20260901);
  const years = Number(process.env.BENCH_YEARS ?? 10);
  const only = process.env.BENCH_ONLY ?? '';
  const keep = process.env.BENCH_KEEP === '1';
  const verbose = process.env.BENCH_VERBOSE === '1';
  const cpus = os.cpus();

  say(`node ${process.version} (${process.platform} ${process.arch}), ${cpus.length} cpus (${cpus[0]?.model.trim() ?? 'unknown'}), ${mib(os.totalmem())} memory`);

  const { env, generateMs } = await setupBench({ years, seed });
  say(`generated ${years} school years (seed ${seed}) in ${(generateMs / 1000).toFixed(1)} s`);
  describeDatabase(env);

  let failed = 0;
  const over: string[] = [];
  try {
    for (const figure of figures) {
      if (only && !figure.name.includes(only)) continue;
      try {
        const stats = await figure.run(env);
        printFigure(figure.name, stats, figure.target);
        if (verbose) say(`  n ${stats.n}, min ${formatMs(stats.min)} ms, mean ${formatMs(stats.mean)} ms, max ${formatMs(stats.max)} ms`);
        if (stats.p95 > figure.target) over.push(figure.name);
      } catch (err) {
        failed += 1;
        process.stderr.write(`bench: figure "${figure.name}" failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      }
    }
    const errors = env.logEntries.filter((e) => e.level === 'error');
    if (errors.length > 0) {
      failed += 1;
      process.stderr.write(`bench: ${errors.length} errors were logged during the figures, first: ${errors[0]?.event ?? '?'}\n`);
    }
  } finally {
    disposeBench(env, keep);
  }

  if (phoneHistoryItems()) say(`phone figures ran over ${phoneHistoryItems()} items of phone history (ten school years), each movement audited`);
  const conf = confiscationHistory();
  if (conf.records) say(`confiscation figures ran over ${conf.records} records with ${conf.events} custody events (ten school years), each audited`);
  if (visitorHistory()) say(`visitor figures ran over ${visitorHistory()} visits of history (ten school years), each sign-in and sign-out audited`);
  if (over.length) say(`over target (p95): ${over.join('; ')}`);
  if (keep) say(`kept: ${env.dir}`);
  say(`total ${formatMs((performance.now() - started) / 1000)} s`);
  return failed === 0 ? 0 : 1;
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  // As every entry point: what the bench writes (its database, -wal/-shm, backups) is 0660, nothing for others.
  if (process.platform !== 'win32') process.umask(0o007);
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`bench: the harness failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
