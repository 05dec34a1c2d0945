/**
 * Who may read what (issue 13): the details of a safeguarding decision belong to the DSLs. Everyone
 * else on the staff sees THAT a decision exists and who made it ("Parents/carers not informed: a
 * DSL decision by …", "On hold", "Handed to the police by …"), never its content: the reason
 * parents were not told, the DSL's reference, the UKCIS steps and decisions, the police officer,
 * shoulder number, crime reference, seal number and receipt, hold reasons, and a "must not
 * collect" contact's category.
 *
 * The rule lives here, in one place per kind of record, and is applied to what leaves the API
 * (the handlers call it on the answers), not inside the rules of db/confiscations.ts and
 * db/contacts.ts, which store and check everything as before. The register, its CSV and its
 * print carry none of these details for anyone (only that parents were not told, or that a
 * device is on hold or with the police), so reading a list is not a view to log.
 * test/api/dsl-only.test.ts calls every channel as every role to prove it.
 *
 * A DSL receiving those details is logged as an audit row ('dsl.viewed', entity 'dsl-view'), so a
 * DSL can list who viewed what and when. Audit rows rather than a table of their own: the audit
 * log already holds who, when and which record, is append-only and hash-chained (a removed view
 * shows), and holds ids only. The entity 'dsl-view' keeps the list on the audit's (entity,
 * entity_id) index instead of a scan of the whole log.
 */
import type { CustodyEvent, DeviceType, EventKind } from './confiscations';
import type { ContactRecord } from './contacts';
import { loadCalendar } from './closures';
import type { Db } from './open';
import { staffNamer } from './staff';
import type { Tx } from './tx';

/**
 * For each kind of custody event, the detail fields that anyone on the staff may see; 'all' for a
 * kind with no DSL-only detail. An allow-list on purpose: a field added later to a DSL kind stays
 * with the DSLs until someone decides otherwise here, and a new kind is a compile error until it
 * has its row.
 */
export const EVENT_FIELDS_FOR_EVERYONE: Record<EventKind, 'all' | readonly string[]> = {
  recorded: 'all',
  moved: 'all',
  'parents-informed': 'all',
  // who decided, never why
  'parents-not-informed': ['decidedBy'],
  // that the DSL was told (the event itself), never the safeguarding system's reference
  'dsl-informed': [],
  'exam-reported': 'all',
  searched: 'all',
  // that the steps were taken (the event and who recorded it), not the steps and decisions
  'ukcis-steps': [],
  // that it went to the police and who handed it over (the event's `by`), none of the police details
  'police-handover': [],
  // where it is held now is on the record anyway; the returning officer is a police detail
  'police-returned': ['to'],
  'police-retained': [],
  hold: [],
  'hold-lifted': [],
  released: 'all',
  amended: 'all',
  'slip-printed': 'all',
  // the DSL's decision (social care, police, in school) is the DSL's; who decided and when are the event's own
  'ukcis-decision': [],
};

/** The DSL-only detail fields of each event kind, as a list (for the screens' words and the tests). */
export function dslOnlyFields(kind: EventKind, details: Record<string, unknown>): string[] {
  const open = EVENT_FIELDS_FOR_EVERYONE[kind] ?? [];
  if (open === 'all') return [];
  return Object.keys(details).filter((k) => !open.includes(k));
}

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && v !== false;
}

/** Does this chain of custody hold any DSL-only detail with a value? (Then a DSL reading it is a view to log.) */
export function carriesDslOnly(events: readonly Pick<CustodyEvent, 'kind' | 'details'>[]): boolean {
  return events.some((e) => dslOnlyFields(e.kind, e.details).some((k) => hasValue(e.details[k])));
}

/** An event as a session may see it; `withheld` (only then present) when DSL-only details were left out of it. */
export type ShownEvent<E extends CustodyEvent = CustodyEvent> = E & { withheld?: true };

/**
 * The chain of custody for a DSL (everything) or for anyone else (the DSL-only fields left out).
 * `dslDetails` says whether the answer carries any DSL-only detail with a value, i.e. whether a
 * DSL receiving it counts as a view to log.
 */
export function eventsFor<E extends CustodyEvent>(events: readonly E[], dsl: boolean): { events: ShownEvent<E>[]; dslDetails: boolean } {
  let dslDetails = false;
  const shown = events.map((e): ShownEvent<E> => {
    const hidden = dslOnlyFields(e.kind, e.details);
    const valued = hidden.some((k) => hasValue(e.details[k]));
    if (valued) dslDetails = true;
    if (dsl || hidden.length === 0) return e;
    const details = Object.fromEntries(Object.entries(e.details).filter(([k]) => !hidden.includes(k)));
    return valued ? { ...e, details, withheld: true } : { ...e, details };
  });
  return { events: shown, dslDetails };
}

/** A contact as a session may see it: the "must not collect" category for a DSL only. */
export function contactFor<C extends Pick<ContactRecord, 'noContactCategory'>>(c: C, dsl: boolean): C {
  return dsl ? c : { ...c, noContactCategory: null };
}

