/**
 * Visitors and contractors (issue 8; policy 6.4). The kiosk signs people in after they have read
 * and agreed to the rules for their type (the visit keeps the version of the texts shown), gives a
 * badge with an opaque token, and signs them out when the badge is scanned. Nothing the kiosk is
 * told ever says whether anyone else is on site, signed in before or expected: a sign-in answers
 * with the person's own badge, or asks them to wait (a not-permitted match, without saying why).
 *
 * The office sees who is on site, signs people out, reprints a lost badge (the old token stops
 * working), keeps regular visitors' profiles with the DBS check seen (never a copy), a not-permitted
 * list (name and category only; leadership and DSLs), fire roll calls with each person ticked,
 * invitations, breaches of 6.4, and the history. Visits still open at the closing time set in
 * Settings are closed and marked "not signed out" for the office to check, never removed; people
 * the office marks as staying (an evening letting, a cleaner) stay on the roll call.
 */
import { raiseAlert } from './alerts';
import { actorString } from './audit';
import { loadCalendar } from './closures';
import { toCsv } from './csv';
import { DomainError } from './errors';
import type { Db } from './open';
import { getSettings } from './settings';
import { staffNamer } from './staff';
import { prepared } from './statements';
import { foldForSearch, likeContains, searchWords } from './text';
import { newToken, parseToken } from './tokens';
import type { Tx } from './tx';

// ---- types --------------------------------------------------------------------------------------

export interface VisitorType {
  key: string;
  label: string;
  /** The kiosk asks for an organisation (company, agency, council). */
  asksOrganisation: boolean;
  /** The kiosk asks for the work being done and the supervising member of staff (contractors). */
  asksWork: boolean;
  builtin: boolean;
  active: boolean;
}

/** The texts the kiosk shows before "I agree": one version of them all. */
export interface VisitorTexts {
  /** For each visitor type: a few short plain-English lines, and the one-line reminder on the badge. */
  types: Record<string, { rules: string[]; reminder: string }>;
  /** What to do if worried about a child (the DSLs' names are added from the staff list). */
  worried: string;
  /** The fire assembly point. */
  assemblyPoint: string;
  /** What is kept about a visit, and for how long. */
  privacy: string;
  /** The policy's full text for visitors (6.4), one tap away. */
  policy: string;
}

export interface TextsVersion {
  version: number;
  texts: VisitorTexts;
  createdAt: string;
  /** Who saved it ('system' for the first version). */
  createdBy: string;
}

export type VisitStatus = 'waiting' | 'on-site' | 'signed-out' | 'not-signed-out' | 'turned-away';
export type Escort = 'escorted' | 'unescorted';
export const ESCORT_WORDS: Record<Escort, string> = { escorted: 'Must be escorted', unescorted: 'DBS checked: unescorted' };
export const STATUS_WORDS: Record<VisitStatus, string> = {
  waiting: 'Waiting for staff',
  'on-site': 'On site',
  'signed-out': 'Signed out',
  'not-signed-out': 'Not signed out',
  'turned-away': 'Turned away',
};

export interface Visit {
  id: number;
  typeKey: string;
  typeLabel: string;
  name: string;
  organisation: string;
  visiting: string;
  carReg: string;
  work: string;
  supervisor: string;
  escort: Escort;
  status: VisitStatus;
  signedInAt: string;
  signedInVia: 'kiosk' | 'staff';
  signedOutAt: string | null;
  signedOutVia: 'kiosk' | 'staff' | 'auto' | 'turned-away' | null;
  /** The staff member's name (or 'kiosk', 'system'); null while open. */
  signedOutBy: string | null;
  /** Marked by the office as staying on site past the closing time (an evening letting, a cleaner). */
  stayReason: string | null;
  /** A visit closed as "not signed out", checked by the office: when, by whom, with a note. */
  checkedAt: string | null;
  checkedBy: string | null;
  checkedNote: string;
  textsVersion: number;
  profileId: number | null;
  invitationId: number | null;
  /** The sign-in matched the not-permitted list. */
  notPermitted: boolean;
  /** Someone else with the same name is on site now (open visits only). */
  sameNameOnSite: boolean;
}

/** What the badge shows: the person's own details only. */
export interface Badge {
  token: string;
  name: string;
  typeLabel: string;
  organisation: string;
  visiting: string;
  signedInAt: string;
  escort: Escort;
  escortWords: string;
  reminder: string;
  schoolName: string;
}

export interface InvitationPrefill {
  typeKey: string;
  name: string;
  organisation: string;
  visiting: string;
  carReg: string;
  work: string;
  supervisor: string;
}

export interface Invitation extends InvitationPrefill {
  id: number;
  code: string;
  typeLabel: string;
  expectedOn: string;
  profileId: number | null;
  createdAt: string;
  createdBy: string;
  status: 'expected' | 'arrived' | 'cancelled' | 'missed';
  usedAt: string | null;
  cancelledAt: string | null;
}

export interface VisitorProfile {
  id: number;
  typeKey: string;
  typeLabel: string;
  name: string;
  organisation: string;
  dbsNumber: string;
  dbsIssuedOn: string | null;
  dbsSeenBy: string;
  dbsSeenOn: string | null;
  notes: string;
  active: boolean;
  escort: Escort;
  /** The regular visitor's own code (a card to scan at the kiosk), or null if none was issued. */
  cardToken: string | null;
}

export const NOT_PERMITTED_CATEGORIES = ['court-order', 'safeguarding', 'behaviour', 'trespass', 'other'] as const;
export type NotPermittedCategory = (typeof NOT_PERMITTED_CATEGORIES)[number];
export const NOT_PERMITTED_WORDS: Record<NotPermittedCategory, string> = {
  'court-order': 'Court order',
  safeguarding: 'Safeguarding',
  behaviour: 'Behaviour towards staff or families',
  trespass: 'Trespass notice',
  other: 'Other (ask the Head of School)',
};

export interface NotPermittedEntry {
  id: number;
  name: string;
  category: NotPermittedCategory;
  addedAt: string;
  addedBy: string;
}

export const BREACH_KINDS = ['images-of-other-children', 'sharing-images', 'phone-near-children', 'calls-in-class', 'other'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];
export const BREACH_WORDS: Record<BreachKind, string> = {
  'images-of-other-children': 'Took images of other children',
  'sharing-images': 'Shared images without permission',
  'phone-near-children': 'Used a phone near children',
  'calls-in-class': 'Phone use in a class or learning area',
  other: 'Other',
};

export interface Breach {
  id: number;
  visitId: number | null;
  person: string;
  occurredAt: string;
  kind: BreachKind;
  what: string;
  reportedAt: string;
  reportedBy: string;
  dslToldAt: string | null;
  dslToldBy: string | null;
}

export interface RollCallPerson {
  visitId: number;
  name: string;
  typeLabel: string;
  organisation: string;
  visiting: string;
  escort: Escort;
  signedInAt: string;
  stayReason: string | null;
  accountedAt: string | null;
  accountedBy: string | null;
}

export interface RollCall {
  id: number;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  endedBy: string | null;
  people: RollCallPerson[];
  accounted: number;
}

export interface RollCallSummary {
  id: number;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  people: number;
  accounted: number;
}

/** The first version of the texts, stored by migration 7 as version 1. */
export { FIRST_TEXTS as DEFAULT_TEXTS } from './migrations/007-visitors';

// ---- who is acting ------------------------------------------------------------------------------

function powers(tx: Tx): { leadership: boolean; dsl: boolean; admin: boolean } {
  if (tx.actor.kind === 'system') return { leadership: true, dsl: true, admin: true };
  if (tx.actor.kind !== 'staff') return { leadership: false, dsl: false, admin: false };
  const row = tx.db.prepare('SELECT role, is_dsl AS dsl, active FROM staff WHERE id = ?').get(tx.actor.staffId) as { role: string; dsl: number; active: number } | undefined;
  if (!row || row.active !== 1) return { leadership: false, dsl: false, admin: false };
  return { leadership: row.role === 'leadership', dsl: row.dsl === 1, admin: row.role === 'admin' };
}

