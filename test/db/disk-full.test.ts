/**
 * A full disk (issue 13), on a real database file: SQLite's max_page_count stops the file growing
 * exactly as a full disk would (SQLITE_FULL, "database or disk is full"). A phone check-in, a
 * visitor's sign-in and a confiscation each fail as DISK_FULL with nothing half-saved (every
 * table and the audit trail as before, the chain and its anchor still verifying), reads go on,
 * and once there is room again the same writes work on the same connection. The anchor file,
 * backups, their sidecars and the log meet a full disk through an injected node:fs.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditHead, readAnchor, verifyAudit, type Actor } from '../../db/audit';
import { backupNow, listBackups, restoreBackup } from '../../db/backup';
import { addClosure, loadCalendar } from '../../db/closures';
import { listConfiscations, recordConfiscation } from '../../db/confiscations';
import { addContact } from '../../db/contacts';
import { DISK_FULL_MESSAGE, DomainError, isDiskFull } from '../../db/errors';
import { checkInByPupil, deskSummary, grantPhonePermission } from '../../db/phones';
import { createPupil, type PupilRecord } from '../../db/pupils';
import { currentTexts, listOnSite, signIn } from '../../db/visitors';
import { write, type Tx } from '../../db/tx';
import { createFileLogger } from '../../electron/log';
import type { DiskFullChildResult } from './disk-full-child';
import { makeTestDb, snapshot, tempDir, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T08:40:00Z', { staff: true }); // a Wednesday morning
});
afterEach(() => {
  vi.restoreAllMocks();
  t.dispose();
});

const office: Actor = { kind: 'staff', staffId: 2 };
const kiosk: Actor = { kind: 'kiosk' };
function as<T>(actor: Actor, fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile, log: t.log }, actor, fn);
}

function pupils(n: number, withPermission: boolean): PupilRecord[] {
  return Array.from({ length: n }, (_, i) =>
    as(office, (tx) => {
      const p = createPupil(tx, { forename: `Pupil${i}`, surname: 'Full', yearGroup: 6, regGroup: '6F', upn: null, adno: null });
      if (withPermission) {
        const parent = addContact(tx, p.id, { name: `Parent${i} Full`, relationship: 'Parent', phone: '', mayCollect: true });
        grantPhonePermission(tx, { pupilId: p.id, contactId: parent.id, reason: 'Walks home alone' });
      }
      return p;
    }),
  );
}

/** The disk is full: the file may not grow by a single page from now on. */
function fillDisk(): void {
  const pages = t.db.pragma('page_count', { simple: true }) as number;
  t.db.pragma(`max_page_count = ${pages}`);
  expect(t.db.pragma('max_page_count', { simple: true })).toBe(pages);
}
/** Space is freed. */
function freeSpace(): void {
  t.db.pragma('max_page_count = 4294967294');
}

/** Everything a failed write must leave exactly as it was. */
function state() {
  return { tables: snapshot(t.db), head: auditHead(t.db), anchor: fs.readFileSync(t.anchorFile, 'utf8') };
}

/**
 * Repeat a kind of write on the full disk until one needs a new page (the rows before it fit in
 * pages already there, as on a real disk with a little room left). Returns the attempt that failed.
 */
function untilFull(attempt: (i: number) => void, most = 60): { i: number; error: DomainError } {
  for (let i = 0; i < most; i++) {
    const before = state();
    let error: unknown = null;
    try {
      attempt(i);
    } catch (e) {
      error = e;
    }
    if (error === null) continue;
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect({ code: e.code, message: e.message }).toEqual({ code: 'DISK_FULL', message: DISK_FULL_MESSAGE });
    expect((e as { cause?: { code?: string } }).cause?.code).toBe('SQLITE_FULL');
    // nothing half-saved: every row of every table, the audit head and the anchor as before
    expect(state()).toEqual(before);
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
    expect(t.db.inTransaction).toBe(false);
    return { i, error: e };
  }
  throw new Error(`the disk never filled in ${most} writes`);
}

