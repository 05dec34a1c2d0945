import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../db/backup';
import { manualClock } from '../../db/clock';
import { DatabaseOpenError } from '../../db/errors';
import { migrations } from '../../db/migrations';
import { checkRegistry, type Migration } from '../../db/migrate';
import { defaultBackupDir, openDatabase, type Db } from '../../db/open';
import { checkRecords } from '../../db/record-check';
import { recordTables } from '../../db/record-states';
import { tempDir } from '../helpers/db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function freshFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'kiosk.sqlite');
}
const clock = manualClock('2026-11-25T08:40:00Z');

/** Open a database with the registry up to and including `version`. */
async function openAt(file: string, version: number, extra: readonly Migration[] = []) {
  return openDatabase({ file, clock, migrations: [...migrations.slice(0, version), ...extra] });
}

function columns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
}

// Every migration has its own describe block below; this list says which ones do.
const TESTED = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]);

describe('the migration registry', () => {
  it('has a test for every migration', () => {
    expect(migrations.map((m) => m.version).filter((v) => !TESTED.has(v))).toEqual([]);
  });
  it('is numbered 1..n in order', () => {
    expect(() => checkRegistry(migrations)).not.toThrow();
    expect(() => checkRegistry([migrations[0]!, { version: 3, name: 'gap', up: () => {} }])).toThrow(/out of order/);
  });
});

