/** Time is injected everywhere: production uses the system clock, tests a clock they set. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ManualClock extends Clock {
  set(instant: Date | string): void;
  advance(ms: number): void;
}

/** A clock for tests, demos and benchmarks: it stands still until told to move. */
export function manualClock(start: Date | string): ManualClock {
  let t = new Date(start).getTime();
  if (Number.isNaN(t)) throw new Error(`manualClock: not a valid instant: ${String(start)}`);
  return {
    now: () => new Date(t),
    set(instant) {
      const next = new Date(instant).getTime();
      if (Number.isNaN(next)) throw new Error(`manualClock: not a valid instant: ${String(instant)}`);
      t = next;
    },
    advance(ms) {
      t += ms;
    },
  };
}
