/** The fingerprint channels through dispatch: read by staff, checked by an administrator, the check audited, typed input refused at its field. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fingerprint } from '../../db/witnesses';
import { dispatch } from '../../electron/api/dispatch';
import { makeTestDb, sessions, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T16:00:00Z', { staff: true });
});
afterEach(() => t.dispose());

const noop = () => {};

describe('verifyAudit with its witnesses', () => {
  it('compares the backups with the trail, and reports one deleted by hand', async () => {
    const taken = await dispatch(t.ctx, sessions.admin, 'backupNow', {}, noop);
    if (!taken.ok) throw new Error('no backup');
    expect(await dispatch(t.ctx, sessions.admin, 'verifyAudit', {}, noop)).toMatchObject({ ok: true, value: { ok: true, witnesses: { ok: true, matched: 1, findings: [] } } });
    const { file } = taken.value as { file: string };
    const folder = path.join(path.dirname(t.ctx.files.database), 'backups');
    fs.rmSync(path.join(folder, file));
    fs.rmSync(path.join(folder, `${file}.json`));
    expect(await dispatch(t.ctx, sessions.admin, 'verifyAudit', {}, noop)).toMatchObject({
      ok: true,
      value: { ok: true, witnesses: { ok: false, findings: [{ kind: 'disappeared', file }] } },
    });
  });
});

describe('getFingerprint and checkFingerprint', () => {
  it('gives the head to any member of staff, and checks a typed copy of it (audited)', async () => {
    const r0 = await dispatch(t.ctx, sessions.office, 'getFingerprint', {}, noop);
    if (!r0.ok || !r0.value) throw new Error('no fingerprint');
    const fp = { value: r0.value as Fingerprint };
    const typed = { seq: ` ${fp.value.seq} `, hex: fp.value.hex.toUpperCase().replace(/(.{4})/g, '$1 ') };
    const before = t.db.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
    const r = await dispatch(t.ctx, sessions.admin, 'checkFingerprint', typed, noop);
    expect(r).toEqual({ ok: true, value: { outcome: 'matches', seq: fp.value.seq, at: fp.value.at } });
    const row = t.db.prepare('SELECT actor, action, entity, entity_id FROM audit ORDER BY seq DESC LIMIT 1').get();
    expect(row).toEqual({ actor: 'staff:1', action: 'audit.fingerprint-check', entity: 'audit', entity_id: String(fp.value.seq) });
    expect(t.db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(before + 1);
  });

  it('refuses a malformed number or code at its field, writing nothing', async () => {
    const before = t.db.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
    expect(await dispatch(t.ctx, sessions.admin, 'checkFingerprint', { seq: '18342-9f', hex: '9f3a1c07d2e4b6a8' }, noop)).toMatchObject({
      ok: false,
      error: { code: 'INVALID', field: 'seq', message: 'The sequence number is the whole number before the dash, such as 18342.' },
    });
    expect(await dispatch(t.ctx, sessions.admin, 'checkFingerprint', { seq: '1', hex: '9f3a1c07d2e4b6a' }, noop)).toMatchObject({
      ok: false,
      error: { field: 'hex', message: 'The check code is 16 characters long (this has 15).' },
    });
    expect(await dispatch(t.ctx, sessions.admin, 'checkFingerprint', { seq: '1', hex: '9f3a1c07d2e4b6az' }, noop)).toMatchObject({
      ok: false,
      error: { field: 'hex', message: 'The check code has only the digits 0 to 9 and the letters a to f.' },
    });
    expect(t.db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(before);
  });
});
