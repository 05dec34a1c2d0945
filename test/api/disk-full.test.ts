/**
 * A full disk through dispatch (issue 13): staff are told plainly that nothing was saved and who
 * to tell (code DISK_FULL); the public screen only "Sorry, we could not sign you in. Please see the
 * office." (code UNAVAILABLE), never why. Reads go on, the event is logged for IT, and Today warns
 * administrators (only them) before the disk fills.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../db/audit';
import { addContact } from '../../db/contacts';
import { DISK_FULL_MESSAGE } from '../../db/errors';
import { grantPhonePermission } from '../../db/phones';
import { createPupil } from '../../db/pupils';
import { write } from '../../db/tx';
import type { ApiResult, KioskSignInResult, TodaySummary } from '../../electron/api/contract';
import { SPACE_MARGIN_BYTES } from '../../electron/api/disk-space';
import { dispatch, PUBLIC_SIGN_IN_PROBLEM } from '../../electron/api/dispatch';
import { publicScreenSession, type Session } from '../../electron/api/session';
import { apiCalls } from '../helpers/api';
import { TEST_PIN, TEST_RECOVERY_CODE, makeTestDb, sessions, snapshot, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T08:40:00Z', { staff: true }); // a Wednesday morning
});
afterEach(() => {
  vi.restoreAllMocks();
  t.dispose();
});
const { ok, call } = apiCalls(() => t);

const office: Actor = { kind: 'staff', staffId: 2 };
function permittedPupils(n: number): number[] {
  return Array.from({ length: n }, (_, i) =>
    write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, office, (tx) => {
      const p = createPupil(tx, { forename: `Pupil${i}`, surname: 'Full', yearGroup: 6, regGroup: '6F', upn: null, adno: null });
      const parent = addContact(tx, p.id, { name: `Parent${i} Full`, relationship: 'Parent', phone: '', mayCollect: true });
      grantPhonePermission(tx, { pupilId: p.id, contactId: parent.id, reason: 'Walks home alone' });
      return p.id;
    }),
  );
}

const fillDisk = () => t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true }) as number}`);
const freeSpace = () => t.db.pragma('max_page_count = 4294967294');

/** Make calls on the full disk until one is refused (the first ones fit in pages already there); that refusal, and nothing changed by it. */
async function untilRefused(attempt: (i: number) => Promise<ApiResult<unknown>>, most = 60, saved = (r: ApiResult<unknown>): boolean => r.ok): Promise<{ i: number; result: ApiResult<unknown> }> {
  for (let i = 0; i < most; i++) {
    const before = snapshot(t.db);
    const result = await attempt(i);
    if (saved(result)) continue;
    expect(snapshot(t.db)).toEqual(before);
    return { i, result };
  }
  throw new Error(`the disk never filled in ${most} calls`);
}

const sign = (name: string) => ({ typeKey: 'visitor', name, organisation: 'County Council', visiting: 'Mrs Head', textsVersion: 1, agreed: true });

