import { DomainError } from '../../../db/errors';
import { getLogo, getSettings } from '../../../db/settings';
import { isSetUp } from '../../../db/setup';
import { newToken } from '../../../db/tokens';
import type { Handlers } from '.';

const ONLY_IN_RECOVERY = 'Restoring from here is offered only when Reception Kiosk cannot open its records. Backups are in Settings › Backups.';

export const appHandlers: Handlers<'getAppStatus' | 'getSession' | 'print' | 'newTestToken' | 'getRecoveryStatus' | 'listRecoveryAdmins' | 'restoreBackup'> = {
  getRecoveryStatus: () => ({ needed: false }),
  listRecoveryAdmins: () => {
    throw new DomainError('RULE', ONLY_IN_RECOVERY);
  },
  restoreBackup: () => {
    throw new DomainError('RULE', ONLY_IN_RECOVERY);
  },
  newTestToken: () => ({ token: newToken('printTest') }),
  print: (ctx, session, input) => ctx.printer.print(input.route, input.paper, { dialogAllowed: session.kind === 'staff' }),
  getAppStatus: (ctx) => {
    const s = getSettings(ctx.db);
    return { schoolName: s.schoolName, accentColour: s.accentColour, logo: getLogo(ctx.db), setupNeeded: !isSetUp(ctx.db) };
  },
  getSession: (_ctx, session) => ({ ...session }),
};
