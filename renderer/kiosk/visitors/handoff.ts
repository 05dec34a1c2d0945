/**
 * An invitation code scanned at the office desk of a two-screen desk is routed to the visitor
 * screen (PublicScreen.tsx), which hands it here; the sign-in flow takes it as if it had been
 * typed on its code screen. At most one code waits; taking it clears it.
 */
const target = new EventTarget();
let pending: string | null = null;

export function handOffCode(code: string): void {
  pending = code;
  target.dispatchEvent(new Event('code'));
}

export function takeHandedOffCode(): string | null {
  const code = pending;
  pending = null;
  return code;
}

/** Called when a code is handed over; returns the unsubscribe. */
export function onHandOff(fn: () => void): () => void {
  target.addEventListener('code', fn);
  return () => target.removeEventListener('code', fn);
}
