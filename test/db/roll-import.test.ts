/**
 * Importing the roll from the MIS: each exporter's header style, the encodings, line endings and
 * quoting as they come, each kind of unusable row, re-imports with leavers and class changes, the
 * 5% leavers guard both ways, the September roll-over, and a 5,000-row file.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, readAnchor, verifyAudit, type Actor } from '../../db/audit';
import { countOnRoll, createPupil, getPupilRecord, searchPupils, updatePupil } from '../../db/pupils';
import { importRollFile, parseYearGroup, previewRollImport, type RollPreview } from '../../db/roll-import';
import { write, type Tx } from '../../db/tx';
import { makeTestDb, snapshot, type TestDb, refusal } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb(undefined, { staff: true });
});
afterEach(() => t.dispose());
const admin: Actor = { kind: 'staff', staffId: 1 };
function w<T>(fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, admin, fn);
}

const fixture = (name: string): Buffer => fs.readFileSync(new URL(`../fixtures/roll/${name}`, import.meta.url));
const preview = (bytes: Uint8Array) => previewRollImport(t.db, bytes);
const importRoll = (bytes: Uint8Array, confirmLeavers?: number, fileName = 'roll.csv') => w((tx) => importRollFile(tx, bytes, fileName, confirmLeavers));


/** The 20 pupils of the fixtures (SIMS, Arbor and Bromcom files describe the same roll). */
interface Row {
  adno: string;
  upn: string;
  forename: string;
  surname: string;
  year: string;
  reg: string;
}
const BASE: Row[] = [
  ['1001', "O'Brien", 'Aoife', 'R', 'RW'],
  ['1002', 'Quillwick', 'Zoë', 'R', 'RW'],
  ['1003', 'Nguyễn', 'Minh', '1', '1K'],
  ['1004', 'Smith-Jones', 'Tilly', '1', '1K'],
  ['1005', 'Ó Súilleabháin', 'Ciarán', '2', '2S'],
  ['1006', 'Brambleton', 'Renée', '2', '2S'],
  ['1007', 'Fennick', 'Alex', '3', '3T'],
  ['1008', 'Wrenfield', 'Maëlle', '3', '3T'],
  ['1009', 'Thistlecombe', 'Yusuf', '4', '4L'],
  ['1010', 'Larkholt', 'Priya', '4', '4L'],
  ['1011', 'Marrowmere', 'Seun', '5', '5C'],
  ['1012', 'Dappleley', 'Niamh', '5', '5C'],
  ['1013', 'Emberstead', 'Kofi', '6', '6F'],
  ['1014', 'Hazlebrook', 'Zofia', '6', '6F'],
  ['1015', 'Nettlefield', 'Rhys', 'R', 'RW'],
  ['1016', 'Sorrelridge', 'Mei', '1', '1K'],
  ['1017', 'Ottery-Pibble', 'Catrin', '2', '2S'],
  ['1018', 'Tansythorpe', 'Mateusz', '3', '3T'],
  ['1019', 'Corvelwick', 'Amara', '4', '4L'],
  ['1020', 'Pibblecombe', 'Léa', '5', '5C'],
].map(([adno, surname, forename, year, reg]) => ({ adno: adno!, upn: `A1000000000${adno!.slice(2)}`, surname: surname!, forename: forename!, year: year!, reg: reg! }));

