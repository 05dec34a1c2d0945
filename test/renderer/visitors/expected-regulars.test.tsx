import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useHandover } from '../../../renderer/staff/visitors/state';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { CARD, invitation, INVITE_CODE, NOW, PRINTED, profile, SETUP, TODAY } from './data';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  useHandover.setState({ inviteFrom: null });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const GROUPED = 'KI QRST UVWX YZ23 4567';

describe('Visitors › Expected', () => {
  it('lists today’s invitations with their status in words, and another day when chosen', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listInvitations: (input) =>
        ok(
          input?.from === TODAY
            ? [invitation({ id: 1, name: 'Hana Ito' }), invitation({ id: 2, name: 'Leo Marsh', status: 'arrived' }), invitation({ id: 3, name: 'Kit Vale', status: 'cancelled' })]
            : [invitation({ id: 4, name: 'Ola Nowak', expectedOn: '2026-11-30' })],
        ),
      getVisitorSetup: () => ok(SETUP),
      listVisitorProfiles: () => ok([]),
    });
    renderStaff('/staff/visitors/expected', { kiosk, role: 'office', staffId: 2 });
    const hana = (await screen.findByText('Hana Ito')).closest('tr')!;
    expect(kiosk.listInvitations).toHaveBeenCalledWith({ from: TODAY, to: TODAY });
    expect(hana.textContent).toContain('Expected');
    expect(hana.textContent).toContain(GROUPED);
    expect(screen.getByText('Leo Marsh').closest('tr')!.textContent).toContain('Arrived');
    expect(screen.getByText('Kit Vale').closest('tr')!.textContent).toContain('Cancelled');
    expect(screen.getByRole('heading', { level: 3, name: /Today, Friday 27 November 2026/ })).toBeTruthy();
    const day = screen.getByLabelText('Expected on');
    await user.clear(day);
    await user.type(day, '2026-11-30');
    await waitFor(() => expect(kiosk.listInvitations).toHaveBeenLastCalledWith({ from: '2026-11-30', to: '2026-11-30' }));
    expect(await screen.findByText('Ola Nowak')).toBeTruthy();
  });

  it('invites a visitor: asks what the type asks for, shows the code large, prints it and gives the email text', async () => {
    const user = userEvent.setup();
    const made = invitation({ id: 8, name: 'Sam Carter', typeKey: 'contractor', typeLabel: 'Contractor', organisation: 'Brightwater Plumbing', expectedOn: '2026-11-30' });
    const kiosk = fakeKiosk({
      listInvitations: () => ok([]),
      getVisitorSetup: () => ok(SETUP),
      listVisitorProfiles: () => ok([]),
      createInvitation: () => ok(made),
      cancelInvitation: () => ok({ ...made, status: 'cancelled' as const }),
      print: PRINTED,
    });
    renderStaff('/staff/visitors/expected', { kiosk, role: 'office', staffId: 2 });
    await user.click(await screen.findByRole('button', { name: 'Invite a visitor' }));
    const form = await screen.findByRole('form', { name: 'Invite a visitor' });
    const types = within(form)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(types).toContain('Contractor');
    expect(types).not.toContain('Governor'); // switched off
    expect(within(form).queryByLabelText('Organisation')).toBeNull();
    await user.selectOptions(within(form).getByLabelText('Type of visitor'), 'Contractor');
    await user.type(within(form).getByLabelText('Name'), 'Sam Carter');
    await user.type(within(form).getByLabelText('Organisation'), 'Brightwater Plumbing');
    await user.type(within(form).getByLabelText('Who they are visiting'), 'Site manager');
    await user.type(within(form).getByLabelText('Car registration (optional)'), 'AB12 CDE');
    await user.type(within(form).getByLabelText('Work to be done'), 'Boiler service');
    await user.type(within(form).getByLabelText('Supervising member of staff'), 'Mr Jones');
    const date = within(form).getByLabelText('Date expected') as HTMLInputElement;
    expect(date.value).toBe(TODAY);
    await user.clear(date);
    await user.type(date, '2026-11-30');
    await user.click(within(form).getByRole('button', { name: 'Create the invitation' }));
    expect(kiosk.createInvitation).toHaveBeenCalledWith({
      typeKey: 'contractor',
      name: 'Sam Carter',
      organisation: 'Brightwater Plumbing',
      visiting: 'Site manager',
      carReg: 'AB12 CDE',
      work: 'Boiler service',
      supervisor: 'Mr Jones',
      expectedOn: '2026-11-30',
    });
    const panel = (await screen.findByRole('heading', { name: /Invitation made for Sam Carter, Monday 30 November 2026/ })).closest('section')!;
    expect(within(panel).getByText(GROUPED).className).toContain('vis-code');
    const email = within(panel).getByLabelText('Text to copy into an email') as HTMLTextAreaElement;
    expect(email.value).toBe(
      `Your visit to Oakfield Primary School on Monday 30 November 2026: at the entrance screen choose "I have an invitation code" and type ${GROUPED}`,
    );
    await user.click(within(panel).getByRole('button', { name: 'Print invitation' }));
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/invitation?id=8', paper: 'a4' });
    expect(await screen.findByText('The invitation for Sam Carter was printed.')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Cancel invitation' }));
    expect(kiosk.cancelInvitation).not.toHaveBeenCalled();
    await user.click(within(panel).getByRole('button', { name: 'Keep the invitation' }));
    await user.click(within(panel).getByRole('button', { name: 'Cancel invitation' }));
    expect(within(panel).getByText(/Its code will stop working/)).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Yes, cancel it' }));
    expect(kiosk.cancelInvitation).toHaveBeenCalledWith({ id: 8 });
    expect(await screen.findByText('The invitation for Sam Carter is cancelled.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel invitation' })).toBeNull();
  });

  it('shows a refused invitation next to the field', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listInvitations: () => ok([]),
      getVisitorSetup: () => ok(SETUP),
      listVisitorProfiles: () => ok([]),
      createInvitation: () => fail({ code: 'RULE', message: 'The date expected cannot be in the past.', field: 'expectedOn' }),
    });
    renderStaff('/staff/visitors/expected', { kiosk, role: 'office', staffId: 2 });
    await user.click(await screen.findByRole('button', { name: 'Invite a visitor' }));
    const form = await screen.findByRole('form', { name: 'Invite a visitor' });
    await user.click(within(form).getByRole('button', { name: 'Create the invitation' }));
    expect(kiosk.createInvitation).not.toHaveBeenCalled();
    expect(within(form).getByLabelText('Type of visitor').getAttribute('aria-invalid')).toBe('true');
    await user.selectOptions(within(form).getByLabelText('Type of visitor'), 'Parent/carer');
    await user.type(within(form).getByLabelText('Name'), 'Ann Lee');
    await user.click(within(form).getByRole('button', { name: 'Create the invitation' }));
    const date = within(form).getByLabelText('Date expected');
    expect(await within(date.closest('.field')!).findByText('The date expected cannot be in the past.')).toBeTruthy();
    expect(kiosk.createInvitation).toHaveBeenCalledWith({ typeKey: 'parent', name: 'Ann Lee', expectedOn: TODAY });
  });

  it('shows an invitation’s code from the list', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ listInvitations: () => ok([invitation({ id: 1, name: 'Hana Ito' })]), getVisitorSetup: () => ok(SETUP), listVisitorProfiles: () => ok([]) });
    renderStaff('/staff/visitors/expected', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByText('Hana Ito')).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Show the code' }));
    const panel = screen.getByRole('heading', { name: /Invitation for Hana Ito/ }).closest('section')!;
    expect(within(panel).getByText(GROUPED)).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Cancel invitation' })).toBeTruthy();
  });
});

