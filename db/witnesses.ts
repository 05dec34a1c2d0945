/**
 * Witnesses of the audit chain: copies of its head kept where someone rewriting the database may
 * not reach. The anchor file beside the database is one; each verified backup's sidecar is another
 * (the head the backup holds); the chain fingerprint printed at the foot of every register, chain
 * of custody and roll call is a third, on paper.
 *
 * Someone with write access to the data folder can drop the append-only triggers, edit rows and
 * re-hash the chain from there on, and rewrite the anchor to match: verifyAudit then passes. The
 * rewritten chain no longer holds the head an older backup or a printed page recorded, and that is
 * what checkWitnesses (and checkFingerprint) look for.
 *
 * Findings name backup files, audit sequence numbers and dates, never personal data: they are shown
 * to administrators and may be copied into an incident log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { auditHead, readAnchor, verifyAudit, type AuditHead } from './audit';
import { chainOf, isOtherChain, listBackups, type BackupInfo } from './backup';
import { FINGERPRINT_HEX, formatFingerprint } from './fingerprint';
import { openRaw, type Db } from './open';

export * from './fingerprint';

export interface Fingerprint {
  seq: number;
  /** The first FINGERPRINT_HEX hex characters of that audit row's hash. */
  hex: string;
  /** What is printed: '18342-9f3a1c07d2e4b6a8'. */
  text: string;
  /** When that audit row was written (ISO). */
  at: string;
}

/** The chain head as a fingerprint, or null before anything has been recorded. */
export function chainFingerprint(db: Db): Fingerprint | null {
  const row = db.prepare('SELECT seq, hash, at FROM audit ORDER BY id DESC LIMIT 1').get() as { seq: number; hash: string; at: string } | undefined;
  if (!row) return null;
  return { seq: row.seq, hex: row.hash.slice(0, FINGERPRINT_HEX), text: formatFingerprint(row.seq, row.hash), at: row.at };
}

export type FingerprintVerdict =
  /** The trail still holds that row with that hash, and the chain up to it is whole. */
  | { outcome: 'matches'; seq: number; at: string }
  /** It does not: `reason` says how, in words. */
  | { outcome: 'differs'; seq: number; at: string | null; reason: string }
  /** Printed from a history a restore has since replaced: it cannot be checked against today's trail. */
  | { outcome: 'retired'; seq: number; restoredFrom: string; restoredAt: string };

interface RestoreRow {
  seq: number;
  at: string;
  file: string;
}

function restoresOf(db: Db): RestoreRow[] {
  return db.prepare("SELECT seq, at, entity_id AS file FROM audit WHERE action = 'backup.restored' ORDER BY seq").all() as RestoreRow[];
}

/**
 * Check a fingerprint from paper against the trail. A match proves that no audit row up to that one
 * has been changed since the page was printed (the chain links every row to the next). Whether the
 * records still agree with their audited states is the record check's part.
 */
export function checkFingerprint(db: Db, seq: number, hex: string): FingerprintVerdict {
  const row = db.prepare('SELECT hash, at FROM audit WHERE seq = ?').get(seq) as { hash: string; at: string } | undefined;
  if (row && row.hash.startsWith(hex)) {
    const verdict = verifyAudit(db);
    if (verdict.ok || verdict.seq > seq) return { outcome: 'matches', seq, at: row.at };
    return { outcome: 'differs', seq, at: row.at, reason: `the audit trail itself is broken at row ${verdict.seq}, before this one.` };
  }
  // A page printed before a restore may name a row of the history the restore replaced.
  const restore = restoresOf(db).find((r) => r.seq <= seq);
  if (restore) return { outcome: 'retired', seq, restoredFrom: restore.file, restoredAt: restore.at };
  if (!row) {
    const head = auditHead(db);
    return { outcome: 'differs', seq, at: null, reason: `the trail ends at row ${head?.seq ?? 0}, so row ${seq} on the paper has been cut off.` };
  }
  return { outcome: 'differs', seq, at: row.at, reason: `row ${seq} of the trail is not the one that was printed: the trail has been rewritten since.` };
}

