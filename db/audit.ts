/**
 * The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained.
 *
 * Each row stores the hash of the row before it and the hash of its own canonical content, so
 * verifyAudit() finds the first edited, removed or reordered row. The newest (seq, hash) is also
 * kept outside the database in an anchor file (beside the database and beside each backup), so
 * cutting off the newest rows shows too.
 *
 * Rows hold ids, field names and a hash of the new values, never the personal data itself: a
 * record can be removed under the retention rules without breaking the chain. That values hash is
 * unkeyed SHA-256 and stays so for the rows already written (the DPIA says so); since schema 9 a
 * row also lists the keyed states of the records its transaction changed (`states`, see
 * db/record-states.ts), inside the hash, so the trail witnesses every record's state.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';
import { flushRecordStates } from './record-states';

export const GENESIS_HASH = '0'.repeat(64);

export type Actor = { kind: 'staff'; staffId: number } | { kind: 'kiosk' } | { kind: 'system' };

export function actorString(actor: Actor): string {
  return actor.kind === 'staff' ? `staff:${actor.staffId}` : actor.kind;
}

export interface AuditEntry {
  action: string; // e.g. 'settings.update', 'phone.checkIn'
  entity: string; // the record type, e.g. 'settings', 'pupil'
  entityId: string | number | null;
  /** The new values of the fields changed; only their names and a hash are stored. */
  values?: Readonly<Record<string, unknown>>;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditRow {
  id: number;
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  fields: string[];
  valuesHash: string | null;
  prevHash: string;
  hash: string;
}

/** A row's `states` as stored: JSON of [table, record id, state hash or null][], or null. */
export type StatesJson = string | null;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
    }
    return v;
  });
}

export function hashValues(values: Readonly<Record<string, unknown>>): string {
  return sha256(canonicalJson(values));
}

type RowContent = Omit<AuditRow, 'id' | 'hash'>;

/**
 * The hash of a row: sha256 over the JSON array of its content and the previous row's hash.
 * `fieldsJson` is the stored JSON text of the field names (JSON.stringify of the array), so the
 * verifier can hash stored rows without parsing them.
 */
function hashRow(seq: number, at: string, actor: string, action: string, entity: string, entityId: string | null, fieldsJson: string, valuesHash: string | null, prevHash: string, states: StatesJson = null): string {
  const head = JSON.stringify([seq, at, actor, action, entity, entityId]);
  const tail = JSON.stringify([valuesHash, prevHash]);
  // a row without states hashes exactly as rows did before schema 9, so old chains still verify
  const statesPart = states === null ? '' : `\u0000${states}`;
  return sha256(`${head.slice(0, -1)},${fieldsJson},${tail.slice(1)}${statesPart}`);
}

function rowHash(r: RowContent, states: StatesJson): string {
  return hashRow(r.seq, r.at, r.actor, r.action, r.entity, r.entityId, JSON.stringify(r.fields), r.valuesHash, r.prevHash, states);
}

/** Does this file's audit table have the `states` column (schema 9 on)? */
export function auditHasStates(db: Db): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('audit') WHERE name = 'states'").get() !== undefined;
}

