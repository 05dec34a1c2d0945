/**
 * Routing a keyboard-wedge scanner's keystrokes on a two-screen desk (DESIGN.md): the public
 * screen never takes keyboard focus (so a PIN typed at the office can never land there), and the
 * scans that belong to it (a visitor badge 'KV…', an invitation or regular visitor's card 'KI…')
 * are taken out of the office screen's keystrokes and handed to it.
 *
 * A scanner types a token's 18 characters and Enter within a few milliseconds each; a person does
 * not. The router holds a 'K' typed at the office, and then the characters that follow it fast,
 * while they can still be a public token; anything else (a slow key, another letter, a pupil card
 * 'KP…') releases what it held, in order, to the office screen. The host replays released keys and
 * hands a complete token to the public screen. Pure logic, so it is tested without Electron.
 */

export type Decision =
  /** Let this key through to the office screen. */
  | { action: 'pass' }
  /** Hold this key (it may be part of a public token). */
  | { action: 'hold' }
  /** Not a public token after all: replay these keys (those held, and this one) to the office screen. */
  | { action: 'release'; keys: string[] }
  /** A complete public token and its Enter: hand it to the public screen; nothing reaches the office screen. */
  | { action: 'forward'; token: string };

export interface RouterOptions {
  /** The longest gap between a scanner's keystrokes, in ms. */
  maxGapMs: number;
  /** Two-letter prefixes of the tokens that belong to the public screen. */
  prefixes: readonly string[];
  /** Characters after the prefix. */
  bodyLength: number;
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = { maxGapMs: 50, prefixes: ['KV', 'KI'], bodyLength: 16 };

const BODY_CHAR = /^[A-Za-z2-7]$/;

export class ScanRouter {
  private held: string[] = [];
  private lastAt = 0;

  constructor(private readonly opts: RouterOptions = DEFAULT_ROUTER_OPTIONS) {}

  /** Is anything held (the host flushes it when `flushAfterMs` passes with no key)? */
  get holding(): boolean {
    return this.held.length > 0;
  }

  get flushAfterMs(): number {
    return this.opts.maxGapMs;
  }

  /** A key pressed at `at` (ms); `key` as the browser names it ('K', 'v', '7', 'Enter', 'Shift', ...). */
  keyDown(key: string, at: number): Decision {
    if (key === 'Shift' || key === 'CapsLock') return this.held.length ? { action: 'hold' } : { action: 'pass' };
    if (this.held.length > 0 && at - this.lastAt > this.opts.maxGapMs) {
      // too slow to be a scanner: give back what was held, and look at this key afresh
      const keys = this.take();
      const next = this.keyDown(key, at);
      if (next.action === 'hold') {
        return { action: 'release', keys };
      }
      return { action: 'release', keys: [...keys, key] };
    }
    this.lastAt = at;
    if (this.held.length === 0) {
      if (key.toUpperCase() === 'K' && this.opts.prefixes.some((p) => p[0] === 'K')) {
        this.held.push(key);
        return { action: 'hold' };
      }
      return { action: 'pass' };
    }
    if (this.held.length === 1) {
      const prefix = `${this.held[0]!}${key}`.toUpperCase();
      if (this.opts.prefixes.includes(prefix)) {
        this.held.push(key);
        return { action: 'hold' };
      }
      return { action: 'release', keys: [...this.take(), key] };
    }
    const body = this.held.length - 2;
    if (key === 'Enter' && body === this.opts.bodyLength) {
      const token = this.take().join('').toUpperCase();
      return { action: 'forward', token };
    }
    if (BODY_CHAR.test(key) && body < this.opts.bodyLength) {
      this.held.push(key);
      return { action: 'hold' };
    }
    return { action: 'release', keys: [...this.take(), key] };
  }

  /** Time passed with no key: give back whatever is held. */
  flush(): string[] {
    return this.take();
  }

  private take(): string[] {
    const keys = this.held;
    this.held = [];
    return keys;
  }
}
