/**
 * End to end in real Chromium: a day of phones at the office desk, against the preview server and
 * a real SQLite file. Give permission on a pupil's page; print the phone pupils' cards (every QR
 * decoded); at 08:40 check in ten pupils by typing their tokens at full speed with the page's CPU
 * slowed four times (Chromium DevTools Protocol), then the database holds exactly those ten; take
 * in a Year 3 pupil's smartwatch from a name search; at home time hand three back (two scans, one
 * to a parent from the list); after 15:30 "Left without phone". Screenshots and axe on each screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardForPrint, PupilDetail, PupilSummary } from '../../electron/api/contract';
import { kioskSession, type Session } from '../../electron/api/session';
import { b64 } from '../api/inputs';
import { browserSkipReason } from './browser';
import { apiOn, checkScreen, decodeQrCodes, screenshot, startHarness, unlockPage, type Harness } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e phones: ${skip}`);

const ADMIN_PIN = '246813';
const OFFICE_PIN = '582047';
const admin: Session = { kind: 'staff', staffId: 1, role: 'admin', dsl: false };

/** Twelve Year 5 and 6 pupils and a Year 3 pupil, each with a parent who may collect. */
const ROLL = [
  'Adno,UPN,Forename,Surname,Year,Reg',
  ...['Zoë Adams', "Seán O'Brien", 'Mai Nguyễn', 'Amara Okafor', 'Oliver Smith', 'Isla Jones'].map((n, i) => `${1001 + i},,${n.split(' ')[0]},${n.split(' ')[1]},5,5W`),
  ...['Muhammad Khan', 'Freya Taylor', 'Jack Brown', 'Ava Wilson', 'Leo Evans', 'Ella Wright'].map((n, i) => `${1011 + i},,${n.split(' ')[0]},${n.split(' ')[1]},6,6B`),
  '1021,,Tom,Small,3,3K',
].join('\r\n');

let h: Harness;
const api = <T>(session: Session, channel: string, input?: unknown) => apiOn(h)<T>(session, channel, input);
let page: Page;
let problems: Awaited<ReturnType<Harness['open']>>['problems'];
const pupils = new Map<string, PupilDetail>();

async function go(p: Page, route: string, heading: string | RegExp, level = 1): Promise<void> {
  await p.evaluate((r) => {
    location.hash = r;
  }, route);
  await p.getByRole('heading', { name: heading, level }).first().waitFor();
}

/**
 * Move the school's clock on to a time of the day. The console locks itself after the idle time
 * by that clock, so the clock moves in steps of half an hour with the page calling in between, as
 * a desk in use would (the idle lock is set to an hour).
 */
async function at(instant: string): Promise<void> {
  const target = Date.parse(instant);
  while (h.clock.now().getTime() < target) {
    h.clock.set(new Date(Math.min(target, h.clock.now().getTime() + 30 * 60_000)));
    await page.evaluate(() => window.kiosk.getSession());
  }
}

function items(): { pupilId: number; kind: string; permitted: number; out: string | null }[] {
  return h.preview.kdb.db.prepare('SELECT pupil_id AS pupilId, kind, permitted, checked_out_at AS out FROM phone_items ORDER BY id').all() as never;
}

beforeAll(async () => {
  if (skip) return;
  h = await startHarness(new Date('2026-11-25T08:00:00Z')); // a Wednesday
  await api(kioskSession, 'setupSchool', { schoolName: 'Ramsgate Arts Primary School', adminName: 'Ms Hall', pin: ADMIN_PIN });
  await api(admin, 'createStaff', { name: 'Mrs Office', role: 'office', dsl: false, pin: OFFICE_PIN });
  await api(admin, 'updateSettings', { idleLockMinutes: 60 });
  await api(admin, 'importRoll', { file: b64(ROLL), fileName: 'roll.csv' });
  for (const p of await api<PupilSummary[]>(admin, 'searchPupils', {})) {
    await api(admin, 'addContact', { pupilId: p.id, name: `${p.forename}'s Mum`, relationship: 'Mother', phone: '07700 900123', mayCollect: true });
    pupils.set(p.forename, await api<PupilDetail>(admin, 'getPupil', { id: p.id }));
  }
  // eleven of the twelve were given permission before today; the twelfth is given it on screen
  for (const p of pupils.values()) {
    if (p.yearGroup >= 5 && p.forename !== 'Zoë') await api(admin, 'grantPhonePermission', { pupilId: p.id, contactId: p.contacts[0]!.id, reason: 'Walks home alone' });
  }
  ({ page, problems } = await h.open('/'));
  await unlockPage(page, 2, OFFICE_PIN);
});
afterAll(async () => {
  await h?.close();
});

