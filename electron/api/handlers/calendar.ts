import { addClosure, listClosures, loadCalendar, removeClosure } from '../../../db/closures';
import type { SchoolDay } from '../contract';
import { writeAs, type ApiContext } from '../context';
import type { Handlers } from '.';

/** A calendar closed for over a year has no next school day to show (the settings page says so). */
function orNull(f: () => string): string | null {
  try {
    return f();
  } catch {
    return null;
  }
}

export function schoolDay(ctx: ApiContext, date?: string): SchoolDay {
  const cal = loadCalendar(ctx.db);
  const d = date ?? cal.today(ctx.clock);
  return {
    date: d,
    isSchoolDay: cal.isSchoolDay(d),
    closure: cal.closureOn(d),
    nextSchoolDay: orNull(() => cal.nextSchoolDay(d)),
    previousSchoolDay: orNull(() => cal.previousSchoolDay(d)),
  };
}

export const calendarHandlers: Handlers<'getSchoolDay' | 'listClosures' | 'addClosure' | 'removeClosure'> = {
  getSchoolDay: (ctx, _session, input) => schoolDay(ctx, input?.date),
  listClosures: (ctx, _session, input) => listClosures(ctx.db, input),
  addClosure: (ctx, session, input) => writeAs(ctx, session, (tx) => addClosure(tx, input)),
  removeClosure: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => removeClosure(tx, input.id));
    return { removed: input.id };
  },
};
