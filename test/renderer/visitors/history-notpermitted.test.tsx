import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { NOW, PRINTED, SETUP, visit } from './data';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const HISTORY = [
  visit({ id: 3, name: 'Ana Lopez', status: 'signed-out', signedInAt: '2026-11-26T09:00:00.000Z', signedOutAt: '2026-11-26T10:30:00.000Z', organisation: 'Ofsted' }),
  visit({ id: 2, name: 'Pat Quinn', status: 'not-signed-out', signedInAt: '2026-11-25T15:00:00.000Z', signedOutAt: '2026-11-25T19:00:00.000Z' }),
];

describe('Visitors › History', () => {
  it('lists visits newest first, sends the filters to searchVisits and says when only 500 are shown', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ searchVisits: () => ok({ visits: HISTORY, total: 1234 }), getVisitorSetup: () => ok(SETUP) });
    renderStaff('/staff/visitors/history', { kiosk, role: 'office', staffId: 2 });
    const ana = await screen.findByRole('link', { name: 'Ana Lopez' });
    expect(kiosk.searchVisits).toHaveBeenCalledWith({});
    expect(ana.getAttribute('href')).toBe('/staff/visitors/visit/3');
    const row = ana.closest('tr')!;
    expect(row.textContent).toContain('26 November 2026');
    expect(row.textContent).toContain('09:00');
    expect(row.textContent).toContain('10:30');
    expect(row.textContent).toContain('Signed out');
    expect(screen.getByRole('link', { name: 'Pat Quinn' }).closest('tr')!.textContent).toContain('Not signed out');
    expect(screen.getByText(/Showing 2 of 1234, newest first/)).toBeTruthy();

    await user.type(screen.getByLabelText('Name'), 'ana');
    await user.type(screen.getByLabelText('Organisation'), 'Ofsted');
    await user.selectOptions(screen.getByLabelText('Type'), 'Visitor');
    await user.selectOptions(screen.getByLabelText('Status'), 'Signed out');
    await user.type(screen.getByLabelText('From'), '2026-11-01');
    await user.type(screen.getByLabelText('To'), '2026-11-27');
    await waitFor(() =>
      expect(kiosk.searchVisits).toHaveBeenLastCalledWith({ name: 'ana', organisation: 'Ofsted', typeKey: 'visitor', status: 'signed-out', from: '2026-11-01', to: '2026-11-27' }),
    );
    // a switched-off type can still be searched for
    expect(within(screen.getByLabelText('Type')).getByRole('option', { name: 'Governor (no longer used)' })).toBeTruthy();
  });

  it('prints the visitor log with the same filters, and saves them as CSV', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      searchVisits: () => ok({ visits: HISTORY, total: 2 }),
      getVisitorSetup: () => ok(SETUP),
      exportVisits: () => ok({ fileName: 'visitors-2026-11-27.csv', csv: 'Name\n' }),
      print: PRINTED,
    });
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    renderStaff('/staff/visitors/history', { kiosk, role: 'office', staffId: 2 });
    await screen.findByRole('link', { name: 'Ana Lopez' });
    await user.type(screen.getByLabelText('Name'), "O'Neil & Co");
    await user.selectOptions(screen.getByLabelText('Status'), 'Not signed out');
    await user.type(screen.getByLabelText('From'), '2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/visitor-log?name=O%27Neil%20%26%20Co&status=not-signed-out&from=2026-11-01', paper: 'a4' });
    expect(await screen.findByText('The visitor log was sent to the printer.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save as CSV' }));
    expect(kiosk.exportVisits).toHaveBeenCalledWith({ name: "O'Neil & Co", status: 'not-signed-out', from: '2026-11-01' });
    expect(await screen.findByText('The visitor log is saved as visitors-2026-11-27.csv in your downloads.')).toBeTruthy();
    expect(clicks).toEqual(['visitors-2026-11-27.csv']);
    click.mockRestore();
  });

  it('says so when nothing matches', async () => {
    renderStaff('/staff/visitors/history', { kiosk: fakeKiosk({ searchVisits: () => ok({ visits: [], total: 0 }), getVisitorSetup: () => ok(SETUP) }), role: 'office', staffId: 2 });
    expect(await screen.findByText('No one has signed in yet.')).toBeTruthy();
  });
});

