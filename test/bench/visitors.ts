/**
 * The visitors figures (issue 8). First, untimed: ten school years of visits (about 25 a school
 * day: parents, visitors, contractors, volunteers, supply staff; each with its badge, signed out
 * the same day, an audit row per sign-in and sign-out as the app writes them). Then:
 * - "I agree" to the badge on screen, the kiosk in Chromium (through the preview server);
 * - sign-out by scan: the API write, and Enter to the goodbye painted in Chromium;
 * - the fire roll call with 200 people on site (start it, and read it back).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actorString } from '../../db/audit';
import { loadCalendar } from '../../db/closures';
import type { Db } from '../../db/open';
import { newToken } from '../../db/tokens';
import { write } from '../../db/tx';
import { dispatch } from '../../electron/api/dispatch';
import type { KioskSignInResult } from '../../electron/api/contract';
import { chromiumPath, launch } from '../e2e/browser';
import { startPreview } from '../preview/server';
import { TEST_SCRYPT } from '../../db/pins';
import { expectOk, type BenchEnv, type Figure } from './env';
import { seededRng } from './random';
import { measure, summarise } from './stats';

const state = { visits: 0 };
const TYPES = ['parent', 'parent', 'parent', 'visitor', 'contractor', 'volunteer', 'supply'];
const kiosk = { kind: 'kiosk' } as const;

function fill(env: BenchEnv, db: Db): void {
  if (state.visits) return;
  const cal = loadCalendar(db);
  const rng = seededRng(808);
  const by = actorString({ kind: 'kiosk' });
  const insert = db.prepare(
    `INSERT INTO visits (type_key, name, name_key, organisation, visiting, car_reg, work, supervisor, escort, texts_version, status, signed_in_at, signed_in_via,
       signed_out_at, signed_out_via, signed_out_by) VALUES (?, ?, ?, ?, 'Office', '', ?, ?, 'escorted', 1, 'signed-out', ?, 'kiosk', ?, 'kiosk', ?)`,
  );
  const badge = db.prepare('INSERT INTO visit_badges (token, visit_id, issued_at, cancelled_at) VALUES (?, ?, ?, ?)');
  const end = cal.localDate(env.clock.now());
  let day = `${env.school.firstYear}-09-01`;
  while (day < end) {
    const month = day.slice(0, 7);
    write({ db, clock: env.clock, anchorFile: env.anchorFile }, kiosk, (tx) => {
      for (; day < end && day.slice(0, 7) === month; day = cal.addDays(day, 1)) {
        if (!cal.isSchoolDay(day)) continue;
        const n = 15 + rng.int(0, 19);
        for (let i = 0; i < n; i++) {
          const type = rng.pick(TYPES);
          const name = `Visitor ${rng.int(0, 4999)} ${rng.pick(['Smith', 'Jones', 'Patel', 'Nowak', 'Okafor', 'Brown'])}`;
          const inAt = cal.at(day, `${String(8 + rng.int(0, 7)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`);
          const outAt = new Date(inAt.getTime() + (10 + rng.int(0, 119)) * 60_000).toISOString();
          const id = Number(
            insert.run(type, name, name.toLowerCase(), type === 'contractor' ? 'Sparks Ltd' : '', type === 'contractor' ? 'Repairs' : '', type === 'contractor' ? 'Site team' : '', inAt.toISOString(), outAt, by).lastInsertRowid,
          );
          badge.run(newToken('visitorBadge'), id, inAt.toISOString(), outAt);
          tx.audit({ action: 'visit.signIn', entity: 'visit', entityId: id, values: { typeKey: type, via: 'kiosk' } });
          tx.audit({ action: 'visit.signOut', entity: 'visit', entityId: id, values: { via: 'kiosk' } });
          state.visits += 1;
        }
      }
    });
  }
  // The figures run in the morning of the next school day.
  env.clock.set(cal.at(cal.nextSchoolDay(end), '09:00'));
}

async function prepare(env: BenchEnv) {
  const api = await env.api();
  fill(env, api.kdb.db);
  return api;
}

const signIn = (i: number) => ({ typeKey: 'visitor', name: `Bench Visitor ${i}`, organisation: 'County Council', visiting: 'Mrs Head', textsVersion: 1, agreed: true });

/** Everyone on site signed out (by the office), so each figure starts from the same place. */
async function clearSite(env: BenchEnv): Promise<void> {
  const { ctx } = await env.api();
  const open = ctx.db.prepare("SELECT id FROM visits WHERE status IN ('waiting', 'on-site')").pluck().all() as number[];
  for (const id of open) expectOk('staffSignOut', await dispatch(ctx, env.sessions.office, 'staffSignOut', { id }));
  const rc = ctx.db.prepare('SELECT id FROM roll_calls WHERE ended_at IS NULL').pluck().all() as number[];
  for (const id of rc) expectOk('endRollCall', await dispatch(ctx, env.sessions.office, 'endRollCall', { id }));
}

