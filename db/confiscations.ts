/**
 * Confiscated devices (issue 7; policy 6.3.6, 6.3.7; DfE "Searching, screening and confiscation",
 * 2022; UKCIS guidance on nude and semi-nude images). A register and each device's chain of
 * custody, as events that are never changed: recorded, moved, parents informed (or, by a DSL
 * decision, not), DSL informed, exam reported, searched (leadership or DSL) or the UKCIS steps,
 * handed to the police and returned or retained (DSL), held or hold lifted (DSL), released (to a
 * contact allowed to collect, or by leadership/DSL override with a reason), amended.
 *
 * Who may do what is checked here too, from the staff table (the API checks it first): office
 * staff confiscate, record parents informed, move and release; leadership and DSLs also search
 * and override; only DSLs hold, decide not to inform parents, hand to the police, record the
 * UKCIS decision, reprint a release slip, and release a device where nude images or illegal
 * content are suspected. The same functions (releaseRefusal, slipRefusal) answer the API's
 * "what may this session do" so the screen never offers what would be refused here.
 * Nothing here stores images, message content, passcodes, descriptions of imagery or other
 * children's names: the fields are short and the forms say so.
 */
import { actorString, type Actor } from './audit';
import { loadCalendar } from './closures';
import { getContact } from './contacts';
import { toCsv } from './csv';
import { DomainError } from './errors';
import type { Db } from './open';
import { mustGetPupil } from './pupils';
import { getSettings } from './settings';
import { newToken, parseToken } from './tokens';
import type { Tx } from './tx';

export const DEVICE_TYPES = ['phone', 'smartwatch', 'tablet', 'games-console', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];
export const GROUNDS = ['child-protection', 'behaviour', 'anti-bullying', 'exam', 'suspected-nudes', 'other'] as const;
export type Ground = (typeof GROUNDS)[number];
export const SEARCH_OUTCOMES = ['nothing-of-concern', 'content-deleted', 'suspected-illegal', 'suspected-nudes'] as const;
export type SearchOutcome = (typeof SEARCH_OUTCOMES)[number];
export const IDENTITY_CHECKS = ['known-to-staff', 'passport', 'driving-licence', 'other-photo-id'] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];
export const INFORMED_HOW = ['phone', 'in-person', 'email', 'letter', 'text-message'] as const;
export type InformedHow = (typeof INFORMED_HOW)[number];

/** A search that stopped at what was seen: the device is not viewed further, and the UKCIS steps and the DSL follow. */
export const SEARCH_STOPS: readonly SearchOutcome[] = ['suspected-nudes', 'suspected-illegal'];
/** The UKCIS decision a DSL records (who decided and when are the event's own). */
export const UKCIS_DECISIONS = ['social-care', 'police', 'social-care-and-police', 'in-school'] as const;
export type UkcisDecision = (typeof UKCIS_DECISIONS)[number];

export type Status = 'held' | 'with-police' | 'retained-by-police' | 'released';
/** What the device may hold, from the ground or a search that stopped: nude images, illegal content, or neither. */
export type Suspected = 'nudes' | 'illegal' | null;
export type EventKind =
  | 'recorded'
  | 'moved'
  | 'parents-informed'
  | 'parents-not-informed'
  | 'dsl-informed'
  | 'exam-reported'
  | 'searched'
  | 'ukcis-steps'
  | 'police-handover'
  | 'police-returned'
  | 'police-retained'
  | 'hold'
  | 'hold-lifted'
  | 'released'
  | 'amended'
  | 'slip-printed'
  | 'ukcis-decision';

// ---- who is acting -----------------------------------------------------------------------------

export interface Powers {
  staff: boolean;
  leadership: boolean;
  dsl: boolean;
}

/** What an actor may do, from the staff table (an inactive account may do nothing). */
export function powersOf(db: Db, actor: Actor): Powers {
  if (actor.kind === 'system') return { staff: true, leadership: true, dsl: true };
  if (actor.kind !== 'staff') return { staff: false, leadership: false, dsl: false };
  const row = db.prepare('SELECT role, is_dsl AS dsl, active FROM staff WHERE id = ?').get(actor.staffId) as { role: string; dsl: number; active: number } | undefined;
  if (!row || row.active !== 1) return { staff: false, leadership: false, dsl: false };
  return { staff: true, leadership: row.role === 'leadership', dsl: row.dsl === 1 };
}

function powers(tx: Tx): Powers {
  return powersOf(tx.db, tx.actor);
}

function requireDsl(tx: Tx, what: string): void {
  if (!powers(tx).dsl) throw new DomainError('RULE', `Only a DSL can ${what}.`);
}

function requireLeadershipOrDsl(tx: Tx, what: string): void {
  const p = powers(tx);
  if (!p.dsl && !p.leadership) throw new DomainError('RULE', `Only a member of the leadership team or a DSL can ${what}.`);
}

// ---- helpers -----------------------------------------------------------------------------------

function text(value: unknown, field: string, message: string): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (v === '') throw new DomainError('RULE', message, field);
  return v;
}

