/**
 * The one place that knows the SQLite driver (better-sqlite3). Everything else takes a `Db`.
 *
 * openDatabase() sets the pragmas the school's records need (WAL, synchronous=FULL so a record the
 * office was told is saved survives a power cut, foreign keys on, a busy timeout), runs
 * quick_check, refuses a database from a newer version of the app, takes a verified backup of an
 * existing file before migrating it, and migrates all pending steps in one transaction.
 * Every refusal is a DatabaseOpenError naming the file and the cause; nothing is ever "repaired".
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../electron/log';
import { anchorPathFor, appendAudit, auditHead, writeAnchor } from './audit';
import { backupNow, listBackups } from './backup';
import { systemClock, type Clock } from './clock';
import { DatabaseOpenError } from './errors';
import { migrations as allMigrations, type Migration } from './migrations';
import { runMigrations } from './migrate';
import { backupAdmins, backupRecoveryHash } from './recovery';
import { registerRecordFunction } from './record-states';

export type Db = Database.Database;

export const BUSY_TIMEOUT_MS = 5000;

/** Records files: read and write for the owner and the app's group, nothing for others (less the umask). */
export const FILE_MODE = 0o660;

export interface OpenOptions {
  file: string;
  clock?: Clock;
  /** Where the verified backup before a migration goes; default: a `backups` folder beside the file. */
  backupDir?: string;
  log?: Logger;
  /** Tests only: a different migration registry. */
  migrations?: readonly Migration[];
  /**
   * The folder holding the remembered backup folder (backup-folder.json); default: the file's
   * folder. Looked at, with backupDir and the default backups folder, for traces of a school.
   */
  dataDir?: string;
  /** Other folders that may hold this school's backups (where the settings last pointed). */
  backupDirs?: readonly string[];
  /**
   * Start a new, empty school even where traces of an earlier one exist. Only ever set by someone
   * at the PC's own controls (the `--new-school` switch), never from a screen.
   */
  freshSchool?: boolean;
}

export interface KioskDatabase {
  db: Db;
  file: string;
  anchorFile: string;
  schemaVersion: number;
  close(): void;
}

export function defaultBackupDir(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

/** The database path: `KIOSK_DB` when set, else `kiosk.sqlite` in the given data folder. */
export function resolveDatabaseFile(env: Readonly<Record<string, string | undefined>>, dataDir: string): string {
  const fromEnv = env.KIOSK_DB?.trim();
  return path.resolve(fromEnv ? fromEnv : path.join(dataDir, 'kiosk.sqlite'));
}

/** Beside the data: where backups went last, so recovery mode can find them without the database. */
export const REMEMBERED_BACKUP_FOLDER = 'backup-folder.json';

/** The backup folder noted in backup-folder.json, or null. */
export function rememberedBackupDir(dataDir: string): string | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dataDir, REMEMBERED_BACKUP_FOLDER), 'utf8')) as { backupDir?: unknown };
    return typeof v.backupDir === 'string' && v.backupDir ? v.backupDir : null;
  } catch {
    return null;
  }
}

export type SchoolTrace =
  | { kind: 'backup'; path: string }
  | { kind: 'anchor'; path: string }
  | { kind: 'remembered-backup-folder'; path: string }
  | { kind: 'wal'; path: string };

/**
 * Signs that a school has used this PC: a verified backup holding an administrator (one a restore
 * can be authorised from), the audit anchor beside the database, the remembered backup folder, or
 * a write-ahead log with content. Where any exists, a missing or empty database is a lost school
 * to restore, never a new one to set up: first-run setup on the public screen would let anyone
 * there become its administrator and prune the old school's backups.
 */
