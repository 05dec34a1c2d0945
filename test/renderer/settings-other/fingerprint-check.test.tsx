/**
 * Settings › Backups › Check a printed page: a records check number typed in from paper is sent as
 * typed (the API forgives spaces, dashes and capitals), a whole number pasted into the first box is
 * split at its dash, missing parts and the API's refusals show at their fields, and the answer says
 * in words whether the records still hold it, with the alert's guidance when they do not.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FingerprintCheck } from '../../../renderer/staff/settings/FingerprintCheck';
import { fail, installKiosk, ok } from '../fake-kiosk';

afterEach(cleanup);

const seqBox = () => screen.getByRole('textbox', { name: 'Number before the dash' });
const hexBox = () => screen.getByRole('textbox', { name: 'Check code after the dash' });

describe('Settings: Backups, check a printed page', () => {
  it('confirms a match with the date of that audit entry', async () => {
    const kiosk = installKiosk({ checkFingerprint: () => ok({ outcome: 'matches', seq: 18342, at: '2026-11-27T15:40:00.000Z' }) });
    render(<FingerprintCheck timeZone="Europe/London" />);
    await userEvent.type(seqBox(), '18 342');
    await userEvent.type(hexBox(), '9F3A 1C07 D2E4 B6A8');
    await userEvent.click(screen.getByRole('button', { name: 'Check this number' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'This matches the records: nothing before Friday 27 November 2026 at 15:40 (audit entry 18342) has been rewritten.',
    );
    expect(kiosk.checkFingerprint).toHaveBeenCalledWith({ seq: '18 342', hex: '9F3A 1C07 D2E4 B6A8' });
  });

  it('splits a whole number pasted into the first box', async () => {
    const kiosk = installKiosk({ checkFingerprint: () => ok({ outcome: 'matches', seq: 18342, at: '2026-11-27T15:40:00.000Z' }) });
    render(<FingerprintCheck timeZone="Europe/London" />);
    await userEvent.type(seqBox(), 'Records check 18342-9f3a1c07d2e4b6a8');
    await userEvent.click(screen.getByRole('button', { name: 'Check this number' }));
    await screen.findByRole('status');
    expect(kiosk.checkFingerprint).toHaveBeenCalledWith({ seq: '18342', hex: '9f3a1c07d2e4b6a8' });
  });

  it('says plainly when it does NOT match, with what to do', async () => {
    installKiosk({ checkFingerprint: () => ok({ outcome: 'differs', seq: 18342, at: '2026-11-27T15:40:00.000Z', reason: 'row 18342 of the trail is not the one that was printed: the trail has been rewritten since.' }) });
    render(<FingerprintCheck timeZone="Europe/London" />);
    await userEvent.type(seqBox(), '18342');
    await userEvent.type(hexBox(), '9f3a1c07d2e4b6a8');
    await userEvent.click(screen.getByRole('button', { name: 'Check this number' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This does NOT match the records: row 18342 of the trail is not the one that was printed');
    expect(alert.textContent).toContain('Tell the head teacher and the DSL now. Do not restore or delete anything until IT has copied the data folder as it is.');
  });

  it('asks for both parts at their fields before sending anything', async () => {
    const kiosk = installKiosk();
    render(<FingerprintCheck timeZone="Europe/London" />);
    await userEvent.click(screen.getByRole('button', { name: 'Check this number' }));
    expect(seqBox().getAttribute('aria-invalid')).toBe('true');
    expect(hexBox().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter the number before the dash, such as 18342.')).toBeTruthy();
    expect(screen.getByText('Enter the 16 letters and digits after the dash.')).toBeTruthy();
    expect(kiosk.checkFingerprint).not.toHaveBeenCalled();
  });

  it('shows the API’s refusal at its field, and nothing else', async () => {
    installKiosk({ checkFingerprint: () => fail({ code: 'INVALID', field: 'hex', message: 'The check code is 16 characters long (this has 15).' }) });
    render(<FingerprintCheck timeZone="Europe/London" />);
    await userEvent.type(seqBox(), '18342');
    await userEvent.type(hexBox(), '9f3a1c07d2e4b6a');
    await userEvent.click(screen.getByRole('button', { name: 'Check this number' }));
    await waitFor(() => expect(hexBox().getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('The check code is 16 characters long (this has 15).')).toBeTruthy();
    expect(seqBox().getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
