import { getSettings } from '../../../db/settings';
import type { Handlers } from '.';

export const appHandlers: Handlers<'getAppStatus' | 'getSession'> = {
  getAppStatus: (ctx) => {
    const s = getSettings(ctx.db);
    const staff = ctx.db.prepare('SELECT count(*) AS n FROM staff WHERE active = 1').get() as { n: number };
    return { schoolName: s.schoolName, accentColour: s.accentColour, setupNeeded: staff.n === 0 };
  },
  getSession: (_ctx, session) => ({ ...session }),
};
