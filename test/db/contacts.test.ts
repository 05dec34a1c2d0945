/** Contacts: by hand, the DSL's "must not collect / no contact" mark and its rules, the import and the export. */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, readAnchor, verifyAudit, type Actor } from '../../db/audit';
import { addContact, contactsCsv, getContact, listContacts, removeContact, setNoContact, updateContact, type ContactFields } from '../../db/contacts';
import { importContactsFile, parseYesNo, planContactsImport } from '../../db/contacts-import';
import { createPupil, type PupilRecord } from '../../db/pupils';
import { write, type Tx } from '../../db/tx';
import { makeTestDb, snapshot, type TestDb, refusal } from '../helpers/db';

let t: TestDb;
let zoe: PupilRecord;
let minh: PupilRecord;
beforeEach(async () => {
  t = await makeTestDb(undefined, { staff: true });
  zoe = w((tx) => createPupil(tx, { forename: 'Zoë', surname: 'Quillwick', yearGroup: 5, regGroup: '5W', upn: 'A100000000001', adno: '1001' }));
  minh = w((tx) => createPupil(tx, { forename: 'Minh', surname: 'Nguyễn', yearGroup: 1, regGroup: '1K', upn: 'A100000000002', adno: '1002' }));
});
afterEach(() => t.dispose());
const office: Actor = { kind: 'staff', staffId: 2 };
function w<T>(fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, office, fn);
}
const mum: ContactFields = { name: 'Ana Quillwick', relationship: 'Mother', phone: '07700 900123', mayCollect: true };
const add = (fields: ContactFields = mum, pupilId = zoe.id) => w((tx) => addContact(tx, pupilId, fields));

describe('contacts by hand', () => {
  it('adds, edits and removes a contact, each audited', () => {
    const c = add();
    expect(c).toMatchObject({ pupilId: zoe.id, ...mum, noContact: false, noContactCategory: null });
    const edited = w((tx) => updateContact(tx, c.id, { phone: '+44 7700 900999', relationship: 'Mother' }));
    expect(edited.phone).toBe('+44 7700 900999');
    w((tx) => removeContact(tx, c.id, false));
    expect(getContact(t.db, c.id)).toBeNull();
    expect(listAudit(t.db, { entity: 'contact' }).map((a) => [a.action, a.fields])).toEqual([
      ['contact.remove', ['pupilId']],
      ['contact.update', ['phone']],
      ['contact.add', ['mayCollect', 'name', 'phone', 'pupilId', 'relationship']],
    ]);
  });

  it('refuses a second contact of the same name for a pupil (any case), and an unknown pupil', () => {
    add();
    expect(refusal(() => add({ ...mum, name: '  ana   QUILLWICK ' }))).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(add({ ...mum }, minh.id).pupilId).toBe(minh.id); // another pupil may have a contact of that name
    expect(refusal(() => add(mum, 999))).toMatchObject({ code: 'NOT_FOUND', field: 'pupilId' });
    const dad = add({ ...mum, name: 'Ben Quillwick' });
    expect(refusal(() => w((tx) => updateContact(tx, dad.id, { name: 'Ana Quillwick' })))).toMatchObject({ code: 'CONFLICT', field: 'name' });
  });

  it('writes nothing when nothing changes', () => {
    const c = add();
    const before = snapshot(t.db);
    w((tx) => updateContact(tx, c.id, { ...mum }));
    expect(snapshot(t.db)).toEqual(before);
  });
});