describe('Visitors › Not permitted', () => {
  const LIST = [{ id: 4, name: 'Rex Shaw', category: 'court-order' as const, addedAt: '2026-11-20T09:00:00.000Z', addedBy: 'Lee Leader' }];

  it('is not offered to office staff, and its address says who can see it', async () => {
    const kiosk = fakeKiosk({ listOnSite: () => ok({ visits: [], unchecked: [] }) });
    renderStaff('/staff/visitors', { kiosk, role: 'office', staffId: 2 });
    const nav = screen.getByRole('navigation', { name: 'Visitors' });
    expect(within(nav).queryByRole('link', { name: 'Not permitted' })).toBeNull();
    cleanup();
    const admin = fakeKiosk({});
    renderStaff('/staff/visitors/not-permitted', { kiosk: admin, role: 'admin', staffId: 1 });
    expect(screen.getByText('Only a member of the leadership team or a DSL can see the not-permitted list.')).toBeTruthy();
    expect(admin.listNotPermitted).not.toHaveBeenCalled();
  });

  it('is offered to leadership and to a DSL', () => {
    renderStaff('/staff/visitors/breaches', { kiosk: fakeKiosk({ listBreaches: () => ok([]) }), role: 'leadership', staffId: 3 });
    expect(within(screen.getByRole('navigation', { name: 'Visitors' })).getByRole('link', { name: 'Not permitted' }).getAttribute('href')).toBe('/staff/visitors/not-permitted');
    cleanup();
    renderStaff('/staff/visitors/breaches', { kiosk: fakeKiosk({ listBreaches: () => ok([]) }), role: 'office', dsl: true, staffId: 4 });
    expect(within(screen.getByRole('navigation', { name: 'Visitors' })).getByRole('link', { name: 'Not permitted' })).toBeTruthy();
  });

  it('lists names with the category in words and who added them; adds with a category only', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listNotPermitted: () => ok(LIST),
      addNotPermitted: (input) => ok({ id: 5, name: input!.name, category: input!.category, addedAt: NOW.toISOString(), addedBy: 'Dee Safeguard' }),
    });
    renderStaff('/staff/visitors/not-permitted', { kiosk, role: 'office', dsl: true, staffId: 4 });
    const rex = (await screen.findByText('Rex Shaw')).closest('tr')!;
    expect(rex.textContent).toContain('Court order');
    expect(rex.textContent).toContain('Lee Leader');
    const form = screen.getByRole('form', { name: 'Add a person to the not-permitted list' });
    expect(screen.getByText('Record only the category. The reasons are kept in the safeguarding records, not here.')).toBeTruthy();
    await user.type(within(form).getByLabelText('Name'), 'Jo Bloggs');
    await user.click(within(form).getByRole('button', { name: 'Add to the list' }));
    expect(kiosk.addNotPermitted).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert').textContent).toBe('Choose a category.');
    await user.click(within(form).getByLabelText('Trespass notice'));
    await user.click(within(form).getByRole('button', { name: 'Add to the list' }));
    expect(kiosk.addNotPermitted).toHaveBeenCalledWith({ name: 'Jo Bloggs', category: 'trespass' });
    expect(await screen.findByText('Jo Bloggs is on the not-permitted list (Trespass notice).')).toBeTruthy();
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('');
  });

  it('removes a name only after confirming on the page', async () => {
    const user = userEvent.setup();
    const confirm = vi.spyOn(window, 'confirm');
    const kiosk = fakeKiosk({ listNotPermitted: () => ok(LIST), removeNotPermitted: () => ok({ removed: 4 }) });
    renderStaff('/staff/visitors/not-permitted', { kiosk, role: 'leadership', staffId: 3 });
    const row = (await screen.findByText('Rex Shaw')).closest('tbody')!;
    await user.click(within(row).getByRole('button', { name: 'Remove' }));
    expect(kiosk.removeNotPermitted).not.toHaveBeenCalled();
    expect(within(row).getByText(/Take Rex Shaw off the list\?/)).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'Keep them on the list' }));
    expect(within(row).queryByText(/Take Rex Shaw off the list\?/)).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Remove' }));
    await user.click(within(row).getByRole('button', { name: 'Yes, take them off' }));
    expect(kiosk.removeNotPermitted).toHaveBeenCalledWith({ id: 4 });
    expect(await screen.findByText('Rex Shaw is off the not-permitted list.')).toBeTruthy();
    expect(confirm).not.toHaveBeenCalled();
    confirm.mockRestore();
  });
});

describe('Reports', () => {
  it('links to the confiscation register and the visitor log, and says nothing is still to come', () => {
    renderStaff('/staff/reports', { role: 'office', staffId: 2 });
    const main = screen.getByRole('main');
    expect(within(main).getByRole('link', { name: 'Visitor log' }).getAttribute('href')).toBe('/staff/visitors/history');
    expect(within(main).getByRole('link', { name: 'Confiscation register' }).getAttribute('href')).toBe('/staff/confiscations');
    expect(within(main).queryByText(/later update/)).toBeNull();
  });
});
