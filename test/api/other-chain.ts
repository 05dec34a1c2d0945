/** For the fuzz test of removeBackup: backups of another chain in the test school's backup folder. */
import fs from 'node:fs';
import path from 'node:path';
import { backupNow } from '../../db/backup';
import { defaultBackupDir } from '../../db/open';
import type { TestDb } from '../helpers/db';

/** The file names prepareOtherChainBackups puts in the backup folder. */
export const OTHER_CHAIN_FILES = Array.from({ length: 8 }, (_, i) => `kiosk-2025-0${(i % 9) + 1}-01T16-00-00-000Z-daily.sqlite`);

/** Real verified copies of the test school, their sidecars naming another chain (another school's records). */
export async function prepareOtherChainBackups(t: TestDb): Promise<void> {
  const dir = defaultBackupDir(t.file);
  const seed = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: null });
  for (const file of OTHER_CHAIN_FILES) {
    fs.copyFileSync(seed.path, path.join(dir, file));
    const meta = JSON.parse(fs.readFileSync(`${seed.path}.json`, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, `${file}.json`), JSON.stringify({ ...meta, takenAt: `${file.slice(6, 16)}T16:00:00.000Z`, chain: 'f'.repeat(64) }));
  }
}
