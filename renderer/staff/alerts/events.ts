/**
 * "The open alerts changed": the banner and the Today page each deal with alerts, and each tells
 * the other so that both show the same (an alert dealt with in one goes from the other at once).
 */
import { useEffect, useRef } from 'react';

const EVENT = 'kiosk:alerts-changed';

/** Say that an alert was dealt with (or that the list should be read again). */
export function alertsChanged(from: string): void {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: from }));
}

/** Run `onChange` when another part of the page says the alerts changed. */
export function useAlertsChanged(self: string, onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener = (e: Event) => {
      if ((e as CustomEvent<string>).detail !== self) latest.current();
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [self]);
}
