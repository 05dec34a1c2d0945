import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from './harness';

afterEach(cleanup);

/** The page's top bar (jsdom also counts each page's own <header> inside <main> as a banner). */
function topBar(): HTMLElement {
  return screen.getAllByRole('banner')[0]!;
}

describe('the staff console frame', () => {
  it('shows the school, who is signed in and their role, and Lock, which locks', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff', { role: 'leadership', staffId: 3, dsl: true });
    const banner = topBar();
    expect(within(banner).getByText('Oakfield Primary School')).toBeTruthy();
    expect(await within(banner).findByText('Mark Bennett')).toBeTruthy();
    expect(within(banner).getByText('Leadership, DSL')).toBeTruthy();
    const lock = within(banner).getByRole('button', { name: 'Lock' });
    expect(kiosk.lock).not.toHaveBeenCalled();
    await user.click(lock);
    expect(kiosk.lock).toHaveBeenCalledTimes(1);
  });

  it('keeps Lock and the fire roll call in the top bar on every page', async () => {
    const user = userEvent.setup();
    const rc = { id: 4, startedAt: '2026-11-25T10:00:00.000Z', startedBy: 'Olu Office', endedAt: null, endedBy: null, people: [], accounted: 0 };
    const kiosk = fakeKiosk({ startRollCall: () => ok(rc), getRollCall: () => ok(rc) });
    renderStaff('/staff/my-pin', { role: 'office', staffId: 2, kiosk });
    const banner = topBar();
    expect(within(banner).getByRole('button', { name: 'Lock' })).toBeTruthy();
    await user.click(within(banner).getByRole('link', { name: 'Fire roll call' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Fire roll call' })).toBeTruthy();
    // one click starts the roll call of everyone on site
    await waitFor(() => expect(kiosk.startRollCall).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Nobody is signed in as a visitor.')).toBeTruthy();
    expect(within(banner).getByRole('link', { name: 'Fire roll call' }).getAttribute('aria-current')).toBe('page');
  });

  it('marks the current page in the navigation and moves between pages', async () => {
    const user = userEvent.setup();
    renderStaff('/staff');
    const nav = screen.getByRole('navigation', { name: 'Staff console' });
    expect(within(nav).getByRole('link', { name: 'Today' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Phones' }).getAttribute('aria-current')).toBeNull();
    await user.click(within(nav).getByRole('link', { name: 'Phones' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Phones' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Phones' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Today' }).getAttribute('aria-current')).toBeNull();
    for (const name of ['Today', 'Phones', 'Confiscations', 'Visitors', 'Pupils', 'Reports', 'Settings', 'My PIN']) {
      expect(within(nav).getByRole('link', { name })).toBeTruthy();
    }
  });

  it('offers "Skip to content" first, which moves focus to the page', async () => {
    const user = userEvent.setup();
    // (not the Phones page: its scan field takes the focus on arrival, for the scanner)
    renderStaff('/staff/reports');
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(document.activeElement).toBe(skip);
    await user.click(skip);
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it('shows Settings to administrators, with the list of sections', async () => {
    renderStaff('/staff/settings', { role: 'admin' });
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    const main = screen.getByRole('main');
    const links = within(main).getAllByRole('link');
    // Each link: the section's name, then one line on what it holds.
    const titles = ['School', 'Staff accounts', 'Security', 'Phones', 'Confiscations', 'Visitors and the kiosk', 'School calendar', 'Backups', 'Printers'];
    expect(links).toHaveLength(titles.length);
    titles.forEach((title, i) => expect(links[i]!.textContent).toMatch(new RegExp(`^${title}[A-Z][^.]+\\.$`)));
    expect(links.map((l) => l.getAttribute('href'))).toEqual(
      ['school', 'staff', 'security', 'phones', 'confiscations', 'visitors', 'calendar', 'backups', 'printers'].map((s) => `/staff/settings/${s}`),
    );
    expect(screen.queryByText('Only an administrator can change settings.')).toBeNull();
  });

  it.each(['office', 'leadership'] as const)('hides Settings from %s staff, and a settings address shows "Only an administrator"', async (role) => {
    const { kiosk } = renderStaff('/staff/settings/staff', { role, staffId: 2 });
    const nav = screen.getByRole('navigation', { name: 'Staff console' });
    expect(within(nav).queryByRole('link', { name: 'Settings' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'My PIN' })).toBeTruthy();
    expect(screen.getByText('Only an administrator can change settings.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Staff accounts' })).toBeNull();
    await act(async () => {});
    expect(kiosk.listStaff).not.toHaveBeenCalled();
  });

  it('lists the reports with links', () => {
    renderStaff('/staff/reports', { role: 'office', staffId: 2 });
    const main = screen.getByRole('main');
    expect(within(main).getByRole('heading', { level: 1, name: 'Reports' })).toBeTruthy();
    expect(within(main).getByRole('link', { name: 'Daily phone log and term summary' }).getAttribute('href')).toBe('/staff/phones/log');
    expect(within(main).getByRole('link', { name: 'Phones register' }).getAttribute('href')).toBe('/staff/phones/register');
    expect(within(main).queryByRole('link', { name: 'Audit log check' })).toBeNull(); // administrators only
    expect(within(main).getByRole('link', { name: 'Confiscation register' }).getAttribute('href')).toBe('/staff/confiscations');
    expect(within(main).getByRole('link', { name: 'Visitor log' }).getAttribute('href')).toBe('/staff/visitors/history');
    expect(within(main).queryByText(/later update/)).toBeNull();
  });
});
