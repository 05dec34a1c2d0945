/**
 * The staff console locks itself when nobody has touched it for the school's idle-lock time.
 *
 * Two clocks agree on "idle": this page's (keyboard, pointer and touch input) and the host's (which
 * locks a staff session on the next call after the idle time without calls). So that a member of
 * staff who is busy typing or reading is not locked by the host, input is reported with
 * `getSession()` at most once a minute, and once more at the end of that minute if there was input
 * since the last report. Thirty seconds before the page locks it shows a warning; any input
 * dismisses it.
 *
 * `createIdleLock` is plain timing logic with its clock and timers passed in (tests use fake
 * timers); `useIdleLock` wires it to the window and the API.
 */
import { useEffect, useState } from 'react';
import { call } from '../app/api';

export const WARN_BEFORE_MS = 30_000;
export const PING_EVERY_MS = 60_000;
/** The input that counts as someone being at the desk. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export interface IdleTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: IdleTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (h) => window.clearTimeout(h as number),
};

export interface IdleLockOptions {
  /** Lock after this long without input. */
  idleMs: number;
  /** Show the warning this long before locking (default 30 s; shortened when the idle time is shorter). */
  warnMs?: number;
  /** Report input to the host at most this often (default one minute). */
  pingEveryMs?: number;
  timers?: IdleTimers;
  /** The warning appears (true) or goes away (false). */
  onWarning(showing: boolean): void;
  onLock(): void;
  /** Tell the host someone is still here. */
  onPing(): void;
}

export interface IdleLock {
  /** Someone pressed a key, moved the pointer or touched the screen. */
  activity(): void;
  stop(): void;
}

export function createIdleLock(opts: IdleLockOptions): IdleLock {
  const timers = opts.timers ?? realTimers;
  const idleMs = Math.max(1000, opts.idleMs);
  const warnMs = Math.min(opts.warnMs ?? WARN_BEFORE_MS, Math.floor(idleMs / 2));
  const pingEveryMs = opts.pingEveryMs ?? PING_EVERY_MS;

  let lastActivity = timers.now();
  let lastPing = lastActivity;
  let unreported = false;
  let warning = false;
  let stopped = false;
  let locked = false;
  let timer: unknown = null;
  let pingTimer: unknown = null;

  function setWarning(showing: boolean) {
    if (warning === showing) return;
    warning = showing;
    opts.onWarning(showing);
  }

  /** One timer, set for the next moment something may be due; on waking, it checks what really is. */
  function schedule() {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (stopped || locked) return;
    const idle = timers.now() - lastActivity;
    const due = warning ? idleMs - idle : idleMs - warnMs - idle;
    timer = timers.setTimeout(check, Math.max(0, due));
  }

  function check() {
    timer = null;
    if (stopped || locked) return;
    const idle = timers.now() - lastActivity;
    if (idle >= idleMs) {
      locked = true;
      setWarning(false);
      opts.onLock();
      return;
    }
    if (idle >= idleMs - warnMs) setWarning(true);
    schedule();
  }

  function ping() {
    lastPing = timers.now();
    unreported = false;
    opts.onPing();
  }

  function pingLater() {
    pingTimer = null;
    if (stopped || locked || !unreported) return;
    ping();
  }

  schedule();

  return {
    activity() {
      if (stopped || locked) return;
      lastActivity = timers.now();
      if (warning) {
        setWarning(false);
        schedule();
      }
      if (lastActivity - lastPing >= pingEveryMs) {
        if (pingTimer !== null) timers.clearTimeout(pingTimer);
        pingTimer = null;
        ping();
      } else {
        unreported = true;
        if (pingTimer === null) pingTimer = timers.setTimeout(pingLater, lastPing + pingEveryMs - lastActivity);
      }
    },
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      if (pingTimer !== null) timers.clearTimeout(pingTimer);
      timer = pingTimer = null;
    },
  };
}

/**
 * Lock the console after `minutes` without input (null: not known yet, so nothing runs).
 * Returns whether the 30-second warning is showing.
 */
export function useIdleLock(minutes: number | null, timers: IdleTimers = realTimers): { warning: boolean } {
  const [warning, setWarning] = useState(false);
  useEffect(() => {
    if (minutes === null || !(minutes > 0)) return;
    const lock = createIdleLock({
      idleMs: minutes * 60_000,
      timers,
      onWarning: setWarning,
      onLock: () => void call('lock'),
      onPing: () => void call('getSession'),
    });
    const onInput = () => lock.activity();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onInput, { capture: true, passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput, { capture: true });
      lock.stop();
      setWarning(false);
    };
  }, [minutes, timers]);
  return { warning };
}