export function schoolTraces(file: string, opts: { dataDir?: string; backupDirs?: readonly string[] } = {}): SchoolTrace[] {
  const resolved = path.resolve(file);
  const dataDir = opts.dataDir ?? path.dirname(resolved);
  const traces: SchoolTrace[] = [];
  const anchor = anchorPathFor(resolved);
  if (fs.existsSync(anchor)) traces.push({ kind: 'anchor', path: anchor });
  const wal = `${resolved}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) traces.push({ kind: 'wal', path: wal });
  const remembered = rememberedBackupDir(dataDir);
  if (fs.existsSync(path.join(dataDir, REMEMBERED_BACKUP_FOLDER))) traces.push({ kind: 'remembered-backup-folder', path: path.join(dataDir, REMEMBERED_BACKUP_FOLDER) });
  const dirs = [...new Set([...(remembered ? [remembered] : []), ...(opts.backupDirs ?? []), defaultBackupDir(resolved)].map((d) => path.resolve(d)))];
  for (const dir of dirs) {
    const withAdmin = listBackups(dir).find((b) => {
      try {
        return backupAdmins(b.path).length > 0 || backupRecoveryHash(b.path) !== null;
      } catch {
        return false; // a copy that cannot be read is no school to restore
      }
    });
    if (withAdmin) traces.push({ kind: 'backup', path: withAdmin.path });
  }
  return traces;
}

function traceWords(t: SchoolTrace): string {
  if (t.kind === 'backup') return `a verified backup (${t.path})`;
  if (t.kind === 'anchor') return `the audit anchor (${t.path})`;
  if (t.kind === 'wal') return `an unsaved journal (${t.path})`;
  return `the remembered backup folder (${t.path})`;
}

/** 'missing' or 'empty' when the file is gone or blank and a school has been here; else null. */
function lostSchool(file: string, opts: OpenOptions, size: number | null): DatabaseOpenError | null {
  if (opts.freshSchool) return null;
  const traces = schoolTraces(file, { ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), backupDirs: [...(opts.backupDirs ?? []), ...(opts.backupDir ? [opts.backupDir] : [])] });
  if (traces.length === 0) return null;
  const found = traces.map(traceWords).join('; ');
  const what = size === null ? 'is missing' : 'is empty';
  return new DatabaseOpenError(
    size === null ? 'missing' : 'empty',
    file,
    `The database file ${file} ${what}, but this PC holds the records of a school (${found}). Reception Kiosk will not start a new, empty school over them: restore a backup. (To start a new school on purpose, whoever looks after this computer runs Reception Kiosk once with --new-school.)`,
    found,
  );
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

let nativeBinding: string | undefined;

/**
 * Use another compiled copy of the driver: the Electron app built from source loads an
 * Electron-ABI build (KIOSK_SQLITE_BINDING), while the tests keep Node's own build.
 */
export function useNativeBinding(file: string | undefined): void {
  nativeBinding = file?.trim() ? file : undefined;
}

/** Open a file with the driver and no checks: for backups and verification inside db/ only. */
export function openRaw(file: string, options: { readonly?: boolean; mustExist?: boolean } = {}): Db {
  return new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.mustExist ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}

/** integrity_check of a closed database file (a backup); returns 'ok' or the first problem. */
export function integrityCheckFile(file: string): string {
  let db: Db | null = null;
  try {
    db = openRaw(file, { mustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const first = rows[0]?.integrity_check ?? 'no answer';
    return first === 'ok' && rows.length === 1 ? 'ok' : first;
  } catch (err) {
    return describe(err);
  } finally {
    db?.close();
  }
}

export async function openDatabase(opts: OpenOptions): Promise<KioskDatabase> {
  const file = path.resolve(opts.file);
  const clock = opts.clock ?? systemClock;
  const registry = opts.migrations ?? allMigrations;
  const latest = registry.length;
  const size = fs.existsSync(file) ? fs.statSync(file).size : null;
  const existed = size !== null && size > 0;
  const started = performance.now();

  // Checked before the driver touches the path: a refusal leaves no new, empty file behind.
  if (!existed) {
    const lost = lostSchool(file, opts, size);
    if (lost) {
      opts.log?.error('db.open-refused', { reason: lost.reason });
      throw lost;
    }
  }

  let db: Db;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // SQLite would create the file 0644 (less the umask): made here 0660, so another account of the
    // app's group can write it; SQLite gives the -wal and -shm the database file's own mode
    if (size === null) fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
    db = openRaw(file);
    // before anything writes: the covered tables' triggers call it (db/record-states.ts)
    registerRecordFunction(db);
  } catch (err) {
    throw new DatabaseOpenError('cannot-open', file, `The database file ${file} could not be opened: ${describe(err)}.`);
  }

  const fail = (error: DatabaseOpenError): never => {
    try {
      db.close();
    } catch {
      // already failing; the first error is the one to report
    }
    opts.log?.error('db.open-refused', { reason: error.reason });
    throw error;
  };

  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    const msg = describe(err);
    if (/not a database|file is encrypted|malformed/i.test(msg)) {
      return fail(new DatabaseOpenError('not-a-database', file, `The file ${file} is not a Reception Kiosk database, or is badly damaged (${msg}).`, msg));
    }
    return fail(new DatabaseOpenError('cannot-open', file, `The database file ${file} could not be opened: ${msg}.`, msg));
  }

  let quick: string;
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    quick = rows.length === 1 && rows[0]?.quick_check === 'ok' ? 'ok' : (rows[0]?.quick_check ?? 'no answer');
  } catch (err) {
    quick = describe(err);
  }
  if (quick !== 'ok') {
    return fail(new DatabaseOpenError('corrupt', file, `The database file ${file} is damaged: the integrity check found "${quick}".`, quick));
  }

  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > latest) {
    return fail(
      new DatabaseOpenError(
        'too-new',
        file,
        `The database file ${file} was made by a newer version of Reception Kiosk (schema ${version}; this version knows up to ${latest}). Install the newer version, or restore a backup made by this one.`,
      ),
    );
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (tables.n > 0) {
      return fail(new DatabaseOpenError('not-ours', file, `The file ${file} is an SQLite database, but not one of Reception Kiosk's.`));
    }
    // a blank SQLite file (no tables at all) is no more a school than an empty one
    const lost = existed ? lostSchool(file, opts, size) : null;
    if (lost) return fail(lost);
  }

  if (version < latest) {
    if (existed && version > 0) {
      try {
        const backup = await backupNow(db, { dir: opts.backupDir ?? defaultBackupDir(file), reason: `before-v${latest}`, clock, keep: null });
        opts.log?.info('db.backup-before-migration', { file: path.basename(backup.path), from: version, to: latest });
      } catch (err) {
        return fail(new DatabaseOpenError('backup-failed', file, `Reception Kiosk needs to update the database ${file}, but could not first make a verified backup: ${describe(err)}. Nothing was changed.`, describe(err)));
      }
    }
    try {
      runMigrations(db, registry, version, (from, to) =>
        appendAudit(db, { kind: 'system' }, clock.now(), { action: 'schema.migrate', entity: 'schema', entityId: to, values: { from, to } }),
      );
    } catch (err) {
      return fail(new DatabaseOpenError('migration-failed', file, `Updating the database ${file} from schema ${version} to ${latest} failed, and nothing was changed: ${describe(err)}.`, describe(err)));
    }
  }

  const anchorFile = anchorPathFor(file);
  if (version < latest) writeAnchor(anchorFile, auditHead(db));
  opts.log?.info('db.opened', { schema: latest, migratedFrom: version, ms: Math.round(performance.now() - started) });
  return {
    db,
    file,
    anchorFile,
    schemaVersion: latest,
    close: () => {
      if (db.open) db.close();
    },
  };
}