describe('a write on a full database disk', () => {
  it('a phone check-in fails as DISK_FULL, saves nothing, reads go on, and works once space is freed', () => {
    const children = pupils(40, true);
    const heldBefore = deskSummary(t.db, t.clock.now()).heldNow;
    fillDisk();
    const { i } = untilFull((k) => as(office, (tx) => checkInByPupil(tx, children[k]!.id)));
    expect(t.log.entries).toContainEqual(expect.objectContaining({ level: 'warn', event: 'db.disk-full', fields: expect.objectContaining({ code: 'SQLITE_FULL', rolledBack: true }) }));

    // reads still work, and show the check-ins that did fit and not the one that did not
    expect(deskSummary(t.db, t.clock.now()).heldNow).toBe(heldBefore + i);
    // a checkpoint on the full disk moves pages already counted: it needs no new ones
    expect(() => t.db.pragma('wal_checkpoint(TRUNCATE)')).not.toThrow();

    freeSpace();
    const done = as(office, (tx) => checkInByPupil(tx, children[i]!.id));
    expect(done).toMatchObject({ pupilId: children[i]!.id });
    expect(deskSummary(t.db, t.clock.now()).heldNow).toBe(heldBefore + i + 1);
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
  });

  it('a visitor’s sign-in fails as DISK_FULL, saves nothing, and works once space is freed', () => {
    const version = currentTexts(t.db).version;
    const visitor = (k: number) => ({ typeKey: 'visitor', name: `Sam Visitor ${k}`, organisation: 'County Council', visiting: 'Mrs Head', textsVersion: version, via: 'kiosk' as const });
    fillDisk();
    const { i } = untilFull((k) => as(kiosk, (tx) => signIn(tx, visitor(k))));
    expect(listOnSite(t.db)).toHaveLength(i);
    freeSpace();
    expect(as(kiosk, (tx) => signIn(tx, visitor(i)))).toMatchObject({ kind: 'badge' });
    expect(listOnSite(t.db).map((v) => v.name)).toContain(`Sam Visitor ${i}`);
  });

  it('recording a confiscation fails as DISK_FULL, saves nothing, and works once space is freed', () => {
    const [zoe] = pupils(1, false);
    const confiscate = (k: number) => as(office, (tx) => recordConfiscation(tx, { pupilId: zoe!.id, deviceType: 'phone', description: `Black phone ${k}`, power: 'on', ground: 'behaviour', confiscatedBy: 'Mrs Lunch' }));
    fillDisk();
    const { i } = untilFull(confiscate);
    expect(listConfiscations(t.db, t.clock.now(), {})).toHaveLength(i);
    freeSpace();
    confiscate(i);
    expect(listConfiscations(t.db, t.clock.now(), {})).toHaveLength(i + 1);
  });

  it('one transaction that fills the disk half-way is undone whole: the check-ins that fitted in it are not kept', () => {
    const children = pupils(40, true);
    fillDisk();
    const before = state();
    let fitted = 0;
    const error = (() => {
      try {
        as(office, (tx) => {
          for (const c of children) {
            checkInByPupil(tx, c.id);
            fitted += 1;
          }
        });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(isDiskFull(error)).toBe(true);
    expect(fitted).toBeGreaterThan(0); // some changes were made inside the transaction...
    // ...and the full disk shows at a statement, not at the commit (WAL or not): a check-in's, or
    // that of the audit rows write() adds once the change is done (db/tx.ts)
    expect(state()).toEqual(before); // ...and none of them was kept
    expect(deskSummary(t.db, t.clock.now()).checkedInToday).toBe(0);
  });

  it('forgets the school calendar read inside a write the full disk undid', () => {
    const today = '2026-11-25';
    expect(loadCalendar(t.db).isSchoolDay(today)).toBe(true);
    fillDisk();
    const error = (() => {
      try {
        as(office, (tx) => {
          for (let k = 0; k < 500; k++) {
            addClosure(tx, { startsOn: today, endsOn: today, label: `Snow day ${k} ${'x'.repeat(200)}` });
            expect(loadCalendar(tx.db).isSchoolDay(today)).toBe(false); // cached, with the closure not yet committed
          }
        });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(isDiskFull(error)).toBe(true);
    expect(loadCalendar(t.db).isSchoolDay(today)).toBe(true);
  });
});

describe('the files beside the database on a full disk (an injected node:fs)', () => {
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

  it('a failed anchor write keeps the old anchor whole and leaves no temp file; the record is saved and says so; the next write catches up', () => {
    const [zoe] = pupils(1, false);
    const oldAnchor = fs.readFileSync(t.anchorFile, 'utf8');
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw enospc();
    });
    const c = as(office, (tx) => recordConfiscation(tx, { pupilId: zoe!.id, deviceType: 'phone', description: 'Black phone', power: 'on', ground: 'behaviour', confiscatedBy: 'Mrs Lunch' }));
    expect(spy).toHaveBeenCalled();
    expect(c.id).toBeGreaterThan(0); // committed: the office is told it is saved, not that nothing was
    expect(listConfiscations(t.db, t.clock.now(), {})).toHaveLength(1);
    expect(fs.readFileSync(t.anchorFile, 'utf8')).toBe(oldAnchor);
    expect(fs.existsSync(`${t.anchorFile}.tmp`)).toBe(false);
    expect(t.log.entries).toContainEqual(expect.objectContaining({ level: 'error', event: 'audit.anchor-write-failed', fields: { code: 'ENOSPC', diskFull: true } }));
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'behind' });

    // a short write (the last bytes the disk had) is never renamed into place either
    spy.mockImplementation((_fd, text) => Math.max(0, Buffer.byteLength(String(text)) - 10));
    as(office, (tx) => recordConfiscation(tx, { pupilId: zoe!.id, deviceType: 'tablet', description: 'Tablet', power: 'off', ground: 'behaviour', confiscatedBy: 'Mrs Lunch' }));
    expect(fs.readFileSync(t.anchorFile, 'utf8')).toBe(oldAnchor);
    expect(fs.existsSync(`${t.anchorFile}.tmp`)).toBe(false);

    spy.mockRestore();
    as(office, (tx) => recordConfiscation(tx, { pupilId: zoe!.id, deviceType: 'other', description: 'Watch', power: 'off', ground: 'behaviour', confiscatedBy: 'Mrs Lunch' }));
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
  });

  async function twoBackups(dir: string) {
    await backupNow(t.db, { dir, reason: 'daily', clock: t.clock, keep: 5 });
    t.clock.advance(86_400_000);
    await backupNow(t.db, { dir, reason: 'daily', clock: t.clock, keep: 5 });
    t.clock.advance(86_400_000);
    return fs.readdirSync(dir).sort();
  }

  it('a backup whose copy hits the full disk fails cleanly: no partial file, the older backups remain', async () => {
    const dir = path.join(t.dir, 'backups');
    const files = await twoBackups(dir);
    expect(listBackups(dir)).toHaveLength(2);
    // SQLite's backup writes part of the copy, then the disk is full
    vi.spyOn(t.db, 'backup').mockImplementation(async (dest: string) => {
      fs.writeFileSync(dest, Buffer.alloc(8192, 1));
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    const error = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: 2 }).catch((e: unknown) => e);
    expect(isDiskFull(error)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(files);
    expect(listBackups(dir)).toHaveLength(2);
  });

  it('a backup whose sidecar cannot be written leaves neither the copy nor a half sidecar, and prunes nothing', async () => {
    const dir = path.join(t.dir, 'backups');
    const files = await twoBackups(dir);
    const real = fs.writeFileSync;
    vi.spyOn(fs, 'writeFileSync').mockImplementation((file, data, opts) => {
      if (String(file).endsWith('.json.tmp')) {
        real(file, String(data).slice(0, 10), opts); // the disk took the first few bytes
        throw enospc();
      }
      real(file, data, opts);
    });
    const error = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: 2 }).catch((e: unknown) => e);
    expect(isDiskFull(error)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(files); // keep: 2 would have pruned one, had it counted
    expect(listBackups(dir).map((b) => b.file)).toEqual(files.filter((f) => f.endsWith('.sqlite')).reverse());
  });

  it('a restore on a full disk leaves no half copy and the current file untouched', async () => {
    const dir = path.join(t.dir, 'backups');
    const backup = await backupNow(t.db, { dir, reason: 'manual', clock: t.clock, keep: null });
    const target = path.join(t.dir, 'restore-here.sqlite');
    fs.writeFileSync(target, 'the current file');
    vi.spyOn(fs, 'copyFileSync').mockImplementation((_from, to) => {
      fs.writeFileSync(to, 'half a copy');
      throw enospc();
    });
    const error = (() => {
      try {
        restoreBackup(backup.path, target, t.clock);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(isDiskFull(error)).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('the current file');
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('restore-here'))).toEqual(['restore-here.sqlite']);
  });

  it('the log never throws on a full disk, writes again once there is room, and a torn line does not spoil the next', () => {
    const dir = tempDir('kiosk-log-');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const log = createFileLogger({ dir });
      log.info('before.full');
      const real = fs.appendFileSync;
      const spy = vi.spyOn(fs, 'appendFileSync').mockImplementation((file, data) => {
        real(file, String(data).slice(0, 20)); // the disk took the first bytes of the line, then no more
        throw enospc();
      });
      expect(() => log.error('api.disk-full', { channel: 'phoneCheckIn' })).not.toThrow();
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('ENOSPC'));
      spy.mockRestore();
      log.info('after.freed');
      const lines = fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8').trim().split('\n');
      // the torn line stays on a line of its own; the lines either side of it are whole
      expect(lines).toHaveLength(3);
      expect(lines[1]).toHaveLength(20);
      expect([lines[0], lines[2]].map((l) => (JSON.parse(l!) as { event: string }).event)).toEqual(['before.full', 'after.freed']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * A real full disk: a 4 MiB tmpfs in a user and mount namespace of the child's own (`unshare -r -m`,
 * no privilege needed where user namespaces are allowed; skipped, visibly, where they are not).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
function tinyFileSystemWorks(): boolean {
  const dir = tempDir('kiosk-tinyfs-probe-');
  try {
    return spawnSync('unshare', ['-r', '-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', dir], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const tinyFs = process.platform === 'linux' && tinyFileSystemWorks();

describe('a real, tiny file system (tmpfs in a namespace of its own)', () => {
  it.skipIf(!tinyFs)(
    'fills up: sign-ins fail at the commit (WAL) with nothing saved, the kiosk hears only the public words, a backup fails cleanly, reads go on, and writes work once space is freed',
    () => {
      const dir = tempDir('kiosk-tinyfs-');
      try {
        const child = spawnSync(
          'unshare',
          ['-r', '-m', 'sh', '-c', 'mount -t tmpfs -o size=4m tmpfs "$1" && exec "$2" --import tsx "$3" "$1"', 'sh', dir, process.execPath, path.join(here, 'disk-full-child.ts')],
          { cwd: path.resolve(here, '../..'), encoding: 'utf8', timeout: 90_000 },
        );
        expect(child.status, child.stderr).toBe(0);
        const r = JSON.parse(child.stdout) as DiskFullChildResult;
        if (!r.asKiosk || !r.asAdmin) throw new Error('the disk never filled');
        // some sign-ins fitted in the space left, then the disk refused one: nothing of it saved
        expect(r.asKiosk.fitted).toBeGreaterThan(0);
        expect(r.asKiosk.error).toEqual({ code: 'UNAVAILABLE', message: 'Sorry, we could not sign you in. Please see the office.' });
        expect(r.asKiosk.after).toEqual(r.asKiosk.before);
        expect(r.asAdmin.error).toEqual({ code: 'DISK_FULL', message: DISK_FULL_MESSAGE });
        expect(r.asAdmin.after).toEqual(r.asAdmin.before);
        // in WAL mode a real full disk shows at the commit, not at a statement; the commit is undone whole
        expect(r.atCommit).toEqual({ reachedCommit: true, commitError: 'DISK_FULL', counts: r.asAdmin.after });
        expect(r.asKiosk.inTransaction).toBe(false);
        expect(r.log).toContainEqual({ level: 'error', event: 'api.disk-full', code: 'SQLITE_FULL' });
        // a backup on the full disk: the administrator is told, the log says why, nothing half-written, the older one kept
        expect(r.backupWhileFull).toEqual({ ok: false, error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } });
        expect(r.backupsWhileFull.after).toEqual(r.backupsWhileFull.before);
        expect(r.backupsWhileFull.before).toHaveLength(2); // the copy and its sidecar
        expect(r.log.filter((e) => e.event === 'api.disk-full')).toHaveLength(3);
        // the trail and its anchor agree, reads go on, no half-written file lies about
        expect(r.verdictWhileFull).toMatchObject({ ok: true });
        expect(r.readWhileFull).toEqual({ ok: true, onSite: r.asKiosk.fitted });
        expect(r.filesWhileFull).toEqual(['backups', 'kiosk.sqlite', 'kiosk.sqlite-shm', 'kiosk.sqlite-wal', 'kiosk.sqlite.anchor.json']);
        // space freed: the same connection writes again, and the file is whole
        expect(r.afterFreed).toEqual({ ok: true });
        expect(r.verdictAfter).toMatchObject({ ok: true, anchor: 'matches' });
        expect(r.integrity).toBe('ok');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe('isDiskFull', () => {
  it('knows SQLITE_FULL, ENOSPC, EDQUOT and a DISK_FULL DomainError, and nothing else', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) expect(isDiskFull(Object.assign(new Error('x'), { code }))).toBe(true);
    expect(isDiskFull(new DomainError('DISK_FULL', DISK_FULL_MESSAGE))).toBe(true);
    for (const code of ['SQLITE_IOERR_WRITE', 'SQLITE_BUSY', 'EACCES', 'EROFS', undefined]) expect(isDiskFull(Object.assign(new Error('x'), { code }))).toBe(false);
    expect(isDiskFull(new DomainError('RULE', 'no'))).toBe(false);
    expect(isDiskFull(null)).toBe(false);
    expect(isDiskFull('ENOSPC')).toBe(false);
  });
});

