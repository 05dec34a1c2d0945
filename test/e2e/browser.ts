/**
 * Real Chromium for the end-to-end suite: Debian's /usr/bin/chromium (or CHROMIUM_PATH) driven by
 * playwright-core, with a fresh profile and the flags that keep it off the (closed) network.
 * Every page records page errors and CSP violations; tests fail on any.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=en-GB', // dates as a UK school writes them (date inputs follow the browser's language)
];

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/** Why the browser suite cannot run here, or null when it can. Under CI a missing browser is a failure. */
export function browserSkipReason(): string | null {
  if (chromiumPath()) return null;
  if (process.env.CI === 'true') throw new Error('CI=true but no Chromium found (install the chromium package or set CHROMIUM_PATH).');
  return 'skipped: no Chromium at /usr/bin/chromium or CHROMIUM_PATH';
}

export interface Problems {
  pageErrors: string[];
  cspViolations: string[];
  consoleErrors: string[];
}

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<{ page: Page; problems: Problems }>;
  close(): Promise<void>;
}

export async function launch(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const problems: Problems = { pageErrors: [], cspViolations: [], consoleErrors: [] };
      page.on('pageerror', (e) => problems.pageErrors.push(e.message));
      page.on('console', (m) => {
        const text = m.text();
        if (/Content[- ]Security[- ]Policy/i.test(text)) problems.cspViolations.push(text);
        else if (m.type() === 'error') problems.consoleErrors.push(text);
      });
      return { page, problems };
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const SHOTS_DIR = path.resolve('test-results', 'screens');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
