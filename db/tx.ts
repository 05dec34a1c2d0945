/**
 * Every change goes through write(): one immediate transaction, the audit row(s) inside it, and
 * the new audit head written to the anchor file after the commit. A transaction that changed rows
 * but wrote no audit row is rolled back: no change without its audit entry. A write that finds the
 * disk full is rolled back whole and becomes DomainError('DISK_FULL') (db/errors.ts).
 */
import { appendAudit, writeAnchor, type Actor, type AuditEntry, type AuditHead } from './audit';
import type { Logger } from '../electron/log';
import type { Clock } from './clock';
import { forgetCalendar } from './calendar-cache';
import { DomainError, diskFullError, isDiskFull } from './errors';
import type { Db } from './open';

export interface WriteContext {
  db: Db;
  clock: Clock;
  /** Where the newest audit head is kept outside the database; null in unit tests that do not care. */
  anchorFile: string | null;
  log?: Logger;
}

export interface Tx {
  readonly db: Db;
  /** The one instant this change happens at. */
  readonly now: Date;
  readonly actor: Actor;
  audit(entry: AuditEntry): void;
}

const totalChangesStmt = new WeakMap<Db, { get(): unknown }>();
function totalChanges(db: Db): number {
  let stmt = totalChangesStmt.get(db);
  if (!stmt) {
    stmt = db.prepare('SELECT total_changes()').pluck();
    totalChangesStmt.set(db, stmt);
  }
  return stmt.get() as number;
}

export function write<T>(ctx: WriteContext, actor: Actor, fn: (tx: Tx) => T): T {
  const { db } = ctx;
  let head: AuditHead | null = null;
  const run = db.transaction(() => {
    const before = totalChanges(db);
    const now = ctx.clock.now();
    // Appended once the change is done, so the first of them lists the states of every record the
    // transaction touched, whichever order the module wrote rows and called audit() in
    const entries: AuditEntry[] = [];
    const tx: Tx = {
      db,
      now,
      actor,
      audit(entry) {
        entries.push(entry);
      },
    };
    const result = fn(tx);
    if (result instanceof Promise) throw new Error('write(): the change must be synchronous');
    if (entries.length === 0 && totalChanges(db) !== before) {
      throw new Error('write(): rows changed without an audit entry; rolled back');
    }
    for (const entry of entries) head = appendAudit(db, actor, now, entry);
    return result;
  });
  let result: T;
  try {
    result = run.immediate();
  } catch (err) {
    forgetCalendar(db); // it may have been read, or changed, inside the undone transaction
    if (isDiskFull(err) && !(err instanceof DomainError)) {
      // better-sqlite3 has rolled the whole transaction back (SQLite may already have), so
      // nothing of it is saved and the connection is fit for reads and, once there is space, writes.
      ctx.log?.warn('db.disk-full', { code: (err as { code?: string }).code ?? 'unknown', rolledBack: !db.inTransaction });
      throw diskFullError(err);
    }
    throw err;
  }
  if (head && ctx.anchorFile) {
    // The change is committed: the office must be told it is saved, even if the disk filled up
    // just now. A failed anchor write leaves the old anchor whole (temp file + rename), which
    // reads as 'behind' and verifies; the next write brings it up to date.
    try {
      writeAnchor(ctx.anchorFile, head);
    } catch (err) {
      ctx.log?.error('audit.anchor-write-failed', { code: (err as { code?: string }).code ?? 'unknown', diskFull: isDiskFull(err) });
    }
  }
  return result;
}
