import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOpenAlerts, resolveAlert } from '../../db/alerts';
import type { Actor } from '../../db/audit';
import { createPupil } from '../../db/pupils';
import { checkInWorker, lastGoodCheck, recordCheckOutcome, runChecks, type CheckJob } from '../../db/record-check-run';
import { triggerNames } from '../../db/record-states';
import { write, type Tx } from '../../db/tx';
import { makeTestDb, refusal, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T09:15:00Z', { staff: true });
});
afterEach(() => t.dispose());

const office: Actor = { kind: 'staff', staffId: 2 };
const officeDsl: Actor = { kind: 'staff', staffId: 3 };
const admin: Actor = { kind: 'staff', staffId: 1 };
function as<T>(actor: Actor, fn: (tx: Tx) => T): T {
  return write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, actor, fn);
}
const job = (): CheckJob => ({ file: t.file, anchorFile: t.anchorFile, backupDirs: [path.join(t.dir, 'backups')] });

function forgeAPupil() {
  const p = as(office, (tx) => createPupil(tx, { forename: 'Zoë', surname: 'Quillwick', yearGroup: 5, regGroup: '5W', upn: null, adno: null }));
  const raw = new Database(t.file);
  raw.exec(`DROP TRIGGER ${triggerNames('pupils')[1]!}`);
  raw.prepare("UPDATE pupils SET reg_group = '6X' WHERE id = ?").run(p.id);
  raw.close();
  return p;
}

describe('the automatic checks', () => {
  it('pass on a school that only the app has written, and say so in the trail', () => {
    as(office, (tx) => createPupil(tx, { forename: 'Amy', surname: 'Able', yearGroup: 2, regGroup: '2B', upn: null, adno: null }));
    const report = runChecks(job());
    expect(report).toMatchObject({ ok: true, findings: [] });
    expect(report.records).toBeGreaterThan(5);
    expect(lastGoodCheck(t.db)).toBeNull();
    t.clock.set('2026-11-25T09:30:00Z');
    as({ kind: 'system' }, (tx) => recordCheckOutcome(tx, report, 'start-up'));
    expect(lastGoodCheck(t.db)).toBe('2026-11-25T09:30:00.000Z');
    expect(listOpenAlerts(t.db)).toEqual([]);
  });

  it('run on a worker thread with their own read-only connection, and find a forged record', async () => {
    forgeAPupil();
    const report = await checkInWorker(job(), path.resolve('test/helpers/check-worker-tsx.mjs'));
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'records', kind: 'changed', message: expect.stringMatching(/pupils record \d+ was changed outside Reception Kiosk/) })]));
    expect(JSON.stringify(report)).not.toMatch(/Quillwick|6X/);
  });

  it('a failure raises one alert; only an administrator or DSL acknowledges it, with a written note, audited', () => {
    forgeAPupil();
    const report = runChecks(job());
    const { alert } = as({ kind: 'system' }, (tx) => recordCheckOutcome(tx, report, 'daily'));
    expect(alert).not.toBeNull();
    expect(as({ kind: 'system' }, (tx) => recordCheckOutcome(tx, runChecks(job()), 'after-backup')).alert).toBe(alert);
    expect(listOpenAlerts(t.db)).toEqual([expect.objectContaining({ id: alert, kind: 'records-changed', entity: null })]);
    expect(refusal(() => as(office, (tx) => resolveAlert(tx, alert!, 'Seen it')))).toMatchObject({ code: 'RULE', message: /Only an administrator or a DSL can acknowledge/ });
    expect(refusal(() => as(officeDsl, (tx) => resolveAlert(tx, alert!, '  ')))).toMatchObject({ field: 'note' });
    expect(refusal(() => as(admin, (tx) => resolveAlert(tx, alert!, 'x'.repeat(1001))))).toMatchObject({ field: 'note' });
    as(officeDsl, (tx) => resolveAlert(tx, alert!, 'Head teacher told at 10:05; IT copied the data folder at 10:40.'));
    expect(listOpenAlerts(t.db)).toEqual([]);
    expect(t.db.prepare('SELECT resolved_by AS by, resolved_note AS note FROM alerts WHERE id = ?').get(alert)).toEqual({ by: 3, note: 'Head teacher told at 10:05; IT copied the data folder at 10:40.' });
    const audit = t.db.prepare("SELECT actor, fields FROM audit WHERE action = 'alert.resolve' ORDER BY seq DESC LIMIT 1").get();
    expect(audit).toEqual({ actor: 'staff:3', fields: '["note"]' });
  });
});
