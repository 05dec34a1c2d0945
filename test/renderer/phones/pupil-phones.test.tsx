import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PupilItemRecord, PupilPhones } from '../../../electron/api/contract';
import { EMPTY_SEARCH, usePupilsUi } from '../../../renderer/staff/pupils/state';
import { fail, ok } from '../fake-kiosk';
import { detail } from '../pupils/fixtures';
import { description, fakeKiosk, renderStaff, type Role } from '../staff/harness';

beforeEach(() => usePupilsUi.setState({ search: EMPTY_SEARCH, flash: null }));
afterEach(cleanup);

const YEAR = new Date().getFullYear();

function phones(over: Partial<PupilPhones> = {}): PupilPhones {
  return { pupilId: 2, eligible: true, permitted: false, slot: null, permissions: [], arrangement: null, pastArrangements: [], items: [], ...over };
}

const GRANT = { id: 5, pupilId: 2, granted: true, contactId: 10, contactName: 'Aoife O’Brien', reason: 'Walks to and from school alone', day: `${YEAR}-09-03`, at: `${YEAR}-09-03T08:30:00.000Z`, by: 'Priya Shah' };

const PERMITTED = phones({ permitted: true, slot: 12, permissions: [GRANT] });

const ARRANGEMENT = {
  id: 3,
  pupilId: 2,
  forename: 'Seán',
  surname: 'O’Brien',
  regGroup: '5W',
  device: 'Phone for a glucose monitor',
  reason: 'Medical monitoring (type 1 diabetes)',
  agreedBy: 'Mrs Okafor',
  agreedOn: '2026-03-02',
  reviewOn: '2026-11-01',
  writtenAgreementReceived: false,
  reviewOverdue: true,
};

function item(over: Partial<PupilItemRecord> & { itemId: number; day: string }): PupilItemRecord {
  return {
    pupilId: 2,
    forename: 'Seán',
    surname: 'O’Brien',
    yearGroup: 5,
    regGroup: '5W',
    slot: 12,
    kind: 'phone',
    description: '',
    permitted: true,
    parentOnly: false,
    checkedInAt: `${over.day}T08:41:00.000Z`,
    checkedInBy: 'Priya Shah',
    checkedOutAt: `${over.day}T15:20:00.000Z`,
    checkedOutBy: 'Priya Shah',
    collectedBy: 'pupil',
    ...over,
  };
}

/** The Phone section of the pupil's page (found by its heading, as a person would). */
async function phoneSection(): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 2, name: 'Phone' });
  const section = heading.closest('section')!;
  await within(section).findAllByText(/permission/i);
  return section;
}

function open(kiosk: ReturnType<typeof fakeKiosk>, role: Role = 'office') {
  return renderStaff('/staff/pupils/2', { role, staffId: role === 'office' ? 2 : 3, kiosk });
}

