/**
 * Pupil cards: an opaque token (type 'pupilCard', prefix KP) in a QR code, never a name. A pupil
 * has at most one live card; re-issuing revokes the old one (revoked_at), and a scan of a revoked
 * card says when it was replaced.
 */
import { loadCalendar } from './closures';
import { DomainError } from './errors';
import type { Db } from './open';
import { mustGetPupil, RECORD_COLUMNS, type PupilRecord } from './pupils';
import { newToken, parseToken } from './tokens';
import type { Tx } from './tx';

export interface CardRecord {
  token: string;
  issuedAt: string;
}

export function liveCard(db: Db, pupilId: number): CardRecord | null {
  const row = db.prepare('SELECT token, issued_at AS issuedAt FROM pupil_cards WHERE pupil_id = ? AND revoked_at IS NULL').get(pupilId) as CardRecord | undefined;
  return row ?? null;
}

function issue(tx: Tx, pupil: PupilRecord): CardRecord {
  const now = tx.now.toISOString();
  const revoked = tx.db.prepare('UPDATE pupil_cards SET revoked_at = ? WHERE pupil_id = ? AND revoked_at IS NULL').run(now, pupil.id).changes;
  const token = newToken('pupilCard');
  const id = Number(tx.db.prepare('INSERT INTO pupil_cards (pupil_id, token, issued_at) VALUES (?, ?, ?)').run(pupil.id, token, now).lastInsertRowid);
  // The token is a key to the pupil's record: the audit keeps only that a card was issued.
  tx.audit({ action: revoked > 0 ? 'card.reissue' : 'card.issue', entity: 'pupil', entityId: pupil.id, values: { card: id, replaced: revoked > 0 } });
  return { token, issuedAt: now };
}

function requireOnRoll(p: PupilRecord, field: string): void {
  if (p.status !== 'on-roll') throw new DomainError('RULE', `${p.forename} ${p.surname} has left the school: cards are for pupils on roll.`, field);
}

/** Issue a card, or re-issue one (the old card stops working). */
export function issueCard(tx: Tx, pupilId: number): CardRecord {
  const pupil = mustGetPupil(tx.db, pupilId, 'pupilId');
  requireOnRoll(pupil, 'pupilId');
  return issue(tx, pupil);
}

export type CardSelection = { pupilIds: readonly number[] } | { regGroup: string } | { all: true } | { phones: true };

export interface CardToPrint {
  pupilId: number;
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  token: string;
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

function selectPupils(db: Db, sel: CardSelection): PupilRecord[] {
  if ('all' in sel) return db.prepare(`SELECT ${RECORD_COLUMNS} FROM pupils p WHERE p.status = 'on-roll'`).all() as PupilRecord[];
  if ('phones' in sel) {
    // pupils on roll whose latest permission entry grants a phone (issue 6)
    const rows = db
      .prepare(
        `SELECT ${RECORD_COLUMNS} FROM pupils p WHERE p.status = 'on-roll'
         AND (SELECT granted FROM phone_permissions q WHERE q.pupil_id = p.id ORDER BY q.id DESC LIMIT 1) = 1`,
      )
      .all() as PupilRecord[];
    if (rows.length === 0) throw new DomainError('NOT_FOUND', 'No pupil on roll has permission to bring a phone yet: give permission on the pupil’s page first.', 'phones');
    return rows;
  }
  if ('regGroup' in sel) {
    const rows = db.prepare(`SELECT ${RECORD_COLUMNS} FROM pupils p WHERE p.status = 'on-roll' AND p.reg_group = ? COLLATE NOCASE`).all(sel.regGroup.trim()) as PupilRecord[];
    if (rows.length === 0) throw new DomainError('NOT_FOUND', `There are no pupils on roll in class ${sel.regGroup.trim()}.`, 'regGroup');
    return rows;
  }
  const seen = new Set<number>();
  const out: PupilRecord[] = [];
  for (const id of sel.pupilIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    const p = mustGetPupil(db, id, 'pupilIds');
    requireOnRoll(p, 'pupilIds');
    out.push(p);
  }
  return out;
}

/**
 * The cards to print for the chosen pupils, a class, the pupils with phone permission, or everyone on roll: each pupil's live card,
 * issuing one (audited) where there is none. Sorted by year, class, surname, first name.
 */
export function cardsForPrint(tx: Tx, sel: CardSelection): CardToPrint[] {
  const pupils = selectPupils(tx.db, sel);
  const live = tx.db.prepare('SELECT token FROM pupil_cards WHERE pupil_id = ? AND revoked_at IS NULL').pluck();
  const out = pupils.map((p) => {
    const token = (live.get(p.id) as string | undefined) ?? issue(tx, p).token;
    return { pupilId: p.id, forename: p.forename, surname: p.surname, yearGroup: p.yearGroup, regGroup: p.regGroup, token };
  });
  return out.sort(
    (a, b) =>
      a.yearGroup - b.yearGroup ||
      collator.compare(a.regGroup, b.regGroup) ||
      collator.compare(a.surname, b.surname) ||
      collator.compare(a.forename, b.forename) ||
      a.pupilId - b.pupilId,
  );
}

export type CardLookupResult = { found: true; pupilId: number } | { found: false; reason: 'revoked'; replacedOn: string } | { found: false; reason: 'unknown' };

/** Who a scanned or typed card belongs to; a replaced card gives the school's date it was replaced. */
export function lookupCard(db: Db, input: string): CardLookupResult {
  const parsed = parseToken(input);
  if (!parsed || parsed.type !== 'pupilCard') return { found: false, reason: 'unknown' };
  const row = db.prepare('SELECT pupil_id AS pupilId, revoked_at AS revokedAt FROM pupil_cards WHERE token = ?').get(parsed.token) as
    | { pupilId: number; revokedAt: string | null }
    | undefined;
  if (!row) return { found: false, reason: 'unknown' };
  if (row.revokedAt !== null) return { found: false, reason: 'revoked', replacedOn: loadCalendar(db).localDate(new Date(row.revokedAt)) };
  return { found: true, pupilId: row.pupilId };
}
