/** Confiscated devices (issue 7): the whole state machine, every allowed step and every forbidden one, each with its error. */
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit, type Actor } from '../../db/audit';
import {
  amendConfiscation,
  confiscationBySlip,
  getConfiscation,
  handToPolice,
  heldNow,
  issueSlip,
  listConfiscations,
  moveDevice,
  policeOutcome,
  recordConfiscation,
  recordDslInformed,
  recordExamReport,
  recordParentsInformed,
  recordParentsNotInformed,
  recordSearch,
  recordUkcisDecision,
  recordUkcisSteps,
  registerCsv,
  releaseDevice,
  ruleState,
  setHold,
  signaturePng,
  slipAllowed,
  type ConfiscationInput,
} from '../../db/confiscations';
import { addContact, setNoContact, type ContactRecord } from '../../db/contacts';
import { createPupil, updatePupil, type PupilRecord } from '../../db/pupils';
import { updateSettings } from '../../db/settings';
import { write, type Tx } from '../../db/tx';
import { makeTestDb, refusal, snapshot, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T10:15:00Z', { staff: true });
});
afterEach(() => t.dispose());

const office: Actor = { kind: 'staff', staffId: 2 };
const officeDsl: Actor = { kind: 'staff', staffId: 3 };
const leadership: Actor = { kind: 'staff', staffId: 4 };
const admin: Actor = { kind: 'staff', staffId: 1 };

function as<T>(actor: Actor, fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, actor, fn);
}
/** The refusal, checking nothing at all was written. */
function refused(actor: Actor, fn: (tx: Tx) => unknown) {
  const before = snapshot(t.db);
  const r = refusal(() => as(actor, fn));
  expect(snapshot(t.db)).toEqual(before);
  return r;
}

/** A real PNG, as signature_pad gives one. */
const SIGNATURE = (() => {
  const png = new PNG({ width: 40, height: 20 });
  png.data.fill(255);
  return new Uint8Array(PNG.sync.write(png));
})();

let pupil: PupilRecord;
let mum: ContactRecord;
let gran: ContactRecord;
let dad: ContactRecord;
beforeEach(() => {
  pupil = as(office, (tx) => createPupil(tx, { forename: 'Zoë', surname: 'Quillwick', yearGroup: 5, regGroup: '5W', upn: null, adno: null }));
  mum = as(office, (tx) => addContact(tx, pupil.id, { name: 'Ana Quillwick', relationship: 'Mother', phone: '07700 900123', mayCollect: true }));
  gran = as(office, (tx) => addContact(tx, pupil.id, { name: 'Gran Quillwick', relationship: 'Grandparent', phone: '', mayCollect: false }));
  dad = as(office, (tx) => addContact(tx, pupil.id, { name: 'Ben Quillwick', relationship: 'Father', phone: '', mayCollect: true }));
  as(officeDsl, (tx) => setNoContact(tx, dad.id, { noContact: true, category: 'court-order' }));
});

const phone = (over: Partial<ConfiscationInput> = {}): ConfiscationInput => ({
  pupilId: pupil.id,
  deviceType: 'phone',
  description: 'Black iPhone, cracked blue case',
  condition: 'Screen cracked',
  power: 'on',
  ground: 'behaviour',
  confiscatedBy: 'Mrs Lunch (lunchtime supervisor)',
  confiscatedAt: '2026-11-25T10:05:00Z',
  ...over,
});

