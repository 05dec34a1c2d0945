import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok, SETTINGS } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';

afterEach(cleanup);

function kioskFor(over: Parameters<typeof fakeKiosk>[0] = {}) {
  return fakeKiosk({ updateSettings: (input) => ok({ ...SETTINGS, ...input } as typeof SETTINGS), ...over });
}

describe('Settings › Confiscations', () => {
  it('is listed on the settings page', async () => {
    renderStaff('/staff/settings');
    expect((await screen.findByRole('link', { name: /Where confiscated devices are kept/ })).getAttribute('href')).toBe('/staff/settings/confiscations');
  });

  it('adds and renames places, saving only the list', async () => {
    const user = userEvent.setup();
    const kiosk = kioskFor();
    renderStaff('/staff/settings/confiscations', { kiosk });
    const first = await screen.findByLabelText('Place 1');
    expect((first as HTMLInputElement).value).toBe('School office safe');
    expect(screen.getByText('The default')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Remove School office safe' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Add a place' }));
    await user.type(screen.getByLabelText('Place 2'), 'Head’s office');
    await user.clear(first);
    await user.type(first, 'Office safe');
    const places = screen.getByRole('region', { name: 'Where devices are held' });
    await user.click(within(places).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ confiscationLocations: ['Office safe', 'Head’s office'] });
    expect(await within(places).findByText('Saved the places devices are held.')).toBeTruthy();
    await user.click(within(places).getByRole('button', { name: 'Remove Office safe' }));
    expect((screen.getByLabelText('Place 1') as HTMLInputElement).value).toBe('Head’s office');
  });

  it('saves only the warning days, and shows the API’s error at the field', async () => {
    const user = userEvent.setup();
    const kiosk = kioskFor({ updateSettings: () => fail({ code: 'INVALID', message: 'Warn after (days) must be from 1 to 60.', field: 'confiscationWarnDays' }) });
    renderStaff('/staff/settings/confiscations', { kiosk });
    const days = await screen.findByLabelText('Warn when a device has been held more than this many days');
    const section = screen.getByRole('region', { name: 'Devices held a long time' });
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).not.toHaveBeenCalled();
    expect(await within(section).findByText('There were no changes to save.')).toBeTruthy();
    await user.clear(days);
    await user.type(days, '60');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ confiscationWarnDays: 60 });
    await waitFor(() => expect(days.getAttribute('aria-invalid')).toBe('true'));
    expect(within(days.closest('.field')!).getByRole('alert').textContent).toBe('Warn after (days) must be from 1 to 60.');
    expect((days as HTMLInputElement).value).toBe('60');
  });

  it('refuses an empty place or a number of days out of range before sending', async () => {
    const user = userEvent.setup();
    const kiosk = kioskFor();
    renderStaff('/staff/settings/confiscations', { kiosk });
    await user.click(await screen.findByRole('button', { name: 'Add a place' }));
    const places = screen.getByRole('region', { name: 'Where devices are held' });
    await user.click(within(places).getByRole('button', { name: 'Save' }));
    expect(within(places).getByRole('alert').textContent).toBe('Type a name for each place, or remove the empty one.');
    const days = screen.getByLabelText('Warn when a device has been held more than this many days');
    await user.clear(days);
    await user.type(days, '61');
    await user.click(within(screen.getByRole('region', { name: 'Devices held a long time' })).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).not.toHaveBeenCalled();
    expect(days.getAttribute('aria-invalid')).toBe('true');
  });
});
