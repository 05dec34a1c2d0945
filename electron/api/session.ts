/**
 * Who is calling. The session is held by whoever serves the page (the Electron main process, or
 * the preview server), never by the page: a page cannot claim to be staff.
 */
import type { Actor } from '../../db/audit';

export type Role = 'office' | 'leadership' | 'admin';
export const ROLES: readonly Role[] = ['office', 'leadership', 'admin'];

/**
 * publicScreen: the visitor-facing screen of a two-screen desk. It is the kiosk for good: it can
 * never be unlocked, shows no way in for staff, and takes the host's tasks for the public screen
 * (a badge scanned at the desk, a signature asked for by the office).
 */
export type Session = { kind: 'kiosk'; publicScreen?: true } | { kind: 'staff'; staffId: number; role: Role; dsl: boolean };

/** What a channel needs. `dsl` is a flag any staff account can carry, whatever its role. */
export type Access = 'kiosk' | 'staff' | 'dsl' | 'leadership' | 'admin';

export const kioskSession: Session = Object.freeze({ kind: 'kiosk' });
export const publicScreenSession: Session = Object.freeze({ kind: 'kiosk', publicScreen: true });

export function isPublicScreen(session: Session): boolean {
  return session.kind === 'kiosk' && session.publicScreen === true;
}

/** A channel lists the accesses that may call it; any one of them is enough. */
export function allows(session: Session, access: readonly Access[]): boolean {
  return access.some((a) => {
    switch (a) {
      case 'kiosk':
        return true;
      case 'staff':
        return session.kind === 'staff';
      case 'dsl':
        return session.kind === 'staff' && session.dsl;
      case 'leadership':
        return session.kind === 'staff' && session.role === 'leadership';
      case 'admin':
        return session.kind === 'staff' && session.role === 'admin';
    }
  });
}

export function actorOf(session: Session): Actor {
  return session.kind === 'staff' ? { kind: 'staff', staffId: session.staffId } : { kind: 'kiosk' };
}