function requireLeadershipOrDsl(tx: Tx, what: string): void {
  const p = powers(tx);
  if (!p.leadership && !p.dsl) throw new DomainError('RULE', `Only a member of the leadership team or a DSL can ${what}.`);
}

function requireStaff(tx: Tx, what: string): void {
  if (tx.actor.kind !== 'staff' && tx.actor.kind !== 'system') throw new DomainError('RULE', `Only staff can ${what}.`);
}

// ---- visitor types and the texts ----------------------------------------------------------------

interface TypeRow {
  key: string;
  label: string;
  asks_organisation: number;
  asks_work: number;
  builtin: number;
  active: number;
}
const typeOf = (r: TypeRow): VisitorType => ({
  key: r.key,
  label: r.label,
  asksOrganisation: r.asks_organisation === 1,
  asksWork: r.asks_work === 1,
  builtin: r.builtin === 1,
  active: r.active === 1,
});

export function listVisitorTypes(db: Db, opts: { includeInactive?: boolean } = {}): VisitorType[] {
  const rows = db.prepare(`SELECT * FROM visitor_types ${opts.includeInactive ? '' : 'WHERE active = 1'} ORDER BY sort, key`).all() as TypeRow[];
  return rows.map(typeOf);
}

function typeLabels(db: Db): Map<string, string> {
  return new Map((prepared(db, 'SELECT key, label FROM visitor_types').all() as { key: string; label: string }[]).map((r) => [r.key, r.label]));
}

function mustGetType(db: Db, key: string, field = 'typeKey'): VisitorType {
  const row = prepared(db, 'SELECT * FROM visitor_types WHERE key = ?').get(key) as TypeRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'Choose who you are.', field);
  return typeOf(row);
}

export function currentTexts(db: Db): TextsVersion {
  const row = prepared(db, 'SELECT version, body, created_at AS createdAt, created_by AS createdBy FROM visitor_texts ORDER BY version DESC LIMIT 1').get() as
    | { version: number; body: string; createdAt: string; createdBy: string }
    | undefined;
  if (!row) throw new Error('currentTexts: the visitor texts are missing (migration 7 seeds version 1)');
  return { version: row.version, texts: JSON.parse(row.body) as VisitorTexts, createdAt: row.createdAt, createdBy: row.createdBy };
}

export function textsVersion(db: Db, version: number): TextsVersion | null {
  const row = db.prepare('SELECT version, body, created_at AS createdAt, created_by AS createdBy FROM visitor_texts WHERE version = ?').get(version) as
    | { version: number; body: string; createdAt: string; createdBy: string }
    | undefined;
  return row ? { version: row.version, texts: JSON.parse(row.body) as VisitorTexts, createdAt: row.createdAt, createdBy: row.createdBy } : null;
}

export function listTextVersions(db: Db): { version: number; createdAt: string; createdBy: string }[] {
  return db.prepare('SELECT version, created_at AS createdAt, created_by AS createdBy FROM visitor_texts ORDER BY version DESC').all() as {
    version: number;
    createdAt: string;
    createdBy: string;
  }[];
}

function checkTexts(db: Db, texts: VisitorTexts): void {
  for (const t of listVisitorTypes(db)) {
    const own = texts.types[t.key];
    if (!own || own.rules.filter((l) => l.trim()).length === 0) throw new DomainError('RULE', `Write at least one rule for ${t.label}.`, `types.${t.key}.rules`);
    if (!own.reminder.trim()) throw new DomainError('RULE', `Write the badge reminder for ${t.label}.`, `types.${t.key}.reminder`);
  }
}

function insertTexts(tx: Tx, texts: VisitorTexts): number {
  const info = tx.db
    .prepare('INSERT INTO visitor_texts (body, created_at, created_by) VALUES (?, ?, ?)')
    .run(JSON.stringify(texts), tx.now.toISOString(), actorString(tx.actor));
  const version = Number(info.lastInsertRowid);
  tx.audit({ action: 'visitorTexts.save', entity: 'visitor_texts', entityId: version, values: { version } });
  return version;
}

/** Save edited texts as a new version (nothing happens if they did not change); returns the current version. */
export function saveTexts(tx: Tx, texts: VisitorTexts): TextsVersion {
  const clean: VisitorTexts = {
    ...texts,
    types: Object.fromEntries(Object.entries(texts.types).map(([k, v]) => [k, { rules: v.rules.map((l) => l.trim()).filter(Boolean), reminder: v.reminder.trim() }])),
  };
  checkTexts(tx.db, clean);
  const current = currentTexts(tx.db);
  const keep = Object.fromEntries(Object.entries(current.texts.types).filter(([k]) => !(k in clean.types)));
  const merged: VisitorTexts = { ...clean, types: { ...keep, ...clean.types } };
  if (JSON.stringify(merged) === JSON.stringify(current.texts)) return current;
  insertTexts(tx, merged);
  return currentTexts(tx.db);
}

/** Add a visitor type (with its rules and badge reminder: a new version of the texts), or change one. */
export function saveVisitorType(
  tx: Tx,
  input: { key?: string; label: string; asksOrganisation: boolean; asksWork: boolean; active: boolean; rules?: string[]; reminder?: string },
): VisitorType {
  const label = input.label.trim();
  const clash = tx.db.prepare('SELECT key FROM visitor_types WHERE lower(label) = lower(?) AND key IS NOT ?').get(label, input.key ?? null) as { key: string } | undefined;
  if (clash) throw new DomainError('CONFLICT', 'There is already a visitor type with that name.', 'label');
  let key = input.key;
  if (key === undefined) {
    const rules = (input.rules ?? []).map((l) => l.trim()).filter(Boolean);
    if (rules.length === 0) throw new DomainError('RULE', 'Write at least one rule for this type of visitor.', 'rules');
    if (!input.reminder?.trim()) throw new DomainError('RULE', 'Write the badge reminder for this type of visitor.', 'reminder');
    const n = (tx.db.prepare("SELECT count(*) AS n FROM visitor_types WHERE builtin = 0").get() as { n: number }).n + 1;
    key = `custom${n}`;
    const sort = (tx.db.prepare('SELECT max(sort) AS s FROM visitor_types').get() as { s: number }).s + 1;
    tx.db
      .prepare('INSERT INTO visitor_types (key, label, asks_organisation, asks_work, builtin, active, sort) VALUES (?, ?, ?, ?, 0, ?, ?)')
      .run(key, label, input.asksOrganisation ? 1 : 0, input.asksWork ? 1 : 0, input.active ? 1 : 0, sort);
    tx.audit({ action: 'visitorType.add', entity: 'visitor_type', entityId: key, values: { label, asksOrganisation: input.asksOrganisation, asksWork: input.asksWork } });
    const current = currentTexts(tx.db).texts;
    insertTexts(tx, { ...current, types: { ...current.types, [key]: { rules, reminder: input.reminder.trim() } } });
  } else {
    const before = mustGetType(tx.db, key, 'key');
    if (!input.active && before.builtin) throw new DomainError('RULE', 'The five standard visitor types cannot be switched off.', 'active');
    if (!input.active && before.active && listVisitorTypes(tx.db).length <= 1) throw new DomainError('RULE', 'Keep at least one visitor type.', 'active');
    tx.db
      .prepare('UPDATE visitor_types SET label = ?, asks_organisation = ?, asks_work = ?, active = ? WHERE key = ?')
      .run(label, input.asksOrganisation ? 1 : 0, input.asksWork ? 1 : 0, input.active ? 1 : 0, key);
    tx.audit({ action: 'visitorType.update', entity: 'visitor_type', entityId: key, values: { label, asksOrganisation: input.asksOrganisation, asksWork: input.asksWork, active: input.active } });
    if (input.rules !== undefined || input.reminder !== undefined) {
      const current = currentTexts(tx.db).texts;
      const own = current.types[key] ?? { rules: [], reminder: '' };
      saveTexts(tx, { ...current, types: { ...current.types, [key]: { rules: input.rules ?? own.rules, reminder: input.reminder ?? own.reminder } } });
    }
  }
  return mustGetType(tx.db, key);
}

