/**
 * Parents/carers from the MIS as a CSV file: one row per contact, with the pupil's UPN or
 * admission number. Checked first (save: false), then saved. A contact already held for that
 * pupil under the same name (ignoring case and spacing) is updated rather than added again.
 *
 * Headers: UPN or Adno (Admission Number) to find the pupil; Contact Name / Name / Parent Name;
 * Relationship / Relation; Phone / Telephone / Mobile / Contact Phone; Parental Responsibility /
 * Can Collect / May Collect / Collect (Y/N, Yes/No, True/False, 1/0).
 *
 * A row saying a contact marked "must not collect" may collect is refused (a problem), and no
 * import ever clears that mark or the category: only a DSL can, by hand.
 */
import { cellOf, decodeCsvBytes, readCsvTable, type CsvEncoding } from './csv';
import { allContacts, applyContactChanges, contactNameKey, diffContact, insertContactRow, type ContactFields, type ContactRecord } from './contacts';
import { DomainError } from './errors';
import type { Db } from './open';
import { allPupilRecords, type PupilRecord } from './pupils';
import { logImport } from './imports';
import { cleanCell } from './text';
import type { Tx } from './tx';
import type { Problem } from './roll-import';

type ContactField = 'upn' | 'adno' | 'name' | 'relationship' | 'phone' | 'collect';

export const CONTACT_HEADERS: Readonly<Record<ContactField, readonly string[]>> = {
  upn: ['upn', 'pupilupn', 'uniquepupilnumber'],
  adno: ['adno', 'admissionnumber', 'admissionno', 'admno', 'pupiladno'],
  name: ['contactname', 'name', 'parentname', 'carername', 'parentcarername'],
  relationship: ['relationship', 'relation', 'relationshiptopupil', 'relationtopupil'],
  phone: ['contactphone', 'phone', 'mobile', 'telephone', 'phonenumber', 'mobilephone', 'mobilenumber', 'telephonenumber', 'tel'],
  collect: ['maycollect', 'cancollect', 'collect', 'parentalresponsibility'],
};

const MAX_NAME = 80;
const MAX_RELATIONSHIP = 40;
export const PHONE_PATTERN = /^[0-9+() -]{6,30}$/;

/** Y/N, Yes/No, True/False, 1/0 to a boolean; '' to undefined (not given); anything else null. */
export function parseYesNo(raw: string): boolean | undefined | null {
  const k = raw.trim().toLowerCase();
  if (k === '') return undefined;
  if (['y', 'yes', 'true', 't', '1'].includes(k)) return true;
  if (['n', 'no', 'false', 'f', '0'].includes(k)) return false;
  return null;
}

export interface ContactImportSummary {
  encoding: CsvEncoding;
  rows: number;
  toAdd: number;
  toUpdate: number;
  problems: Problem[];
}

interface ContactPlan {
  summary: ContactImportSummary;
  adds: { pupilId: number; fields: ContactFields }[];
  updates: { contact: ContactRecord; changed: Partial<ContactFields> }[];
}

function quoteCell(s: string): string {
  return `“${s.length > 24 ? `${s.slice(0, 24)}…` : s}”`;
}

