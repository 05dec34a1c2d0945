/**
 * Backups rotate by age, never by count (issue 13): so many days, weeks and months, with a floor of
 * daily backups no setting lowers; pruning never removes the newest verified backup nor a backup of
 * another chain (another school's records), which only an administrator removes, with a reason.
 * On real files: real verified backups, copied with their sidecars re-dated for the long runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit';
import {
  DEFAULT_ROTATION,
  MIN_DAILY_BACKUPS,
  backupNow,
  backupsToKeep,
  chainOf,
  effectiveRotation,
  listBackups,
  pruneBackups,
  type BackupInfo,
} from '../../db/backup';
import { backupRotation, getSettings, SETTINGS_DEFAULTS, updateSettings } from '../../db/settings';
import { write } from '../../db/tx';
import { dispatch } from '../../electron/api/dispatch';
import { makeTestDb, refusal, sessions, type TestDb } from '../helpers/db';

let school: TestDb;
let dir: string;
beforeEach(async () => {
  school = await makeTestDb('2026-11-25T16:00:00Z', { staff: true });
  dir = path.join(school.dir, 'backups');
});
afterEach(() => school.dispose());

/** A copy of a real verified backup, re-dated (its sidecar says when), for runs of hundreds of days. */
function copyAt(source: BackupInfo, takenAt: Date, reason = 'daily', chain?: string | null): string {
  const file = `kiosk-${takenAt.toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`;
  fs.copyFileSync(source.path, path.join(dir, file));
  const meta = JSON.parse(fs.readFileSync(`${source.path}.json`, 'utf8')) as Record<string, unknown>;
  const sidecar: Record<string, unknown> = { ...meta, takenAt: takenAt.toISOString(), reason };
  if (chain === undefined) delete sidecar.chain; // an old sidecar, from before chains were recorded
  else sidecar.chain = chain;
  fs.writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(sidecar));
  return file;
}

const DAY = 86_400_000;

