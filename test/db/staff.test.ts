import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_OR_DSL_ONLY, listOpenAlerts, raiseAlert, resolveAlert } from '../../db/alerts';
import { hashValues, type Actor } from '../../db/audit';
import { DomainError } from '../../db/errors';
import { TEST_SCRYPT, hashSecret, normaliseRecoveryCode, newRecoveryCode, verifySecret } from '../../db/pins';
import { getSettings } from '../../db/settings';
import { getRecoveryHash, isSetUp, replaceRecoveryHash, resetAdminPinWithRecovery, setupSchool } from '../../db/setup';
import {
  PIN_DELAYS_SECONDS,
  countActiveAdmins,
  createStaff,
  getPinHash,
  getStaff,
  listStaff,
  listUnlockNames,
  recordUnlock,
  setPin,
  updateStaff,
  type Role,
} from '../../db/staff';
import { write } from '../../db/tx';
import { makeTestDb, snapshot, type TestDb } from '../helpers/db';

let t: TestDb;
let pinHash: string;
beforeEach(async () => {
  t = await makeTestDb();
  pinHash = await hashSecret('480372', TEST_SCRYPT);
});
afterEach(() => t.dispose());
const w = () => ({ db: t.db, clock: t.clock, anchorFile: t.anchorFile });
const system: Actor = { kind: 'system' };
const kiosk: Actor = { kind: 'kiosk' };

/** A per-account streak as an older version left it (unused since migration 8: wrong PINs are counted per screen). */
function legacyStreak(id: number, failures: number) {
  t.db.prepare('UPDATE staff SET failed_attempts = ?, retry_after = ? WHERE id = ?').run(failures, failures > 2 ? '2026-11-25T08:45:00.000Z' : null, id);
}

