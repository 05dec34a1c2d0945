/**
 * Confiscated devices (issue 7): the register, each record's chain of custody and its next steps.
 * Office staff confiscate, record parents informed, move and release; leadership and DSLs also
 * search and release to someone else with a reason; only DSLs hold, decide not to inform parents,
 * and hand to the police (db/confiscations.ts checks the same from the staff table).
 * Free-text fields are short on purpose: the register never holds images, message content,
 * passcodes, descriptions of imagery or other children's names.
 */
import type {
  ConfiscationRecord,
  CustodyEvent,
  DeviceType,
  EventKind,
  Ground,
  IdentityCheck,
  InformedHow,
  RegisterStatus,
  SearchOutcome,
  SlipData,
  Status,
  Suspected,
  UkcisDecision,
} from '../../../db/confiscations';
import { DEVICE_TYPES, GROUNDS, IDENTITY_CHECKS, INFORMED_HOW, REGISTER_STATUSES, SEARCH_OUTCOMES, UKCIS_DECISIONS } from '../../../db/confiscations';
import type { DslView, ShownEvent } from '../../../db/dsl-only';
import { channel } from '../channel';
import { id, isoDate, optionalText, text } from '../fields';
import { z } from '../zod';

export type { DslView, ShownEvent };
export type {
  ConfiscationRecord,
  CustodyEvent,
  DeviceType,
  EventKind,
  Ground,
  IdentityCheck,
  InformedHow,
  RegisterStatus,
  SearchOutcome,
  SlipData,
  Status as ConfiscationStatus,
  Suspected,
  UkcisDecision,
};

export interface ConfiscationDetail {
  record: ConfiscationRecord;
  /**
   * The chain of custody in order; `by` is the staff member's name. For anyone but a DSL the
   * DSL-only details are left out (db/dsl-only.ts) and `withheld` says some were.
   */
  events: ShownEvent[];
  /** The pupil's contacts allowed to collect (never one marked "must not collect"). */
  collectors: { id: number; name: string; relationship: string }[];
  /** Every contact, for a parent's consent to a search (flagged ones marked). */
  contacts: { id: number; name: string; relationship: string; noContact: boolean }[];
  /**
   * What this session may do next, so the page offers only those. `release` and `slip` are the
   * db's own rules (releaseRefusal, slipRefusal) asked for this session, so they match exactly.
   */
  can: {
    search: boolean;
    dsl: boolean;
    override: boolean;
    release: boolean;
    /** 'print' the first slip, 'reprint' one (a DSL), or null when no slip may be given by this session. */
    slip: 'print' | 'reprint' | null;
  };
  /** Why not, in words, when `can.release` or `can.slip` says no (null when they say yes). */
  why: { release: string | null; slip: string | null };
}

/** The register's filters: the screen, its CSV and its print all send the same ones. */
const registerFilter = z
  .strictObject({
    status: z.enum(REGISTER_STATUSES, { error: 'Choose a status.' }).optional(),
    pupilId: id('Pupil').optional(),
    regGroup: text('Class', { max: 20 }).optional(),
    name: text('Pupil’s name', { max: 80 }).optional(),
    from: isoDate('From').optional(),
    to: isoDate('To').optional(),
  })
  .optional();

/** A moment the person typed ('2026-11-25T10:05', the school's local time) or nothing for now. */
const localDateTime = (label: string) =>
  z
    .string({ error: `${label} must be a date and time.` })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: `${label} must be a date and time like 2026-11-25 10:05.` })
    .optional();

const deviceType = z.enum(DEVICE_TYPES, { error: 'Choose the type of device.' });
const ground = z.enum(GROUNDS, { error: 'Choose the ground for confiscating it.' });
const name = (label: string) => text(label, { max: 80 });
const short = (label: string) => text(label, { max: 200 });
/** A signature from the signature pad: a PNG data URL. */
export const signature = z
  .string({ error: 'The person collecting must sign.' })
  .max(400_000, { error: 'The signature is too large. Clear it and sign again.' })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, { error: 'The person collecting must sign.' });
