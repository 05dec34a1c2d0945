/** The pupil roll by hand: adding and editing, leavers, search, classes, cards and the roll export. */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit, readAnchor, type Actor } from '../../db/audit';
import { cardsForPrint, issueCard, liveCard, lookupCard } from '../../db/cards';
import { addClosure } from '../../db/closures';
import { addContact, setNoContact } from '../../db/contacts';
import {
  DEFAULT_SEARCH_LIMIT,
  createPupil,
  getPupilListItem,
  listClasses,
  rollCsv,
  searchPupils,
  updatePupil,
  type PupilFields,
  type PupilRecord,
} from '../../db/pupils';
import { updateSettings } from '../../db/settings';
import { write, type Tx } from '../../db/tx';
import { makeTestDb, snapshot, type TestDb, refusal } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb();
});
afterEach(() => t.dispose());
const office: Actor = { kind: 'staff', staffId: 2 };
function w<T>(fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, office, fn);
}
function add(forename: string, surname: string, yearGroup = 5, regGroup = '5W', ids: Partial<Pick<PupilFields, 'upn' | 'adno'>> = {}): PupilRecord {
  return w((tx) => createPupil(tx, { forename, surname, yearGroup, regGroup, upn: ids.upn ?? null, adno: ids.adno ?? null }));
}
const names = (list: { forename: string; surname: string }[]) => list.map((p) => `${p.forename} ${p.surname}`);

