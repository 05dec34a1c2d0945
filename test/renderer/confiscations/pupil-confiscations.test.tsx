/**
 * A pupil's page, "Confiscations" (issue 7): the devices confiscated from this pupil (date, device,
 * status, days), each opening its record, and "Record a confiscation" for this pupil.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfiscationRecord } from '../../../electron/api/contract';
import { EMPTY_SEARCH, usePupilsUi } from '../../../renderer/staff/pupils/state';
import { ok } from '../fake-kiosk';
import { detail } from '../pupils/fixtures';
import { fakeKiosk, renderStaff } from '../staff/harness';

beforeEach(() => usePupilsUi.setState({ search: EMPTY_SEARCH, flash: null }));
afterEach(cleanup);

function rec(over: Partial<ConfiscationRecord> & { id: number }): ConfiscationRecord {
  return {
    pupilId: 2,
    deviceType: 'phone',
    description: 'Black iPhone',
    condition: '',
    power: 'off',
    ground: 'behaviour',
    groundDetail: '',
    confiscatedAt: '2026-11-25T10:05:00.000Z',
    confiscatedBy: 'Mr Patel',
    witness: '',
    recordedAt: '2026-11-25T10:05:00.000Z',
    recordedBy: 'Priya Shah',
    location: 'School office safe',
    status: 'held',
    onHold: false,
    slipToken: 'KCABCDEFGHIJKLMN',
    releasedAt: null,
    forename: 'Seán',
    surname: 'O’Brien',
    regGroup: '5W',
    yearGroup: 5,
    daysHeld: 7,
    overdue: true,
    parentsInformed: 'yes',
    dslInformed: false,
    searched: false,
    suspected: null,
    slipPrinted: false,
    releaseOverride: false,
    ...over,
  };
}

function open(list: ConfiscationRecord[], pupil = detail()) {
  const kiosk = fakeKiosk({
    getPupil: () => ok(pupil),
    getPupilPhones: () => ok({ pupilId: 2, eligible: true, permitted: false, slot: null, permissions: [], arrangement: null, pastArrangements: [], items: [] }),
    listConfiscations: () => ok(list),
  });
  renderStaff('/staff/pupils/2', { role: 'office', staffId: 2, kiosk });
  return kiosk;
}

async function section(): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 2, name: 'Confiscations' });
  return heading.closest('section')!;
}

describe('a pupil’s confiscations', () => {
  it('lists the pupil’s devices with date, device, status and days, each linking to its record', async () => {
    const kiosk = open([
      rec({ id: 8, onHold: true }),
      rec({ id: 3, deviceType: 'smartwatch', description: 'Red watch', status: 'released', daysHeld: 1, overdue: false, confiscatedAt: '2026-10-02T09:00:00.000Z', releasedAt: '2026-10-03T15:00:00.000Z' }),
    ]);
    const s = await section();
    await within(s).findByRole('table');
    expect(kiosk.listConfiscations).toHaveBeenCalledWith({ pupilId: 2 });
    const rows = within(s).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['25 November 2026', 'Phone — Black iPhone', 'Held in school (on hold)', 'Held 7 days — overdue'],
      ['2 October 2026', 'Smartwatch — Red watch', 'Released', '1 day'],
    ]);
    expect(within(s).getByRole('link', { name: 'Phone — Black iPhone' }).getAttribute('href')).toBe('/staff/confiscations/8');
    expect(within(s).getByRole('link', { name: 'Smartwatch — Red watch' }).getAttribute('href')).toBe('/staff/confiscations/3');
  });

  it('offers "Record a confiscation" for this pupil, and says when nothing was confiscated', async () => {
    open([]);
    const s = await section();
    expect(await within(s).findByText('Nothing has been confiscated from Seán.')).toBeTruthy();
    expect(within(s).getByRole('link', { name: 'Record a confiscation' }).getAttribute('href')).toBe('/staff/confiscations/new?pupil=2');
  });

  it('does not offer to record a confiscation for a pupil who has left', async () => {
    open([], detail({ status: 'left', leftOn: '2026-07-20' }));
    const s = await section();
    await within(s).findByText('Nothing has been confiscated from Seán.');
    expect(within(s).queryByRole('link', { name: 'Record a confiscation' })).toBeNull();
  });
});
