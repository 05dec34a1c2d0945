import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../../../renderer/app/store';
import { Setup } from '../../../renderer/kiosk/Setup';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderAt, setStatus } from './helpers';

afterEach(cleanup);

function errorOf(label: string): string | null {
  const input = screen.getByLabelText(label);
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.getAttribute('role') === 'alert');
  return input.getAttribute('aria-invalid') === 'true' && error ? error.textContent : null;
}

async function fill(user: ReturnType<typeof userEvent.setup>, pin: string, again: string) {
  await user.type(screen.getByLabelText('School name'), 'Oakfield Primary School');
  await user.type(screen.getByLabelText('Your name'), 'Sam Patel');
  await user.type(screen.getByLabelText('Choose a PIN'), pin);
  await user.type(screen.getByLabelText('Type the PIN again'), again);
}

describe('Setup', () => {
  it('refuses PINs that do not match, next to the second PIN, without calling the server', async () => {
    const setupSchool = vi.fn();
    fakeKiosk({ setupSchool });
    setStatus({ setupNeeded: true, schoolName: '' });
    const user = userEvent.setup();
    renderAt('/setup', <Setup />);
    await fill(user, '482916', '482917');
    await user.click(screen.getByRole('button', { name: 'Set up the school' }));
    expect(errorOf('Type the PIN again')).toBe('The two PINs are not the same. Type the PIN again.');
    expect(errorOf('Choose a PIN')).toBeNull();
    expect(setupSchool).not.toHaveBeenCalled();
    // nothing typed is lost
    expect((screen.getByLabelText('School name') as HTMLInputElement).value).toBe('Oakfield Primary School');
  });

  it("shows the server's field error next to that field and keeps what was typed", async () => {
    const setupSchool = vi.fn(() => fail({ code: 'INVALID', message: 'Choose a PIN that is harder to guess than digits in order, like 123456.', field: 'pin' }));
    fakeKiosk({ setupSchool });
    setStatus({ setupNeeded: true, schoolName: '' });
    const user = userEvent.setup();
    renderAt('/setup', <Setup />);
    await fill(user, '123456', '123456');
    await user.click(screen.getByRole('button', { name: 'Set up the school' }));
    expect(setupSchool).toHaveBeenCalledWith({ schoolName: 'Oakfield Primary School', adminName: 'Sam Patel', pin: '123456' });
    expect(await screen.findByText('Choose a PIN that is harder to guess than digits in order, like 123456.')).toBeTruthy();
    expect(errorOf('Choose a PIN')).toBe('Choose a PIN that is harder to guess than digits in order, like 123456.');
    expect(errorOf('School name')).toBeNull();
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Sam Patel');
  });

  it('shows a message without a field above the form', async () => {
    fakeKiosk({ setupSchool: vi.fn(() => fail({ code: 'CONFLICT', message: 'This school is already set up. Ask an administrator to unlock the staff console.' })) });
    setStatus({ setupNeeded: true, schoolName: '' });
    const user = userEvent.setup();
    renderAt('/setup', <Setup />);
    await fill(user, '482916', '482916');
    await user.click(screen.getByRole('button', { name: 'Set up the school' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This school is already set up. Ask an administrator to unlock the staff console.');
  });

  it('shows the recovery code once after success, with what it is and how to keep it', async () => {
    const setupSchool = vi.fn(() => ok({ admin: { id: 1, name: 'Sam Patel' }, recoveryCode: 'ABCDE-FGHIJ-KLMN2-PQRS3' }));
    fakeKiosk({ setupSchool });
    setStatus({ setupNeeded: true, schoolName: '' });
    const user = userEvent.setup();
    renderAt('/setup', <Setup />);
    await fill(user, '482916', '482916');
    await user.click(screen.getByRole('button', { name: 'Set up the school' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your school is set up' })).toBeTruthy();
    expect(screen.getByText('Oakfield Primary School is ready. Sam Patel is the first administrator.')).toBeTruthy();
    for (const group of ['ABCDE', 'FGHIJ', 'KLMN2', 'PQRS3']) expect(screen.getByText(group)).toBeTruthy();
    expect(screen.getByText(/resets an administrator’s PIN if every administrator has forgotten theirs/)).toBeTruthy();
    expect(screen.getByText(/school safe/)).toBeTruthy();
    expect(screen.getByText('It will not be shown again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print this recovery code' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'I have kept it safe: continue' })).toBeTruthy();
    expect(screen.queryByLabelText('Choose a PIN')).toBeNull();
  });
});

describe('Setup on the visitor-facing screen (issue 13)', () => {
  it('is never offered there: only "Closed: please see the office", and nothing is sent', () => {
    const setupSchool = vi.fn();
    fakeKiosk({ setupSchool });
    setStatus({ setupNeeded: true, schoolName: '' });
    useApp.setState({ session: { kind: 'kiosk', publicScreen: true } });
    renderAt('/setup', <Setup />);
    expect(screen.getByRole('heading', { level: 1, name: 'Closed: please see the office' })).toBeTruthy();
    expect(screen.queryByLabelText('School name')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Set up the school' })).toBeNull();
    expect(setupSchool).not.toHaveBeenCalled();
  });
});
