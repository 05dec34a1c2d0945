/**
 * The pupil roll: pupils added and edited by hand, search by any part of a name (ignoring case,
 * accents and apostrophes) over the stored search key, classes, and leavers. A pupil is never
 * deleted: leaving sets status 'left' and left_on (the school's date), and the record stays readable.
 */
import { loadCalendar } from './closures';
import { toCsv } from './csv';
import { DomainError } from './errors';
import type { Db } from './open';
import { prepared } from './statements';
import { likeContains, pupilSearchKey, searchWords } from './text';
import type { Tx } from './tx';

export type PupilStatus = 'on-roll' | 'left';

export interface PupilRecord {
  id: number;
  upn: string | null;
  adno: string | null;
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  status: PupilStatus;
  leftOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PupilListItem extends PupilRecord {
  hasCard: boolean;
  hasNoContactFlag: boolean;
}

export interface PupilFields {
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  upn: string | null;
  adno: string | null;
}

export type PupilPatch = Partial<PupilFields & { status: PupilStatus }>;

export const RECORD_COLUMNS = `p.id, p.upn, p.adno, p.forename, p.surname, p.year_group AS yearGroup, p.reg_group AS regGroup,
  p.status, p.left_on AS leftOn, p.created_at AS createdAt, p.updated_at AS updatedAt`;

const FLAG_COLUMNS = `EXISTS (SELECT 1 FROM pupil_cards c WHERE c.pupil_id = p.id AND c.revoked_at IS NULL) AS hasCard,
  EXISTS (SELECT 1 FROM contacts k WHERE k.pupil_id = p.id AND k.no_contact = 1) AS hasNoContactFlag`;

interface RawListItem extends PupilRecord {
  hasCard: number;
  hasNoContactFlag: number;
}

function listItem(r: RawListItem): PupilListItem {
  return { ...r, hasCard: r.hasCard === 1, hasNoContactFlag: r.hasNoContactFlag === 1 };
}

/** "Reception" or "Year 5". */
export function yearLabel(yearGroup: number): string {
  return yearGroup === 0 ? 'Reception' : `Year ${yearGroup}`;
}

export function getPupilRecord(db: Db, id: number): PupilRecord | null {
  return (db.prepare(`SELECT ${RECORD_COLUMNS} FROM pupils p WHERE p.id = ?`).get(id) as PupilRecord | undefined) ?? null;
}

export function getPupilListItem(db: Db, id: number): PupilListItem | null {
  const row = db.prepare(`SELECT ${RECORD_COLUMNS}, ${FLAG_COLUMNS} FROM pupils p WHERE p.id = ?`).get(id) as RawListItem | undefined;
  return row ? listItem(row) : null;
}

export function mustGetPupil(db: Db, id: number, field = 'id'): PupilRecord {
  const p = getPupilRecord(db, id);
  if (!p) throw new DomainError('NOT_FOUND', 'That pupil is not on the roll (or the record no longer exists).', field);
  return p;
}

export interface PupilSearch {
  query?: string;
  includeLeft?: boolean;
  yearGroup?: number;
  regGroup?: string;
  /** Default DEFAULT_SEARCH_LIMIT. */
  limit?: number;
}

export const DEFAULT_SEARCH_LIMIT = 200;

/**
 * Pupils whose name contains every word of the query (folded: case, accents and apostrophes do
 * not matter; the words may come in any order). Pupils with a word matching the start of a name
 * come first; then by surname, first name. On roll only unless includeLeft.
 */
export function searchPupils(db: Db, q: PupilSearch = {}): PupilListItem[] {
  const words = searchWords(q.query ?? '').slice(0, 8);
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (!q.includeLeft) where.push("p.status = 'on-roll'");
  if (q.yearGroup !== undefined) {
    where.push('p.year_group = ?');
    args.push(q.yearGroup);
  }
  if (q.regGroup !== undefined) {
    where.push('p.reg_group = ? COLLATE NOCASE');
    args.push(q.regGroup.trim());
  }
  for (const w of words) {
    where.push("p.search_key LIKE ? ESCAPE '\\'");
    args.push(likeContains(w));
  }
  // Rank: the first word starts a name (' ' || key so the key's first name counts too).
  let rank = '';
  const rankArgs: string[] = [];
  if (words.length > 0) {
    rank = "CASE WHEN (' ' || p.search_key) LIKE ? ESCAPE '\\' THEN 0 ELSE 1 END, ";
    rankArgs.push(`% ${likeContains(words[0] as string).slice(1)}`);
  }
  const sql = `SELECT p.id FROM pupils p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${rank}p.search_key, p.id LIMIT ?`;
  const ids = prepared(db, sql)
    .pluck()
    .all(...args, ...rankArgs, q.limit ?? DEFAULT_SEARCH_LIMIT) as number[];
  if (ids.length === 0) return [];
  const byId = prepared(db, `SELECT ${RECORD_COLUMNS}, ${FLAG_COLUMNS} FROM pupils p WHERE p.id = ?`);
  return ids.map((id) => listItem(byId.get(id) as RawListItem));
}

/** The classes on roll with their sizes, by year then class name. */
export function listClasses(db: Db): { yearGroup: number; regGroup: string; pupils: number }[] {
  return db
    .prepare(
      `SELECT year_group AS yearGroup, reg_group AS regGroup, count(*) AS pupils FROM pupils
       WHERE status = 'on-roll' GROUP BY year_group, reg_group ORDER BY year_group, reg_group COLLATE NOCASE`,
    )
    .all() as { yearGroup: number; regGroup: string; pupils: number }[];
}

/** Who already holds a UPN or admission number (another pupil than `exceptId`), or null. */
export function holderOf(db: Db, field: 'upn' | 'adno', value: string, exceptId?: number): PupilRecord | null {
  const row = db.prepare(`SELECT ${RECORD_COLUMNS} FROM pupils p WHERE p.${field === 'upn' ? 'upn' : 'adno'} = ? AND p.id <> ?`).get(value, exceptId ?? 0) as
    | PupilRecord
    | undefined;
  return row ?? null;
}

function refuseDuplicate(db: Db, field: 'upn' | 'adno', value: string | null, exceptId?: number): void {
  if (value === null) return;
  const other = holderOf(db, field, value, exceptId);
  if (!other) return;
  const who = `${other.forename} ${other.surname}${other.status === 'left' ? ' (left)' : ''}`;
  const what = field === 'upn' ? 'UPN' : 'admission number';
  throw new DomainError('CONFLICT', `${who} already has the ${what} ${value}. Check the number.`, field);
}

function requireNames(f: { forename?: string; surname?: string }): void {
  if (f.forename !== undefined && f.forename.trim() === '') throw new DomainError('RULE', 'Enter the first name.', 'forename');
  if (f.surname !== undefined && f.surname.trim() === '') throw new DomainError('RULE', 'Enter the surname.', 'surname');
}

function requireYear(yearGroup: number | undefined): void {
  if (yearGroup !== undefined && !(Number.isInteger(yearGroup) && yearGroup >= 0 && yearGroup <= 6)) {
    throw new DomainError('RULE', 'The year group must be Reception or Year 1 to 6.', 'yearGroup');
  }
}

/** The school's date today (its time zone), at the transaction's instant. */
export function schoolToday(tx: Tx): string {
  return loadCalendar(tx.db).localDate(tx.now);
}

const insertSql = `INSERT INTO pupils (upn, adno, forename, surname, year_group, reg_group, status, search_key, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, 'on-roll', ?, ?, ?)`;

/** Insert a pupil on roll without checks or audit: for callers that checked and audit themselves. */
export function insertPupilRow(tx: Tx, f: PupilFields): number {
  const now = tx.now.toISOString();
  const info = prepared(tx.db, insertSql).run(f.upn, f.adno, f.forename, f.surname, f.yearGroup, f.regGroup, pupilSearchKey(f.forename, f.surname), now, now);
  return Number(info.lastInsertRowid);
}

/** Add a pupil by hand (on roll). A UPN or admission number another pupil has is a CONFLICT on that field. */
export function createPupil(tx: Tx, f: PupilFields): PupilRecord {
  requireNames(f);
  requireYear(f.yearGroup);
  refuseDuplicate(tx.db, 'upn', f.upn);
  refuseDuplicate(tx.db, 'adno', f.adno);
  const id = insertPupilRow(tx, f);
  tx.audit({
    action: 'pupil.add',
    entity: 'pupil',
    entityId: id,
    values: { forename: f.forename, surname: f.surname, yearGroup: f.yearGroup, regGroup: f.regGroup, upn: f.upn, adno: f.adno },
  });
  return mustGetPupil(tx.db, id);
}

/** The fields of `patch` that differ from `current` (status as given; left_on follows it). */
export function diffPupil(current: PupilRecord, patch: PupilPatch): PupilPatch {
  const changed: PupilPatch = {};
  for (const key of ['forename', 'surname', 'yearGroup', 'regGroup', 'upn', 'adno', 'status'] as const) {
    const next = patch[key];
    if (next !== undefined && next !== current[key]) (changed as Record<string, unknown>)[key] = next;
  }
  return changed;
}

/**
 * Write the changed fields of a pupil (as returned by diffPupil) without checks or audit.
 * Leaving sets left_on to `leftOn`; coming back on roll clears it.
 */
export function applyPupilChanges(tx: Tx, current: PupilRecord, changed: PupilPatch, leftOn: string): void {
  const next = { ...current, ...changed };
  let left = current.leftOn;
  if (changed.status === 'left') left = leftOn;
  else if (changed.status === 'on-roll') left = null;
  prepared(
    tx.db,
    `UPDATE pupils SET upn = ?, adno = ?, forename = ?, surname = ?, year_group = ?, reg_group = ?, status = ?, left_on = ?,
       search_key = ?, updated_at = ? WHERE id = ?`,
  ).run(next.upn, next.adno, next.forename, next.surname, next.yearGroup, next.regGroup, next.status, left, pupilSearchKey(next.forename, next.surname), tx.now.toISOString(), current.id);
}

/**
 * Edit a pupil by hand, or mark them as left (left_on = the school's today) or back on roll.
 * Only fields that differ are saved and audited; nothing is written when nothing differs.
 */
export function updatePupil(tx: Tx, id: number, patch: PupilPatch): PupilRecord {
  const current = mustGetPupil(tx.db, id);
  requireNames(patch);
  requireYear(patch.yearGroup);
  const changed = diffPupil(current, patch);
  if (Object.keys(changed).length === 0) return current;
  if (changed.upn !== undefined) refuseDuplicate(tx.db, 'upn', changed.upn, id);
  if (changed.adno !== undefined) refuseDuplicate(tx.db, 'adno', changed.adno, id);
  const today = schoolToday(tx);
  applyPupilChanges(tx, current, changed, today);
  const values: Record<string, unknown> = { ...changed };
  if (changed.status === 'left') values.leftOn = today;
  tx.audit({ action: changed.status === 'left' ? 'pupil.leave' : 'pupil.update', entity: 'pupil', entityId: id, values });
  return mustGetPupil(tx.db, id);
}

/** Every pupil (on roll and left), for matching an import. */
export function allPupilRecords(db: Db): PupilRecord[] {
  return db.prepare(`SELECT ${RECORD_COLUMNS} FROM pupils p ORDER BY p.id`).all() as PupilRecord[];
}

export function countOnRoll(db: Db): number {
  return db.prepare("SELECT count(*) FROM pupils WHERE status = 'on-roll'").pluck().get() as number;
}

/** The year as the MIS writes it: R for Reception, else 1 to 6. */
export function yearCode(yearGroup: number): string {
  return yearGroup === 0 ? 'R' : String(yearGroup);
}

/** The roll as CSV (through db/csv.ts, formulas neutralised), by year, class, surname; re-importable. */
export function rollCsv(db: Db, opts: { includeLeft?: boolean } = {}): { csv: string; rows: number } {
  const rows = db
    .prepare(
      `SELECT ${RECORD_COLUMNS} FROM pupils p ${opts.includeLeft ? '' : "WHERE p.status = 'on-roll'"}
       ORDER BY p.status DESC, p.year_group, p.reg_group COLLATE NOCASE, p.search_key, p.id`,
    )
    .all() as PupilRecord[];
  const csv = toCsv(
    ['UPN', 'Adno', 'Surname', 'Forename', 'Year', 'Reg', 'Status', 'Left on'],
    rows.map((p) => [p.upn, p.adno, p.surname, p.forename, yearCode(p.yearGroup), p.regGroup, p.status === 'left' ? 'Left' : 'On roll', p.leftOn]),
  );
  return { csv, rows: rows.length };
}