describe('recording a confiscation', () => {
  it('records who, what, why, when, who took it (by name) apart from who recorded it, and where it is held; with a slip token', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone({ witness: 'Mr Teacher' })));
    expect(c).toMatchObject({ status: 'held', location: 'School office safe', confiscatedBy: 'Mrs Lunch (lunchtime supervisor)', recordedBy: 'staff:2', witness: 'Mr Teacher', onHold: false });
    expect(c.slipToken).toMatch(/^KC[A-Z2-7]{16}$/);
    expect(confiscationBySlip(t.db, c.slipToken.toLowerCase())).toBe(c.id);
    expect(confiscationBySlip(t.db, 'KPAAAAAAAAAAAAAAAA')).toBeNull();
    const { events } = getConfiscation(t.db, c.id, t.clock.now());
    expect(events).toEqual([expect.objectContaining({ kind: 'recorded', at: '2026-11-25T10:05:00.000Z', by: 'staff:2' })]);
    expect(heldNow(t.db, t.clock.now()).held).toBe(1);
    expect(verifyAudit(t.db)).toMatchObject({ ok: true });
  });

  it('refuses a missing description, an "other" ground without words, a future time, a place not in Settings, a pupil who left', () => {
    expect(refused(office, (tx) => recordConfiscation(tx, phone({ description: ' ' })))).toMatchObject({ field: 'description' });
    expect(refused(office, (tx) => recordConfiscation(tx, phone({ ground: 'other' })))).toMatchObject({ field: 'groundDetail' });
    expect(refused(office, (tx) => recordConfiscation(tx, phone({ confiscatedAt: '2026-11-25T12:00:00Z' })))).toMatchObject({ field: 'confiscatedAt', message: /future/ });
    expect(refused(office, (tx) => recordConfiscation(tx, phone({ location: 'Under the desk' })))).toMatchObject({ field: 'location' });
    expect(refused(office, (tx) => recordConfiscation(tx, phone({ confiscatedBy: '' })))).toMatchObject({ field: 'confiscatedBy' });
    as(office, (tx) => updatePupil(tx, pupil.id, { status: 'left' }));
    expect(refused(office, (tx) => recordConfiscation(tx, phone()))).toMatchObject({ field: 'pupilId', message: /left/ });
  });
});

describe('while the device is held', () => {
  it('records every move in order, parents informed, the DSL told with a reference only, and an exam report', () => {
    as(admin, (tx) => updateSettings(tx, { confiscationLocations: ['School office safe', 'Head’s office'] }));
    const c = as(office, (tx) => recordConfiscation(tx, phone({ ground: 'exam' })));
    as(office, (tx) => moveDevice(tx, c.id, { to: 'With the DSL' }));
    as(office, (tx) => moveDevice(tx, c.id, { to: 'Head’s office', note: 'Locked drawer' }));
    as(office, (tx) => recordParentsInformed(tx, c.id, { how: 'phone', informedBy: 'Mrs Office' }));
    as(office, (tx) => recordDslInformed(tx, c.id, { reference: 'CPOMS 12345' }));
    as(office, (tx) => recordExamReport(tx, c.id, { examBody: 'STA (KS2 tests)', reportedOn: '2026-11-25' }));
    const { record, events } = getConfiscation(t.db, c.id, t.clock.now());
    expect(events.map((e) => e.kind)).toEqual(['recorded', 'moved', 'moved', 'parents-informed', 'dsl-informed', 'exam-reported']);
    expect(events[2]!.details).toEqual({ from: 'With the DSL', to: 'Head’s office', note: 'Locked drawer' });
    expect(record).toMatchObject({ location: 'Head’s office', parentsInformed: 'yes', dslInformed: true });
    expect(refused(office, (tx) => recordDslInformed(tx, c.id, { reference: 'Zoë said that another girl in 5W sent her the pictures on Tuesday' }))).toMatchObject({ field: 'reference' });
    expect(refused(office, (tx) => moveDevice(tx, c.id, { to: 'Head’s office' }))).toMatchObject({ field: 'to', message: /already/ });
  });

  it('lets only a DSL decide parents are not told, hold a device and lift the hold', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone({ ground: 'child-protection' })));
    for (const who of [office, leadership, admin]) {
      expect(refused(who, (tx) => recordParentsNotInformed(tx, c.id, { decidedBy: 'X', reason: 'Y' }))).toMatchObject({ message: /Only a DSL/ });
      expect(refused(who, (tx) => setHold(tx, c.id, true, 'Police may want it'))).toMatchObject({ message: /Only a DSL/ });
    }
    as(officeDsl, (tx) => recordParentsNotInformed(tx, c.id, { decidedBy: 'Dara (DSL)', reason: 'Telling them may put the child at risk' }));
    expect(as(officeDsl, (tx) => setHold(tx, c.id, true, 'Release only with DSL agreement')).onHold).toBe(true);
    expect(getConfiscation(t.db, c.id, t.clock.now()).record.parentsInformed).toBe('not-informed');
    expect(refused(officeDsl, (tx) => setHold(tx, c.id, true, ''))).toMatchObject({ message: /already on hold/ });
  });
});

