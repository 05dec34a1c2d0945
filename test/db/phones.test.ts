/** Phones in and out (issue 6): permission, arrangements, slots, the morning, home time, carry-over and the records. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit, type Actor } from '../../db/audit';
import { cardsForPrint, issueCard } from '../../db/cards';
import { addClosure } from '../../db/closures';
import { addContact, setNoContact, type ContactRecord } from '../../db/contacts';
import {
  addItem,
  checkInByPupil,
  checkOutPupil,
  dailyLog,
  dailyLogCsv,
  deskSummary,
  grantPhonePermission,
  heldByPupil,
  listPermittedPupils,
  hasPhonePermission,
  itemsHeld,
  leftWithoutPhone,
  listArrangements,
  listHeldWithoutPermission,
  notCollected,
  ownSlot,
  pupilPhoneHistory,
  setDeviceArrangement,
  takeInWithoutPermission,
  termSummary,
  withdrawPhonePermission,
} from '../../db/phones';
import { createPupil, updatePupil, type PupilRecord } from '../../db/pupils';
import { getSettings, updateSettings } from '../../db/settings';
import { write, type Tx } from '../../db/tx';
import { makeTestDb, snapshot, type TestDb, refusal } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T08:40:00Z', { staff: true }); // a Wednesday
});
afterEach(() => t.dispose());
const office: Actor = { kind: 'staff', staffId: 2 };
function w<T>(fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, office, fn);
}
function pupil(forename: string, surname: string, yearGroup = 5, regGroup = `${yearGroup}W`): PupilRecord {
  return w((tx) => createPupil(tx, { forename, surname, yearGroup, regGroup, upn: null, adno: null }));
}
function contact(p: PupilRecord, name: string, mayCollect = true, phone = '07700 900000'): ContactRecord {
  return w((tx) => addContact(tx, p.id, { name, relationship: 'Parent', phone, mayCollect }));
}
/** A Year 5 or 6 pupil with a parent and permission. */
function permitted(forename: string, surname: string, yearGroup = 5): { p: PupilRecord; parent: ContactRecord } {
  const p = pupil(forename, surname, yearGroup);
  const parent = contact(p, `${forename}'s Parent`);
  w((tx) => grantPhonePermission(tx, { pupilId: p.id, contactId: parent.id, reason: 'Walks home alone' }));
  return { p, parent };
}
/** Set the clock to a local London time (UTC in winter). */
function at(day: string, time: string): void {
  t.clock.set(`${day}T${time}:00Z`);
}

