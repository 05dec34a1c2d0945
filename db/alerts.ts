/**
 * Alerts for the office: something a person should look at (repeated wrong PINs on an account,
 * and later a visitor the kiosk sent to the office, a visitor who is not permitted, ...).
 *
 * An alert holds its kind and a reference to the record it is about, never personal data: the
 * screen looks the record up. The kind is stored as free text; ALERT_KINDS is the list of kinds
 * this version writes, and each later feature adds its own kinds to it.
 */
import { DomainError } from './errors';
import type { Db } from './open';
import type { Tx } from './tx';

export const ALERT_KINDS = [
  'pin-failures', // entity 'screen': 5 wrong PINs within 10 minutes on one screen (db/pin-budget.ts); older rows name a 'staff' account
  'visitor-see-office', // no entity: someone at the kiosk pressed "Dropping off or collecting? Please see the office"
  'visitor-not-permitted', // entity 'visit': a sign-in matched the not-permitted list; the person was asked to wait
  'records-changed', // no entity: the record check found records or the trail changed outside the app (db/record-check-run.ts)
] as const;

export type AlertKind = (typeof ALERT_KINDS)[number];

export function isAlertKind(kind: string): kind is AlertKind {
  return (ALERT_KINDS as readonly string[]).includes(kind);
}

export interface AlertRef {
  kind: AlertKind;
  /** The record type the alert is about, e.g. 'staff'; null for an alert about no one record. */
  entity: string | null;
  entityId: string | number | null;
}

export interface OpenAlert {
  id: number;
  kind: string;
  entity: string | null;
  entityId: string | null;
  createdAt: string;
}

export function raiseAlert(tx: Tx, alert: AlertRef): number {
  if (!isAlertKind(alert.kind)) throw new Error(`raiseAlert: unknown alert kind "${String(alert.kind)}"; add it to ALERT_KINDS`);
  const entityId = alert.entityId === null ? null : String(alert.entityId);
  const info = tx.db
    .prepare('INSERT INTO alerts (kind, entity, entity_id, created_at) VALUES (?, ?, ?, ?)')
    .run(alert.kind, alert.entity, entityId, tx.now.toISOString());
  const id = Number(info.lastInsertRowid);
  tx.audit({ action: 'alert.raise', entity: 'alert', entityId: id, values: { kind: alert.kind, entity: alert.entity, entityId } });
  return id;
}

/** Open alerts, newest first. */
export function listOpenAlerts(db: Db): OpenAlert[] {
  return db
    .prepare(
      `SELECT id, kind, entity, entity_id AS entityId, created_at AS createdAt FROM alerts
       WHERE resolved_at IS NULL ORDER BY created_at DESC, id DESC`,
    )
    .all() as OpenAlert[];
}

export function countOpenAlerts(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM alerts WHERE resolved_at IS NULL').get() as { n: number }).n;
}

/** The ids of the open alerts of one kind about one record. */
export function openAlertIdsFor(db: Db, alert: AlertRef): number[] {
  const entityId = alert.entityId === null ? null : String(alert.entityId);
  return db
    .prepare('SELECT id FROM alerts WHERE resolved_at IS NULL AND kind = ? AND entity IS ? AND entity_id IS ? ORDER BY id')
    .pluck()
    .all(alert.kind, alert.entity, entityId) as number[];
}

/**
 * Kinds only an administrator or a DSL may mark as dealt with: someone guessing PINs is a
 * safeguarding and security matter, and an office account (perhaps the one being guessed at, or
 * the guesser's) must not be able to make the alert go away.
 */
const ADMIN_OR_DSL_KINDS: ReadonlySet<string> = new Set(['pin-failures', 'records-changed']);
export const ADMIN_OR_DSL_ONLY = 'Only an administrator or a DSL can mark a wrong-PIN alert as dealt with.';
export const RECORDS_CHANGED_ADMIN_OR_DSL_ONLY = 'Only an administrator or a DSL can acknowledge that records may have been changed.';

/**
 * Kinds acknowledged with a written note (kept with the alert, and its hash in the trail): what
 * was done about records that may have been changed outside the app.
 */
const NOTE_KINDS: ReadonlySet<string> = new Set(['records-changed']);
export const NOTE_MAX = 1000;

/** Does marking this kind as dealt with need a written note? */
export function needsNote(kind: string): boolean {
  return NOTE_KINDS.has(kind);
}

/** May this member of staff mark an alert of this kind as dealt with? */
export function mayResolveAlert(kind: string, who: { role: string; dsl: boolean }): boolean {
  return !ADMIN_OR_DSL_KINDS.has(kind) || who.role === 'admin' || who.dsl;
}

/**
 * Mark an alert as dealt with, by the staff member acting (null when the actor is not staff, or
 * names no staff account that exists; the audit row still records the actor). A wrong-PIN alert
 * only by an administrator or DSL (read from the account now, not from what the caller says), or by
 * the app itself.
 */
export function resolveAlert(tx: Tx, id: number, note?: string): void {
  const row = tx.db.prepare('SELECT kind, resolved_at AS resolvedAt FROM alerts WHERE id = ?').get(id) as { kind: string; resolvedAt: string | null } | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'That alert no longer exists.', 'id');
  if (ADMIN_OR_DSL_KINDS.has(row.kind) && tx.actor.kind !== 'system') {
    const who =
      tx.actor.kind === 'staff'
        ? (tx.db.prepare("SELECT role, is_dsl = 1 AS dsl FROM staff WHERE id = ? AND active = 1").get(tx.actor.staffId) as { role: string; dsl: number } | undefined)
        : undefined;
    if (!who || !mayResolveAlert(row.kind, { role: who.role, dsl: who.dsl === 1 })) {
      throw new DomainError('RULE', row.kind === 'records-changed' ? RECORDS_CHANGED_ADMIN_OR_DSL_ONLY : ADMIN_OR_DSL_ONLY, 'id');
    }
  }
  if (row.resolvedAt !== null) throw new DomainError('CONFLICT', 'Already dealt with.', 'id');
  const written = note?.trim() ?? '';
  if (needsNote(row.kind)) {
    if (!written) throw new DomainError('RULE', 'Write what was done: who was told, and whether IT has copied the data folder.', 'note');
    if (written.length > NOTE_MAX) throw new DomainError('RULE', `Keep the note to ${NOTE_MAX} characters.`, 'note');
  }
  let by: number | null = null;
  if (tx.actor.kind === 'staff') {
    const exists = tx.db.prepare('SELECT 1 FROM staff WHERE id = ?').get(tx.actor.staffId) !== undefined;
    by = exists ? tx.actor.staffId : null;
  }
  if (needsNote(row.kind)) {
    tx.db.prepare('UPDATE alerts SET resolved_at = ?, resolved_by = ?, resolved_note = ? WHERE id = ?').run(tx.now.toISOString(), by, written, id);
    tx.audit({ action: 'alert.resolve', entity: 'alert', entityId: id, values: { note: written } });
    return;
  }
  tx.db.prepare('UPDATE alerts SET resolved_at = ?, resolved_by = ? WHERE id = ?').run(tx.now.toISOString(), by, id);
  tx.audit({ action: 'alert.resolve', entity: 'alert', entityId: id });
}
