/**
 * dispatch(ctx, session, channel, input): the one door from a page to the data.
 * Looks the channel up, checks the session's access, validates the input (treated as unknown),
 * runs the handler and returns { ok: true, value } or { ok: false, error }. It never throws:
 * an unexpected error is logged with its name and stack (no message, no input, no personal data)
 * and the page gets a plain, generic message. A change that met a full disk (db/errors.ts isDiskFull)
 * was rolled back: staff are told so and who to tell (staff at the unlock screen too); the public
 * screen only to see the office.
 */
import { DISK_FULL_MESSAGE, DomainError, isDiskFull } from '../../db/errors';
import { errorFields } from '../log';
import type { ApiContext } from './context';
import { contract, type ApiError, type ApiResult, type ChannelName } from './contract';
import { handlers } from './handlers';
import { allows, isPublicScreen, type Session } from './session';
import type { z } from './zod';

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

function fail(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}

function invalid(issues: readonly z.core.$ZodIssue[]): ApiResult<never> {
  const first = issues[0];
  const field = first && first.path.length > 0 ? first.path.map(String).join('.') : undefined;
  let message = first?.message ?? 'That input is not valid.';
  if (first?.code === 'unrecognized_keys') message = 'The request had fields this screen does not send.';
  else if (first?.code === 'invalid_type' && first.path.length === 0) message = 'The request was not in the expected form.';
  return fail(field ? { code: 'INVALID', message, field } : { code: 'INVALID', message });
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * What the public screen says when a change hits a full disk: never the reason (a visitor cannot
 * help, and the public should not learn the state of the school's computer), only where to go.
 */
export const PUBLIC_SIGN_IN_PROBLEM = 'Sorry, we could not sign you in. Please see the office.';
const PUBLIC_PROBLEM: Partial<Record<ChannelName, string>> = {
  kioskSignOut: 'Sorry, we could not sign you out. Please see the office.',
};

/**
 * Channels only staff use although the caller is not unlocked yet: the unlock screen, the recovery
 * code and first-run setup. They are refused on the visitor-facing screen before anything is
 * written, so a full disk met by one of them was met by a member of staff at the office screen,
 * who must hear why ("Please see the office" would send them to themselves). On a one-screen desk
 * that screen is also where visitors sign in, which is why the choice is by channel: the visitor
 * sign-in channels keep the public words there.
 */
const STAFF_AT_THE_SCREEN: ReadonlySet<ChannelName> = new Set<ChannelName>(['unlock', 'recoverAdminPin', 'clearPinBudgetWithRecoveryCode', 'setupSchool']);

function toldAsStaff(session: Session, channel: ChannelName): boolean {
  return session.kind === 'staff' || (!isPublicScreen(session) && STAFF_AT_THE_SCREEN.has(channel));
}

function diskFull(ctx: ApiContext, session: Session, channel: ChannelName, err: unknown): ApiResult<never> {
  const cause = err instanceof DomainError ? (err as { cause?: unknown }).cause : err;
  ctx.log.error('api.disk-full', { channel, session: session.kind === 'staff' ? `staff:${session.staffId}` : 'kiosk', ...errorFields(cause ?? err) });
  if (!toldAsStaff(session, channel)) return fail({ code: 'UNAVAILABLE', message: PUBLIC_PROBLEM[channel] ?? PUBLIC_SIGN_IN_PROBLEM });
  return fail({ code: 'DISK_FULL', message: DISK_FULL_MESSAGE });
}

/** Called by the unlock and lock handlers to change the caller's session (the host then reloads the page). */
export type SetSession = (next: Session) => void;

const ignoreSessionChange: SetSession = () => {
  throw new Error('this transport cannot change sessions');
};

export async function dispatch(
  ctx: ApiContext,
  session: Session,
  channel: unknown,
  input: unknown,
  setSession: SetSession = ignoreSessionChange,
): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) return fail({ code: 'UNKNOWN_CHANNEL', message: 'The app asked for something it does not have.' });
  const spec = contract[channel];
  if (!allows(session, spec.access)) {
    return fail({
      code: 'FORBIDDEN',
      message: session.kind === 'kiosk' ? 'Please unlock the staff console first.' : 'Your account cannot do that. Ask an administrator if you need it.',
    });
  }
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  try {
    const handler = handlers[channel] as (c: ApiContext, s: Session, i: unknown, call: { setSession: SetSession }) => unknown;
    const value = await handler(ctx, session, parsed.data, { setSession });
    return { ok: true, value };
  } catch (err) {
    // before DomainError: a full disk is said differently to staff and to the public screen
    if (isDiskFull(err)) return diskFull(ctx, session, channel, err);
    if (err instanceof DomainError) {
      return fail(err.field ? { code: err.code, message: err.message, field: err.field } : { code: err.code, message: err.message });
    }
    if (isBusy(err)) {
      ctx.log.warn('api.busy', { channel });
      return fail({ code: 'BUSY', message: 'The database is busy. Please try again in a moment; nothing was saved.' });
    }
    ctx.log.error('api.unexpected', { channel, session: session.kind === 'staff' ? `staff:${session.staffId}` : 'kiosk', ...errorFields(err) });
    return fail({ code: 'INTERNAL', message: 'Something went wrong and nothing was saved. Please try again; if it happens again, tell the person who looks after the school’s computers.' });
  }
}
