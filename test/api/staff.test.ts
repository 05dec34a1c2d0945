/** Staff sign-in through the API: first-run setup, unlock with the screen's budget of wrong PINs, recovery, accounts. */
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseRecoveryCode } from '../../db/pins';
import { dispatch } from '../../electron/api/dispatch';
import type { Session } from '../../electron/api/session';
import { TEST_PIN, TEST_RECOVERY_CODE, makeTestDb, sessions, type TestDb } from '../helpers/db';

let t: TestDb;
afterEach(() => t.dispose());

/** Dispatch as a window would: the session changes when unlock or lock says so. */
function windowOf(start: Session = sessions.kiosk) {
  let session = start;
  return {
    get session() {
      return session;
    },
    call: (channel: string, input?: unknown) =>
      dispatch(t.ctx, session, channel, input, (next) => {
        session = next;
      }),
  };
}

describe('first-run setup', () => {
  it('names the school, creates the first admin, returns a recovery code once, and refuses a second setup', async () => {
    t = await makeTestDb();
    const w = windowOf();
    expect(await w.call('getAppStatus')).toMatchObject({ ok: true, value: { setupNeeded: true, schoolName: '' } });
    const r = await w.call('setupSchool', { schoolName: 'Ramsgate Arts Primary School', adminName: 'Ms Hall', pin: '246813' });
    expect(r).toMatchObject({ ok: true, value: { admin: { id: 1, name: 'Ms Hall' } } });
    const code = (r as { value: { recoveryCode: string } }).value.recoveryCode;
    expect(code).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/);
    expect(await w.call('getAppStatus')).toMatchObject({ ok: true, value: { setupNeeded: false, schoolName: 'Ramsgate Arts Primary School' } });
    expect(await w.call('setupSchool', { schoolName: 'Other', adminName: 'Intruder', pin: '975318' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await w.call('listUnlockNames')).toEqual({ ok: true, value: [{ id: 1, name: 'Ms Hall' }] });
    // the recovery code is stored only as a hash
    expect(JSON.stringify(t.db.prepare('SELECT * FROM secrets').all())).not.toContain(normaliseRecoveryCode(code));
  });

  it('refuses an easy PIN with the field named', async () => {
    t = await makeTestDb();
    const r = await windowOf().call('setupSchool', { schoolName: 'A School', adminName: 'Ms Hall', pin: '123456' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'pin' } });
  });
});

