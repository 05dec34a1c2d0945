/**
 * Recovery mode: the database would not open (damaged, from a newer version, unreadable). The app
 * then answers only what the recovery screen needs: why, which verified backups there are, and
 * "restore this backup", authorised by an administrator's PIN or the recovery code as recorded in
 * that backup. The file that would not open is moved aside, never deleted. No `electron` import.
 */
import path from 'node:path';
import { listBackups, restoreBackup } from '../../db/backup';
import type { Clock } from '../../db/clock';
import { DomainError, type DatabaseOpenError } from '../../db/errors';
import { normaliseRecoveryCode, verifySecret } from '../../db/pins';
import { backupAdmins, backupRecoveryHash } from '../../db/recovery';
import { SETTINGS_DEFAULTS } from '../../db/settings';
import { delayAfterFailures } from '../../db/staff';
import type { Logger } from '../log';
import { contract, type ApiResult, type BackupSummary, type RecoveryStatus } from './contract';
import { isChannel } from './dispatch';
import type { z } from './zod';

export interface RecoveryState {
  error: DatabaseOpenError;
  file: string;
  /** Folders that may hold backups: the one last recorded, and the default beside the file. */
  backupDirs: readonly string[];
  clock: Clock;
  log: Logger;
}

const ANSWERED = new Set(['getAppStatus', 'getSession', 'getRecoveryStatus', 'listRecoveryAdmins', 'restoreBackup', 'lock']);

function verifiedBackups(state: RecoveryState) {
  const seen = new Set<string>();
  return state.backupDirs
    .flatMap((dir) => listBackups(dir))
    .filter((b) => (seen.has(b.file) ? false : (seen.add(b.file), true)))
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
}

function findBackup(state: RecoveryState, fileName: string) {
  const found = verifiedBackups(state).find((b) => b.file === fileName);
  if (!found) throw new DomainError('NOT_FOUND', 'That backup is no longer in the backup folder. Choose another.', 'backup');
  return found;
}

/** Wrong answers slow down further tries, as wrong PINs do (one streak for the whole screen). */
let failures = 0;
let retryAt = 0;

export function resetRecoveryAttempts(): void {
  failures = 0;
  retryAt = 0;
}

export function recoveryStatus(state: RecoveryState): RecoveryStatus {
  const backups: BackupSummary[] = verifiedBackups(state).map(({ path: _p, ...rest }) => rest);
  return { needed: true, reason: state.error.reason, message: state.error.message, file: state.file, backups };
}

export interface RecoveryOutcome {
  result: ApiResult<unknown>;
  /** A backup was restored: the host restarts the app on it. */
  restored: boolean;
}

/** What the visitor-facing screen is told: that recovery is needed, nothing about the files or backups. */
export function publicRecoveryStatus(state: RecoveryState): RecoveryStatus {
  return { needed: true, reason: state.error.reason, message: '', file: '', backups: [] };
}

/**
 * Answer one call in recovery mode. `caller.publicScreen`: the visitor-facing screen of a
 * two-screen desk, which only ever shows "Closed: please see the office" and may restore nothing.
 */
export async function dispatchRecovery(state: RecoveryState, channel: unknown, input: unknown, caller: { publicScreen?: boolean } = {}): Promise<RecoveryOutcome> {
  const done = (result: ApiResult<unknown>, restored = false): RecoveryOutcome => ({ result, restored });
  if (!isChannel(channel)) return done({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'The app asked for something it does not have.' } });
  if (!ANSWERED.has(channel)) {
    return done({ ok: false, error: { code: 'LOCKED', message: 'Reception Kiosk cannot open its records. Restore a backup first.' } });
  }
  if (caller.publicScreen && (channel === 'listRecoveryAdmins' || channel === 'restoreBackup')) {
    return done({ ok: false, error: { code: 'FORBIDDEN', message: 'Backups are restored at the office screen, not on the visitor screen.' } });
  }
  const parsed = (contract[channel].input as z.ZodType).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
    return done({ ok: false, error: { code: 'INVALID', message: issue?.message ?? 'That input is not valid.', ...(field ? { field } : {}) } });
  }
  try {
    switch (channel) {
      case 'getAppStatus':
        return done({ ok: true, value: { schoolName: '', accentColour: SETTINGS_DEFAULTS.accentColour, logo: null, setupNeeded: false } });
      case 'getSession':
        return done({ ok: true, value: caller.publicScreen ? { kind: 'kiosk', publicScreen: true } : { kind: 'kiosk' } });
      case 'lock':
        return done({ ok: true, value: { locked: true } });
      case 'getRecoveryStatus':
        return done({ ok: true, value: caller.publicScreen ? publicRecoveryStatus(state) : recoveryStatus(state) });
      case 'listRecoveryAdmins': {
        const { backup } = parsed.data as { backup: string };
        const admins = backupAdmins(findBackup(state, backup).path).map(({ id, name }) => ({ id, name }));
        return done({ ok: true, value: admins });
      }
      case 'restoreBackup': {
        const data = parsed.data as { backup: string } & ({ staffId: number; pin: string } | { recoveryCode: string });
        const now = state.clock.now().getTime();
        if (now < retryAt) {
          const wait = Math.ceil((retryAt - now) / 1000);
          throw new DomainError('RULE', `Too many wrong tries. Please wait ${wait} seconds, then try again.`, 'recoveryCode' in data ? 'recoveryCode' : 'pin');
        }
        const backup = findBackup(state, data.backup);
        let allowed = false;
        if ('recoveryCode' in data) {
          const hash = backupRecoveryHash(backup.path);
          allowed = hash !== null && (await verifySecret(normaliseRecoveryCode(data.recoveryCode), hash));
        } else {
          const admin = backupAdmins(backup.path).find((a) => a.id === data.staffId);
          allowed = !!admin?.pinHash && (await verifySecret(data.pin, admin.pinHash));
        }
        if (!allowed) {
          failures += 1;
          retryAt = now + delayAfterFailures(failures) * 1000;
          state.log.warn('recovery.refused', { failures });
          const what = 'recoveryCode' in data ? 'recovery code' : 'PIN';
          throw new DomainError('RULE', `That ${what} is not right for this backup.`, 'recoveryCode' in data ? 'recoveryCode' : 'pin');
        }
        const { movedAside } = restoreBackup(backup.path, state.file, state.clock);
        resetRecoveryAttempts();
        state.log.info('recovery.restored', { backup: backup.file, reason: state.error.reason });
        return done({ ok: true, value: { restored: true, movedAside: movedAside ? path.basename(movedAside) : null } }, true);
      }
    }
  } catch (err) {
    if (err instanceof DomainError) {
      return done({ ok: false, error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
    }
    state.log.error('recovery.unexpected', { channel, errorName: err instanceof Error ? err.name : 'unknown' });
    return done({ ok: false, error: { code: 'INTERNAL', message: 'The backup could not be restored. Nothing was changed. Please ask the person who looks after the school’s computers.' } });
  }
  return done({ ok: false, error: { code: 'LOCKED', message: 'Reception Kiosk cannot open its records. Restore a backup first.' } });
}
