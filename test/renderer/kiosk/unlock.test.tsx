import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route } from 'wouter';
import type { StaffName } from '../../../electron/api/contract';
import { UnlockPickName, UnlockPin } from '../../../renderer/kiosk/Unlock';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, noCall, renderAt, setStatus } from './helpers';

afterEach(cleanup);

const NAMES: StaffName[] = [
  { id: 3, name: 'Grace Evans' },
  { id: 7, name: 'Sam Patel' },
];

function renderPin(id = 3) {
  setStatus();
  return renderAt(
    `/unlock/${id}`,
    <Route path="/unlock/:id">
      <UnlockPin />
    </Route>,
  );
}

const keypad = () => screen.getByRole('group', { name: 'PIN keypad' });
const unlockButton = () => screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement;

describe('Unlock: pick your name', () => {
  it('lists the names as links to the PIN screen, with Cancel and the recovery link', async () => {
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)) });
    setStatus();
    const user = userEvent.setup();
    const { location } = renderAt('/unlock', <UnlockPickName />);
    expect(screen.getByRole('heading', { level: 1, name: 'Staff: unlock' })).toBeTruthy();
    const grace = await screen.findByRole('link', { name: 'Grace Evans' });
    expect(screen.getByRole('link', { name: 'Sam Patel' })).toBeTruthy();
    expect(screen.queryByLabelText('Find your name')).toBeNull();
    expect(screen.getByRole('link', { name: 'Cancel' }).getAttribute('href')).toBe('/');
    expect(screen.getByRole('link', { name: 'Forgotten the administrator PIN?' }).getAttribute('href')).toBe('/recover');
    await user.click(grace);
    expect(location.history.at(-1)).toBe('/unlock/3');
  });

  it('offers a filter box when there are many names', async () => {
    const many = ['Aisha Begum', 'Chloe Roberts', 'Daniel Wright', 'Grace Evans', 'Harry Walker', 'Mohammed Khan', 'Olivia Brown', 'Priya Shah', 'Tom Hughes'].map(
      (name, i) => ({ id: i + 1, name }),
    );
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(many)) });
    setStatus();
    const user = userEvent.setup();
    renderAt('/unlock', <UnlockPickName />);
    await user.type(await screen.findByLabelText('Find your name'), 'AN');
    const shown = screen.getAllByRole('link', { name: /./ }).filter((a) => a.getAttribute('href')?.startsWith('/unlock/'));
    expect(shown.map((a) => a.textContent)).toEqual(['Daniel Wright', 'Grace Evans', 'Mohammed Khan']);
    await user.clear(screen.getByLabelText('Find your name'));
    await user.type(screen.getByLabelText('Find your name'), 'zz');
    expect(screen.getByText('No name matches “zz”.')).toBeTruthy();
  });
});