// ---- backup witnesses ------------------------------------------------------------------------

export type WitnessFindingKind = 'rewritten' | 'cut-off' | 'sidecar-differs' | 'disappeared' | 'anchor-missing' | 'anchor-ahead' | 'anchor-differs';

export interface WitnessFinding {
  kind: WitnessFindingKind;
  /** In words, naming files, sequence numbers and dates only. */
  message: string;
  /** The backup file concerned (its name, not its folder), if any. */
  file: string | null;
  seq: number | null;
  /** The date concerned (ISO): when the backup was taken or recorded. */
  date: string | null;
}

export interface WitnessReport {
  ok: boolean;
  /** Backups of this chain whose head the trail still holds. */
  matched: number;
  /** Backups of a history a restore replaced (not a rewrite). */
  retired: number;
  findings: WitnessFinding[];
}

export interface WitnessOptions {
  /** The folders backups are kept in (the current one, and any used before). */
  backupDirs: readonly string[];
  /** The anchor file beside the database; null when there is none to check (unit tests). */
  anchorFile: string | null;
  /** For the dates in the messages (default Europe/London). */
  timeZone?: string;
}

/** Actions that record a backup taken, and ones that record a backup removed on purpose. */
const MADE_ACTIONS = ['backup.made', 'backup.manual'];
const GONE_ACTIONS = ['backup.pruned', 'backup.remove-other-chain'];

function dateWords(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d);
}

/** What a backup file itself holds: its audit head and its first row's time (null: unreadable). */
function readBackupFile(file: string): { head: AuditHead | null; firstAt: string | null } | null {
  try {
    const copy = openRaw(file, { readonly: true, mustExist: true });
    try {
      const hasAudit = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get();
      if (!hasAudit) return { head: null, firstAt: null };
      const first = copy.prepare('SELECT at FROM audit WHERE seq = 1').get() as { at: string } | undefined;
      return { head: auditHead(copy), firstAt: first?.at ?? null };
    } finally {
      copy.close();
    }
  } catch {
    return null;
  }
}

/**
 * Check every witness that can be found: each backup of this chain must still be held by the trail
 * (same seq, same hash) unless a restore since has replaced that part of the history; each backup
 * the trail records as taken must still be there unless its pruning is recorded; and the anchor must
 * match a row of the trail (the head, or an older row after a crash between a commit and its anchor).
 */
