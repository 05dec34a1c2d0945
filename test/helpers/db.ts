/** Real temporary SQLite files for tests, and an API context over them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manualClock, type ManualClock } from '../../db/clock';
import { openDatabase, type KioskDatabase } from '../../db/open';
import type { ApiContext } from '../../electron/api/context';
import type { Session } from '../../electron/api/session';
import { memoryLogger } from '../../electron/log';

export function tempDir(prefix = 'kiosk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestDb extends KioskDatabase {
  dir: string;
  clock: ManualClock;
  ctx: ApiContext;
  log: ReturnType<typeof memoryLogger>;
  /** Close and delete everything. */
  dispose(): void;
}

/** A fresh, migrated database in its own temp folder; the clock starts on a school-day morning. */
export async function makeTestDb(start = '2026-11-25T08:40:00Z'): Promise<TestDb> {
  const dir = tempDir();
  const clock = manualClock(start);
  const kdb = await openDatabase({ file: path.join(dir, 'kiosk.sqlite'), clock });
  const log = memoryLogger();
  const ctx: ApiContext = { db: kdb.db, clock, log, files: { database: kdb.file, anchor: kdb.anchorFile } };
  return {
    ...kdb,
    dir,
    clock,
    ctx,
    log,
    dispose() {
      kdb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sessions = {
  kiosk: { kind: 'kiosk' },
  office: { kind: 'staff', staffId: 11, role: 'office', dsl: false },
  officeDsl: { kind: 'staff', staffId: 12, role: 'office', dsl: true },
  leadership: { kind: 'staff', staffId: 21, role: 'leadership', dsl: false },
  leadershipDsl: { kind: 'staff', staffId: 22, role: 'leadership', dsl: true },
  admin: { kind: 'staff', staffId: 31, role: 'admin', dsl: false },
} as const satisfies Record<string, Session>;

export type SessionName = keyof typeof sessions;

/** Row counts of every table and the audit head: equal snapshots mean nothing was written. */
export function snapshot(db: KioskDatabase['db']): Record<string, number | string> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const out: Record<string, number | string> = {};
  for (const { name } of tables) out[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  const head = db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  out['audit.head'] = head?.hash ?? '';
  out['settings.values'] = JSON.stringify(db.prepare('SELECT key, value FROM settings ORDER BY key').all());
  return out;
}
