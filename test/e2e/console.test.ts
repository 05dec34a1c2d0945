/**
 * End to end in real Chromium: every staff console screen and settings page (screenshot,
 * axe-core, no page error or CSP violation), a real change on each settings page, and the print
 * layouts in print media: their QR codes decoded and their PDFs counted.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { kioskSession } from '../../electron/api/session';
import { browserSkipReason } from './browser';
import { checkScreen, decodeQrCodes, expectClean, pdfPageCount, screenshot, startHarness, type Harness } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e console: ${skip}`);

let h: Harness;
let page: Page;
let problems: Awaited<ReturnType<Harness['open']>>['problems'];

beforeAll(async () => {
  if (skip) return;
  h = await startHarness(new Date('2026-11-25T08:40:00Z'));
  const setup = await dispatch(h.preview.ctx, kioskSession, 'setupSchool', { schoolName: 'Ramsgate Arts Primary School', adminName: 'Ms Hall', pin: '246813' });
  expect(setup.ok).toBe(true);
  ({ page, problems } = await h.open('/'));
  // unlocking reloads the page, which ends the evaluation: wait for the new page instead
  await Promise.all([page.waitForEvent('load'), page.evaluate(() => window.kiosk.unlock({ staffId: 1, pin: '246813' })).catch(() => undefined)]);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  // printing in the preview goes through window.print(): record it instead of opening a dialog
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
});
afterAll(async () => {
  await h?.close();
});

async function go(route: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((r) => {
    location.hash = r;
  }, route);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

describe.skipIf(!!skip)('the staff console, in Chromium', () => {
  it('shows every console page with Lock and the fire roll call always in reach', async () => {
    for (const [route, heading, shot] of [
      ['#/staff', 'Today', 'console-today-admin'],
      ['#/staff/phones', 'Phones', 'console-phones'],
      ['#/staff/confiscations', 'Confiscations', 'console-confiscations'],
      ['#/staff/visitors', 'Visitors', 'console-visitors'],
      ['#/staff/pupils', 'Pupils', 'console-pupils'],
      ['#/staff/reports', 'Reports', 'console-reports'],
      ['#/staff/fire', /Fire roll call/, 'console-fire-roll-call'],
      ['#/staff/my-pin', 'My PIN', 'console-my-pin'],
      ['#/staff/settings', 'Settings', 'settings-home'],
    ] as const) {
      await go(route, heading);
      expect(await page.getByRole('button', { name: 'Lock', exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Fire roll call' }).isVisible()).toBe(true);
      await checkScreen(page, problems, shot);
    }
  });

  it('School: renames the school, and the new name shows at once', async () => {
    await go('#/staff/settings/school', 'School');
    await checkScreen(page, problems, 'settings-school');
    await page.getByLabel('School name').fill('Ramsgate Arts Primary School & Nursery');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    await expect.poll(() => page.locator('header').first().innerText()).toContain('Ramsgate Arts Primary School & Nursery');
    expectClean(problems);
  });

  it('Security: refuses an idle time out of range next to the field, then saves one', async () => {
    await go('#/staff/settings/security', 'Security');
    const field = page.getByLabel('Lock the staff console after (minutes)');
    await field.fill('90');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page.locator('.field-error').first().waitFor();
    expect(await page.locator('.field-error').first().innerText()).toMatch(/60/);
    await checkScreen(page, problems, 'settings-security-error');
    await field.fill('10');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    expect(await page.evaluate(() => window.kiosk.getSettings())).toMatchObject({ ok: true, value: { idleLockMinutes: 10 } });
  });

  it('Phones: refuses a slot count out of range next to the field, then saves the slots and the "Left without phone" time', async () => {
    await go('#/staff/settings/phones', 'Phones');
    await checkScreen(page, problems, 'settings-phones');
    const slots = page.getByLabel('Number of slots');
    const slotsForm = page.locator('form').filter({ has: slots });
    await slots.fill('900');
    await slotsForm.getByRole('button', { name: 'Save', exact: true }).click();
    await slotsForm.locator('.field-error').first().waitFor();
    expect(await slotsForm.locator('.field-error').first().innerText()).toMatch(/500/);
    await slots.fill('80');
    await page.getByLabel('Next free slot (numbered pouches)').check();
    await slotsForm.getByRole('button', { name: 'Save', exact: true }).click();
    await slotsForm.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    const time = page.getByLabel('List “Left without phone” from');
    const timeForm = page.locator('form').filter({ has: time });
    await time.fill('15:45');
    await timeForm.getByRole('button', { name: 'Save', exact: true }).click();
    await timeForm.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    expect(await page.evaluate(() => window.kiosk.getSettings())).toMatchObject({
      ok: true,
      value: { phoneSlotCount: 80, phoneSlotMode: 'next-free', leftWithoutPhoneFrom: '15:45', phoneYearGroups: [5, 6] },
    });
  });

  it('Visitors and the kiosk: saves the kiosk texts as a new version, and a closing time; an empty rule list is refused at its field', async () => {
    await go('#/staff/settings/visitors', 'Visitors and the kiosk');
    await checkScreen(page, problems, 'settings-visitors');
    const rules = page.getByLabel('Rules for Contractor');
    const textsForm = page.locator('form').filter({ has: rules });
    await rules.fill('');
    await textsForm.getByRole('button', { name: 'Save as a new version' }).click();
    await textsForm.locator('.field-error').first().waitFor();
    await rules.fill('Use your phone only with staff permission.\nNever take photos where children could be in them.');
    await page.getByLabel('Fire assembly point').fill('The top playground, by the gate.');
    await textsForm.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText(/Saved as version 2/).waitFor();
    const close = page.getByLabel('Closing time for visits');
    const closeForm = page.locator('form').filter({ has: close });
    await close.fill('18:30');
    await closeForm.getByRole('button', { name: 'Save', exact: true }).click();
    await closeForm.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    expect(await page.evaluate(() => window.kiosk.getVisitorSetup())).toMatchObject({
      ok: true,
      value: { current: { version: 2, texts: { assemblyPoint: 'The top playground, by the gate.', types: { contractor: { rules: ['Use your phone only with staff permission.', 'Never take photos where children could be in them.'] } } } } },
    });
    expect(await page.evaluate(() => window.kiosk.getSettings())).toMatchObject({ ok: true, value: { visitorsCloseAt: '18:30' } });
    await checkScreen(page, problems, 'settings-visitors-saved');
  });

  it('School calendar: adds a closure, and checks a CSV before importing it', async () => {
    await go('#/staff/settings/calendar', 'School calendar');
    await page.getByLabel('First day').fill('2027-02-15');
    await page.getByLabel('Last day').fill('2027-02-19');
    await page.getByLabel('Name', { exact: true }).fill('February half term');
    await page.getByRole('button', { name: 'Add the closure' }).click();
    await page.getByText('February half term').first().waitFor();
    await page.getByLabel('The closures, one a line').fill('First day,Last day,Name\n26/10/2026,30/10/2026,October half term\n31/02/2027,01/03/2027,Typo\n');
    await page.getByRole('button', { name: 'Check the lines' }).click();
    await page.getByText(/Line 3/).first().waitFor();
    expect(await page.getByRole('button', { name: /^Import \d+ closure/ }).isDisabled()).toBe(true);
    await checkScreen(page, problems, 'settings-calendar-import-problem');
    await page.getByLabel('The closures, one a line').fill('21/12/2026,01/01/2027,Christmas holidays\n');
    await page.getByRole('button', { name: 'Check the lines' }).click();
    await page.getByRole('button', { name: 'Import 1 closure' }).click();
    await expect.poll(async () => JSON.stringify(await page.evaluate(() => window.kiosk.listClosures({})))).toContain('Christmas holidays');
    await checkScreen(page, problems, 'settings-calendar');
  });

  it('Backups: backs up now and checks the audit log', async () => {
    await go('#/staff/settings/backups', 'Backups');
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByRole('cell', { name: /Back up now|manual/i }).first().waitFor();
    await page.getByRole('button', { name: 'Check the audit log' }).click();
    await page.getByText(/The audit log is intact/).waitFor();
    await page.getByText(/Every backup of these records still agrees with the log/).waitFor();
    // the records check a printed page carries, typed back in as someone would from paper
    const fp = await page.evaluate(() => window.kiosk.getFingerprint());
    if (!fp.ok || !fp.value) throw new Error('no records check');
    await page.getByRole('textbox', { name: 'Number before the dash' }).fill(String(fp.value.seq));
    await page.getByRole('textbox', { name: 'Check code after the dash' }).fill(fp.value.hex.toUpperCase().replace(/(.{4})(?!$)/g, '$1 '));
    await page.getByRole('button', { name: 'Check this number' }).click();
    await page.getByText(/^This matches the records: nothing before .+ has been rewritten\.$/).waitFor();
    await checkScreen(page, problems, 'settings-backups');
  });

  it('Printers: prints a test label and a test page through the browser', async () => {
    await go('#/staff/settings/printers', 'Printers');
    await checkScreen(page, problems, 'settings-printers');
    // (opening the fire roll call earlier printed its list)
    const before = await page.evaluate(() => (window as unknown as { printed: number }).printed);
    await page.getByRole('button', { name: 'Print a test label' }).click();
    await page.getByText('The test label was sent to the printer.').waitFor();
    await page.getByRole('button', { name: 'Print a test A4 page' }).click();
    await page.getByText('The test page was sent to the printer.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(before + 2);
    expectClean(problems);
  });

  it('Staff accounts and My PIN pages pass the checks', async () => {
    await go('#/staff/settings/staff', 'Staff accounts');
    await checkScreen(page, problems, 'settings-staff');
    await go('#/staff/my-pin', 'My PIN');
    await page.getByLabel('Current PIN').fill('999888');
    await page.getByLabel('New PIN', { exact: true }).fill('975318');
    await page.getByLabel('New PIN again').fill('975318');
    await page.getByRole('button', { name: /Change/ }).click();
    await page.locator('.field-error').first().waitFor();
    await checkScreen(page, problems, 'console-my-pin-error');
  });
});

describe.skipIf(!!skip)('print layouts, in Chromium print media', () => {
  it('the test label holds a QR code of the token printed under it, on one 62 mm label', async () => {
    await go('#/print/test-label', /./);
    await page.locator('[data-print-state="ready"]').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'print-test-label');
    const token = await page.locator('[data-token]').getAttribute('data-token');
    expect(token).toMatch(/^KT[A-Z2-7]{16}$/);
    const printed = (await page.locator('[data-token]').innerText()).replace(/\s+/g, '');
    expect(printed).toBe(token);
    expect(await decodeQrCodes(page)).toEqual([token]);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdfPageCount(pdf)).toBe(1);
    // 62 mm x 100 mm in points
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+175\.9\d*\s+28[23]\.\d*\s*\]/);
    await page.emulateMedia({ media: 'screen' });
    expectClean(problems);
  });

  it('the A4 test page and the recovery-code sheet are one A4 page each', async () => {
    for (const [route, name] of [
      ['#/print/test-page', 'print-test-page'],
      ['#/print/recovery-code?code=ABCDE-FGHIJ-KLMNO-PQRST', 'print-recovery-code'],
    ] as const) {
      await go(route, /./);
      await page.locator('[data-print-state="ready"]').waitFor({ state: 'attached' });
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, name);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pdfPageCount(pdf), name).toBe(1);
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+59[45]\.\d*\s+841\.\d*\s*\]/);
      await page.emulateMedia({ media: 'screen' });
    }
    const qr = await decodeQrCodes(page);
    expect(qr).toEqual([]); // the recovery sheet carries no QR code
    expectClean(problems);
  });
});
