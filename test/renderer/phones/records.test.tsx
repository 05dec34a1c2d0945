import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Arrangement, Movement, NotCollectedItem, PermittedPupil, PhoneTerm, ResultOf } from '../../../electron/api/contract';
import { schoolYearStart } from '../../../renderer/print/layouts/PhoneLog';
import { fail, ok, SETTINGS } from '../fake-kiosk';
import { move } from './fixtures';
import { description, fakeKiosk, renderStaff } from '../staff/harness';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// ---- fixtures -----------------------------------------------------------------------------------

const AMARA: PermittedPupil = {
  pupilId: 51,
  forename: 'Amara',
  surname: 'Ashdown',
  yearGroup: 5,
  regGroup: '5W',
  slot: 3,
  grantedOn: '2026-09-04',
  grantedByContact: 'Jo Ashdown',
  hasCard: true,
};
const BEN: PermittedPupil = { ...AMARA, pupilId: 62, forename: 'Ben', surname: 'Birchall', yearGroup: 6, regGroup: '6W', slot: null, grantedOn: '2026-11-02', grantedByContact: 'Sam Birchall', hasCard: false };

function arrangement(over: Partial<Arrangement> & { id: number }): Arrangement {
  return {
    pupilId: 55,
    forename: 'Ella',
    surname: 'Ellery',
    regGroup: '5W',
    device: 'Phone for a glucose monitor',
    reason: 'Type 1 diabetes: the phone reads the monitor',
    agreedBy: 'Mrs Khan',
    agreedOn: '2026-09-07',
    reviewOn: '2027-02-01',
    writtenAgreementReceived: true,
    reviewOverdue: false,
    ...over,
  };
}
// the server's order (by review date) is not trusted: the overdue one is sent second here
const ARRANGEMENTS: Arrangement[] = [
  arrangement({ id: 1 }),
  arrangement({ id: 2, pupilId: 64, forename: 'Keira', surname: 'Kestrel', regGroup: '6W', device: 'Smartwatch', reason: 'Heart monitoring', reviewOn: '2026-11-20', reviewOverdue: true, writtenAgreementReceived: false }),
];

const WATCH: NotCollectedItem = {
  itemId: 40,
  pupilId: 33,
  forename: 'Dev',
  surname: 'Dunmore',
  yearGroup: 3,
  regGroup: '3W',
  day: '2026-11-26',
  slot: null,
  kind: 'smartwatch',
  description: 'Black strap',
  permitted: false,
  parentOnly: true,
  checkedInAt: '2026-11-26T08:44:00.000Z',
  fromPreviousSchoolDay: true,
};

const REGISTER: ResultOf<'getPhoneRegister'> = { permitted: [AMARA, BEN], arrangements: ARRANGEMENTS, notCollected: [WATCH] };

const MOVEMENTS: Movement[] = [
  move({ itemId: 1, movement: 'check-in', time: '08:41' }),
  move({ itemId: 2, movement: 'taken-in', time: '08:47', pupilId: 33, forename: 'Dev', surname: 'Dunmore', regGroup: '3W', slot: null, kind: 'smartwatch', description: 'Black strap' }),
  move({ itemId: 1, movement: 'check-out', time: '15:21', collectedBy: 'pupil', by: 'Priya Shah' }),
];

const TERM: PhoneTerm = {
  from: '2026-09-01',
  to: '2026-11-27',
  checkIns: 412,
  itemsCheckedIn: 431,
  heldWithoutPermission: 2,
  notCollected: 1,
  heldWithoutPermissionItems: [
    { ...WATCH, checkedOutAt: null, collectedByPupil: false, collectedByContactId: null, collectedBy: null },
    {
      ...WATCH,
      itemId: 12,
      pupilId: 21,
      forename: 'Finn',
      surname: 'Fairlie',
      regGroup: '2W',
      day: '2026-10-05',
      kind: 'phone',
      description: '',
      checkedOutAt: '2026-10-05T15:20:00.000Z',
      collectedByPupil: false,
      collectedByContactId: 7,
      collectedBy: 'Jo Fairlie',
    },
  ],
};

const DAY: ResultOf<'getSchoolDay'> = { date: '2026-11-27', isSchoolDay: true, closure: null, nextSchoolDay: '2026-11-30', previousSchoolDay: '2026-11-26' };

function phones(overrides: Parameters<typeof fakeKiosk>[0] = {}) {
  return fakeKiosk({
    getPhoneRegister: () => ok(REGISTER),
    getSchoolDay: () => ok(DAY),
    getPhoneLog: (input) => ok({ day: input?.day ?? DAY.date, movements: input?.day === '2026-11-26' ? MOVEMENTS.slice(0, 1) : MOVEMENTS }),
    getPhoneTerm: (input) => ok({ ...TERM, from: input!.from, to: input!.to }),
    ...overrides,
  });
}

