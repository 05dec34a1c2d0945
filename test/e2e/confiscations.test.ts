/**
 * End to end in real Chromium: a confiscated phone from the register to its release. Office staff
 * record it through the form (the slip prints), the slip's QR code is decoded and typed into the
 * register's slip scanner, which opens the record; parents informed; a DSL puts a second device on
 * hold and office staff cannot release it; the first is released to the mother with a signature
 * drawn with the mouse. Screenshots of the register and of a chain of custody; axe on each screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfiscationRecord, PupilDetail, PupilSummary } from '../../electron/api/contract';
import { kioskSession, type Session } from '../../electron/api/session';
import { b64 } from '../api/inputs';
import { browserSkipReason } from './browser';
import { apiOn, checkScreen, decodeQrCodes, screenshot, startHarness, unlockPage, type Harness } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e confiscations: ${skip}`);

const ADMIN_PIN = '246813';
const OFFICE_PIN = '582047';
const DSL_PIN = '864213';
const admin: Session = { kind: 'staff', staffId: 1, role: 'admin', dsl: false };

let h: Harness;
const api = <T>(session: Session, channel: string, input?: unknown) => apiOn(h)<T>(session, channel, input);
let page: Page;
/** The DSL at another desk: a second window with its own session. */
let dslPage: Page;
let problems: Awaited<ReturnType<Harness['open']>>['problems'];
let zoe: PupilDetail;

async function go(route: string, heading: string | RegExp, p: Page = page): Promise<void> {
  await p.evaluate((r) => {
    location.hash = r;
  }, route);
  await p.getByRole('heading', { name: heading, level: 1 }).first().waitFor();
}

function records(): { id: number; status: string; onHold: number }[] {
  return h.preview.kdb.db.prepare('SELECT id, status, on_hold AS onHold FROM confiscations ORDER BY id').all() as never;
}

beforeAll(async () => {
  if (skip) return;
  h = await startHarness(new Date('2026-11-25T10:15:00Z'));
  await api(kioskSession, 'setupSchool', { schoolName: 'Ramsgate Arts Primary School', adminName: 'Ms Hall', pin: ADMIN_PIN });
  await api(admin, 'createStaff', { name: 'Mrs Office', role: 'office', dsl: false, pin: OFFICE_PIN });
  await api(admin, 'createStaff', { name: 'Mr Patel', role: 'leadership', dsl: true, pin: DSL_PIN });
  await api(admin, 'importRoll', { file: b64('Adno,UPN,Forename,Surname,Year,Reg\r\n1001,,Zoë,Quillwick,5,5W\r\n1002,,Tom,Small,3,3K\r\n'), fileName: 'roll.csv' });
  const [first] = (await api<PupilSummary[]>(admin, 'searchPupils', { query: 'zoe' }))!;
  await api(admin, 'addContact', { pupilId: first!.id, name: 'Ana Quillwick', relationship: 'Mother', phone: '07700 900123', mayCollect: true });
  await api(admin, 'addContact', { pupilId: first!.id, name: 'Ben Quillwick', relationship: 'Father', phone: '', mayCollect: true });
  zoe = await api<PupilDetail>(admin, 'getPupil', { id: first!.id });
  await api({ kind: 'staff', staffId: 3, role: 'leadership', dsl: true }, 'setNoContact', { id: zoe.contacts[1]!.id, noContact: true, category: 'court-order' });
  ({ page, problems } = await h.open('/'));
  await unlockPage(page, 2, OFFICE_PIN);
  ({ page: dslPage } = await h.open('/'));
  await unlockPage(dslPage, 3, DSL_PIN);
  // a window in the background gets no animation frames (printing and the signature pad wait for them)
  await page.bringToFront();
});
afterAll(async () => {
  await h?.close();
});

