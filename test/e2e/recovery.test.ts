/**
 * End to end in real Chromium (issue 13): the records file emptied with the school's backups beside
 * it. The preview starts in recovery mode, as the app does, never at first-run setup; the visitor
 * screen's tab shows only "Closed: please see the office"; the office restores the backup with the
 * recovery code, and the page comes back to the school's own welcome once the preview restarts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupNow } from '../../db/backup';
import { DatabaseOpenError } from '../../db/errors';
import { TEST_SCRYPT } from '../../db/pins';
import { TEST_RECOVERY_CODE, makeTestDb, tempDir } from '../helpers/db';
import { startRecoveryPreview, type RecoveryPreview } from '../preview/recovery-server';
import { DEFAULT_DIST, startPreview, type Preview } from '../preview/server';
import { browserSkipReason, launch, type Browser } from './browser';
import { checkScreen, expectClean } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e recovery: ${skip}`);

let dir: string;
let dbFile: string;
let recovery: RecoveryPreview;
let preview: Preview | null = null;
let browser: Browser;

beforeAll(async () => {
  if (skip) return;
  dir = tempDir('kiosk-e2e-recovery-');
  dbFile = path.join(dir, 'kiosk.sqlite');
  const t = await makeTestDb('2026-11-25T16:00:00Z', { staff: true });
  await backupNow(t.db, { dir: path.join(dir, 'backups'), reason: 'daily', clock: t.clock, keep: null });
  t.dispose();
  fs.writeFileSync(dbFile, ''); // emptied: only the backups say a school was here
  const error = await startPreview({ dbFile, port: 0, scrypt: TEST_SCRYPT }).then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof DatabaseOpenError)) throw new Error(`expected recovery mode, got ${String(error)}`);
  recovery = await startRecoveryPreview({ dbFile, port: 0, distDir: DEFAULT_DIST, error });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await recovery?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!!skip)('recovery, never a blank school, in Chromium', () => {
  it('the visitor screen’s tab shows only “Closed: please see the office”', async () => {
    const { page, problems } = await browser.newPage();
    await page.goto(`${recovery.url}?screen=public&ticket=none#/`);
    await page.getByRole('heading', { level: 1, name: 'Closed: please see the office' }).waitFor();
    expect(await page.getByText(/backup/i).count()).toBe(0);
    expect(await page.getByRole('button').count()).toBe(0);
    await checkScreen(page, problems, 'recovery-visitor-screen-closed');
    await page.close();
  });

  it('the office sees recovery (the records file is empty), not setup; restores with the recovery code; the school is back', async () => {
    const { page, problems } = await browser.newPage();
    await page.goto(`${recovery.url}#/`);
    await page.getByRole('heading', { level: 1, name: 'Reception Kiosk cannot open its records' }).waitFor();
    expect(page.url()).not.toContain('setup');
    await page.getByText('The records file on this computer is empty').waitFor();
    await checkScreen(page, problems, 'recovery-empty-file');

    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await page.getByRole('button', { name: 'Use the recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(TEST_RECOVERY_CODE);
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await page.getByRole('heading', { level: 1, name: 'Restored. Reception Kiosk is restarting…' }).waitFor();
    await checkScreen(page, problems, 'recovery-restored');

    // as `npm run preview` does: the normal preview on the same port, on the restored records
    await recovery.restored;
    await recovery.close();
    preview = await startPreview({ dbFile, port: recovery.port, scrypt: TEST_SCRYPT });
    await page.getByRole('heading', { level: 1, name: 'Test Primary School' }).waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain('setup');
    // the restarted server never knew the page's old token: it answers 401 once, and the page starts afresh
    const refusedOldToken = problems.consoleErrors.filter((e) => /status of 401/.test(e));
    expect(refusedOldToken.length).toBeLessThanOrEqual(1);
    problems.consoleErrors = problems.consoleErrors.filter((e) => !refusedOldToken.includes(e));
    expectClean(problems);
  });
});
