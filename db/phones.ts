/**
 * Phones in and out (issue 6; policy 6.3.2 to 6.3.4). Year 5 and 6 pupils (the year groups in
 * Settings) may be given permission to bring a phone, which is handed in each morning to a numbered
 * slot in the office and collected at home time. A pupil with an exceptional arrangement (6.3.4)
 * keeps the device. Anything else brought in is taken in and held without permission, returned to
 * the pupil or only to a parent/carer as Settings say. Days are the school's local dates.
 */
import { actorString } from './audit';
import { isIsoDate, type SchoolCalendar } from './calendar';
import { loadCalendar } from './closures';
import { getContact } from './contacts';
import { toCsv } from './csv';
import { DomainError } from './errors';
import type { Db } from './open';
import { mustGetPupil, type PupilRecord } from './pupils';
import { getPhoneSettings } from './settings';
import type { Tx } from './tx';

export type ItemKind = 'phone' | 'smartwatch' | 'tablet' | 'other';
export const ITEM_KINDS: readonly ItemKind[] = ['phone', 'smartwatch', 'tablet', 'other'];

function fullName(p: { forename: string; surname: string }): string {
  return `${p.forename} ${p.surname}`;
}

function today(tx: Tx): { cal: SchoolCalendar; day: string } {
  const cal = loadCalendar(tx.db);
  return { cal, day: cal.localDate(tx.now) };
}

function requireKind(kind: string): asserts kind is ItemKind {
  if (!(ITEM_KINDS as readonly string[]).includes(kind)) throw new DomainError('RULE', 'Choose what the item is: phone, smartwatch, tablet or other.', 'kind');
}

function requireText(value: string, field: string, message: string): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (v === '') throw new DomainError('RULE', message, field);
  return v;
}

// ---- permission --------------------------------------------------------------------------------

export interface PermissionEntry {
  id: number;
  pupilId: number;
  granted: boolean;
  contactId: number | null;
  contactName: string | null;
  reason: string;
  day: string;
  at: string;
  by: string;
}

