import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { rec } from './data';

afterEach(cleanup);

const ROWS = [
  rec({ id: 3, forename: 'Noah', surname: 'Gorse', regGroup: '3W', deviceType: 'tablet', description: 'Grey tablet', ground: 'other', groundDetail: 'Brought into assembly', daysHeld: 0, overdue: false, parentsInformed: 'yes' }),
  rec({ id: 2, forename: 'Ruby', surname: 'Ingram', regGroup: '1W', deviceType: 'smartwatch', description: 'Pink Fitbit', ground: 'anti-bullying', daysHeld: 2, overdue: false, onHold: true, parentsInformed: 'not-informed' }),
  rec({ id: 1 }),
];

function kioskWith() {
  return fakeKiosk({
    listConfiscations: () => ok(ROWS),
    listClasses: () => ok([{ yearGroup: 5, regGroup: '5W', pupils: 28 }, { yearGroup: 3, regGroup: '3W', pupils: 27 }]),
  });
}

describe('the confiscations register', () => {
  it('lists held devices in words, each row linking to its record, and warns past the days in Settings', async () => {
    const kiosk = kioskWith();
    renderStaff('/staff/confiscations', { kiosk, role: 'office', staffId: 2 });
    expect(screen.getByRole('heading', { level: 1, name: 'Confiscations' })).toBeTruthy();
    const olivia = await screen.findByRole('link', { name: 'Olivia Kestrel' });
    expect(olivia.getAttribute('href')).toBe('/staff/confiscations/1');
    expect(kiosk.listConfiscations).toHaveBeenCalledWith({ status: 'held' });
    const row = olivia.closest('tr')!;
    expect(row.textContent).toContain('Held 8 days — over 5');
    expect(row.textContent).toContain('Against the behaviour policy');
    expect(row.textContent).toContain('Not yet');
    expect(row.textContent).toContain('Held in school');
    const ruby = screen.getByRole('link', { name: 'Ruby Ingram' }).closest('tr')!;
    expect(ruby.textContent).toContain('On hold');
    expect(ruby.textContent).toContain('Not informed (DSL decision)');
    expect(ruby.textContent).toContain('2 days');
    expect(ruby.textContent).not.toContain('over');
    const noah = screen.getByRole('link', { name: 'Noah Gorse' }).closest('tr')!;
    expect(noah.textContent).toContain('Other: Brought into assembly');
    expect(noah.textContent).toContain('Yes');
    expect(screen.getByRole('link', { name: 'Record a confiscation' }).getAttribute('href')).toBe('/staff/confiscations/new');
  });

  it('sends every filter to listConfiscations (the name too, so the CSV and print can follow it)', async () => {
    const user = userEvent.setup();
    const kiosk = kioskWith();
    renderStaff('/staff/confiscations', { kiosk, role: 'office', staffId: 2 });
    await screen.findByRole('link', { name: 'Olivia Kestrel' });
    await user.selectOptions(screen.getByLabelText('Status'), 'Released');
    await waitFor(() => expect(kiosk.listConfiscations).toHaveBeenLastCalledWith({ status: 'released' }));
    await user.selectOptions(screen.getByLabelText('Class'), '5W');
    await waitFor(() => expect(kiosk.listConfiscations).toHaveBeenLastCalledWith({ status: 'released', regGroup: '5W' }));
    await user.selectOptions(screen.getByLabelText('Status'), 'All');
    await user.type(screen.getByLabelText('Taken from'), '2026-11-01');
    await waitFor(() => expect(kiosk.listConfiscations).toHaveBeenLastCalledWith({ regGroup: '5W', from: '2026-11-01' }));
    await user.type(screen.getByLabelText('Pupil’s name'), 'ruby');
    await waitFor(() => expect(kiosk.listConfiscations).toHaveBeenLastCalledWith({ regGroup: '5W', name: 'ruby', from: '2026-11-01' }));
  });

  it('filters On hold and With the police, names the held-now count as Today does, and flags an override release', async () => {
    const user = userEvent.setup();
    const released = rec({ id: 9, forename: 'Ivy', surname: 'Lane', status: 'released', releaseOverride: true, releasedAt: '2026-11-26T15:20:00.000Z', location: 'Released' });
    const kiosk = fakeKiosk({ listConfiscations: () => ok([...ROWS, released]), listClasses: () => ok([]) });
    renderStaff('/staff/confiscations', { kiosk, role: 'office', staffId: 2 });
    const status = (await screen.findByLabelText('Status')) as HTMLSelectElement;
    expect([...status.options].map((o) => o.text)).toEqual(['Held now', 'On hold', 'With the police', 'Released', 'All']);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: /^Held now/ }).textContent).toBe('Held now (4)'));
    await user.selectOptions(status, 'On hold');
    await waitFor(() => expect(kiosk.listConfiscations).toHaveBeenLastCalledWith({ status: 'on-hold' }));
    await user.selectOptions(status, 'With the police');
    await waitFor(() => expect(kiosk.listConfiscations).toHaveBeenLastCalledWith({ status: 'police' }));
    const ivy = screen.getByRole('link', { name: 'Ivy Lane' }).closest('tr')!;
    expect(within(ivy).getByText('Override')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Olivia Kestrel' }).closest('tr')!.textContent).not.toContain('Override');
  });

  it('prints and downloads exactly the filters on screen: status, class, name and dates', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listConfiscations: () => ok(ROWS),
      listClasses: () => ok([{ yearGroup: 5, regGroup: '5W', pupils: 28 }]),
      exportConfiscations: () => ok({ fileName: 'confiscations.csv', csv: 'a,b\n' }),
      print: () => ok({ via: 'printer' as const, printed: true as const }),
    });
    renderStaff('/staff/confiscations', { kiosk, role: 'office', staffId: 2 });
    await screen.findByRole('link', { name: 'Olivia Kestrel' });
    await user.selectOptions(screen.getByLabelText('Status'), 'On hold');
    await user.selectOptions(screen.getByLabelText('Class'), '5W');
    await user.type(screen.getByLabelText('Pupil’s name'), 'Zoë Q');
    await user.type(screen.getByLabelText('Taken from'), '2026-11-01');
    await user.type(screen.getByLabelText('Taken to'), '2026-11-30');
    const filters = { status: 'on-hold', regGroup: '5W', name: 'Zoë Q', from: '2026-11-01', to: '2026-11-30' };
    await waitFor(() => expect(kiosk.listConfiscations).toHaveBeenLastCalledWith(filters));
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(kiosk.exportConfiscations).toHaveBeenCalledWith(filters);
    await user.click(screen.getByRole('button', { name: 'Print the register' }));
    await waitFor(() =>
      expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/confiscation-register?status=on-hold&class=5W&name=Zo%C3%AB%20Q&from=2026-11-01&to=2026-11-30', paper: 'a4' }),
    );
  });

  it('says so when nothing is held', async () => {
    const kiosk = fakeKiosk({ listConfiscations: () => ok([]), listClasses: () => ok([]) });
    renderStaff('/staff/confiscations', { kiosk, role: 'office', staffId: 2 });
    expect(await screen.findByText(/No devices are held now\./)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('downloads the register as CSV with the current filters', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ listConfiscations: () => ok(ROWS), listClasses: () => ok([]), exportConfiscations: () => ok({ fileName: 'confiscations.csv', csv: 'a,b\n' }) });
    renderStaff('/staff/confiscations', { kiosk, role: 'office', staffId: 2 });
    await screen.findByRole('link', { name: 'Olivia Kestrel' });
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(kiosk.exportConfiscations).toHaveBeenCalledWith({ status: 'held' });
    expect(await screen.findByText('The register is saved as confiscations.csv in your downloads.')).toBeTruthy();
  });

  it('opens the record a scanned release slip belongs to', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ listConfiscations: () => ok(ROWS), listClasses: () => ok([]), findConfiscationSlip: () => ok({ id: 2 }) });
    const { location } = renderStaff('/staff/confiscations', { kiosk, role: 'office', staffId: 2 });
    await user.type(await screen.findByLabelText('Scan a release slip'), 'kcdo5x465oquuvstey{Enter}');
    expect(kiosk.findConfiscationSlip).toHaveBeenCalledWith({ token: 'KCDO5X465OQUUVSTEY' });
    await waitFor(() => expect(location.history?.at(-1)).toBe('/staff/confiscations/2'));
  });

  it('shows a refused slip at the field, and does not look up something that is not a slip', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listConfiscations: () => ok(ROWS),
      listClasses: () => ok([]),
      findConfiscationSlip: () => fail({ code: 'NOT_FOUND', message: 'No record has this slip.', field: 'token' }),
    });
    renderStaff('/staff/confiscations', { kiosk, role: 'office', staffId: 2 });
    const field = await screen.findByLabelText('Scan a release slip');
    await user.type(field, 'KP1234{Enter}');
    expect(kiosk.findConfiscationSlip).not.toHaveBeenCalled();
    expect(within(field.closest('.field')!).getByRole('alert').textContent).toMatch(/not a release slip/);
    await user.clear(field);
    await user.type(field, 'KCAAAABBBBCCCCDDDD{Enter}');
    expect(await within(field.closest('.field')!).findByText('No record has this slip.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });
});
