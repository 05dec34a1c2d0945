/**
 * Free space on the disk that holds the database, for Today's warning to administrators. Below
 * twice the database's size plus 500 MB the next backup (a whole copy) or a busy week of writes
 * may not fit, and a write on a full disk saves nothing: better an administrator hears of it first.
 *
 * The free space comes from fs.statfsSync (Node 20) unless the host or a test injects its own.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Bytes free to this account on the disk that holds `dir`. */
export type FreeSpace = (dir: string) => number;

/** Room kept over twice the database: 500 MB, counted as Windows counts (MiB). */
export const SPACE_MARGIN_BYTES = 500 * 1024 * 1024;

export const systemFreeSpace: FreeSpace = (dir) => {
  const s = fs.statfsSync(dir);
  // bavail, not bfree: the blocks reserved for root are not ours to fill
  return Number(s.bavail) * Number(s.bsize);
};

export interface LowDiskSpace {
  /** The data folder (where the database is). */
  folder: string;
  freeBytes: number;
  /** Twice the database (with its write-ahead log) plus the margin. */
  neededBytes: number;
  databaseBytes: number;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // no -wal file just now
  }
}

/**
 * The warning, or null when there is room. Null too when the free space cannot be read (an odd
 * file system): Today must always load, and a write on a full disk still fails cleanly.
 */
export function lowDiskSpace(databaseFile: string, freeSpace: FreeSpace = systemFreeSpace): LowDiskSpace | null {
  const folder = path.dirname(path.resolve(databaseFile));
  let freeBytes: number;
  try {
    freeBytes = freeSpace(folder);
  } catch {
    return null;
  }
  if (!Number.isFinite(freeBytes)) return null;
  const databaseBytes = sizeOf(databaseFile) + sizeOf(`${databaseFile}-wal`);
  const neededBytes = 2 * databaseBytes + SPACE_MARGIN_BYTES;
  return freeBytes < neededBytes ? { folder, freeBytes, neededBytes, databaseBytes } : null;
}
