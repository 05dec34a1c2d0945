/**
 * A pupil's parents, carers and other contacts: name, relationship, phone, and whether they may
 * collect the pupil.
 *
 * A DSL can mark a contact "must not collect / no contact", with a category as the only reason
 * ('court-order' or 'other-safeguarding'; the details stay in the safeguarding records, never
 * here). A flagged contact never has may_collect set (the database refuses it too), and only a DSL
 * can remove one. Everyone on the staff sees the flag; the API shows the category to a DSL only.
 */
import { toCsv } from './csv';
import { DomainError } from './errors';
import type { Db } from './open';
import { mustGetPupil, yearCode } from './pupils';
import type { Tx } from './tx';

export type NoContactCategory = 'court-order' | 'other-safeguarding';
export const NO_CONTACT_CATEGORIES: readonly NoContactCategory[] = ['court-order', 'other-safeguarding'];

export interface ContactRecord {
  id: number;
  pupilId: number;
  name: string;
  relationship: string;
  phone: string;
  mayCollect: boolean;
  noContact: boolean;
  noContactCategory: NoContactCategory | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactFields {
  name: string;
  relationship: string;
  phone: string;
  mayCollect: boolean;
}

interface RawContact {
  id: number;
  pupilId: number;
  name: string;
  relationship: string;
  phone: string;
  mayCollect: number;
  noContact: number;
  noContactCategory: NoContactCategory | null;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, pupil_id AS pupilId, name, relationship, phone, may_collect AS mayCollect, no_contact AS noContact,
  no_contact_category AS noContactCategory, created_at AS createdAt, updated_at AS updatedAt`;

function fromRow(r: RawContact): ContactRecord {
  return { ...r, mayCollect: r.mayCollect === 1, noContact: r.noContact === 1 };
}

export const FLAGGED_MAY_NOT_COLLECT = 'This contact is marked “must not collect”, so they cannot be allowed to collect. Only a DSL can clear the mark.';

/** How names are compared to find "the same contact": case, spacing and Unicode form ignored. */
export function contactNameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('en-GB');
}

export function getContact(db: Db, id: number): ContactRecord | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM contacts WHERE id = ?`).get(id) as RawContact | undefined;
  return row ? fromRow(row) : null;
}

function mustGet(db: Db, id: number): ContactRecord {
  const c = getContact(db, id);
  if (!c) throw new DomainError('NOT_FOUND', 'That contact no longer exists.', 'id');
  return c;
}

/** A pupil's contacts in the order they were added (the MIS's priority order on import). */
export function listContacts(db: Db, pupilId: number): ContactRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM contacts WHERE pupil_id = ? ORDER BY id`).all(pupilId) as RawContact[]).map(fromRow);
}

/** Every contact, by pupil then id (for the import's matching and the export). */
export function allContacts(db: Db): ContactRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM contacts ORDER BY pupil_id, id`).all() as RawContact[]).map(fromRow);
}

function refuseSameName(db: Db, pupilId: number, name: string, exceptId?: number): void {
  const key = contactNameKey(name);
  const clash = listContacts(db, pupilId).find((c) => c.id !== exceptId && contactNameKey(c.name) === key);
  if (clash) throw new DomainError('CONFLICT', `This pupil already has a contact called ${clash.name}. Edit that one instead.`, 'name');
}

function requireName(name: string): void {
  if (name.trim() === '') throw new DomainError('RULE', 'Enter the contact’s name.', 'name');
}

