/** Reports › Who viewed DSL-only details (issue 13): offered to DSLs only, listing who, when and which record, filtered by dates. */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DslView } from '../../../electron/api/contract';
import { ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from './harness';

afterEach(cleanup);

const VIEWS: DslView[] = [
  { at: '2026-11-25T11:16:00.000Z', by: 'Dev Leader-DSL', what: 'contacts', recordId: 2, pupilId: 2, pupil: 'Seán O’Brien', device: null },
  { at: '2026-11-25T10:16:00.000Z', by: 'Dara Office-DSL', what: 'confiscation', recordId: 5, pupilId: 2, pupil: 'Seán O’Brien', device: { type: 'phone', description: 'Black iPhone' } },
  { at: '2026-11-24T09:00:00.000Z', by: 'Dara Office-DSL', what: 'confiscation', recordId: 9, pupilId: null, pupil: null, device: null },
];

describe('who viewed DSL-only details', () => {
  it('is a report for DSLs: who, when and which record, each opening it, and the dates sent as chosen', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ listDslViews: () => ok(VIEWS) });
    const { location } = renderStaff('/staff/reports', { role: 'office', staffId: 3, dsl: true, kiosk });
    await user.click(await screen.findByRole('link', { name: 'Who viewed DSL-only details' }));
    expect(location.history?.at(-1)).toBe('/staff/reports/dsl-views');
    const table = await screen.findByRole('table', { name: 'Views of DSL-only details, newest first' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['Wednesday, 25 November 2026, 11:16', 'Dev Leader-DSL', 'Contacts of Seán O’Brien'],
      ['Wednesday, 25 November 2026, 10:16', 'Dara Office-DSL', 'Phone from Seán O’Brien (Black iPhone)'],
      ['Tuesday, 24 November 2026, 09:00', 'Dara Office-DSL', 'Confiscation record 9 (since removed)'],
    ]);
    expect(within(table).getByRole('link', { name: 'Phone from Seán O’Brien (Black iPhone)' }).getAttribute('href')).toBe('/staff/confiscations/5');
    expect(within(table).getByRole('link', { name: 'Contacts of Seán O’Brien' }).getAttribute('href')).toBe('/staff/pupils/2');
    expect(kiosk.listDslViews).toHaveBeenLastCalledWith({});

    await user.type(screen.getByLabelText('From'), '2026-11-25');
    await waitFor(() => expect(kiosk.listDslViews).toHaveBeenLastCalledWith({ from: '2026-11-25' }));
  });

  it('is not offered to anyone else, and its page says who may see it without asking the API', async () => {
    const kiosk = fakeKiosk({ listDslViews: () => ok(VIEWS) });
    renderStaff('/staff/reports', { role: 'leadership', staffId: 4, dsl: false, kiosk });
    await screen.findByRole('link', { name: 'Confiscation register' });
    expect(screen.queryByRole('link', { name: 'Who viewed DSL-only details' })).toBeNull();
    cleanup();
    renderStaff('/staff/reports/dsl-views', { role: 'admin', staffId: 1, dsl: false, kiosk });
    expect(await screen.findByText('Only a DSL can see this list.')).toBeTruthy();
    expect(kiosk.listDslViews).not.toHaveBeenCalled();
  });
});
