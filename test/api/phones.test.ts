/** Phones through dispatch: scanning cards, the refusals that record nothing, names not ids, home time, Today, exports. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit';
import type { CardForPrint, CheckInDone, CheckOutDone, HomeTime, PhoneDesk, PhoneTerm, PupilDetail, PupilPhones, TakenIn, TodaySummary } from '../../electron/api/contract';
import { apiCalls } from '../helpers/api';
import { makeTestDb, sessions, snapshot, type TestDb } from '../helpers/db';
import { b64 } from './inputs';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T08:40:00Z', { staff: true }); // a Wednesday
});
afterEach(() => t.dispose());

const { ok, call } = apiCalls(() => t);

const ROLL = [
  'Adno,UPN,Forename,Surname,Year,Reg',
  '1001,A100000000001,Zoë,Quillwick,Year 5,5W',
  '1002,A100000000002,Tom,Small,Year 3,3K',
  '1003,A100000000003,Ava,Zed,Year 6,6B',
].join('\r\n');

interface Seeded {
  zoe: PupilDetail;
  tom: PupilDetail;
  ava: PupilDetail;
  cards: Map<number, string>;
}

/** Zoë (Y5) and Ava (Y6) have permission given by their mum; everyone has a card. */
async function seed(): Promise<Seeded> {
  await ok(sessions.admin, 'importRoll', { file: b64(ROLL), fileName: 'roll.csv' });
  const found = await ok<{ id: number; forename: string }[]>(sessions.office, 'searchPupils', {});
  const byName = async (name: string) => {
    const id = found.find((p) => p.forename === name)!.id;
    await ok(sessions.office, 'addContact', { pupilId: id, name: `${name}'s Mum`, relationship: 'Mother', phone: '07700 900123', mayCollect: true });
    return ok<PupilDetail>(sessions.office, 'getPupil', { id });
  };
  const [zoe, tom, ava] = [await byName('Zoë'), await byName('Tom'), await byName('Ava')];
  for (const p of [zoe, ava]) await ok(sessions.office, 'grantPhonePermission', { pupilId: p.id, contactId: p.contacts[0]!.id, reason: 'Walks home alone' });
  const cards = await ok<CardForPrint[]>(sessions.office, 'cardsForPrint', { all: true });
  return { zoe, tom, ava, cards: new Map(cards.map((c) => [c.pupilId, c.token])) };
}

describe('the morning through the API', () => {
  it('checks a phone in from a scanned card (any case, with spaces), into the pupil’s slot, and an extra item into the same slot', async () => {
    const s = await seed();
    const token = s.cards.get(s.zoe.id)!;
    const scanned = `${token.slice(0, 6).toLowerCase()} ${token.slice(6)}`;
    const done = await ok<CheckInDone>(sessions.office, 'phoneCheckIn', { token: scanned });
    expect(done).toMatchObject({ pupilId: s.zoe.id, forename: 'Zoë', regGroup: '5W', slot: 1, kind: 'phone', time: '08:40', itemsToday: 1 });
    const watch = await ok<CheckInDone>(sessions.office, 'phoneAddItem', { pupilId: s.zoe.id, kind: 'smartwatch' });
    expect(watch).toMatchObject({ slot: 1, kind: 'smartwatch', itemsToday: 2 });
    const desk = await ok<PhoneDesk>(sessions.office, 'getPhoneDesk', {});
    expect(desk).toMatchObject({ permitted: 2, checkedInToday: 1, heldNow: 2, slotMode: 'fixed', slotsFree: 59 });
    expect(desk.recent.map((m) => [m.kind, m.by])).toEqual([
      ['smartwatch', 'Olu Office'],
      ['phone', 'Olu Office'],
    ]);
  });

  it('refuses a replaced card, an unknown card, another kind of token and a second check-in, each saying what to do and recording nothing', async () => {
    const s = await seed();
    const old = s.cards.get(s.ava.id)!;
    await ok(sessions.office, 'issueCard', { pupilId: s.ava.id });
    await ok(sessions.office, 'phoneCheckIn', { pupilId: s.zoe.id });
    const before = snapshot(t.db);
    const cases: [unknown, RegExp][] = [
      [{ token: old }, /replaced on 2026-11-25 .*Type the pupil’s name/],
      [{ token: 'KPAAAAAAAAAAAAAAAA' }, /not recognised/],
      [{ token: 'KVAAAAAAAAAAAAAAAA' }, /visitor badge/],
      [{ token: 'not a card at all' }, /not recognised/],
      [{ token: s.cards.get(s.zoe.id) }, /already checked in today \(slot 1\)/],
      [{ token: s.cards.get(s.tom.id) }, /does not have permission.*Take it in/],
    ];
    for (const [input, message] of cases) {
      const r = await call(sessions.office, 'phoneCheckIn', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'RULE', message: expect.stringMatching(message) } });
    }
    expect(snapshot(t.db)).toEqual(before);
  });

  it('takes in a Year 3 pupil’s smartwatch from their card or their name, held for a parent/carer by default', async () => {
    const s = await seed();
    const r = await ok<TakenIn>(sessions.office, 'phoneTakeIn', { token: s.cards.get(s.tom.id), kind: 'smartwatch' });
    expect(r).toMatchObject({ pupilId: s.tom.id, forename: 'Tom', kind: 'smartwatch', parentOnly: true });
    await ok(sessions.admin, 'updateSettings', { heldItemsReturnTo: 'pupil' });
    expect(await ok<TakenIn>(sessions.office, 'phoneTakeIn', { pupilId: s.tom.id, kind: 'phone', description: 'Blue case' })).toMatchObject({ parentOnly: false });
  });
});

