/**
 * Checking a PIN or the recovery code against the screen's budget of wrong answers
 * (db/pin-budget.ts), and the channels that show and clear it.
 *
 * The screen is named by the host (ApiContext.screenId): 'console' in the app, 'preview' for every
 * tab of the browser preview. Checks on one screen run one at a time, so two quick tries cannot
 * both pass the wait before either miss is counted. During a wait nothing is checked: the answer
 * is the same whether the PIN typed was right or wrong.
 *
 * A full disk: a wrong answer that cannot be counted must not be a free guess. The simple, safe
 * choice (issue 13) is to refuse: the miss is held in memory and, before anything else is checked
 * on that screen, written first; while it still cannot be, nothing is checked at all, so nobody
 * unlocks (even with the right PIN) until the budget can be kept again, and every answer meanwhile
 * is the same "the disk is full". Letting a right PIN in instead would need the whole budget kept
 * in memory, a second copy of the rules that could drift from db/pin-budget.ts. (A right PIN met
 * with no miss held may still unlock if its own writes fit: the budget is whole then.) The held
 * miss lives as long as the process: after a restart the next miss is counted or held again.
 */
import { DomainError, isDiskFull } from '../../../db/errors';
import { budgetState, clearBudget, recordMiss, recordRightAnswer, type Secret } from '../../../db/pin-budget';
import { verifyRecoveryCode, verifySecret } from '../../../db/pins';
import type { Db } from '../../../db/open';
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

/** Per database, the wrong answer a full disk kept from being counted, by screen and secret: the account tried. */
const heldMisses = new WeakMap<Db, Map<string, number | null>>();
function heldFor(db: Db): Map<string, number | null> {
  let held = heldMisses.get(db);
  if (!held) heldMisses.set(db, (held = new Map()));
  return held;
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
  const held = heldFor(ctx.db);
  const key = `${screen}\u0000${secret}`;
  return oneAtATime(screen, async () => {
    if (held.has(key)) {
      // a miss the full disk kept out: counted before anything is checked (on a full disk still, refused unchecked)
      const tried = held.get(key) ?? null;
      writeAs(ctx, session, (tx) => recordMiss(tx, screen, secret, tried));
      held.delete(key);
    }
    const wait = budgetState(ctx.db, screen, secret, ctx.clock.now()).waitSeconds;
    if (wait > 0) throw new DomainError('RULE', waitMessage(secret, wait), field);
    if (await isRight()) {
      writeAs(ctx, session, (tx) => recordRightAnswer(tx, screen, secret));
      return;
    }
    let miss: { waitSeconds: number };
    try {
      miss = writeAs(ctx, session, (tx) => recordMiss(tx, screen, secret, staffId));
    } catch (err) {
      if (isDiskFull(err)) held.set(key, staffId);
      throw err;
    }
    const { waitSeconds } = miss;
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
