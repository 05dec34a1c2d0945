import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecuritySettings } from '../../../renderer/staff/settings/SecuritySettings';
import { fail, installKiosk, ok } from '../fake-kiosk';

afterEach(cleanup);

const LABEL = 'Lock the staff console after (minutes)';

describe('Settings: Security', () => {
  it('sends only the idle lock time, as a number', async () => {
    const kiosk = installKiosk();
    render(<SecuritySettings />);
    const minutes = await screen.findByLabelText(LABEL);
    expect(minutes).toHaveProperty('value', '5');
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '10');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved the idle lock time.')).toBeTruthy();
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ idleLockMinutes: 10 });
  });

  it('shows the server’s error next to the idle lock time and keeps the value', async () => {
    const kiosk = installKiosk({
      updateSettings: () => fail({ code: 'INVALID', field: 'idleLockMinutes', message: 'Idle lock time (minutes) must be 60 or less.' }),
    });
    render(<SecuritySettings />);
    const minutes = await screen.findByLabelText(LABEL);
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '90');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('Idle lock time (minutes) must be 60 or less.');
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ idleLockMinutes: 90 });
    expect(minutes.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(minutes).toHaveProperty('value', '90');
    expect(screen.queryByText(/^Saved/)).toBeNull();
  });

  it('refuses a time that is not a whole number without calling the server', async () => {
    const kiosk = installKiosk();
    render(<SecuritySettings />);
    const minutes = await screen.findByLabelText(LABEL);
    await userEvent.clear(minutes);
    await userEvent.type(minutes, 'ten');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Type a whole number of minutes, from 1 to 60.')).toBeTruthy();
    expect(kiosk.updateSettings).not.toHaveBeenCalled();
  });

  it('asks before making a new recovery code, shows it once and prints it', async () => {
    const kiosk = installKiosk({
      newRecoveryCode: () => ok({ recoveryCode: 'ABCDE-FGH2J-KLMN3-PQRS4' }),
      print: () => ok({ via: 'printer', printed: true }),
    });
    render(<SecuritySettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'Make a new recovery code' }));
    expect(screen.getByText(/The current code, and any printed copy of it, will stop working/)).toBeTruthy();
    expect(kiosk.newRecoveryCode).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(kiosk.newRecoveryCode).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Make a new recovery code' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, make a new code' }));
    expect(await screen.findByText('ABCDE-FGH2J-KLMN3-PQRS4')).toBeTruthy();
    expect(kiosk.newRecoveryCode).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(await screen.findByText(/Sent to the printer/)).toBeTruthy();
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/recovery-code?code=ABCDE-FGH2J-KLMN3-PQRS4', paper: 'a4' });

    await userEvent.click(screen.getByRole('button', { name: 'I have printed it: hide the code' }));
    expect(screen.queryByText('ABCDE-FGH2J-KLMN3-PQRS4')).toBeNull();
  });

  it('ends any wait after wrong PINs on every screen, says whether there was one, and tells the alert banner', async () => {
    const answers = [{ cleared: true }, { cleared: false }];
    const kiosk = installKiosk({ clearPinBudget: () => ok(answers.shift()!) });
    const changed = vi.fn();
    window.addEventListener('kiosk:alerts-changed', changed);
    render(<SecuritySettings />);
    const section = await screen.findByRole('region', { name: 'Wrong PINs' });
    expect(within(section).getByText(/Wrong PINs are counted for each screen, whoever’s name was picked/)).toBeTruthy();
    await userEvent.click(within(section).getByRole('button', { name: 'End any wait after wrong PINs' }));
    expect(await within(section).findByText('The wait is ended on every screen: staff can type their PIN again.')).toBeTruthy();
    expect(kiosk.clearPinBudget).toHaveBeenCalledTimes(1);
    expect(changed).toHaveBeenCalledTimes(1);
    await userEvent.click(within(section).getByRole('button', { name: 'End any wait after wrong PINs' }));
    expect(await within(section).findByText('No screen was waiting after wrong PINs: there was nothing to end.')).toBeTruthy();
    window.removeEventListener('kiosk:alerts-changed', changed);
  });

  it('says why the wait could not be ended', async () => {
    installKiosk({ clearPinBudget: () => fail({ code: 'DISK_FULL', message: 'The computer’s disk is full: nothing was saved. Tell the person who looks after the school’s computers.' }) });
    render(<SecuritySettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'End any wait after wrong PINs' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The computer’s disk is full/);
  });

  it('says when the printer could not print the code', async () => {
    installKiosk({
      newRecoveryCode: () => ok({ recoveryCode: 'ABCDE-FGH2J-KLMN3-PQRS4' }),
      print: () => ok({ via: 'printer', printed: false, message: 'The A4 printer is out of paper.' }),
    });
    render(<SecuritySettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'Make a new recovery code' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, make a new code' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Print' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The A4 printer is out of paper.');
    expect(screen.getByText('ABCDE-FGH2J-KLMN3-PQRS4')).toBeTruthy();
  });
});