describe('home time through the API', () => {
  it('hands back on a card scan (the pupil collects) with the slot to fetch; parent-only items go only to a contact allowed to collect', async () => {
    const s = await seed();
    await ok(sessions.office, 'phoneCheckIn', { pupilId: s.zoe.id });
    await ok(sessions.office, 'phoneCheckIn', { pupilId: s.ava.id });
    await ok(sessions.office, 'phoneTakeIn', { pupilId: s.tom.id, kind: 'smartwatch' });
    t.clock.set('2026-11-25T15:10:00Z');
    const out = await ok<CheckOutDone>(sessions.office, 'phoneCheckOut', { token: s.cards.get(s.ava.id) });
    expect(out).toMatchObject({ forename: 'Ava', slots: [2], collectedBy: 'Pupil', time: '15:10' });
    const before = snapshot(t.db);
    expect(await call(sessions.office, 'phoneCheckOut', { token: s.cards.get(s.tom.id) })).toMatchObject({
      ok: false,
      error: { code: 'RULE', field: 'collectedBy', message: expect.stringMatching(/parent\/carer to collect/) },
    });
    expect(await call(sessions.office, 'phoneCheckOut', { token: s.cards.get(s.ava.id) })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Nothing of Ava Zed’s/) } });
    expect(await call(sessions.office, 'phoneCheckOut', { pupilId: s.tom.id, collectedBy: 'contact', contactId: s.zoe.contacts[0]!.id })).toMatchObject({
      ok: false,
      error: { field: 'contactId' },
    });
    expect(snapshot(t.db)).toEqual(before);
    const home = await ok<HomeTime>(sessions.office, 'getHomeTime', {});
    expect(home.pupils.map((p) => [p.forename, p.parentOnly, p.collectors.map((c) => c.name)])).toEqual([
      ['Tom', true, ["Tom's Mum"]],
      ['Zoë', false, ["Zoë's Mum"]],
    ]);
    expect(home.leftWithoutPhone).toBeNull();
    const tom = await ok<CheckOutDone>(sessions.office, 'phoneCheckOut', { pupilId: s.tom.id, collectedBy: 'contact', contactId: s.tom.contacts[0]!.id });
    expect(tom).toMatchObject({ collectedBy: "Tom's Mum", slots: [] });
  });

  it('lists "Left without phone" with contacts’ numbers from the time in Settings, and Today flags items not collected on the next school day', async () => {
    const s = await seed();
    await ok(sessions.office, 'phoneCheckIn', { pupilId: s.zoe.id });
    t.clock.set('2026-11-25T15:29:00Z');
    expect((await ok<HomeTime>(sessions.office, 'getHomeTime', {})).leftWithoutPhone).toBeNull();
    t.clock.set('2026-11-25T15:30:00Z');
    const home = await ok<HomeTime>(sessions.office, 'getHomeTime', {});
    expect(home.leftWithoutPhoneFrom).toBe('15:30');
    expect(home.leftWithoutPhone).toEqual([expect.objectContaining({ forename: 'Zoë', contacts: [expect.objectContaining({ name: "Zoë's Mum", phone: '07700 900123' })] })]);
    const today = await ok<TodaySummary>(sessions.office, 'getToday', {});
    expect(today.phones).toMatchObject({ checkedInToday: 1, heldNow: 1, slotsFree: 59, notCollected: [] });
    t.clock.set('2026-11-26T08:00:00Z'); // Thursday
    const next = await ok<TodaySummary>(sessions.office, 'getToday', {});
    expect(next.phones).toMatchObject({ checkedInToday: 0, heldNow: 1, notCollected: [expect.objectContaining({ forename: 'Zoë', day: '2026-11-25', fromPreviousSchoolDay: true })] });
  });
});

