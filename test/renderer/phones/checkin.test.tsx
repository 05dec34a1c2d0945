/**
 * The morning check-in scanner screen: a scan (a card token and Enter, typed at full speed) checks
 * in at once, the field is empty and focused before the answer comes, refusals say what to do and
 * offer "Take it in", a name search finds the pupil, and nothing ever opens a dialog.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { ApiResult, CheckInDone, Movement, PhoneDesk, PupilSummary, TakenIn } from '../../../electron/api/contract';
import { CheckIn, offerFor, scanToken } from '../../../renderer/staff/phones/CheckIn';
import { fail, mockKiosk, ok, setKiosk, type Channels } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';

const TOKEN = 'KPABCDEFGHIJKLMNOP';
const TOKEN2 = 'KPQRSTUVWXYZ234567';

function movement(over: Partial<Movement> & { itemId: number; forename: string; surname: string }): Movement {
  return {
    at: '2026-11-27T08:35:00.000Z',
    time: '08:35',
    movement: 'check-in',
    pupilId: 50 + over.itemId,
    regGroup: '6W',
    slot: over.itemId,
    kind: 'phone',
    description: '',
    by: 'Olly Office',
    collectedBy: null,
    ...over,
  };
}

const DESK: PhoneDesk = {
  day: '2026-11-27',
  isSchoolDay: true,
  permitted: 12,
  checkedInToday: 2,
  heldNow: 3,
  slotsFree: 58,
  slotMode: 'fixed',
  recent: [
    movement({ itemId: 3, forename: 'Noah', surname: 'Hartwell', regGroup: '3W', movement: 'taken-in', slot: null, kind: 'smartwatch', time: '08:37' }),
    movement({ itemId: 2, forename: 'Leo', surname: 'Gorse', regGroup: '5W', slot: 2, time: '08:36' }),
    movement({ itemId: 1, forename: 'Amara', surname: 'Birchall', slot: 1 }),
  ],
};

function done(over: Partial<CheckInDone> = {}): CheckInDone {
  return { itemId: 101, slot: 12, pupilId: 63, forename: 'Olivia', surname: 'Ellery', regGroup: '6W', kind: 'phone', time: '08:41', itemsToday: 1, ...over };
}

function pupil(over: Partial<PupilSummary> & { id: number; forename: string; surname: string }): PupilSummary {
  return { yearGroup: 5, regGroup: '5W', status: 'on-roll', upn: null, adno: null, hasCard: true, hasNoContactFlag: false, ...over };
}

const MAYA = pupil({ id: 57, forename: 'Maya', surname: 'Juniper' });
const OLIVIA = pupil({ id: 63, forename: 'Olivia', surname: 'Ellery', yearGroup: 6, regGroup: '6W' });
const OLLIE = pupil({ id: 12, forename: 'Ollie', surname: 'Ashdown', yearGroup: 1, regGroup: '1W' });

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function renderCheckIn(channels: Channels = {}) {
  const kiosk = mockKiosk(channels, {
    getPhoneDesk: () => ok(DESK),
    searchPupils: () => ok([]),
    phoneCheckIn: () => ok(done()),
  });
  setKiosk(kiosk);
  const { hook } = memoryLocation({ path: '/' });
  const view = render(
    <Router hook={hook}>
      <main tabIndex={-1}>
        <CheckIn />
      </main>
    </Router>,
  );
  return { ...view, kiosk };
}

const field = () => screen.getByLabelText('Scan a card or type a name') as HTMLInputElement;
const confirmation = () => screen.getByTestId('checkin-confirmation');

let confirmSpy: ReturnType<typeof vi.spyOn>;
let alertSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  confirmSpy = vi.spyOn(window, 'confirm').mockImplementation(() => true);
  alertSpy = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
});
afterEach(() => {
  // Nothing on this screen may take the scanner's keystrokes away.
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(screen.queryByRole('alertdialog')).toBeNull();
  expect(confirmSpy).not.toHaveBeenCalled();
  expect(alertSpy).not.toHaveBeenCalled();
  cleanup();
  vi.restoreAllMocks();
});

describe('what counts as a scan', () => {
  it('takes a card token in any case, with spaces or dashes, and nothing else', () => {
    expect(scanToken('KPABCDEFGHIJKLMNOP')).toBe('KPABCDEFGHIJKLMNOP');
    expect(scanToken(' kpab-cdef ghij-klmn op ')).toBe('KPABCDEFGHIJKLMNOP');
    expect(scanToken('KVABCDEFGHIJKLMNOP')).toBe('KVABCDEFGHIJKLMNOP'); // a badge: the server says what it is
    expect(scanToken('KPABCDEFGHIJKLMNO')).toBeNull();
    expect(scanToken('KPABCDEFGHIJKLMN01')).toBeNull();
    expect(scanToken('Olivia')).toBeNull();
  });

  it('offers "Take it in" for no permission or no slot, and "Add item" when already checked in', () => {
    expect(offerFor('Maya Juniper does not have permission to bring a phone. Use “Take it in” to hold it in the office.')).toBe('take-in');
    expect(offerFor('There is no free slot. Take the phone in for now, and add more slots in Settings or free one up.')).toBe('take-in');
    expect(offerFor('Olivia Ellery is already checked in today (slot 12). To hand in another item, use “Add item”.')).toBe('add-item');
    expect(offerFor('This card is not recognised. Type the pupil’s name instead. Nothing was recorded.')).toBeNull();
  });
});

describe('Check in: scanning cards', () => {
  it('starts with the field focused, today’s counts and the latest check-ins', async () => {
    renderCheckIn();
    expect(screen.getByRole('heading', { level: 2, name: 'Morning check-in' })).toBeTruthy();
    expect(document.activeElement).toBe(field());
    expect(field().id).toBe('scan');
    const counts = await screen.findByText('of 12 permitted');
    expect(counts.closest('dd')?.textContent).toBe('2 of 12 permitted');
    expect(screen.getByText('Slots free').closest('div')?.textContent).toBe('Slots free58');
    expect(screen.getByText('Held now').closest('div')?.textContent).toBe('Held now3');
    const rows = within(screen.getByTestId('checkin-recent')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '08:37Noah Hartwell3WHeld without permissionSmartwatch',
      '08:36Leo Gorse5W2Phone',
      '08:35Amara Birchall6W1Phone',
    ]);
    expect(screen.queryByText(/not a school day/)).toBeNull();
  });

  it('checks a scanned card in and shows the name, class and slot large, with the time', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn();
    await user.type(field(), `${TOKEN}{Enter}`);
    expect(kiosk.phoneCheckIn).toHaveBeenCalledTimes(1);
    expect(kiosk.phoneCheckIn).toHaveBeenCalledWith({ token: TOKEN });
    const panel = await screen.findByTestId('checkin-confirmation');
    expect(panel.getAttribute('role')).toBe('status');
    expect(panel.getAttribute('data-item-id')).toBe('101');
    expect(within(panel).getByText('Olivia Ellery').className).toBe('ci-name');
    expect(within(panel).getByText('Class 6W')).toBeTruthy();
    expect(within(panel).getByText('Slot').parentElement?.textContent).toBe('Slot 12');
    expect(panel.textContent).toContain('Checked in');
    expect(panel.textContent).toContain('at 08:41');
    expect(panel.textContent).not.toContain('Phone'); // the kind is said only when it is not a phone
    // the list gains the check-in at the top, and the counters move
    const first = within(screen.getByTestId('checkin-recent')).getAllByRole('row')[1]!;
    expect(first.textContent).toBe('08:41Olivia Ellery6W12Phone');
    await waitFor(() => expect(screen.getByText('of 12 permitted').closest('dd')?.textContent).toBe('3 of 12 permitted'));
    expect(document.activeElement).toBe(field());
  });

  it('empties the field and keeps focus the moment Enter is pressed, before the answer comes', async () => {
    const user = userEvent.setup();
    const answer = deferred<ApiResult<CheckInDone>>();
    const { kiosk } = renderCheckIn({ phoneCheckIn: () => answer.promise });
    await user.type(field(), `${TOKEN.toLowerCase()}{Enter}`);
    expect(kiosk.phoneCheckIn).toHaveBeenCalledWith({ token: TOKEN });
    expect(field().value).toBe('');
    expect(document.activeElement).toBe(field());
    expect(screen.queryByTestId('checkin-confirmation')).toBeNull();
    // the next pupil's scan types into the empty field while the first is still being saved
    await user.keyboard('KPQRST');
    expect(field().value).toBe('KPQRST');
    await act(async () => answer.resolve({ ok: true, value: done() }));
    expect(confirmation().textContent).toContain('Olivia Ellery');
    expect(field().value).toBe('KPQRST');
    expect(document.activeElement).toBe(field());
  });

  it('confirms two scans made in quick succession, each when its answer comes, and lists both', async () => {
    const user = userEvent.setup();
    const answers = [deferred<ApiResult<CheckInDone>>(), deferred<ApiResult<CheckInDone>>()];
    let n = 0;
    const { kiosk } = renderCheckIn({ phoneCheckIn: () => answers[n++]!.promise });
    await user.keyboard(`${TOKEN}{Enter}${TOKEN2}{Enter}`);
    expect(kiosk.phoneCheckIn.mock.calls.map((c) => c[0])).toEqual([{ token: TOKEN }, { token: TOKEN2 }]);
    expect(field().value).toBe('');
    await act(async () => answers[0]!.resolve({ ok: true, value: done() }));
    expect(confirmation().getAttribute('data-item-id')).toBe('101');
    await act(async () => answers[1]!.resolve({ ok: true, value: done({ itemId: 102, slot: 13, pupilId: 64, forename: 'Ben', surname: 'Juniper' }) }));
    expect(confirmation().getAttribute('data-item-id')).toBe('102');
    expect(confirmation().textContent).toContain('Ben Juniper');
    const rows = within(screen.getByTestId('checkin-recent')).getAllByRole('row').slice(1);
    expect(rows.slice(0, 2).map((r) => r.textContent)).toEqual(['08:41Ben Juniper6W13Phone', '08:41Olivia Ellery6W12Phone']);
    expect(document.activeElement).toBe(field());
  });

  it('shows a refusal as an alert that says what to do, with the field empty and focused; nothing is listed', async () => {
    const user = userEvent.setup();
    const message = 'This card is not recognised. Type the pupil’s name instead. Nothing was recorded.';
    const { kiosk } = renderCheckIn({ phoneCheckIn: () => fail({ code: 'RULE', message, field: 'token' }) });
    await screen.findByText('of 12 permitted');
    await user.type(field(), `${TOKEN}{Enter}`);
    const alert = await screen.findByTestId('checkin-problem');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Not checked in');
    expect(alert.textContent).toContain(message);
    expect(screen.queryByTestId('checkin-confirmation')).toBeNull();
    expect(field().value).toBe('');
    expect(document.activeElement).toBe(field());
    expect(within(screen.getByTestId('checkin-recent')).getAllByRole('row')).toHaveLength(4);
    // an unknown card has no pupil to take anything from
    expect(kiosk.lookupCard).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /Take in/ })).toBeNull();
  });

  it('keeps a refusal that the next scan replaced before it could be read', async () => {
    const user = userEvent.setup();
    const answers = [deferred<ApiResult<CheckInDone>>(), deferred<ApiResult<CheckInDone>>()];
    let n = 0;
    renderCheckIn({ phoneCheckIn: () => answers[n++]!.promise });
    await user.keyboard(`${TOKEN}{Enter}${TOKEN2}{Enter}`);
    await act(async () => answers[0]!.resolve({ ok: false, error: { code: 'RULE', message: 'This card was replaced on 2026-11-20 and no longer works.' } }));
    expect(screen.getByTestId('checkin-problem').textContent).toContain('replaced on 2026-11-20');
    await act(async () => answers[1]!.resolve({ ok: true, value: done() }));
    expect(screen.queryByTestId('checkin-problem')).toBeNull();
    expect(confirmation().textContent).toContain('Olivia Ellery');
    const missed = screen.getByText(/the next card was scanned before this could be read/).parentElement!;
    expect(missed.textContent).toContain('replaced on 2026-11-20');
    await user.click(within(missed).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/replaced on 2026-11-20/)).toBeNull();
    expect(document.activeElement).toBe(field());
  });

  it('offers "Take it in" for a pupil without permission, and takes the item in with one tap', async () => {
    const user = userEvent.setup();
    const taken: TakenIn = { itemId: 120, pupilId: 57, forename: 'Maya', surname: 'Juniper', regGroup: '5W', kind: 'smartwatch', parentOnly: true, time: '08:44' };
    const { kiosk } = renderCheckIn({
      phoneCheckIn: () => fail({ code: 'RULE', message: 'Maya Juniper does not have permission to bring a phone. Use “Take it in” to hold it in the office.', field: 'pupilId' }),
      lookupCard: () => ok({ found: true as const, pupil: MAYA }),
      phoneTakeIn: () => ok(taken),
    });
    await user.type(field(), `${TOKEN}{Enter}`);
    const alert = await screen.findByTestId('checkin-problem');
    expect(alert.textContent).toContain('does not have permission');
    await screen.findByRole('heading', { name: 'Take it in: Maya Juniper' });
    expect(kiosk.lookupCard).toHaveBeenCalledWith({ token: TOKEN });
    expect(document.activeElement).toBe(field());
    for (const name of ['Take in phone', 'Take in smartwatch', 'Take in tablet', 'Take in other']) expect(screen.getByRole('button', { name })).toBeTruthy();
    // the description is optional, and typing in it is not interrupted
    await user.type(screen.getByLabelText('Description (optional)'), 'black strap');
    expect(document.activeElement).toBe(screen.getByLabelText('Description (optional)'));
    await user.click(screen.getByRole('button', { name: 'Take in smartwatch' }));
    expect(kiosk.phoneTakeIn).toHaveBeenCalledWith({ pupilId: 57, kind: 'smartwatch', description: 'black strap' });
    const panel = await screen.findByTestId('checkin-confirmation');
    expect(panel.getAttribute('data-outcome')).toBe('taken-in');
    expect(panel.textContent).toContain('Held in the office without permission');
    expect(panel.textContent).toContain('Maya Juniper');
    expect(panel.textContent).toContain('Smartwatch · black strap');
    expect(panel.textContent).toContain('A parent/carer must collect it.');
    expect(screen.queryByTestId('checkin-problem')).toBeNull();
    const first = within(screen.getByTestId('checkin-recent')).getAllByRole('row')[1]!;
    expect(first.textContent).toBe('08:44Maya Juniper5WHeld without permissionSmartwatch');
    expect(document.activeElement).toBe(field());
  });

  it('takes an item in without a description, and says when the pupil may collect it', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({
      phoneCheckIn: () => fail({ code: 'RULE', message: 'Maya Juniper does not have permission to bring a phone.' }),
      lookupCard: () => ok({ found: true as const, pupil: MAYA }),
      phoneTakeIn: () => ok({ itemId: 121, pupilId: 57, forename: 'Maya', surname: 'Juniper', regGroup: '5W', kind: 'phone' as const, parentOnly: false, time: '08:45' }),
    });
    await user.type(field(), `${TOKEN}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'Take in phone' }));
    expect(kiosk.phoneTakeIn).toHaveBeenCalledWith({ pupilId: 57, kind: 'phone' });
    expect((await screen.findByTestId('checkin-confirmation')).textContent).toContain('The pupil may collect it at home time.');
  });

  it('shows a problem with taking it in beside the buttons, keeping the description', async () => {
    const user = userEvent.setup();
    renderCheckIn({
      phoneCheckIn: () => fail({ code: 'RULE', message: 'Maya Juniper does not have permission to bring a phone.' }),
      lookupCard: () => ok({ found: true as const, pupil: MAYA }),
      phoneTakeIn: () => fail({ code: 'INVALID', message: 'The description is too long (80 characters at most).', field: 'description' }),
    });
    await user.type(field(), `${TOKEN}{Enter}`);
    await user.type(await screen.findByLabelText('Description (optional)'), 'blue');
    await user.click(screen.getByRole('button', { name: 'Take in tablet' }));
    const input = screen.getByLabelText('Description (optional)') as HTMLInputElement;
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe('The description is too long (80 characters at most).');
    expect(input.value).toBe('blue');
    expect(screen.queryByTestId('checkin-confirmation')).toBeNull();
  });

  it('sends a card scanned into the description to the check-in instead', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const { kiosk } = renderCheckIn({
      phoneCheckIn: () => (calls++ === 0 ? fail({ code: 'RULE', message: 'Maya Juniper does not have permission to bring a phone.' }) : ok(done())),
      lookupCard: () => ok({ found: true as const, pupil: MAYA }),
    });
    await user.type(field(), `${TOKEN}{Enter}`);
    await user.type(await screen.findByLabelText('Description (optional)'), `black ${TOKEN2}{Enter}`);
    expect(kiosk.phoneCheckIn).toHaveBeenLastCalledWith({ token: TOKEN2 });
    expect(kiosk.phoneTakeIn).not.toHaveBeenCalled();
    expect((await screen.findByTestId('checkin-confirmation')).textContent).toContain('Olivia Ellery');
    expect(document.activeElement).toBe(field());
  });

  it('adds another item for the pupil just checked in, into the same slot', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({ phoneAddItem: () => ok(done({ itemId: 102, kind: 'smartwatch', itemsToday: 2, time: '08:42' })) });
    await user.type(field(), `${TOKEN}{Enter}`);
    await screen.findByTestId('checkin-confirmation');
    expect(screen.getAllByRole('button', { name: /^\+ / }).map((b) => b.textContent)).toEqual(['+ Smartwatch', '+ Tablet', '+ Other', '+ Phone']);
    await user.click(screen.getByRole('button', { name: '+ Smartwatch' }));
    expect(kiosk.phoneAddItem).toHaveBeenCalledWith({ pupilId: 63, kind: 'smartwatch' });
    await waitFor(() => expect(confirmation().getAttribute('data-item-id')).toBe('102'));
    expect(confirmation().textContent).toContain('Smartwatch');
    expect(confirmation().textContent).toContain('2 items today, all in this slot');
    expect(within(confirmation()).getByText('Slot').parentElement?.textContent).toBe('Slot 12');
    expect(document.activeElement).toBe(field());
  });

  it('offers "Add item" when the pupil is already checked in', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({
      phoneCheckIn: () => fail({ code: 'RULE', message: 'Olivia Ellery is already checked in today (slot 12). To hand in another item, use “Add item”.' }),
      lookupCard: () => ok({ found: true as const, pupil: OLIVIA }),
      phoneAddItem: () => ok(done({ itemId: 103, kind: 'tablet', itemsToday: 2 })),
    });
    await user.type(field(), `${TOKEN}{Enter}`);
    await user.click(await screen.findByRole('button', { name: '+ Tablet' }));
    expect(kiosk.phoneAddItem).toHaveBeenCalledWith({ pupilId: 63, kind: 'tablet' });
    expect((await screen.findByTestId('checkin-confirmation')).textContent).toContain('Tablet');
  });

  it('clears the field with Escape', async () => {
    const user = userEvent.setup();
    renderCheckIn();
    await user.type(field(), 'Oli{Escape}');
    expect(field().value).toBe('');
    expect(document.activeElement).toBe(field());
  });

  it('sends a scan typed while a button has focus into the field', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn();
    await user.type(field(), `${TOKEN}{Enter}`);
    await screen.findByTestId('checkin-confirmation');
    screen.getByRole('button', { name: '+ Tablet' }).focus();
    await user.keyboard(`${TOKEN2}{Enter}`);
    expect(kiosk.phoneCheckIn).toHaveBeenLastCalledWith({ token: TOKEN2 });
    expect(kiosk.phoneAddItem).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(field());
  });

  it('says calmly when today is not a school day, and still checks in', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({ getPhoneDesk: () => ok({ ...DESK, isSchoolDay: false }) });
    expect((await screen.findByText('Today is not a school day.')).closest('[role="status"]')).toBeTruthy();
    await user.type(field(), `${TOKEN}{Enter}`);
    expect(kiosk.phoneCheckIn).toHaveBeenCalledWith({ token: TOKEN });
    expect(await screen.findByTestId('checkin-confirmation')).toBeTruthy();
  });
});

describe('Check in: finding a pupil by name', () => {
  it('lists the pupils found once typing pauses, and "Check in" checks that pupil in', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({ searchPupils: () => ok([OLLIE, OLIVIA]) });
    await user.type(field(), 'Ol');
    const list = await screen.findByRole('list', { name: 'Pupils found' });
    expect(kiosk.searchPupils).toHaveBeenCalledTimes(1);
    expect(kiosk.searchPupils).toHaveBeenCalledWith({ query: 'Ol', limit: 20 });
    expect(screen.getByText('2 pupils found.').getAttribute('aria-live')).toBe('polite');
    // the oldest first: phones are for the top year groups
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.ci-match-who')?.textContent)).toEqual(['Olivia ElleryYear 6, class 6W', 'Ollie AshdownYear 1, class 1W']);
    expect(within(items[0]!).getByRole('button', { name: 'Take in phone from Olivia Ellery' })).toBeTruthy();
    expect(within(items[0]!).getByRole('button', { name: 'Take in smartwatch from Olivia Ellery' })).toBeTruthy();
    await user.click(within(items[0]!).getByRole('button', { name: 'Check in Olivia Ellery' }));
    expect(kiosk.phoneCheckIn).toHaveBeenCalledWith({ pupilId: 63 });
    expect((await screen.findByTestId('checkin-confirmation')).textContent).toContain('Olivia Ellery');
    expect(field().value).toBe('');
    expect(screen.queryByRole('list', { name: 'Pupils found' })).toBeNull();
    expect(document.activeElement).toBe(field());
  });

  it('does not search for a card being scanned, or for one letter', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({ searchPupils: () => ok([OLIVIA]) });
    await user.type(field(), `${TOKEN}{Enter}`);
    await user.type(field(), 'O');
    await new Promise((r) => setTimeout(r, 300));
    expect(kiosk.searchPupils).not.toHaveBeenCalled();
  });

  it('waits longer before searching for what looks like the start of a card (a slow scanner)', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({ searchPupils: () => ok([OLIVIA]) });
    await user.type(field(), 'KPAB');
    await new Promise((r) => setTimeout(r, 300));
    expect(kiosk.searchPupils).not.toHaveBeenCalled();
    await user.type(field(), 'CDEFGHIJKLMNOP{Enter}');
    expect(kiosk.phoneCheckIn).toHaveBeenCalledWith({ token: TOKEN });
    await new Promise((r) => setTimeout(r, 700));
    expect(kiosk.searchPupils).not.toHaveBeenCalled();
    // a name in capitals is still found, after the longer pause
    await user.type(field(), 'KATE');
    await waitFor(() => expect(kiosk.searchPupils).toHaveBeenCalledWith({ query: 'KATE', limit: 20 }));
  });

  it('takes an item in from the list of names', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({
      searchPupils: () => ok([MAYA]),
      phoneTakeIn: () => ok({ itemId: 130, pupilId: 57, forename: 'Maya', surname: 'Juniper', regGroup: '5W', kind: 'smartwatch' as const, parentOnly: true, time: '08:50' }),
    });
    await user.type(field(), 'Maya');
    await user.click(await screen.findByRole('button', { name: 'Take in smartwatch from Maya Juniper' }));
    expect(kiosk.phoneTakeIn).toHaveBeenCalledWith({ pupilId: 57, kind: 'smartwatch' });
    expect((await screen.findByTestId('checkin-confirmation')).textContent).toContain('Held in the office without permission');
    expect(document.activeElement).toBe(field());
  });

  it('offers "Take it in" straight away when the pupil chosen by name has no permission', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({
      searchPupils: () => ok([MAYA]),
      phoneCheckIn: () => fail({ code: 'RULE', message: 'Maya Juniper does not have permission to bring a phone.' }),
    });
    await user.type(field(), 'Maya');
    await user.click(await screen.findByRole('button', { name: 'Check in Maya Juniper' }));
    expect(await screen.findByRole('heading', { name: 'Take it in: Maya Juniper' })).toBeTruthy();
    expect(kiosk.lookupCard).not.toHaveBeenCalled();
  });

  it('Enter with one pupil found checks them in; with several it asks to choose', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({ searchPupils: (input) => ok(input?.query === 'Olivia' ? [OLIVIA] : [OLLIE, OLIVIA]) });
    await user.type(field(), 'Ol{Enter}');
    expect(await screen.findByText(/Choose a pupil below\./)).toBeTruthy();
    expect(kiosk.phoneCheckIn).not.toHaveBeenCalled();
    expect(field().value).toBe('Ol');
    await user.clear(field());
    await user.type(field(), 'Olivia{Enter}');
    await waitFor(() => expect(kiosk.phoneCheckIn).toHaveBeenCalledWith({ pupilId: 63 }));
    expect(field().value).toBe('');
  });

  it('moves through the names with the arrow keys; Enter checks in the one chosen', async () => {
    const user = userEvent.setup();
    const { kiosk } = renderCheckIn({ searchPupils: () => ok([OLLIE, OLIVIA]) });
    await user.type(field(), 'Ol');
    await screen.findByRole('list', { name: 'Pupils found' });
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByText(/Ollie Ashdown chosen: press Enter to check in\./)).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(kiosk.phoneCheckIn).toHaveBeenCalledWith({ pupilId: 12 });
  });

  it('says when no pupil is found', async () => {
    const user = userEvent.setup();
    renderCheckIn({ searchPupils: () => ok([]) });
    await user.type(field(), 'Zz');
    expect(await screen.findByText('No pupil found for “Zz”. Check the spelling, or scan the card.')).toBeTruthy();
  });
});

describe('Check in inside the staff console', () => {
  it('keeps focus on the scan field after moving here from another page', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ getPhoneDesk: () => ok(DESK), phoneCheckIn: () => ok(done()) });
    renderStaff('/staff', { kiosk, role: 'office', staffId: 2 });
    await user.click(screen.getByRole('link', { name: 'Phones' }));
    await screen.findByText('of 12 permitted');
    expect(document.activeElement).toBe(field());
    // a click on an empty part of the page (which focuses the page) gives focus back to the field
    act(() => screen.getByRole('main').focus());
    expect(document.activeElement).toBe(field());
    await user.keyboard(`${TOKEN}{Enter}`);
    expect(kiosk.phoneCheckIn).toHaveBeenCalledWith({ token: TOKEN });
    expect(await screen.findByTestId('checkin-confirmation')).toBeTruthy();
  });
});
