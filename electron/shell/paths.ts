/**
 * Where the records live: one folder per machine, not per Windows login, so every member of the
 * office staff who logs on to the office PC sees the same records.
 *   Windows: %ProgramData%\Reception Kiosk   (the installer creates it, writable by the PC's users)
 *   Linux:   /var/lib/reception-kiosk        (the .deb creates it); an AppImage without it uses
 *            ~/.local/share/reception-kiosk and says so in the log
 *   macOS:   /Users/Shared/Reception Kiosk
 * KIOSK_DB overrides the database file (tests and demos); logs and backups then sit beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REMEMBERED_BACKUP_FOLDER, rememberedBackupDir, resolveDatabaseFile } from '../../db/open';

export const PRODUCT_FOLDER = 'Reception Kiosk';
export const LINUX_FOLDER = 'reception-kiosk';

export interface DataPaths {
  dir: string;
  database: string;
  logs: string;
  /** True when the per-machine folder could not be used and a per-user one was chosen. */
  fellBack: boolean;
}

function writable(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function machineDataDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? env.ALLUSERSPROFILE ?? 'C:\\ProgramData', PRODUCT_FOLDER);
  if (platform === 'darwin') return path.posix.join('/Users/Shared', PRODUCT_FOLDER);
  return path.posix.join('/var/lib', LINUX_FOLDER);
}

export function userDataDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), PRODUCT_FOLDER);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_FOLDER);
  return path.posix.join(env.XDG_DATA_HOME ?? path.posix.join(home, '.local', 'share'), LINUX_FOLDER);
}

export function resolveDataPaths(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  canWrite: (dir: string) => boolean = writable,
): DataPaths {
  let dir = machineDataDir(platform, env);
  let fellBack = false;
  if (!env.KIOSK_DB?.trim() && !canWrite(dir)) {
    dir = userDataDir(platform, env);
    fellBack = true;
  }
  const database = resolveDatabaseFile(env, dir);
  const base = env.KIOSK_DB?.trim() ? path.dirname(database) : dir;
  return { dir: base, database, logs: path.join(base, 'logs'), fellBack };
}

// ---- the backup folder, remembered outside the database for recovery mode ----------------------

/**
 * Note where backups go, so recovery mode can find them when the database will not open, and
 * whether the desk has a visitor-facing screen, so recovery mode can show "Closed" there.
 */
export function rememberBackupDir(dataDir: string, backupDir: string, screens?: 'one' | 'two'): void {
  try {
    fs.writeFileSync(path.join(dataDir, REMEMBERED_BACKUP_FOLDER), JSON.stringify(screens ? { backupDir, screens } : { backupDir }));
  } catch {
    // not fatal: recovery mode also looks in the default folder
  }
}

/** The screens setting last noted beside the records ('two': a visitor-facing screen), or null. */
export function rememberedScreens(dataDir: string): 'one' | 'two' | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dataDir, REMEMBERED_BACKUP_FOLDER), 'utf8')) as { screens?: unknown };
    return v.screens === 'one' || v.screens === 'two' ? v.screens : null;
  } catch {
    return null;
  }
}

/** The folders recovery mode looks in: the one last remembered, then the default beside the file. */
export function backupDirsForRecovery(dataDir: string, defaultDir: string): string[] {
  const dirs: string[] = [];
  const remembered = rememberedBackupDir(dataDir);
  if (remembered) dirs.push(remembered);
  if (!dirs.includes(defaultDir)) dirs.push(defaultDir);
  return dirs;
}
