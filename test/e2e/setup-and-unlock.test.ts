/**
 * End to end in real Chromium: first-run setup, then unlocking the staff console with a wrong and
 * a right PIN, the screen's wait after 10 wrong PINs (ended by the recovery code, then by an
 * administrator from the alert), idle lock, and a staff member refused a page their role does not allow. Every screen: screenshot, axe-core, no page
 * error, no CSP violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason } from './browser';
import { checkScreen, expectClean, startHarness, type Harness } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e setup-and-unlock: ${skip}`);

let h: Harness;
/** The school's recovery code, as the first-run screen showed it. */
let recoveryCode = '';
beforeAll(async () => {
  if (!skip) h = await startHarness(new Date('2026-11-25T08:40:00Z'));
});
afterAll(async () => {
  await h?.close();
});

async function typePin(page: Page, pin: string): Promise<void> {
  await page.getByRole('button', { name: '1', exact: true }).waitFor();
  await page.keyboard.type(pin, { delay: 20 });
}

/** Staff link → name → PIN → Unlock; resolves once the page has reloaded. */
async function unlockThroughScreens(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('link', { name: 'Staff', exact: true }).click();
  await page.getByRole('link', { name }).click();
  await typePin(page, pin);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Unlock', exact: true }).click()]);
}