describe('permission', () => {
  it('is given only to pupils on roll in the year groups set in Settings, by one of their contacts, with history', () => {
    const y5 = pupil('Zoë', 'Quillwick', 5);
    const y3 = pupil('Tom', 'Small', 3);
    const mum = contact(y5, 'Ms Quillwick');
    const y3mum = contact(y3, 'Ms Small');
    expect(refusal(() => w((tx) => grantPhonePermission(tx, { pupilId: y3.id, contactId: y3mum.id, reason: 'Walks alone' })))).toMatchObject({
      code: 'RULE',
      field: 'pupilId',
      message: expect.stringContaining('Year 5, Year 6'),
    });
    expect(refusal(() => w((tx) => grantPhonePermission(tx, { pupilId: y5.id, contactId: y3mum.id, reason: 'Walks alone' })))).toMatchObject({ code: 'RULE', field: 'contactId' });
    const entry = w((tx) => grantPhonePermission(tx, { pupilId: y5.id, contactId: mum.id, reason: 'Walks alone' }));
    expect(entry).toMatchObject({ granted: true, contactId: mum.id, contactName: 'Ms Quillwick', reason: 'Walks alone', day: '2026-11-25', by: 'staff:2' });
    expect(hasPhonePermission(t.db, y5.id)).toBe(true);

    // Settings can open it to Year 3
    w((tx) => updateSettings(tx, { phoneYearGroups: [3, 5, 6] }));
    w((tx) => grantPhonePermission(tx, { pupilId: y3.id, contactId: y3mum.id, reason: 'Walks alone' }));
    expect(hasPhonePermission(t.db, y3.id)).toBe(true);

    w((tx) => withdrawPhonePermission(tx, y5.id, 'Used it at playtime'));
    expect(hasPhonePermission(t.db, y5.id)).toBe(false);
    expect(pupilPhoneHistory(t.db, y5.id).permissions.map((e) => e.granted)).toEqual([true, false]);
    expect(refusal(() => w((tx) => withdrawPhonePermission(tx, y5.id, 'again')))).toMatchObject({ code: 'RULE', field: 'pupilId' });

    const leaver = pupil('Lou', 'Gone', 6);
    const leaverMum = contact(leaver, 'Ms Gone');
    w((tx) => updatePupil(tx, leaver.id, { status: 'left' }));
    expect(refusal(() => w((tx) => grantPhonePermission(tx, { pupilId: leaver.id, contactId: leaverMum.id, reason: 'x' })))).toMatchObject({ code: 'RULE', field: 'pupilId' });
  });

  it('has the phone settings with their defaults', () => {
    expect(getSettings(t.db)).toMatchObject({ phoneYearGroups: [5, 6], phoneSlotMode: 'fixed', phoneSlotCount: 60, heldItemsReturnTo: 'parent-only', leftWithoutPhoneFrom: '15:30' });
  });
});

describe('slots', () => {
  it("'fixed': each permitted pupil keeps their own slot, the lowest free, across days", () => {
    const a = permitted('Ava', 'Able').p;
    const b = permitted('Ben', 'Best').p;
    const c = permitted('Cal', 'Cole', 6).p;
    // b comes first, then c, then a: slots in order of first check-in
    expect(w((tx) => checkInByPupil(tx, b.id)).slot).toBe(1);
    expect(w((tx) => checkInByPupil(tx, c.id)).slot).toBe(2);
    expect(w((tx) => checkInByPupil(tx, a.id)).slot).toBe(3);
    for (const p of [a, b, c]) w((tx) => checkOutPupil(tx, p.id, { collectedBy: 'pupil' }));
    at('2026-11-26', '08:40');
    // a different order the next day: the same slots
    expect(w((tx) => checkInByPupil(tx, a.id)).slot).toBe(3);
    expect(w((tx) => checkInByPupil(tx, c.id)).slot).toBe(2);
    expect(w((tx) => checkInByPupil(tx, b.id)).slot).toBe(1);
    expect(ownSlot(t.db, b.id)).toBe(1);
    // withdrawing permission frees the slot for the next pupil
    w((tx) => checkOutPupil(tx, b.id, { collectedBy: 'pupil' }));
    w((tx) => withdrawPhonePermission(tx, b.id, 'Parent asked'));
    expect(ownSlot(t.db, b.id)).toBeNull();
    at('2026-11-27', '08:40');
    const d = permitted('Dee', 'Dunn').p;
    expect(w((tx) => checkInByPupil(tx, d.id)).slot).toBe(1);
  });

  it("'next-free': the lowest slot not in use today", () => {
    w((tx) => updateSettings(tx, { phoneSlotMode: 'next-free' }));
    const a = permitted('Ava', 'Able').p;
    const b = permitted('Ben', 'Best').p;
    const c = permitted('Cal', 'Cole').p;
    expect(w((tx) => checkInByPupil(tx, a.id)).slot).toBe(1);
    expect(w((tx) => checkInByPupil(tx, b.id)).slot).toBe(2);
    // a leaves early: slot 1 is still not reused today
    w((tx) => checkOutPupil(tx, a.id, { collectedBy: 'pupil' }));
    expect(w((tx) => checkInByPupil(tx, c.id)).slot).toBe(3);
    for (const p of [b, c]) w((tx) => checkOutPupil(tx, p.id, { collectedBy: 'pupil' }));
    at('2026-11-26', '08:40');
    expect(w((tx) => checkInByPupil(tx, c.id)).slot).toBe(1);
    expect(w((tx) => checkInByPupil(tx, a.id)).slot).toBe(2);
  });

  it('refuses when no slot is free, recording nothing', () => {
    w((tx) => updateSettings(tx, { phoneSlotCount: 2 }));
    const ps = ['Ava', 'Ben', 'Cal'].map((n) => permitted(n, 'Test').p);
    w((tx) => checkInByPupil(tx, ps[0]!.id));
    w((tx) => checkInByPupil(tx, ps[1]!.id));
    const before = snapshot(t.db);
    expect(refusal(() => w((tx) => checkInByPupil(tx, ps[2]!.id)))).toMatchObject({ code: 'RULE', message: expect.stringContaining('no free slot') });
    expect(snapshot(t.db)).toEqual(before);
    w((tx) => updateSettings(tx, { phoneSlotMode: 'next-free' }));
    const before2 = snapshot(t.db);
    expect(refusal(() => w((tx) => checkInByPupil(tx, ps[2]!.id)))).toMatchObject({ code: 'RULE', message: expect.stringContaining('no free slot') });
    expect(snapshot(t.db)).toEqual(before2);
  });
});

