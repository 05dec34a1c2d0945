/**
 * End to end in real Chromium: the Pupils area against the preview server and a real SQLite file.
 * Import a roll from the MIS through the screen (preview, Cancel, Import; then a partial file that
 * needs the leavers confirmed), search ignoring accents, open a pupil, add a contact, a DSL marks
 * a contact "must not collect" (office staff see the flag, not the reason), and a class's cards in
 * print media: every QR code decoded and matched to the API's tokens, ten cards to an A4 page.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { kioskSession, type Session } from '../../electron/api/session';
import { browserSkipReason } from './browser';
import { checkScreen, decodeQrCodes, expectClean, pdfPageCount, screenshot, startHarness, type Harness } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e pupils: ${skip}`);

const ADMIN_PIN = '246813';
const DSL_PIN = '582047';

/** A test UPN: a letter, 11 digits, then a letter. */
function upn(i: number): string {
  return `A${String(i).padStart(11, '0')}${String.fromCharCode(65 + (i % 26))}`;
}

const ROLL: readonly [string, string, string, string][] = [
  ['Zoë', 'Adams', '5', '5W'],
  ['Seán', "O'Brien", '5', '5W'],
  ['Mai', 'Nguyễn', '5', '5W'],
  ['Amara', 'Okafor', '5', '5W'],
  ['Oliver', 'Smith', '5', '5W'],
  ['Isla', 'Jones', '5', '5W'],
  ['Muhammad', 'Khan', '5', '5W'],
  ['Freya', 'Taylor', '5', '5W'],
  ['Jack', 'Brown', '5', '5W'],
  ['Ava', 'Wilson', '5', '5W'],
  ['Leo', 'Evans', '5', '5W'],
  ['Sophia-Rose', 'Fitzgerald-Worthington', '5', '5W'],
  ['Poppy', 'Hughes', 'R', 'RB'],
  ['Alfie', 'Green', 'R', 'RB'],
  ['Ella', 'Wright', '6', '6W'],
  ['Noah', 'Walker', '6', '6W'],
];

