import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../db/backup';
import { readAnchor } from '../../db/audit';
import { manualClock } from '../../db/clock';
import { DatabaseOpenError } from '../../db/errors';
import { migrations } from '../../db/migrations';
import type { Migration } from '../../db/migrate';
import { defaultBackupDir, openDatabase, resolveDatabaseFile } from '../../db/open';
import { tempDir } from '../helpers/db';

const dirs: string[] = [];
function freshFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'kiosk.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const clock = manualClock('2026-11-25T08:40:00Z');

async function refusal(file: string, registry?: readonly Migration[]): Promise<DatabaseOpenError> {
  try {
    const k = await openDatabase(registry ? { file, clock, migrations: registry } : { file, clock });
    k.close();
  } catch (err) {
    if (err instanceof DatabaseOpenError) return err;
    throw err;
  }
  throw new Error('expected the database to be refused');
}

describe('openDatabase', () => {
  it('creates a new file with the pragmas the records need, migrated and audited', async () => {
    const file = freshFile();
    const k = await openDatabase({ file, clock });
    const p = (name: string) => k.db.pragma(name, { simple: true });
    expect(p('journal_mode')).toBe('wal');
    expect(p('synchronous')).toBe(2); // FULL
    expect(p('foreign_keys')).toBe(1);
    expect(p('busy_timeout')).toBe(5000);
    expect(p('user_version')).toBe(migrations.length);
    const audit = k.db.prepare('SELECT actor, action, entity, entity_id AS entityId FROM audit').all();
    expect(audit).toEqual([{ actor: 'system', action: 'schema.migrate', entity: 'schema', entityId: String(migrations.length) }]);
    expect(readAnchor(k.anchorFile)?.seq).toBe(1);
    // a brand-new file needs no backup before its first migration
    expect(listBackups(defaultBackupDir(file))).toEqual([]);
    k.close();
  });

  it('re-opens an up-to-date file without migrating or backing up again', async () => {
    const file = freshFile();
    (await openDatabase({ file, clock })).close();
    const k = await openDatabase({ file, clock });
    expect((k.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n).toBe(1);
    expect(listBackups(defaultBackupDir(file))).toEqual([]);
    k.close();
  });

  it('refuses a file that is not a database, names it, and leaves it as it was', async () => {
    const file = freshFile();
    fs.writeFileSync(file, 'Name,Class\nZoë,5W\n'.repeat(400));
    const before = fs.readFileSync(file);
    const err = await refusal(file);
    expect(err.reason).toBe('not-a-database');
    expect(err.message).toContain(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database from a newer version of the app, with both versions in the message', async () => {
    const file = freshFile();
    (await openDatabase({ file, clock })).close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    const err = await refusal(file);
    expect(err.reason).toBe('too-new');
    expect(err.message).toContain('schema 99');
    expect(err.message).toContain(`up to ${migrations.length}`);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });

  it("refuses another program's SQLite database", async () => {
    const file = freshFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)');
    raw.close();
    const err = await refusal(file);
    expect(err.reason).toBe('not-ours');
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type='table'").all()).toEqual([{ name: 'recipes' }]);
    check.close();
  });

  it('refuses a damaged file (quick_check) and never repairs it', async () => {
    const file = freshFile();
    const k = await openDatabase({ file, clock });
    k.db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, t TEXT)');
    const ins = k.db.prepare('INSERT INTO filler (t) VALUES (?)');
    k.db.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run(`row ${i} `.repeat(10));
    })();
    k.db.pragma('wal_checkpoint(TRUNCATE)');
    k.close();
    // Scribble over the last quarter of the file: b-tree pages of the filler table (the schema's
    // own pages, which a damaged header reports differently, sit before them)
    const fd = fs.openSync(file, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, Math.floor((size * 3) / 4 / 4096) * 4096 + 100);
    fs.closeSync(fd);
    const damaged = fs.readFileSync(file);
    const err = await refusal(file);
    expect(err.reason).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/damaged/);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  it('says plainly when the folder cannot be used', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const err = await refusal(path.join(blocker, 'kiosk.sqlite'));
    expect(err.reason).toBe('cannot-open');
    expect(err.message).toContain('could not be opened');
  });

  it('KIOSK_DB overrides the database path', () => {
    expect(resolveDatabaseFile({ KIOSK_DB: '/srv/demo/k.sqlite' }, '/var/lib/kiosk')).toBe('/srv/demo/k.sqlite');
    expect(resolveDatabaseFile({ KIOSK_DB: '  ' }, '/var/lib/kiosk')).toBe(path.resolve('/var/lib/kiosk/kiosk.sqlite'));
    expect(resolveDatabaseFile({}, '/var/lib/kiosk')).toBe(path.resolve('/var/lib/kiosk/kiosk.sqlite'));
  });
});
