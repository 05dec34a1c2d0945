import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResultOf } from '../../../electron/api/contract';
import { fail, ok, SETTINGS } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { BADGE, NOW, PRINTED, visit } from './data';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const SAM = visit({ id: 1, name: 'Sam Carter', typeKey: 'contractor', typeLabel: 'Contractor', organisation: 'Brightwater Plumbing', visiting: 'Site manager', work: 'Boiler service', supervisor: 'Mr Jones', signedInAt: '2026-11-27T07:55:00.000Z' });
const ANA = visit({ id: 2, name: 'Ana Lopez', escort: 'unescorted', signedInAt: '2026-11-27T09:20:00.000Z', stayReason: 'Evening letting', sameNameOnSite: true });
const WAITING = visit({ id: 3, name: 'Rex Shaw', status: 'waiting', notPermitted: true, signedInAt: '2026-11-27T09:58:00.000Z' });
const CLOSED = visit({ id: 4, name: 'Pat Quinn', status: 'not-signed-out', signedInAt: '2026-11-26T15:00:00.000Z', signedOutAt: '2026-11-26T19:00:00.000Z', signedOutVia: 'auto' });

function onSite(visits = [SAM, ANA], unchecked: typeof visits = []): ResultOf<'listOnSite'> {
  return { visits, unchecked };
}

function detail(v: typeof SAM, admit: boolean): ResultOf<'getVisit'> {
  return { visit: v, badgesIssued: 1, badgeToken: null, breaches: [], can: { admit } };
}

