/**
 * A synthetic school for the benchmarks: `generateSchool(db, { years, seed })` fills a migrated
 * database with `years` school years (September to July) of clearly fictional data, the same on
 * every run with the same seed:
 *
 * - the pupil roll (about 700 over ten years): an initial roll in years R-6 (year_group 0-6, two
 *   classes a year such as 5W and 5H), a Reception intake each September, the whole school moving
 *   up a year, year 6 leaving in July, and a few joiners and leavers during the year;
 * - about 40 staff over the years (office, leadership, admin; a few DSL), some of whom leave;
 * - each school year's closures (half terms, holidays, bank holidays, INSET days);
 * - day-to-day changes up to `changesPerYear` (20,000) audited changes a year: pupils moving class
 *   and having their names corrected, settings changed, provisional closures added and removed.
 *
 * Every change is a real row change made through db/tx.ts write() with its audit entry written by
 * tx.audit() (settings and closures through db/settings.ts and db/closures.ts), so the audit hash
 * chain is real. Changes are batched: a few transactions per school day, each at its own instant
 * of a manual clock. While generating, `synchronous` is OFF (restored afterwards) and the anchor
 * file is written once at the end: that is what makes 200,000 changes take seconds, not minutes.
 *
 * Later features add their own day-to-day changes as more FillerKinds (see DEFAULT_KINDS). Pupil and
 * staff rows are written with SQL here only because db/ has no pupil or staff module yet; when it
 * has, this file should call it instead.
 */
import { auditHead, writeAnchor, type Actor, type AuditEntry, type AuditHead } from '../../db/audit';
import { manualClock, type ManualClock } from '../../db/clock';
import { addClosure, removeClosure } from '../../db/closures';
import type { Closure } from '../../db/calendar';
import type { Db } from '../../db/open';
import { SETTINGS_DEFAULTS, updateSettings, type Settings } from '../../db/settings';
import { pupilSearchKey } from '../../db/text';
import { write, type Tx, type WriteContext } from '../../db/tx';
import { seededRng, type Rng } from './random';
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[]>;

// ---- options and result -----------------------------------------------------------------------

export interface GenerateOptions {
  years: number;
  seed: number;
  /** The calendar year the first school year starts in (September). Default 2016. */
  firstYear?: number;
  /** Audited changes per school year, all kinds together. Default 20,000. */
  changesPerYear?: number;
  /** Write the final audit head here (normally anchorPathFor(the database file)). */
  anchorFile?: string | null;
  /** Day-to-day change kinds; default DEFAULT_KINDS. */
  kinds?: readonly FillerKind[];
  /** Called after each school year, e.g. for progress output. */
  onYear?: (year: number, changesSoFar: number) => void;
}

export interface GeneratedSchool {
  firstYear: number;
  years: number;
  /** Audited changes the generator made (one audit row each). */
  changes: number;
  pupils: number;
  pupilsOnRoll: number;
  staff: number;
  staffActive: number;
  closures: number;
  auditRows: number;
  head: AuditHead | null;
  /** The generator's clock when it finished: carry on from here. */
  endedAt: Date;
  /** Ids of an active admin and an active office member at the end, for sessions. */
  adminStaffId: number;
  officeStaffId: number;
}

// ---- fictional names --------------------------------------------------------------------------

