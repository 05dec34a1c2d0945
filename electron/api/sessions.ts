/**
 * The sessions of the windows (Electron) or tabs (preview) that talk to the API, held by whoever
 * serves the page, never by the page. A staff session that has been idle longer than the school's
 * idle-lock time is locked back to the kiosk on its next call.
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

export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    /** Minutes of inactivity before a staff session locks; read on every call so Settings apply at once. */
    private readonly idleMinutes: () => number,
  ) {}

  /** A new kiosk session (or the visitor-facing screen's); returns its id (an unguessable token). */
  open(id: string = randomBytes(18).toString('base64url'), opts: { publicScreen?: boolean } = {}): string {
    const publicScreen = opts.publicScreen === true;
    this.entries.set(id, { session: publicScreen ? publicScreenSession : kioskSession, lastActive: this.clock.now().getTime(), publicScreen });
    return id;
  }

  /** Is any visitor-facing screen open (seen within the last `withinMs`)? */
  hasPublicScreen(withinMs = 15_000): boolean {
    const now = this.clock.now().getTime();
    for (const e of this.entries.values()) if (e.publicScreen && now - e.lastActive <= withinMs) return true;
    return false;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The session for a call; a staff session idle too long comes back locked (lockedForIdle). */
  resolve(id: string): { session: Session; lockedForIdle: boolean } | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    const now = this.clock.now().getTime();
    if (entry.session.kind === 'staff' && now - entry.lastActive > this.idleMinutes() * 60_000) {
      entry.session = kioskSession;
      entry.lastActive = now;
      return { session: kioskSession, lockedForIdle: true };
    }
    return { session: entry.session, lockedForIdle: false };
  }

  touch(id: string): void {
    const entry = this.entries.get(id);
    if (entry) entry.lastActive = this.clock.now().getTime();
  }

  set(id: string, session: Session): void {
    const entry = this.entries.get(id);
    if (entry?.publicScreen) return; // the public screen is never unlocked, whatever asks
    if (entry) {
      entry.session = session;
      entry.lastActive = this.clock.now().getTime();
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
