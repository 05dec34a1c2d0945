import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { triggerNames } from '../../db/record-states';
import { dispatch } from '../../electron/api/dispatch';
import { runAndRecordChecks } from '../../electron/api/checks';
import { recordsChangedText } from '../../renderer/words/records';
import type { Session } from '../../electron/api/session';
import { makeTestDb, sessions, type TestDb } from '../helpers/db';

let t: TestDb;
afterEach(() => t.dispose());
const call = (session: Session, channel: string, input?: unknown) => dispatch(t.ctx, session, channel, input, () => {});

const WORDS =
  /^Records may have been changed outside Reception Kiosk \(found 09:40; last good check 08:40\)\. Keep using the app: new records are saved\. Tell the head teacher and the DSL now\. Do not restore or delete anything until IT has copied the data folder as it is\.$/;

describe('the record check through the API', () => {
  it('Settings › Backups runs every check; a record changed outside the app raises the alert only an administrator or DSL acknowledges, with a note', async () => {
    t = await makeTestDb('2026-11-25T08:40:00Z', { staff: true });
    expect(await call(sessions.admin, 'checkRecords')).toMatchObject({ ok: true, value: { ok: true, findings: [], lastGoodAt: '2026-11-25T08:40:00.000Z' } });
    expect(await call(sessions.office, 'checkRecords')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const raw = new Database(t.file);
    raw.exec(`DROP TRIGGER ${triggerNames('staff')[1]!}`);
    raw.prepare("UPDATE staff SET role = 'admin' WHERE id = 2").run();
    raw.close();

    t.clock.set('2026-11-25T09:40:00Z');
    const report = await runAndRecordChecks(t.ctx, 'daily');
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'changed', message: expect.stringContaining('staff record 2') })]));
    const seen = await call(sessions.office, 'getConsoleAlerts');
    expect(seen).toMatchObject({ ok: true, value: [{ kind: 'records-changed', mayDealWith: false, text: expect.stringMatching(WORDS) }] });
    const id = (seen as { value: { id: number }[] }).value[0]!.id;
    expect(await call(sessions.leadership, 'resolveAlert', { id, note: 'Seen' })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'id' } });
    expect(await call(sessions.officeDsl, 'resolveAlert', { id })).toMatchObject({ ok: false, error: { code: 'RULE', field: 'note' } });
    expect(await call(sessions.officeDsl, 'resolveAlert', { id, note: 'Head teacher told; IT copied the data folder at 10:30.' })).toEqual({ ok: true, value: { resolved: id } });
    expect(await call(sessions.office, 'getConsoleAlerts')).toEqual({ ok: true, value: [] });
  });
});

describe('the alert\u2019s words', () => {
  it('are in the school\u2019s time zone, with the last good check or "none yet"', () => {
    expect(recordsChangedText('2026-06-25T09:40:00Z', '2026-06-25T07:05:00Z', 'Europe/London')).toMatch(/^Records may have been changed outside Reception Kiosk \(found 10:40; last good check 08:05\)\./);
    expect(recordsChangedText('2026-11-25T23:59:00Z', null, 'Europe/London')).toContain('(found 23:59; last good check none yet)');
    expect(recordsChangedText('2026-11-25T09:40:00Z', '2026-11-24T16:00:00Z', 'America/New_York')).toContain('(found 04:40; last good check 11:00)');
    expect(recordsChangedText('not a date', null, 'Europe/London')).toContain('(found unknown;');
  });
});