/** Forenames, each with the other form a parent might ask for (short form or spelling). */
const FORENAMES: readonly (readonly [string, string])[] = [
  ['Alexander', 'Alex'], ['Amélie', 'Amelie'], ['Zoë', 'Zoe'], ['Chloé', 'Chloe'], ['Renée', 'Renee'],
  ['José', 'Jose'], ['Siân', 'Sian'], ['Ciarán', 'Ciaran'], ['Inés', 'Ines'], ['Léa', 'Lea'],
  ['Noémie', 'Noemie'], ['Élodie', 'Elodie'], ['Maëlle', 'Maelle'], ['Oliver', 'Olly'], ['Isabella', 'Bella'],
  ['Samuel', 'Sam'], ['Matilda', 'Tilly'], ['Benjamin', 'Ben'], ['Charlotte', 'Lottie'], ['Thomas', 'Tom'],
  ['Eleanor', 'Ellie'], ['William', 'Will'], ['Florence', 'Flo'], ['Joseph', 'Joe'], ['Katherine', 'Kate'],
  ['Daniel', 'Dan'], ['Abigail', 'Abi'], ['Nathaniel', 'Nate'], ['Gabriella', 'Gabby'], ['Frederick', 'Freddie'],
  ['Aisha', 'Aysha'], ['Mohammed', 'Muhammad'], ['Yusuf', 'Yousef'], ['Priya', 'Pria'], ['Arjun', 'Arun'],
  ['Zainab', 'Zaynab'], ['Oluwaseun', 'Seun'], ['Chidinma', 'Dinma'], ['Kofi', 'Kofie'], ['Amara', 'Amarah'],
  ['Mei', 'May'], ['Hiroshi', 'Hiro'], ['Aleksander', 'Olek'], ['Zofia', 'Zosia'], ['Mateusz', 'Mati'],
  ['Niamh', 'Neve'], ['Aoife', 'Eefa'], ['Rhys', 'Reece'], ['Gwen', 'Gwendolyn'], ['Catrin', 'Cat'],
];

/** Surnames are invented from two parts, so no pupil or member of staff is a real person. */
const SURNAME_STARTS = ['Quill', 'Bramble', 'Thistle', 'Wren', 'Fennick', 'Marrow', 'Lark', 'Ember', 'Pibble', 'Tansy', 'Corvel', 'Dapple', 'Hazle', 'Nettle', 'Ottery', 'Sorrel'];
const SURNAME_ENDS = ['wick', 'thorpe', 'combe', 'ridge', 'worthy', 'mere', 'bottom', 'stead', 'ley', 'field', 'holt', 'brook'];

/** The class letters of each year group (the teacher's initial), two classes a year. */
const CLASS_LETTERS: readonly (readonly [string, string])[] = [
  ['W', 'H'], ['K', 'P'], ['S', 'M'], ['T', 'B'], ['L', 'G'], ['C', 'D'], ['F', 'N'],
];

export function regGroupOf(yearGroup: number, classIndex: number): string {
  const letters = CLASS_LETTERS[yearGroup];
  if (!letters) throw new Error(`no year group ${yearGroup}`);
  return `${yearGroup === 0 ? 'R' : String(yearGroup)}${letters[classIndex === 0 ? 0 : 1]}`;
}

/** The app's own search key (db/text.ts): "Zoë O'Quillwick" -> "oquillwick zoe". */
export function searchKeyOf(forename: string, surname: string): string {
  return pupilSearchKey(forename, surname);
}

function surname(rng: Rng): string {
  const base = `${rng.pick(SURNAME_STARTS)}${rng.pick(SURNAME_ENDS)}`;
  if (rng.chance(0.04)) return `O'${base}`;
  return base;
}

// ---- dates ------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
function dayMs(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}
function addDays(iso: string, n: number): string {
  return isoDay(dayMs(iso) + n * DAY_MS);
}
/** 0 = Sunday ... 6 = Saturday. */
function weekday(iso: string): number {
  return new Date(dayMs(iso)).getUTCDay();
}
function onOrAfter(iso: string, wd: number): string {
  return addDays(iso, (wd - weekday(iso) + 7) % 7);
}
function pad(n: number): string {
  return String(n).padStart(2, '0');
}
function ymd(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}
/** Easter Sunday (Gregorian, anonymous algorithm). */
function easter(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(y, month, day);
}

interface SchoolYear {
  /** First weekday of September: the year's changes start here. */
  opens: string;
  closures: Closure[];
  /** The days children are in, first to last. */
  schoolDays: string[];
}