describe('the morning', () => {
  it('checks a permitted pupil in with slot, names and time; more items go to the same slot', () => {
    const { p } = permitted('Zoë', 'Quillwick');
    const r = w((tx) => checkInByPupil(tx, p.id));
    expect(r).toMatchObject({ slot: 1, forename: 'Zoë', surname: 'Quillwick', regGroup: '5W', time: '08:40' });
    const watch = w((tx) => addItem(tx, p.id, 'smartwatch', 'Blue strap'));
    expect(watch.slot).toBe(1);
    const held = itemsHeld(t.db, '2026-11-25');
    expect(held.map((i) => [i.kind, i.slot, i.description])).toEqual([
      ['phone', 1, ''],
      ['smartwatch', 1, 'Blue strap'],
    ]);
  });

  it('refuses, with what to do and recording nothing: no permission, left the roll, already checked in, an arrangement, adding before checking in', () => {
    const y3 = pupil('Tom', 'Small', 3);
    const { p } = permitted('Zoë', 'Quillwick');
    const gone = permitted('Lou', 'Gone', 6).p;
    w((tx) => updatePupil(tx, gone.id, { status: 'left' }));
    const kept = permitted('Medi', 'Cal').p;
    w((tx) =>
      setDeviceArrangement(tx, {
        pupilId: kept.id,
        device: 'phone',
        reason: 'Glucose monitoring',
        agreedBy: 'Mrs Head',
        agreedOn: '2026-09-01',
        reviewOn: '2027-09-01',
        writtenAgreementReceived: true,
      }),
    );
    w((tx) => checkInByPupil(tx, p.id));
    const before = snapshot(t.db);
    expect(refusal(() => w((tx) => checkInByPupil(tx, y3.id)))).toMatchObject({ code: 'RULE', field: 'pupilId', message: expect.stringContaining('Take it in') });
    expect(refusal(() => w((tx) => checkInByPupil(tx, gone.id)))).toMatchObject({ code: 'RULE', message: expect.stringContaining('left') });
    expect(refusal(() => w((tx) => checkInByPupil(tx, p.id)))).toMatchObject({ code: 'RULE', message: expect.stringContaining('Add item') });
    expect(refusal(() => w((tx) => checkInByPupil(tx, kept.id)))).toMatchObject({ code: 'RULE', message: expect.stringContaining('keep') });
    expect(refusal(() => w((tx) => addItem(tx, y3.id, 'phone')))).toMatchObject({ code: 'RULE', message: expect.stringContaining('first') });
    expect(refusal(() => w((tx) => takeInWithoutPermission(tx, { pupilId: gone.id, kind: 'phone' })))).toMatchObject({ code: 'RULE' });
    expect(refusal(() => w((tx) => checkInByPupil(tx, 9999)))).toMatchObject({ code: 'NOT_FOUND' });
    expect(snapshot(t.db)).toEqual(before);
  });

  it('takes in an item without permission: held, not permitted, parent-only by default, listed for follow-up', () => {
    const y3 = pupil('Tom', 'Small', 3);
    const r = w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'smartwatch', description: 'Black' }));
    expect(r).toMatchObject({ parentOnly: true, time: '08:40' });
    w((tx) => updateSettings(tx, { heldItemsReturnTo: 'pupil' }));
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'phone' }));
    const list = listHeldWithoutPermission(t.db, '2026-11-01', '2026-11-30');
    expect(list.map((i) => [i.kind, i.permitted, i.parentOnly, i.slot])).toEqual([
      ['smartwatch', false, true, null],
      ['phone', false, false, null],
    ]);
    expect(listHeldWithoutPermission(t.db, '2026-12-01', '2026-12-31')).toEqual([]);
  });
});