export function permissionHistory(db: Db, pupilId: number): PermissionEntry[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.pupil_id AS pupilId, p.granted, p.contact_id AS contactId, k.name AS contactName, p.reason, p.day, p.at, p.by
       FROM phone_permissions p LEFT JOIN contacts k ON k.id = p.contact_id WHERE p.pupil_id = ? ORDER BY p.id`,
    )
    .all(pupilId) as (Omit<PermissionEntry, 'granted'> & { granted: number })[];
  return rows.map((r) => ({ ...r, granted: r.granted === 1 }));
}

export function hasPhonePermission(db: Db, pupilId: number): boolean {
  return db.prepare('SELECT granted FROM phone_permissions WHERE pupil_id = ? ORDER BY id DESC LIMIT 1').pluck().get(pupilId) === 1;
}

export function grantPhonePermission(tx: Tx, input: { pupilId: number; contactId: number; reason: string }): PermissionEntry {
  const pupil = mustGetPupil(tx.db, input.pupilId, 'pupilId');
  if (pupil.status !== 'on-roll') throw new DomainError('RULE', `${fullName(pupil)} has left the school: permission is for pupils on roll.`, 'pupilId');
  const { phoneYearGroups } = getPhoneSettings(tx.db);
  if (!phoneYearGroups.includes(pupil.yearGroup)) {
    const years = phoneYearGroups.length ? phoneYearGroups.map((y) => (y === 0 ? 'Reception' : `Year ${y}`)).join(', ') : 'no year group';
    throw new DomainError('RULE', `Only pupils in ${years} can be given permission to bring a phone (see Settings).`, 'pupilId');
  }
  const contact = getContact(tx.db, input.contactId);
  if (!contact || contact.pupilId !== pupil.id) throw new DomainError('RULE', `Choose which of ${fullName(pupil)}’s contacts gave permission.`, 'contactId');
  const reason = requireText(input.reason, 'reason', 'Enter the reason (for example, walks to and from school alone).');
  const { day } = today(tx);
  const id = Number(
    tx.db
      .prepare('INSERT INTO phone_permissions (pupil_id, granted, contact_id, reason, day, at, by) VALUES (?, 1, ?, ?, ?, ?, ?)')
      .run(pupil.id, contact.id, reason, day, tx.now.toISOString(), actorString(tx.actor)).lastInsertRowid,
  );
  tx.audit({ action: 'phone.permission.grant', entity: 'pupil', entityId: pupil.id, values: { permission: id, contactId: contact.id, reason } });
  return permissionHistory(tx.db, pupil.id).find((e) => e.id === id) as PermissionEntry;
}

/** Withdraw permission; a fixed slot is released for another pupil. */
export function withdrawPhonePermission(tx: Tx, pupilId: number, reason: string): PermissionEntry {
  const pupil = mustGetPupil(tx.db, pupilId, 'pupilId');
  if (!hasPhonePermission(tx.db, pupil.id)) throw new DomainError('RULE', `${fullName(pupil)} does not have permission to bring a phone.`, 'pupilId');
  const why = requireText(reason, 'reason', 'Enter why permission is withdrawn.');
  const { day } = today(tx);
  const id = Number(
    tx.db
      .prepare('INSERT INTO phone_permissions (pupil_id, granted, contact_id, reason, day, at, by) VALUES (?, 0, NULL, ?, ?, ?, ?)')
      .run(pupil.id, why, day, tx.now.toISOString(), actorString(tx.actor)).lastInsertRowid,
  );
  const released = tx.db.prepare('DELETE FROM phone_slots WHERE pupil_id = ?').run(pupil.id).changes > 0;
  tx.audit({ action: 'phone.permission.withdraw', entity: 'pupil', entityId: pupil.id, values: { permission: id, reason: why, slotReleased: released } });
  return permissionHistory(tx.db, pupil.id).find((e) => e.id === id) as PermissionEntry;
}

// ---- exceptional arrangements (6.3.4) ----------------------------------------------------------

export interface ArrangementInput {
  pupilId: number;
  device: string;
  reason: string;
  /** The Head of School's name. */
  agreedBy: string;
  agreedOn: string;
  reviewOn: string;
  writtenAgreementReceived: boolean;
}

export interface Arrangement extends ArrangementInput {
  id: number;
  forename: string;
  surname: string;
  regGroup: string;
  reviewOverdue: boolean;
}

/** Record a pupil's arrangement (replacing the current one, which is kept as history). */
export function setDeviceArrangement(tx: Tx, a: ArrangementInput): number {
  const pupil = mustGetPupil(tx.db, a.pupilId, 'pupilId');
  const device = requireText(a.device, 'device', 'Enter the device (for example, a glucose monitor phone).');
  const reason = requireText(a.reason, 'reason', 'Enter the reason for the arrangement.');
  const agreedBy = requireText(a.agreedBy, 'agreedBy', 'Enter the name of the Head of School who agreed it.');
  if (!isIsoDate(a.agreedOn)) throw new DomainError('RULE', 'Enter the date it was agreed.', 'agreedOn');
  if (!isIsoDate(a.reviewOn)) throw new DomainError('RULE', 'Enter the review date.', 'reviewOn');
  if (a.reviewOn < a.agreedOn) throw new DomainError('RULE', 'The review date must be on or after the date it was agreed.', 'reviewOn');
  const now = tx.now.toISOString();
  const ended = tx.db.prepare('UPDATE device_arrangements SET ended_at = ? WHERE pupil_id = ? AND ended_at IS NULL').run(now, pupil.id).changes;
  const id = Number(
    tx.db
      .prepare(
        `INSERT INTO device_arrangements (pupil_id, device, reason, agreed_by, agreed_on, review_on, written_agreement_received, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(pupil.id, device, reason, agreedBy, a.agreedOn, a.reviewOn, a.writtenAgreementReceived ? 1 : 0, now).lastInsertRowid,
  );
  tx.audit({
    action: 'phone.arrangement.set',
    entity: 'pupil',
    entityId: pupil.id,
    values: { arrangement: id, device, reason, agreedBy, agreedOn: a.agreedOn, reviewOn: a.reviewOn, writtenAgreementReceived: a.writtenAgreementReceived, replaced: ended > 0 },
  });
  return id;
}

/** End a pupil's current arrangement (kept as history). */
export function endDeviceArrangement(tx: Tx, pupilId: number): void {
  const info = tx.db.prepare('UPDATE device_arrangements SET ended_at = ? WHERE pupil_id = ? AND ended_at IS NULL').run(tx.now.toISOString(), pupilId);
  if (info.changes === 0) throw new DomainError('NOT_FOUND', 'This pupil has no current device arrangement.', 'pupilId');
  tx.audit({ action: 'phone.arrangement.end', entity: 'pupil', entityId: pupilId });
}

const ARRANGEMENT_SELECT = `SELECT a.id, a.pupil_id AS pupilId, a.device, a.reason, a.agreed_by AS agreedBy, a.agreed_on AS agreedOn,
  a.review_on AS reviewOn, a.written_agreement_received AS written, p.forename, p.surname, p.reg_group AS regGroup
  FROM device_arrangements a JOIN pupils p ON p.id = a.pupil_id`;

