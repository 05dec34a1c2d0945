/**
 * Record states: every row a write touches has its audited state kept in `record_states` and in
 * the trail, so the record check (db/record-check.ts) finds any row changed, added or removed
 * outside the app.
 *
 * How a forgotten write path is made impossible rather than unlikely: every covered table has
 * AFTER INSERT/UPDATE/DELETE triggers that call an application-defined SQL function
 * (RECORD_FUNCTION), registered on each connection the app opens. The function only notes which
 * record was touched; the next audit row (appendAudit) reads each touched record as it now is,
 * stores its keyed state in `record_states` and lists the changes in the audit row's `states`,
 * inside the hash chain. A connection without the function (the sqlite3 tool) cannot write a
 * covered table at all ("no such function") unless the triggers are dropped first, which the
 * check reports.
 *
 * State hash: HMAC-SHA256 keyed by a random salt kept only in the record's own record_states row,
 * over the table, record id and the record's meaningful columns. When retention or erasure removes
 * the record and its record_states row, nothing left in the trail can be matched against a guessed
 * name. (The older unkeyed `values_hash` of audit rows stays as it was; the DPIA says so.)
 * Records are named by table and primary key (rowid for a table without one), never by content.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { canonicalJson } from './audit';
import type { Db } from './open';

export const RECORD_FUNCTION = 'kiosk_record_touched';

/** Tables whose rows are not records, each with the reason. Every other table must be covered. */
export const NOT_COVERED: Readonly<Record<string, string>> = {
  audit: 'the trail itself: append-only and hash-chained, checked by verifyAudit',
  record_states: 'the audited states themselves: checked against the trail and the records',
  sqlite_sequence: "SQLite's own AUTOINCREMENT counters",
  pin_budget: 'wrong-PIN counters of a screen that change on every guess; the alerts they raise are covered',
  pin_budget_misses: 'the wrong PINs of the last hour, pruned as they age; the alerts they raise are covered',
};

/** Columns that change without meaning, left out of a record's state. The one list. */
export const EXCLUDED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  // written by a PIN check and an unlock (and no longer used since the per-screen budget, migration 8)
  staff: ['failed_attempts', 'retry_after', 'last_unlock_at'],
};

/** Every table the records live in: all of the schema's tables but NOT_COVERED, read from the file. */
export function coveredTables(db: Db): string[] {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return names.filter((n) => !(n in NOT_COVERED));
}

export interface TableKey {
  table: string;
  /** Primary key columns in key order; empty when the table has none (the rowid names a record). */
  pk: string[];
  columns: string[];
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableKey(db: Db, table: string): TableKey {
  const info = db.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string; pk: number }[];
  if (info.length === 0) throw new Error(`record states: no table ${table}`);
  const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const excluded = new Set(EXCLUDED_COLUMNS[table] ?? []);
  return { table, pk, columns: info.map((c) => c.name).filter((c) => !excluded.has(c)) };
}

/** The record id as stored: a single key's value as text, a composite key as a JSON array. */
export function recordId(key: readonly unknown[]): string {
  return key.length === 1 ? String(key[0]) : JSON.stringify(key);
}

/** The keyed state of a record: 32 hex characters of HMAC-SHA256 keyed by the record's salt. */
export function stateHash(salt: string, table: string, rid: string, row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  const values = Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(canonicalJson([table, rid, values]), 'utf8').digest('hex').slice(0, 32);
}

/** What the SELECT of a table's records looks like: its key values first, then every column. */
export function keySelect(k: TableKey): string {
  const keyCols = k.pk.length > 0 ? k.pk.map(quote) : ['rowid'];
  return keyCols.map((c, i) => `${c} AS __k${i}`).join(', ');
}

export function keyOf(k: TableKey, row: Readonly<Record<string, unknown>>): string {
  const n = Math.max(k.pk.length, 1);
  const key: unknown[] = [];
  for (let i = 0; i < n; i++) key.push(row[`__k${i}`]);
  return recordId(key);
}

// ---- triggers ------------------------------------------------------------------------------------

export function triggerNames(table: string): string[] {
  return ['ins', 'upd', 'del'].map((op) => `record_state_${table}_${op}`);
}

/**
 * (Re)create the triggers of these tables and note every existing record as touched, so the next
 * audit row records their states. A migration that creates or rebuilds a covered table calls this
 * for it before its audit row is written (the rebuilt table has lost its triggers), so an upgrade
 * never raises the alarm.
 */