function optional(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function oneOf<T extends string>(list: readonly T[], value: unknown, field: string, message: string): T {
  if (typeof value !== 'string' || !(list as readonly string[]).includes(value)) throw new DomainError('RULE', message, field);
  return value as T;
}

/** An instant that has happened (not in the future) and not before `notBefore`. */
function pastInstant(tx: Tx, iso: string | undefined, field: string, notBefore?: string): string {
  const at = iso === undefined ? tx.now : new Date(iso);
  if (Number.isNaN(at.getTime())) throw new DomainError('RULE', 'Enter a real date and time.', field);
  if (at.getTime() > tx.now.getTime() + 60_000) throw new DomainError('RULE', 'That time is in the future.', field);
  const out = at.toISOString();
  if (notBefore && out < notBefore) throw new DomainError('RULE', 'That is before the device was confiscated.', field);
  return out;
}

interface Row {
  id: number;
  pupilId: number;
  deviceType: DeviceType;
  description: string;
  condition: string;
  power: 'on' | 'off' | 'unknown';
  ground: Ground;
  groundDetail: string;
  confiscatedAt: string;
  confiscatedBy: string;
  witness: string;
  recordedAt: string;
  recordedBy: string;
  location: string;
  status: Status;
  onHold: boolean;
  slipToken: string;
  releasedAt: string | null;
}

const ROW_SELECT = `SELECT c.id, c.pupil_id AS pupilId, c.device_type AS deviceType, c.description, c.condition, c.power, c.ground,
  c.ground_detail AS groundDetail, c.confiscated_at AS confiscatedAt, c.confiscated_by AS confiscatedBy, c.witness,
  c.recorded_at AS recordedAt, c.recorded_by AS recordedBy, c.location, c.status, c.on_hold AS onHold, c.slip_token AS slipToken,
  c.released_at AS releasedAt FROM confiscations c`;

function getRow(db: Db, id: number): Row | null {
  const r = db.prepare(`${ROW_SELECT} WHERE c.id = ?`).get(id) as (Omit<Row, 'onHold'> & { onHold: number }) | undefined;
  return r ? { ...r, onHold: r.onHold === 1 } : null;
}

function mustGetRow(db: Db, id: number): Row {
  const r = getRow(db, id);
  if (!r) throw new DomainError('NOT_FOUND', 'That confiscation record does not exist.', 'id');
  return r;
}

function addEvent(tx: Tx, c: Row, kind: EventKind, at: string, details: Record<string, unknown>): number {
  const id = Number(
    tx.db
      .prepare('INSERT INTO confiscation_events (confiscation_id, kind, at, recorded_at, by, details) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.id, kind, at, tx.now.toISOString(), actorString(tx.actor), JSON.stringify(details)).lastInsertRowid,
  );
  tx.audit({ action: `confiscation.${kind}`, entity: 'confiscation', entityId: c.id, values: { event: id, ...details } });
  return id;
}

function hasEvent(db: Db, id: number, kind: EventKind): boolean {
  return db.prepare('SELECT 1 FROM confiscation_events WHERE confiscation_id = ? AND kind = ? LIMIT 1').get(id, kind) !== undefined;
}

function requireHeld(c: Row, what: string): void {
  if (c.status === 'released') throw new DomainError('RULE', `This device has already been released, so you cannot ${what}. Correct a mistake with an amendment.`);
  if (c.status === 'with-police') throw new DomainError('RULE', `This device is with the police, so you cannot ${what}.`);
  if (c.status === 'retained-by-police') throw new DomainError('RULE', `The police kept this device, so you cannot ${what}.`);
}

// ---- the rules the screen must agree with ------------------------------------------------------
// Each answers null (allowed) or the reason in words. The db refuses with that reason; the API
// turns the same answers into the record's `can` flags, so nothing is offered that would be refused.

/** What the rules look at; a ConfiscationRecord has all of it. */
export interface RuleState {
  status: Status;
  onHold: boolean;
  ground: Ground;
  suspected: Suspected;
  parentsInformed: 'yes' | 'not-informed' | 'not-yet';
  slipPrinted: boolean;
}

/** Why this device may not be released by someone with these powers (before any identity check or signature), or null. */
export function releaseRefusal(r: RuleState, p: Powers): string | null {
  if (!p.staff) return 'Only staff can release a device.';
  if (r.status === 'released') return 'This device has already been released, so you cannot release it again. Correct a mistake with an amendment.';
  if (r.status === 'with-police') return 'This device is with the police, so you cannot release it. When the police return it, a DSL records that here.';
  if (r.status === 'retained-by-police') return 'The police kept this device, so there is nothing to release.';
  if (r.onHold) return 'A DSL has put a hold on this device: release it only with the DSL’s agreement (the DSL lifts the hold).';
  if (r.suspected !== null && !p.dsl) return 'Only a DSL can release a device where nude images or illegal content are suspected (it may be evidence for the police).';
  return null;
}

/**
 * Why no release slip may be given for this device at all, or null. The slip tells a parent the
 * device is safe at school and to come and collect it, so it is never given where that is untrue
 * or could put the child at risk: the police have it, a hold, a child protection concern, nude
 * images or illegal content suspected, parents deliberately not told, or already released.
 */
export function slipAllowed(r: RuleState): string | null {
  if (r.status === 'released') return 'The device has been released, so no release slip is given.';
  if (r.status === 'with-police' || r.status === 'retained-by-police') return 'The device is with the police, so no release slip is given.';
  if (r.ground === 'child-protection') return 'No release slip is given when a device is taken over a child protection concern.';
  if (r.suspected === 'nudes') return 'No release slip is given where nude or semi-nude images are suspected.';
  if (r.suspected === 'illegal') return 'No release slip is given where illegal content is suspected.';
  if (r.onHold) return 'The device is on hold, so no release slip is given.';
  if (r.parentsInformed === 'not-informed') return 'A DSL decided that parents/carers are not told, so no release slip is given.';
  return null;
}

/** slipAllowed, and then: once printed, only a DSL prints it again (a second slip is a second way to collect). */
export function slipRefusal(r: RuleState, p: Powers): string | null {
  if (!p.staff) return 'Only staff can print a release slip.';
  const never = slipAllowed(r);
  if (never) return never;
  if (r.slipPrinted && !p.dsl) return 'The release slip has already been printed. Only a DSL can print it again.';
  return null;
}

/** Why a search may not be recorded by someone with these powers, or null. */
export function searchRefusal(r: RuleState, p: Powers): string | null {
  if (!p.dsl && !p.leadership) return 'Only a member of the leadership team or a DSL can record a search.';
  if (r.status === 'released') return 'This device has already been released, so you cannot record a search. Correct a mistake with an amendment.';
  if (r.status === 'with-police') return 'This device is with the police, so you cannot record a search.';
  if (r.status === 'retained-by-police') return 'The police kept this device, so you cannot record a search.';
  if (r.ground === 'suspected-nudes') return 'Suspected nude or semi-nude images: do not search or view the device. Follow the UKCIS steps: leave it unviewed, turn it off and secure it, tell the DSL.';
  if (r.suspected !== null) return 'A search of this device already stopped at what was seen: it is not searched or viewed again. Follow the UKCIS steps and tell the DSL.';
  return null;
}

/** The rule state of one record, read in the same query as the register's. */
export function ruleState(db: Db, id: number): RuleState {
  const r = db.prepare(`${RECORD_SELECT} WHERE c.id = ?`).get(id) as RawRecord | undefined;
  if (!r) throw new DomainError('NOT_FOUND', 'That confiscation record does not exist.', 'id');
  const flags = r.flags ?? 0;
  return { status: r.status, onHold: r.onHold === 1, ground: r.ground, suspected: suspectedOf(r.ground, flags), parentsInformed: parentsWords(flags), slipPrinted: (flags & FLAG.slipPrinted) !== 0 };
}

// ---- recording ---------------------------------------------------------------------------------

export interface ConfiscationInput {
  pupilId: number;
  deviceType: DeviceType;
  description: string;
  condition?: string;
  power: 'on' | 'off' | 'unknown';
  ground: Ground;
  groundDetail?: string;
  /** When it was taken (ISO); default now. */
  confiscatedAt?: string;
  /** Any member of staff by name (teaching assistants and lunchtime staff have no account). */
  confiscatedBy: string;
  witness?: string;
  /** One of Settings' locations; default the first. */
  location?: string;
}

export function recordConfiscation(tx: Tx, input: ConfiscationInput): Row {
  const pupil = mustGetPupil(tx.db, input.pupilId, 'pupilId');
  if (pupil.status !== 'on-roll') throw new DomainError('RULE', `${pupil.forename} ${pupil.surname} is marked as left the school.`, 'pupilId');
  const deviceType = oneOf(DEVICE_TYPES, input.deviceType, 'deviceType', 'Choose the type of device.');
  const description = text(input.description, 'description', 'Describe the device so it can be told apart (make, colour, case).');
  const power = oneOf(['on', 'off', 'unknown'] as const, input.power, 'power', 'Say whether the device was on or off.');
  const ground = oneOf(GROUNDS, input.ground, 'ground', 'Choose the ground for confiscating it.');
  const groundDetail = optional(input.groundDetail);
  if (ground === 'other' && groundDetail === '') throw new DomainError('RULE', 'Say what the other ground is.', 'groundDetail');
  const confiscatedBy = text(input.confiscatedBy, 'confiscatedBy', 'Enter the name of the member of staff who confiscated it.');
  const confiscatedAt = pastInstant(tx, input.confiscatedAt, 'confiscatedAt');
  const locations = getSettings(tx.db).confiscationLocations;
  const location = input.location === undefined ? locations[0]! : input.location.trim();
  if (!locations.includes(location)) throw new DomainError('RULE', 'Choose where the device is held from the list (Settings › Confiscations).', 'location');
  const token = newToken('confiscationSlip');
  const id = Number(
    tx.db
      .prepare(
        `INSERT INTO confiscations (pupil_id, device_type, description, condition, power, ground, ground_detail, confiscated_at, confiscated_by,
           witness, recorded_at, recorded_by, location, slip_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(pupil.id, deviceType, description, optional(input.condition), power, ground, groundDetail, confiscatedAt, confiscatedBy, optional(input.witness), tx.now.toISOString(), actorString(tx.actor), location, token).lastInsertRowid,
  );
  const row = mustGetRow(tx.db, id);
  addEvent(tx, row, 'recorded', confiscatedAt, {
    pupilId: pupil.id,
    deviceType,
    description,
    condition: optional(input.condition),
    power,
    ground,
    groundDetail,
    confiscatedBy,
    witness: optional(input.witness),
    location,
  });
  return row;
}

// ---- while held --------------------------------------------------------------------------------

export function moveDevice(tx: Tx, id: number, input: { to: string; at?: string; note?: string }): Row {
  const c = mustGetRow(tx.db, id);
  requireHeld(c, 'move it');
  const to = text(input.to, 'to', 'Choose where the device is going.');
  const allowed = [...getSettings(tx.db).confiscationLocations, 'With the DSL'];
  if (!allowed.includes(to)) throw new DomainError('RULE', 'Choose a place from the list (Settings › Confiscations), or "With the DSL".', 'to');
  if (to === c.location) throw new DomainError('RULE', `The device is already in ${to}.`, 'to');
  const at = pastInstant(tx, input.at, 'at', c.confiscatedAt);
  tx.db.prepare('UPDATE confiscations SET location = ? WHERE id = ?').run(to, c.id);
  addEvent(tx, c, 'moved', at, { from: c.location, to, note: optional(input.note) });
  return mustGetRow(tx.db, id);
}

export function recordParentsInformed(tx: Tx, id: number, input: { how: InformedHow; informedBy: string; at?: string }): Row {
  const c = mustGetRow(tx.db, id);
  const how = oneOf(INFORMED_HOW, input.how, 'how', 'Choose how the parents/carers were told.');
  const informedBy = text(input.informedBy, 'informedBy', 'Enter who told them.');
  const at = pastInstant(tx, input.at, 'at', c.confiscatedAt);
  addEvent(tx, c, 'parents-informed', at, { how, informedBy });
  return c;
}

/** A DSL decision: parents/carers deliberately not told (for the child's safety), with who decided and why. */
export function recordParentsNotInformed(tx: Tx, id: number, input: { decidedBy: string; reason: string }): Row {
  requireDsl(tx, 'decide that parents/carers are not told');
  const c = mustGetRow(tx.db, id);
  addEvent(tx, c, 'parents-not-informed', tx.now.toISOString(), {
    decidedBy: text(input.decidedBy, 'decidedBy', 'Enter who decided.'),
    reason: text(input.reason, 'reason', 'Enter why parents/carers are not told.'),
  });
  return c;
}

export function recordDslInformed(tx: Tx, id: number, input: { at?: string; reference?: string }): Row {
  const c = mustGetRow(tx.db, id);
  const reference = optional(input.reference);
  if (reference.length > 40) throw new DomainError('RULE', 'Enter only the reference from the safeguarding system (CPOMS, MyConcern), not the account.', 'reference');
  addEvent(tx, c, 'dsl-informed', pastInstant(tx, input.at, 'at', c.confiscatedAt), { reference });
  return c;
}

export function recordExamReport(tx: Tx, id: number, input: { examBody: string; reportedOn: string }): Row {
  const c = mustGetRow(tx.db, id);
  const examBody = text(input.examBody, 'examBody', 'Enter the examining body.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.reportedOn ?? '') || input.reportedOn > loadCalendar(tx.db).localDate(tx.now)) {
    throw new DomainError('RULE', 'Enter the date it was reported (not in the future).', 'reportedOn');
  }
  addEvent(tx, c, 'exam-reported', tx.now.toISOString(), { examBody, reportedOn: input.reportedOn });
  return c;
}

export interface SearchInput {
  authorisedBy: string;
  consentFrom: 'learner' | 'parent';
  /** The parent/carer who consented (one of the pupil's contacts), when consentFrom is 'parent'. */
  consentContactId?: number;
  consentHow: string;
  searchedBy: string;
  present: string;
  sought: string;
  found: string;
  outcome: SearchOutcome;
  followUp: string;
  at?: string;
}

/**
 * A search (leadership or DSL) with consent. Not where nude images are the ground: those follow
 * the UKCIS steps. A search may stop at suspected nude images or illegal content seen: then
 * nothing is recorded of what was seen, the device is not searched again, and from then on the
 * record is treated as that ground (DSL-only release, the UKCIS steps, no release slip).
 */
export function recordSearch(tx: Tx, id: number, input: SearchInput): Row {
  const c = mustGetRow(tx.db, id);
  const refusal = searchRefusal(ruleState(tx.db, id), powers(tx));
  if (refusal) throw new DomainError('RULE', refusal, refusal.startsWith('Suspected') ? 'outcome' : undefined);
  const outcome = oneOf(SEARCH_OUTCOMES, input.outcome, 'outcome', 'Choose the outcome of the search.');
  const stopped = SEARCH_STOPS.includes(outcome);
  const consentFrom = oneOf(['learner', 'parent'] as const, input.consentFrom, 'consentFrom', 'Say whose consent was given.');
  let consentName = 'The learner';
  if (consentFrom === 'parent') {
    const contact = input.consentContactId === undefined ? null : getContact(tx.db, input.consentContactId);
    if (!contact || contact.pupilId !== c.pupilId) throw new DomainError('RULE', 'Choose which parent/carer consented.', 'consentContactId');
    consentName = contact.name;
  }
  addEvent(tx, c, 'searched', pastInstant(tx, input.at, 'at', c.confiscatedAt), {
    authorisedBy: text(input.authorisedBy, 'authorisedBy', 'Enter who authorised the search.'),
    consentFrom,
    consentName,
    consentHow: text(input.consentHow, 'consentHow', 'Say how the consent was informed (what they were told).'),
    searchedBy: text(input.searchedBy, 'searchedBy', 'Enter who searched the device.'),
    present: text(input.present, 'present', 'Enter who else was present.'),
    sought: text(input.sought, 'sought', 'Say what was looked for, and why.'),
    // a stopped search records nothing of what was seen: never a description of imagery
    found: stopped ? '' : text(input.found, 'found', 'Say what was found (or "nothing").'),
    outcome,
    followUp: optional(input.followUp),
  });
  return c;
}

/** Suspected nude or semi-nude images (UKCIS): the device not viewed, turned off and secured, the DSL told. */
export function recordUkcisSteps(tx: Tx, id: number, input: { notViewed: boolean; turnedOffAndSecured: boolean; dslInformed: boolean }): Row {
  requireLeadershipOrDsl(tx, 'record the UKCIS steps');
  const c = mustGetRow(tx.db, id);
  requireHeld(c, 'record the UKCIS steps');
  if (!input.notViewed) throw new DomainError('RULE', 'The device must not be viewed. Confirm it was not.', 'notViewed');
  if (!input.turnedOffAndSecured) throw new DomainError('RULE', 'Turn the device off and secure it, then confirm.', 'turnedOffAndSecured');
  if (!input.dslInformed) throw new DomainError('RULE', 'Tell the DSL, then confirm.', 'dslInformed');
  addEvent(tx, c, 'ukcis-steps', tx.now.toISOString(), { notViewed: true, turnedOffAndSecured: true, dslInformed: true });
  return c;
}

export interface UkcisDecisionInput {
  decision: UkcisDecision;
  /** Required for 'in-school': the DSL confirms none of the reasons for an immediate referral applies. */
  noImmediateReferral?: boolean;
  at?: string;
}

/**
 * The DSL's decision (UKCIS) where nude images or illegal content are suspected: refer to
 * children's social care, the police, both, or handle it in school. Who decided is the DSL
 * recording it, and when is the event's time. Handling it in school needs the DSL's confirmation
 * that no reason for an immediate referral applies (an adult involved; coercion, blackmail or
 * grooming; acts unusual for the child's development or violent; sexual acts with a child under
 * 13; immediate risk). A later decision is recorded after an earlier one, never over it.
 */
export function recordUkcisDecision(tx: Tx, id: number, input: UkcisDecisionInput): Row {
  requireDsl(tx, 'record the UKCIS decision');
  const c = mustGetRow(tx.db, id);
  if (ruleState(tx.db, id).suspected === null) throw new DomainError('RULE', 'A UKCIS decision is recorded only where nude or semi-nude images or illegal content are suspected.');
  const decision = oneOf(UKCIS_DECISIONS, input.decision, 'decision', 'Choose the decision.');
  if (decision === 'in-school' && input.noImmediateReferral !== true) {
    throw new DomainError('RULE', 'Confirm that none of the reasons for an immediate referral applies, or choose a referral.', 'noImmediateReferral');
  }
  addEvent(tx, c, 'ukcis-decision', pastInstant(tx, input.at, 'at', c.confiscatedAt), { decision, noImmediateReferral: decision === 'in-school' });
  return c;
}

export function setHold(tx: Tx, id: number, hold: boolean, reason: string): Row {
  requireDsl(tx, hold ? 'put a hold on a device' : 'lift a hold');
  const c = mustGetRow(tx.db, id);
  requireHeld(c, hold ? 'put a hold on it' : 'lift the hold');
  if (c.onHold === hold) throw new DomainError('RULE', hold ? 'This device is already on hold.' : 'This device is not on hold.');
  tx.db.prepare('UPDATE confiscations SET on_hold = ? WHERE id = ?').run(hold ? 1 : 0, c.id);
  addEvent(tx, c, hold ? 'hold' : 'hold-lifted', tx.now.toISOString(), { reason: optional(reason) });
  return mustGetRow(tx.db, id);
}

// ---- police ------------------------------------------------------------------------------------

export interface PoliceHandover {
  officer: string;
  shoulderNumber: string;
  crimeReference: string;
  sealNumber: string;
  at?: string;
  receiptReceived: boolean;
}

export function handToPolice(tx: Tx, id: number, input: PoliceHandover): Row {
  requireDsl(tx, 'hand a device to the police');
  const c = mustGetRow(tx.db, id);
  requireHeld(c, 'hand it to the police');
  const details = {
    officer: text(input.officer, 'officer', 'Enter the officer’s name.'),
    shoulderNumber: text(input.shoulderNumber, 'shoulderNumber', 'Enter the officer’s shoulder number.'),
    crimeReference: text(input.crimeReference, 'crimeReference', 'Enter the crime reference.'),
    sealNumber: text(input.sealNumber, 'sealNumber', 'Enter the evidence bag’s seal number.'),
    receiptReceived: input.receiptReceived === true,
  };
  const at = pastInstant(tx, input.at, 'at', c.confiscatedAt);
  tx.db.prepare("UPDATE confiscations SET status = 'with-police', location = 'With the police' WHERE id = ?").run(c.id);
  addEvent(tx, c, 'police-handover', at, details);
  return mustGetRow(tx.db, id);
}

/** The police returned the device (to the location named) or kept it. */
export function policeOutcome(tx: Tx, id: number, input: { returned: true; returnedBy: string; to: string; at?: string } | { returned: false; at?: string }): Row {
  requireDsl(tx, 'record what the police did with a device');
  const c = mustGetRow(tx.db, id);
  if (c.status !== 'with-police') throw new DomainError('RULE', 'This device is not with the police.');
  const at = pastInstant(tx, input.at, 'at', c.confiscatedAt);
  if (input.returned) {
    const to = text(input.to, 'to', 'Choose where the returned device is held.');
    if (!getSettings(tx.db).confiscationLocations.includes(to)) throw new DomainError('RULE', 'Choose a place from the list (Settings › Confiscations).', 'to');
    const returnedBy = text(input.returnedBy, 'returnedBy', 'Enter who returned it (the officer).');
    tx.db.prepare("UPDATE confiscations SET status = 'held', location = ? WHERE id = ?").run(to, c.id);
    addEvent(tx, c, 'police-returned', at, { returnedBy, to });
  } else {
    tx.db.prepare("UPDATE confiscations SET status = 'retained-by-police' WHERE id = ?").run(c.id);
    addEvent(tx, c, 'police-retained', at, {});
  }
  return mustGetRow(tx.db, id);
}

// ---- release -----------------------------------------------------------------------------------

export type ReleaseTo = { contactId: number } | { name: string; relationship: string; reason: string };

export interface ReleaseInput {
  to: ReleaseTo;
  identity: IdentityCheck;
  /** The signature as PNG bytes. */
  signature: Uint8Array;
}

export function releaseDevice(tx: Tx, id: number, input: ReleaseInput): Row {
  const c = mustGetRow(tx.db, id);
  const refusal = releaseRefusal(ruleState(tx.db, id), powers(tx));
  if (refusal) throw new DomainError('RULE', refusal);
  const identity = oneOf(IDENTITY_CHECKS, input.identity, 'identity', 'Say how you checked who they are.');
  if (!(input.signature instanceof Uint8Array) || input.signature.length < 100 || !isPng(input.signature)) {
    throw new DomainError('RULE', 'The person collecting must sign.', 'signature');
  }
  let details: Record<string, unknown>;
  if ('contactId' in input.to) {
    const contact = getContact(tx.db, input.to.contactId);
    if (!contact || contact.pupilId !== c.pupilId) throw new DomainError('RULE', 'Choose one of the pupil’s contacts.', 'contactId');
    if (contact.noContact) throw new DomainError('RULE', `${contact.name} is marked “must not collect”. Do not release the device; tell the DSL.`, 'contactId');
    if (!contact.mayCollect) throw new DomainError('RULE', `${contact.name} is not allowed to collect this pupil. Release only to a contact allowed to collect.`, 'contactId');
    details = { contactId: contact.id, name: contact.name, relationship: contact.relationship, identity, override: false };
  } else {
    requireLeadershipOrDsl(tx, 'release a device to someone who is not a contact allowed to collect');
    details = {
      contactId: null,
      name: text(input.to.name, 'name', 'Enter the name of the person collecting.'),
      relationship: optional(input.to.relationship),
      reason: text(input.to.reason, 'reason', 'Enter why the device is released to this person.'),
      identity,
      override: true,
    };
  }
  const now = tx.now.toISOString();
  tx.db.prepare("UPDATE confiscations SET status = 'released', released_at = ?, location = 'Released' WHERE id = ?").run(now, c.id);
  const eventId = addEvent(tx, c, 'released', now, details);
  tx.db.prepare('INSERT INTO confiscation_signatures (event_id, png) VALUES (?, ?)').run(eventId, Buffer.from(input.signature));
  return mustGetRow(tx.db, id);
}

/** What a release slip shows: never the ground, a search, the police or a hold (it goes home in a school bag). */
export interface SlipData {
  forename: string;
  surname: string;
  deviceType: DeviceType;
  description: string;
  confiscatedAt: string;
  slipToken: string;
}

/**
 * Give a release slip: refused where slipRefusal says so; each slip printed is on the chain of
 * custody (a reprint marked as one). The slip's layout reads its data only through here.
 */
export function issueSlip(tx: Tx, id: number): SlipData {
  const c = mustGetRow(tx.db, id);
  const state = ruleState(tx.db, id);
  const refusal = slipRefusal(state, powers(tx));
  if (refusal) throw new DomainError('RULE', refusal);
  addEvent(tx, c, 'slip-printed', tx.now.toISOString(), { reprint: state.slipPrinted });
  const pupil = mustGetPupil(tx.db, c.pupilId, 'id');
  return { forename: pupil.forename, surname: pupil.surname, deviceType: c.deviceType, description: c.description, confiscatedAt: c.confiscatedAt, slipToken: c.slipToken };
}

function isPng(bytes: Uint8Array): boolean {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return sig.every((b, i) => bytes[i] === b);
}

/** Correct a mistake in the record: the original stays, the amendment says what, to what, and why. */
export function amendConfiscation(tx: Tx, id: number, input: { field: 'description' | 'condition' | 'confiscatedBy' | 'witness'; to: string; reason: string }): Row {
  const c = mustGetRow(tx.db, id);
  const field = oneOf(['description', 'condition', 'confiscatedBy', 'witness'] as const, input.field, 'field', 'Choose what to correct.');
  const reason = text(input.reason, 'reason', 'Enter why it is corrected.');
  const to = optional(input.to);
  if ((field === 'description' || field === 'confiscatedBy') && to === '') throw new DomainError('RULE', 'Enter the corrected value.', 'to');
  const column = { description: 'description', condition: 'condition', confiscatedBy: 'confiscated_by', witness: 'witness' }[field];
  if (c[field] === to) throw new DomainError('RULE', 'That is what the record already says.', 'to');
  tx.db.prepare(`UPDATE confiscations SET ${column} = ? WHERE id = ?`).run(to, c.id);
  addEvent(tx, c, 'amended', tx.now.toISOString(), { field, from: c[field], to, reason });
  return mustGetRow(tx.db, id);
}

// ---- reading -----------------------------------------------------------------------------------

export interface CustodyEvent {
  id: number;
  kind: EventKind;
  at: string;
  recordedAt: string;
  by: string;
  details: Record<string, unknown>;
  hasSignature: boolean;
}

export interface ConfiscationRecord extends Row {
  forename: string;
  surname: string;
  regGroup: string;
  yearGroup: number;
  daysHeld: number;
  overdue: boolean;
  parentsInformed: 'yes' | 'not-informed' | 'not-yet';
  dslInformed: boolean;
  searched: boolean;
  /** Nude images or illegal content suspected, from the ground or a search that stopped. */
  suspected: Suspected;
  /** A release slip has been printed (a reprint needs a DSL). */
  slipPrinted: boolean;
  /** Released by a leadership or DSL override to someone not allowed to collect. */
  releaseOverride: boolean;
}

/**
 * The register's status filters. 'held' is "held now" (in school, on hold or not): the same
 * filter gives Today its count, so the two always agree. 'police' is with the police or kept by them.
 */
export const REGISTER_STATUSES = ['held', 'on-hold', 'police', 'with-police', 'retained-by-police', 'released'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export interface RegisterFilter {
  status?: RegisterStatus;
  pupilId?: number;
  regGroup?: string;
  /** Part of the pupil's forename or surname, accents and case ignored. */
  name?: string;
  from?: string;
  to?: string;
}

/**
 * What the chain of custody says of each record, as bits from one pass over its events (one index
 * range a record: the ten-year register reads 1,200 records with 6,800 events): parents informed or
 * deliberately not, the DSL told, searched, a search stopped at suspected nude images or illegal
 * content, a slip printed, a release by override. The details' JSON is read only for searches
 * and releases.
 */
const FLAG = { informed: 1, notInformed: 2, dslInformed: 4, searched: 8, stoppedNudes: 16, stoppedIllegal: 32, slipPrinted: 64, releaseOverride: 128 } as const;

const RECORD_SELECT = `${ROW_SELECT.replace(' FROM confiscations c', '')}, p.forename, p.surname, p.reg_group AS regGroup, p.year_group AS yearGroup,
  -- Kinds alone come from the (confiscation_id, kind) index without reading any event; only the
  -- few searched and released events are read for their details (reading every event's JSON made
  -- the ten-year register half as slow again).
  (SELECT MAX(e.kind = 'parents-informed')
      -- SQLite's | and << bind equally, left to right: each shift in its own brackets
      | (MAX(e.kind = 'parents-not-informed') << 1)
      | (MAX(e.kind IN ('dsl-informed', 'ukcis-steps')) << 2)
      | (MAX(e.kind IN ('searched', 'ukcis-steps')) << 3)
      | (MAX(e.kind = 'slip-printed') << 6)
    FROM confiscation_events e WHERE e.confiscation_id = c.id)
  | IFNULL((SELECT (IFNULL(MAX(json_extract(e.details, '$.outcome') = 'suspected-nudes'), 0) << 4)
        | (IFNULL(MAX(json_extract(e.details, '$.outcome') = 'suspected-illegal'), 0) << 5)
      FROM confiscation_events e WHERE e.confiscation_id = c.id AND e.kind = 'searched'), 0)
  | IFNULL((SELECT IFNULL(MAX(json_extract(e.details, '$.override') = 1), 0) << 7
      FROM confiscation_events e WHERE e.confiscation_id = c.id AND e.kind = 'released'), 0) AS flags
  FROM confiscations c JOIN pupils p ON p.id = c.pupil_id`;

type RawRecord = Omit<ConfiscationRecord, 'onHold' | 'daysHeld' | 'overdue' | 'parentsInformed' | 'dslInformed' | 'searched' | 'suspected' | 'slipPrinted' | 'releaseOverride'> & {
  onHold: number;
  flags: number | null;
};

function parentsWords(flags: number): ConfiscationRecord['parentsInformed'] {
  return flags & FLAG.informed ? 'yes' : flags & FLAG.notInformed ? 'not-informed' : 'not-yet';
}

function suspectedOf(ground: Ground, flags: number): Suspected {
  if (ground === 'suspected-nudes' || flags & FLAG.stoppedNudes) return 'nudes';
  return flags & FLAG.stoppedIllegal ? 'illegal' : null;
}

function toRecord(r: RawRecord, now: Date, warnDays: number): ConfiscationRecord {
  const end = r.releasedAt ? Date.parse(r.releasedAt) : now.getTime();
  const flags = r.flags ?? 0;
  const daysHeld = Math.max(0, Math.floor((end - Date.parse(r.confiscatedAt)) / 86_400_000));
  // a literal, not rest and spread: the whole ten-year register maps a thousand rows of 25 fields
  return {
    id: r.id,
    pupilId: r.pupilId,
    forename: r.forename,
    surname: r.surname,
    regGroup: r.regGroup,
    yearGroup: r.yearGroup,
    deviceType: r.deviceType,
    description: r.description,
    condition: r.condition,
    power: r.power,
    ground: r.ground,
    groundDetail: r.groundDetail,
    confiscatedAt: r.confiscatedAt,
    confiscatedBy: r.confiscatedBy,
    witness: r.witness,
    recordedAt: r.recordedAt,
    recordedBy: r.recordedBy,
    location: r.location,
    status: r.status,
    onHold: r.onHold === 1,
    slipToken: r.slipToken,
    releasedAt: r.releasedAt,
    daysHeld,
    overdue: r.status === 'held' && daysHeld > warnDays,
    parentsInformed: parentsWords(flags),
    dslInformed: (flags & FLAG.dslInformed) !== 0,
    searched: (flags & FLAG.searched) !== 0,
    suspected: suspectedOf(r.ground, flags),
    slipPrinted: (flags & FLAG.slipPrinted) !== 0,
    releaseOverride: (flags & FLAG.releaseOverride) !== 0,
  };
}

const STATUS_WHERE: Record<RegisterStatus, string> = {
  held: "c.status = 'held'",
  'on-hold': "c.status = 'held' AND c.on_hold = 1",
  police: "c.status IN ('with-police', 'retained-by-police')",
  'with-police': "c.status = 'with-police'",
  'retained-by-police': "c.status = 'retained-by-police'",
  released: "c.status = 'released'",
};

/** Lower case without accents, so "zoe" finds Zoë. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * The register, newest first: held now, on hold, with the police, released; filtered by status,
 * pupil, class, name and dates. The screen, its CSV, its print and Today all come from here.
 */
export function listConfiscations(db: Db, now: Date, filter: RegisterFilter = {}): ConfiscationRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.status) {
    const clause = STATUS_WHERE[filter.status];
    if (!clause) throw new DomainError('RULE', 'Choose a status.', 'status');
    where.push(clause);
  }
  if (filter.pupilId !== undefined) {
    where.push('c.pupil_id = ?');
    args.push(filter.pupilId);
  }
  if (filter.regGroup) {
    where.push('p.reg_group = ? COLLATE NOCASE');
    args.push(filter.regGroup.trim());
  }
  const cal = loadCalendar(db);
  if (filter.from) {
    where.push('c.confiscated_at >= ?');
    args.push(cal.startOfDay(filter.from).toISOString());
  }
  if (filter.to) {
    where.push('c.confiscated_at < ?');
    args.push(cal.startOfDay(cal.addDays(filter.to, 1)).toISOString());
  }
  const sql = `${RECORD_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.confiscated_at DESC, c.id DESC`;
  const warn = getSettings(db).confiscationWarnDays;
  let raw = db.prepare(sql).all(...args) as RawRecord[];
  // the name is matched here, not in SQL, so that accents are ignored as they are on screen
  const name = fold(filter.name?.trim() ?? '');
  if (name !== '') raw = raw.filter((r) => fold(`${r.forename} ${r.surname}`).includes(name) || fold(`${r.surname} ${r.forename}`).includes(name));
  return raw.map((r) => toRecord(r, now, warn));
}

/** Today's confiscated devices: how many are held now and the oldest ten, from the register's own "Held now". */
export function heldNow(db: Db, now: Date): { held: number; oldest: ConfiscationRecord[] } {
  const rows = listConfiscations(db, now, { status: 'held' });
  return { held: rows.length, oldest: rows.reverse().slice(0, 10) };
}

export function getConfiscation(db: Db, id: number, now: Date): { record: ConfiscationRecord; events: CustodyEvent[] } {
  const r = db.prepare(`${RECORD_SELECT} WHERE c.id = ?`).get(id) as RawRecord | undefined;
  if (!r) throw new DomainError('NOT_FOUND', 'That confiscation record does not exist.', 'id');
  const events = (
    db
      .prepare(
        `SELECT e.id, e.kind, e.at, e.recorded_at AS recordedAt, e.by, e.details, (s.event_id IS NOT NULL) AS hasSignature
         FROM confiscation_events e LEFT JOIN confiscation_signatures s ON s.event_id = e.id WHERE e.confiscation_id = ? ORDER BY e.id`,
      )
      .all(id) as { id: number; kind: EventKind; at: string; recordedAt: string; by: string; details: string; hasSignature: number }[]
  ).map((e) => ({ ...e, details: JSON.parse(e.details) as Record<string, unknown>, hasSignature: e.hasSignature === 1 }));
  return { record: toRecord(r, now, getSettings(db).confiscationWarnDays), events };
}

/** The record a scanned release slip belongs to, or null. */
export function confiscationBySlip(db: Db, input: string): number | null {
  const parsed = parseToken(input);
  if (!parsed || parsed.type !== 'confiscationSlip') return null;
  return (db.prepare('SELECT id FROM confiscations WHERE slip_token = ?').pluck().get(parsed.token) as number | undefined) ?? null;
}

export function signaturePng(db: Db, eventId: number): Uint8Array | null {
  return (db.prepare('SELECT png FROM confiscation_signatures WHERE event_id = ?').pluck().get(eventId) as Buffer | undefined) ?? null;
}

const STATUS_WORDS: Record<Status, string> = { held: 'Held', 'with-police': 'With the police', 'retained-by-police': 'Retained by the police', released: 'Released' };

export function registerCsv(db: Db, now: Date, filter: RegisterFilter = {}): { csv: string; rows: number } {
  const rows = listConfiscations(db, now, filter);
  const cal = loadCalendar(db);
  const csv = toCsv(
    ['Confiscated', 'Surname', 'Forename', 'Class', 'Device', 'Description', 'Ground', 'Confiscated by', 'Held at', 'Status', 'On hold', 'Days held', 'Parents informed', 'Released', 'Override release'],
    rows.map((r) => [
      `${cal.localDate(new Date(r.confiscatedAt))} ${cal.localTime(new Date(r.confiscatedAt))}`,
      r.surname,
      r.forename,
      r.regGroup,
      r.deviceType,
      r.description,
      r.ground,
      r.confiscatedBy,
      r.location,
      STATUS_WORDS[r.status],
      r.onHold ? 'Yes' : 'No',
      r.daysHeld,
      r.parentsInformed === 'yes' ? 'Yes' : r.parentsInformed === 'not-informed' ? 'Not informed (DSL decision)' : 'Not yet',
      r.releasedAt ? cal.localDate(new Date(r.releasedAt)) : '',
      r.releaseOverride ? 'Yes' : '',
    ]),
  );
  return { csv, rows: rows.length };
}

export { hasEvent };
