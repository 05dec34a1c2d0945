/**
 * End to end in real Chromium, who may read what (issue 13): office staff open a confiscation whose
 * chain carries a DSL's decisions, and a pupil with a "must not collect" contact; their screens say
 * that a DSL decided and who, and hold none of the details (not even in the page's HTML). The DSL's
 * screen shows them, and the DSL then finds that view in Reports › Who viewed DSL-only details.
 * Screenshots and axe on each screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PupilSummary } from '../../electron/api/contract';
import { kioskSession, type Session } from '../../electron/api/session';
import { b64 } from '../api/inputs';
import { browserSkipReason } from './browser';
import { apiOn, checkScreen, startHarness, unlockPage, type Harness } from './harness';

const skip = browserSkipReason();
if (skip) console.log(`e2e dsl-only: ${skip}`);

const ADMIN_PIN = '246813';
const OFFICE_PIN = '582047';
const DSL_PIN = '864213';
const admin: Session = { kind: 'staff', staffId: 1, role: 'admin', dsl: false };
const dsl: Session = { kind: 'staff', staffId: 3, role: 'leadership', dsl: true };
/** What only a DSL may read, as the records hold it. */
const SECRETS = ['Disclosure at home', 'CPOMS 4471', 'Evidence for the police', 'PC Ruth Ames', 'KT-2291', 'CR/44/2026', 'EB-99817', 'Court order'];

let h: Harness;
const api = <T>(session: Session, channel: string, input?: unknown) => apiOn(h)<T>(session, channel, input);
let office: Page;
let dslPage: Page;
let problems: Awaited<ReturnType<Harness['open']>>['problems'];
let pupilId: number;

async function go(p: Page, route: string, heading: string | RegExp): Promise<void> {
  await p.evaluate((r) => {
    location.hash = r;
  }, route);
  await p.getByRole('heading', { name: heading, level: 1 }).first().waitFor();
}

beforeAll(async () => {
  if (skip) return;
  h = await startHarness(new Date('2026-11-25T10:15:00Z'));
  await api(kioskSession, 'setupSchool', { schoolName: 'Ramsgate Arts Primary School', adminName: 'Ms Hall', pin: ADMIN_PIN });
  await api(admin, 'createStaff', { name: 'Mrs Office', role: 'office', dsl: false, pin: OFFICE_PIN });
  await api(admin, 'createStaff', { name: 'Mr Patel', role: 'leadership', dsl: true, pin: DSL_PIN });
  await api(admin, 'importRoll', { file: b64('Adno,UPN,Forename,Surname,Year,Reg\r\n1001,,Zoë,Quillwick,5,5W\r\n'), fileName: 'roll.csv' });
  const [zoe] = (await api<PupilSummary[]>(admin, 'searchPupils', { query: 'zoe' }))!;
  pupilId = zoe!.id;
  await api(admin, 'addContact', { pupilId, name: 'Ana Quillwick', relationship: 'Mother', phone: '07700 900123', mayCollect: true });
  const ben = await api<{ id: number }>(admin, 'addContact', { pupilId, name: 'Ben Quillwick', relationship: 'Father', phone: '', mayCollect: true });
  await api(dsl, 'setNoContact', { id: ben.id, noContact: true, category: 'court-order' });
  const office1: Session = { kind: 'staff', staffId: 2, role: 'office', dsl: false };
  await api(office1, 'recordConfiscation', { pupilId, deviceType: 'phone', description: 'Black iPhone', power: 'off', ground: 'child-protection', confiscatedBy: 'Mrs Lunch' });
  await api(dsl, 'recordParentsNotInformed', { id: 1, decidedBy: 'Mr Patel', reason: 'Disclosure at home' });
  await api(office1, 'recordDslInformed', { id: 1, reference: 'CPOMS 4471' });
  await api(dsl, 'setConfiscationHold', { id: 1, hold: true, reason: 'Evidence for the police' });
  await api(dsl, 'setConfiscationHold', { id: 1, hold: false });
  await api(dsl, 'handToPolice', { id: 1, officer: 'PC Ruth Ames', shoulderNumber: 'KT-2291', crimeReference: 'CR/44/2026', sealNumber: 'EB-99817', receiptReceived: true });
  ({ page: office, problems } = await h.open('/'));
  await unlockPage(office, 2, OFFICE_PIN);
  ({ page: dslPage } = await h.open('/'));
  await unlockPage(dslPage, 3, DSL_PIN);
  await office.bringToFront();
});
afterAll(async () => {
  await h?.close();
});

describe.skipIf(!!skip)('DSL-only details, in Chromium', () => {
  it('shows office staff that a DSL decided and who, and none of the details', async () => {
    await go(office, '#/staff/confiscations/1', 'Phone from Zoë Quillwick');
    const chain = office.getByRole('list', { name: 'Chain of custody' });
    await chain.getByText('Parents/carers not informed: a DSL decision by Mr Patel').waitFor();
    await chain.getByText('Handed to the police').waitFor();
    expect(await chain.getByText('The details are for DSLs only.').count()).toBe(4);
    const html = await office.content();
    for (const s of SECRETS) expect(html).not.toContain(s);
    await checkScreen(office, problems, 'dsl-only-record-office');

    await go(office, `#/staff/pupils/${pupilId}`, 'Zoë Quillwick');
    await office.getByText('Must not collect / no contact: a DSL decision by Mr Patel.').waitFor();
    expect(await office.content()).not.toContain('Court order');
    await checkScreen(office, problems, 'dsl-only-contacts-office');
    await go(office, '#/staff/reports', 'Reports');
    expect(await office.getByRole('link', { name: 'Who viewed DSL-only details' }).count()).toBe(0);
  });

  it('shows the DSL every detail, and lists that view in Reports', async () => {
    await dslPage.bringToFront();
    await go(dslPage, '#/staff/confiscations/1', 'Phone from Zoë Quillwick');
    const chain = dslPage.getByRole('list', { name: 'Chain of custody' });
    await chain.getByText('Disclosure at home').waitFor();
    const text = await chain.innerText();
    for (const s of SECRETS.filter((x) => x !== 'Court order')) expect(text).toContain(s);
    await checkScreen(dslPage, problems, 'dsl-only-record-dsl');

    await go(dslPage, '#/staff/reports', 'Reports');
    await dslPage.getByRole('link', { name: 'Who viewed DSL-only details' }).click();
    await dslPage.getByRole('heading', { name: 'Who viewed DSL-only details', level: 1 }).waitFor();
    const table = dslPage.getByRole('table', { name: 'Views of DSL-only details, newest first' });
    await table.getByRole('link', { name: 'Phone from Zoë Quillwick (Black iPhone)' }).waitFor();
    expect(await table.getByRole('cell', { name: 'Mr Patel' }).count()).toBe(1);
    await checkScreen(dslPage, problems, 'dsl-only-views');
  });
});