describe('a change on a full disk, through the API', () => {
  it('a staff session is told the disk is full and nothing was saved; reads go on; the same call works once space is freed', async () => {
    const ids = permittedPupils(40);
    fillDisk();
    const { i, result } = await untilRefused((k) => call(sessions.office, 'phoneCheckIn', { pupilId: ids[k] }));
    expect(result).toEqual({ ok: false, error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } });
    expect(t.log.entries).toContainEqual(
      expect.objectContaining({ level: 'error', event: 'api.disk-full', fields: expect.objectContaining({ channel: 'phoneCheckIn', session: 'staff:2', errorCode: 'SQLITE_FULL' }) }),
    );
    // the app keeps reading while the disk is full
    expect(await ok<TodaySummary>(sessions.office, 'getToday')).toMatchObject({ phones: { checkedInToday: i } });
    await ok(sessions.office, 'getPhoneDesk', {});
    freeSpace();
    await ok(sessions.office, 'phoneCheckIn', { pupilId: ids[i] });
    expect(await ok<TodaySummary>(sessions.office, 'getToday')).toMatchObject({ phones: { checkedInToday: i + 1 } });
  });

  it('the public screen only hears "Sorry, we could not sign you in. Please see the office."', async () => {
    fillDisk();
    const { i, result } = await untilRefused((k) => call(sessions.kiosk, 'kioskSignIn', sign(`Sam Visitor ${k}`)));
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'Sorry, we could not sign you in. Please see the office.' } });
    expect(PUBLIC_SIGN_IN_PROBLEM).toBe('Sorry, we could not sign you in. Please see the office.');
    expect(JSON.stringify(result)).not.toMatch(/disk|full|saved|computer|SQLITE/i);
    // the office still learns of it, in the log
    expect(t.log.entries).toContainEqual(expect.objectContaining({ event: 'api.disk-full', fields: expect.objectContaining({ channel: 'kioskSignIn', session: 'kiosk' }) }));
    freeSpace();
    expect(await ok<KioskSignInResult>(sessions.kiosk, 'kioskSignIn', sign(`Sam Visitor ${i}`))).toMatchObject({ kind: 'badge' });
  });

  it('signing out at the kiosk on a full disk: "Sorry, we could not sign you out. Please see the office."', async () => {
    const tokens: string[] = [];
    for (let k = 0; k < 40; k++) {
      const r = await ok<KioskSignInResult>(sessions.kiosk, 'kioskSignIn', sign(`Visitor ${k}`));
      if (r.kind !== 'badge') throw new Error('expected a badge');
      tokens.push(r.badge.token);
    }
    fillDisk();
    const { result } = await untilRefused((k) => call(sessions.kiosk, 'kioskSignOut', { token: tokens[k] }));
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'Sorry, we could not sign you out. Please see the office.' } });
  });

  it('a backup on a full disk: the administrator is told, the log says why, no file is left half-written and the older backups remain', async () => {
    const first = await ok<{ file: string }>(sessions.admin, 'backupNow', {});
    const dir = path.join(t.dir, 'backups');
    const before = fs.readdirSync(dir).sort();
    const real = fs.writeFileSync;
    vi.spyOn(fs, 'writeFileSync').mockImplementation((file, data, opts) => {
      if (String(file).endsWith('.json.tmp')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      real(file, data, opts);
    });
    t.clock.advance(60_000);
    const r = await call(sessions.admin, 'backupNow', {});
    expect(r).toEqual({ ok: false, error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } });
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(t.log.entries).toContainEqual(expect.objectContaining({ event: 'api.disk-full', fields: expect.objectContaining({ channel: 'backupNow', errorCode: 'ENOSPC' }) }));
    vi.restoreAllMocks();
    expect(await ok<{ backups: { file: string }[] }>(sessions.admin, 'listBackups')).toMatchObject({ backups: [{ file: first.file }] });
  });
});

describe('Today warns administrators before the disk fills', () => {
  const MB = 1024 * 1024;
  const today = (session: (typeof sessions)[keyof typeof sessions], freeSpace: (dir: string) => number) => dispatch({ ...t.ctx, freeSpace }, session, 'getToday', undefined);

  it('below twice the database plus 500 MB: the free space, what is needed and the data folder, for administrators only', async () => {
    const dbBytes = fs.statSync(t.file).size + (fs.existsSync(`${t.file}-wal`) ? fs.statSync(`${t.file}-wal`).size : 0);
    const needed = 2 * dbBytes + SPACE_MARGIN_BYTES;
    const asked: string[] = [];
    const low = (dir: string) => {
      asked.push(dir);
      return needed - 1;
    };
    expect(await today(sessions.admin, low)).toMatchObject({
      ok: true,
      value: { lowDiskSpace: { freeBytes: needed - 1, neededBytes: needed, databaseBytes: dbBytes, folder: path.dirname(t.file) } },
    });
    expect(asked).toEqual([path.dirname(t.file)]);
    for (const s of [sessions.office, sessions.officeDsl, sessions.leadership, sessions.leadershipDsl]) {
      expect(await today(s, low)).toMatchObject({ ok: true, value: { lowDiskSpace: null } });
    }
    expect(await today(sessions.admin, () => needed)).toMatchObject({ ok: true, value: { lowDiskSpace: null } });
    expect(await today(sessions.admin, () => 100 * MB * 1024)).toMatchObject({ ok: true, value: { lowDiskSpace: null } });
  });

  it('a disk whose free space cannot be read gives no warning, and Today still loads', async () => {
    const r = await today(sessions.admin, () => {
      throw Object.assign(new Error('statfs not supported'), { code: 'ENOSYS' });
    });
    expect(r).toMatchObject({ ok: true, value: { lowDiskSpace: null } });
  });

  it('by default reads the real disk (fs.statfsSync)', async () => {
    const spy = vi.spyOn(fs, 'statfsSync');
    const r = await dispatch(t.ctx, sessions.admin, 'getToday', undefined);
    expect(r.ok).toBe(true);
    expect(spy).toHaveBeenCalledWith(path.dirname(t.file));
  });
});

