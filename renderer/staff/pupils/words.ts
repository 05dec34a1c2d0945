/**
 * The Pupils area's shared words and small helpers: year groups as a school says them, names,
 * dates, reading a chosen file as base64 (so the server can tell its encoding) and saving a CSV.
 */
import type { NoContactCategory, PupilSummary, RollChange } from '../../../electron/api/contract';
import { dateInWords, DEFAULT_TIME_ZONE, schoolDate } from '../Today';

export const YEAR_GROUPS: readonly { value: number; label: string }[] = [0, 1, 2, 3, 4, 5, 6].map((y) => ({ value: y, label: yearWords(y) }));

/** 0 → 'Reception', 5 → 'Year 5'. */
export function yearWords(year: number): string {
  return year === 0 ? 'Reception' : `Year ${year}`;
}

export function fullName(p: { forename: string; surname: string }): string {
  return `${p.forename} ${p.surname}`.trim();
}

/** 'Year 5, class 5W' (or just the year when there is no class). */
export function yearAndClass(p: Pick<PupilSummary, 'yearGroup' | 'regGroup'>): string {
  return p.regGroup ? `${yearWords(p.yearGroup)}, class ${p.regGroup}` : yearWords(p.yearGroup);
}

export const CATEGORY_WORDS: Record<NoContactCategory, string> = {
  'court-order': 'Court order',
  'other-safeguarding': 'Other safeguarding reason',
};

const FIELD_WORDS: Record<RollChange['field'], string> = {
  forename: 'First name',
  surname: 'Surname',
  yearGroup: 'Year group',
  regGroup: 'Class',
  upn: 'UPN',
  adno: 'Admission number',
  status: 'Status',
};

function valueWords(field: RollChange['field'], value: string): string {
  if (value === '') return '(none)';
  if (field === 'yearGroup' && /^[0-6]$/.test(value)) return yearWords(Number(value));
  if (field === 'status') return value === 'left' ? 'Left' : value === 'on-roll' ? 'On roll' : value;
  return value;
}

/** A change from the roll import in words: 'Class 5W → 6W'. */
export function changeWords(c: RollChange): string {
  return `${FIELD_WORDS[c.field]} ${valueWords(c.field, c.from)} → ${valueWords(c.field, c.to)}`;
}

/** A date ('2026-07-17') or a moment ('2026-07-17T14:00:00Z') as the calendar day in words. */
export function dayWords(value: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dateInWords(value);
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  return dateInWords(schoolDate(moment, timeZone));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The largest CSV the server takes (its limit is on the base64 text: 12,000,000 characters). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A chosen file's bytes as base64, untouched (no decoding here: the server detects the encoding). */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (reader.result instanceof ArrayBuffer ? resolve(bytesToBase64(new Uint8Array(reader.result))) : reject(new Error('not bytes')));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(file);
  });
}

/**
 * Save a CSV the server made: a data: URL in an <a download>. The app's window allows data: URLs
 * (and blocks blob: ones); a byte-order mark lets Excel read names such as Zoë correctly.
 */
export function downloadCsv(fileName: string, csv: string): void {
  const text = csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`;
  const href = `data:text/csv;charset=utf-8;base64,${bytesToBase64(new TextEncoder().encode(text))}`;
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.className = 'visually-hidden';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** encodeURIComponent, and the few characters it leaves that a print route may not hold. */
function strictEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A print route's query value: encoded so that the route passes the print channel's check. */
export function cardsRoute(choice: { regGroup: string } | { ids: readonly number[] } | { all: true } | { phones: true }): string {
  if ('phones' in choice) return '/print/pupil-cards?phones=1';
  if ('regGroup' in choice) return `/print/pupil-cards?class=${strictEncode(choice.regGroup)}`;
  if ('ids' in choice) return `/print/pupil-cards?ids=${choice.ids.join('%2C')}`;
  return '/print/pupil-cards?all=1';
}
