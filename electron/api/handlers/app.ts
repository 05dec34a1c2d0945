import { getLogo, getSettings } from '../../../db/settings';
import { isSetUp } from '../../../db/setup';
import { newToken } from '../../../db/tokens';
import type { Handlers } from '.';

export const appHandlers: Handlers<'getAppStatus' | 'getSession' | 'print' | 'newTestToken'> = {
  newTestToken: () => ({ token: newToken('printTest') }),
  print: (ctx, _session, input) => ctx.printer.print(input.route, input.paper),
  getAppStatus: (ctx) => {
    const s = getSettings(ctx.db);
    return { schoolName: s.schoolName, accentColour: s.accentColour, logo: getLogo(ctx.db), setupNeeded: !isSetUp(ctx.db) };
  },
  getSession: (_ctx, session) => ({ ...session }),
};