describe.skipIf(!!skip)('a day of phones at the office desk, in Chromium', () => {
  it('gives a Year 5 pupil permission on their page, recorded with the parent who gave it', async () => {
    const zoe = pupils.get('Zoë')!;
    await go(page, `#/staff/pupils/${zoe.id}`, 'Zoë Adams');
    await page.getByRole('button', { name: 'Give permission' }).click();
    await page.getByLabel('Given by').selectOption({ label: "Zoë's Mum (Mother)" });
    await page.getByLabel('Reason').fill('Walks to and from school alone');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Has permission to bring a phone/).waitFor();
    await checkScreen(page, problems, 'phones-pupil-permission');
    const row = h.preview.kdb.db.prepare('SELECT granted, contact_id AS contactId, reason FROM phone_permissions WHERE pupil_id = ? ORDER BY id DESC').get(zoe.id);
    expect(row).toEqual({ granted: 1, contactId: zoe.contacts[0]!.id, reason: 'Walks to and from school alone' });
  });

  it('prints the cards of the twelve pupils with permission: every QR code is one of their tokens', async () => {
    await go(page, '#/staff/phones/register', /Pupils with permission/, 2);
    expect(await page.getByRole('heading', { name: /Pupils with permission/, level: 2 }).innerText()).toMatch(/12/);
    await checkScreen(page, problems, 'phones-register');
    await page.getByRole('button', { name: 'Print cards for these pupils' }).click();
    await page.getByText(/The cards for 12 pupils with permission were sent to the printer/).waitFor();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await go(page, '#/print/pupil-cards?phones=1', /Pupil cards/);
    await page.locator('[data-print-state="ready"]').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'phones-print-cards');
    const cards = await api<CardForPrint[]>(admin, 'cardsForPrint', { phones: true });
    expect(cards).toHaveLength(12);
    expect((await decodeQrCodes(page)).sort()).toEqual(cards.map((c) => c.token).sort());
    await page.emulateMedia({ media: 'screen' });
  });

  it('checks in ten pupils typed at full speed on a slowed-down page: the database holds exactly those ten', async () => {
    await at('2026-11-25T08:40:00Z');
    await go(page, '#/staff/phones', 'Morning check-in', 2);
    const scan = page.locator('#scan');
    await scan.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('scan');
    await checkScreen(page, problems, 'phones-checkin-empty');
    const cards = await api<CardForPrint[]>(admin, 'cardsForPrint', { phones: true });
    const ten = cards.slice(0, 10);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // a keyboard-wedge scanner: the characters and Enter, card after card, with no pause between them
    await page.keyboard.type(ten.map((c) => `${c.token}\n`).join(''), { delay: 0 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="checkin-recent"] tbody tr').length === 10, null, { timeout: 30_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    expect(await page.locator('[data-testid="checkin-problem"]').count()).toBe(0);
    const held = items();
    expect(held.map((i) => i.pupilId).sort()).toEqual(ten.map((c) => c.pupilId).sort());
    expect(held.every((i) => i.permitted === 1 && i.kind === 'phone' && i.out === null)).toBe(true);
    const last = ten[9]!;
    await expect.poll(() => page.locator('[data-testid="checkin-confirmation"]').getAttribute('data-pupil-id')).toBe(String(last.pupilId));
    expect(await page.locator('[data-testid="checkin-confirmation"]').innerText()).toContain(last.forename);
    expect(await scan.inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('scan');
    await checkScreen(page, problems, 'phones-checkin-ten');

    // the same card again: refused with what to do, nothing recorded, and the field ready for the next
    await page.keyboard.type(`${ten[0]!.token}\n`);
    await page.locator('[data-testid="checkin-problem"]').getByText(/already checked in today/).waitFor();
    expect(items()).toHaveLength(10);
    await checkScreen(page, problems, 'phones-checkin-refused');
  });

  it('takes in a Year 3 pupil’s smartwatch from their name: held without permission, for a parent to collect', async () => {
    await page.keyboard.type('small');
    const found = page.getByRole('list', { name: 'Pupils found' });
    await found.getByText('Tom Small').waitFor();
    await checkScreen(page, problems, 'phones-checkin-name-search');
    await page.getByRole('button', { name: 'Take in smartwatch from Tom Small' }).click();
    await page.locator('[data-testid="checkin-confirmation"][data-outcome="taken-in"]').waitFor();
    const tom = items().find((i) => i.pupilId === pupils.get('Tom')!.id);
    expect(tom).toMatchObject({ kind: 'smartwatch', permitted: 0, out: null });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('scan');
    await checkScreen(page, problems, 'phones-checkin-taken-in');
  });

  it('hands three back at home time: two card scans showing the slot to fetch, one to a parent from the list', async () => {
    await at('2026-11-25T15:10:00Z');
    await go(page, '#/staff/phones/home-time', 'Home time', 2);
    await page.locator('#scan-out').waitFor();
    await checkScreen(page, problems, 'phones-home-time');
    const cards = await api<CardForPrint[]>(admin, 'cardsForPrint', { phones: true });
    for (const c of cards.slice(0, 2)) {
      await page.locator('#scan-out').focus();
      await page.keyboard.type(`${c.token}\n`);
      await page.locator('[data-testid="checkout-confirmation"]').getByText(c.forename).waitFor();
      expect(await page.locator('[data-testid="checkout-confirmation"]').innerText()).toMatch(/Fetch from slot \d+/);
    }
    await checkScreen(page, problems, 'phones-home-time-scan');

    // Tom's smartwatch is for a parent/carer: no "Hand to pupil", only his mum
    const tom = pupils.get('Tom')!;
    const row = page.locator(`[data-testid="held-pupil-${tom.id}"]`);
    expect(await row.getByRole('button', { name: /^Hand to pupil/ }).count()).toBe(0);
    await row.getByRole('radio', { name: /Tom's Mum/ }).check();
    await row.getByRole('button', { name: /^Hand back/ }).click();
    await page.locator('[data-testid="handback-line"]').getByText(/Handed back to Tom's Mum/).waitFor();
    expect(items().filter((i) => i.out !== null).map((i) => i.pupilId).sort()).toEqual([cards[0]!.pupilId, cards[1]!.pupilId, tom.id].sort());
  });

  it('lists who has gone home without their phone from 15:30, with the numbers to ring', async () => {
    await expect.poll(() => page.locator('[data-testid="left-without-phone-later"]').count()).toBe(1);
    await at('2026-11-25T15:35:00Z');
    await page.reload();
    await page.getByRole('heading', { name: 'Home time', level: 2 }).waitFor();
    const left = page.locator('[data-testid="left-without-phone"]');
    await left.waitFor();
    expect(await left.locator('[data-testid^="left-pupil-"]').count()).toBe(8);
    expect(await left.locator('a[href^="tel:"]').count()).toBeGreaterThanOrEqual(8);
    await checkScreen(page, problems, 'phones-left-without-phone');
  });

  it('shows the day’s log and the phones on Today', async () => {
    await go(page, '#/staff/phones/log', /Daily log/, 2);
    await page.getByRole('cell', { name: 'Taken in without permission' }).first().waitFor();
    await checkScreen(page, problems, 'phones-log');
    await go(page, '#/print/phone-log?day=2026-11-25', /Phones log/);
    await page.locator('[data-print-state="ready"]').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'phones-print-log');
    await page.emulateMedia({ media: 'screen' });
    await at('2026-11-26T08:00:00Z'); // the next school day: what was not collected is flagged
    await go(page, '#/staff', 'Today');
    await page.getByText(/Not collected/).first().waitFor();
    await checkScreen(page, problems, 'phones-today');
  });
});
