import { backupNow, chainOf, isOtherChain, listBackups, MIN_DAILY_BACKUPS, removeOtherChainBackup, type BackupInfo } from '../../../db/backup';
import { backupRotation, getSettings } from '../../../db/settings';
import type { BackupSummary } from '../contract';
import { backupFolder, writeAs } from '../context';
import { actorOf } from '../session';
import type { Handlers } from '.';

function summary({ path: _path, ...rest }: BackupInfo): BackupSummary {
  return rest;
}

export const backupHandlers: Handlers<'backupNow' | 'listBackups' | 'removeBackup'> = {
  backupNow: async (ctx, session) => {
    const settings = getSettings(ctx.db);
    // recorded by backupNow with who asked, in one transaction with any pruning it does
    const info = await backupNow(ctx.db, {
      dir: backupFolder(ctx),
      reason: 'manual',
      clock: ctx.clock,
      keep: backupRotation(settings),
      timeZone: settings.timeZone,
      record: { anchorFile: ctx.files.anchor, actor: actorOf(session), action: 'backup.manual', log: ctx.log },
    });
    return summary(info);
  },
  listBackups: (ctx) => {
    const folder = backupFolder(ctx);
    const rotation = backupRotation(getSettings(ctx.db));
    const chain = chainOf(ctx.db);
    return {
      folder,
      kept: rotation.daily,
      rotation,
      minDaily: MIN_DAILY_BACKUPS,
      backups: listBackups(folder).map((b) => ({ ...summary(b), otherChain: isOtherChain(b, chain) })),
    };
  },
  // Another school's backups never rotate away; an administrator may remove one, saying why (audited).
  removeBackup: (ctx, session, input) =>
    writeAs(ctx, session, (tx) => {
      const removed = removeOtherChainBackup(backupFolder(ctx), input.backup, chainOf(ctx.db));
      tx.audit({ action: 'backup.remove-other-chain', entity: 'backup', entityId: removed.file, values: { reason: input.reason, takenAt: removed.takenAt, chain: removed.chain ?? null } });
      return { removed: removed.file };
    }),
};
