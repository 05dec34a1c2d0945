/**
 * Recovery, never a blank school (issue 13): a missing, empty or blank database where a school has
 * been (a verified backup holding an administrator, the anchor, the remembered backup folder) is
 * refused as 'missing' or 'empty', so the app starts in recovery mode, never at first-run setup.
 * On real files: the empty file with backups beside it, the missing file with only its anchor.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupNow } from '../../db/backup';
import { manualClock } from '../../db/clock';
import { DatabaseOpenError } from '../../db/errors';
import { REMEMBERED_BACKUP_FOLDER, defaultBackupDir, openDatabase, schoolTraces } from '../../db/open';
import { isSetUp } from '../../db/setup';
import { makeTestDb, tempDir, type TestDb } from '../helpers/db';

const clock = manualClock('2026-11-25T08:40:00Z');
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function school(): Promise<TestDb> {
  const t = await makeTestDb('2026-11-25T08:40:00Z', { staff: true });
  cleanup.push(() => fs.rmSync(t.dir, { recursive: true, force: true }));
  return t;
}

async function refusal(opts: Parameters<typeof openDatabase>[0]): Promise<DatabaseOpenError> {
  try {
    (await openDatabase(opts)).close();
  } catch (err) {
    if (err instanceof DatabaseOpenError) return err;
    throw err;
  }
  throw new Error('expected the database to be refused');
}

describe('a lost school is recovered, never set up again', () => {
  it('an empty (0-byte) file with verified backups beside it is refused as empty and left as it was', async () => {
    const t = await school();
    await backupNow(t.db, { dir: defaultBackupDir(t.file), reason: 'daily', clock: t.clock, keep: null });
    t.close();
    fs.rmSync(t.anchorFile); // only the backups are left to say a school was here
    fs.truncateSync(t.file, 0);
    for (const s of ['-wal', '-shm']) fs.rmSync(t.file + s, { force: true });
    const err = await refusal({ file: t.file, clock });
    expect(err.reason).toBe('empty');
    expect(err.message).toContain('restore a backup');
    expect(err.detail).toContain('verified backup');
    expect(fs.statSync(t.file).size).toBe(0);
    expect(fs.existsSync(`${t.file}-wal`)).toBe(false);
  });

  it('a missing file with only its anchor beside it is refused as missing, and no file is created', async () => {
    const t = await school();
    t.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(t.file + s, { force: true });
    expect(fs.existsSync(t.anchorFile)).toBe(true);
    const err = await refusal({ file: t.file, clock });
    expect(err.reason).toBe('missing');
    expect(err.detail).toContain('anchor');
    expect(fs.existsSync(t.file)).toBe(false);
  });

  it('a blank SQLite file (no tables) put in place of the records is refused as empty', async () => {
    const t = await school();
    await backupNow(t.db, { dir: defaultBackupDir(t.file), reason: 'daily', clock: t.clock, keep: null });
    t.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(t.file + s, { force: true });
    const blank = new Database(t.file);
    blank.pragma('user_version = 0');
    blank.exec('VACUUM');
    blank.close();
    expect((await refusal({ file: t.file, clock })).reason).toBe('empty');
  });

  it('finds backups in the remembered backup folder elsewhere, and the note itself is a trace', async () => {
    const t = await school();
    const elsewhere = tempDir();
    cleanup.push(() => fs.rmSync(elsewhere, { recursive: true, force: true }));
    await backupNow(t.db, { dir: elsewhere, reason: 'daily', clock: t.clock, keep: null });
    fs.writeFileSync(path.join(t.dir, REMEMBERED_BACKUP_FOLDER), JSON.stringify({ backupDir: elsewhere }));
    t.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(t.file + s, { force: true });
    fs.rmSync(t.anchorFile);
    const kinds = schoolTraces(t.file).map((x) => x.kind);
    expect(kinds).toEqual(['remembered-backup-folder', 'backup']);
    expect(schoolTraces(t.file).find((x) => x.kind === 'backup')?.path.startsWith(elsewhere)).toBe(true);
    expect((await refusal({ file: t.file, clock })).reason).toBe('missing');
  });

  it('a fresh machine (no trace of a school) gets a new database and first-run setup', async () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'kiosk.sqlite');
    expect(schoolTraces(file)).toEqual([]);
    const k = await openDatabase({ file, clock });
    expect(isSetUp(k.db)).toBe(false);
    k.close();
  });

  it('a backup of a school never set up (no administrator) is no trace: it could authorise no restore', async () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'kiosk.sqlite');
    const k = await openDatabase({ file, clock });
    await backupNow(k.db, { dir: defaultBackupDir(file), reason: 'daily', clock, keep: null });
    k.close();
    for (const s of ['', '-wal', '-shm', '.anchor.json']) fs.rmSync(file + s, { force: true });
    expect(schoolTraces(file)).toEqual([]);
    (await openDatabase({ file, clock })).close();
  });

  it('only an explicit fresh school (the --new-school switch at the PC) starts over where traces exist', async () => {
    const t = await school();
    t.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(t.file + s, { force: true });
    const k = await openDatabase({ file: t.file, clock, freshSchool: true });
    expect(isSetUp(k.db)).toBe(false);
    k.close();
  });
});
