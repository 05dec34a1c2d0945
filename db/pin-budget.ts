/**
 * The budget of wrong answers per screen (issue 13, "Guessing PINs"). Guesses are counted per
 * screen, never per account: spreading guesses over several names must not buy more of them, and
 * someone guessing at the kiosk must not lock the office out of their own accounts.
 *
 * For staff PINs: the first 10 wrong PINs in a row cost nothing (staff mistype); from the 10th,
 * each wrong PIN sets a wait that doubles, 30 s, 1 min, 2, 4, 8, then 15 minutes at most; and never
 * more than 20 wrong PINs in any hour. During a wait no answer is checked at all, so a right PIN
 * typed then is refused with the same words as any other (the answer tells a guesser nothing).
 * A right PIN ends the streak (not the hourly count). Five wrong PINs within ten minutes alert the
 * office, once a streak.
 *
 * The school's recovery code has its own, stricter budget on the same screen (3 free, then the
 * same doubling), so it stays usable while staff PINs must wait: it is how a screen locked by
 * someone guessing is opened again, besides an administrator or DSL clearing it from the console.
 *
 * Screens are named by the host: 'console' for the app's staff window, 'preview' for every tab of
 * the browser preview (tabs cost nothing to open, so they share one budget).
 */
import { openAlertIdsFor, raiseAlert, resolveAlert } from './alerts';
import type { Db } from './open';
import type { Tx } from './tx';

export type Secret = 'pin' | 'recovery-code';

export interface BudgetRule {
  /** Wrong answers in a row before any wait. */
  readonly freeMisses: number;
  /** The wait after the last free miss; it doubles with every further one. */
  readonly firstWaitSeconds: number;
  readonly maxWaitSeconds: number;
  /** Wrong answers in any hour, however the streak went. */
  readonly perHour: number;
}

export const RULES: Readonly<Record<Secret, BudgetRule>> = Object.freeze({
  pin: Object.freeze({ freeMisses: 10, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60, perHour: 20 }),
  'recovery-code': Object.freeze({ freeMisses: 3, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60, perHour: 20 }),
});

/** The office is alerted at this many wrong PINs within ALERT_WINDOW_MS on one screen (once a streak). */
export const ALERT_AFTER_MISSES = 5;
export const ALERT_WINDOW_MS = 10 * 60_000;
const HOUR_MS = 3_600_000;

/** The wait (seconds) after the `streak`-th wrong answer in a row. */
export function waitAfterMisses(streak: number, rule: BudgetRule): number {
  if (streak < rule.freeMisses) return 0;
  const doublings = Math.min(streak - rule.freeMisses, 30); // 2^30 s is far past any cap
  return Math.min(rule.firstWaitSeconds * 2 ** doublings, rule.maxWaitSeconds);
}

/** How a screen is named to the office. */
export function screenName(screen: string): string {
  if (screen === 'console') return 'the staff screen of this PC';
  if (screen === 'preview') return 'the browser preview';
  return `the screen “${screen}”`;
}

export interface BudgetState {
  /** Whole seconds before an answer is checked again; 0 when one may be tried now. */
  waitSeconds: number;
  /** Why it must wait: a run of wrong answers, or the hour's allowance used up. */
  reason: 'streak' | 'hourly' | null;
  streak: number;
  missesLastHour: number;
}

interface Row {
  streak: number;
  waitUntil: string | null;
  alerted: number;
}

function row(db: Db, screen: string, secret: Secret): Row | undefined {
  return db.prepare('SELECT streak, wait_until AS waitUntil, alerted FROM pin_budget WHERE screen = ? AND secret = ?').get(screen, secret) as Row | undefined;
}

/**
 * The wrong answers of the last hour, oldest first, as times. One "in the future" (the PC's clock
 * was put back) does not count: nobody at the screen can move the clock, and a clock corrected by
 * hours must not hold the office out for those hours (the streak's wait is capped the same way).
 */
function missesLastHour(db: Db, screen: string, secret: Secret, now: number): number[] {
  const since = new Date(now - HOUR_MS).toISOString();
  const until = new Date(now).toISOString();
  return (db.prepare('SELECT at FROM pin_budget_misses WHERE screen = ? AND secret = ? AND at > ? AND at <= ? ORDER BY at, id').pluck().all(screen, secret, since, until) as string[])
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t));
}

/** Where the screen stands now: how long to wait, and why. */
export function budgetState(db: Db, screen: string, secret: Secret, now: Date): BudgetState {
  const rule = RULES[secret];
  const t = now.getTime();
  const r = row(db, screen, secret);
  const misses = missesLastHour(db, screen, secret, t);
  // A wait ending further off than the longest wait was set before the clock was put back: it
  // cannot be aged, so it is void (the streak stays, and the next miss sets a wait again).
  const until = r?.waitUntil ? Date.parse(r.waitUntil) : NaN;
  const streakMs = Number.isNaN(until) || until - t > rule.maxWaitSeconds * 1000 ? 0 : Math.max(0, until - t);
  // With perHour misses in the last hour, the next answer waits until the oldest that counts ages out.
  const hourlyMs = misses.length >= rule.perHour ? Math.max(0, misses[misses.length - rule.perHour]! + HOUR_MS - t) : 0;
  const ms = Math.max(streakMs, hourlyMs);
  return {
    waitSeconds: Math.ceil(ms / 1000),
    reason: ms <= 0 ? null : hourlyMs > streakMs ? 'hourly' : 'streak',
    streak: r?.streak ?? 0,
    missesLastHour: misses.length,
  };
}