function cells(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

function rowOf(name: string | RegExp, container: HTMLElement = document.body): HTMLElement {
  return within(container).getByRole('rowheader', { name }).closest('tr')!;
}

// ---- the register -------------------------------------------------------------------------------

describe('Phones register', () => {
  it('lists the pupils with permission: class, slot (or when it is given), who gave permission and when, and their card', async () => {
    const { kiosk } = renderStaff('/staff/phones/register', { kiosk: phones() });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Pupils with permission (2)' })).closest('section')!;
    expect(kiosk.getPhoneRegister).toHaveBeenCalled();
    expect(cells(rowOf('Amara Ashdown', section))).toEqual(['5W', 'Slot 3', 'Friday 4 September 2026by Jo Ashdown', 'Issued']);
    expect(cells(rowOf('Ben Birchall', section))).toEqual(['6W', 'Given at first check-in', 'Monday 2 November 2026by Sam Birchall', 'No card']);
    expect(within(section).getByRole('link', { name: 'Amara Ashdown' }).getAttribute('href')).toBe('/staff/pupils/51');
    expect(within(section).getByText('1 pupil has no card yet: printing the cards issues one.')).toBeTruthy();
    expect(within(section).getByRole('link', { name: 'Pupils' }).getAttribute('href')).toBe('/staff/pupils');
  });

  it('says “Next free slot each day” for a pupil without a slot when slots are not fixed', async () => {
    renderStaff('/staff/phones/register', { kiosk: phones({ getSettings: () => ok({ ...SETTINGS, phoneSlotMode: 'next-free' }) }) });
    await screen.findByRole('heading', { level: 2, name: 'Pupils with permission (2)' });
    await waitFor(() => expect(cells(rowOf('Ben Birchall'))[1]).toBe('Next free slot each day'));
    expect(cells(rowOf('Amara Ashdown'))[1]).toBe('Slot 3');
  });

  it('lists the arrangements with the overdue review first, in words, and whether the written agreement is in', async () => {
    renderStaff('/staff/phones/register', { kiosk: phones() });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Exceptional arrangements (6.3.4) (2)' })).closest('section')!;
    const items = within(section).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading', { level: 3 }).textContent)).toEqual(['Keira Kestrel, class 6W', 'Ella Ellery, class 5W']);
    const [overdue, current] = items as [HTMLElement, HTMLElement];
    expect(within(overdue).getByText('Review overdue since Friday 20 November 2026')).toBeTruthy();
    expect(within(overdue).getByText('Smartwatch')).toBeTruthy();
    expect(within(overdue).getByText('Heart monitoring')).toBeTruthy();
    expect(within(overdue).getByText('Mrs Khan')).toBeTruthy();
    expect(within(overdue).getByText('Written agreement received').nextElementSibling!.textContent).toBe('No, not yet');
    expect(within(overdue).getByRole('link', { name: 'Keira Kestrel' }).getAttribute('href')).toBe('/staff/pupils/64');
    expect(within(current).queryByText(/Review overdue/)).toBeNull();
    expect(within(current).getByText('Review due Monday 1 February 2027')).toBeTruthy();
    expect(within(current).getByText('Written agreement received').nextElementSibling!.textContent).toBe('Yes');
    expect(within(section).getByText('1 arrangement is past the review date. Ask the Head of School to review it.')).toBeTruthy();
  });

  it('lists items not collected from an earlier day, with the way to Home time', async () => {
    renderStaff('/staff/phones/register', { kiosk: phones() });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Not collected (1)' })).closest('section')!;
    const row = rowOf('Dev Dunmore', section);
    expect(cells(row)).toEqual(['Thursday 26 November 2026Parent/carer only', '3W', 'Smartwatch (Black strap)', 'Held without permission']);
    expect(within(section).getByRole('link', { name: 'Go to Home time' }).getAttribute('href')).toBe('/staff/phones/home-time');
  });

  it('says so when there is nothing to list', async () => {
    renderStaff('/staff/phones/register', { kiosk: phones({ getPhoneRegister: () => ok({ permitted: [], arrangements: [], notCollected: [] }) }) });
    expect(await screen.findByText('No pupil has permission to bring a phone yet.')).toBeTruthy();
    expect(screen.getByText('No pupil has an exceptional arrangement.')).toBeTruthy();
    expect(screen.getByText('Nothing handed in on an earlier day is still held.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Print cards for these pupils' })).toBeNull();
  });

  it('prints the cards of every pupil with permission, then shows the cards just issued', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff/phones/register', { kiosk: phones({ print: () => ok({ via: 'printer' as const, printed: true as const }) }) });
    await user.click(await screen.findByRole('button', { name: 'Print cards for these pupils' }));
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/pupil-cards?phones=1', paper: 'a4' });
    expect(await screen.findByText('The cards for 2 pupils with permission were sent to the printer.')).toBeTruthy();
    // Ben had no card: printing issued one, so the register is asked again
    await waitFor(() => expect(kiosk.getPhoneRegister).toHaveBeenCalledTimes(2));
  });

  it('says why the cards were not printed', async () => {
    const user = userEvent.setup();
    renderStaff('/staff/phones/register', { kiosk: phones({ print: () => ok({ via: 'printer' as const, printed: false as const, message: 'the printer did not answer.' }) }) });
    await user.click(await screen.findByRole('button', { name: 'Print cards for these pupils' }));
    expect((await screen.findByText('the printer did not answer.')).closest('[role="alert"]')).toBeTruthy();
  });
});