describe('rotation by age', () => {
  it('records the chain (the first audit row) in the sidecar, and reads it from inside an old backup without one', async () => {
    const info = await backupNow(school.db, { dir, reason: 'manual', clock: school.clock, keep: null });
    const chain = chainOf(school.db);
    expect(chain).toMatch(/^[0-9a-f]{64}$/);
    expect(info.chain).toBe(chain);
    expect(JSON.parse(fs.readFileSync(`${info.path}.json`, 'utf8'))).toMatchObject({ chain });
    const old = copyAt(info, new Date('2026-10-01T16:00:00Z'), 'daily', undefined);
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${old}.json`), 'utf8'))).not.toHaveProperty('chain');
    expect(listBackups(dir).find((b) => b.file === old)?.chain).toBe(chain);
  });

  it('keeps 14 days, 8 weeks and 12 months of a year and more of daily backups, the newest in each', async () => {
    const seed = await backupNow(school.db, { dir, reason: 'daily', clock: school.clock, keep: null });
    const chain = chainOf(school.db);
    const now = new Date('2026-11-25T16:00:00Z'); // a Wednesday
    for (let d = 1; d < 420; d++) copyAt(seed, new Date(now.getTime() - d * DAY), 'daily', chain);
    expect(listBackups(dir)).toHaveLength(420);
    const removed = pruneBackups(dir, DEFAULT_ROTATION, { now, timeZone: 'Europe/London', chain });
    const kept = listBackups(dir).map((b) => b.takenAt.slice(0, 10));
    // 14 days: 12 to 25 November
    for (let d = 0; d < 14; d++) expect(kept).toContain(new Date(now.getTime() - d * DAY).toISOString().slice(0, 10));
    expect(kept).not.toContain('2026-11-11');
    // 8 weeks: the Sunday (newest day) of each earlier week back to the week of 5 October
    for (const sunday of ['2026-11-08', '2026-11-01', '2026-10-25', '2026-10-18', '2026-10-11']) expect(kept).toContain(sunday);
    expect(kept).not.toContain('2026-10-04'); // the ninth week back
    // 12 months: the last day of each month back to December 2025
    for (const last of ['2026-09-30', '2026-06-30', '2026-01-31', '2025-12-31']) expect(kept).toContain(last);
    expect(kept).not.toContain('2025-11-30');
    expect(kept.length).toBeLessThanOrEqual(14 + 8 + 12);
    expect(kept.length + removed.length).toBe(420);
    // what was removed went with its sidecar
    expect(fs.readdirSync(dir)).toHaveLength(kept.length * 2);
  });

  it('keeps a copy taken before an update for as long as a day’s backup, beside that day’s newest', async () => {
    const seed = await backupNow(school.db, { dir, reason: 'daily', clock: school.clock, keep: null });
    const chain = chainOf(school.db);
    const before = copyAt(seed, new Date('2026-11-25T08:00:00Z'), 'before-v9', chain);
    const manual = copyAt(seed, new Date('2026-11-25T09:00:00Z'), 'manual', chain);
    pruneBackups(dir, DEFAULT_ROTATION, { now: school.clock.now(), timeZone: 'Europe/London', chain });
    const files = listBackups(dir).map((b) => b.file);
    expect(files).toContain(before);
    expect(files).toContain(seed.file);
    expect(files).not.toContain(manual);
  });

  it('never removes the newest verified backup, even when all are older than every window', async () => {
    const seed = await backupNow(school.db, { dir, reason: 'daily', clock: school.clock, keep: null });
    const chain = chainOf(school.db);
    const newest = copyAt(seed, new Date('2024-11-01T16:00:00Z'), 'daily', chain);
    const older = copyAt(seed, new Date('2024-10-31T16:00:00Z'), 'daily', chain);
    fs.rmSync(seed.path);
    fs.rmSync(`${seed.path}.json`);
    // the PC was off for two years: nothing falls in any window
    expect(backupsToKeep(listBackups(dir), { daily: 7, weekly: 0, monthly: 0 }, school.clock.now(), 'Europe/London')).toEqual(new Set([newest]));
    expect(pruneBackups(dir, { daily: 7, weekly: 0, monthly: 0 }, { now: school.clock.now(), timeZone: 'Europe/London', chain })).toEqual([older]);
    expect(listBackups(dir).map((b) => b.file)).toEqual([newest]);
  });
});

describe('a new administrator cannot prune the old school’s backups', () => {
  it('a school of another chain, backing up again and again with the smallest rotation, leaves every backup of the old chain', async () => {
    // the old school: a backup a day for three weeks
    const seed = await backupNow(school.db, { dir, reason: 'daily', clock: school.clock, keep: null });
    const oldChain = chainOf(school.db)!;
    for (let d = 1; d < 21; d++) copyAt(seed, new Date(school.clock.now().getTime() - d * DAY), 'daily', oldChain);
    // an old sidecar without a chain: read from inside the file, it is still the old school's
    copyAt(seed, new Date('2026-10-20T16:00:00Z'), 'daily', undefined);
    const oldFiles = listBackups(dir).map((b) => b.file);
    expect(oldFiles).toHaveLength(22);

    // a new school (a new chain) in the same folder, a week later: "Back up now" pressed many times
    const intruder = await makeTestDb('2026-12-02T09:00:00Z', { staff: true });
    try {
      expect(chainOf(intruder.db)).not.toBe(oldChain);
      for (let i = 0; i < 5; i++) {
        intruder.clock.advance(60_000);
        await backupNow(intruder.db, { dir, reason: 'manual', clock: intruder.clock, keep: { daily: 1, weekly: 0, monthly: 0 } });
      }
      intruder.clock.advance(60 * DAY); // and two months on
      await backupNow(intruder.db, { dir, reason: 'manual', clock: intruder.clock, keep: { daily: 1, weekly: 0, monthly: 0 } });
      const now = listBackups(dir).map((b) => b.file);
      for (const f of oldFiles) expect(now).toContain(f);
      // its own rotation still works on its own chain: only its newest is left of its six
      expect(now.length).toBe(oldFiles.length + 1);
    } finally {
      intruder.dispose();
    }
  });

  it('an administrator removes another chain’s backup only with a written reason, audited; this school’s own backups are refused', async () => {
    const own = await backupNow(school.db, { dir, reason: 'daily', clock: school.clock, keep: null });
    const other = copyAt(own, new Date('2026-11-01T16:00:00Z'), 'daily', 'f'.repeat(64));
    const listed = await dispatch(school.ctx, sessions.admin, 'listBackups', undefined);
    expect(listed).toMatchObject({ ok: true, value: { minDaily: MIN_DAILY_BACKUPS, rotation: { daily: 14, weekly: 8, monthly: 12 } } });
    const rows = listed.ok ? (listed.value as { backups: { file: string; otherChain: boolean }[] }).backups : [];
    expect(rows.find((b) => b.file === other)?.otherChain).toBe(true);
    expect(rows.find((b) => b.file === own.file)?.otherChain).toBe(false);

    expect(await dispatch(school.ctx, sessions.admin, 'removeBackup', { backup: other, reason: 'short' })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'reason' } });
    expect(await dispatch(school.ctx, sessions.office, 'removeBackup', { backup: other, reason: 'Another school’s copy, restored here by mistake' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await dispatch(school.ctx, sessions.admin, 'removeBackup', { backup: own.file, reason: 'Trying to remove our own backup' })).toMatchObject({
      ok: false,
      error: { code: 'RULE', field: 'backup' },
    });
    expect(fs.existsSync(own.path)).toBe(true);

    const r = await dispatch(school.ctx, sessions.admin, 'removeBackup', { backup: other, reason: 'Another school’s copy, restored here by mistake' });
    expect(r).toEqual({ ok: true, value: { removed: other } });
    expect(fs.existsSync(path.join(dir, other))).toBe(false);
    expect(fs.existsSync(path.join(dir, `${other}.json`))).toBe(false);
    const audit = listAudit(school.db, { entity: 'backup', limit: 1 })[0];
    expect(audit).toMatchObject({ action: 'backup.remove-other-chain', entityId: other, actor: 'staff:1' });
    expect(audit?.fields).toEqual(['chain', 'reason', 'takenAt']);
  });
});

describe('the floor of daily backups', () => {
  it('no setting keeps fewer than 7 daily backups: refused at the field by the API and by db, and applied to older stored values', async () => {
    expect(SETTINGS_DEFAULTS).toMatchObject({ backupsKept: DEFAULT_ROTATION.daily, backupsWeekly: DEFAULT_ROTATION.weekly, backupsMonthly: DEFAULT_ROTATION.monthly });
    expect(await dispatch(school.ctx, sessions.admin, 'updateSettings', { backupsKept: 6 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID', field: 'backupsKept', message: 'Daily backups kept must be at least 7.' },
    });
    const ctx = { db: school.db, clock: school.clock, anchorFile: school.anchorFile };
    expect(refusal(() => write(ctx, { kind: 'system' }, (tx) => updateSettings(tx, { backupsKept: 3 })))).toMatchObject({ code: 'RULE', field: 'backupsKept' });
    expect(getSettings(school.db).backupsKept).toBe(14);
    // a value stored before the floor (the old "backups kept" allowed 3) counts as 7 days
    school.db.prepare("INSERT INTO settings (key, value) VALUES ('backupsKept', '3') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    expect(backupRotation(getSettings(school.db))).toEqual({ daily: 7, weekly: 8, monthly: 12 });
    expect(effectiveRotation({ daily: 0, weekly: -1, monthly: Number.NaN })).toEqual({ daily: 7, weekly: 0, monthly: 0 });

    const seed = await backupNow(school.db, { dir, reason: 'daily', clock: school.clock, keep: null });
    const chain = chainOf(school.db);
    for (let d = 1; d < 10; d++) copyAt(seed, new Date(school.clock.now().getTime() - d * DAY), 'daily', chain);
    pruneBackups(dir, { daily: 1, weekly: 0, monthly: 0 }, { now: school.clock.now(), timeZone: 'Europe/London', chain });
    expect(listBackups(dir)).toHaveLength(7);
  });

  it('an old stored "backups kept" carries on as that many days', async () => {
    const ctx = { db: school.db, clock: school.clock, anchorFile: school.anchorFile };
    write(ctx, { kind: 'system' }, (tx) => updateSettings(tx, { backupsKept: 30 }));
    expect(backupRotation(getSettings(school.db))).toEqual({ daily: 30, weekly: 8, monthly: 12 });
  });
});
