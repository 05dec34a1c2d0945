import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_SEARCH, usePupilsUi } from '../../../renderer/staff/pupils/state';
import { fail, ok } from '../fake-kiosk';
import { description, fakeKiosk, renderStaff } from '../staff/harness';
import { CLASSES, detail, MAI, SEAN, ZOE } from './fixtures';

beforeEach(() => usePupilsUi.setState({ search: EMPTY_SEARCH, flash: null }));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function roll(overrides: Parameters<typeof fakeKiosk>[0] = {}) {
  return fakeKiosk({
    searchPupils: (input) => ok(input?.query ? [ZOE] : input?.regGroup === 'RB' ? [MAI] : [ZOE, SEAN, MAI]),
    listClasses: () => ok(CLASSES),
    ...overrides,
  });
}

function cells(name: string): string[] {
  const row = screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

describe('Pupils: the roll and its search', () => {
  it('lists the roll with class, year in words, UPN and card, and a "No contact" marker in words', async () => {
    const { kiosk } = renderStaff('/staff/pupils', { kiosk: roll() });
    expect(screen.getByRole('heading', { level: 1, name: 'Pupils' })).toBeTruthy();
    await screen.findByRole('link', { name: 'Zoë Adams' });
    expect(kiosk.searchPupils).toHaveBeenCalledWith({ limit: 201 });
    expect(cells('Zoë Adams')).toEqual(['5W', 'Year 5', 'A123456789012', 'Issued']);
    expect(cells('Mai Nguyễn')).toEqual(['RB', 'Reception', 'None', 'None']);
    const sean = screen.getByRole('rowheader', { name: /^Seán O’Brien/ });
    expect(sean.textContent).toContain('No contact');
    expect(within(sean).getByText(/someone must not collect this pupil/)).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: /^Zoë Adams/ }).textContent).not.toContain('No contact');
    expect(screen.getByText('3 pupils on roll.').getAttribute('role')).toBe('status');
  });

  it('searches as you type, once typing pauses, and shows only what the server found', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff/pupils', { kiosk: roll() });
    await screen.findByRole('link', { name: 'Seán O’Brien' });
    await user.type(screen.getByLabelText('Search by name'), 'zoe');
    await waitFor(() => expect(kiosk.searchPupils).toHaveBeenLastCalledWith({ query: 'zoe', limit: 201 }));
    // typed quickly: one search for the whole word, not one a letter
    expect(kiosk.searchPupils.mock.calls.map((c) => c[0]?.query).filter(Boolean)).toEqual(['zoe']);
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Seán O’Brien' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Zoë Adams' })).toBeTruthy();
    expect(screen.getByText('1 pupil matching “zoe”.').getAttribute('role')).toBe('status');
  });

  it('says so when nothing matches', async () => {
    const user = userEvent.setup();
    renderStaff('/staff/pupils', { kiosk: roll({ searchPupils: (input) => ok(input?.query ? [] : [ZOE]) }) });
    await screen.findByRole('link', { name: 'Zoë Adams' });
    await user.type(screen.getByLabelText('Search by name'), 'xyz');
    expect(await screen.findByText(/No pupils found for “xyz”/)).toBeTruthy();
  });

  it('opens the pupil when their card is scanned into the search box, and says when a card was replaced', async () => {
    const user = userEvent.setup();
    const { kiosk, location } = renderStaff('/staff/pupils', {
      kiosk: roll({
        lookupCard: (input) =>
          ok(input!.token === 'KPABCDEFGHIJKLMNOP' ? { found: true as const, pupil: SEAN } : { found: false as const, reason: 'revoked' as const, replacedOn: '2026-11-02T09:00:00.000Z' }),
        getPupil: () => ok(detail()),
      }),
    });
    await screen.findByRole('link', { name: 'Zoë Adams' });
    const box = screen.getByLabelText('Search by name');
    await user.type(box, 'kpzzzzzzzzzzzzzzzz');
    expect(await screen.findByText(/This card was replaced on Monday 2 November 2026 and no longer works/)).toBeTruthy();
    expect(kiosk.lookupCard).toHaveBeenLastCalledWith({ token: 'KPZZZZZZZZZZZZZZZZ' });
    expect(location.history?.at(-1)).toBe('/staff/pupils');
    await user.clear(box);
    await user.type(box, 'KPABCDEFGHIJKLMNOP');
    expect(await screen.findByRole('heading', { level: 1, name: 'Seán O’Brien' })).toBeTruthy();
    expect(location.history?.at(-1)).toBe('/staff/pupils/2');
    expect(usePupilsUi.getState().search.query).toBe('');
  });

  it('filters by class (from listClasses, with sizes) and includes leavers when asked', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff/pupils', { kiosk: roll() });
    await screen.findByRole('link', { name: 'Zoë Adams' });
    const select = screen.getByLabelText<HTMLSelectElement>('Class');
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['All classes', 'RB (30)', '5W (28)', '6W (27)']));
    await user.selectOptions(select, 'RB');
    await waitFor(() => expect(kiosk.searchPupils).toHaveBeenLastCalledWith({ regGroup: 'RB', limit: 201 }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Zoë Adams' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Mai Nguyễn' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Include pupils who have left' }));
    await waitFor(() => expect(kiosk.searchPupils).toHaveBeenLastCalledWith({ regGroup: 'RB', includeLeft: true, limit: 201 }));
  });

  it('opens a pupil from their row', async () => {
    const user = userEvent.setup();
    const { kiosk, location } = renderStaff('/staff/pupils', { kiosk: roll({ getPupil: () => ok(detail()) }) });
    await screen.findByRole('link', { name: 'Zoë Adams' });
    expect(screen.getByRole('link', { name: 'Seán O’Brien' }).getAttribute('href')).toBe('/staff/pupils/2');
    await user.click(screen.getByRole('cell', { name: 'RB' }));
    expect(location.history?.at(-1)).toBe('/staff/pupils/3');
    expect(kiosk.getPupil).toHaveBeenCalledWith({ id: 3 });
  });

  it('offers "Import the roll" to administrators only', async () => {
    renderStaff('/staff/pupils', { kiosk: roll(), role: 'admin' });
    expect(screen.getByRole('link', { name: 'Import the roll' }).getAttribute('href')).toBe('/staff/pupils/import');
    cleanup();
    renderStaff('/staff/pupils', { kiosk: roll(), role: 'office', staffId: 2 });
    await screen.findByRole('link', { name: 'Zoë Adams' });
    expect(screen.queryByRole('link', { name: 'Import the roll' })).toBeNull();
  });

  it('exports the roll as a CSV download', async () => {
    const user = userEvent.setup();
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    const { kiosk } = renderStaff('/staff/pupils', { kiosk: roll({ exportRoll: () => ok({ fileName: 'roll-2026-11-27.csv', csv: 'Forename,Surname\r\nZoë,Adams\r\n' }) }) });
    await screen.findByRole('link', { name: 'Zoë Adams' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(kiosk.exportRoll).toHaveBeenCalledWith({});
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.download).toBe('roll-2026-11-27.csv');
    const href = clicks[0]!.getAttribute('href')!;
    expect(href.startsWith('data:text/csv;charset=utf-8;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(href.split(',')[1]!), (c) => c.charCodeAt(0));
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFFForename,Surname\r\nZoë,Adams\r\n');
    expect(screen.getByText(/saved as roll-2026-11-27.csv/)).toBeTruthy();
  });

  it('prints the cards of a class', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderStaff('/staff/pupils', { kiosk: roll({ print: () => ok({ via: 'printer' as const, printed: true as const }) }) });
    await screen.findByRole('link', { name: 'Zoë Adams' });
    await user.click(screen.getByRole('button', { name: 'Print cards' }));
    const panel = screen.getByRole('region', { name: 'Print pupil cards' });
    await user.selectOptions(within(panel).getByLabelText('Cards for'), '5W');
    await user.click(within(panel).getByRole('button', { name: 'Print cards' }));
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/pupil-cards?class=5W', paper: 'a4' });
    expect(await within(panel).findByText('The cards for 5W were sent to the printer.')).toBeTruthy();
  });
});