type RawArrangement = Omit<Arrangement, 'writtenAgreementReceived' | 'reviewOverdue'> & { written: number };

function arrangement(r: RawArrangement, day: string): Arrangement {
  const { written, ...rest } = r;
  return { ...rest, writtenAgreementReceived: written === 1, reviewOverdue: r.reviewOn < day };
}

/** The current arrangements, those with the review date passed first, then by surname. */
export function listArrangements(db: Db, day: string): Arrangement[] {
  const rows = db.prepare(`${ARRANGEMENT_SELECT} WHERE a.ended_at IS NULL ORDER BY a.review_on, p.search_key, a.id`).all() as RawArrangement[];
  return rows.map((r) => arrangement(r, day));
}

export function currentArrangement(db: Db, pupilId: number, day: string): Arrangement | null {
  const r = db.prepare(`${ARRANGEMENT_SELECT} WHERE a.ended_at IS NULL AND a.pupil_id = ?`).get(pupilId) as RawArrangement | undefined;
  return r ? arrangement(r, day) : null;
}

// ---- slots -------------------------------------------------------------------------------------

/** Slots taken today, or still holding an item from an earlier day. */
function slotsInUse(db: Db, day: string): Set<number> {
  // two indexed halves (today's items; items still held), not one OR that reads every item ever
  const rows = db
    .prepare('SELECT slot FROM phone_items WHERE day = ? AND slot IS NOT NULL UNION SELECT slot FROM phone_items WHERE checked_out_at IS NULL AND slot IS NOT NULL')
    .pluck()
    .all(day) as number[];
  return new Set(rows);
}

function lowestFree(count: number, taken: Set<number>): number | null {
  for (let s = 1; s <= count; s++) if (!taken.has(s)) return s;
  return null;
}

const NO_FREE_SLOT = 'There is no free slot. Take the phone in for now, and add more slots in Settings or free one up.';

/** The slot for a pupil's check-in today; with 'fixed', assigns (and keeps) their own slot. */
function slotFor(tx: Tx, pupilId: number, day: string): number {
  const { phoneSlotMode, phoneSlotCount } = getPhoneSettings(tx.db);
  const inUse = slotsInUse(tx.db, day);
  if (phoneSlotMode === 'next-free') {
    const slot = lowestFree(phoneSlotCount, inUse);
    if (slot === null) throw new DomainError('RULE', NO_FREE_SLOT, 'pupilId');
    return slot;
  }
  const own = tx.db.prepare('SELECT slot FROM phone_slots WHERE pupil_id = ?').pluck().get(pupilId) as number | undefined;
  if (own !== undefined && own <= phoneSlotCount) return own;
  const owned = new Set(tx.db.prepare('SELECT slot FROM phone_slots WHERE pupil_id <> ?').pluck().all(pupilId) as number[]);
  for (const s of inUse) owned.add(s);
  const slot = lowestFree(phoneSlotCount, owned);
  if (slot === null) throw new DomainError('RULE', NO_FREE_SLOT, 'pupilId');
  tx.db
    .prepare('INSERT INTO phone_slots (pupil_id, slot, assigned_at) VALUES (?, ?, ?) ON CONFLICT (pupil_id) DO UPDATE SET slot = excluded.slot, assigned_at = excluded.assigned_at')
    .run(pupilId, slot, tx.now.toISOString());
  return slot;
}

export function ownSlot(db: Db, pupilId: number): number | null {
  return (db.prepare('SELECT slot FROM phone_slots WHERE pupil_id = ?').pluck().get(pupilId) as number | undefined) ?? null;
}

// ---- morning -----------------------------------------------------------------------------------

export interface CheckInResult {
  itemId: number;
  slot: number;
  pupilId: number;
  forename: string;
  surname: string;
  regGroup: string;
  /** Local 'HH:MM'. */
  time: string;
}

