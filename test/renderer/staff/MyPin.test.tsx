import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../fake-kiosk';
import { description, fakeKiosk, renderStaff } from './harness';

afterEach(cleanup);

async function fill(current: string, next: string, again: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Current PIN'), current);
  await user.type(screen.getByLabelText('New PIN'), next);
  await user.type(screen.getByLabelText('New PIN again'), again);
  await user.click(screen.getByRole('button', { name: 'Change my PIN' }));
}

describe('My PIN', () => {
  it('catches two different new PINs without asking the server', async () => {
    const { kiosk } = renderStaff('/staff/my-pin', { role: 'office', staffId: 2 });
    await fill('246813', '582047', '582074');
    const again = screen.getByLabelText('New PIN again');
    expect(again.getAttribute('aria-invalid')).toBe('true');
    expect(description(again)).toContain('The two new PINs are not the same.');
    expect(kiosk.changeOwnPin).not.toHaveBeenCalled();
  });

  it('shows the server’s message next to the field it names, and keeps what was typed', async () => {
    const kiosk = fakeKiosk({
      changeOwnPin: () => fail({ code: 'RULE', message: 'That PIN is not right. Try again.', field: 'currentPin' }),
    });
    renderStaff('/staff/my-pin', { role: 'office', staffId: 2, kiosk });
    await fill('111222', '582047', '582047');
    expect(kiosk.changeOwnPin).toHaveBeenCalledWith({ currentPin: '111222', newPin: '582047' });
    const current = screen.getByLabelText<HTMLInputElement>('Current PIN');
    expect(await screen.findByText('That PIN is not right. Try again.')).toBeTruthy();
    expect(description(current)).toBe('That PIN is not right. Try again.');
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('New PIN').getAttribute('aria-invalid')).toBeNull();
    expect(current.value).toBe('111222');
    expect(screen.getByLabelText<HTMLInputElement>('New PIN').value).toBe('582047');
  });

  it('shows a message about the new PIN next to New PIN', async () => {
    const kiosk = fakeKiosk({
      changeOwnPin: () => fail({ code: 'INVALID', message: 'Choose a PIN that is harder to guess than digits in order, like 123456.', field: 'newPin' }),
    });
    renderStaff('/staff/my-pin', { kiosk });
    await fill('135792', '123456', '123456');
    await screen.findByText(/harder to guess than digits in order/);
    expect(description(screen.getByLabelText('New PIN'))).toContain('Choose a PIN that is harder to guess than digits in order');
    expect(screen.getByLabelText('Current PIN').getAttribute('aria-invalid')).toBeNull();
  });

  it('says the PIN is changed and clears the fields', async () => {
    const kiosk = fakeKiosk({ changeOwnPin: () => ok({ changed: true as const }) });
    renderStaff('/staff/my-pin', { kiosk });
    await fill('135792', '582047', '582047');
    expect(kiosk.changeOwnPin).toHaveBeenCalledWith({ currentPin: '135792', newPin: '582047' });
    expect(await screen.findByText(/Your PIN has been changed/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Current PIN').value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('New PIN again').value).toBe('');
  });
});
