import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { detail, rec } from './data';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const AVA = { id: 12, forename: 'Ava', surname: 'Marsh', yearGroup: 5, regGroup: '5W', status: 'on-roll', hasNoContactFlag: false, hasCard: true, upn: null } as const;

function kioskFor(over: Parameters<typeof fakeKiosk>[0] = {}) {
  return fakeKiosk({
    searchPupils: () => ok([AVA] as never),
    recordConfiscation: () => ok(detail(rec({ id: 41 }))),
    print: () => ok({ via: 'printer', printed: true }),
    ...over,
  });
}

async function choosePupil(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Pupil'), 'ava');
  await user.click(await screen.findByRole('button', { name: /Ava Marsh/ }));
}

let dialogs: Mock<(...a: unknown[]) => void>;
beforeEach(() => {
  dialogs = vi.fn<(...a: unknown[]) => void>();
  vi.spyOn(window, 'alert').mockImplementation(dialogs);
  vi.spyOn(window, 'confirm').mockImplementation((...a) => {
    dialogs(...a);
    return true;
  });
});

describe('Record a confiscation', () => {
  it('says what must never be recorded, and sends the form as recordConfiscation input', async () => {
    const user = userEvent.setup();
    const kiosk = kioskFor();
    const { location } = renderStaff('/staff/confiscations/new', { kiosk, role: 'office', staffId: 2 });
    expect(await screen.findByText('Never record images, messages, passcodes, descriptions of what is on the device, or other children’s names.')).toBeTruthy();
    await choosePupil(user);
    expect(kiosk.searchPupils).toHaveBeenCalledWith({ query: 'ava', limit: 8 });
    expect(screen.getByText('Class 5W, Year 5')).toBeTruthy();
    await user.click(screen.getByLabelText('Smartwatch'));
    await user.type(screen.getByLabelText('Description'), 'Pink Fitbit');
    await user.click(screen.getByLabelText('Off'));
    await user.click(screen.getByLabelText('Other (say what)'));
    await user.type(screen.getByLabelText('Say what the other ground is'), 'Used in a lesson');
    expect(screen.getByText(/Teaching assistants and lunchtime staff too/)).toBeTruthy();
    await user.type(screen.getByLabelText('Confiscated by'), 'Mr Hughes');
    await user.type(screen.getByLabelText('Witness (optional)'), 'Miss Lowe');
    expect((screen.getByLabelText('Held at') as HTMLSelectElement).value).toBe('School office safe');
    // the slip is not printed unless someone ticks it
    expect((screen.getByRole('checkbox', { name: 'Print a release slip for the parent or carer' }) as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Save the record' }));
    expect(kiosk.recordConfiscation).toHaveBeenCalledWith({
      pupilId: 12,
      deviceType: 'smartwatch',
      description: 'Pink Fitbit',
      power: 'off',
      ground: 'other',
      groundDetail: 'Used in a lesson',
      confiscatedBy: 'Mr Hughes',
      witness: 'Miss Lowe',
      location: 'School office safe',
    });
    await waitFor(() => expect(location.history?.at(-1)).toBe('/staff/confiscations/41'));
    expect(kiosk.print).not.toHaveBeenCalled();
    expect(dialogs).not.toHaveBeenCalled();
  });

  it('prints the release slip after saving only when ticked (never by default), with the time typed', async () => {
    const user = userEvent.setup();
    const kiosk = kioskFor();
    renderStaff('/staff/confiscations/new', { kiosk, role: 'office', staffId: 2 });
    await choosePupil(user);
    await user.click(screen.getByLabelText('Phone'));
    await user.type(screen.getByLabelText('Description'), 'Black iPhone');
    await user.click(screen.getByLabelText('On'));
    await user.click(screen.getByLabelText('Against the behaviour policy'));
    const when = screen.getByLabelText('Date and time taken');
    expect(when.getAttribute('type')).toBe('datetime-local');
    await user.type(when, '2026-11-27T09:15');
    await user.type(screen.getByLabelText('Confiscated by'), 'Mrs Patel');
    const slip = screen.getByRole('checkbox', { name: 'Print a release slip for the parent or carer' }) as HTMLInputElement;
    expect(slip.checked).toBe(false);
    await user.click(slip);
    await user.click(screen.getByRole('button', { name: 'Save the record' }));
    expect(kiosk.recordConfiscation).toHaveBeenCalledWith(expect.objectContaining({ confiscatedAt: '2026-11-27T09:15', ground: 'behaviour', deviceType: 'phone' }));
    await waitFor(() => expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/confiscation-slip?id=41', paper: 'a4' }));
  });

  it('shows the API’s error next to its field and keeps what was typed', async () => {
    const user = userEvent.setup();
    const kiosk = kioskFor({ recordConfiscation: () => fail({ code: 'RULE', message: 'Enter the name of the member of staff who confiscated it.', field: 'confiscatedBy' }) });
    renderStaff('/staff/confiscations/new', { kiosk, role: 'office', staffId: 2 });
    await choosePupil(user);
    await user.click(screen.getByLabelText('Tablet'));
    await user.type(screen.getByLabelText('Description'), 'Grey tablet');
    await user.click(screen.getByRole('button', { name: 'Save the record' }));
    const by = screen.getByLabelText('Confiscated by');
    expect(await within(by.closest('.field')!).findByRole('alert')).toBeTruthy();
    expect(within(by.closest('.field')!).getByRole('alert').textContent).toBe('Enter the name of the member of staff who confiscated it.');
    expect(by.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('Description') as HTMLInputElement).value).toBe('Grey tablet');
    expect(screen.getByText('Ava Marsh')).toBeTruthy();
    expect(dialogs).not.toHaveBeenCalled();
  });

  it('asks for the pupil before sending anything', async () => {
    const user = userEvent.setup();
    const kiosk = kioskFor();
    renderStaff('/staff/confiscations/new', { kiosk, role: 'office', staffId: 2 });
    await user.click(await screen.findByRole('button', { name: 'Save the record' }));
    expect(kiosk.recordConfiscation).not.toHaveBeenCalled();
    const pupil = screen.getByLabelText('Pupil');
    expect(within(pupil.closest('.field')!).getByRole('alert').textContent).toBe('Find the pupil by name and choose them.');
  });

  it('shows the UKCIS steps prominently when nude or semi-nude images are suspected, and offers no slip then or for child protection', async () => {
    const user = userEvent.setup();
    renderStaff('/staff/confiscations/new', { kiosk: kioskFor(), role: 'office', staffId: 2 });
    await screen.findByLabelText('Pupil');
    const slip = () => screen.queryByRole('checkbox', { name: 'Print a release slip for the parent or carer' });
    expect(screen.queryByText(/Do not look at the device/)).toBeNull();
    expect(slip()).toBeTruthy();
    await user.click(screen.getByLabelText('Suspected nude or semi-nude images'));
    const notice = screen.getByText(/Do not look at the device. Turn it off, secure it, tell the DSL now./);
    const alert = notice.closest('[role="alert"]') as HTMLElement;
    expect(alert).toBeTruthy();
    expect(within(alert).getByText('Staff never view, copy, print, share, save or delete the images.')).toBeTruthy();
    expect(within(alert).getByText('The DSL decides whether to refer to children’s social care and/or the police.')).toBeTruthy();
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'an adult is involved',
      'there is coercion, blackmail or grooming',
      'the acts are unusual for the child’s development, or violent',
      'the images show sexual acts with a child under 13',
      'there is an immediate risk of harm to the child',
    ]);
    expect(within(alert).getByText('This app records the decision, who made it and when.')).toBeTruthy();
    expect(slip()).toBeNull();
    expect(screen.getByText('No release slip is given for a child protection concern or suspected nude or semi-nude images.')).toBeTruthy();
    await user.click(screen.getByLabelText('Child protection concern'));
    expect(slip()).toBeNull();
    await user.click(screen.getByLabelText('Against the behaviour policy'));
    expect(screen.queryByText(/Do not look at the device/)).toBeNull();
    expect(slip()).toBeTruthy();
  });
});