describe('searching (DfE 2022) and suspected nude images (UKCIS)', () => {
  const search = { authorisedBy: 'Mrs Head', consentFrom: 'parent' as const, consentHow: 'Told what would be looked at and why', searchedBy: 'Mr Deputy', present: 'Mrs DSL', sought: 'Messages bullying a classmate', found: 'Nothing', outcome: 'nothing-of-concern' as const, followUp: '' };

  it('lets leadership or a DSL record a search with a parent’s consent; office staff cannot', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone({ ground: 'anti-bullying' })));
    expect(refused(office, (tx) => recordSearch(tx, c.id, { ...search, consentContactId: mum.id }))).toMatchObject({ message: /leadership team or a DSL/ });
    expect(refused(admin, (tx) => recordSearch(tx, c.id, { ...search, consentContactId: mum.id }))).toMatchObject({ message: /leadership team or a DSL/ });
    expect(refused(leadership, (tx) => recordSearch(tx, c.id, { ...search }))).toMatchObject({ field: 'consentContactId' });
    as(leadership, (tx) => recordSearch(tx, c.id, { ...search, consentContactId: mum.id }));
    as(officeDsl, (tx) => recordSearch(tx, c.id, { ...search, consentFrom: 'learner', outcome: 'content-deleted' }));
    const events = getConfiscation(t.db, c.id, t.clock.now()).events.filter((e) => e.kind === 'searched');
    expect(events.map((e) => [e.details.consentName, e.details.outcome])).toEqual([
      ['Ana Quillwick', 'nothing-of-concern'],
      ['The learner', 'content-deleted'],
    ]);
  });

  it('replaces the search with the UKCIS steps when nude or semi-nude images are the ground', () => {
    const nudes = as(office, (tx) => recordConfiscation(tx, phone({ ground: 'suspected-nudes' })));
    expect(refused(officeDsl, (tx) => recordSearch(tx, nudes.id, { ...search, consentContactId: mum.id }))).toMatchObject({ field: 'outcome', message: /do not search or view.*UKCIS/ });
    expect(refused(leadership, (tx) => recordUkcisSteps(tx, nudes.id, { notViewed: true, turnedOffAndSecured: false, dslInformed: true }))).toMatchObject({ field: 'turnedOffAndSecured' });
    expect(refused(office, (tx) => recordUkcisSteps(tx, nudes.id, { notViewed: true, turnedOffAndSecured: true, dslInformed: true }))).toMatchObject({ message: /leadership team or a DSL/ });
    as(officeDsl, (tx) => recordUkcisSteps(tx, nudes.id, { notViewed: true, turnedOffAndSecured: true, dslInformed: true }));
    expect(getConfiscation(t.db, nudes.id, t.clock.now()).record).toMatchObject({ searched: true, dslInformed: true, suspected: 'nudes' }); // the UKCIS steps include telling the DSL
  });

  it('ends a search at "suspected nude images seen, not viewed further": nothing of what was seen is kept, and the record becomes a suspected-nudes record', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone({ ground: 'anti-bullying' })));
    expect(ruleState(t.db, c.id)).toMatchObject({ suspected: null });
    as(leadership, (tx) => recordSearch(tx, c.id, { ...search, consentContactId: mum.id, found: 'A picture of a girl from 5W', outcome: 'suspected-nudes' }));
    const { record, events } = getConfiscation(t.db, c.id, t.clock.now());
    expect(record).toMatchObject({ suspected: 'nudes', searched: true });
    expect(events.at(-1)!.details).toMatchObject({ outcome: 'suspected-nudes', found: '' });
    expect(JSON.stringify(events)).not.toContain('picture');
    // no further search, by anyone; the UKCIS steps instead; DSL-only release; no slip
    expect(refused(officeDsl, (tx) => recordSearch(tx, c.id, { ...search, consentContactId: mum.id }))).toMatchObject({ message: /already stopped.*UKCIS/ });
    expect(refused(office, (tx) => releaseDevice(tx, c.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }))).toMatchObject({ message: /Only a DSL can release/ });
    expect(refused(officeDsl, (tx) => issueSlip(tx, c.id))).toMatchObject({ message: /nude or semi-nude images/ });
    as(leadership, (tx) => recordUkcisSteps(tx, c.id, { notViewed: true, turnedOffAndSecured: true, dslInformed: true }));
    // a search that stops at illegal content does the same
    const other = as(office, (tx) => recordConfiscation(tx, phone()));
    as(officeDsl, (tx) => recordSearch(tx, other.id, { ...search, consentFrom: 'learner', found: '', outcome: 'suspected-illegal' }));
    expect(ruleState(t.db, other.id).suspected).toBe('illegal');
    expect(refused(leadership, (tx) => recordSearch(tx, other.id, { ...search, consentContactId: mum.id }))).toMatchObject({ message: /already stopped/ });
    // a search that did not stop still needs what was found
    const third = as(office, (tx) => recordConfiscation(tx, phone()));
    expect(refused(leadership, (tx) => recordSearch(tx, third.id, { ...search, consentContactId: mum.id, found: ' ' }))).toMatchObject({ field: 'found' });
  });

  it('records the DSL’s UKCIS decision with who and when; handling it in school needs "no reason for an immediate referral"', () => {
    const nudes = as(office, (tx) => recordConfiscation(tx, phone({ ground: 'suspected-nudes' })));
    for (const who of [office, leadership, admin]) expect(refused(who, (tx) => recordUkcisDecision(tx, nudes.id, { decision: 'police' }))).toMatchObject({ message: /Only a DSL/ });
    expect(refused(officeDsl, (tx) => recordUkcisDecision(tx, nudes.id, { decision: 'in-school' }))).toMatchObject({ field: 'noImmediateReferral' });
    expect(refused(officeDsl, (tx) => recordUkcisDecision(tx, nudes.id, { decision: 'ignore' as never }))).toMatchObject({ field: 'decision' });
    const behaviour = as(office, (tx) => recordConfiscation(tx, phone()));
    expect(refused(officeDsl, (tx) => recordUkcisDecision(tx, behaviour.id, { decision: 'police' }))).toMatchObject({ message: /only where/ });
    t.clock.set('2026-11-25T11:00:00Z');
    as(officeDsl, (tx) => recordUkcisDecision(tx, nudes.id, { decision: 'in-school', noImmediateReferral: true }));
    as(officeDsl, (tx) => recordUkcisDecision(tx, nudes.id, { decision: 'social-care-and-police' }));
    const decisions = getConfiscation(t.db, nudes.id, t.clock.now()).events.filter((e) => e.kind === 'ukcis-decision');
    expect(decisions.map((e) => [e.details.decision, e.details.noImmediateReferral, e.by, e.at])).toEqual([
      ['in-school', true, 'staff:3', '2026-11-25T11:00:00.000Z'],
      ['social-care-and-police', false, 'staff:3', '2026-11-25T11:00:00.000Z'],
    ]);
    expect(verifyAudit(t.db)).toMatchObject({ ok: true });
  });
});

