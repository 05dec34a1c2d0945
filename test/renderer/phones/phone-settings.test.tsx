import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseTime, PhoneSettings, yearGroupsWords } from '../../../renderer/staff/settings/PhoneSettings';
import { fail, installKiosk, SETTINGS } from '../fake-kiosk';
import { description } from '../staff/harness';

afterEach(cleanup);

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

async function opened() {
  await screen.findByLabelText('Number of slots');
  return { years: section('Who may bring a phone'), slots: section('Slots in the office'), homeTime: section('Home time') };
}

describe('Settings: Phones', () => {
  it('shows the stored settings', async () => {
    installKiosk({ getSettings: () => Promise.resolve({ ok: true, value: { ...SETTINGS, phoneYearGroups: [5, 6], phoneSlotMode: 'next-free', phoneSlotCount: 45, heldItemsReturnTo: 'parent-only', leftWithoutPhoneFrom: '15:45' } }) });
    render(<PhoneSettings />);
    const { years, slots, homeTime } = await opened();
    expect(screen.getByRole('heading', { level: 1, name: 'Phones' })).toBeTruthy();
    const ticked = within(years)
      .getAllByRole('checkbox')
      .filter((c) => (c as HTMLInputElement).checked)
      .map((c) => c.closest('.checkbox')!.textContent);
    expect(ticked).toEqual(['Year 5', 'Year 6']);
    expect(within(years).getAllByRole('checkbox')).toHaveLength(7);
    expect(within(years).getByText('Permission can be given to pupils in Years 5 and 6.')).toBeTruthy();
    expect(within(slots).getByRole('radio', { name: 'Next free slot (numbered pouches)' })).toHaveProperty('checked', true);
    expect(within(slots).getByRole('radio', { name: 'Each pupil has their own numbered slot' })).toHaveProperty('checked', false);
    expect(within(slots).getByLabelText('Number of slots')).toHaveProperty('value', '45');
    expect(within(homeTime).getByRole('radio', { name: 'Only a parent/carer allowed to collect' })).toHaveProperty('checked', true);
    expect(within(homeTime).getByRole('radio', { name: 'The pupil, at home time' })).toHaveProperty('checked', false);
    expect(within(homeTime).getByLabelText('List “Left without phone” from')).toHaveProperty('value', '15:45');
  });

  it('sends only the fields that changed, section by section, and says what was saved', async () => {
    const user = userEvent.setup();
    const kiosk = installKiosk();
    render(<PhoneSettings />);
    const { years, slots, homeTime } = await opened();

    const count = within(slots).getByLabelText('Number of slots');
    await user.clear(count);
    await user.type(count, '80');
    await user.click(within(slots).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenCalledTimes(1);
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ phoneSlotCount: 80 });
    expect(await within(slots).findByText('Saved the number of slots.')).toBeTruthy();

    await user.click(within(years).getByRole('checkbox', { name: 'Year 4' }));
    await user.click(within(years).getByRole('checkbox', { name: 'Year 6' }));
    expect(within(years).getByText('Permission can be given to pupils in Years 4 and 5.')).toBeTruthy();
    await user.click(within(years).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ phoneYearGroups: [4, 5] });
    expect(await within(years).findByText('Saved the year groups.')).toBeTruthy();

    await user.click(within(homeTime).getByRole('radio', { name: 'The pupil, at home time' }));
    const from = within(homeTime).getByLabelText('List “Left without phone” from');
    await user.clear(from);
    await user.type(from, '9.05');
    await user.click(within(homeTime).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ heldItemsReturnTo: 'pupil', leftWithoutPhoneFrom: '09:05' });
    expect(await within(homeTime).findByText('Saved who items taken in go back to and the “Left without phone” time.')).toBeTruthy();
  });

  it('does not call the server when nothing changed', async () => {
    const user = userEvent.setup();
    const kiosk = installKiosk();
    render(<PhoneSettings />);
    const { slots } = await opened();
    await user.click(within(slots).getByRole('radio', { name: 'Next free slot (numbered pouches)' }));
    await user.click(within(slots).getByRole('radio', { name: 'Each pupil has their own numbered slot' }));
    await user.click(within(slots).getByRole('button', { name: 'Save' }));
    expect(await within(slots).findByText('There were no changes to save.')).toBeTruthy();
    expect(kiosk.updateSettings).not.toHaveBeenCalled();
  });

  it('shows the server’s error next to its field and keeps what was typed', async () => {
    const user = userEvent.setup();
    const kiosk = installKiosk({
      updateSettings: (input) =>
        input && 'phoneSlotCount' in input
          ? fail({ code: 'INVALID', field: 'phoneSlotCount', message: 'Number of slots must be 500 or less.' })
          : fail({ code: 'INVALID', field: 'leftWithoutPhoneFrom', message: '“Left without phone” time must be a time like 15:30.' }),
    });
    render(<PhoneSettings />);
    const { slots, homeTime } = await opened();

    const count = within(slots).getByLabelText('Number of slots');
    await user.clear(count);
    await user.type(count, '900');
    await user.click(within(slots).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ phoneSlotCount: 900 });
    const error = await within(slots).findByText('Number of slots must be 500 or less.');
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(count.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(count).toHaveProperty('value', '900');
    expect(within(homeTime).queryByRole('alert')).toBeNull();

    const from = within(homeTime).getByLabelText('List “Left without phone” from');
    await user.clear(from);
    await user.type(from, '25:00');
    await user.click(within(homeTime).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ leftWithoutPhoneFrom: '25:00' });
    expect(description(from)).toContain('“Left without phone” time must be a time like 15:30.');
    expect(from).toHaveProperty('value', '25:00');
  });

  it('refuses a number of slots that is not a whole number before sending it', async () => {
    const user = userEvent.setup();
    const kiosk = installKiosk();
    render(<PhoneSettings />);
    const { slots } = await opened();
    const count = within(slots).getByLabelText('Number of slots');
    await user.clear(count);
    await user.type(count, 'lots');
    await user.click(within(slots).getByRole('button', { name: 'Save' }));
    expect(description(count)).toContain('Type a whole number of slots, from 1 to 500.');
    expect(kiosk.updateSettings).not.toHaveBeenCalled();
  });

  it('shows an error about one year group next to the year groups', async () => {
    const user = userEvent.setup();
    installKiosk({ updateSettings: () => fail({ code: 'INVALID', field: 'phoneYearGroups.0', message: 'Year group must be 6 or less.' }) });
    render(<PhoneSettings />);
    const { years } = await opened();
    await user.click(within(years).getByRole('checkbox', { name: 'Reception' }));
    await user.click(within(years).getByRole('button', { name: 'Save' }));
    const group = await within(years).findByRole('group', { name: 'Year groups whose pupils may be given permission' });
    expect(await within(group).findByText('Year group must be 6 or less.')).toBeTruthy();
    expect(description(group)).toContain('Year group must be 6 or less.');
  });

  it('says year groups and times in words', () => {
    expect(yearGroupsWords([5, 6])).toBe('Years 5 and 6');
    expect(yearGroupsWords([6])).toBe('Year 6');
    expect(yearGroupsWords([0, 4, 5, 6])).toBe('Reception and Years 4, 5 and 6');
    expect(yearGroupsWords([])).toBe('no year group');
    expect(normaliseTime(' 9:05 ')).toBe('09:05');
    expect(normaliseTime('15.30')).toBe('15:30');
    expect(normaliseTime('half three')).toBe('half three');
  });
});
