/** Visitors through dispatch: the kiosk learns nothing about anyone else; the office's answers, alerts, Today and the closing time. */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Badge, ConsoleAlert, Invitation, KioskSignInResult, OnSiteNow, RollCall, TodaySummary, VisitDetail, VisitorProfile } from '../../electron/api/contract';
import { contract, type ChannelName } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { apiCalls } from '../helpers/api';
import { makeTestDb, sessions, type TestDb } from '../helpers/db';
import { inputs } from './inputs';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T09:15:00Z', { staff: true });
});
afterEach(() => t.dispose());
const { ok, call } = apiCalls(() => t);

const sign = (over: Record<string, unknown>) => ({ typeKey: 'visitor', organisation: 'County Council', visiting: 'Mrs Head', textsVersion: 1, agreed: true, ...over });

/** A school with people on site, invited, regular, barred, in breach and on a roll call: none of them the caller. */
async function busySchool() {
  const others = ['Olive Onsite', 'Carl Contractor', 'Ivy Invited', 'Reg Regular', 'Vic Barred', 'Bea Breach'];
  const a = await ok<KioskSignInResult>(sessions.kiosk, 'kioskSignIn', sign({ name: 'Olive Onsite', carReg: 'OL11 VES' }));
  await ok(sessions.kiosk, 'kioskSignIn', sign({ typeKey: 'contractor', name: 'Carl Contractor', organisation: 'Secret Works Ltd', work: 'Roof', supervisor: 'Mr Site' }));
  const inv = await ok<Invitation>(sessions.office, 'createInvitation', { typeKey: 'visitor', name: 'Ivy Invited', organisation: 'Ofsted', visiting: 'Head', expectedOn: '2026-11-25' });
  await ok<VisitorProfile>(sessions.office, 'saveVisitorProfile', { typeKey: 'volunteer', name: 'Reg Regular', active: true });
  await ok(sessions.leadership, 'addNotPermitted', { name: 'Vic Barred', category: 'court-order' });
  await ok(sessions.kiosk, 'kioskSignIn', sign({ name: 'Vic Barred' }));
  await ok(sessions.office, 'reportBreach', { person: 'Bea Breach', kind: 'sharing-images', dslTold: true });
  await ok(sessions.office, 'startRollCall', {});
  await ok(sessions.kiosk, 'kioskSeeOffice', {});
  return { others, token: a.kind === 'badge' ? a.badge.token : '', code: inv.code };
}

describe('the kiosk learns nothing about anyone else', () => {
  it('no kiosk channel’s answer holds another person’s name, organisation, car, badge or code, whatever it is asked', async () => {
    const { others, token, code } = await busySchool();
    t.clock.advance(11 * 60_000); // the kiosk's few minutes to print its own badge are over
    const kioskChannels = (Object.keys(contract) as ChannelName[]).filter((c) => contract[c].access.includes('kiosk'));
    expect(kioskChannels).toEqual(expect.arrayContaining(['getKioskVisitorForm', 'kioskInvitation', 'kioskSignIn', 'getBadge', 'kioskSignOut', 'kioskSeeOffice']));
    const secrets = [...others, 'Secret Works Ltd', 'OL11 VES', 'Ofsted', token, code, 'court-order', 'sharing-images'];
    // each kiosk channel with its valid input, plus aimed guesses: another person's badge, a wrong code, a sign-in under a name on site
    const asked: [ChannelName, unknown][] = kioskChannels.map((c) => [c, inputs[c].valid]);
    asked.push(['getBadge', { token }], ['kioskInvitation', { code: 'KIZZZZZZZZZZZZZZZZ' }], ['kioskSignIn', sign({ name: 'Olive Onsite' })], ['kioskSignIn', sign({ name: 'Vic Barred' })]);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...asked), async ([channel, input]) => {
        const r = await dispatch(t.ctx, sessions.kiosk, channel, input, () => {});
        const text = JSON.stringify(r);
        // a sign-in under a name on site answers with the caller's own badge: that name is the caller's own
        const own = channel === 'kioskSignIn' ? ((input as { name: string }).name ?? '') : '';
        for (const s of secrets.filter((x) => x && x !== own)) expect(text, `${channel} revealed ${s}`).not.toContain(s);
      }),
      { numRuns: 80 },
    );
    // and a repeat sign-in under a name on site looks exactly like any other: no "already here"
    const again = await ok<KioskSignInResult>(sessions.kiosk, 'kioskSignIn', sign({ name: 'Olive Onsite' }));
    expect(again.kind).toBe('badge');
    expect(Object.keys(again.kind === 'badge' ? again.badge : {}).sort()).toEqual(['escort', 'escortWords', 'name', 'organisation', 'reminder', 'schoolName', 'signedInAt', 'token', 'typeLabel', 'visiting']);
  });

  it('answers a not-permitted match only with "wait", exactly as shaped for anyone asked to wait', async () => {
    await ok(sessions.leadership, 'addNotPermitted', { name: 'Vic Barred', category: 'court-order' });
    expect(await ok(sessions.kiosk, 'kioskSignIn', sign({ name: 'Vic Barred' }))).toEqual({ kind: 'wait' });
  });

  it('lets the kiosk fetch its own new badge to print, not an older one, and staff any current one', async () => {
    const r = await ok<KioskSignInResult>(sessions.kiosk, 'kioskSignIn', sign({ name: 'Sam Visitor' }));
    const token = r.kind === 'badge' ? r.badge.token : '';
    expect((await ok<Badge>(sessions.kiosk, 'getBadge', { token })).name).toBe('Sam Visitor');
    t.clock.advance(11 * 60_000);
    expect(await call(sessions.kiosk, 'getBadge', { token })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await ok<Badge>(sessions.office, 'getBadge', { token })).name).toBe('Sam Visitor');
  });
});

