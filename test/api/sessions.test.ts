import { afterEach, describe, expect, it } from 'vitest';
import { SessionRegistry } from '../../electron/api/sessions';
import { handleCall } from '../../electron/api/transport';
import { TEST_PIN, makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
afterEach(() => t.dispose());

describe('sessions held by the host', () => {
  it('a new window is the kiosk; unlock makes it staff under a new token and asks for a reload; lock does the same back', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const reg = new SessionRegistry(t.clock, () => 5);
    const id = reg.open();
    expect(await handleCall(t.ctx, reg, id, 'getSession', {})).toEqual({ result: { ok: true, value: { kind: 'kiosk' } }, reload: false });
    const unlocked = await handleCall(t.ctx, reg, id, 'unlock', { staffId: 2, pin: TEST_PIN });
    expect(unlocked).toMatchObject({ result: { ok: true }, reload: true, sessionId: expect.any(String) as string });
    const staffId = unlocked.sessionId!;
    expect(staffId).not.toBe(id);
    expect(reg.resolve(staffId)?.session).toMatchObject({ kind: 'staff', staffId: 2 });
    // the token from before the unlock is dead: whoever saw it gets a reset screen, never the console
    expect(reg.resolve(id)).toBeNull();
    expect(await handleCall(t.ctx, reg, id, 'getToday', {})).toMatchObject({ result: { ok: false, error: { code: 'LOCKED' } }, reload: true });
    expect((await handleCall(t.ctx, reg, id, 'getToday', {})).sessionId).toBeUndefined();
    // a wrong PIN changes nothing, needs no reload and keeps the token
    const other = reg.open();
    expect(await handleCall(t.ctx, reg, other, 'unlock', { staffId: 3, pin: '975318' })).toEqual({ result: expect.objectContaining({ ok: false }) as unknown, reload: false });
    expect(reg.resolve(other)?.session).toEqual({ kind: 'kiosk' });
    const locked = await handleCall(t.ctx, reg, staffId, 'lock', {});
    expect(locked).toMatchObject({ result: { ok: true }, reload: true, sessionId: expect.any(String) as string });
    expect(reg.resolve(staffId)).toBeNull(); // the staff token is dead after the lock
    expect(reg.resolve(locked.sessionId!)?.session).toEqual({ kind: 'kiosk' });
    expect(new Set([id, staffId, locked.sessionId]).size).toBe(3);
    // locking a kiosk session changes nothing
    expect(await handleCall(t.ctx, reg, other, 'lock', {})).toEqual({ result: { ok: true, value: { locked: true } }, reload: false });
  });

  it('locks a staff session left idle longer than the setting, on its next call, under a new token', async () => {
    t = await makeTestDb(undefined, { staff: true });
    let minutes = 5;
    const reg = new SessionRegistry(t.clock, () => minutes);
    const id = (await handleCall(t.ctx, reg, reg.open(), 'unlock', { staffId: 2, pin: TEST_PIN })).sessionId!;
    t.clock.advance(4 * 60_000);
    expect(await handleCall(t.ctx, reg, id, 'getToday', {})).toMatchObject({ result: { ok: true }, reload: false });
    t.clock.advance(4 * 60_000); // 4 minutes since the last call: still fine
    expect(await handleCall(t.ctx, reg, id, 'getToday', {})).toMatchObject({ result: { ok: true } });
    minutes = 2; // Settings changed: applies at once
    t.clock.advance(3 * 60_000);
    const idle = await handleCall(t.ctx, reg, id, 'getToday', {});
    expect(idle).toEqual({
      result: { ok: false, error: { code: 'LOCKED', message: 'The staff console locked itself after being left idle.' } },
      reload: true,
      sessionId: expect.any(String) as string,
    });
    expect(reg.resolve(id)).toBeNull();
    expect(reg.resolve(idle.sessionId!)?.session).toEqual({ kind: 'kiosk' });
  });

  it('locks the session of an account switched off, and applies a changed role at once', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const reg = new SessionRegistry(t.clock, () => 5);
    let office = (await handleCall(t.ctx, reg, reg.open(), 'unlock', { staffId: 2, pin: TEST_PIN })).sessionId!;
    const admin = (await handleCall(t.ctx, reg, reg.open(), 'unlock', { staffId: 1, pin: TEST_PIN })).sessionId!;
    expect(await handleCall(t.ctx, reg, office, 'listStaff', {})).toMatchObject({ result: { ok: false, error: { code: 'FORBIDDEN' } } });
    await handleCall(t.ctx, reg, admin, 'updateStaff', { id: 2, role: 'admin' });
    const promoted = await handleCall(t.ctx, reg, office, 'listStaff', {});
    expect(promoted).toMatchObject({ result: { ok: true }, reload: true });
    office = promoted.sessionId!;
    await handleCall(t.ctx, reg, admin, 'updateStaff', { id: 2, active: false });
    const off = await handleCall(t.ctx, reg, office, 'getToday', {});
    expect(off).toMatchObject({ result: { ok: false, error: { code: 'LOCKED' } }, reload: true });
    expect(reg.resolve(off.sessionId!)?.session).toEqual({ kind: 'kiosk' });
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

  it('never makes the visitor-facing screen anything else, and never gives it a new token', async () => {
    t = await makeTestDb(undefined, { staff: true });
    const reg = new SessionRegistry(t.clock, () => 5);
    const screen = reg.open(undefined, { publicScreen: true });
    expect(await handleCall(t.ctx, reg, screen, 'unlock', { staffId: 2, pin: TEST_PIN })).toEqual({ result: expect.objectContaining({ ok: false }) as unknown, reload: false });
    expect(reg.resolve(screen)?.session).toEqual({ kind: 'kiosk', publicScreen: true });
    expect(reg.hasPublicScreen()).toBe(true);
  });
});

describe('expiry and the cap (the preview)', () => {
  it('without them (the app), keeps every session however long it is left', async () => {
    t = await makeTestDb();
    const reg = new SessionRegistry(t.clock, () => 5);
    const id = reg.open();
    t.clock.advance(30 * 24 * 3_600_000);
    expect(reg.resolve(id)?.session).toEqual({ kind: 'kiosk' });
  });

  it('forgets a session unused for 12 hours, and a used one only 12 hours after its last use', async () => {
    t = await makeTestDb();
    const reg = new SessionRegistry(t.clock, () => 5, { unusedMs: 12 * 3_600_000, max: 1000 });
    const idle = reg.open();
    const busy = reg.open();
    t.clock.advance(11 * 3_600_000);
    reg.touch(busy);
    t.clock.advance(2 * 3_600_000);
    expect(reg.has(idle)).toBe(false);
    expect(reg.resolve(busy)?.session).toEqual({ kind: 'kiosk' });
    expect(reg.size).toBe(1);
  });

  it('holds at most the cap however many are opened (100,000), forgetting the one unused longest', async () => {
    t = await makeTestDb();
    const reg = new SessionRegistry(t.clock, () => 5, { unusedMs: 12 * 3_600_000, max: 1000 });
    const first = reg.open();
    const kept = reg.open();
    for (let i = 0; i < 100_000; i++) {
      if (i % 500 === 0) reg.touch(kept); // in use now and then: never the oldest
      reg.open();
    }
    expect(reg.size).toBe(1000);
    expect(reg.has(first)).toBe(false);
    expect(reg.has(kept)).toBe(true);
  });
});
