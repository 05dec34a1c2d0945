import { addClosure, listClosures, loadCalendar, removeClosure } from '../../../db/closures';
import { writeAs } from '../context';
import type { Handlers } from '.';

export const calendarHandlers: Handlers<'getSchoolDay' | 'listClosures' | 'addClosure' | 'removeClosure'> = {
  getSchoolDay: (ctx, _session, input) => {
    const cal = loadCalendar(ctx.db);
    const date = input?.date ?? cal.today(ctx.clock);
    return {
      date,
      isSchoolDay: cal.isSchoolDay(date),
      closure: cal.closureOn(date),
      nextSchoolDay: cal.nextSchoolDay(date),
      previousSchoolDay: cal.previousSchoolDay(date),
    };
  },
  listClosures: (ctx, _session, input) => listClosures(ctx.db, input),
  addClosure: (ctx, session, input) => writeAs(ctx, session, (tx) => addClosure(tx, input)),
  removeClosure: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => removeClosure(tx, input.id));
    return { removed: input.id };
  },
};
