/**
 * Backups with SQLite's online backup API (never a file copy of an open database), each verified
 * with integrity_check before it counts. Beside each backup a small JSON sidecar records when and
 * why it was taken, the audit head it holds (the anchor for that copy) and its chain (the hash of
 * the first audit row: one per school, so a backup of another school's records is known).
 * Backups rotate by age (so many days, weeks and months, one each) with a floor of daily backups
 * no setting lowers; pruning never removes the newest verified backup nor any of another chain:
 * pressing "Back up now" many times can never push an older school's backups out.
 * Restoring moves the current file aside (never deletes it) and puts a verified copy in its place.
 * Backups taken by the app, their pruning and a restore are written into the trail ('backup.made' or
 * 'backup.manual', 'backup.pruned', 'backup.restored'): the witness check (db/witnesses.ts) reports a
 * backup gone without its pruning, and knows which backups hold a history a restore replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Temporal } from 'temporal-polyfill';
import type { Logger } from '../electron/log';
import { anchorPathFor, auditHead, writeAnchor, type Actor, type AuditHead } from './audit';
import type { SchoolCalendar } from './calendar';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { FILE_MODE, integrityCheckFile, openRaw, type Db } from './open';
import { write } from './tx';

export interface BackupInfo {
  path: string;
  file: string;
  takenAt: string;
  reason: string;
  bytes: number;
  audit: AuditHead | null;
  /** The hash of the first audit row of the records it holds (null: no audit log in it). */
  chain?: string | null;
}

/** How many backups are kept by age: one a day, one a week, one a month (the newest in each). */
export interface Rotation {
  daily: number;
  weekly: number;
  monthly: number;
}

/** No setting keeps fewer daily backups than this (checked in the settings and again when pruning). */
export const MIN_DAILY_BACKUPS = 7;
export const DEFAULT_ROTATION: Readonly<Rotation> = Object.freeze({ daily: 14, weekly: 8, monthly: 12 });

export interface BackupOptions {
  dir: string;
  /** 'daily', 'shutdown', 'manual', 'before-v2', ... (letters, digits and dashes). */
  reason: string;
  clock: Clock;
  /** Prune by age after the backup (a number: that many days of daily backups); null keeps all. */
  keep: Rotation | number | null;
  /** The school's time zone, for what "a day", "a week" and "a month" are (default Europe/London). */
  timeZone?: string;
  /**
   * Record the backup and any pruning in the trail (one transaction, before anything is removed), so
   * the witness check (db/witnesses.ts) knows which backups should exist: one that disappears
   * without its pruning recorded is reported. Left out, nothing is written (the copy taken before a
   * migration, tests that count audit rows).
   */
  record?: BackupRecord;
}

