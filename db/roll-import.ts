/**
 * The pupil roll from the school's MIS (SIMS, Arbor, Bromcom and others), as a CSV file:
 * bytes -> encoding (db/csv.ts) -> papaparse -> header mapping -> row checks -> diff against the
 * roll -> apply, in one transaction.
 *
 * - Headers in the usual spellings, ignoring case, spaces and punctuation (Forename / Legal
 *   Forename / First Name / Preferred Forename, Surname / Legal Surname / Last Name, Year / Year
 *   Group / NC Year, Reg / Reg Group / Registration Form / Class / Form / Tutor Group, UPN, Adno /
 *   Admission Number); a preferred name wins over a legal one when both are given.
 * - Year values R, Reception, YR, 0, 5, Y5, Year 5, Year 05.
 * - Pupils are matched by UPN, else by admission number (a temporary UPN is replaced when the
 *   admission number matches), else, for a pupil added by hand with neither, by name.
 * - Unusable rows are reported with the physical line they start on and the reason, and are left
 *   out; a pupil such a row seems to be about is neither changed nor marked as left.
 * - Pupils on roll missing from the file are marked as left (never deleted); a leaver who is in
 *   the file comes back on roll. More than 5% of the roll leaving needs `confirmLeavers` equal to
 *   that number.
 */
import { cellOf, decodeCsvBytes, readCsvTable, type CsvEncoding, type CsvRecord, type CsvTable } from './csv';
import { DomainError } from './errors';
import type { Db } from './open';
import {
  allPupilRecords,
  applyPupilChanges,
  diffPupil,
  insertPupilRow,
  schoolToday,
  type PupilFields,
  type PupilPatch,
  type PupilRecord,
} from './pupils';
import { logImport } from './imports';
import { prepared } from './statements';
import { cleanCell, pupilSearchKey } from './text';
import type { Tx } from './tx';

// ---- the file ----------------------------------------------------------------------------------

type RollField = 'forename' | 'surname' | 'year' | 'reg' | 'upn' | 'adno';

/** Header spellings as headerKey()s (lower case, letters and digits only), in order of preference. */
export const ROLL_HEADERS: Readonly<Record<RollField, readonly string[]>> = {
  forename: ['preferredforename', 'preferredfirstname', 'forename', 'firstname', 'legalforename', 'legalfirstname', 'givenname'],
  surname: ['preferredsurname', 'preferredlastname', 'surname', 'lastname', 'legalsurname', 'legallastname', 'familyname'],
  year: ['year', 'yeargroup', 'ncyear', 'curriculumyear', 'nationalcurriculumyear', 'yr'],
  reg: ['reg', 'reggroup', 'registrationgroup', 'registrationform', 'regform', 'form', 'formgroup', 'class', 'classname', 'tutorgroup'],
  upn: ['upn', 'uniquepupilnumber'],
  adno: ['adno', 'admissionnumber', 'admissionno', 'admno'],
};

const FIELD_WORDS: Record<RollField, string> = {
  forename: 'first name (Forename)',
  surname: 'surname',
  year: 'year group (Year)',
  reg: 'class (Reg)',
  upn: 'UPN',
  adno: 'admission number (Adno)',
};

export const UPN_PATTERN = /^[A-Z][0-9]{11}[0-9A-Z]$/;
const MAX_NAME = 60;
const MAX_REG = 20;
const MAX_ADNO = 20;

/** 'R', 'Reception', 'YR', '0', '5', 'Y5', 'Year 5', 'Year 05' (any case and spacing) to 0-6; null otherwise. */
export function parseYearGroup(raw: string): number | null {
  const k = raw.toLowerCase().replace(/\s+/g, '');
  if (/^(y|yr|year|nc|ncy|ncyear|yeargroup)?[-_.:]?(r|rec|reception)$/.test(k)) return 0;
  const m = /^(?:(?:y|yr|year|nc|ncy|ncyear|yeargroup)[-_.:]?)?0*(\d{1,3})$/.exec(k);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 0 && n <= 6 ? n : null;
}

export interface RollRow {
  line: number;
  forename: string;
  surname: string;
  yearGroup: number;
  /** undefined when the file has no class column (classes are then left as they are). */
  regGroup: string | undefined;
  upn: string | null;
  adno: string | null;
}

export interface Problem {
  line: number;
  message: string;
}