describe('a pupil’s phone permission', () => {
  it('gives permission from the inline form, with the contact and reason, and then shows the new status and the card hint', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      getPupil: () => ok(detail({ card: null })),
      getPupilPhones: () => ok(phones()),
      grantPhonePermission: () => ok(PERMITTED),
    });
    open(kiosk);
    const section = await phoneSection();
    expect(kiosk.getPupilPhones).toHaveBeenCalledWith({ pupilId: 2 });
    expect(within(section).getByText(/^No permission/)).toBeTruthy();
    expect(within(section).queryByText(/needs a pupil card/)).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Give permission' }));
    const given = within(section).getByLabelText('Given by');
    // a contact marked "must not collect / no contact" cannot be chosen
    expect(within(given).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a contact', 'Aoife O’Brien (Mother)']);
    await user.selectOptions(given, 'Aoife O’Brien (Mother)');
    await user.type(within(section).getByLabelText('Reason'), 'Walks to and from school alone');
    await user.click(within(section).getByRole('button', { name: 'Save' }));

    expect(kiosk.grantPhonePermission).toHaveBeenCalledWith({ pupilId: 2, contactId: 10, reason: 'Walks to and from school alone' });
    expect(await within(section).findByText('Seán O’Brien now has permission to bring a phone.')).toBeTruthy();
    const status = within(section).getByText('Has permission to bring a phone').parentElement!;
    expect(status.textContent).toMatch(new RegExp(`^Has permission to bring a phone \\(given by Aoife O’Brien on 3 September: walks to and from school alone\\)\\. Slot 12\\.$`));
    expect(within(section).queryByRole('button', { name: 'Give permission' })).toBeNull();
    expect(within(section).getByRole('button', { name: 'Withdraw permission' })).toBeTruthy();
    expect(within(section).getByText('Seán needs a pupil card.')).toBeTruthy();
  });

  it('asks which contact before sending, and shows the API’s error next to its field, keeping what was typed', async () => {
    const user = userEvent.setup();
    const message = 'Enter the reason (for example, walks to and from school alone).';
    const kiosk = fakeKiosk({
      getPupil: () => ok(detail()),
      getPupilPhones: () => ok(phones()),
      grantPhonePermission: (input) =>
        input!.reason.trim() === ''
          ? fail({ code: 'RULE', message, field: 'reason' })
          : fail({ code: 'RULE', message: 'Only pupils in Years 5, 6 can be given permission to bring a phone (see Settings).', field: 'pupilId' }),
    });
    open(kiosk);
    const section = await phoneSection();
    await user.click(within(section).getByRole('button', { name: 'Give permission' }));
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(kiosk.grantPhonePermission).not.toHaveBeenCalled();
    const given = within(section).getByLabelText('Given by');
    expect(given.getAttribute('aria-invalid')).toBe('true');
    expect(description(given)).toBe('Choose which of Seán’s contacts gave permission.');

    await user.selectOptions(given, 'Aoife O’Brien (Mother)');
    await user.type(within(section).getByLabelText('Reason'), '   ');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(kiosk.grantPhonePermission).toHaveBeenCalledWith({ pupilId: 2, contactId: 10, reason: '   ' });
    const reason = within(section).getByLabelText('Reason');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(description(reason)).toContain(message);
    expect(given.getAttribute('aria-invalid')).toBeNull();
    expect((given as HTMLSelectElement).value).toBe('10');

    // a message about the pupil (no field on this form) is said for the whole form
    await user.type(reason, 'Walks home');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    const alert = await within(section).findByText(/Only pupils in Years 5, 6/);
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBeNull();
    expect((reason as HTMLInputElement).value).toBe('   Walks home');
  });

  it.each([
    ['office', 'set in Settings by an administrator'],
    ['admin', 'Settings › Phones'],
  ] as const)('shows a Year 3 pupil (%s) the reason instead of a grant form', async (role, where) => {
    const kiosk = fakeKiosk({
      getPupil: () => ok(detail({ yearGroup: 3, regGroup: '3W' })),
      getPupilPhones: () => ok(phones({ eligible: false })),
    });
    open(kiosk, role);
    const section = await phoneSection();
    expect(within(section).getByText(/^No permission/)).toBeTruthy();
    const why = await within(section).findByText(/Only Years 5 and 6 can be given permission/);
    expect(why.textContent).toBe(`Only Years 5 and 6 can be given permission (${where}).`);
    if (role === 'admin') expect(within(why).getByRole('link', { name: 'Settings › Phones' }).getAttribute('href')).toBe('/staff/settings/phones');
    expect(within(section).queryByRole('button', { name: 'Give permission' })).toBeNull();
    expect(within(section).queryByLabelText('Given by')).toBeNull();
    expect(kiosk.grantPhonePermission).not.toHaveBeenCalled();
  });

  it('withdraws permission with a reason, after "Withdraw permission"', async () => {
    const user = userEvent.setup();
    const withdrawn = phones({ permissions: [GRANT, { ...GRANT, id: 6, granted: false, contactId: null, contactName: null, reason: 'Parent asked', day: `${YEAR}-11-20` }] });
    const kiosk = fakeKiosk({
      getPupil: () => ok(detail()),
      getPupilPhones: () => ok(PERMITTED),
      withdrawPhonePermission: () => ok(withdrawn),
    });
    open(kiosk);
    const section = await phoneSection();
    expect(within(section).getByText(/Slot 12\./)).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Withdraw permission' }));
    expect(kiosk.withdrawPhonePermission).not.toHaveBeenCalled();
    await user.type(within(section).getByLabelText('Reason'), 'Parent asked');
    await user.click(within(section).getByRole('button', { name: 'Yes, withdraw permission' }));
    expect(kiosk.withdrawPhonePermission).toHaveBeenCalledWith({ pupilId: 2, reason: 'Parent asked' });
    expect(await within(section).findByText('Permission for Seán O’Brien to bring a phone is withdrawn.')).toBeTruthy();
    expect(within(section).getByText(/^No permission/)).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Withdraw permission' })).toBeNull();
    // the permission history, newest first
    const history = within(section).getByRole('table', { name: /Permission given and withdrawn/ });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['Withdrawn', 'Given by Aoife O’Brien']);
    expect(within(rows[0]!).getByText('Parent asked')).toBeTruthy();
  });
});