describe('Visitors › On site now', () => {
  it('lists everyone on site with type, organisation, visiting, escort, time in, time on site and flags, with the counts', async () => {
    const kiosk = fakeKiosk({ listOnSite: () => ok(onSite()) });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    expect(screen.getByRole('heading', { level: 1, name: 'Visitors' })).toBeTruthy();
    const sam = await screen.findByRole('link', { name: 'Sam Carter' });
    expect(sam.getAttribute('href')).toBe('/staff/visitors/visit/1');
    const samRow = sam.closest('tr')!;
    expect(samRow.textContent).toContain('Brightwater Plumbing');
    expect(samRow.textContent).toContain('Contractor');
    expect(samRow.textContent).toContain('Site manager');
    expect(samRow.textContent).toContain('Must be escorted');
    expect(samRow.textContent).toContain('07:55');
    expect(samRow.textContent).toContain('2 h 5 min');
    const anaRow = screen.getByRole('link', { name: 'Ana Lopez' }).closest('tr')!;
    expect(anaRow.textContent).toContain('DBS checked: unescorted');
    expect(anaRow.textContent).toContain('40 min');
    expect(anaRow.textContent).toContain('Same name as another person on site');
    expect(anaRow.textContent).toContain('Staying: Evening letting');
    expect(samRow.textContent).not.toContain('Same name');
    const counts = screen.getByRole('list', { name: 'Counts' });
    expect(counts.textContent).toContain('2 on site');
    expect(counts.textContent).toContain('1 must be escorted');
    expect(counts.textContent).toContain('1 contractor');
    expect(screen.queryByRole('heading', { name: /waiting at reception/i })).toBeNull();
  });

  it('shows the tabs, and "Past roll calls" to the fire pages', async () => {
    renderStaff('/staff/visitors', { kiosk: fakeKiosk({ listOnSite: () => ok(onSite([])) }), role: 'office', staffId: 2 });
    const nav = screen.getByRole('navigation', { name: 'Visitors' });
    const names = within(nav)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(names).toEqual(['On site now', 'Expected', 'History', 'Regular visitors', 'Breaches']);
    expect(within(nav).getByRole('link', { name: 'On site now' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Past roll calls' }).getAttribute('href')).toBe('/staff/fire/past');
    expect(await screen.findByText(/No visitors are signed in now/)).toBeTruthy();
  });

  it('puts someone waiting at the very top, with "Let in" only for a DSL or leadership', async () => {
    const office = fakeKiosk({ listOnSite: () => ok(onSite([WAITING, SAM])), getVisit: () => ok(detail(WAITING, false)) });
    renderStaff('/staff/visitors', { kiosk: office, role: 'office', staffId: 2 });
    const panel = (await screen.findByText(/matches the not-permitted list/)).closest('section')!;
    expect(panel.textContent).toContain('Waiting at reception: Rex Shaw matches the not-permitted list.');
    expect(panel.textContent).toContain('Do not let them in without the DSL or Head of School.');
    expect(panel.compareDocumentPosition(screen.getByRole('heading', { level: 2, name: 'On site now' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await waitFor(() => expect(office.getVisit).toHaveBeenCalledWith({ id: 3 }));
    expect(within(panel).getByRole('button', { name: 'Turn away' })).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Let in' })).toBeNull();
    expect(panel.textContent).toContain('Only a DSL or a member of the leadership team can let them in.');
    // the person waiting is not counted as on site
    expect(screen.getByRole('list', { name: 'Counts' }).textContent).toContain('1 on site');
    cleanup();

    const dsl = fakeKiosk({
      listOnSite: () => ok(onSite([WAITING, SAM])),
      getVisit: () => ok(detail(WAITING, true)),
      admitVisit: () => ok({ token: BADGE }),
      print: PRINTED,
    });
    const user = userEvent.setup();
    renderStaff('/staff/visitors', { kiosk: dsl, role: 'office', dsl: true, staffId: 4 });
    await user.click(await screen.findByRole('button', { name: 'Let in' }));
    expect(dsl.admitVisit).toHaveBeenCalledWith({ id: 3 });
    await waitFor(() => expect(dsl.print).toHaveBeenCalledWith({ route: `/print/visitor-badge?token=${BADGE}`, paper: 'label62' }));
    expect(await screen.findByText('Rex Shaw was let in.')).toBeTruthy();
    expect(screen.getByText('Their badge was printed.')).toBeTruthy();
  });

  it('turns away someone waiting', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listOnSite: () => ok(onSite([WAITING])),
      getVisit: () => ok(detail(WAITING, false)),
      turnAwayVisit: () => ok({ ...WAITING, status: 'turned-away' as const }),
    });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    await user.click(await screen.findByRole('button', { name: 'Turn away' }));
    expect(kiosk.turnAwayVisit).toHaveBeenCalledWith({ id: 3 });
    expect(await screen.findByText('Rex Shaw was turned away.')).toBeTruthy();
    expect(kiosk.listOnSite.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('signs someone out from the console and says so', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listOnSite: () => ok(onSite()),
      staffSignOut: () => ok({ ...SAM, status: 'signed-out' as const, signedOutAt: '2026-11-27T10:00:00.000Z', signedOutVia: 'staff' as const }),
    });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByRole('link', { name: 'Sam Carter' })).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Sign out' }));
    expect(kiosk.staffSignOut).toHaveBeenCalledWith({ id: 1 });
    expect(await screen.findByText('Sam Carter is signed out at 10:00.')).toBeTruthy();
  });

  it('shows a refused sign-out next to the row', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ listOnSite: () => ok(onSite()), staffSignOut: () => fail({ code: 'CONFLICT', message: 'This visit has already ended.', field: 'id' }) });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByRole('link', { name: 'Sam Carter' })).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Sign out' }));
    expect((await within(row).findByRole('alert')).textContent).toBe('This visit has already ended.');
  });

  it('reprints a lost badge on the paper in Settings and says the old one no longer works', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ listOnSite: () => ok(onSite()), reprintBadge: () => ok({ token: BADGE }), print: PRINTED });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByRole('link', { name: 'Sam Carter' })).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Reprint badge' }));
    expect(kiosk.reprintBadge).toHaveBeenCalledWith({ id: 1 });
    expect(await screen.findByText('A new badge was printed; the old badge no longer works.')).toBeTruthy();
    expect(kiosk.print).toHaveBeenCalledWith({ route: `/print/visitor-badge?token=${BADGE}`, paper: 'label62' });
    cleanup();

    const a4 = fakeKiosk({ listOnSite: () => ok(onSite()), reprintBadge: () => ok({ token: BADGE }), print: PRINTED, getSettings: () => ok({ ...SETTINGS, badgePaper: 'a4' as const }) });
    renderStaff('/staff/visitors', { kiosk: a4, role: 'office', staffId: 2 });
    const row2 = (await screen.findByRole('link', { name: 'Sam Carter' })).closest('tbody')!;
    await user.click(within(row2).getByRole('button', { name: 'Reprint badge' }));
    await waitFor(() => expect(a4.print).toHaveBeenCalledWith({ route: `/print/visitor-badge-a4?token=${BADGE}`, paper: 'a4' }));
  });

  it('says so when the new badge could not be printed, with its code', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listOnSite: () => ok(onSite()),
      reprintBadge: () => ok({ token: BADGE }),
      print: () => ok({ via: 'printer' as const, printed: false as const, message: 'The label printer is out of labels.' }),
    });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByRole('link', { name: 'Sam Carter' })).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Reprint badge' }));
    const note = await screen.findByText(/The badge could not be printed/);
    expect(note.textContent).toContain('The label printer is out of labels.');
    expect(note.textContent).toContain('KV ABCD EFGH IJKL MNOP');
    expect(screen.getByText('Sam Carter: the old badge no longer works.')).toBeTruthy();
  });

  it('marks someone as staying with a reason typed inline, and clears it', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listOnSite: () => ok(onSite()),
      setStayOnSite: (input) => (input!.reason === '' || input!.reason === 'x' ? fail({ code: 'RULE', message: 'Say why they are staying.', field: 'reason' }) : ok({ ...SAM, stayReason: input!.reason ?? null })),
    });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    const row = (await screen.findByRole('link', { name: 'Sam Carter' })).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Mark as staying' }));
    const field = within(row).getByLabelText('Why are they staying?');
    await user.click(within(row).getByRole('button', { name: 'Save' }));
    expect(kiosk.setStayOnSite).not.toHaveBeenCalled();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await user.type(field, 'x');
    await user.click(within(row).getByRole('button', { name: 'Save' }));
    expect(await within(field.closest('.field')!).findByText('Say why they are staying.')).toBeTruthy();
    await user.clear(field);
    await user.type(field, 'Cleaner');
    await user.click(within(row).getByRole('button', { name: 'Save' }));
    expect(kiosk.setStayOnSite).toHaveBeenLastCalledWith({ id: 1, reason: 'Cleaner' });
    expect(await screen.findByText('Sam Carter is marked as staying: Cleaner.')).toBeTruthy();

    const ana = screen.getByRole('link', { name: 'Ana Lopez' }).closest('tbody')!;
    await user.click(within(ana).getByRole('button', { name: 'No longer staying' }));
    expect(kiosk.setStayOnSite).toHaveBeenLastCalledWith({ id: 2, reason: null });
    expect(await screen.findByText('Ana Lopez is no longer marked as staying.')).toBeTruthy();
  });

  it('lists the visits closed as not signed out, each with "What did you find?"', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ listOnSite: () => ok(onSite([SAM], [CLOSED])), checkNotSignedOut: () => ok({ ...CLOSED, checkedAt: NOW.toISOString(), checkedNote: 'Left at 17:30' }) });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    const section = (await screen.findByRole('heading', { name: /Not signed out/ })).closest('section')!;
    expect(section.textContent).toContain('Pat Quinn');
    expect(section.textContent).toContain('yesterday at 15:00');
    expect(section.textContent).toContain('closed yesterday at 19:00');
    await user.type(within(section).getByLabelText('What did you find?'), 'Left at 17:30{Enter}');
    expect(kiosk.checkNotSignedOut).toHaveBeenCalledWith({ id: 4, note: 'Left at 17:30' });
    expect(await screen.findByText('Checked: Pat Quinn.')).toBeTruthy();
  });

  it('refreshes the list every 15 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW);
    const kiosk = fakeKiosk({ listOnSite: () => ok(onSite()) });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    await screen.findByRole('link', { name: 'Sam Carter' });
    expect(kiosk.listOnSite).toHaveBeenCalledTimes(1);
    await act(async () => {
      vi.advanceTimersByTime(15_000);
    });
    expect(kiosk.listOnSite).toHaveBeenCalledTimes(2);
  });

  it('shows a hostile name as plain text', async () => {
    const kiosk = fakeKiosk({ listOnSite: () => ok(onSite([visit({ id: 9, name: '<script>alert(1)</script>', organisation: '=HYPERLINK("http://x","y")' })])) });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    const link = await screen.findByRole('link', { name: '<script>alert(1)</script>' });
    expect(link.querySelector('script')).toBeNull();
    expect(document.querySelector('main script')).toBeNull();
    expect(screen.getByText('=HYPERLINK("http://x","y")')).toBeTruthy();
  });
});
