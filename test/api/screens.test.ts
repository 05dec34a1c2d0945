/** The two-screen desk: the visitor screen's session can never be staff, gets the tasks meant for it, and hands a signature to the office once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScreenBroker } from '../../electron/api/screens';
import { publicScreenSession, type Session } from '../../electron/api/session';
import { SessionRegistry } from '../../electron/api/sessions';
import { handleCall } from '../../electron/api/transport';
import { makeTestDb, sessions, TEST_PIN, type TestDb } from '../helpers/db';
import { apiCalls } from '../helpers/api';
import { SIGNATURE_URL } from './inputs';

let t: TestDb;
let present = true;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T15:20:00Z', { staff: true });
  present = true;
  Object.assign(t.ctx, { screens: { broker: new ScreenBroker(() => t.clock.now().getTime()), hasPublicScreen: () => present } });
});
afterEach(() => t.dispose());
const { ok, call } = apiCalls(() => t);
const visitorScreen: Session = publicScreenSession;

describe('the visitor-facing screen', () => {
  it('asks the person at the visitor screen to sign, and hands the signature to the office once', async () => {
    expect(await ok(sessions.office, 'getScreens', {})).toEqual({ visitorScreen: true });
    expect(await ok(visitorScreen, 'getPublicTask', {})).toBeNull();
    const { requestId } = await ok<{ requestId: string }>(sessions.office, 'requestPublicSignature', { prompt: 'Please sign to confirm you have collected the item.' });
    expect(await ok(visitorScreen, 'getPublicTask', {})).toEqual({ kind: 'signature', id: requestId, prompt: 'Please sign to confirm you have collected the item.' });
    // an ordinary kiosk tab is never given the task, nor can it hand in a signature
    expect(await ok(sessions.kiosk, 'getPublicTask', {})).toBeNull();
    expect(await call(sessions.kiosk, 'submitPublicSignature', { requestId, signature: SIGNATURE_URL })).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(await ok(sessions.office, 'getPublicSignature', { requestId })).toEqual({ status: 'waiting' });
    expect(await ok(visitorScreen, 'submitPublicSignature', { requestId, signature: SIGNATURE_URL })).toEqual({ received: true });
    expect(await ok(visitorScreen, 'submitPublicSignature', { requestId, signature: SIGNATURE_URL })).toEqual({ received: false });
    expect(await ok(visitorScreen, 'getPublicTask', {})).toBeNull();
    expect(await ok(sessions.office, 'getPublicSignature', { requestId })).toEqual({ status: 'signed', signature: SIGNATURE_URL });
    expect(await ok(sessions.office, 'getPublicSignature', { requestId })).toEqual({ status: 'gone' });
  });

  it('a newer request replaces an older one; a cancelled or stale one is gone', async () => {
    const first = await ok<{ requestId: string }>(sessions.office, 'requestPublicSignature', { prompt: 'Sign' });
    const second = await ok<{ requestId: string }>(sessions.office, 'requestPublicSignature', { prompt: 'Sign again' });
    expect(await ok(visitorScreen, 'submitPublicSignature', { requestId: first.requestId, signature: SIGNATURE_URL })).toEqual({ received: false });
    await ok(sessions.office, 'cancelPublicSignature', { requestId: second.requestId });
    expect(await ok(visitorScreen, 'getPublicTask', {})).toBeNull();
    const third = await ok<{ requestId: string }>(sessions.office, 'requestPublicSignature', { prompt: 'Sign' });
    t.clock.advance(11 * 60_000);
    expect(await ok(sessions.office, 'getPublicSignature', { requestId: third.requestId })).toEqual({ status: 'gone' });
  });

  it('says so when there is no visitor screen, so the office signs on its own screen', async () => {
    present = false;
    expect(await ok(sessions.office, 'getScreens', {})).toEqual({ visitorScreen: false });
    expect(await call(sessions.office, 'requestPublicSignature', { prompt: 'Sign' })).toMatchObject({ ok: false, error: { code: 'RULE', message: expect.stringMatching(/no visitor screen/) as string } });
  });

  it('hands a scan routed from the desk to the visitor screen once', async () => {
    t.ctx.screens.broker.forwardScan('KVAAAAAAAAAAAAAAAA');
    expect(await ok(sessions.kiosk, 'getPublicTask', {})).toBeNull();
    expect(await ok(visitorScreen, 'getPublicTask', {})).toMatchObject({ kind: 'scan', token: 'KVAAAAAAAAAAAAAAAA' });
    expect(await ok(visitorScreen, 'getPublicTask', {})).toBeNull();
    t.ctx.screens.broker.forwardScan('KVBBBBBBBBBBBBBBBB');
    t.clock.advance(31_000);
    expect(await ok(visitorScreen, 'getPublicTask', {})).toBeNull(); // a scan nobody picked up in 30 s is dropped
  });

  it('can never be unlocked, whatever is typed or asked, and stays the visitor screen when everything is locked', async () => {
    const registry = new SessionRegistry(t.clock, () => 5);
    const id = registry.open(undefined, { publicScreen: true });
    const r = await handleCall(t.ctx, registry, id, 'unlock', { staffId: 2, pin: TEST_PIN });
    expect(r.result).toMatchObject({ ok: false, error: { code: 'RULE', message: expect.stringMatching(/visitor screen/) as string } });
    registry.set(id, sessions.admin);
    expect(registry.resolve(id)?.session).toEqual({ kind: 'kiosk', publicScreen: true });
    registry.lockAll();
    expect(registry.resolve(id)?.session).toEqual({ kind: 'kiosk', publicScreen: true });
    expect((await handleCall(t.ctx, registry, id, 'getSession', {})).result).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
    expect((await handleCall(t.ctx, registry, id, 'getSettings', {})).result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(registry.hasPublicScreen()).toBe(true);
    t.clock.advance(16_000);
    expect(registry.hasPublicScreen()).toBe(false); // a screen that stopped asking is not counted
  });
});
