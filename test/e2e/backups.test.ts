/**
 * End to end in real Chromium (issue 13): Settings › Backups rotating by age. The days of daily
 * backups refuse fewer than 7 at the field; the list reads in the school's time, never file names;
 * another school's backup (another audit chain) is listed apart with its age and is removed only
 * with a written reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupNow, listBackups } from '../../db/backup';
import { defaultBackupDir } from '../../db/open';
import { dispatch } from '../../electron/api/dispatch';
import { kioskSession } from '../../electron/api/session';
import { browserSkipReason } from './browser';
import { checkScreen, startHarness, unlockPage, type Harness } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e backups: ${skip}`);

let h: Harness;
let page: Page;
let problems: Awaited<ReturnType<Harness['open']>>['problems'];
let otherFile = '';

beforeAll(async () => {
  if (skip) return;
  h = await startHarness(new Date('2026-11-25T08:40:00Z'));
  expect((await dispatch(h.preview.ctx, kioskSession, 'setupSchool', { schoolName: 'Ramsgate Arts Primary School', adminName: 'Ms Hall', pin: '246813' })).ok).toBe(true);
  // a backup of another school's records, from 2025 (its sidecar names another chain)
  const dir = defaultBackupDir(h.preview.kdb.file);
  const seed = await backupNow(h.preview.kdb.db, { dir, reason: 'manual', clock: h.clock, keep: null });
  otherFile = 'kiosk-2025-03-14T16-00-00-000Z-daily.sqlite';
  fs.copyFileSync(seed.path, path.join(dir, otherFile));
  const meta = JSON.parse(fs.readFileSync(`${seed.path}.json`, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(dir, `${otherFile}.json`), JSON.stringify({ ...meta, takenAt: '2025-03-14T16:00:00.000Z', chain: 'f'.repeat(64) }));
  ({ page, problems } = await h.open('/'));
  await unlockPage(page, 1, '246813');
});
afterAll(async () => {
  await h?.close();
});

describe.skipIf(!!skip)('Settings › Backups by age, in Chromium', () => {
  it('shows the rotation, refuses fewer than 7 days at the field, and lists another school’s backup apart', async () => {
    await page.evaluate(() => {
      location.hash = '#/staff/settings/backups';
    });
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Backups of another school’s records' }).waitFor();
    await page.getByText(/^\(\d+ (months?|years?) old\)$/).waitFor(); // the age, by the page's own clock
    expect(await page.getByText(/kiosk-20\d\d-/).count()).toBe(0); // times, never file names
    await checkScreen(page, problems, 'settings-backups-by-age');

    const days = page.getByLabel('Days of daily backups');
    await days.fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Keep at least 7 days of daily backups: fewer would leave too little to go back to.').waitFor();
    await checkScreen(page, problems, 'settings-backups-floor');
    await days.fill('21');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved the days of daily backups.').waitFor();
  });

  it('removes another school’s backup only with a written reason', async () => {
    await page.getByRole('button', { name: /^Remove the backup of / }).click();
    await page.getByLabel('Why is it being removed?').fill('Copied from the old server when the school moved PCs');
    await checkScreen(page, problems, 'settings-backups-remove-other');
    await page.getByRole('button', { name: 'Remove this backup' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Backups of another school’s records' }).count()).toBe(0);
    expect(listBackups(defaultBackupDir(h.preview.kdb.file)).map((b) => b.file)).not.toContain(otherFile);
  });
});
