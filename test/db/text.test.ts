/** db/text.ts: folding names for search, and the LIKE pattern of a search word. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCell, foldForSearch, likeContains, pupilSearchKey, searchWords } from '../../db/text';

describe('foldForSearch', () => {
  it('strips accents and case: Zoë, Nguyễn, Ó Súilleabháin, Chloé, Siân', () => {
    expect(foldForSearch('Zoë')).toBe('zoe');
    expect(foldForSearch('Nguyễn')).toBe('nguyen');
    expect(foldForSearch('Ó Súilleabháin')).toBe('o suilleabhain');
    expect(foldForSearch('CHLOÉ')).toBe('chloe');
    expect(foldForSearch('Siân')).toBe('sian');
    expect(foldForSearch('Zoe\u0308')).toBe('zoe'); // decomposed input folds alike
  });

  it('maps letters that do not decompose: ø ł æ œ ß đ (and their capitals)', () => {
    expect(foldForSearch('Søren Łukasz Æthelred Œuvre Strauß Đorđe')).toBe('soren lukasz aethelred oeuvre strauss dorde');
    expect(foldForSearch('ØŁÆŒẞĐ')).toBe('olaeoessd');
  });

  it('drops apostrophes (so obrien finds O’Brien) and makes other punctuation one space', () => {
    expect(foldForSearch("O'Brien")).toBe('obrien');
    expect(foldForSearch('O’Brien')).toBe('obrien');
    expect(foldForSearch('Smith-Jones')).toBe('smith jones');
    expect(foldForSearch('  Mary   Ann.  ')).toBe('mary ann');
    expect(foldForSearch('50% _off_')).toBe('50 off');
  });

  it('keeps letters of other scripts, and full-width forms fold to ASCII', () => {
    expect(foldForSearch('محمد')).toBe('محمد');
    expect(foldForSearch('Ｚｏｅ')).toBe('zoe');
  });

  it('is idempotent and never leaves wildcard or quote characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const f = foldForSearch(s);
        expect(foldForSearch(f)).toBe(f);
        expect(f).not.toMatch(/[%_\\'"]|^ | $| {2}/);
      }),
    );
  });
});

describe('search keys and words', () => {
  it('stores surname first, so ordering by the key orders by surname', () => {
    expect(pupilSearchKey('Zoë', 'Quillwick')).toBe('quillwick zoe');
    expect(pupilSearchKey('Ciarán', 'Ó Súilleabháin')).toBe('o suilleabhain ciaran');
  });

  it('splits a search into folded words; punctuation alone is no search', () => {
    expect(searchWords('  Zoë  QUILL ')).toEqual(['zoe', 'quill']);
    expect(searchWords("o'brien")).toEqual(['obrien']);
    expect(searchWords('%%')).toEqual([]);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(likeContains('zoe')).toBe('%zoe%');
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('cleanCell', () => {
  it('trims, collapses spaces and line breaks, composes accents, and removes control and bidi characters', () => {
    expect(cleanCell('  Zoe\u0308 \t Quill\r\nwick ')).toBe('Zoë Quill wick');
    expect(cleanCell('Ev\u202Eil\u0007\uFEFF')).toBe('Evil');
    expect(cleanCell(undefined)).toBe('');
  });
});
