/**
 * The automatic checks as the hosts run them (electron/main.ts, the preview): on a worker thread
 * when the host gives one (ctx.runChecks), the outcome written on the desk's connection: an audit
 * row, and the 'records-changed' alert on Today when a check fails (db/record-check-run.ts).
 */
import { recordCheckOutcome, runChecks, type CheckJob, type CheckReport } from '../../db/record-check-run';
import { getSettings } from '../../db/settings';
import { write } from '../../db/tx';
import { backupFolder, writeAs, type ApiContext } from './context';
import type { Session } from './session';

export function checkJob(ctx: ApiContext): CheckJob {
  return { file: ctx.files.database, anchorFile: ctx.files.anchor, backupDirs: [backupFolder(ctx)], timeZone: getSettings(ctx.db).timeZone };
}

/** Run every check and record its outcome; by a member of staff (the button) or the app itself. */
export async function runAndRecordChecks(ctx: ApiContext, why: 'start-up' | 'after-backup' | 'daily' | 'manual', session?: Session): Promise<CheckReport> {
  const job = checkJob(ctx);
  const report = ctx.runChecks ? await ctx.runChecks(job) : runChecks(job);
  const record = (tx: Parameters<typeof recordCheckOutcome>[0]) => recordCheckOutcome(tx, report, why);
  if (session) writeAs(ctx, session, record);
  else write({ db: ctx.db, clock: ctx.clock, anchorFile: ctx.files.anchor, log: ctx.log }, { kind: 'system' }, record);
  // the findings name tables, record ids and audit rows only, so the log may hold them for IT
  if (report.ok) ctx.log.info('records.check-passed', { why, records: report.records, auditRows: report.auditRows, ms: report.ms });
  else ctx.log.error('records.check-failed', { why, findings: report.findings.length, first: report.findings.slice(0, 5).map((f) => f.message).join(' | ') });
  return report;
}