describe('the office', () => {
  it('sees everyone on site with a flag for a repeated name, alerts in words, and Today’s counters', async () => {
    await busySchool();
    await ok(sessions.kiosk, 'kioskSignIn', sign({ name: 'olive  onsite' }));
    const onSite = await ok<OnSiteNow>(sessions.office, 'listOnSite', {});
    expect(onSite.visits.map((v) => [v.name, v.status, v.sameNameOnSite])).toEqual([
      ['Olive Onsite', 'on-site', true],
      ['Carl Contractor', 'on-site', false],
      ['Vic Barred', 'waiting', false],
      ['olive  onsite', 'on-site', true],
    ]);
    const alerts = await ok<ConsoleAlert[]>(sessions.office, 'getConsoleAlerts', {});
    expect(alerts.map((a) => a.kind)).toEqual(['visitor-see-office', 'visitor-not-permitted']);
    expect(alerts[1]).toMatchObject({ text: expect.stringContaining('Vic Barred') as string, href: '/visitors/visit/3' });
    const today = await ok<TodaySummary>(sessions.office, 'getToday', {});
    expect(today.visitors).toEqual({ onSite: 3, waiting: 1, expectedToday: 1, notSignedOut: 0, rollCallId: 1 });
    const detail = await ok<VisitDetail>(sessions.office, 'getVisit', { id: 3 });
    expect(detail.can.admit).toBe(false);
    expect((await ok<VisitDetail>(sessions.officeDsl, 'getVisit', { id: 3 })).can.admit).toBe(true);
  });

  it('closes visits at the closing time when the office next looks, and Today counts those to check', async () => {
    await ok(sessions.kiosk, 'kioskSignIn', sign({ name: 'Ann Forgot' }));
    t.clock.set('2026-11-25T19:05:00Z');
    const today = await ok<TodaySummary>(sessions.office, 'getToday', {});
    expect(today.visitors).toMatchObject({ onSite: 0, notSignedOut: 1 });
    const onSite = await ok<OnSiteNow>(sessions.office, 'listOnSite', {});
    expect(onSite.unchecked.map((v) => [v.name, v.status, v.signedOutBy])).toEqual([['Ann Forgot', 'not-signed-out', 'system']]);
  });

  it('reprints a lost badge through the API: the kiosk then refuses the old one with "see the office"', async () => {
    const r = await ok<KioskSignInResult>(sessions.kiosk, 'kioskSignIn', sign({ name: 'Sam Visitor' }));
    const old = r.kind === 'badge' ? r.badge.token : '';
    const { token } = await ok<{ token: string }>(sessions.office, 'reprintBadge', { id: 1 });
    expect(await call(sessions.kiosk, 'kioskSignOut', { token: old })).toMatchObject({ ok: false, error: { message: 'This badge has been replaced. Please see the office to sign out.', field: 'token' } });
    expect(await ok(sessions.kiosk, 'kioskSignOut', { token })).toEqual({ name: 'Sam Visitor' });
  });

  it('starts one roll call, ticks, ends it; and refuses the sign-in form without the tick', async () => {
    await ok(sessions.kiosk, 'kioskSignIn', sign({ name: 'Sam Visitor' }));
    const rc = await ok<RollCall>(sessions.office, 'startRollCall', {});
    expect((await ok<RollCall>(sessions.leadership, 'startRollCall', {})).id).toBe(rc.id);
    expect((await ok<RollCall>(sessions.office, 'accountFor', { rollCallId: rc.id, visitId: 1, accounted: true })).accounted).toBe(1);
    expect((await ok<RollCall>(sessions.office, 'endRollCall', { id: rc.id })).endedBy).toBe('Olu Office');
    expect(await call(sessions.kiosk, 'kioskSignIn', { ...sign({ name: 'X' }), agreed: false })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'agreed', message: 'Tick the box to agree to the rules.' } });
  });

  it('reports a breach at a local time, and exports the history as CSV with formulas made inert', async () => {
    await ok(sessions.kiosk, 'kioskSignIn', sign({ name: '=HYPERLINK("http://x","y")' }));
    const b = await ok<{ occurredAt: string }>(sessions.office, 'reportBreach', { visitId: 1, person: 'Parent', occurredAt: '2026-11-25T09:05', kind: 'phone-near-children', dslTold: false });
    expect(b.occurredAt).toBe('2026-11-25T09:05:00.000Z');
    expect(await call(sessions.office, 'reportBreach', { person: 'P', occurredAt: '2026-02-30T09:05', kind: 'other', what: 'x', dslTold: false })).toMatchObject({ ok: false, error: { field: 'occurredAt' } });
    const { csv, fileName } = await ok<{ csv: string; fileName: string }>(sessions.office, 'exportVisits', {});
    expect(fileName).toBe('visitors-2026-11-25.csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});