describe('home time', () => {
  it('hands back every item still held; parent-only items only to a contact allowed to collect and not flagged', () => {
    const y3 = pupil('Tom', 'Small', 3);
    const mum = contact(y3, 'Ms Small');
    const gran = contact(y3, 'Gran Small', false);
    const dad = contact(y3, 'Mr Small');
    w((tx) => setNoContact(tx, dad.id, { noContact: true, category: 'court-order' }));
    const other = pupil('Zed', 'Other', 4);
    const otherMum = contact(other, 'Ms Other');
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'smartwatch' }));
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'phone' }));
    at('2026-11-25', '15:15');
    const before = snapshot(t.db);
    expect(refusal(() => w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'pupil' })))).toMatchObject({ code: 'RULE', field: 'collectedBy', message: expect.stringContaining('parent/carer') });
    expect(refusal(() => w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'contact', contactId: dad.id })))).toMatchObject({ code: 'RULE', field: 'contactId', message: expect.stringContaining('must not collect') });
    expect(refusal(() => w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'contact', contactId: gran.id })))).toMatchObject({ code: 'RULE', field: 'contactId' });
    expect(refusal(() => w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'contact', contactId: otherMum.id })))).toMatchObject({ code: 'RULE', field: 'contactId' });
    expect(snapshot(t.db)).toEqual(before);
    const out = w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'contact', contactId: mum.id }));
    expect(out.items.map((i) => i.kind)).toEqual(['smartwatch', 'phone']);
    expect(out.time).toBe('15:15');
    expect(itemsHeld(t.db, '2026-11-25')).toEqual([]);
    expect(refusal(() => w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'contact', contactId: mum.id })))).toMatchObject({ code: 'RULE', message: expect.stringContaining('Nothing') });
    const history = pupilPhoneHistory(t.db, y3.id).items;
    expect(history.every((i) => i.collectedBy === 'Ms Small' && i.checkedOutBy === 'staff:2')).toBe(true);
  });

  it('a permitted pupil collects their own phone (leaving early too), and the view lists items by class and slot', () => {
    const a = permitted('Ava', 'Able', 6).p;
    const b = permitted('Ben', 'Best', 5).p;
    const y3 = pupil('Tom', 'Small', 3);
    w((tx) => checkInByPupil(tx, a.id));
    w((tx) => checkInByPupil(tx, b.id));
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'phone' }));
    expect(itemsHeld(t.db, '2026-11-25').map((i) => [i.regGroup, i.slot])).toEqual([
      ['3W', null],
      ['5W', 2],
      ['6W', 1],
    ]);
    at('2026-11-25', '11:00');
    const out = w((tx) => checkOutPupil(tx, a.id, { collectedBy: 'pupil' }));
    expect(out.slots).toEqual([1]);
    expect(itemsHeld(t.db, '2026-11-25').map((i) => i.pupilId)).toEqual([y3.id, b.id]);
  });

  it('lists "left without phone" only from the set time on a school day, with the contacts allowed to collect', () => {
    const { p, parent } = permitted('Zoë', 'Quillwick');
    const aunt = contact(p, 'Aunt Q', false);
    const flagged = contact(p, 'Mr Q');
    w((tx) => setNoContact(tx, flagged.id, { noContact: true, category: 'other-safeguarding' }));
    w((tx) => checkInByPupil(tx, p.id));
    expect(leftWithoutPhone(t.db, new Date('2026-11-25T15:29:00Z'))).toEqual([]);
    const list = leftWithoutPhone(t.db, new Date('2026-11-25T15:30:00Z'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ pupilId: p.id, contacts: [{ id: parent.id, name: parent.name, phone: '07700 900000' }] });
    expect(list[0]!.contacts.map((c) => c.id)).not.toContain(aunt.id);
    w((tx) => updateSettings(tx, { leftWithoutPhoneFrom: '15:00' }));
    expect(leftWithoutPhone(t.db, new Date('2026-11-25T15:10:00Z'))).toHaveLength(1);
    // not on a Saturday
    expect(leftWithoutPhone(t.db, new Date('2026-11-28T16:00:00Z'))).toEqual([]);
    w((tx) => checkOutPupil(tx, p.id, { collectedBy: 'pupil' }));
    expect(leftWithoutPhone(t.db, new Date('2026-11-25T16:00:00Z'))).toEqual([]);
  });
});

