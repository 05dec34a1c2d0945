/** Confiscations through dispatch: local times, names not ids, what each session may do next, the slip, the signature, Today, settings. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfiscationDetail, ConfiscationRecord, PupilDetail, PupilSummary, TodaySummary } from '../../electron/api/contract';
import { apiCalls } from '../helpers/api';
import { makeTestDb, sessions, snapshot, type TestDb } from '../helpers/db';
import { b64, SIGNATURE_URL } from './inputs';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T10:15:00Z', { staff: true }); // Wednesday, 10:15 in London (GMT)
});
afterEach(() => t.dispose());
const { ok, call } = apiCalls(() => t);

async function seed(): Promise<PupilDetail> {
  await ok(sessions.admin, 'importRoll', { file: b64('Adno,UPN,Forename,Surname,Year,Reg\r\n1001,,Zoë,Quillwick,5,5W\r\n'), fileName: 'roll.csv' });
  const [p] = await ok<PupilSummary[]>(sessions.office, 'searchPupils', {});
  await ok(sessions.office, 'addContact', { pupilId: p!.id, name: 'Ana Quillwick', relationship: 'Mother', phone: '', mayCollect: true });
  await ok(sessions.office, 'addContact', { pupilId: p!.id, name: 'Ben Quillwick', relationship: 'Father', phone: '', mayCollect: true });
  const detail = await ok<PupilDetail>(sessions.office, 'getPupil', { id: p!.id });
  await ok(sessions.officeDsl, 'setNoContact', { id: detail.contacts[1]!.id, noContact: true, category: 'court-order' });
  return detail;
}

const phone = (pupilId: number) => ({ pupilId, deviceType: 'phone', description: 'Black phone, blue case', power: 'on', ground: 'behaviour', confiscatedBy: 'Mrs Lunch', confiscatedAt: '2026-11-25T10:05' });

describe('confiscations through the API', () => {
  it('records with a local time, names the recorder, offers only a collector allowed to collect, and says what the session may do', async () => {
    const zoe = await seed();
    const d = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', phone(zoe.id));
    expect(d.record).toMatchObject({ confiscatedAt: '2026-11-25T10:05:00.000Z', recordedBy: 'Olu Office', status: 'held', location: 'School office safe' });
    expect(d.events).toEqual([expect.objectContaining({ kind: 'recorded', by: 'Olu Office' })]);
    expect(d.collectors.map((c) => c.name)).toEqual(['Ana Quillwick']);
    expect(d.can).toEqual({ search: false, dsl: false, override: false, release: true, slip: 'print' });
    expect((await ok<ConfiscationDetail>(sessions.leadership, 'getConfiscation', { id: d.record.id })).can).toEqual({ search: true, dsl: false, override: true, release: true, slip: 'print' });
    expect((await ok<ConfiscationDetail>(sessions.officeDsl, 'getConfiscation', { id: d.record.id })).can).toEqual({ search: true, dsl: true, override: true, release: true, slip: 'print' });
    // summer time: a local 10:05 in July is 09:05 UTC
    t.clock.set('2027-07-01T12:00:00Z');
    const summer = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', { ...phone(zoe.id), confiscatedAt: '2027-07-01T10:05' });
    expect(summer.record.confiscatedAt).toBe('2027-07-01T09:05:00.000Z');
  });

  it('opens a record from its scanned slip; a pupil card or an unknown slip is refused', async () => {
    const zoe = await seed();
    const d = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', phone(zoe.id));
    expect(await ok(sessions.office, 'findConfiscationSlip', { token: d.record.slipToken.toLowerCase() })).toEqual({ id: d.record.id });
    expect(await call(sessions.office, 'findConfiscationSlip', { token: 'KCAAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'token' } });
    expect(await call(sessions.office, 'findConfiscationSlip', { token: 'KPAAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('releases with the signature kept and shown back; a DSL hold and a "must not collect" contact are refused with nothing written', async () => {
    const zoe = await seed();
    const d = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', phone(zoe.id));
    const id = d.record.id;
    await ok(sessions.officeDsl, 'setConfiscationHold', { id, hold: true, reason: 'Release only with DSL agreement' });
    let before = snapshot(t.db);
    expect(await call(sessions.office, 'releaseConfiscated', { id, contactId: zoe.contacts[0]!.id, identity: 'known-to-staff', signature: SIGNATURE_URL })).toMatchObject({
      ok: false,
      error: { code: 'RULE', message: expect.stringMatching(/hold/) },
    });
    expect(await call(sessions.office, 'setConfiscationHold', { id, hold: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(t.db)).toEqual(before);
    await ok(sessions.officeDsl, 'setConfiscationHold', { id, hold: false, reason: 'Agreed' });
    before = snapshot(t.db);
    expect(await call(sessions.office, 'releaseConfiscated', { id, contactId: zoe.contacts[1]!.id, identity: 'passport', signature: SIGNATURE_URL })).toMatchObject({
      ok: false,
      error: { field: 'contactId', message: expect.stringMatching(/must not collect/) },
    });
    expect(await call(sessions.office, 'releaseConfiscated', { id, contactId: zoe.contacts[0]!.id, identity: 'passport', signature: 'data:image/png;base64,AAAA' })).toMatchObject({
      ok: false,
      error: { field: 'signature' },
    });
    expect(snapshot(t.db)).toEqual(before);
    const released = await ok<ConfiscationDetail>(sessions.office, 'releaseConfiscated', { id, contactId: zoe.contacts[0]!.id, identity: 'passport', signature: SIGNATURE_URL });
    const ev = released.events.at(-1)!;
    expect(ev).toMatchObject({ kind: 'released', by: 'Olu Office', hasSignature: true, details: { name: 'Ana Quillwick', identity: 'passport' } });
    expect(await ok(sessions.office, 'getReleaseSignature', { eventId: ev.id })).toEqual({ dataUrl: SIGNATURE_URL });
  });

  it('counts what is held on Today, oldest first, and exports the register as CSV with an audit row', async () => {
    const zoe = await seed();
    await ok(sessions.office, 'recordConfiscation', { ...phone(zoe.id), confiscatedAt: '2026-11-16T09:00', description: 'Old tablet' });
    await ok(sessions.office, 'recordConfiscation', phone(zoe.id));
    const today = await ok<TodaySummary>(sessions.office, 'getToday', {});
    expect(today.confiscations.held).toBe(2);
    expect(today.confiscations.oldest.map((r: ConfiscationRecord) => [r.description, r.daysHeld, r.overdue])).toEqual([
      ['Old tablet', 9, true],
      ['Black phone, blue case', 0, false],
    ]);
    const csv = await ok<{ fileName: string; csv: string }>(sessions.office, 'exportConfiscations', { status: 'held' });
    expect(csv.fileName).toBe('confiscations-2026-11-25.csv');
    expect(csv.csv.split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('keeps the places list sensible in Settings', async () => {
    expect(await call(sessions.admin, 'updateSettings', { confiscationLocations: [] })).toMatchObject({ ok: false, error: { field: 'confiscationLocations' } });
    expect(await call(sessions.admin, 'updateSettings', { confiscationLocations: ['Safe', 'safe'] })).toMatchObject({ ok: false, error: { field: 'confiscationLocations', message: /once/ } });
    expect(await call(sessions.admin, 'updateSettings', { confiscationLocations: ['With the police'] })).toMatchObject({ ok: false, error: { field: 'confiscationLocations' } });
    expect(await call(sessions.admin, 'updateSettings', { confiscationWarnDays: 0 })).toMatchObject({ ok: false, error: { field: 'confiscationWarnDays' } });
    expect(await ok(sessions.admin, 'updateSettings', { confiscationLocations: ['School office safe', 'Head’s office'], confiscationWarnDays: 3 })).toMatchObject({
      confiscationLocations: ['School office safe', 'Head’s office'],
      confiscationWarnDays: 3,
    });
  });

  it('offers release exactly where the db would release: for every state and role, can.release is whether the release goes through', async () => {
    const zoe = await seed();
    const mum = zoe.contacts[0]!.id;
    const states: Record<string, (id: number) => Promise<unknown>> = {
      held: async () => undefined,
      'on hold': (id) => ok(sessions.officeDsl, 'setConfiscationHold', { id, hold: true }),
      'suspected nudes (a search stopped)': (id) =>
        ok(sessions.leadership, 'recordSearch', { id, authorisedBy: 'Mrs Head', consentFrom: 'learner', consentHow: 'Told why', searchedBy: 'Mr Deputy', present: 'Mrs DSL', sought: 'Bullying messages', outcome: 'suspected-nudes' }),
      'suspected illegal content': (id) =>
        ok(sessions.leadership, 'recordSearch', { id, authorisedBy: 'Mrs Head', consentFrom: 'learner', consentHow: 'Told why', searchedBy: 'Mr Deputy', present: 'Mrs DSL', sought: 'x', outcome: 'suspected-illegal' }),
      'with the police': (id) => ok(sessions.officeDsl, 'handToPolice', { id, officer: 'PC Smith', shoulderNumber: '1', crimeReference: 'CR1', sealNumber: 'EB1', receiptReceived: true }),
      'kept by the police': async (id) => {
        await ok(sessions.officeDsl, 'handToPolice', { id, officer: 'PC Smith', shoulderNumber: '1', crimeReference: 'CR1', sealNumber: 'EB1', receiptReceived: true });
        await ok(sessions.officeDsl, 'recordPoliceOutcome', { id, returned: false });
      },
      released: (id) => ok(sessions.office, 'releaseConfiscated', { id, contactId: mum, identity: 'known-to-staff', signature: SIGNATURE_URL }),
    };
    const seen: string[] = [];
    for (const [state, make] of Object.entries(states)) {
      for (const role of ['office', 'officeDsl', 'leadership', 'leadershipDsl', 'admin'] as const) {
        const { record } = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', { ...phone(zoe.id), ground: state.startsWith('suspected nudes') ? 'anti-bullying' : 'behaviour' });
        await make(record.id);
        const d = await ok<ConfiscationDetail>(sessions[role], 'getConfiscation', { id: record.id });
        const r = await call(sessions[role], 'releaseConfiscated', { id: record.id, contactId: mum, identity: 'passport', signature: SIGNATURE_URL });
        expect(r.ok, `${state}, ${role}`).toBe(d.can.release);
        expect(d.why.release === null, `${state}, ${role}`).toBe(d.can.release);
        if (!r.ok) expect(r.error.message).toBe(d.why.release);
        seen.push(`${state}/${role}:${d.can.release}`);
      }
    }
    // the matrix is not all one answer: office may release a plain held device, only a DSL a suspected one, nobody one on hold
    expect(seen).toEqual(expect.arrayContaining(['held/office:true', 'suspected nudes (a search stopped)/office:false', 'suspected nudes (a search stopped)/officeDsl:true', 'on hold/officeDsl:false']));
  });

  it('gives a slip only where it may be given: printed once, reprinted by a DSL, never for child protection; the record says why not', async () => {
    const zoe = await seed();
    const d = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', phone(zoe.id));
    const id = d.record.id;
    const slip = await ok<{ slipToken: string; forename: string }>(sessions.office, 'issueConfiscationSlip', { id });
    expect(slip).toMatchObject({ slipToken: d.record.slipToken, forename: 'Zoë' });
    expect(Object.keys(slip).sort()).toEqual(['confiscatedAt', 'description', 'deviceType', 'forename', 'slipToken', 'surname']); // never the ground
    const office = await ok<ConfiscationDetail>(sessions.office, 'getConfiscation', { id });
    expect(office.can.slip).toBeNull();
    expect(office.why.slip).toMatch(/Only a DSL can print it again/);
    const before = snapshot(t.db);
    expect(await call(sessions.office, 'issueConfiscationSlip', { id })).toMatchObject({ ok: false, error: { code: 'RULE', message: office.why.slip } });
    expect(snapshot(t.db)).toEqual(before);
    expect((await ok<ConfiscationDetail>(sessions.officeDsl, 'getConfiscation', { id })).can.slip).toBe('reprint');
    await ok(sessions.officeDsl, 'issueConfiscationSlip', { id });

    const cp = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', { ...phone(zoe.id), ground: 'child-protection' });
    expect(cp.can.slip).toBeNull();
    expect(cp.why.slip).toMatch(/child protection/);
    expect(await call(sessions.officeDsl, 'issueConfiscationSlip', { id: cp.record.id })).toMatchObject({ ok: false, error: { code: 'RULE' } });
  });

  it('ends a search at suspected nude images without writing down what was seen; the DSL records the UKCIS decision', async () => {
    const zoe = await seed();
    const d = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', { ...phone(zoe.id), ground: 'anti-bullying' });
    const id = d.record.id;
    const after = await ok<ConfiscationDetail>(sessions.leadership, 'recordSearch', {
      id,
      authorisedBy: 'Mrs Head',
      consentFrom: 'learner',
      consentHow: 'Told why',
      searchedBy: 'Mr Deputy',
      present: 'Mrs DSL',
      sought: 'Bullying messages',
      outcome: 'suspected-nudes',
    });
    expect(after.record).toMatchObject({ suspected: 'nudes', searched: true });
    expect(after.can).toMatchObject({ release: false, slip: null });
    expect(await call(sessions.office, 'recordUkcisDecision', { id, decision: 'police' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const decided = await ok<ConfiscationDetail>(sessions.officeDsl, 'recordUkcisDecision', { id, decision: 'social-care-and-police' });
    expect(decided.events.at(-1)).toMatchObject({ kind: 'ukcis-decision', by: 'Dara Office-DSL', details: { decision: 'social-care-and-police' } });
  });

  it('counts on Today exactly what the register lists as held now; the CSV follows the status, class and name filters', async () => {
    const zoe = await seed();
    await ok(sessions.admin, 'createPupil', { forename: 'Tom', surname: 'Small', yearGroup: 3, regGroup: '3K' });
    const [tom] = await ok<PupilSummary[]>(sessions.office, 'searchPupils', { query: 'tom' });
    const a = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', phone(zoe.id));
    const b = await ok<ConfiscationDetail>(sessions.office, 'recordConfiscation', { ...phone(tom!.id), description: 'Grey tablet' });
    await ok(sessions.office, 'recordConfiscation', { ...phone(tom!.id), description: 'Red watch' });
    await ok(sessions.officeDsl, 'setConfiscationHold', { id: b.record.id, hold: true });
    await ok(sessions.officeDsl, 'handToPolice', { id: a.record.id, officer: 'PC Smith', shoulderNumber: '1', crimeReference: 'CR1', sealNumber: 'EB1', receiptReceived: true });
    const today = await ok<TodaySummary>(sessions.office, 'getToday', {});
    const heldNow = await ok<ConfiscationRecord[]>(sessions.office, 'listConfiscations', { status: 'held' });
    expect(today.confiscations.held).toBe(2);
    expect(heldNow).toHaveLength(today.confiscations.held);
    expect((await ok<ConfiscationRecord[]>(sessions.office, 'listConfiscations', { status: 'on-hold' })).map((r) => r.description)).toEqual(['Grey tablet']);
    expect((await ok<ConfiscationRecord[]>(sessions.office, 'listConfiscations', { status: 'police' })).map((r) => r.description)).toEqual(['Black phone, blue case']);
    const rows = async (f: object) => (await ok<{ csv: string }>(sessions.office, 'exportConfiscations', f)).csv.split('\r\n').filter(Boolean).slice(1);
    expect(await rows({ status: 'on-hold' })).toEqual([expect.stringContaining('Grey tablet')]);
    expect(await rows({ name: 'zoe' })).toEqual([expect.stringContaining('Black phone')]);
    expect(await rows({ regGroup: '3K', status: 'held' })).toHaveLength(2);
    expect(await rows({ pupilId: zoe.id, status: 'held' })).toEqual([]);
  });
});