describe('"must not collect / no contact"', () => {
  it('takes away "may collect", keeps only the category, and the database refuses both at once', () => {
    const c = add();
    const flagged = w((tx) => setNoContact(tx, c.id, { noContact: true, category: 'court-order' }));
    expect(flagged).toMatchObject({ noContact: true, noContactCategory: 'court-order', mayCollect: false });
    expect(listAudit(t.db, { entity: 'contact', limit: 1 })[0]).toMatchObject({ action: 'contact.no-contact', fields: ['category', 'mayCollect', 'noContact'] });
    expect(() => t.db.prepare('UPDATE contacts SET may_collect = 1 WHERE id = ?').run(c.id)).toThrow(/CHECK/);
  });

  it('refuses mayCollect: true on a flagged contact, but allows other edits', () => {
    const c = add();
    w((tx) => setNoContact(tx, c.id, { noContact: true, category: 'other-safeguarding' }));
    expect(refusal(() => w((tx) => updateContact(tx, c.id, { mayCollect: true })))).toMatchObject({ code: 'RULE', field: 'mayCollect' });
    expect(w((tx) => updateContact(tx, c.id, { phone: '01843 123456', mayCollect: false })).phone).toBe('01843 123456');
  });

  it('can be removed only by a DSL', () => {
    const c = add();
    w((tx) => setNoContact(tx, c.id, { noContact: true, category: 'court-order' }));
    expect(refusal(() => w((tx) => removeContact(tx, c.id, false)))).toMatchObject({ code: 'RULE', field: 'id' });
    expect(getContact(t.db, c.id)).not.toBeNull();
    w((tx) => removeContact(tx, c.id, true));
    expect(getContact(t.db, c.id)).toBeNull();
  });

  it('changes category or clears (may collect stays off), writing nothing when nothing changes', () => {
    const c = add();
    w((tx) => setNoContact(tx, c.id, { noContact: true, category: 'court-order' }));
    let before = snapshot(t.db);
    w((tx) => setNoContact(tx, c.id, { noContact: true, category: 'court-order' }));
    expect(snapshot(t.db)).toEqual(before);
    expect(w((tx) => setNoContact(tx, c.id, { noContact: true, category: 'other-safeguarding' })).noContactCategory).toBe('other-safeguarding');
    const cleared = w((tx) => setNoContact(tx, c.id, { noContact: false }));
    expect(cleared).toMatchObject({ noContact: false, noContactCategory: null, mayCollect: false });
    before = snapshot(t.db);
    w((tx) => setNoContact(tx, c.id, { noContact: false }));
    expect(snapshot(t.db)).toEqual(before);
  });
});

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('the contacts import', () => {
  const file = csv(
    [
      'UPN,Adno,Contact Name,Relationship,Telephone,Parental Responsibility',
      'A100000000001,,Ana Quillwick,Mother,07700 900123,Y',
      ',1001,Ben Quillwick,Father,"+44 (0)1843 123456",No',
      'A100000000002,1002,"Nguyễn, Thi",Grandmother,,true',
      'A100000000099,,Nobody Known,Aunt,,Y',
      'A100000000001,,,Uncle,,N',
      'A100000000002,,Bad Phone,Uncle,call me,N',
      'A100000000002,,Maybe,Uncle,,perhaps',
      'A100000000001,,ANA QUILLWICK,Mother,,Y',
    ].join('\r\n'),
  );

  it('checks first: counts and problems by line, saving nothing', () => {
    const before = snapshot(t.db);
    const plan = planContactsImport(t.db, file);
    expect(plan.summary).toEqual({
      encoding: 'utf-8',
      rows: 8,
      toAdd: 3,
      toUpdate: 0,
      problems: [
        { line: 5, message: 'No pupil on the roll has the UPN A100000000099. Import the roll first.' },
        { line: 6, message: 'No contact name.' },
        { line: 7, message: 'The phone number “call me” is not a phone number (digits, spaces, + and brackets only).' },
        { line: 8, message: '“May collect” should be Y or N, not “perhaps”.' },
        { line: 9, message: 'ANA QUILLWICK is already listed for this pupil on line 2.' },
      ],
    });
    expect(snapshot(t.db)).toEqual(before);
  });

  it('saves the usable rows with an audit row each, a summary and the imports log', () => {
    const s = w((tx) => importContactsFile(tx, file, 'contacts.csv'));
    expect(s).toMatchObject({ toAdd: 3, toUpdate: 0 });
    expect(listContacts(t.db, zoe.id).map((c) => [c.name, c.relationship, c.phone, c.mayCollect])).toEqual([
      ['Ana Quillwick', 'Mother', '07700 900123', true],
      ['Ben Quillwick', 'Father', '+44 (0)1843 123456', false],
    ]);
    expect(listContacts(t.db, minh.id).map((c) => [c.name, c.mayCollect])).toEqual([['Nguyễn, Thi', true]]);
    expect(t.db.prepare('SELECT kind, file_name AS f, added, updated, "left" AS l, problems FROM imports').get()).toEqual({ kind: 'contacts', f: 'contacts.csv', added: 3, updated: 0, l: 0, problems: 5 });
    expect(listAudit(t.db, { limit: 4 }).map((a) => a.action)).toEqual(['contacts.import', 'contact.add', 'contact.add', 'contact.add']);
    expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true });
  });

  it('updates a contact matched by pupil and name (any case) instead of adding it again', () => {
    const ana = add({ ...mum, phone: '', mayCollect: false });
    const s = w((tx) => importContactsFile(tx, csv('Adno,Name,Relation,Mobile,Can Collect\n1001,ana quillwick,Mother,07700 900123,Yes\n1001,Ana Quillwick,Mother,,\n'), 'again.csv'));
    expect(s).toMatchObject({ toAdd: 0, toUpdate: 1, problems: [{ line: 3, message: 'Ana Quillwick is already listed for this pupil on line 2.' }] });
    expect(getContact(t.db, ana.id)).toMatchObject({ name: 'Ana Quillwick', phone: '07700 900123', mayCollect: true });
    // the same file again changes nothing but the log
    const again = w((tx) => importContactsFile(tx, csv('Adno,Name,Relation,Mobile,Can Collect\n1001,ana quillwick,Mother,07700 900123,Yes\n'), 'again.csv'));
    expect(again).toMatchObject({ toAdd: 0, toUpdate: 0 });
  });

  it('keeps what a file leaves blank or has no column for', () => {
    const ana = add();
    w((tx) => importContactsFile(tx, csv('UPN,Contact Name,May Collect\nA100000000001,Ana Quillwick,\n'), 'x.csv'));
    expect(getContact(t.db, ana.id)).toMatchObject({ phone: mum.phone, relationship: 'Mother', mayCollect: true });
  });

  it('never lets a file allow a flagged contact to collect, nor clears the flag', () => {
    const ana = add();
    w((tx) => setNoContact(tx, ana.id, { noContact: true, category: 'court-order' }));
    const s = w((tx) => importContactsFile(tx, csv('UPN,Contact Name,Phone,Collect\nA100000000001,Ana Quillwick,07700 900555,Y\n'), 'x.csv'));
    expect(s.problems).toEqual([{ line: 2, message: 'Ana Quillwick is marked “must not collect” for this pupil, but this file says they may collect. Nothing was changed for them; speak to a DSL.' }]);
    expect(getContact(t.db, ana.id)).toMatchObject({ noContact: true, noContactCategory: 'court-order', mayCollect: false, phone: mum.phone });
    // a row for them that does not ask for collecting updates the other details
    w((tx) => importContactsFile(tx, csv('UPN,Contact Name,Phone,Collect\nA100000000001,Ana Quillwick,07700 900555,N\n'), 'x.csv'));
    expect(getContact(t.db, ana.id)).toMatchObject({ noContact: true, phone: '07700 900555' });
  });

  it('refuses a file without a name column or a pupil number column, and reads Windows-1252', () => {
    expect(refusal(() => planContactsImport(t.db, csv('UPN,Phone\nA100000000001,0123456\n')))).toMatchObject({ code: 'RULE', field: 'file' });
    expect(refusal(() => planContactsImport(t.db, csv('Contact Name,Phone\nAna,0123456\n')))).toMatchObject({ code: 'RULE', field: 'file', message: expect.stringContaining('UPN') });
    const latin = planContactsImport(t.db, Buffer.from('UPN,Contact Name\r\nA100000000001,Ren\xe9e O\x92Brien\r\n', 'latin1'));
    expect(latin.summary).toMatchObject({ encoding: 'windows-1252', toAdd: 1, problems: [] });
    expect(latin.adds[0]!.fields.name).toBe('Renée O’Brien');
  });

  it('reads Y/N, Yes/No, True/False and 1/0', () => {
    expect(['Y', 'yes', 'TRUE', '1', 't'].map(parseYesNo)).toEqual([true, true, true, true, true]);
    expect(['n', 'No', 'false', '0', 'F'].map(parseYesNo)).toEqual([false, false, false, false, false]);
    expect(parseYesNo(' ')).toBeUndefined();
    expect(parseYesNo('maybe')).toBeNull();
  });
});

describe('the contacts export', () => {
  it('lists every contact with the pupil, flags as Y/N without categories, formulas neutralised', () => {
    const ana = add({ ...mum, name: '=HYPERLINK("http://x","y")', phone: '+44 7700 900123' });
    add({ ...mum, name: 'Ben Quillwick', relationship: 'Father', mayCollect: false });
    w((tx) => setNoContact(tx, ana.id, { noContact: true, category: 'court-order' }));
    const { csv: text, rows } = contactsCsv(t.db);
    expect(rows).toBe(2);
    expect(text).not.toContain('court-order');
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['UPN', 'Adno', 'Pupil Surname', 'Pupil Forename', 'Year', 'Reg', 'Pupil Status', 'Contact Name', 'Relationship', 'Phone', 'May Collect', 'Must Not Collect']);
    expect(parsed[1]).toEqual(['A100000000001', '1001', 'Quillwick', 'Zoë', '5', '5W', 'On roll', `'=HYPERLINK("http://x","y")`, 'Mother', "'+44 7700 900123", 'N', 'Y']);
    expect(parsed[2]!.slice(7)).toEqual(['Ben Quillwick', 'Father', '07700 900123', 'N', 'N']);
  });
});
