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
import { backupNow } from './backup';
import { systemClock, type Clock } from './clock';
import { DatabaseOpenError } from './errors';
import { migrations as allMigrations, type Migration } from './migrations';
import { runMigrations } from './migrate';

export type Db = Database.Database;

export const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  file: string;
  clock?: Clock;
  /** Where the verified backup before a migration goes; default: a `backups` folder beside the file. */
  backupDir?: string;
  log?: Logger;
  /** Tests only: a different migration registry. */
  migrations?: readonly Migration[];
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
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  const started = performance.now();

  let db: Db;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    db = openRaw(file);
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
