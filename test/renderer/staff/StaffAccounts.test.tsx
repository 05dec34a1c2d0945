import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../fake-kiosk';
import { STAFF, description, fakeKiosk, member, renderStaff, type StaffMember } from './harness';

afterEach(cleanup);

function row(name: string): HTMLElement {
  return screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tbody')!;
}

async function loaded() {
  await screen.findByRole('table');
}

describe('Staff accounts', () => {
  it('lists every account with role, DSL, active, whether it has a PIN and last unlock; nothing about wrong PINs', async () => {
    const { kiosk } = renderStaff('/staff/settings/staff', {
      kiosk: fakeKiosk({ listStaff: () => ok([...STAFF, member({ id: 4, name: 'Jo Williams', active: false, hasPin: false })]) }),
    });
    await loaded();
    expect(kiosk.listStaff).toHaveBeenCalledWith({ includeInactive: true });
    const cells = (name: string) => within(row(name)).getAllByRole('cell').map((c) => c.textContent);
    expect(screen.getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Name', 'Role', 'DSL', 'Account', 'PIN', 'Last unlock']);
    expect(cells('Alex Turner').slice(0, 4)).toEqual(['Administrator', 'No', 'Active', 'PIN set']);
    expect(cells('Alex Turner')[4]).toMatch(/^(Today|Yesterday|On .*) at \d\d:\d\d$/);
    expect(cells('Priya Shah').slice(0, 5)).toEqual(['Office', 'No', 'Active', 'PIN set', 'Never']);
    expect(cells('Mark Bennett').slice(0, 3)).toEqual(['Leadership', 'DSL', 'Active']);
    expect(cells('Jo Williams').slice(0, 4)).toEqual(['Office', 'No', 'Deactivated', 'No PIN set']);
    expect(within(row('Jo Williams')).getByRole('button', { name: 'Reactivate Jo Williams' })).toBeTruthy();
    // You cannot deactivate yourself.
    expect(within(row('Alex Turner')).queryByRole('button', { name: /Deactivate/ })).toBeNull();
    // Wrong PINs are counted per screen (the alert banner and Settings › Security end a wait), never per account.
    expect(screen.queryByRole('button', { name: /Unlock account/ })).toBeNull();
    expect(screen.queryByText(/wrong PIN|slowed/i)).toBeNull();
  });

  it('adds a staff member with the right input and confirms it', async () => {
    const user = userEvent.setup();
    let list: StaffMember[] = [...STAFF];
    const kiosk = fakeKiosk({
      listStaff: () => ok(list),
      createStaff: (input) => {
        const m = member({ id: 9, name: input!.name, role: input!.role, dsl: input!.dsl });
        list = [...list, m];
        return ok(m);
      },
    });
    renderStaff('/staff/settings/staff', { kiosk });
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Add a staff member' }));
    const form = screen.getByRole('region', { name: 'Add a staff member' });
    await user.type(within(form).getByLabelText('Name'), 'Sam Green');
    await user.click(within(form).getByRole('radio', { name: 'Leadership' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Designated Safeguarding Lead or deputy' }));
    await user.type(within(form).getByLabelText('First PIN'), '582047');
    await user.type(within(form).getByLabelText('First PIN again'), '582047');
    await user.click(within(form).getByRole('button', { name: 'Add staff member' }));
    expect(kiosk.createStaff).toHaveBeenCalledWith({ name: 'Sam Green', role: 'leadership', dsl: true, pin: '582047' });
    expect(await screen.findByText(/Sam Green is added as leadership and DSL/)).toBeTruthy();
    expect(await screen.findByRole('rowheader', { name: 'Sam Green' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Add a staff member' })).toBeNull();
  });

  it('shows a duplicate name next to the Name field and keeps the form filled in', async () => {
    const user = userEvent.setup();
    const message = 'There is already an active account called Priya Shah. Add an initial or a surname so staff can tell them apart.';
    const kiosk = fakeKiosk({ createStaff: () => fail({ code: 'CONFLICT', message, field: 'name' }) });
    renderStaff('/staff/settings/staff', { kiosk });
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Add a staff member' }));
    const form = screen.getByRole('region', { name: 'Add a staff member' });
    await user.type(within(form).getByLabelText('Name'), 'priya shah');
    await user.type(within(form).getByLabelText('First PIN'), '582047');
    await user.type(within(form).getByLabelText('First PIN again'), '582047');
    await user.click(within(form).getByRole('button', { name: 'Add staff member' }));
    expect(kiosk.createStaff).toHaveBeenCalledWith({ name: 'priya shah', role: 'office', dsl: false, pin: '582047' });
    const name = within(form).getByLabelText<HTMLInputElement>('Name');
    await within(form).findByText(message);
    expect(description(name)).toContain(message);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.value).toBe('priya shah');
    expect(within(form).getByLabelText<HTMLInputElement>('First PIN').value).toBe('582047');
  });

  it('catches two different first PINs before sending anything', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff/settings/staff');
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Add a staff member' }));
    const form = screen.getByRole('region', { name: 'Add a staff member' });
    await user.type(within(form).getByLabelText('Name'), 'Sam Green');
    await user.type(within(form).getByLabelText('First PIN'), '582047');
    await user.type(within(form).getByLabelText('First PIN again'), '582048');
    await user.click(within(form).getByRole('button', { name: 'Add staff member' }));
    expect(description(within(form).getByLabelText('First PIN again'))).toContain('The two PINs are not the same.');
    expect(kiosk.createStaff).not.toHaveBeenCalled();
  });

  it('asks in words before deactivating, and only then deactivates', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ updateStaff: (input) => ok({ ...STAFF[2]!, active: input!.active ?? true }) });
    renderStaff('/staff/settings/staff', { kiosk });
    await loaded();
    await user.click(within(row('Mark Bennett')).getByRole('button', { name: 'Deactivate Mark Bennett' }));
    expect(kiosk.updateStaff).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { name: 'Deactivate Mark Bennett?' })).toBeTruthy();
    expect(screen.getByText(/Mark Bennett will no longer be able to unlock the console/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'No, keep as it is' }));
    expect(kiosk.updateStaff).not.toHaveBeenCalled();
    expect(screen.queryByRole('heading', { name: 'Deactivate Mark Bennett?' })).toBeNull();

    await user.click(within(row('Mark Bennett')).getByRole('button', { name: 'Deactivate Mark Bennett' }));
    await user.click(screen.getByRole('button', { name: 'Yes, deactivate Mark Bennett' }));
    expect(kiosk.updateStaff).toHaveBeenCalledWith({ id: 3, active: false });
    expect(await screen.findByText(/Mark Bennett is deactivated/)).toBeTruthy();
    expect(kiosk.listStaff).toHaveBeenCalledTimes(2);
  });

  it('shows the last-administrator rule next to Role when editing', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listStaff: () => ok([...STAFF, member({ id: 5, name: 'Sue Admin', role: 'admin' })]),
      updateStaff: () => fail({ code: 'RULE', message: 'There must always be at least one active administrator.', field: 'role' }),
    });
    renderStaff('/staff/settings/staff', { kiosk, staffId: 5 });
    await loaded();
    await user.click(within(row('Alex Turner')).getByRole('button', { name: 'Edit Alex Turner' }));
    const role = screen.getByRole('group', { name: 'Role' });
    await user.click(within(role).getByRole('radio', { name: 'Office' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(kiosk.updateStaff).toHaveBeenCalledWith({ id: 1, name: 'Alex Turner', role: 'office', dsl: false });
    expect(await within(role).findByText('There must always be at least one active administrator.')).toBeTruthy();
    expect(description(role)).toBe('There must always be at least one active administrator.');
  });

  it('resets a PIN (typed twice)', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      resetStaffPin: (input) => ok({ reset: input!.id }),
    });
    renderStaff('/staff/settings/staff', { kiosk });
    await loaded();
    await user.click(within(row('Priya Shah')).getByRole('button', { name: 'Reset PIN for Priya Shah' }));
    await user.type(screen.getByLabelText('New PIN'), '582047');
    await user.type(screen.getByLabelText('New PIN again'), '582047');
    await user.click(screen.getByRole('button', { name: 'Set the new PIN' }));
    expect(kiosk.resetStaffPin).toHaveBeenCalledWith({ id: 2, pin: '582047' });
    expect(await screen.findByText(/Priya Shah’s PIN is changed/)).toBeTruthy();
  });
});