const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function csvOf(rows: readonly Row[], opts: { header?: string; nl?: string } = {}): Buffer {
  const lines = [opts.header ?? 'Adno,UPN,Forename,Surname,Year,Reg', ...rows.map((r) => [r.adno, r.upn, r.forename, r.surname, r.year, r.reg].map(q).join(','))];
  return Buffer.from(lines.join(opts.nl ?? '\r\n') + (opts.nl ?? '\r\n'), 'utf8');
}
const byAdno = (adno: string) => t.db.prepare('SELECT id, forename, surname, year_group AS yearGroup, reg_group AS regGroup, status, left_on AS leftOn FROM pupils WHERE adno = ?').get(adno) as {
  id: number;
  forename: string;
  surname: string;
  yearGroup: number;
  regGroup: string;
  status: string;
  leftOn: string | null;
};
const fullNames = (list: { forename: string; surname: string }[]) => list.map((p) => `${p.forename} ${p.surname}`);
const summary = (p: RollPreview) => ({ add: p.toAdd.length, update: p.toUpdate.length, leave: p.toLeave.length, unchanged: p.unchanged, problems: p.problems.length });

describe('year values', () => {
  it('reads R, Reception, YR, 0, 5, Y5, Year 5, Year 05 and refuses the rest', () => {
    const ok: [string, number][] = [
      ['R', 0], ['r', 0], ['Reception', 0], ['YR', 0], ['Year R', 0], ['Rec', 0], ['0', 0], ['00', 0],
      ['1', 1], ['5', 5], ['Y5', 5], ['y 5', 5], ['Year 5', 5], ['Year 05', 5], ['YEAR 6', 6], ['NC Year 3', 3], ['Y05', 5], ['Y-5', 5], ['Year: 4', 4],
    ];
    for (const [raw, n] of ok) expect({ raw, n: parseYearGroup(raw) }).toEqual({ raw, n });
    for (const raw of ['7', 'Year 7', 'N1', 'Nursery', '', 'Y', '5W', '-1', '1.5', 'Year five']) expect({ raw, n: parseYearGroup(raw) }).toEqual({ raw, n: null });
  });
});

