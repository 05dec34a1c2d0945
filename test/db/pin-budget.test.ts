/** The budget of wrong answers per screen (db/pin-budget.ts), against a real database and a clock. */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countOpenAlerts, listOpenAlerts, raiseAlert } from '../../db/alerts';
import type { Actor } from '../../db/audit';
import { ALERT_AFTER_MISSES, RULES, budgetState, clearBudget, recordMiss, recordRightAnswer, waitAfterMisses, type Secret } from '../../db/pin-budget';
import { openDatabase } from '../../db/open';
import { write } from '../../db/tx';
import { makeTestDb, snapshot, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb();
});
afterEach(() => t.dispose());
const w = () => ({ db: t.db, clock: t.clock, anchorFile: t.anchorFile });
const kiosk: Actor = { kind: 'kiosk' };
const system: Actor = { kind: 'system' };
const miss = (screen = 'console', secret: Secret = 'pin', staffId: number | null = 2) => write(w(), kiosk, (tx) => recordMiss(tx, screen, secret, staffId));
const state = (screen = 'console', secret: Secret = 'pin') => budgetState(t.db, screen, secret, t.clock.now());

/**
 * An attacker who tries once a second, every second for `hours`, whenever the screen will check:
 * the times (seconds from the start) of the checks made; the answers are all wrong.
 */
function attack(hours: number, opts: { officeUnlocksEveryMs?: number } = {}): number[] {
  const start = t.clock.now().getTime();
  const checks: number[] = [];
  let officeDue = false;
  for (let s = 0; s < hours * 3600; s += 1) {
    t.clock.set(new Date(start + s * 1000));
    if (opts.officeUnlocksEveryMs && s > 0 && (s * 1000) % opts.officeUnlocksEveryMs === 0) officeDue = true;
    if (officeDue && state().waitSeconds === 0) {
      // the office unlocks with the right PIN as soon as the screen will check one (first in that second)
      write(w(), kiosk, (tx) => recordRightAnswer(tx, 'console', 'pin'));
      officeDue = false;
    }
    if (state().waitSeconds === 0) {
      miss();
      checks.push(s);
    }
  }
  return checks;
}

/** The most checks in any window of an hour. */
function mostInAnHour(checks: number[]): number {
  let most = 0;
  let from = 0;
  for (let i = 0; i < checks.length; i += 1) {
    while (checks[i]! - checks[from]! >= 3600) from += 1;
    most = Math.max(most, i - from + 1);
  }
  return most;
}

describe('the schedule', () => {
  it('is free for 10 wrong PINs, then doubles from 30 seconds to 15 minutes at most; the recovery code after 3', () => {
    expect(RULES.pin).toEqual({ freeMisses: 10, firstWaitSeconds: 30, maxWaitSeconds: 900, perHour: 20 });
    const pin = Array.from({ length: 17 }, (_, i) => waitAfterMisses(i + 1, RULES.pin));
    expect(pin).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(waitAfterMisses(10_000, RULES.pin)).toBe(900);
    expect([1, 2, 3, 4, 5].map((n) => waitAfterMisses(n, RULES['recovery-code']))).toEqual([0, 0, 30, 60, 120]);
    expect(ALERT_AFTER_MISSES).toBe(5);
  });
});

