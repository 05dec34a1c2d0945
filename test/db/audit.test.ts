import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anchorPathFor, hashValues, readAnchor, verifyAudit, writeAnchor, type AuditHead } from '../../db/audit';
import { addClosure } from '../../db/closures';
import { updateSettings } from '../../db/settings';
import { write } from '../../db/tx';
import { makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb();
});
afterEach(() => t.dispose());

const staff = { kind: 'staff', staffId: 5 } as const;
function w() {
  return { db: t.db, clock: t.clock, anchorFile: t.anchorFile };
}
function addSome(n: number): void {
  for (let i = 0; i < n; i++) {
    t.clock.advance(60_000);
    write(w(), staff, (tx) => addClosure(tx, { startsOn: '2027-02-15', endsOn: '2027-02-19', label: `Half term ${i}` }));
  }
}
/** What an attacker with the sqlite3 tool would do first. */
function dropTriggers(): void {
  t.db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
}
const anchor = (): AuditHead | null => readAnchor(t.anchorFile);

describe('the audit chain', () => {
  it('records who, what, which record, when and which fields, but no personal data', () => {
    write(w(), staff, (tx) => updateSettings(tx, { schoolName: 'Ramsgate Arts Primary School' }));
    const row = t.db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT 1').get() as Record<string, unknown>;
    expect(row).toMatchObject({ actor: 'staff:5', action: 'settings.update', entity: 'settings', entity_id: null, fields: '["schoolName"]' });
    expect(row.at).toBe(t.clock.now().toISOString());
    expect(row.values_hash).toBe(hashValues({ schoolName: 'Ramsgate Arts Primary School' }));
    expect(JSON.stringify(row)).not.toContain('Ramsgate');
  });

  it('verifies a clean chain, and the anchor beside the database matches its head', () => {
    addSome(5);
    const v = verifyAudit(t.db, anchor());
    expect(v).toMatchObject({ ok: true, rows: 6, anchor: 'matches' });
    expect(anchor()?.seq).toBe(6);
  });

  it('accepts an anchor that is behind (a crash between commit and anchor write) and reports a missing one', () => {
    addSome(3);
    const older = t.db.prepare('SELECT seq, hash FROM audit WHERE seq = 2').get() as AuditHead;
    expect(verifyAudit(t.db, older)).toMatchObject({ ok: true, anchor: 'behind' });
    expect(verifyAudit(t.db, null)).toMatchObject({ ok: true, anchor: 'missing' });
  });

  it('names an edited row', () => {
    addSome(5);
    dropTriggers();
    t.db.prepare("UPDATE audit SET actor = 'staff:99' WHERE seq = 3").run();
    expect(verifyAudit(t.db, anchor())).toMatchObject({ ok: false, problem: 'edited', seq: 3 });
  });

  it('names an edited row even when its own hash was recomputed to match', () => {
    addSome(5);
    dropTriggers();
    // Forge row 3 fully: new content and a hash that fits it, but the next row still points at the old hash.
    const { hash } = t.db.prepare('SELECT hash FROM audit WHERE seq = 2').get() as { hash: string };
    t.db.prepare('UPDATE audit SET prev_hash = ? WHERE seq = 4').run(hash);
    const v = verifyAudit(t.db, anchor());
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.seq).toBe(4);
  });

  it('names a removed row in the middle, and a removed first row', () => {
    addSome(5);
    dropTriggers();
    t.db.prepare('DELETE FROM audit WHERE seq = 4').run();
    expect(verifyAudit(t.db, anchor())).toMatchObject({ ok: false, problem: 'removed', seq: 4 });
    t.db.prepare('DELETE FROM audit WHERE seq = 1').run();
    expect(verifyAudit(t.db, anchor())).toMatchObject({ ok: false, problem: 'removed', seq: 1 });
  });

  it('names reordered rows', () => {
    addSome(5);
    dropTriggers();
    // Swap rows 3 and 4 in storage order (their contents move, ids stay).
    t.db.exec(`
      UPDATE audit SET id = -3 WHERE seq = 3;
      UPDATE audit SET id = 3 WHERE seq = 4;
      UPDATE audit SET id = 4 WHERE id = -3;`);
    expect(verifyAudit(t.db, anchor())).toMatchObject({ ok: false, problem: 'reordered', seq: 4 });
  });

  it('detects the newest rows cut off, through the anchor kept outside the database', () => {
    addSome(5);
    dropTriggers();
    t.db.prepare('DELETE FROM audit WHERE seq >= 5').run();
    // Without the anchor the shortened chain looks whole: that is why the anchor exists.
    expect(verifyAudit(t.db, null).ok).toBe(true);
    expect(verifyAudit(t.db, anchor())).toMatchObject({ ok: false, problem: 'truncated', seq: 5 });
  });

  it('detects a chain rewritten from some row onwards', () => {
    addSome(3);
    const head = anchor();
    // Someone rebuilt rows with valid hashes: a different chain of the same length.
    dropTriggers();
    t.db.prepare('DELETE FROM audit WHERE seq >= 3').run();
    t.db.exec('CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, \'x\'); END;');
    addSome(2);
    expect(verifyAudit(t.db, head)).toMatchObject({ ok: false, problem: 'rewritten', seq: head!.seq });
  });

  it('reads a damaged anchor file as missing, and writes anchors atomically', () => {
    const file = anchorPathFor(`${t.dir}/other.sqlite`);
    writeAnchor(file, { seq: 3, hash: 'a'.repeat(64) });
    expect(readAnchor(file)).toEqual({ seq: 3, hash: 'a'.repeat(64) });
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    fs.writeFileSync(file, '{"seq": 3, "hash": "');
    expect(readAnchor(file)).toBeNull();
    expect(readAnchor(`${t.dir}/nothing-here.json`)).toBeNull();
  });
});