/** The DSLs' names, for "who to tell if you are worried". */
export function dslNames(db: Db): string[] {
  return db.prepare('SELECT name FROM staff WHERE is_dsl = 1 AND active = 1 ORDER BY name').pluck().all() as string[];
}

// ---- visits -------------------------------------------------------------------------------------

interface VisitRow {
  id: number;
  type_key: string;
  name: string;
  name_key: string;
  organisation: string;
  visiting: string;
  car_reg: string;
  work: string;
  supervisor: string;
  escort: Escort;
  texts_version: number;
  profile_id: number | null;
  invitation_id: number | null;
  status: VisitStatus;
  signed_in_at: string;
  signed_in_via: 'kiosk' | 'staff';
  signed_out_at: string | null;
  signed_out_via: Visit['signedOutVia'];
  signed_out_by: string | null;
  stay_reason: string | null;
  checked_at: string | null;
  checked_by: string | null;
  checked_note: string;
  not_permitted: number;
}

function visitMapper(db: Db): (r: VisitRow) => Visit {
  const labels = typeLabels(db);
  const name = staffNamer(db);
  const open = new Map<string, number>();
  for (const k of prepared(db, "SELECT name_key FROM visits WHERE status IN ('waiting', 'on-site')").pluck().all() as string[]) open.set(k, (open.get(k) ?? 0) + 1);
  return (r) => ({
    id: r.id,
    typeKey: r.type_key,
    typeLabel: labels.get(r.type_key) ?? r.type_key,
    name: r.name,
    organisation: r.organisation,
    visiting: r.visiting,
    carReg: r.car_reg,
    work: r.work,
    supervisor: r.supervisor,
    escort: r.escort,
    status: r.status,
    signedInAt: r.signed_in_at,
    signedInVia: r.signed_in_via,
    signedOutAt: r.signed_out_at,
    signedOutVia: r.signed_out_via,
    signedOutBy: r.signed_out_by === null ? null : name(r.signed_out_by),
    stayReason: r.stay_reason,
    checkedAt: r.checked_at,
    checkedBy: r.checked_by === null ? null : name(r.checked_by),
    checkedNote: r.checked_note,
    textsVersion: r.texts_version,
    profileId: r.profile_id,
    invitationId: r.invitation_id,
    notPermitted: r.not_permitted === 1,
    sameNameOnSite: (r.status === 'waiting' || r.status === 'on-site') && (open.get(r.name_key) ?? 0) > 1,
  });
}

function mustGetVisitRow(db: Db, id: number): VisitRow {
  const row = prepared(db, 'SELECT * FROM visits WHERE id = ?').get(id) as VisitRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'That visit is not on record.', 'id');
  return row;
}

export function getVisit(db: Db, id: number): Visit {
  return visitMapper(db)(mustGetVisitRow(db, id));
}

export interface SignInInput {
  typeKey: string;
  name: string;
  organisation?: string;
  visiting: string;
  carReg?: string;
  work?: string;
  supervisor?: string;
  /** An invitation code or a regular visitor's card, typed or scanned. */
  code?: string;
  /** The version of the texts the person read and agreed to. */
  textsVersion: number;
  via: 'kiosk' | 'staff';
}

export type SignInOutcome = { kind: 'badge'; visitId: number; badge: Badge } | { kind: 'wait'; visitId: number };

const normaliseReg = (s: string) => s.toUpperCase().replace(/\s+/g, ' ').trim();

/** Whoever is typed is matched against the not-permitted list by their folded name. */
function matchesNotPermitted(db: Db, nameKey: string): boolean {
  return prepared(db, 'SELECT 1 FROM not_permitted WHERE name_key = ? AND removed_at IS NULL').get(nameKey) !== undefined;
}

interface CodeMatch {
  invitationId: number | null;
  profileId: number | null;
  prefill: InvitationPrefill;
}

/** An invitation code valid today (not used, not cancelled), or an active regular visitor's card. */
function lookUpCode(db: Db, code: string, today: string): CodeMatch | null {
  const parsed = parseToken(code);
  if (!parsed || parsed.type !== 'invitation') return null;
  const inv = prepared(
    db,
    'SELECT id, type_key, name, organisation, visiting, car_reg, work, supervisor, profile_id FROM invitations WHERE code = ? AND expected_on = ? AND used_at IS NULL AND cancelled_at IS NULL',
  ).get(parsed.token, today) as
    | { id: number; type_key: string; name: string; organisation: string; visiting: string; car_reg: string; work: string; supervisor: string; profile_id: number | null }
    | undefined;
  if (inv) {
    return {
      invitationId: inv.id,
      profileId: inv.profile_id,
      prefill: { typeKey: inv.type_key, name: inv.name, organisation: inv.organisation, visiting: inv.visiting, carReg: inv.car_reg, work: inv.work, supervisor: inv.supervisor },
    };
  }
  const profile = prepared(db, 'SELECT id, type_key, name, organisation FROM visitor_profiles WHERE card_token = ? AND active = 1').get(parsed.token) as
    | { id: number; type_key: string; name: string; organisation: string }
    | undefined;
  if (profile) {
    return { invitationId: null, profileId: profile.id, prefill: { typeKey: profile.type_key, name: profile.name, organisation: profile.organisation, visiting: '', carReg: '', work: '', supervisor: '' } };
  }
  return null;
}

const CODE_NOT_VALID = 'We could not find that code for today. Please check it, or carry on without it.';

/** The kiosk: the details an invitation code or a regular visitor's card fills in, and nothing else. */
export function prefillFromCode(db: Db, code: string, now: Date): InvitationPrefill {
  const match = lookUpCode(db, code, loadCalendar(db).localDate(now));
  if (!match) throw new DomainError('NOT_FOUND', CODE_NOT_VALID, 'code');
  return match.prefill;
}

function profileEscort(db: Db, profileId: number | null): Escort {
  if (profileId === null) return 'escorted';
  const row = prepared(db, 'SELECT dbs_seen_on AS seen, active FROM visitor_profiles WHERE id = ?').get(profileId) as { seen: string | null; active: number } | undefined;
  return row && row.active === 1 && row.seen !== null ? 'unescorted' : 'escorted';
}

function issueBadge(tx: Tx, visitId: number): string {
  tx.db.prepare('UPDATE visit_badges SET cancelled_at = ? WHERE visit_id = ? AND cancelled_at IS NULL').run(tx.now.toISOString(), visitId);
  const token = newToken('visitorBadge');
  tx.db.prepare('INSERT INTO visit_badges (token, visit_id, issued_at) VALUES (?, ?, ?)').run(token, visitId, tx.now.toISOString());
  return token;
}

function badgeOf(db: Db, visitId: number, token: string): Badge {
  const v = getVisit(db, visitId);
  const texts = textsVersion(db, v.textsVersion)?.texts ?? currentTexts(db).texts;
  return {
    token,
    name: v.name,
    typeLabel: v.typeLabel,
    organisation: v.organisation,
    visiting: v.visiting,
    signedInAt: v.signedInAt,
    escort: v.escort,
    escortWords: ESCORT_WORDS[v.escort],
    reminder: texts.types[v.typeKey]?.reminder ?? '',
    schoolName: getSettings(db).schoolName,
  };
}