describe('items not collected', () => {
  it('checked in on Friday and not collected are flagged on Monday, and stay flagged until collected', () => {
    at('2026-11-27', '08:40'); // a Friday
    const { p } = permitted('Zoë', 'Quillwick');
    const y3 = pupil('Tom', 'Small', 3);
    const mum = contact(y3, 'Ms Small');
    w((tx) => checkInByPupil(tx, p.id));
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'smartwatch' }));
    expect(notCollected(t.db, '2026-11-27')).toEqual([]);
    const monday = notCollected(t.db, '2026-11-30');
    expect(monday.map((i) => [i.pupilId, i.day, i.fromPreviousSchoolDay])).toEqual([
      [p.id, '2026-11-27', true],
      [y3.id, '2026-11-27', true],
    ]);
    // on Tuesday still flagged (older than the previous school day), oldest first
    at('2026-11-30', '08:40');
    expect(refusal(() => w((tx) => checkInByPupil(tx, p.id)))).toBeNull(); // a new day's check-in is allowed
    const tuesday = notCollected(t.db, '2026-12-01');
    expect(tuesday.map((i) => [i.day, i.fromPreviousSchoolDay])).toEqual([
      ['2026-11-27', false],
      ['2026-11-27', false],
      ['2026-11-30', true],
    ]);
    // checking out hands back every day's items
    at('2026-12-01', '15:20');
    expect(w((tx) => checkOutPupil(tx, p.id, { collectedBy: 'pupil' })).items.map((i) => i.day)).toEqual(['2026-11-27', '2026-11-30']);
    w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'contact', contactId: mum.id }));
    expect(notCollected(t.db, '2026-12-01')).toEqual([]);
  });

  it('across a half-term closure: flagged on the first school day after it', () => {
    w((tx) => addClosure(tx, { startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'February half-term' }));
    at('2027-02-12', '08:40'); // the Friday before half-term
    const { p } = permitted('Zoë', 'Quillwick');
    w((tx) => checkInByPupil(tx, p.id));
    const back = notCollected(t.db, '2027-02-22');
    expect(back.map((i) => [i.day, i.fromPreviousSchoolDay])).toEqual([['2027-02-12', true]]);
    expect(itemsHeld(t.db, '2027-02-22')).toHaveLength(1);
    expect(termSummary(t.db, '2027-01-04', '2027-03-31')).toMatchObject({ checkIns: 1, notCollected: 1, heldWithoutPermission: 0 });
  });
});