describe('a pupil’s exceptional arrangement (6.3.4)', () => {
  it('shows office staff the arrangement read-only, with the overdue review and the missing agreement in words', async () => {
    const kiosk = fakeKiosk({ getPupil: () => ok(detail()), getPupilPhones: () => ok(phones({ arrangement: ARRANGEMENT })) });
    open(kiosk, 'office');
    const section = await phoneSection();
    expect(within(section).getByText('Phone for a glucose monitor')).toBeTruthy();
    expect(within(section).getByText('Mrs Okafor')).toBeTruthy();
    expect(within(section).getByText(/^Review overdue:/).parentElement!.textContent).toMatch(/the review date, Sunday 1 November( 2026)?, has passed/);
    expect(within(section).getByText('Not received yet')).toBeTruthy();
    expect(within(section).getByText(/Leadership records these arrangements/)).toBeTruthy();
    expect(within(section).queryByRole('button', { name: /arrangement/i })).toBeNull();
    expect(within(section).queryByLabelText('Device')).toBeNull();
  });

  it('lets leadership record one, sending exactly what was entered', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      getPupil: () => ok(detail()),
      getPupilPhones: () => ok(phones()),
      setDeviceArrangement: (input) => ok(phones({ arrangement: { ...ARRANGEMENT, ...input!, reviewOverdue: false } })),
    });
    open(kiosk, 'leadership');
    const section = await phoneSection();
    expect(within(section).queryByText(/Leadership records these arrangements/)).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'Record an arrangement' }));
    await user.type(within(section).getByLabelText('Device'), 'Phone for a glucose monitor');
    await user.type(within(section).getByLabelText('Agreed by'), 'Mrs Okafor');
    await user.type(within(section).getByLabelText('Reason'), 'Medical monitoring');
    fireEvent.change(within(section).getByLabelText('Date agreed'), { target: { value: '2026-11-02' } });
    fireEvent.change(within(section).getByLabelText('Review date'), { target: { value: '2027-03-01' } });
    await user.click(within(section).getByLabelText('Written agreement received'));
    await user.click(within(section).getByRole('button', { name: 'Save the arrangement' }));
    expect(kiosk.setDeviceArrangement).toHaveBeenCalledWith({
      pupilId: 2,
      device: 'Phone for a glucose monitor',
      reason: 'Medical monitoring',
      agreedBy: 'Mrs Okafor',
      agreedOn: '2026-11-02',
      reviewOn: '2027-03-01',
      writtenAgreementReceived: true,
    });
    expect(await within(section).findByText('The arrangement for Seán O’Brien is recorded.')).toBeTruthy();
    expect(within(section).getByText('Received')).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Replace the arrangement' })).toBeTruthy();
    expect(within(section).getByText(/Keeps a device in school/)).toBeTruthy();
  });

  it('shows leadership the server’s error next to the review date, and ends an arrangement after asking', async () => {
    const user = userEvent.setup();
    const message = 'The review date must be on or after the date it was agreed.';
    const kiosk = fakeKiosk({
      getPupil: () => ok(detail()),
      getPupilPhones: () => ok(phones({ arrangement: ARRANGEMENT })),
      setDeviceArrangement: () => fail({ code: 'RULE', message, field: 'reviewOn' }),
      endDeviceArrangement: () => ok(phones({ pastArrangements: [ARRANGEMENT] })),
    });
    open(kiosk, 'admin');
    const section = await phoneSection();
    await user.click(within(section).getByRole('button', { name: 'Replace the arrangement' }));
    // replacing starts from the current arrangement
    expect((within(section).getByLabelText('Device') as HTMLInputElement).value).toBe('Phone for a glucose monitor');
    fireEvent.change(within(section).getByLabelText('Review date'), { target: { value: '2026-01-01' } });
    await user.click(within(section).getByRole('button', { name: 'Save the arrangement' }));
    expect(kiosk.setDeviceArrangement).toHaveBeenCalledWith(expect.objectContaining({ pupilId: 2, reviewOn: '2026-01-01', agreedOn: '2026-03-02' }));
    const review = within(section).getByLabelText('Review date');
    await waitFor(() => expect(description(review)).toContain(message));
    expect(within(section).getByLabelText('Date agreed').getAttribute('aria-invalid')).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Cancel' }));
    await user.click(within(section).getByRole('button', { name: 'End the arrangement' }));
    expect(kiosk.endDeviceArrangement).not.toHaveBeenCalled();
    await user.click(within(section).getByRole('button', { name: 'Yes, end the arrangement' }));
    expect(kiosk.endDeviceArrangement).toHaveBeenCalledWith({ pupilId: 2 });
    expect(await within(section).findByText(/No current arrangement/)).toBeTruthy();
    expect(within(section).getByRole('table', { name: 'Earlier arrangements' })).toBeTruthy();
  });
});

