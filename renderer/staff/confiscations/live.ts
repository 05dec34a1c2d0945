/**
 * A confiscation record kept up to date while its page is open (issue 13): a DSL may put a hold
 * on the device at another desk while the office is about to release it. The record is read
 * again every ten seconds while someone is using the page, at once when they come back to it
 * (the first input after a pause, the window focused or shown), and after a change made here an
 * answer that left before it is dropped (the change's own answer is newer). Open panels keep what
 * was typed: only the record they are given changes, and a step that is no longer allowed closes
 * (NextSteps offers only what the record allows).
 *
 * Only while someone is using it: every call counts as activity for the host's idle lock
 * (electron/api/sessions.ts), so a page left open must not keep an unlocked console alive.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConfiscationDetail } from '../../../electron/api/contract';
import { call, type ApiError } from '../../app/api';
import { ACTIVITY_EVENTS } from '../idle';

export const POLL_MS = 10_000;
/** How long after the last input the page still re-reads the record by itself. */
export const ACTIVE_FOR_MS = 45_000;

export interface LiveRecord {
  detail: ConfiscationDetail | null;
  error: ApiError | null;
  /** Set when a read found the record changed by someone else since this page last saw it. */
  changedElsewhere: boolean;
  /** The record as a change made on this page returned it. */
  replace(next: ConfiscationDetail): void;
  /** Read it again now (after printing, for example). */
  refresh(): Promise<void>;
}

export function useLiveRecord(id: number): LiveRecord {
  const [state, setState] = useState<{ detail: ConfiscationDetail | null; error: ApiError | null; changedElsewhere: boolean }>({ detail: null, error: null, changedElsewhere: false });
  const version = useRef(0);
  const seen = useRef<string | null>(null);
  const live = useRef(true);
  const lastInput = useRef(Date.now());

  const refresh = useCallback(async () => {
    const asked = version.current;
    const r = await call('getConfiscation', { id });
    if (!live.current || asked !== version.current) return;
    if (!r.ok) {
      // a failed re-read keeps what is shown; only a page with nothing yet shows the error
      setState((s) => (s.detail ? s : { detail: null, error: r.error, changedElsewhere: false }));
      return;
    }
    const text = JSON.stringify(r.value);
    if (text === seen.current) return; // nothing new: no re-render under an open form
    const first = seen.current === null;
    seen.current = text;
    setState({ detail: r.value, error: null, changedElsewhere: !first });
  }, [id]);

  useEffect(() => {
    live.current = true;
    void refresh();
    const active = () => Date.now() - lastInput.current <= ACTIVE_FOR_MS && document.visibilityState !== 'hidden';
    const timer = window.setInterval(() => {
      if (active()) void refresh();
    }, POLL_MS);
    const onInput = () => {
      const back = Date.now() - lastInput.current > ACTIVE_FOR_MS;
      lastInput.current = Date.now();
      if (back) void refresh(); // back after a pause: read it before they act on what is shown
    };
    const onFocus = () => void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onInput, { capture: true, passive: true });
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live.current = false;
      window.clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const replace = useCallback((next: ConfiscationDetail) => {
    version.current += 1;
    seen.current = JSON.stringify(next);
    setState({ detail: next, error: null, changedElsewhere: false });
  }, []);

  return { ...state, replace, refresh };
}