describe('one budget per screen', () => {
  it('counts wrong PINs for any account together, and makes the screen wait after the tenth', () => {
    for (let i = 1; i <= 9; i += 1) expect(miss('console', 'pin', (i % 4) + 1)).toMatchObject({ streak: i, waitSeconds: 0 });
    expect(state()).toEqual({ waitSeconds: 0, reason: null, streak: 9, missesLastHour: 9 });
    expect(miss('console', 'pin', 3)).toMatchObject({ streak: 10, waitSeconds: 30 });
    expect(state()).toMatchObject({ waitSeconds: 30, reason: 'streak' });
    t.clock.advance(10_000);
    expect(state().waitSeconds).toBe(20);
    t.clock.advance(20_000);
    expect(state().waitSeconds).toBe(0);
    expect(miss().waitSeconds).toBe(60);
    // another screen, and the recovery code on this one, have budgets of their own
    expect(budgetState(t.db, 'preview', 'pin', t.clock.now())).toEqual({ waitSeconds: 0, reason: null, streak: 0, missesLastHour: 0 });
    expect(state('console', 'recovery-code').waitSeconds).toBe(0);
  });

  it('audits each wrong answer with the account tried and the streak, and nothing of the PIN', () => {
    miss('console', 'pin', 4);
    const row = t.db.prepare("SELECT action, entity, entity_id AS entityId, fields, actor FROM audit WHERE action = 'pin-budget.miss'").get();
    expect(row).toEqual({ action: 'pin-budget.miss', entity: 'pin-budget', entityId: 'console:pin', fields: '["staffId","streak"]', actor: 'kiosk' });
  });

  it('is kept in the database, so a restart does not reset it', async () => {
    for (let i = 0; i < 12; i += 1) miss();
    const wait = state().waitSeconds;
    expect(wait).toBe(120);
    const { file, dir, clock } = t;
    t.close();
    const again = await openDatabase({ file, clock });
    expect(budgetState(again.db, 'console', 'pin', clock.now())).toMatchObject({ waitSeconds: 120, streak: 12 });
    again.close();
    fs.rmSync(dir, { recursive: true, force: true });
    t = await makeTestDb(); // for afterEach to dispose
  });

  it('never holds a screen by a wait or misses "in the future" when the clock is put back; the streak goes on', () => {
    for (let i = 0; i < 20; i += 1) miss();
    expect(state()).toMatchObject({ waitSeconds: 3600, reason: 'hourly' });
    t.clock.advance(-3 * 3_600_000);
    expect(state()).toEqual({ waitSeconds: 0, reason: null, streak: 20, missesLastHour: 0 });
    expect(miss().waitSeconds).toBe(900); // the misses from "the future" are dropped
    expect(t.db.prepare('SELECT count(*) FROM pin_budget_misses').pluck().get()).toBe(1);
  });

  it('a right PIN ends the streak and its wait, but not the hour’s count', () => {
    for (let i = 0; i < 11; i += 1) miss();
    expect(state().waitSeconds).toBe(60);
    write(w(), system, (tx) => recordRightAnswer(tx, 'console', 'pin'));
    expect(state()).toEqual({ waitSeconds: 0, reason: null, streak: 0, missesLastHour: 11 });
    // 9 more wrong PINs are free by the streak, but the hour allows 20 in all
    for (let i = 0; i < 8; i += 1) expect(miss().waitSeconds).toBe(0);
    expect(miss().waitSeconds).toBeGreaterThan(0); // the 20th in the hour
    expect(state().reason).toBe('hourly');
    expect(state().waitSeconds).toBe(3600); // all 20 at one instant: the first ages out in an hour
    const before = snapshot(t.db);
    write(w(), system, (tx) => expect(recordRightAnswer(tx, 'preview', 'pin')).toBe(false));
    expect(snapshot(t.db)).toEqual(before);
  });
});

describe('what an attacker at the kiosk gets', () => {
  it('alone, over 24 hours: 17 checks in the first hour, then 4 an hour, 109 in the day, never more than 20 in any hour', () => {
    const checks = attack(24);
    const perHour = Array.from({ length: 24 }, (_, h) => checks.filter((s) => s >= h * 3600 && s < (h + 1) * 3600).length);
    expect(perHour[0]).toBe(17);
    expect(perHour.slice(2)).toEqual(Array(22).fill(4));
    expect(checks).toHaveLength(109);
    expect(mostInAnHour(checks)).toBeLessThanOrEqual(20);
  }, 60_000);

  it('even with the office unlocking every quarter of an hour (each ends the streak): 20 in any hour at most', () => {
    const checks = attack(24, { officeUnlocksEveryMs: 15 * 60_000 });
    expect(mostInAnHour(checks)).toBe(20);
    expect(checks.length).toBeLessThanOrEqual(24 * 20);
    expect(checks.length).toBeGreaterThan(109); // the unlocks do help the guesser, but only up to the cap
  }, 60_000);
});

