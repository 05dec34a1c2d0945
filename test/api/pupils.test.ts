/** The pupil roll through dispatch: who may do what, the DSL-only category, and the error fields the screens show. */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardForPrint, CardLookup, Contact, PupilDetail, PupilSummary, RollImportResult, RollPreview } from '../../electron/api/contract';
import { apiCalls } from '../helpers/api';
import { makeTestDb, sessions, type TestDb } from '../helpers/db';
import { b64 } from './inputs';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb(undefined, { staff: true });
});
afterEach(() => t.dispose());

const { ok, call } = apiCalls(() => t);

const ROLL = [
  'Adno,UPN,Forename,Surname,Year,Reg',
  '1001,A100000000001,Zoë,Quillwick,Year 5,5W',
  "1002,A100000000002,Aoife,O'Brien,R,RW",
  '1003,A100000000003,Minh,Nguyễn,Y1,1K',
].join('\r\n');

async function seed(): Promise<{ zoe: number; aoife: number }> {
  await ok(sessions.admin, 'importRoll', { file: b64(ROLL), fileName: 'roll.csv' });
  const found = await ok<PupilSummary[]>(sessions.office, 'searchPupils', {});
  return { zoe: found.find((p) => p.forename === 'Zoë')!.id, aoife: found.find((p) => p.forename === 'Aoife')!.id };
}

describe('the roll through the API', () => {
  it('imports with a preview first (admin only), and searches as office staff with exactly the summary fields', async () => {
    expect(await call(sessions.office, 'previewRollImport', { file: b64(ROLL), fileName: 'roll.csv' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const preview = await ok<RollPreview>(sessions.admin, 'previewRollImport', { file: b64(ROLL), fileName: 'roll.csv' });
    expect(preview).toMatchObject({ encoding: 'utf-8', rows: 3, problems: [], leaversNeedConfirmation: false });
    expect(preview.toAdd).toHaveLength(3);
    const result = await ok<RollImportResult>(sessions.admin, 'importRoll', { file: b64(ROLL), fileName: 'roll.csv' });
    expect(result).toMatchObject({ saved: true, toAdd: [{ line: 2 }, { line: 3 }, { line: 4 }] });
    const found = await ok<PupilSummary[]>(sessions.office, 'searchPupils', { query: 'obrien' });
    expect(found).toEqual([
      { id: expect.any(Number), forename: 'Aoife', surname: "O'Brien", yearGroup: 0, regGroup: 'RW', status: 'on-roll', upn: 'A100000000002', adno: '1002', hasCard: false, hasNoContactFlag: false },
    ]);
    expect(await ok(sessions.office, 'listClasses')).toEqual([
      { yearGroup: 0, regGroup: 'RW', pupils: 1 },
      { yearGroup: 1, regGroup: '1K', pupils: 1 },
      { yearGroup: 5, regGroup: '5W', pupils: 1 },
    ]);
  });

  it('reads a Windows-1252 file sent as base64 bytes', async () => {
    const bytes = fs.readFileSync(new URL('../fixtures/roll/windows-1252.csv', import.meta.url));
    const preview = await ok<RollPreview>(sessions.admin, 'previewRollImport', { file: bytes.toString('base64'), fileName: 'windows-1252.csv' });
    expect(preview.encoding).toBe('windows-1252');
    expect(preview.toAdd.map((a) => `${a.forename} ${a.surname}`)).toEqual(['Zoë Quillwick', 'Renée Brambleton', 'Ciarán Ó Súilleabháin', 'Aoife O’Brien']);
  });

  it('names the field of each refusal: file, confirmLeavers', async () => {
    expect(await call(sessions.admin, 'importRoll', { file: 'not base64!', fileName: 'x.csv' })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'file' } });
    expect(await call(sessions.admin, 'importRoll', { file: b64('Name\nZoë\n'), fileName: 'x.csv' })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'file' } });
    expect(await call(sessions.admin, 'importRoll', { file: '', fileName: 'x.csv' })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'file', message: 'That file is empty.' } });
    await seed();
    const oneLeft = ROLL.split('\r\n').slice(0, 3).join('\r\n');
    const refused = await call(sessions.admin, 'importRoll', { file: b64(oneLeft), fileName: 'x.csv' });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'RULE', field: 'confirmLeavers', message: 'This file would mark 1 pupil as left (33% of the roll). If that is right, confirm 1 leaver.' },
    });
    expect(await ok<RollImportResult>(sessions.admin, 'importRoll', { file: b64(oneLeft), fileName: 'x.csv', confirmLeavers: 1 })).toMatchObject({ saved: true, toLeave: [{ forename: 'Minh' }] });
  });

  it('adds and edits pupils by hand: a bad UPN is INVALID on upn, a duplicate is CONFLICT on upn or adno', async () => {
    const { zoe } = await seed();
    expect(await call(sessions.office, 'createPupil', { forename: 'A', surname: 'B', yearGroup: 3, regGroup: '3T', upn: '12345' })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'upn' } });
    expect(await call(sessions.office, 'createPupil', { forename: 'A', surname: 'B', yearGroup: 3, regGroup: '3T', upn: 'a100000000001' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'upn' } });
    expect(await call(sessions.office, 'createPupil', { forename: 'A', surname: 'B', yearGroup: 3, regGroup: '3T', adno: '1002' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'adno' } });
    expect(await call(sessions.office, 'createPupil', { forename: 'A', surname: 'B', yearGroup: 7, regGroup: '3T' })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'yearGroup' } });
    const created = await ok<PupilDetail>(sessions.office, 'createPupil', { forename: ' Noémie ', surname: 'Fennick', yearGroup: 3, regGroup: '3T', upn: '', adno: '' });
    expect(created).toMatchObject({ forename: 'Noémie', upn: null, adno: null, status: 'on-roll', contacts: [], card: null, leftOn: null });
    const left = await ok<PupilDetail>(sessions.office, 'updatePupil', { id: zoe, status: 'left' });
    expect(left).toMatchObject({ status: 'left', leftOn: '2026-11-25' });
    expect(await call(sessions.office, 'updatePupil', { id: 999, regGroup: '5H' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
  });
});

