/**
 * What every transport (Electron IPC, the preview's HTTP) does with one call from a page:
 * find the caller's session, lock it if idle, dispatch, and say whether the session changed
 * (then the host reloads the page, so no staff data outlives an unlock or a lock). A session that
 * changed gets a new id (token): the host keeps the new one and the old one is dead.
 */
import type { ApiContext } from './context';
import type { ApiResult } from './contract';
import { dispatch } from './dispatch';
import { getStaff } from '../../db/staff';
import { kioskSession, type Session } from './session';
import type { SessionRegistry } from './sessions';

export interface CallOutcome {
  result: ApiResult<unknown>;
  /** The session changed (unlock, lock, idle lock): the host must reload the page. */
  reload: boolean;
  /** With reload: the session's new id; the one the call came with no longer works. */
  sessionId?: string;
}

/** The session changed: the page reloads, under a new id. */
function changed(registry: SessionRegistry, sessionId: string, result: ApiResult<unknown>): CallOutcome {
  const next = registry.rotate(sessionId);
  return next ? { result, reload: true, sessionId: next } : { result, reload: true };
}

export async function handleCall(ctx: ApiContext, registry: SessionRegistry, sessionId: string, channel: unknown, input: unknown): Promise<CallOutcome> {
  const resolved = registry.resolve(sessionId);
  if (!resolved) {
    return { result: { ok: false, error: { code: 'LOCKED', message: 'This screen has been reset. Please start again.' } }, reload: true };
  }
  if (resolved.lockedForIdle) {
    ctx.log.info('session.idle-lock', {});
    return changed(registry, sessionId, { ok: false, error: { code: 'LOCKED', message: 'The staff console locked itself after being left idle.' } });
  }
  // The account behind a staff session is read on every call: deactivated means locked at once,
  // and a changed role or DSL flag applies at once (the page reloads to show it).
  let session = resolved.session;
  let sessionChanged = false;
  if (session.kind === 'staff') {
    const member = getStaff(ctx.db, session.staffId);
    if (!member || !member.active) {
      registry.set(sessionId, kioskSession);
      return changed(registry, sessionId, { ok: false, error: { code: 'LOCKED', message: 'This staff account has been switched off.' } });
    }
    if (member.role !== session.role || member.dsl !== session.dsl) {
      session = { kind: 'staff', staffId: member.id, role: member.role, dsl: member.dsl };
      registry.set(sessionId, session);
      sessionChanged = true;
    }
  }
  const result = await dispatch(ctx, session, channel, input, (next: Session) => {
    registry.set(sessionId, next);
    sessionChanged = true;
  });
  if (sessionChanged) return changed(registry, sessionId, result);
  registry.touch(sessionId);
  return { result, reload: false };
}
