import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleLock, type IdleTimers } from '../../../renderer/staff/idle';
import { SETTINGS, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from './harness';

const timers: IdleTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const MIN = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function start(idleMinutes: number) {
  const events = { warnings: [] as boolean[], locks: 0, pings: 0 };
  const lock = createIdleLock({
    idleMs: idleMinutes * MIN,
    timers,
    onWarning: (w) => events.warnings.push(w),
    onLock: () => events.locks++,
    onPing: () => events.pings++,
  });
  return { lock, events };
}

describe('createIdleLock', () => {
  it('locks after the idle time and not a moment before', () => {
    const { events } = start(5);
    vi.advanceTimersByTime(5 * MIN - 1);
    expect(events.locks).toBe(0);
    vi.advanceTimersByTime(1);
    expect(events.locks).toBe(1);
    vi.advanceTimersByTime(10 * MIN);
    expect(events.locks).toBe(1);
  });

  it('warns 30 seconds before locking, and the warning goes when it locks', () => {
    const { events } = start(5);
    vi.advanceTimersByTime(5 * MIN - 30_001);
    expect(events.warnings).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events.warnings).toEqual([true]);
    expect(events.locks).toBe(0);
    vi.advanceTimersByTime(30_000);
    expect(events.locks).toBe(1);
    expect(events.warnings).toEqual([true, false]);
  });

  it('postpones the lock on activity, and activity during the warning dismisses it', () => {
    const { lock, events } = start(5);
    vi.advanceTimersByTime(4 * MIN);
    lock.activity();
    vi.advanceTimersByTime(4 * MIN);
    expect(events.locks).toBe(0);
    expect(events.warnings).toEqual([]);
    vi.advanceTimersByTime(40_000); // 4m40s since the activity: warning showing
    expect(events.warnings).toEqual([true]);
    lock.activity();
    expect(events.warnings).toEqual([true, false]);
    vi.advanceTimersByTime(5 * MIN - 1);
    expect(events.locks).toBe(0);
    vi.advanceTimersByTime(1);
    expect(events.locks).toBe(1);
  });

  it('tells the host at most once a minute, and once more after a minute of activity since', () => {
    const { lock, events } = start(5);
    vi.advanceTimersByTime(10_000);
    lock.activity(); // 10 s after start: within the first minute, so held back
    lock.activity();
    expect(events.pings).toBe(0);
    vi.advanceTimersByTime(49_999);
    expect(events.pings).toBe(0);
    vi.advanceTimersByTime(1); // a minute after the last report: the held-back activity is reported
    expect(events.pings).toBe(1);
    vi.advanceTimersByTime(2 * MIN); // no activity, no report
    expect(events.pings).toBe(1);
    lock.activity(); // over a minute since the last report: at once
    expect(events.pings).toBe(2);
    lock.activity();
    vi.advanceTimersByTime(MIN);
    expect(events.pings).toBe(3);
  });

  it('does nothing after stop()', () => {
    const { lock, events } = start(1);
    lock.stop();
    lock.activity();
    vi.advanceTimersByTime(10 * MIN);
    expect(events).toEqual({ warnings: [], locks: 0, pings: 0 });
  });
});

describe('the console locks itself when idle', () => {
  async function settle() {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
  }

  it('reads the idle time from the settings, warns 30 s before, and calls lock() after it', async () => {
    const kiosk = fakeKiosk({ getSettings: () => ok({ ...SETTINGS, idleLockMinutes: 2 }) });
    renderStaff('/staff', { kiosk });
    await settle();
    expect(kiosk.getSettings).toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(90_000 - 1));
    expect(screen.queryByText(/Locking in 30 seconds/)).toBeNull();
    act(() => vi.advanceTimersByTime(1));
    const live = screen.getByText(/Locking in 30 seconds/).closest('[aria-live="polite"]');
    expect(live?.textContent).toBe('Locking in 30 seconds: move the mouse or press a key to stay signed in.');
    expect(kiosk.getSession).not.toHaveBeenCalled();

    // A key press keeps the console open and hides the warning.
    act(() => {
      fireEvent.keyDown(window, { key: 'Shift' });
    });
    expect(screen.queryByText(/Locking in 30 seconds/)).toBeNull();
    expect(kiosk.getSession).toHaveBeenCalled(); // over a minute since the page loaded: the host is told

    act(() => vi.advanceTimersByTime(2 * MIN - 1));
    expect(kiosk.lock).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(kiosk.lock).toHaveBeenCalledTimes(1);
  });

  it('counts pointer movement and touch as someone being there', async () => {
    const kiosk = fakeKiosk({ getSettings: () => ok({ ...SETTINGS, idleLockMinutes: 1 }) });
    renderStaff('/staff', { kiosk });
    await settle();
    act(() => vi.advanceTimersByTime(50_000));
    act(() => {
      fireEvent.pointerMove(window);
    });
    act(() => vi.advanceTimersByTime(50_000));
    act(() => {
      fireEvent.touchStart(window);
    });
    act(() => vi.advanceTimersByTime(59_000));
    expect(kiosk.lock).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1_000));
    expect(kiosk.lock).toHaveBeenCalledTimes(1);
  });
});