describe('a pupil’s phone history', () => {
  it('lists the items newest first, in words, the latest 20 until "Show all"', async () => {
    const user = userEvent.setup();
    const items = [
      item({ itemId: 30, day: '2026-11-26', checkedOutAt: null, checkedOutBy: null, collectedBy: null }),
      item({ itemId: 29, day: '2026-11-25', kind: 'smartwatch', slot: null, permitted: false, parentOnly: true, collectedBy: 'Aoife O’Brien' }),
      ...Array.from({ length: 22 }, (_, i) => item({ itemId: 28 - i, day: `2026-10-${String(28 - i).padStart(2, '0')}` })),
    ];
    const kiosk = fakeKiosk({ getPupil: () => ok(detail()), getPupilPhones: () => ok({ ...PERMITTED, items }) });
    open(kiosk);
    const section = await phoneSection();
    const table = within(section).getByRole('table', { name: /Items handed in, newest first/ });
    let rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(20);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toMatch(/^Thursday 26 November/);
    expect(rows[0]!.textContent).toMatch(/Not collected: still in the office/);
    expect(rows[1]!.textContent).toMatch(/Smartwatch.*Held without permission.*Parent\/carer only/);
    expect(within(rows[1]!).getAllByRole('cell')[3]!.textContent).toMatch(/^\d\d:\d\d to Aoife O’Brien, by Priya Shah$/);
    expect(within(rows[2]!).getAllByRole('cell')[2]!.textContent).toMatch(/^\d\d:\d\d, by Priya Shah$/);
    await user.click(within(section).getByRole('button', { name: 'Show all 24 items' }));
    rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(24);
  });
});