describe('unlocking', () => {
  it('unlocks with the right PIN and changes the window to a staff session; lock changes it back', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const w = windowOf();
    expect(await w.call('unlock', { staffId: 4, pin: TEST_PIN })).toEqual({ ok: true, value: { kind: 'staff', staffId: 4, role: 'leadership', dsl: false } });
    expect(w.session).toEqual({ kind: 'staff', staffId: 4, role: 'leadership', dsl: false });
    expect(await w.call('getToday')).toMatchObject({ ok: true });
    expect(await w.call('lock')).toEqual({ ok: true, value: { locked: true } });
    expect(w.session).toEqual({ kind: 'kiosk' });
    expect(await w.call('getToday')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('counts wrong PINs for all accounts on the screen together: 10 free, then a doubling wait; a right PIN during it is refused with the same words', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const w = windowOf();
    // guesses spread over four accounts cost the same as guesses at one
    for (let i = 0; i < 9; i++) {
      expect(await w.call('unlock', { staffId: (i % 4) + 2, pin: '975318' })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'pin', message: 'That PIN is not right. Try again.' } });
    }
    expect(await w.call('unlock', { staffId: 5, pin: '975318' })).toMatchObject({ ok: false, error: { message: 'That PIN is not right. Please wait 30 seconds before trying again.' } });
    const during = (staffId: number, pin: string) => w.call('unlock', { staffId, pin });
    const wrongDuring = await during(2, '975318');
    const rightDuring = await during(2, TEST_PIN);
    expect(rightDuring).toEqual(wrongDuring); // nothing tells a right PIN from a wrong one while the screen waits
    expect(rightDuring).toMatchObject({
      ok: false,
      error: { code: 'RULE', field: 'pin', message: 'Too many wrong PINs have been typed on this screen. Please wait 30 seconds, then try again, or use the recovery code.' },
    });
    expect(w.session).toEqual({ kind: 'kiosk' });
    expect(await w.call('getPinBudget')).toEqual({ ok: true, value: { waitSeconds: 30, recoveryCodeWaitSeconds: 0 } });
    // the real owner of an account is not locked out of it for good: after the wait, the right PIN works
    t.clock.advance(30_000);
    expect(await w.call('unlock', { staffId: 2, pin: TEST_PIN })).toMatchObject({ ok: true });
    // another screen (another host's context) has a budget of its own
    expect(await dispatch({ ...t.ctx, screenId: 'preview' }, sessions.kiosk, 'getPinBudget', {})).toEqual({ ok: true, value: { waitSeconds: 0, recoveryCodeWaitSeconds: 0 } });
  });

  it('alerts the office at five wrong PINs in ten minutes; only an administrator or DSL may deal with it, and the office is not offered it', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const w = windowOf();
    for (let i = 0; i < 4; i++) await w.call('unlock', { staffId: i + 2, pin: '975318' });
    const office = windowOf(sessions.office);
    expect(await office.call('getConsoleAlerts')).toEqual({ ok: true, value: [] });
    t.clock.advance(60_000);
    await w.call('unlock', { staffId: 2, pin: '975318' });
    const seen = await office.call('getConsoleAlerts');
    expect(seen).toMatchObject({ ok: true, value: [{ kind: 'pin-failures', mayDealWith: false, text: expect.stringContaining('the staff screen of this PC') }] });
    const id = (seen as { value: { id: number }[] }).value[0]!.id;
    for (const who of [sessions.office, sessions.leadership]) {
      expect(await windowOf(who).call('resolveAlert', { id })).toEqual({
        ok: false,
        error: { code: 'RULE', field: 'id', message: 'Only an administrator or a DSL can mark a wrong-PIN alert as dealt with.' },
      });
    }
    expect(await windowOf(sessions.officeDsl).call('getConsoleAlerts')).toMatchObject({ ok: true, value: [{ id, mayDealWith: true }] });
    expect(await windowOf(sessions.officeDsl).call('resolveAlert', { id })).toEqual({ ok: true, value: { resolved: id } });
  });

  it('lets an administrator or DSL at the console end the wait for every screen; not the office', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const w = windowOf();
    for (let i = 0; i < 12; i++) await w.call('unlock', { staffId: 2, pin: '975318' });
    expect(await w.call('unlock', { staffId: 2, pin: TEST_PIN })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Please wait 30 seconds') } });
    expect(await windowOf(sessions.office).call('clearPinBudget')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await windowOf(sessions.leadership).call('clearPinBudget')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await windowOf(sessions.leadershipDsl).call('clearPinBudget')).toEqual({ ok: true, value: { cleared: true } });
    expect(await windowOf(sessions.admin).call('getConsoleAlerts')).toEqual({ ok: true, value: [] }); // dealt with by clearing
    expect(await w.call('unlock', { staffId: 2, pin: TEST_PIN })).toMatchObject({ ok: true });
    expect(await windowOf(sessions.admin).call('clearPinBudget')).toEqual({ ok: true, value: { cleared: false } });
  });

  it('ends the wait on this screen with the recovery code, which has its own stricter budget', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const w = windowOf();
    for (let i = 0; i < 12; i++) await w.call('unlock', { staffId: 3, pin: '975318' });
    const wrong = await w.call('clearPinBudgetWithRecoveryCode', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'RULE', field: 'recoveryCode', message: 'That recovery code is not right. Try again.' } });
    await w.call('clearPinBudgetWithRecoveryCode', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' });
    expect(await w.call('clearPinBudgetWithRecoveryCode', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Please wait 30 seconds') } });
    expect(await w.call('clearPinBudgetWithRecoveryCode', { recoveryCode: TEST_RECOVERY_CODE })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Too many wrong recovery codes/) } });
    t.clock.advance(30_000);
    expect(await w.call('clearPinBudgetWithRecoveryCode', { recoveryCode: TEST_RECOVERY_CODE.toLowerCase() })).toEqual({ ok: true, value: { waitSeconds: 0, recoveryCodeWaitSeconds: 0 } });
    expect(await w.call('unlock', { staffId: 3, pin: TEST_PIN })).toMatchObject({ ok: true });
    // never on the visitor-facing screen, which spends none of the office's tries
    const visitorScreen = windowOf({ kind: 'kiosk', publicScreen: true });
    expect(await visitorScreen.call('clearPinBudgetWithRecoveryCode', { recoveryCode: TEST_RECOVERY_CODE })).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(await visitorScreen.call('recoverAdminPin', { staffId: 1, recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD', newPin: '246813' })).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(t.db.prepare('SELECT count(*) FROM pin_budget').pluck().get()).toBe(0);
    // the office still sees that someone was guessing
    expect(await windowOf(sessions.admin).call('getConsoleAlerts')).toMatchObject({ ok: true, value: [{ kind: 'pin-failures' }] });
  });

  it('checks quick tries on one screen one after the other, whatever the account', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const w = windowOf();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => w.call('unlock', { staffId: (i % 4) + 2, pin: '975318' })));
    const streak = t.db.prepare("SELECT streak FROM pin_budget WHERE screen = 'console' AND secret = 'pin'").pluck().get();
    // The first ten are checked and counted; the next two meet the wait the tenth set.
    expect(streak).toBe(10);
    expect(results.map((r) => !r.ok && r.error.message.slice(0, 30))).toEqual([
      ...Array(9).fill('That PIN is not right. Try aga'),
      'That PIN is not right. Please ',
      'Too many wrong PINs have been ',
      'Too many wrong PINs have been ',
    ]);
  });

  it('no longer counts wrong PINs against the account: its owner is never slowed down by guesses at it', async () => {
    t = await makeTestDb(undefined, { staff: true });
    for (let i = 0; i < 9; i++) await windowOf().call('unlock', { staffId: 2, pin: '975318' });
    expect(t.db.prepare('SELECT failed_attempts AS n, retry_after AS r FROM staff WHERE id = 2').get()).toEqual({ n: 0, r: null });
    // on another screen the owner unlocks at once
    expect(await dispatch({ ...t.ctx, screenId: 'office-desk' }, sessions.kiosk, 'unlock', { staffId: 2, pin: TEST_PIN }, () => {})).toMatchObject({ ok: true });
  });

  it('will not unlock an inactive account', async () => {
    t = await makeTestDb(undefined, { staff: true });
    expect(await windowOf(sessions.admin).call('updateStaff', { id: 2, active: false })).toMatchObject({ ok: true });
    expect(await windowOf().call('unlock', { staffId: 2, pin: TEST_PIN })).toMatchObject({ ok: false, error: { field: 'staffId' } });
    expect(await windowOf().call('listUnlockNames')).toMatchObject({ ok: true, value: expect.not.arrayContaining([expect.objectContaining({ id: 2 })]) });
  });
});

