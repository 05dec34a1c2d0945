import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../../electron/api/contract';
import { EMPTY_SEARCH, usePupilsUi } from '../../../renderer/staff/pupils/state';
import { fail, ok } from '../fake-kiosk';
import { description, fakeKiosk, renderStaff } from '../staff/harness';
import { contact, detail } from './fixtures';

beforeEach(() => usePupilsUi.setState({ search: EMPTY_SEARCH, flash: null }));
afterEach(cleanup);

function contactRows(name: string): HTMLElement {
  return screen.getByRole('rowheader', { name }).closest('tbody')!;
}

async function opened() {
  return screen.findByRole('heading', { level: 1, name: 'Seán O’Brien' });
}

describe('a pupil’s page', () => {
  it('shows the details, the contacts and the card; a flagged contact says "Must not collect" in words, without the category for non-DSL staff', async () => {
    const pupil = detail();
    pupil.contacts[1]!.noContactCategory = null; // as the server answers a non-DSL session
    const { kiosk } = renderStaff('/staff/pupils/2', { role: 'office', staffId: 2, kiosk: fakeKiosk({ getPupil: () => ok(pupil) }) });
    await opened();
    expect(kiosk.getPupil).toHaveBeenCalledWith({ id: 2 });
    expect(screen.getByText('Year 5, class 5W')).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Seán O’Brien’s contacts' });
    const aoife = within(contactRows('Aoife O’Brien')).getAllByRole('cell').slice(0, 3).map((c) => c.textContent);
    expect(aoife).toEqual(['Mother', '01843 123456', 'Yes']);
    const declan = contactRows('Declan O’Brien');
    expect(within(declan).getAllByRole('cell')[2]!.textContent).toBe('No');
    // that it is a DSL's decision, and whose, without the reason
    expect(within(declan).getByText('Must not collect / no contact: a DSL decision by Dee Safeguard.')).toBeTruthy();
    expect(within(declan).getByText('Do not hand the pupil over or share information. Ask a DSL if in doubt.')).toBeTruthy();
    expect(table.textContent).not.toMatch(/Court order|safeguarding reason|Reason/);
    // also at the top of the page, by name
    const summary = screen.getByRole('note', { name: 'Must not collect' });
    expect(within(summary).getByText('Declan O’Brien')).toBeTruthy();
    // no DSL controls
    expect(screen.queryByRole('button', { name: /^Mark must not collect/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Clear the must-not-collect flag/ })).toBeNull();

    expect(screen.getByText(/Card issued on/).textContent).toBe('Card issued on Thursday 3 September 2026.');
  });

  it('shows a DSL the category and the flag controls, and sends the chosen category', async () => {
    const user = userEvent.setup();
    const pupil = detail();
    pupil.contacts[1]!.noContactCategory = 'court-order';
    let contacts: Contact[] = pupil.contacts;
    const kiosk = fakeKiosk({
      getPupil: () => ok({ ...pupil, contacts }),
      setNoContact: (input) => {
        const c = contacts.find((x) => x.id === input!.id)!;
        const changed: Contact = input!.noContact ? { ...c, noContact: true, mayCollect: false, noContactCategory: input!.category } : { ...c, noContact: false, noContactCategory: null };
        contacts = contacts.map((x) => (x.id === c.id ? changed : x));
        return ok(changed);
      },
    });
    renderStaff('/staff/pupils/2', { role: 'leadership', staffId: 3, dsl: true, kiosk });
    await opened();
    expect(within(contactRows('Declan O’Brien')).getByText('Must not collect / no contact: a DSL decision by Dee Safeguard.')).toBeTruthy();
    expect(within(contactRows('Declan O’Brien')).getByText('Reason (DSL only): Court order.')).toBeTruthy();
    expect(within(contactRows('Declan O’Brien')).getByRole('button', { name: 'Clear the must-not-collect flag on Declan O’Brien' })).toBeTruthy();

    await user.click(within(contactRows('Aoife O’Brien')).getByRole('button', { name: 'Mark must not collect: Aoife O’Brien' }));
    const save = screen.getByRole('button', { name: 'Mark must not collect' });
    await user.click(save);
    expect(kiosk.setNoContact).not.toHaveBeenCalled();
    expect(description(screen.getByRole('group', { name: 'Reason' }))).toContain('Choose the reason');
    await user.click(screen.getByRole('radio', { name: 'Other safeguarding reason' }));
    await user.click(save);
    expect(kiosk.setNoContact).toHaveBeenCalledWith({ id: 10, noContact: true, category: 'other-safeguarding' });
    expect(await screen.findByText(/Aoife O’Brien is marked “must not collect \/ no contact”/)).toBeTruthy();
    await waitFor(() => expect(within(contactRows('Aoife O’Brien')).getByText('Reason (DSL only): Other safeguarding reason.')).toBeTruthy());

    await user.click(within(contactRows('Declan O’Brien')).getByRole('button', { name: 'Clear the must-not-collect flag on Declan O’Brien' }));
    expect(kiosk.setNoContact).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Yes, clear the flag' }));
    expect(kiosk.setNoContact).toHaveBeenLastCalledWith({ id: 11, noContact: false });
  });

  it('asks before removing a contact, and shows the server’s refusal for a flagged one', async () => {
    const user = userEvent.setup();
    const refusal = 'Only a DSL can remove a contact marked “must not collect”.';
    const kiosk = fakeKiosk({
      getPupil: () => ok(detail()),
      removeContact: (input) => (input!.id === 11 ? fail({ code: 'FORBIDDEN', message: refusal }) : ok({ removed: 1 })),
    });
    renderStaff('/staff/pupils/2', { role: 'office', staffId: 2, kiosk });
    await opened();
    await user.click(within(contactRows('Aoife O’Brien')).getByRole('button', { name: 'Remove Aoife O’Brien' }));
    expect(kiosk.removeContact).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'No, keep them' }));
    expect(kiosk.removeContact).not.toHaveBeenCalled();

    await user.click(within(contactRows('Declan O’Brien')).getByRole('button', { name: 'Remove Declan O’Brien' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove Declan O’Brien' }));
    expect(kiosk.removeContact).toHaveBeenCalledWith({ id: 11 });
    expect(await within(contactRows('Declan O’Brien')).findByText(refusal)).toBeTruthy();

    await user.click(within(contactRows('Aoife O’Brien')).getByRole('button', { name: 'Remove Aoife O’Brien' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove Aoife O’Brien' }));
    expect(kiosk.removeContact).toHaveBeenLastCalledWith({ id: 10 });
    expect(await screen.findByText('Aoife O’Brien is removed from Seán O’Brien’s contacts.')).toBeTruthy();
  });

  it('adds a contact, with the phone error next to the phone field', async () => {
    const user = userEvent.setup();
    const message = 'Phone must be a phone number, like 01843 123456 or +44 7700 900123.';
    const kiosk = fakeKiosk({
      getPupil: () => ok(detail()),
      addContact: (input) => (input!.phone === 'call me' ? fail({ code: 'INVALID', message, field: 'phone' }) : ok(contact({ id: 12, ...input!, relationship: input!.relationship ?? '', phone: input!.phone ?? '' }))),
    });
    renderStaff('/staff/pupils/2', { kiosk });
    await opened();
    await user.click(screen.getByRole('button', { name: 'Add a contact' }));
    await user.type(screen.getByLabelText('Name'), 'Nora O’Brien');
    await user.type(screen.getByLabelText('Relationship'), 'Grandmother');
    await user.type(screen.getByLabelText('Phone'), 'call me');
    await user.click(screen.getByRole('button', { name: 'Add the contact' }));
    expect(kiosk.addContact).not.toHaveBeenCalled();
    expect(description(screen.getByRole('group', { name: 'May this person collect the pupil?' }))).toContain('Say whether this person may collect the pupil.');
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Add the contact' }));
    expect(kiosk.addContact).toHaveBeenCalledWith({ pupilId: 2, name: 'Nora O’Brien', relationship: 'Grandmother', phone: 'call me', mayCollect: true });
    const phone = screen.getByLabelText<HTMLInputElement>('Phone');
    await waitFor(() => expect(description(phone)).toContain(message));
    await user.clear(phone);
    await user.type(phone, '01843 765432');
    await user.click(screen.getByRole('button', { name: 'Add the contact' }));
    expect(kiosk.addContact).toHaveBeenLastCalledWith({ pupilId: 2, name: 'Nora O’Brien', relationship: 'Grandmother', phone: '01843 765432', mayCollect: true });
    expect(await screen.findByText('Nora O’Brien is added as a contact for Seán O’Brien.')).toBeTruthy();
  });

  it('re-issues a lost card only after an inline confirmation', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ getPupil: () => ok(detail()), issueCard: () => ok({ token: 'KPZZZZZZZZZZZZZZZZ', issuedAt: '2026-11-27T09:00:00.000Z' }) });
    renderStaff('/staff/pupils/2', { kiosk });
    await opened();
    await user.click(screen.getByRole('button', { name: 'Re-issue lost card' }));
    expect(kiosk.issueCard).not.toHaveBeenCalled();
    expect(screen.getByText(/The old card stops working straight away/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, re-issue the card' }));
    expect(kiosk.issueCard).toHaveBeenCalledWith({ pupilId: 2 });
    expect(await screen.findByText(/A new card is issued for Seán O’Brien. The old card no longer works/)).toBeTruthy();
  });

  it('prints the pupil’s card on A4 through the printing interface', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ getPupil: () => ok(detail()), print: () => ok({ via: 'printer' as const, printed: true as const }) });
    renderStaff('/staff/pupils/2', { kiosk });
    await opened();
    await user.click(screen.getByRole('button', { name: 'Print card' }));
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/pupil-cards?ids=2', paper: 'a4' });
    expect(await screen.findByText('Seán’s card was sent to the printer.')).toBeTruthy();
  });

  it('marks a pupil as left after asking, and a leaver’s page stays readable with "Left on …"', async () => {
    const user = userEvent.setup();
    let pupil = detail();
    const kiosk = fakeKiosk({
      getPupil: () => ok(pupil),
      updatePupil: (input) => {
        pupil = { ...pupil, status: input!.status ?? pupil.status, leftOn: '2026-11-27' };
        return ok(pupil);
      },
    });
    renderStaff('/staff/pupils/2', { kiosk });
    await opened();
    await user.click(screen.getByRole('button', { name: 'Mark as left' }));
    expect(kiosk.updatePupil).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Yes, mark as left' }));
    expect(kiosk.updatePupil).toHaveBeenCalledWith({ id: 2, status: 'left' });
    expect(await screen.findByText('Left on Friday 27 November 2026.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Back on roll' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Seán O’Brien’s contacts' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Print card' })).toBeNull();
  });

  it('says so for an address that is not a pupil', async () => {
    renderStaff('/staff/pupils/abc');
    expect(screen.getByRole('heading', { level: 1, name: 'Pupil not found' })).toBeTruthy();
    cleanup();
    renderStaff('/staff/pupils/99', { kiosk: fakeKiosk({ getPupil: () => fail({ code: 'NOT_FOUND', message: 'There is no such pupil.' }) }) });
    expect(await screen.findByText('There is no such pupil.')).toBeTruthy();
  });
});
