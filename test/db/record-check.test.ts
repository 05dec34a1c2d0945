/**
 * The record check on real files. Each attack is made as someone at the PC's files would make it:
 * a separate plain better-sqlite3 connection, without the app's trigger function (as the sqlite3
 * command-line tool), dropping whatever triggers stand in the way, then editing.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, readAnchor, type Actor } from '../../db/audit';
import { backupNow, restoreBackup } from '../../db/backup';
import { recordConfiscation, recordParentsNotInformed, releaseDevice } from '../../db/confiscations';
import { addContact } from '../../db/contacts';
import { openDatabase } from '../../db/open';
import { createPupil, updatePupil } from '../../db/pupils';
import { checkRecords, type RecordCheckResult } from '../../db/record-check';
import { NOT_COVERED, coveredTables, stateHash, tableKey, triggerNames } from '../../db/record-states';
import { updateSettings } from '../../db/settings';
import { write, type Tx } from '../../db/tx';
import { currentTexts, signIn, staffSignOut } from '../../db/visitors';
import { makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T09:15:00Z', { staff: true });
});
afterEach(() => t.dispose());

const office: Actor = { kind: 'staff', staffId: 2 };
const officeDsl: Actor = { kind: 'staff', staffId: 3 };
const kiosk: Actor = { kind: 'kiosk' };

function as<T>(actor: Actor, fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, actor, fn);
}

/** The check as the worker runs it: its own read-only connection, the anchor read from beside the file. */
function check(): RecordCheckResult {
  const ro = new Database(t.file, { readonly: true, fileMustExist: true });
  try {
    return checkRecords(ro, { anchor: readAnchor(t.anchorFile) });
  } finally {
    ro.close();
  }
}

/** A plain connection, as the sqlite3 tool: the app's function is not there. */
function attacker<T>(fn: (raw: Database.Database) => T): T {
  const raw = new Database(t.file);
  try {
    return fn(raw);
  } finally {
    raw.close();
  }
}

const SIGNATURE = (() => {
  const png = new PNG({ width: 40, height: 20 });
  png.data.fill(255);
  return new Uint8Array(PNG.sync.write(png));
})();

function aSchoolDay() {
  const pupil = as(office, (tx) => createPupil(tx, { forename: 'Zoë', surname: 'Quillwick', yearGroup: 5, regGroup: '5W', upn: null, adno: null }));
  const mum = as(office, (tx) => addContact(tx, pupil.id, { name: 'Ana Quillwick', relationship: 'Mother', phone: '07700 900123', mayCollect: true }));
  const c = as(office, (tx) =>
    recordConfiscation(tx, { pupilId: pupil.id, deviceType: 'phone', description: 'Black iPhone', condition: 'Fine', power: 'on', ground: 'behaviour', confiscatedBy: 'Mrs Lunch', confiscatedAt: '2026-11-25T09:05:00Z' }),
  );
  const cp = as(office, (tx) =>
    recordConfiscation(tx, { pupilId: pupil.id, deviceType: 'tablet', description: 'Grey tablet', condition: 'Fine', power: 'off', ground: 'child-protection', confiscatedBy: 'Mr Class', confiscatedAt: '2026-11-25T09:10:00Z' }),
  );
  as(officeDsl, (tx) => recordParentsNotInformed(tx, cp.id, { decidedBy: 'Dara (DSL)', reason: 'Telling them may put the child at risk' }));
  as(office, (tx) => releaseDevice(tx, c.id, { to: { contactId: mum.id }, identity: 'known-to-staff', signature: SIGNATURE }));
  const signed = as(kiosk, (tx) => signIn(tx, { typeKey: 'visitor', name: 'Sam Visitor', organisation: 'County Council', visiting: 'Mrs Head', textsVersion: currentTexts(t.db).version, via: 'kiosk' }));
  if (signed.kind !== 'badge') throw new Error('expected a badge');
  as(office, (tx) => staffSignOut(tx, signed.visitId));
  as(office, (tx) => updatePupil(tx, pupil.id, { regGroup: '5H' }));
  as({ kind: 'staff', staffId: 1 }, (tx) => updateSettings(tx, { confiscationLocations: ['School office safe', 'Head’s office'] }));
  return { pupil, mum, c, cp, visitId: signed.visitId };
}