describe('exceptional arrangements (6.3.4)', () => {
  it('are listed with the review flagged once its date has passed; a new one replaces the current', () => {
    const a = pupil('Ava', 'Able', 2);
    const b = pupil('Ben', 'Best', 4);
    const base = { device: 'phone', reason: 'Glucose monitoring', agreedBy: 'Mrs Head', agreedOn: '2026-01-10', writtenAgreementReceived: true };
    w((tx) => setDeviceArrangement(tx, { ...base, pupilId: a.id, reviewOn: '2026-11-01' }));
    w((tx) => setDeviceArrangement(tx, { ...base, pupilId: b.id, reviewOn: '2027-01-10', writtenAgreementReceived: false }));
    const list = listArrangements(t.db, '2026-11-25');
    expect(list.map((x) => [x.pupilId, x.reviewOverdue, x.writtenAgreementReceived])).toEqual([
      [a.id, true, true],
      [b.id, false, false],
    ]);
    w((tx) => setDeviceArrangement(tx, { ...base, pupilId: a.id, agreedOn: '2026-11-25', reviewOn: '2027-11-25' }));
    expect(listArrangements(t.db, '2026-11-25').every((x) => !x.reviewOverdue)).toBe(true);
    expect(pupilPhoneHistory(t.db, a.id).arrangements).toHaveLength(2);
    expect(refusal(() => w((tx) => setDeviceArrangement(tx, { ...base, pupilId: a.id, reviewOn: '2025-01-01' })))).toMatchObject({ code: 'RULE', field: 'reviewOn' });
    expect(refusal(() => w((tx) => setDeviceArrangement(tx, { ...base, pupilId: a.id, agreedBy: ' ', reviewOn: '2027-01-01' })))).toMatchObject({ code: 'RULE', field: 'agreedBy' });
  });
});

describe('records', () => {
  it('the daily log lists every movement in time order; the term summary counts them', () => {
    const a = permitted('Ava', 'Able').p;
    const b = permitted('Ben', 'Best').p;
    const y3 = pupil('Tom', 'Small', 3);
    const mum = contact(y3, 'Ms Small');
    at('2026-11-25', '08:41');
    w((tx) => checkInByPupil(tx, b.id));
    at('2026-11-25', '08:42');
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'smartwatch' }));
    at('2026-11-25', '08:43');
    w((tx) => checkInByPupil(tx, a.id));
    w((tx) => addItem(tx, a.id, 'smartwatch'));
    at('2026-11-25', '15:20');
    w((tx) => checkOutPupil(tx, a.id, { collectedBy: 'pupil' }));
    at('2026-11-25', '15:25');
    w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'contact', contactId: mum.id }));
    const log = dailyLog(t.db, '2026-11-25');
    expect(log.map((m) => [m.time, m.movement, m.pupilId, m.kind, m.collectedBy])).toEqual([
      ['08:41', 'check-in', b.id, 'phone', null],
      ['08:42', 'taken-in', y3.id, 'smartwatch', null],
      ['08:43', 'check-in', a.id, 'phone', null],
      ['08:43', 'check-in', a.id, 'smartwatch', null],
      ['15:20', 'check-out', a.id, 'phone', 'pupil'],
      ['15:20', 'check-out', a.id, 'smartwatch', 'pupil'],
      ['15:25', 'check-out', y3.id, 'smartwatch', 'Ms Small'],
    ]);
    // b's phone, collected the next morning, is on that day's log
    at('2026-11-26', '08:30');
    w((tx) => checkOutPupil(tx, b.id, { collectedBy: 'pupil' }));
    expect(dailyLog(t.db, '2026-11-26').map((m) => [m.movement, m.pupilId])).toEqual([['check-out', b.id]]);
    expect(termSummary(t.db, '2026-09-01', '2026-12-18')).toEqual({
      from: '2026-09-01',
      to: '2026-12-18',
      checkIns: 2,
      itemsCheckedIn: 3,
      heldWithoutPermission: 1,
      notCollected: 1,
    });
  });

  it('audits every write with ids and field names only, and the chain verifies', () => {
    const rows = () => t.db.prepare("SELECT count(*) FROM audit WHERE action LIKE 'phone.%'").pluck().get() as number;
    const { p, parent } = permitted('Zoë', 'Quillwick'); // 1: grant
    const y3 = pupil('Tom', 'Small', 3);
    const mum = contact(y3, 'Ms Small');
    expect(rows()).toBe(1);
    w((tx) => checkInByPupil(tx, p.id)); // 2
    w((tx) => addItem(tx, p.id, 'smartwatch', 'Pink')); // 3
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'phone' })); // 4
    w((tx) => setDeviceArrangement(tx, { pupilId: y3.id, device: 'watch', reason: 'Heart monitor', agreedBy: 'Mrs Head', agreedOn: '2026-11-01', reviewOn: '2027-11-01', writtenAgreementReceived: true })); // 5
    w((tx) => checkOutPupil(tx, p.id, { collectedBy: 'contact', contactId: parent.id })); // 6, 7: one per item
    w((tx) => checkOutPupil(tx, y3.id, { collectedBy: 'contact', contactId: mum.id })); // 8
    w((tx) => withdrawPhonePermission(tx, p.id, 'Parent asked')); // 9
    expect(rows()).toBe(9);
    const checkIn = listAudit(t.db, { entity: 'phoneItem', limit: 100 }).find((r) => r.action === 'phone.checkIn');
    expect(checkIn).toMatchObject({ actor: 'staff:2', fields: ['kind', 'pupilId', 'slot'] });
    const texts = (t.db.prepare('SELECT * FROM audit').raw().all() as unknown[][]).flat().join(' ');
    expect(texts).not.toContain('Pink');
    expect(texts).not.toContain('Quillwick');
    expect(verifyAudit(t.db).ok).toBe(true);
  });
});