describe('Unlock: the PIN', () => {
  it('shows the name, keeps the PIN masked and calls unlock with the staff id and PIN', async () => {
    const unlock = noCall(); // the host reloads the page on success: the promise never settles
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), unlock });
    const user = userEvent.setup();
    renderPin(3);
    expect(await screen.findByRole('heading', { level: 1, name: 'Grace Evans' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(keypad()));
    await user.keyboard('975318');
    expect(document.body.textContent).not.toContain('975318');
    expect(document.querySelectorAll('input')).toHaveLength(0);
    expect(screen.getByText('6 digits entered')).toBeTruthy();
    await user.click(unlockButton());
    expect(unlock).toHaveBeenCalledWith({ staffId: 3, pin: '975318' });
    expect(screen.getByText('Checking your PIN…')).toBeTruthy();
  });

  it("shows the server's message next to the PIN, clears the PIN and keeps focus on the keypad", async () => {
    const unlock = vi.fn(() => fail({ code: 'RULE', message: 'That PIN is not right. Try again.', field: 'pin' }));
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), unlock });
    const user = userEvent.setup();
    renderPin(3);
    await screen.findByRole('heading', { level: 1, name: 'Grace Evans' });
    await waitFor(() => expect(document.activeElement).toBe(keypad()));
    await user.keyboard('246813{Enter}');
    expect(unlock).toHaveBeenCalledWith({ staffId: 3, pin: '246813' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('That PIN is not right. Try again.');
    expect(keypad().contains(alert)).toBe(true);
    expect(keypad().getAttribute('aria-describedby')).toContain(alert.id);
    expect(screen.getByText('No digits entered')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(keypad()));
    expect(unlockButton().disabled).toBe(false);
  });

  it('on a full disk shows the staff wording (only staff use this screen), starts no wait and lets them try again', async () => {
    const DISK_FULL = 'The computer’s disk is full: nothing was saved. Tell the person who looks after the school’s computers.';
    const unlock = vi.fn(() => fail({ code: 'DISK_FULL', message: DISK_FULL }));
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), unlock });
    const user = userEvent.setup();
    renderPin(3);
    await screen.findByRole('heading', { level: 1, name: 'Grace Evans' });
    await waitFor(() => expect(document.activeElement).toBe(keypad()));
    await user.keyboard('202468{Enter}');
    expect(await screen.findByText(DISK_FULL)).toBeTruthy();
    expect(screen.queryByText(/Please see the office/)).toBeNull();
    expect(screen.queryByText(/You can try again in/)).toBeNull();
    expect(screen.getByText('No digits entered')).toBeTruthy();
    expect(unlockButton().disabled).toBe(false);
  });

  it('disables Unlock while the stated wait runs, then allows it again', async () => {
    const unlock = vi
      .fn()
      .mockImplementationOnce(() => fail({ code: 'RULE', message: 'That PIN is not right. Please wait 1 second before trying again.', field: 'pin' }))
      .mockImplementation(() => fail({ code: 'RULE', message: 'That PIN is not right. Try again.', field: 'pin' }));
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), unlock });
    const user = userEvent.setup();
    renderPin(3);
    await screen.findByRole('heading', { level: 1, name: 'Grace Evans' });
    await user.keyboard('111111{Enter}');
    await screen.findByText('That PIN is not right. Please wait 1 second before trying again.');
    expect(unlockButton().disabled).toBe(true);
    expect(screen.getByText(/You can try again in/).textContent).toBe('You can try again in 1 second.');
    await waitFor(() => expect(document.activeElement).toBe(keypad()));
    await user.keyboard('2222{Enter}');
    expect(unlock).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(unlockButton().disabled).toBe(false), { timeout: 3000 });
    await user.keyboard('{Enter}');
    expect(unlock).toHaveBeenCalledTimes(2);
    expect(unlock).toHaveBeenLastCalledWith({ staffId: 3, pin: '2222' });
  });

  it('counts down a wait in minutes', async () => {
    fakeKiosk({
      listUnlockNames: vi.fn(() => ok(NAMES)),
      unlock: vi.fn(() => fail({ code: 'RULE', message: 'Too many wrong tries. Please wait 2 minutes, then try again.', field: 'pin' })),
    });
    const user = userEvent.setup();
    renderPin(3);
    await screen.findByRole('heading', { level: 1, name: 'Grace Evans' });
    await user.keyboard('123123{Enter}');
    expect((await screen.findByText(/You can try again in/)).textContent).toBe('You can try again in 2 minutes.');
    expect(unlockButton().disabled).toBe(true);
  });

  it('asks for a PIN before calling the server', async () => {
    const unlock = vi.fn();
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), unlock });
    const user = userEvent.setup();
    renderPin(3);
    await screen.findByRole('heading', { level: 1, name: 'Grace Evans' });
    await user.click(unlockButton());
    expect((await screen.findByRole('alert')).textContent).toBe('Type your PIN, then press Unlock.');
    expect(unlock).not.toHaveBeenCalled();
  });

  it('offers the way back to the list, and says so when the name is not on it', async () => {
    fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)) });
    renderPin(99);
    expect(await screen.findByText('That name is not on the list. Pick your name again.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Pick your name' }).getAttribute('href')).toBe('/unlock');
    cleanup();
    renderPin(7);
    expect((await screen.findByRole('link', { name: 'Not you? Pick another name' })).getAttribute('href')).toBe('/unlock');
  });
});

