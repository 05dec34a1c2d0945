/**
 * Who is calling. The session is held by whoever serves the page (the Electron main process, or
 * the preview server), never by the page: a page cannot claim to be staff.
 */
import type { Actor } from '../../db/audit';

export type Role = 'office' | 'leadership' | 'admin';
export const ROLES: readonly Role[] = ['office', 'leadership', 'admin'];

export type Session = { kind: 'kiosk' } | { kind: 'staff'; staffId: number; role: Role; dsl: boolean };

/** What a channel needs. `dsl` is a flag any staff account can carry, whatever its role. */
export type Access = 'kiosk' | 'staff' | 'dsl' | 'leadership' | 'admin';

export const kioskSession: Session = Object.freeze({ kind: 'kiosk' });

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
