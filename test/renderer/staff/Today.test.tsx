import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { dateInWords, whenInWords } from '../../../renderer/staff/Today';
import { ok } from '../fake-kiosk';
import { TODAY, fakeKiosk, renderStaff } from './harness';

afterEach(cleanup);

const ALERT = { id: 7, kind: 'pin-failures', entity: 'staff', entityId: '2', createdAt: '2026-11-27T08:42:00.000Z' };

describe('words for dates and times', () => {
  it('says a date in full', () => {
    expect(dateInWords('2026-11-27')).toBe('Friday 27 November 2026');
    expect(dateInWords('2027-01-04')).toBe('Monday 4 January 2027');
  });

  it('says when, in the school’s time zone (summer time included)', () => {
    const now = new Date('2026-07-10T12:00:00Z');
    expect(whenInWords('2026-07-10T07:42:00Z', 'Europe/London', now)).toBe('today at 08:42');
    expect(whenInWords('2026-07-09T23:30:00Z', 'Europe/London', now)).toBe('today at 00:30');
    expect(whenInWords('2026-07-09T15:10:00Z', 'Europe/London', now)).toBe('yesterday at 16:10');
    expect(whenInWords('2026-07-01T15:10:00Z', 'Europe/London', now)).toBe('on Wednesday 1 July 2026 at 16:10');
  });
});

describe('Today', () => {
  it('shows the day in words and, for features not yet in use, says so instead of a number', async () => {
    renderStaff('/staff');
    expect(await screen.findByText('Friday 27 November 2026')).toBeTruthy();
    expect(screen.getByText('A school day.')).toBeTruthy();
    const phones = screen.getByRole('link', { name: /^Phones held now/ });
    expect(phones.textContent).toContain('Starts when phones check-in is in use.');
    expect(phones.getAttribute('href')).toBe('/staff/phones');
    expect(screen.getByRole('link', { name: /^Not collected yesterday/ }).getAttribute('href')).toBe('/staff/phones');
    expect(screen.getByRole('link', { name: /^Confiscated devices held/ }).getAttribute('href')).toBe('/staff/confiscations');
    expect(screen.getByRole('link', { name: /^Visitors on site/ }).getAttribute('href')).toBe('/staff/visitors');
    expect(screen.getByRole('main').textContent).not.toMatch(/\d+\s*(phones|devices|visitors)/i);
    expect(screen.getByText(/No open alerts/)).toBeTruthy();
  });

  it('names the closure on a day the school is closed, and the next school day', async () => {
    const kiosk = fakeKiosk({
      getToday: () =>
        ok({
          ...TODAY,
          day: {
            date: '2026-12-23',
            isSchoolDay: false,
            closure: { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas holidays' },
            nextSchoolDay: '2027-01-04',
            previousSchoolDay: '2026-12-18',
          },
        }),
    });
    renderStaff('/staff', { kiosk });
    expect(await screen.findByText('Wednesday 23 December 2026')).toBeTruthy();
    expect(screen.getByText('The school is closed: Christmas holidays. The next school day is Monday 4 January 2027.')).toBeTruthy();
  });

  it('shows an open alert in words, and "Dealt with" resolves it', async () => {
    const user = userEvent.setup();
    let open = [ALERT];
    const kiosk = fakeKiosk({
      getToday: () => ok({ ...TODAY, alerts: open }),
      resolveAlert: () => {
        open = [];
        return ok({ resolved: 7 });
      },
    });
    renderStaff('/staff', { kiosk });
    const alerts = await screen.findByRole('region', { name: 'Alerts' });
    const item = await within(alerts).findByText('Several wrong PINs were typed for a staff account: Priya Shah.');
    expect(item).toBeTruthy();
    expect(within(alerts).getByText(/^Raised (today|on .*) at \d\d:\d\d\.$/)).toBeTruthy();
    const staffLink = within(alerts).getByRole('link', { name: 'Settings › Staff accounts' });
    expect(staffLink.getAttribute('href')).toBe('/staff/settings/staff');

    await user.click(within(alerts).getByRole('button', { name: /^Dealt with/ }));
    expect(kiosk.resolveAlert).toHaveBeenCalledWith({ id: 7 });
    expect(await within(alerts).findByText('The alert is marked as dealt with.')).toBeTruthy();
    expect(await within(alerts).findByText(/No open alerts/)).toBeTruthy();
    expect(within(alerts).queryByText(/Several wrong PINs/)).toBeNull();
  });

  it('shows why "Dealt with" did not work', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      getToday: () => ok({ ...TODAY, alerts: [ALERT] }),
      resolveAlert: () => Promise.resolve({ ok: false, error: { code: 'CONFLICT', message: 'Already dealt with.', field: 'id' } }),
    });
    renderStaff('/staff', { kiosk });
    await user.click(await screen.findByRole('button', { name: /^Dealt with/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('Already dealt with.');
  });

  it('does not link office staff to settings from an alert', async () => {
    const kiosk = fakeKiosk({ getToday: () => ok({ ...TODAY, alerts: [ALERT] }) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    expect(await screen.findByText(/Several wrong PINs were typed/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Staff accounts/ })).toBeNull();
    expect(screen.getByText(/An administrator can check the account/)).toBeTruthy();
  });
});
