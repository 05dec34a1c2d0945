/**
 * The pupil roll, its parents/carers and pupil cards: channels and result types.
 * Office staff see a contact's "must not collect / no contact" flag; only a DSL sees its category.
 */
import type { ContactRecord, NoContactCategory } from '../../../db/contacts';
import { channel } from '../channel';
import { id, optionalText, text, wholeNumber } from '../fields';
import { z } from '../zod';

export type PupilStatus = 'on-roll' | 'left';
/** 0 is Reception; 1 to 6 are Years 1 to 6. */
export type YearGroup = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export type { NoContactCategory };

export interface PupilSummary {
  id: number;
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  status: PupilStatus;
  upn: string | null;
  adno: string | null;
  hasCard: boolean;
  /** Some contact of this pupil is marked "must not collect / no contact". */
  hasNoContactFlag: boolean;
}

/**
 * A contact as the screens see it; noContactCategory only for a DSL session (null for everyone
 * else); noContactBy, the name of whoever marked it "must not collect" (a DSL), for everyone.
 */
export type Contact = Omit<ContactRecord, 'createdAt' | 'updatedAt'> & { noContactBy: string | null };

export interface PupilCard {
  token: string;
  issuedAt: string;
}

export interface PupilDetail extends PupilSummary {
  leftOn: string | null;
  contacts: Contact[];
  card: PupilCard | null;
  createdAt: string;
  updatedAt: string;
}

export interface RollChange {
  field: 'forename' | 'surname' | 'yearGroup' | 'regGroup' | 'upn' | 'adno' | 'status';
  from: string;
  to: string;
}

export interface RollPreview {
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  rows: number;
  toAdd: { line: number; forename: string; surname: string; yearGroup: number; regGroup: string }[];
  toUpdate: { id: number; forename: string; surname: string; changes: RollChange[] }[];
  toLeave: { id: number; forename: string; surname: string; yearGroup: number; regGroup: string }[];
  unchanged: number;
  problems: { line: number; message: string }[];
  /** More than 5% of the roll would be marked as left: the import needs confirmLeavers equal to this count. */
  leaversNeedConfirmation: boolean;
}

export interface RollImportResult extends RollPreview {
  saved: true;
}

export interface ContactImportResult {
  rows: number;
  toAdd: number;
  toUpdate: number;
  problems: { line: number; message: string }[];
  saved: boolean;
}

export interface CardForPrint {
  pupilId: number;
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  token: string;
}

export type CardLookup =
  | { found: true; pupil: PupilSummary }
  | { found: false; reason: 'revoked'; replacedOn: string }
  | { found: false; reason: 'unknown' };

export interface CsvFile {
  fileName: string;
  csv: string;
}

const yearGroup = wholeNumber('Year group', 0, 6);
/** A CSV file as the screen read it: base64 of the bytes, so the server can tell its encoding. */
const csvFile = z
  .string({ error: 'Choose a CSV file.' })
  .max(12_000_000, { error: 'That file is too large (more than 8 MB).' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'That file could not be read.' });
const upn = optionalText('UPN', { max: 13 })
  .transform((s) => (s ? s.toUpperCase() : null))
  .refine((s) => s === null || /^[A-Z][0-9]{11}[0-9A-Z]$/.test(s), { error: 'A UPN is 13 characters: a letter, 11 digits, then a digit or letter.' });
const adno = optionalText('Admission number', { max: 20 }).transform((s) => (s ? s : null));

const pupilFields = {
  forename: text('First name', { max: 60 }),
  surname: text('Surname', { max: 60 }),
  yearGroup,
  regGroup: text('Class', { max: 20, min: 0 }),
};

const contactFields = {
  name: text('Name', { max: 80 }),
  relationship: text('Relationship', { max: 40, min: 0 }),
  phone: text('Phone', { max: 30, min: 0 }).refine((s) => s === '' || /^[0-9+() -]{6,30}$/.test(s), {
    error: 'Phone must be a phone number, like 01843 123456 or +44 7700 900123.',
  }),
  mayCollect: z.boolean({ error: 'Say whether this person may collect the pupil.' }),
};

