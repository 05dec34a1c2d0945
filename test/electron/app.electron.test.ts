/**
 * The real app in real Electron, driven by Playwright's `_electron`: the unpackaged build
 * (dist/electron/main.cjs with dist/renderer), with its own data folder (KIOSK_DB in a temporary
 * folder). First run and the kiosk welcome, unlocking, a kiosk window refused a staff channel,
 * navigation away refused, and no Node in the page.
 *
 * Where Electron's own program is not installed (it is downloaded by `npm start`, and cannot be
 * here), the suite is reported as skipped, with the reason in its name and on the console; set
 * KIOSK_REQUIRE_ELECTRON=1 to make that a failure instead (e.g. on a CI machine that has it).
 * This file never imports `electron`: the package's index.js would try to download the program.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/db';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const electronDir = path.join(root, 'node_modules/electron');
const NOT_INSTALLED = 'skipped: Electron binary not installed';

/** Electron's program, as node_modules/electron/index.js would find it, without its download. */
function electronBinary(): string | null {
  let rel: string;
  try {
    rel = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    rel = '';
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, rel || 'electron') : rel ? path.join(electronDir, 'dist', rel) : null;
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

/** The SQLite driver built for Electron's ABI by `npm start` (electron/scripts/start.mjs). */
function electronSqliteBinding(): string {
  const version = (JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
  return path.join(root, '.electron-native', version, 'better_sqlite3.node');
}

function skipReason(): string | null {
  let reason: string | null = null;
  if (!electronBinary()) reason = NOT_INSTALLED;
  else if (!fs.existsSync(electronSqliteBinding())) reason = 'skipped: SQLite driver not built for Electron (run npm start once)';
  else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) reason = 'skipped: no display (run under xvfb-run)';
  if (reason && process.env.KIOSK_REQUIRE_ELECTRON === '1') throw new Error(`KIOSK_REQUIRE_ELECTRON=1 but ${reason}`);
  return reason;
}

const SKIP = skipReason();

if (SKIP) {
  console.log(`electron-app: ${SKIP}`);
  describe.skip(`Reception Kiosk in Electron (${SKIP})`, () => {
    it(SKIP, () => {});
  });
} else {
  describe('Reception Kiosk in Electron', () => {
    let dir: string;
    let app: ElectronApplication;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      if (!fs.existsSync(path.join(root, 'dist/electron/main.cjs')) || !fs.existsSync(path.join(root, 'dist/renderer/index.html'))) {
        for (const args of [[path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], [path.join(root, 'electron/scripts/build.mjs')]]) {
          const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
        }
      }
      dir = tempDir('kiosk-electron-');
      app = await _electron.launch({
        executablePath: electronBinary()!,
        args: [path.join(root, 'dist/electron/main.cjs')],
        cwd: root,
        env: { ...(process.env as Record<string, string>), KIOSK_DB: path.join(dir, 'kiosk.sqlite'), KIOSK_SQLITE_BINDING: electronSqliteBinding() },
        // Chromium's OS-level sandbox needs Electron's setuid helper on Linux, which an npm install
        // does not configure (and root cannot use). The renderer's `sandbox: true` is checked below.
        chromiumSandbox: process.platform !== 'linux',
        timeout: 60_000,
      });
      page = await app.firstWindow();
      page.on('pageerror', (err) => pageErrors.push(err.message));
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    async function typePin(pin: string): Promise<void> {
      await page.getByRole('button', { name: '1', exact: true }).waitFor();
      await page.keyboard.type(pin, { delay: 20 });
    }

    it('opens on the first-run setup screen at app://kiosk, and after setup shows the kiosk welcome', async () => {
      await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('#/setup');
      expect(page.url()).toMatch(/^app:\/\/kiosk\/index\.html#\/setup/);
      await page.getByLabel('School name').fill('Ramsgate Arts Primary School');
      await page.getByLabel('Your name').fill('Ms Hall');
      await page.getByLabel('Choose a PIN').fill('246813');
      await page.getByLabel('Type the PIN again').fill('246813');
      await page.getByRole('button', { name: 'Set up the school' }).click();
      await page.getByText('Your school is set up').waitFor();
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'I have kept it safe: continue' }).click()]);
      await page.getByRole('heading', { name: /Ramsgate Arts Primary School/ }).waitFor();
      expect(fs.existsSync(path.join(dir, 'kiosk.sqlite'))).toBe(true); // its own data folder
    });

    it('the page has no Node and no IPC of its own: only the frozen window.kiosk', async () => {
      const seen = await page.evaluate(() => {
        const g = globalThis as Record<string, unknown>;
        return {
          require: typeof g.require,
          process: typeof g.process,
          module: typeof g.module,
          electron: typeof g.electron,
          ipcRenderer: typeof g.ipcRenderer,
          kioskFrozen: Object.isFrozen(window.kiosk),
          kioskHasSend: 'send' in window.kiosk || 'invoke' in window.kiosk,
        };
      });
      expect(seen).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', electron: 'undefined', ipcRenderer: 'undefined', kioskFrozen: true, kioskHasSend: false });
    });

    it('the kiosk window cannot call a staff channel', async () => {
      expect(await page.evaluate(() => window.kiosk.getSettings())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('unlocks with the PIN (the page reloads into the staff console), and Lock returns to the public screen', async () => {
      await page.getByRole('link', { name: 'Staff', exact: true }).click();
      await page.getByRole('link', { name: 'Ms Hall' }).click();
      await typePin('246813');
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Unlock', exact: true }).click()]);
      expect(await page.evaluate(() => window.kiosk.getSession())).toMatchObject({ ok: true, value: { kind: 'staff', role: 'admin' } });
      expect(await page.evaluate(() => window.kiosk.getSettings())).toMatchObject({ ok: true });
      await Promise.all([page.waitForEvent('load'), page.evaluate(() => window.kiosk.lock())]);
      expect(await page.evaluate(() => window.kiosk.getSession())).toEqual({ ok: true, value: { kind: 'kiosk' } });
      expect(await page.evaluate(() => window.kiosk.getSettings())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('navigation away, new windows and web requests are refused', async () => {
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(1_000);
      expect(page.url()).toMatch(/^app:\/\/kiosk\//);
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      expect(app.windows()).toHaveLength(1);
      const fetched = await page.evaluate(async () => {
        try {
          await fetch('https://example.com/');
          return 'fetched';
        } catch {
          return 'refused';
        }
      });
      expect(fetched).toBe('refused');
      expect(pageErrors).toEqual([]);
    });
  });
}
