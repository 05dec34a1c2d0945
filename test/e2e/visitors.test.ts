/**
 * End to end in real Chromium: visitors and contractors (issue 8), and the two-screen desk.
 * Each visitor type signs in at the kiosk (a screenshot of each step, axe on each screen), the
 * badge layouts (62 mm label and A4) decoded, sign-out by typing the badge token at full speed,
 * a lost badge reprinted at the console, the not-permitted alert, an invitation code, a printer
 * failure (the badge on screen, the visit saved), the fire roll call, hostile names shown as text
 * and inert in the CSV; and on a two-screen desk, a parent signs for a confiscated phone on the
 * visitor-facing screen (issue 7).
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PupilDetail, PupilSummary } from '../../electron/api/contract';
import { browserPrinter } from '../../electron/api/context';
import { kioskSession, type Session } from '../../electron/api/session';
import { b64 } from '../api/inputs';
import { browserSkipReason } from './browser';
import { apiOn, checkScreen, decodeQrCodes, screenshot, startHarness, unlockPage, visitorScreenUrl, type Harness } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e visitors: ${skip}`);

const ADMIN_PIN = '246813';
const OFFICE_PIN = '582047';
const DSL_PIN = '864213';
const admin: Session = { kind: 'staff', staffId: 1, role: 'admin', dsl: false };
const dsl: Session = { kind: 'staff', staffId: 3, role: 'leadership', dsl: true };
const SCRIPT = '<script>alert(1)</script>';
const FORMULA = '=HYPERLINK("http://x","y")';

let h: Harness;
const api = <T>(session: Session, channel: string, input?: unknown) => apiOn(h)<T>(session, channel, input);
/** The public kiosk (one screen: its resting state), the office console, and their problems. */
let kiosk: Page;
let office: Page;
let kioskProblems: Awaited<ReturnType<Harness['open']>>['problems'];
let officeProblems: Awaited<ReturnType<Harness['open']>>['problems'];
let dialogs = 0;

interface Visitor {
  type: string;
  name: string;
  organisation?: string;
  visiting: string;
  car?: string;
  work?: string;
  supervisor?: string;
}

function visits(): { id: number; name: string; typeKey: string; status: string; textsVersion: number }[] {
  return h.preview.kdb.db.prepare('SELECT id, name, type_key AS typeKey, status, texts_version AS textsVersion FROM visits ORDER BY id').all() as never;
}
function tokenOf(name: string): string {
  return h.preview.kdb.db
    .prepare('SELECT b.token FROM visit_badges b JOIN visits v ON v.id = b.visit_id WHERE v.name = ? AND b.cancelled_at IS NULL ORDER BY b.issued_at DESC LIMIT 1')
    .pluck()
    .get(name) as string;
}
const printed = (p: Page) => p.evaluate(() => (window as unknown as { printed: number }).printed);

async function toWelcome(p: Page = kiosk): Promise<void> {
  await p.evaluate(() => {
    location.hash = '#/';
  });
  await p.getByRole('link', { name: /^Sign in/ }).waitFor();
}

async function next(p: Page = kiosk): Promise<void> {
  await p.getByRole('button', { name: 'Next' }).click();
}

/** Sign in at the kiosk as a person would; `shots` names a screenshot (and axe) of each step. */
async function signIn(v: Visitor, shots?: string): Promise<void> {
  const shot = async (step: string) => {
    if (shots) await checkScreen(kiosk, kioskProblems, `kiosk-${shots}-${step}`);
  };
  await toWelcome();
  await kiosk.getByRole('link', { name: /^Sign in/ }).click();
  await kiosk.getByRole('heading', { name: 'Who are you?', level: 1 }).waitFor();
  await shot('1-who');
  await kiosk.getByRole('list', { name: 'Who are you?' }).getByRole('button', { name: v.type, exact: true }).click();
  await kiosk.getByLabel('What is your name?').fill(v.name);
  await shot('2-name');
  await next();
  if (v.organisation !== undefined) {
    await kiosk.getByLabel('Which organisation or company are you from?').fill(v.organisation);
    await shot('3-organisation');
    await next();
  }
  await kiosk.getByLabel('Who are you visiting, or why are you here?').fill(v.visiting);
  await shot('4-visiting');
  await next();
  await kiosk.getByLabel('What is your car’s registration?').waitFor();
  await shot('5-car');
  if (v.car) {
    await kiosk.getByLabel('What is your car’s registration?').fill(v.car);
    await next();
  } else {
    await kiosk.getByRole('button', { name: 'No car' }).click();
  }
  if (v.work !== undefined) {
    await kiosk.getByLabel('What work are you here to do?').fill(v.work);
    await shot('6-work');
    await next();
    await kiosk.getByLabel('Which member of staff is supervising your work?').fill(v.supervisor ?? '');
    await shot('7-supervisor');
    await next();
  }
  await agree(shot);
}