export const pupilChannels = {
  searchPupils: channel<PupilSummary[]>()(
    ['staff'],
    z
      .strictObject({
        query: text('Search', { max: 80, min: 0 }).optional(),
        includeLeft: z.boolean().optional(),
        yearGroup: yearGroup.optional(),
        regGroup: text('Class', { max: 20 }).optional(),
        limit: wholeNumber('Number of pupils', 1, 5000).optional(),
      })
      .optional(),
    'Pupils by any part of a name (ignoring case and accents), class or year; on roll unless includeLeft.',
  ),
  listClasses: channel<{ yearGroup: number; regGroup: string; pupils: number }[]>()(['staff'], z.strictObject({}).optional(), 'The classes on roll with their sizes.'),
  getPupil: channel<PupilDetail>()(['staff'], z.strictObject({ id: id('Pupil') }), 'One pupil with contacts and card.'),
  createPupil: channel<PupilDetail>()(['staff'], z.strictObject({ ...pupilFields, upn: upn.optional(), adno: adno.optional() }), 'Add a pupil by hand.'),
  updatePupil: channel<PupilDetail>()(
    ['staff'],
    z.strictObject({
      id: id('Pupil'),
      forename: pupilFields.forename.optional(),
      surname: pupilFields.surname.optional(),
      yearGroup: yearGroup.optional(),
      regGroup: pupilFields.regGroup.optional(),
      upn: upn.optional(),
      adno: adno.optional(),
      status: z.enum(['on-roll', 'left'], { error: 'Status must be on roll or left.' }).optional(),
    }),
    "Edit a pupil's details, or mark them as left (never deleted).",
  ),

  previewRollImport: channel<RollPreview>()(
    ['admin'],
    z.strictObject({ file: csvFile, fileName: text('File name', { max: 200 }) }),
    'Read a roll CSV from the MIS and say what an import would add, update and mark as left; saves nothing.',
  ),
  importRoll: channel<RollImportResult>()(
    ['admin'],
    z.strictObject({ file: csvFile, fileName: text('File name', { max: 200 }), confirmLeavers: wholeNumber('Leavers confirmed', 0, 100_000).optional() }),
    'Import a roll CSV: adds, updates and marks as left in one transaction; more than 5% leavers needs confirmLeavers.',
  ),
  importContacts: channel<ContactImportResult>()(
    ['admin'],
    z.strictObject({ file: csvFile, fileName: text('File name', { max: 200 }), save: z.boolean() }),
    'Check (save: false) or import a contacts CSV (pupil UPN or admission number, name, relationship, phone, may collect).',
  ),
  exportRoll: channel<CsvFile>()(['staff'], z.strictObject({ includeLeft: z.boolean().optional() }).optional(), 'The roll as CSV (formulas neutralised).'),
  exportContacts: channel<CsvFile>()(['admin'], z.strictObject({}).optional(), 'Every contact as CSV (formulas neutralised; no-contact categories left out).'),

  addContact: channel<Contact>()(['staff'], z.strictObject({ pupilId: id('Pupil'), ...contactFields }), 'Add a parent/carer or other contact.'),
  updateContact: channel<Contact>()(
    ['staff'],
    z.strictObject({
      id: id('Contact'),
      name: contactFields.name.optional(),
      relationship: contactFields.relationship.optional(),
      phone: contactFields.phone.optional(),
      mayCollect: contactFields.mayCollect.optional(),
    }),
    'Edit a contact.',
  ),
  removeContact: channel<{ removed: number }>()(['staff'], z.strictObject({ id: id('Contact') }), 'Remove a contact (not one flagged "must not collect": only a DSL can).'),
  setNoContact: channel<Contact>()(
    ['dsl'],
    // discriminated, so a missing or wrong category is reported on the `category` field, not as "Invalid input"
    z.discriminatedUnion('noContact', [
      z.strictObject({ id: id('Contact'), noContact: z.literal(true), category: z.enum(['court-order', 'other-safeguarding'], { error: 'Choose the reason: court order or other safeguarding reason.' }) }),
      z.strictObject({ id: id('Contact'), noContact: z.literal(false) }),
    ]),
    'DSL only: mark a contact "must not collect / no contact" with a category as the only reason, or clear it.',
  ),

  issueCard: channel<PupilCard>()(['staff'], z.strictObject({ pupilId: id('Pupil') }), "Issue a pupil card, or re-issue a lost one (the old card stops working)."),
  cardsForPrint: channel<CardForPrint[]>()(
    ['staff'],
    z.union([
      z.strictObject({ pupilIds: z.array(id('Pupil')).min(1).max(2000) }),
      z.strictObject({ regGroup: text('Class', { max: 20 }) }),
      z.strictObject({ all: z.literal(true) }),
      z.strictObject({ phones: z.literal(true) }),
    ]),
    'The cards to print (issuing any that are missing), sorted by class then surname: chosen pupils, a class, the pupils with phone permission, or every pupil on roll.',
  ),
  lookupCard: channel<CardLookup>()(['staff'], z.strictObject({ token: text('Card', { max: 40 }) }), 'Who a scanned pupil card belongs to; a replaced card says so.'),
};