/** A roll as SIMS exports it: UTF-8 with a byte-order mark, SIMS's headings, a bad row (no surname). */
function rollFile(rows: readonly (readonly [string, string, string, string])[]): Buffer {
  const lines = ['UPN,Legal Surname,Legal Forename,Year,Reg Group,Adno'];
  rows.forEach(([forename, surname, year, reg]) => {
    const i = ROLL.findIndex((r) => r[0] === forename) + 1;
    lines.push(`${upn(i)},${surname},${forename},${year},${reg},${1000 + i}`);
  });
  lines.push(`${upn(99)},,Nobody,5,5W,1999`);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

let h: Harness;
let page: Page;
let problems: Awaited<ReturnType<Harness['open']>>['problems'];

async function unlock(p: Page, staffId: number, pin: string): Promise<void> {
  // unlocking reloads the page, which ends the evaluation: wait for the new page instead
  await Promise.all([p.waitForEvent('load'), p.evaluate(([id, code]) => window.kiosk.unlock({ staffId: id as number, pin: code as string }), [staffId, pin] as const).catch(() => undefined)]);
  await p.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await recordPrints(p);
}

/** Printing in the preview goes through window.print(): record it instead of opening a dialog (again after each reload). */
async function recordPrints(p: Page): Promise<void> {
  await p.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
}

async function go(p: Page, route: string, heading: string | RegExp): Promise<void> {
  await p.evaluate((r) => {
    location.hash = r;
  }, route);
  await p.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

async function search(p: Page, query: string): Promise<string[]> {
  const found = await p.evaluate((q) => window.kiosk.searchPupils({ query: q, includeLeft: true }), query);
  if (!found.ok) throw new Error(found.error.message);
  return found.value.map((x) => `${x.forename} ${x.surname}`);
}

beforeAll(async () => {
  if (skip) return;
  h = await startHarness(new Date('2026-11-25T08:40:00Z'));
  const setup = await dispatch(h.preview.ctx, kioskSession, 'setupSchool', { schoolName: 'Ramsgate Arts Primary School', adminName: 'Ms Hall', pin: ADMIN_PIN });
  expect(setup.ok).toBe(true);
  const admin: Session = { kind: 'staff', staffId: 1, role: 'admin', dsl: false };
  const dsl = await dispatch(h.preview.ctx, admin, 'createStaff', { name: 'Mr Patel', role: 'leadership', dsl: true, pin: DSL_PIN });
  expect(dsl.ok).toBe(true);
  ({ page, problems } = await h.open('/'));
  await unlock(page, 1, ADMIN_PIN);
});
afterAll(async () => {
  await h?.close();
});

describe.skipIf(!!skip)('the Pupils area, in Chromium', () => {
  it('starts empty, with the search, the class filter and the actions', async () => {
    await go(page, '#/staff/pupils', 'Pupils');
    await page.getByText(/There are no pupils on roll yet/).waitFor();
    await checkScreen(page, problems, 'pupils-empty');
  });

  it('imports a roll through the screen: preview, Cancel changes nothing, then Import', async () => {
    await go(page, '#/staff/pupils/import', 'Import the roll');
    await checkScreen(page, problems, 'pupils-import');
    const file = { name: 'sims-roll.csv', mimeType: 'text/csv', buffer: rollFile(ROLL) };
    await page.getByLabel('Roll file (CSV)').setInputFiles(file);
    await page.getByRole('heading', { name: 'Check before importing', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'To add: 16 pupils' }).waitFor();
    expect(await page.getByRole('region', { name: 'One line has a problem' }).innerText()).toMatch(/Line 18:/);
    expect(await page.getByText(/Text encoding: UTF-8/).count()).toBe(1);
    for (const name of ['Zoë Adams', "Seán O'Brien", 'Mai Nguyễn']) await page.getByRole('rowheader', { name }).waitFor();
    await checkScreen(page, problems, 'pupils-import-preview');

    await page.getByRole('button', { name: 'Cancel', exact: true }).first().click();
    await page.getByText('Cancelled: nothing was changed.').waitFor();
    expect(await search(page, '')).toEqual([]);

    await page.getByLabel('Roll file (CSV)').setInputFiles(file);
    await page.getByRole('heading', { name: 'Check before importing', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'The roll is imported', level: 2 }).waitFor();
    await page.getByText('16 pupils added, 0 updated, 0 marked as left.').waitFor();
    await checkScreen(page, problems, 'pupils-import-done');
    expect((await search(page, '')).length).toBe(16);
  });

  it('finds Zoë by "zoe" and by "Zoë", and Nguyễn by "nguyen"', async () => {
    await go(page, '#/staff/pupils', 'Pupils');
    const box = page.getByLabel('Search by name');
    await box.fill('zoe');
    await page.getByText('1 pupil matching “zoe”.', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Zoë Adams' }).isVisible()).toBe(true);
    await box.fill('Zoë');
    await page.getByText('1 pupil matching “Zoë”.', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Zoë Adams' }).isVisible()).toBe(true);
    await box.fill('nguyen');
    await page.getByRole('link', { name: 'Mai Nguyễn' }).waitFor();
    await checkScreen(page, problems, 'pupils-search');
    await box.fill('');
    await page.getByLabel('Class').selectOption('RB');
    await page.getByText('2 pupils on roll in RB.', { exact: true }).waitFor();
    await page.getByLabel('Class').selectOption('');
    await page.getByText('16 pupils on roll.', { exact: true }).waitFor();
    await checkScreen(page, problems, 'pupils-list');
  });

  it('exports the roll as a CSV download under the app’s Content-Security-Policy', async () => {
    await go(page, '#/staff/pupils', 'Pupils');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    for (const name of ['Zoë', "O'Brien", 'Nguyễn']) expect(csv).toContain(name);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await page.getByText(/is saved as .*\.csv in your downloads/).waitFor();
    expectClean(problems);
  });

  it('shows a bad UPN next to its field when adding a pupil', async () => {
    await go(page, '#/staff/pupils', 'Pupils');
    await page.getByRole('button', { name: 'Add a pupil' }).click();
    const form = page.getByRole('region', { name: 'Add a pupil' });
    await form.getByLabel('First name').fill('Amelia');
    await form.getByLabel('Surname').fill('Clarke');
    await form.getByLabel('Year group').selectOption('3');
    await form.getByLabel('Class').fill('3K');
    await form.getByLabel('UPN (optional)').fill('12345');
    await form.getByRole('button', { name: 'Add the pupil' }).click();
    await form.locator('.field-invalid .field-error').waitFor();
    expect(await form.locator('.field-invalid').filter({ has: page.getByLabel('UPN (optional)') }).innerText()).toMatch(/13 characters/);
    expect(await form.getByLabel('First name').inputValue()).toBe('Amelia');
    await checkScreen(page, problems, 'pupils-add-error');
    await form.getByLabel('UPN (optional)').fill('');
    await form.getByRole('button', { name: 'Add the pupil' }).click();
    await page.getByRole('heading', { name: 'Amelia Clarke', level: 1 }).waitFor();
    await page.getByText('Amelia Clarke is added to the roll.').waitFor();
  });

  it('opens a pupil and adds a contact', async () => {
    await go(page, '#/staff/pupils', 'Pupils');
    await page.getByLabel('Search by name').fill("o'brien");
    await page.getByRole('link', { name: "Seán O'Brien" }).click();
    await page.getByRole('heading', { name: "Seán O'Brien", level: 1 }).waitFor();
    for (const [name, relationship, phone, may] of [
      ["Aoife O'Brien", 'Mother', '01843 123456', 'Yes'],
      ["Declan O'Brien", 'Father', '07700 900123', 'No'],
    ] as const) {
      await page.getByRole('button', { name: 'Add a contact' }).click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Relationship').fill(relationship);
      await page.getByLabel('Phone').fill(phone);
      await page.getByRole('radio', { name: may, exact: true }).check();
      await page.getByRole('button', { name: 'Add the contact' }).click();
      await page.getByText(`${name} is added as a contact for Seán O'Brien.`).waitFor();
      await page.getByRole('rowheader', { name }).waitFor();
    }
    await checkScreen(page, problems, 'pupil-page');
  });

  it('lets a DSL mark a contact "must not collect" with its reason; office staff see the flag but not the reason', async () => {
    const dsl = await h.open('/');
    await unlock(dsl.page, 2, DSL_PIN);
    const pupils = await dsl.page.evaluate(() => window.kiosk.searchPupils({ query: 'brien' }));
    const id = pupils.ok ? pupils.value[0]!.id : 0;
    await go(dsl.page, `#/staff/pupils/${id}`, "Seán O'Brien");
    await dsl.page.getByRole('button', { name: "Mark must not collect: Declan O'Brien" }).click();
    await dsl.page.getByRole('radio', { name: 'Court order' }).check();
    await dsl.page.getByRole('button', { name: 'Mark must not collect', exact: true }).click();
    await dsl.page.getByText('Reason (DSL only): Court order.').waitFor();
    await checkScreen(dsl.page, dsl.problems, 'pupil-page-dsl');

    await page.reload();
    await page.getByRole('heading', { name: "Seán O'Brien", level: 1 }).waitFor();
    await recordPrints(page);
    await page.getByRole('note', { name: 'Must not collect' }).waitFor();
    const flagged = page.locator('tbody.contact-flagged');
    expect(await flagged.innerText()).toMatch(/Must not collect \/ no contact/);
    expect(await page.locator('main').innerText()).not.toMatch(/Court order/);
    expect(await page.getByRole('button', { name: /must not collect/i }).count()).toBe(0);
    // the office cannot remove a flagged contact: the server says so, in the row
    await page.getByRole('button', { name: "Remove Declan O'Brien" }).click();
    await page.getByRole('button', { name: "Yes, remove Declan O'Brien" }).click();
    await flagged.getByRole('alert').waitFor();
    await checkScreen(page, problems, 'pupil-page-office-flagged');
    await go(page, '#/staff/pupils', 'Pupils');
    await page.getByLabel('Search by name').fill('brien');
    expect(await page.getByRole('rowheader', { name: /Seán O'Brien/ }).innerText()).toContain('No contact');
  });

  it('prints a class of cards: every QR code is a card token of that class, ten cards to an A4 page', async () => {
    await go(page, '#/staff/pupils', 'Pupils');
    await page.getByRole('button', { name: 'Print cards' }).click();
    const panel = page.getByRole('region', { name: 'Print pupil cards' });
    await panel.getByLabel('Cards for').selectOption('5W');
    await panel.getByRole('button', { name: 'Print cards' }).click();
    await panel.getByText('The cards for 5W were sent to the printer.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await checkScreen(page, problems, 'pupils-print-cards');

    await go(page, '#/print/pupil-cards?class=5W', /Pupil cards/);
    await page.locator('[data-print-state="ready"]').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'print-pupil-cards');
    const cards = await page.evaluate(() => window.kiosk.cardsForPrint({ regGroup: '5W' }));
    if (!cards.ok) throw new Error(cards.error.message);
    const tokens = cards.value.map((c) => c.token).sort();
    expect(tokens).toHaveLength(12);
    expect((await decodeQrCodes(page)).sort()).toEqual(tokens);
    const printed = await page.locator('[data-token]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-token'), e.querySelector('.pupil-card-token')?.textContent?.replace(/\s+/g, '')]));
    for (const [token, text] of printed) expect(text).toBe(token);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdfPageCount(pdf)).toBeLessThanOrEqual(Math.ceil(tokens.length / 8));
    expect(pdfPageCount(pdf)).toBe(Math.ceil(tokens.length / 10));
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+59[45]\.\d*\s+841\.\d*\s*\]/);
    await page.emulateMedia({ media: 'screen' });
    await checkScreen(page, problems, 'print-pupil-cards-preview');
  });

  it('asks for the leavers to be confirmed when a partial roll would mark many as left', async () => {
    await go(page, '#/staff/pupils/import', 'Import the roll');
    const only5W = ROLL.filter((r) => r[3] === '5W');
    await page.getByLabel('Roll file (CSV)').setInputFiles({ name: 'class-5w.csv', mimeType: 'text/csv', buffer: rollFile(only5W) });
    await page.getByRole('heading', { name: 'To mark as left: 5 pupils' }).waitFor();
    await page.getByText('Warning: 5 pupils would be marked as left').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const tick = page.getByRole('checkbox', { name: 'Yes, 5 pupils have left' });
    expect(await tick.getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, problems, 'pupils-import-leavers');
    await tick.check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'The roll is imported', level: 2 }).waitFor();
    expect((await search(page, 'hughes')).length).toBe(1);
    const onRoll = await page.evaluate(() => window.kiosk.searchPupils({}));
    expect(onRoll.ok && onRoll.value.map((p) => p.regGroup).every((r) => r === '5W')).toBe(true);
    expectClean(problems);
  });
});
