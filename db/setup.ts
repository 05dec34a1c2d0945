/**
 * First-run set-up and the school's recovery code.
 *
 * The first administrator is made together with the school's name and the recovery code (shown
 * once, kept only as a hash in `secrets`). The code lets an administrator who has forgotten their
 * PIN set a new one; the caller checks it (verifyRecoveryCode in db/pins.ts) before calling here.
 */
import { DomainError } from './errors';
import type { Db } from './open';
import { updateSettings } from './settings';
import { createStaff, getStaff, setPin, type StaffMember } from './staff';
import type { Tx } from './tx';

const RECOVERY_KEY = 'recovery';

/** True once any staff account exists (active or not). */
export function isSetUp(db: Db): boolean {
  return db.prepare('SELECT 1 FROM staff LIMIT 1').get() !== undefined;
}

function storeRecoveryHash(tx: Tx, hash: string): void {
  tx.db.prepare('INSERT INTO secrets (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(RECOVERY_KEY, hash);
}

export function setupSchool(tx: Tx, input: { schoolName: string; adminName: string; adminPinHash: string; recoveryHash: string }): StaffMember {
  if (isSetUp(tx.db)) throw new DomainError('CONFLICT', 'This school is already set up.');
  updateSettings(tx, { schoolName: input.schoolName });
  const admin = createStaff(tx, { name: input.adminName, role: 'admin', dsl: false, pinHash: input.adminPinHash });
  storeRecoveryHash(tx, input.recoveryHash);
  tx.audit({ action: 'recovery.set', entity: 'secret', entityId: RECOVERY_KEY, values: { recoveryCode: 'set' } });
  return admin;
}

export function getRecoveryHash(db: Db): string | null {
  const row = db.prepare('SELECT value FROM secrets WHERE key = ?').get(RECOVERY_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

/** A new recovery code (the old one stops working). */
export function replaceRecoveryHash(tx: Tx, hash: string): void {
  storeRecoveryHash(tx, hash);
  tx.audit({ action: 'recovery.replace', entity: 'secret', entityId: RECOVERY_KEY, values: { recoveryCode: 'replaced' } });
}

/**
 * Set a new PIN for an administrator who has forgotten theirs, once the caller has checked the
 * recovery code. Clears the wrong-PIN streak; any open alerts stay for the administrator to see.
 */
export function resetAdminPinWithRecovery(tx: Tx, staffId: number, newPinHash: string): void {
  const staff = getStaff(tx.db, staffId);
  if (!staff || !staff.active || staff.role !== 'admin') {
    throw new DomainError('RULE', 'The recovery code can only reset the PIN of an active administrator.', 'staffId');
  }
  setPin(tx, staffId, newPinHash);
  tx.audit({ action: 'recovery.used', entity: 'staff', entityId: staffId, values: { pin: 'changed' } });
}
