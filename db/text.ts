/**
 * Text as the office types it and as the MIS exports it: names folded for search, and the LIKE
 * pattern a search word becomes.
 *
 * foldForSearch: NFKD, combining marks stripped (Zoë -> zoe, Nguyễn -> nguyen), letters that do
 * not decompose mapped by hand (ø -> o, ł -> l, æ -> ae, œ -> oe, ß -> ss, đ -> d, ...), lower
 * case, apostrophes dropped (O'Brien -> obrien, so "obrien" finds O'Brien), every other run of
 * punctuation or space made one space (Smith-Jones -> smith jones).
 */

/** Letters NFKD leaves alone, folded to what a person types on a UK keyboard (after lower-casing). */
const LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ŧ: 't',
  ĸ: 'k',
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');
/** Apostrophes and look-alikes: O'Brien, O’Brien, Oʼ Brien. */
const APOSTROPHES = /['\u2018\u2019\u201B\u02BC\u02BB\u0060\u00B4\uFF07]/gu;
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** A name or search text folded for accent-, case- and punctuation-insensitive matching. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(LETTER_RE, (c) => LETTERS[c] ?? c)
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, ' ')
    .trim();
}

/** The stored search key of a pupil: surname first, so ordering by it orders by surname. */
export function pupilSearchKey(forename: string, surname: string): string {
  return foldForSearch(`${surname} ${forename}`);
}

/** The words of a search, folded; an empty list matches everyone. */
export function searchWords(query: string): string[] {
  const folded = foldForSearch(query);
  return folded === '' ? [] : folded.split(' ');
}

/** A LIKE pattern matching `word` anywhere, with %, _ and the escape character escaped (use ESCAPE '\'). */
export function likeContains(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** A cell from a file made fit to store: NFC, control and bidi-override characters removed, spaces collapsed. */
export function cleanCell(raw: string | undefined): string {
  return (raw ?? '').normalize('NFC').replace(CONTROL, '').replace(/\s+/gu, ' ').trim();
}
