/**
 * Schema migrations: numbered steps in one registry (db/migrations/index.ts), tracked by
 * PRAGMA user_version, all pending steps in one immediate transaction.
 *
 * Table rebuilds (create new, copy, drop old, rename) are how SQLite changes a column. With
 * foreign keys enforced, dropping a referenced table counts every child row as a violation that
 * `defer_foreign_keys` still refuses at commit, even once the rebuilt table is in place. So, as
 * SQLite's own procedure says, enforcement is switched off around the transaction (it cannot be
 * switched inside one), `foreign_key_check` must find nothing before commit, and enforcement is
 * switched back on whatever happens.
 */
import type { Db } from './open';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export function checkRegistry(registry: readonly Migration[]): void {
  registry.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration registry out of order: position ${i + 1} holds version ${m.version} (${m.name}).`);
  });
}

/** Apply every step after `from`. `onDone` runs inside the same transaction (for the audit row). */
export function runMigrations(db: Db, registry: readonly Migration[], from: number, onDone?: (from: number, to: number) => void): number {
  checkRegistry(registry);
  const pending = registry.slice(from);
  if (pending.length === 0) return from;
  const to = registry.length;
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const step of pending) step.up(db);
      const broken = db.pragma('foreign_key_check') as { table: string }[];
      if (broken.length > 0) {
        throw new Error(`foreign key check failed after migrating (${broken.length} rows; first in table ${broken[0]?.table ?? '?'})`);
      }
      db.pragma(`user_version = ${to}`);
      onDone?.(from, to);
    }).immediate();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
  return to;
}