// ---- the daily log ------------------------------------------------------------------------------

describe('Phones daily log', () => {
  it('shows today’s movements in time order, in words', async () => {
    const { kiosk } = renderStaff('/staff/phones/log', { kiosk: phones() });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Daily log' })).closest('section')!;
    await within(section).findByRole('heading', { level: 3, name: 'Friday 27 November 2026' });
    expect(kiosk.getPhoneLog).toHaveBeenCalledWith({ day: '2026-11-27' });
    expect(within(section).getByLabelText('Day')).toHaveProperty('value', '2026-11-27');
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows.map((r) => cells(r))).toEqual([
      ['08:41', 'Checked in', '5W', '3', 'Phone', '', 'Olly Office'],
      ['08:47', 'Taken in without permission', '3W', 'None', 'Smartwatch (Black strap)', '', 'Olly Office'],
      ['15:21', 'Handed back', '5W', '3', 'Phone', 'Pupil', 'Priya Shah'],
    ]);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Amara Ashdown', 'Dev Dunmore', 'Amara Ashdown']);
    expect(within(section).getByText('3 movements: 1 checked in, 1 taken in without permission, 1 handed back.')).toBeTruthy();
  });

  it('shows the log of the day chosen', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff/phones/log', { kiosk: phones() });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Daily log' })).closest('section')!;
    await within(section).findByText(/^3 movements/);
    const field = within(section).getByLabelText('Day');
    await user.clear(field);
    await user.type(field, '2026-11-26');
    await user.click(within(section).getByRole('button', { name: 'Show the log' }));
    expect(kiosk.getPhoneLog).toHaveBeenLastCalledWith({ day: '2026-11-26' });
    expect(await within(section).findByRole('heading', { level: 3, name: 'Thursday 26 November 2026' })).toBeTruthy();
    expect(within(section).getAllByRole('row')).toHaveLength(2);
    expect(within(section).getByText('1 movement: 1 checked in, 0 taken in without permission, 0 handed back.')).toBeTruthy();
  });

  it('asks for a day when the field is empty, at the field, and asks nothing of the server', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff/phones/log', { kiosk: phones() });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Daily log' })).closest('section')!;
    await within(section).findByText(/^3 movements/);
    const field = within(section).getByLabelText('Day');
    await user.clear(field);
    await user.click(within(section).getByRole('button', { name: 'Show the log' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(description(field)).toBe('Enter the day of the log, for example 27/11/2026.');
    expect(kiosk.getPhoneLog).toHaveBeenCalledTimes(1);
  });

  it('shows the server’s complaint about the day at the field', async () => {
    const user = userEvent.setup();
    const message = 'Date must be a real date like 2026-09-03.';
    const { kiosk } = renderStaff('/staff/phones/log', {
      kiosk: phones({ getPhoneLog: (input) => (input?.day === '2026-11-27' ? ok({ day: '2026-11-27', movements: MOVEMENTS }) : fail({ code: 'INVALID', message, field: 'day' })) }),
    });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Daily log' })).closest('section')!;
    await within(section).findByText(/^3 movements/);
    const field = within(section).getByLabelText('Day');
    await user.clear(field);
    await user.type(field, '1999-01-01');
    await user.click(within(section).getByRole('button', { name: 'Show the log' }));
    await waitFor(() => expect(description(field)).toBe(message));
    expect(kiosk.getPhoneLog).toHaveBeenLastCalledWith({ day: '1999-01-01' });
    expect(field).toHaveProperty('value', '1999-01-01');
  });

  it('saves the day’s log as a CSV download', async () => {
    const user = userEvent.setup();
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    const { kiosk } = renderStaff('/staff/phones/log', { kiosk: phones({ exportPhoneLog: () => ok({ fileName: 'phones-2026-11-27.csv', csv: 'Date,Time\r\n2026-11-27,08:41\r\n' }) }) });
    await user.click(await screen.findByRole('button', { name: 'Download CSV' }));
    expect(kiosk.exportPhoneLog).toHaveBeenCalledWith({ day: '2026-11-27' });
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.download).toBe('phones-2026-11-27.csv');
    const href = clicks[0]!.getAttribute('href')!;
    const bytes = Uint8Array.from(atob(href.split(',')[1]!), (c) => c.charCodeAt(0));
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFFDate,Time\r\n2026-11-27,08:41\r\n');
    expect(await screen.findByText('The log for Friday 27 November 2026 is saved as phones-2026-11-27.csv in your downloads.')).toBeTruthy();
  });

  it('prints the log of the day shown on A4', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff/phones/log', { kiosk: phones({ print: () => ok({ via: 'printer' as const, printed: true as const }) }) });
    await user.click(await screen.findByRole('button', { name: 'Print the log' }));
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/phone-log?day=2026-11-27', paper: 'a4' });
    expect(await screen.findByText('The log for Friday 27 November 2026 was sent to the printer.')).toBeTruthy();
  });

  it('says so when nothing moved that day', async () => {
    renderStaff('/staff/phones/log', { kiosk: phones({ getPhoneLog: () => ok({ day: '2026-11-27', movements: [] }) }) });
    expect(await screen.findByText('Nothing was handed in or back on this day.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: /Phones log/ })).toBeNull();
  });
});

