import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupNow } from '../../db/backup';
import { DatabaseOpenError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { dispatchRecovery, resetRecoveryAttempts, type RecoveryState } from '../../electron/api/recovery';
import { memoryLogger } from '../../electron/log';
import { TEST_PIN, TEST_RECOVERY_CODE, makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
let backupFile: string;
beforeEach(async () => {
  resetRecoveryAttempts();
  t = await makeTestDb(undefined, { staff: true });
  const info = await backupNow(t.db, { dir: path.join(t.dir, 'backups'), reason: 'daily', clock: t.clock, keep: 5 });
  backupFile = info.file;
  t.close();
});
afterEach(() => t.dispose());

async function brokenState(): Promise<RecoveryState> {
  try {
    (await openDatabase({ file: t.file, clock: t.clock })).close();
  } catch (err) {
    if (err instanceof DatabaseOpenError) {
      return { error: err, file: t.file, backupDirs: [path.join(t.dir, 'backups')], clock: t.clock, log: memoryLogger() };
    }
    throw err;
  }
  throw new Error('expected the database to be refused');
}

describe('recovery mode', () => {
  it('explains a damaged file, lists the verified backups, and restores one with an admin PIN from that backup', async () => {
    fs.writeFileSync(t.file, 'this is not a database '.repeat(500));
    const state = await brokenState();
    const status = await dispatchRecovery(state, 'getRecoveryStatus', {});
    expect(status.result).toMatchObject({ ok: true, value: { needed: true, reason: 'not-a-database', backups: [{ file: backupFile, reason: 'daily' }] } });
    expect(JSON.stringify(status.result)).not.toContain(path.join(t.dir, 'backups')); // file names only

    const admins = await dispatchRecovery(state, 'listRecoveryAdmins', { backup: backupFile });
    expect(admins.result).toEqual({ ok: true, value: [{ id: 1, name: 'Ada Admin' }] });

    const wrong = await dispatchRecovery(state, 'restoreBackup', { backup: backupFile, staffId: 1, pin: '975318' });
    expect(wrong).toMatchObject({ restored: false, result: { ok: false, error: { code: 'RULE', field: 'pin' } } });
    // an office account's PIN does not authorise a restore
    const office = await dispatchRecovery(state, 'restoreBackup', { backup: backupFile, staffId: 2, pin: TEST_PIN });
    expect(office.restored).toBe(false);
    t.clock.advance(60_000);
    const right = await dispatchRecovery(state, 'restoreBackup', { backup: backupFile, staffId: 1, pin: TEST_PIN });
    expect(right).toMatchObject({ restored: true, result: { ok: true, value: { restored: true } } });

    const aside = fs.readdirSync(t.dir).filter((f) => f.includes('before-restore'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(t.dir, aside[0]!), 'utf8')).toContain('this is not a database');
    const reopened = await openDatabase({ file: t.file, clock: t.clock });
    expect((reopened.db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(5);
    reopened.close();
  });

  it('restores over a database from a newer version with the recovery code, keeping the newer file', async () => {
    const raw = new Database(t.file);
    raw.pragma('user_version = 99');
    raw.close();
    const state = await brokenState();
    expect(state.error.reason).toBe('too-new');
    const r = await dispatchRecovery(state, 'restoreBackup', { backup: backupFile, recoveryCode: TEST_RECOVERY_CODE.toLowerCase() });
    expect(r.restored).toBe(true);
    const aside = fs.readdirSync(t.dir).find((f) => f.includes('before-restore') && !f.endsWith('-wal') && !f.endsWith('-shm'));
    const kept = new Database(path.join(t.dir, aside!), { readonly: true });
    expect(kept.pragma('user_version', { simple: true })).toBe(99);
    kept.close();
  });

  it('slows down wrong answers, refuses unknown backups and paths, and answers nothing else', async () => {
    fs.writeFileSync(t.file, 'x'.repeat(5000));
    const state = await brokenState();
    for (let i = 0; i < 3; i++) await dispatchRecovery(state, 'restoreBackup', { backup: backupFile, recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' });
    const waiting = await dispatchRecovery(state, 'restoreBackup', { backup: backupFile, recoveryCode: TEST_RECOVERY_CODE });
    expect(waiting.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/wait 5 seconds/) } });
    expect(waiting.restored).toBe(false);
    expect((await dispatchRecovery(state, 'listRecoveryAdmins', { backup: '../kiosk.sqlite' })).result).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'backup' } });
    expect((await dispatchRecovery(state, 'listRecoveryAdmins', { backup: 'kiosk-2020-01-01T00-00-00-000Z-daily.sqlite' })).result).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await dispatchRecovery(state, 'getSettings', {})).result).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect((await dispatchRecovery(state, 'nope', {})).result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});

describe('recovery, never a blank school (issue 13)', () => {
  it('an empty records file with the backups beside it is recovery mode, and restoring brings the school back', async () => {
    fs.truncateSync(t.file, 0);
    for (const s of ['-wal', '-shm']) fs.rmSync(t.file + s, { force: true });
    const state = await brokenState();
    expect(state.error.reason).toBe('empty');
    expect((await dispatchRecovery(state, 'getAppStatus', {})).result).toMatchObject({ ok: true, value: { setupNeeded: false } });
    expect((await dispatchRecovery(state, 'setupSchool', { schoolName: 'New', adminName: 'Mallory', pin: '482916' })).result).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const r = await dispatchRecovery(state, 'restoreBackup', { backup: backupFile, staffId: 1, pin: TEST_PIN });
    expect(r.restored).toBe(true);
    const reopened = await openDatabase({ file: t.file, clock: t.clock });
    expect((reopened.db.prepare("SELECT name FROM staff WHERE id = 1").get() as { name: string }).name).toBe('Ada Admin');
    reopened.close();
  });

  it('the visitor-facing screen learns only that the app is closed: no files, no backups, no restore', async () => {
    for (const s of ['', '-wal', '-shm']) fs.rmSync(t.file + s, { force: true });
    const state = await brokenState();
    expect(state.error.reason).toBe('missing');
    const pub = { publicScreen: true };
    expect((await dispatchRecovery(state, 'getSession', {}, pub)).result).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
    const status = await dispatchRecovery(state, 'getRecoveryStatus', {}, pub);
    expect(status.result).toEqual({ ok: true, value: { needed: true, reason: 'missing', message: '', file: '', backups: [] } });
    expect((await dispatchRecovery(state, 'listRecoveryAdmins', { backup: backupFile }, pub)).result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const restore = await dispatchRecovery(state, 'restoreBackup', { backup: backupFile, staffId: 1, pin: TEST_PIN }, pub);
    expect(restore).toMatchObject({ restored: false, result: { ok: false, error: { code: 'FORBIDDEN' } } });
    expect(fs.existsSync(t.file)).toBe(false);
  });
});