describe('the tables the check covers', () => {
  it('lists every table of the schema as covered (with its triggers) or not covered with the reason', () => {
    const tables = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const triggers = new Set(t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
    const covered = coveredTables(t.db);
    for (const table of tables) {
      if (table in NOT_COVERED) {
        expect(NOT_COVERED[table]!.length).toBeGreaterThan(10);
        expect(covered).not.toContain(table);
      } else {
        expect(covered).toContain(table);
        expect(triggerNames(table).filter((n) => !triggers.has(n)), table).toEqual([]);
      }
    }
    // the excluded columns exist, so the list cannot silently go stale
    expect(tableKey(t.db, 'staff').columns).not.toContain('failed_attempts');
    expect(covered).toEqual(expect.arrayContaining(['confiscation_events', 'confiscation_signatures', 'visits', 'staff', 'alerts']));
  });

  it('a new table without triggers is reported by the check until a migration covers it', () => {
    t.db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    expect(check().findings).toEqual([expect.objectContaining({ kind: 'unguarded', table: 'notes' })]);
  });

  it('a write from a connection without the app\u2019s function fails while the triggers stand', () => {
    aSchoolDay();
    expect(() => attacker((raw) => raw.prepare("UPDATE pupils SET reg_group = '6X'").run())).toThrow(/no such function/);
    expect(check()).toMatchObject({ ok: true });
  });
});

describe('a normal day through the app', () => {
  it('raises no alarm, keeps no names in the trail, and states only meaningful changes', () => {
    aSchoolDay();
    const result = check();
    expect(result).toMatchObject({ ok: true, findings: [], more: false });
    expect(result.records).toBeGreaterThan(20);
    const states = t.db.prepare('SELECT states FROM audit WHERE states IS NOT NULL').pluck().all() as string[];
    expect(states.join('\n')).not.toMatch(/Quillwick|Sam Visitor|Lunch|07700/);
    // a wrong PIN's counters are not a change of record
    const before = t.db.prepare('SELECT count(*) FROM record_states').pluck().get();
    as(office, (tx) => {
      tx.db.prepare('UPDATE staff SET failed_attempts = failed_attempts + 1 WHERE id = 2').run();
      tx.audit({ action: 'test.counter', entity: 'staff', entityId: 2 });
    });
    expect(t.db.prepare('SELECT states FROM audit ORDER BY seq DESC LIMIT 1').pluck().get()).toBeNull();
    expect(t.db.prepare('SELECT count(*) FROM record_states').pluck().get()).toBe(before);
    expect(check()).toMatchObject({ ok: true });
  });

  it('raises no alarm after a restore of an earlier backup', async () => {
    aSchoolDay();
    const backup = await backupNow(t.db, { dir: path.join(t.dir, 'backups'), reason: 'manual', clock: t.clock, keep: null });
    as(office, (tx) => createPupil(tx, { forename: 'Later', surname: 'Pupil', yearGroup: 3, regGroup: '3A', upn: null, adno: null }));
    t.close();
    restoreBackup(backup.path, t.file, t.clock);
    const k = await openDatabase({ file: t.file, clock: t.clock });
    k.close();
    expect(check()).toMatchObject({ ok: true, findings: [] });
  });
});

describe('attacks on the file, each found', () => {
  it('a release event rewritten (the collector changed) with the triggers dropped', () => {
    const { c } = aSchoolDay();
    const id = t.db.prepare("SELECT id FROM confiscation_events WHERE confiscation_id = ? AND kind = 'released'").pluck().get(c.id) as number;
    const seq = t.db.prepare("SELECT seq FROM record_states WHERE tbl = 'confiscation_events' AND rid = ?").pluck().get(String(id)) as number;
    attacker((raw) => {
      raw.exec(`DROP TRIGGER confiscation_events_no_update; DROP TRIGGER ${triggerNames('confiscation_events')[1]!};`);
      raw.prepare("UPDATE confiscation_events SET details = json_set(details, '$.to', 'Ben Quillwick', '$.identity', 'photo-id'), by = 'staff:4' WHERE id = ?").run(id);
    });
    const result = check();
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'unguarded', table: 'confiscation_events' }),
        expect.objectContaining({ kind: 'changed', table: 'confiscation_events', recordId: String(id), seq }),
      ]),
    );
    expect(JSON.stringify(result.findings)).not.toMatch(/Quillwick/);
  });

  it('the same release rewritten with its stored state re-computed to match: the trail disagrees', () => {
    const { c } = aSchoolDay();
    const id = t.db.prepare("SELECT id FROM confiscation_events WHERE confiscation_id = ? AND kind = 'released'").pluck().get(c.id) as number;
    attacker((raw) => {
      raw.exec(`DROP TRIGGER confiscation_events_no_update; DROP TRIGGER ${triggerNames('confiscation_events')[1]!};`);
      raw.prepare("UPDATE confiscation_events SET details = json_set(details, '$.to', 'Ben Quillwick') WHERE id = ?").run(id);
      const row = raw.prepare('SELECT * FROM confiscation_events WHERE id = ?').get(id) as Record<string, unknown>;
      const salt = raw.prepare("SELECT salt FROM record_states WHERE tbl = 'confiscation_events' AND rid = ?").pluck().get(String(id)) as string;
      const forged = stateHash(salt, 'confiscation_events', String(id), row, tableKey(raw, 'confiscation_events').columns);
      raw.prepare("UPDATE record_states SET hash = ? WHERE tbl = 'confiscation_events' AND rid = ?").run(forged, String(id));
      // and the triggers put back, so nothing looks unguarded
      raw.exec(`CREATE TRIGGER confiscation_events_no_update BEFORE UPDATE ON confiscation_events BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END;
        CREATE TRIGGER ${triggerNames('confiscation_events')[1]!} AFTER UPDATE ON confiscation_events BEGIN SELECT kiosk_record_touched('confiscation_events', OLD.id); SELECT kiosk_record_touched('confiscation_events', NEW.id); END;`);
    });
    const result = check();
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'state-not-in-trail', table: 'confiscation_events', recordId: String(id) })]);
  });

  it('a "parents not informed" event deleted', () => {
    const { cp } = aSchoolDay();
    const id = t.db.prepare("SELECT id FROM confiscation_events WHERE confiscation_id = ? AND kind = 'parents-not-informed'").pluck().get(cp.id) as number;
    attacker((raw) => {
      raw.exec(`DROP TRIGGER confiscation_events_no_delete; DROP TRIGGER ${triggerNames('confiscation_events')[2]!};`);
      raw.prepare('DELETE FROM confiscation_events WHERE id = ?').run(id);
    });
    const result = check();
    expect(result.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'removed', table: 'confiscation_events', recordId: String(id) })]));
  });

  it('an audit row edited', () => {
    aSchoolDay();
    const seq = t.db.prepare("SELECT seq FROM audit WHERE action LIKE 'confiscation.%' ORDER BY seq LIMIT 1").pluck().get() as number;
    attacker((raw) => {
      raw.exec('DROP TRIGGER audit_no_update');
      raw.prepare("UPDATE audit SET actor = 'staff:5' WHERE seq = ?").run(seq);
    });
    expect(check().findings).toEqual([expect.objectContaining({ kind: 'trail', seq })]);
  });

  it('a visit and its audit rows deleted and the trail renumbered and re-hashed', () => {
    const { visitId } = aSchoolDay();
    attacker((raw) => renumberWithout(raw, visitId));
    const result = check();
    // the renumbered chain hashes whole again, but the head no longer matches the anchor kept outside
    expect(result.ok).toBe(false);
    expect(result.findings[0]).toMatchObject({ kind: 'trail' });
    // with the anchor deleted too, the tables that lost their triggers still show; an attacker who
    // also puts the triggers back has rewritten consistently, and only a witness out of their reach
    // (an earlier backup elsewhere, a fingerprint on paper) can show it: the limit README states
    fs.rmSync(t.anchorFile);
    expect(check().findings.map((f) => [f.kind, f.table])).toEqual([
      ['unguarded', 'visit_badges'],
      ['unguarded', 'visits'],
    ]);
  });
});

