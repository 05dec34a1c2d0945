/**
 * Backups with SQLite's online backup API (never a file copy of an open database), each verified
 * with integrity_check before it counts. Beside each backup a small JSON sidecar records when and
 * why it was taken and the audit head it holds (the anchor for that copy). The last N are kept.
 * Restoring moves the current file aside (never deletes it) and puts a verified copy in its place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { anchorPathFor, auditHead, writeAnchor, type AuditHead } from './audit';
import type { SchoolCalendar } from './calendar';
import type { Clock } from './clock';
import { integrityCheckFile, openRaw, type Db } from './open';

export interface BackupInfo {
  path: string;
  file: string;
  takenAt: string;
  reason: string;
  bytes: number;
  audit: AuditHead | null;
}

export interface BackupOptions {
  dir: string;
  /** 'daily', 'shutdown', 'manual', 'before-v2', ... (letters, digits and dashes). */
  reason: string;
  clock: Clock;
  /** Keep this many newest backups and delete older ones; null keeps all. */
  keep: number | null;
}

const SIDECAR = '.json';

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
    syncFile(tmp);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true }); // a full disk leaves no half-written sidecar behind
    throw err;
  }
}

/** Turn a finished copy into a standalone, verified file; returns its audit head. */
function finishAndVerify(file: string): AuditHead | null {
  const copy = openRaw(file, { mustExist: true });
  let head: AuditHead | null;
  try {
    copy.pragma('journal_mode = DELETE');
    const hasAudit = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get();
    head = hasAudit ? auditHead(copy) : null;
  } finally {
    copy.close();
  }
  const verdict = integrityCheckFile(file);
  if (verdict !== 'ok') throw new Error(`the backup copy failed its integrity check (${verdict})`);
  return head;
}

export async function backupNow(db: Db, opts: BackupOptions): Promise<BackupInfo> {
  if (!/^[a-z0-9-]{1,40}$/i.test(opts.reason)) throw new Error(`invalid backup reason: ${opts.reason}`);
  fs.mkdirSync(opts.dir, { recursive: true });
  const takenAt = opts.clock.now();
  let base = `kiosk-${stamp(takenAt)}-${opts.reason}`;
  for (let n = 2; fs.existsSync(path.join(opts.dir, `${base}.sqlite`)); n++) base = `kiosk-${stamp(takenAt)}-${opts.reason}-${n}`;
  const final = path.join(opts.dir, `${base}.sqlite`);
  const partial = `${final}.partial`;
  let head: AuditHead | null;
  try {
    await db.backup(partial);
    head = finishAndVerify(partial);
    syncFile(partial);
    fs.renameSync(partial, final);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
    throw err;
  }
  const info: BackupInfo = {
    path: final,
    file: path.basename(final),
    takenAt: takenAt.toISOString(),
    reason: opts.reason,
    bytes: fs.statSync(final).size,
    audit: head,
  };
  try {
    writeJsonAtomic(`${final}${SIDECAR}`, { takenAt: info.takenAt, reason: info.reason, bytes: info.bytes, integrity: 'ok', audit: head });
  } catch (err) {
    // Without its sidecar the copy never counts: on a full disk it would only take the space a later backup needs.
    fs.rmSync(final, { force: true });
    throw err;
  }
  if (opts.keep !== null) pruneBackups(opts.dir, opts.keep);
  return info;
}

/** Verified backups in a folder, newest first (a copy without its sidecar never counted). */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    if (!name.endsWith(`.sqlite${SIDECAR}`)) continue;
    const sidecar = path.join(dir, name);
    const file = sidecar.slice(0, -SIDECAR.length);
    try {
      const meta = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as { takenAt?: unknown; reason?: unknown; integrity?: unknown };
      if (meta.integrity !== 'ok' || typeof meta.takenAt !== 'string' || !fs.existsSync(file)) continue;
      out.push({
        path: file,
        file: path.basename(file),
        takenAt: meta.takenAt,
        reason: typeof meta.reason === 'string' ? meta.reason : 'unknown',
        bytes: fs.statSync(file).size,
        audit: readSidecarAudit(sidecar),
      });
    } catch {
      // an unreadable sidecar: that copy does not count
    }
  }
  return out.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : b.file.localeCompare(a.file)));
}

function readSidecarAudit(sidecar: string): AuditHead | null {
  try {
    const meta = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as { audit?: { seq?: unknown; hash?: unknown } | null };
    const a = meta.audit;
    return a && typeof a.seq === 'number' && typeof a.hash === 'string' ? { seq: a.seq, hash: a.hash } : null;
  } catch {
    return null;
  }
}

export function pruneBackups(dir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dir).slice(Math.max(1, keep))) {
    fs.rmSync(`${old.path}${SIDECAR}`, { force: true });
    fs.rmSync(old.path, { force: true });
    removed.push(old.file);
  }
  return removed;
}

/** True when no verified backup has been taken on the school's current local date. */
export function dailyBackupDue(dir: string, calendar: SchoolCalendar, clock: Clock): boolean {
  const newest = listBackups(dir)[0];
  if (!newest) return true;
  return calendar.localDate(new Date(newest.takenAt)) < calendar.today(clock);
}

/** Take the day's backup if it is due (at start-up this catches up a day missed while the PC was off). */
export async function ensureDailyBackup(
  db: Db,
  opts: Omit<BackupOptions, 'reason'> & { calendar: SchoolCalendar },
): Promise<BackupInfo | null> {
  if (!dailyBackupDue(opts.dir, opts.calendar, opts.clock)) return null;
  return backupNow(db, { dir: opts.dir, clock: opts.clock, keep: opts.keep, reason: 'daily' });
}

/** Move a database file (and its -wal/-shm companions) aside, keeping it. Returns the new path. */
export function moveAside(file: string, label: string, clock: Clock): string | null {
  if (!fs.existsSync(file)) return null;
  const aside = `${file}.${label}-${stamp(clock.now())}`;
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/**
 * Restore a verified backup over the database file. The database must be closed first; the
 * current file is moved aside, never deleted. The backup's audit head becomes the anchor.
 */
export function restoreBackup(backupPath: string, file: string, clock: Clock): { movedAside: string | null } {
  const verdict = integrityCheckFile(backupPath);
  if (verdict !== 'ok') throw new Error(`The backup ${path.basename(backupPath)} failed its integrity check (${verdict}); nothing was changed.`);
  const head = readSidecarAudit(`${backupPath}${SIDECAR}`);
  const incoming = `${file}.restoring`;
  try {
    fs.copyFileSync(backupPath, incoming);
    syncFile(incoming);
  } catch (err) {
    fs.rmSync(incoming, { force: true }); // a full disk: no half copy left, and the current file not yet touched
    throw err;
  }
  const movedAside = moveAside(file, 'before-restore', clock);
  fs.renameSync(incoming, file);
  const anchor = anchorPathFor(file);
  if (head) writeAnchor(anchor, head);
  else fs.rmSync(anchor, { force: true });
  return { movedAside };
}