/** Read a contacts file and compare it with the contacts held; saves nothing. */
export function planContactsImport(db: Db, bytes: Uint8Array): ContactPlan {
  const { text, encoding } = decodeCsvBytes(bytes);
  const table = readCsvTable(text, CONTACT_HEADERS, ['name'], () =>
    'This does not look like a contacts file: no column for the contact’s name (Contact Name). The file needs a header row with UPN or Adno, Contact Name, Relationship, Phone and May Collect.',
  );
  if (!table.columns.upn && !table.columns.adno) {
    throw new DomainError('RULE', 'This file has no UPN or admission number (Adno) column, so its contacts could not be matched to pupils.', 'file');
  }

  const pupils = allPupilRecords(db);
  const byUpn = new Map<string, PupilRecord>();
  const byAdno = new Map<string, PupilRecord>();
  for (const p of pupils) {
    if (p.upn !== null) byUpn.set(p.upn, p);
    if (p.adno !== null) byAdno.set(p.adno, p);
  }
  const existing = new Map<string, ContactRecord>();
  for (const c of allContacts(db)) existing.set(`${c.pupilId}\u0000${contactNameKey(c.name)}`, c);

  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const adds: ContactPlan['adds'] = [];
  const updates: ContactPlan['updates'] = [];

  for (const rec of table.records) {
    const problem = (message: string) => problems.push({ line: rec.line, message });
    if (rec.malformed) {
      problem('This line has a quote mark (") in the wrong place, so its values cannot be trusted.');
      continue;
    }
    const upn = cleanCell(cellOf(table, rec, 'upn')).replace(/\s/g, '').toUpperCase();
    const adno = cleanCell(cellOf(table, rec, 'adno'));
    const name = cleanCell(cellOf(table, rec, 'name'));
    const relationshipCell = cellOf(table, rec, 'relationship');
    const relationship = relationshipCell === undefined ? undefined : cleanCell(relationshipCell);
    const phoneCell = cellOf(table, rec, 'phone');
    const phone = phoneCell === undefined ? undefined : cleanCell(phoneCell);
    const collectRaw = cleanCell(cellOf(table, rec, 'collect'));
    const collect = parseYesNo(collectRaw);

    if (upn === '' && adno === '') {
      problem('No UPN or admission number for the pupil.');
      continue;
    }
    const pupil = (upn ? byUpn.get(upn) : undefined) ?? (adno ? byAdno.get(adno) : undefined);
    if (!pupil) {
      problem(`No pupil on the roll has ${upn ? `the UPN ${upn}` : `the admission number ${adno}`}. Import the roll first.`);
      continue;
    }
    if (name === '') {
      problem('No contact name.');
      continue;
    }
    if (name.length > MAX_NAME) {
      problem(`The contact’s name is longer than ${MAX_NAME} characters.`);
      continue;
    }
    if (relationship !== undefined && relationship.length > MAX_RELATIONSHIP) {
      problem(`The relationship is longer than ${MAX_RELATIONSHIP} characters.`);
      continue;
    }
    if (phone !== undefined && phone !== '' && !PHONE_PATTERN.test(phone)) {
      problem(`The phone number ${quoteCell(phone)} is not a phone number (digits, spaces, + and brackets only).`);
      continue;
    }
    if (collect === null) {
      problem(`“May collect” should be Y or N, not ${quoteCell(collectRaw)}.`);
      continue;
    }
    const key = `${pupil.id}\u0000${contactNameKey(name)}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      problem(`${name} is already listed for this pupil on line ${firstLine}.`);
      continue;
    }
    seen.set(key, rec.line);

    const current = existing.get(key);
    if (!current) {
      const fields: ContactFields = { name, relationship: relationship ?? '', phone: phone ?? '', mayCollect: collect ?? false };
      adds.push({ pupilId: pupil.id, fields });
      continue;
    }
    const patch: Partial<ContactFields> = {};
    if (relationship !== undefined) patch.relationship = relationship;
    if (phone !== undefined) patch.phone = phone;
    if (collect !== undefined) patch.mayCollect = collect;
    const changed = diffContact(current, patch);
    if (changed.mayCollect === true && current.noContact) {
      problem(`${current.name} is marked “must not collect” for this pupil, but this file says they may collect. Nothing was changed for them; speak to a DSL.`);
      continue;
    }
    if (Object.keys(changed).length > 0) updates.push({ contact: current, changed });
  }
  problems.sort((a, b) => a.line - b.line);
  return { summary: { encoding, rows: table.records.length, toAdd: adds.length, toUpdate: updates.length, problems }, adds, updates };
}

/**
 * Save the usable rows of a contacts file in the caller's transaction: one audit row per contact
 * added or changed, a 'contacts.import' summary, and an `imports` log row.
 */
export function importContactsFile(tx: Tx, bytes: Uint8Array, fileName: string): ContactImportSummary {
  const plan = planContactsImport(tx.db, bytes);
  const { summary } = plan;
  const importId = logImport(tx, { fileName, kind: 'contacts', added: plan.adds.length, updated: plan.updates.length, left: 0, problems: summary.problems.length });
  for (const { pupilId, fields } of plan.adds) {
    const id = insertContactRow(tx, pupilId, fields);
    tx.audit({ action: 'contact.add', entity: 'contact', entityId: id, values: { pupilId, ...fields, import: importId } });
  }
  for (const { contact, changed } of plan.updates) {
    applyContactChanges(tx, contact, changed);
    tx.audit({ action: 'contact.update', entity: 'contact', entityId: contact.id, values: { ...changed, import: importId } });
  }
  tx.audit({
    action: 'contacts.import',
    entity: 'import',
    entityId: importId,
    values: { added: plan.adds.length, updated: plan.updates.length, problems: summary.problems.length, rows: summary.rows },
  });
  return summary;
}