describe('migration 1: core', () => {
  it('creates the audit chain, settings, closures, staff and pupils', async () => {
    const k = await openAt(freshFile(), 1);
    const { db } = k;
    expect(columns(db, 'audit')).toEqual(['id', 'seq', 'at', 'actor', 'action', 'entity', 'entity_id', 'fields', 'values_hash', 'prev_hash', 'hash']);
    expect(columns(db, 'settings')).toEqual(['key', 'value']);
    expect(columns(db, 'closures')).toEqual(['id', 'starts_on', 'ends_on', 'label', 'created_at']);
    expect(columns(db, 'staff')).toEqual(['id', 'name', 'role', 'is_dsl', 'active', 'created_at', 'updated_at']);
    expect(columns(db, 'pupils')).toContain('search_key');
    // the audit log refuses edits and deletions
    expect(() => db.prepare("UPDATE audit SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    // the constraints hold
    const now = '2026-11-25T08:40:00Z';
    expect(() => db.prepare("INSERT INTO closures (starts_on, ends_on, label, created_at) VALUES ('2026-12-02', '2026-12-01', 'x', ?)").run(now)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO staff (name, role, created_at, updated_at) VALUES ('A', 'caretaker', ?, ?)").run(now, now)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO pupils (forename, surname, year_group, search_key, created_at, updated_at) VALUES ('A', 'B', 7, 'a b', ?, ?)").run(now, now),
    ).toThrow(/CHECK/);
    k.close();
  });
});

describe('migration 2: staff sign-in', () => {
  it('adds the PIN and failed-attempt columns to staff, the secrets and the alerts', async () => {
    const file = freshFile();
    const k1 = await openAt(file, 1);
    const now = '2026-11-25T08:40:00Z';
    k1.db.prepare("INSERT INTO staff (id, name, role, created_at, updated_at) VALUES (7, 'Ms Test', 'admin', ?, ?)").run(now, now);
    k1.close();
    const k = await openAt(file, 2);
    const { db } = k;
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(columns(db, 'staff')).toEqual([
      'id', 'name', 'role', 'is_dsl', 'active', 'created_at', 'updated_at', 'pin_hash', 'failed_attempts', 'retry_after', 'last_unlock_at',
    ]);
    // an existing account: no PIN yet, no failures
    expect(db.prepare('SELECT pin_hash, failed_attempts, retry_after, last_unlock_at FROM staff WHERE id = 7').get()).toEqual({
      pin_hash: null,
      failed_attempts: 0,
      retry_after: null,
      last_unlock_at: null,
    });
    expect(columns(db, 'secrets')).toEqual(['key', 'value']);
    expect(columns(db, 'alerts')).toEqual(['id', 'kind', 'entity', 'entity_id', 'created_at', 'resolved_at', 'resolved_by']);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'alerts_open'").pluck().get()).toMatch(/WHERE resolved_at IS NULL/);
    // the constraints hold
    expect(() => db.prepare('UPDATE staff SET failed_attempts = -1 WHERE id = 7').run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO secrets (key, value) VALUES ('x', NULL)").run()).toThrow(/NOT NULL/);
    expect(() => db.prepare("INSERT INTO alerts (kind, created_at, resolved_at, resolved_by) VALUES ('pin-failures', ?, ?, 999)").run(now, now)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO alerts (kind, created_at, resolved_by) VALUES ('pin-failures', ?, 7)").run(now)).toThrow(/CHECK/);
    k.close();
  });
});

describe('migration 3: pupil roll', () => {
  it('adds contacts, pupil cards and the imports log, with their rules, to a file with pupils', async () => {
    const file = freshFile();
    const k2 = await openAt(file, 2);
    const now = '2026-11-25T08:40:00Z';
    k2.db.prepare("INSERT INTO staff (id, name, role, created_at, updated_at) VALUES (7, 'Ms Test', 'admin', ?, ?)").run(now, now);
    k2.db
      .prepare("INSERT INTO pupils (id, upn, forename, surname, year_group, search_key, created_at, updated_at) VALUES (3, 'A100000000001', 'Zoë', 'Quillwick', 5, 'quillwick zoe', ?, ?)")
      .run(now, now);
    k2.close();
    const k = await openAt(file, 3);
    const { db } = k;
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(columns(db, 'contacts')).toEqual([
      'id', 'pupil_id', 'name', 'relationship', 'phone', 'may_collect', 'no_contact', 'no_contact_category', 'created_at', 'updated_at',
    ]);
    expect(columns(db, 'pupil_cards')).toEqual(['id', 'pupil_id', 'token', 'issued_at', 'revoked_at']);
    expect(columns(db, 'imports')).toEqual(['id', 'at', 'staff_id', 'file_name', 'kind', 'added', 'updated', 'left', 'problems']);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'pupil_cards_live'").pluck().get()).toMatch(/UNIQUE INDEX.*WHERE revoked_at IS NULL/s);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'contacts_pupil'").pluck().get()).toBe(1);
    // the existing pupil is kept
    expect(db.prepare('SELECT forename FROM pupils WHERE id = 3').pluck().get()).toBe('Zoë');

    const contact = db.prepare(
      'INSERT INTO contacts (pupil_id, name, may_collect, no_contact, no_contact_category, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    contact.run(3, 'Parent One', 1, 0, null, now, now);
    contact.run(3, 'Flagged', 0, 1, 'court-order', now, now);
    // no contact means no collecting, and a category; a category only with the flag; only the two categories
    expect(() => contact.run(3, 'Both', 1, 1, 'court-order', now, now)).toThrow(/CHECK/);
    expect(() => contact.run(3, 'No reason', 0, 1, null, now, now)).toThrow(/CHECK/);
    expect(() => contact.run(3, 'Stray reason', 0, 0, 'court-order', now, now)).toThrow(/CHECK/);
    expect(() => contact.run(3, 'Other reason', 0, 1, 'because', now, now)).toThrow(/CHECK/);
    expect(() => contact.run(99, 'Nobody’s', 0, 0, null, now, now)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE contacts SET may_collect = 1 WHERE name = 'Flagged'").run()).toThrow(/CHECK/);

    const card = db.prepare('INSERT INTO pupil_cards (pupil_id, token, issued_at, revoked_at) VALUES (?, ?, ?, ?)');
    card.run(3, 'KPAAAAAAAAAAAAAAAA', now, null);
    expect(() => card.run(3, 'KPBBBBBBBBBBBBBBBB', now, null)).toThrow(/UNIQUE/); // one live card per pupil
    card.run(3, 'KPCCCCCCCCCCCCCCCC', now, now); // revoked ones are history
    expect(() => card.run(3, 'KPCCCCCCCCCCCCCCCC', now, now)).toThrow(/UNIQUE/); // tokens are unique
    expect(() => card.run(99, 'KPDDDDDDDDDDDDDDDD', now, null)).toThrow(/FOREIGN KEY/);

    const log = db.prepare('INSERT INTO imports (at, staff_id, file_name, kind, added, updated, "left", problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    log.run(now, 7, 'roll.csv', 'roll', 1, 2, 3, 4);
    log.run(now, null, 'contacts.csv', 'contacts', 0, 0, 0, 0);
    expect(() => log.run(now, 7, 'x.csv', 'staff', 0, 0, 0, 0)).toThrow(/CHECK/);
    expect(() => log.run(now, 7, 'x.csv', 'roll', -1, 0, 0, 0)).toThrow(/CHECK/);
    expect(() => log.run(now, 99, 'x.csv', 'roll', 0, 0, 0, 0)).toThrow(/FOREIGN KEY/);
    k.close();
  });
});

describe('migration 4: phones', () => {
  it('adds phone permissions, device arrangements, slots and items, with their rules, to a file with pupils', async () => {
    const file = freshFile();
    const k3 = await openAt(file, 3);
    const now = '2026-11-25T08:40:00Z';
    const later = '2026-11-25T15:30:00Z';
    k3.db
      .prepare("INSERT INTO pupils (id, forename, surname, year_group, search_key, created_at, updated_at) VALUES (3, 'Zoë', 'Quillwick', 5, 'quillwick zoe', ?, ?)")
      .run(now, now);
    k3.db.prepare("INSERT INTO pupils (id, forename, surname, year_group, search_key, created_at, updated_at) VALUES (4, 'Amir', 'Khan', 6, 'khan amir', ?, ?)").run(now, now);
    k3.db.prepare("INSERT INTO contacts (id, pupil_id, name, may_collect, created_at, updated_at) VALUES (9, 3, 'Parent One', 1, ?, ?)").run(now, now);
    k3.close();
    const k = await openAt(file, 4);
    const { db } = k;
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(columns(db, 'phone_permissions')).toEqual(['id', 'pupil_id', 'granted', 'contact_id', 'reason', 'day', 'at', 'by']);
    expect(columns(db, 'device_arrangements')).toEqual([
      'id', 'pupil_id', 'device', 'reason', 'agreed_by', 'agreed_on', 'review_on', 'written_agreement_received', 'created_at', 'ended_at',
    ]);
    expect(columns(db, 'phone_slots')).toEqual(['pupil_id', 'slot', 'assigned_at']);
    expect(columns(db, 'phone_items')).toEqual([
      'id', 'pupil_id', 'day', 'slot', 'kind', 'description', 'permitted', 'parent_only', 'checked_in_at', 'checked_in_by',
      'checked_out_at', 'checked_out_by', 'collected_by_contact_id', 'collected_by_pupil',
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'phone_items_held'").pluck().get()).toMatch(/WHERE checked_out_at IS NULL/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'phone_items_day'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT forename FROM pupils WHERE id = 3').pluck().get()).toBe('Zoë');

    const perm = db.prepare('INSERT INTO phone_permissions (pupil_id, granted, contact_id, reason, day, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)');
    perm.run(3, 1, 9, 'walks home alone', '2026-11-25', now, 'staff:1');
    expect(() => perm.run(3, 2, 9, 'x', '2026-11-25', now, 'staff:1')).toThrow(/CHECK/);
    expect(() => perm.run(99, 1, null, 'x', '2026-11-25', now, 'staff:1')).toThrow(/FOREIGN KEY/);

    const arr = db.prepare(
      `INSERT INTO device_arrangements (pupil_id, device, reason, agreed_by, agreed_on, review_on, written_agreement_received, created_at, ended_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    arr.run(3, 'Phone', 'Glucose monitoring', 'Mrs Head', '2026-09-01', '2027-09-01', 1, now, null);
    expect(() => arr.run(3, 'Watch', 'x', 'Mrs Head', '2026-09-01', '2027-09-01', 1, now, null)).toThrow(/UNIQUE/); // one current per pupil
    expect(() => arr.run(4, 'Phone', 'x', 'Mrs Head', '2026-09-01', '2026-08-01', 1, now, null)).toThrow(/CHECK/); // review before agreed
    expect(() => arr.run(4, '', 'x', 'Mrs Head', '2026-09-01', '2027-09-01', 1, now, null)).toThrow(/CHECK/);

    const slot = db.prepare('INSERT INTO phone_slots (pupil_id, slot, assigned_at) VALUES (?, ?, ?)');
    slot.run(3, 1, now);
    expect(() => slot.run(4, 1, now)).toThrow(/UNIQUE/);
    expect(() => slot.run(3, 2, now)).toThrow(/UNIQUE/);
    expect(() => slot.run(4, 0, now)).toThrow(/CHECK/);

    const item = db.prepare(
      `INSERT INTO phone_items (pupil_id, day, slot, kind, permitted, parent_only, checked_in_at, checked_in_by, checked_out_at, checked_out_by, collected_by_contact_id, collected_by_pupil)
       VALUES (?, '2026-11-25', ?, ?, ?, ?, ?, 'staff:1', ?, ?, ?, ?)`,
    );
    item.run(3, 1, 'phone', 1, 0, now, null, null, null, 0);
    item.run(4, null, 'smartwatch', 0, 1, now, later, 'staff:2', 9, 0);
    expect(() => item.run(3, 1, 'laptop', 1, 0, now, null, null, null, 0)).toThrow(/CHECK/); // unknown kind
    expect(() => item.run(3, null, 'phone', 1, 0, now, null, null, null, 0)).toThrow(/CHECK/); // permitted needs a slot
    expect(() => item.run(3, 2, 'phone', 0, 0, now, null, null, null, 0)).toThrow(/CHECK/); // held without permission has none
    expect(() => item.run(3, 1, 'phone', 1, 0, now, later, null, null, 1)).toThrow(/CHECK/); // out needs who
    expect(() => item.run(3, 1, 'phone', 1, 0, now, null, null, null, 1)).toThrow(/CHECK/); // collected while held
    expect(() => item.run(3, 1, 'phone', 1, 0, later, now, 'staff:1', null, 1)).toThrow(/CHECK/); // out before in
    expect(() => item.run(3, 1, 'phone', 1, 0, now, later, 'staff:1', 9, 1)).toThrow(/CHECK/); // both pupil and contact
    expect(() => item.run(4, null, 'phone', 0, 1, now, later, 'staff:1', null, 1)).toThrow(/CHECK/); // parent-only to the pupil
    expect(() => item.run(99, 1, 'phone', 1, 0, now, null, null, null, 0)).toThrow(/FOREIGN KEY/);
    k.close();
  });
});

describe('migrating an existing file', () => {
  const addNotes: Migration = {
    version: migrations.length + 1,
    name: 'test-notes',
    up: (db) => db.exec('CREATE TABLE staff_notes (id INTEGER PRIMARY KEY, staff_id INTEGER NOT NULL REFERENCES staff (id), note TEXT)'),
  };

  it('takes a verified backup first, then migrates and audits the step', async () => {
    const file = freshFile();
    const v1 = await openAt(file, migrations.length);
    v1.db.prepare("INSERT INTO settings (key, value) VALUES ('schoolName', '\"Ramsgate Arts\"')").run();
    v1.close();
    const k = await openAt(file, migrations.length, [addNotes]);
    expect(k.db.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    const backups = listBackups(defaultBackupDir(file));
    expect(backups).toHaveLength(1);
    expect(backups[0]!.reason).toBe(`before-v${migrations.length + 1}`);
    const copy = new Database(backups[0]!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(copy.prepare('SELECT value FROM settings').get()).toEqual({ value: '"Ramsgate Arts"' });
    copy.close();
    const last = k.db.prepare('SELECT action, entity_id AS to_ FROM audit ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'schema.migrate', to_: String(migrations.length + 1) });
    k.close();
  });

  it('rolls every step back when one fails, and says so', async () => {
    const file = freshFile();
    (await openAt(file, migrations.length)).close();
    const broken: Migration = { version: migrations.length + 2, name: 'broken', up: (db) => db.exec('ALTER TABLE nowhere ADD COLUMN x') };
    let err: unknown;
    try {
      await openAt(file, migrations.length, [addNotes, broken]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseOpenError);
    expect((err as DatabaseOpenError).reason).toBe('migration-failed');
    expect((err as DatabaseOpenError).message).toContain('nothing was changed');
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'staff_notes'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('rebuilds a referenced table keeping foreign keys sound', async () => {
    const file = freshFile();
    const k1 = await openAt(file, migrations.length, [addNotes]);
    const now = '2026-11-25T08:40:00Z';
    k1.db.prepare("INSERT INTO staff (id, name, role, created_at, updated_at) VALUES (7, 'Ms Test', 'office', ?, ?)").run(now, now);
    k1.db.prepare("INSERT INTO staff_notes (staff_id, note) VALUES (7, 'n')").run();
    k1.close();
    const rebuildStaff: Migration = {
      version: migrations.length + 2,
      name: 'rebuild-staff',
      up: (db) =>
        db.exec(`
          CREATE TABLE staff_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, is_dsl INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, initials TEXT NOT NULL DEFAULT '') STRICT;
          INSERT INTO staff_new (id, name, role, is_dsl, active, created_at, updated_at) SELECT id, name, role, is_dsl, active, created_at, updated_at FROM staff;
          DROP TABLE staff;
          ALTER TABLE staff_new RENAME TO staff;`),
    };
    const k2 = await openAt(file, migrations.length, [addNotes, rebuildStaff]);
    expect(columns(k2.db, 'staff')).toContain('initials');
    expect(k2.db.prepare('SELECT s.name FROM staff_notes n JOIN staff s ON s.id = n.staff_id').all()).toEqual([{ name: 'Ms Test' }]);
    expect(k2.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => k2.db.prepare("INSERT INTO staff_notes (staff_id, note) VALUES (999, 'orphan')").run()).toThrow(/FOREIGN KEY/);
    k2.close();
  });

  it('refuses a step that would leave rows pointing at nothing', async () => {
    const file = freshFile();
    const k1 = await openAt(file, migrations.length, [addNotes]);
    const now = '2026-11-25T08:40:00Z';
    k1.db.prepare("INSERT INTO staff (id, name, role, created_at, updated_at) VALUES (7, 'Ms Test', 'office', ?, ?)").run(now, now);
    k1.db.prepare("INSERT INTO staff_notes (staff_id, note) VALUES (7, 'n')").run();
    k1.close();
    const dropsParentRows: Migration = { version: migrations.length + 2, name: 'orphaning', up: (db) => db.exec('DELETE FROM staff') };
    let err: unknown;
    try {
      await openAt(file, migrations.length, [addNotes, dropsParentRows]);
    } catch (e) {
      err = e;
    }
    expect((err as DatabaseOpenError).reason).toBe('migration-failed');
    expect((err as DatabaseOpenError).message).toMatch(/foreign key check failed/);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM staff').get()).toEqual({ n: 1 });
    raw.close();
  });
});

describe('migration 5: phone indexes', () => {
  it('adds the indexes the check-in and the day’s log use, and the queries use them', async () => {
    const file = freshFile();
    (await openAt(file, 4)).close();
    const k = await openAt(file, 5);
    const { db } = k;
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT COUNT(*) FROM phone_items WHERE pupil_id = 1 AND day = '2026-11-25'")).toMatch(/phone_items_pupil_day/);
    expect(plan("SELECT id FROM phone_items WHERE day = '2026-11-25' OR (checked_out_at >= '2026-11-25' AND checked_out_at < '2026-11-26')")).toMatch(
      /phone_items_day.*phone_items_out|phone_items_out.*phone_items_day/,
    );
    k.close();
  });
});

describe('migration 6: confiscations', () => {
  it('adds the register, its append-only chain of custody and release signatures, with their rules', async () => {
    const file = freshFile();
    const k5 = await openAt(file, 5);
    const now = '2026-11-25T10:00:00Z';
    k5.db.prepare("INSERT INTO pupils (id, forename, surname, year_group, search_key, created_at, updated_at) VALUES (3, 'Zoë', 'Quillwick', 5, 'quillwick zoe', ?, ?)").run(now, now);
    k5.close();
    const k = await openAt(file, 6);
    const { db } = k;
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    const insert = db.prepare(
      `INSERT INTO confiscations (pupil_id, device_type, description, power, ground, confiscated_at, confiscated_by, recorded_at, recorded_by, location, slip_token, status, released_at)
       VALUES (3, ?, 'Black phone', 'on', ?, ?, 'Mrs Lunch', ?, 'staff:1', 'Safe', ?, ?, ?)`,
    );
    insert.run('phone', 'behaviour', now, now, 'KCAAAAAAAAAAAAAAAA', 'held', null);
    expect(() => insert.run('laptop', 'behaviour', now, now, 'KCBBBBBBBBBBBBBBBB', 'held', null)).toThrow(/CHECK/);
    expect(() => insert.run('phone', 'boredom', now, now, 'KCBBBBBBBBBBBBBBBB', 'held', null)).toThrow(/CHECK/);
    expect(() => insert.run('phone', 'behaviour', now, now, 'KCAAAAAAAAAAAAAAAA', 'held', null)).toThrow(/UNIQUE/);
    expect(() => insert.run('phone', 'behaviour', now, now, 'KCBBBBBBBBBBBBBBBB', 'released', null)).toThrow(/CHECK/); // released needs its time
    expect(() => insert.run('phone', 'behaviour', '2026-11-25T11:00:00Z', now, 'KCBBBBBBBBBBBBBBBB', 'held', null)).toThrow(/CHECK/); // recorded before it happened
    const event = db.prepare("INSERT INTO confiscation_events (confiscation_id, kind, at, recorded_at, by, details) VALUES (1, 'recorded', ?, ?, 'staff:1', ?)");
    event.run(now, now, '{"location":"Safe"}');
    expect(() => event.run(now, now, 'not json')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE confiscation_events SET details = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM confiscation_events').run()).toThrow(/append-only/);
    expect(() => db.prepare('INSERT INTO confiscation_signatures (event_id, png) VALUES (1, ?)').run(Buffer.alloc(0))).toThrow(/CHECK/);
    k.close();
  });
});

describe('migration 7: visitors', () => {
  it('adds visitor types, versioned kiosk texts (version 1 seeded, never changed), visits with badges, and their rules', async () => {
    const file = freshFile();
    (await openAt(file, 6)).close();
    const k = await openAt(file, 7);
    const { db } = k;
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT key FROM visitor_types ORDER BY sort').pluck().all()).toEqual(['parent', 'visitor', 'contractor', 'volunteer', 'supply']);
    const first = db.prepare('SELECT version, body, created_by AS by FROM visitor_texts').all() as { version: number; body: string; by: string }[];
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ version: 1, by: 'system' });
    expect(Object.keys((JSON.parse(first[0]!.body) as { types: object }).types)).toEqual(['parent', 'visitor', 'contractor', 'volunteer', 'supply']);
    expect(() => db.prepare("UPDATE visitor_texts SET body = '{}'").run()).toThrow(/never changed/);
    const now = '2026-11-25T10:00:00Z';
    const visit = db.prepare(
      `INSERT INTO visits (type_key, name, name_key, escort, texts_version, status, signed_in_at, signed_in_via, signed_out_at)
       VALUES (?, 'Sam', 'sam', ?, 1, ?, ?, 'kiosk', ?)`,
    );
    visit.run('visitor', 'escorted', 'on-site', now, null);
    expect(() => visit.run('alien', 'escorted', 'on-site', now, null)).toThrow(/FOREIGN KEY/);
    expect(() => visit.run('visitor', 'sometimes', 'on-site', now, null)).toThrow(/CHECK/);
    expect(() => visit.run('visitor', 'escorted', 'signed-out', now, null)).toThrow(/CHECK/); // closed needs its time
    expect(() => visit.run('visitor', 'escorted', 'on-site', now, now)).toThrow(/CHECK/); // open has none
    expect(() => visit.run('visitor', 'escorted', 'signed-out', now, '2026-11-25T09:00:00Z')).toThrow(/CHECK/); // out before in
    db.prepare("INSERT INTO visit_badges (token, visit_id, issued_at) VALUES ('KVAAAAAAAAAAAAAAAA', 1, ?)").run(now);
    expect(() => db.prepare("INSERT INTO visit_badges (token, visit_id, issued_at) VALUES ('KVAAAAAAAAAAAAAAAA', 1, ?)").run(now)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO not_permitted (name, name_key, category, added_at, added_by) VALUES ('X', 'x', 'gossip', ?, 'staff:1')").run(now)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO visitor_profiles (type_key, name, name_key, dbs_number) VALUES ('visitor', 'V', 'v', '001234567890')").run()).toThrow(/CHECK/); // a number needs the date seen
    k.close();
  });
});

describe('migration 8: pin budget', () => {
  it('adds one budget per screen and secret with its misses, and zeroes the per-account streak that no longer gates unlocking', async () => {
    const file = freshFile();
    const k7 = await openAt(file, 7);
    const now = '2026-11-25T10:00:00Z';
    k7.db.prepare("INSERT INTO staff (id, name, role, is_dsl, active, created_at, updated_at, failed_attempts, retry_after) VALUES (7, 'Olu', 'office', 0, 1, ?, ?, 6, ?)").run(now, now, now);
    k7.close();
    const k = await openAt(file, 8);
    const { db } = k;
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT failed_attempts AS n, retry_after AS r FROM staff WHERE id = 7').get()).toEqual({ n: 0, r: null });
    expect(columns(db, 'pin_budget')).toEqual(['screen', 'secret', 'streak', 'wait_until', 'alerted', 'updated_at']);
    const budget = db.prepare('INSERT INTO pin_budget (screen, secret, streak, updated_at) VALUES (?, ?, ?, ?)');
    budget.run('console', 'pin', 0, now);
    expect(() => budget.run('console', 'pin', 1, now)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => budget.run('console', 'password', 0, now)).toThrow(/CHECK/);
    expect(() => budget.run('', 'pin', 0, now)).toThrow(/CHECK/);
    expect(() => budget.run('preview', 'pin', -1, now)).toThrow(/CHECK/);
    const miss = db.prepare('INSERT INTO pin_budget_misses (screen, secret, at) VALUES (?, ?, ?)');
    miss.run('console', 'pin', now);
    expect(() => miss.run('console', 'recovery-code', now)).toThrow(/FOREIGN KEY/); // no budget row for it
    db.prepare("DELETE FROM pin_budget WHERE screen = 'console'").run();
    expect(db.prepare('SELECT count(*) FROM pin_budget_misses').pluck().get()).toBe(0); // the misses go with their budget
    k.close();
  });
});

describe('migration 9: record states', () => {
  it('records the state of every existing record in its own audit row, so the upgrade raises no alarm', async () => {
    const file = freshFile();
    const k8 = await openAt(file, 8);
    const now = '2026-11-25T10:00:00Z';
    k8.db.prepare("INSERT INTO staff (id, name, role, is_dsl, active, created_at, updated_at) VALUES (7, 'Olu', 'office', 0, 1, ?, ?)").run(now, now);
    k8.db.prepare("INSERT INTO closures (starts_on, ends_on, label, created_at) VALUES ('2026-12-21', '2027-01-01', 'Christmas', ?)").run(now);
    k8.close();
    const k = await openAt(file, 9);
    const { db } = k;
    expect(columns(db, 'record_states')).toEqual(['tbl', 'rid', 'salt', 'hash', 'seq']);
    expect(columns(db, 'alerts')).toContain('resolved_note');
    expect(columns(db, 'audit')).toContain('states');
    const migrated = db.prepare("SELECT seq, states FROM audit WHERE action = 'schema.migrate' ORDER BY seq DESC LIMIT 1").get() as { seq: number; states: string };
    const listed = JSON.parse(migrated.states) as [string, string, string][];
    expect(listed).toContainEqual(['staff', '7', expect.stringMatching(/^[0-9a-f]{32}$/)]);
    expect(listed.filter(([t]) => t === 'closures')).toHaveLength(1);
    // every state points at the migration's row, and nothing personal is in the trail's list
    expect(db.prepare('SELECT DISTINCT seq FROM record_states').pluck().all()).toEqual([migrated.seq]);
    expect(migrated.states).not.toContain('Olu');
    expect(checkRecords(db)).toMatchObject({ ok: true, findings: [] });
    k.close();
  });

  it('a later step that rebuilds a covered table calls recordTables, and one that forgets is reported', async () => {
    const rebuild = (record: boolean): Migration => ({
      version: 10,
      name: 'rebuild-closures',
      up(db) {
        db.exec(`
          CREATE TABLE closures_new (id INTEGER PRIMARY KEY, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL, label TEXT NOT NULL, created_at TEXT NOT NULL, note TEXT);
          INSERT INTO closures_new (id, starts_on, ends_on, label, created_at) SELECT id, starts_on, ends_on, label, created_at FROM closures;
          DROP TABLE closures;
          ALTER TABLE closures_new RENAME TO closures;
        `);
        if (record) recordTables(db, ['closures']);
      },
    });
    for (const record of [true, false]) {
      const file = freshFile();
      const k8 = await openAt(file, 8);
      k8.db.prepare("INSERT INTO closures (starts_on, ends_on, label, created_at) VALUES ('2026-12-21', '2027-01-01', 'Christmas', '2026-11-25T10:00:00Z')").run();
      k8.close();
      (await openAt(file, 9)).close();
      const k = await openAt(file, 9, [rebuild(record)]);
      const result = checkRecords(k.db);
      if (record) expect(result).toMatchObject({ ok: true, findings: [] });
      // the rebuilt table has no triggers, and its record's state (a new column) was never recorded
      else expect(result.findings.map((f) => [f.kind, f.table, f.recordId])).toEqual([['unguarded', 'closures', null], ['changed', 'closures', '1']]);
      k.close();
    }
  });
});
