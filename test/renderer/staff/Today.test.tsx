import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { dateInWords, whenInWords } from '../../../renderer/staff/Today';
import { ok } from '../fake-kiosk';
import { TODAY, fakeKiosk, renderStaff } from './harness';

afterEach(cleanup);

const CONFISCATION_BASE = {
  pupilId: 1, description: '', condition: '', power: 'on' as const, ground: 'behaviour' as const, groundDetail: '', confiscatedAt: '2026-11-19T10:05:00.000Z',
  confiscatedBy: 'Mrs Patel', witness: '', recordedAt: '2026-11-19T10:05:00.000Z', recordedBy: 'staff:2', location: 'School office safe', status: 'held' as const,
  onHold: false, slipToken: 'KCAAAABBBBCCCCDDDD', releasedAt: null, yearGroup: 1, parentsInformed: 'yes' as const, dslInformed: false, searched: false, suspected: null, slipPrinted: false, releaseOverride: false,
};

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
  it('shows the day in words, the confiscations and a quiet visitors panel', async () => {
    renderStaff('/staff');
    expect(await screen.findByText('Friday 27 November 2026')).toBeTruthy();
    expect(screen.getByText('A school day.')).toBeTruthy();
    const confiscations = screen.getByRole('link', { name: /^Confiscated devices held 0\b/ });
    expect(confiscations.textContent).toContain('None held in school now.');
    expect(confiscations.getAttribute('href')).toBe('/staff/confiscations');
    const visitors = screen.getByRole('region', { name: 'Visitors' });
    expect(within(visitors).getByRole('link', { name: /^On site now 0\b/ }).textContent).toContain('Nobody is signed in as a visitor.');
    expect(within(visitors).getByRole('link', { name: /^Waiting at reception 0\b/ }).getAttribute('href')).toBe('/staff/visitors');
    expect(within(visitors).queryByRole('link', { name: /fire roll call/i })).toBeNull();
    expect(screen.getByText(/No open alerts/)).toBeTruthy();
  });

  it('shows the visitors: every number opens its list, someone waiting and a roll call under way stand out', async () => {
    const kiosk = fakeKiosk({ getToday: () => ok({ ...TODAY, visitors: { onSite: 12, waiting: 2, expectedToday: 3, notSignedOut: 1, rollCallId: 4 } }) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    const visitors = await screen.findByRole('region', { name: 'Visitors' });
    const links = within(visitors).getAllByRole('link');
    const expected: [RegExp, string][] = [
      [/^A fire roll call is under way /, '/staff/fire/4'],
      [/^Waiting at reception 2 /, '/staff/visitors'],
      [/^On site now 12 /, '/staff/visitors'],
      [/^Expected today 3 /, '/staff/visitors/expected'],
      [/^Not signed out 1 /, '/staff/visitors'],
    ];
    expect(links).toHaveLength(expected.length);
    expected.forEach(([name, href], i) => {
      expect(links[i]!.textContent).toMatch(name);
      expect(links[i]!.getAttribute('href')).toBe(href);
    });
    expect(links[1]!.textContent).toContain('2 people were asked by the kiosk to wait for a member of staff. See them now.');
    expect(links[1]!.closest('li')!.className).toContain('today-waiting');
    expect(links[4]!.className).toContain('phone-counter-warn');
    expect(links[4]!.textContent).toContain('check each one');
    // only one "Waiting at reception" when someone is waiting
    expect(within(visitors).getAllByText('Waiting at reception')).toHaveLength(1);
  });

  it('says the visitor alerts in words', async () => {
    const alerts = [
      { id: 9, kind: 'visitor-not-permitted', entity: 'visit', entityId: '5', createdAt: '2026-11-27T09:00:00.000Z' },
      { id: 8, kind: 'visitor-see-office', entity: null, entityId: null, createdAt: '2026-11-27T08:59:00.000Z' },
    ];
    const kiosk = fakeKiosk({ getToday: () => ok({ ...TODAY, alerts }) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    const region = await screen.findByRole('region', { name: 'Alerts' });
    expect(within(region).getByText('Someone is waiting at reception for a member of staff.')).toBeTruthy();
    expect(within(region).getByText('Someone at the entrance screen is asking for the office (dropping off or collecting).')).toBeTruthy();
    expect(within(region).getByRole('link', { name: 'See who is waiting' }).getAttribute('href')).toBe('/staff/visitors/visit/5');
    expect(within(region).getAllByRole('button', { name: /^Dealt with/ })).toHaveLength(2);
  });

  it('shows the phone counters, each opening its list, and a quiet line when nothing is left over', async () => {
    const kiosk = fakeKiosk({ getToday: () => ok({ ...TODAY, phones: { checkedInToday: 23, heldNow: 25, slotsFree: 37, notCollected: [], reviewsOverdue: 0 } }) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    const phones = await screen.findByRole('region', { name: 'Phones' });
    const held = within(phones).getByRole('link', { name: /^Phones held now 25\b/ });
    expect(held.getAttribute('href')).toBe('/staff/phones/home-time');
    const free = within(phones).getByRole('link', { name: /^Slots free 37\b/ });
    expect(free.getAttribute('href')).toBe('/staff/phones');
    expect(free.textContent).toContain('Of 60 numbered slots.');
    expect(within(phones).getByRole('link', { name: /^Checked in today 23\b/ }).getAttribute('href')).toBe('/staff/phones');
    expect(within(phones).queryByRole('link', { name: /Arrangement reviews overdue/ })).toBeNull();
    expect(within(phones).queryByRole('region', { name: /Not collected/ })).toBeNull();
    expect(within(phones).getByText(/^Not collected: none\./)).toBeTruthy();
  });

  it('lists every item not collected from an earlier day, each linking to home time, and overdue arrangement reviews', async () => {
    const base = { yearGroup: 6, description: '', permitted: true, parentOnly: false, fromPreviousSchoolDay: true };
    const notCollected = [
      { ...base, itemId: 4, pupilId: 61, forename: 'Isla', surname: 'Coombe', regGroup: '6W', day: '2026-11-23', slot: 11, kind: 'phone' as const, checkedInAt: '2026-11-23T08:45:00.000Z', fromPreviousSchoolDay: false },
      { ...base, itemId: 7, pupilId: 42, forename: 'Harry', surname: 'Fairlie', yearGroup: 4, regGroup: '4W', day: '2026-11-26', slot: null, kind: 'smartwatch' as const, permitted: false, parentOnly: true, checkedInAt: '2026-11-26T10:15:00.000Z' },
    ];
    const kiosk = fakeKiosk({ getToday: () => ok({ ...TODAY, phones: { checkedInToday: 8, heldNow: 10, slotsFree: 50, notCollected, reviewsOverdue: 2 } }) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    const phones = await screen.findByRole('region', { name: 'Phones' });
    const list = within(phones).getByRole('region', { name: 'Not collected: 2 items still in the office from an earlier day' });
    const links = within(list).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Isla Coombe, 6W Phone, slot 11 since Monday 23 November',
      'Harry Fairlie, 4W Smartwatch, held without permission, parent/carer only since Thursday 26 November',
    ]);
    for (const l of links) expect(l.getAttribute('href')).toBe('/staff/phones/home-time');
    const reviews = within(phones).getByRole('link', { name: /^Arrangement reviews overdue 2\b/ });
    expect(reviews.getAttribute('href')).toBe('/staff/phones/register');
    expect(within(phones).getByRole('link', { name: /^Phones held now 10\b/ })).toBeTruthy();
  });

  it('shows the confiscated devices held, the oldest with days held, and flags those past the days in Settings', async () => {
    const base = { ...CONFISCATION_BASE };
    const oldest = [
      { ...base, id: 1, forename: 'Olivia', surname: 'Kestrel', regGroup: 'RW', deviceType: 'phone' as const, daysHeld: 8, overdue: true },
      { ...base, id: 2, forename: 'Ruby', surname: 'Ingram', regGroup: '1W', deviceType: 'smartwatch' as const, daysHeld: 2, overdue: false },
    ];
    const kiosk = fakeKiosk({ getToday: () => ok({ ...TODAY, confiscations: { held: 2, oldest } }) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    const glance = await screen.findByRole('region', { name: 'At a glance' });
    const count = within(glance).getByRole('link', { name: /^Confiscated devices held 2\b/ });
    expect(count.getAttribute('href')).toBe('/staff/confiscations');
    expect(count.textContent).toContain('1 held longer than 5 days in Settings.');
    const list = within(glance).getByRole('list', { name: 'Held longest' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual(['Olivia Kestrel, RW: Phone Held 8 days — over 5', 'Ruby Ingram, 1W: Smartwatch held 2 days']);
    expect(within(items[0]!).getByRole('link').getAttribute('href')).toBe('/staff/confiscations/1');
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
    expect(screen.getByText(/An administrator can give them a new PIN/)).toBeTruthy();
  });

  it('offers "Dealt with" on a wrong-PIN alert only to an administrator or DSL (the API refuses others)', async () => {
    const screenAlert = { ...ALERT, entity: 'screen', entityId: 'console' };
    const seeOffice = { id: 8, kind: 'visitor-see-office', entity: null, entityId: null, createdAt: ALERT.createdAt };
    const kiosk = fakeKiosk({ getToday: () => ok({ ...TODAY, alerts: [screenAlert, seeOffice] }) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    const alerts = await screen.findByRole('region', { name: 'Alerts' });
    expect(await within(alerts).findByText('Five or more wrong PINs were typed on one screen within ten minutes: someone may be guessing.')).toBeTruthy();
    expect(within(alerts).getAllByRole('button', { name: /^Dealt with/ })).toHaveLength(1); // the visitor alert's only
    cleanup();
    renderStaff('/staff', { kiosk, role: 'office', staffId: 3, dsl: true });
    const forDsl = await screen.findByRole('region', { name: 'Alerts' });
    await within(forDsl).findByText(/Five or more wrong PINs/);
    expect(within(forDsl).getAllByRole('button', { name: /^Dealt with/ })).toHaveLength(2);
  });
});
