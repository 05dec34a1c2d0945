/** The school calendar's closures (term breaks, bank holidays, INSET days), and loading the calendar. */
import { SchoolCalendar, isIsoDate, type Closure } from './calendar';
import { cachedCalendar, forgetCalendar } from './calendar-cache';
import { DomainError } from './errors';
import type { Db } from './open';
import { getSettings } from './settings';
import type { Tx } from './tx';

/** Longer than this is a typing mistake (a wrong year), not a holiday. */
export const MAX_CLOSURE_DAYS = 366;

export function closureDays(c: Closure): number {
  return Math.round((Date.parse(`${c.endsOn}T00:00:00Z`) - Date.parse(`${c.startsOn}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface StoredClosure extends Closure {
  id: number;
}

export function listClosures(db: Db, range?: { from?: string; to?: string }): StoredClosure[] {
  return db
    .prepare(
      `SELECT id, starts_on AS startsOn, ends_on AS endsOn, label FROM closures
       WHERE ends_on >= ? AND starts_on <= ? ORDER BY starts_on, id`,
    )
    .all(range?.from ?? '0000-01-01', range?.to ?? '9999-12-31') as StoredClosure[];
}

export function addClosure(tx: Tx, c: Closure): StoredClosure {
  if (!isIsoDate(c.startsOn)) throw new DomainError('RULE', 'Enter the first day as a real date.', 'startsOn');
  if (!isIsoDate(c.endsOn)) throw new DomainError('RULE', 'Enter the last day as a real date.', 'endsOn');
  if (c.endsOn < c.startsOn) throw new DomainError('RULE', 'The last day must be on or after the first day.', 'endsOn');
  if (closureDays(c) > MAX_CLOSURE_DAYS) throw new DomainError('RULE', 'A closure cannot be longer than a year. Enter each holiday separately.', 'endsOn');
  const info = tx.db
    .prepare('INSERT INTO closures (starts_on, ends_on, label, created_at) VALUES (?, ?, ?, ?)')
    .run(c.startsOn, c.endsOn, c.label, tx.now.toISOString());
  const id = Number(info.lastInsertRowid);
  forgetCalendar(tx.db);
  tx.audit({ action: 'closure.add', entity: 'closure', entityId: id, values: { ...c } });
  return { id, ...c };
}

export function removeClosure(tx: Tx, id: number): void {
  const info = tx.db.prepare('DELETE FROM closures WHERE id = ?').run(id);
  if (info.changes === 0) throw new DomainError('NOT_FOUND', 'That closure no longer exists.', 'id');
  forgetCalendar(tx.db);
  tx.audit({ action: 'closure.remove', entity: 'closure', entityId: id });
}

/** The school calendar as stored: the time zone from settings and every closure. */
export function loadCalendar(db: Db): SchoolCalendar {
  return cachedCalendar(db, () => new SchoolCalendar(getSettings(db).timeZone, listClosures(db)));
}