describe('reading each exporter’s file', () => {
  it('SIMS style: UTF-8 with a BOM, CRLF, every field quoted, a title line, legal and preferred forenames', () => {
    const bytes = fixture('sims.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const p = preview(bytes);
    expect(p).toMatchObject({ encoding: 'utf-8-bom', rows: 20, toUpdate: [], toLeave: [], unchanged: 0, problems: [], leaversNeedConfirmation: false });
    expect(p.toAdd).toHaveLength(20);
    expect(p.toAdd[0]).toEqual({ line: 3, forename: 'Aoife', surname: "O'Brien", yearGroup: 0, regGroup: 'RW' });
    expect(p.toAdd.map((a) => a.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    // the preferred forename when there is one, else the legal one
    expect(p.toAdd.find((a) => a.surname === 'Fennick')!.forename).toBe('Alex');
    expect(p.toAdd.find((a) => a.surname === 'Marrowmere')!.forename).toBe('Seun');
    expect(fullNames(p.toAdd)).toEqual(BASE.map((b) => `${b.forename} ${b.surname}`));
    expect(p.toAdd.map((a) => a.yearGroup)).toEqual(BASE.map((b) => parseYearGroup(b.year)));
    // a preview saves nothing
    expect(countOnRoll(t.db)).toBe(0);
  });

  it('Arbor style (UTF-8 without BOM, LF) and Bromcom style (CRLF, NC Year, quoted addresses over two lines) describe the same roll', () => {
    const result = importRoll(fixture('sims.csv'));
    expect(summary(result)).toEqual({ add: 20, update: 0, leave: 0, unchanged: 0, problems: 0 });
    const arbor = preview(fixture('arbor.csv'));
    expect(arbor).toMatchObject({ encoding: 'utf-8', rows: 20, toAdd: [], toUpdate: [], toLeave: [], unchanged: 20, problems: [] });
    const bromcom = preview(fixture('bromcom.csv'));
    expect(bromcom).toMatchObject({ encoding: 'utf-8', rows: 20, toAdd: [], toUpdate: [], toLeave: [], unchanged: 20, problems: [] });
  });

  it('Bromcom style: a record’s line is the physical line it starts on, after quoted line breaks', () => {
    const p = preview(fixture('bromcom.csv'));
    // every third record has a two-line address
    expect(p.toAdd.slice(0, 6).map((a) => [a.line, a.forename])).toEqual([
      [2, 'Aoife'],
      [4, 'Zoë'],
      [5, 'Minh'],
      [6, 'Tilly'],
      [8, 'Ciarán'],
      [9, 'Renée'],
    ]);
  });

  it('Windows-1252 bytes (Excel’s CSV on a UK PC): é, ë, ó and a curly apostrophe, never a replacement character', () => {
    const bytes = fixture('windows-1252.csv');
    expect(bytes.includes(0xeb)).toBe(true); // ë as one byte: not UTF-8
    const p = preview(bytes);
    expect(p.encoding).toBe('windows-1252');
    expect(fullNames(p.toAdd)).toEqual(['Zoë Quillwick', 'Renée Brambleton', 'Ciarán Ó Súilleabháin', 'Aoife O’Brien']);
    expect(JSON.stringify(p)).not.toContain('\uFFFD');
    importRoll(bytes);
    expect(fullNames(searchPupils(t.db, { query: 'obrien' }))).toEqual(['Aoife O’Brien']);
    expect(fullNames(searchPupils(t.db, { query: 'suilleabhain' }))).toEqual(['Ciarán Ó Súilleabháin']);
  });

  it('Windows-1252 written here byte by byte, and UTF-8 without BOM, import alike', () => {
    const text = 'Forename,Surname,Year,Reg,UPN\r\nZo\xeb,Ren\xe9e-\xd3g,Y3,3T,A100000000099\r\n';
    const latin = preview(Buffer.from(text, 'latin1'));
    const utf8 = preview(Buffer.from(text, 'utf8'));
    expect(latin.encoding).toBe('windows-1252');
    expect(utf8.encoding).toBe('utf-8');
    expect(latin.toAdd).toEqual(utf8.toAdd);
    expect(latin.toAdd[0]).toMatchObject({ forename: 'Zoë', surname: 'Renée-Óg', yearGroup: 3 });
  });

  it('accepts the usual header spellings in any case and punctuation, and tab or semicolon separated files', () => {
    const headers = [
      'Admission Number,UPN,Legal Forename,Legal Surname,Year Group,Reg Group',
      'Adno,U.P.N.,FIRST NAME,LAST NAME,NC Year,Registration Form',
      'admission no,upn,Preferred Forename,Surname,year,Class',
      'Adno,UPN,forename,surname,Year,Form',
      'Adno,UPN,Forename,Surname,Year,Tutor Group',
      '"Adno","UPN","Forename ","  Surname","Year","Reg."',
    ];
    for (const header of headers) {
      const p = preview(csvOf(BASE.slice(0, 2), { header }));
      expect({ header, add: p.toAdd, problems: p.problems }).toEqual({
        header,
        add: [
          { line: 2, forename: 'Aoife', surname: "O'Brien", yearGroup: 0, regGroup: 'RW' },
          { line: 3, forename: 'Zoë', surname: 'Quillwick', yearGroup: 0, regGroup: 'RW' },
        ],
        problems: [],
      });
    }
    for (const sep of ['\t', ';']) {
      const text = `Forename${sep}Surname${sep}Year${sep}Reg${sep}UPN\nZoë${sep}Smith, Jr${sep}5${sep}5C${sep}A100000000001\n`;
      expect(preview(Buffer.from(text)).toAdd).toEqual([{ line: 2, forename: 'Zoë', surname: 'Smith, Jr', yearGroup: 5, regGroup: '5C' }]);
    }
  });

  it('quoted fields with commas, quotes and line breaks; names like O’Brien, Smith-Jones, Nguyễn', () => {
    const text = 'Forename,Surname,Year,Reg,UPN\n"Mary-Jane","Smith, ""MJ"" Jones",2,2S,A100000000001\n"Line\nbreak",Nguyễn,3,3T,A100000000002\nSiobhán,O\'Brien,4,4L,A100000000003\n';
    const p = preview(Buffer.from(text));
    expect(p.toAdd).toEqual([
      { line: 2, forename: 'Mary-Jane', surname: 'Smith, "MJ" Jones', yearGroup: 2, regGroup: '2S' },
      { line: 3, forename: 'Line break', surname: 'Nguyễn', yearGroup: 3, regGroup: '3T' },
      { line: 5, forename: 'Siobhán', surname: "O'Brien", yearGroup: 4, regGroup: '4L' },
    ]);
  });

  it('refuses, naming the file, what is not a roll: missing columns, no UPN or Adno, no pupils, an unclosed quote', () => {
    expect(refusal(() => preview(Buffer.from('Name,Class\nZoë,5W\n')))).toMatchObject({ code: 'RULE', field: 'file', message: expect.stringContaining('no column for first name (Forename), surname, year group (Year)') });
    expect(refusal(() => preview(Buffer.from('Forename,Surname,Class\nZoë,Smith,5W\n')))).toMatchObject({ field: 'file', message: expect.stringContaining('year group') });
    expect(refusal(() => preview(Buffer.from('Forename,Surname,Year\nZoë,Smith,5\n')))).toMatchObject({ field: 'file', message: expect.stringContaining('no UPN or admission number') });
    expect(refusal(() => preview(Buffer.from('Forename,Surname,Year,UPN\n')))).toMatchObject({ field: 'file', message: 'This file has no pupils in it.' });
    expect(refusal(() => preview(Buffer.from('Forename,Surname,Year,UPN\n,,5,\n')))).toMatchObject({ field: 'file', message: expect.stringContaining('None of the 1 rows') });
    expect(refusal(() => preview(Buffer.from('Forename,Surname,Year,UPN\nA,B,5,A100000000001\n"C,D,5,A100000000002\nE,F,5,A100000000003\n')))).toMatchObject({
      field: 'file',
      message: expect.stringContaining('Line 3 has a quote mark'),
    });
  });
});

describe('unusable rows', () => {
  it('are each reported with the line the record starts on and why, and left out', () => {
    const p = preview(fixture('problems.csv'));
    expect(p.rows).toBe(15);
    expect(p.toAdd.map((a) => [a.line, a.forename])).toEqual([
      [2, 'Amelie'],
      [10, 'Lottie, Jr'],
      [18, 'Abi'],
    ]);
    expect(p.problems).toEqual([
      { line: 3, message: 'No name: the first name and surname are empty.' },
      { line: 5, message: 'No surname.' },
      { line: 6, message: 'Unknown year group “7”: use R (Reception) or 1 to 6.' },
      { line: 7, message: 'Unknown year group “Nursery”: use R (Reception) or 1 to 6.' },
      { line: 8, message: 'Bad UPN “A12345”: a UPN is 13 characters, a letter, 11 digits, then a digit or letter.' },
      { line: 9, message: 'Duplicate UPN A200000000007: also on line 12.' },
      { line: 12, message: 'Duplicate UPN A200000000007: also on line 9.' },
      { line: 13, message: 'Duplicate admission number 2010: also on line 14.' },
      { line: 14, message: 'Duplicate admission number 2010: also on line 13.' },
      { line: 15, message: 'No year group.' },
      { line: 16, message: 'No UPN or admission number, so this pupil could not be matched on the next import.' },
      { line: 19, message: 'This line has a quote mark (") in the wrong place, so its values cannot be trusted.' },
    ]);
    const result = importRoll(fixture('problems.csv'), undefined, 'problems.csv');
    expect(summary(result)).toEqual({ add: 3, update: 0, leave: 0, unchanged: 0, problems: 12 });
    expect(t.db.prepare('SELECT file_name, kind, added, updated, "left", problems, staff_id FROM imports').get()).toEqual({
      file_name: 'problems.csv',
      kind: 'roll',
      added: 3,
      updated: 0,
      left: 0,
      problems: 12,
      staff_id: 1,
    });
  });

  it('hold the pupil they seem to be about: not changed, not marked as left', () => {
    importRoll(csvOf(BASE));
    const rows = BASE.map((r) => ({ ...r }));
    rows[0]!.year = '9'; // Aoife: unknown year
    rows[1]!.reg = '1K';
    rows[1]!.upn = 'BAD'; // Zoë: bad UPN, found by her admission number
    rows[2]!.forename = ''; // Minh: no name
    rows[3]!.adno = '1005'; // Tilly and Ciarán: the same admission number
    const p = preview(csvOf(rows));
    expect(p.problems.map((x) => x.line)).toEqual([2, 3, 4, 5, 6]);
    expect(p.toLeave).toEqual([]);
    expect(p.toUpdate).toEqual([]);
    expect(p.unchanged).toBe(15);
  });

  it('a row that would give a pupil another pupil’s number is a problem, and neither pupil is changed or marked as left', () => {
    importRoll(csvOf(BASE));
    const rows = BASE.slice(1).map((r) => ({ ...r }));
    rows[0]!.adno = '1001'; // Zoë's row claims Aoife's admission number; Aoife is not in the file
    const p = preview(csvOf(rows));
    expect(p.problems).toEqual([{ line: 2, message: "The admission number 1001 already belongs to Aoife O'Brien, who is not the pupil on this row. Check the numbers in the MIS." }]);
    expect(p.toLeave).toEqual([]);
    expect(p.toUpdate).toEqual([]);
  });
});

describe('re-importing', () => {
  it('updates what changed (a new class, a corrected name), adds joiners and marks leavers, in one audited transaction', () => {
    importRoll(csvOf(BASE));
    const spring = BASE.filter((r) => r.adno !== '1014').map((r) => ({ ...r }));
    spring.find((r) => r.adno === '1003')!.reg = '1P';
    spring.find((r) => r.adno === '1008')!.forename = 'Maelle';
    spring.push({ adno: '1021', upn: 'A100000001021', forename: 'Noémie', surname: 'Fennick', year: '3', reg: '3T' });
    t.clock.advance(86_400_000 * 30);
    const auditBefore = snapshot(t.db).audit as number;
    const p = importRoll(csvOf(spring), undefined, 'spring.csv');
    const minh = byAdno('1003');
    const maelle = byAdno('1008');
    const zofia = byAdno('1014');
    expect(summary(p)).toEqual({ add: 1, update: 2, leave: 1, unchanged: 17, problems: 0 });
    expect(p.leaversNeedConfirmation).toBe(false); // 1 of 20 is 5%: not more than 5%
    expect(p.toUpdate).toEqual([
      { id: minh.id, forename: 'Minh', surname: 'Nguyễn', changes: [{ field: 'regGroup', from: '1K', to: '1P' }] },
      { id: maelle.id, forename: 'Maëlle', surname: 'Wrenfield', changes: [{ field: 'forename', from: 'Maëlle', to: 'Maelle' }] },
    ]);
    expect(p.toLeave).toEqual([{ id: zofia.id, forename: 'Zofia', surname: 'Hazlebrook', yearGroup: 6, regGroup: '6F' }]);
    expect(p.toAdd).toEqual([{ line: 21, forename: 'Noémie', surname: 'Fennick', yearGroup: 3, regGroup: '3T' }]);
    expect(minh.regGroup).toBe('1P');
    expect(zofia).toMatchObject({ status: 'left', leftOn: '2026-12-25' });
    // never deleted: the leaver's record stays readable
    expect(getPupilRecord(t.db, zofia.id)).toMatchObject({ forename: 'Zofia', status: 'left' });
    // one audit row per pupil changed, plus the summary
    expect((snapshot(t.db).audit as number) - auditBefore).toBe(1 + 2 + 1 + 1);
    const rows = listAudit(t.db, { limit: 5 });
    expect(rows.map((r) => r.action).sort()).toEqual(['pupil.add', 'pupil.leave', 'pupil.update', 'pupil.update', 'roll.import']);
    expect(rows[0]).toMatchObject({ action: 'roll.import', entity: 'import', fields: ['added', 'left', 'problems', 'rows', 'unchanged', 'updated'] });
    // audit rows hold field names and a hash, never the names themselves
    expect(JSON.stringify(t.db.prepare('SELECT * FROM audit').all())).not.toMatch(/Noémie|Zofia|Maelle/);
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
    expect(t.db.prepare('SELECT file_name AS f, added, updated, "left" AS l FROM imports ORDER BY id').all()).toEqual([
      { f: 'roll.csv', added: 20, updated: 0, l: 0 },
      { f: 'spring.csv', added: 1, updated: 2, l: 1 },
    ]);
  });

  it('brings a leaver who reappears back on roll', () => {
    importRoll(csvOf(BASE));
    importRoll(csvOf(BASE.filter((r) => r.adno !== '1014')));
    const p = importRoll(csvOf(BASE));
    const zofia = byAdno('1014');
    expect(p.toUpdate).toEqual([{ id: zofia.id, forename: 'Zofia', surname: 'Hazlebrook', changes: [{ field: 'status', from: 'left', to: 'on-roll' }] }]);
    expect(zofia).toMatchObject({ status: 'on-roll', leftOn: null });
  });

  it('leaves untouched a file that matches the roll: no pupil rows change, only the import is logged', () => {
    importRoll(csvOf(BASE));
    const pupilsBefore = snapshot(t.db)['pupils.rows'];
    const p = importRoll(fixture('arbor.csv'));
    expect(summary(p)).toEqual({ add: 0, update: 0, leave: 0, unchanged: 20, problems: 0 });
    expect(snapshot(t.db)['pupils.rows']).toBe(pupilsBefore);
    expect(listAudit(t.db, { limit: 1 })[0]!.action).toBe('roll.import');
  });

  it('matches by admission number when the UPN was temporary, and changes the UPN', () => {
    const rows = BASE.map((r) => ({ ...r }));
    rows[0]!.upn = 'A10000000000T'; // a temporary UPN ends in a letter
    importRoll(csvOf(rows));
    const p = preview(csvOf(BASE));
    expect(p.toUpdate).toEqual([{ id: byAdno('1001').id, forename: 'Aoife', surname: "O'Brien", changes: [{ field: 'upn', from: 'A10000000000T', to: 'A100000000001' }] }]);
    expect(p.toAdd).toEqual([]);
  });

  it('does not match by admission number a pupil whose permanent UPN differs: a problem, and that pupil is held', () => {
    importRoll(csvOf(BASE));
    const rows = BASE.map((r) => ({ ...r }));
    rows[0]!.upn = 'A999999999999';
    const p = preview(csvOf(rows));
    expect(p.problems).toEqual([{ line: 2, message: "The admission number 1001 already belongs to Aoife O'Brien, who is not the pupil on this row. Check the numbers in the MIS." }]);
    expect(summary(p)).toEqual({ add: 0, update: 0, leave: 0, unchanged: 19, problems: 1 });
  });

  it('matches by admission number when the file or the pupil has no UPN', () => {
    const noUpn = BASE.map((r) => ({ ...r, upn: '' }));
    importRoll(csvOf(noUpn));
    const p = importRoll(csvOf(BASE));
    expect(summary(p)).toEqual({ add: 0, update: 20, leave: 0, unchanged: 0, problems: 0 });
    expect(p.toUpdate[0]!.changes).toEqual([{ field: 'upn', from: '', to: 'A100000000001' }]);
    // a file without UPNs does not take them away
    expect(summary(importRoll(csvOf(noUpn)))).toEqual({ add: 0, update: 0, leave: 0, unchanged: 20, problems: 0 });
  });

  it('swaps two pupils’ admission numbers when the MIS says so', () => {
    importRoll(csvOf(BASE));
    const rows = BASE.map((r) => ({ ...r }));
    rows[0]!.adno = '1002';
    rows[1]!.adno = '1001';
    const p = importRoll(csvOf(rows));
    expect(summary(p)).toEqual({ add: 0, update: 2, leave: 0, unchanged: 18, problems: 0 });
    expect(byAdno('1001').forename).toBe('Zoë');
    expect(byAdno('1002').forename).toBe('Aoife');
  });

  it('links a pupil added by hand (no UPN, no admission number) by name, instead of adding them twice', () => {
    importRoll(csvOf(BASE));
    const hand = w((tx) => createPupil(tx, { forename: 'Noémie', surname: 'Fennick', yearGroup: 3, regGroup: '3T', upn: null, adno: null }));
    const p = importRoll(csvOf([...BASE, { adno: '1021', upn: 'A100000001021', forename: 'Noemie', surname: 'FENNICK', year: '3', reg: '3T' }]));
    expect(summary(p)).toEqual({ add: 0, update: 1, leave: 0, unchanged: 20, problems: 0 });
    expect(getPupilRecord(t.db, hand.id)).toMatchObject({ upn: 'A100000001021', adno: '1021', forename: 'Noemie', surname: 'FENNICK' });
  });
});

describe('the leavers guard (more than 5% of the roll)', () => {
  it('refuses without confirmLeavers equal to the number, writing nothing; confirms with it', () => {
    importRoll(csvOf(BASE));
    const file = csvOf(BASE.slice(0, 18));
    const p = preview(file);
    expect(p.toLeave).toHaveLength(2);
    expect(p.leaversNeedConfirmation).toBe(true);
    const before = snapshot(t.db);
    const message = 'This file would mark 2 pupils as left (10% of the roll). If that is right, confirm 2 leavers.';
    expect(refusal(() => importRoll(file))).toEqual({ code: 'RULE', field: 'confirmLeavers', message });
    expect(refusal(() => importRoll(file, 3))).toEqual({ code: 'RULE', field: 'confirmLeavers', message });
    expect(refusal(() => importRoll(file, 1))).toEqual({ code: 'RULE', field: 'confirmLeavers', message });
    expect(snapshot(t.db)).toEqual(before);
    expect(summary(importRoll(file, 2))).toMatchObject({ leave: 2 });
    expect(countOnRoll(t.db)).toBe(18);
  });

  it('lets exactly 5% leave without asking', () => {
    importRoll(csvOf(BASE));
    const p = importRoll(csvOf(BASE.slice(1)));
    expect(p).toMatchObject({ leaversNeedConfirmation: false });
    expect(p.toLeave).toHaveLength(1);
  });

  it('names the number and the share of the roll, as the office will read it', () => {
    const big = Array.from({ length: 247 }, (_, i) => ({ adno: String(5000 + i), upn: `B${String(i).padStart(12, '0')}`, forename: `Child${i}`, surname: 'Test', year: String(i % 7), reg: `${i % 7}A` }));
    importRoll(csvOf(big));
    expect(refusal(() => importRoll(csvOf(big.slice(0, 35))))).toMatchObject({
      message: 'This file would mark 212 pupils as left (86% of the roll). If that is right, confirm 212 leavers.',
    });
  });

  it('says "1 pupil" and "1 leaver" on a small roll', () => {
    importRoll(csvOf(BASE.slice(0, 10)));
    expect(refusal(() => importRoll(csvOf(BASE.slice(0, 9))))?.message).toBe('This file would mark 1 pupil as left (10% of the roll). If that is right, confirm 1 leaver.');
  });
});

describe('the September roll-over', () => {
  it('is a new import: everyone up a year in new classes, Year 6 gone (confirmed), a new Reception intake', () => {
    importRoll(csvOf(BASE));
    t.clock.set('2027-09-02T07:30:00Z');
    const up = (y: string) => String((y === 'R' ? 0 : Number(y)) + 1);
    const september = BASE.filter((r) => r.year !== '6').map((r) => ({ ...r, year: up(r.year), reg: `${up(r.year)}${r.reg.slice(1)}` }));
    const intake = ['Ada', 'Bea', 'Cy'].map((forename, i) => ({ adno: String(1100 + i), upn: `A1000000011${i}0`, forename, surname: 'Newcombe', year: 'Reception', reg: 'RW' }));
    const file = csvOf([...september, ...intake]);
    const p = preview(file);
    expect(summary(p)).toEqual({ add: 3, update: 18, leave: 2, unchanged: 0, problems: 0 });
    expect(p.leaversNeedConfirmation).toBe(true);
    expect(fullNames(p.toLeave)).toEqual(['Kofi Emberstead', 'Zofia Hazlebrook']);
    expect(p.toUpdate.find((u) => u.forename === 'Zoë')!.changes).toEqual([
      { field: 'yearGroup', from: '0', to: '1' },
      { field: 'regGroup', from: 'RW', to: '1W' },
    ]);
    importRoll(file, 2);
    expect(countOnRoll(t.db)).toBe(21);
    expect(byAdno('1002')).toMatchObject({ yearGroup: 1, regGroup: '1W' });
    expect(byAdno('1013')).toMatchObject({ status: 'left', leftOn: '2027-09-02', yearGroup: 6 });
    expect(searchPupils(t.db, { yearGroup: 0 }).map((p) => p.forename)).toEqual(['Ada', 'Bea', 'Cy']);
    // leavers stay readable
    expect(fullNames(searchPupils(t.db, { query: 'kofi', includeLeft: true }))).toEqual(['Kofi Emberstead']);
  });
});

describe('a roll of 5,000', () => {
  it('imports a generated 5,000-row file, then re-imports it with class changes', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const y = i % 7;
      return { adno: String(100000 + i), upn: `C${String(i).padStart(12, '0')}`, forename: ['Zoë', 'Aoife', 'Minh', 'Ciarán'][i % 4]!, surname: `Surname${i}`, year: y === 0 ? 'R' : `Year ${y}`, reg: `${y}${'ABCDEFGH'[i % 8]}` };
    });
    const first = importRoll(csvOf(rows));
    expect(summary(first)).toEqual({ add: 5000, update: 0, leave: 0, unchanged: 0, problems: 0 });
    expect(first.toAdd[4999]!.line).toBe(5001);
    for (let i = 0; i < 5000; i += 10) rows[i]!.reg = `${i % 7}Z`;
    const again = importRoll(csvOf(rows));
    expect(summary(again)).toEqual({ add: 0, update: 500, leave: 0, unchanged: 4500, problems: 0 });
    expect(countOnRoll(t.db)).toBe(5000);
    expect(searchPupils(t.db, { query: 'ciaran surname4999' }).map((p) => p.surname)).toEqual(['Surname4999']);
  });
});

describe('a by-hand edit and an import agree', () => {
  it('a pupil marked as left by hand is not counted as a leaver again, and comes back if the file has them', () => {
    importRoll(csvOf(BASE));
    const zoe = byAdno('1002');
    w((tx) => updatePupil(tx, zoe.id, { status: 'left' }));
    const p = preview(csvOf(BASE.filter((r) => r.adno !== '1002')));
    expect(p.toLeave).toEqual([]);
    expect(preview(csvOf(BASE)).toUpdate).toEqual([{ id: zoe.id, forename: 'Zoë', surname: 'Quillwick', changes: [{ field: 'status', from: 'left', to: 'on-roll' }] }]);
  });
});