// ---- the term summary ---------------------------------------------------------------------------

describe('Phones term summary', () => {
  it('starts at 1 September of the school year', () => {
    expect(schoolYearStart('2026-11-27')).toBe('2026-09-01');
    expect(schoolYearStart('2026-09-01')).toBe('2026-09-01');
    expect(schoolYearStart('2027-03-15')).toBe('2026-09-01');
    expect(schoolYearStart('2027-08-31')).toBe('2026-09-01');
  });

  it('shows the four figures and the items held without permission, from 1 September to today', async () => {
    const { kiosk } = renderStaff('/staff/phones/log', { kiosk: phones() });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Term summary' })).closest('section')!;
    await within(section).findByRole('heading', { level: 3, name: 'Tuesday 1 September 2026 to Friday 27 November 2026' });
    expect(kiosk.getPhoneTerm).toHaveBeenCalledWith({ from: '2026-09-01', to: '2026-11-27' });
    expect(within(section).getByLabelText('From')).toHaveProperty('value', '2026-09-01');
    expect(within(section).getByLabelText('To')).toHaveProperty('value', '2026-11-27');
    const figures = within(section)
      .getAllByRole('listitem')
      .map((li) => [li.querySelector('.rec-figure-n')!.textContent, li.querySelector('.rec-figure-what')!.textContent]);
    expect(figures).toEqual([
      ['412', 'check-ins'],
      ['431', 'items checked in'],
      ['2', 'held without permission'],
      ['1', 'not collected on the day'],
    ]);
    const table = within(section).getByRole('table', { name: 'Items held without permission (2)' });
    expect(cells(rowOf('Dev Dunmore', table))).toEqual(['Thursday 26 November 2026', '3W', 'Smartwatch', 'Black strap', 'Still held']);
    expect(cells(rowOf('Finn Fairlie', table))).toEqual(['Monday 5 October 2026', '2W', 'Phone', 'None', 'Jo Fairlie']);
    expect(within(section).getByText(/1 item is still held in the office/)).toBeTruthy();
  });

  it('asks for the dates chosen, and shows the server’s complaint at the To field, keeping both dates', async () => {
    const user = userEvent.setup();
    const message = 'The first date must be on or before the last.';
    const { kiosk } = renderStaff('/staff/phones/log', {
      kiosk: phones({ getPhoneTerm: (input) => (input!.from > input!.to ? fail({ code: 'INVALID', message, field: 'to' }) : ok({ ...TERM, from: input!.from, to: input!.to })) }),
    });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Term summary' })).closest('section')!;
    await within(section).findByText('412');
    const from = within(section).getByLabelText('From');
    const to = within(section).getByLabelText('To');
    await user.clear(from);
    await user.type(from, '2026-12-01');
    await user.click(within(section).getByRole('button', { name: 'Show the summary' }));
    expect(kiosk.getPhoneTerm).toHaveBeenLastCalledWith({ from: '2026-12-01', to: '2026-11-27' });
    await waitFor(() => expect(description(to)).toBe(message));
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(from.getAttribute('aria-invalid')).toBeNull();
    expect(from).toHaveProperty('value', '2026-12-01');

    await user.clear(from);
    await user.type(from, '2026-10-19');
    await user.clear(to);
    await user.type(to, '2026-10-30');
    await user.click(within(section).getByRole('button', { name: 'Show the summary' }));
    expect(kiosk.getPhoneTerm).toHaveBeenLastCalledWith({ from: '2026-10-19', to: '2026-10-30' });
    expect(await within(section).findByRole('heading', { level: 3, name: 'Monday 19 October 2026 to Friday 30 October 2026' })).toBeTruthy();
    expect(to.getAttribute('aria-invalid')).toBeNull();
  });
});