/** A typical English primary school year starting in September of `y`. */
export function schoolYear(y: number): SchoolYear {
  const sept1 = ymd(y, 9, 1);
  const opens = weekday(sept1) === 6 ? addDays(sept1, 2) : weekday(sept1) === 0 ? addDays(sept1, 1) : sept1;
  const autumnHalf = onOrAfter(ymd(y, 10, 23), 1);
  const christmas = onOrAfter(ymd(y, 12, 18), 1);
  const springHalf = onOrAfter(ymd(y + 1, 2, 13), 1);
  const easterSunday = easter(y + 1);
  const easterStart = addDays(easterSunday, -6);
  const earlyMay = onOrAfter(ymd(y + 1, 5, 1), 1);
  const lateMay = onOrAfter(ymd(y + 1, 5, 25), 1); // the last Monday in May
  const summer = onOrAfter(ymd(y + 1, 7, 21), 1);
  const closures: Closure[] = [
    { startsOn: opens, endsOn: opens, label: 'INSET day' },
    { startsOn: autumnHalf, endsOn: addDays(autumnHalf, 4), label: 'October half term' },
    { startsOn: christmas, endsOn: addDays(christmas, 11), label: 'Christmas holidays' },
    { startsOn: addDays(christmas, 14), endsOn: addDays(christmas, 14), label: 'INSET day' },
    { startsOn: springHalf, endsOn: addDays(springHalf, 4), label: 'February half term' },
    { startsOn: easterStart, endsOn: addDays(easterSunday, 5), label: 'Easter holidays' },
    { startsOn: lateMay, endsOn: addDays(lateMay, 4), label: 'May half term' },
    { startsOn: addDays(lateMay, 7), endsOn: addDays(lateMay, 7), label: 'INSET day' },
    { startsOn: summer, endsOn: ymd(y + 1, 8, 31), label: 'Summer holidays' },
  ];
  if (earlyMay < easterStart || earlyMay > addDays(easterSunday, 5)) {
    closures.push({ startsOn: earlyMay, endsOn: earlyMay, label: 'Early May bank holiday' });
  }
  closures.sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
  const schoolDays: string[] = [];
  for (let d = opens; d < summer; d = addDays(d, 1)) {
    const wd = weekday(d);
    if (wd === 0 || wd === 6) continue;
    if (closures.some((c) => c.startsOn <= d && d <= c.endsOn)) continue;
    schoolDays.push(d);
  }
  return { opens, closures, schoolDays };
}

// ---- the generator's state, shared with the change kinds --------------------------------------

export interface PupilState {
  id: number;
  names: readonly [string, string];
  /** Which of `names` is in use. */
  nameForm: 0 | 1;
  baseSurname: string;
  /** A double-barrelled form the family may switch to. */
  altSurname: string;
  useAltSurname: boolean;
  yearGroup: number;
  classIndex: number;
}

export interface StaffState {
  id: number;
  role: 'office' | 'leadership' | 'admin';
  dsl: boolean;
  active: boolean;
}

export interface SchoolState {
  readonly db: Db;
  readonly rng: Rng;
  readonly clock: ManualClock;
  /** The school day being generated. */
  day: string;
  onRoll: PupilState[];
  staff: StaffState[];
  settings: Settings;
  /** Provisional closures added and not yet removed, oldest first. */
  provisional: number[];
}

/** One kind of day-to-day change. `apply` makes one or more audited changes in `tx`. */
export interface FillerKind {
  name: string;
  weight: number;
  /** Who makes it: office changes are spread over the day, admin changes come in one batch. */
  by: 'office' | 'admin';
  apply(tx: Tx, s: SchoolState): void;
}

interface Statements {
  insertPupil: Statement;
  yearUp: Statement;
  regGroup: Statement;
  forename: Statement;
  surname: Statement;
  leave: Statement;
  insertStaff: Statement;
  staffLeave: Statement;
}

const statementsByDb = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let st = statementsByDb.get(db);
  if (!st) {
    st = {
      insertPupil: db.prepare(
        `INSERT INTO pupils (upn, adno, forename, surname, year_group, reg_group, status, search_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'on-roll', ?, ?, ?)`,
      ),
      yearUp: db.prepare('UPDATE pupils SET year_group = ?, reg_group = ?, updated_at = ? WHERE id = ?'),
      regGroup: db.prepare('UPDATE pupils SET reg_group = ?, updated_at = ? WHERE id = ?'),
      forename: db.prepare('UPDATE pupils SET forename = ?, search_key = ?, updated_at = ? WHERE id = ?'),
      surname: db.prepare('UPDATE pupils SET surname = ?, search_key = ?, updated_at = ? WHERE id = ?'),
      leave: db.prepare("UPDATE pupils SET status = 'left', left_on = ?, updated_at = ? WHERE id = ? AND status = 'on-roll'"),
      insertStaff: db.prepare('INSERT INTO staff (name, role, is_dsl, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)'),
      staffLeave: db.prepare('UPDATE staff SET active = 0, updated_at = ? WHERE id = ?'),
    };
    statementsByDb.set(db, st);
  }
  return st;
}