async function agree(shot: (step: string) => Promise<void> = async () => {}): Promise<void> {
  await kiosk.getByRole('heading', { name: 'Phones and safeguarding on site', level: 1 }).waitFor();
  await shot('8-rules');
  await kiosk.getByLabel('I have read these rules and agree to follow them').check();
  await kiosk.getByRole('button', { name: 'I agree' }).click();
}

async function go(p: Page, route: string, heading: string | RegExp): Promise<void> {
  await p.evaluate((r) => {
    location.hash = r;
  }, route);
  await p.getByRole('heading', { name: heading, level: 1 }).first().waitFor();
}

beforeAll(async () => {
  if (skip) return;
  h = await startHarness(new Date('2026-11-25T09:00:00Z'));
  await api(kioskSession, 'setupSchool', { schoolName: 'Ramsgate Arts Primary School', adminName: 'Ms Hall', pin: ADMIN_PIN });
  await api(admin, 'createStaff', { name: 'Mrs Office', role: 'office', dsl: false, pin: OFFICE_PIN });
  await api(admin, 'createStaff', { name: 'Mr Patel', role: 'leadership', dsl: true, pin: DSL_PIN });
  ({ page: kiosk, problems: kioskProblems } = await h.open('/'));
  // the browser preview prints with the browser's dialog: counted instead
  await kiosk.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await kiosk.reload();
  kiosk.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  ({ page: office, problems: officeProblems } = await h.open('/'));
  office.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await unlockPage(office, 2, OFFICE_PIN);
  await kiosk.bringToFront();
});
afterAll(async () => {
  await h?.close();
});