describe('contacts and the DSL-only category', () => {
  it('office staff see the flag but never the category; a DSL sees both; only a DSL sets it', async () => {
    const { zoe } = await seed();
    const ana = await ok<Contact>(sessions.office, 'addContact', { pupilId: zoe, name: 'Ana Quillwick', relationship: 'Mother', phone: '07700 900123', mayCollect: true });
    expect(await call(sessions.office, 'setNoContact', { id: ana.id, noContact: true, category: 'court-order' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(sessions.admin, 'setNoContact', { id: ana.id, noContact: true, category: 'court-order' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(sessions.officeDsl, 'setNoContact', { id: ana.id, noContact: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID', field: 'category', message: 'Choose the reason: court order or other safeguarding reason.' },
    });
    expect(await call(sessions.officeDsl, 'setNoContact', { id: ana.id, noContact: true, category: 'because' })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'category' } });
    const flagged = await ok<Contact>(sessions.officeDsl, 'setNoContact', { id: ana.id, noContact: true, category: 'court-order' });
    expect(flagged).toMatchObject({ noContact: true, noContactCategory: 'court-order', mayCollect: false });

    const asOffice = await ok<PupilDetail>(sessions.office, 'getPupil', { id: zoe });
    expect(asOffice).toMatchObject({ hasNoContactFlag: true, contacts: [{ id: ana.id, noContact: true, noContactCategory: null, mayCollect: false }] });
    expect(JSON.stringify(asOffice)).not.toContain('court-order');
    const asAdmin = await ok<PupilDetail>(sessions.admin, 'getPupil', { id: zoe });
    expect(asAdmin.contacts[0]!.noContactCategory).toBeNull();
    const asDsl = await ok<PupilDetail>(sessions.leadershipDsl, 'getPupil', { id: zoe });
    expect(asDsl.contacts[0]!.noContactCategory).toBe('court-order');
    // every answer about a contact is filtered, not only getPupil
    expect(await ok<Contact>(sessions.office, 'updateContact', { id: ana.id, phone: '01843 123456' })).toMatchObject({ noContact: true, noContactCategory: null });
    expect(await ok<Contact>(sessions.officeDsl, 'updateContact', { id: ana.id, relationship: 'Mother' })).toMatchObject({ noContactCategory: 'court-order' });
    // the search shows the flag too
    expect(await ok<PupilSummary[]>(sessions.office, 'searchPupils', { query: 'zoe' })).toMatchObject([{ hasNoContactFlag: true }]);
  });

  it('refuses "may collect" on a flagged contact (RULE on mayCollect) and its removal except by a DSL (RULE on id)', async () => {
    const { zoe } = await seed();
    const ana = await ok<Contact>(sessions.office, 'addContact', { pupilId: zoe, name: 'Ana Quillwick', relationship: 'Mother', phone: '', mayCollect: false });
    await ok(sessions.officeDsl, 'setNoContact', { id: ana.id, noContact: true, category: 'other-safeguarding' });
    expect(await call(sessions.office, 'updateContact', { id: ana.id, mayCollect: true })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'mayCollect' } });
    expect(await call(sessions.officeDsl, 'updateContact', { id: ana.id, mayCollect: true })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'mayCollect' } });
    expect(await call(sessions.admin, 'removeContact', { id: ana.id })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'id' } });
    expect(await call(sessions.leadershipDsl, 'removeContact', { id: ana.id })).toEqual({ ok: true, value: { removed: ana.id } });
    expect(await call(sessions.office, 'removeContact', { id: ana.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
  });

  it('field errors for contacts: phone, duplicate name, unknown pupil', async () => {
    const { zoe } = await seed();
    expect(await call(sessions.office, 'addContact', { pupilId: zoe, name: 'X', relationship: '', phone: 'call me', mayCollect: false })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'phone' } });
    await ok(sessions.office, 'addContact', { pupilId: zoe, name: 'Ana Quillwick', relationship: '', phone: '', mayCollect: false });
    expect(await call(sessions.office, 'addContact', { pupilId: zoe, name: 'ANA QUILLWICK', relationship: '', phone: '', mayCollect: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } });
    expect(await call(sessions.office, 'addContact', { pupilId: 999, name: 'X', relationship: '', phone: '', mayCollect: false })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'pupilId' } });
  });

  it('imports contacts: check then save (admin only)', async () => {
    await seed();
    const file = b64('UPN,Contact Name,Relationship,Mobile,May Collect\r\nA100000000001,Ana Quillwick,Mother,07700 900123,Y\r\nA100000000009,Nobody,Aunt,,N\r\n');
    expect(await call(sessions.office, 'importContacts', { file, fileName: 'c.csv', save: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ok(sessions.admin, 'importContacts', { file, fileName: 'c.csv', save: false })).toEqual({
      rows: 2,
      toAdd: 1,
      toUpdate: 0,
      problems: [{ line: 3, message: 'No pupil on the roll has the UPN A100000000009. Import the roll first.' }],
      saved: false,
    });
    expect(await ok(sessions.admin, 'importContacts', { file, fileName: 'c.csv', save: true })).toMatchObject({ toAdd: 1, saved: true });
    expect(await ok(sessions.admin, 'importContacts', { file, fileName: 'c.csv', save: true })).toMatchObject({ toAdd: 0, toUpdate: 0, saved: true });
  });
});

