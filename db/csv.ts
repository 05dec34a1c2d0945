/**
 * CSV in and out, in one place.
 *
 * Out: toCsv() is the one way the app writes CSV. It quotes properly (papaparse's unparse) and
 * neutralises spreadsheet formulas: a cell starting with =, +, -, @, a tab or a carriage return
 * gets a leading apostrophe (and is quoted), so Excel or LibreOffice shows it as text instead of
 * running it. papaparse's own `escapeFormulae: true` uses /^[=+\-@\t\r].*$/, which misses a cell
 * with a line break after its first character ("=1+1\nx", "\r\n..."): we pass our own pattern.
 *
 * In: decodeCsvBytes() tells UTF-8 (with or without a byte-order mark) from Windows-1252, and
 * readCsvRecords() parses with papaparse, keeping for each record the physical line it starts on
 * (a quoted field may span lines), so problems can be reported by the line a person sees in a text editor.
 */
import Papa from 'papaparse';
import { DomainError } from './errors';

// ---- writing -----------------------------------------------------------------------------------

/** A cell starting with one of these is a formula to a spreadsheet. */
export const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, so Excel reads accents right (default true). */
  bom?: boolean;
}

/** One CSV text: a header row, then the rows; CRLF line ends; every cell as text. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], opts: CsvOptions = {}): string {
  const asText = (c: CsvCell): string => (c === null || c === undefined ? '' : typeof c === 'boolean' ? (c ? 'Y' : 'N') : String(c));
  const body = Papa.unparse([header.map(asText), ...rows.map((r) => r.map(asText))], { escapeFormulae: FORMULA_START, newline: '\r\n', quotes: false });
  return `${opts.bom === false ? '' : '\uFEFF'}${body}\r\n`;
}

// ---- reading: bytes to text ---------------------------------------------------------------------

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** Windows-1252's bytes 0x80-0x9F (Node 20's decoder gives C1 controls for them, as Latin-1 does). */
const CP1252_HIGH = String.fromCharCode(
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
);

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * The text of a file as it came: UTF-8 with a BOM, UTF-8, or else Windows-1252 (what Excel on a
 * UK Windows PC saves as "CSV (Comma delimited)"). UTF-16 and Excel workbooks are refused with a
 * message saying how to save the file instead.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length === 0) throw new DomainError('RULE', 'That file is empty.', 'file');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DomainError('RULE', 'That file is saved as “Unicode text” (UTF-16). Save it from the spreadsheet as “CSV UTF-8” and choose it again.', 'file');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new DomainError('RULE', 'That is a spreadsheet workbook, not a CSV file. Save it as “CSV UTF-8” and choose that file.', 'file');
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  let text: string;
  let encoding: CsvEncoding;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    encoding = hasBom ? 'utf-8-bom' : 'utf-8';
  } catch {
    text = decodeWindows1252(body);
    encoding = 'windows-1252';
  }
  if (text.includes('\u0000')) throw new DomainError('RULE', 'That file is not a CSV text file.', 'file');
  return { text, encoding };
}

// ---- reading: text to records --------------------------------------------------------------------

export interface CsvRecord {
  /** The physical line (1-based) where this record starts. */
  line: number;
  cells: string[];
  /** A quote mark in the wrong place: the cells may not be what the file meant. */
  malformed: boolean;
}

const DELIMITERS = [',', '\t', ';', '|'] as const;

/** Folds a header for matching: "Reg. Group" -> "reggroup", "NC Year" -> "ncyear". */
export function headerKey(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Count line breaks (\r\n, \n or \r) in text[from, to). */
function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10 && i + 1 < to) i++;
    }
  }
  return n;
}

/** Parse every record with its starting line; blank lines are skipped. An unclosed quote refuses the file. */
export function readCsvRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let start = 0;
  let line = 1;
  let unclosed: number | null = null;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step(result) {
      const end = result.meta.cursor;
      const cells = result.data;
      const malformed = result.errors.some((e) => e.type === 'Quotes');
      if (result.errors.some((e) => e.code === 'MissingQuotes')) unclosed ??= line;
      if (cells.some((c) => c.trim() !== '')) records.push({ line, cells, malformed });
      line += countLines(text, start, end);
      start = end;
    },
  });
  if (unclosed !== null) {
    throw new DomainError('RULE', `Line ${unclosed} has a quote mark (") that is never closed, so the rest of the file cannot be read. Fix that line and choose the file again.`, 'file');
  }
  return records;
}

export interface CsvTable<F extends string> {
  /** The header's line, and which column each known field is in (several candidates, in order of preference). */
  headerLine: number;
  columns: Partial<Record<F, number[]>>;
  records: CsvRecord[];
}

/**
 * Find the header row (within the first 10 records, after any title lines a report adds) and the
 * delimiter (comma, tab, semicolon or bar) together: the pair that recognises the most columns.
 * `aliases` maps each field to its header spellings (as headerKey()s), in order of preference.
 * The file is refused if no row has all the `required` fields.
 */
export function readCsvTable<F extends string>(
  text: string,
  aliases: Readonly<Record<F, readonly string[]>>,
  required: readonly NoInfer<F>[],
  describe: (missing: F[]) => string,
): CsvTable<F> {
  const fields = Object.keys(aliases) as F[];
  const mapHeader = (cells: string[]) => {
    const keys = cells.map(headerKey);
    const columns: Partial<Record<F, number[]>> = {};
    let found = 0;
    for (const f of fields) {
      const cols: number[] = [];
      for (const alias of aliases[f]) keys.forEach((k, i) => k === alias && !cols.includes(i) && cols.push(i));
      if (cols.length) {
        columns[f] = cols;
        found++;
      }
    }
    return { columns, found };
  };

  let best: { delimiter: string; index: number; found: number; columns: Partial<Record<F, number[]>> } | null = null;
  let bestMissing: F[] = [...required];
  for (const delimiter of DELIMITERS) {
    const preview = Papa.parse<string[]>(text, { delimiter, preview: 10, skipEmptyLines: 'greedy' }).data;
    preview.forEach((cells, index) => {
      const { columns, found } = mapHeader(cells);
      const missing = required.filter((f) => !columns[f]);
      if (missing.length === 0 && (!best || found > best.found)) best = { delimiter, index, found, columns };
      if (missing.length < bestMissing.length) bestMissing = missing;
    });
  }
  if (!best) throw new DomainError('RULE', describe(bestMissing), 'file');
  const chosen: { delimiter: string; index: number; columns: Partial<Record<F, number[]>> } = best;
  const all = readCsvRecords(text, chosen.delimiter);
  const header = all[chosen.index];
  if (!header) throw new DomainError('RULE', describe(bestMissing), 'file');
  return { headerLine: header.line, columns: chosen.columns, records: all.slice(chosen.index + 1) };
}

/** The first non-empty cell among a field's columns (in order of preference), or '' (or undefined when the file has no such column). */
export function cellOf<F extends string>(table: CsvTable<F>, record: CsvRecord, field: F): string | undefined {
  const cols = table.columns[field];
  if (!cols) return undefined;
  for (const i of cols) {
    const v = record.cells[i];
    if (v !== undefined && v.trim() !== '') return v;
  }
  return '';
}
