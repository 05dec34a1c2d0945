/**
 * The phones figures (issue 6). First, untimed: 60 Year 5 and 6 pupils of the roll get a parent,
 * permission and a card, and ten school years of phone history go in (each of those pupils'
 * phones checked in and handed back every school day, plus items taken in without permission),
 * every movement with its audit row, as the app writes them. Then:
 * - the check-in write: a scanned card through dispatch (phoneCheckIn with a token), fsync included;
 * - a scan at the desk in Chromium: the time from the scanner's Enter to the confirmation being
 *   painted on the check-in screen (through the preview server's HTTP API, as the browser preview
 *   runs it), without and with the CPU slowed four times (a slow office PC).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actorString } from '../../db/audit';
import { loadCalendar } from '../../db/closures';
import { checkOutPupil } from '../../db/phones';
import { hashSecret, TEST_SCRYPT } from '../../db/pins';
import { setPin } from '../../db/staff';
import { write } from '../../db/tx';
import type { CardForPrint, PupilSummary } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { chromiumPath, launch } from '../e2e/browser';
import { startPreview } from '../preview/server';
import { expectOk, type BenchEnv, type Figure } from './env';
import { ensureRoll } from './pupils';
import { seededRng } from './random';
import { measure, summarise } from './stats';

export const PERMITTED = 60;
const BENCH_PIN = '583920';

interface PhoneState {
  tokens: string[];
  pupilIds: number[];
  historyItems: number;
}
let prepared: PhoneState | null = null;

/** Permission, contacts and cards for 60 pupils, then ten years of history. Untimed; once per run. */
async function prepare(env: BenchEnv): Promise<PhoneState> {
  if (prepared) return prepared;
  await ensureRoll(env);
  const { ctx } = await env.api();
  const office = env.sessions.office;
  const y56 = (expectOk('searchPupils', await dispatch(ctx, office, 'searchPupils', { yearGroup: 5, limit: 5000 })) as PupilSummary[])
    .concat(expectOk('searchPupils', await dispatch(ctx, office, 'searchPupils', { yearGroup: 6, limit: 5000 })) as PupilSummary[])
    .slice(0, PERMITTED);
  if (y56.length < PERMITTED) throw new Error(`only ${y56.length} Year 5 and 6 pupils on roll`);
  for (const p of y56) {
    env.clock.advance(1000);
    const c = expectOk('addContact', await dispatch(ctx, office, 'addContact', { pupilId: p.id, name: `Parent of ${p.forename}`, relationship: 'Parent', phone: '07700 900000', mayCollect: true })) as { id: number };
    expectOk('grantPhonePermission', await dispatch(ctx, office, 'grantPhonePermission', { pupilId: p.id, contactId: c.id, reason: 'Walks home alone' }));
  }
  const cards = expectOk('cardsForPrint', await dispatch(ctx, office, 'cardsForPrint', { phones: true })) as CardForPrint[];
  const historyItems = fillHistory(env, ctx.db, y56.map((p) => p.id));
  prepared = { tokens: cards.map((c) => c.token), pupilIds: cards.map((c) => c.pupilId), historyItems };
  return prepared;
}

/**
 * Ten years of movements, written as the app writes them (one audit row per movement), a school
 * month per transaction. Pupils of the whole roll's history stand in for each year's Year 5 and 6.
 */
function fillHistory(env: BenchEnv, db: Parameters<typeof loadCalendar>[0], currentIds: number[]): number {
  const cal = loadCalendar(db);
  const rng = seededRng(606);
  const allIds = db.prepare('SELECT id FROM pupils').pluck().all() as number[];
  const actor = { kind: 'staff' as const, staffId: (env.sessions.office as { staffId: number }).staffId };
  const by = actorString(actor);
  const insert = db.prepare(
    `INSERT INTO phone_items (pupil_id, day, slot, kind, description, permitted, parent_only, checked_in_at, checked_in_by, checked_out_at, checked_out_by, collected_by_pupil)
     VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, 1)`,
  );
  const end = cal.localDate(env.clock.now());
  // the latest school year's Year 5 and 6 are today's pupils with permission
  const lastYear = `${Number(end.slice(0, 4)) - (end.slice(5) < '09-01' ? 1 : 0)}-09-01`;
  let day = `${env.school.firstYear}-09-01`;
  let items = 0;
  while (day < end) {
    const monthEnd = day.slice(0, 7);
    write({ db, clock: env.clock, anchorFile: env.anchorFile }, actor, (tx) => {
      for (; day < end && day.slice(0, 7) === monthEnd; day = cal.addDays(day, 1)) {
        if (!cal.isSchoolDay(day)) continue;
        const yearIds = day >= lastYear ? currentIds : Array.from({ length: PERMITTED }, () => rng.pick(allIds));
        const inAt = cal.at(day, '08:35');
        const outAt = cal.at(day, '15:20');
        yearIds.forEach((pupilId, i) => {
          const id = Number(insert.run(pupilId, day, i + 1, 'phone', 1, 0, inAt.toISOString(), by, outAt.toISOString(), by).lastInsertRowid);
          tx.audit({ action: 'phone.checkIn', entity: 'phoneItem', entityId: id, values: { pupilId, slot: i + 1, kind: 'phone' } });
          tx.audit({ action: 'phone.checkOut', entity: 'phoneItem', entityId: id, values: { pupilId, collectedBy: 'pupil', contactId: null } });
          items += 1;
        });
        for (let k = rng.int(0, 3); k > 0; k--) {
          const pupilId = rng.pick(allIds);
          const id = Number(insert.run(pupilId, day, null, rng.pick(['phone', 'smartwatch']), 0, 0, inAt.toISOString(), by, outAt.toISOString(), by).lastInsertRowid);
          tx.audit({ action: 'phone.takeIn', entity: 'phoneItem', entityId: id, values: { pupilId } });
          tx.audit({ action: 'phone.checkOut', entity: 'phoneItem', entityId: id, values: { pupilId, collectedBy: 'pupil', contactId: null } });
          items += 1;
        }
      }
    });
  }
  return items;
}

