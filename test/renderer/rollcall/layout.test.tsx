/**
 * The fire roll call on A4 ('/print/roll-call?id=N'): the school, the title, when it started and
 * by whom, the count, one row a person with a box to tick by pen (or the tick already made), and
 * data-print-state 'ready' only once the roll call and the school's time zone are known.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { paperFor, PrintLayout } from '../../../renderer/print/PrintLayout';
import { fail, installKiosk, ok } from '../fake-kiosk';
import { person, rollCall } from './data';

afterEach(cleanup);

function sheet(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-print-state]');
  if (!el) throw new Error('no sheet');
  return el;
}

describe('the printed fire roll call', () => {
  it('prints everyone on site with a tick box each, and reaches ready', async () => {
    const rc = rollCall({
      id: 5,
      startedAt: '2026-11-12T10:05:00.000Z',
      people: [
        person({ visitId: 1, name: 'Ann Lee', typeLabel: 'Contractor', organisation: 'Acme Heating', visiting: 'Site manager', escort: 'unescorted', signedInAt: '2026-11-12T08:47:00.000Z' }),
        person({ visitId: 2, name: '=HYPERLINK("http://x","y")', signedInAt: '2026-11-11T17:30:00.000Z', stayReason: 'Evening letting' }),
        person({ visitId: 3, name: 'Cat Smith', signedInAt: '2026-11-12T09:12:00.000Z', accountedAt: '2026-11-12T10:09:00.000Z', accountedBy: 'Priya Shah' }),
      ],
    });
    const kiosk = installKiosk({ getRollCall: () => ok(rc) });
    expect(paperFor('/print/roll-call?id=5')).toBe('a4');
    render(<PrintLayout route="/print/roll-call?id=5" />);
    expect(sheet().dataset.printState).toBe('loading');
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(kiosk.getRollCall).toHaveBeenCalledWith({ id: 5 });

    expect(screen.getByText('Oakfield Primary School')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Fire roll call' })).toBeTruthy();
    expect(screen.getByText('Started Thursday 12 November 2026 at 10:05 by Priya Shah.')).toBeTruthy();
    expect(sheet().textContent).toContain('3 people signed in as visitors. Tick each person at the assembly point. 1 already ticked on screen.');

    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(Array.from(rows[0]!.children, (c) => c.textContent)).toEqual(['Here', 'Name', 'Type', 'Organisation', 'Visiting', 'Escort', 'Time in', 'Staying']);
    expect(rows[0]!.closest('thead')).toBeTruthy();
    expect(Array.from(rows[1]!.children, (c) => c.textContent)).toEqual([
      'Not yet accounted for',
      'Ann Lee',
      'Contractor',
      'Acme Heating',
      'Site manager',
      'DBS checked: unescorted',
      '08:47',
      '',
    ]);
    expect(rows[1]!.querySelector('.rcp-box')).toBeTruthy();
    // another day's sign-in says the date; the hostile name is plain text
    expect(within(rows[2]!).getByRole('rowheader').textContent).toBe('=HYPERLINK("http://x","y")');
    expect(rows[2]!.textContent).toContain('Wednesday 11 November 2026 at 17:30');
    expect(rows[2]!.textContent).toContain('Evening letting');
    expect(rows[2]!.textContent).toContain('Must be escorted');
    expect(rows[3]!.children[0]!.textContent).toBe('✓Accounted for at 10:09');
  });

  it('says when nobody was on site, and is still ready to print', async () => {
    installKiosk({ getRollCall: () => ok(rollCall({ id: 6, people: [] })) });
    render(<PrintLayout route="/print/roll-call?id=6" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(screen.getByText('Nobody was signed in as a visitor when the roll call started.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('is an error sheet without an id, or when the roll call cannot be read', async () => {
    const kiosk = installKiosk({ getRollCall: () => fail({ code: 'NOT_FOUND', message: 'That roll call is not on record.', field: 'id' }) });
    render(<PrintLayout route="/print/roll-call" />);
    expect(sheet().dataset.printState).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe('Choose the roll call to print. Nothing was printed.');
    expect(kiosk.getRollCall).not.toHaveBeenCalled();
    cleanup();
    render(<PrintLayout route="/print/roll-call?id=99" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe('The roll call could not be read: That roll call is not on record. Nothing was printed.');
  });
});
