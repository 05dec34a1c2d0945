import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultOf } from '../../../electron/api/contract';
import { CalendarSettings } from '../../../renderer/staff/settings/CalendarSettings';
import { fail, installKiosk, ok, SETTINGS } from '../fake-kiosk';

afterEach(cleanup);

type Closure = ResultOf<'listClosures'>[number];

const DAY: ResultOf<'getSchoolDay'> = { date: '2026-11-27', isSchoolDay: true, closure: null, nextSchoolDay: '2026-11-30', previousSchoolDay: '2026-11-26' };
const CLOSURES: Closure[] = [
  { id: 2, startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'February half term' },
  { id: 1, startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas holidays' },
  { id: 3, startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'October half term' },
];

function calendar(over: Parameters<typeof installKiosk>[0] = {}) {
  return installKiosk({ getSchoolDay: () => ok(DAY), listClosures: () => ok(CLOSURES), ...over });
}

describe('Settings: School calendar', () => {
  it('says whether today is a school day and lists the closures to come by date, in words', async () => {
    calendar();
    render(<CalendarSettings />);
    expect(await screen.findByText('Today, Friday 27 November 2026, is a school day.')).toBeTruthy();
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['Monday 21 December 2026', 'Monday 15 February 2027']);
    expect(within(rows[0]!).getByText('Friday 1 January 2027')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '2026 to 2027 school year' })).toBeTruthy();
    // the past closure is one click away
    await userEvent.click(screen.getByRole('button', { name: 'Show past closures (1)' }));
    expect(screen.getByText('Monday 26 October 2026')).toBeTruthy();
  });

  it('shows the current time zone even when it is not in the list, and saves only a changed zone', async () => {
    const kiosk = calendar({ getSettings: () => ok({ ...SETTINGS, timeZone: 'Europe/Gibraltar' }) });
    render(<CalendarSettings />);
    const select = (await screen.findByLabelText('Time zone')) as HTMLSelectElement;
    expect(select.value).toBe('Europe/Gibraltar');
    expect(within(select).getAllByRole('option')[0]!.textContent).toContain('Europe/London');
    await userEvent.selectOptions(select, 'Europe/London');
    await userEvent.click(within(select.closest('form')!).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved the time zone.')).toBeTruthy();
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ timeZone: 'Europe/London' });
  });

  it('removes a closure only after the inline confirmation', async () => {
    const kiosk = calendar({ removeClosure: (input) => ok({ removed: input!.id }) });
    render(<CalendarSettings />);
    await userEvent.click(await screen.findByRole('button', { name: /^Remove Christmas holidays/ }));
    expect(kiosk.removeClosure).not.toHaveBeenCalled();
    expect(screen.getByText('Remove “Christmas holidays”?')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(await screen.findByText('Removed “Christmas holidays” (Monday 21 December 2026 to Friday 1 January 2027).')).toBeTruthy();
    expect(kiosk.removeClosure).toHaveBeenCalledWith({ id: 1 });
  });

  it('adds a closure (a single day when the last day is empty) and shows the server’s error by its field', async () => {
    const kiosk = calendar({
      addClosure: (input) =>
        input!.label === 'Oops' ? fail({ code: 'RULE', field: 'endsOn', message: 'The last day must be on or after the first day.' }) : ok({ id: 9, ...input! }),
    });
    render(<CalendarSettings />);
    const first = await screen.findByLabelText('First day');
    await userEvent.type(first, '2027-01-04');
    await userEvent.type(screen.getByLabelText('Name'), 'INSET day');
    await userEvent.click(screen.getByRole('button', { name: 'Add the closure' }));
    expect(await screen.findByText('Added “INSET day” (Monday 4 January 2027).')).toBeTruthy();
    expect(kiosk.addClosure).toHaveBeenLastCalledWith({ startsOn: '2027-01-04', endsOn: '2027-01-04', label: 'INSET day' });

    await userEvent.type(screen.getByLabelText('First day'), '2027-03-05');
    await userEvent.type(screen.getByLabelText('Last day'), '2027-03-01');
    await userEvent.type(screen.getByLabelText('Name'), 'Oops');
    await userEvent.click(screen.getByRole('button', { name: 'Add the closure' }));
    const error = await screen.findByText('The last day must be on or after the first day.');
    const last = screen.getByLabelText('Last day');
    expect(last.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(last).toHaveProperty('value', '2027-03-01');
    expect(screen.getByLabelText('Name')).toHaveProperty('value', 'Oops');
  });

  it('checks a CSV, lists every problem with its line number, and will not import until it is right', async () => {
    const kiosk = calendar({
      importClosures: (input) =>
        ok(
          input!.csv.includes('32/10')
            ? { rows: [{ line: 2, startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'October half term' }], problems: [{ line: 3, message: 'The first day "32/10/2026" is not a date like 26/10/2026.' }, { line: 4, message: 'The closure has no name (for example "October half term").' }], saved: 0 }
            : { rows: [{ line: 1, startsOn: '2027-04-05', endsOn: '2027-04-16', label: 'Easter holidays' }, { line: 2, startsOn: '2027-05-31', endsOn: '2027-06-04', label: 'May half term' }], problems: [], saved: input!.save ? 2 : 0 },
        ),
    });
    render(<CalendarSettings />);
    const box = await screen.findByLabelText('The closures, one a line');
    await userEvent.type(box, 'First day,Last day,Name{enter}26/10/2026,30/10/2026,October half term{enter}32/10/2026,02/11/2026,Bad{enter}01/11/2026,01/11/2026,');
    await userEvent.click(screen.getByRole('button', { name: 'Check the lines' }));
    expect(await screen.findByText('1 closure read, 2 problems')).toBeTruthy();
    const problems = screen.getByRole('list');
    expect(within(problems).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line 3: The first day "32/10/2026" is not a date like 26/10/2026.',
      'Line 4: The closure has no name (for example "October half term").',
    ]);
    expect(kiosk.importClosures).toHaveBeenLastCalledWith({ csv: expect.stringContaining('32/10/2026') as string, save: false });
    const importButton = screen.getByRole('button', { name: 'Import 1 closure' });
    expect(importButton).toHaveProperty('disabled', true);
    await userEvent.click(importButton);
    expect(kiosk.importClosures).toHaveBeenCalledTimes(1);

    await userEvent.clear(box);
    await userEvent.type(box, '05/04/2027,16/04/2027,Easter holidays{enter}31/05/2027,04/06/2027,May half term');
    // the old check no longer applies to the new text
    expect(screen.queryByRole('button', { name: /^Import/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Check the lines' }));
    const ready = await screen.findByRole('button', { name: 'Import 2 closures' });
    expect(ready).toHaveProperty('disabled', false);
    expect(screen.getByText('Monday 5 April 2027')).toBeTruthy();
    await userEvent.click(ready);
    expect(await screen.findByText('Imported 2 closures.')).toBeTruthy();
    expect(kiosk.importClosures).toHaveBeenLastCalledWith({ csv: '05/04/2027,16/04/2027,Easter holidays\n31/05/2027,04/06/2027,May half term', save: true });
  });

  it('reads a chosen CSV file and checks it straight away', async () => {
    const kiosk = calendar({ importClosures: () => ok({ rows: [{ line: 1, startsOn: '2027-04-05', endsOn: '2027-04-16', label: 'Easter holidays' }], problems: [], saved: 0 }) });
    render(<CalendarSettings />);
    const file = new File(['\uFEFF05/04/2027,16/04/2027,Easter holidays\n'], 'terms.csv', { type: 'text/csv' });
    await userEvent.upload(await screen.findByLabelText('Choose a CSV file'), file);
    expect(await screen.findByRole('button', { name: 'Import 1 closure' })).toBeTruthy();
    expect(kiosk.importClosures).toHaveBeenCalledWith({ csv: '05/04/2027,16/04/2027,Easter holidays\n', save: false });
    expect(screen.getByLabelText('The closures, one a line')).toHaveProperty('value', '05/04/2027,16/04/2027,Easter holidays\n');
  });
});