describe('unlocking on a full disk (issue 13): staff at the office screen are told why, and nobody gets in', () => {
  const WRONG_PIN = '975318';
  const quarterHour = () => t.clock.advance(16 * 60_000); // past the longest wait and within the hourly cap: every try is checked
  const unlockAs = (session: Session, pin: string, setSession: (s: Session) => void = () => {}) => dispatch(t.ctx, session, 'unlock', { staffId: 2, pin }, setSession);
  const staffWords = { ok: false, error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } };
  /** A wrong answer that was counted ("not right"): saved, so the disk is not full yet. */
  const counted = (r: ApiResult<unknown>) => !r.ok && r.error.code === 'RULE' && /is not right/.test(r.error.message);

  it('the unlock screen and the recovery code get the staff wording; the visitor screen and visitor sign-in keep the public words', async () => {
    fillDisk();
    const unlocked: Session[] = [];
    const right = await untilRefused(() => unlockAs(sessions.kiosk, TEST_PIN, (s) => unlocked.push(s)));
    expect(right.result).toEqual(staffWords);
    expect(unlocked).toHaveLength(right.i); // the refused unlock changed no session
    expect(t.log.entries).toContainEqual(expect.objectContaining({ event: 'api.disk-full', fields: expect.objectContaining({ channel: 'unlock', session: 'kiosk', errorCode: 'SQLITE_FULL' }) }));

    const recovery = await untilRefused(() => {
      quarterHour();
      return call(sessions.kiosk, 'clearPinBudgetWithRecoveryCode', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' });
    }, 60, counted);
    expect(recovery.result).toEqual(staffWords);

    // the visitor-facing screen never reaches a write, and hears nothing of the disk
    for (const r of [await unlockAs(publicScreenSession, TEST_PIN), await call(publicScreenSession, 'clearPinBudgetWithRecoveryCode', { recoveryCode: TEST_RECOVERY_CODE })]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'RULE', message: 'Staff cannot unlock on the visitor screen. Please use the office screen.' } });
    }
    // a visitor signing in on the same (one-screen) kiosk still only hears to see the office
    const visitor = await untilRefused((k) => call(sessions.kiosk, 'kioskSignIn', sign(`Sam Visitor ${k}`)));
    expect(visitor.result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: PUBLIC_SIGN_IN_PROBLEM } });

    freeSpace();
    expect(await unlockAs(sessions.kiosk, TEST_PIN, (s) => unlocked.push(s))).toMatchObject({ ok: true });
    expect(unlocked.at(-1)).toEqual({ kind: 'staff', staffId: 2, role: 'office', dsl: false });
  });

  it('a wrong PIN the full disk kept from being counted is held and counted first: until it can be, even the right PIN is refused unchecked', async () => {
    for (let k = 0; k < 9; k++) {
      quarterHour();
      expect(await unlockAs(sessions.kiosk, WRONG_PIN)).toMatchObject({ ok: false, error: { code: 'RULE', field: 'pin' } });
    }
    fillDisk();
    const wrong = await untilRefused(() => {
      quarterHour();
      return unlockAs(sessions.kiosk, WRONG_PIN);
    }, 60, counted);
    expect(wrong.result).toEqual(staffWords);
    const streak = () => t.db.prepare("SELECT streak FROM pin_budget WHERE screen = 'console' AND secret = 'pin'").pluck().get() as number;
    const before = streak();
    expect(before).toBeGreaterThanOrEqual(9);

    // the same answer for the right PIN while the miss cannot be written: nothing is checked, nobody is let in
    quarterHour();
    const unlocked: Session[] = [];
    const snap = snapshot(t.db);
    expect(await unlockAs(sessions.kiosk, TEST_PIN, (s) => unlocked.push(s))).toEqual(staffWords);
    expect(snapshot(t.db)).toEqual(snap);
    expect(unlocked).toEqual([]);

    // space again: the held miss is counted before the PIN is looked at, and the wait it sets holds the right PIN too
    freeSpace();
    const r = await unlockAs(sessions.kiosk, TEST_PIN, (s) => unlocked.push(s));
    expect(r).toMatchObject({ ok: false, error: { code: 'RULE', field: 'pin', message: expect.stringMatching(/^Too many wrong PINs have been typed on this screen\. Please wait/) } });
    expect(streak()).toBe(before + 1);
    expect(unlocked).toEqual([]);
    const lastMiss = t.db.prepare("SELECT action, actor FROM audit WHERE action = 'pin-budget.miss' ORDER BY seq DESC LIMIT 1").get();
    expect(lastMiss).toEqual({ action: 'pin-budget.miss', actor: 'kiosk' });

    // the wait over, the right PIN unlocks (once: the held miss was counted once)
    quarterHour();
    expect(await unlockAs(sessions.kiosk, TEST_PIN, (s) => unlocked.push(s))).toMatchObject({ ok: true });
    expect(streak()).toBe(0);
    expect(unlocked).toHaveLength(1);
  });
});
