import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAnchor, verifyAudit } from '../../db/audit';
import { backupNow, chainOf, dailyBackupDue, ensureDailyBackup, listBackups, restoreBackup } from '../../db/backup';
import { SchoolCalendar } from '../../db/calendar';
import { addClosure, listClosures } from '../../db/closures';
import { openDatabase } from '../../db/open';
import { write } from '../../db/tx';
import { makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
let dir: string;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T16:00:00Z');
  dir = path.join(t.dir, 'backups');
});
afterEach(() => t.dispose());

const calendar = new SchoolCalendar('Europe/London', []);
function add(label: string): void {
  write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, { kind: 'system' }, (tx) =>
    addClosure(tx, { startsOn: '2027-02-15', endsOn: '2027-02-19', label }),
  );
}

describe('backups', () => {
  it('takes a verified, standalone copy with a sidecar holding its audit head', async () => {
    add('Half term');
    const info = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: 5 });
    expect(info.file).toMatch(/^kiosk-2026-11-25T16-00-00-000Z-manual\.sqlite$/);
    const copy = new Database(info.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT label FROM closures').all()).toEqual([{ label: 'Half term' }]);
    copy.close();
    expect(info.audit).toEqual(readAnchor(t.anchorFile));
    expect(fs.readdirSync(dir).sort()).toEqual([info.file, `${info.file}.json`]);
    expect(listBackups(dir).map((b) => b.file)).toEqual([info.file]);
  });

  it('keeps one backup a day by age: many taken in one day leave the newest of that day, with its sidecar', async () => {
    for (let i = 0; i < 5; i++) {
      t.clock.advance(600_000);
      await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: { daily: 14, weekly: 8, monthly: 12 } });
    }
    const kept = listBackups(dir);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.takenAt).toBe(t.clock.now().toISOString());
    expect(fs.readdirSync(dir)).toHaveLength(2);
  });

  it('does not count a copy that never got its sidecar (interrupted backup)', async () => {
    const info = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: null });
    fs.copyFileSync(info.path, path.join(dir, 'kiosk-2099-01-01T00-00-00-000Z-manual.sqlite'));
    fs.writeFileSync(path.join(dir, 'kiosk-2099-01-02T00-00-00-000Z-manual.sqlite.partial'), 'half');
    expect(listBackups(dir).map((b) => b.file)).toEqual([info.file]);
  });

  it('fails loudly and leaves nothing behind when the folder cannot be written', async () => {
    const blocked = path.join(t.dir, 'a-file');
    fs.writeFileSync(blocked, 'x');
    await expect(backupNow(t.db, { dir: blocked, reason: 'manual', clock: t.clock, keep: 3 })).rejects.toThrow();
    expect(fs.readFileSync(blocked, 'utf8')).toBe('x');
  });

  it('is due once per school-local day, and catches up after days with the PC off', async () => {
    expect(dailyBackupDue(dir, calendar, t.clock)).toBe(true);
    expect(await ensureDailyBackup(t.db, { dir, clock: t.clock, keep: 10, calendar })).not.toBeNull();
    expect(dailyBackupDue(dir, calendar, t.clock)).toBe(false);
    expect(await ensureDailyBackup(t.db, { dir, clock: t.clock, keep: 10, calendar })).toBeNull();
    t.clock.advance(3 * 86_400_000); // off over a long weekend
    const caught = await ensureDailyBackup(t.db, { dir, clock: t.clock, keep: 10, calendar });
    expect(caught?.reason).toBe('daily');
    expect(listBackups(dir)).toHaveLength(2);
  });

  it("is still due when today's only backup is of another chain (an earlier school's records)", async () => {
    const other = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: null });
    const meta = JSON.parse(fs.readFileSync(`${other.path}.json`, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(`${other.path}.json`, JSON.stringify({ ...meta, chain: 'f'.repeat(64) }));
    expect(dailyBackupDue(dir, calendar, t.clock)).toBe(false); // any chain: the old reading
    expect(dailyBackupDue(dir, calendar, t.clock, chainOf(t.db))).toBe(true);
    const taken = await ensureDailyBackup(t.db, { dir, clock: t.clock, keep: 10, calendar });
    expect(taken?.chain).toBe(chainOf(t.db));
    expect(dailyBackupDue(dir, calendar, t.clock, chainOf(t.db))).toBe(false);
  });

  it('counts days in the school time zone, not UTC', async () => {
    t.clock.set('2026-07-01T22:30:00Z'); // 23:30 in London on 1 July
    await backupNow(t.db, { dir, reason: 'daily', clock: t.clock, keep: 10 });
    t.clock.set('2026-07-01T23:30:00Z'); // 00:30 on 2 July in London, still 1 July in UTC
    expect(dailyBackupDue(dir, calendar, t.clock)).toBe(true);
  });
});

describe('restoring a backup', () => {
  it('puts the verified copy back, keeps the current file aside, and the audit chain and anchor agree', async () => {
    add('Before the backup');
    const info = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: 5 });
    add('After the backup');
    t.close();
    const { movedAside } = restoreBackup(info.path, t.file, t.clock);
    expect(movedAside).not.toBeNull();
    expect(fs.existsSync(movedAside!)).toBe(true);
    const aside = new Database(movedAside!, { readonly: true });
    expect((aside.prepare('SELECT label FROM closures ORDER BY id').all() as { label: string }[]).map((r) => r.label)).toEqual([
      'Before the backup',
      'After the backup',
    ]);
    aside.close();
    const k = await openDatabase({ file: t.file, clock: t.clock });
    expect(listClosures(k.db).map((c) => c.label)).toEqual(['Before the backup']);
    expect(verifyAudit(k.db, readAnchor(k.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
    k.close();
  });

  it('refuses a damaged backup and changes nothing', async () => {
    const info = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: 5 });
    fs.writeFileSync(info.path, 'not a database at all '.repeat(100));
    const before = fs.readFileSync(t.file);
    expect(() => restoreBackup(info.path, t.file, t.clock)).toThrow(/integrity check/);
    expect(fs.readFileSync(t.file).equals(before)).toBe(true);
  });
});