describe.skipIf(!!skip)('visitors, in Chromium', () => {
  it('signs in each type of visitor at the kiosk, one question a screen, each agreeing to their own rules', async () => {
    await checkScreen(kiosk, kioskProblems, 'kiosk-welcome');
    const people: Visitor[] = [
      { type: 'Contractor', name: 'Gary Fuse', organisation: 'Brightspark Electrical Ltd', visiting: 'Site manager', car: 'bs21 lit', work: 'Emergency lighting test', supervisor: 'Mr Hale' },
      { type: 'Parent/carer', name: 'Nadia Coombe', visiting: 'Year 2 reading morning' },
      { type: 'Visitor', name: 'Dr Alan Reyes', organisation: 'Educational Psychology Service', visiting: 'SENCo meeting' },
      { type: 'Volunteer', name: 'Margaret Oakes', visiting: 'Reading with Year 2' },
      { type: 'Supply or agency staff', name: SCRIPT, organisation: 'Kent Supply Teachers', visiting: 'Class 4W' },
    ];
    for (const [i, v] of people.entries()) {
      await signIn(v, i === 0 ? 'contractor' : undefined);
      await kiosk.getByRole('heading', { name: `Thank you, ${v.name}. You are signed in.`, level: 1 }).waitFor();
      if (i === 0) await checkScreen(kiosk, kioskProblems, 'kiosk-contractor-9-badge');
      if (i === 1) await screenshot(kiosk, 'kiosk-parent-badge');
    }
    expect(await printed(kiosk)).toBe(5);
    expect(visits().map((v) => [v.name, v.typeKey, v.status, v.textsVersion])).toEqual([
      ['Gary Fuse', 'contractor', 'on-site', 1],
      ['Nadia Coombe', 'parent', 'on-site', 1],
      ['Dr Alan Reyes', 'visitor', 'on-site', 1],
      ['Margaret Oakes', 'volunteer', 'on-site', 1],
      [SCRIPT, 'supply', 'on-site', 1],
    ]);
    const gary = h.preview.kdb.db.prepare("SELECT car_reg AS car, work, supervisor FROM visits WHERE name = 'Gary Fuse'").get();
    expect(gary).toEqual({ car: 'BS21 LIT', work: 'Emergency lighting test', supervisor: 'Mr Hale' });
    expect(dialogs).toBe(0);
  });

  it('prints the badge on a 62 mm label and on A4, each with a QR code of the badge token, names as plain text', async () => {
    for (const [name, layout] of [
      ['Gary Fuse', 'visitor-badge'],
      ['Gary Fuse', 'visitor-badge-a4'],
      [SCRIPT, 'visitor-badge'],
    ] as const) {
      const token = tokenOf(name);
      await kiosk.evaluate((r) => {
        location.hash = r;
      }, `#/print/${layout}?token=${token}`);
      await kiosk.locator('[data-print-state="ready"]').waitFor();
      const sheet = kiosk.locator('[data-print-state="ready"]');
      expect(await sheet.textContent()).toContain(name);
      expect(await sheet.textContent()).toContain('Must be escorted');
      expect(await decodeQrCodes(kiosk)).toEqual([token]);
      await screenshot(kiosk, `badge-${layout}${name === SCRIPT ? '-hostile-name' : ''}`);
    }
    expect(dialogs).toBe(0);
  });

  it('signs out by the badge token typed at full speed, on the sign-out screen and straight from Welcome', async () => {
    await toWelcome();
    await kiosk.getByRole('link', { name: /^Sign out/ }).click();
    const field = kiosk.getByLabel('Scan your badge');
    await field.waitFor();
    await checkScreen(kiosk, kioskProblems, 'kiosk-sign-out');
    await field.pressSequentially(tokenOf('Nadia Coombe'), { delay: 0 });
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { name: 'Goodbye, Nadia Coombe.', level: 1 }).waitFor();
    await checkScreen(kiosk, kioskProblems, 'kiosk-goodbye');
    // a scanner at the Welcome screen, nothing focused: keys straight to the page, then Enter
    await toWelcome();
    await kiosk.keyboard.type(tokenOf('Margaret Oakes').toLowerCase(), { delay: 0 });
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { name: 'Goodbye, Margaret Oakes.', level: 1 }).waitFor();
    expect(visits().filter((v) => v.status === 'signed-out').map((v) => v.name)).toEqual(['Nadia Coombe', 'Margaret Oakes']);
  });

  it('reprints a lost badge at the console: the old badge is refused with "see the office", the new one signs out', async () => {
    const old = tokenOf('Dr Alan Reyes');
    await office.bringToFront();
    await go(office, '#/staff/visitors', 'Visitors');
    await checkScreen(office, officeProblems, 'visitors-on-site');
    const row = office.getByRole('rowgroup').filter({ hasText: 'Dr Alan Reyes' });
    const before = await printed(office);
    await row.getByRole('button', { name: 'Reprint badge' }).click();
    await office.getByText('A new badge was printed; the old badge no longer works.').waitFor();
    expect(await printed(office)).toBe(before + 1);
    const fresh = tokenOf('Dr Alan Reyes');
    expect(fresh).not.toBe(old);
    await kiosk.bringToFront();
    await toWelcome();
    await kiosk.getByRole('link', { name: /^Sign out/ }).click();
    await kiosk.getByLabel('Scan your badge').pressSequentially(old, { delay: 0 });
    await kiosk.keyboard.press('Enter');
    // said next to the field, which keeps the focus for the next scan
    await kiosk.getByText('This badge has been replaced. Please see the office to sign out.').waitFor();
    await screenshot(kiosk, 'kiosk-sign-out-replaced-badge');
    await toWelcome();
    await kiosk.getByRole('link', { name: /^Sign out/ }).click();
    await kiosk.getByLabel('Scan your badge').pressSequentially(fresh, { delay: 0 });
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { name: 'Goodbye, Dr Alan Reyes.', level: 1 }).waitFor();
  });

  it('asks a not-permitted person to wait without saying why, and alerts the console, where the office turns them away', async () => {
    await api(dsl, 'addNotPermitted', { name: 'Vic Barred', category: 'court-order' });
    await signIn({ type: 'Parent/carer', name: 'vic barred', visiting: 'Collecting my son' });
    await kiosk.getByText('Please wait here. A member of staff will be with you shortly.').waitFor();
    const words = (await kiosk.locator('main').textContent()) ?? '';
    expect(words).not.toMatch(/not permitted|list|court|barred/i);
    await checkScreen(kiosk, kioskProblems, 'kiosk-please-wait');
    await office.bringToFront();
    // the banner polls every 5 seconds
    const banner = office.getByRole('region', { name: 'Open alerts' });
    await banner.getByText(/vic barred signed in at the entrance and matches the not-permitted list/).waitFor({ timeout: 15_000 });
    await go(office, '#/staff/visitors', 'Visitors');
    await office.getByText('Waiting at reception: vic barred matches the not-permitted list.').waitFor();
    await checkScreen(office, officeProblems, 'visitors-waiting-alert');
    await office.getByRole('button', { name: 'Turn away' }).click();
    await expect.poll(() => visits().find((v) => v.name === 'vic barred')?.status).toBe('turned-away');
    await banner.getByRole('button', { name: /^Dealt with: vic barred/ }).click();
    await expect.poll(() => h.preview.kdb.db.prepare("SELECT count(*) FROM alerts WHERE kind = 'visitor-not-permitted' AND resolved_at IS NULL").pluck().get()).toBe(0);
    await kiosk.bringToFront();
  });

  it('fills in an invited visitor from the code on their invitation, and nothing else', async () => {
    await office.bringToFront();
    await go(office, '#/staff/visitors/expected', 'Visitors');
    await office.getByRole('button', { name: 'Invite a visitor' }).click();
    const form = office.getByRole('form', { name: 'Invite a visitor' }).or(office.getByRole('region', { name: 'Invite a visitor' })).first();
    await form.getByLabel('Type of visitor').selectOption({ label: 'Visitor' });
    await form.getByLabel('Name', { exact: true }).fill('Ofsted Inspector Ruth Lane');
    await form.getByLabel('Organisation').fill('Ofsted');
    await form.getByLabel('Who they are visiting').fill('Ms Hall');
    await form.getByLabel('Date expected').fill('2026-11-25'); // the school's today (the test's clock)
    await form.getByRole('button', { name: 'Create the invitation' }).click();
    await office.getByText('Their invitation code').waitFor();
    await checkScreen(office, officeProblems, 'visitors-invitation-created');
    const before = await printed(office);
    await office.getByRole('button', { name: 'Print invitation' }).click();
    await expect.poll(() => printed(office)).toBe(before + 1);
    const code = h.preview.kdb.db.prepare("SELECT code FROM invitations WHERE name = 'Ofsted Inspector Ruth Lane'").pluck().get() as string;
    await kiosk.bringToFront();
    await toWelcome();
    await kiosk.getByRole('link', { name: /^Sign in/ }).click();
    await kiosk.getByRole('button', { name: 'I have an invitation code' }).click();
    await kiosk.getByLabel('Type or scan your invitation code').fill(code);
    await screenshot(kiosk, 'kiosk-invitation-code');
    await kiosk.getByRole('button', { name: 'Use this code' }).click();
    // name, organisation and who they visit are filled in; the car is still asked
    await kiosk.getByLabel('What is your car’s registration?').waitFor();
    await kiosk.getByRole('button', { name: 'No car' }).click();
    await agree();
    await kiosk.getByRole('heading', { name: 'Thank you, Ofsted Inspector Ruth Lane. You are signed in.', level: 1 }).waitFor();
    const row = h.preview.kdb.db.prepare("SELECT invitation_id AS inv, organisation FROM visits WHERE name = 'Ofsted Inspector Ruth Lane'").get();
    expect(row).toEqual({ inv: 1, organisation: 'Ofsted' });
    expect(h.preview.kdb.db.prepare('SELECT used_at IS NOT NULL FROM invitations WHERE id = 1').pluck().get()).toBe(1);
  });

  it('when the badge printer fails, shows the badge on screen with a clear message, and the visit is saved', async () => {
    h.preview.usePrinter({ print: () => Promise.resolve({ via: 'printer', printed: false, message: 'the label printer is out of labels' }) });
    try {
      await signIn({ type: 'Visitor', name: FORMULA, organisation: 'Acme', visiting: 'Office' });
      await kiosk.getByRole('heading', { name: `You are signed in, ${FORMULA}.`, level: 1 }).waitFor();
      await kiosk.getByText(/Your badge could not be printed \(the label printer is out of labels\)\. You are signed in\./).waitFor();
      const card = kiosk.getByRole('region', { name: 'Your badge' });
      expect(await card.textContent()).toContain(FORMULA);
      await checkScreen(kiosk, kioskProblems, 'kiosk-badge-on-screen');
      expect(await decodeQrCodes(kiosk, '[aria-label="Your badge"] img[alt*="QR"]')).toEqual([tokenOf(FORMULA)]);
      expect(visits().find((v) => v.name === FORMULA)?.status).toBe('on-site');
    } finally {
      h.preview.usePrinter(browserPrinter);
    }
  });

  it('runs the fire roll call from one click: printed, each person ticked, ended with its result saved', async () => {
    await office.bringToFront();
    const before = await printed(office);
    await office.getByRole('link', { name: 'Fire roll call' }).click();
    await office.getByRole('heading', { name: 'Fire roll call', level: 1 }).waitFor();
    await office.getByText(/of \d+ accounted for/).waitFor();
    await expect.poll(() => printed(office)).toBe(before + 1);
    const onSite = visits().filter((v) => v.status === 'on-site').map((v) => v.name);
    expect(onSite).toEqual(['Gary Fuse', SCRIPT, 'Ofsted Inspector Ruth Lane', FORMULA]);
    await office.getByText(`0 of ${onSite.length} accounted for`).waitFor();
    await checkScreen(office, officeProblems, 'roll-call');
    for (const name of ['Gary Fuse', SCRIPT, 'Ofsted Inspector Ruth Lane']) {
      const tick = office.getByRole('button', { name: `Accounted for: ${name}` });
      await tick.click();
      await expect.poll(() => tick.getAttribute('aria-pressed')).toBe('true');
    }
    await office.getByText(`3 of ${onSite.length} accounted for`).waitFor();
    await office.getByRole('button', { name: 'End roll call' }).click();
    await office.getByRole('button', { name: 'End anyway' }).click();
    await office.getByText('The roll call has ended. Its result is saved.').waitFor();
    await checkScreen(office, officeProblems, 'roll-call-result');
    const saved = h.preview.kdb.db.prepare('SELECT r.ended_at IS NOT NULL AS ended, count(p.accounted_at) AS ticked, count(*) AS people FROM roll_calls r JOIN roll_call_people p ON p.roll_call_id = r.id').get();
    expect(saved).toEqual({ ended: 1, ticked: 3, people: 4 });
  });

  it('shows hostile names as text on the console, and the history CSV keeps a formula inert', async () => {
    await go(office, '#/staff/visitors', 'Visitors');
    await office.getByRole('link', { name: SCRIPT }).waitFor();
    await office.getByRole('link', { name: FORMULA }).waitFor();
    await go(office, '#/staff/visitors/history', 'Visitors');
    await office.getByRole('link', { name: FORMULA }).first().waitFor();
    await checkScreen(office, officeProblems, 'visitors-history');
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('button', { name: 'Save as CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain(SCRIPT);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(dialogs).toBe(0);
  });
});

