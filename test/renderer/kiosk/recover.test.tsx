import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Recover } from '../../../renderer/kiosk/Recover';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderAt, setStatus } from './helpers';

afterEach(cleanup);

const NAMES = [
  { id: 1, name: 'Sam Patel' },
  { id: 2, name: 'Grace Evans' },
];

async function fill(user: ReturnType<typeof userEvent.setup>, name: string, code: string, pin: string, again = pin) {
  await user.selectOptions(await screen.findByLabelText('Your name'), name);
  await user.type(screen.getByLabelText('Recovery code'), code);
  await user.type(screen.getByLabelText('Choose a new PIN'), pin);
  await user.type(screen.getByLabelText('Type the new PIN again'), again);
}

describe('Recover', () => {
  it('refuses new PINs that do not match without calling the server', async () => {
    const recoverAdminPin = vi.fn();
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), recoverAdminPin });
    setStatus();
    const user = userEvent.setup();
    renderAt('/recover', <Recover />);
    await screen.findByRole('option', { name: 'Sam Patel' });
    await fill(user, 'Sam Patel', 'ABCDE-FGHIJ-KLMNO-PQRST', '739162', '739163');
    await user.click(screen.getByRole('button', { name: 'Change my PIN' }));
    expect(screen.getByText('The two PINs are not the same. Type the new PIN again.')).toBeTruthy();
    expect(recoverAdminPin).not.toHaveBeenCalled();
  });

  it("shows the server's refusal of a non-administrator next to the name", async () => {
    const message = 'The recovery code resets an administrator’s PIN only. Ask an administrator to reset yours.';
    const recoverAdminPin = vi.fn(() => fail({ code: 'RULE', message, field: 'staffId' }));
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), recoverAdminPin });
    setStatus();
    const user = userEvent.setup();
    renderAt('/recover', <Recover />);
    await screen.findByRole('option', { name: 'Grace Evans' });
    await fill(user, 'Grace Evans', 'abcde fghij', '739162');
    await user.click(screen.getByRole('button', { name: 'Change my PIN' }));
    expect(recoverAdminPin).toHaveBeenCalledWith({ staffId: 2, recoveryCode: 'abcde fghij', newPin: '739162' });
    const name = screen.getByLabelText('Your name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toBe(message);
  });

  it('shows the new recovery code once and goes on to unlock', async () => {
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), recoverAdminPin: vi.fn(() => ok({ recoveryCode: 'VWXYZ-ABCDE-FGHIJ-KLMNO' })) });
    setStatus();
    const user = userEvent.setup();
    renderAt('/recover', <Recover />);
    await screen.findByRole('option', { name: 'Sam Patel' });
    await fill(user, 'Sam Patel', 'ABCDE-FGHIJ-KLMNO-PQRST', '739162');
    await user.click(screen.getByRole('button', { name: 'Change my PIN' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your PIN has been changed' })).toBeTruthy();
    expect(screen.getByText(/The old recovery code no longer works/)).toBeTruthy();
    expect(screen.getByText('VWXYZ')).toBeTruthy();
    expect(screen.getByText('It will not be shown again.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /go to unlock/ }).getAttribute('href')).toBe('/unlock/1');
  });
});