export interface ParsedRoll {
  encoding: CsvEncoding;
  /** Data records in the file (blank lines and the header not counted). */
  rows: number;
  good: RollRow[];
  problems: Problem[];
  /** Identifiers seen on unusable rows: the pupils they name are held (not changed, not marked as left). */
  heldUpns: Set<string>;
  heldAdnos: Set<string>;
}

function quoteCell(s: string): string {
  return `“${s.length > 24 ? `${s.slice(0, 24)}…` : s}”`;
}

function listLines(lines: number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

function checkRow(table: CsvTable<RollField>, rec: CsvRecord): RollRow | string {
  const forename = cleanCell(cellOf(table, rec, 'forename'));
  const surname = cleanCell(cellOf(table, rec, 'surname'));
  const yearRaw = cleanCell(cellOf(table, rec, 'year'));
  const reg = cellOf(table, rec, 'reg');
  const regGroup = reg === undefined ? undefined : cleanCell(reg);
  const upnRaw = cleanCell(cellOf(table, rec, 'upn')).replace(/\s/g, '').toUpperCase();
  const adnoRaw = cleanCell(cellOf(table, rec, 'adno'));

  if (rec.malformed) return 'This line has a quote mark (") in the wrong place, so its values cannot be trusted.';
  if (forename === '' && surname === '') return 'No name: the first name and surname are empty.';
  if (forename === '') return 'No first name.';
  if (surname === '') return 'No surname.';
  if (forename.length > MAX_NAME) return `The first name is longer than ${MAX_NAME} characters.`;
  if (surname.length > MAX_NAME) return `The surname is longer than ${MAX_NAME} characters.`;
  if (yearRaw === '') return 'No year group.';
  const yearGroup = parseYearGroup(yearRaw);
  if (yearGroup === null) return `Unknown year group ${quoteCell(yearRaw)}: use R (Reception) or 1 to 6.`;
  if (regGroup !== undefined && regGroup.length > MAX_REG) return `The class is longer than ${MAX_REG} characters.`;
  if (upnRaw !== '' && !UPN_PATTERN.test(upnRaw)) {
    return `Bad UPN ${quoteCell(upnRaw)}: a UPN is 13 characters, a letter, 11 digits, then a digit or letter.`;
  }
  if (adnoRaw.length > MAX_ADNO) return `The admission number is longer than ${MAX_ADNO} characters.`;
  if (upnRaw === '' && adnoRaw === '') return 'No UPN or admission number, so this pupil could not be matched on the next import.';
  return { line: rec.line, forename, surname, yearGroup, regGroup, upn: upnRaw || null, adno: adnoRaw || null };
}

/** Read and check a roll file; nothing is compared with the roll yet. Refuses a file it cannot use at all. */
export function parseRollFile(bytes: Uint8Array): ParsedRoll {
  const { text, encoding } = decodeCsvBytes(bytes);
  const table = readCsvTable(text, ROLL_HEADERS, ['forename', 'surname', 'year'], (missing) => {
    const words = missing.map((f) => FIELD_WORDS[f]);
    return `This does not look like a roll exported from the MIS: no column for ${words.join(', ')}. The file needs a header row with at least Forename, Surname, Year, and UPN or Adno.`;
  });
  if (!table.columns.upn && !table.columns.adno) {
    throw new DomainError('RULE', 'This file has no UPN or admission number (Adno) column, so its pupils could not be matched with the roll. Export the roll again with the UPN or Adno.', 'file');
  }

  const problems: Problem[] = [];
  const heldUpns = new Set<string>();
  const heldAdnos = new Set<string>();
  const candidates: RollRow[] = [];
  for (const rec of table.records) {
    const r = checkRow(table, rec);
    if (typeof r === 'string') {
      problems.push({ line: rec.line, message: r });
      const upn = cleanCell(cellOf(table, rec, 'upn')).replace(/\s/g, '').toUpperCase();
      const adno = cleanCell(cellOf(table, rec, 'adno'));
      if (upn) heldUpns.add(upn);
      if (adno) heldAdnos.add(adno);
    } else {
      candidates.push(r);
    }
  }

  // The same UPN or admission number on more than one line: none of those lines can be trusted.
  const dupLines = new Map<number, string>();
  for (const field of ['upn', 'adno'] as const) {
    const lines = new Map<string, number[]>();
    for (const r of candidates) {
      const v = r[field];
      if (v !== null) lines.set(v, [...(lines.get(v) ?? []), r.line]);
    }
    for (const [value, ls] of lines) {
      if (ls.length < 2) continue;
      for (const line of ls) {
        if (dupLines.has(line)) continue;
        const others = ls.filter((l) => l !== line);
        dupLines.set(line, `Duplicate ${field === 'upn' ? 'UPN' : 'admission number'} ${value}: also on ${listLines(others)}.`);
      }
    }
  }
  const good: RollRow[] = [];
  for (const r of candidates) {
    if (!dupLines.has(r.line)) {
      good.push(r);
      continue;
    }
    if (r.upn !== null) heldUpns.add(r.upn);
    if (r.adno !== null) heldAdnos.add(r.adno);
  }
  for (const [line, message] of dupLines) problems.push({ line, message });
  problems.sort((a, b) => a.line - b.line);
  if (good.length === 0) {
    throw new DomainError(
      'RULE',
      problems.length > 0 ? `None of the ${problems.length} rows in this file can be used: nothing would be imported. The first problem is on line ${problems[0]!.line}: ${problems[0]!.message}` : 'This file has no pupils in it.',
      'file',
    );
  }
  return { encoding, rows: table.records.length, good, problems, heldUpns, heldAdnos };
}

// ---- the comparison with the roll ----------------------------------------------------------------

export type RollChangeField = 'forename' | 'surname' | 'yearGroup' | 'regGroup' | 'upn' | 'adno' | 'status';

export interface RollChange {
  field: RollChangeField;
  from: string;
  to: string;
}

/** What an import would do (the contract's RollPreview). */
export interface RollPreview {
  encoding: CsvEncoding;
  rows: number;
  toAdd: { line: number; forename: string; surname: string; yearGroup: number; regGroup: string }[];
  toUpdate: { id: number; forename: string; surname: string; changes: RollChange[] }[];
  toLeave: { id: number; forename: string; surname: string; yearGroup: number; regGroup: string }[];
  unchanged: number;
  problems: Problem[];
  leaversNeedConfirmation: boolean;
}

interface Plan {
  preview: RollPreview;
  adds: (PupilFields & { line: number })[];
  updates: { pupil: PupilRecord; changed: PupilPatch }[];
  leavers: PupilRecord[];
  onRoll: number;
}

/** More than this share of the pupils on roll leaving needs confirmLeavers. */
export const LEAVERS_CONFIRM_SHARE = 0.05;

function asText(v: string | number | null): string {
  return v === null ? '' : String(v);
}

/** A temporary UPN (given while the permanent one is awaited) ends in a letter. */
function isTemporaryUpn(upn: string): boolean {
  return /[A-Z]$/.test(upn);
}

function describePupil(p: PupilRecord): string {
  return `${p.forename} ${p.surname}${p.status === 'left' ? ' (left)' : ''}`;
}

/** Compare checked rows with the roll. Rows that would give two pupils one UPN or admission number become problems. */
export function planRollImport(db: Db, parsed: ParsedRoll): Plan {
  const pupils = allPupilRecords(db);
  const byUpn = new Map<string, PupilRecord>();
  const byAdno = new Map<string, PupilRecord>();
  const byName = new Map<string, PupilRecord[]>();
  for (const p of pupils) {
    if (p.upn !== null) byUpn.set(p.upn, p);
    if (p.adno !== null) byAdno.set(p.adno, p);
    if (p.upn === null && p.adno === null) {
      const k = pupilSearchKey(p.forename, p.surname);
      byName.set(k, [...(byName.get(k) ?? []), p]);
    }
  }
  const problems = [...parsed.problems];
  const held = new Set<number>();
  for (const u of parsed.heldUpns) {
    const p = byUpn.get(u);
    if (p) held.add(p.id);
  }
  for (const a of parsed.heldAdnos) {
    const p = byAdno.get(a);
    if (p) held.add(p.id);
  }

  let rows = parsed.good;
  // Matching, then the check that no two pupils end up with one identifier; a row that would
  // cause that becomes a problem, and matching runs again without it.
  for (;;) {
    const match = new Map<RollRow, PupilRecord>();
    const claimedBy = new Map<number, RollRow>();
    const clash = new Map<RollRow, string>();
    const claim = (r: RollRow, p: PupilRecord | undefined, how: string): boolean => {
      if (!p || held.has(p.id)) return false;
      const other = claimedBy.get(p.id);
      if (other) {
        clash.set(r, `This row and line ${other.line} are the same pupil (${describePupil(p)}) by ${how}.`);
        return true;
      }
      match.set(r, p);
      claimedBy.set(p.id, r);
      return true;
    };
    // 1. by UPN
    for (const r of rows) if (r.upn !== null) claim(r, byUpn.get(r.upn), 'UPN');
    // 2. by admission number (the UPN may have changed from a temporary one)
    for (const r of rows) {
      if (match.has(r) || clash.has(r) || r.adno === null) continue;
      const p = byAdno.get(r.adno);
      if (p && r.upn !== null && p.upn !== null && p.upn !== r.upn && !isTemporaryUpn(p.upn)) continue; // not the same child
      claim(r, p, 'admission number');
    }
    // 3. a pupil added by hand without either number, by name (only if one such pupil has that name)
    for (const r of rows) {
      if (match.has(r) || clash.has(r)) continue;
      const same = byName.get(pupilSearchKey(r.forename, r.surname)) ?? [];
      if (same.length === 1 && !claimedBy.has(same[0]!.id)) claim(r, same[0], 'name');
    }

    // Who holds each identifier afterwards.
    const finalUpn = new Map<string, { row?: RollRow; pupil?: PupilRecord }>();
    const finalAdno = new Map<string, { row?: RollRow; pupil?: PupilRecord }>();
    for (const p of pupils) {
      if (claimedBy.has(p.id)) continue;
      if (p.upn !== null) finalUpn.set(p.upn, { pupil: p });
      if (p.adno !== null) finalAdno.set(p.adno, { pupil: p });
    }
    for (const r of rows) {
      if (clash.has(r)) continue;
      const p = match.get(r);
      const upn = r.upn ?? p?.upn ?? null;
      const adno = r.adno ?? p?.adno ?? null;
      for (const [value, map, what] of [
        [upn, finalUpn, 'UPN'],
        [adno, finalAdno, 'admission number'],
      ] as const) {
        if (value === null) continue;
        const holder = map.get(value);
        if (holder) {
          const who = holder.pupil ? describePupil(holder.pupil) : `the pupil on line ${holder.row!.line}`;
          clash.set(r, `The ${what} ${value} already belongs to ${who}, who is not the pupil on this row. Check the numbers in the MIS.`);
          if (holder.pupil) held.add(holder.pupil.id);
          if (p) held.add(p.id);
        } else {
          map.set(value, p ? { row: r, pupil: p } : { row: r });
        }
      }
    }
    if (clash.size === 0) {
      return buildPlan(parsed, pupils, rows, match, held, problems);
    }
    for (const [r, message] of clash) {
      problems.push({ line: r.line, message });
      const p = match.get(r);
      if (p) held.add(p.id);
    }
    rows = rows.filter((r) => !clash.has(r));
  }
}

function buildPlan(parsed: ParsedRoll, pupils: PupilRecord[], rows: RollRow[], match: Map<RollRow, PupilRecord>, held: Set<number>, problems: Problem[]): Plan {
  const adds: Plan['adds'] = [];
  const updates: Plan['updates'] = [];
  const preview: RollPreview = {
    encoding: parsed.encoding,
    rows: parsed.rows,
    toAdd: [],
    toUpdate: [],
    toLeave: [],
    unchanged: 0,
    problems: problems.sort((a, b) => a.line - b.line),
    leaversNeedConfirmation: false,
  };
  const matched = new Set<number>();
  for (const r of rows) {
    const p = match.get(r);
    if (!p) {
      const fields = { forename: r.forename, surname: r.surname, yearGroup: r.yearGroup, regGroup: r.regGroup ?? '', upn: r.upn, adno: r.adno };
      adds.push({ ...fields, line: r.line });
      preview.toAdd.push({ line: r.line, forename: r.forename, surname: r.surname, yearGroup: r.yearGroup, regGroup: fields.regGroup });
      continue;
    }
    matched.add(p.id);
    const patch: PupilPatch = { forename: r.forename, surname: r.surname, yearGroup: r.yearGroup, status: 'on-roll' };
    if (r.regGroup !== undefined) patch.regGroup = r.regGroup;
    if (r.upn !== null) patch.upn = r.upn;
    if (r.adno !== null) patch.adno = r.adno;
    const changed = diffPupil(p, patch);
    const keys = Object.keys(changed) as RollChangeField[];
    if (keys.length === 0) {
      preview.unchanged += 1;
      continue;
    }
    updates.push({ pupil: p, changed });
    preview.toUpdate.push({
      id: p.id,
      forename: p.forename,
      surname: p.surname,
      changes: keys.map((field) => ({ field, from: asText(p[field]), to: asText(changed[field] ?? null) })),
    });
  }
  const leavers = pupils.filter((p) => p.status === 'on-roll' && !matched.has(p.id) && !held.has(p.id));
  for (const p of leavers) preview.toLeave.push({ id: p.id, forename: p.forename, surname: p.surname, yearGroup: p.yearGroup, regGroup: p.regGroup });
  const onRoll = pupils.filter((p) => p.status === 'on-roll').length;
  preview.leaversNeedConfirmation = leavers.length > onRoll * LEAVERS_CONFIRM_SHARE;
  return { preview, adds, updates, leavers, onRoll };
}

// ---- preview and import ----------------------------------------------------------------------------

/** What importing this file would do; saves nothing. */
export function previewRollImport(db: Db, bytes: Uint8Array): RollPreview {
  return planRollImport(db, parseRollFile(bytes)).preview;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function leaversMessage(leavers: number, onRoll: number): string {
  const share = Math.round((leavers / Math.max(onRoll, 1)) * 100);
  return `This file would mark ${plural(leavers, 'pupil', 'pupils')} as left (${share}% of the roll). If that is right, confirm ${plural(leavers, 'leaver', 'leavers')}.`;
}

/**
 * Import a roll file in the caller's transaction: adds, updates, leavers (left_on = the school's
 * today), one audit row per pupil changed plus a 'roll.import' summary, and an `imports` log row.
 * More than 5% of the roll leaving is refused (nothing written) unless confirmLeavers is that number.
 */
export function importRollFile(tx: Tx, bytes: Uint8Array, fileName: string, confirmLeavers?: number): RollPreview {
  const plan = planRollImport(tx.db, parseRollFile(bytes));
  const { preview } = plan;
  if (preview.leaversNeedConfirmation && confirmLeavers !== plan.leavers.length) {
    throw new DomainError('RULE', leaversMessage(plan.leavers.length, plan.onRoll), 'confirmLeavers');
  }
  const today = schoolToday(tx);
  const importId = logImport(tx, {
    fileName,
    kind: 'roll',
    added: plan.adds.length,
    updated: plan.updates.length,
    left: plan.leavers.length,
    problems: preview.problems.length,
  });

  // Numbers that move between pupils (a swap) would clash half-way: free them first.
  const freeUpn = prepared(tx.db, 'UPDATE pupils SET upn = NULL WHERE id = ?');
  const freeAdno = prepared(tx.db, 'UPDATE pupils SET adno = NULL WHERE id = ?');
  for (const { pupil, changed } of plan.updates) {
    if (changed.upn !== undefined && pupil.upn !== null) freeUpn.run(pupil.id);
    if (changed.adno !== undefined && pupil.adno !== null) freeAdno.run(pupil.id);
  }
  for (const { pupil, changed } of plan.updates) {
    applyPupilChanges(tx, pupil, changed, today);
    tx.audit({ action: 'pupil.update', entity: 'pupil', entityId: pupil.id, values: { ...changed, import: importId } });
  }
  for (const { line: _line, ...fields } of plan.adds) {
    const id = insertPupilRow(tx, fields);
    tx.audit({ action: 'pupil.add', entity: 'pupil', entityId: id, values: { ...fields, import: importId } });
  }
  for (const pupil of plan.leavers) {
    applyPupilChanges(tx, pupil, { status: 'left' }, today);
    tx.audit({ action: 'pupil.leave', entity: 'pupil', entityId: pupil.id, values: { status: 'left', leftOn: today, import: importId } });
  }
  tx.audit({
    action: 'roll.import',
    entity: 'import',
    entityId: importId,
    values: { added: plan.adds.length, updated: plan.updates.length, left: plan.leavers.length, unchanged: preview.unchanged, problems: preview.problems.length, rows: preview.rows },
  });
  return preview;
}