describe.skipIf(!!skip)('a two-screen desk, in Chromium', () => {
  it('a parent signs for a confiscated phone on the visitor-facing screen, which has no way in for staff', async () => {
    await api(admin, 'importRoll', { file: b64('Adno,UPN,Forename,Surname,Year,Reg\r\n1001,,Zoë,Quillwick,5,5W\r\n'), fileName: 'roll.csv' });
    const [zoe] = (await api<PupilSummary[]>(admin, 'searchPupils', { query: 'zoe' }))!;
    await api(admin, 'addContact', { pupilId: zoe!.id, name: 'Ana Quillwick', relationship: 'Mother', phone: '', mayCollect: true });
    const detail = await api<PupilDetail>(admin, 'getPupil', { id: zoe!.id });
    await api({ kind: 'staff', staffId: 2, role: 'office', dsl: false }, 'recordConfiscation', {
      pupilId: zoe!.id,
      deviceType: 'phone',
      description: 'Black phone',
      power: 'off',
      ground: 'behaviour',
      confiscatedBy: 'Mrs Lunch',
    });
    // a page that only says it is the visitor-facing screen is a plain kiosk
    const { page: forged } = await h.browser.newPage();
    await forged.goto(`${h.preview.url}?screen=public#/`);
    expect(await forged.evaluate(() => window.kiosk.getSession())).toEqual({ ok: true, value: { kind: 'kiosk' } });
    await forged.close();
    // the office opens it, with a one-time ticket
    const { page: visitorScreen, problems } = await h.browser.newPage();
    await visitorScreen.goto(await visitorScreenUrl(h, office));
    expect(await visitorScreen.evaluate(() => window.kiosk.getSession())).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
    await visitorScreen.getByRole('link', { name: /^Sign in/ }).waitFor();
    expect(await visitorScreen.getByRole('link', { name: 'Staff' }).count()).toBe(0);
    expect(await visitorScreen.evaluate((pin) => window.kiosk.unlock({ staffId: 2, pin }), OFFICE_PIN)).toMatchObject({ ok: false, error: { code: 'RULE' } });
    await screenshot(visitorScreen, 'visitor-screen-welcome');

    await office.bringToFront();
    await go(office, `#/staff/confiscations/1`, /Black phone|Zoë Quillwick/);
    await office.getByRole('button', { name: 'Release', exact: true }).click();
    const panel = office.getByRole('region', { name: 'Release the device' });
    await panel.getByLabel('Ana Quillwick (Mother)').check();
    await panel.getByLabel('Known to staff').check();
    await panel.getByRole('button', { name: 'Ask them to sign on the visitor screen' }).click();
    await panel.getByText('Waiting for the signature on the visitor screen…').waitFor();

    await visitorScreen.bringToFront();
    await visitorScreen.getByRole('heading', { name: 'Please sign below to confirm you have collected the item.' }).waitFor({ timeout: 10_000 });
    const canvas = visitorScreen.getByRole('img', { name: /Your signature/ });
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await visitorScreen.mouse.move(box.x + 40, box.y + box.height / 2);
    await visitorScreen.mouse.down();
    for (let i = 1; i <= 12; i++) await visitorScreen.mouse.move(box.x + 40 + i * 30, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 3 });
    await visitorScreen.mouse.up();
    await screenshot(visitorScreen, 'visitor-screen-signature');
    await visitorScreen.getByRole('button', { name: 'Done' }).click();
    await visitorScreen.getByTestId('signed').waitFor();
    expect(problems.pageErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);

    await office.bringToFront();
    await panel.getByRole('img', { name: 'The signature drawn on the visitor screen' }).waitFor({ timeout: 10_000 });
    await checkScreen(office, officeProblems, 'confiscation-release-visitor-screen-signature');
    await panel.getByRole('button', { name: 'Release the device' }).click();
    await office.getByText('Released to Ana Quillwick. The signature is on the record.').waitFor();
    const png = h.preview.kdb.db.prepare('SELECT png FROM confiscation_signatures').pluck().get() as Buffer;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(detail.contacts).toHaveLength(1);
  });
});