const record = { id: id('Record') };

export const confiscationChannels = {
  listConfiscations: channel<ConfiscationRecord[]>()(
    ['staff'],
    registerFilter,
    'The register, newest first, with days held and the warning past the days in Settings; filtered by status (held now, on hold, with the police, released), pupil, class, name and dates.',
  ),
  getConfiscation: channel<ConfiscationDetail>()(['staff'], z.strictObject(record), 'One record with its chain of custody in order, and what this session may do next.'),
  findConfiscationSlip: channel<{ id: number }>()(['staff'], z.strictObject({ token: text('Slip', { max: 40 }) }), 'The record a scanned release slip opens.'),
  exportConfiscations: channel<{ fileName: string; csv: string }>()(
    ['staff'],
    registerFilter,
    'The register as CSV with the same filters as on screen (formulas neutralised); the export is audited.',
  ),
  listDslViews: channel<DslView[]>()(
    ['dsl'],
    z.strictObject({ from: isoDate('From').optional(), to: isoDate('To').optional() }).optional(),
    'DSL only: who received DSL-only details (a confiscation’s, or a pupil’s “must not collect” category) and when, newest first.',
  ),
  getReleaseSignature: channel<{ dataUrl: string }>()(['staff'], z.strictObject({ eventId: id('Event') }), "The signature of the person a device was released to, as a PNG data URL."),

  recordConfiscation: channel<ConfiscationDetail>()(
    ['staff'],
    z.strictObject({
      pupilId: id('Pupil'),
      deviceType,
      description: text('Description', { max: 120 }),
      condition: optionalText('Condition', { max: 120 }),
      power: z.enum(['on', 'off', 'unknown'], { error: 'Say whether the device was on or off.' }),
      ground,
      groundDetail: optionalText('Other ground', { max: 200 }),
      confiscatedAt: localDateTime('Date and time'),
      confiscatedBy: name('Confiscated by'),
      witness: optionalText('Witness', { max: 80 }),
      location: text('Held at', { max: 80 }).optional(),
    }),
    'Record a confiscated device: who, what, why, when, who took it (any staff member by name), the witness, where it is held.',
  ),
  moveConfiscated: channel<ConfiscationDetail>()(
    ['staff'],
    z.strictObject({ ...record, to: text('Moved to', { max: 80 }), at: localDateTime('Date and time'), note: optionalText('Note', { max: 120 }) }),
    'A move of the device while held (to the safe, to the DSL, back).',
  ),
  recordParentsInformed: channel<ConfiscationDetail>()(
    ['staff'],
    z.strictObject({ ...record, how: z.enum(INFORMED_HOW, { error: 'Choose how they were told.' }), informedBy: name('Told by'), at: localDateTime('Date and time') }),
    'Parents/carers informed: when, how, by whom.',
  ),
  recordParentsNotInformed: channel<ConfiscationDetail>()(
    ['dsl'],
    z.strictObject({ ...record, decidedBy: name('Decided by'), reason: short('Reason') }),
    'DSL only: parents/carers deliberately not informed, with who decided and why.',
  ),
  recordDslInformed: channel<ConfiscationDetail>()(
    ['staff'],
    z.strictObject({ ...record, at: localDateTime('Date and time'), reference: optionalText('Safeguarding system reference', { max: 40 }) }),
    'The DSL told, with an optional reference to the safeguarding system (never the account itself).',
  ),
  recordExamReport: channel<ConfiscationDetail>()(
    ['staff'],
    z.strictObject({ ...record, examBody: name('Examining body'), reportedOn: isoDate('Date reported') }),
    'Policy 6.3.6: a device found during an exam, reported to the examining body.',
  ),
  recordSearch: channel<ConfiscationDetail>()(
    ['leadership', 'dsl'],
    z.strictObject({
      ...record,
      authorisedBy: name('Authorised by'),
      consentFrom: z.enum(['learner', 'parent'], { error: 'Say whose consent was given.' }),
      consentContactId: id('Parent/carer').optional(),
      consentHow: short('How consent was informed'),
      searchedBy: name('Searched by'),
      present: short('Also present'),
      sought: short('What was looked for, and why'),
      // not for a search that stopped at suspected nude images or illegal content: nothing of what was seen is written down
      found: optionalText('What was found', { max: 200 }),
      outcome: z.enum(SEARCH_OUTCOMES, { error: 'Choose the outcome.' }),
      followUp: optionalText('Follow-up', { max: 200 }),
      at: localDateTime('Date and time'),
    }),
    'Leadership or DSL: a search with consent (not where nude or semi-nude images are suspected: the UKCIS steps instead).',
  ),
  recordUkcisSteps: channel<ConfiscationDetail>()(
    ['leadership', 'dsl'],
    z.strictObject({ ...record, notViewed: z.boolean(), turnedOffAndSecured: z.boolean(), dslInformed: z.boolean() }),
    'Suspected nude or semi-nude images: not viewed, turned off and secured, DSL informed; then the police.',
  ),
  recordUkcisDecision: channel<ConfiscationDetail>()(
    ['dsl'],
    z.strictObject({
      ...record,
      decision: z.enum(UKCIS_DECISIONS, { error: 'Choose the decision.' }),
      noImmediateReferral: z.boolean().optional(),
      at: localDateTime('Date and time'),
    }),
    'DSL only, where nude images or illegal content are suspected: refer to children’s social care, the police, both, or handle it in school; who decided and when are recorded.',
  ),
  issueConfiscationSlip: channel<SlipData>()(
    ['staff'],
    z.strictObject(record),
    'The release slip’s contents, recorded on the chain of custody as printed; refused where no slip may be given, and a reprint for anyone but a DSL.',
  ),
  handToPolice: channel<ConfiscationDetail>()(
    ['dsl'],
    z.strictObject({
      ...record,
      officer: name('Officer'),
      shoulderNumber: text('Shoulder number', { max: 20 }),
      crimeReference: text('Crime reference', { max: 40 }),
      sealNumber: text('Evidence bag seal number', { max: 40 }),
      at: localDateTime('Date and time'),
      receiptReceived: z.boolean({ error: 'Say whether a receipt was received.' }),
    }),
    'DSL only: the device handed to the police.',
  ),
  recordPoliceOutcome: channel<ConfiscationDetail>()(
    ['dsl'],
    z.discriminatedUnion('returned', [
      z.strictObject({ ...record, returned: z.literal(true), returnedBy: name('Returned by'), to: text('Held at', { max: 80 }), at: localDateTime('Date and time') }),
      z.strictObject({ ...record, returned: z.literal(false), at: localDateTime('Date and time') }),
    ]),
    'DSL only: the police returned the device, or kept it.',
  ),
  setConfiscationHold: channel<ConfiscationDetail>()(
    ['dsl'],
    z.strictObject({ ...record, hold: z.boolean(), reason: optionalText('Reason', { max: 200 }) }),
    'DSL only: "release only with DSL agreement", or lift it.',
  ),
  releaseConfiscated: channel<ConfiscationDetail>()(
    ['staff'],
    z.union([
      z.strictObject({ ...record, contactId: id('Collected by'), identity: z.enum(IDENTITY_CHECKS, { error: 'Say how you checked who they are.' }), signature }),
      z.strictObject({
        ...record,
        name: name('Name of the person collecting'),
        relationship: optionalText('Relationship', { max: 40 }),
        reason: short('Reason'),
        identity: z.enum(IDENTITY_CHECKS, { error: 'Say how you checked who they are.' }),
        signature,
      }),
    ]),
    'Release to a contact allowed to collect (identity checked, signed); to anyone else only on a leadership or DSL account with a reason.',
  ),
  amendConfiscation: channel<ConfiscationDetail>()(
    ['staff'],
    z.strictObject({ ...record, field: z.enum(['description', 'condition', 'confiscatedBy', 'witness'], { error: 'Choose what to correct.' }), to: text('Corrected value', { max: 120, min: 0 }), reason: short('Reason') }),
    'Correct a mistake; the original stays on the record.',
  ),
};
