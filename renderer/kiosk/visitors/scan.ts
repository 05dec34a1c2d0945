/**
 * Badges and invitation codes at the kiosk. A keyboard-wedge scanner "types" a token quickly and
 * presses Enter; a person types slowly. With no text field focused (Welcome, the "Who are you?"
 * tiles) the keys are collected on the document: a run of keys each within SCAN_GAP_MS of the
 * last, ended by Enter, is a scan. Anything slower starts again, so a person pressing keys is
 * never taken for a scanner.
 */
import { useEffect, useRef } from 'react';

/** Keys further apart than this are a person typing, not a scanner. */
export const SCAN_GAP_MS = 100;
/** A scan is at least this long (a token is 18 characters). */
const MIN_SCAN = 6;

const normalise = (text: string) => text.toUpperCase().replace(/[\s-]/g, '');

/** A visitor badge token ('KV' and 16 of A–Z 2–7), in any case and with spaces or dashes; else null. */
export function badgeToken(text: string): string | null {
  const t = normalise(text);
  return /^KV[A-Z2-7]{16}$/.test(t) ? t : null;
}

/** An invitation code or a regular visitor's card ('KI…'), normalised; else null. */
export function invitationCode(text: string): string | null {
  const t = normalise(text);
  return /^KI[A-Z2-7]{16}$/.test(t) ? t : null;
}

/** Whether the element takes typed text (then the keys are its own, not a scan on the page). */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  if (!(el instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'range', 'color'].includes(el.type);
}

/**
 * Listen on the document for scans while no text field has focus: `onScan` gets the text of each
 * (Enter not included). The Enter that ends a scan does nothing else (it must not press a focused
 * tile or link).
 */
export function useWedgeScan(onScan: (text: string) => void, enabled = true): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    let buffer = '';
    let last = 0;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTextEntry(document.activeElement)) {
        buffer = '';
        return;
      }
      // A scanner holds Shift for capitals: that is part of the scan, not a break in it.
      if (e.key === 'Shift' || e.key === 'CapsLock') return;
      const now = Date.now();
      const quick = now - last <= SCAN_GAP_MS;
      last = now;
      if (e.key === 'Enter') {
        const text = quick ? buffer : '';
        buffer = '';
        if (text.length >= MIN_SCAN) {
          e.preventDefault();
          e.stopPropagation();
          latest.current(text);
        }
        return;
      }
      if (e.key.length !== 1) {
        buffer = '';
        return;
      }
      buffer = quick ? buffer + e.key : e.key;
      if (buffer.length > 60) buffer = buffer.slice(-60);
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