function insertItem(tx: Tx, f: { pupilId: number; day: string; slot: number | null; kind: ItemKind; description: string; permitted: boolean; parentOnly: boolean }): number {
  return Number(
    tx.db
      .prepare(
        `INSERT INTO phone_items (pupil_id, day, slot, kind, description, permitted, parent_only, checked_in_at, checked_in_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(f.pupilId, f.day, f.slot, f.kind, f.description, f.permitted ? 1 : 0, f.parentOnly ? 1 : 0, tx.now.toISOString(), actorString(tx.actor)).lastInsertRowid,
  );
}

function todaysCheckIn(db: Db, pupilId: number, day: string): { slot: number } | null {
  return (db.prepare('SELECT slot FROM phone_items WHERE pupil_id = ? AND day = ? AND permitted = 1 ORDER BY id LIMIT 1').get(pupilId, day) as { slot: number } | undefined) ?? null;
}

function requireOnRoll(p: PupilRecord): void {
  if (p.status !== 'on-roll') throw new DomainError('RULE', `${fullName(p)} is marked as left the school. Check the card with the office; nothing was recorded.`, 'pupilId');
}

/** A permitted pupil hands in their phone (or another item) in the morning. Refusals record nothing. */
export function checkInByPupil(tx: Tx, pupilId: number, kind: ItemKind = 'phone'): CheckInResult {
  requireKind(kind);
  const pupil = mustGetPupil(tx.db, pupilId, 'pupilId');
  requireOnRoll(pupil);
  const { cal, day } = today(tx);
  const arr = currentArrangement(tx.db, pupil.id, day);
  if (arr) {
    throw new DomainError('RULE', `${fullName(pupil)} has an agreed arrangement to keep their ${arr.device}: they keep it and do not check it in.`, 'pupilId');
  }
  if (!hasPhonePermission(tx.db, pupil.id)) {
    throw new DomainError('RULE', `${fullName(pupil)} does not have permission to bring a phone. Use “Take it in” to hold it in the office.`, 'pupilId');
  }
  const existing = todaysCheckIn(tx.db, pupil.id, day);
  if (existing) {
    throw new DomainError('RULE', `${fullName(pupil)} is already checked in today (slot ${existing.slot}). To hand in another item, use “Add item”.`, 'pupilId');
  }
  const slot = slotFor(tx, pupil.id, day);
  const itemId = insertItem(tx, { pupilId: pupil.id, day, slot, kind, description: '', permitted: true, parentOnly: false });
  tx.audit({ action: 'phone.checkIn', entity: 'phoneItem', entityId: itemId, values: { pupilId: pupil.id, slot, kind } });
  return { itemId, slot, pupilId: pupil.id, forename: pupil.forename, surname: pupil.surname, regGroup: pupil.regGroup, time: cal.localTime(tx.now) };
}

/** Another item from a pupil checked in today, into the same slot. */
export function addItem(tx: Tx, pupilId: number, kind: ItemKind, description = ''): CheckInResult {
  requireKind(kind);
  const pupil = mustGetPupil(tx.db, pupilId, 'pupilId');
  requireOnRoll(pupil);
  const { cal, day } = today(tx);
  const existing = todaysCheckIn(tx.db, pupil.id, day);
  if (!existing) throw new DomainError('RULE', `${fullName(pupil)} has not checked in today. Scan their card first, then add the item.`, 'pupilId');
  const itemId = insertItem(tx, { pupilId: pupil.id, day, slot: existing.slot, kind, description: description.trim(), permitted: true, parentOnly: false });
  tx.audit({ action: 'phone.addItem', entity: 'phoneItem', entityId: itemId, values: { pupilId: pupil.id, slot: existing.slot, kind, description: description.trim() } });
  return { itemId, slot: existing.slot, pupilId: pupil.id, forename: pupil.forename, surname: pupil.surname, regGroup: pupil.regGroup, time: cal.localTime(tx.now) };
}

/** "Take it in": an item brought without permission, held in the office (not a confiscation). */
export function takeInWithoutPermission(tx: Tx, input: { pupilId: number; kind: ItemKind; description?: string }): { itemId: number; parentOnly: boolean; time: string } {
  requireKind(input.kind);
  const pupil = mustGetPupil(tx.db, input.pupilId, 'pupilId');
  requireOnRoll(pupil);
  const { cal, day } = today(tx);
  const parentOnly = getPhoneSettings(tx.db).heldItemsReturnTo === 'parent-only';
  const description = (input.description ?? '').trim();
  const itemId = insertItem(tx, { pupilId: pupil.id, day, slot: null, kind: input.kind, description, permitted: false, parentOnly });
  tx.audit({ action: 'phone.takeIn', entity: 'phoneItem', entityId: itemId, values: { pupilId: pupil.id, kind: input.kind, description, parentOnly } });
  return { itemId, parentOnly, time: cal.localTime(tx.now) };
}

// ---- home time ---------------------------------------------------------------------------------

export interface HeldItem {
  itemId: number;
  pupilId: number;
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  day: string;
  slot: number | null;
  kind: ItemKind;
  description: string;
  permitted: boolean;
  parentOnly: boolean;
  checkedInAt: string;
}

const ITEM_COLUMNS = `SELECT i.id AS itemId, i.pupil_id AS pupilId, p.forename, p.surname, p.year_group AS yearGroup, p.reg_group AS regGroup,
  i.day, i.slot, i.kind, i.description, i.permitted, i.parent_only AS parentOnly, i.checked_in_at AS checkedInAt`;
const ITEM_SELECT = `${ITEM_COLUMNS} FROM phone_items i JOIN pupils p ON p.id = i.pupil_id`;
/** Items still held, read from their own small index (not every item handed in over the years). */
const HELD_SELECT = `${ITEM_COLUMNS} FROM phone_items i INDEXED BY phone_items_held JOIN pupils p ON p.id = i.pupil_id WHERE i.checked_out_at IS NULL`;

type RawHeld = Omit<HeldItem, 'permitted' | 'parentOnly'> & { permitted: number; parentOnly: number };
function held(r: RawHeld): HeldItem {
  return { ...r, permitted: r.permitted === 1, parentOnly: r.parentOnly === 1 };
}

export type CollectedBy = { collectedBy: 'pupil' } | { collectedBy: 'contact'; contactId: number };

/** Hand back every item of the pupil still held (any day), to the pupil or to a contact allowed to collect. */
export function checkOutPupil(tx: Tx, pupilId: number, who: CollectedBy): { items: HeldItem[]; slots: number[]; time: string } {
  const pupil = mustGetPupil(tx.db, pupilId, 'pupilId');
  const items = (tx.db.prepare(`${ITEM_SELECT} WHERE i.pupil_id = ? AND i.checked_out_at IS NULL ORDER BY i.id`).all(pupil.id) as RawHeld[]).map(held);
  if (items.length === 0) throw new DomainError('RULE', `Nothing of ${fullName(pupil)}’s is held in the office.`, 'pupilId');
  let contactId: number | null = null;
  if (who.collectedBy === 'pupil') {
    if (items.some((i) => i.parentOnly)) {
      throw new DomainError('RULE', `${fullName(pupil)}’s item is for a parent/carer to collect. Hand it only to a contact allowed to collect.`, 'collectedBy');
    }
  } else {
    const c = getContact(tx.db, who.contactId);
    if (!c || c.pupilId !== pupil.id) throw new DomainError('RULE', `Choose one of ${fullName(pupil)}’s contacts.`, 'contactId');
    if (c.noContact) throw new DomainError('RULE', `${c.name} is marked “must not collect”. Do not hand anything over; tell the DSL.`, 'contactId');
    if (!c.mayCollect) throw new DomainError('RULE', `${c.name} is not allowed to collect ${fullName(pupil)}. Hand it only to a contact allowed to collect.`, 'contactId');
    contactId = c.id;
  }
  const now = tx.now.toISOString();
  const by = actorString(tx.actor);
  const update = tx.db.prepare(
    'UPDATE phone_items SET checked_out_at = ?, checked_out_by = ?, collected_by_contact_id = ?, collected_by_pupil = ? WHERE id = ? AND checked_out_at IS NULL',
  );
  for (const i of items) {
    update.run(now, by, contactId, contactId === null ? 1 : 0, i.itemId);
    tx.audit({ action: 'phone.checkOut', entity: 'phoneItem', entityId: i.itemId, values: { pupilId: pupil.id, collectedBy: who.collectedBy, contactId } });
  }
  const slots = [...new Set(items.map((i) => i.slot).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  return { items, slots, time: loadCalendar(tx.db).localTime(tx.now) };
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** Items still held that were handed in on or before `day`: by class, then slot (held without permission last). */
export function itemsHeld(db: Db, day: string): HeldItem[] {
  const rows = (db.prepare(`${HELD_SELECT} AND i.day <= ?`).all(day) as RawHeld[]).map(held);
  return rows.sort(
    (a, b) =>
      a.yearGroup - b.yearGroup ||
      collator.compare(a.regGroup, b.regGroup) ||
      (a.slot ?? Number.MAX_SAFE_INTEGER) - (b.slot ?? Number.MAX_SAFE_INTEGER) ||
      collator.compare(a.surname, b.surname) ||
      a.itemId - b.itemId,
  );
}

export interface LeftWithoutPhone {
  pupilId: number;
  forename: string;
  surname: string;
  regGroup: string;
  items: HeldItem[];
  contacts: { id: number; name: string; relationship: string; phone: string }[];
}

/** From settings.leftWithoutPhoneFrom on a school day: pupils whose items are still held, with who to ring. */
export function leftWithoutPhone(db: Db, now: Date): LeftWithoutPhone[] {
  const cal = loadCalendar(db);
  const day = cal.localDate(now);
  if (!cal.isSchoolDay(day) || cal.isBefore(now, day, getPhoneSettings(db).leftWithoutPhoneFrom)) return [];
  return heldByPupil(db, day).map((g) => ({ pupilId: g.pupilId, forename: g.forename, surname: g.surname, regGroup: g.regGroup, items: g.items, contacts: g.collectors }));
}

export interface NotCollectedItem extends HeldItem {
  /** True when handed in on the last school day before `today`; older ones are still listed. */
  fromPreviousSchoolDay: boolean;
}

/** Items handed in on an earlier day and still held, oldest first: flagged until collected. */
export function notCollected(db: Db, day: string): NotCollectedItem[] {
  const previous = loadCalendar(db).previousSchoolDay(day);
  const rows = (db.prepare(`${HELD_SELECT} AND i.day < ? ORDER BY i.day, i.checked_in_at, i.id`).all(day) as RawHeld[]).map(held);
  return rows.map((r) => ({ ...r, fromPreviousSchoolDay: r.day === previous }));
}

export interface HeldWithoutPermission extends HeldItem {
  checkedOutAt: string | null;
  collectedByPupil: boolean;
  collectedByContactId: number | null;
}

/** Items taken in without permission between two days (inclusive), for follow-up with parents. */
export function listHeldWithoutPermission(db: Db, from: string, to: string): HeldWithoutPermission[] {
  const rows = db
    .prepare(
      `SELECT i.id AS itemId, i.pupil_id AS pupilId, p.forename, p.surname, p.year_group AS yearGroup, p.reg_group AS regGroup,
         i.day, i.slot, i.kind, i.description, i.permitted, i.parent_only AS parentOnly, i.checked_in_at AS checkedInAt,
         i.checked_out_at AS checkedOutAt, i.collected_by_pupil AS collectedByPupil, i.collected_by_contact_id AS collectedByContactId
       FROM phone_items i JOIN pupils p ON p.id = i.pupil_id
       WHERE i.permitted = 0 AND i.day BETWEEN ? AND ? ORDER BY i.day, i.checked_in_at, i.id`,
    )
    .all(from, to) as (RawHeld & { checkedOutAt: string | null; collectedByPupil: number; collectedByContactId: number | null })[];
  return rows.map((r) => ({ ...held(r), checkedOutAt: r.checkedOutAt, collectedByPupil: r.collectedByPupil === 1, collectedByContactId: r.collectedByContactId }));
}

// ---- records -----------------------------------------------------------------------------------

export interface Movement {
  at: string;
  /** Local 'HH:MM'. */
  time: string;
  movement: 'check-in' | 'taken-in' | 'check-out';
  itemId: number;
  pupilId: number;
  forename: string;
  surname: string;
  regGroup: string;
  slot: number | null;
  kind: ItemKind;
  description: string;
  by: string;
  /** For a check-out: 'pupil' or the contact's name. */
  collectedBy: string | null;
}

interface RawItemFull extends RawHeld {
  checkedInBy: string;
  checkedOutAt: string | null;
  checkedOutBy: string | null;
  collectedByPupil: number;
  contactName: string | null;
}

const FULL_SELECT = `SELECT i.id AS itemId, i.pupil_id AS pupilId, p.forename, p.surname, p.year_group AS yearGroup, p.reg_group AS regGroup,
  i.day, i.slot, i.kind, i.description, i.permitted, i.parent_only AS parentOnly, i.checked_in_at AS checkedInAt, i.checked_in_by AS checkedInBy,
  i.checked_out_at AS checkedOutAt, i.checked_out_by AS checkedOutBy, i.collected_by_pupil AS collectedByPupil, k.name AS contactName
  FROM phone_items i JOIN pupils p ON p.id = i.pupil_id LEFT JOIN contacts k ON k.id = i.collected_by_contact_id`;

/** Every movement on a day, in time order (check-ins and take-ins before check-outs at the same instant). */
export function dailyLog(db: Db, day: string): Movement[] {
  const cal = loadCalendar(db);
  const start = cal.startOfDay(day).toISOString();
  const end = cal.startOfDay(cal.addDays(day, 1)).toISOString();
  const rows = db
    // an item's day is the local date it was handed in, so "checked in that day" is day = ? (indexed)
    .prepare(`${FULL_SELECT} WHERE i.day = ? OR (i.checked_out_at >= ? AND i.checked_out_at < ?)`)
    .all(day, start, end) as RawItemFull[];
  const out: (Movement & { order: number })[] = [];
  const base = (r: RawItemFull) => ({
    itemId: r.itemId,
    pupilId: r.pupilId,
    forename: r.forename,
    surname: r.surname,
    regGroup: r.regGroup,
    slot: r.slot,
    kind: r.kind,
    description: r.description,
  });
  for (const r of rows) {
    if (r.checkedInAt >= start && r.checkedInAt < end) {
      out.push({ ...base(r), at: r.checkedInAt, time: cal.localTime(new Date(r.checkedInAt)), movement: r.permitted === 1 ? 'check-in' : 'taken-in', by: r.checkedInBy, collectedBy: null, order: 0 });
    }
    if (r.checkedOutAt !== null && r.checkedOutAt >= start && r.checkedOutAt < end) {
      out.push({
        ...base(r),
        at: r.checkedOutAt,
        time: cal.localTime(new Date(r.checkedOutAt)),
        movement: 'check-out',
        by: r.checkedOutBy ?? '',
        collectedBy: r.collectedByPupil === 1 ? 'pupil' : r.contactName,
        order: 1,
      });
    }
  }
  out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order || a.itemId - b.itemId));
  return out.map(({ order: _order, ...m }) => m);
}

export interface PupilItemRecord extends HeldItem {
  checkedInBy: string;
  checkedOutAt: string | null;
  checkedOutBy: string | null;
  collectedBy: string | null;
}

/** A pupil's permission history, arrangements and every item, newest item first. */
export function pupilPhoneHistory(db: Db, pupilId: number): { permissions: PermissionEntry[]; arrangements: Omit<Arrangement, 'reviewOverdue'>[]; items: PupilItemRecord[] } {
  const items = (db.prepare(`${FULL_SELECT} WHERE i.pupil_id = ? ORDER BY i.checked_in_at DESC, i.id DESC`).all(pupilId) as RawItemFull[]).map((r) => {
    const { checkedInBy, checkedOutAt, checkedOutBy, collectedByPupil, contactName, ...rest } = r;
    return { ...held(rest), checkedInBy, checkedOutAt, checkedOutBy, collectedBy: checkedOutAt === null ? null : collectedByPupil === 1 ? 'pupil' : contactName };
  });
  const arrangements = (db.prepare(`${ARRANGEMENT_SELECT} WHERE a.pupil_id = ? ORDER BY a.id`).all(pupilId) as RawArrangement[]).map((r) => {
    const { reviewOverdue: _r, ...a } = arrangement(r, '0000-01-01');
    return a;
  });
  return { permissions: permissionHistory(db, pupilId), arrangements, items };
}

export interface TermSummary {
  from: string;
  to: string;
  /** Pupil-mornings checked in with permission. */
  checkIns: number;
  /** Items handed in with permission (a phone and a smartwatch count two). */
  itemsCheckedIn: number;
  heldWithoutPermission: number;
  /** Items not collected on the day they were handed in (collected later, or still held). */
  notCollected: number;
}

export function termSummary(db: Db, from: string, to: string): TermSummary {
  const cal = loadCalendar(db);
  const rows = db.prepare('SELECT pupil_id AS pupilId, day, permitted, checked_out_at AS checkedOutAt FROM phone_items WHERE day BETWEEN ? AND ?').all(from, to) as {
    pupilId: number;
    day: string;
    permitted: number;
    checkedOutAt: string | null;
  }[];
  const mornings = new Set<string>();
  let itemsCheckedIn = 0;
  let heldWithoutPermission = 0;
  let notCollectedCount = 0;
  for (const r of rows) {
    if (r.permitted === 1) {
      itemsCheckedIn += 1;
      mornings.add(`${r.pupilId}|${r.day}`);
    } else heldWithoutPermission += 1;
    if (r.checkedOutAt === null || cal.localDate(new Date(r.checkedOutAt)) > r.day) notCollectedCount += 1;
  }
  return { from, to, checkIns: mornings.size, itemsCheckedIn, heldWithoutPermission, notCollected: notCollectedCount };
}

// ---- the desk: what the check-in and home-time screens show -------------------------------------

export interface PermittedPupil {
  pupilId: number;
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  /** Their own slot (fixed slots), once they have checked in or been given one. */
  slot: number | null;
  grantedOn: string;
  grantedByContact: string | null;
  hasCard: boolean;
}

/** Pupils on roll with permission to bring a phone, by class then surname. */
export function listPermittedPupils(db: Db): PermittedPupil[] {
  const rows = db
    .prepare(
      `SELECT p.id AS pupilId, p.forename, p.surname, p.year_group AS yearGroup, p.reg_group AS regGroup, s.slot,
         q.day AS grantedOn, k.name AS grantedByContact,
         EXISTS (SELECT 1 FROM pupil_cards c WHERE c.pupil_id = p.id AND c.revoked_at IS NULL) AS hasCard
       FROM pupils p
       JOIN phone_permissions q ON q.id = (SELECT MAX(id) FROM phone_permissions WHERE pupil_id = p.id)
       LEFT JOIN contacts k ON k.id = q.contact_id
       LEFT JOIN phone_slots s ON s.pupil_id = p.id
       WHERE p.status = 'on-roll' AND q.granted = 1`,
    )
    .all() as (Omit<PermittedPupil, 'hasCard'> & { hasCard: number })[];
  return rows
    .map((r) => ({ ...r, hasCard: r.hasCard === 1 }))
    .sort((a, b) => a.yearGroup - b.yearGroup || collator.compare(a.regGroup, b.regGroup) || collator.compare(a.surname, b.surname) || collator.compare(a.forename, b.forename) || a.pupilId - b.pupilId);
}

export interface DeskSummary {
  day: string;
  isSchoolDay: boolean;
  /** Pupils on roll with permission. */
  permitted: number;
  /** Permitted pupils checked in today. */
  checkedInToday: number;
  /** Items held now (any day, with or without permission). */
  heldNow: number;
  /** Slots in Settings not holding anything today. */
  slotsFree: number;
  /** The latest ten check-ins and take-ins today, newest first. */
  recent: Movement[];
}

export function deskSummary(db: Db, now: Date): DeskSummary {
  const cal = loadCalendar(db);
  const day = cal.localDate(now);
  const permitted = db
    .prepare(
      `SELECT COUNT(*) FROM pupils p WHERE p.status = 'on-roll'
       AND (SELECT granted FROM phone_permissions q WHERE q.pupil_id = p.id ORDER BY q.id DESC LIMIT 1) = 1`,
    )
    .pluck()
    .get() as number;
  const checkedInToday = db.prepare('SELECT COUNT(DISTINCT pupil_id) FROM phone_items WHERE day = ? AND permitted = 1').pluck().get(day) as number;
  const heldNow = db.prepare('SELECT COUNT(*) FROM phone_items WHERE checked_out_at IS NULL').pluck().get() as number;
  const recent = dailyLog(db, day)
    .filter((m) => m.movement !== 'check-out')
    .slice(-10)
    .reverse();
  const slotsFree = Math.max(0, getPhoneSettings(db).phoneSlotCount - slotsInUse(db, day).size);
  return { day, isSchoolDay: cal.isSchoolDay(day), permitted, checkedInToday, heldNow, slotsFree, recent };
}

export interface Collector {
  id: number;
  name: string;
  relationship: string;
  phone: string;
}

export interface HeldPupil {
  pupilId: number;
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  items: HeldItem[];
  /** Some item may only go to a parent/carer. */
  parentOnly: boolean;
  /** The contacts allowed to collect (never one marked "must not collect"). */
  collectors: Collector[];
}

/** The items held as of `day`, grouped by pupil in the order of itemsHeld (class, then slot). */
export function heldByPupil(db: Db, day: string): HeldPupil[] {
  const collectors = db.prepare('SELECT id, name, relationship, phone FROM contacts WHERE pupil_id = ? AND may_collect = 1 AND no_contact = 0 ORDER BY id');
  const byPupil = new Map<number, HeldPupil>();
  for (const item of itemsHeld(db, day)) {
    let entry = byPupil.get(item.pupilId);
    if (!entry) {
      entry = {
        pupilId: item.pupilId,
        forename: item.forename,
        surname: item.surname,
        yearGroup: item.yearGroup,
        regGroup: item.regGroup,
        items: [],
        parentOnly: false,
        collectors: collectors.all(item.pupilId) as Collector[],
      };
      byPupil.set(item.pupilId, entry);
    }
    entry.items.push(item);
    if (item.parentOnly) entry.parentOnly = true;
  }
  return [...byPupil.values()];
}

const KIND_LABEL: Record<ItemKind, string> = { phone: 'Phone', smartwatch: 'Smartwatch', tablet: 'Tablet', other: 'Other' };
const MOVEMENT_LABEL: Record<Movement['movement'], string> = { 'check-in': 'Checked in', 'taken-in': 'Taken in without permission', 'check-out': 'Handed back' };

/** The daily log as CSV (formula-safe), for the office's records. */
export function dailyLogCsv(db: Db, day: string, name: (actor: string) => string = (a) => a): { csv: string; rows: number } {
  const log = dailyLog(db, day);
  const csv = toCsv(
    ['Date', 'Time', 'Movement', 'Surname', 'Forename', 'Class', 'Slot', 'Item', 'Description', 'Collected by', 'Recorded by'],
    log.map((m) => [day, m.time, MOVEMENT_LABEL[m.movement], m.surname, m.forename, m.regGroup, m.slot, KIND_LABEL[m.kind], m.description, m.collectedBy === 'pupil' ? 'Pupil' : m.collectedBy, name(m.by)]),
  );
  return { csv, rows: log.length };
}