export interface BackupRecord {
  anchorFile: string | null;
  /** Who took it (default the system) and the action of its row (default 'backup.made'). */
  actor?: Actor;
  action?: string;
  log?: Logger;
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

/** Which school's records these are: the hash of the first audit row (null when there is no audit log). */
export function chainOf(db: Db): string | null {
  const hasAudit = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get();
  if (!hasAudit) return null;
  const row = db.prepare('SELECT hash FROM audit WHERE seq = 1').get() as { hash: string } | undefined;
  return row?.hash ?? null;
}

/** The chain of a backup file, read from inside it (for sidecars written before chains were recorded). */
function chainOfFile(file: string): string | null {
  try {
    const copy = openRaw(file, { readonly: true, mustExist: true });
    try {
      return chainOf(copy);
    } finally {
      copy.close();
    }
  } catch {
    return null;
  }
}

/** Turn a finished copy into a standalone, verified file; returns its audit head and chain. */
function finishAndVerify(file: string): { head: AuditHead | null; chain: string | null } {
  const copy = openRaw(file, { mustExist: true });
  let head: AuditHead | null;
  let chain: string | null;
  try {
    copy.pragma('journal_mode = DELETE');
    const hasAudit = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get();
    head = hasAudit ? auditHead(copy) : null;
    chain = chainOf(copy);
  } finally {
    copy.close();
  }
  const verdict = integrityCheckFile(file);
  if (verdict !== 'ok') throw new Error(`the backup copy failed its integrity check (${verdict})`);
  return { head, chain };
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
  let chain: string | null;
  try {
    fs.closeSync(fs.openSync(partial, 'w', FILE_MODE)); // 0660, not SQLite's 0644: the app's group shares the backups
    await db.backup(partial);
    ({ head, chain } = finishAndVerify(partial));
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
    chain,
  };
  try {
    writeJsonAtomic(`${final}${SIDECAR}`, { takenAt: info.takenAt, reason: info.reason, bytes: info.bytes, integrity: 'ok', audit: head, chain });
  } catch (err) {
    // Without its sidecar the copy never counts: on a full disk it would only take the space a later backup needs.
    fs.rmSync(final, { force: true });
    throw err;
  }
  const rotation = opts.keep === null ? null : typeof opts.keep === 'number' ? { daily: opts.keep, weekly: 0, monthly: 0 } : opts.keep;
  const record = opts.record;
  if (!record) {
    if (rotation) pruneBackups(opts.dir, rotation, { now: takenAt, timeZone: opts.timeZone ?? 'Europe/London', chain: chainOf(db) });
    return info;
  }
  const writeRecord = (doomed: readonly BackupInfo[]) =>
    write({ db, clock: opts.clock, anchorFile: record.anchorFile, log: record.log }, record.actor ?? { kind: 'system' }, (tx) => {
      tx.audit({ action: record.action ?? 'backup.made', entity: 'backup', entityId: info.file, values: { reason: info.reason, takenAt: info.takenAt, audit: head } });
      for (const b of doomed) tx.audit({ action: 'backup.pruned', entity: 'backup', entityId: b.file, values: { takenAt: b.takenAt, audit: b.audit } });
    });
  try {
    if (rotation) pruneBackups(opts.dir, rotation, { now: takenAt, timeZone: opts.timeZone ?? 'Europe/London', chain: chainOf(db), beforeRemove: writeRecord });
    else writeRecord([]);
  } catch (err) {
    // The backup itself is taken and verified; unrecorded, nothing was pruned (a removal the trail
    // does not know of would be reported as a backup gone missing).
    record.log?.error('backup.record-failed', { file: info.file, errorName: err instanceof Error ? err.name : 'unknown' });
  }
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
        chain: typeof (meta as { chain?: unknown }).chain === 'string' ? (meta as { chain: string }).chain : chainOfFile(file),
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

/** Whether a backup holds these records (the same chain); one without a chain is never treated as ours. */
export function isOtherChain(backup: Pick<BackupInfo, 'chain'>, liveChain: string | null): boolean {
  return !(backup.chain && liveChain && backup.chain === liveChain);
}

/** The floor applies whatever the stored setting says (an older value, or one written around the API). */
export function effectiveRotation(r: Rotation): Rotation {
  const whole = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0);
  return { daily: Math.max(MIN_DAILY_BACKUPS, whole(r.daily)), weekly: whole(r.weekly), monthly: whole(r.monthly) };
}

/**
 * Which backups (newest first, all of one chain) the rotation keeps: the newest of each of the last
 * `daily` local days, of the last `weekly` weeks (Monday to Sunday) and of the last `monthly`
 * months, counted back from `now` in the school's time zone, every copy taken before an update
 * within the daily window, and always the newest of all.
 */
export function backupsToKeep(backups: readonly BackupInfo[], rotation: Rotation, now: Date, timeZone: string): Set<string> {
  const r = effectiveRotation(rotation);
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  const keep = new Set<string>();
  const newest = backups[0];
  if (newest) keep.add(newest.file);
  const firstDay = today.subtract({ days: r.daily - 1 });
  const thisMonday = today.subtract({ days: today.dayOfWeek - 1 });
  const firstWeek = thisMonday.subtract({ weeks: Math.max(0, r.weekly - 1) });
  const firstMonth = today.with({ day: 1 }).subtract({ months: Math.max(0, r.monthly - 1) });
  const seen = { day: new Set<string>(), week: new Set<string>(), month: new Set<string>() };
  for (const b of backups) {
    const date = Temporal.Instant.fromEpochMilliseconds(new Date(b.takenAt).getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
    const monday = date.subtract({ days: date.dayOfWeek - 1 });
    const inDays = Temporal.PlainDate.compare(date, firstDay) >= 0;
    const periods: [keyof typeof seen, string, boolean][] = [
      ['day', date.toString(), inDays],
      ['week', monday.toString(), r.weekly > 0 && Temporal.PlainDate.compare(monday, firstWeek) >= 0],
      ['month', date.toPlainYearMonth().toString(), r.monthly > 0 && Temporal.PlainDate.compare(date, firstMonth) >= 0],
    ];
    // the copy taken before an update holds the records as the older version knew them: kept as long as a day's
    if (b.reason.startsWith('before-') && inDays) keep.add(b.file);
    for (const [kind, key, inRange] of periods) {
      // newest first: the first backup met in a period is its newest
      if (inRange && !seen[kind].has(key)) {
        seen[kind].add(key);
        keep.add(b.file);
      }
    }
  }
  return keep;
}

/**
 * Delete the backups of this school (chain `chain`) the rotation no longer keeps. Never the newest
 * verified backup, never a backup of another chain (an earlier school's, or one whose chain cannot
 * be read): those go only by an administrator's hand, with a reason (removeOtherChainBackup).
 */
export function pruneBackups(
  dir: string,
  rotation: Rotation,
  opts: { now: Date; timeZone: string; chain: string | null; beforeRemove?: (doomed: readonly BackupInfo[]) => void },
): string[] {
  const all = listBackups(dir);
  const ours = all.filter((b) => !isOtherChain(b, opts.chain));
  const keep = backupsToKeep(ours, rotation, opts.now, opts.timeZone);
  const newestOfAll = all[0];
  const doomed = ours.filter((b) => !keep.has(b.file) && b.file !== newestOfAll?.file);
  // the pruning is recorded first: if that fails (it throws), nothing is removed
  opts.beforeRemove?.(doomed);
  const removed: string[] = [];
  for (const old of doomed) {
    fs.rmSync(`${old.path}${SIDECAR}`, { force: true });
    fs.rmSync(old.path, { force: true });
    removed.push(old.file);
  }
  return removed;
}

/**
 * An administrator removes a backup of another chain (another school's records, kept out of the
 * rotation). The caller audits it with the reason; a backup of this school's chain is refused.
 */
export function removeOtherChainBackup(dir: string, file: string, liveChain: string | null): BackupInfo {
  const found = listBackups(dir).find((b) => b.file === file);
  if (!found) throw new DomainError('NOT_FOUND', 'That backup is no longer in the backup folder.', 'backup');
  if (!isOtherChain(found, liveChain)) {
    throw new DomainError('RULE', 'This backup holds this school’s own records: it is removed only by the rotation, when it is old enough.', 'backup');
  }
  fs.rmSync(`${found.path}${SIDECAR}`, { force: true });
  fs.rmSync(found.path, { force: true });
  return found;
}

/**
 * True when no verified backup of these records has been taken on the school's current local date.
 * Given the live chain, a backup of another chain (an earlier school's, kept out of the rotation)
 * does not count: it says nothing about today's records.
 */
export function dailyBackupDue(dir: string, calendar: SchoolCalendar, clock: Clock, chain?: string | null): boolean {
  const newest = listBackups(dir).filter((b) => chain === undefined || !isOtherChain(b, chain))[0];
  if (!newest) return true;
  return calendar.localDate(new Date(newest.takenAt)) < calendar.today(clock);
}

/** Take the day's backup if it is due (at start-up this catches up a day missed while the PC was off). */
export async function ensureDailyBackup(
  db: Db,
  opts: Omit<BackupOptions, 'reason'> & { calendar: SchoolCalendar },
): Promise<BackupInfo | null> {
  if (!dailyBackupDue(opts.dir, opts.calendar, opts.clock, chainOf(db))) return null;
  return backupNow(db, {
    dir: opts.dir,
    clock: opts.clock,
    keep: opts.keep,
    reason: 'daily',
    timeZone: opts.timeZone ?? opts.calendar.timeZone,
    ...(opts.record ? { record: opts.record } : {}),
  });
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
  recordRestore(file, anchor, path.basename(backupPath), head, clock);
  return { movedAside };
}

/**
 * Write into the restored trail which backup it came from: the witness check then knows the
 * backups taken after that one, before the restore, hold a history the restore replaced (retired,
 * not a rewrite). A copy without an audit log has no trail to write to. A failure here leaves the
 * restore done (the anchor already matches the backup's head); it is only not recorded.
 */
function recordRestore(file: string, anchorFile: string, backup: string, head: AuditHead | null, clock: Clock): void {
  if (!head) return;
  let db: Db | null = null;
  try {
    db = openRaw(file, { mustExist: true });
    write({ db, clock, anchorFile }, { kind: 'system' }, (tx) => tx.audit({ action: 'backup.restored', entity: 'backup', entityId: backup, values: { audit: head } }));
  } catch {
    // the restore stands; the next check reports any backup the missing record leaves unexplained
  } finally {
    db?.close();
  }
}
