/**
 * End to end in real Chromium: a confiscated phone from the register to its release. Office staff
 * record it through the form (no slip unless ticked), print the slip once from the record (a
 * reprint is a DSL's); the DSL's reprint's QR code is decoded and typed into the register's slip
 * scanner, which opens the record; parents informed; a DSL puts the device on hold at another
 * desk and the office's open record shows it within seconds, without a reload, with neither
 * Release nor the slip offered; the device is released to the mother with a signature drawn with
 * the mouse. Suspected nude images: no slip, no release for the office, the UKCIS steps; a search
 * that stops at suspected nude images leads to the UKCIS steps and the DSL's decision; the
 * register's On hold and With the police filters, with the CSV matching what is on screen.
 * Screenshots (1280 x 800) of the register and of records, looked at; axe on each screen.
 */
import fs from 'node:fs';
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

function slipEvents(id: number): { by: string; reprint: number }[] {
  return h.preview.kdb.db
    .prepare("SELECT by, json_extract(details, '$.reprint') AS reprint FROM confiscation_events WHERE confiscation_id = ? AND kind = 'slip-printed' ORDER BY id")
    .all(id) as never;
}

/** The register's CSV as the page downloads it: its data rows (the header left off). */
async function downloadCsv(p: Page): Promise<string[]> {
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download CSV' }).click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  return csv.split('\r\n').filter(Boolean).slice(1);
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
  it('records a confiscated phone through the form without a slip, then prints the slip once from the record (a reprint is a DSL’s)', async () => {
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
    expect(await page.getByRole('checkbox', { name: 'Print a release slip for the parent or carer' }).isChecked()).toBe(false);
    await checkScreen(page, problems, 'confiscations-form');
    await page.getByRole('button', { name: 'Save the record' }).click();
    await page.getByRole('heading', { name: 'Phone from Zoë Quillwick', level: 1 }).waitFor();
    expect(records()).toEqual([{ id: 1, status: 'held', onHold: 0 }]);
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(0);
    await page.getByRole('button', { name: 'Print the release slip' }).click();
    await page.getByText('The release slip was sent to the printer.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // printed once: the office is offered no second slip, and the record says why
    await page.getByText('The release slip has already been printed. Only a DSL can print it again.').waitFor();
    expect(await page.getByRole('button', { name: /release slip/ }).count()).toBe(0);
    expect(slipEvents(1)).toEqual([{ by: 'staff:2', reprint: 0 }]);
    const row = h.preview.kdb.db.prepare('SELECT confiscated_by AS confiscatedBy, recorded_by AS recordedBy, location FROM confiscations WHERE id = 1').get();
    expect(row).toEqual({ confiscatedBy: 'Mrs Lunch (lunchtime supervisor)', recordedBy: 'staff:2', location: 'School office safe' });
  });

  it('a DSL reprints the slip (the office cannot), whose QR code, typed into the register’s slip scanner, opens the record; the slip never states the reason', async () => {
    await page.evaluate(() => {
      location.hash = '#/print/confiscation-slip?id=1';
    });
    await page.getByRole('alert').getByText(/No release slip: The release slip has already been printed/).waitFor();
    await dslPage.bringToFront();
    await go('#/print/confiscation-slip?id=1', /kept safe at school/, dslPage);
    await dslPage.locator('[data-print-state="ready"]').waitFor({ state: 'attached' });
    await dslPage.emulateMedia({ media: 'print' });
    await screenshot(dslPage, 'confiscations-slip');
    const [token] = await decodeQrCodes(dslPage);
    const { slipToken } = (await api<{ record: ConfiscationRecord }>(admin, 'getConfiscation', { id: 1 })).record;
    expect(token).toBe(slipToken);
    expect(await dslPage.locator('body').innerText()).not.toMatch(/behaviour|policy|search|police|hold/i);
    await dslPage.emulateMedia({ media: 'screen' });
    expect(slipEvents(1)).toEqual([
      { by: 'staff:2', reprint: 0 },
      { by: 'staff:3', reprint: 1 },
    ]);

    await page.bringToFront();
    await go('#/staff/confiscations', 'Confiscations');
    await page.locator('#slip-scan').fill(token!);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Phone from Zoë Quillwick', level: 1 }).waitFor();
  });

  it('records parents informed; a DSL hold put on at another desk shows on the office’s open record without a reload, and blocks release and the slip', async () => {
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
    // no reload: the open record re-reads itself (every 10 s, and when the window is focused)
    await page.getByRole('note', { name: 'On hold' }).waitFor({ timeout: 15_000 });
    await page.getByText('This record was just changed at another desk: it now shows the latest.').waitFor();
    expect(await page.getByRole('button', { name: 'Release', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Lift the hold/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /release slip/ }).count()).toBe(0);
    await page.getByText(/The device is on hold, so no release slip is given\./).waitFor();
    expect(await dslPage.getByRole('button', { name: /release slip/ }).count()).toBe(0); // not even for the DSL
    await checkScreen(page, problems, 'confiscations-office-on-hold');

    await dslPage.bringToFront();
    await dslPage.getByRole('button', { name: 'Lift the hold' }).click();
    await dslPage.getByRole('button', { name: 'Confirm lifting the hold' }).click();
    await expect.poll(() => records()[0]!.onHold).toBe(0);
    await page.bringToFront();
    await page.getByRole('button', { name: 'Release', exact: true }).waitFor({ timeout: 15_000 });
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
    expect(await dslPage.getByRole('button', { name: /release slip/ }).count()).toBe(0);
    await dslPage.getByRole('region', { name: 'The UKCIS steps' }).getByText('Staff never view, copy, print, share, save or delete the images.').waitFor();
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
    expect(await page.getByRole('button', { name: /release slip/ }).count()).toBe(0);
    // and the slip's own address gives nothing either
    await page.evaluate((r) => {
      location.hash = r;
    }, `#/print/confiscation-slip?id=${id}`);
    await page.getByRole('alert').getByText(/No release slip: The device is with the police/).waitFor();
    expect(slipEvents(id)).toEqual([]);
  });

  it('a search that stops at "suspected nude images seen" leads to the UKCIS steps and the DSL’s decision; the office is offered neither release nor slip', async () => {
    const office: Session = { kind: 'staff', staffId: 2, role: 'office', dsl: false };
    const d = await api<{ record: ConfiscationRecord }>(office, 'recordConfiscation', {
      pupilId: zoe.id,
      deviceType: 'tablet',
      description: 'Grey tablet, green case',
      power: 'on',
      ground: 'anti-bullying',
      confiscatedBy: 'Mrs Jones',
    });
    const id = d.record.id;
    await dslPage.bringToFront();
    await go(`#/staff/confiscations/${id}`, 'Tablet from Zoë Quillwick', dslPage);
    await dslPage.getByRole('button', { name: 'Record a search' }).click();
    const panel = dslPage.getByRole('region', { name: 'Record a search' });
    await panel.getByLabel('Authorised by').fill('Mr Patel');
    await panel.getByLabel('The learner').check();
    await panel.getByLabel('How consent was informed').fill('Told what would be looked at and why');
    await panel.getByLabel('Searched by').fill('Mr Patel');
    await panel.getByLabel('Also present').fill('Mrs Jones');
    await panel.getByLabel('What was looked for, and why').fill('Messages bullying a classmate');
    await panel.getByLabel('The search stopped: suspected nude or semi-nude images seen, not viewed further').check();
    await panel.getByRole('note', { name: 'The UKCIS steps' }).getByText('The DSL decides whether to refer to children’s social care and/or the police.').waitFor();
    expect(await panel.getByLabel('What was found').count()).toBe(0);
    await checkScreen(dslPage, problems, 'confiscations-search-stopped');
    await panel.getByRole('button', { name: 'Save the search' }).click();
    await dslPage.getByText('Recorded: the search stopped, not viewed further. Next: the UKCIS steps and your decision as DSL.').waitFor();
    expect(await dslPage.getByRole('button', { name: 'Record a search' }).count()).toBe(0);
    await dslPage.getByRole('region', { name: 'The UKCIS steps' }).waitFor();

    await dslPage.getByRole('button', { name: 'Record the DSL decision (UKCIS)' }).click();
    const decision = dslPage.getByRole('region', { name: 'The DSL decision (UKCIS)' });
    await decision.getByLabel('Refer to children’s social care and the police').check();
    await decision.getByRole('button', { name: 'Save the decision' }).click();
    await dslPage.getByRole('list', { name: 'Chain of custody' }).getByText('DSL decision (UKCIS): Refer to children’s social care and the police').waitFor();
    await checkScreen(dslPage, problems, 'confiscations-record-ukcis');
    const row = h.preview.kdb.db.prepare("SELECT by, json_extract(details, '$.decision') AS decision FROM confiscation_events WHERE confiscation_id = ? AND kind = 'ukcis-decision'").get(id);
    expect(row).toEqual({ by: 'staff:3', decision: 'social-care-and-police' });
    const searched = h.preview.kdb.db.prepare("SELECT json_extract(details, '$.found') AS found FROM confiscation_events WHERE confiscation_id = ? AND kind = 'searched'").get(id);
    expect(searched).toEqual({ found: '' });

    await page.bringToFront();
    await go(`#/staff/confiscations/${id}`, 'Tablet from Zoë Quillwick');
    await page.getByRole('region', { name: 'The UKCIS steps' }).waitFor();
    expect(await page.getByRole('button', { name: 'Release', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /release slip/ }).count()).toBe(0);
    await page.getByText('Only a DSL can release a device where nude images or illegal content are suspected (it may be evidence for the police).').waitFor();
    expect(await page.getByRole('button', { name: 'Record the DSL decision (UKCIS)' }).count()).toBe(0);
  });

  it('the register filters On hold and With the police, and its CSV holds exactly the rows on screen', async () => {
    const office: Session = { kind: 'staff', staffId: 2, role: 'office', dsl: false };
    const tom = (await api<PupilSummary[]>(admin, 'searchPupils', { query: 'tom' }))[0]!;
    const watch = await api<{ record: ConfiscationRecord }>(office, 'recordConfiscation', { pupilId: tom.id, deviceType: 'smartwatch', description: 'Red watch', power: 'off', ground: 'behaviour', confiscatedBy: 'Mr Hughes' });
    await api({ kind: 'staff', staffId: 3, role: 'leadership', dsl: true }, 'setConfiscationHold', { id: watch.record.id, hold: true });
    await page.bringToFront();
    await go('#/staff/confiscations', 'Confiscations');
    const table = page.getByRole('table');
    const onScreen = async () => (await table.getByRole('row').all()).length - 1;

    await page.locator('#conf-status').selectOption({ label: 'On hold' });
    await page.getByRole('heading', { level: 2, name: /^On hold/ }).waitFor();
    await table.getByRole('link', { name: 'Tom Small' }).waitFor();
    expect(await onScreen()).toBe(1);
    const held = await downloadCsv(page);
    expect(held).toHaveLength(1);
    expect(held[0]).toContain('Red watch');
    await checkScreen(page, problems, 'confiscations-register-on-hold');

    await page.locator('#conf-status').selectOption({ label: 'With the police' });
    await page.getByRole('heading', { level: 2, name: /^With the police/ }).waitFor();
    await table.getByText('White phone, no case').waitFor();
    expect(await onScreen()).toBe(1);
    const police = await downloadCsv(page);
    expect(police).toEqual([expect.stringContaining('White phone, no case')]);
    expect(police[0]).toContain('With the police');

    // the name filter reaches the CSV too
    await page.locator('#conf-status').selectOption({ label: 'All' });
    await page.locator('#conf-name').fill('tom');
    await page.getByRole('heading', { level: 2, name: 'All (1)' }).waitFor();
    expect(await downloadCsv(page)).toEqual([expect.stringContaining('Small,Tom')]);

    // "Held now" counts what Today counts
    await page.locator('#conf-name').fill('');
    await page.locator('#conf-status').selectOption({ label: 'Held now' });
    const heading = await page.getByRole('heading', { level: 2, name: /^Held now \(\d+\)/ }).textContent();
    const today = await api<{ confiscations: { held: number } }>(office, 'getToday', {});
    expect(heading).toBe(`Held now (${today.confiscations.held})`);
    await checkScreen(page, problems, 'confiscations-register-held-now');

    // the printed register: the filter, when it was printed, where each device is held, an override flagged
    await go('#/print/confiscation-register?status=all', 'Confiscation register');
    await page.locator('[data-print-state="ready"]').waitFor({ state: 'attached' });
    const sheet = await page.locator('[data-print-state]').innerText();
    expect(sheet).toMatch(/Printed \w+day,? \d+ \w+ \d{4}, \d\d:\d\d\./);
    expect(sheet).toContain('Held at');
    expect(sheet).toContain('School office safe');
    await screenshot(page, 'confiscations-register-print');
  });
});