export function recordTables(db: Db, tables: readonly string[]): void {
  tableStmts.delete(db); // a rebuilt table may have other columns now
  for (const table of tables) {
    if (table in NOT_COVERED) throw new Error(`record states: ${table} is listed as not covered`);
    const k = tableKey(db, table);
    const args = (ref: 'NEW' | 'OLD') => [`'${table.replace(/'/g, "''")}'`, ...(k.pk.length > 0 ? k.pk.map((c) => `${ref}.${quote(c)}`) : [`${ref}.rowid`])].join(', ');
    const [ins, upd, del] = triggerNames(table).map(quote) as [string, string, string];
    db.exec(`
      DROP TRIGGER IF EXISTS ${ins};
      DROP TRIGGER IF EXISTS ${upd};
      DROP TRIGGER IF EXISTS ${del};
      CREATE TRIGGER ${ins} AFTER INSERT ON ${quote(table)} BEGIN SELECT ${RECORD_FUNCTION}(${args('NEW')}); END;
      CREATE TRIGGER ${upd} AFTER UPDATE ON ${quote(table)} BEGIN SELECT ${RECORD_FUNCTION}(${args('OLD')}); SELECT ${RECORD_FUNCTION}(${args('NEW')}); END;
      CREATE TRIGGER ${del} AFTER DELETE ON ${quote(table)} BEGIN SELECT ${RECORD_FUNCTION}(${args('OLD')}); END;
    `);
    const touched = pendingFor(db);
    for (const row of db.prepare(`SELECT ${keySelect(k)} FROM ${quote(table)}`).iterate() as IterableIterator<Record<string, unknown>>) {
      const n = Math.max(k.pk.length, 1);
      const key: unknown[] = [];
      for (let i = 0; i < n; i++) key.push(row[`__k${i}`]);
      touched.set(`${table}\u0000${recordId(key)}`, { table, key });
    }
  }
}

// ---- the touched records of a connection ---------------------------------------------------------

interface Touched {
  table: string;
  key: unknown[];
}

const pending = new WeakMap<Db, Map<string, Touched>>();
function pendingFor(db: Db): Map<string, Touched> {
  let p = pending.get(db);
  if (!p) {
    p = new Map();
    pending.set(db, p);
  }
  return p;
}

/** Register the trigger function on a connection that may write (db/open.ts, before migrating). */
export function registerRecordFunction(db: Db): void {
  const touched = pendingFor(db);
  db.function(RECORD_FUNCTION, { varargs: true, deterministic: false, directOnly: false }, (...args: unknown[]) => {
    const [table, ...key] = args;
    touched.set(`${String(table)}\u0000${recordId(key)}`, { table: String(table), key });
    return null;
  });
}

/** One change as the trail lists it: [table, record id, state hash, or null for removed]. */
export type StateChange = [string, string, string | null];

interface Stmts {
  get: Statement;
  put: Statement;
  del: Statement;
}
const stateStmts = new WeakMap<Db, Stmts>();
const tableStmts = new WeakMap<Db, Map<string, { k: TableKey; row: Statement }>>();

function forTable(db: Db, table: string): { k: TableKey; row: Statement } {
  let m = tableStmts.get(db);
  if (!m) {
    m = new Map();
    tableStmts.set(db, m);
  }
  let t = m.get(table);
  if (!t) {
    const k = tableKey(db, table);
    const where = k.pk.length > 0 ? k.pk.map((c) => `${quote(c)} = ?`).join(' AND ') : 'rowid = ?';
    t = { k, row: db.prepare(`SELECT * FROM ${quote(table)} WHERE ${where}`) };
    m.set(table, t);
  }
  return t;
}

/**
 * Record the states of the records touched since the last audit row, under audit sequence `seq`:
 * called by appendAudit inside the transaction. Returns the changes for the audit row (null when
 * nothing changed that the trail keeps).
 */
export function flushRecordStates(db: Db, seq: number): StateChange[] | null {
  const touched = pending.get(db);
  if (!touched || touched.size === 0) return null;
  let s = stateStmts.get(db);
  if (!s) {
    s = {
      get: db.prepare('SELECT salt, hash FROM record_states WHERE tbl = ? AND rid = ?'),
      put: db.prepare(
        `INSERT INTO record_states (tbl, rid, salt, hash, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tbl, rid) DO UPDATE SET hash = excluded.hash, seq = excluded.seq`,
      ),
      del: db.prepare('DELETE FROM record_states WHERE tbl = ? AND rid = ?'),
    };
    stateStmts.set(db, s);
  }
  const changes: StateChange[] = [];
  const items = [...touched.values()];
  touched.clear();
  for (const { table, key } of items) {
    const { k, row: rowStmt } = forTable(db, table);
    const rid = recordId(key);
    const row = rowStmt.get(...key) as Record<string, unknown> | undefined;
    const state = s.get.get(table, rid) as { salt: string; hash: string } | undefined;
    if (!row) {
      if (state) {
        s.del.run(table, rid);
        changes.push([table, rid, null]);
      }
      continue;
    }
    const salt = state?.salt ?? randomBytes(16).toString('hex');
    const hash = stateHash(salt, table, rid, row, k.columns);
    if (state?.hash === hash) continue; // only columns without meaning changed
    s.put.run(table, rid, salt, hash, seq);
    changes.push([table, rid, hash]);
  }
  changes.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
  return changes.length > 0 ? changes : null;
}
