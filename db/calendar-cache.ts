/**
 * The school calendar, kept per connection: building one from a decade of closures costs about a
 * millisecond, and every write asks for it. Whatever changes closures or the time zone forgets it
 * (addClosure, removeClosure, updateSettings), and so does any write that rolls back (db/tx.ts),
 * so a calendar read inside a transaction that was then undone is never kept.
 */
import type { SchoolCalendar } from './calendar';
import type { Db } from './open';

const calendars = new WeakMap<Db, SchoolCalendar>();

export function cachedCalendar(db: Db, build: () => SchoolCalendar): SchoolCalendar {
  let cal = calendars.get(db);
  if (!cal) {
    cal = build();
    calendars.set(db, cal);
  }
  return cal;
}

export function forgetCalendar(db: Db): void {
  calendars.delete(db);
}
