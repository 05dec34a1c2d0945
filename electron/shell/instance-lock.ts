/**
 * One copy of the app per PC, whoever is logged in. Electron's single-instance lock is per user:
 * with fast user switching, two Windows accounts each got one and both wrote the same database.
 * So the app also takes an exclusive lock file in the shared data folder: created with O_EXCL (only
 * one creator can win, on every platform and on network shares), holding the pid and host name of
 * its owner. A lock left by a copy that crashed is taken over when its pid no longer runs on this
 * host; a pid we cannot signal because it belongs to another account still runs (EPERM), so it
 * holds. No `electron` import: tested in Node with real files and a child process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'reception-kiosk.lock';

export const OTHER_ACCOUNT_MESSAGE = 'Reception Kiosk is open in another Windows account on this PC. Close it there first.';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export type LockOutcome = { ok: true; file: string; release(): void } | { ok: false; file: string; holder: LockHolder | null };

export interface LockOptions {
  pid?: number;
  host?: string;
  now?: () => Date;
  /** Whether a pid runs on this host (tests may replace it). */
  isAlive?: (pid: number) => boolean;
}

/** True while the process exists: signal 0 checks without sending; EPERM means it runs as another user. */
export function pidIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') return { pid: v.pid, host: v.host, startedAt: typeof v.startedAt === 'string' ? v.startedAt : '' };
  } catch {
    // missing, or being written this instant: not provably stale
  }
  return null;
}

/** Half-written lock files (the writer died between create and write) are stale after this long. */
const UNREADABLE_STALE_MS = 30_000;

function isStale(file: string, holder: LockHolder | null, host: string, isAlive: (pid: number) => boolean, now: Date): boolean {
  if (!holder) {
    try {
      return now.getTime() - fs.statSync(file).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return true; // gone already
    }
  }
  // another host's pid cannot be checked from here (a data folder on a share): it holds
  return holder.host === host && !isAlive(holder.pid);
}

/**
 * Take the lock in `dir`, or say who holds it. Take-over of a stale lock moves it aside under a
 * unique name first and checks that what was moved is the stale lock read, so two copies starting
 * at once over the same stale lock cannot both win.
 */
export function acquireInstanceLock(dir: string, opts: LockOptions = {}): LockOutcome {
  const pid = opts.pid ?? process.pid;
  const host = opts.host ?? os.hostname();
  const now = opts.now ?? (() => new Date());
  const isAlive = opts.isAlive ?? pidIsAlive;
  const file = path.join(dir, LOCK_FILE);
  fs.mkdirSync(dir, { recursive: true });
  const mine: LockHolder = { pid, host, startedAt: now().toISOString() };

  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx', 0o660);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holder.pid === pid && holder.host === host) return held(file, mine); // ours already (a restart in-process)
      if (!isStale(file, holder, host, isAlive, now())) return { ok: false, file, holder };
      const aside = `${file}.stale-${pid}-${Date.now()}`;
      try {
        fs.renameSync(file, aside);
      } catch {
        continue; // someone else moved it first: try again
      }
      const moved = readHolder(aside);
      if (JSON.stringify(moved) !== JSON.stringify(holder)) {
        // we moved a fresh lock another copy had just taken: put it back and let it win
        try {
          fs.linkSync(aside, file);
        } catch {
          // a third copy took the name meanwhile: it holds
        }
        fs.rmSync(aside, { force: true });
        return { ok: false, file, holder: moved };
      }
      fs.rmSync(aside, { force: true });
      continue;
    }
    try {
      fs.writeSync(fd, JSON.stringify(mine));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return held(file, mine);
  }
  return { ok: false, file, holder: readHolder(file) };
}

function held(file: string, mine: LockHolder): LockOutcome {
  let released = false;
  return {
    ok: true,
    file,
    release() {
      if (released) return;
      released = true;
      // only our own lock is removed: never one another copy took over after us
      const now = readHolder(file);
      if (now && now.pid === mine.pid && now.host === mine.host) fs.rmSync(file, { force: true });
    },
  };
}
