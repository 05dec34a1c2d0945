import { getSettings, updateSettings, type Settings } from '../../../db/settings';
import { writeAs } from '../context';
import type { Handlers } from '.';

export const settingsHandlers: Handlers<'getSettings' | 'updateSettings'> = {
  getSettings: (ctx) => getSettings(ctx.db),
  updateSettings: (ctx, session, input) => {
    const patch: Partial<Settings> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
    writeAs(ctx, session, (tx) => updateSettings(tx, patch));
    return getSettings(ctx.db);
  },
};
