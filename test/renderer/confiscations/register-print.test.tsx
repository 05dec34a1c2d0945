import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { paperFor, PrintLayout } from '../../../renderer/print/PrintLayout';
import { registerFilter } from '../../../renderer/print/layouts/ConfiscationRegister';
import { fail, installKiosk, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { rec } from './data';

afterEach(cleanup);

function sheet(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-print-state]');
  if (!el) throw new Error('no sheet');
  return el;
}

describe('the printed confiscation register', () => {
  it('reads its filter from the address, refusing a status or date it does not know', () => {
    expect(registerFilter(new URLSearchParams('status=open&class=5W&from=2026-09-01&to=2026-11-27'))).toEqual({
      filter: { status: 'open', regGroup: '5W', from: '2026-09-01', to: '2026-11-27' },
      what: 'held now, class 5W, from Tuesday 1 September 2026, to Friday 27 November 2026',
    });
    expect(registerFilter(new URLSearchParams('status=all'))).toEqual({ filter: {}, what: 'every device ever recorded' });
    expect(registerFilter(new URLSearchParams('status=lost'))).toEqual({ error: 'That is not a status of the register.' });
    expect(registerFilter(new URLSearchParams('from=2026-02-30'))).toMatchObject({ error: expect.stringMatching(/from/) });
  });

  it('prints one row a device on A4 with status, days held and parents told, and reaches ready', async () => {
    const kiosk = installKiosk({ listConfiscations: () => ok([rec({ id: 1, onHold: true, daysHeld: 8, overdue: true }), rec({ id: 2, status: 'released', parentsInformed: 'yes' })]) });
    expect(paperFor('/print/confiscation-register?status=all')).toBe('a4');
    render(<PrintLayout route="/print/confiscation-register?status=open&class=5W" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(kiosk.listConfiscations).toHaveBeenCalledWith({ status: 'open', regGroup: '5W' });
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toMatch(/on hold/);
    expect(rows[1]!.textContent).toMatch(/over/);
    expect(rows[2]!.textContent).toMatch(/Released/);
    expect(sheet().textContent).toContain('2 devices: held now, class 5W.');
  });

  it('is an error sheet when the register cannot be read', async () => {
    installKiosk({ listConfiscations: () => fail({ code: 'INTERNAL', message: 'Something went wrong.' }) });
    render(<PrintLayout route="/print/confiscation-register" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
  });

  it('is printed from the register as filtered', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ listConfiscations: () => ok([]), listClasses: () => ok([]), print: () => ok({ via: 'printer' as const, printed: true as const }) });
    renderStaff('/staff/confiscations', { role: 'office', staffId: 2, kiosk });
    await user.click(await screen.findByRole('button', { name: 'Print the register' }));
    await screen.findByText('The register was sent to the printer.');
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/confiscation-register?status=open', paper: 'a4' });
  });
});
