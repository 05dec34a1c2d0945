/**
 * The console's alert banner: polled on arrival and every 5 seconds, a new alert announced
 * (role="alert") with a two-tone chime (silent without an AudioContext), at most three shown with
 * "and N more" opening Today, a link to the page that deals with each, "Dealt with", and the focus
 * left where it was.
 */
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleAlert } from '../../../electron/api/contract';
import { consoleHref, POLL_MS } from '../../../renderer/staff/alerts/AlertBanner';
import { playChime, resetChime } from '../../../renderer/staff/alerts/chime';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff, TODAY } from './harness';

const NOW = Date.now();

function alert(id: number, text: string, over: Partial<ConsoleAlert> = {}): ConsoleAlert {
  return { id, kind: 'visitor-see-office', createdAt: new Date(NOW - id * 1000).toISOString(), text, href: null, mayDealWith: true, ...over };
}

const SEE_OFFICE = alert(1, 'Someone at the entrance screen is asking for the office (dropping off or collecting).');
const WAITING = alert(2, 'Someone is waiting at reception for a member of staff.', { kind: 'visitor-not-permitted', href: '/visitors/14' });

/** A fake Web Audio API that records the notes played. */
function installAudio() {
  const notes: number[] = [];
  class FakeAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume() {
      return Promise.resolve();
    }
    createOscillator() {
      return {
        type: 'sine',
        frequency: { setValueAtTime: (f: number) => notes.push(f) },
        connect: () => undefined,
        start: () => undefined,
        stop: () => undefined,
      };
    }
    createGain() {
      return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: () => undefined };
    }
  }
  Object.defineProperty(window, 'AudioContext', { value: FakeAudioContext, configurable: true, writable: true });
  return notes;
}

beforeEach(() => resetChime());

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  delete (window as { AudioContext?: unknown }).AudioContext;
  resetChime();
});

async function settle() {
  await act(async () => {});
  await act(async () => {});
}

