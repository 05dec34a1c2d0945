import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    expect(registerFilter(new URLSearchParams('status=held&class=5W&name=Zo%C3%AB&from=2026-09-01&to=2026-11-27'))).toEqual({
      filter: { status: 'held', regGroup: '5W', name: 'Zoë', from: '2026-09-01', to: '2026-11-27' },
      what: 'held now, class 5W, pupils whose name has “Zoë”, from Tuesday 1 September 2026, to Friday 27 November 2026',
    });
    expect(registerFilter(new URLSearchParams('status=on-hold'))).toEqual({ filter: { status: 'on-hold' }, what: 'on hold' });
    expect(registerFilter(new URLSearchParams('status=police'))).toEqual({ filter: { status: 'police' }, what: 'with the police' });
    expect(registerFilter(new URLSearchParams('status=open'))).toEqual({ error: 'That is not a status of the register.' });
    expect(registerFilter(new URLSearchParams('status=all'))).toEqual({ filter: {}, what: 'every device ever recorded' });
    expect(registerFilter(new URLSearchParams('status=lost'))).toEqual({ error: 'That is not a status of the register.' });
    expect(registerFilter(new URLSearchParams('from=2026-02-30'))).toMatchObject({ error: expect.stringMatching(/from/) });
  });

  it('prints one row a device on A4 with status, where it is held, days held and parents told, an override flagged, and when it was printed', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T15:42:00Z'), toFake: ['Date'] });
    try {
      const kiosk = installKiosk({
        listConfiscations: () =>
          ok([
            rec({ id: 1, onHold: true, daysHeld: 8, overdue: true, location: 'Head’s office' }),
            rec({ id: 2, status: 'released', parentsInformed: 'yes', location: 'Released', releaseOverride: true }),
            rec({ id: 3, status: 'with-police', location: 'With the police' }),
          ]),
      });
      expect(paperFor('/print/confiscation-register?status=all')).toBe('a4');
      render(<PrintLayout route="/print/confiscation-register?status=all&class=5W&name=kes" />);
      await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
      expect(kiosk.listConfiscations).toHaveBeenCalledWith({ regGroup: '5W', name: 'kes' });
      const table = screen.getByRole('table');
      expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Held at');
      const rows = within(table).getAllByRole('row');
      expect(rows).toHaveLength(4);
      expect(rows[1]!.textContent).toMatch(/on hold/);
      expect(rows[1]!.textContent).toContain('Head’s office');
      expect(rows[1]!.textContent).toMatch(/over/);
      expect(rows[2]!.textContent).toMatch(/Released, override release/);
      expect(rows[3]!.textContent).toContain('With the police');
      expect(rows[1]!.textContent).not.toMatch(/override/);
      expect(sheet().textContent).toContain('3 devices: class 5W, pupils whose name has “kes”.');
      expect(sheet().textContent).toMatch(/Printed Friday,? 27 November 2026, 15:42\./);
    } finally {
      vi.useRealTimers();
    }
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
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/confiscation-register?status=held', paper: 'a4' });
  });
});
