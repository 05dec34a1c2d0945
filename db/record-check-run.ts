/**
 * Running the checks by themselves (at start-up, after each backup, daily) and what their outcome
 * does. The checks run on a worker thread (db/check-worker.ts) with their own read-only
 * connection, so the desk's connection is never held while 200,000 audit rows are re-hashed; the
 * outcome is written on the desk's connection: an audit row for every check, and a
 * 'records-changed' alert on Today when one fails.
 *
 * The checks are a list (CHECKS): the record check (db/record-check.ts) and the witnesses
 * (db/witnesses.ts: backups and the anchor against the trail). A new check is added there.
 */
import { Worker } from 'node:worker_threads';
import { readAnchor } from './audit';
import { openAlertIdsFor, raiseAlert } from './alerts';
import type { Db } from './open';
import { openRaw } from './open';
import { checkRecords } from './record-check';
import type { Tx } from './tx';
import { checkWitnesses } from './witnesses';

export interface CheckJob {
  /** The database file. */
  file: string;
  /** The anchor beside it; null when there is none to compare (unit tests). */
  anchorFile: string | null;
  /** The folders backups are kept in, for the witnesses. */
  backupDirs: readonly string[];
  timeZone?: string;
  /** The driver build the host uses (the Electron app's own), for the worker's connection. */
  nativeBinding?: string | undefined;
}

/** One finding of any check, in words that name records by table, id and audit row only. */
export interface CheckFinding {
  check: string;
  kind: string;
  message: string;
}

export interface CheckReport {
  ok: boolean;
  findings: CheckFinding[];
  /** Records compared and audit rows re-hashed. */
  records: number;
  auditRows: number;
  ms: number;
}

interface Check {
  name: string;
  run(db: Db, job: CheckJob): { findings: CheckFinding[]; records?: number; auditRows?: number };
}

const CHECKS: readonly Check[] = [
  {
    name: 'records',
    run(db, job) {
      const r = checkRecords(db, { anchor: job.anchorFile ? readAnchor(job.anchorFile) : null });
      const findings: CheckFinding[] = r.findings.map((f) => ({ check: 'records', kind: f.kind, message: f.message }));
      if (r.more) findings.push({ check: 'records', kind: 'more', message: 'There are more findings than are listed here.' });
      return { findings, records: r.records, auditRows: r.auditRows };
    },
  },
  {
    name: 'witnesses',
    run(db, job) {
      const r = checkWitnesses(db, { backupDirs: job.backupDirs, anchorFile: job.anchorFile, ...(job.timeZone ? { timeZone: job.timeZone } : {}) });
      return { findings: r.findings.map((f) => ({ check: 'witnesses', kind: f.kind, message: f.message })) };
    },
  },
];

/** Every check, on a read-only connection of its own. */
export function runChecks(job: CheckJob): CheckReport {
  const started = performance.now();
  const db = openRaw(job.file, { readonly: true, mustExist: true });
  try {
    const findings: CheckFinding[] = [];
    let records = 0;
    let auditRows = 0;
    for (const check of CHECKS) {
      const r = check.run(db, job);
      findings.push(...r.findings);
      records += r.records ?? 0;
      auditRows += r.auditRows ?? 0;
    }
    return { ok: findings.length === 0, findings, records, auditRows, ms: Math.round(performance.now() - started) };
  } finally {
    db.close();
  }
}

/**
 * The checks on a worker thread. `workerFile` is the built worker (dist/electron/check-worker.cjs
 * in the app; test/helpers/check-worker-tsx.mjs, which loads db/check-worker.ts with tsx, in the
 * tests and the preview).
 */
export function checkInWorker(job: CheckJob, workerFile: string | URL): Promise<CheckReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: job });
    let settled = false;
    worker.once('message', (report: CheckReport) => {
      settled = true;
      resolve(report);
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the check worker stopped (exit code ${code}) without an answer`));
    });
  });
}

export const RECORDS_CHANGED_ALERT = { kind: 'records-changed', entity: null, entityId: null } as const;

/**
 * Write a check's outcome into the trail on the desk's connection; a failed check raises the
 * 'records-changed' alert unless one is open already. The findings go to the trail only as a count
 * (their words are in the report and the log); the alert keeps nothing but its time.
 */
export function recordCheckOutcome(tx: Tx, report: CheckReport, why: string): { alert: number | null } {
  tx.audit({ action: report.ok ? 'records.check-passed' : 'records.check-failed', entity: 'records', entityId: null, values: { why, findings: report.findings.length } });
  if (report.ok) return { alert: null };
  const open = openAlertIdsFor(tx.db, RECORDS_CHANGED_ALERT);
  if (open.length > 0) return { alert: open[0]! };
  return { alert: raiseAlert(tx, RECORDS_CHANGED_ALERT) };
}

/** When the last check that found nothing wrong ran, or null. */
export function lastGoodCheck(db: Db): string | null {
  const at = db.prepare("SELECT at FROM audit WHERE action = 'records.check-passed' ORDER BY seq DESC LIMIT 1").pluck().get() as string | undefined;
  return at ?? null;
}
