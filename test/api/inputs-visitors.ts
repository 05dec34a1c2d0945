/** The visitors' channels for the access table and the fuzz test (issue 8): one valid input each, arbitraries, the writes each should make. */
import fc from 'fast-check';
import { DEFAULT_TEXTS } from '../../db/visitors';
import { dispatch } from '../../electron/api/dispatch';
import { sessions, type TestDb } from '../helpers/db';
import type { ChannelInputs, Effect } from './inputs';

type TextArb = (max: number) => fc.Arbitrary<string>;

const nothing: Effect = { tables: [], auditRows: 0 };
const visitTables = ['visits', 'visit_badges'];
const TOKENS = ['KVAAAAAAAAAAAAAAAA', 'KVBBBBBBBBBBBBBBBB', 'KVCCCCCCCCCCCCCCCC'];
export const INVITATION_CODE = 'KIAAAAAAAAAAAAAAAA';

async function ok(t: TestDb, who: keyof typeof sessions, channel: Parameters<typeof dispatch>[2], input: unknown): Promise<unknown> {
  const r = await dispatch(t.ctx, sessions[who], channel, input, () => {});
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

/** Three visitors on site (visits 1–3, badges with known tokens) and a not-permitted person waiting (visit 4). */
export async function seedVisits(t: TestDb): Promise<void> {
  const base = { visiting: 'Mrs Head', textsVersion: 1, agreed: true };
  await ok(t, 'kiosk', 'kioskSignIn', { ...base, typeKey: 'visitor', name: 'Sam Visitor', organisation: 'County Council' });
  await ok(t, 'kiosk', 'kioskSignIn', { ...base, typeKey: 'contractor', name: 'Ed Electric', organisation: 'Sparks Ltd', work: 'PAT testing', supervisor: 'Mr Site' });
  await ok(t, 'kiosk', 'kioskSignIn', { ...base, typeKey: 'parent', name: 'Pat Parent' });
  await ok(t, 'leadership', 'addNotPermitted', { name: 'Vic Barred', category: 'court-order' });
  await ok(t, 'kiosk', 'kioskSignIn', { ...base, typeKey: 'parent', name: 'Vic Barred' });
  // known tokens, so the arbitraries can scan them (a test fixture: the app never sets a token)
  const ids = t.db.prepare('SELECT token FROM visit_badges ORDER BY visit_id').pluck().all() as string[];
  ids.forEach((token, i) => t.db.prepare('UPDATE visit_badges SET token = ? WHERE token = ?').run(TOKENS[i], token));
}

export async function seedInvitation(t: TestDb): Promise<void> {
  await ok(t, 'office', 'createInvitation', { typeKey: 'visitor', name: 'Ivy Invited', organisation: 'Ofsted', visiting: 'Head', expectedOn: '2026-11-25' });
  t.db.prepare('UPDATE invitations SET code = ? WHERE id = 1').run(INVITATION_CODE);
}

async function seedProfile(t: TestDb): Promise<void> {
  await ok(t, 'office', 'saveVisitorProfile', { typeKey: 'volunteer', name: 'Val Volunteer', dbsNumber: '001234567890', dbsIssuedOn: '2025-09-01', dbsSeenBy: 'Olu', dbsSeenOn: '2025-09-10', active: true });
}

async function seedNotSignedOut(t: TestDb): Promise<void> {
  await seedVisits(t);
  t.clock.set('2026-11-25T20:00:00Z');
  await ok(t, 'office', 'listOnSite', {});
}

async function seedRollCall(t: TestDb): Promise<void> {
  await seedVisits(t);
  await ok(t, 'office', 'startRollCall', {});
}

async function seedBreach(t: TestDb): Promise<void> {
  await seedVisits(t);
  await ok(t, 'office', 'reportBreach', { visitId: 3, person: 'Pat Parent', kind: 'images-of-other-children', dslTold: false });
}

export function visitorInputs(textArb: TextArb, dateArb: fc.Arbitrary<string>, signatureUrl: string) {
  const visitIdArb = fc.integer({ min: 1, max: 5 });
  const typeArb = fc.constantFrom('parent', 'visitor', 'contractor', 'volunteer', 'supply', 'alien', 'Visitor');
  const nameArb = fc.oneof(fc.constantFrom('Sam Visitor', 'Vic Barred', 'vic  BARRED', '<script>alert(1)</script>', '=HYPERLINK("http://x","y")'), textArb(80));
  const tokenArb = fc.oneof(fc.constantFrom(...TOKENS, 'kvaaaaaaaaaaaaaaaa', 'KV-AAAA-AAAA-AAAA-AAAA', 'KVZZZZZZZZZZZZZZZZ', 'KPAAAAAAAAAAAAAAAA', ''), textArb(40));
  const localTimeArb = fc.constantFrom('2026-11-25T08:00', '2026-11-25T23:59', '2026-02-30T10:00', '2026-11-25 08:00');
  const rulesArb = fc.array(fc.oneof(fc.constant('Phones away near children.'), textArb(240)), { minLength: 0, maxLength: 7 });
  const search = fc.record(
    { name: textArb(80), organisation: textArb(80), typeKey: typeArb, status: fc.constantFrom('on-site', 'signed-out', 'gone'), from: dateArb, to: dateArb },
    { requiredKeys: [] },
  );
  const signIn = { typeKey: 'visitor', name: 'Sam Visitor', organisation: 'County Council', visiting: 'Mrs Head', textsVersion: 1, agreed: true };
  const profile = { typeKey: 'volunteer', name: 'Val Volunteer', dbsNumber: '001234567890', dbsIssuedOn: '2025-09-01', dbsSeenBy: 'Olu Office', dbsSeenOn: '2025-09-10', active: true };
  const texts = { ...DEFAULT_TEXTS };

  return {
    // ---- the public kiosk
    getKioskVisitorForm: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: nothing, session: 'kiosk' },
    kioskInvitation: { valid: { code: INVITATION_CODE }, arb: fc.record({ code: fc.oneof(fc.constantFrom(INVITATION_CODE, 'kiaaaaaaaaaaaaaaaa', 'KIBBBBBBBBBBBBBBBB'), textArb(40)) }), effect: nothing, prepare: seedInvitation, session: 'kiosk' },
    kioskSignIn: {
      valid: signIn,
      arb: fc.oneof(
        fc.constant(signIn),
        fc.record(
          {
            typeKey: typeArb,
            name: nameArb,
            organisation: fc.oneof(fc.constant('Sparks Ltd'), textArb(80)),
            visiting: fc.oneof(fc.constant('Mrs Head'), textArb(120)),
            carReg: fc.constantFrom('AB12 CDE', '', 'AB-12'),
            work: fc.oneof(fc.constant('Boiler service'), textArb(120)),
            supervisor: fc.oneof(fc.constant('Mr Site'), textArb(80)),
            code: fc.constantFrom(INVITATION_CODE, 'KIZZZZZZZZZZZZZZZZ'),
            textsVersion: fc.constantFrom(1, 2, 0),
            agreed: fc.constantFrom(true, true, false),
          },
          { requiredKeys: ['typeKey', 'name', 'visiting', 'textsVersion', 'agreed'] },
        ),
      ),
      effect: { tables: ['visits', 'visit_badges', 'invitations', 'alerts'], auditRows: 'any' },
      prepare: async (t: TestDb) => {
        await seedInvitation(t);
        await ok(t, 'leadership', 'addNotPermitted', { name: 'Vic Barred', category: 'court-order' });
      },
      session: 'kiosk',
    },
    getBadge: { valid: { token: TOKENS[0] }, arb: fc.record({ token: tokenArb }), effect: nothing, prepare: seedVisits, session: 'kiosk' },
    kioskSignOut: { valid: { token: TOKENS[0] }, arb: fc.record({ token: tokenArb }), effect: { tables: visitTables, auditRows: 1 }, prepare: seedVisits, session: 'kiosk' },
    kioskSeeOffice: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: { tables: ['alerts'], auditRows: 1 }, session: 'kiosk' },

    // ---- the office
    getConsoleAlerts: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: nothing, prepare: seedVisits },
    listOnSite: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: nothing, prepare: seedVisits },
    getVisit: { valid: { id: 1 }, arb: fc.record({ id: visitIdArb }), effect: nothing, prepare: seedVisits },
    staffSignOut: { valid: { id: 1 }, arb: fc.record({ id: visitIdArb }), effect: { tables: visitTables, auditRows: 1 }, prepare: seedVisits },
    reprintBadge: { valid: { id: 1 }, arb: fc.record({ id: visitIdArb }), effect: { tables: ['visit_badges'], auditRows: 1 }, prepare: seedVisits },
    admitVisit: { valid: { id: 4 }, arb: fc.record({ id: visitIdArb }), effect: { tables: visitTables, auditRows: 1 }, prepare: seedVisits, session: 'leadership' },
    turnAwayVisit: { valid: { id: 4 }, arb: fc.record({ id: visitIdArb }), effect: { tables: visitTables, auditRows: 1 }, prepare: seedVisits },
    setStayOnSite: {
      valid: { id: 1, reason: 'Evening letting' },
      arb: fc.record({ id: visitIdArb, reason: fc.oneof(fc.constant(null), fc.constant('Cleaning'), textArb(120)) }),
      effect: { tables: ['visits'], auditRows: 'one-if-changed' },
      prepare: seedVisits,
    },
    checkNotSignedOut: {
      valid: { id: 1, note: 'Left by the side gate' },
      arb: fc.record({ id: visitIdArb, note: fc.oneof(fc.constant('Left at 15:30'), textArb(200)) }),
      effect: { tables: ['visits'], auditRows: 1 },
      prepare: seedNotSignedOut,
    },
    searchVisits: { valid: {}, arb: search, effect: nothing, prepare: seedVisits },
    exportVisits: { valid: {}, arb: search, effect: { tables: [], auditRows: 1 }, prepare: seedVisits },

    listInvitations: { valid: {}, arb: fc.option(fc.record({ from: dateArb, to: dateArb }, { requiredKeys: [] }), { nil: undefined }), effect: nothing, prepare: seedInvitation },
    createInvitation: {
      valid: { typeKey: 'visitor', name: 'Ivy Invited', organisation: 'Ofsted', visiting: 'Head', expectedOn: '2026-11-26' },
      arb: fc.record(
        {
          typeKey: typeArb,
          name: nameArb,
          organisation: textArb(80),
          visiting: textArb(120),
          carReg: fc.constantFrom('AB12 CDE', ''),
          work: textArb(120),
          supervisor: textArb(80),
          expectedOn: fc.oneof(fc.constantFrom('2026-11-25', '2026-12-01'), dateArb),
          profileId: fc.constantFrom(1, 2),
        },
        { requiredKeys: ['typeKey', 'name', 'expectedOn'] },
      ),
      effect: { tables: ['invitations'], auditRows: 1 },
      prepare: seedProfile,
    },
    cancelInvitation: { valid: { id: 1 }, arb: fc.record({ id: fc.integer({ min: 1, max: 2 }) }), effect: { tables: ['invitations'], auditRows: 1 }, prepare: seedInvitation },

    listVisitorProfiles: { valid: {}, arb: fc.option(fc.record({ includeInactive: fc.boolean() }), { nil: undefined }), effect: nothing, prepare: seedProfile },
    saveVisitorProfile: {
      valid: profile,
      arb: fc.oneof(
        fc.constant(profile),
        fc.record(
          {
            id: fc.constantFrom(1, 2),
            typeKey: typeArb,
            name: nameArb,
            organisation: textArb(80),
            dbsNumber: fc.constantFrom('', '001234567890', '0012 3456 7890', '123'),
            dbsIssuedOn: fc.oneof(fc.constant('2025-09-01'), dateArb),
            dbsSeenBy: fc.oneof(fc.constant('Olu Office'), textArb(80)),
            dbsSeenOn: fc.oneof(fc.constant('2025-09-10'), dateArb),
            notes: textArb(200),
            active: fc.boolean(),
          },
          { requiredKeys: ['typeKey', 'name', 'active'] },
        ),
      ),
      effect: { tables: ['visitor_profiles'], auditRows: 1 },
      prepare: seedProfile,
    },
    reissueVisitorCard: { valid: { id: 1 }, arb: fc.record({ id: fc.integer({ min: 1, max: 2 }) }), effect: { tables: ['visitor_profiles'], auditRows: 1 }, prepare: seedProfile },

    listNotPermitted: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: nothing, prepare: seedVisits, session: 'leadership' },
    addNotPermitted: {
      valid: { name: 'Nat Allowed', category: 'safeguarding' },
      arb: fc.record({ name: nameArb, category: fc.constantFrom('court-order', 'safeguarding', 'behaviour', 'trespass', 'other', 'gossip') }),
      effect: { tables: ['not_permitted'], auditRows: 1 },
      session: 'leadership',
    },
    removeNotPermitted: {
      valid: { id: 1 },
      arb: fc.record({ id: fc.integer({ min: 1, max: 2 }) }),
      effect: { tables: ['not_permitted'], auditRows: 1 },
      prepare: seedVisits,
      session: 'leadership',
    },

    reportBreach: {
      valid: { person: 'Pat Parent', kind: 'images-of-other-children', dslTold: false },
      arb: fc.record(
        {
          visitId: visitIdArb,
          person: nameArb,
          occurredAt: localTimeArb,
          kind: fc.constantFrom('images-of-other-children', 'sharing-images', 'phone-near-children', 'calls-in-class', 'other', 'jaywalking'),
          what: textArb(300),
          dslTold: fc.boolean(),
        },
        { requiredKeys: ['person', 'kind', 'dslTold'] },
      ),
      effect: { tables: ['visitor_breaches'], auditRows: 1 },
      prepare: seedVisits,
    },
    markBreachDslTold: { valid: { id: 1 }, arb: fc.record({ id: fc.integer({ min: 1, max: 2 }) }), effect: { tables: ['visitor_breaches'], auditRows: 1 }, prepare: seedBreach },
    listBreaches: {
      valid: {},
      arb: fc.option(fc.record({ visitId: visitIdArb, from: dateArb, to: dateArb }, { requiredKeys: [] }), { nil: undefined }),
      effect: nothing,
      prepare: seedBreach,
    },

    startRollCall: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: { tables: ['roll_calls', 'roll_call_people'], auditRows: 'one-if-changed' }, prepare: seedVisits },
    getRollCall: { valid: { id: 1 }, arb: fc.record({ id: fc.integer({ min: 1, max: 2 }) }), effect: nothing, prepare: seedRollCall },
    accountFor: {
      valid: { rollCallId: 1, visitId: 1, accounted: true },
      arb: fc.record({ rollCallId: fc.integer({ min: 1, max: 2 }), visitId: visitIdArb, accounted: fc.boolean() }),
      effect: { tables: ['roll_call_people'], auditRows: 'one-if-changed' },
      prepare: seedRollCall,
    },
    endRollCall: { valid: { id: 1 }, arb: fc.record({ id: fc.integer({ min: 1, max: 2 }) }), effect: { tables: ['roll_calls'], auditRows: 1 }, prepare: seedRollCall },
    listRollCalls: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: nothing, prepare: seedRollCall },

    getVisitorSetup: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: nothing },
    saveVisitorTexts: {
      valid: { ...texts, assemblyPoint: 'The top playground.' },
      arb: fc.oneof(
        fc.constant({ ...texts, assemblyPoint: 'The top playground.' }),
        fc.record({
          types: fc.constant(texts.types),
          worried: fc.oneof(fc.constant(texts.worried), textArb(400)),
          assemblyPoint: textArb(300),
          privacy: fc.oneof(fc.constant(texts.privacy), textArb(600)),
          policy: fc.constant(texts.policy),
        }),
        fc.record({
          types: fc.record({ contractor: fc.record({ rules: rulesArb, reminder: textArb(70) }), visitor: fc.constant(texts.types.visitor!) }),
          worried: fc.constant(texts.worried),
          assemblyPoint: fc.constant(texts.assemblyPoint),
          privacy: fc.constant(texts.privacy),
          policy: fc.constant(texts.policy),
        }),
      ),
      effect: { tables: ['visitor_texts'], auditRows: 'one-if-changed' },
    },
    saveVisitorType: {
      valid: { label: 'Governor', asksOrganisation: false, asksWork: false, active: true, rules: ['Phones away in classrooms.'], reminder: 'Phones away in class.' },
      arb: fc.record(
        {
          key: fc.constantFrom('parent', 'contractor', 'custom1', 'nobody'),
          label: fc.oneof(fc.constantFrom('Governor', 'Visitor', 'Inspector'), textArb(40)),
          asksOrganisation: fc.boolean(),
          asksWork: fc.boolean(),
          active: fc.boolean(),
          rules: rulesArb,
          reminder: textArb(70),
        },
        { requiredKeys: ['label', 'asksOrganisation', 'asksWork', 'active'] },
      ),
      effect: { tables: ['visitor_types', 'visitor_texts'], auditRows: 'any' },
    },
    // ---- the visitor-facing screen (held in memory by the host: nothing is written)
    getPublicTask: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: nothing, session: 'kiosk' },
    submitPublicSignature: {
      valid: { requestId: 'abc', signature: signatureUrl },
      arb: fc.record({ requestId: textArb(40), signature: fc.constantFrom(signatureUrl, 'data:image/png;base64,', 'x') }),
      effect: { ...nothing, alwaysRefused: true },
      session: 'kiosk',
    },
    getScreens: { valid: {}, arb: fc.constantFrom(undefined, {}), effect: nothing },
    requestPublicSignature: { valid: { prompt: 'Please sign' }, arb: fc.record({ prompt: textArb(120) }), effect: { ...nothing, alwaysRefused: true } },
    getPublicSignature: { valid: { requestId: 'abc' }, arb: fc.record({ requestId: textArb(40) }), effect: nothing },
    cancelPublicSignature: { valid: { requestId: 'abc' }, arb: fc.record({ requestId: textArb(40) }), effect: nothing },
  } satisfies Record<string, ChannelInputs>;
}