describe('the recovery code', () => {
  it("resets an admin's PIN, then stops working; a new code is returned", async () => {
    t = await makeTestDb(undefined, { staff: true });
    const w = windowOf();
    const r = await w.call('recoverAdminPin', { staffId: 1, recoveryCode: TEST_RECOVERY_CODE.toLowerCase().replace(/-/g, ' '), newPin: '246813' });
    expect(r).toMatchObject({ ok: true, value: { recoveryCode: expect.stringMatching(/^[A-Z2-7-]{23}$/) } });
    expect(await w.call('unlock', { staffId: 1, pin: '246813' })).toMatchObject({ ok: true });
    const again = await windowOf().call('recoverAdminPin', { staffId: 1, recoveryCode: TEST_RECOVERY_CODE, newPin: '975318' });
    expect(again).toMatchObject({ ok: false, error: { code: 'RULE', field: 'recoveryCode' } });
  });

  it('does not reset a non-admin PIN', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const r = await windowOf().call('recoverAdminPin', { staffId: 2, recoveryCode: TEST_RECOVERY_CODE, newPin: '246813' });
    expect(r).toMatchObject({ ok: false, error: { code: 'RULE', field: 'staffId' } });
  });
});

describe('staff accounts', () => {
  it('adds, edits and deactivates accounts, keeping at least one admin and telling names apart', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const admin = windowOf(sessions.admin);
    const made = await admin.call('createStaff', { name: 'Mr Patel', role: 'office', dsl: true, pin: '246813' });
    expect(made).toMatchObject({ ok: true, value: { name: 'Mr Patel', role: 'office', dsl: true, active: true, hasPin: true } });
    expect(await admin.call('createStaff', { name: 'mr patel', role: 'office', dsl: false, pin: '246813' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'name' },
    });
    expect(await admin.call('updateStaff', { id: 1, role: 'office' })).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(await admin.call('updateStaff', { id: 1, active: false })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'active' } });
    const list = await admin.call('listStaff', {});
    expect(list.ok && (list.value as { name: string }[]).map((s) => s.name)).toContain('Mr Patel');
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('changes your own PIN only with the current one', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const me = windowOf(sessions.office);
    expect(await me.call('changeOwnPin', { currentPin: '975318', newPin: '246813' })).toMatchObject({ ok: false, error: { field: 'currentPin' } });
    expect(await me.call('changeOwnPin', { currentPin: TEST_PIN, newPin: TEST_PIN })).toMatchObject({ ok: false, error: { field: 'newPin' } });
    t.clock.advance(10_000);
    expect(await me.call('changeOwnPin', { currentPin: TEST_PIN, newPin: '246813' })).toEqual({ ok: true, value: { changed: true } });
    expect(await windowOf().call('unlock', { staffId: 2, pin: '246813' })).toMatchObject({ ok: true });
  });
});

