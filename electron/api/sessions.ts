/**
 * The sessions of the windows (Electron) or tabs (preview) that talk to the API, held by whoever
 * serves the page, never by the page. A staff session that has been idle longer than the school's
 * idle-lock time is locked back to the kiosk on its next call. The id (the token) is replaced on
 * every unlock and lock (rotate), so a token seen before an unlock is worth nothing after it.
 *
 * The preview, where anyone on the PC can open tabs, also expires sessions left unused and caps
 * how many are kept (the oldest unused goes first); the app's windows keep theirs for good.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../db/clock';
import { kioskSession, publicScreenSession, type Session } from './session';

interface Entry {
  session: Session;
  lastActive: number;
  /** The visitor-facing screen of a two-screen desk: never anything but the public kiosk. */
  publicScreen: boolean;
}

export interface Expiry {
  /** A session unused for this long is forgotten (its page gets a new kiosk session). */
  unusedMs: number;
  /** At most this many sessions; opening one more forgets the one unused longest. */
  max: number;
}

const newId = () => randomBytes(18).toString('base64url');

export class SessionRegistry {
  /** In order of last use, oldest first (touch moves an entry to the end). */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    /** Minutes of inactivity before a staff session locks; read on every call so Settings apply at once. */
    private readonly idleMinutes: () => number,
    /** The preview's expiry and cap; none in the app. */
    private readonly expiry: Expiry | null = null,
  ) {}

  /** A new kiosk session (or the visitor-facing screen's); returns its id (an unguessable token). */
  open(id: string = newId(), opts: { publicScreen?: boolean } = {}): string {
    const publicScreen = opts.publicScreen === true;
    this.sweep();
    if (this.expiry) {
      for (const oldest of this.entries.keys()) {
        if (this.entries.size < this.expiry.max) break;
        this.entries.delete(oldest);
      }
    }
    this.entries.delete(id);
    this.entries.set(id, { session: publicScreen ? publicScreenSession : kioskSession, lastActive: this.clock.now().getTime(), publicScreen });
    return id;
  }

  /** How many sessions are held. */
  get size(): number {
    return this.entries.size;
  }

  /** Forget the sessions unused for longer than the expiry (the oldest are first in the map). */
  private sweep(): void {
    if (!this.expiry) return;
    const cutoff = this.clock.now().getTime() - this.expiry.unusedMs;
    for (const [id, entry] of this.entries) {
      if (entry.lastActive >= cutoff) break;
      this.entries.delete(id);
    }
  }

  /**
   * Give a session a new id and forget the old one (after an unlock or a lock): whatever saw the
   * old token, a page, a log, another tab, holds nothing. Returns the new id, or null if unknown.
   */
  rotate(id: string): string | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    const next = newId();
    this.entries.delete(id);
    this.used(next, entry);
    return next;
  }

  /** Is any visitor-facing screen open (seen within the last `withinMs`)? */
  hasPublicScreen(withinMs = 15_000): boolean {
    const now = this.clock.now().getTime();
    for (const e of this.entries.values()) if (e.publicScreen && now - e.lastActive <= withinMs) return true;
    return false;
  }

  has(id: string): boolean {
    this.sweep();
    return this.entries.has(id);
  }

  /** The session for a call; a staff session idle too long comes back locked (lockedForIdle). */
  resolve(id: string): { session: Session; lockedForIdle: boolean } | null {
    this.sweep();
    const entry = this.entries.get(id);
    if (!entry) return null;
    const now = this.clock.now().getTime();
    if (entry.session.kind === 'staff' && now - entry.lastActive > this.idleMinutes() * 60_000) {
      entry.session = kioskSession;
      this.used(id, entry);
      return { session: kioskSession, lockedForIdle: true };
    }
    return { session: entry.session, lockedForIdle: false };
  }

  touch(id: string): void {
    const entry = this.entries.get(id);
    if (entry) this.used(id, entry);
  }

  /** Mark an entry used now, moving it to the end: the map stays in order of last use. */
  private used(id: string, entry: Entry): void {
    entry.lastActive = this.clock.now().getTime();
    this.entries.delete(id);
    this.entries.set(id, entry);
  }

  set(id: string, session: Session): void {
    const entry = this.entries.get(id);
    if (entry?.publicScreen) return; // the public screen is never unlocked, whatever asks
    if (entry) {
      entry.session = session;
      this.used(id, entry);
    }
  }

  close(id: string): void {
    this.entries.delete(id);
  }

  /** Lock every staff session (e.g. when the database is being restored). */
  lockAll(): void {
    for (const entry of this.entries.values()) entry.session = entry.publicScreen ? publicScreenSession : kioskSession;
  }
}