describe('cards and exports', () => {
  it('issues, re-issues and looks up cards; an old card says when it was replaced', async () => {
    const { zoe } = await seed();
    const first = await ok<{ token: string; issuedAt: string }>(sessions.office, 'issueCard', { pupilId: zoe });
    expect(await ok<CardLookup>(sessions.office, 'lookupCard', { token: first.token.toLowerCase() })).toMatchObject({ found: true, pupil: { id: zoe, forename: 'Zoë', hasCard: true } });
    const second = await ok<{ token: string }>(sessions.office, 'issueCard', { pupilId: zoe });
    expect(await ok(sessions.office, 'lookupCard', { token: first.token })).toEqual({ found: false, reason: 'revoked', replacedOn: '2026-11-25' });
    expect(await ok(sessions.office, 'lookupCard', { token: 'nonsense' })).toEqual({ found: false, reason: 'unknown' });
    expect((await ok<PupilDetail>(sessions.office, 'getPupil', { id: zoe })).card).toMatchObject({ token: second.token });
    const cards = await ok<CardForPrint[]>(sessions.office, 'cardsForPrint', { all: true });
    expect(cards.map((c) => `${c.regGroup} ${c.surname}`)).toEqual(['RW O\'Brien', '1K Nguyễn', '5W Quillwick']);
    expect(cards.find((c) => c.pupilId === zoe)!.token).toBe(second.token);
    expect(await call(sessions.office, 'cardsForPrint', { regGroup: '6Z' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'regGroup' } });
    expect(await call(sessions.office, 'cardsForPrint', { pupilIds: [] })).toMatchObject({ ok: false, error: { code: 'INVALID', field: 'pupilIds' } });
  });

  it('exports the roll (staff) and the contacts (admin) as CSV files named by date, each export audited', async () => {
    await seed();
    const roll = await ok<{ fileName: string; csv: string }>(sessions.office, 'exportRoll', {});
    expect(roll.fileName).toBe('roll-2026-11-25.csv');
    expect(roll.csv).toContain('A100000000001,1001,Quillwick,Zoë,5,5W,On roll,');
    expect(await call(sessions.office, 'exportContacts', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const contacts = await ok<{ fileName: string; csv: string }>(sessions.admin, 'exportContacts', {});
    expect(contacts.fileName).toBe('contacts-2026-11-25.csv');
    const actions = t.db.prepare("SELECT action, actor FROM audit WHERE entity = 'export' ORDER BY seq").all();
    expect(actions).toEqual([
      { action: 'roll.export', actor: 'staff:2' },
      { action: 'contacts.export', actor: 'staff:1' },
    ]);
  });
});
