import { afterEach, describe, expect, it } from 'vitest';
import { SessionRegistry } from '../../electron/api/sessions';
import { handleCall } from '../../electron/api/transport';
import { TEST_PIN, makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
afterEach(() => t.dispose());

describe('sessions held by the host', () => {
  it('a new window is the kiosk; unlock makes it staff and asks for a reload; lock undoes it', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const reg = new SessionRegistry(t.clock, () => 5);
    const id = reg.open();
    expect(await handleCall(t.ctx, reg, id, 'getSession', {})).toEqual({ result: { ok: true, value: { kind: 'kiosk' } }, reload: false });
    const unlocked = await handleCall(t.ctx, reg, id, 'unlock', { staffId: 2, pin: TEST_PIN });
    expect(unlocked).toMatchObject({ result: { ok: true }, reload: true });
    expect(reg.resolve(id)?.session).toMatchObject({ kind: 'staff', staffId: 2 });
    // a wrong PIN changes nothing and needs no reload
    const other = reg.open();
    expect(await handleCall(t.ctx, reg, other, 'unlock', { staffId: 3, pin: '975318' })).toMatchObject({ result: { ok: false }, reload: false });
    expect(reg.resolve(other)?.session).toEqual({ kind: 'kiosk' });
    expect(await handleCall(t.ctx, reg, id, 'lock', {})).toMatchObject({ result: { ok: true }, reload: true });
    expect(reg.resolve(id)?.session).toEqual({ kind: 'kiosk' });
  });

  it('locks a staff session left idle longer than the setting, on its next call', async () => {
    t = await makeTestDb(undefined, { staff: true });
    let minutes = 5;
    const reg = new SessionRegistry(t.clock, () => minutes);
    const id = reg.open();
    await handleCall(t.ctx, reg, id, 'unlock', { staffId: 2, pin: TEST_PIN });
    t.clock.advance(4 * 60_000);
    expect(await handleCall(t.ctx, reg, id, 'getToday', {})).toMatchObject({ result: { ok: true }, reload: false });
    t.clock.advance(4 * 60_000); // 4 minutes since the last call: still fine
    expect(await handleCall(t.ctx, reg, id, 'getToday', {})).toMatchObject({ result: { ok: true } });
    minutes = 2; // Settings changed: applies at once
    t.clock.advance(3 * 60_000);
    expect(await handleCall(t.ctx, reg, id, 'getToday', {})).toEqual({
      result: { ok: false, error: { code: 'LOCKED', message: 'The staff console locked itself after being left idle.' } },
      reload: true,
    });
    expect(reg.resolve(id)?.session).toEqual({ kind: 'kiosk' });
  });

  it('locks the session of an account switched off, and applies a changed role at once', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const reg = new SessionRegistry(t.clock, () => 5);
    const office = reg.open();
    const admin = reg.open();
    await handleCall(t.ctx, reg, office, 'unlock', { staffId: 2, pin: TEST_PIN });
    await handleCall(t.ctx, reg, admin, 'unlock', { staffId: 1, pin: TEST_PIN });
    expect(await handleCall(t.ctx, reg, office, 'listStaff', {})).toMatchObject({ result: { ok: false, error: { code: 'FORBIDDEN' } } });
    await handleCall(t.ctx, reg, admin, 'updateStaff', { id: 2, role: 'admin' });
    expect(await handleCall(t.ctx, reg, office, 'listStaff', {})).toMatchObject({ result: { ok: true }, reload: true });
    await handleCall(t.ctx, reg, admin, 'updateStaff', { id: 2, active: false });
    expect(await handleCall(t.ctx, reg, office, 'getToday', {})).toMatchObject({ result: { ok: false, error: { code: 'LOCKED' } }, reload: true });
    expect(reg.resolve(office)?.session).toEqual({ kind: 'kiosk' });
  });

  it('treats an unknown session id as reset, and sessions of two windows apart', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const reg = new SessionRegistry(t.clock, () => 5);
    expect(await handleCall(t.ctx, reg, 'made-up', 'getSession', {})).toMatchObject({ result: { ok: false, error: { code: 'LOCKED' } }, reload: true });
    const a = reg.open();
    const b = reg.open();
    expect(a).not.toBe(b);
    await handleCall(t.ctx, reg, a, 'unlock', { staffId: 2, pin: TEST_PIN });
    expect(await handleCall(t.ctx, reg, b, 'getToday', {})).toMatchObject({ result: { ok: false, error: { code: 'FORBIDDEN' } } });
  });
});