export function signIn(tx: Tx, input: SignInInput): SignInOutcome {
  const today = loadCalendar(tx.db).localDate(tx.now);
  let { typeKey, name, organisation = '', visiting, carReg = '', work = '', supervisor = '' } = input;
  let invitationId: number | null = null;
  let profileId: number | null = null;
  if (input.code) {
    const match = lookUpCode(tx.db, input.code, today);
    if (!match) throw new DomainError('NOT_FOUND', CODE_NOT_VALID, 'code');
    // The code says who this is; what they typed for their visit today stands.
    ({ typeKey, name, organisation } = match.prefill);
    visiting = visiting || match.prefill.visiting;
    carReg = carReg || match.prefill.carReg;
    work = work || match.prefill.work;
    supervisor = supervisor || match.prefill.supervisor;
    invitationId = match.invitationId;
    profileId = match.profileId;
  }
  const type = mustGetType(tx.db, typeKey);
  if (!type.active) throw new DomainError('RULE', 'Choose who you are.', 'typeKey');
  if (input.textsVersion !== currentTexts(tx.db).version) {
    throw new DomainError('CONFLICT', 'The rules have just been updated. Please read them again and agree.', 'textsVersion');
  }
  name = name.trim();
  if (!name) throw new DomainError('RULE', 'Enter your name.', 'name');
  if (type.asksOrganisation && !organisation.trim()) throw new DomainError('RULE', 'Enter your organisation or company.', 'organisation');
  if (!visiting.trim()) throw new DomainError('RULE', 'Enter who you are visiting, or why you are here.', 'visiting');
  if (type.asksWork && !work.trim()) throw new DomainError('RULE', 'Enter the work you are here to do.', 'work');
  if (type.asksWork && !supervisor.trim()) throw new DomainError('RULE', 'Enter the member of staff supervising your work.', 'supervisor');
  if (!type.asksOrganisation && !invitationId && !profileId) organisation = organisation.trim();
  if (!type.asksWork) {
    work = '';
    supervisor = '';
  }

  const nameKey = foldForSearch(name);
  const notPermitted = matchesNotPermitted(tx.db, nameKey);
  const info = tx.db
    .prepare(
      `INSERT INTO visits (type_key, name, name_key, organisation, visiting, car_reg, work, supervisor, escort, texts_version, profile_id, invitation_id,
                           status, signed_in_at, signed_in_via, not_permitted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      type.key,
      name,
      nameKey,
      organisation.trim(),
      visiting.trim(),
      normaliseReg(carReg),
      work.trim(),
      supervisor.trim(),
      profileEscort(tx.db, profileId),
      input.textsVersion,
      profileId,
      invitationId,
      notPermitted ? 'waiting' : 'on-site',
      tx.now.toISOString(),
      input.via,
      notPermitted ? 1 : 0,
    );
  const visitId = Number(info.lastInsertRowid);
  if (invitationId !== null) tx.db.prepare('UPDATE invitations SET used_at = ? WHERE id = ?').run(tx.now.toISOString(), invitationId);
  tx.audit({ action: 'visit.signIn', entity: 'visit', entityId: visitId, values: { typeKey: type.key, via: input.via, textsVersion: input.textsVersion, invitationId, profileId } });
  if (notPermitted) {
    raiseAlert(tx, { kind: 'visitor-not-permitted', entity: 'visit', entityId: visitId });
    return { kind: 'wait', visitId };
  }
  const token = issueBadge(tx, visitId);
  return { kind: 'badge', visitId, badge: badgeOf(tx.db, visitId, token) };
}

/** How long after sign-in the kiosk may still fetch a badge by its token (to print it). */
export const KIOSK_BADGE_MINUTES = 10;

/**
 * A badge by its token, for the badge layout. The kiosk (staffOnly false) gets it only while the
 * visit is open and for a few minutes after it was issued; staff get any current badge.
 */
export function badgeByToken(db: Db, token: string, now: Date, opts: { staff: boolean }): Badge | null {
  const parsed = parseToken(token);
  if (!parsed || parsed.type !== 'visitorBadge') return null;
  const row = prepared(
    db,
    `SELECT b.visit_id AS visitId, b.issued_at AS issuedAt FROM visit_badges b JOIN visits v ON v.id = b.visit_id
     WHERE b.token = ? AND b.cancelled_at IS NULL AND v.status = 'on-site'`,
  ).get(parsed.token) as { visitId: number; issuedAt: string } | undefined;
  if (!row) return null;
  if (!opts.staff && now.getTime() - Date.parse(row.issuedAt) > KIOSK_BADGE_MINUTES * 60_000) return null;
  return badgeOf(db, row.visitId, parsed.token);
}

const SEE_OFFICE = 'Please see the office to sign out.';

/** Sign out by scanning one's own badge at the kiosk; returns the name for the goodbye screen. */
export function signOutByBadge(tx: Tx, token: string): { name: string } {
  const parsed = parseToken(token);
  if (!parsed || parsed.type !== 'visitorBadge') throw new DomainError('NOT_FOUND', `That is not a visitor badge. ${SEE_OFFICE}`, 'token');
  const row = prepared(
    tx.db,
    'SELECT b.cancelled_at AS cancelledAt, v.id, v.name, v.status FROM visit_badges b JOIN visits v ON v.id = b.visit_id WHERE b.token = ?',
  ).get(parsed.token) as { cancelledAt: string | null; id: number; name: string; status: VisitStatus } | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `We could not find that badge. ${SEE_OFFICE}`, 'token');
  if (row.status !== 'on-site') throw new DomainError('CONFLICT', 'This badge has already been signed out. Thank you for visiting.', 'token');
  if (row.cancelledAt !== null) throw new DomainError('RULE', `This badge has been replaced. ${SEE_OFFICE}`, 'token');
  closeVisit(tx, row.id, 'signed-out', 'kiosk');
  return { name: row.name };
}

function closeVisit(tx: Tx, id: number, status: 'signed-out' | 'not-signed-out' | 'turned-away', via: 'kiosk' | 'staff' | 'auto' | 'turned-away', at = tx.now): void {
  const by = actorString(tx.actor);
  tx.db
    .prepare("UPDATE visits SET status = ?, signed_out_at = max(signed_in_at, ?), signed_out_via = ?, signed_out_by = ? WHERE id = ? AND status IN ('waiting', 'on-site')")
    .run(status, at.toISOString(), via, by, id);
  tx.db.prepare('UPDATE visit_badges SET cancelled_at = ? WHERE visit_id = ? AND cancelled_at IS NULL').run(tx.now.toISOString(), id);
  tx.audit({ action: `visit.${status === 'signed-out' ? 'signOut' : status === 'turned-away' ? 'turnAway' : 'notSignedOut'}`, entity: 'visit', entityId: id, values: { via } });
}

function mustBeOpen(row: VisitRow, what: string): void {
  if (row.status !== 'on-site' && row.status !== 'waiting') throw new DomainError('CONFLICT', `This visit has already ended, so it cannot ${what}.`, 'id');
}

/** The office signs someone out (anyone, any time). */
export function staffSignOut(tx: Tx, id: number): Visit {
  requireStaff(tx, 'sign someone out here');
  const row = mustGetVisitRow(tx.db, id);
  mustBeOpen(row, 'be signed out');
  if (row.status === 'waiting') throw new DomainError('RULE', 'This person is waiting for staff: let them in or turn them away.', 'id');
  closeVisit(tx, id, 'signed-out', 'staff');
  return getVisit(tx.db, id);
}

/** A new badge for a lost one: the old token stops working. Returns the new token. */
export function reissueBadge(tx: Tx, id: number): { token: string } {
  requireStaff(tx, 'reprint a badge');
  const row = mustGetVisitRow(tx.db, id);
  if (row.status !== 'on-site') throw new DomainError('CONFLICT', 'Only someone on site can have a badge.', 'id');
  const token = issueBadge(tx, id);
  tx.audit({ action: 'visit.reissueBadge', entity: 'visit', entityId: id });
  return { token };
}

/** A not-permitted match waiting at reception: let in (leadership or DSL) or turn away. */
export function admitVisit(tx: Tx, id: number): { token: string } {
  requireLeadershipOrDsl(tx, 'let in someone on the not-permitted list');
  const row = mustGetVisitRow(tx.db, id);
  if (row.status !== 'waiting') throw new DomainError('CONFLICT', 'This person is not waiting to be let in.', 'id');
  tx.db.prepare("UPDATE visits SET status = 'on-site' WHERE id = ?").run(id);
  tx.audit({ action: 'visit.admit', entity: 'visit', entityId: id });
  return { token: issueBadge(tx, id) };
}

export function turnAwayVisit(tx: Tx, id: number): Visit {
  requireStaff(tx, 'turn someone away');
  const row = mustGetVisitRow(tx.db, id);
  if (row.status !== 'waiting') throw new DomainError('CONFLICT', 'Only someone waiting for staff can be turned away.', 'id');
  closeVisit(tx, id, 'turned-away', 'turned-away');
  return getVisit(tx.db, id);
}

/** Mark someone as staying past the closing time (a reason), or clear it (null). */
export function setStayOnSite(tx: Tx, id: number, reason: string | null): Visit {
  requireStaff(tx, 'mark someone as staying');
  const row = mustGetVisitRow(tx.db, id);
  if (row.status !== 'on-site') throw new DomainError('CONFLICT', 'Only someone on site can be marked as staying.', 'id');
  const value = reason === null ? null : reason.trim() || null;
  if (reason !== null && value === null) throw new DomainError('RULE', 'Say why they are staying (for example: evening letting).', 'reason');
  if (row.stay_reason === value) return getVisit(tx.db, id);
  tx.db.prepare('UPDATE visits SET stay_reason = ? WHERE id = ?').run(value, id);
  tx.audit({ action: 'visit.stay', entity: 'visit', entityId: id, values: { staying: value !== null } });
  return getVisit(tx.db, id);
}

/** The office has checked a visit closed as "not signed out" (with a note of what they found). */
export function checkNotSignedOut(tx: Tx, id: number, note: string): Visit {
  requireStaff(tx, 'check a visit');
  const row = mustGetVisitRow(tx.db, id);
  if (row.status !== 'not-signed-out') throw new DomainError('CONFLICT', 'Only a visit marked “not signed out” needs checking.', 'id');
  if (row.checked_at !== null) throw new DomainError('CONFLICT', 'This visit has already been checked.', 'id');
  tx.db.prepare('UPDATE visits SET checked_at = ?, checked_by = ?, checked_note = ? WHERE id = ?').run(tx.now.toISOString(), actorString(tx.actor), note.trim(), id);
  tx.audit({ action: 'visit.checked', entity: 'visit', entityId: id });
  return getVisit(tx.db, id);
}

/**
 * Close the visits still open at the closing time set in Settings (on the day they began), marked
 * "not signed out"; those marked as staying are left open. Returns how many were closed.
 */
export function closeOverdueVisits(tx: Tx): number {
  const due = overdueVisits(tx.db, tx.now);
  for (const v of due) closeVisit(tx, v.id, 'not-signed-out', 'auto', v.closeAt);
  return due.length;
}

/** The open visits past their day's closing time (none marked as staying). */
export function overdueVisits(db: Db, now: Date): { id: number; closeAt: Date }[] {
  const rows = prepared(db, "SELECT id, signed_in_at AS at FROM visits WHERE status IN ('waiting', 'on-site') AND stay_reason IS NULL").all() as { id: number; at: string }[];
  if (rows.length === 0) return [];
  const cal = loadCalendar(db);
  const closeTime = getSettings(db).visitorsCloseAt;
  // The closing instants of the days people signed in on (most are today: one calculation).
  const closing = new Map<string, Date>();
  const closeOn = (day: string) => {
    let at = closing.get(day);
    if (!at) closing.set(day, (at = cal.at(day, closeTime)));
    return at;
  };
  const startOfToday = cal.startOfDay(cal.localDate(now)).getTime();
  const todayClose = closeOn(cal.localDate(now)).getTime();
  const out: { id: number; closeAt: Date }[] = [];
  for (const r of rows) {
    const signedIn = Date.parse(r.at);
    // Signed in today before the closing time, and it is not yet that time: nothing to work out.
    if (signedIn >= startOfToday && signedIn <= todayClose && now.getTime() < todayClose) continue;
    const day = cal.localDate(new Date(r.at));
    let closeAt = closeOn(day);
    // Someone who signed in after the closing time is closed at the next day's closing time.
    if (closeAt.getTime() < signedIn) closeAt = closeOn(nextDate(day));
    if (closeAt.getTime() <= now.getTime()) out.push({ id: r.id, closeAt });
  }
  return out;
}

function nextDate(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Everyone on site now (and anyone waiting for staff), oldest first. */
export function listOnSite(db: Db): Visit[] {
  const rows = prepared(db, "SELECT * FROM visits WHERE status IN ('waiting', 'on-site') ORDER BY signed_in_at, id").all() as VisitRow[];
  const map = visitMapper(db);
  return rows.map(map);
}

/** Visits closed as "not signed out" that the office has not checked yet. */
export function listUnchecked(db: Db): Visit[] {
  const rows = db.prepare("SELECT * FROM visits WHERE status = 'not-signed-out' AND checked_at IS NULL ORDER BY signed_in_at, id").all() as VisitRow[];
  const map = visitMapper(db);
  return rows.map(map);
}

export interface VisitSearch {
  name?: string;
  organisation?: string;
  typeKey?: string;
  status?: VisitStatus;
  /** Local dates, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

/** The history: newest first; `total` counts every match, `visits` holds at most `limit` (default 500). */
export function searchVisits(db: Db, q: VisitSearch): { visits: Visit[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  const cal = loadCalendar(db);
  for (const w of searchWords(q.name ?? '')) {
    where.push("name_key LIKE ? ESCAPE '\\'");
    args.push(likeContains(w));
  }
  for (const w of searchWords(q.organisation ?? '')) {
    where.push("lower(organisation) LIKE ? ESCAPE '\\'");
    args.push(likeContains(w));
  }
  if (q.typeKey) {
    where.push('type_key = ?');
    args.push(q.typeKey);
  }
  if (q.status) {
    where.push('status = ?');
    args.push(q.status);
  }
  if (q.from) {
    where.push('signed_in_at >= ?');
    args.push(cal.startOfDay(q.from).toISOString());
  }
  if (q.to) {
    where.push('signed_in_at < ?');
    args.push(cal.startOfDay(nextDate(q.to)).toISOString());
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM visits ${clause}`).get(...args) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM visits ${clause} ORDER BY signed_in_at DESC, id DESC LIMIT ?`).all(...args, q.limit ?? 500) as VisitRow[];
  const map = visitMapper(db);
  return { visits: rows.map(map), total };
}

/** The history as CSV (formulas neutralised by the one CSV helper). */
export function visitsCsv(db: Db, q: VisitSearch): string {
  const cal = loadCalendar(db);
  const { visits } = searchVisits(db, { ...q, limit: 100_000 });
  const when = (iso: string | null) => (iso ? `${cal.localDate(new Date(iso))} ${cal.localTime(new Date(iso))}` : '');
  return toCsv(
    ['Signed in', 'Signed out', 'Status', 'Type', 'Name', 'Organisation', 'Visiting', 'Car registration', 'Work', 'Supervised by', 'Escort', 'Signed out by', 'Staying because', 'Checked note'],
    visits.map((v) => [
      when(v.signedInAt),
      when(v.signedOutAt),
      STATUS_WORDS[v.status],
      v.typeLabel,
      v.name,
      v.organisation,
      v.visiting,
      v.carReg,
      v.work,
      v.supervisor,
      ESCORT_WORDS[v.escort],
      v.signedOutBy ?? '',
      v.stayReason ?? '',
      v.checkedNote,
    ]),
  );
}

// ---- invitations --------------------------------------------------------------------------------

interface InvitationRow {
  id: number;
  code: string;
  type_key: string;
  name: string;
  organisation: string;
  visiting: string;
  car_reg: string;
  work: string;
  supervisor: string;
  expected_on: string;
  profile_id: number | null;
  created_at: string;
  created_by: string;
  cancelled_at: string | null;
  used_at: string | null;
}

function invitationMapper(db: Db, today: string): (r: InvitationRow) => Invitation {
  const labels = typeLabels(db);
  const name = staffNamer(db);
  return (r) => ({
    id: r.id,
    code: r.code,
    typeKey: r.type_key,
    typeLabel: labels.get(r.type_key) ?? r.type_key,
    name: r.name,
    organisation: r.organisation,
    visiting: r.visiting,
    carReg: r.car_reg,
    work: r.work,
    supervisor: r.supervisor,
    expectedOn: r.expected_on,
    profileId: r.profile_id,
    createdAt: r.created_at,
    createdBy: name(r.created_by),
    usedAt: r.used_at,
    cancelledAt: r.cancelled_at,
    status: r.cancelled_at ? 'cancelled' : r.used_at ? 'arrived' : r.expected_on < today ? 'missed' : 'expected',
  });
}

export function createInvitation(tx: Tx, input: InvitationPrefill & { expectedOn: string; profileId?: number }): Invitation {
  requireStaff(tx, 'invite a visitor');
  const type = mustGetType(tx.db, input.typeKey);
  if (!type.active) throw new DomainError('RULE', 'That visitor type is switched off.', 'typeKey');
  const today = loadCalendar(tx.db).localDate(tx.now);
  if (input.expectedOn < today) throw new DomainError('RULE', 'The date expected cannot be in the past.', 'expectedOn');
  if (type.asksOrganisation && !input.organisation.trim()) throw new DomainError('RULE', 'Enter their organisation or company.', 'organisation');
  if (input.profileId !== undefined && !tx.db.prepare('SELECT 1 FROM visitor_profiles WHERE id = ? AND active = 1').get(input.profileId)) {
    throw new DomainError('NOT_FOUND', 'That regular visitor profile is not on record.', 'profileId');
  }
  const code = newToken('invitation');
  const info = tx.db
    .prepare(
      `INSERT INTO invitations (code, type_key, name, organisation, visiting, car_reg, work, supervisor, expected_on, profile_id, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      code,
      type.key,
      input.name.trim(),
      input.organisation.trim(),
      input.visiting.trim(),
      normaliseReg(input.carReg),
      type.asksWork ? input.work.trim() : '',
      type.asksWork ? input.supervisor.trim() : '',
      input.expectedOn,
      input.profileId ?? null,
      tx.now.toISOString(),
      actorString(tx.actor),
    );
  const id = Number(info.lastInsertRowid);
  tx.audit({ action: 'invitation.create', entity: 'invitation', entityId: id, values: { typeKey: type.key, expectedOn: input.expectedOn } });
  return getInvitation(tx.db, id, tx.now);
}

