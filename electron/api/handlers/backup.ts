import { backupNow, listBackups, type BackupInfo } from '../../../db/backup';
import { getSettings } from '../../../db/settings';
import type { BackupSummary } from '../contract';
import { backupFolder, writeAs } from '../context';
import type { Handlers } from '.';

function summary({ path: _path, ...rest }: BackupInfo): BackupSummary {
  return rest;
}

export const backupHandlers: Handlers<'backupNow' | 'listBackups'> = {
  backupNow: async (ctx, session) => {
    const info = await backupNow(ctx.db, { dir: backupFolder(ctx), reason: 'manual', clock: ctx.clock, keep: getSettings(ctx.db).backupsKept });
    writeAs(ctx, session, (tx) => tx.audit({ action: 'backup.manual', entity: 'backup', entityId: info.file }));
    return summary(info);
  },
  listBackups: (ctx) => {
    const folder = backupFolder(ctx);
    return { folder, kept: getSettings(ctx.db).backupsKept, backups: listBackups(folder).map(summary) };
  },
};
