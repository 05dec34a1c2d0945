/**
 * The pupil roll's figures: importing a 5,000-row roll CSV (the first import adds, later ones
 * update a tenth of the pupils' classes), and searching that roll by name fragments through the
 * dispatcher. The roll replaces the generated school's pupils on roll (they are marked as left,
 * confirmed), so the search runs over 5,000 pupils on roll plus the generated leavers.
 */
import { dispatch } from '../../electron/api/dispatch';
import type { RollPreview } from '../../electron/api/contract';
import { foldForSearch } from '../../db/text';
import { expectOk, type BenchEnv, type Figure } from './env';
import { seededRng, type Rng } from './random';
import { measure } from './stats';

export const ROLL_SIZE = 5000;

const FORENAMES = ['Zoë', 'Aoife', 'Ciarán', 'Renée', 'Minh', 'Oliver', 'Amelia', 'Yusuf', 'Priya', 'Oluwaseun', 'Mateusz', 'Niamh', 'Siân', 'Léa', 'Kofi', 'Zofia', 'Matilda', 'Arjun', 'Maëlle', 'Rhys'];
const SURNAME_STARTS = ['Quill', 'Bramble', 'Thistle', 'Wren', 'Fennick', 'Marrow', 'Lark', 'Ember', 'Pibble', 'Tansy', 'Corvel', 'Dapple', 'Hazle', 'Nettle', 'Ottery', 'Sorrel'];
const SURNAME_ENDS = ['wick', 'thorpe', 'combe', 'ridge', 'worthy', 'mere', 'bottom', 'stead', 'ley', 'field', 'holt', 'brook'];
const SPECIAL_SURNAMES = ["O'Brien", 'Nguyễn', 'Ó Súilleabháin', 'Smith-Jones', 'Łukasiewicz', 'Strauß'];

interface BenchPupil {
  adno: string;
  upn: string;
  forename: string;
  surname: string;
  yearGroup: number;
  classIndex: number;
}

/** A fictional roll of 5,000 (UPNs with the non-existent LA 999 and check letter Y, so never real). */
function makeRoll(rng: Rng): BenchPupil[] {
  return Array.from({ length: ROLL_SIZE }, (_, i) => {
    const surname = rng.chance(0.05) ? rng.pick(SPECIAL_SURNAMES) : `${rng.pick(SURNAME_STARTS)}${rng.pick(SURNAME_ENDS)}`;
    return { adno: String(500000 + i), upn: `Y999${String(i).padStart(9, '0')}`, forename: rng.pick(FORENAMES), surname, yearGroup: i % 7, classIndex: rng.int(0, 5) };
  });
}

const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The roll as the MIS would export it, base64 as the screen sends it. */
function rollFile(roll: readonly BenchPupil[]): string {
  const lines = ['Adno,UPN,Legal Forename,Legal Surname,NC Year,Reg Group'];
  for (const p of roll) {
    const reg = `${p.yearGroup === 0 ? 'R' : p.yearGroup}${'ABCDEF'[p.classIndex]}`;
    lines.push([p.adno, p.upn, p.forename, p.surname, p.yearGroup === 0 ? 'Reception' : `Year ${p.yearGroup}`, reg].map(cell).join(','));
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8').toString('base64');
}

const state = { roll: null as BenchPupil[] | null, imported: false };

function rollOf(): BenchPupil[] {
  state.roll ??= makeRoll(seededRng(5000));
  return state.roll;
}

/** The leavers a file would make (to confirm them, as the office does after the preview). */
async function leaversIn(env: BenchEnv, file: string): Promise<number> {
  const { ctx } = await env.api();
  const preview = expectOk('previewRollImport', await dispatch(ctx, env.sessions.admin, 'previewRollImport', { file, fileName: 'bench-roll.csv' })) as RollPreview;
  return preview.toLeave.length;
}

async function importOnce(env: BenchEnv, file: string, confirmLeavers: number): Promise<void> {
  const { ctx } = await env.api();
  env.clock.advance(60_000);
  expectOk('importRoll', await dispatch(ctx, env.sessions.admin, 'importRoll', { file, fileName: 'bench-roll.csv', confirmLeavers }));
}

/** The 5,000-pupil roll imported (when BENCH_ONLY skipped the import figure). */
export async function ensureRoll(env: BenchEnv): Promise<void> {
  if (state.imported) return;
  const file = rollFile(rollOf());
  await importOnce(env, file, await leaversIn(env, file));
  state.imported = true;
}

export const pupilFigures: Figure[] = [
  {
    name: 'import a 5,000-row roll CSV (importRoll)',
    target: 2000,
    async run(env) {
      const { ctx } = await env.api();
      const roll = rollOf();
      const rng = seededRng(77);
      let file = rollFile(roll);
      let confirm = 0;
      const stats = await measure(
        () => dispatch(ctx, env.sessions.admin, 'importRoll', { file, fileName: 'bench-roll.csv', confirmLeavers: confirm }),
        {
          warmup: 0,
          iterations: 5,
          // untimed: the next file (after the first, a tenth of the pupils change class) and its leavers
          before: async (i) => {
            if (i > 0) {
              for (let k = 0; k < ROLL_SIZE / 10; k++) rng.pick(roll).classIndex = rng.int(0, 5);
              file = rollFile(roll);
            }
            confirm = await leaversIn(env, file);
            env.clock.advance(60_000);
          },
          after: (result, i) => {
            const value = expectOk('importRoll', result) as RollPreview;
            if (i === 0 && value.toAdd.length !== ROLL_SIZE) throw new Error(`the first import added ${value.toAdd.length}, expected ${ROLL_SIZE}`);
            if (i > 0 && (value.toAdd.length !== 0 || value.toUpdate.length === 0)) throw new Error(`import ${i + 1} added ${value.toAdd.length} and updated ${value.toUpdate.length}`);
          },
        },
      );
      state.imported = true;
      return stats;
    },
  },
  {
    name: 'pupil name search, roll of 5,000 (searchPupils)',
    target: 10,
    async run(env) {
      const { ctx } = await env.api();
      const roll = rollOf();
      await ensureRoll(env);
      const rng = seededRng(42);
      // Fragments a person types: part of a first name or surname, sometimes without its accents or in capitals.
      const queries = Array.from({ length: 330 }, () => {
        const p = rng.pick(roll);
        const name = rng.chance(0.5) ? p.forename : p.surname;
        const len = rng.int(2, Math.min(6, name.length));
        const start = rng.int(0, name.length - len);
        let q = name.slice(start, start + len);
        if (rng.chance(0.3)) q = foldForSearch(q);
        if (rng.chance(0.2)) q = q.toUpperCase();
        if (rng.chance(0.15)) q = `${q} ${p.surname.slice(0, 3)}`;
        return q;
      });
      let found = 0;
      const stats = await measure((i) => dispatch(ctx, env.sessions.office, 'searchPupils', { query: queries[i % queries.length] }), {
        warmup: 30,
        iterations: 300,
        after: (result) => {
          found += (expectOk('searchPupils', result) as unknown[]).length;
        },
      });
      if (found === 0) throw new Error('no search found anyone');
      return stats;
    },
  },
];