export function getInvitation(db: Db, id: number, now: Date): Invitation {
  const row = db.prepare('SELECT * FROM invitations WHERE id = ?').get(id) as InvitationRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'That invitation is not on record.', 'id');
  return invitationMapper(db, loadCalendar(db).localDate(now))(row);
}

export function cancelInvitation(tx: Tx, id: number): Invitation {
  requireStaff(tx, 'cancel an invitation');
  const inv = getInvitation(tx.db, id, tx.now);
  if (inv.status === 'cancelled') throw new DomainError('CONFLICT', 'This invitation is already cancelled.', 'id');
  if (inv.status === 'arrived') throw new DomainError('CONFLICT', 'This visitor has already arrived.', 'id');
  tx.db.prepare('UPDATE invitations SET cancelled_at = ? WHERE id = ?').run(tx.now.toISOString(), id);
  tx.audit({ action: 'invitation.cancel', entity: 'invitation', entityId: id });
  return getInvitation(tx.db, id, tx.now);
}

/** Invitations expected between two local dates (inclusive), by date then name. */
export function listInvitations(db: Db, now: Date, range: { from: string; to: string }): Invitation[] {
  const rows = db.prepare('SELECT * FROM invitations WHERE expected_on BETWEEN ? AND ? ORDER BY expected_on, name, id').all(range.from, range.to) as InvitationRow[];
  return rows.map(invitationMapper(db, loadCalendar(db).localDate(now)));
}

