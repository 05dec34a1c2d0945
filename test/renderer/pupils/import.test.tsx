import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RollPreview } from '../../../electron/api/contract';
import { fail, ok } from '../fake-kiosk';
import { description, fakeKiosk, renderStaff } from '../staff/harness';
import { preview } from './fixtures';

afterEach(cleanup);

// "Zoë" in Windows-1252, as older Excel saves "CSV": the screen must send the bytes untouched.
const BYTES = new Uint8Array([...new TextEncoder().encode('Forename,Surname,Year,Reg,UPN\r\nZo'), 0xeb, ...new TextEncoder().encode(',Adams,5,5W,A123456789012\r\n')]);
const BASE64 = btoa(String.fromCharCode(...BYTES));

function rollFile(): File {
  return new File([BYTES], 'roll.csv', { type: 'text/csv' });
}

function leavers(n: number): RollPreview['toLeave'] {
  return Array.from({ length: n }, (_, i) => ({ id: 100 + i, forename: `Pupil${i}`, surname: 'Leaver', yearGroup: 6, regGroup: '6W' }));
}

async function choose(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(screen.getByLabelText('Roll file (CSV)'), rollFile());
  return screen.findByRole('heading', { level: 2, name: 'Check before importing' });
}

describe('Import the roll', () => {
  it('explains what to export from the MIS and is for administrators only', () => {
    renderStaff('/staff/pupils/import', { role: 'admin' });
    expect(screen.getByRole('heading', { level: 1, name: 'Import the roll' })).toBeTruthy();
    expect(screen.getByText(/In SIMS, Arbor or Bromcom/)).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Class' }).closest('tr')!.textContent).toContain('Reg Group');
    cleanup();
    renderStaff('/staff/pupils/import', { role: 'office', staffId: 2 });
    expect(screen.getByText(/Only an administrator can import the roll/)).toBeTruthy();
    expect(screen.queryByLabelText('Roll file (CSV)')).toBeNull();
  });

  it('sends the file’s bytes as base64 and shows the preview: counts, lists, changes in words, problems by line, the encoding', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ previewRollImport: () => ok(preview()) });
    renderStaff('/staff/pupils/import', { kiosk });
    await choose(user);
    expect(kiosk.previewRollImport).toHaveBeenCalledWith({ file: BASE64, fileName: 'roll.csv' });
    expect(screen.getByText(/Windows-1252/)).toBeTruthy();
    const counts = Object.fromEntries(
      Array.from(document.querySelectorAll('.import-counts div'), (d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]),
    );
    expect(counts).toEqual({ 'To add': '2', 'To update': '1', 'To mark as left': '1', Unchanged: '1', Problems: '1' });

    const add = screen.getByRole('region', { name: 'To add: 2 pupils' });
    expect(within(add).getByRole('rowheader', { name: 'Zoë Adams' }).closest('tr')!.textContent).toBe('2Zoë AdamsYear 55W');
    expect(within(add).getByRole('rowheader', { name: 'Mai Nguyễn' }).closest('tr')!.textContent).toContain('Reception');
    const update = screen.getByRole('region', { name: 'To update: 1 pupil' });
    expect(within(update).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Class 5W → 6W', 'Year group Year 5 → Year 6']);
    const leave = screen.getByRole('region', { name: 'To mark as left: 1 pupil' });
    expect(within(leave).getByRole('rowheader', { name: 'Tom Baker' })).toBeTruthy();
    const problems = screen.getByRole('region', { name: 'One line has a problem' });
    expect(within(problems).getByRole('listitem').textContent).toBe('Line 6: No surname.');
    expect(screen.queryByText(/Warning: .* would be marked as left/)).toBeNull();
  });

  it('Cancel changes nothing: no import is sent', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ previewRollImport: () => ok(preview()) });
    renderStaff('/staff/pupils/import', { kiosk });
    await choose(user);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('heading', { name: 'Check before importing' })).toBeNull();
    expect(screen.getByText('Cancelled: nothing was changed.')).toBeTruthy();
    expect(kiosk.importRoll).not.toHaveBeenCalled();
    expect(kiosk.previewRollImport).toHaveBeenCalledTimes(1);
  });

  it('imports the same file without confirmation when few leave, and shows what was done', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ previewRollImport: () => ok(preview()), importRoll: () => ok({ ...preview(), saved: true as const }) });
    renderStaff('/staff/pupils/import', { kiosk });
    await choose(user);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(kiosk.importRoll).toHaveBeenCalledWith({ file: BASE64, fileName: 'roll.csv' });
    expect(await screen.findByRole('heading', { level: 2, name: 'The roll is imported' })).toBeTruthy();
    expect(screen.getByText('2 pupils added, 1 updated, 1 marked as left, 1 unchanged.')).toBeTruthy();
    expect(screen.getByText(/One line was not imported/)).toBeTruthy();
  });

  it('needs "Yes, N pupils have left" when many would leave, sends confirmLeavers: N, and shows the server’s refusal next to that tick', async () => {
    const user = userEvent.setup();
    const refusal = 'The roll has changed since the check: 13 pupils would now be marked as left. Check the file again.';
    const kiosk = fakeKiosk({
      previewRollImport: () => ok(preview({ toLeave: leavers(12), leaversNeedConfirmation: true })),
      importRoll: () => fail({ code: 'RULE', message: refusal, field: 'confirmLeavers' }),
    });
    renderStaff('/staff/pupils/import', { kiosk });
    await choose(user);
    expect(screen.getByText('Warning: 12 pupils would be marked as left')).toBeTruthy();
    const tick = screen.getByRole('checkbox', { name: 'Yes, 12 pupils have left' });

    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(kiosk.importRoll).not.toHaveBeenCalled();
    expect(description(tick)).toContain('Tick “Yes, 12 pupils have left” to import');

    await user.click(tick);
    expect(description(tick)).toBe('');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(kiosk.importRoll).toHaveBeenCalledWith({ file: BASE64, fileName: 'roll.csv', confirmLeavers: 12 });
    await waitFor(() => expect(description(tick)).toBe(refusal));
    expect(tick.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('heading', { name: 'The roll is imported' })).toBeNull();
  });

  it('shows a file the server cannot read next to the file field', async () => {
    const user = userEvent.setup();
    const message = 'This does not look like a roll exported from the MIS: no column for surname.';
    const kiosk = fakeKiosk({ previewRollImport: () => fail({ code: 'RULE', message, field: 'file' }) });
    renderStaff('/staff/pupils/import', { kiosk });
    await user.upload(screen.getByLabelText('Roll file (CSV)'), rollFile());
    await waitFor(() => expect(description(screen.getByLabelText('Roll file (CSV)'))).toContain(message));
    expect(screen.queryByRole('heading', { name: 'Check before importing' })).toBeNull();
  });

  it('checks a contacts file first and saves it only when asked', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      importContacts: (input) => ok({ rows: 3, toAdd: 2, toUpdate: 0, problems: [{ line: 4, message: 'No pupil has the UPN B999999999999.' }], saved: input!.save }),
    });
    renderStaff('/staff/pupils/import', { kiosk });
    await user.upload(screen.getByLabelText('Contacts file (CSV)'), new File(['UPN,Contact Name\r\n'], 'contacts.csv', { type: 'text/csv' }));
    expect(await screen.findByText('Line 4:')).toBeTruthy();
    expect(kiosk.importContacts).toHaveBeenCalledTimes(1);
    expect(kiosk.importContacts).toHaveBeenLastCalledWith({ file: btoa('UPN,Contact Name\r\n'), fileName: 'contacts.csv', save: false });
    await user.click(screen.getByRole('button', { name: 'Save 2 contacts' }));
    expect(kiosk.importContacts).toHaveBeenLastCalledWith({ file: btoa('UPN,Contact Name\r\n'), fileName: 'contacts.csv', save: true });
    expect(await screen.findByText(/Contacts imported: 2 added, 0 updated; 1 line not imported/)).toBeTruthy();
  });
});