describe('Add a pupil', () => {
  it('asks for the year group first, then shows the server’s error next to its field and keeps what was typed', async () => {
    const user = userEvent.setup();
    const message = 'A UPN is 13 characters: a letter, 11 digits, then a digit or letter.';
    const { kiosk } = renderStaff('/staff/pupils', { kiosk: roll({ createPupil: () => fail({ code: 'INVALID', message, field: 'upn' }) }) });
    await user.click(screen.getByRole('button', { name: 'Add a pupil' }));
    const form = screen.getByRole('region', { name: 'Add a pupil' });
    await user.type(within(form).getByLabelText('First name'), 'Amara');
    await user.type(within(form).getByLabelText('Surname'), 'Okafor');
    await user.type(within(form).getByLabelText('Class'), '3K');
    await user.type(within(form).getByLabelText('UPN (optional)'), 'X12');
    await user.click(within(form).getByRole('button', { name: 'Add the pupil' }));
    expect(kiosk.createPupil).not.toHaveBeenCalled();
    expect(description(within(form).getByLabelText('Year group'))).toContain('Choose the year group.');

    await user.selectOptions(within(form).getByLabelText('Year group'), 'Year 3');
    await user.click(within(form).getByRole('button', { name: 'Add the pupil' }));
    expect(kiosk.createPupil).toHaveBeenCalledWith({ forename: 'Amara', surname: 'Okafor', yearGroup: 3, regGroup: '3K', upn: 'X12', adno: '' });
    const upn = within(form).getByLabelText<HTMLInputElement>('UPN (optional)');
    await waitFor(() => expect(description(upn)).toContain(message));
    expect(upn.getAttribute('aria-invalid')).toBe('true');
    expect(description(within(form).getByLabelText('Year group'))).toBe('');
    expect(within(form).getByLabelText<HTMLInputElement>('First name').value).toBe('Amara');
    expect(upn.value).toBe('X12');
  });

  it('adds the pupil and opens their page with a message', async () => {
    const user = userEvent.setup();
    const added = detail({ id: 9, forename: 'Amara', surname: 'Okafor', yearGroup: 3, regGroup: '3K', contacts: [], card: null, hasNoContactFlag: false });
    const { kiosk, location } = renderStaff('/staff/pupils', { kiosk: roll({ createPupil: () => ok(added), getPupil: () => ok(added) }) });
    await user.click(screen.getByRole('button', { name: 'Add a pupil' }));
    const form = screen.getByRole('region', { name: 'Add a pupil' });
    await user.type(within(form).getByLabelText('First name'), 'Amara');
    await user.type(within(form).getByLabelText('Surname'), 'Okafor');
    await user.selectOptions(within(form).getByLabelText('Year group'), 'Year 3');
    await user.click(within(form).getByRole('button', { name: 'Add the pupil' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Amara Okafor' })).toBeTruthy();
    expect(location.history?.at(-1)).toBe('/staff/pupils/9');
    expect(kiosk.getPupil).toHaveBeenCalledWith({ id: 9 });
    expect(await screen.findByText('Amara Okafor is added to the roll.')).toBeTruthy();
  });
});
