/**
 * Term dates and closures from a simple CSV: first day, last day, name; a header row is optional.
 * Dates as 2026-10-26 or 26/10/2026 (UK order). Parsed with papaparse; every unusable line is
 * reported with its line number and nothing is saved until every line is usable.
 */
import Papa from 'papaparse';
import { isIsoDate } from './calendar';
import { MAX_CLOSURE_DAYS, closureDays } from './closures';

export interface ParsedClosure {
  line: number;
  startsOn: string;
  endsOn: string;
  label: string;
}

export interface ClosureCsv {
  rows: ParsedClosure[];
  problems: { line: number; message: string }[];
}

/** '2026-10-26' or '26/10/2026' (also 26-10-2026, 26.10.2026, 1/9/2026) to ISO, or null. */
export function parseSchoolDate(raw: string): string | null {
  const s = raw.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const MAX_LABEL = 80;

export function parseClosuresCsv(text: string): ClosureCsv {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const rows: ParsedClosure[] = [];
  const problems: { line: number; message: string }[] = [];
  parsed.data.forEach((cells, index) => {
    const line = index + 1;
    const [first = '', last = '', ...rest] = cells.map((c) => c.trim());
    const label = rest.join(', ').trim();
    if (index === 0 && parseSchoolDate(first) === null && /day|date|start|from/i.test(first)) return; // a header row
    const startsOn = parseSchoolDate(first);
    const endsOn = last === '' ? startsOn : parseSchoolDate(last);
    if (startsOn === null) problems.push({ line, message: `The first day "${first.slice(0, 20)}" is not a date like 26/10/2026.` });
    else if (endsOn === null) problems.push({ line, message: `The last day "${last.slice(0, 20)}" is not a date like 30/10/2026.` });
    else if (endsOn < startsOn) problems.push({ line, message: 'The last day is before the first day.' });
    else if (closureDays({ startsOn, endsOn, label }) > MAX_CLOSURE_DAYS) problems.push({ line, message: 'This closure is longer than a year: check the years of the dates.' });
    else if (label === '') problems.push({ line, message: 'The closure has no name (for example "October half term").' });
    else if (label.length > MAX_LABEL) problems.push({ line, message: `The name is longer than ${MAX_LABEL} characters.` });
    else rows.push({ line, startsOn, endsOn, label });
  });
  for (const e of parsed.errors) {
    if (e.code !== 'UndetectableDelimiter') problems.push({ line: (e.row ?? 0) + 1, message: `This line could not be read (${e.message}).` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}
