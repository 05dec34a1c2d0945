/**
 * The child of test/db/disk-full.test.ts: `node --import tsx test/db/disk-full-child.ts <dir>`,
 * where <dir> is a tiny file system of its own (a tmpfs mounted in a private user and mount
 * namespace by `unshare -r -m`, so no privilege is needed and nothing outside sees it).
 *
 * It opens a school's database there the way the app does, fills the disk with a ballast file
 * (leaving a few pages free, as a real disk would), then signs visitors in through dispatch until
 * the disk refuses one, as the kiosk and as an administrator. It reads, frees the space (removes
 * the ballast) and signs in again. What really happened is printed as one line of JSON on stdout;
 * the parent checks it. It exits by itself after MAX_RUN_MS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readAnchor, verifyAudit } from '../../db/audit';
import { manualClock } from '../../db/clock';
import { openDatabase } from '../../db/open';
import { hashSecret, TEST_SCRYPT } from '../../db/pins';
import { setupSchool } from '../../db/setup';
import { write } from '../../db/tx';
import { signIn } from '../../db/visitors';
import { browserPrinter, oneScreen, type ApiContext } from '../../electron/api/context';
import type { ApiResult } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import type { Session } from '../../electron/api/session';
import { memoryLogger } from '../../electron/log';

const MAX_RUN_MS = 60_000;
setTimeout(() => {
  process.stderr.write('disk-full-child: ran too long\n');
  process.exit(3);
}, MAX_RUN_MS).unref();

/** Fill the file system: big writes, then smaller, until not one more byte fits; returns the ballast's size. */
function fillWith(file: string): number {
  const fd = fs.openSync(file, 'w');
  let size = 0;
  try {
    for (const chunk of [1 << 20, 1 << 16, 1 << 12, 1]) {
      const buf = Buffer.alloc(chunk, 0x61);
      for (;;) {
        try {
          size += fs.writeSync(fd, buf);
        } catch (err) {
          if ((err as { code?: string }).code !== 'ENOSPC') throw err;
          break;
        }
      }
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return size;
}

async function run(dir: string) {
  const clock = manualClock('2026-11-25T09:15:00Z');
  const kdb = await openDatabase({ file: path.join(dir, 'kiosk.sqlite'), clock });
  const log = memoryLogger();
  const ctx: ApiContext = { db: kdb.db, clock, log, files: { database: kdb.file, anchor: kdb.anchorFile }, security: { scrypt: TEST_SCRYPT }, printer: browserPrinter, screens: oneScreen() };
  const pinHash = await hashSecret('202468', TEST_SCRYPT);
  write({ db: kdb.db, clock, anchorFile: kdb.anchorFile }, { kind: 'system' }, (tx) =>
    setupSchool(tx, { schoolName: 'Tiny Disk Primary', adminName: 'Ada Admin', adminPinHash: pinHash, recoveryHash: pinHash }),
  );
  const admin: Session = { kind: 'staff', staffId: 1, role: 'admin', dsl: false };
  const kiosk: Session = { kind: 'kiosk' };
  const sign = (name: string) => ({ typeKey: 'visitor', name, organisation: 'County Council', visiting: 'Mrs Head', textsVersion: 1, agreed: true });
  const count = (table: string) => (kdb.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
  const counts = () => ({ visits: count('visits'), audit: count('audit') });
  const files = () => fs.readdirSync(dir).filter((f) => f !== 'ballast').sort();

  const olderBackup = await dispatch(ctx, admin, 'backupNow', {});
  if (!olderBackup.ok) throw new Error(`the first backup failed: ${olderBackup.error.message}`);
  const backups = path.join(dir, 'backups');
  const backupFiles = () => fs.readdirSync(backups).sort();
  const backupsBefore = backupFiles();
  clock.advance(60_000);

  // Everything so far in the database file itself, then the disk filled, leaving 256 KiB (a few sign-ins fit).
  kdb.db.pragma('wal_checkpoint(TRUNCATE)');
  const ballast = path.join(dir, 'ballast');
  const ballastBytes = fillWith(ballast);
  fs.truncateSync(ballast, ballastBytes - 256 * 1024);

  /** Sign in until refused; the calls that fitted, the refusal, and the counts either side of it. */
  async function untilRefused(session: Session, prefix: string) {
    for (let i = 0; i < 2000; i++) {
      const before = counts();
      const r: ApiResult<unknown> = await dispatch(ctx, session, 'kioskSignIn', sign(`${prefix} ${i}`));
      if (!r.ok) return { fitted: i, error: r.error, before, after: counts(), inTransaction: kdb.db.inTransaction };
    }
    return null;
  }
  const asKiosk = await untilRefused(kiosk, 'Visitor');
  const asAdmin = await untilRefused(admin, 'Guest');
  // Where does a real full disk show in WAL mode: at a statement, or only at the commit?
  let reachedCommit = false;
  let commitError: string | null = null;
  try {
    write({ db: kdb.db, clock, anchorFile: kdb.anchorFile }, { kind: 'kiosk' }, (tx) => {
      signIn(tx, { typeKey: 'visitor', name: 'At Commit', organisation: 'County Council', visiting: 'Mrs Head', textsVersion: 1, via: 'kiosk' });
      reachedCommit = true;
    });
  } catch (err) {
    commitError = (err as { code?: string }).code ?? 'unknown';
  }
  const countsAfterCommit = counts();
  const backupWhileFull = await dispatch(ctx, admin, 'backupNow', {});
  const backupsWhileFull = { before: backupsBefore, after: backupFiles() };
  const anchorWhileFull = readAnchor(kdb.anchorFile);
  const verdictWhileFull = verifyAudit(kdb.db, anchorWhileFull);
  const readWhileFull = await dispatch(ctx, admin, 'listOnSite', undefined);
  const filesWhileFull = files();

  fs.rmSync(ballast);
  const afterFreed = await dispatch(ctx, kiosk, 'kioskSignIn', sign('After Freed'));
  const verdictAfter = verifyAudit(kdb.db, readAnchor(kdb.anchorFile));
  const integrity = kdb.db.pragma('integrity_check', { simple: true });
  kdb.close();

  const result = {
    asKiosk,
    asAdmin,
    atCommit: { reachedCommit, commitError, counts: countsAfterCommit },
    backupWhileFull: backupWhileFull.ok ? { ok: true } : backupWhileFull,
    backupsWhileFull,
    verdictWhileFull,
    readWhileFull: readWhileFull.ok ? { ok: true, onSite: (readWhileFull.value as { visits: unknown[] }).visits.length } : readWhileFull,
    filesWhileFull,
    afterFreed: afterFreed.ok ? { ok: true } : afterFreed,
    verdictAfter,
    integrity,
    log: log.entries.filter((e) => /disk-full|anchor/.test(e.event)).map((e) => ({ level: e.level, event: e.event, code: e.fields.errorCode ?? e.fields.code ?? null })),
  };
  return result;
}

/** What the child prints, for the parent. */
export type DiskFullChildResult = Awaited<ReturnType<typeof run>>;

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: disk-full-child.ts <dir>');
  process.stdout.write(`${JSON.stringify(await run(dir))}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`disk-full-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
