/**
 * What every transport (Electron IPC, the preview's HTTP) does with one call from a page:
 * find the caller's session, lock it if idle, dispatch, and say whether the session changed
 * (then the host reloads the page, so no staff data outlives an unlock or a lock).
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
}

export async function handleCall(ctx: ApiContext, registry: SessionRegistry, sessionId: string, channel: unknown, input: unknown): Promise<CallOutcome> {
  const resolved = registry.resolve(sessionId);
  if (!resolved) {
    return { result: { ok: false, error: { code: 'LOCKED', message: 'This screen has been reset. Please start again.' } }, reload: true };
  }
  if (resolved.lockedForIdle) {
    ctx.log.info('session.idle-lock', {});
    return { result: { ok: false, error: { code: 'LOCKED', message: 'The staff console locked itself after being left idle.' } }, reload: true };
  }
  // The account behind a staff session is read on every call: deactivated means locked at once,
  // and a changed role or DSL flag applies at once (the page reloads to show it).
  let session = resolved.session;
  let changed = false;
  if (session.kind === 'staff') {
    const member = getStaff(ctx.db, session.staffId);
    if (!member || !member.active) {
      registry.set(sessionId, kioskSession);
      return { result: { ok: false, error: { code: 'LOCKED', message: 'This staff account has been switched off.' } }, reload: true };
    }
    if (member.role !== session.role || member.dsl !== session.dsl) {
      session = { kind: 'staff', staffId: member.id, role: member.role, dsl: member.dsl };
      registry.set(sessionId, session);
      changed = true;
    }
  }
  const result = await dispatch(ctx, session, channel, input, (next: Session) => {
    registry.set(sessionId, next);
    changed = true;
  });
  registry.touch(sessionId);
  return { result, reload: changed };
}