describe('the release slip', () => {
  it('is printed once by anyone, reprinted only by a DSL (marked as a reprint), and each print is on the chain of custody', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone()));
    expect(as(office, (tx) => issueSlip(tx, c.id))).toEqual({
      forename: 'Zoë',
      surname: 'Quillwick',
      deviceType: 'phone',
      description: 'Black iPhone, cracked blue case',
      confiscatedAt: '2026-11-25T10:05:00.000Z',
      slipToken: c.slipToken,
    });
    for (const who of [office, leadership, admin]) expect(refused(who, (tx) => issueSlip(tx, c.id))).toMatchObject({ message: /already been printed.*Only a DSL/ });
    as(officeDsl, (tx) => issueSlip(tx, c.id));
    const slips = getConfiscation(t.db, c.id, t.clock.now()).events.filter((e) => e.kind === 'slip-printed');
    expect(slips.map((e) => [e.by, e.details.reprint])).toEqual([
      ['staff:2', false],
      ['staff:3', true],
    ]);
    as(office, (tx) => releaseDevice(tx, c.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }));
    expect(refused(officeDsl, (tx) => issueSlip(tx, c.id))).toMatchObject({ message: /released/ });
  });

  it('is never given, by anyone, for child protection, suspected nude images or illegal content, with the police, on hold, or parents not told', () => {
    const cases: [string, () => number, RegExp][] = [
      ['child protection', () => as(office, (tx) => recordConfiscation(tx, phone({ ground: 'child-protection' }))).id, /child protection/],
      ['suspected nudes', () => as(office, (tx) => recordConfiscation(tx, phone({ ground: 'suspected-nudes' }))).id, /nude/],
      [
        'a search stopped at illegal content',
        () => {
          const id = as(office, (tx) => recordConfiscation(tx, phone())).id;
          as(leadership, (tx) => recordSearch(tx, id, { authorisedBy: 'Mrs Head', consentFrom: 'learner', consentHow: 'Told why', searchedBy: 'Mr Deputy', present: 'Mrs DSL', sought: 'x', found: '', outcome: 'suspected-illegal', followUp: '' }));
          return id;
        },
        /illegal content/,
      ],
      [
        'with the police',
        () => {
          const id = as(office, (tx) => recordConfiscation(tx, phone())).id;
          as(officeDsl, (tx) => handToPolice(tx, id, { officer: 'PC Jane Smith', shoulderNumber: '1234', crimeReference: 'CR/1', sealNumber: 'EB-1', receiptReceived: true }));
          return id;
        },
        /with the police/,
      ],
      [
        'on hold',
        () => {
          const id = as(office, (tx) => recordConfiscation(tx, phone())).id;
          as(officeDsl, (tx) => setHold(tx, id, true, ''));
          return id;
        },
        /on hold/,
      ],
      [
        'parents not told',
        () => {
          const id = as(office, (tx) => recordConfiscation(tx, phone())).id;
          as(officeDsl, (tx) => recordParentsNotInformed(tx, id, { decidedBy: 'Dara (DSL)', reason: 'Risk to the child' }));
          return id;
        },
        /not told/,
      ],
    ];
    for (const [what, make, reason] of cases) {
      const id = make();
      expect(slipAllowed(ruleState(t.db, id)), what).toMatch(reason);
      for (const who of [office, officeDsl, leadership, admin, { kind: 'system' } as Actor]) expect(refused(who, (tx) => issueSlip(tx, id)), what).toMatchObject({ message: reason });
    }
    const fine = as(office, (tx) => recordConfiscation(tx, phone()));
    expect(slipAllowed(ruleState(t.db, fine.id))).toBeNull();
  });
});