function ensureRow(tx: Tx, screen: string, secret: Secret): void {
  tx.db.prepare('INSERT INTO pin_budget (screen, secret, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(screen, secret, tx.now.toISOString());
}

export interface MissOutcome {
  streak: number;
  /** The wait this miss set (the streak's or the hour's), in whole seconds. */
  waitSeconds: number;
  alertRaised: boolean;
}

/**
 * One more wrong answer on a screen: counted in the streak and the hour, sets the next wait, and
 * for PINs raises the office's 'pin-failures' alert at the fifth within ten minutes (once a
 * streak, and not while one is open for the screen). `staffId` is the account that was tried.
 */
export function recordMiss(tx: Tx, screen: string, secret: Secret, staffId: number | null = null): MissOutcome {
  const rule = RULES[secret];
  const now = tx.now.toISOString();
  const t = tx.now.getTime();
  ensureRow(tx, screen, secret);
  // Keep the log to the hour it is read for (a time in the future, from a clock put back, goes too).
  tx.db.prepare('DELETE FROM pin_budget_misses WHERE screen = ? AND secret = ? AND (at <= ? OR at > ?)').run(screen, secret, new Date(t - HOUR_MS).toISOString(), now);
  tx.db.prepare('INSERT INTO pin_budget_misses (screen, secret, at) VALUES (?, ?, ?)').run(screen, secret, now);
  const current = row(tx.db, screen, secret)!;
  const streak = current.streak + 1;
  const wait = waitAfterMisses(streak, rule);
  const waitUntil = wait > 0 ? new Date(t + wait * 1000).toISOString() : null;
  let alerted = current.alerted === 1;
  let alertRaised = false;
  if (secret === 'pin' && !alerted) {
    const recent = missesLastHour(tx.db, screen, secret, t).filter((m) => m > t - ALERT_WINDOW_MS).length;
    if (recent >= ALERT_AFTER_MISSES) {
      alerted = true;
      const ref = { kind: 'pin-failures', entity: 'screen', entityId: screen } as const;
      if (openAlertIdsFor(tx.db, ref).length === 0) {
        raiseAlert(tx, ref);
        alertRaised = true;
      }
    }
  }
  tx.db
    .prepare('UPDATE pin_budget SET streak = ?, wait_until = ?, alerted = ?, updated_at = ? WHERE screen = ? AND secret = ?')
    .run(streak, waitUntil, alerted ? 1 : 0, now, screen, secret);
  tx.audit({ action: 'pin-budget.miss', entity: 'pin-budget', entityId: `${screen}:${secret}`, values: staffId === null ? { streak } : { streak, staffId } });
  return { streak, waitSeconds: budgetState(tx.db, screen, secret, tx.now).waitSeconds, alertRaised };
}

/**
 * A right answer: the streak, its wait and the alert flag end (the hour's count stays, so a guesser
 * gains nothing from staff unlocking in between), audited. Returns whether anything changed.
 */
export function recordRightAnswer(tx: Tx, screen: string, secret: Secret): boolean {
  const info = tx.db
    .prepare('UPDATE pin_budget SET streak = 0, wait_until = NULL, alerted = 0, updated_at = ? WHERE screen = ? AND secret = ? AND (streak <> 0 OR wait_until IS NOT NULL OR alerted <> 0)')
    .run(tx.now.toISOString(), screen, secret);
  if (info.changes > 0) tx.audit({ action: 'pin-budget.right-answer', entity: 'pin-budget', entityId: `${screen}:${secret}`, values: { streak: 0 } });
  return info.changes > 0;
}

/**
 * Clear a screen's budget (both secrets, the hour's count too), or every screen's with null:
 * by an administrator or DSL from the console ('staff': their open wrong-PIN alerts for those
 * screens are dealt with too), or with the recovery code at the screen itself ('recovery-code':
 * the alert stays for the office to see). Audited; nothing is written if there is nothing to clear.
 */
export function clearBudget(tx: Tx, screen: string | null, how: 'staff' | 'recovery-code'): { cleared: boolean } {
  const screens =
    screen !== null
      ? [screen]
      : (tx.db
          .prepare(
            `SELECT screen FROM pin_budget UNION SELECT entity_id FROM alerts
             WHERE kind = 'pin-failures' AND entity = 'screen' AND resolved_at IS NULL AND entity_id IS NOT NULL ORDER BY 1`,
          )
          .pluck()
          .all() as string[]);
  let cleared = false;
  for (const s of screens) {
    const had = tx.db.prepare('SELECT count(*) FROM pin_budget WHERE screen = ?').pluck().get(s) as number;
    if (had > 0) {
      tx.db.prepare('DELETE FROM pin_budget WHERE screen = ?').run(s); // the misses go with it (cascade)
      tx.audit({ action: 'pin-budget.clear', entity: 'pin-budget', entityId: s, values: { how } });
      cleared = true;
    }
    if (how === 'staff') {
      for (const alertId of openAlertIdsFor(tx.db, { kind: 'pin-failures', entity: 'screen', entityId: s })) resolveAlert(tx, alertId);
    }
  }
  if (screen === null && how === 'staff') {
    // Wrong-PIN alerts an older version raised per account (before migration 8): their wait is
    // gone with the per-account count, so "End the wait" on one of them deals with it too.
    const legacy = tx.db.prepare("SELECT id FROM alerts WHERE kind = 'pin-failures' AND entity = 'staff' AND resolved_at IS NULL ORDER BY id").pluck().all() as number[];
    for (const alertId of legacy) resolveAlert(tx, alertId);
  }
  return { cleared };
}
