/**
 * The fire roll call (issue 8) against a fake window.kiosk: starting it from the header button
 * (once, even in strict mode), the automatic print (once, with the right route) and its failure,
 * ticking each person, the counters, the filter, ending with the in-page confirmation, the empty
 * roll call, the read-only result and the past roll calls.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { useApp } from '../../../renderer/app/store';
import { forgetPrints } from '../../../renderer/staff/rollcall/RollCall';
import { StaffShell } from '../../../renderer/staff/Shell';
import { fail, ok, setKiosk, STATUS, type FakeKiosk } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { liveRollCall, PEOPLE, person, rollCall, summary } from './data';

afterEach(() => {
  cleanup();
  forgetPrints();
});

const PRINTED = () => ok({ via: 'printer' as const, printed: true as const });

function kioskFor(live: ReturnType<typeof liveRollCall>, more: Parameters<typeof fakeKiosk>[0] = {}): FakeKiosk {
  return fakeKiosk({
    startRollCall: () => ok(live.start()),
    getRollCall: () => ok(live.get()),
    accountFor: (input) => ok(live.accountFor(input!)),
    endRollCall: () => ok(live.end()),
    print: PRINTED,
    ...more,
  });
}

function toggle(name: string): HTMLElement {
  return screen.getByRole('button', { name: `Accounted for: ${name}` });
}

function counter(): string {
  return screen.getByText(/^\d+ of \d+ accounted for$/).textContent ?? '';
}

describe('the fire roll call', () => {
  it('starts from the header, prints once, and ticks each person with the counters and the names still missing', async () => {
    const user = userEvent.setup();
    const live = liveRollCall(rollCall({ id: 5 }));
    const kiosk = kioskFor(live);
    const { location } = renderStaff('/staff/my-pin', { kiosk, role: 'office', staffId: 2 });
    await user.click(screen.getAllByRole('link', { name: 'Fire roll call' })[0]!);

    expect(await screen.findByText('Printed.')).toBeTruthy();
    expect(kiosk.startRollCall).toHaveBeenCalledTimes(1);
    expect(location.history.at(-1)).toBe('/staff/fire/5');
    expect(kiosk.print).toHaveBeenCalledTimes(1);
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/roll-call?id=5', paper: 'a4' });
    expect(screen.getByText('Take the printed list to the assembly point.')).toBeTruthy();
    expect(screen.getByText(/^Started today at \d\d:\d\d by Priya Shah\.$/)).toBeTruthy();

    expect(counter()).toBe('0 of 3 accounted for');
    expect(screen.getByText(/^Not yet accounted for \(3\):/).parentElement!.textContent).toBe('Not yet accounted for (3): Ann Lee, Bob Stone and Cat Smith');
    const row = screen.getByText('Cat Smith').closest('li')!;
    expect(row.textContent).toContain('Supply or agency staff · Teach Ltd · Visiting Class 4W');
    expect(row.textContent).toContain('Must be escorted');
    expect(row.textContent).toContain('Staying: Evening letting');
    expect(screen.getByText('Ann Lee').closest('li')!.textContent).toContain('DBS checked: unescorted');

    expect(toggle('Bob Stone').getAttribute('aria-pressed')).toBe('false');
    await user.click(toggle('Bob Stone'));
    expect(kiosk.accountFor).toHaveBeenLastCalledWith({ rollCallId: 5, visitId: 2, accounted: true });
    await waitFor(() => expect(counter()).toBe('1 of 3 accounted for'));
    expect(toggle('Bob Stone').getAttribute('aria-pressed')).toBe('true');
    expect(within(screen.getByText('Bob Stone').closest('li')!).getByText(/^Ticked by Priya Shah today at \d\d:\d\d$/)).toBeTruthy();
    expect(screen.getByText(/^Not yet accounted for \(2\):/).parentElement!.textContent).toBe('Not yet accounted for (2): Ann Lee and Cat Smith');

    // untick, then tick again
    await user.click(toggle('Bob Stone'));
    expect(kiosk.accountFor).toHaveBeenLastCalledWith({ rollCallId: 5, visitId: 2, accounted: false });
    await waitFor(() => expect(counter()).toBe('0 of 3 accounted for'));
    await user.click(toggle('Bob Stone'));
    await user.click(toggle('Ann Lee'));
    await waitFor(() => expect(counter()).toBe('2 of 3 accounted for'));

    // ending asks first, in the page, while someone is missing
    await user.click(screen.getByRole('button', { name: 'End roll call' }));
    const confirm = screen.getByRole('group', { name: '1 person is not accounted for. End anyway?' });
    expect(within(confirm).getByText('Not accounted for: Cat Smith.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByText('1 person is not accounted for. End anyway?')));
    expect(kiosk.endRollCall).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Keep going' }));
    expect(screen.queryByRole('group', { name: /End anyway/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'End roll call' }));
    await user.click(screen.getByRole('button', { name: 'End anyway' }));
    expect(kiosk.endRollCall).toHaveBeenCalledWith({ id: 5 });

    expect(await screen.findByText('The roll call has ended. Its result is saved.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Result' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Accounted for/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'End roll call' })).toBeNull();
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[3]!).getByText('Not accounted for')).toBeTruthy();
    expect(within(rows[3]!).getByRole('rowheader').textContent).toBe('Cat SmithSupply or agency staff, Teach LtdStaying: Evening letting');
    expect(rows[1]!.textContent).toMatch(/today at \d\d:\d\d, by Priya Shah$/);
    // the print line was about the list printed at the start: it goes when the roll call ends
    expect(screen.queryByText('Printed.')).toBeNull();
    expect(kiosk.print).toHaveBeenCalledTimes(1);
  });

  it('ends at once, without asking, when everyone is accounted for', async () => {
    const user = userEvent.setup();
    const live = liveRollCall(rollCall({ id: 6, people: [PEOPLE[0]!] }));
    const kiosk = kioskFor(live);
    renderStaff('/staff/fire', { kiosk });
    await user.click(await screen.findByRole('button', { name: 'Accounted for: Ann Lee' }));
    expect(await screen.findByText('Everyone is accounted for.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'End roll call' }));
    expect(kiosk.endRollCall).toHaveBeenCalledWith({ id: 6 });
    expect(await screen.findByText('Everyone was accounted for.')).toBeTruthy();
  });

  it('starts and prints only once in strict mode, and once again only on "Print again"', async () => {
    const user = userEvent.setup();
    const live = liveRollCall(rollCall({ id: 7 }));
    const kiosk = setKiosk(kioskFor(live));
    useApp.setState({ status: STATUS, session: { kind: 'staff', staffId: 2, role: 'office', dsl: false }, failed: null });
    const location = memoryLocation({ path: '/staff/fire', record: true });
    render(
      <StrictMode>
        <Router hook={location.hook}>
          <Route path="/staff" nest>
            <StaffShell />
          </Route>
        </Router>
      </StrictMode>,
    );
    expect(await screen.findByText('Printed.')).toBeTruthy();
    expect(location.history.at(-1)).toBe('/staff/fire/7');
    await act(async () => {});
    expect(kiosk.print).toHaveBeenCalledTimes(1);

    // the header button again: the same roll call, not printed again by itself
    await user.click(screen.getAllByRole('link', { name: 'Fire roll call' })[0]!);
    await waitFor(() => expect(location.history.at(-1)).toBe('/staff/fire/7'));
    expect(await screen.findByRole('button', { name: 'Accounted for: Ann Lee' })).toBeTruthy();
    expect(kiosk.print).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Print again' }));
    await waitFor(() => expect(kiosk.print).toHaveBeenCalledTimes(2));
    expect(kiosk.print).toHaveBeenLastCalledWith({ route: '/print/roll-call?id=7', paper: 'a4' });
  });

  it('says why it did not print, and the list on screen still works', async () => {
    const user = userEvent.setup();
    const live = liveRollCall(rollCall({ id: 8 }));
    const kiosk = kioskFor(live, { print: () => ok({ via: 'printer' as const, printed: false as const, message: 'No A4 printer is connected.' }) });
    renderStaff('/staff/fire', { kiosk });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The roll call was not printed: No A4 printer is connected.The list on this screen still works: tick each person here.');
    await user.click(toggle('Cat Smith'));
    await waitFor(() => expect(counter()).toBe('1 of 3 accounted for'));
    expect(kiosk.print).toHaveBeenCalledTimes(1);
  });

  it('says a tick was not saved, at the person', async () => {
    const user = userEvent.setup();
    const live = liveRollCall(rollCall({ id: 9 }));
    const kiosk = kioskFor(live, { accountFor: () => fail({ code: 'NOT_FOUND', message: 'That person is not on this roll call.', field: 'visitId' }) });
    renderStaff('/staff/fire/9', { kiosk });
    await user.click(await screen.findByRole('button', { name: 'Accounted for: Ann Lee' }));
    const row = screen.getByText('Ann Lee').closest('li')!;
    expect((await within(row).findByRole('alert')).textContent).toBe('Not saved: That person is not on this roll call.');
    expect(toggle('Ann Lee').getAttribute('aria-pressed')).toBe('false');
    expect(counter()).toBe('0 of 3 accounted for');
  });

  it('shows only those not yet accounted for, on request, moving on to the next person after each tick', async () => {
    const user = userEvent.setup();
    const live = liveRollCall(rollCall({ id: 10 }));
    const kiosk = kioskFor(live);
    renderStaff('/staff/fire/10', { kiosk });
    await screen.findByRole('button', { name: 'Accounted for: Ann Lee' });
    await user.click(screen.getByRole('radio', { name: 'Not yet accounted for (3)' }));
    await user.click(toggle('Ann Lee'));
    await waitFor(() => expect(screen.queryByText('Ann Lee', { selector: '.rc-name' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(toggle('Bob Stone')));
    const list = screen.getByRole('list', { name: 'Not yet accounted for' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await user.click(screen.getByRole('radio', { name: 'Everyone (3)' }));
    expect(within(screen.getByRole('list', { name: 'Everyone signed in' })).getAllByRole('listitem')).toHaveLength(3);
  });

  it('says clearly when nobody is signed in as a visitor; the empty roll call is still saved and ended', async () => {
    const user = userEvent.setup();
    const live = liveRollCall(rollCall({ id: 11, people: [] }));
    const kiosk = kioskFor(live);
    renderStaff('/staff/fire', { kiosk });
    expect(await screen.findByText('Nobody is signed in as a visitor.')).toBeTruthy();
    expect(counter()).toBe('0 of 0 accounted for');
    expect(screen.getByText('This roll call is saved with nobody on it. Staff and pupils are counted on the school’s own registers.')).toBeTruthy();
    await waitFor(() => expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/roll-call?id=11', paper: 'a4' }));
    await user.click(screen.getByRole('button', { name: 'End roll call' }));
    expect(kiosk.endRollCall).toHaveBeenCalledWith({ id: 11 });
    expect(await screen.findByText('Nobody was signed in as a visitor.')).toBeTruthy();
  });

  it('shows an ended roll call read-only, with each tick and its time, and does not print it by itself', async () => {
    const ended = rollCall({
      id: 3,
      startedAt: '2026-11-12T10:05:00.000Z',
      endedAt: '2026-11-12T10:21:00.000Z',
      endedBy: 'Alex Turner',
      people: [person({ visitId: 1, name: 'Ann Lee', accountedAt: '2026-11-12T10:09:00.000Z', accountedBy: 'Alex Turner' }), person({ visitId: 2, name: '<script>alert(1)</script>' })],
    });
    const kiosk = fakeKiosk({ getRollCall: () => ok(ended), print: PRINTED });
    renderStaff('/staff/fire/3', { kiosk });
    expect(await screen.findByText('Ended')).toBeTruthy();
    expect(screen.getByText('Started on Thursday 12 November 2026 at 10:05 by Priya Shah.')).toBeTruthy();
    expect(screen.getByText('Ended on Thursday 12 November 2026 at 10:21 by Alex Turner.')).toBeTruthy();
    expect(screen.getByText('1 of 2 accounted for')).toBeTruthy();
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('on Thursday 12 November 2026 at 10:09, by Alex Turner');
    expect(within(rows[2]!).getByText('<script>alert(1)</script>').closest('th')).toBeTruthy();
    expect(within(rows[2]!).getByText('Not accounted for')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Accounted for/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'End roll call' })).toBeNull();
    await act(async () => {});
    expect(kiosk.print).not.toHaveBeenCalled();
    expect(kiosk.getRollCall).toHaveBeenCalledWith({ id: 3 });
    await userEvent.click(screen.getByRole('button', { name: 'Print the result' }));
    await waitFor(() => expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/roll-call?id=3', paper: 'a4' }));
  });

  it('lists the past roll calls, each opening its page', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listRollCalls: () => ok([summary({ id: 2, endedAt: null, people: 3, accounted: 1, startedAt: '2026-11-27T09:30:00.000Z' }), summary({ id: 1 })]),
      getRollCall: () => ok(rollCall({ id: 1, endedAt: '2026-11-26T10:21:00.000Z', endedBy: 'Alex Turner' })),
    });
    const { location } = renderStaff('/staff/fire/past', { kiosk });
    expect(await screen.findByRole('heading', { level: 1, name: 'Past roll calls' })).toBeTruthy();
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
      ['Started', 'Started by', 'Ended', 'People', 'Accounted for'],
      ['Friday 27 November 2026 at 09:30', 'Priya Shah', 'Under way', '3', '1 of 3'],
      ['Thursday 26 November 2026 at 10:05', 'Priya Shah', 'Thursday 26 November 2026 at 10:21', '4', '4 of 4'],
    ]);
    await user.click(within(rows[2]!).getByRole('link'));
    expect(location.history.at(-1)).toBe('/staff/fire/1');
    expect(await screen.findByRole('heading', { name: 'Result' })).toBeTruthy();
    expect(kiosk.getRollCall).toHaveBeenCalledWith({ id: 1 });
  });

  it('says when there is no roll call yet, and when one could not be started', async () => {
    renderStaff('/staff/fire/past', { kiosk: fakeKiosk({ listRollCalls: () => ok([]) }) });
    expect(await screen.findByText('No roll call has been made yet.')).toBeTruthy();
    cleanup();
    renderStaff('/staff/fire', { kiosk: fakeKiosk({ startRollCall: () => fail({ code: 'FORBIDDEN', message: 'Unlock the staff console first.' }) }) });
    expect((await screen.findByRole('alert')).textContent).toContain('The roll call could not be started: Unlock the staff console first.');
    expect(screen.getByRole('link', { name: 'Past roll calls' })).toBeTruthy();
  });
});
