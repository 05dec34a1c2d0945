/**
 * Staff accounts and unlocking the staff console: roles (office, leadership, admin) and the DSL
 * flag, PIN hashes, and the time of the last unlock. Wrong PINs are counted per screen, not per
 * account (db/pin-budget.ts), so guessing at one account never locks its owner out. The staff
 * table's failed_attempts and retry_after columns (migration 2) are unused since migration 8 zeroed
 * them: nothing reads or writes them (a shipped migration is never edited, so they stay).
 *
 * PINs are hashed and checked in db/pins.ts (asynchronously) before any of these run; the hashes
 * are stored here but never written into an audit row.
 */
import { DomainError } from './errors';
import type { Db } from './open';
import type { Tx } from './tx';

export type Role = 'office' | 'leadership' | 'admin';
export const ROLES: readonly Role[] = ['office', 'leadership', 'admin'];

export interface StaffMember {
  id: number;
  name: string;
  role: Role;
  dsl: boolean;
  active: boolean;
  hasPin: boolean;
  lastUnlockAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The delay (seconds) after the Nth wrong answer in a row; the last figure holds from then on.
 * Used by recovery mode (electron/api/recovery.ts), which has no database to keep a budget in.
 * Unlocking the console counts wrong PINs per screen instead: db/pin-budget.ts.
 */
export const PIN_DELAYS_SECONDS: readonly number[] = Object.freeze([0, 0, 5, 15, 30, 60, 120, 300]);
export const MAX_PIN_DELAY_SECONDS = 300;

export function delayAfterFailures(failures: number): number {
  if (failures <= 0) return 0;
  const index = Math.min(failures, PIN_DELAYS_SECONDS.length) - 1;
  return Math.min(PIN_DELAYS_SECONDS[index] ?? MAX_PIN_DELAY_SECONDS, MAX_PIN_DELAY_SECONDS);
}

interface StaffRow {
  id: number;
  name: string;
  role: Role;
  is_dsl: number;
  active: number;
  has_pin: number;
  last_unlock_at: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, name, role, is_dsl, active, pin_hash IS NOT NULL AS has_pin, last_unlock_at,
  created_at, updated_at`;

function fromRow(r: StaffRow): StaffMember {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    dsl: r.is_dsl === 1,
    active: r.active === 1,
    hasPin: r.has_pin === 1,
    lastUnlockAt: r.last_unlock_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'accent' });
function byName<T extends { id: number; name: string }>(a: T, b: T): number {
  return collator.compare(a.name, b.name) || a.id - b.id;
}

/** Active accounts (or every account), by name regardless of case, then id. */
export function listStaff(db: Db, opts: { includeInactive?: boolean } = {}): StaffMember[] {
  const where = opts.includeInactive ? '' : 'WHERE active = 1';
  return (db.prepare(`SELECT ${COLUMNS} FROM staff ${where}`).all() as StaffRow[]).map(fromRow).sort(byName);
}

/** The names on the unlock screen: active accounts that have a PIN. */
export function listUnlockNames(db: Db): { id: number; name: string }[] {
  return (db.prepare('SELECT id, name FROM staff WHERE active = 1 AND pin_hash IS NOT NULL').all() as { id: number; name: string }[]).sort(byName);
}

export function getStaff(db: Db, id: number): StaffMember | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM staff WHERE id = ?`).get(id) as StaffRow | undefined;
  return row ? fromRow(row) : null;
}

/** The stored PIN hash of an active account; null for an inactive or unknown account or no PIN. */
export function getPinHash(db: Db, id: number): string | null {
  const row = db.prepare('SELECT pin_hash AS pinHash FROM staff WHERE id = ? AND active = 1').get(id) as { pinHash: string | null } | undefined;
  return row?.pinHash ?? null;
}

export function countActiveAdmins(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM staff WHERE role = 'admin' AND active = 1").get() as { n: number }).n;
}

function mustGet(db: Db, id: number): StaffMember {
  const staff = getStaff(db, id);
  if (!staff) throw new DomainError('NOT_FOUND', 'That staff account no longer exists.', 'id');
  return staff;
}