function mustChange(info: { changes: number }, what: string): void {
  if (info.changes !== 1) throw new Error(`generateSchool: ${what} changed ${info.changes} rows`);
}

function currentForename(p: PupilState): string {
  return p.names[p.nameForm];
}
function currentSurname(p: PupilState): string {
  return p.useAltSurname ? p.altSurname : p.baseSurname;
}

// ---- the default day-to-day changes -----------------------------------------------------------

const ACCENTS = ['#1d4e89', '#2e7d32', '#6a1b9a', '#b71c1c', '#00695c', '#37474f', '#ef6c00', '#283593'];
const SCHOOL_NAMES = ['Larkmere Primary School (synthetic)', 'Larkmere Church of England Primary (synthetic)'];
const PROVISIONAL_LABELS = ['Polling station', 'Boiler repair', 'Heating failure', 'Staff training', 'Water supply works'];

export const DEFAULT_KINDS: readonly FillerKind[] = [
  {
    name: 'pupil.moveClass',
    weight: 45,
    by: 'office',
    apply(tx, s) {
      const p = s.rng.pick(s.onRoll);
      p.classIndex = p.classIndex === 0 ? 1 : 0;
      const reg = regGroupOf(p.yearGroup, p.classIndex);
      mustChange(statements(tx.db).regGroup.run(reg, tx.now.toISOString(), p.id), 'pupil.moveClass');
      tx.audit({ action: 'pupil.update', entity: 'pupil', entityId: p.id, values: { regGroup: reg } });
    },
  },
  {
    name: 'pupil.forename',
    weight: 38,
    by: 'office',
    apply(tx, s) {
      const p = s.rng.pick(s.onRoll);
      p.nameForm = p.nameForm === 0 ? 1 : 0;
      const fore = currentForename(p);
      mustChange(statements(tx.db).forename.run(fore, searchKeyOf(fore, currentSurname(p)), tx.now.toISOString(), p.id), 'pupil.forename');
      tx.audit({ action: 'pupil.update', entity: 'pupil', entityId: p.id, values: { forename: fore } });
    },
  },
  {
    name: 'pupil.surname',
    weight: 16,
    by: 'office',
    apply(tx, s) {
      const p = s.rng.pick(s.onRoll);
      p.useAltSurname = !p.useAltSurname;
      const sur = currentSurname(p);
      mustChange(statements(tx.db).surname.run(sur, searchKeyOf(currentForename(p), sur), tx.now.toISOString(), p.id), 'pupil.surname');
      tx.audit({ action: 'pupil.update', entity: 'pupil', entityId: p.id, values: { surname: sur } });
    },
  },
  {
    name: 'settings.update',
    weight: 0.6,
    by: 'admin',
    apply(tx, s) {
      const key = s.rng.pick(['idleLockMinutes', 'accentColour', 'schoolName', 'backupsKept'] as const);
      const patch: Partial<Settings> = {};
      const cur = s.settings;
      if (key === 'idleLockMinutes') patch.idleLockMinutes = ((cur.idleLockMinutes + s.rng.int(0, 58)) % 60) + 1;
      else if (key === 'backupsKept') patch.backupsKept = cur.backupsKept === 30 ? s.rng.int(7, 90) : 30;
      else if (key === 'accentColour') patch.accentColour = s.rng.pick(ACCENTS.filter((c) => c !== cur.accentColour));
      else patch.schoolName = cur.schoolName === SCHOOL_NAMES[0] ? SCHOOL_NAMES[1] : SCHOOL_NAMES[0];
      if (patch.idleLockMinutes === cur.idleLockMinutes) patch.idleLockMinutes = (cur.idleLockMinutes % 60) + 1;
      if (patch.backupsKept === cur.backupsKept) patch.backupsKept = cur.backupsKept + 1;
      if (updateSettings(tx, patch).length !== 1) throw new Error('generateSchool: a settings change changed nothing');
      s.settings = { ...cur, ...patch };
    },
  },
  {
    name: 'closure.provisional',
    weight: 0.4,
    by: 'admin',
    apply(tx, s) {
      const oldest = s.provisional[0];
      if (oldest !== undefined && (s.provisional.length >= 3 || s.rng.chance(0.5))) {
        s.provisional.shift();
        removeClosure(tx, oldest);
        return;
      }
      let day = addDays(s.day, s.rng.int(3, 30));
      while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
      const added = addClosure(tx, { startsOn: day, endsOn: day, label: s.rng.pick(PROVISIONAL_LABELS) });
      s.provisional.push(added.id);
    },
  },
];

