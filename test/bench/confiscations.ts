/**
 * The confiscations figures (issue 7). First, untimed: ten school years of confiscations (about
 * three a school week, each with its chain of custody: recorded, parents informed, a move, the
 * DSL told, sometimes a search, a hold or the police, and a release with a signature), written
 * with an audit row per event as the app writes them. Then, through dispatch:
 * - the register: everything held now (the page's first view), and the whole ten-year register;
 * - one record with its chain of custody.
 */
import { PNG } from 'pngjs';
import { actorString } from '../../db/audit';
import { loadCalendar } from '../../db/closures';
import type { Db } from '../../db/open';
import { newToken } from '../../db/tokens';
import { write } from '../../db/tx';
import { dispatch } from '../../electron/api/dispatch';
import { expectOk, type BenchEnv, type Figure } from './env';
import { seededRng } from './random';
import { measure } from './stats';

const state = { records: 0, events: 0, ids: [] as number[] };

function signature(): Buffer {
  const png = new PNG({ width: 300, height: 100 });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 7919) % 251;
  return PNG.sync.write(png);
}

function fill(env: BenchEnv, db: Db): void {
  if (state.records) return;
  const cal = loadCalendar(db);
  const rng = seededRng(707);
  const pupils = db.prepare('SELECT id FROM pupils').pluck().all() as number[];
  const actor = { kind: 'staff' as const, staffId: (env.sessions.office as { staffId: number }).staffId };
  const by = actorString(actor);
  const png = signature();
  const insert = db.prepare(
    `INSERT INTO confiscations (pupil_id, device_type, description, condition, power, ground, ground_detail, confiscated_at, confiscated_by, witness,
       recorded_at, recorded_by, location, status, on_hold, slip_token, released_at) VALUES (?, ?, ?, '', ?, ?, '', ?, ?, '', ?, ?, ?, ?, 0, ?, ?)`,
  );
  const event = db.prepare('INSERT INTO confiscation_events (confiscation_id, kind, at, recorded_at, by, details) VALUES (?, ?, ?, ?, ?, ?)');
  const sign = db.prepare('INSERT INTO confiscation_signatures (event_id, png) VALUES (?, ?)');
  const end = cal.localDate(env.clock.now());
  let day = `${env.school.firstYear}-09-01`;
  while (day < end) {
    const month = day.slice(0, 7);
    write({ db, clock: env.clock, anchorFile: env.anchorFile }, actor, (tx) => {
      for (; day < end && day.slice(0, 7) === month; day = cal.addDays(day, 1)) {
        if (!cal.isSchoolDay(day) || !rng.chance(0.6)) continue;
        const at = cal.at(day, '10:05');
        const later = (h: number) => new Date(at.getTime() + h * 3_600_000).toISOString();
        const ground = rng.pick(['behaviour', 'behaviour', 'anti-bullying', 'child-protection', 'exam', 'suspected-nudes']);
        const police = ground === 'suspected-nudes' || rng.chance(0.03);
        const recent = cal.addDays(end, -14) < day;
        const status = recent ? 'held' : police && rng.chance(0.5) ? 'retained-by-police' : 'released';
        const releasedAt = status === 'released' ? later(30) : null;
        const id = Number(
          insert.run(rng.pick(pupils), rng.pick(['phone', 'smartwatch', 'tablet']), 'Black phone, blue case', rng.pick(['on', 'off']), ground, at.toISOString(), 'Mrs Lunch', at.toISOString(), by, status === 'released' ? 'Released' : 'School office safe', status, newToken('confiscationSlip'), releasedAt).lastInsertRowid,
        );
        const chain: [string, string, Record<string, unknown>][] = [
          ['recorded', at.toISOString(), { ground, location: 'School office safe' }],
          ['parents-informed', later(1), { how: 'phone', informedBy: 'Mrs Office' }],
          ['moved', later(2), { from: 'School office safe', to: 'With the DSL' }],
          ['dsl-informed', later(2), { reference: `CPOMS ${id}` }],
        ];
        if (ground === 'suspected-nudes') chain.push(['ukcis-steps', later(3), { notViewed: true, turnedOffAndSecured: true, dslInformed: true }]);
        else if (rng.chance(0.2)) chain.push(['searched', later(3), { outcome: 'nothing-of-concern' }]);
        if (police) chain.push(['police-handover', later(5), { officer: 'PC Smith', shoulderNumber: '1234', crimeReference: `CR/${id}`, sealNumber: `EB-${id}`, receiptReceived: true }]);
        if (police && status !== 'retained-by-police') chain.push(['police-returned', later(20), { returnedBy: 'PC Smith', to: 'School office safe' }]);
        if (status === 'retained-by-police') chain.push(['police-retained', later(20), {}]);
        if (status === 'released') chain.push(['released', later(30), { contactId: null, name: 'A parent', identity: 'known-to-staff', override: false }]);
        for (const [kind, when, details] of chain) {
          const eventId = Number(event.run(id, kind, when, when, by, JSON.stringify(details)).lastInsertRowid);
          tx.audit({ action: `confiscation.${kind}`, entity: 'confiscation', entityId: id, values: { event: eventId, ...details } });
          if (kind === 'released') sign.run(eventId, png);
          state.events += 1;
        }
        state.records += 1;
        state.ids.push(id);
      }
    });
  }
}

async function prepare(env: BenchEnv) {
  const api = await env.api();
  fill(env, api.kdb.db);
  return api;
}

export const confiscationFigures: Figure[] = [
  {
    name: 'confiscation register, held now (listConfiscations)',
    target: 20,
    async run(env) {
      const { ctx } = await prepare(env);
      return measure(() => dispatch(ctx, env.sessions.office, 'listConfiscations', { status: 'held' }), {
        warmup: 20,
        iterations: 200,
        after: (r) => void expectOk('listConfiscations', r),
      });
    },
  },
  {
    name: 'confiscation register, all ten years (listConfiscations)',
    target: 20,
    async run(env) {
      const { ctx } = await prepare(env);
      let rows = 0;
      const stats = await measure(() => dispatch(ctx, env.sessions.office, 'listConfiscations', {}), {
        warmup: 5,
        iterations: 100,
        after: (r) => {
          rows = (expectOk('listConfiscations', r) as unknown[]).length;
        },
      });
      if (rows !== state.records) throw new Error(`the register listed ${rows} of ${state.records}`);
      return stats;
    },
  },
  {
    name: 'one chain of custody (getConfiscation)',
    target: 10,
    async run(env) {
      const { ctx } = await prepare(env);
      const rng = seededRng(9);
      return measure(() => dispatch(ctx, env.sessions.office, 'getConfiscation', { id: rng.pick(state.ids) }), {
        warmup: 20,
        iterations: 300,
        after: (r) => void expectOk('getConfiscation', r),
      });
    },
  },
];

export function confiscationHistory(): { records: number; events: number } {
  return { records: state.records, events: state.events };
}