describe.skipIf(!!skip)('confiscations, in Chromium', () => {
  it('records a confiscated phone through the form, and the release slip prints', async () => {
    await go('#/staff/confiscations', 'Confiscations');
    await checkScreen(page, problems, 'confiscations-register-empty');
    await page.getByRole('link', { name: 'Record a confiscation' }).first().click();
    await page.getByRole('heading', { name: 'Record a confiscation', level: 2 }).waitFor();
    await page.locator('#conf-pupil').fill('zoe');
    await page.getByRole('button', { name: /^Zoë Quillwick/ }).click();
    await page.getByLabel('Phone', { exact: true }).check();
    await page.locator('#conf-description').fill('Black iPhone, cracked blue case');
    await page.getByLabel('On', { exact: true }).check();
    await page.getByLabel('Against the behaviour policy').check();
    await page.locator('#conf-by').fill('Mrs Lunch (lunchtime supervisor)');
    await checkScreen(page, problems, 'confiscations-form');
    await page.getByRole('button', { name: 'Save the record' }).click();
    await page.getByRole('heading', { name: 'Phone from Zoë Quillwick', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(records()).toEqual([{ id: 1, status: 'held', onHold: 0 }]);
    const row = h.preview.kdb.db.prepare('SELECT confiscated_by AS confiscatedBy, recorded_by AS recordedBy, location FROM confiscations WHERE id = 1').get();
    expect(row).toEqual({ confiscatedBy: 'Mrs Lunch (lunchtime supervisor)', recordedBy: 'staff:2', location: 'School office safe' });
  });

  it('prints a slip whose QR code, typed into the register’s slip scanner, opens the record; the slip never states the reason', async () => {
    await go('#/print/confiscation-slip?id=1', /kept safe at school/);
    await page.locator('[data-print-state="ready"]').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'confiscations-slip');
    const [token] = await decodeQrCodes(page);
    const { slipToken } = (await api<{ record: ConfiscationRecord }>(admin, 'getConfiscation', { id: 1 })).record;
    expect(token).toBe(slipToken);
    expect(await page.locator('body').innerText()).not.toMatch(/behaviour|policy|search|police|hold/i);
    await page.emulateMedia({ media: 'screen' });

    await go('#/staff/confiscations', 'Confiscations');
    await page.locator('#slip-scan').fill(token!);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Phone from Zoë Quillwick', level: 1 }).waitFor();
  });

  it('records parents informed, and a DSL hold blocks an office release until the DSL lifts it', async () => {
    await page.getByRole('button', { name: 'Record parents informed' }).click();
    await page.getByLabel('Phone call').check();
    await page.getByLabel('Told by').fill('Mrs Office');
    await page.getByRole('button', { name: 'Save parents informed' }).click();
    await page.getByRole('list', { name: 'Chain of custody' }).getByText(/Parents\/carers informed/).waitFor();

    await dslPage.bringToFront();
    await go('#/staff/confiscations/1', 'Phone from Zoë Quillwick', dslPage);
    await dslPage.getByRole('button', { name: 'Put on hold' }).click();
    await dslPage.getByRole('button', { name: 'Confirm the hold' }).click();
    await dslPage.getByRole('note', { name: 'On hold' }).waitFor();
    expect(records()[0]).toMatchObject({ onHold: 1 });
    await checkScreen(dslPage, problems, 'confiscations-dsl-hold');

    await page.bringToFront();
    await page.reload();
    await page.getByRole('note', { name: 'On hold' }).waitFor();
    expect(await page.getByRole('button', { name: 'Release', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Lift the hold/ }).count()).toBe(0);
    await checkScreen(page, problems, 'confiscations-office-on-hold');

    await dslPage.bringToFront();
    await dslPage.getByRole('button', { name: 'Lift the hold' }).click();
    await dslPage.getByRole('button', { name: 'Confirm lifting the hold' }).click();
    await expect.poll(() => records()[0]!.onHold).toBe(0);
    await page.bringToFront();
    await page.reload();
    await page.getByRole('heading', { name: 'Phone from Zoë Quillwick', level: 1 }).waitFor();
  });

  it('releases to the mother with identity checked and a signature drawn with the mouse; the father ("must not collect") is never offered', async () => {
    await go('#/staff/confiscations/1', 'Phone from Zoë Quillwick');
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Release the device' });
    await panel.waitFor({ timeout: 5000 });
    expect(await panel.getByText('Ben Quillwick').count()).toBe(0);
    await panel.getByLabel('Ana Quillwick (Mother)').check();
    await panel.getByLabel('Driving licence').check();
    const canvas = panel.locator('canvas.conf-signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 3 });
    await page.mouse.up();
    await checkScreen(page, problems, 'confiscations-release-signed');
    await panel.getByRole('button', { name: 'Release the device' }).click();
    await page.getByText('Released to Ana Quillwick. The signature is on the record.').waitFor();
    expect(records()[0]).toMatchObject({ status: 'released' });
    const sig = h.preview.kdb.db.prepare('SELECT length(png) AS n FROM confiscation_signatures').get() as { n: number };
    expect(sig.n).toBeGreaterThan(500);
    await page.getByRole('img', { name: 'Signature of Ana Quillwick' }).waitFor();
    await checkScreen(page, problems, 'confiscations-chain-of-custody');

    await go('#/staff/confiscations', 'Confiscations');
    await page.locator('#conf-status').selectOption({ label: 'All' });
    await page.getByRole('link', { name: 'Zoë Quillwick' }).first().waitFor();
    await checkScreen(page, problems, 'confiscations-register');
  });

  it('suspected nude images: the DSL takes the UKCIS steps instead of a search, hands the device to the police, and nothing can release it', async () => {
    const d = await api<{ record: ConfiscationRecord }>({ kind: 'staff', staffId: 2, role: 'office', dsl: false }, 'recordConfiscation', {
      pupilId: zoe.id,
      deviceType: 'phone',
      description: 'White phone, no case',
      power: 'on',
      ground: 'suspected-nudes',
      confiscatedBy: 'Mr Teacher',
    });
    const id = d.record.id;
    await dslPage.bringToFront();
    await go(`#/staff/confiscations/${id}`, 'Phone from Zoë Quillwick', dslPage);
    expect(await dslPage.getByRole('button', { name: 'Record a search' }).count()).toBe(0);
    await dslPage.getByRole('button', { name: 'Record the UKCIS steps' }).click();
    for (const label of ['The device was not viewed', 'It was turned off and secured', 'The DSL was informed']) await dslPage.getByLabel(label).check();
    await dslPage.getByRole('button', { name: 'Save the UKCIS steps' }).click();
    await dslPage.getByRole('list', { name: 'Chain of custody' }).getByText(/UKCIS/).first().waitFor();

    await dslPage.getByRole('button', { name: 'Hand to the police' }).click();
    await dslPage.getByLabel('Officer', { exact: true }).fill('PC Jane Smith');
    await dslPage.getByLabel('Shoulder number').fill('1234');
    await dslPage.getByLabel('Crime reference').fill('CR/2026/5678');
    await dslPage.getByLabel('Evidence bag seal number').fill('EB-000123');
    await dslPage.getByLabel('A receipt was received from the officer').check();
    await dslPage.getByRole('button', { name: 'Save the hand-over' }).click();
    await expect.poll(() => records().find((r) => r.id === id)?.status).toBe('with-police');
    await checkScreen(dslPage, problems, 'confiscations-with-police');
    const kinds = h.preview.kdb.db.prepare('SELECT kind FROM confiscation_events WHERE confiscation_id = ? ORDER BY id').pluck().all(id);
    expect(kinds).toEqual(['recorded', 'ukcis-steps', 'police-handover']);

    await page.bringToFront();
    await go(`#/staff/confiscations/${id}`, 'Phone from Zoë Quillwick');
    expect(await page.getByRole('button', { name: 'Release', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Hand to the police' }).count()).toBe(0);
  });
});