describe('records and permission through the API', () => {
  it('shows staff names (not ids) in the log and the pupil’s history, and exports the log as CSV with an audit row', async () => {
    const s = await seed();
    await ok(sessions.office, 'phoneCheckIn', { pupilId: s.zoe.id });
    const log = await ok<{ day: string; movements: { by: string }[] }>(sessions.admin, 'getPhoneLog', {});
    expect(log).toMatchObject({ day: '2026-11-25', movements: [{ by: 'Olu Office' }] });
    const history = await ok<PupilPhones>(sessions.office, 'getPupilPhones', { pupilId: s.zoe.id });
    expect(history).toMatchObject({ eligible: true, permitted: true, slot: 1, arrangement: null, items: [{ checkedInBy: 'Olu Office', checkedOutBy: null }] });
    expect(history.permissions).toEqual([expect.objectContaining({ granted: true, contactName: "Zoë's Mum", by: 'Olu Office' })]);
    const csv = await ok<{ fileName: string; csv: string }>(sessions.office, 'exportPhoneLog', { day: '2026-11-25' });
    expect(csv.fileName).toBe('phones-2026-11-25.csv');
    expect(csv.csv).toContain('08:40,Checked in,Quillwick,Zoë,5W,1,Phone,,,Olu Office');
    expect(listAudit(t.db, { limit: 1 })[0]).toMatchObject({ action: 'phones.log.export', actor: 'staff:2' });
  });

  it('keeps an arranged device with the pupil (leadership records it), and office staff cannot', async () => {
    const s = await seed();
    const arrangement = { pupilId: s.tom.id, device: 'Phone for glucose monitoring', reason: 'Type 1 diabetes', agreedBy: 'Ms Head', agreedOn: '2026-09-01', reviewOn: '2026-11-01', writtenAgreementReceived: true };
    expect(await call(sessions.office, 'setDeviceArrangement', arrangement)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const after = await ok<PupilPhones>(sessions.leadership, 'setDeviceArrangement', arrangement);
    expect(after.arrangement).toMatchObject({ device: 'Phone for glucose monitoring', reviewOverdue: true });
    expect((await ok<TodaySummary>(sessions.office, 'getToday', {})).phones.reviewsOverdue).toBe(1);
    expect(await call(sessions.office, 'phoneCheckIn', { token: s.cards.get(s.tom.id) })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/agreed arrangement/) } });
    const ended = await ok<PupilPhones>(sessions.admin, 'endDeviceArrangement', { pupilId: s.tom.id });
    expect(ended).toMatchObject({ arrangement: null, pastArrangements: [expect.objectContaining({ device: 'Phone for glucose monitoring' })] });
  });

  it('reports bad settings and dates at their fields', async () => {
    expect(await call(sessions.admin, 'updateSettings', { leftWithoutPhoneFrom: '3:30pm' })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'leftWithoutPhoneFrom' } });
    expect(await call(sessions.admin, 'updateSettings', { phoneYearGroups: [5, 5] })).toMatchObject({ ok: false, error: { field: 'phoneYearGroups' } });
    expect(await call(sessions.admin, 'updateSettings', { phoneSlotCount: 0 })).toMatchObject({ ok: false, error: { field: 'phoneSlotCount' } });
    expect(await call(sessions.office, 'getPhoneTerm', { from: '2026-12-01', to: '2026-09-01' })).toMatchObject({ ok: false, error: { field: 'to', message: expect.stringMatching(/on or before/) } });
    const saved = await ok<{ phoneYearGroups: number[] }>(sessions.admin, 'updateSettings', { phoneYearGroups: [6, 4, 5] });
    expect(saved.phoneYearGroups).toEqual([4, 5, 6]);
  });

  it('sums a term: check-ins, items held without permission (listed with who collected them) and items not collected', async () => {
    const s = await seed();
    await ok(sessions.office, 'phoneCheckIn', { pupilId: s.zoe.id });
    await ok(sessions.office, 'phoneAddItem', { pupilId: s.zoe.id, kind: 'smartwatch' });
    await ok(sessions.office, 'phoneTakeIn', { pupilId: s.tom.id, kind: 'phone' });
    t.clock.set('2026-11-25T15:00:00Z');
    await ok(sessions.office, 'phoneCheckOut', { pupilId: s.tom.id, collectedBy: 'contact', contactId: s.tom.contacts[0]!.id });
    const term = await ok<PhoneTerm>(sessions.office, 'getPhoneTerm', { from: '2026-09-01', to: '2026-12-18' });
    expect(term).toMatchObject({ checkIns: 1, itemsCheckedIn: 2, heldWithoutPermission: 1, notCollected: 2 });
    expect(term.heldWithoutPermissionItems).toEqual([expect.objectContaining({ forename: 'Tom', kind: 'phone', collectedBy: "Tom's Mum" })]);
  });
});