// ---- the generator ----------------------------------------------------------------------------

/** A Tx that counts its audit entries. */
function counting(tx: Tx, count: { n: number }): Tx {
  return {
    db: tx.db,
    now: tx.now,
    actor: tx.actor,
    audit(entry: AuditEntry) {
      tx.audit(entry);
      count.n += 1;
    },
  };
}

function at(day: string, minutes: number): Date {
  return new Date(dayMs(day) + minutes * 60_000);
}

export function generateSchool(db: Db, opts: GenerateOptions): GeneratedSchool {
  const years = opts.years;
  const firstYear = opts.firstYear ?? 2016;
  const perYear = opts.changesPerYear ?? 20_000;
  const kinds = opts.kinds ?? DEFAULT_KINDS;
  if (!(years >= 1)) throw new Error('generateSchool: at least one year');
  const rng = seededRng(opts.seed);
  const clock = manualClock(`${firstYear}-09-01T07:00:00Z`);
  const wctx: WriteContext = { db, clock, anchorFile: null };
  const st = statements(db);
  const count = { n: 0 };

  const s: SchoolState = {
    db,
    rng,
    clock,
    day: `${firstYear}-09-01`,
    onRoll: [],
    staff: [],
    settings: { ...SETTINGS_DEFAULTS },
    provisional: [],
  };
  let upnSerial = 0;
  let adno = 100_000;

  const run = (actor: Actor, when: Date, fn: (tx: Tx) => void): void => {
    clock.set(when);
    write(wctx, actor, (tx) => fn(counting(tx, count)));
  };
  const staffActor = (roles: readonly StaffState['role'][]): Actor => {
    const pool = s.staff.filter((m) => m.active && roles.includes(m.role));
    const who = pool.length ? rng.pick(pool) : null;
    return who ? { kind: 'staff', staffId: who.id } : { kind: 'system' };
  };

  const addPupil = (tx: Tx, yearGroup: number, classIndex: number, intakeYear: number): void => {
    const names = rng.pick(FORENAMES);
    const nameForm: 0 | 1 = rng.chance(0.8) ? 0 : 1;
    const base = surname(rng);
    const p: Omit<PupilState, 'id'> = {
      names,
      nameForm,
      baseSurname: base,
      altSurname: `${base}-${rng.pick(SURNAME_STARTS)}${rng.pick(SURNAME_ENDS)}`,
      useAltSurname: false,
      yearGroup,
      classIndex,
    };
    upnSerial += 1;
    adno += 1;
    // 'Z' and local authority 999 do not exist: obviously not a real pupil number.
    const upn = `Z999${String(intakeYear % 100).padStart(2, '0')}${String(upnSerial).padStart(7, '0')}`;
    const fore = currentForename({ ...p, id: 0 });
    const reg = regGroupOf(yearGroup, classIndex);
    const now = tx.now.toISOString();
    const info = st.insertPupil.run(upn, String(adno), fore, base, yearGroup, reg, searchKeyOf(fore, base), now, now);
    const id = Number(info.lastInsertRowid);
    s.onRoll.push({ ...p, id });
    tx.audit({ action: 'pupil.add', entity: 'pupil', entityId: id, values: { upn, adno: String(adno), forename: fore, surname: base, yearGroup, regGroup: reg } });
  };

  const removeFromRoll = (tx: Tx, p: PupilState, leftOn: string): void => {
    mustChange(st.leave.run(leftOn, tx.now.toISOString(), p.id), 'pupil.leave');
    s.onRoll.splice(s.onRoll.indexOf(p), 1);
    tx.audit({ action: 'pupil.leave', entity: 'pupil', entityId: p.id, values: { status: 'left', leftOn } });
  };

  const addStaff = (tx: Tx, role: StaffState['role'], dsl: boolean): void => {
    const name = `${rng.pick(FORENAMES)[0]} ${surname(rng)}`;
    const now = tx.now.toISOString();
    const id = Number(st.insertStaff.run(name, role, dsl ? 1 : 0, now, now).lastInsertRowid);
    s.staff.push({ id, role, dsl, active: true });
    tx.audit({ action: 'staff.add', entity: 'staff', entityId: id, values: { name, role, isDsl: dsl } });
  };

  const weights = kinds.map((k) => k.weight);

  // The synchronous=FULL fsync per commit is what the app pays per change; a generator need not.
  const previousSync = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  try {
    for (let yi = 0; yi < years; yi++) {
      const y = firstYear + yi;
      const sy = schoolYear(y);
      const yearStart = count.n;
      s.day = sy.opens;

      // ---- September, before the children arrive
      if (yi === 0) {
        run({ kind: 'system' }, at(sy.opens, 6 * 60), (tx) => {
          addStaff(tx, 'admin', false);
          addStaff(tx, 'admin', false);
          addStaff(tx, 'leadership', true);
          addStaff(tx, 'leadership', true);
          addStaff(tx, 'leadership', false);
          for (let i = 0; i < 19; i++) addStaff(tx, i < 5 ? 'leadership' : 'office', i === 0);
          updateSettings(tx, { schoolName: SCHOOL_NAMES[0] as string });
          s.settings = { ...s.settings, schoolName: SCHOOL_NAMES[0] as string };
        });
        run(staffActor(['admin']), at(sy.opens, 6 * 60 + 20), (tx) => {
          for (let yg = 0; yg <= 6; yg++) {
            for (let c = 0; c < 2; c++) {
              const size = rng.int(20, 23);
              for (let i = 0; i < size; i++) addPupil(tx, yg, c, y - yg);
            }
          }
        });
      } else {
        run(staffActor(['admin']), at(sy.opens, 6 * 60), (tx) => {
          const leaving = s.staff.filter((m) => m.active && m.role !== 'admin');
          for (let i = 0, n = rng.int(1, 3); i < n && leaving.length; i++) {
            const m = leaving.splice(rng.int(0, leaving.length - 1), 1)[0] as StaffState;
            mustChange(st.staffLeave.run(tx.now.toISOString(), m.id), 'staff.leave');
            m.active = false;
            tx.audit({ action: 'staff.update', entity: 'staff', entityId: m.id, values: { active: false } });
          }
          for (let i = 0, n = rng.int(1, 3); i < n; i++) addStaff(tx, rng.chance(0.2) ? 'leadership' : 'office', rng.chance(0.1));
          if (!s.staff.some((m) => m.active && m.dsl)) addStaff(tx, 'leadership', true);
        });
        run(staffActor(['admin']), at(sy.opens, 6 * 60 + 20), (tx) => {
          const now = tx.now.toISOString();
          for (const p of s.onRoll) {
            p.yearGroup += 1;
            const reg = regGroupOf(p.yearGroup, p.classIndex);
            mustChange(st.yearUp.run(p.yearGroup, reg, now, p.id), 'pupil.yearUp');
            tx.audit({ action: 'pupil.update', entity: 'pupil', entityId: p.id, values: { yearGroup: p.yearGroup, regGroup: reg } });
          }
          for (let c = 0; c < 2; c++) {
            const size = rng.int(19, 22);
            for (let i = 0; i < size; i++) addPupil(tx, 0, c, y);
          }
        });
      }
      run(staffActor(['admin']), at(sy.opens, 6 * 60 + 40), (tx) => {
        for (const c of sy.closures) addClosure(tx, c);
      });

      // ---- the school days
      const days = sy.schoolDays;
      const lastDay = days[days.length - 1] as string;
      const year6 = s.onRoll.filter((p) => p.yearGroup === 6).length;
      const joiners = rng.int(3, 8);
      const leavers = rng.int(3, 8);
      const movesOn = new Map<string, { join: number; leave: number }>();
      for (let i = 0; i < joiners + leavers; i++) {
        const d = rng.pick(days.slice(5, -5));
        const e = movesOn.get(d) ?? { join: 0, leave: 0 };
        if (i < joiners) e.join += 1;
        else e.leave += 1;
        movesOn.set(d, e);
      }
      // Joiners and leavers count towards the day-to-day changes; year 6 leave after them.
      const filler = Math.max(0, perYear - (count.n - yearStart) - year6);
      const fillerStart = count.n;

      days.forEach((day, i) => {
        s.day = day;
        // The day's transactions, run in time order so the audit's times never go backwards.
        const batches: { when: Date; actor: Actor; fn: (tx: Tx) => void }[] = [];
        const moves = movesOn.get(day) ?? { join: 0, leave: 0 };
        if (moves.join + moves.leave > 0) {
          batches.push({
            when: at(day, 8 * 60 + rng.int(0, 30)),
            actor: staffActor(['office', 'admin']),
            fn: (tx) => {
              for (let k = 0; k < moves.join; k++) {
                const yg = rng.int(0, 5);
                addPupil(tx, yg, rng.int(0, 1), y - yg);
              }
              for (let k = 0; k < moves.leave; k++) removeFromRoll(tx, rng.pick(s.onRoll.filter((q) => q.yearGroup <= 5)), day);
            },
          });
        }
        // This day's share of the filler, made to land exactly on the year's total.
        const due = fillerStart + Math.floor(((i + 1) * filler) / days.length) - count.n - moves.join - moves.leave;
        const todays: FillerKind[] = [];
        for (let n = 0; n < due; n++) todays.push(rng.weighted(kinds, weights));
        const admin = todays.filter((k) => k.by === 'admin');
        if (admin.length) {
          batches.push({
            when: at(day, 12 * 60 + rng.int(0, 40)),
            actor: staffActor(['admin']),
            fn: (tx) => admin.forEach((k) => k.apply(tx, s)),
          });
        }
        const office = todays.filter((k) => k.by === 'office');
        const per = Math.ceil(office.length / 3);
        for (let b = 0; b < 3 && b * per < office.length; b++) {
          const slice = office.slice(b * per, (b + 1) * per);
          // 08:00-09:20, 10:40-12:00, 13:20-14:40 (UTC; an hour later in London in summer)
          batches.push({
            when: at(day, 8 * 60 + b * 160 + rng.int(0, 80)),
            actor: staffActor(['office', 'leadership']),
            fn: (tx) => slice.forEach((k) => k.apply(tx, s)),
          });
        }
        batches.sort((a, b) => a.when.getTime() - b.when.getTime());
        for (const batch of batches) run(batch.actor, batch.when, batch.fn);
      });

      // ---- the end of the summer term: year 6 leave
      s.day = lastDay;
      run(staffActor(['admin']), at(lastDay, 15 * 60 + 30), (tx) => {
        for (const p of s.onRoll.filter((q) => q.yearGroup === 6)) removeFromRoll(tx, p, lastDay);
      });
      opts.onYear?.(y, count.n);
    }
  } finally {
    db.pragma(`synchronous = ${previousSync}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');

  const head = auditHead(db);
  if (opts.anchorFile) writeAnchor(opts.anchorFile, head);
  const n = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const admin = s.staff.find((m) => m.active && m.role === 'admin');
  const office = s.staff.find((m) => m.active && m.role === 'office');
  if (!admin || !office) throw new Error('generateSchool: no active admin or office member at the end');
  return {
    firstYear,
    years,
    changes: count.n,
    pupils: n('SELECT count(*) AS n FROM pupils'),
    pupilsOnRoll: n("SELECT count(*) AS n FROM pupils WHERE status = 'on-roll'"),
    staff: n('SELECT count(*) AS n FROM staff'),
    staffActive: n('SELECT count(*) AS n FROM staff WHERE active = 1'),
    closures: n('SELECT count(*) AS n FROM closures'),
    auditRows: n('SELECT count(*) AS n FROM audit'),
    head,
    endedAt: clock.now(),
    adminStaffId: admin.id,
    officeStaffId: office.id,
  };
}
