import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../db/errors';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { z } from '../../electron/api/zod';
import { makeTestDb, sessions, snapshot, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb();
});
afterEach(() => {
  vi.restoreAllMocks();
  t.dispose();
});

describe('dispatch', () => {
  it('runs zod without code generation, so it works under a CSP without unsafe-eval', () => {
    expect(z.config().jitless).toBe(true);
  });

  it.each(['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, { name: 'getSettings' }])(
    'refuses an unknown channel %j',
    async (channel) => {
      expect(await dispatch(t.ctx, sessions.admin, channel, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    },
  );

  it('names the field in a validation error, in plain words', async () => {
    const r = await dispatch(t.ctx, sessions.admin, 'addClosure', { startsOn: '2026-02-30', endsOn: '2026-03-01', label: 'x' });
    expect(r).toEqual({ ok: false, error: { code: 'INVALID', field: 'startsOn', message: 'First day must be a real date like 2026-09-03.' } });
  });

  it.each([
    [{ label: '' }, 'label', 'Enter the name.'],
    [{ label: '   ' }, 'label', 'Enter the name.'],
    [{ label: 'x'.repeat(81) }, 'label', 'Name must be 80 characters or fewer.'],
    [{ label: 'tab\there' }, 'label', 'Name contains a character that cannot be used.'],
    [{ label: 'two\nlines' }, 'label', 'Name must be on one line.'],
    [{ label: 'evil\u202Eexe.txt' }, 'label', 'Name contains a character that cannot be used.'],
    [{ label: 42 }, 'label', 'Name must be text.'],
    [{ label: undefined }, 'label', 'Name is required.'],
  ])('refuses a bad text %j', async (patch, field, message) => {
    const before = snapshot(t.db);
    const input: Record<string, unknown> = { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'ok' };
    Object.assign(input, patch);
    const r = await dispatch(t.ctx, sessions.admin, 'addClosure', input);
    expect(r).toEqual({ ok: false, error: { code: 'INVALID', field, message } });
    expect(snapshot(t.db)).toEqual(before);
  });

  it('refuses fields the screen does not send', async () => {
    const r = await dispatch(t.ctx, sessions.admin, 'updateSettings', { schoolName: 'A', isAdmin: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID' } });
  });

  it('trims and normalises text before saving (a decomposed ë is stored composed)', async () => {
    const r = await dispatch(t.ctx, sessions.admin, 'updateSettings', { schoolName: '  Zoe\u0308 Primary  ' });
    expect(r).toMatchObject({ ok: true, value: { schoolName: 'Zo\u00eb Primary' } });
  });

  it.each(['<img src=x onerror=alert(1)>', "'); DROP TABLE audit;--"])('stores and returns a hostile string as plain text: %s', async (s) => {
    expect(await dispatch(t.ctx, sessions.admin, 'updateSettings', { schoolName: s })).toMatchObject({ ok: true });
    expect(await dispatch(t.ctx, sessions.admin, 'addClosure', { startsOn: '2026-12-21', endsOn: '2027-01-01', label: s })).toMatchObject({ ok: true });
    expect(await dispatch(t.ctx, sessions.office, 'getSettings', {})).toMatchObject({ ok: true, value: { schoolName: s } });
    expect(await dispatch(t.ctx, sessions.office, 'listClosures', {})).toMatchObject({ ok: true, value: [{ label: s }] });
    expect(await dispatch(t.ctx, sessions.admin, 'verifyAudit', {})).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('passes a rule refusal through with its field', async () => {
    const r = await dispatch(t.ctx, sessions.admin, 'addClosure', { startsOn: '2027-01-01', endsOn: '2026-12-21', label: 'Backwards' });
    expect(r).toEqual({ ok: false, error: { code: 'RULE', field: 'endsOn', message: 'The last day must be on or after the first day.' } });
    expect(await dispatch(t.ctx, sessions.admin, 'removeClosure', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    vi.spyOn(handlers, 'getSettings').mockImplementation(() => {
      throw new DomainError('CONFLICT', 'Someone else changed this first.');
    });
    expect(await dispatch(t.ctx, sessions.admin, 'getSettings', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Someone else changed this first.' } });
  });

  it('never throws: an unexpected error becomes a generic message, logged without its message', async () => {
    vi.spyOn(handlers, 'getSettings').mockImplementation(() => {
      throw new TypeError('cannot read pupil Zoë Smith');
    });
    const r = await dispatch(t.ctx, sessions.office, 'getSettings', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('nothing was saved') } });
    expect(JSON.stringify(r)).not.toContain('Zoë');
    const entry = t.log.entries.find((e) => e.event === 'api.unexpected');
    expect(entry?.fields).toMatchObject({ channel: 'getSettings', session: 'staff:2', errorName: 'TypeError' });
    expect(JSON.stringify(t.log.entries)).not.toContain('Zoë');
  });

  it('survives a handler that throws a non-Error or rejects', async () => {
    vi.spyOn(handlers, 'getSettings').mockImplementation(() => {
      throw null;
    });
    expect(await dispatch(t.ctx, sessions.office, 'getSettings', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    vi.spyOn(handlers, 'listBackups').mockImplementation(() => Promise.reject(new Error('disk gone')) as never);
    expect(await dispatch(t.ctx, sessions.admin, 'listBackups', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('tells the office to try again when the database is busy', async () => {
    vi.spyOn(handlers, 'getSettings').mockImplementation(() => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    });
    expect(await dispatch(t.ctx, sessions.office, 'getSettings', {})).toMatchObject({ ok: false, error: { code: 'BUSY' } });
  });

  it('audits a manual backup as the admin who asked for it', async () => {
    const r = await dispatch(t.ctx, sessions.admin, 'backupNow', {});
    expect(r.ok).toBe(true);
    const row = t.db.prepare("SELECT actor, entity FROM audit WHERE action = 'backup.manual'").get();
    expect(row).toEqual({ actor: 'staff:1', entity: 'backup' });
    const list = await dispatch(t.ctx, sessions.admin, 'listBackups', {});
    expect(list).toMatchObject({ ok: true, value: { kept: 14, rotation: { daily: 14, weekly: 8, monthly: 12 }, backups: [{ reason: 'manual', otherChain: false }] } });
  });
});

describe('settings updates', () => {
  it('leaves fields that were not sent as they were (the backup folder is not reset by a name change)', async () => {
    const t2 = await makeTestDb();
    expect(await dispatch(t2.ctx, sessions.admin, 'updateSettings', { backupDir: '/srv/kiosk-backups' })).toMatchObject({ ok: true, value: { backupDir: '/srv/kiosk-backups' } });
    expect(await dispatch(t2.ctx, sessions.admin, 'updateSettings', { schoolName: 'Renamed' })).toMatchObject({ ok: true, value: { backupDir: '/srv/kiosk-backups', schoolName: 'Renamed' } });
    expect(await dispatch(t2.ctx, sessions.admin, 'updateSettings', { backupDir: '' })).toMatchObject({ ok: true, value: { backupDir: null } });
    expect(await dispatch(t2.ctx, sessions.admin, 'updateSettings', { backupDir: 'relative/folder' })).toMatchObject({ ok: false, error: { field: 'backupDir' } });
    t2.dispose();
  });
});
