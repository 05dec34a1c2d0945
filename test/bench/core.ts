/**
 * The foundation's figures: opening the database, a simple read and an audited write through the
 * dispatcher, verifying the whole audit chain, and the full record and chain check (issue 14).
 */
import path from 'node:path';
import { readAnchor, verifyAudit } from '../../db/audit';
import { openDatabase } from '../../db/open';
import { runChecks } from '../../db/record-check-run';
import { checkJob } from '../../electron/api/checks';
import { nullLogger } from '../../electron/log';
import { dispatch } from '../../electron/api/dispatch';
import { expectOk, type Figure } from './env';
import { measure } from './stats';

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const coreFigures: Figure[] = [
  {
    name: 'open 10-year database (migrations + quick_check)',
    target: 500,
    async run(env) {
      env.release();
      return measure(() => openDatabase({ file: env.file, clock: env.clock, log: nullLogger }), {
        warmup: 2,
        iterations: 15,
        after: (kdb) => {
          const version = kdb.db.pragma('user_version', { simple: true }) as number;
          kdb.close();
          if (version !== kdb.schemaVersion) throw new Error(`reopened at schema ${version}, expected ${kdb.schemaVersion}`);
        },
      });
    },
  },
  {
    name: 'open new database (create + migrate)',
    target: 500,
    async run(env) {
      const dir = env.scratch('fresh');
      return measure((i) => openDatabase({ file: path.join(dir, `fresh-${i}.sqlite`), clock: env.clock, log: nullLogger }), {
        warmup: 2,
        iterations: 15,
        after: (kdb) => kdb.close(),
      });
    },
  },
  {
    name: 'dispatch round trip, simple read (getSettings)',
    target: 1,
    async run(env) {
      const { ctx } = await env.api();
      return measure(() => dispatch(ctx, env.sessions.office, 'getSettings', {}), {
        warmup: 500,
        iterations: 5000,
        after: (result) => void expectOk('getSettings', result),
      });
    },
  },
  {
    name: 'audited write with fsync (addClosure via dispatch)',
    target: 5,
    async run(env) {
      const { ctx } = await env.api();
      // One-day closures on days after the generated years, so nothing real is disturbed.
      const from = Date.parse('2031-01-01T00:00:00Z');
      return measure(
        (i) => {
          const day = isoDay(from + i * 86_400_000);
          return dispatch(ctx, env.sessions.admin, 'addClosure', { startsOn: day, endsOn: day, label: `Bench closure ${i + 1}` });
        },
        {
          warmup: 20,
          iterations: 300,
          before: () => env.clock.advance(30_000),
          after: (result) => void expectOk('addClosure', result),
        },
      );
    },
  },
  {
    name: 'verify audit chain (200k rows)',
    target: 2000,
    async run(env) {
      const { ctx } = await env.api();
      return measure(() => verifyAudit(ctx.db, readAnchor(env.anchorFile)), {
        warmup: 1,
        iterations: 5,
        after: (verdict) => {
          if (!verdict.ok) throw new Error(`the generated audit chain does not verify: ${verdict.problem} at ${verdict.seq}`);
          if (verdict.anchor !== 'matches') throw new Error(`the anchor is ${verdict.anchor}, expected it to match`);
        },
      });
    },
  },
  {
    // what the check worker does (db/record-check-run.ts): its own read-only connection, every
    // covered record's keyed state, the trail's states replayed, the chain re-hashed, the witnesses
    name: 'full record and chain check (10-year database, own read-only connection)',
    target: 5000,
    async run(env) {
      const { ctx } = await env.api();
      const job = checkJob(ctx);
      return measure(() => runChecks(job), {
        warmup: 1,
        iterations: 3,
        after: (report) => {
          if (!report.ok) throw new Error(`the generated school fails the check: ${report.findings[0]?.message ?? '?'}`);
        },
      });
    },
  },
];