describe('adding and editing pupils', () => {
  it('adds a pupil on roll with a search key and one audit row', () => {
    const p = add('Zoë', 'Quillwick', 5, '5W', { upn: 'A100000000001', adno: '1001' });
    expect(p).toMatchObject({ forename: 'Zoë', surname: 'Quillwick', yearGroup: 5, regGroup: '5W', status: 'on-roll', leftOn: null, upn: 'A100000000001', adno: '1001' });
    expect(t.db.prepare('SELECT search_key FROM pupils WHERE id = ?').pluck().get(p.id)).toBe('quillwick zoe');
    expect(listAudit(t.db, { entity: 'pupil' })).toMatchObject([{ action: 'pupil.add', entityId: String(p.id), actor: 'staff:2' }]);
  });

  it('refuses a UPN or admission number another pupil has, even a leaver, naming the field; nothing is written', () => {
    const zoe = add('Zoë', 'Quillwick', 5, '5W', { upn: 'A100000000001', adno: '1001' });
    w((tx) => updatePupil(tx, zoe.id, { status: 'left' }));
    const before = snapshot(t.db);
    expect(refusal(() => add('Other', 'Child', 3, '3T', { upn: 'A100000000001' }))).toMatchObject({ code: 'CONFLICT', field: 'upn', message: expect.stringContaining('Zoë Quillwick (left)') });
    expect(refusal(() => add('Other', 'Child', 3, '3T', { adno: '1001' }))).toMatchObject({ code: 'CONFLICT', field: 'adno' });
    const other = add('Other', 'Child', 3, '3T', { adno: '1002' });
    expect(refusal(() => w((tx) => updatePupil(tx, other.id, { adno: '1001' })))).toMatchObject({ code: 'CONFLICT', field: 'adno' });
    expect(snapshot(t.db).pupils).toBe((before.pupils as number) + 1);
  });

  it('saves and audits only what changed, and writes nothing when nothing did', () => {
    const p = add('Tilly', 'Smith-Jones', 1, '1K');
    t.clock.advance(60_000);
    const moved = w((tx) => updatePupil(tx, p.id, { regGroup: '1P', forename: 'Tilly' }));
    expect(moved.regGroup).toBe('1P');
    expect(moved.updatedAt > p.updatedAt).toBe(true);
    expect(listAudit(t.db, { entity: 'pupil', limit: 1 })[0]).toMatchObject({ action: 'pupil.update', fields: ['regGroup'] });
    const before = snapshot(t.db);
    w((tx) => updatePupil(tx, p.id, { regGroup: '1P', surname: 'Smith-Jones' }));
    expect(snapshot(t.db)).toEqual(before);
  });

  it('renaming updates the search key', () => {
    const p = add('Minh', 'Nguyen');
    w((tx) => updatePupil(tx, p.id, { surname: 'Nguyễn' }));
    expect(names(searchPupils(t.db, { query: 'nguyen' }))).toEqual(['Minh Nguyễn']);
  });

  it('marks a leaver with the school’s date, never deleting; back on roll clears it', () => {
    // 23:30 in London on 30 June (BST) is already 1 July in UTC+12, and 22:30 UTC
    t.clock.set('2026-06-30T22:30:00Z');
    const p = add('Kofi', 'Emberstead', 6, '6F');
    const left = w((tx) => updatePupil(tx, p.id, { status: 'left' }));
    expect(left).toMatchObject({ status: 'left', leftOn: '2026-06-30' });
    expect(listAudit(t.db, { entity: 'pupil', limit: 1 })[0]).toMatchObject({ action: 'pupil.leave', fields: ['leftOn', 'status'] });
    expect(searchPupils(t.db, { query: 'kofi' })).toEqual([]);
    expect(searchPupils(t.db, { query: 'kofi', includeLeft: true })).toMatchObject([{ id: p.id, status: 'left', leftOn: '2026-06-30' }]);
    const back = w((tx) => updatePupil(tx, p.id, { status: 'on-roll' }));
    expect(back).toMatchObject({ status: 'on-roll', leftOn: null });
  });

  it('the leaving date follows the school’s time zone setting', () => {
    w((tx) => updateSettings(tx, { timeZone: 'Pacific/Auckland' }));
    t.clock.set('2026-06-30T22:30:00Z');
    const p = add('Kofi', 'Emberstead', 6, '6F');
    expect(w((tx) => updatePupil(tx, p.id, { status: 'left' })).leftOn).toBe('2026-07-01');
  });

  it('refuses an empty name or a year outside Reception to Year 6', () => {
    expect(refusal(() => add(' ', 'X'))).toMatchObject({ code: 'RULE', field: 'forename' });
    expect(refusal(() => add('X', ''))).toMatchObject({ code: 'RULE', field: 'surname' });
    expect(refusal(() => add('X', 'Y', 7))).toMatchObject({ code: 'RULE', field: 'yearGroup' });
    expect(refusal(() => w((tx) => updatePupil(tx, 999, { forename: 'X' })))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

describe('searching the roll', () => {
  beforeEach(() => {
    add('Zoë', 'Quillwick', 5, '5W');
    add('Aoife', "O'Brien", 0, 'RW');
    add('Minh', 'Nguyễn', 1, '1K');
    add('Tilly', 'Smith-Jones', 1, '1K');
    add('Ciarán', 'Ó Súilleabháin', 2, '2S');
    add('Zoe', 'Brambleton', 2, '2S');
    add('Sam', 'Samuels', 3, '3T');
    add('Ben', 'Marsam', 3, '3T');
  });

  it('finds any part of a name, ignoring case and accents', () => {
    expect(names(searchPupils(t.db, { query: 'zoe' }))).toEqual(['Zoe Brambleton', 'Zoë Quillwick']);
    expect(names(searchPupils(t.db, { query: 'ZOË' }))).toEqual(['Zoe Brambleton', 'Zoë Quillwick']);
    expect(names(searchPupils(t.db, { query: 'nguyen' }))).toEqual(['Minh Nguyễn']);
    expect(names(searchPupils(t.db, { query: 'suilleab' }))).toEqual(['Ciarán Ó Súilleabháin']);
    expect(names(searchPupils(t.db, { query: 'quill' }))).toEqual(['Zoë Quillwick']);
  });

  it('finds O’Brien by obrien, o’brien and o\'brien, and Smith-Jones by "smith jones" or "jones"', () => {
    for (const q of ['obrien', "o'brien", 'O’BRIEN', 'brien']) expect(names(searchPupils(t.db, { query: q }))).toEqual(["Aoife O'Brien"]);
    expect(names(searchPupils(t.db, { query: 'smith jones' }))).toEqual(['Tilly Smith-Jones']);
    expect(names(searchPupils(t.db, { query: 'jones' }))).toEqual(['Tilly Smith-Jones']);
  });

  it('matches every word in any order (first name and surname)', () => {
    expect(names(searchPupils(t.db, { query: 'quillwick zoe' }))).toEqual(['Zoë Quillwick']);
    expect(names(searchPupils(t.db, { query: 'zoe quill' }))).toEqual(['Zoë Quillwick']);
    expect(searchPupils(t.db, { query: 'zoe smith' })).toEqual([]);
  });

  it('puts names starting with the search first, then by surname', () => {
    expect(names(searchPupils(t.db, { query: 'sam' }))).toEqual(['Sam Samuels', 'Ben Marsam']);
  });

  it('never lets % or _ act as a wildcard: like any punctuation they only separate words', () => {
    expect(searchPupils(t.db, { query: '%' })).toHaveLength(8); // punctuation alone: no name filter
    expect(searchPupils(t.db, { query: '_' })).toHaveLength(8);
    expect(names(searchPupils(t.db, { query: 'quill%' }))).toEqual(['Zoë Quillwick']);
    expect(searchPupils(t.db, { query: 'q%x' })).toEqual([]); // 'q' and 'x', not q-anything-x
    expect(names(searchPupils(t.db, { query: 'mar_sam' }))).toEqual(['Ben Marsam']); // 'mar' and 'sam'
  });

  it('filters by year and class (class ignoring case), and limits', () => {
    expect(names(searchPupils(t.db, { yearGroup: 1 }))).toEqual(['Minh Nguyễn', 'Tilly Smith-Jones']);
    expect(names(searchPupils(t.db, { regGroup: '2s' }))).toEqual(['Zoe Brambleton', 'Ciarán Ó Súilleabháin']);
    expect(searchPupils(t.db, { limit: 3 })).toHaveLength(3);
    expect(DEFAULT_SEARCH_LIMIT).toBe(200);
  });

  it('lists the classes on roll with their sizes', () => {
    expect(listClasses(t.db)).toEqual([
      { yearGroup: 0, regGroup: 'RW', pupils: 1 },
      { yearGroup: 1, regGroup: '1K', pupils: 2 },
      { yearGroup: 2, regGroup: '2S', pupils: 2 },
      { yearGroup: 3, regGroup: '3T', pupils: 2 },
      { yearGroup: 5, regGroup: '5W', pupils: 1 },
    ]);
  });

  it('says which pupils have a card and a "must not collect" contact', () => {
    const [zoe] = searchPupils(t.db, { query: 'quillwick' });
    expect(zoe).toMatchObject({ hasCard: false, hasNoContactFlag: false });
    w((tx) => issueCard(tx, zoe!.id));
    const c = w((tx) => addContact(tx, zoe!.id, { name: 'A Parent', relationship: 'Father', phone: '', mayCollect: false }));
    w((tx) => setNoContact(tx, c.id, { noContact: true, category: 'court-order' }));
    expect(getPupilListItem(t.db, zoe!.id)).toMatchObject({ hasCard: true, hasNoContactFlag: true });
  });
});

describe('pupil cards', () => {
  it('issues a KP token, re-issues revoking the old one, and a scan of the old card says when it was replaced', () => {
    const p = add('Zoë', 'Quillwick');
    const first = w((tx) => issueCard(tx, p.id));
    expect(first.token).toMatch(/^KP[A-Z2-7]{16}$/);
    expect(lookupCard(t.db, first.token.toLowerCase())).toEqual({ found: true, pupilId: p.id });
    t.clock.set('2026-12-01T23:30:00Z'); // still 1 December in London
    const second = w((tx) => issueCard(tx, p.id));
    expect(second.token).not.toBe(first.token);
    expect(liveCard(t.db, p.id)).toEqual(second);
    expect(lookupCard(t.db, first.token)).toEqual({ found: false, reason: 'revoked', replacedOn: '2026-12-01' });
    expect(lookupCard(t.db, second.token)).toEqual({ found: true, pupilId: p.id });
    expect(listAudit(t.db, { entity: 'pupil', entityId: String(p.id), limit: 2 }).map((a) => a.action)).toEqual(['card.reissue', 'card.issue']);
    // the token is never written into the audit log
    expect(JSON.stringify(t.db.prepare('SELECT * FROM audit').all())).not.toContain(first.token);
  });

  it('does not know other tokens, other types, or junk', () => {
    expect(lookupCard(t.db, 'KP' + 'A'.repeat(16))).toEqual({ found: false, reason: 'unknown' });
    expect(lookupCard(t.db, 'KV' + 'A'.repeat(16))).toEqual({ found: false, reason: 'unknown' });
    expect(lookupCard(t.db, "'; DROP TABLE pupils;--")).toEqual({ found: false, reason: 'unknown' });
  });

  it('refuses a card for a leaver or an unknown pupil', () => {
    const p = add('Kofi', 'Emberstead', 6, '6F');
    w((tx) => updatePupil(tx, p.id, { status: 'left' }));
    expect(refusal(() => w((tx) => issueCard(tx, p.id)))).toMatchObject({ code: 'RULE', field: 'pupilId' });
    expect(refusal(() => w((tx) => issueCard(tx, 999)))).toMatchObject({ code: 'NOT_FOUND', field: 'pupilId' });
  });

  it('cards for print: issues missing cards, keeps existing ones, sorted by class then surname', () => {
    const a = add('Ben', 'Wren', 5, '5W');
    const b = add('Amy', 'Ash', 5, '5W');
    const c = add('Cat', 'Able', 4, '4L');
    const d = add('Dan', 'Zed', 5, '5H');
    const left = add('Eve', 'Gone', 5, '5W');
    w((tx) => updatePupil(tx, left.id, { status: 'left' }));
    const kept = w((tx) => issueCard(tx, a.id));
    const cards = w((tx) => cardsForPrint(tx, { all: true }));
    expect(cards.map((x) => `${x.regGroup} ${x.surname}`)).toEqual(['4L Able', '5H Zed', '5W Ash', '5W Wren']);
    expect(cards.find((x) => x.pupilId === a.id)!.token).toBe(kept.token);
    expect(new Set(cards.map((x) => x.token)).size).toBe(4);
    // asking again issues nothing new
    const before = snapshot(t.db);
    expect(w((tx) => cardsForPrint(tx, { regGroup: '5w' })).map((x) => x.surname)).toEqual(['Ash', 'Wren']);
    expect(w((tx) => cardsForPrint(tx, { pupilIds: [d.id, c.id, d.id] })).map((x) => x.surname)).toEqual(['Able', 'Zed']);
    expect(snapshot(t.db)).toEqual(before);
    expect(refusal(() => w((tx) => cardsForPrint(tx, { regGroup: '6Z' })))).toMatchObject({ code: 'NOT_FOUND', field: 'regGroup' });
    expect(refusal(() => w((tx) => cardsForPrint(tx, { pupilIds: [b.id, left.id] })))).toMatchObject({ code: 'RULE', field: 'pupilIds' });
  });
});

describe('the roll export', () => {
  it('is re-importable CSV with formulas neutralised, on roll only unless asked', () => {
    add('=HYPERLINK("http://x","y")', 'Smith, "Jr"', 0, 'RW', { upn: 'A100000000001', adno: '-1' });
    const gone = add('Kofi', 'Emberstead', 6, '6F');
    w((tx) => addClosure(tx, { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas' }));
    w((tx) => updatePupil(tx, gone.id, { status: 'left' }));
    const { csv, rows } = rollCsv(t.db);
    expect(rows).toBe(1);
    expect(csv.startsWith('\uFEFFUPN,Adno,Surname,Forename,Year,Reg,Status,Left on\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[1]).toEqual(['A100000000001', "'-1", 'Smith, "Jr"', `'=HYPERLINK("http://x","y")`, 'R', 'RW', 'On roll', '']);
    const all = rollCsv(t.db, { includeLeft: true });
    expect(all.rows).toBe(2);
    expect(all.csv).toContain('Emberstead,Kofi,6,6F,Left,2026-11-25');
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true });
  });
});