function add(name: string, role: Role = 'office', opts: { dsl?: boolean; pin?: boolean } = {}) {
  return write(w(), system, (tx) => createStaff(tx, { name, role, dsl: opts.dsl ?? false, pinHash: opts.pin === false ? null : pinHash }));
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The whole audit table as text: no PIN or recovery hash may ever appear in it. */
function auditText(): string {
  return JSON.stringify(t.db.prepare('SELECT * FROM audit ORDER BY seq').all());
}

function auditRows(entityId: number) {
  return t.db.prepare("SELECT action, fields, values_hash AS valuesHash FROM audit WHERE entity = 'staff' AND entity_id = ? ORDER BY seq").all(String(entityId)) as {
    action: string;
    fields: string;
    valuesHash: string | null;
  }[];
}

describe('staff accounts', () => {
  it('creates an account and reads it back, without the hash', () => {
    const m = add('Mrs Patel', 'leadership', { dsl: true });
    expect(m).toEqual({
      id: m.id,
      name: 'Mrs Patel',
      role: 'leadership',
      dsl: true,
      active: true,
      hasPin: true,
      lastUnlockAt: null,
      createdAt: '2026-11-25T08:40:00.000Z',
      updatedAt: '2026-11-25T08:40:00.000Z',
    });
    expect(getStaff(t.db, m.id)).toEqual(m);
    expect(getStaff(t.db, 999)).toBeNull();
    expect(JSON.stringify(m)).not.toContain('scrypt$');
    expect(getPinHash(t.db, m.id)).toBe(pinHash);
    expect(auditRows(m.id)).toEqual([
      { action: 'staff.create', fields: '["active","dsl","name","pin","role"]', valuesHash: hashValues({ name: 'Mrs Patel', role: 'leadership', dsl: true, active: true, pin: 'set' }) },
    ]);
    expect(add('No Pin Yet', 'office', { pin: false }).hasPin).toBe(false);
  });

  it('refuses an empty name', () => {
    expect(refusal(() => add('  ')).field).toBe('name');
  });

  it('lists by name regardless of case, then id; inactive accounts only when asked', () => {
    const admin = add('mr Brown', 'admin');
    const b = add('Ms Adams');
    const c = add('Ms adams');
    const d = add('Zoe Lane');
    write(w(), system, (tx) => updateStaff(tx, d.id, { active: false }));
    expect(listStaff(t.db).map((s) => s.id)).toEqual([admin.id, b.id, c.id]);
    expect(listStaff(t.db).map((s) => s.name)).toEqual(['mr Brown', 'Ms Adams', 'Ms adams']);
    expect(listStaff(t.db, { includeInactive: true }).map((s) => s.name)).toEqual(['mr Brown', 'Ms Adams', 'Ms adams', 'Zoe Lane']);
  });

  it('offers only active accounts with a PIN on the unlock screen', () => {
    const a = add('Ms Adams', 'admin');
    add('Mr NoPin', 'office', { pin: false });
    const gone = add('Mrs Gone');
    const b = add('Mr Brown');
    write(w(), system, (tx) => updateStaff(tx, gone.id, { active: false }));
    expect(listUnlockNames(t.db)).toEqual([
      { id: b.id, name: 'Mr Brown' },
      { id: a.id, name: 'Ms Adams' },
    ]);
    expect(getPinHash(t.db, gone.id)).toBeNull();
    expect(getPinHash(t.db, 999)).toBeNull();
  });

  it('updates only what changed, audits only those fields, and writes nothing when nothing changed', () => {
    add('Ms Admin', 'admin');
    const m = add('Mr Brown');
    t.clock.advance(60_000);
    const updated = write(w(), system, (tx) => updateStaff(tx, m.id, { name: 'Mr Brown', role: 'leadership', dsl: true, active: true }));
    expect(updated).toMatchObject({ name: 'Mr Brown', role: 'leadership', dsl: true, active: true, updatedAt: '2026-11-25T08:41:00.000Z' });
    expect(auditRows(m.id).at(-1)).toEqual({ action: 'staff.update', fields: '["dsl","role"]', valuesHash: hashValues({ role: 'leadership', dsl: true }) });

    const before = snapshot(t.db);
    t.clock.advance(60_000);
    const same = write(w(), system, (tx) => updateStaff(tx, m.id, { name: 'Mr Brown', role: 'leadership', dsl: true }));
    expect(same).toEqual(updated);
    expect(write(w(), system, (tx) => updateStaff(tx, m.id, {}))).toEqual(updated);
    expect(snapshot(t.db)).toEqual(before);

    const missing = refusal(() => write(w(), system, (tx) => updateStaff(tx, 999, { name: 'X' })));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('always keeps one active administrator', () => {
    const a = add('Ms Admin', 'admin');
    expect(countActiveAdmins(t.db)).toBe(1);
    const demote = refusal(() => write(w(), system, (tx) => updateStaff(tx, a.id, { role: 'office' })));
    expect(demote).toMatchObject({ code: 'RULE', message: 'There must always be at least one active administrator.', field: 'role' });
    const deactivate = refusal(() => write(w(), system, (tx) => updateStaff(tx, a.id, { active: false })));
    expect(deactivate).toMatchObject({ code: 'RULE', field: 'active' });
    expect(getStaff(t.db, a.id)).toMatchObject({ role: 'admin', active: true });

    // an inactive administrator does not count
    const b = add('Mr Second', 'admin');
    write(w(), system, (tx) => updateStaff(tx, b.id, { active: false }));
    expect(countActiveAdmins(t.db)).toBe(1);
    expect(refusal(() => write(w(), system, (tx) => updateStaff(tx, a.id, { role: 'leadership' }))).field).toBe('role');

    // with a second active administrator, the first may step down; then the second may not
    write(w(), system, (tx) => updateStaff(tx, b.id, { active: true }));
    write(w(), system, (tx) => updateStaff(tx, a.id, { role: 'leadership' }));
    expect(countActiveAdmins(t.db)).toBe(1);
    expect(refusal(() => write(w(), system, (tx) => updateStaff(tx, b.id, { active: false }))).field).toBe('active');
    // other changes to the last administrator are fine
    expect(write(w(), system, (tx) => updateStaff(tx, b.id, { name: 'Mr Second-Smith', dsl: true }))).toMatchObject({ role: 'admin', active: true, dsl: true });
  });

  it('sets a PIN and audits it without the hash', async () => {
    const m = add('Mr Brown', 'office', { pin: false });
    const next = await hashSecret('905511', TEST_SCRYPT);
    write(w(), system, (tx) => setPin(tx, m.id, next));
    expect(getStaff(t.db, m.id)).toMatchObject({ hasPin: true });
    expect(await verifySecret('905511', getPinHash(t.db, m.id)!)).toBe(true);
    expect(auditRows(m.id).at(-1)).toEqual({ action: 'staff.set-pin', fields: '["pin"]', valuesHash: hashValues({ pin: 'changed' }) });
    expect(auditText()).not.toContain('scrypt$');
    expect(refusal(() => write(w(), system, (tx) => setPin(tx, 999, next))).code).toBe('NOT_FOUND');
  });
});

describe('wrong PINs: counted per screen now (db/pin-budget.ts), never per account', () => {
  it('keeps the delays recovery mode uses', () => {
    expect(PIN_DELAYS_SECONDS).toEqual([0, 0, 5, 15, 30, 60, 120, 300]);
  });

  it('a right PIN keeps the time of the unlock, audited', () => {
    const m = add('Mr Brown');
    t.clock.advance(20_000);
    write(w(), kiosk, (tx) => recordUnlock(tx, m.id));
    expect(getStaff(t.db, m.id)).toMatchObject({ lastUnlockAt: '2026-11-25T08:40:20.000Z' });
    expect(auditRows(m.id).at(-1)).toEqual({ action: 'staff.unlock', fields: '[]', valuesHash: null });
  });

  it("an older version's per-account streak is neither read nor written: no account is ever slowed down", async () => {
    const m = add('Mr Brown');
    legacyStreak(m.id, 6);
    const member = getStaff(t.db, m.id)!;
    expect(Object.keys(member).sort()).toEqual(['active', 'createdAt', 'dsl', 'hasPin', 'id', 'lastUnlockAt', 'name', 'role', 'updatedAt']);
    write(w(), kiosk, (tx) => recordUnlock(tx, m.id));
    write(w(), system, (tx) => setPin(tx, m.id, pinHash));
    expect(t.db.prepare('SELECT failed_attempts AS n, retry_after AS r FROM staff WHERE id = ?').get(m.id)).toEqual({ n: 6, r: '2026-11-25T08:45:00.000Z' });
  });

  it('does not unlock an account that has been switched off', () => {
    add('Ms Admin', 'admin');
    const m = add('Mr Brown');
    write(w(), system, (tx) => updateStaff(tx, m.id, { active: false }));
    expect(refusal(() => write(w(), kiosk, (tx) => recordUnlock(tx, m.id))).code).toBe('RULE');
    expect(getStaff(t.db, m.id)?.lastUnlockAt).toBeNull();
  });

  it("an older version's wrong-PIN alert about an account: an administrator or DSL marks it dealt with, office staff cannot", () => {
    const admin = add('Ms Admin', 'admin');
    const dsl = add('Mrs Dsl', 'office', { dsl: true });
    const office = add('Mr Office');
    const m = add('Mr Brown');
    const ids = [m.id, office.id].map((id) => write(w(), system, (tx) => raiseAlert(tx, { kind: 'pin-failures', entity: 'staff', entityId: id })));
    const before = snapshot(t.db);
    expect(refusal(() => write(w(), { kind: 'staff', staffId: office.id }, (tx) => resolveAlert(tx, ids[0]!)))).toMatchObject({ code: 'RULE', message: ADMIN_OR_DSL_ONLY });
    expect(snapshot(t.db)).toEqual(before);
    write(w(), { kind: 'staff', staffId: admin.id }, (tx) => resolveAlert(tx, ids[0]!));
    write(w(), { kind: 'staff', staffId: dsl.id }, (tx) => resolveAlert(tx, ids[1]!));
    expect(listOpenAlerts(t.db)).toEqual([]);
    expect(t.db.prepare("SELECT resolved_by AS by FROM alerts WHERE kind = 'pin-failures' ORDER BY id").pluck().all()).toEqual([admin.id, dsl.id]);
  });
});

describe('setting up the school, and the recovery code', () => {
  async function setUp() {
    const recoveryHash = await hashSecret(normaliseRecoveryCode(newRecoveryCode()), TEST_SCRYPT);
    const admin = write(w(), kiosk, (tx) => setupSchool(tx, { schoolName: 'Ramsgate Arts Primary', adminName: 'Ms Admin', adminPinHash: pinHash, recoveryHash }));
    return { admin, recoveryHash };
  }

  it('creates the first administrator, saves the school name and keeps the recovery hash', async () => {
    expect(isSetUp(t.db)).toBe(false);
    const { admin, recoveryHash } = await setUp();
    expect(isSetUp(t.db)).toBe(true);
    expect(admin).toMatchObject({ name: 'Ms Admin', role: 'admin', dsl: false, active: true, hasPin: true });
    expect(getSettings(t.db).schoolName).toBe('Ramsgate Arts Primary');
    expect(getRecoveryHash(t.db)).toBe(recoveryHash);
    expect(getPinHash(t.db, admin.id)).toBe(pinHash);
    const actions = (t.db.prepare("SELECT action FROM audit WHERE action != 'schema.migrate' ORDER BY seq").pluck().all() as string[]).sort();
    expect(actions).toEqual(['recovery.set', 'settings.update', 'staff.create']);
    expect(auditText()).not.toContain('scrypt$');
  });

  it('refuses to set up twice', async () => {
    await setUp();
    const before = snapshot(t.db);
    const again = await (async () => {
      const recoveryHash = await hashSecret('ANOTHERCODE', TEST_SCRYPT);
      return refusal(() => write(w(), kiosk, (tx) => setupSchool(tx, { schoolName: 'Other', adminName: 'Mr Other', adminPinHash: pinHash, recoveryHash })));
    })();
    expect(again).toMatchObject({ code: 'CONFLICT', message: 'This school is already set up.' });
    expect(snapshot(t.db)).toEqual(before);
  });

  it('replaces the recovery hash, audited without it', async () => {
    const { admin } = await setUp();
    const next = await hashSecret('BOOKSIIIII2222277777', TEST_SCRYPT);
    write(w(), { kind: 'staff', staffId: admin.id }, (tx) => replaceRecoveryHash(tx, next));
    expect(getRecoveryHash(t.db)).toBe(next);
    const row = t.db.prepare('SELECT action, fields, values_hash AS valuesHash FROM audit ORDER BY seq DESC LIMIT 1').get();
    expect(row).toEqual({ action: 'recovery.replace', fields: '["recoveryCode"]', valuesHash: hashValues({ recoveryCode: 'replaced' }) });
    expect(auditText()).not.toContain('scrypt$');
  });

  it('resets a PIN with the recovery code for an active administrator only', async () => {
    const { admin } = await setUp();
    const office = add('Mr Office');
    const second = add('Mrs Second', 'admin');
    write(w(), system, (tx) => updateStaff(tx, second.id, { active: false }));
    const newHash = await hashSecret('905511', TEST_SCRYPT);

    for (const id of [office.id, second.id, 999]) {
      const e = refusal(() => write(w(), kiosk, (tx) => resetAdminPinWithRecovery(tx, id, newHash)));
      expect(e.code).toBe('RULE');
    }
    expect(getPinHash(t.db, office.id)).toBe(pinHash);

    write(w(), kiosk, (tx) => resetAdminPinWithRecovery(tx, admin.id, newHash));
    expect(await verifySecret('905511', getPinHash(t.db, admin.id)!)).toBe(true);
    expect(auditRows(admin.id).slice(-2).map((r) => r.action)).toEqual(['staff.set-pin', 'recovery.used']);
    expect(auditText()).not.toContain('scrypt$');
  });
});
