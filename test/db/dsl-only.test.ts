/** Who may read what (issue 13): the DSL-only fields of each event kind, and the log of DSLs viewing them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit, type Actor } from '../../db/audit';
import { getConfiscation, handToPolice, policeOutcome, recordConfiscation, recordDslInformed, recordParentsNotInformed, setHold, type CustodyEvent } from '../../db/confiscations';
import { addContact, listContacts, setNoContact } from '../../db/contacts';
import {
  EVENT_FIELDS_FOR_EVERYONE,
  VIEW_WINDOW_MS,
  carriesDslOnly,
  contactFor,
  dslOnlyFields,
  eventsFor,
  listDslViews,
  logDslView,
  noContactMarkedBy,
  viewLoggedRecently,
} from '../../db/dsl-only';
import { createPupil } from '../../db/pupils';
import { write, type Tx } from '../../db/tx';
import { makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T10:15:00Z', { staff: true });
});
afterEach(() => t.dispose());

const office: Actor = { kind: 'staff', staffId: 2 };
const officeDsl: Actor = { kind: 'staff', staffId: 3 };
const leadershipDsl: Actor = { kind: 'staff', staffId: 5 };

function as<T>(actor: Actor, fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, actor, fn);
}

function seedRecord(): { pupilId: number; id: number } {
  const pupil = as(office, (tx) => createPupil(tx, { forename: 'Zoë', surname: 'Quillwick', yearGroup: 5, regGroup: '5W', upn: null, adno: null }));
  const c = as(office, (tx) => recordConfiscation(tx, { pupilId: pupil.id, deviceType: 'phone', description: 'Black phone', power: 'off', ground: 'child-protection', confiscatedBy: 'Mrs Lunch' }));
  t.clock.advance(60_000);
  as(officeDsl, (tx) => recordParentsNotInformed(tx, c.id, { decidedBy: 'Dee Safeguard', reason: 'REASON-MARKER' }));
  as(office, (tx) => recordDslInformed(tx, c.id, { reference: 'REF-MARKER' }));
  as(officeDsl, (tx) => setHold(tx, c.id, true, 'HOLD-MARKER'));
  as(officeDsl, (tx) => setHold(tx, c.id, false, 'LIFT-MARKER'));
  as(officeDsl, (tx) => handToPolice(tx, c.id, { officer: 'OFFICER-MARKER', shoulderNumber: 'SHOULDER-MARKER', crimeReference: 'CRIME-MARKER', sealNumber: 'SEAL-MARKER', receiptReceived: true }));
  as(officeDsl, (tx) => policeOutcome(tx, c.id, { returned: true, returnedBy: 'RETURNED-MARKER', to: 'School office safe' }));
  return { pupilId: pupil.id, id: c.id };
}

const MARKERS = ['REASON-MARKER', 'REF-MARKER', 'HOLD-MARKER', 'LIFT-MARKER', 'OFFICER-MARKER', 'SHOULDER-MARKER', 'CRIME-MARKER', 'SEAL-MARKER', 'RETURNED-MARKER'];

describe('the DSL-only fields of a chain of custody', () => {
  it('leaves every DSL-only detail out for anyone else, and keeps that a decision exists and who made it', () => {
    const { id } = seedRecord();
    const { events } = getConfiscation(t.db, id, t.clock.now());
    const shown = eventsFor(events, false);
    const json = JSON.stringify(shown.events);
    for (const m of MARKERS) expect(json).not.toContain(m);
    expect(shown.dslDetails).toBe(true);
    // the decision and who made it stay; the kinds stay, so the screen says what happened
    const notInformed = shown.events.find((e) => e.kind === 'parents-not-informed')!;
    expect(notInformed.details).toEqual({ decidedBy: 'Dee Safeguard' });
    expect(notInformed.withheld).toBe(true);
    expect(shown.events.map((e) => e.kind)).toEqual(events.map((e) => e.kind));
    expect(shown.events.find((e) => e.kind === 'police-handover')).toMatchObject({ details: {}, withheld: true, by: 'staff:3' });
    expect(shown.events.find((e) => e.kind === 'police-returned')).toMatchObject({ details: { to: 'School office safe' }, withheld: true });
    // an event with nothing DSL-only is untouched and not marked
    const recorded = shown.events.find((e) => e.kind === 'recorded')!;
    expect(recorded).toEqual(events.find((e) => e.kind === 'recorded'));
    expect('withheld' in recorded).toBe(false);
  });

  it('gives a DSL everything, unchanged', () => {
    const { id } = seedRecord();
    const { events } = getConfiscation(t.db, id, t.clock.now());
    const shown = eventsFor(events, true);
    expect(shown.events).toEqual(events);
    const json = JSON.stringify(shown.events);
    for (const m of MARKERS) expect(json).toContain(m);
    expect(carriesDslOnly(shown.events)).toBe(true);
  });

  it('does not mark an event whose DSL-only fields are empty (a hold without a reason, the DSL told without a reference)', () => {
    const e: CustodyEvent = { id: 1, kind: 'hold', at: '', recordedAt: '', by: 'staff:3', details: { reason: '' }, hasSignature: false };
    const d: CustodyEvent = { ...e, id: 2, kind: 'dsl-informed', details: { reference: '' } };
    const shown = eventsFor([e, d], false);
    expect(shown.dslDetails).toBe(false);
    expect(shown.events.every((x) => x.withheld === undefined)).toBe(true);
    expect(carriesDslOnly([e, d])).toBe(false);
  });

  it('keeps a detail field it has not been told about with the DSLs (an allow-list), for every DSL kind', () => {
    for (const [kind, open] of Object.entries(EVENT_FIELDS_FOR_EVERYONE)) {
      const fields = dslOnlyFields(kind as CustodyEvent['kind'], { brandNewField: 'x' });
      expect({ kind, fields }).toEqual({ kind, fields: open === 'all' ? [] : ['brandNewField'] });
    }
    // the kinds the issue names are DSL kinds
    for (const k of ['parents-not-informed', 'dsl-informed', 'ukcis-steps', 'police-handover', 'police-returned', 'police-retained', 'hold', 'hold-lifted'] as const) {
      expect(EVENT_FIELDS_FOR_EVERYONE[k]).not.toBe('all');
    }
  });
});

describe('"must not collect" contacts', () => {
  it('shows the category to a DSL only, and everyone which DSL marked it', () => {
    const pupil = as(office, (tx) => createPupil(tx, { forename: 'Sean', surname: 'O’Brien', yearGroup: 5, regGroup: '5W', upn: null, adno: null }));
    const mum = as(office, (tx) => addContact(tx, pupil.id, { name: 'Aoife', relationship: 'Mother', phone: '', mayCollect: true }));
    const dad = as(office, (tx) => addContact(tx, pupil.id, { name: 'Declan', relationship: 'Father', phone: '', mayCollect: true }));
    as(leadershipDsl, (tx) => setNoContact(tx, dad.id, { noContact: true, category: 'court-order' }));
    const contacts = listContacts(t.db, pupil.id);
    expect(contacts.map((c) => contactFor(c, false).noContactCategory)).toEqual([null, null]);
    expect(contacts.map((c) => contactFor(c, true).noContactCategory)).toEqual([null, 'court-order']);
    const by = noContactMarkedBy(t.db, contacts);
    expect([...by.entries()]).toEqual([[dad.id, 'Dev Leader-DSL']]);
    expect(by.has(mum.id)).toBe(false);
  });
});

describe('the log of DSL views', () => {
  it('logs who, when and which record as an audit row, lists it for a date range with the pupil, and keeps the chain whole', () => {
    const { id, pupilId } = seedRecord();
    as(officeDsl, (tx) => logDslView(tx, { kind: 'confiscation', id }));
    t.clock.advance(3_600_000);
    as(leadershipDsl, (tx) => logDslView(tx, { kind: 'contacts', pupilId }));
    const views = listDslViews(t.db, { from: '2026-11-25', to: '2026-11-25' });
    expect(views).toEqual([
      { at: '2026-11-25T11:16:00.000Z', by: 'Dev Leader-DSL', what: 'contacts', recordId: pupilId, pupilId, pupil: 'Zoë Quillwick', device: null },
      { at: '2026-11-25T10:16:00.000Z', by: 'Dara Office-DSL', what: 'confiscation', recordId: id, pupilId, pupil: 'Zoë Quillwick', device: { type: 'phone', description: 'Black phone' } },
    ]);
    expect(listDslViews(t.db, { from: '2026-11-26' })).toEqual([]);
    expect(listDslViews(t.db, { to: '2026-11-24' })).toEqual([]);
    expect(verifyAudit(t.db)).toMatchObject({ ok: true });
  });

  it('counts one view per person and record within the window', () => {
    const { id } = seedRecord();
    const of = { kind: 'confiscation', id } as const;
    expect(viewLoggedRecently(t.db, 'staff:3', of, t.clock.now())).toBe(false);
    as(officeDsl, (tx) => logDslView(tx, of));
    expect(viewLoggedRecently(t.db, 'staff:3', of, t.clock.now())).toBe(true);
    // someone else, or another record, is a view of its own
    expect(viewLoggedRecently(t.db, 'staff:5', of, t.clock.now())).toBe(false);
    expect(viewLoggedRecently(t.db, 'staff:3', { kind: 'confiscation', id: id + 1 }, t.clock.now())).toBe(false);
    t.clock.advance(VIEW_WINDOW_MS);
    expect(viewLoggedRecently(t.db, 'staff:3', of, t.clock.now())).toBe(false);
  });

  it('names a record since removed as such rather than failing', () => {
    as(officeDsl, (tx) => logDslView(tx, { kind: 'confiscation', id: 999 }));
    expect(listDslViews(t.db)).toMatchObject([{ what: 'confiscation', recordId: 999, pupil: null, device: null, by: 'Dara Office-DSL' }]);
  });
});
