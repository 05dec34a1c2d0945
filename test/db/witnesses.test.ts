/**
 * Witnesses of the audit chain, on real files: the fingerprint printed on paper, and the head each
 * backup recorded. The attacks are made as someone with the data folder would: a plain
 * better-sqlite3 connection, the append-only triggers dropped, rows rewritten and re-hashed, the
 * anchor rewritten to match.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHead, readAnchor, verifyAudit, writeAnchor } from '../../db/audit';
import { backupNow, listBackups, pruneBackups, restoreBackup, type BackupInfo } from '../../db/backup';
import { addClosure } from '../../db/closures';
import { openDatabase } from '../../db/open';
import { updateSettings } from '../../db/settings';
import { write } from '../../db/tx';
import {
  chainFingerprint,
  checkFingerprint,
  checkWitnesses,
  fingerprintHexProblem,
  formatFingerprint,
  parseFingerprintHex,
  parseFingerprintSeq,
  type WitnessFinding,
} from '../../db/witnesses';
import { makeTestDb, tempDir, type TestDb } from '../helpers/db';

let t: TestDb;
let dir: string;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T16:00:00Z');
  dir = path.join(t.dir, 'backups');
});
afterEach(() => t.dispose());

function add(label: string): void {
  write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, { kind: 'system' }, (tx) => addClosure(tx, { startsOn: '2027-02-15', endsOn: '2027-02-19', label }));
}

describe('the chain fingerprint', () => {
  it('is the head’s sequence number and the first 16 hex characters of its hash', () => {
    add('Half term');
    const head = auditHead(t.db)!;
    const fp = chainFingerprint(t.db)!;
    expect(fp).toMatchObject({ seq: head.seq, hex: head.hash.slice(0, 16), text: `${head.seq}-${head.hash.slice(0, 16)}` });
    expect(fp.text).toMatch(/^\d+-[0-9a-f]{16}$/);
    expect(formatFingerprint(18342, '9f3a1c07d2e4b6a8'.padEnd(64, '0'))).toBe('18342-9f3a1c07d2e4b6a8');
    add('Another');
    expect(chainFingerprint(t.db)!.seq).toBe(head.seq + 1);
  });

  it('reads what was typed from paper, forgiving spaces, dashes and capitals', () => {
    expect(parseFingerprintSeq(' 18 342 ')).toBe(18342);
    expect(parseFingerprintSeq('18,342')).toBe(18342);
    expect(parseFingerprintSeq('0')).toBeNull();
    expect(parseFingerprintSeq('18342-9f3a')).toBeNull();
    expect(parseFingerprintSeq('12a')).toBeNull();
    expect(parseFingerprintHex('9F3A 1C07-D2E4 b6a8')).toBe('9f3a1c07d2e4b6a8');
    expect(parseFingerprintHex('9f3a1c07d2e4b6a')).toBeNull();
    expect(fingerprintHexProblem('9f3a1c07d2e4b6a')).toBe('The check code is 16 characters long (this has 15).');
    expect(fingerprintHexProblem('9f3a1c07d2e4b6ag')).toBe('The check code has only the digits 0 to 9 and the letters a to f.');
    expect(fingerprintHexProblem('9F3A-1C07-D2E4-B6A8')).toBeNull();
  });

  it('matches the trail while it holds that row unchanged, and not once the row is another', () => {
    add('Half term');
    const fp = chainFingerprint(t.db)!;
    add('Later');
    expect(checkFingerprint(t.db, fp.seq, fp.hex)).toEqual({ outcome: 'matches', seq: fp.seq, at: fp.at });
    const wrong = (parseInt(fp.hex[0]!, 16) ^ 1).toString(16) + fp.hex.slice(1);
    expect(checkFingerprint(t.db, fp.seq, wrong)).toMatchObject({ outcome: 'differs', seq: fp.seq, reason: expect.stringMatching(/rewritten/) });
    expect(checkFingerprint(t.db, fp.seq + 50, fp.hex)).toMatchObject({ outcome: 'differs', at: null, reason: expect.stringMatching(/cut off/) });
  });
});

// ---- backup witnesses, attacked on real files ----------------------------------------------------

const DAY = 24 * 3_600_000;

/** A backup as the app takes it: recorded in the trail with any pruning (rotation: 7 days, nothing weekly or monthly). */
function backUp(keep: 'rotate' | null = null): Promise<BackupInfo> {
  return backupNow(t.db, { dir, reason: 'daily', clock: t.clock, keep: keep ? { daily: 7, weekly: 0, monthly: 0 } : null, record: { anchorFile: t.anchorFile } });
}