/** Insert without checks or audit: for callers that check and audit themselves (the import). */
export function insertContactRow(tx: Tx, pupilId: number, f: ContactFields): number {
  const now = tx.now.toISOString();
  const info = tx.db
    .prepare('INSERT INTO contacts (pupil_id, name, relationship, phone, may_collect, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(pupilId, f.name, f.relationship, f.phone, f.mayCollect ? 1 : 0, now, now);
  return Number(info.lastInsertRowid);
}

export function addContact(tx: Tx, pupilId: number, f: ContactFields): ContactRecord {
  mustGetPupil(tx.db, pupilId, 'pupilId');
  requireName(f.name);
  refuseSameName(tx.db, pupilId, f.name);
  const id = insertContactRow(tx, pupilId, f);
  tx.audit({ action: 'contact.add', entity: 'contact', entityId: id, values: { pupilId, ...f } });
  return mustGet(tx.db, id);
}

/** Write changed fields without checks or audit (the import checks the same rules first). */
export function applyContactChanges(tx: Tx, current: ContactRecord, changed: Partial<ContactFields>): void {
  const next = { ...current, ...changed };
  tx.db
    .prepare('UPDATE contacts SET name = ?, relationship = ?, phone = ?, may_collect = ?, updated_at = ? WHERE id = ?')
    .run(next.name, next.relationship, next.phone, next.mayCollect ? 1 : 0, tx.now.toISOString(), current.id);
}

export function diffContact(current: ContactRecord, patch: Partial<ContactFields>): Partial<ContactFields> {
  const changed: Partial<ContactFields> = {};
  for (const key of ['name', 'relationship', 'phone', 'mayCollect'] as const) {
    const v = patch[key];
    if (v !== undefined && v !== current[key]) (changed as Record<string, unknown>)[key] = v;
  }
  return changed;
}

/** Edit a contact. mayCollect: true on a flagged contact is refused. Nothing is written if nothing differs. */
export function updateContact(tx: Tx, id: number, patch: Partial<ContactFields>): ContactRecord {
  const current = mustGet(tx.db, id);
  const changed = diffContact(current, patch);
  if (Object.keys(changed).length === 0) return current;
  if (changed.mayCollect === true && current.noContact) throw new DomainError('RULE', FLAGGED_MAY_NOT_COLLECT, 'mayCollect');
  if (changed.name !== undefined) {
    requireName(changed.name);
    refuseSameName(tx.db, current.pupilId, changed.name, id);
  }
  applyContactChanges(tx, current, changed);
  tx.audit({ action: 'contact.update', entity: 'contact', entityId: id, values: changed });
  return mustGet(tx.db, id);
}

/** Remove a contact; a flagged one only by a DSL. */
export function removeContact(tx: Tx, id: number, byDsl: boolean): void {
  const current = mustGet(tx.db, id);
  if (current.noContact && !byDsl) {
    throw new DomainError('RULE', 'This contact is marked “must not collect”. Only a DSL can remove them.', 'id');
  }
  tx.db.prepare('DELETE FROM contacts WHERE id = ?').run(id);
  tx.audit({ action: 'contact.remove', entity: 'contact', entityId: id, values: { pupilId: current.pupilId } });
}

/**
 * A DSL marks a contact "must not collect / no contact" with its category (which also takes away
 * "may collect"), changes the category, or clears the mark (may collect stays off until someone
 * sets it again). Nothing is written if nothing differs.
 */
export function setNoContact(tx: Tx, id: number, flag: { noContact: true; category: NoContactCategory } | { noContact: false }): ContactRecord {
  const current = mustGet(tx.db, id);
  const now = tx.now.toISOString();
  if (flag.noContact) {
    if (!NO_CONTACT_CATEGORIES.includes(flag.category)) throw new DomainError('RULE', 'Choose the reason: court order or other safeguarding reason.', 'category');
    if (current.noContact && current.noContactCategory === flag.category) return current;
    tx.db
      .prepare('UPDATE contacts SET no_contact = 1, no_contact_category = ?, may_collect = 0, updated_at = ? WHERE id = ?')
      .run(flag.category, now, id);
    tx.audit({ action: 'contact.no-contact', entity: 'contact', entityId: id, values: { noContact: true, category: flag.category, mayCollect: false } });
  } else {
    if (!current.noContact) return current;
    tx.db.prepare('UPDATE contacts SET no_contact = 0, no_contact_category = NULL, updated_at = ? WHERE id = ?').run(now, id);
    tx.audit({ action: 'contact.no-contact', entity: 'contact', entityId: id, values: { noContact: false } });
  }
  return mustGet(tx.db, id);
}

/**
 * Every contact as CSV (through db/csv.ts, formulas neutralised), with the pupil's numbers, names
 * and class; "Must not collect" as Y/N, never its category. Re-importable as a contacts file.
 */
export function contactsCsv(db: Db): { csv: string; rows: number } {
  const rows = db
    .prepare(
      `SELECT p.upn, p.adno, p.surname, p.forename, p.year_group AS yearGroup, p.reg_group AS regGroup, p.status,
         k.name, k.relationship, k.phone, k.may_collect AS mayCollect, k.no_contact AS noContact
       FROM contacts k JOIN pupils p ON p.id = k.pupil_id
       ORDER BY p.status DESC, p.year_group, p.reg_group COLLATE NOCASE, p.search_key, p.id, k.id`,
    )
    .all() as {
    upn: string | null;
    adno: string | null;
    surname: string;
    forename: string;
    yearGroup: number;
    regGroup: string;
    status: string;
    name: string;
    relationship: string;
    phone: string;
    mayCollect: number;
    noContact: number;
  }[];
  const csv = toCsv(
    ['UPN', 'Adno', 'Pupil Surname', 'Pupil Forename', 'Year', 'Reg', 'Pupil Status', 'Contact Name', 'Relationship', 'Phone', 'May Collect', 'Must Not Collect'],
    rows.map((r) => [
      r.upn,
      r.adno,
      r.surname,
      r.forename,
      yearCode(r.yearGroup),
      r.regGroup,
      r.status === 'left' ? 'Left' : 'On roll',
      r.name,
      r.relationship,
      r.phone,
      r.mayCollect === 1,
      r.noContact === 1,
    ]),
  );
  return { csv, rows: rows.length };
}