describe.skipIf(!!skip)('setting up and unlocking, in Chromium', () => {
  it('first run: sets up the school, shows the recovery code once, then the kiosk welcome', async () => {
    const { page, problems } = await h.open('/');
    await expect.poll(() => page.url()).toContain('#/setup');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkScreen(page, problems, 'setup');

    // nothing typed: the messages sit next to their fields
    await page.getByRole('button', { name: 'Set up the school' }).click();
    await expect.poll(() => page.getByText('Enter the school name').count()).toBeGreaterThan(0);
    await page.getByLabel('School name').fill('Ramsgate Arts Primary School');
    await page.getByLabel('Your name').fill('Ms Hall');
    await page.getByLabel('Choose a PIN').fill('246813');
    await page.getByLabel('Type the PIN again').fill('246831');
    await page.getByRole('button', { name: 'Set up the school' }).click();
    await expect.poll(() => page.locator('.field-invalid').count()).toBeGreaterThan(0);
    await checkScreen(page, problems, 'setup-errors');

    await page.getByLabel('Type the PIN again').fill('246813');
    await page.getByRole('button', { name: 'Set up the school' }).click();
    await page.getByText('Your school is set up').waitFor();
    const code = await page.locator('.kiosk-recovery-code, [data-recovery-code]').first().innerText();
    expect(code.replace(/\s+/g, '')).toMatch(/^[A-Z2-7]{5}(-?[A-Z2-7]{5}){3}$/);
    recoveryCode = code.replace(/\s+/g, '');
    await checkScreen(page, problems, 'setup-recovery-code');

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'I have kept it safe: continue' }).click()]);
    await page.getByRole('heading', { name: /Ramsgate Arts Primary School/ }).waitFor();
    await checkScreen(page, problems, 'kiosk-welcome');
    await page.close();
  });

  it('unlocks with a wrong then a right PIN, and Lock returns to the public screen', async () => {
    const { page, problems } = await h.open('/');
    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    await page.getByRole('link', { name: 'Ms Hall' }).waitFor();
    await checkScreen(page, problems, 'unlock-names');
    await page.getByRole('link', { name: 'Ms Hall' }).click();
    await typePin(page, '975318');
    await page.keyboard.press('Enter');
    await page.getByText('That PIN is not right. Try again.').waitFor();
    // the PIN is never shown
    expect(await page.locator('body').innerText()).not.toContain('975318');
    await checkScreen(page, problems, 'unlock-wrong-pin');
    await typePin(page, '246813');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await checkScreen(page, problems, 'console-today');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Lock', exact: true }).click()]);
    await page.getByRole('link', { name: 'Staff', exact: true }).waitFor();
    expect(await page.evaluate(() => window.kiosk.getSession())).toEqual({ ok: true, value: { kind: 'kiosk' } });
    expectClean(problems);
    await page.close();
  });

  it('makes the screen wait after 10 wrong PINs, whatever the name; the recovery code or an administrator ends the wait', async () => {
    const admin = await h.open('/');
    await unlockThroughScreens(admin.page, 'Ms Hall', '246813');
    await admin.page.goto(`${h.preview.url}#/staff/settings/staff`);
    await admin.page.getByRole('button', { name: 'Add a staff member' }).click();
    await admin.page.getByLabel('Name', { exact: true }).fill('Mr Okafor');
    await admin.page.getByLabel('First PIN', { exact: true }).fill('975318');
    await admin.page.getByLabel('First PIN again').fill('975318');
    await admin.page.getByRole('button', { name: 'Add staff member' }).click();
    await admin.page.getByRole('cell', { name: 'Mr Okafor' }).waitFor();
    await checkScreen(admin.page, admin.problems, 'settings-staff-accounts');

    const kiosk = await h.open('/');
    const tenWrong = async () => {
      await kiosk.page.getByRole('link', { name: 'Staff', exact: true }).click();
      for (let attempt = 1; attempt <= 10; attempt++) {
        // spread over both names: the budget is the screen's
        await kiosk.page.getByRole('link', { name: attempt % 2 ? 'Mr Okafor' : 'Ms Hall' }).click();
        await typePin(kiosk.page, '111222');
        await kiosk.page.keyboard.press('Enter');
        await kiosk.page.getByRole('alert').filter({ hasText: 'That PIN is not right' }).waitFor();
        if (attempt < 10) await kiosk.page.getByRole('link', { name: 'Not you? Pick another name' }).click();
      }
      await kiosk.page.getByText('You can try again in 30 seconds.').waitFor();
      expect(await kiosk.page.getByRole('button', { name: 'Unlock', exact: true }).isDisabled()).toBe(true);
    };
    await tenWrong();
    await checkScreen(kiosk.page, kiosk.problems, 'unlock-screen-wait');
    await kiosk.page.getByRole('button', { name: 'Use the recovery code' }).click();
    await kiosk.page.getByLabel('Recovery code').fill(recoveryCode);
    await checkScreen(kiosk.page, kiosk.problems, 'unlock-screen-wait-recovery-code');
    await kiosk.page.getByRole('button', { name: 'End the wait' }).click();
    await kiosk.page.getByText('The wait has ended. Type your PIN.').waitFor();
    expect(await kiosk.page.getByRole('button', { name: 'Unlock', exact: true }).isDisabled()).toBe(false);

    // again, and this time an administrator at the console ends the wait from the alert
    await kiosk.page.goto(`${h.preview.url}#/`);
    await tenWrong();
    await admin.page.goto(`${h.preview.url}#/staff`);
    const banner = admin.page.getByRole('region', { name: 'Open alerts' });
    await banner.getByText(/wrong PINs were typed on the browser preview/).waitFor();
    await checkScreen(admin.page, admin.problems, 'console-alert-wrong-pins');
    await banner.getByRole('button', { name: /^End the wait for staff PINs/ }).click();
    await expect.poll(() => banner.getByText(/wrong PINs were typed/).count()).toBe(0);
    expectClean(admin.problems);

    await kiosk.page.goto(`${h.preview.url}#/unlock`);
    await kiosk.page.reload();
    await kiosk.page.getByRole('link', { name: 'Mr Okafor' }).click();
    await kiosk.page.getByRole('heading', { name: /Mr Okafor/ }).waitFor();
    expect(await kiosk.page.getByText(/You can try again in/).count()).toBe(0);
    await typePin(kiosk.page, '975318');
    await Promise.all([kiosk.page.waitForEvent('load'), kiosk.page.keyboard.press('Enter')]);
    await kiosk.page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    expectClean(kiosk.problems);
    await admin.page.close();
    await kiosk.page.close();
  });

  it('refuses an office account the settings pages', async () => {
    const { page, problems } = await h.open('/');
    await unlockThroughScreens(page, 'Mr Okafor', '975318');
    expect(await page.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await page.goto(`${h.preview.url}#/staff/settings/school`);
    await page.getByText('Only an administrator can change settings.').waitFor();
    await checkScreen(page, problems, 'console-settings-refused');
    const direct = await page.evaluate(() => window.kiosk.updateSettings({ schoolName: 'Hijacked' }));
    expect(direct).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await page.close();
  });

  it('locks itself after the idle time and goes back to the public screen', async () => {
    const { page, problems } = await h.open('/');
    await page.clock.install();
    await page.reload();
    await unlockThroughScreens(page, 'Mr Okafor', '975318');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    // The page arms its idle timer once the school's settings have loaded, which may come after
    // Today's heading on a busy machine: step the clock on until the warning shows (4:30 idle).
    const warning = page.getByText(/Locking in/);
    for (let stepped = 0; stepped < 600 && !(await warning.isVisible()); stepped += 10) await page.clock.fastForward('00:10');
    await warning.waitFor();
    await checkScreen(page, problems, 'console-idle-warning');
    await Promise.all([page.waitForEvent('load'), page.clock.fastForward('00:30')]);
    await page.getByRole('link', { name: 'Staff', exact: true }).waitFor();
    expect(await page.evaluate(() => window.kiosk.getSession())).toEqual({ ok: true, value: { kind: 'kiosk' } });
    expectClean(problems);
    await page.close();
  });
});