/** The attacker's tool: remove a visit, its badge and its audit rows, renumber and re-hash the chain. */
function renumberWithout(raw: Database.Database, visitId: number) {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  for (const table of ['visits', 'visit_badges']) for (const n of triggerNames(table)) raw.exec(`DROP TRIGGER IF EXISTS ${n}`);
  raw.prepare('DELETE FROM visit_badges WHERE visit_id = ?').run(visitId);
  raw.prepare('DELETE FROM visits WHERE id = ?').run(visitId);
  raw.prepare("DELETE FROM record_states WHERE tbl IN ('visits', 'visit_badges')").run();
  raw.prepare("DELETE FROM audit WHERE entity = 'visit' AND entity_id = ?").run(String(visitId));
  const rows = raw.prepare('SELECT id, seq, at, actor, action, entity, entity_id, fields, values_hash, states FROM audit ORDER BY id').all() as {
    id: number;
    seq: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    fields: string;
    values_hash: string | null;
    states: string | null;
  }[];
  let prev = GENESIS_HASH;
  rows.forEach((r, i) => {
    const seq = i + 1;
    const head = JSON.stringify([seq, r.at, r.actor, r.action, r.entity, r.entity_id]);
    const tail = JSON.stringify([r.values_hash, prev]);
    const hash = sha(`${head.slice(0, -1)},${r.fields},${tail.slice(1)}${r.states === null ? '' : `\u0000${r.states}`}`);
    raw.prepare('UPDATE audit SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?').run(seq, prev, hash, r.id);
    raw.prepare('UPDATE record_states SET seq = ? WHERE seq = ?').run(-seq, r.seq);
    prev = hash;
  });
  raw.prepare('UPDATE record_states SET seq = -seq WHERE seq < 0').run();
}