/**
 * Who marked each flagged contact "must not collect" (the staff actor of its latest audit row),
 * so everyone can see that it was a DSL decision and whose. Only flagged contacts are looked up.
 */
export function noContactMarkedBy(db: Db, contacts: readonly Pick<ContactRecord, 'id' | 'noContact'>[]): Map<number, string> {
  const out = new Map<number, string>();
  const flagged = contacts.filter((c) => c.noContact);
  if (flagged.length === 0) return out;
  const stmt = db.prepare("SELECT actor FROM audit WHERE entity = 'contact' AND entity_id = ? AND action = 'contact.no-contact' ORDER BY seq DESC LIMIT 1").pluck();
  const name = staffNamer(db);
  for (const c of flagged) {
    const actor = stmt.get(String(c.id)) as string | undefined;
    if (actor) out.set(c.id, actor.startsWith('staff:') ? name(actor) : 'a DSL');
  }
  return out;
}

// ---- views of DSL-only details ------------------------------------------------------------------

export type DslViewOf = { kind: 'confiscation'; id: number } | { kind: 'contacts'; pupilId: number };

const VIEW_ENTITY = 'dsl-view';

function viewKey(of: DslViewOf): string {
  return of.kind === 'confiscation' ? `confiscation:${of.id}` : `contacts:${of.pupilId}`;
}

/**
 * A record page re-reads its record (after each change, and to see a change made at another desk):
 * one DSL reading one record again within this window is one view, not a row a minute.
 */
export const VIEW_WINDOW_MS = 15 * 60_000;

/** Has this actor's view of this record been logged within the window? (A read: checked before opening a write.) */
export function viewLoggedRecently(db: Db, actor: string, of: DslViewOf, now: Date): boolean {
  const last = db
    .prepare('SELECT at FROM audit WHERE entity = ? AND entity_id = ? AND actor = ? ORDER BY seq DESC LIMIT 1')
    .pluck()
    .get(VIEW_ENTITY, viewKey(of), actor) as string | undefined;
  return last !== undefined && now.getTime() - Date.parse(last) < VIEW_WINDOW_MS;
}

/** Log that the acting DSL received the DSL-only details of a record (inside a write). */
export function logDslView(tx: Tx, of: DslViewOf): void {
  tx.audit({ action: 'dsl.viewed', entity: VIEW_ENTITY, entityId: viewKey(of) });
}

export interface DslView {
  at: string;
  /** The member of staff's name. */
  by: string;
  what: 'confiscation' | 'contacts';
  /** The confiscation's id, or the pupil's id for their contacts. */
  recordId: number;
  pupilId: number | null;
  /** The pupil's name; null when the record has since been removed. */
  pupil: string | null;
  /** For a confiscation: its device (type and description); null otherwise. */
  device: { type: DeviceType; description: string } | null;
}

export const DSL_VIEWS_LIMIT = 500;

/** Views of DSL-only details, newest first, between two school dates (inclusive); at most DSL_VIEWS_LIMIT. */
export function listDslViews(db: Db, filter: { from?: string; to?: string } = {}): DslView[] {
  const cal = loadCalendar(db);
  const where = ['entity = ?'];
  const args: unknown[] = [VIEW_ENTITY];
  if (filter.from) {
    where.push('at >= ?');
    args.push(cal.startOfDay(filter.from).toISOString());
  }
  if (filter.to) {
    where.push('at < ?');
    args.push(cal.startOfDay(cal.addDays(filter.to, 1)).toISOString());
  }
  args.push(DSL_VIEWS_LIMIT);
  const rows = db.prepare(`SELECT at, actor, entity_id AS entityId FROM audit WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`).all(...args) as {
    at: string;
    actor: string;
    entityId: string;
  }[];
  const name = staffNamer(db);
  const confiscation = db.prepare(
    'SELECT p.id AS pupilId, p.forename, p.surname, c.device_type AS deviceType, c.description FROM confiscations c JOIN pupils p ON p.id = c.pupil_id WHERE c.id = ?',
  );
  const pupil = db.prepare('SELECT id AS pupilId, forename, surname FROM pupils WHERE id = ?');
  const out: DslView[] = [];
  for (const r of rows) {
    const [what, idText] = r.entityId.split(':') as [string, string];
    const recordId = Number(idText);
    if (what === 'confiscation') {
      const c = confiscation.get(recordId) as { pupilId: number; forename: string; surname: string; deviceType: DeviceType; description: string } | undefined;
      out.push({ at: r.at, by: name(r.actor), what, recordId, pupilId: c?.pupilId ?? null, pupil: c ? `${c.forename} ${c.surname}` : null, device: c ? { type: c.deviceType, description: c.description } : null });
    } else if (what === 'contacts') {
      const p = pupil.get(recordId) as { pupilId: number; forename: string; surname: string } | undefined;
      out.push({ at: r.at, by: name(r.actor), what, recordId, pupilId: p?.pupilId ?? null, pupil: p ? `${p.forename} ${p.surname}` : null, device: null });
    }
  }
  return out;
}