describe('the office is alerted', () => {
  it('at the fifth wrong PIN within ten minutes on a screen, once a streak', () => {
    const raised: boolean[] = [];
    for (let i = 0; i < 4; i += 1) {
      raised.push(miss().alertRaised);
      t.clock.advance(4 * 60_000); // 4 minutes apart: never 5 within 10 minutes
    }
    expect(raised).toEqual([false, false, false, false]);
    t.clock.advance(20 * 60_000);
    for (let i = 0; i < 8; i += 1) raised.push(miss().alertRaised);
    expect(raised.slice(4)).toEqual([false, false, false, false, true, false, false, false]);
    expect(listOpenAlerts(t.db)).toEqual([expect.objectContaining({ kind: 'pin-failures', entity: 'screen', entityId: 'console' })]);
    // a right PIN ends the streak; a new streak may alert again, but not while the alert is open
    write(w(), system, (tx) => recordRightAnswer(tx, 'console', 'pin'));
    t.clock.advance(3_600_000);
    for (let i = 0; i < 5; i += 1) miss();
    expect(countOpenAlerts(t.db)).toBe(1);
    // wrong recovery codes never alert by themselves
    for (let i = 0; i < 5; i += 1) expect(miss('preview', 'recovery-code', null).alertRaised).toBe(false);
  });
});

describe('clearing a screen', () => {
  it('by an administrator or DSL: every screen’s budget, and the open wrong-PIN alerts, audited; nothing written when there is nothing', () => {
    for (let i = 0; i < 12; i += 1) miss();
    for (let i = 0; i < 4; i += 1) miss('preview', 'recovery-code', null);
    expect(countOpenAlerts(t.db)).toBe(1);
    expect(write(w(), system, (tx) => clearBudget(tx, null, 'staff'))).toEqual({ cleared: true });
    expect(state()).toEqual({ waitSeconds: 0, reason: null, streak: 0, missesLastHour: 0 });
    expect(state('preview', 'recovery-code').streak).toBe(0);
    expect(countOpenAlerts(t.db)).toBe(0);
    const audit = t.db.prepare("SELECT entity_id AS screen FROM audit WHERE action = 'pin-budget.clear' ORDER BY seq").pluck().all();
    expect(audit).toEqual(['console', 'preview']);
    const before = snapshot(t.db);
    expect(write(w(), system, (tx) => clearBudget(tx, null, 'staff'))).toEqual({ cleared: false });
    expect(snapshot(t.db)).toEqual(before);
  });

  it('by an administrator or DSL: an older version’s per-account wrong-PIN alerts are dealt with too (their wait is gone)', () => {
    for (const staffId of [2, 3]) write(w(), system, (tx) => raiseAlert(tx, { kind: 'pin-failures', entity: 'staff', entityId: staffId }));
    write(w(), system, (tx) => raiseAlert(tx, { kind: 'visitor-see-office', entity: null, entityId: null }));
    expect(write(w(), system, (tx) => clearBudget(tx, 'console', 'staff'))).toEqual({ cleared: false });
    expect(countOpenAlerts(t.db)).toBe(3); // one screen's clearing leaves them
    expect(write(w(), system, (tx) => clearBudget(tx, null, 'staff'))).toEqual({ cleared: false });
    expect(listOpenAlerts(t.db)).toEqual([expect.objectContaining({ kind: 'visitor-see-office' })]);
  });

  it('with the recovery code: this screen only, and the alert stays for the office', () => {
    for (let i = 0; i < 12; i += 1) miss();
    for (let i = 0; i < 12; i += 1) miss('preview');
    expect(write(w(), kiosk, (tx) => clearBudget(tx, 'console', 'recovery-code'))).toEqual({ cleared: true });
    expect(state().waitSeconds).toBe(0);
    expect(state('preview').waitSeconds).toBeGreaterThan(0);
    expect(countOpenAlerts(t.db)).toBe(2);
  });
});
