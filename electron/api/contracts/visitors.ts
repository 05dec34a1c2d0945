/**
 * Visitors and contractors (issue 8; policy 6.4). The kiosk channels (access 'kiosk') answer only
 * with the caller's own details: the form and texts, the details an invitation code fills in, the
 * person's own badge, a goodbye. None says whether anyone else is on site, signed in before or
 * expected. The office channels list, sign out, reprint, invite, keep profiles, the not-permitted
 * list (leadership and DSLs), breaches, the roll call and the history.
 */
import type {
  Badge,
  Breach,
  BreachKind,
  Escort,
  Invitation,
  InvitationPrefill,
  NotPermittedCategory,
  NotPermittedEntry,
  RollCall,
  RollCallSummary,
  TextsVersion,
  Visit,
  VisitStatus,
  VisitorProfile,
  VisitorTexts,
  VisitorType,
} from '../../../db/visitors';
import { BREACH_KINDS, NOT_PERMITTED_CATEGORIES } from '../../../db/visitors';
import { channel } from '../channel';
import { id, isoDate, optionalText, text, wholeNumber } from '../fields';
import { z } from '../zod';

export type {
  Badge,
  Breach,
  BreachKind,
  Escort,
  Invitation,
  InvitationPrefill,
  NotPermittedCategory,
  NotPermittedEntry,
  RollCall,
  RollCallSummary,
  TextsVersion,
  Visit,
  VisitStatus,
  VisitorProfile,
  VisitorTexts,
  VisitorType,
};

/** What the kiosk needs to run the sign-in: the types, the current texts, the DSLs' names. */
export interface KioskVisitorForm {
  types: Pick<VisitorType, 'key' | 'label' | 'asksOrganisation' | 'asksWork'>[];
  textsVersion: number;
  texts: VisitorTexts;
  /** The DSLs' names, for "if you are worried about a child". */
  dsls: string[];
  /** Go back to Welcome after this many idle seconds. */
  idleSeconds: number;
  badgePaper: 'label62' | 'a4';
  /** How long visit records are kept, for the privacy notice. */
  retentionMonths: number;
}

export type KioskSignInResult =
  /** Signed in: the person's own badge (print it with the 'print' channel and /print/badge?token=…). */
  | { kind: 'badge'; badge: Badge }
  /** Asked to wait for a member of staff (the kiosk never says why). */
  | { kind: 'wait' };

export interface OnSiteNow {
  visits: Visit[];
  /** Visits closed at the closing time as "not signed out" and not yet checked by the office. */
  unchecked: Visit[];
}

export interface VisitDetail {
  visit: Visit;
  /** How many badges were issued (more than one: a lost badge was reprinted). */
  badgesIssued: number;
  /** The current badge's token (to reprint the same badge), or null when the visit is closed. */
  badgeToken: string | null;
  breaches: Breach[];
  /** What this session may do: let in a not-permitted match (leadership or DSL). */
  can: { admit: boolean };
}

export interface VisitorSetup {
  types: VisitorType[];
  current: TextsVersion;
  versions: { version: number; createdAt: string; createdBy: string }[];
}

/** A console alert in words (staff only), newest first. */
export interface ConsoleAlert {
  id: number;
  kind: string;
  createdAt: string;
  /** What happened, in a sentence. */
  text: string;
  /** The console route that deals with it, or null. */
  href: string | null;
  /** May this session mark it as dealt with? (A wrong-PIN alert: only an administrator or DSL.) */
  mayDealWith: boolean;
}

const name = (label: string) => text(label, { max: 80 });
const typeKey = text('Visitor type', { max: 40 }).refine((s) => /^[a-z][a-z0-9]*$/.test(s), { error: 'Choose who you are.' });
const carReg = optionalText('Car registration', { max: 12 }).refine((s) => s === undefined || /^[A-Za-z0-9 ]*$/.test(s), {
  error: 'A car registration has only letters, digits and spaces.',
});
const code = text('Code', { max: 40 });
const token = text('Badge', { max: 40 });
/** A moment the person typed ('2026-11-25T10:05', the school's local time), or nothing for now. */
const localDateTime = (label: string) =>
  z
    .string({ error: `${label} must be a date and time.` })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: `${label} must be a date and time like 2026-11-25 10:05.` })
    .optional();