/** Prepared statements, compiled once per connection. */
const statements = new WeakMap<Db, { head: Statement; insert: Statement; insertStates?: Statement }>();
function prepared(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      head: db.prepare('SELECT seq, hash FROM audit ORDER BY id DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit (seq, at, actor, action, entity, entity_id, fields, values_hash, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

interface RawRow {
  id: number;
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  fields: string;
  values_hash: string | null;
  prev_hash: string;
  hash: string;
}

function fromRaw(r: RawRow): AuditRow {
  let fields: string[];
  try {
    const parsed: unknown = JSON.parse(r.fields);
    fields = Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    fields = [r.fields];
  }
  return {
    id: r.id,
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    fields,
    valuesHash: r.values_hash,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function auditHead(db: Db): AuditHead | null {
  const row = prepared(db).head.get() as AuditHead | undefined;
  return row ?? null;
}

/** Append one audit row. Call only inside the write transaction of the change it records. */
export function appendAudit(db: Db, actor: Actor, at: Date, entry: AuditEntry): AuditHead {
  if (!db.inTransaction) throw new Error('appendAudit must run inside the transaction of the change it records');
  const stmts = prepared(db);
  const prev = (stmts.head.get() as AuditHead | undefined) ?? null;
  const values = entry.values ?? {};
  const content: RowContent = {
    seq: (prev?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor: actorString(actor),
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    fields: Object.keys(values).sort(),
    valuesHash: entry.values ? hashValues(values) : null,
    prevHash: prev?.hash ?? GENESIS_HASH,
  };
  const states = flushRecordStates(db, content.seq);
  const statesJson = states ? JSON.stringify(states) : null;
  const hash = rowHash(content, statesJson);
  if (statesJson !== null) {
    // prepared on first use: the column exists only once migration 9 has added it
    stmts.insertStates ??= db.prepare(
      `INSERT INTO audit (seq, at, actor, action, entity, entity_id, fields, values_hash, prev_hash, hash, states)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    stmts.insertStates.run(content.seq, content.at, content.actor, content.action, content.entity, content.entityId, JSON.stringify(content.fields), content.valuesHash, content.prevHash, hash, statesJson);
    return { seq: content.seq, hash };
  }
  stmts.insert.run(
    content.seq,
    content.at,
    content.actor,
    content.action,
    content.entity,
    content.entityId,
    JSON.stringify(content.fields),
    content.valuesHash,
    content.prevHash,
    hash,
  );
  return { seq: content.seq, hash };
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  limit?: number;
  beforeSeq?: number;
}

/** Newest first. */
export function listAudit(db: Db, q: AuditQuery = {}): AuditRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.entity !== undefined) {
    where.push('entity = ?');
    args.push(q.entity);
  }
  if (q.entityId !== undefined) {
    where.push('entity_id = ?');
    args.push(q.entityId);
  }
  if (q.beforeSeq !== undefined) {
    where.push('seq < ?');
    args.push(q.beforeSeq);
  }
  const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  args.push(q.limit ?? 100);
  return (db.prepare(sql).all(...args) as RawRow[]).map(fromRaw);
}

export type AuditProblem = 'edited' | 'removed' | 'reordered' | 'truncated' | 'rewritten';

export type AuditVerdict =
  | { ok: true; rows: number; head: AuditHead | null; anchor: 'matches' | 'behind' | 'missing' }
  | { ok: false; problem: AuditProblem; seq: number; message: string };

/**
 * Walk the whole chain in storage order and name the first row that is not as written.
 * With an anchor (the head recorded outside the database), also detect cut-off newest rows.
 * anchor 'behind' is normal right after a crash between a commit and the anchor write.
 */
export function verifyAudit(db: Db, anchor?: AuditHead | null): AuditVerdict {
  // Streamed: one row in memory at a time, hashed from its stored text (200k rows in about a second).
  const states = auditHasStates(db) ? 'states' : 'NULL AS states';
  const rows = db.prepare(`SELECT seq, at, actor, action, entity, entity_id, fields, values_hash, prev_hash, hash, ${states} FROM audit ORDER BY id`);
  const seqExists = db.prepare('SELECT 1 FROM audit WHERE seq = ?').pluck();
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let anchorHash: string | null = null;
  for (const r of rows.iterate() as IterableIterator<Omit<RawRow, 'id'> & { states: StatesJson }>) {
    if (hashRow(r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.fields, r.values_hash, r.prev_hash, r.states) !== r.hash) {
      return { ok: false, problem: 'edited', seq: r.seq, message: `Audit row ${r.seq} was changed after it was written.` };
    }
    const expectedSeq = prevSeq + 1;
    if (r.seq !== expectedSeq) {
      if (r.seq < expectedSeq || seqExists.get(expectedSeq) !== undefined) {
        return { ok: false, problem: 'reordered', seq: r.seq, message: `Audit row ${r.seq} is out of order (row ${expectedSeq} should come here).` };
      }
      return { ok: false, problem: 'removed', seq: expectedSeq, message: `Audit row ${expectedSeq} is missing (removed before row ${r.seq}).` };
    }
    if (r.prev_hash !== prevHash) {
      return { ok: false, problem: 'edited', seq: r.seq, message: `Audit row ${r.seq} does not follow on from the row before it.` };
    }
    if (anchor && r.seq === anchor.seq) anchorHash = r.hash;
    prevSeq = r.seq;
    prevHash = r.hash;
    count += 1;
  }
  const head = count > 0 ? { seq: prevSeq, hash: prevHash } : null;
  if (!anchor) return { ok: true, rows: count, head, anchor: 'missing' };
  if (anchor.seq > prevSeq) {
    return {
      ok: false,
      problem: 'truncated',
      seq: prevSeq + 1,
      message: `The newest audit rows from ${prevSeq + 1} to ${anchor.seq} have been cut off.`,
    };
  }
  if (anchorHash !== anchor.hash) {
    return { ok: false, problem: 'rewritten', seq: anchor.seq, message: `Audit row ${anchor.seq} no longer matches the hash kept outside the database.` };
  }
  return { ok: true, rows: count, head, anchor: anchor.seq === prevSeq ? 'matches' : 'behind' };
}

// ---- the anchor file -------------------------------------------------------------------------

export function anchorPathFor(file: string): string {
  return `${file}.anchor.json`;
}

/**
 * Write atomically: a temporary file, flushed to disk, then renamed over the old one. If any step
 * fails (a full disk: a short or refused write), the temporary file is removed and the old anchor
 * stays whole; the error goes to the caller, which logs it.
 */
export function writeAnchor(file: string, head: AuditHead | null): void {
  if (!head) return;
  const tmp = `${file}.tmp`;
  const text = JSON.stringify({ seq: head.seq, hash: head.hash });
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      // writeSync may write fewer bytes than asked on a nearly full disk: a short anchor must never be renamed into place
      const written = fs.writeSync(fd, text);
      if (written !== Buffer.byteLength(text)) throw Object.assign(new Error('the anchor was only partly written'), { code: 'ENOSPC' });
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // the error that matters is the write's; a stale .tmp is overwritten next time
    }
    throw err;
  }
}

/** The anchor, or null if there is none; a damaged anchor file reads as null (reported as 'missing'). */
export function readAnchor(file: string): AuditHead | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const v = JSON.parse(text) as Partial<AuditHead>;
    if (typeof v.seq === 'number' && Number.isInteger(v.seq) && typeof v.hash === 'string' && /^[0-9a-f]{64}$/.test(v.hash)) {
      return { seq: v.seq, hash: v.hash };
    }
  } catch {
    // fall through
  }
  return null;
}

export function ensureDir(dir: string): void {
  fs.mkdirSync(path.resolve(dir), { recursive: true });
}