describe('write()', () => {
  it('rolls back a change that wrote no audit row', () => {
    expect(() =>
      write(w(), staff, (tx) => {
        tx.db.prepare("INSERT INTO settings (key, value) VALUES ('schoolName', '\"x\"')").run();
      }),
    ).toThrow(/without an audit entry/);
    expect(t.db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
  });

  it('rolls back the change and its audit row together when the change fails', () => {
    const before = (t.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
    expect(() =>
      write(w(), staff, (tx) => {
        updateSettings(tx, { schoolName: 'A' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect((t.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n).toBe(before);
    expect(t.db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
    expect(anchor()?.seq).toBe(before);
  });

  it('refuses an asynchronous change (it would escape the transaction)', () => {
    expect(() => write(w(), staff, async () => undefined)).toThrow(/synchronous/);
  });

  it('gives every audit row of one change the same instant', () => {
    write(w(), staff, (tx) => {
      addClosure(tx, { startsOn: '2027-04-05', endsOn: '2027-04-16', label: 'Easter' });
      addClosure(tx, { startsOn: '2027-05-03', endsOn: '2027-05-03', label: 'May Day' });
    });
    const ats = t.db.prepare("SELECT DISTINCT at FROM audit WHERE action = 'closure.add'").all();
    expect(ats).toEqual([{ at: t.clock.now().toISOString() }]);
  });
});

describe('the anchor after a commit', () => {
  it('a failed anchor write does not turn a saved change into an error; the next write catches up', async () => {
    const { memoryLogger } = await import('../../electron/log');
    const log = memoryLogger();
    const blocked = `${t.dir}/no-such-folder/kiosk.sqlite.anchor.json`;
    const saved = write({ db: t.db, clock: t.clock, anchorFile: blocked, log }, staff, (tx) =>
      addClosure(tx, { startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'Saved anyway' }),
    );
    expect(saved.id).toBeGreaterThan(0);
    expect(log.entries.map((e) => e.event)).toContain('audit.anchor-write-failed');
    expect(verifyAudit(t.db, anchor())).toMatchObject({ ok: true, anchor: 'behind' });
    addSome(1);
    expect(verifyAudit(t.db, anchor())).toMatchObject({ ok: true, anchor: 'matches' });
  });
});