describe('Unlock: the screen waits after too many wrong PINs', () => {
  const WAIT = 'Too many wrong PINs have been typed on this screen. Please wait 30 seconds, then try again, or use the recovery code.';

  it('shows the wait as soon as either step opens, counts it down, and keeps Unlock off until it ends', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      fakeKiosk({ listUnlockNames: vi.fn(() => ok(NAMES)), getPinBudget: vi.fn(() => ok({ waitSeconds: 90, recoveryCodeWaitSeconds: 0 })) });
      setStatus();
      renderAt('/unlock', <UnlockPickName />);
      expect((await screen.findByText(/You can try again in/)).textContent).toBe('You can try again in 1 minute 30 seconds.');
      expect(screen.getByRole('button', { name: 'Use the recovery code' })).toBeTruthy();
      cleanup();

      renderPin(3);
      expect((await screen.findByText(/You can try again in/)).textContent).toBe('You can try again in 1 minute 30 seconds.');
      expect(unlockButton().disabled).toBe(true);
      await act(async () => {
        vi.advanceTimersByTime(60_000);
        await Promise.resolve();
      });
      expect(screen.getByText(/You can try again in/).textContent).toBe('You can try again in 30 seconds.');
      await act(async () => {
        vi.advanceTimersByTime(30_000);
        await Promise.resolve();
      });
      expect(screen.queryByText(/You can try again in/)).toBeNull();
      expect(unlockButton().disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('after a refused PIN, takes the exact wait from the screen, and the recovery code ends it', async () => {
    let budget = 0;
    const kiosk = fakeKiosk({
      listUnlockNames: vi.fn(() => ok(NAMES)),
      unlock: vi.fn(() => fail({ code: 'RULE', message: WAIT, field: 'pin' })),
      getPinBudget: vi.fn(() => ok({ waitSeconds: budget, recoveryCodeWaitSeconds: 0 })),
      clearPinBudgetWithRecoveryCode: vi
        .fn()
        .mockImplementationOnce(() => fail({ code: 'RULE', message: 'That recovery code is not right. Try again.', field: 'recoveryCode' }))
        .mockImplementation(() => ok({ waitSeconds: 0, recoveryCodeWaitSeconds: 0 })),
    });
    const user = userEvent.setup();
    renderPin(3);
    await screen.findByRole('heading', { level: 1, name: 'Grace Evans' });
    budget = 28;
    await user.keyboard('123123{Enter}');
    expect(await screen.findByText(WAIT)).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/You can try again in/).textContent).toBe('You can try again in 28 seconds.'));
    expect(unlockButton().disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Use the recovery code' }));
    const field = screen.getByLabelText('Recovery code');
    await user.click(screen.getByRole('button', { name: 'End the wait' }));
    expect(screen.getByText('Type the recovery code.')).toBeTruthy();
    expect(kiosk.clearPinBudgetWithRecoveryCode).not.toHaveBeenCalled();
    await user.type(field, 'aaaaa-bbbbb');
    await user.click(screen.getByRole('button', { name: 'End the wait' }));
    expect(await screen.findByText('That recovery code is not right. Try again.')).toBeTruthy();
    expect(unlockButton().disabled).toBe(true);
    await user.type(screen.getByLabelText('Recovery code'), ' abcde-fghij-klmno-pqrst ');
    await user.click(screen.getByRole('button', { name: 'End the wait' }));
    expect(kiosk.clearPinBudgetWithRecoveryCode).toHaveBeenLastCalledWith({ recoveryCode: 'abcde-fghij-klmno-pqrst' });
    expect((await screen.findByRole('status')).textContent).toBe('The wait has ended. Type your PIN.');
    expect(screen.queryByText(/You can try again in/)).toBeNull();
    expect(unlockButton().disabled).toBe(false);
  });
});

