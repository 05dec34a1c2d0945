/**
 * Checking a PIN or the recovery code against the screen's budget of wrong answers
 * (db/pin-budget.ts), and the channels that show and clear it.
 *
 * The screen is named by the host (ApiContext.screenId): 'console' in the app, 'preview' for every
 * tab of the browser preview. Checks on one screen run one at a time, so two quick tries cannot
 * both pass the wait before either miss is counted. During a wait nothing is checked: the answer
 * is the same whether the PIN typed was right or wrong.
 */
import { DomainError } from '../../../db/errors';
import { budgetState, clearBudget, recordMiss, recordRightAnswer, type Secret } from '../../../db/pin-budget';
import { verifyRecoveryCode, verifySecret } from '../../../db/pins';
import { getRecoveryHash } from '../../../db/setup';
import type { ApiContext } from '../context';
import { writeAs } from '../context';
import type { PinBudget } from '../contract';
import { isPublicScreen, type Session } from '../session';
import type { Handlers } from '.';

/** The screen this call comes from; a host that names none is the app's own staff screen. */
export function screenOf(ctx: ApiContext): string {
  return ctx.screenId ?? 'console';
}

export function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, attempt: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(attempt, attempt);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

const WHAT: Record<Secret, string> = { pin: 'PIN', 'recovery-code': 'recovery code' };

/** The words for a screen that must wait; the same whatever was typed. */
function waitMessage(secret: Secret, seconds: number): string {
  return secret === 'pin'
    ? `Too many wrong PINs have been typed on this screen. Please wait ${inWords(seconds)}, then try again, or use the recovery code.`
    : `Too many wrong recovery codes have been typed on this screen. Please wait ${inWords(seconds)}, then try again.`;
}

/**
 * Check a typed secret on this screen: refused unchecked while the screen must wait; a wrong
 * answer is counted (and may alert the office) and says how long to wait next; a right one ends
 * the streak. `staffId` is the account tried, for the audit.
 */
export function checkOnScreen(
  ctx: ApiContext,
  session: Session,
  secret: Secret,
  staffId: number | null,
  isRight: () => Promise<boolean>,
  field: string,
): Promise<void> {
  const screen = screenOf(ctx);
  return oneAtATime(screen, async () => {
    const wait = budgetState(ctx.db, screen, secret, ctx.clock.now()).waitSeconds;
    if (wait > 0) throw new DomainError('RULE', waitMessage(secret, wait), field);
    if (await isRight()) {
      writeAs(ctx, session, (tx) => recordRightAnswer(tx, screen, secret));
      return;
    }
    const { waitSeconds } = writeAs(ctx, session, (tx) => recordMiss(tx, screen, secret, staffId));
    const what = WHAT[secret];
    throw new DomainError(
      'RULE',
      waitSeconds > 0 ? `That ${what} is not right. Please wait ${inWords(waitSeconds)} before trying again.` : `That ${what} is not right. Try again.`,
      field,
    );
  });
}

/** A staff PIN against its stored hash (none stored: never right). */
export const pinIsRight = (pin: string, stored: string | null) => () => (stored ? verifySecret(pin, stored) : Promise.resolve(false));

/** The school's recovery code against the hash in the secrets table. */
export const recoveryCodeIsRight = (ctx: ApiContext, code: string) => () => {
  const stored = getRecoveryHash(ctx.db);
  return stored ? verifyRecoveryCode(code, stored) : Promise.resolve(false);
};

function budgetOf(ctx: ApiContext): PinBudget {
  const screen = screenOf(ctx);
  const now = ctx.clock.now();
  const pin = budgetState(ctx.db, screen, 'pin', now);
  return { waitSeconds: pin.waitSeconds, recoveryCodeWaitSeconds: budgetState(ctx.db, screen, 'recovery-code', now).waitSeconds };
}

export const pinBudgetHandlers: Handlers<'getPinBudget' | 'clearPinBudget' | 'clearPinBudgetWithRecoveryCode'> = {
  getPinBudget: (ctx) => budgetOf(ctx),

  clearPinBudget: (ctx, session) => writeAs(ctx, session, (tx) => clearBudget(tx, null, 'staff')),

  clearPinBudgetWithRecoveryCode: async (ctx, session, input) => {
    if (isPublicScreen(session)) throw new DomainError('RULE', 'Staff cannot unlock on the visitor screen. Please use the office screen.');
    await checkOnScreen(ctx, session, 'recovery-code', null, recoveryCodeIsRight(ctx, input.recoveryCode), 'recoveryCode');
    writeAs(ctx, session, (tx) => clearBudget(tx, screenOf(ctx), 'recovery-code'));
    ctx.log.info('pin-budget.cleared-with-recovery-code', { screen: screenOf(ctx) });
    return budgetOf(ctx);
  },
};