describe('the police', () => {
  const handover = { officer: 'PC Jane Smith', shoulderNumber: '1234', crimeReference: 'CR/2026/5678', sealNumber: 'EB-000123', receiptReceived: true };

  it('only a DSL hands a device over; while with the police it cannot be released, moved or searched; then returned or retained', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone({ ground: 'suspected-nudes' })));
    for (const who of [office, leadership, admin]) expect(refused(who, (tx) => handToPolice(tx, c.id, handover))).toMatchObject({ message: /Only a DSL/ });
    expect(as(officeDsl, (tx) => handToPolice(tx, c.id, handover))).toMatchObject({ status: 'with-police', location: 'With the police' });
    expect(refused(office, (tx) => releaseDevice(tx, c.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }))).toMatchObject({ message: /with the police/ });
    expect(refused(office, (tx) => moveDevice(tx, c.id, { to: 'School office safe' }))).toMatchObject({ message: /with the police/ });
    expect(refused(officeDsl, (tx) => handToPolice(tx, c.id, handover))).toMatchObject({ message: /with the police/ });
    expect(as(officeDsl, (tx) => policeOutcome(tx, c.id, { returned: true, returnedBy: 'PC Jane Smith', to: 'School office safe' }))).toMatchObject({ status: 'held', location: 'School office safe' });

    const kept = as(office, (tx) => recordConfiscation(tx, phone()));
    as(officeDsl, (tx) => handToPolice(tx, kept.id, handover));
    expect(as(officeDsl, (tx) => policeOutcome(tx, kept.id, { returned: false }))).toMatchObject({ status: 'retained-by-police' });
    expect(refused(office, (tx) => releaseDevice(tx, kept.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }))).toMatchObject({ message: /police kept/ });
  });
});