describe('Visitors › Regular visitors', () => {
  const SEEN = profile({ id: 1, name: 'Sam Carter', dbsNumber: '001234567890', dbsIssuedOn: '2025-06-01', dbsSeenBy: 'Olly Office', dbsSeenOn: '2026-09-02', escort: 'unescorted' });
  const NOT_SEEN = profile({ id: 2, name: 'Vic Mole', typeKey: 'volunteer', typeLabel: 'Volunteer', organisation: '', cardToken: CARD });

  it('lists profiles with the escort status and the DBS check seen, and shows those not in use when asked', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listVisitorProfiles: (input) => ok(input?.includeInactive ? [SEEN, NOT_SEEN, profile({ id: 3, name: 'Old Timer', active: false })] : [SEEN, NOT_SEEN]),
      getVisitorSetup: () => ok(SETUP),
    });
    renderStaff('/staff/visitors/regulars', { kiosk, role: 'office', staffId: 2 });
    const sam = (await screen.findByText('Sam Carter')).closest('tr')!;
    expect(sam.textContent).toContain('DBS checked: unescorted');
    expect(sam.textContent).toContain('Certificate 001234567890, dated 1 June 2025; seen by Olly Office on 2 September 2026');
    const vic = screen.getByText('Vic Mole').closest('tr')!;
    expect(vic.textContent).toContain('Must be escorted');
    expect(vic.textContent).toContain('Not seen');
    expect(screen.queryByText('Old Timer')).toBeNull();
    await user.click(screen.getByLabelText('Show profiles not in use'));
    expect(await screen.findByText('Old Timer')).toBeTruthy();
    expect(kiosk.listVisitorProfiles).toHaveBeenLastCalledWith({ includeInactive: true });
    expect(screen.getByText('Old Timer').closest('tr')!.textContent).toContain('Not in use');
  });

  it('adds a profile with the DBS check seen, showing the escort status that follows and the rule about copies', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listVisitorProfiles: () => ok([]),
      getVisitorSetup: () => ok(SETUP),
      saveVisitorProfile: (input) => ok(profile({ id: 9, name: input!.name, escort: input!.dbsSeenOn ? ('unescorted' as const) : ('escorted' as const) })),
    });
    renderStaff('/staff/visitors/regulars', { kiosk, role: 'office', staffId: 2 });
    await user.click(await screen.findByRole('button', { name: 'Add a regular visitor' }));
    const form = await screen.findByRole('form', { name: 'Add a regular visitor' });
    expect(within(form).getByRole('note').textContent).toBe('Record that you saw the certificate. Never copy, scan or photograph it.');
    expect(within(form).getByText(/Escort status:/).textContent).toContain('Must be escorted');
    await user.selectOptions(within(form).getByLabelText('Type of visitor'), 'Contractor');
    await user.type(within(form).getByLabelText('Name'), 'Dan Reed');
    await user.type(within(form).getByLabelText('Organisation (optional)'), 'Reed Electrical');
    await user.type(within(form).getByLabelText('Certificate number'), '001234567890');
    await user.type(within(form).getByLabelText('Date on the certificate'), '2025-06-01');
    await user.type(within(form).getByLabelText('Seen by'), 'Olly Office');
    await user.type(within(form).getByLabelText('Date seen'), '2026-11-27');
    expect(within(form).getByText(/Escort status:/).textContent).toContain('DBS checked: unescorted');
    expect((within(form).getByLabelText('In use') as HTMLInputElement).checked).toBe(true);
    await user.click(within(form).getByRole('button', { name: 'Save the profile' }));
    expect(kiosk.saveVisitorProfile).toHaveBeenCalledWith({
      typeKey: 'contractor',
      name: 'Dan Reed',
      organisation: 'Reed Electrical',
      dbsNumber: '001234567890',
      dbsIssuedOn: '2025-06-01',
      dbsSeenBy: 'Olly Office',
      dbsSeenOn: '2026-11-27',
      active: true,
    });
    expect(await screen.findByText('Added: Dan Reed, DBS checked: unescorted.')).toBeTruthy();
  });

  it('shows the DBS number refused at its field', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listVisitorProfiles: () => ok([SEEN]),
      getVisitorSetup: () => ok(SETUP),
      saveVisitorProfile: () => fail({ code: 'RULE', message: 'A DBS certificate number has 12 digits.', field: 'dbsNumber' }),
    });
    renderStaff('/staff/visitors/regulars', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByText('Sam Carter')).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Change' }));
    const form = await screen.findByRole('form', { name: 'Change the profile' });
    const number = within(form).getByLabelText('Certificate number') as HTMLInputElement;
    expect(number.value).toBe('001234567890');
    await user.clear(number);
    await user.type(number, '12345');
    await user.click(within(form).getByRole('button', { name: 'Save the profile' }));
    expect(kiosk.saveVisitorProfile).toHaveBeenCalledWith(expect.objectContaining({ id: 1, dbsNumber: '12345' }));
    expect(await within(number.closest('.field')!).findByText('A DBS certificate number has 12 digits.')).toBeTruthy();
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('form', { name: 'Change the profile' })).toBeTruthy(); // still open, with what was typed
  });

  it('prints the card, and replaces a lost one (the old card no longer works)', async () => {
    const user = userEvent.setup();
    const NEW_CARD = 'KIZZZZYYYYXXXXWWWW';
    const kiosk = fakeKiosk({
      listVisitorProfiles: () => ok([SEEN]),
      getVisitorSetup: () => ok(SETUP),
      reissueVisitorCard: () => ok({ ...SEEN, cardToken: NEW_CARD }),
      print: PRINTED,
    });
    renderStaff('/staff/visitors/regulars', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByText('Sam Carter')).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Print card' }));
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/visitor-card?id=1', paper: 'label62' });
    expect(await screen.findByText('Sam Carter’s card')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'Replace lost card' }));
    expect(kiosk.reissueVisitorCard).toHaveBeenCalledWith({ id: 1 });
    expect(await screen.findByText('A new card for Sam Carter: the old card no longer works.')).toBeTruthy();
    expect(kiosk.print).toHaveBeenCalledTimes(2);
  });

  it('invites a regular visitor: Expected opens with the form filled in from the profile', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listVisitorProfiles: () => ok([SEEN]),
      getVisitorSetup: () => ok(SETUP),
      listInvitations: () => ok([]),
      createInvitation: (input) => ok(invitation({ id: 11, name: input!.name, profileId: input!.profileId ?? null, code: INVITE_CODE })),
    });
    const { location } = renderStaff('/staff/visitors/regulars', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByText('Sam Carter')).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Invite' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/staff/visitors/expected'));
    const form = await screen.findByRole('form', { name: 'Invite a visitor' });
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Sam Carter');
    expect((within(form).getByLabelText('Type of visitor') as HTMLSelectElement).value).toBe('contractor');
    expect((within(form).getByLabelText('Organisation') as HTMLInputElement).value).toBe('Brightwater Plumbing');
    expect((within(form).getByLabelText('Regular visitor (optional)') as HTMLSelectElement).value).toBe('1');
    await user.type(within(form).getByLabelText('Work to be done'), 'Boiler service');
    await user.type(within(form).getByLabelText('Supervising member of staff'), 'Mr Jones');
    await user.click(within(form).getByRole('button', { name: 'Create the invitation' }));
    expect(kiosk.createInvitation).toHaveBeenCalledWith(expect.objectContaining({ profileId: 1, name: 'Sam Carter', typeKey: 'contractor', expectedOn: TODAY }));
  });
});