// ---- regular visitors' profiles -----------------------------------------------------------------

interface ProfileRow {
  id: number;
  type_key: string;
  name: string;
  organisation: string;
  dbs_number: string;
  dbs_issued_on: string | null;
  dbs_seen_by: string;
  dbs_seen_on: string | null;
  notes: string;
  active: number;
  card_token: string | null;
}

function profileMapper(db: Db): (r: ProfileRow) => VisitorProfile {
  const labels = typeLabels(db);
  return (r) => ({
    id: r.id,
    typeKey: r.type_key,
    typeLabel: labels.get(r.type_key) ?? r.type_key,
    name: r.name,
    organisation: r.organisation,
    dbsNumber: r.dbs_number,
    dbsIssuedOn: r.dbs_issued_on,
    dbsSeenBy: r.dbs_seen_by,
    dbsSeenOn: r.dbs_seen_on,
    notes: r.notes,
    active: r.active === 1,
    escort: r.active === 1 && r.dbs_seen_on !== null ? 'unescorted' : 'escorted',
    cardToken: r.card_token,
  });
}

export function listProfiles(db: Db, opts: { includeInactive?: boolean } = {}): VisitorProfile[] {
  const rows = db.prepare(`SELECT * FROM visitor_profiles ${opts.includeInactive ? '' : 'WHERE active = 1'} ORDER BY name_key, id`).all() as ProfileRow[];
  return rows.map(profileMapper(db));
}

export function getProfile(db: Db, id: number): VisitorProfile {
  const row = db.prepare('SELECT * FROM visitor_profiles WHERE id = ?').get(id) as ProfileRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'That profile is not on record.', 'id');
  return profileMapper(db)(row);
}

export interface ProfileInput {
  id?: number;
  typeKey: string;
  name: string;
  organisation: string;
  /** The DBS certificate number seen (never a copy of the certificate); '' when none was seen. */
  dbsNumber: string;
  dbsIssuedOn: string | null;
  dbsSeenBy: string;
  dbsSeenOn: string | null;
  notes: string;
  active: boolean;
}

