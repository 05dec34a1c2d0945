/**
 * The end-to-end harness: a preview server on a free loopback port over a fresh SQLite file,
 * real Chromium, axe-core accessibility checks, QR decoding of what is on screen, PDF page counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { manualClock, type ManualClock } from '../../db/clock';
import { TEST_SCRYPT } from '../../db/pins';
import { dispatch } from '../../electron/api/dispatch';
import type { Session } from '../../electron/api/session';
import { startPreview, type Preview } from '../preview/server';
import { tempDir } from '../helpers/db';
import { launch, screenshot, type Browser, type Problems } from './browser';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Harness {
  preview: Preview;
  browser: Browser;
  clock: ManualClock;
  dir: string;
  open(route?: string, viewport?: { width: number; height: number }): Promise<{ page: Page; problems: Problems }>;
  close(): Promise<void>;
}

/** The server's clock is a manual one, set to a school-day morning and moved only by tests. */
export async function startHarness(start = new Date()): Promise<Harness> {
  const dir = tempDir('kiosk-e2e-');
  const clock = manualClock(start);
  const preview = await startPreview({ dbFile: path.join(dir, 'kiosk.sqlite'), port: 0, scrypt: TEST_SCRYPT, clock });
  const browser = await launch();
  const pages: Page[] = [];
  return {
    preview,
    browser,
    clock,
    dir,
    async open(route = '/', viewport) {
      const opened = await browser.newPage();
      if (viewport) await opened.page.setViewportSize(viewport);
      pages.push(opened.page);
      await opened.page.goto(`${preview.url}#${route}`);
      return opened;
    },
    async close() {
      await browser.close();
      await preview.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** No page errors, no CSP violations, no console errors. */
export function expectClean(problems: Problems): void {
  expect(problems.pageErrors, 'page errors').toEqual([]);
  expect(problems.cspViolations, 'CSP violations').toEqual([]);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
}

/** axe-core on the page as it stands: no serious or critical violations. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the DevTools protocol: not an inline script, so the page's CSP stays on.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `accessibility of ${name}`).toEqual([]);
}

/** Screenshot, accessibility and cleanliness in one step, for every main screen. */
export async function checkScreen(page: Page, problems: Problems, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  await expectAccessible(page, name);
  expectClean(problems);
}

/** Every QR code readable in a screenshot of the page (or one element). */
export async function decodeQrCodes(page: Page, selector = 'img[alt*="QR"]'): Promise<string[]> {
  const found: string[] = [];
  for (const el of await page.locator(selector).all()) {
    const png = PNG.sync.read(await el.screenshot({ scale: 'device' }));
    // Pad with a quiet zone so edge-to-edge images still decode.
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    if (code) found.push(code.data);
  }
  return found;
}

/** The number of pages in a PDF (counts /Type /Page objects, not /Pages). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export { screenshot };

/** Call the API directly on the harness's database, as a session (for setting up what a test starts from). */
export function apiOn(h: Harness): <T>(session: Session, channel: string, input?: unknown) => Promise<T> {
  return async <T>(session: Session, channel: string, input?: unknown): Promise<T> => {
    const r = await dispatch(h.preview.ctx, session, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
}

/**
 * Unlock a page as a staff member (the page reloads), and record printing instead of opening
 * the browser's print dialog: `window.printed` counts the prints.
 */
/**
 * The visitor-facing screen's address as the office opens it in the preview: a one-time ticket
 * asked for with this staff tab's session (issue 13); a tab that only says ?screen=public is a kiosk.
 */
export async function visitorScreenUrl(h: Harness, staffPage: Page): Promise<string> {
  const url = await staffPage.evaluate(async () => {
    const r = await fetch('/api/visitor-screen-ticket', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-session': sessionStorage.getItem('kiosk.session') ?? '' },
      body: '{}',
    });
    if (!r.ok) throw new Error(`no ticket for the visitor screen: ${r.status}`);
    return ((await r.json()) as { url: string }).url;
  });
  return new URL(url, h.preview.url).toString();
}

export async function unlockPage(p: Page, staffId: number, pin: string): Promise<void> {
  // unlocking reloads the page, which ends the evaluation: wait for the new page instead
  await Promise.all([p.waitForEvent('load'), p.evaluate(([id, code]) => window.kiosk.unlock({ staffId: id as number, pin: code as string }), [staffId, pin] as const).catch(() => undefined)]);
  await p.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await p.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
}