describe('release', () => {
  it('releases only to a contact allowed to collect, with the identity check and a signature; never twice', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone()));
    const release = (contactId: number, signature = SIGNATURE) => (tx: Tx) => releaseDevice(tx, c.id, { to: { contactId }, identity: 'driving-licence', signature });
    expect(refused(office, release(dad.id))).toMatchObject({ field: 'contactId', message: /must not collect/ });
    expect(refused(office, release(gran.id))).toMatchObject({ field: 'contactId', message: /not allowed to collect/ });
    expect(refused(office, release(mum.id, new Uint8Array(10)))).toMatchObject({ field: 'signature' });
    const released = as(office, release(mum.id));
    expect(released).toMatchObject({ status: 'released', location: 'Released' });
    const { events } = getConfiscation(t.db, c.id, t.clock.now());
    const ev = events.at(-1)!;
    expect(ev).toMatchObject({ kind: 'released', by: 'staff:2', hasSignature: true, details: { name: 'Ana Quillwick', relationship: 'Mother', identity: 'driving-licence', override: false } });
    expect(Buffer.from(signaturePng(t.db, ev.id)!).equals(Buffer.from(SIGNATURE))).toBe(true);
    expect(refused(office, release(mum.id))).toMatchObject({ message: /already been released/ });
    expect(() => t.db.prepare("UPDATE confiscation_events SET kind = 'moved'").run()).toThrow(/append-only/);
  });

  it('is blocked by a DSL hold, which office staff cannot override, until the DSL lifts it', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone()));
    as(officeDsl, (tx) => setHold(tx, c.id, true, 'Release only with DSL agreement'));
    expect(refused(office, (tx) => releaseDevice(tx, c.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }))).toMatchObject({ message: /hold/ });
    expect(refused(office, (tx) => setHold(tx, c.id, false, ''))).toMatchObject({ message: /Only a DSL/ });
    as(officeDsl, (tx) => setHold(tx, c.id, false, 'Agreed with the DSL'));
    expect(as(office, (tx) => releaseDevice(tx, c.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE })).status).toBe('released');
  });

  it('releases to anyone else only on a leadership or DSL account with a written reason, flagged as an override', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone()));
    const aunt = { name: 'Aunt Quillwick', relationship: 'Aunt', reason: 'Mother in hospital; agreed by phone with the mother' };
    expect(refused(office, (tx) => releaseDevice(tx, c.id, { to: aunt, identity: 'passport', signature: SIGNATURE }))).toMatchObject({ message: /leadership team or a DSL/ });
    expect(refused(leadership, (tx) => releaseDevice(tx, c.id, { to: { ...aunt, reason: '' }, identity: 'passport', signature: SIGNATURE }))).toMatchObject({ field: 'reason' });
    as(leadership, (tx) => releaseDevice(tx, c.id, { to: aunt, identity: 'passport', signature: SIGNATURE }));
    expect(getConfiscation(t.db, c.id, t.clock.now()).events.at(-1)!.details).toMatchObject({ override: true, name: 'Aunt Quillwick', reason: aunt.reason });
  });

  it('leaves a device with suspected nude images or illegal content to the DSL to release (it may be evidence)', () => {
    const nudes = as(office, (tx) => recordConfiscation(tx, phone({ ground: 'suspected-nudes' })));
    const release = (id: number) => (tx: Tx) => releaseDevice(tx, id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE });
    expect(refused(office, release(nudes.id))).toMatchObject({ message: /Only a DSL can release a device where nude images or illegal content are suspected/ });
    expect(refused(leadership, release(nudes.id))).toMatchObject({ message: /Only a DSL/ });
    const searched = as(office, (tx) => recordConfiscation(tx, phone()));
    as(leadership, (tx) => recordSearch(tx, searched.id, { authorisedBy: 'Mrs Head', consentFrom: 'learner', consentHow: 'Told why', searchedBy: 'Mr Deputy', present: 'Mrs DSL', sought: 'x', found: 'y', outcome: 'suspected-illegal', followUp: 'Police' }));
    expect(refused(office, release(searched.id))).toMatchObject({ message: /Only a DSL/ });
    expect(as(officeDsl, release(nudes.id)).status).toBe('released');
  });

  it('corrects a mistake by an amendment that keeps the original on the record', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone()));
    as(office, (tx) => releaseDevice(tx, c.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }));
    const amended = as(office, (tx) => amendConfiscation(tx, c.id, { field: 'description', to: 'Black Samsung, cracked blue case', reason: 'Wrong make written down' }));
    expect(amended.description).toBe('Black Samsung, cracked blue case');
    const { events } = getConfiscation(t.db, c.id, t.clock.now());
    expect(events[0]!.details.description).toBe('Black iPhone, cracked blue case');
    expect(events.at(-1)).toMatchObject({ kind: 'amended', details: { field: 'description', from: 'Black iPhone, cracked blue case', to: 'Black Samsung, cracked blue case', reason: 'Wrong make written down' } });
    expect(refused(office, (tx) => amendConfiscation(tx, c.id, { field: 'description', to: 'x', reason: '' }))).toMatchObject({ field: 'reason' });
  });
});