function requireName(name: string): void {
  if (name.trim() === '') throw new DomainError('RULE', 'Enter the name staff will pick to unlock the console.', 'name');
}

export function createStaff(tx: Tx, input: { name: string; role: Role; dsl: boolean; pinHash: string | null }): StaffMember {
  requireName(input.name);
  const now = tx.now.toISOString();
  const info = tx.db
    .prepare('INSERT INTO staff (name, role, is_dsl, active, pin_hash, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)')
    .run(input.name, input.role, input.dsl ? 1 : 0, input.pinHash, now, now);
  const id = Number(info.lastInsertRowid);
  tx.audit({
    action: 'staff.create',
    entity: 'staff',
    entityId: id,
    values: { name: input.name, role: input.role, dsl: input.dsl, active: true, pin: input.pinHash === null ? 'none' : 'set' },
  });
  return mustGet(tx.db, id);
}

const LAST_ADMIN = 'There must always be at least one active administrator.';

/**
 * Change an account's name, role, DSL flag or active state. Only the fields that differ are saved
 * and audited; nothing is written if nothing differs. Refused if no active administrator would be left.
 */
export function updateStaff(tx: Tx, id: number, patch: { name?: string; role?: Role; dsl?: boolean; active?: boolean }): StaffMember {
  const current = mustGet(tx.db, id);
  const changed: { name?: string; role?: Role; dsl?: boolean; active?: boolean } = {};
  if (patch.name !== undefined && patch.name !== current.name) {
    requireName(patch.name);
    changed.name = patch.name;
  }
  if (patch.role !== undefined && patch.role !== current.role) changed.role = patch.role;
  if (patch.dsl !== undefined && patch.dsl !== current.dsl) changed.dsl = patch.dsl;
  if (patch.active !== undefined && patch.active !== current.active) changed.active = patch.active;
  if (Object.keys(changed).length === 0) return current;

  const wasActiveAdmin = current.active && current.role === 'admin';
  const willBeActiveAdmin = (changed.active ?? current.active) && (changed.role ?? current.role) === 'admin';
  if (wasActiveAdmin && !willBeActiveAdmin && countActiveAdmins(tx.db) <= 1) {
    throw new DomainError('RULE', LAST_ADMIN, changed.role !== undefined ? 'role' : 'active');
  }

  const name = changed.name ?? current.name;
  const role = changed.role ?? current.role;
  const dsl = changed.dsl ?? current.dsl;
  const active = changed.active ?? current.active;
  tx.db
    .prepare('UPDATE staff SET name = ?, role = ?, is_dsl = ?, active = ?, updated_at = ? WHERE id = ?')
    .run(name, role, dsl ? 1 : 0, active ? 1 : 0, tx.now.toISOString(), id);
  tx.audit({ action: 'staff.update', entity: 'staff', entityId: id, values: changed });
  return mustGet(tx.db, id);
}

/** Set (or replace) an account's PIN hash. */
export function setPin(tx: Tx, id: number, pinHash: string): void {
  mustGet(tx.db, id);
  tx.db.prepare('UPDATE staff SET pin_hash = ?, updated_at = ? WHERE id = ?').run(pinHash, tx.now.toISOString(), id);
  tx.audit({ action: 'staff.set-pin', entity: 'staff', entityId: id, values: { pin: 'changed' } });
}

/** A right PIN: the time is kept. */
export function recordUnlock(tx: Tx, id: number): void {
  if (!mustGet(tx.db, id).active) throw new DomainError('RULE', 'This account is switched off. Ask an administrator.', 'id');
  tx.db.prepare('UPDATE staff SET last_unlock_at = ? WHERE id = ?').run(tx.now.toISOString(), id);
  tx.audit({ action: 'staff.unlock', entity: 'staff', entityId: id });
}

/** Turns an audit actor string ('staff:3') into the staff member's name; 'kiosk', 'system' and null as they are ('' for null). */
export function staffNamer(db: Db): (actor: string | null) => string {
  const names = new Map((db.prepare('SELECT id, name FROM staff').all() as { id: number; name: string }[]).map((s) => [`staff:${s.id}`, s.name]));
  return (actor) => (actor === null ? '' : (names.get(actor) ?? actor));
}