describe('the alert banner', () => {
  it('polls on arrival and every 5 seconds; a new alert is announced once and chimes two tones', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const notes = installAudio();
    let open: ConsoleAlert[] = [];
    const kiosk = fakeKiosk({ getConsoleAlerts: () => ok(open) });
    renderStaff('/staff/my-pin', { kiosk, role: 'office', staffId: 2 });
    await settle();
    expect(kiosk.getConsoleAlerts).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('region', { name: 'Open alerts' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    open = [SEE_OFFICE];
    act(() => vi.advanceTimersByTime(POLL_MS - 1));
    expect(kiosk.getConsoleAlerts).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(1));
    expect(kiosk.getConsoleAlerts).toHaveBeenCalledTimes(2);
    await settle();
    const banner = screen.getByRole('region', { name: 'Open alerts' });
    expect(within(banner).getByText(SEE_OFFICE.text)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(`New alert: ${SEE_OFFICE.text}`);
    expect(notes).toEqual([880, 660]);

    // the same alert again: not announced again, no chime
    act(() => vi.advanceTimersByTime(POLL_MS));
    await settle();
    expect(kiosk.getConsoleAlerts).toHaveBeenCalledTimes(3);
    expect(notes).toEqual([880, 660]);

    // a second one: announced, with a link to the page that deals with it
    open = [WAITING, SEE_OFFICE];
    act(() => vi.advanceTimersByTime(POLL_MS));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe(`New alert: ${WAITING.text}`);
    expect(notes).toEqual([880, 660, 880, 660]);
    const items = within(banner).getAllByRole('listitem');
    expect(items.map((i) => within(i).getByText(/^Someone/).textContent)).toEqual([WAITING.text, SEE_OFFICE.text]);
    expect(within(items[0]!).getByRole('link', { name: `Open: ${WAITING.text}` }).getAttribute('href')).toBe('/staff/visitors/14');
    expect(within(items[1]!).queryByRole('link')).toBeNull();
  });

  it('announces the alerts open when the console opens', async () => {
    const kiosk = fakeKiosk({ getConsoleAlerts: () => ok([WAITING, SEE_OFFICE]) });
    renderStaff('/staff/my-pin', { kiosk });
    expect((await screen.findByRole('alert')).textContent).toBe(`2 new alerts. The newest: ${WAITING.text}`);
  });

  it('"Dealt with" resolves the alert and it goes', async () => {
    const user = userEvent.setup();
    let open = [WAITING, SEE_OFFICE];
    const kiosk = fakeKiosk({
      getConsoleAlerts: () => ok(open),
      resolveAlert: (input) => {
        open = open.filter((a) => a.id !== input!.id);
        return ok({ resolved: input!.id });
      },
    });
    renderStaff('/staff/my-pin', { kiosk });
    const banner = await screen.findByRole('region', { name: 'Open alerts' });
    await user.click(within(banner).getByRole('button', { name: `Dealt with: ${SEE_OFFICE.text}` }));
    expect(kiosk.resolveAlert).toHaveBeenCalledWith({ id: 1 });
    await waitFor(() => expect(within(banner).queryByText(SEE_OFFICE.text)).toBeNull());
    expect(within(banner).getByText(WAITING.text)).toBeTruthy();
    await user.click(within(banner).getByRole('button', { name: `Dealt with: ${WAITING.text}` }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Open alerts' })).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps Today and the banner in step: an alert dealt with in one goes from the other', async () => {
    const user = userEvent.setup();
    let open = [SEE_OFFICE];
    const kiosk = fakeKiosk({
      getConsoleAlerts: () => ok(open),
      getToday: () => ok({ ...TODAY, alerts: open.map((a) => ({ id: a.id, kind: a.kind, entity: null, entityId: null, createdAt: a.createdAt })) }),
      resolveAlert: (input) => {
        open = open.filter((a) => a.id !== input!.id);
        return ok({ resolved: input!.id });
      },
    });
    renderStaff('/staff', { kiosk });
    const banner = await screen.findByRole('region', { name: 'Open alerts' });
    const today = await screen.findByRole('region', { name: 'Alerts' });
    expect(within(today).getByText(SEE_OFFICE.text)).toBeTruthy();
    await user.click(within(banner).getByRole('button', { name: /^Dealt with/ }));
    expect(await within(today).findByText(/No open alerts/)).toBeTruthy();

    // and the other way round
    open = [WAITING];
    cleanup();
    renderStaff('/staff', { kiosk });
    const banner2 = await screen.findByRole('region', { name: 'Open alerts' });
    const today2 = await screen.findByRole('region', { name: 'Alerts' });
    expect(within(banner2).getByText(WAITING.text)).toBeTruthy();
    await user.click(within(today2).getByRole('button', { name: /^Dealt with/ }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Open alerts' })).toBeNull());
  });

  it('offers "Dealt with" on a wrong-PIN alert only to those who may (administrator or DSL), with "End the wait"', async () => {
    const user = userEvent.setup();
    const text = 'Five or more wrong PINs were typed on the staff screen of this PC within ten minutes.';
    const forOffice = alert(3, text, { kind: 'pin-failures', mayDealWith: false });
    let open = [forOffice, SEE_OFFICE];
    const kiosk = fakeKiosk({ getConsoleAlerts: () => ok(open), clearPinBudget: () => ok({ cleared: true }) });
    renderStaff('/staff/my-pin', { kiosk, role: 'office', staffId: 2 });
    const banner = await screen.findByRole('region', { name: 'Open alerts' });
    const [pins, other] = within(banner).getAllByRole('listitem');
    expect(within(pins!).getByText(text)).toBeTruthy();
    expect(within(pins!).queryByRole('button')).toBeNull();
    expect(within(other!).getByRole('button', { name: `Dealt with: ${SEE_OFFICE.text}` })).toBeTruthy();
    cleanup();

    open = [{ ...forOffice, mayDealWith: true }];
    renderStaff('/staff/my-pin', { kiosk, role: 'office', staffId: 3, dsl: true });
    const banner2 = await screen.findByRole('region', { name: 'Open alerts' });
    expect(within(banner2).getByRole('button', { name: `Dealt with: ${text}` })).toBeTruthy();
    await user.click(within(banner2).getByRole('button', { name: `End the wait for staff PINs: ${text}` }));
    expect(kiosk.clearPinBudget).toHaveBeenCalledTimes(1);
  });

  it('says why "Dealt with" did not work, at the alert', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      getConsoleAlerts: () => ok([SEE_OFFICE]),
      resolveAlert: () => fail({ code: 'FORBIDDEN', message: 'Unlock the staff console first.' }),
    });
    renderStaff('/staff/my-pin', { kiosk });
    const banner = await screen.findByRole('region', { name: 'Open alerts' });
    await user.click(within(banner).getByRole('button', { name: /^Dealt with/ }));
    expect((await within(banner).findByRole('alert')).textContent).toBe('Not marked as dealt with: Unlock the staff console first.');
    expect(within(banner).getByText(SEE_OFFICE.text)).toBeTruthy();
  });

  it('shows at most three, newest first, with "and N more" opening Today', async () => {
    const many = [5, 4, 3, 2, 1].map((id) => alert(id, `Alert number ${id}.`));
    const kiosk = fakeKiosk({ getConsoleAlerts: () => ok(many) });
    renderStaff('/staff/my-pin', { kiosk });
    const banner = await screen.findByRole('region', { name: 'Open alerts' });
    expect(within(banner).getAllByText(/^Alert number \d\.$/).map((e) => e.textContent)).toEqual(['Alert number 5.', 'Alert number 4.', 'Alert number 3.']);
    const more = within(banner).getByRole('link', { name: 'and 2 more alerts on Today' });
    expect(more.getAttribute('href')).toBe('/staff');
  });

  it('takes no focus: the field being typed in keeps it when an alert arrives', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let open: ConsoleAlert[] = [];
    const kiosk = fakeKiosk({ getConsoleAlerts: () => ok(open) });
    renderStaff('/staff/my-pin', { kiosk, role: 'office', staffId: 2 });
    await settle();
    const field = screen.getByLabelText('Current PIN');
    field.focus();
    expect(document.activeElement).toBe(field);
    open = [WAITING];
    act(() => vi.advanceTimersByTime(POLL_MS));
    await settle();
    expect(screen.getByRole('region', { name: 'Open alerts' })).toBeTruthy();
    expect(document.activeElement).toBe(field);
  });

  it('stays quiet when the alerts cannot be read, and never throws without an AudioContext', async () => {
    expect('AudioContext' in window).toBe(false);
    expect(() => playChime()).not.toThrow();
    expect(playChime()).toBe(false);
    const kiosk = fakeKiosk({ getConsoleAlerts: () => fail({ code: 'FORBIDDEN', message: 'Unlock the staff console first.' }) });
    renderStaff('/staff/my-pin', { kiosk });
    await settle();
    expect(kiosk.getConsoleAlerts).toHaveBeenCalled();
    expect(screen.queryByRole('region', { name: 'Open alerts' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    cleanup();
    // with alerts and no AudioContext: shown and announced, silently
    renderStaff('/staff/my-pin', { kiosk: fakeKiosk({ getConsoleAlerts: () => ok([SEE_OFFICE]) }) });
    expect((await screen.findByRole('alert')).textContent).toBe(`New alert: ${SEE_OFFICE.text}`);
  });

  it('turns the API’s routes into console links', () => {
    expect(consoleHref('/visitors/14')).toBe('/visitors/14');
    expect(consoleHref('/staff/visitors/14')).toBe('~/staff/visitors/14');
    expect(consoleHref('#/staff/fire/2')).toBe('~/staff/fire/2');
    expect(consoleHref('visitors')).toBe('/visitors');
  });
});