function witnesses() {
  return checkWitnesses(t.db, { backupDirs: [dir], anchorFile: t.anchorFile, timeZone: 'Europe/London' });
}

function kinds(findings: WitnessFinding[]): string[] {
  return findings.map((f) => f.kind);
}

/** The audit row hash, as anyone can compute it from the open-source code (db/audit.ts). */
function rowHash(r: { seq: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; fields: string; values_hash: string | null; prev_hash: string; states?: string | null }): string {
  const head = JSON.stringify([r.seq, r.at, r.actor, r.action, r.entity, r.entity_id]);
  const tail = JSON.stringify([r.values_hash, r.prev_hash]);
  const states = r.states ? `\u0000${r.states}` : '';
  return createHash('sha256').update(`${head.slice(0, -1)},${r.fields},${tail.slice(1)}${states}`, 'utf8').digest('hex');
}

/** Someone with the data folder: a plain connection, the append-only triggers dropped. */
function tamper(fn: (raw: Database.Database) => void): void {
  const raw = new Database(t.file);
  try {
    raw.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    fn(raw);
  } finally {
    raw.close();
  }
}

/** Edit audit row `seq` (its entity id) and re-hash it and every row after it, consistently. */
function rewriteFrom(raw: Database.Database, seq: number): { seq: number; hash: string } {
  raw.prepare('UPDATE audit SET entity_id = ? WHERE seq = ?').run('forged', seq);
  const rows = raw.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(seq) as Parameters<typeof rowHash>[0][];
  let prev = seq === 1 ? '0'.repeat(64) : (raw.prepare('SELECT hash FROM audit WHERE seq = ?').get(seq - 1) as { hash: string }).hash;
  const set = raw.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const r of rows) {
    const hash = rowHash({ ...r, prev_hash: prev });
    set.run(prev, hash, r.seq);
    prev = hash;
  }
  return { seq: rows[rows.length - 1]!.seq, hash: prev };
}