const time = (label: string) =>
  z.string({ error: `${label} must be a time like 19:00.` }).regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: `${label} must be a time like 19:00.` });

const visitDetails = {
  name: name('Name'),
  organisation: optionalText('Organisation', { max: 80 }),
  visiting: text('Who you are visiting', { max: 120 }),
  carReg,
  work: optionalText('Work', { max: 120 }),
  supervisor: optionalText('Supervising member of staff', { max: 80 }),
};

const search = z.strictObject({
  name: optionalText('Name', { max: 80 }),
  organisation: optionalText('Organisation', { max: 80 }),
  typeKey: typeKey.optional(),
  status: z.enum(['waiting', 'on-site', 'signed-out', 'not-signed-out', 'turned-away'], { error: 'Choose a status.' }).optional(),
  from: isoDate('From').optional(),
  to: isoDate('To').optional(),
});

const rulesLines = z
  .array(text('Rule', { max: 240 }), { error: 'Write the rules, one line each.' })
  .min(1, { error: 'Write at least one rule.' })
  .max(6, { error: 'Keep to six short lines at most, so people read them.' });
const reminder = text('Badge reminder', { max: 70 });

export const visitorChannels = {
  // ---- the public kiosk -------------------------------------------------------------------------
  getKioskVisitorForm: channel<KioskVisitorForm>()(['kiosk'], z.strictObject({}).optional(), 'The visitor types, the current texts and their version, and the DSLs’ names.'),
  kioskInvitation: channel<InvitationPrefill>()(
    ['kiosk'],
    z.strictObject({ code }),
    "The details an invitation code (valid today) or a regular visitor's card fills in, and nothing else.",
  ),
  kioskSignIn: channel<KioskSignInResult>()(
    ['kiosk'],
    z.strictObject({
      typeKey,
      ...visitDetails,
      code: code.optional(),
      textsVersion: wholeNumber('Version of the rules', 1, 2 ** 31),
      agreed: z.literal(true, { error: 'Tick the box to agree to the rules.' }),
    }),
    'Sign in after agreeing to the rules: the person’s own badge, or "please wait" (never why).',
  ),
  getBadge: channel<Badge>()(
    ['kiosk'],
    z.strictObject({ token }),
    'A badge by its token, for the badge layout: the kiosk only for a few minutes after it was issued; staff any current badge.',
  ),
  kioskSignOut: channel<{ name: string }>()(['kiosk'], z.strictObject({ token }), 'Sign out by scanning one’s own badge; the name for the goodbye screen.'),
  kioskSeeOffice: channel<{ alerted: true }>()(['kiosk'], z.strictObject({}).optional(), '"Dropping off or collecting?": rings an alert on the staff console.'),

  // ---- the office -------------------------------------------------------------------------------
  getConsoleAlerts: channel<ConsoleAlert[]>()(['staff'], none(), 'Open alerts in words, newest first (polled by the console).'),
  listOnSite: channel<OnSiteNow>()(['staff'], none(), 'Everyone on site now (and anyone waiting at reception); visits closed as not signed out and not yet checked.'),
  getVisit: channel<VisitDetail>()(['staff'], z.strictObject({ id: id('Visit') }), 'One visit with its badge and breaches.'),
  staffSignOut: channel<Visit>()(['staff'], z.strictObject({ id: id('Visit') }), 'Sign someone out from the console.'),
  reprintBadge: channel<{ token: string }>()(['staff'], z.strictObject({ id: id('Visit') }), 'A new badge for a lost one: the old badge stops working.'),
  admitVisit: channel<{ token: string }>()(['dsl', 'leadership'], z.strictObject({ id: id('Visit') }), 'Let in someone waiting after a not-permitted match (leadership or DSL).'),
  turnAwayVisit: channel<Visit>()(['staff'], z.strictObject({ id: id('Visit') }), 'Turn away someone waiting after a not-permitted match.'),
  setStayOnSite: channel<Visit>()(
    ['staff'],
    z.strictObject({ id: id('Visit'), reason: text('Reason', { max: 120 }).nullable() }),
    'Mark someone as staying past the closing time (an evening letting, a cleaner), or clear it (null).',
  ),
  checkNotSignedOut: channel<Visit>()(
    ['staff'],
    z.strictObject({ id: id('Visit'), note: text('What you found', { max: 200 }) }),
    'Record that the office checked a visit closed as "not signed out".',
  ),
  searchVisits: channel<{ visits: Visit[]; total: number }>()(['staff'], search, 'The visitor history, newest first (500 at most; total counts all).'),
  exportVisits: channel<{ fileName: string; csv: string }>()(['staff'], search, 'The visitor history as CSV (formulas neutralised); the export is audited.'),

  listInvitations: channel<Invitation[]>()(
    ['staff'],
    z.strictObject({ from: isoDate('From').optional(), to: isoDate('To').optional() }).optional(),
    'Invitations expected between two dates (default today).',
  ),
  createInvitation: channel<Invitation>()(
    ['staff'],
    z.strictObject({
      typeKey,
      name: name('Name'),
      organisation: optionalText('Organisation', { max: 80 }),
      visiting: optionalText('Visiting', { max: 120 }),
      carReg,
      work: optionalText('Work', { max: 120 }),
      supervisor: optionalText('Supervising member of staff', { max: 80 }),
      expectedOn: isoDate('Date expected'),
      profileId: id('Regular visitor').optional(),
    }),
    'Pre-register a visit: returns the invitation with its code (to print or send).',
  ),
  cancelInvitation: channel<Invitation>()(['staff'], z.strictObject({ id: id('Invitation') }), 'Cancel an invitation (its code stops working).'),

  listVisitorProfiles: channel<VisitorProfile[]>()(
    ['staff'],
    z.strictObject({ includeInactive: z.boolean().optional() }).optional(),
    'Regular visitors and contractors, with the DBS check seen and the escort status that follows.',
  ),
  saveVisitorProfile: channel<VisitorProfile>()(
    ['staff'],
    z.strictObject({
      id: id('Profile').optional(),
      typeKey,
      name: name('Name'),
      organisation: optionalText('Organisation', { max: 80 }),
      dbsNumber: optionalText('DBS certificate number', { max: 20 }),
      dbsIssuedOn: isoDate('Date on the certificate').optional(),
      dbsSeenBy: optionalText('Seen by', { max: 80 }),
      dbsSeenOn: isoDate('Date seen').optional(),
      notes: optionalText('Notes', { max: 200 }),
      active: z.boolean({ error: 'Say whether the profile is in use.' }),
    }),
    'Add or change a regular visitor’s profile (the DBS certificate number seen, never a copy).',
  ),
  reissueVisitorCard: channel<VisitorProfile>()(['staff'], z.strictObject({ id: id('Profile') }), 'A new card for a regular visitor: the old card stops working.'),

  listNotPermitted: channel<NotPermittedEntry[]>()(['dsl', 'leadership'], none(), 'The not-permitted list (name and category only).'),
  addNotPermitted: channel<NotPermittedEntry>()(
    ['dsl', 'leadership'],
    z.strictObject({ name: name('Name'), category: z.enum(NOT_PERMITTED_CATEGORIES, { error: 'Choose a category.' }) }),
    'Add a person who must not be let in, with a category only.',
  ),
  removeNotPermitted: channel<{ removed: number }>()(['dsl', 'leadership'], z.strictObject({ id: id('Entry') }), 'Take a person off the not-permitted list.'),

  reportBreach: channel<Breach>()(
    ['staff'],
    z.strictObject({
      visitId: id('Visit').optional(),
      person: name('Who'),
      occurredAt: localDateTime('When'),
      kind: z.enum(BREACH_KINDS, { error: 'Choose what happened.' }),
      what: optionalText('What happened', { max: 300 }),
      dslTold: z.boolean({ error: 'Say whether the DSL has been told.' }),
    }),
    'Report a breach of the visitors’ phone rules (6.4.4).',
  ),
  markBreachDslTold: channel<Breach>()(['staff'], z.strictObject({ id: id('Breach') }), 'Record that the DSL has been told of a breach.'),
  listBreaches: channel<Breach[]>()(
    ['staff'],
    z.strictObject({ visitId: id('Visit').optional(), from: isoDate('From').optional(), to: isoDate('To').optional() }).optional(),
    'Breaches of 6.4, newest first.',
  ),

  startRollCall: channel<RollCall>()(['staff'], none(), 'Start the fire roll call of everyone on site (one under way is returned instead).'),
  getRollCall: channel<RollCall>()(['staff'], z.strictObject({ id: id('Roll call') }), 'A roll call with each person and whether they are accounted for.'),
  accountFor: channel<RollCall>()(
    ['staff'],
    z.strictObject({ rollCallId: id('Roll call'), visitId: id('Visit'), accounted: z.boolean({ error: 'Say whether they are accounted for.' }) }),
    'Tick (or untick) a person on the roll call.',
  ),
  endRollCall: channel<RollCall>()(['staff'], z.strictObject({ id: id('Roll call') }), 'End the roll call; its result is kept.'),
  listRollCalls: channel<RollCallSummary[]>()(['staff'], none(), 'Past roll calls, newest first.'),

  getVisitorSetup: channel<VisitorSetup>()(['staff'], none(), 'The visitor types and the kiosk texts (current version and the list of versions).'),
  saveVisitorTexts: channel<TextsVersion>()(
    ['admin'],
    z.strictObject({
      types: z.record(typeKey, z.strictObject({ rules: rulesLines, reminder }), { error: 'Write the rules for each visitor type.' }),
      worried: text('If you are worried about a child', { max: 400 }),
      assemblyPoint: text('Fire assembly point', { max: 300 }),
      privacy: text('Privacy notice', { max: 600 }),
      policy: text('Policy text', { max: 6000, multiline: true }),
    }),
    'Save the kiosk texts as a new version (each visit keeps the version it was shown).',
  ),
  saveVisitorType: channel<VisitorType>()(
    ['admin'],
    z.strictObject({
      key: typeKey.optional(),
      label: text('Name of the type', { max: 40 }),
      asksOrganisation: z.boolean({ error: 'Say whether to ask for an organisation.' }),
      asksWork: z.boolean({ error: 'Say whether to ask for the work and supervisor.' }),
      active: z.boolean({ error: 'Say whether the type is in use.' }),
      rules: rulesLines.optional(),
      reminder: reminder.optional(),
    }),
    'Add a visitor type (with its rules and badge reminder) or change one.',
  ),
};

function none() {
  return z.strictObject({}).optional();
}

export const VISITOR_SETTINGS = {
  visitorsCloseAt: time('Closing time for visits').optional(),
  kioskIdleSeconds: wholeNumber('Kiosk idle time (seconds)', 20, 300).optional(),
  badgePaper: z.enum(['label62', 'a4'], { error: 'Badges print on a 62 mm label or A4.' }).optional(),
  labelPrinter: text('Label printer', { max: 120, min: 0 }).optional(),
  a4Printer: text('A4 printer', { max: 120, min: 0 }).optional(),
  screens: z.enum(['one', 'two'], { error: 'Choose one screen or two.' }).optional(),
  visitRetentionMonths: wholeNumber('Keep visitor records for (months)', 6, 120).optional(),
};