export function saveProfile(tx: Tx, input: ProfileInput): VisitorProfile {
  requireStaff(tx, 'keep regular visitor profiles');
  mustGetType(tx.db, input.typeKey);
  const dbs = input.dbsNumber.replace(/\s+/g, '').toUpperCase();
  const today = loadCalendar(tx.db).localDate(tx.now);
  if (dbs) {
    if (!/^[0-9]{12}$/.test(dbs)) throw new DomainError('RULE', 'A DBS certificate number has 12 digits.', 'dbsNumber');
    if (!input.dbsIssuedOn) throw new DomainError('RULE', 'Enter the date on the DBS certificate.', 'dbsIssuedOn');
    if (input.dbsIssuedOn > today) throw new DomainError('RULE', 'The DBS certificate’s date cannot be in the future.', 'dbsIssuedOn');
    if (!input.dbsSeenBy.trim()) throw new DomainError('RULE', 'Enter who saw the DBS certificate.', 'dbsSeenBy');
    if (!input.dbsSeenOn) throw new DomainError('RULE', 'Enter the date the DBS certificate was seen.', 'dbsSeenOn');
    if (input.dbsSeenOn > today) throw new DomainError('RULE', 'The date the certificate was seen cannot be in the future.', 'dbsSeenOn');
    if (input.dbsSeenOn < input.dbsIssuedOn) throw new DomainError('RULE', 'The certificate cannot have been seen before its date.', 'dbsSeenOn');
  }
  const values = [
    input.typeKey,
    input.name.trim(),
    foldForSearch(input.name),
    input.organisation.trim(),
    dbs,
    dbs ? input.dbsIssuedOn : null,
    dbs ? input.dbsSeenBy.trim() : '',
    dbs ? input.dbsSeenOn : null,
    input.notes.trim(),
    input.active ? 1 : 0,
  ];
  let id = input.id;
  if (id === undefined) {
    const info = tx.db
      .prepare(
        `INSERT INTO visitor_profiles (type_key, name, name_key, organisation, dbs_number, dbs_issued_on, dbs_seen_by, dbs_seen_on, notes, active, card_token)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...values, newToken('invitation'));
    id = Number(info.lastInsertRowid);
    tx.audit({ action: 'visitorProfile.add', entity: 'visitor_profile', entityId: id, values: { typeKey: input.typeKey, dbsSeen: dbs !== '' } });
  } else {
    getProfile(tx.db, id);
    tx.db
      .prepare(
        `UPDATE visitor_profiles SET type_key = ?, name = ?, name_key = ?, organisation = ?, dbs_number = ?, dbs_issued_on = ?, dbs_seen_by = ?, dbs_seen_on = ?, notes = ?, active = ?
         WHERE id = ?`,
      )
      .run(...values, id);
    tx.audit({ action: 'visitorProfile.update', entity: 'visitor_profile', entityId: id, values: { typeKey: input.typeKey, dbsSeen: dbs !== '', active: input.active } });
  }
  return getProfile(tx.db, id);
}

/** A new card for a regular visitor (a lost one): the old code stops working. */
export function reissueProfileCard(tx: Tx, id: number): VisitorProfile {
  requireStaff(tx, 'issue a card');
  const p = getProfile(tx.db, id);
  if (!p.active) throw new DomainError('RULE', 'This profile is switched off.', 'id');
  tx.db.prepare('UPDATE visitor_profiles SET card_token = ? WHERE id = ?').run(newToken('invitation'), id);
  tx.audit({ action: 'visitorProfile.card', entity: 'visitor_profile', entityId: id });
  return getProfile(tx.db, id);
}

// ---- the not-permitted list (leadership and DSLs) -----------------------------------------------

export function listNotPermitted(db: Db): NotPermittedEntry[] {
  const name = staffNamer(db);
  const rows = db.prepare('SELECT id, name, category, added_at AS addedAt, added_by AS addedBy FROM not_permitted WHERE removed_at IS NULL ORDER BY name_key, id').all() as NotPermittedEntry[];
  return rows.map((r) => ({ ...r, addedBy: name(r.addedBy) }));
}

export function addNotPermitted(tx: Tx, input: { name: string; category: NotPermittedCategory }): NotPermittedEntry {
  requireLeadershipOrDsl(tx, 'change the not-permitted list');
  const nameKey = foldForSearch(input.name);
  if (!nameKey) throw new DomainError('RULE', 'Enter the person’s name.', 'name');
  if (matchesNotPermitted(tx.db, nameKey)) throw new DomainError('CONFLICT', 'That name is already on the list.', 'name');
  const info = tx.db
    .prepare('INSERT INTO not_permitted (name, name_key, category, added_at, added_by) VALUES (?, ?, ?, ?, ?)')
    .run(input.name.trim(), nameKey, input.category, tx.now.toISOString(), actorString(tx.actor));
  const id = Number(info.lastInsertRowid);
  tx.audit({ action: 'notPermitted.add', entity: 'not_permitted', entityId: id, values: { category: input.category } });
  return listNotPermitted(tx.db).find((e) => e.id === id)!;
}

export function removeNotPermitted(tx: Tx, id: number): void {
  requireLeadershipOrDsl(tx, 'change the not-permitted list');
  const info = tx.db.prepare('UPDATE not_permitted SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL').run(tx.now.toISOString(), actorString(tx.actor), id);
  if (info.changes === 0) throw new DomainError('NOT_FOUND', 'That entry is not on the list.', 'id');
  tx.audit({ action: 'notPermitted.remove', entity: 'not_permitted', entityId: id });
}

// ---- breaches of 6.4 ----------------------------------------------------------------------------

export function reportBreach(tx: Tx, input: { visitId?: number; person: string; occurredAt: string; kind: BreachKind; what: string; dslTold: boolean }): Breach {
  requireStaff(tx, 'report a breach');
  if (input.visitId !== undefined) mustGetVisitRow(tx.db, input.visitId);
  if (input.occurredAt > tx.now.toISOString()) throw new DomainError('RULE', 'When it happened cannot be in the future.', 'occurredAt');
  if (input.kind === 'other' && !input.what.trim()) throw new DomainError('RULE', 'Say briefly what happened.', 'what');
  const by = actorString(tx.actor);
  const now = tx.now.toISOString();
  const info = tx.db
    .prepare(
      `INSERT INTO visitor_breaches (visit_id, person, occurred_at, kind, what, reported_at, reported_by, dsl_told_at, dsl_told_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.visitId ?? null, input.person.trim(), input.occurredAt, input.kind, input.what.trim(), now, by, input.dslTold ? now : null, input.dslTold ? by : null);
  const id = Number(info.lastInsertRowid);
  tx.audit({ action: 'breach.report', entity: 'visitor_breach', entityId: id, values: { kind: input.kind, visitId: input.visitId ?? null, dslTold: input.dslTold } });
  return listBreaches(tx.db, {}).find((b) => b.id === id)!;
}

export function markBreachDslTold(tx: Tx, id: number): Breach {
  requireStaff(tx, 'record that the DSL was told');
  const row = tx.db.prepare('SELECT dsl_told_at AS told FROM visitor_breaches WHERE id = ?').get(id) as { told: string | null } | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'That breach is not on record.', 'id');
  if (row.told !== null) throw new DomainError('CONFLICT', 'The DSL has already been told.', 'id');
  tx.db.prepare('UPDATE visitor_breaches SET dsl_told_at = ?, dsl_told_by = ? WHERE id = ?').run(tx.now.toISOString(), actorString(tx.actor), id);
  tx.audit({ action: 'breach.dslTold', entity: 'visitor_breach', entityId: id });
  return listBreaches(tx.db, {}).find((b) => b.id === id)!;
}

export function listBreaches(db: Db, q: { visitId?: number; from?: string; to?: string }): Breach[] {
  const name = staffNamer(db);
  const cal = loadCalendar(db);
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.visitId !== undefined) {
    where.push('visit_id = ?');
    args.push(q.visitId);
  }
  if (q.from) {
    where.push('occurred_at >= ?');
    args.push(cal.startOfDay(q.from).toISOString());
  }
  if (q.to) {
    where.push('occurred_at < ?');
    args.push(cal.startOfDay(nextDate(q.to)).toISOString());
  }
  const rows = db
    .prepare(
      `SELECT id, visit_id AS visitId, person, occurred_at AS occurredAt, kind, what, reported_at AS reportedAt, reported_by AS reportedBy,
              dsl_told_at AS dslToldAt, dsl_told_by AS dslToldBy
       FROM visitor_breaches ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY occurred_at DESC, id DESC LIMIT 1000`,
    )
    .all(...args) as Breach[];
  return rows.map((b) => ({ ...b, reportedBy: name(b.reportedBy), dslToldBy: b.dslToldBy === null ? null : name(b.dslToldBy) }));
}

// ---- fire roll call -----------------------------------------------------------------------------

/**
 * Start a roll call of everyone on site (and anyone waiting at reception); a roll call already
 * under way is returned instead, so pressing the button twice never loses the ticks.
 */
export function startRollCall(tx: Tx): RollCall {
  requireStaff(tx, 'start a roll call');
  const open = tx.db.prepare('SELECT id FROM roll_calls WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1').get() as { id: number } | undefined;
  if (open) return getRollCall(tx.db, open.id);
  const info = tx.db.prepare('INSERT INTO roll_calls (started_at, started_by) VALUES (?, ?)').run(tx.now.toISOString(), actorString(tx.actor));
  const id = Number(info.lastInsertRowid);
  const people = tx.db
    .prepare(`INSERT INTO roll_call_people (roll_call_id, visit_id) SELECT ?, id FROM visits WHERE status IN ('waiting', 'on-site')`)
    .run(id).changes;
  tx.audit({ action: 'rollCall.start', entity: 'roll_call', entityId: id, values: { people } });
  return getRollCall(tx.db, id);
}