describe('the logo and the calendar import', () => {
  const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

  it('accepts a real PNG and refuses an SVG or a file that only claims to be a PNG', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const admin = windowOf(sessions.admin);
    expect(await admin.call('setLogo', { logo: PNG })).toEqual({ ok: true, value: { logo: PNG } });
    expect(await windowOf().call('getAppStatus')).toMatchObject({ ok: true, value: { logo: PNG } });
    expect(await admin.call('setLogo', { logo: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+' })).toMatchObject({ ok: false, error: { field: 'logo' } });
    expect(await admin.call('setLogo', { logo: 'data:image/png;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+' })).toMatchObject({ ok: false, error: { field: 'logo' } });
    expect(await admin.call('setLogo', { logo: null })).toEqual({ ok: true, value: { logo: null } });
  });

  it('checks a CSV of closures first, names each bad line, and saves only a clean file', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const admin = windowOf(sessions.admin);
    const bad = 'First day,Last day,Name\n26/10/2026,30/10/2026,October half term\n31/02/2027,01/03/2027,Typo\n2027-04-05,2027-04-16,\n';
    expect(await admin.call('importClosures', { csv: bad, save: true })).toMatchObject({
      ok: true,
      value: { saved: 0, rows: [{ line: 2, label: 'October half term' }], problems: [{ line: 3 }, { line: 4 }] },
    });
    expect(await admin.call('listClosures', {})).toEqual({ ok: true, value: [] });
    const good = '\uFEFF26/10/2026,30/10/2026,October half term\r\n21/12/2026,01/01/2027,"Christmas, and New Year"\r\n';
    expect(await admin.call('importClosures', { csv: good, save: true })).toMatchObject({ ok: true, value: { saved: 2, problems: [] } });
    expect(await admin.call('getSchoolDay', { date: '2026-10-23' })).toMatchObject({ ok: true, value: { nextSchoolDay: '2026-11-02' } });
  });
});