describe('the register', () => {
  it('lists held, with the police and released, newest first, with days held and a warning past the days in Settings; filters and CSV', () => {
    const old = as(office, (tx) => recordConfiscation(tx, phone({ confiscatedAt: '2026-11-18T09:00:00Z', description: '=HYPERLINK("http://x","y")' })));
    const other = as(office, (tx) => createPupil(tx, { forename: 'Tom', surname: 'Small', yearGroup: 3, regGroup: '3K', upn: null, adno: null }));
    const recent = as(office, (tx) => recordConfiscation(tx, phone({ pupilId: other.id, deviceType: 'smartwatch' })));
    const released = as(office, (tx) => recordConfiscation(tx, phone({ confiscatedAt: '2026-11-25T09:00:00Z' })));
    as(office, (tx) => releaseDevice(tx, released.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }));
    const all = listConfiscations(t.db, t.clock.now());
    expect(all.map((r) => r.id)).toEqual([recent.id, released.id, old.id]);
    expect(all.find((r) => r.id === old.id)).toMatchObject({ daysHeld: 7, overdue: true, status: 'held' });
    expect(all.find((r) => r.id === recent.id)).toMatchObject({ daysHeld: 0, overdue: false });
    expect(listConfiscations(t.db, t.clock.now(), { status: 'held' }).map((r) => r.id)).toEqual([recent.id, old.id]);
    expect(listConfiscations(t.db, t.clock.now(), { regGroup: '3k' }).map((r) => r.id)).toEqual([recent.id]);
    expect(listConfiscations(t.db, t.clock.now(), { from: '2026-11-19', to: '2026-11-25' }).map((r) => r.id)).toEqual([recent.id, released.id]);
    const { csv, rows } = registerCsv(t.db, t.clock.now());
    expect(rows).toBe(3);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv.split('\r\n')[0]).toBe('\ufeffConfiscated,Surname,Forename,Class,Device,Description,Ground,Confiscated by,Held at,Status,On hold,Days held,Parents informed,Released,Override release');
  });

  it('filters held now, on hold, with the police (or kept by them) and released; Today counts what "held now" lists', () => {
    const ids = (f: Parameters<typeof listConfiscations>[2]) => listConfiscations(t.db, t.clock.now(), f).map((r) => r.id);
    const held = as(office, (tx) => recordConfiscation(tx, phone({ confiscatedAt: '2026-11-25T09:00:00Z' })));
    const onHold = as(office, (tx) => recordConfiscation(tx, phone({ confiscatedAt: '2026-11-25T09:10:00Z' })));
    as(officeDsl, (tx) => setHold(tx, onHold.id, true, ''));
    const police = as(office, (tx) => recordConfiscation(tx, phone({ confiscatedAt: '2026-11-25T09:20:00Z' })));
    const kept = as(office, (tx) => recordConfiscation(tx, phone({ confiscatedAt: '2026-11-25T09:30:00Z' })));
    const handover = { officer: 'PC Jane Smith', shoulderNumber: '1234', crimeReference: 'CR/1', sealNumber: 'EB-1', receiptReceived: true };
    as(officeDsl, (tx) => handToPolice(tx, police.id, handover));
    as(officeDsl, (tx) => handToPolice(tx, kept.id, handover));
    as(officeDsl, (tx) => policeOutcome(tx, kept.id, { returned: false }));
    const released = as(office, (tx) => recordConfiscation(tx, phone({ confiscatedAt: '2026-11-25T09:40:00Z' })));
    as(office, (tx) => releaseDevice(tx, released.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }));

    expect(ids({ status: 'held' })).toEqual([onHold.id, held.id]);
    expect(ids({ status: 'on-hold' })).toEqual([onHold.id]);
    expect(ids({ status: 'police' })).toEqual([kept.id, police.id]);
    expect(ids({ status: 'with-police' })).toEqual([police.id]);
    expect(ids({ status: 'retained-by-police' })).toEqual([kept.id]);
    expect(ids({ status: 'released' })).toEqual([released.id]);
    const today = heldNow(t.db, t.clock.now());
    expect(today.held).toBe(ids({ status: 'held' }).length);
    expect(today.oldest.map((r) => r.id)).toEqual([held.id, onHold.id]);
    expect(registerCsv(t.db, t.clock.now(), { status: 'on-hold' }).rows).toBe(1);
    expect(registerCsv(t.db, t.clock.now(), { status: 'police' }).csv).toContain('With the police');
  });

  it('finds a pupil by part of either name, accents and case ignored; the CSV follows the same name, class and pupil filters', () => {
    const tom = as(office, (tx) => createPupil(tx, { forename: 'Tom', surname: 'Small', yearGroup: 3, regGroup: '3K', upn: null, adno: null }));
    const zoes = as(office, (tx) => recordConfiscation(tx, phone()));
    const toms = as(office, (tx) => recordConfiscation(tx, phone({ pupilId: tom.id, description: 'Grey tablet' })));
    const ids = (f: Parameters<typeof listConfiscations>[2]) => listConfiscations(t.db, t.clock.now(), f).map((r) => r.id);
    expect(ids({ name: 'zoe' })).toEqual([zoes.id]);
    expect(ids({ name: 'QUILL' })).toEqual([zoes.id]);
    expect(ids({ name: 'small tom' })).toEqual([toms.id]);
    expect(ids({ name: 'nobody' })).toEqual([]);
    expect(ids({ pupilId: tom.id })).toEqual([toms.id]);
    const csvRows = (f: Parameters<typeof registerCsv>[2]) => registerCsv(t.db, t.clock.now(), f).csv.split('\r\n').filter(Boolean).slice(1);
    expect(csvRows({ name: 'tom' })).toEqual([expect.stringContaining('Grey tablet')]);
    expect(csvRows({ regGroup: '5w' })).toEqual([expect.stringContaining('Black iPhone')]);
    expect(csvRows({ pupilId: tom.id, status: 'released' })).toEqual([]);
  });

  it('flags a release by override in the register and its CSV', () => {
    const c = as(office, (tx) => recordConfiscation(tx, phone()));
    const normal = as(office, (tx) => recordConfiscation(tx, phone({ description: 'Second phone' })));
    as(leadership, (tx) => releaseDevice(tx, c.id, { to: { name: 'Aunt Quillwick', relationship: 'Aunt', reason: 'Mother in hospital' }, identity: 'passport', signature: SIGNATURE }));
    as(office, (tx) => releaseDevice(tx, normal.id, { to: { contactId: mum.id }, identity: 'passport', signature: SIGNATURE }));
    const rows = listConfiscations(t.db, t.clock.now(), { status: 'released' });
    expect(rows.map((r) => [r.id, r.releaseOverride])).toEqual([
      [normal.id, false],
      [c.id, true],
    ]);
    const lines = registerCsv(t.db, t.clock.now(), { status: 'released' }).csv.split('\r\n').filter(Boolean);
    expect(lines[1]).toMatch(/,$/);
    expect(lines[2]).toMatch(/,Yes$/);
  });
});