export function checkWitnesses(db: Db, opts: WitnessOptions): WitnessReport {
  const timeZone = opts.timeZone ?? 'Europe/London';
  const findings: WitnessFinding[] = [];
  const head = auditHead(db);
  const liveChain = chainOf(db);
  const rowAt = db.prepare('SELECT hash, at FROM audit WHERE seq = ?');
  const firstAt = (rowAt.get(1) as { at: string } | undefined)?.at ?? null;
  const restores = restoresOf(db);
  let matched = 0;
  let retired = 0;

  const dirs = [...new Set(opts.backupDirs.map((d) => path.resolve(d)))];
  const present = new Set<string>();
  const backups: BackupInfo[] = [];
  for (const dir of dirs) {
    for (const b of listBackups(dir)) {
      present.add(b.file);
      backups.push(b);
    }
  }

  for (const b of backups) {
    const inside = readBackupFile(b.path);
    if (isOtherChain(b, liveChain)) {
      // Re-hashing from the very first row changes the chain's id: a backup begun at the same instant
      // as this trail is this school's, rewritten, not another school's.
      if (liveChain && inside?.firstAt && inside.firstAt === firstAt) {
        findings.push({
          kind: 'rewritten',
          file: b.file,
          seq: 1,
          date: b.takenAt,
          message: `The backup ${b.file} (taken ${dateWords(b.takenAt, timeZone)}) starts with the same first audit row as the trail, but its hash differs: the whole trail has been rewritten since.`,
        });
      }
      continue;
    }
    const w = b.audit;
    if (!w) continue;
    if (inside?.head && (inside.head.seq !== w.seq || inside.head.hash !== w.hash)) {
      findings.push({
        kind: 'sidecar-differs',
        file: b.file,
        seq: w.seq,
        date: b.takenAt,
        message: `The backup ${b.file} ends at audit row ${inside.head.seq}, but the note beside it says row ${w.seq}: one of them has been changed.`,
      });
    }
    const row = rowAt.get(w.seq) as { hash: string; at: string } | undefined;
    if (row && row.hash === w.hash) {
      matched += 1;
      continue;
    }
    // a backup of the history a restore replaced: taken before the restore, ahead of where it went back to
    if (restores.some((r) => r.seq <= w.seq && new Date(b.takenAt).getTime() <= new Date(r.at).getTime())) {
      retired += 1;
      continue;
    }
    const when = dateWords(b.takenAt, timeZone);
    findings.push(
      row
        ? {
            kind: 'rewritten',
            file: b.file,
            seq: w.seq,
            date: b.takenAt,
            message: `Audit row ${w.seq} is not the one held by the backup ${b.file} (taken ${when}): the trail has been rewritten since.`,
          }
        : {
            kind: 'cut-off',
            file: b.file,
            seq: w.seq,
            date: b.takenAt,
            message: `The backup ${b.file} (taken ${when}) holds audit rows up to ${w.seq}, but the trail now ends at ${head?.seq ?? 0}: rows have been cut off.`,
          },
    );
  }

  // Backups the trail says were taken, gone from the folder with no pruning recorded.
  const marks = `${MADE_ACTIONS.map(() => '?').join(', ')}`;
  const made = db.prepare(`SELECT entity_id AS file, MIN(seq) AS seq, MIN(at) AS at FROM audit WHERE entity = 'backup' AND action IN (${marks}) AND entity_id IS NOT NULL GROUP BY entity_id`).all(...MADE_ACTIONS) as {
    file: string;
    seq: number;
    at: string;
  }[];
  const gone = new Set(
    db
      .prepare(`SELECT entity_id FROM audit WHERE entity = 'backup' AND action IN (${GONE_ACTIONS.map(() => '?').join(', ')})`)
      .pluck()
      .all(...GONE_ACTIONS) as string[],
  );
  // A backup taken into an earlier backup folder is still there, not gone: only those recorded since
  // the folder last changed (a 'settings.update' of backupDir, named in its fields) are expected here.
  const folderChanged = (db.prepare("SELECT MAX(seq) FROM audit WHERE action = 'settings.update' AND fields LIKE ?").pluck().get('%"backupDir"%') as number | null) ?? 0;
  for (const m of made) {
    if (present.has(m.file) || gone.has(m.file) || m.seq < folderChanged) continue;
    findings.push({
      kind: 'disappeared',
      file: m.file,
      seq: m.seq,
      date: m.at,
      message: `The backup ${m.file} (recorded at audit row ${m.seq}, ${dateWords(m.at, timeZone)}) is no longer in the backup folder, and no pruning of it was recorded.`,
    });
  }

  if (opts.anchorFile && head) {
    const anchor = readAnchor(opts.anchorFile);
    if (!anchor) {
      const exists = fs.existsSync(opts.anchorFile);
      findings.push({
        kind: 'anchor-missing',
        file: null,
        seq: null,
        date: null,
        message: exists
          ? 'The copy of the newest audit row kept beside the database cannot be read: rows cut off the end of the trail would not show there.'
          : 'The copy of the newest audit row kept beside the database is missing: rows cut off the end of the trail would not show there.',
      });
    } else {
      const row = rowAt.get(anchor.seq) as { hash: string } | undefined;
      if (!row) {
        findings.push({ kind: 'anchor-ahead', file: null, seq: anchor.seq, date: null, message: `The copy kept beside the database names audit row ${anchor.seq}, but the trail ends at ${head.seq}: rows have been cut off.` });
      } else if (row.hash !== anchor.hash) {
        findings.push({ kind: 'anchor-differs', file: null, seq: anchor.seq, date: null, message: `Audit row ${anchor.seq} is not the one recorded in the copy kept beside the database.` });
      }
    }
  }

  return { ok: findings.length === 0, matched, retired, findings };
}
