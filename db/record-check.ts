/**
 * The record check: are the records, their audited states and the trail still as the app wrote
 * them? Three comparisons, each naming table, record id and audit sequence, never content:
 *
 * 1. the trail's chain (verifyAudit, with the anchor kept outside the database when given);
 * 2. the trail's own lists of states, replayed in order, against `record_states`: a state edited
 *    to match a record changed with the triggers dropped disagrees with the hash-chained trail;
 * 3. each covered record's keyed state, computed afresh, against `record_states`: a record
 *    changed, added or removed outside the app.
 * And every covered table must still have its triggers.
 *
 * Read-only: it runs on its own connection (the check worker), never the desk's.
 */
import { auditHasStates, verifyAudit, type AuditHead } from './audit';
import type { Db } from './open';
import { coveredTables, keyOf, keySelect, stateHash, tableKey, triggerNames, type StateChange } from './record-states';

export type RecordFindingKind =
  | 'trail' // the audit chain itself is broken
  | 'changed' // a record differs from its audited state
  | 'added' // a record with no audited state
  | 'removed' // an audited record that is gone
  | 'state-not-in-trail' // a stored state the trail never wrote
  | 'state-missing' // a state the trail wrote that is gone
  | 'unguarded'; // a covered table without its triggers

export interface RecordFinding {
  kind: RecordFindingKind;
  table: string | null;
  recordId: string | null;
  /** The audit sequence concerned: the row that last set the state, or the trail's broken row. */
  seq: number | null;
  message: string;
}

export interface RecordCheckResult {
  ok: boolean;
  findings: RecordFinding[];
  /** More findings than the list holds were found. */
  more: boolean;
  records: number;
  auditRows: number;
  head: AuditHead | null;
  ms: number;
}

export interface RecordCheckOptions {
  anchor?: AuditHead | null;
  /** At most this many findings are listed (default 100). */
  limit?: number;
}

function describe(kind: RecordFindingKind, table: string | null, rid: string | null, seq: number | null): string {
  const rec = `${table ?? '?'} record ${rid ?? '?'}`;
  switch (kind) {
    case 'changed':
      return `The ${rec} was changed outside Reception Kiosk (last saved by the app at audit row ${seq ?? '?'}).`;
    case 'added':
      return `The ${rec} was added outside Reception Kiosk.`;
    case 'removed':
      return `The ${rec} was removed outside Reception Kiosk (last saved by the app at audit row ${seq ?? '?'}).`;
    case 'state-not-in-trail':
      return `The saved state of the ${rec} (audit row ${seq ?? '?'}) is not the one the audit log wrote.`;
    case 'state-missing':
      return `The saved state of the ${rec} written at audit row ${seq ?? '?'} is missing.`;
    case 'unguarded':
      return `The table ${table ?? '?'} has lost the triggers that record its changes.`;
    case 'trail':
      return `The audit log is broken at row ${seq ?? '?'}.`;
  }
}

export function checkRecords(db: Db, opts: RecordCheckOptions = {}): RecordCheckResult {
  const started = performance.now();
  const limit = opts.limit ?? 100;
  const findings: RecordFinding[] = [];
  let more = false;
  const add = (kind: RecordFindingKind, table: string | null, rid: string | null, seq: number | null, message?: string) => {
    if (findings.length >= limit) {
      more = true;
      return;
    }
    findings.push({ kind, table, recordId: rid, seq, message: message ?? describe(kind, table, rid, seq) });
  };
  const finish = (records: number, auditRows: number, head: AuditHead | null): RecordCheckResult => ({
    ok: findings.length === 0 && !more,
    findings,
    more,
    records,
    auditRows,
    head,
    ms: Math.round(performance.now() - started),
  });

  // 1. the chain
  const verdict = verifyAudit(db, opts.anchor);
  if (!verdict.ok) add('trail', null, null, verdict.seq, verdict.message);
  const head = verdict.ok ? verdict.head : null;
  const auditRows = verdict.ok ? verdict.rows : 0;
  const hasStates = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'record_states'").get() !== undefined;
  if (!hasStates || !auditHasStates(db)) return finish(0, auditRows, head); // a schema before 9: only the chain to check

  // 2. replay the trail's states
  const trail = new Map<string, { hash: string; seq: number }>();
  const rows = db.prepare('SELECT seq, states FROM audit WHERE states IS NOT NULL ORDER BY seq').raw();
  for (const [seq, json] of rows.iterate() as IterableIterator<[number, string]>) {
    let changes: StateChange[];
    try {
      changes = JSON.parse(json) as StateChange[];
    } catch {
      add('trail', null, null, seq, `The record states of audit row ${seq} cannot be read.`);
      continue;
    }
    for (const [table, rid, hash] of changes) {
      const key = `${table}\u0000${rid}`;
      if (hash === null) trail.delete(key);
      else trail.set(key, { hash, seq });
    }
  }

  // record_states against the trail; kept by table for step 3
  const stored = new Map<string, Map<string, { salt: string; hash: string; seq: number }>>();
  for (const [table, rid, salt, hash, seq] of db.prepare('SELECT tbl, rid, salt, hash, seq FROM record_states').raw().iterate() as IterableIterator<[string, string, string, string, number]>) {
    const key = `${table}\u0000${rid}`;
    const t = trail.get(key);
    if (!t || t.hash !== hash || t.seq !== seq) add('state-not-in-trail', table, rid, t?.seq ?? seq);
    trail.delete(key);
    let m = stored.get(table);
    if (!m) stored.set(table, (m = new Map()));
    m.set(rid, { salt, hash, seq });
  }
  for (const [key, t] of trail) {
    const [table, rid] = key.split('\u0000') as [string, string];
    add('state-missing', table, rid, t.seq);
  }

  // 3. every covered record against its state
  const triggers = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
  let records = 0;
  const tables = coveredTables(db);
  for (const table of tables) {
    if (!triggerNames(table).every((n) => triggers.has(n))) add('unguarded', table, null, null);
    const k = tableKey(db, table);
    const states = stored.get(table) ?? new Map<string, { salt: string; hash: string; seq: number }>();
    const select = db.prepare(`SELECT ${keySelect(k)}, * FROM "${table.replace(/"/g, '""')}"`);
    for (const row of select.iterate() as IterableIterator<Record<string, unknown>>) {
      records += 1;
      const rid = keyOf(k, row);
      const state = states.get(rid);
      if (!state) add('added', table, rid, null);
      else if (stateHash(state.salt, table, rid, row, k.columns) !== state.hash) add('changed', table, rid, state.seq);
      states.delete(rid);
    }
    for (const [rid, state] of states) add('removed', table, rid, state.seq);
    stored.delete(table);
  }
  // states of a table that no longer exists at all
  for (const [table, states] of stored) for (const [rid, state] of states) add('removed', table, rid, state.seq);
  return finish(records, auditRows, head);
}