describe('the desk', () => {
  it('counts permitted pupils, today’s check-ins, items held and free slots, and lists the latest ten check-ins newest first', () => {
    w((tx) => updateSettings(tx, { phoneSlotCount: 20 }));
    const kids = Array.from({ length: 12 }, (_, i) => permitted(`Child${i + 1}`, 'Pupil', i % 2 ? 5 : 6).p);
    const y3 = pupil('Tom', 'Small', 3);
    at('2026-11-24', '08:40');
    w((tx) => checkInByPupil(tx, kids[11]!.id)); // yesterday, never collected: still holds its slot
    at('2026-11-25', '08:30');
    for (const [i, k] of kids.slice(0, 11).entries()) {
      t.clock.set(new Date(Date.parse('2026-11-25T08:30:00Z') + i * 60_000));
      w((tx) => checkInByPupil(tx, k.id));
    }
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'smartwatch' }));
    const d = deskSummary(t.db, t.clock.now());
    expect(d).toMatchObject({ day: '2026-11-25', isSchoolDay: true, permitted: 12, checkedInToday: 11, heldNow: 13, slotsFree: 20 - 12 });
    expect(d.recent).toHaveLength(10);
    expect(d.recent[0]).toMatchObject({ movement: 'taken-in', forename: 'Tom', kind: 'smartwatch', slot: null });
    expect(d.recent.slice(1).map((m) => m.forename)).toEqual(['Child11', 'Child10', 'Child9', 'Child8', 'Child7', 'Child6', 'Child5', 'Child4', 'Child3']);
    // a pupil who left or lost permission no longer counts as permitted
    w((tx) => updatePupil(tx, kids[0]!.id, { status: 'left' }));
    w((tx) => withdrawPhonePermission(tx, kids[1]!.id, 'Parent asked'));
    expect(deskSummary(t.db, t.clock.now()).permitted).toBe(10);
  });

  it('lists pupils with permission by class with their slot, who gave permission and whether they have a card', () => {
    const a = permitted('Ava', 'Zed', 6);
    const b = permitted('Bo', 'Young', 5);
    const c = permitted('Cy', 'Xu', 5);
    w((tx) => withdrawPhonePermission(tx, c.p.id, 'Parent asked'));
    w((tx) => issueCard(tx, a.p.id));
    w((tx) => checkInByPupil(tx, b.p.id));
    expect(listPermittedPupils(t.db)).toEqual([
      expect.objectContaining({ pupilId: b.p.id, forename: 'Bo', regGroup: '5W', slot: 1, grantedOn: '2026-11-25', grantedByContact: "Bo's Parent", hasCard: false }),
      expect.objectContaining({ pupilId: a.p.id, forename: 'Ava', regGroup: '6W', slot: null, hasCard: true }),
    ]);
  });

  it('groups what is held by pupil for home time, with only the contacts allowed to collect', () => {
    const { p, parent } = permitted('Zoë', 'Quillwick');
    const gran = contact(p, 'Gran', false);
    const dad = contact(p, 'Dad');
    w((tx) => setNoContact(tx, dad.id, { noContact: true, category: 'court-order' }));
    const y3 = pupil('Tom', 'Small', 3);
    const tomMum = contact(y3, 'Ms Small');
    w((tx) => checkInByPupil(tx, p.id));
    w((tx) => addItem(tx, p.id, 'smartwatch'));
    w((tx) => takeInWithoutPermission(tx, { pupilId: y3.id, kind: 'phone' }));
    const groups = heldByPupil(t.db, '2026-11-25');
    expect(groups.map((g) => [g.forename, g.items.map((i) => i.kind), g.parentOnly])).toEqual([
      ['Tom', ['phone'], true],
      ['Zoë', ['phone', 'smartwatch'], false],
    ]);
    expect(groups[1]!.collectors.map((c) => c.id)).toEqual([parent.id]);
    expect(groups[0]!.collectors.map((c) => c.id)).toEqual([tomMum.id]);
    expect(groups[1]!.collectors.map((c) => c.id)).not.toContain(gran.id);
  });

  it('writes the daily log as CSV with names, in time order, with formulas neutralised', () => {
    const { p, parent } = permitted('=HYPERLINK("http://x","y")', 'Quillwick');
    at('2026-11-25', '08:41');
    w((tx) => checkInByPupil(tx, p.id));
    at('2026-11-25', '15:20');
    w((tx) => checkOutPupil(tx, p.id, { collectedBy: 'contact', contactId: parent.id }));
    const { csv, rows } = dailyLogCsv(t.db, '2026-11-25', (a) => (a === 'staff:2' ? 'Olly Office' : a));
    expect(rows).toBe(2);
    const lines = csv.trim().split(/\r\n/);
    const formula = `"'=HYPERLINK(""http://x"",""y"")"`;
    expect(lines.slice(1)).toEqual([
      `2026-11-25,08:41,Checked in,Quillwick,${formula},5W,1,Phone,,,Olly Office`,
      `2026-11-25,15:20,Handed back,Quillwick,${formula},5W,1,Phone,,"'=HYPERLINK(""http://x"",""y"")'s Parent",Olly Office`,
    ]);
  });

  it('prints cards for exactly the pupils on roll with permission, and says so when there are none', () => {
    expect(refusal(() => w((tx) => cardsForPrint(tx, { phones: true })))).toMatchObject({ code: 'NOT_FOUND', field: 'phones' });
    const a = permitted('Ava', 'Zed', 6);
    const b = permitted('Bo', 'Young', 5);
    const c = permitted('Cy', 'Xu', 5);
    pupil('Di', 'Walsh', 5);
    w((tx) => withdrawPhonePermission(tx, b.p.id, 'Parent asked'));
    w((tx) => updatePupil(tx, c.p.id, { status: 'left' }));
    expect(w((tx) => cardsForPrint(tx, { phones: true })).map((x) => x.pupilId)).toEqual([a.p.id]);
  });
});
