/**
 * Reading a verified backup before restoring it, when the live database cannot be opened: who its
 * administrators are and its recovery-code hash, so that a restore is authorised by the same
 * credentials the backup itself holds.
 */
import { openRaw } from './open';

export interface BackupAdmin {
  id: number;
  name: string;
  pinHash: string | null;
}

function readOnly<T>(file: string, read: (db: ReturnType<typeof openRaw>) => T): T {
  const db = openRaw(file, { readonly: true, mustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function backupAdmins(file: string): BackupAdmin[] {
  return readOnly(file, (db) => {
    const hasPins = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('staff') WHERE name = 'pin_hash'").get() as { n: number }).n > 0;
    if (!hasPins) return [];
    return db
      .prepare("SELECT id, name, pin_hash AS pinHash FROM staff WHERE role = 'admin' AND active = 1 ORDER BY name COLLATE NOCASE, id")
      .all() as BackupAdmin[];
  });
}

export function backupRecoveryHash(file: string): string | null {
  return readOnly(file, (db) => {
    const hasSecrets = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'secrets'").get();
    if (!hasSecrets) return null;
    const row = db.prepare("SELECT value FROM secrets WHERE key = 'recovery'").get() as { value: string } | undefined;
    return row?.value ?? null;
  });
}
