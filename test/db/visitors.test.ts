/** Visitors and contractors (issue 8): every rule of sign-in, badges, sign-out, closing time, invitations, profiles, the not-permitted list, breaches and roll calls. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOpenAlerts } from '../../db/alerts';
import { verifyAudit, type Actor } from '../../db/audit';
import { updateSettings } from '../../db/settings';
import { write, type Tx } from '../../db/tx';
import {
  DEFAULT_TEXTS,
  accountFor,
  addNotPermitted,
  admitVisit,
  askForOffice,
  badgeByToken,
  cancelInvitation,
  checkNotSignedOut,
  closeOverdueVisits,
  createInvitation,
  currentTexts,
  endRollCall,
  getRollCall,
  getVisit,
  listBreaches,
  listInvitations,
  listOnSite,
  listRollCalls,
  listTextVersions,
  listUnchecked,
  listVisitorTypes,
  markBreachDslTold,
  oldVisitsDue,
  purgeOldVisits,
  prefillFromCode,
  reissueBadge,
  reissueProfileCard,
  removeNotPermitted,
  reportBreach,
  saveProfile,
  saveTexts,
  saveVisitorType,
  searchVisits,
  setStayOnSite,
  signIn,
  signOutByBadge,
  staffSignOut,
  startRollCall,
  turnAwayVisit,
  visitsCsv,
  type SignInInput,
} from '../../db/visitors';
import { makeTestDb, refusal, snapshot, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T09:15:00Z', { staff: true });
});
afterEach(() => t.dispose());

const kiosk: Actor = { kind: 'kiosk' };
const office: Actor = { kind: 'staff', staffId: 2 };
const officeDsl: Actor = { kind: 'staff', staffId: 3 };
const leadership: Actor = { kind: 'staff', staffId: 4 };
const admin: Actor = { kind: 'staff', staffId: 1 };

function as<T>(actor: Actor, fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, actor, fn);
}
function refused(actor: Actor, fn: (tx: Tx) => unknown) {
  const before = snapshot(t.db);
  const r = refusal(() => as(actor, fn));
  expect(r, 'the change should have been refused').not.toBeNull();
  expect(snapshot(t.db)).toEqual(before);
  return r!;
}
const v1 = () => currentTexts(t.db).version;
function visitor(over: Partial<SignInInput> = {}): SignInInput {
  return { typeKey: 'visitor', name: 'Sam Visitor', organisation: 'County Council', visiting: 'Mrs Head', textsVersion: v1(), via: 'kiosk', ...over };
}
function signInBadge(over: Partial<SignInInput> = {}) {
  const r = as(kiosk, (tx) => signIn(tx, visitor(over)));
  if (r.kind !== 'badge') throw new Error('expected a badge');
  return r;
}

describe('signing in at the kiosk', () => {
  it('has the five standard types and a first version of the texts for each', () => {
    expect(listVisitorTypes(t.db).map((x) => x.label)).toEqual(['Parent/carer', 'Visitor', 'Contractor', 'Volunteer', 'Supply or agency staff']);
    const texts = currentTexts(t.db);
    expect(texts.version).toBe(1);
    for (const type of listVisitorTypes(t.db)) expect(texts.texts.types[type.key]?.rules.length).toBeGreaterThan(0);
    expect(texts.texts).toEqual(DEFAULT_TEXTS);
  });

  it('signs a visitor in with a badge of their own: token, escort words, the reminder of their type, the version agreed', () => {
    const r = signInBadge();
    expect(r.badge.token).toMatch(/^KV[A-Z2-7]{16}$/);
    expect(r.badge).toMatchObject({ name: 'Sam Visitor', typeLabel: 'Visitor', escort: 'escorted', escortWords: 'Must be escorted', reminder: DEFAULT_TEXTS.types.visitor!.reminder });
    const v = getVisit(t.db, r.visitId);
    expect(v).toMatchObject({ status: 'on-site', textsVersion: 1, signedInVia: 'kiosk', signedInAt: '2026-11-25T09:15:00.000Z' });
    expect(listOnSite(t.db).map((x) => x.id)).toEqual([r.visitId]);
    expect(verifyAudit(t.db).ok).toBe(true);
  });

  it('asks contractors for their work and supervisor, and others for an organisation only where their type does', () => {
    expect(refused(kiosk, (tx) => signIn(tx, visitor({ typeKey: 'contractor', organisation: 'Sparks Ltd' })))).toMatchObject({ field: 'work' });
    expect(refused(kiosk, (tx) => signIn(tx, visitor({ typeKey: 'contractor', organisation: 'Sparks Ltd', work: 'Fire alarm test' })))).toMatchObject({ field: 'supervisor' });
    expect(refused(kiosk, (tx) => signIn(tx, visitor({ organisation: '' })))).toMatchObject({ field: 'organisation' });
    expect(refused(kiosk, (tx) => signIn(tx, visitor({ visiting: ' ' })))).toMatchObject({ field: 'visiting' });
    const c = signInBadge({ typeKey: 'contractor', organisation: 'Sparks Ltd', work: 'Fire alarm test', supervisor: 'Mr Site', carReg: 'ab12 cde' });
    expect(getVisit(t.db, c.visitId)).toMatchObject({ work: 'Fire alarm test', supervisor: 'Mr Site', carReg: 'AB12 CDE' });
    // a parent is not asked for an organisation; work typed by mistake is not kept for a type that does not ask
    const p = signInBadge({ typeKey: 'parent', organisation: '', name: 'Pat Parent', work: 'x', supervisor: 'y' });
    expect(getVisit(t.db, p.visitId)).toMatchObject({ typeLabel: 'Parent/carer', work: '', supervisor: '' });
  });

  it('refuses a sign-in against texts that have changed since they were shown, and an unknown or switched-off type', () => {
    as(admin, (tx) => saveTexts(tx, { ...DEFAULT_TEXTS, assemblyPoint: 'The field behind the hall.' }));
    expect(v1()).toBe(2);
    expect(refused(kiosk, (tx) => signIn(tx, visitor({ textsVersion: 1 })))).toMatchObject({ code: 'CONFLICT', field: 'textsVersion' });
    expect(refused(kiosk, (tx) => signIn(tx, visitor({ typeKey: 'nobody' })))).toMatchObject({ field: 'typeKey' });
    const key = as(admin, (tx) => saveVisitorType(tx, { label: 'Governor', asksOrganisation: false, asksWork: false, active: true, rules: ['Phones away in class.'], reminder: 'Phones away.' })).key;
    as(admin, (tx) => saveVisitorType(tx, { key, label: 'Governor', asksOrganisation: false, asksWork: false, active: false }));
    expect(refused(kiosk, (tx) => signIn(tx, visitor({ typeKey: key })))).toMatchObject({ field: 'typeKey' });
  });

  it('treats a second sign-in under a name already on site as a new visit, flagged for the office only', () => {
    const a = signInBadge();
    const b = signInBadge({ name: 'sam  VISITOR' });
    expect(b.visitId).not.toBe(a.visitId);
    expect(b.badge.name).toBe('sam  VISITOR');
    expect(listOnSite(t.db).map((v) => v.sameNameOnSite)).toEqual([true, true]);
    as(kiosk, (tx) => signOutByBadge(tx, a.badge.token));
    expect(getVisit(t.db, b.visitId).sameNameOnSite).toBe(false);
  });

  it('asks a not-permitted person to wait (no badge), raises an alert, and only leadership or a DSL can let them in', () => {
    as(officeDsl, (tx) => addNotPermitted(tx, { name: 'Vic Barred', category: 'court-order' }));
    const r = as(kiosk, (tx) => signIn(tx, visitor({ name: 'VIC  barred' })));
    expect(r.kind).toBe('wait');
    expect('badge' in r).toBe(false);
    const v = getVisit(t.db, r.visitId);
    expect(v).toMatchObject({ status: 'waiting', notPermitted: true });
    expect(listOpenAlerts(t.db).map((a) => [a.kind, a.entity, a.entityId])).toEqual([['visitor-not-permitted', 'visit', String(r.visitId)]]);
    expect(t.db.prepare('SELECT count(*) AS n FROM visit_badges').get()).toEqual({ n: 0 });
    expect(refused(office, (tx) => admitVisit(tx, r.visitId)).message).toMatch(/leadership team or a DSL/);
    expect(refused(office, (tx) => staffSignOut(tx, r.visitId)).message).toMatch(/let them in or turn them away/);
    const admitted = as(leadership, (tx) => admitVisit(tx, r.visitId));
    expect(admitted.token).toMatch(/^KV/);
    expect(getVisit(t.db, r.visitId).status).toBe('on-site');
  });

  it('turns a waiting person away, closing the visit', () => {
    as(leadership, (tx) => addNotPermitted(tx, { name: 'Vic Barred', category: 'trespass' }));
    const r = as(kiosk, (tx) => signIn(tx, visitor({ name: 'Vic Barred' })));
    t.clock.advance(120_000);
    expect(as(office, (tx) => turnAwayVisit(tx, r.visitId))).toMatchObject({ status: 'turned-away', signedOutVia: 'turned-away' });
    expect(refused(office, (tx) => turnAwayVisit(tx, r.visitId)).code).toBe('CONFLICT');
    expect(listOnSite(t.db)).toEqual([]);
  });

  it('keeps the not-permitted list to leadership and DSLs, by name and category only, and removal ends the match', () => {
    expect(refused(office, (tx) => addNotPermitted(tx, { name: 'Vic Barred', category: 'other' })).message).toMatch(/leadership team or a DSL/);
    expect(refused(admin, (tx) => addNotPermitted(tx, { name: 'Vic Barred', category: 'other' })).message).toMatch(/leadership team or a DSL/);
    const e = as(officeDsl, (tx) => addNotPermitted(tx, { name: 'Vic Barred', category: 'safeguarding' }));
    expect(Object.keys(e).sort()).toEqual(['addedAt', 'addedBy', 'category', 'id', 'name']);
    expect(e.addedBy).toBe('Dara Office-DSL');
    expect(refused(leadership, (tx) => addNotPermitted(tx, { name: 'vic barred', category: 'other' })).code).toBe('CONFLICT');
    as(leadership, (tx) => removeNotPermitted(tx, e.id));
    expect(refused(leadership, (tx) => removeNotPermitted(tx, e.id)).code).toBe('NOT_FOUND');
    expect(as(kiosk, (tx) => signIn(tx, visitor({ name: 'Vic Barred' }))).kind).toBe('badge');
  });
});

describe('badges and signing out', () => {
  it('signs out by the badge at once; a second scan, a replaced badge and an unknown one each say what to do, changing nothing', () => {
    const r = signInBadge();
    t.clock.advance(3_600_000);
    expect(as(kiosk, (tx) => signOutByBadge(tx, r.badge.token.toLowerCase()))).toEqual({ name: 'Sam Visitor' });
    expect(getVisit(t.db, r.visitId)).toMatchObject({ status: 'signed-out', signedOutVia: 'kiosk', signedOutAt: '2026-11-25T10:15:00.000Z' });
    expect(refused(kiosk, (tx) => signOutByBadge(tx, r.badge.token)).code).toBe('CONFLICT');
    expect(refused(kiosk, (tx) => signOutByBadge(tx, 'KVAAAAAAAAAAAAAAAA')).message).toBe('We could not find that badge. Please see the office to sign out.');
    expect(refused(kiosk, (tx) => signOutByBadge(tx, 'KPAAAAAAAAAAAAAAAA')).message).toMatch(/not a visitor badge/);
  });

  it('reprints a lost badge: the old token stops working, the new one signs out', () => {
    const r = signInBadge();
    const { token } = as(office, (tx) => reissueBadge(tx, r.visitId));
    expect(token).not.toBe(r.badge.token);
    expect(refused(kiosk, (tx) => signOutByBadge(tx, r.badge.token)).message).toBe('This badge has been replaced. Please see the office to sign out.');
    expect(badgeByToken(t.db, r.badge.token, t.clock.now(), { staff: true })).toBeNull();
    expect(badgeByToken(t.db, token, t.clock.now(), { staff: true })?.name).toBe('Sam Visitor');
    expect(refusal(() => as(kiosk, (tx) => reissueBadge(tx, r.visitId)))?.message).toMatch(/Only staff/);
    as(kiosk, (tx) => signOutByBadge(tx, token));
    expect(refused(office, (tx) => reissueBadge(tx, r.visitId)).code).toBe('CONFLICT');
  });

  it('lets the kiosk fetch its own badge for a few minutes only, and staff while the visit is open', () => {
    const r = signInBadge();
    expect(badgeByToken(t.db, r.badge.token, t.clock.now(), { staff: false })?.name).toBe('Sam Visitor');
    t.clock.advance(11 * 60_000);
    expect(badgeByToken(t.db, r.badge.token, t.clock.now(), { staff: false })).toBeNull();
    expect(badgeByToken(t.db, r.badge.token, t.clock.now(), { staff: true })?.name).toBe('Sam Visitor');
    expect(badgeByToken(t.db, 'not a token', t.clock.now(), { staff: true })).toBeNull();
  });

  it('lets staff sign anyone out, once', () => {
    const r = signInBadge();
    expect(as(office, (tx) => staffSignOut(tx, r.visitId))).toMatchObject({ status: 'signed-out', signedOutVia: 'staff', signedOutBy: 'Olu Office' });
    expect(refused(office, (tx) => staffSignOut(tx, r.visitId)).code).toBe('CONFLICT');
    expect(refused(kiosk, (tx) => signOutByBadge(tx, r.badge.token)).code).toBe('CONFLICT');
    expect(refused(office, (tx) => staffSignOut(tx, 999)).code).toBe('NOT_FOUND');
  });
});

describe('the closing time', () => {
  it('closes visits still open at the closing time as "not signed out" (at that time), keeps those marked as staying, and the office checks them', () => {
    const a = signInBadge({ name: 'Ann Forgot' });
    const b = signInBadge({ name: 'Cleo Cleaner' });
    as(office, (tx) => setStayOnSite(tx, b.visitId, 'Evening cleaning'));
    expect(refused(office, (tx) => setStayOnSite(tx, a.visitId, '  '))).toMatchObject({ field: 'reason' });
    t.clock.set('2026-11-25T18:59:00Z');
    expect(as({ kind: 'system' }, (tx) => closeOverdueVisits(tx))).toBe(0);
    t.clock.set('2026-11-25T19:30:00Z');
    expect(as({ kind: 'system' }, (tx) => closeOverdueVisits(tx))).toBe(1);
    // 19:00 in London in November is 19:00 UTC
    expect(getVisit(t.db, a.visitId)).toMatchObject({ status: 'not-signed-out', signedOutVia: 'auto', signedOutAt: '2026-11-25T19:00:00.000Z' });
    expect(getVisit(t.db, b.visitId)).toMatchObject({ status: 'on-site', stayReason: 'Evening cleaning' });
    expect(listUnchecked(t.db).map((v) => v.id)).toEqual([a.visitId]);
    expect(refused(office, (tx) => signOutByBadge(tx, a.badge.token)).code).toBe('CONFLICT');
    as(office, (tx) => checkNotSignedOut(tx, a.visitId, 'Left by the side gate at 15:30, said the caretaker'));
    expect(listUnchecked(t.db)).toEqual([]);
    expect(getVisit(t.db, a.visitId)).toMatchObject({ checkedBy: 'Olu Office', checkedNote: 'Left by the side gate at 15:30, said the caretaker' });
    expect(refused(office, (tx) => checkNotSignedOut(tx, a.visitId, 'again')).code).toBe('CONFLICT');
    expect(refused(office, (tx) => checkNotSignedOut(tx, b.visitId, 'x')).code).toBe('CONFLICT');
    // the person staying is never closed, and stays on the roll call
    t.clock.set('2026-11-26T21:00:00Z');
    expect(as({ kind: 'system' }, (tx) => closeOverdueVisits(tx))).toBe(0);
    expect(as(office, (tx) => startRollCall(tx)).people.map((p) => p.name)).toEqual(['Cleo Cleaner']);
  });

  it('uses the closing time from Settings in the school time zone (summer time), and closes a late arrival at the next day’s closing time', async () => {
    t.dispose();
    t = await makeTestDb('2026-06-10T16:00:00Z', { staff: true });
    as(admin, (tx) => updateSettings(tx, { visitorsCloseAt: '18:00' }));
    const a = signInBadge();
    t.clock.set('2026-06-10T17:00:01Z'); // 18:00:01 BST
    expect(as({ kind: 'system' }, (tx) => closeOverdueVisits(tx))).toBe(1);
    expect(getVisit(t.db, a.visitId).signedOutAt).toBe('2026-06-10T17:00:00.000Z');
    t.clock.set('2026-06-10T19:00:00Z'); // 20:00 BST: an evening arrival
    const late = signInBadge({ name: 'Late Larry' });
    expect(as({ kind: 'system' }, (tx) => closeOverdueVisits(tx))).toBe(0);
    t.clock.set('2026-06-11T17:00:00Z');
    expect(as({ kind: 'system' }, (tx) => closeOverdueVisits(tx))).toBe(1);
    expect(getVisit(t.db, late.visitId).status).toBe('not-signed-out');
  });
});

describe('invitations and regular visitors', () => {
  it('fills in an invited visitor’s details from the code, today only, once; the kiosk learns nothing else', () => {
    const inv = as(office, (tx) =>
      createInvitation(tx, { typeKey: 'contractor', name: 'Ed Electric', organisation: 'Sparks Ltd', visiting: 'Site team', carReg: '', work: 'PAT testing', supervisor: 'Mr Site', expectedOn: '2026-11-25' }),
    );
    expect(inv.code).toMatch(/^KI[A-Z2-7]{16}$/);
    expect(inv).toMatchObject({ status: 'expected', createdBy: 'Olu Office' });
    expect(prefillFromCode(t.db, inv.code.toLowerCase(), t.clock.now())).toEqual({
      typeKey: 'contractor',
      name: 'Ed Electric',
      organisation: 'Sparks Ltd',
      visiting: 'Site team',
      carReg: '',
      work: 'PAT testing',
      supervisor: 'Mr Site',
    });
    // the code decides who this is: a different name typed is not used
    const r = as(kiosk, (tx) => signIn(tx, { typeKey: 'visitor', name: 'Someone Else', visiting: '', textsVersion: v1(), via: 'kiosk', code: inv.code }));
    expect(r.kind === 'badge' && r.badge.name).toBe('Ed Electric');
    expect(getVisit(t.db, r.visitId)).toMatchObject({ typeKey: 'contractor', invitationId: inv.id, work: 'PAT testing' });
    expect(listInvitations(t.db, t.clock.now(), { from: '2026-11-25', to: '2026-11-25' })[0]?.status).toBe('arrived');
    expect(refusal(() => prefillFromCode(t.db, inv.code, t.clock.now()))?.field).toBe('code');
    expect(refused(kiosk, (tx) => signIn(tx, visitor({ code: inv.code }))).field).toBe('code');
    expect(refused(office, (tx) => cancelInvitation(tx, inv.id)).message).toMatch(/already arrived/);
  });

  it('refuses a code for another day, a cancelled one, and an invitation in the past', () => {
    const tomorrow = as(office, (tx) => createInvitation(tx, { typeKey: 'visitor', name: 'Tom Orrow', organisation: 'LA', visiting: 'Head', carReg: '', work: '', supervisor: '', expectedOn: '2026-11-26' }));
    expect(refusal(() => prefillFromCode(t.db, tomorrow.code, t.clock.now()))?.code).toBe('NOT_FOUND');
    const today = as(office, (tx) => createInvitation(tx, { typeKey: 'visitor', name: 'Tia Day', organisation: 'LA', visiting: 'Head', carReg: '', work: '', supervisor: '', expectedOn: '2026-11-25' }));
    expect(as(office, (tx) => cancelInvitation(tx, today.id)).status).toBe('cancelled');
    expect(refusal(() => prefillFromCode(t.db, today.code, t.clock.now()))?.code).toBe('NOT_FOUND');
    expect(refused(office, (tx) => createInvitation(tx, { typeKey: 'visitor', name: 'X', organisation: 'Y', visiting: '', carReg: '', work: '', supervisor: '', expectedOn: '2026-11-24' })).field).toBe('expectedOn');
    expect(refused(office, (tx) => createInvitation(tx, { typeKey: 'visitor', name: 'X', organisation: '', visiting: '', carReg: '', work: '', supervisor: '', expectedOn: '2026-11-25' })).field).toBe('organisation');
    t.clock.set('2026-11-27T09:00:00Z');
    expect(listInvitations(t.db, t.clock.now(), { from: '2026-11-26', to: '2026-11-26' })[0]?.status).toBe('missed');
  });

  it('keeps the DBS check seen on a profile (never a copy) and badges a regular visitor by their card as unescorted', () => {
    expect(refused(office, (tx) => saveProfile(tx, profile({ dbsNumber: '1234' }))).field).toBe('dbsNumber');
    expect(refused(office, (tx) => saveProfile(tx, profile({ dbsSeenBy: '' }))).field).toBe('dbsSeenBy');
    expect(refused(office, (tx) => saveProfile(tx, profile({ dbsIssuedOn: '2026-12-01' }))).field).toBe('dbsIssuedOn');
    expect(refused(office, (tx) => saveProfile(tx, profile({ dbsSeenOn: '2024-01-01' }))).field).toBe('dbsSeenOn');
    const p = as(office, (tx) => saveProfile(tx, profile({ dbsNumber: '0012 3456 7890' })));
    expect(p).toMatchObject({ dbsNumber: '001234567890', escort: 'unescorted', active: true });
    expect(p.cardToken).toMatch(/^KI/);
    expect(Object.keys(t.db.prepare('SELECT * FROM visitor_profiles').get() as object)).not.toContain('certificate');
    const r = as(kiosk, (tx) => signIn(tx, { typeKey: 'parent', name: 'x', visiting: 'Reading in Year 2', textsVersion: v1(), via: 'kiosk', code: p.cardToken! }));
    expect(r.kind === 'badge' && r.badge).toMatchObject({ name: 'Val Volunteer', escortWords: 'DBS checked: unescorted', typeLabel: 'Volunteer' });
    // the card works again next time (it is theirs), until replaced
    const again = as(kiosk, (tx) => signIn(tx, { typeKey: 'volunteer', name: 'x', visiting: 'Reading', textsVersion: v1(), via: 'kiosk', code: p.cardToken! }));
    expect(again.kind).toBe('badge');
    const replaced = as(office, (tx) => reissueProfileCard(tx, p.id));
    expect(refusal(() => prefillFromCode(t.db, p.cardToken!, t.clock.now()))?.code).toBe('NOT_FOUND');
    expect(prefillFromCode(t.db, replaced.cardToken!, t.clock.now()).name).toBe('Val Volunteer');
    // without the DBS check seen: escorted; a name typed without the card is never matched to a profile
    const q = as(office, (tx) => saveProfile(tx, { ...profile({ dbsNumber: '' }), id: p.id }));
    expect(q.escort).toBe('escorted');
    as(office, (tx) => saveProfile(tx, { ...profile({}), id: p.id }));
    expect(signInBadge({ typeKey: 'volunteer', name: 'Val Volunteer' }).badge.escort).toBe('escorted');
  });
});

function profile(over: Partial<Parameters<typeof saveProfile>[1]>) {
  return {
    typeKey: 'volunteer',
    name: 'Val Volunteer',
    organisation: '',
    dbsNumber: '001234567890',
    dbsIssuedOn: '2025-09-01',
    dbsSeenBy: 'Olu Office',
    dbsSeenOn: '2025-09-10',
    notes: 'Reads with Year 2 on Wednesdays',
    active: true,
    ...over,
  };
}

describe('texts and visitor types', () => {
  it('saves each edit as a new version, keeps the old ones, and a visit keeps the version it was shown', () => {
    const before = signInBadge();
    const saved = as(admin, (tx) => saveTexts(tx, { ...DEFAULT_TEXTS, assemblyPoint: 'The top playground, by the gate.' }));
    expect(saved.version).toBe(2);
    expect(as(admin, (tx) => saveTexts(tx, { ...DEFAULT_TEXTS, assemblyPoint: 'The top playground, by the gate.' })).version).toBe(2);
    expect(listTextVersions(t.db).map((v) => v.version)).toEqual([2, 1]);
    const after = signInBadge({ textsVersion: 2 });
    expect(getVisit(t.db, before.visitId).textsVersion).toBe(1);
    expect(getVisit(t.db, after.visitId).textsVersion).toBe(2);
    expect(() => t.db.prepare('UPDATE visitor_texts SET body = ? WHERE version = 1').run('{}')).toThrow(/never changed/);
    expect(() => t.db.prepare('DELETE FROM visitor_texts').run()).toThrow(/never removed/);
  });

  it('refuses texts without rules or a reminder for an active type, and adds a type only with its own rules', () => {
    const noRules = { ...DEFAULT_TEXTS, types: { ...DEFAULT_TEXTS.types, contractor: { rules: [' '], reminder: 'x' } } };
    expect(refused(admin, (tx) => saveTexts(tx, noRules)).field).toBe('types.contractor.rules');
    expect(refused(admin, (tx) => saveVisitorType(tx, { label: 'Governor', asksOrganisation: false, asksWork: false, active: true, rules: [], reminder: 'x' })).field).toBe('rules');
    expect(refused(admin, (tx) => saveVisitorType(tx, { label: 'visitor', asksOrganisation: false, asksWork: false, active: true, rules: ['a'], reminder: 'b' })).code).toBe('CONFLICT');
    const g = as(admin, (tx) => saveVisitorType(tx, { label: 'Governor', asksOrganisation: false, asksWork: false, active: true, rules: ['Phones away in classrooms.'], reminder: 'Phones away in class.' }));
    expect(g).toMatchObject({ key: 'custom1', builtin: false, active: true });
    expect(currentTexts(t.db).texts.types.custom1).toEqual({ rules: ['Phones away in classrooms.'], reminder: 'Phones away in class.' });
    expect(signInBadge({ typeKey: 'custom1', organisation: '' }).badge).toMatchObject({ typeLabel: 'Governor', reminder: 'Phones away in class.' });
    expect(refused(admin, (tx) => saveVisitorType(tx, { key: 'parent', label: 'Parent/carer', asksOrganisation: false, asksWork: false, active: false })).field).toBe('active');
  });
});

describe('breaches of 6.4', () => {
  it('records who, when, what and whether the DSL was told; the DSL told once', () => {
    const r = signInBadge({ typeKey: 'parent', name: 'Pat Parent', organisation: '' });
    expect(refused(office, (tx) => reportBreach(tx, { visitId: r.visitId, person: 'Pat Parent', occurredAt: '2026-11-25T09:00:00.000Z', kind: 'other', what: '', dslTold: false })).field).toBe('what');
    expect(refused(office, (tx) => reportBreach(tx, { person: 'Pat Parent', occurredAt: '2026-11-26T10:00:00.000Z', kind: 'sharing-images', what: '', dslTold: false })).field).toBe('occurredAt');
    const b = as(office, (tx) => reportBreach(tx, { visitId: r.visitId, person: 'Pat Parent', occurredAt: '2026-11-25T09:10:00.000Z', kind: 'images-of-other-children', what: 'Filmed the class assembly', dslTold: false }));
    expect(b).toMatchObject({ reportedBy: 'Olu Office', dslToldAt: null });
    expect(as(officeDsl, (tx) => markBreachDslTold(tx, b.id))).toMatchObject({ dslToldBy: 'Dara Office-DSL' });
    expect(refused(office, (tx) => markBreachDslTold(tx, b.id)).code).toBe('CONFLICT');
    expect(listBreaches(t.db, { visitId: r.visitId }).map((x) => x.id)).toEqual([b.id]);
    expect(listBreaches(t.db, { from: '2026-11-26' })).toEqual([]);
    expect(refused(kiosk, (tx) => reportBreach(tx, { person: 'x', occurredAt: '2026-11-25T09:10:00.000Z', kind: 'sharing-images', what: '', dslTold: true })).message).toMatch(/Only staff/);
  });
});

describe('fire roll call', () => {
  it('lists everyone on site (and anyone waiting), ticks each, keeps the result and times; a second start returns the one under way', () => {
    const a = signInBadge({ name: 'Amy Adams' });
    const b = signInBadge({ name: 'Ben Brown', typeKey: 'contractor', work: 'Boiler', supervisor: 'Mr Site' });
    const gone = signInBadge({ name: 'Gus Gone' });
    as(kiosk, (tx) => signOutByBadge(tx, gone.badge.token));
    as(leadership, (tx) => addNotPermitted(tx, { name: 'Wes Waiting', category: 'behaviour' }));
    as(kiosk, (tx) => signIn(tx, visitor({ name: 'Wes Waiting' })));
    t.clock.advance(60_000);
    const rc = as(office, (tx) => startRollCall(tx));
    expect(rc.people.map((p) => p.name)).toEqual(['Amy Adams', 'Ben Brown', 'Wes Waiting']);
    expect(rc).toMatchObject({ startedBy: 'Olu Office', endedAt: null, accounted: 0 });
    expect(as(leadership, (tx) => startRollCall(tx)).id).toBe(rc.id);
    t.clock.advance(30_000);
    const ticked = as(office, (tx) => accountFor(tx, rc.id, a.visitId, true));
    expect(ticked.accounted).toBe(1);
    expect(ticked.people[0]).toMatchObject({ accountedAt: '2026-11-25T09:16:30.000Z', accountedBy: 'Olu Office' });
    as(office, (tx) => accountFor(tx, rc.id, b.visitId, true));
    expect(as(office, (tx) => accountFor(tx, rc.id, b.visitId, false)).accounted).toBe(1);
    expect(refused(office, (tx) => accountFor(tx, rc.id, gone.visitId, true)).field).toBe('visitId');
    const ended = as(office, (tx) => endRollCall(tx, rc.id));
    expect(ended).toMatchObject({ endedBy: 'Olu Office', accounted: 1 });
    expect(refused(office, (tx) => accountFor(tx, rc.id, b.visitId, true)).code).toBe('CONFLICT');
    expect(refused(office, (tx) => endRollCall(tx, rc.id)).code).toBe('CONFLICT');
    expect(listRollCalls(t.db)).toEqual([expect.objectContaining({ id: rc.id, people: 3, accounted: 1 })]);
    expect(getRollCall(t.db, rc.id).people.map((p) => p.accountedAt !== null)).toEqual([true, false, false]);
    // the next one is a new roll call
    expect(as(office, (tx) => startRollCall(tx)).id).not.toBe(rc.id);
  });

  it('saves an empty roll call when nobody is on site', () => {
    const rc = as(office, (tx) => startRollCall(tx));
    expect(rc.people).toEqual([]);
    expect(as(office, (tx) => endRollCall(tx, rc.id)).endedAt).not.toBeNull();
  });
});

describe('history, CSV and the "see the office" tile', () => {
  it('searches by name, organisation, type, status and dates; the CSV neutralises formulas', () => {
    signInBadge({ name: '=HYPERLINK("http://x","y")', organisation: 'Acme' });
    t.clock.set('2026-11-26T09:00:00Z');
    signInBadge({ name: 'Zoë Ó Súilleabháin', organisation: 'County Council', typeKey: 'supply' });
    expect(searchVisits(t.db, { name: 'zoe' }).visits.map((v) => v.name)).toEqual(['Zoë Ó Súilleabháin']);
    expect(searchVisits(t.db, { organisation: 'acme' }).total).toBe(1);
    expect(searchVisits(t.db, { typeKey: 'supply' }).total).toBe(1);
    expect(searchVisits(t.db, { from: '2026-11-26', to: '2026-11-26' }).visits.map((v) => v.organisation)).toEqual(['County Council']);
    expect(searchVisits(t.db, { status: 'signed-out' }).total).toBe(0);
    expect(searchVisits(t.db, { limit: 1 })).toMatchObject({ total: 2, visits: [expect.objectContaining({ typeKey: 'supply' })] });
    const csv = visitsCsv(t.db, {});
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv.split('\r\n')[0]).toMatch(/^\ufeff?Signed in,Signed out,Status,Type,Name/);
  });

  it('raises one "see the office" alert, not one a press', () => {
    as(kiosk, (tx) => askForOffice(tx));
    as(kiosk, (tx) => askForOffice(tx));
    expect(listOpenAlerts(t.db).filter((a) => a.kind === 'visitor-see-office')).toHaveLength(1);
    t.clock.advance(31_000);
    as(kiosk, (tx) => askForOffice(tx));
    expect(listOpenAlerts(t.db).filter((a) => a.kind === 'visitor-see-office')).toHaveLength(2);
  });
});

describe('retention', () => {
  it('deletes closed visits, their badges and roll-call entries, and old invitations past the months in Settings; keeps breaches, open visits and the audit chain', () => {
    const old = signInBadge({ name: 'Olga Old' });
    as(office, (tx) => createInvitation(tx, { typeKey: 'visitor', name: 'Ivan Invited', organisation: 'LA', visiting: '', carReg: '', work: '', supervisor: '', expectedOn: '2026-11-25' }));
    as(office, (tx) => reportBreach(tx, { visitId: old.visitId, person: 'Olga Old', occurredAt: '2026-11-25T09:10:00.000Z', kind: 'sharing-images', what: '', dslTold: true }));
    const staying = signInBadge({ name: 'Sid Staying' });
    as(office, (tx) => setStayOnSite(tx, staying.visitId, 'Caretaker'));
    const rc = as(office, (tx) => startRollCall(tx));
    as(office, (tx) => endRollCall(tx, rc.id));
    as(kiosk, (tx) => signOutByBadge(tx, old.badge.token));
    t.clock.set('2028-11-24T09:00:00Z'); // one day short of two years
    expect(oldVisitsDue(t.db, t.clock.now())).toBe(false);
    t.clock.set('2028-11-26T09:00:00Z');
    expect(oldVisitsDue(t.db, t.clock.now())).toBe(true);
    expect(as({ kind: 'system' }, (tx) => purgeOldVisits(tx))).toEqual({ visits: 1, invitations: 1 });
    expect(t.db.prepare('SELECT name FROM visits').pluck().all()).toEqual(['Sid Staying']);
    expect(t.db.prepare('SELECT count(*) FROM visit_badges WHERE visit_id = ?').pluck().get(old.visitId)).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM roll_calls').pluck().get()).toBe(1); // Sid is still on it
    expect(listBreaches(t.db, {}).map((b) => [b.person, b.visitId])).toEqual([['Olga Old', null]]);
    expect(oldVisitsDue(t.db, t.clock.now())).toBe(false);
    expect(verifyAudit(t.db).ok).toBe(true);
    // a shorter period in Settings applies at once
    as(admin, (tx) => updateSettings(tx, { visitRetentionMonths: 6 }));
    as(office, (tx) => staffSignOut(tx, staying.visitId));
    t.clock.set('2029-06-01T09:00:00Z');
    expect(as({ kind: 'system' }, (tx) => purgeOldVisits(tx))).toEqual({ visits: 1, invitations: 0 });
    expect(t.db.prepare('SELECT count(*) FROM roll_calls').pluck().get()).toBe(0);
  });
});