export function accountFor(tx: Tx, rollCallId: number, visitId: number, accounted: boolean): RollCall {
  requireStaff(tx, 'tick the roll call');
  const call = tx.db.prepare('SELECT ended_at AS endedAt FROM roll_calls WHERE id = ?').get(rollCallId) as { endedAt: string | null } | undefined;
  if (!call) throw new DomainError('NOT_FOUND', 'That roll call is not on record.', 'rollCallId');
  if (call.endedAt !== null) throw new DomainError('CONFLICT', 'This roll call has ended.', 'rollCallId');
  const person = tx.db.prepare('SELECT accounted_at AS at FROM roll_call_people WHERE roll_call_id = ? AND visit_id = ?').get(rollCallId, visitId) as { at: string | null } | undefined;
  if (!person) throw new DomainError('NOT_FOUND', 'That person is not on this roll call.', 'visitId');
  // Ticking twice keeps the first time (two people at the assembly point may tick the same person).
  if ((person.at !== null) === accounted) return getRollCall(tx.db, rollCallId);
  tx.db
    .prepare('UPDATE roll_call_people SET accounted_at = ?, accounted_by = ? WHERE roll_call_id = ? AND visit_id = ?')
    .run(accounted ? tx.now.toISOString() : null, accounted ? actorString(tx.actor) : null, rollCallId, visitId);
  tx.audit({ action: accounted ? 'rollCall.accounted' : 'rollCall.unticked', entity: 'roll_call', entityId: rollCallId, values: { visitId } });
  return getRollCall(tx.db, rollCallId);
}

export function endRollCall(tx: Tx, id: number): RollCall {
  requireStaff(tx, 'end a roll call');
  const info = tx.db.prepare('UPDATE roll_calls SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL').run(tx.now.toISOString(), actorString(tx.actor), id);
  if (info.changes === 0) {
    if (!tx.db.prepare('SELECT 1 FROM roll_calls WHERE id = ?').get(id)) throw new DomainError('NOT_FOUND', 'That roll call is not on record.', 'id');
    throw new DomainError('CONFLICT', 'This roll call has already ended.', 'id');
  }
  const rc = getRollCall(tx.db, id);
  tx.audit({ action: 'rollCall.end', entity: 'roll_call', entityId: id, values: { people: rc.people.length, accounted: rc.accounted } });
  return rc;
}

export function getRollCall(db: Db, id: number): RollCall {
  const head = prepared(db, 'SELECT id, started_at AS startedAt, started_by AS startedBy, ended_at AS endedAt, ended_by AS endedBy FROM roll_calls WHERE id = ?').get(id) as
    | { id: number; startedAt: string; startedBy: string; endedAt: string | null; endedBy: string | null }
    | undefined;
  if (!head) throw new DomainError('NOT_FOUND', 'That roll call is not on record.', 'id');
  const name = staffNamer(db);
  const labels = typeLabels(db);
  const rows = prepared(
    db,
    `SELECT v.id AS visitId, v.name, v.type_key AS typeKey, v.organisation, v.visiting, v.escort, v.signed_in_at AS signedInAt, v.stay_reason AS stayReason,
            p.accounted_at AS accountedAt, p.accounted_by AS accountedBy
     FROM roll_call_people p JOIN visits v ON v.id = p.visit_id WHERE p.roll_call_id = ? ORDER BY v.name_key, v.id`,
  ).all(id) as (Omit<RollCallPerson, 'typeLabel'> & { typeKey: string })[];
  const people = rows.map(({ typeKey, ...p }) => ({ ...p, typeLabel: labels.get(typeKey) ?? typeKey, accountedBy: p.accountedBy === null ? null : name(p.accountedBy) }));
  return {
    ...head,
    startedBy: name(head.startedBy),
    endedBy: head.endedBy === null ? null : name(head.endedBy),
    people,
    accounted: people.filter((p) => p.accountedAt !== null).length,
  };
}

export function listRollCalls(db: Db, limit = 50): RollCallSummary[] {
  const name = staffNamer(db);
  const rows = db
    .prepare(
      `SELECT r.id, r.started_at AS startedAt, r.started_by AS startedBy, r.ended_at AS endedAt,
              count(p.visit_id) AS people, count(p.accounted_at) AS accounted
       FROM roll_calls r LEFT JOIN roll_call_people p ON p.roll_call_id = r.id GROUP BY r.id ORDER BY r.id DESC LIMIT ?`,
    )
    .all(limit) as RollCallSummary[];
  return rows.map((r) => ({ ...r, startedBy: name(r.startedBy) }));
}

// ---- retention ----------------------------------------------------------------------------------

/** The instant before which visit records are deleted: the retention months in Settings before now. */
export function retentionCutoff(db: Db, now: Date): string {
  const months = getSettings(db).visitRetentionMonths;
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

/** Is any closed visit or invitation older than the retention period? (One indexed look.) */
export function oldVisitsDue(db: Db, now: Date): boolean {
  const cutoff = retentionCutoff(db, now);
  return (
    prepared(db, "SELECT 1 FROM visits WHERE signed_in_at < ? AND status NOT IN ('waiting', 'on-site') LIMIT 1").get(cutoff) !== undefined ||
    prepared(db, 'SELECT 1 FROM invitations WHERE expected_on < ? LIMIT 1').get(cutoff.slice(0, 10)) !== undefined
  );
}

/**
 * Delete what the privacy notice says is kept no longer: closed visits signed in before the cutoff
 * with their badges and roll-call entries, invitations expected before it, and roll calls left
 * with nobody. A breach of 6.4 is a safeguarding record and stays (its link to the visit goes).
 * Nothing still open is touched. The audit keeps one row with the counts (audit rows hold ids only).
 */
export function purgeOldVisits(tx: Tx): { visits: number; invitations: number } {
  const cutoff = retentionCutoff(tx.db, tx.now);
  const old = "SELECT id FROM visits WHERE signed_in_at < ? AND status NOT IN ('waiting', 'on-site')";
  tx.db.prepare(`UPDATE visitor_breaches SET visit_id = NULL WHERE visit_id IN (${old})`).run(cutoff);
  tx.db.prepare(`DELETE FROM roll_call_people WHERE visit_id IN (${old})`).run(cutoff);
  tx.db.prepare(`DELETE FROM visit_badges WHERE visit_id IN (${old})`).run(cutoff);
  const visits = tx.db.prepare(old.replace('SELECT id FROM', 'DELETE FROM')).run(cutoff).changes;
  const invitations = tx.db
    .prepare('DELETE FROM invitations WHERE expected_on < ? AND id NOT IN (SELECT invitation_id FROM visits WHERE invitation_id IS NOT NULL)')
    .run(cutoff.slice(0, 10)).changes;
  tx.db.prepare('DELETE FROM roll_calls WHERE started_at < ? AND id NOT IN (SELECT roll_call_id FROM roll_call_people)').run(cutoff);
  if (visits + invitations > 0) tx.audit({ action: 'visits.retention', entity: 'visit', entityId: null, values: { visits, invitations, before: cutoff } });
  return { visits, invitations };
}

// ---- the kiosk's "see the office" tile ----------------------------------------------------------

/** "Dropping off or collecting?": an alert on the console (one at a time within 30 seconds). */
export function askForOffice(tx: Tx): void {
  const recent = tx.db
    .prepare("SELECT 1 FROM alerts WHERE kind = 'visitor-see-office' AND resolved_at IS NULL AND created_at > ?")
    .get(new Date(tx.now.getTime() - 30_000).toISOString());
  if (!recent) raiseAlert(tx, { kind: 'visitor-see-office', entity: null, entityId: null });
}