async function fillSite(env: BenchEnv, n: number): Promise<string[]> {
  const { ctx } = await prepare(env);
  await clearSite(env);
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    env.clock.advance(1000);
    const r = expectOk('kioskSignIn', await dispatch(ctx, kiosk, 'kioskSignIn', signIn(i))) as KioskSignInResult;
    if (r.kind === 'badge') tokens.push(r.badge.token);
  }
  return tokens;
}

/** The built renderer and the preview server on the bench's database, and a kiosk page in Chromium. */
async function kioskPage(env: BenchEnv) {
  const distDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new Error('the renderer is not built: run `npm run build:renderer` (npm run bench does)');
  if (!chromiumPath()) throw new Error('no Chromium (install the chromium package or set CHROMIUM_PATH)');
  env.release();
  const preview = await startPreview({ dbFile: env.file, port: 0, scrypt: TEST_SCRYPT, clock: env.clock });
  const browser = await launch();
  const { page } = await browser.newPage();
  // the browser preview prints with window.print(): counted, not shown
  await page.addInitScript(() => {
    window.print = () => undefined;
  });
  return {
    page,
    preview,
    async close() {
      await browser.close();
      await preview.close();
    },
  };
}

/** In the page: the time of the last trusted event of a kind, and of the first frame painted after a selector appears. */
async function watch(page: Awaited<ReturnType<typeof kioskPage>>['page'], event: 'click' | 'keydown', selector: string): Promise<void> {
  await page.evaluate(
    ([ev, sel]) => {
      const w = window as unknown as { __t?: { t0: number; samples: number[]; seen: boolean } };
      if (w.__t) return; // installed already (the hash router keeps the page)
      const t = { t0: 0, samples: [] as number[], seen: false };
      w.__t = t;
      document.addEventListener(
        ev!,
        (e) => {
          if (ev === 'click' || (e as KeyboardEvent).key === 'Enter') {
            t.t0 = performance.now();
            t.seen = false;
          }
        },
        true,
      );
      new MutationObserver(() => {
        if (!t.seen && t.t0 > 0 && document.querySelector(sel!)) {
          t.seen = true;
          const t0 = t.t0;
          requestAnimationFrame(() => t.samples.push(performance.now() - t0));
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    [event, selector] as const,
  );
}

type Page = Awaited<ReturnType<typeof kioskPage>>['page'];
/** Back to Welcome (the flow's last screen shares its route with the first). */
const home = async (page: Page) => {
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await page.getByRole('link', { name: /^Sign in/ }).waitFor();
};
const samplesIn = (page: Page) => page.evaluate(() => (window as unknown as { __t: { samples: number[] } }).__t.samples.length);
const allSamples = (page: Page) => page.evaluate(() => (window as unknown as { __t: { samples: number[] } }).__t.samples);
const waitForSample = (page: Page, before: number) =>
  page.waitForFunction((n) => (window as unknown as { __t: { samples: number[] } }).__t.samples.length > n, before, { timeout: 10_000 });

export const visitorFigures: Figure[] = [
  {
    name: 'fire roll call, 200 on site (startRollCall)',
    target: 50,
    async run(env) {
      const { ctx } = await prepare(env);
      await fillSite(env, 200);
      let people = 0;
      const stats = await measure(() => dispatch(ctx, env.sessions.office, 'startRollCall', {}), {
        warmup: 5,
        iterations: 60,
        after: async (r) => {
          const rc = expectOk('startRollCall', r) as { id: number; people: unknown[] };
          people = rc.people.length;
          expectOk('endRollCall', await dispatch(ctx, env.sessions.office, 'endRollCall', { id: rc.id }));
        },
      });
      if (people !== 200) throw new Error(`the roll call listed ${people} of 200`);
      return stats;
    },
  },
  {
    name: 'fire roll call, 200 on site, read back (getRollCall)',
    target: 50,
    async run(env) {
      const { ctx } = await prepare(env);
      await fillSite(env, 200);
      const rc = expectOk('startRollCall', await dispatch(ctx, env.sessions.office, 'startRollCall', {})) as { id: number };
      return measure(() => dispatch(ctx, env.sessions.office, 'getRollCall', { id: rc.id }), { warmup: 10, iterations: 200, after: (r) => void expectOk('getRollCall', r) });
    },
  },
  {
    name: 'visitor sign-out by badge, the write with fsync (kioskSignOut)',
    target: 50,
    async run(env) {
      const { ctx } = await prepare(env);
      const tokens = await fillSite(env, 220);
      return measure((i) => dispatch(ctx, kiosk, 'kioskSignOut', { token: tokens[i]! }), {
        warmup: 20,
        iterations: 200,
        before: () => env.clock.advance(1000),
        after: (r) => void expectOk('kioskSignOut', r),
      });
    },
  },
  {
    name: 'visitor sign-in, "I agree" to the badge printed and on screen, kiosk in Chromium',
    target: 100,
    async run(env) {
      await fillSite(env, 0);
      const k = await kioskPage(env);
      const n = 45;
      try {
        for (let i = 0; i < n; i++) {
          env.clock.advance(1000);
          const p = k.page;
          if (i > 0) await home(p);
          await p.goto(new URL('/#/visitors/sign-in', k.preview.url).href);
          await p.getByRole('button', { name: 'Visitor', exact: true }).click();
          await p.getByLabel('What is your name?').fill(`Bench Visitor ${i}`);
          await p.getByRole('button', { name: 'Next' }).click();
          await p.getByLabel('Which organisation or company are you from?').fill('County Council');
          await p.getByRole('button', { name: 'Next' }).click();
          await p.getByLabel('Who are you visiting, or why are you here?').fill('Mrs Head');
          await p.getByRole('button', { name: 'Next' }).click();
          await p.getByRole('button', { name: 'No car' }).click();
          await p.getByLabel('I have read these rules and agree to follow them').check();
          await watch(p, 'click', 'main.vmsg-ok');
          const before = await samplesIn(p);
          await p.getByRole('button', { name: 'I agree' }).click();
          await waitForSample(p, before);
        }
        const samples = await allSamples(k.page);
        if (samples.length !== n) throw new Error(`saw ${samples.length} badges for ${n} sign-ins`);
        return summarise(samples.slice(5));
      } finally {
        await k.close();
      }
    },
  },
  {
    name: 'visitor sign-out, scan Enter to goodbye painted, kiosk in Chromium',
    target: 50,
    async run(env) {
      const tokens = await fillSite(env, 60);
      const k = await kioskPage(env);
      try {
        await k.page.goto(new URL('/#/visitors/sign-out', k.preview.url).href);
        const field = k.page.getByLabel('Scan your badge');
        await field.waitFor();
        for (const token of tokens) {
          env.clock.advance(1000);
          await watch(k.page, 'keydown', 'main.vmsg-ok');
          const before = await samplesIn(k.page);
          await field.pressSequentially(token, { delay: 0 });
          await k.page.keyboard.press('Enter');
          await waitForSample(k.page, before);
          // back to the sign-out screen for the next person
          await home(k.page);
          await k.page.goto(new URL('/#/visitors/sign-out', k.preview.url).href);
          await field.waitFor();
        }
        const samples = await allSamples(k.page);
        if (samples.length !== tokens.length) throw new Error(`saw ${samples.length} goodbyes for ${tokens.length} badges`);
        return summarise(samples.slice(5));
      } finally {
        await k.close();
      }
    },
  },
];

/** For the run's description: how many visits of history the figures ran over. */
export function visitorHistory(): number {
  return state.visits;
}
