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
import { apiCalls } from '../helpers/api';
import { makeTestDb, sessions, snapshot, type TestDb } from '../helpers/db';

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
async function untilRefused(attempt: (i: number) => Promise<ApiResult<unknown>>, most = 60): Promise<{ i: number; result: ApiResult<unknown> }> {
  for (let i = 0; i < most; i++) {
    const before = snapshot(t.db);
    const result = await attempt(i);
    if (result.ok) continue;
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