describe('backup witnesses', () => {
  it('with nothing changed, every backup of the chain is held by the trail and nothing is reported', async () => {
    add('Half term');
    await backUp();
    t.clock.advance(DAY);
    add('Inset day');
    await backUp();
    expect(witnesses()).toEqual({ ok: true, matched: 2, retired: 0, findings: [] });
  });

  it('catches the chain re-hashed with the anchor rewritten, which verifyAudit alone passes, by the older backup’s witness', async () => {
    add('Half term');
    add('Inset day');
    const older = await backUp();
    t.clock.advance(DAY);
    add('Bank holiday');
    const target = older.audit!.seq - 1;
    tamper((raw) => writeAnchor(t.anchorFile, rewriteFrom(raw, target)));
    // the forgery is consistent: the chain and its anchor alone say all is well
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
    const report = witnesses();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'rewritten', file: older.file, seq: older.audit!.seq, date: older.takenAt, message: expect.stringContaining(`Audit row ${older.audit!.seq} is not the one held by the backup ${older.file}`) }),
    ]);
    // nothing personal in what is reported: file names, numbers and dates
    expect(JSON.stringify(report)).not.toMatch(/Half term|Inset day|Bank holiday|forged/);
  });

  it('catches the whole trail re-hashed from its first row (which changes the chain’s id), not taking the backups for another school’s', async () => {
    add('Half term');
    const older = await backUp();
    t.clock.advance(DAY);
    add('Inset day');
    tamper((raw) => writeAnchor(t.anchorFile, rewriteFrom(raw, 1)));
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
    expect(witnesses().findings).toEqual([expect.objectContaining({ kind: 'rewritten', file: older.file, seq: 1, message: expect.stringMatching(/the whole trail has been rewritten since/) })]);
  });

  it('leaves another school’s backups in the folder alone', async () => {
    const other = await makeTestDb('2025-09-01T08:00:00Z');
    try {
      write({ db: other.db, clock: other.clock, anchorFile: other.anchorFile }, { kind: 'system' }, (tx) => addClosure(tx, { startsOn: '2025-10-27', endsOn: '2025-10-31', label: 'Half term' }));
      await backupNow(other.db, { dir, reason: 'daily', clock: other.clock, keep: null });
    } finally {
      other.dispose();
    }
    add('Half term');
    await backUp();
    expect(witnesses()).toEqual({ ok: true, matched: 1, retired: 0, findings: [] });
  });

  it('catches rows cut off the end with the anchor deleted, by a backup holding them', async () => {
    add('Half term');
    const before = auditHead(t.db)!;
    add('Inset day');
    add('Bank holiday');
    const backup = await backUp();
    tamper((raw) => raw.prepare('DELETE FROM audit WHERE seq > ?').run(before.seq));
    fs.rmSync(t.anchorFile);
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'missing' });
    const report = witnesses();
    expect(kinds(report.findings).sort()).toEqual(['anchor-missing', 'cut-off']);
    expect(report.findings.find((f) => f.kind === 'cut-off')).toMatchObject({
      file: backup.file,
      seq: backup.audit!.seq,
      message: `The backup ${backup.file} (taken 25 November 2026 at 16:00) holds audit rows up to ${backup.audit!.seq}, but the trail now ends at ${before.seq}: rows have been cut off.`,
    });
  });

  it('reports a backup deleted by hand, and not one the rotation pruned', async () => {
    add('Half term');
    const first = await backUp('rotate');
    t.clock.advance(DAY);
    const second = await backUp('rotate');
    t.clock.advance(10 * DAY);
    add('Inset day');
    const third = await backUp('rotate');
    // the rotation removed the first two (more than 7 days old, not the newest), and said so first
    expect(listBackups(dir).map((b) => b.file)).toEqual([third.file]);
    const pruned = t.db.prepare("SELECT entity_id FROM audit WHERE action = 'backup.pruned' ORDER BY seq").pluck().all();
    expect(pruned.sort()).toEqual([first.file, second.file].sort());
    expect(witnesses()).toEqual({ ok: true, matched: 1, retired: 0, findings: [] });

    t.clock.advance(DAY);
    const fourth = await backUp();
    fs.rmSync(third.path);
    fs.rmSync(`${third.path}.json`);
    const report = witnesses();
    expect(report).toMatchObject({ ok: false, matched: 1 });
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'disappeared', file: third.file, message: expect.stringMatching(/is no longer in the backup folder, and no pruning of it was recorded\.$/) }),
    ]);
    expect(listBackups(dir).map((b) => b.file)).toEqual([fourth.file]);
  });

  it('does not report the backups left in an earlier backup folder once the folder is changed', async () => {
    add('Half term');
    const first = await backUp();
    const elsewhere = path.join(t.dir, 'usb');
    fs.mkdirSync(elsewhere);
    fs.renameSync(first.path, path.join(elsewhere, first.file));
    fs.renameSync(`${first.path}.json`, path.join(elsewhere, `${first.file}.json`));
    // moved without the folder setting changing: it is gone from where the app keeps its backups
    expect(kinds(witnesses().findings)).toEqual(['disappeared']);
    write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, { kind: 'system' }, (tx) => updateSettings(tx, { backupDir: elsewhere }));
    dir = elsewhere;
    // the old backup now sits in the new folder; one taken into the old folder since would not be expected there
    expect(witnesses()).toEqual({ ok: true, matched: 1, retired: 0, findings: [] });
    fs.rmSync(path.join(elsewhere, first.file));
    expect(witnesses().ok).toBe(true);
  });

  it('prunes nothing when the pruning cannot be recorded', async () => {
    add('Half term');
    const first = await backUp();
    t.clock.advance(10 * DAY);
    const second = await backUp();
    expect(() =>
      pruneBackups(dir, { daily: 7, weekly: 0, monthly: 0 }, {
        now: t.clock.now(),
        timeZone: 'Europe/London',
        chain: null,
        beforeRemove: () => {
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(listBackups(dir).map((b) => b.file).sort()).toEqual([first.file, second.file].sort());
  });

  it('catches a sidecar edited to agree with a rewritten trail, by the head inside the backup', async () => {
    add('Half term');
    add('Inset day');
    const older = await backUp();
    t.clock.advance(DAY);
    add('Bank holiday');
    let forged = { seq: 0, hash: '' };
    tamper((raw) => {
      forged = rewriteFrom(raw, older.audit!.seq);
      writeAnchor(t.anchorFile, forged);
    });
    const rewritten = t.db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(older.audit!.seq) as string;
    const sidecar = `${older.path}.json`;
    const meta = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(sidecar, JSON.stringify({ ...meta, audit: { seq: older.audit!.seq, hash: rewritten } }));
    expect(kinds(witnesses().findings)).toEqual(['sidecar-differs']);
  });
});

describe('a restore and the witnesses', () => {
  it('marks the backups of the replaced history retired, checks the older and later ones, and records which backup it came from', async () => {
    const folder = tempDir();
    const file = path.join(folder, 'kiosk.sqlite');
    const backups = path.join(folder, 'backups');
    let kdb = await openDatabase({ file, clock: t.clock });
    const note = (label: string) => write({ db: kdb.db, clock: t.clock, anchorFile: kdb.anchorFile }, { kind: 'system' }, (tx) => addClosure(tx, { startsOn: '2027-02-15', endsOn: '2027-02-19', label }));
    const take = () => backupNow(kdb.db, { dir: backups, reason: 'daily', clock: t.clock, keep: null, record: { anchorFile: kdb.anchorFile } });
    const check = () => checkWitnesses(kdb.db, { backupDirs: [backups], anchorFile: kdb.anchorFile });
    try {
      note('Half term');
      const older = await take();
      t.clock.advance(DAY);
      note('Inset day');
      const newer = await take();
      t.clock.advance(DAY);
      note('Bank holiday');
      expect(check()).toEqual({ ok: true, matched: 2, retired: 0, findings: [] });

      kdb.close();
      restoreBackup(older.path, file, t.clock);
      kdb = await openDatabase({ file, clock: t.clock });
      const restored = kdb.db.prepare("SELECT seq, entity_id FROM audit WHERE action = 'backup.restored'").get();
      expect(restored).toEqual({ seq: older.audit!.seq + 1, entity_id: older.file });
      expect(verifyAudit(kdb.db, readAnchor(kdb.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
      // the newer backup holds the history the restore replaced: retired, not a rewrite
      expect(check()).toEqual({ ok: true, matched: 1, retired: 1, findings: [] });

      t.clock.advance(DAY);
      note('After the restore');
      await take();
      expect(check()).toEqual({ ok: true, matched: 2, retired: 1, findings: [] });
      // a printed page from the replaced history is said to be so, not a mismatch
      const printed = newer.audit!;
      expect(checkFingerprint(kdb.db, printed.seq, printed.hash.slice(0, 16))).toMatchObject({ outcome: 'retired', restoredFrom: older.file });
    } finally {
      kdb.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
