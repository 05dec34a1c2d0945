/**
 * The sessions of the windows (Electron) or tabs (preview) that talk to the API, held by whoever
 * serves the page, never by the page. A staff session that has been idle longer than the school's
 * idle-lock time is locked back to the kiosk on its next call.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../db/clock';
import { kioskSession, type Session } from './session';

interface Entry {
  session: Session;
  lastActive: number;
}

export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    /** Minutes of inactivity before a staff session locks; read on every call so Settings apply at once. */
    private readonly idleMinutes: () => number,
  ) {}

  /** A new kiosk session; returns its id (an unguessable token). */
  open(id: string = randomBytes(18).toString('base64url')): string {
    this.entries.set(id, { session: kioskSession, lastActive: this.clock.now().getTime() });
    return id;
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
    for (const entry of this.entries.values()) entry.session = kioskSession;
  }
}
