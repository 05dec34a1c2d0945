/**
 * Settings › Printers: the printers' names (as Windows shows them) saved with updateSettings, next
 * to the test prints, which still work.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterSettings } from '../../../renderer/staff/settings/PrinterSettings';
import { fail, installKiosk, ok, SETTINGS } from '../fake-kiosk';
import { description } from '../staff/harness';

afterEach(cleanup);

describe('Settings: Printers — the printers’ names', () => {
  it('shows the names stored and saves the ones changed', async () => {
    const user = userEvent.setup();
    let stored = { ...SETTINGS, labelPrinter: '', a4Printer: 'Office HP' };
    const kiosk = installKiosk({
      getSettings: () => ok(stored),
      updateSettings: (input) => {
        stored = { ...stored, ...input! } as typeof stored;
        return ok(stored);
      },
      print: () => ok({ via: 'printer' as const, printed: true as const }),
    });
    render(<PrinterSettings />);
    const label = await screen.findByLabelText('Label printer’s name');
    const names = screen.getByRole('region', { name: 'Which printers to use' });
    const a4 = within(names).getByLabelText('A4 printer’s name');
    expect((label as HTMLInputElement).value).toBe('');
    expect((a4 as HTMLInputElement).value).toBe('Office HP');
    expect(description(label)).toContain('exactly as Windows shows it');
    expect(description(label)).toContain('badges are then shown on the kiosk screen instead');
    expect(description(a4)).toContain('Leave it empty to be asked which printer each time');

    await user.type(label, '  Brother QL-820NWB ');
    await user.click(within(names).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ labelPrinter: 'Brother QL-820NWB' });
    expect(await within(names).findByText('Saved the label printer’s name.')).toBeTruthy();

    await user.clear(a4);
    await user.click(within(names).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ a4Printer: '' });
    expect(await within(names).findByText('Saved the A4 printer’s name.')).toBeTruthy();

    // the test prints are still there
    await user.click(screen.getByRole('button', { name: 'Print a test label' }));
    expect(await screen.findByText('The test label was sent to the printer.')).toBeTruthy();
    expect(kiosk.print).toHaveBeenLastCalledWith({ route: '/print/test-label', paper: 'label62' });
  });

  it('shows the API’s message at the printer’s field', async () => {
    const user = userEvent.setup();
    installKiosk({ updateSettings: () => fail({ code: 'INVALID', message: 'A4 printer must be 120 characters or fewer.', field: 'a4Printer' }) });
    render(<PrinterSettings />);
    const a4 = await screen.findByLabelText('A4 printer’s name');
    await user.type(a4, 'Office');
    await user.click(within(screen.getByRole('region', { name: 'Which printers to use' })).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(description(a4)).toContain('A4 printer must be 120 characters or fewer.'));
  });
});
