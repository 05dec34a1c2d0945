/** db/csv.ts: the one CSV writer (formulas neutralised, quoting) and the reader (encodings, physical lines). */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, headerKey, readCsvRecords, toCsv } from '../../db/csv';
import { DomainError } from '../../db/errors';

const plain = (header: string[], rows: string[][]) => toCsv(header, rows, { bom: false });

describe('toCsv', () => {
  it('puts an apostrophe before a formula and quotes it, whatever starts it', () => {
    const cells = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tTab', '\rReturn', '=1+1\nsecond line'];
    const csv = plain(['Value'], cells.map((c) => [c]));
    expect(csv.split('\r\n').slice(1, 6)).toEqual([`"'=HYPERLINK(""http://x"",""y"")"`, `"'+1"`, `"'-2"`, `"'@SUM(A1)"`, `"'\tTab"`]);
    // read back, every cell is the text with an apostrophe in front: nothing a spreadsheet would run
    const back = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1).map((r) => r[0]);
    expect(back).toEqual(cells.map((c) => `'${c}`));
  });

  it('quotes a normal name with a comma and a quote, and leaves plain cells alone', () => {
    const csv = plain(['Surname', 'Forename', 'Note'], [['Smith, "Jr"', 'Zoë', 'O’Brien-Nguyễn'], ['Ó Súilleabháin', 'Ciarán', '']]);
    expect(csv).toBe('Surname,Forename,Note\r\n"Smith, ""Jr""",Zoë,O’Brien-Nguyễn\r\nÓ Súilleabháin,Ciarán,\r\n');
  });

  it('writes numbers and booleans as text (Y/N), null as empty, and starts with a BOM by default for Excel', () => {
    const csv = toCsv(['A', 'B', 'C', 'D'], [[-2, true, false, null]]);
    expect(csv).toBe('\uFEFFA,B,C,D\r\n"\'-2",Y,N,\r\n');
  });

  it('escapes the header row too', () => {
    expect(plain(['=cmd'], [])).toBe(`"'=cmd"\r\n`);
  });

  it('round-trips any text: what a spreadsheet reads back is the text, with an apostrophe only before a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme-composite', maxLength: 12 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const csv = plain(['A', 'B'], rows);
        const back = Papa.parse<string[]>(csv, { newline: '\r\n' }).data.slice(1, rows.length + 1);
        expect(back).toEqual(rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c))));
      }),
    );
  });
});

describe('decodeCsvBytes', () => {
  it('tells UTF-8 with and without a BOM from Windows-1252, and never shows a replacement character', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFFZoë,Nguyễn', 'utf8'))).toEqual({ text: 'Zoë,Nguyễn', encoding: 'utf-8-bom' });
    expect(decodeCsvBytes(Buffer.from('Zoë,Nguyễn', 'utf8'))).toEqual({ text: 'Zoë,Nguyễn', encoding: 'utf-8' });
    const cp1252 = decodeCsvBytes(Buffer.from('Zo\xeb,Ren\xe9e,\xd3 S\xfailleabh\xe1in,O\x92Brien,\x80\x9c', 'latin1'));
    expect(cp1252).toEqual({ text: 'Zoë,Renée,Ó Súilleabháin,O’Brien,€œ', encoding: 'windows-1252' });
    expect(cp1252.text).not.toContain('\uFFFD');
  });

  it('refuses an empty file, UTF-16 and a workbook with a message saying what to do', () => {
    const refusal = (bytes: Buffer) => {
      try {
        decodeCsvBytes(bytes);
      } catch (e) {
        return e instanceof DomainError ? { code: e.code, field: e.field, message: e.message } : e;
      }
      return null;
    };
    expect(refusal(Buffer.alloc(0))).toMatchObject({ code: 'RULE', field: 'file', message: 'That file is empty.' });
    expect(refusal(Buffer.from('\uFEFFForename', 'utf16le'))).toMatchObject({ field: 'file', message: expect.stringContaining('CSV UTF-8') });
    expect(refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toMatchObject({ field: 'file', message: expect.stringContaining('workbook') });
  });
});

describe('readCsvRecords', () => {
  it('gives each record the physical line it starts on, across quoted line breaks, CRLF, LF, CR and blank lines', () => {
    for (const nl of ['\r\n', '\n', '\r']) {
      const text = ['a,b', '1,"two', 'lines, with a comma"', '', '3,"O\'Brien"', '  ,  ', '4,x'].join(nl);
      const records = readCsvRecords(text, ',');
      expect(records.map((r) => [r.line, r.cells[0]])).toEqual([
        [1, 'a'],
        [2, '1'],
        [5, '3'],
        [7, '4'],
      ]);
      expect(records[1]!.cells[1]).toBe(`two${nl}lines, with a comma`);
    }
  });

  it('marks a misplaced quote, and refuses an unclosed one naming its line', () => {
    expect(readCsvRecords('a,b\nx,"O"Brien"\n', ',')[1]).toMatchObject({ line: 2, malformed: true });
    expect(() => readCsvRecords('a,b\nx,y\nz,"never closed\nmore\n', ',')).toThrow(/Line 3 has a quote mark/);
  });
});

describe('headerKey', () => {
  it('ignores case, spaces and punctuation', () => {
    expect(['Reg. Group', 'REG_GROUP', ' reg-group ', 'NC Year', 'Admission No.'].map(headerKey)).toEqual(['reggroup', 'reggroup', 'reggroup', 'ncyear', 'admissionno']);
  });
});
