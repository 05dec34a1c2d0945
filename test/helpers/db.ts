/** Real temporary SQLite files for tests, and an API context over them. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manualClock, type ManualClock } from '../../db/clock';
import { DomainError } from '../../db/errors';
import { openDatabase, type KioskDatabase } from '../../db/open';
import { TEST_SCRYPT, hashSecret, normaliseRecoveryCode } from '../../db/pins';
import { setupSchool } from '../../db/setup';
import { createStaff } from '../../db/staff';
import { write } from '../../db/tx';
import { browserPrinter, oneScreen, type ApiContext } from '../../electron/api/context';
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

export const TEST_PIN = '202468';
export const TEST_RECOVERY_CODE = 'ABCDE-FGHIJ-KLMNO-PQRST';

/**
 * A fresh, migrated database in its own temp folder; the clock starts on a school-day morning.
 * With `staff`, the school is set up and the accounts behind `sessions` exist (PIN TEST_PIN).
 */
export async function makeTestDb(start = '2026-11-25T08:40:00Z', opts: { staff?: boolean } = {}): Promise<TestDb> {
  const dir = tempDir();
  const clock = manualClock(start);
  const kdb = await openDatabase({ file: path.join(dir, 'kiosk.sqlite'), clock });
  const log = memoryLogger();
  const ctx: ApiContext = { db: kdb.db, clock, log, files: { database: kdb.file, anchor: kdb.anchorFile }, security: { scrypt: TEST_SCRYPT }, printer: browserPrinter, screens: oneScreen() };
  if (opts.staff) await seedStaff(ctx);
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

/** The sessions of the seeded accounts (ids in creation order: the admin from setup is 1). */
export const sessions = {
  kiosk: { kind: 'kiosk' },
  admin: { kind: 'staff', staffId: 1, role: 'admin', dsl: false },
  office: { kind: 'staff', staffId: 2, role: 'office', dsl: false },
  officeDsl: { kind: 'staff', staffId: 3, role: 'office', dsl: true },
  leadership: { kind: 'staff', staffId: 4, role: 'leadership', dsl: false },
  leadershipDsl: { kind: 'staff', staffId: 5, role: 'leadership', dsl: true },
} as const satisfies Record<string, Session>;

const NAMES: Record<Exclude<SessionKey, 'kiosk'>, string> = {
  admin: 'Ada Admin',
  office: 'Olu Office',
  officeDsl: 'Dara Office-DSL',
  leadership: 'Lena Leader',
  leadershipDsl: 'Dev Leader-DSL',
};
type SessionKey = keyof typeof sessions;

async function seedStaff(ctx: ApiContext): Promise<void> {
  const pinHash = await hashSecret(TEST_PIN, TEST_SCRYPT);
  const recoveryHash = await hashSecret(normaliseRecoveryCode(TEST_RECOVERY_CODE), TEST_SCRYPT);
  write({ db: ctx.db, clock: ctx.clock, anchorFile: ctx.files.anchor }, { kind: 'system' }, (tx) => {
    setupSchool(tx, { schoolName: 'Test Primary School', adminName: NAMES.admin, adminPinHash: pinHash, recoveryHash });
    for (const key of ['office', 'officeDsl', 'leadership', 'leadershipDsl'] as const) {
      const s = sessions[key];
      createStaff(tx, { name: NAMES[key], role: s.role, dsl: s.dsl, pinHash });
    }
  });
}

export type SessionName = keyof typeof sessions;

/**
 * Row counts and a digest of the contents of every table, and the audit head: equal snapshots
 * mean nothing was written. Keys: `<table>` (count) and `<table>.rows` (digest).
 */
export function snapshot(db: KioskDatabase['db']): Record<string, number | string> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const out: Record<string, number | string> = {};
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
    out[name] = rows.length;
    out[`${name}.rows`] = createHash('sha1').update(JSON.stringify(rows)).digest('hex');
  }
  return out;
}

/** The school rule a change broke ({ code, field, message }), or null when it went through. */
export function refusal(fn: () => unknown): { code: string; field?: string; message: string } | null {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, field: e.field, message: e.message };
    throw e;
  }
  return null;
}
