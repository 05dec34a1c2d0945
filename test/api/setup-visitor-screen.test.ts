/**
 * First-run setup is never done from the visitor-facing screen (issue 13): whoever stands there
 * would become the school's administrator. The office screen of the same new school still can.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSetUp } from '../../db/setup';
import { dispatch } from '../../electron/api/dispatch';
import { kioskSession, publicScreenSession } from '../../electron/api/session';
import { makeTestDb, snapshot, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb();
});
afterEach(() => t.dispose());

const input = { schoolName: 'Oakfield Primary School', adminName: 'Mallory', pin: '482916' };

describe('setupSchool and the visitor-facing screen', () => {
  it('is refused from the visitor-facing screen and writes nothing', async () => {
    const before = snapshot(t.db);
    expect(await dispatch(t.ctx, publicScreenSession, 'setupSchool', input)).toMatchObject({
      ok: false,
      error: { code: 'RULE', message: 'The school is set up at the office screen, not on the visitor screen.' },
    });
    expect(snapshot(t.db)).toEqual(before);
    expect(isSetUp(t.db)).toBe(false);
  });

  it('is done from the office screen', async () => {
    expect(await dispatch(t.ctx, kioskSession, 'setupSchool', input)).toMatchObject({ ok: true, value: { admin: { name: 'Mallory' } } });
    expect(isSetUp(t.db)).toBe(true);
  });
});
