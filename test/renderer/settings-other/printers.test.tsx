import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterSettings } from '../../../renderer/staff/settings/PrinterSettings';
import { fail, installKiosk, ok } from '../fake-kiosk';

afterEach(cleanup);

describe('Settings: Printers', () => {
  it('prints the test label on the label printer and the test page on A4', async () => {
    const kiosk = installKiosk({ print: () => ok({ via: 'printer', printed: true }) });
    render(<PrinterSettings />);
    expect(screen.getByRole('heading', { level: 1, name: 'Printers' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Print a test label' }));
    expect(await screen.findByText('The test label was sent to the printer.')).toBeTruthy();
    expect(kiosk.print).toHaveBeenLastCalledWith({ route: '/print/test-label', paper: 'label62' });
    await userEvent.click(screen.getByRole('button', { name: 'Print a test A4 page' }));
    expect(await screen.findByText('The test page was sent to the printer.')).toBeTruthy();
    expect(kiosk.print).toHaveBeenLastCalledWith({ route: '/print/test-page', paper: 'a4' });
  });

  it('says why a test did not print', async () => {
    installKiosk({ print: () => ok({ via: 'printer', printed: false, message: 'No label printer is connected.' }) });
    render(<PrinterSettings />);
    await userEvent.click(screen.getByRole('button', { name: 'Print a test label' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The test label was not printed: No label printer is connected.');
  });

  it('passes on an error from the print channel', async () => {
    installKiosk({ print: () => fail({ code: 'INVALID', field: 'route', message: 'That is not a print layout.' }) });
    render(<PrinterSettings />);
    await userEvent.click(screen.getByRole('button', { name: 'Print a test A4 page' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The test page was not printed: That is not a print layout.');
  });
});