/** Move the clock to 08:30 on the next school day, handing back (untimed) anything still held. */
function nextMorning(env: BenchEnv, db: Parameters<typeof loadCalendar>[0], pupilIds: readonly number[]): void {
  const cal = loadCalendar(db);
  const held = db.prepare('SELECT DISTINCT pupil_id FROM phone_items WHERE checked_out_at IS NULL').pluck().all() as number[];
  const actor = { kind: 'staff' as const, staffId: (env.sessions.office as { staffId: number }).staffId };
  if (held.length) {
    write({ db, clock: env.clock, anchorFile: env.anchorFile }, actor, (tx) => {
      for (const id of held) if (pupilIds.includes(id)) checkOutPupil(tx, id, { collectedBy: 'pupil' });
    });
  }
  const day = cal.nextSchoolDay(cal.localDate(env.clock.now()));
  env.clock.set(cal.at(day, '08:30'));
}

async function scanInChromium(env: BenchEnv, cpuSlowdown: number) {
  const state = await prepare(env);
  const distDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new Error('the renderer is not built: run `npm run build:renderer` (npm run bench does)');
  if (!chromiumPath()) throw new Error('no Chromium (install the chromium package or set CHROMIUM_PATH)');
  const { ctx } = await env.api();
  const officeId = (env.sessions.office as { staffId: number }).staffId;
  const pinHash = await hashSecret(BENCH_PIN, TEST_SCRYPT);
  write({ db: ctx.db, clock: env.clock, anchorFile: env.anchorFile }, { kind: 'system' }, (tx) => setPin(tx, officeId, pinHash));
  nextMorning(env, ctx.db, state.pupilIds);
  env.release();
  const preview = await startPreview({ dbFile: env.file, port: 0, scrypt: TEST_SCRYPT, clock: env.clock });
  const browser = await launch();
  try {
    const { page } = await browser.newPage();
    await page.goto(preview.url);
    await Promise.all([
      page.waitForEvent('load'),
      page.evaluate(([id, pin]) => window.kiosk.unlock({ staffId: id as number, pin: pin as string }), [officeId, BENCH_PIN] as const).catch(() => undefined),
    ]);
    await page.goto(new URL('/#/staff/phones', preview.url).href);
    await page.locator('#scan').waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    // In the page: the Enter's time, and the first painted frame showing a new confirmation.
    await page.evaluate(() => {
      const w = window as unknown as { __scan: { t0: number; samples: number[]; last: string | null } };
      w.__scan = { t0: 0, samples: [], last: null };
      document.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') w.__scan.t0 = performance.now();
      }, true);
      new MutationObserver(() => {
        const id = document.querySelector('[data-testid="checkin-confirmation"]')?.getAttribute('data-item-id') ?? null;
        if (id && id !== w.__scan.last) {
          w.__scan.last = id;
          const t0 = w.__scan.t0;
          requestAnimationFrame(() => w.__scan.samples.push(performance.now() - t0));
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const count = () => page.evaluate(() => (window as unknown as { __scan: { samples: number[] } }).__scan.samples.length);
    const warmup = 5;
    const scans = Math.min(state.tokens.length, PERMITTED);
    for (let i = 0; i < scans; i++) {
      env.clock.advance(2000);
      const before = await count();
      await page.locator('#scan').pressSequentially(state.tokens[i]!, { delay: 0 });
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => (window as unknown as { __scan: { samples: number[] } }).__scan.samples.length > n, before, { timeout: 10_000 });
    }
    const problem = await page.locator('[data-testid="checkin-problem"]').count();
    const samples = await page.evaluate(() => (window as unknown as { __scan: { samples: number[] } }).__scan.samples);
    if (samples.length !== scans) throw new Error(`saw ${samples.length} confirmations for ${scans} scans (problems shown: ${problem})`);
    return summarise(samples.slice(warmup));
  } finally {
    await browser.close();
    await preview.close();
    // the next figure starts on a fresh morning with everything handed back
    const { ctx: again } = await env.api();
    nextMorning(env, again.db, state.pupilIds);
  }
}

export const phoneFigures: Figure[] = [
  {
    name: 'phone check-in write, card scan with fsync (phoneCheckIn)',
    target: 5,
    async run(env) {
      const state = await prepare(env);
      const { ctx } = await env.api();
      const n = state.tokens.length;
      nextMorning(env, ctx.db, state.pupilIds);
      return measure((i) => dispatch(ctx, env.sessions.office, 'phoneCheckIn', { token: state.tokens[i % n] }), {
        warmup: 20,
        iterations: 280,
        before: (i) => {
          if (i > 0 && i % n === 0) nextMorning(env, ctx.db, state.pupilIds);
          env.clock.advance(2000);
        },
        after: (result) => void expectOk('phoneCheckIn', result),
      });
    },
  },
  {
    name: 'scan Enter to confirmation painted, check-in screen in Chromium',
    target: 50,
    run: (env) => scanInChromium(env, 1),
  },
  {
    name: 'scan Enter to confirmation painted, Chromium with CPU slowed 4x',
    target: 50,
    run: (env) => scanInChromium(env, 4),
  },
];

/** For the run's description: how much phone history the figures ran over. */
export function phoneHistoryItems(): number {
  return prepared?.historyItems ?? 0;
}
