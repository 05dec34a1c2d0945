/**
 * The preview behaves like the app when its records are lost (issue 13): an empty database file
 * with the school's backups beside it starts recovery mode over HTTP, never first-run setup; the
 * visitor-facing tab learns only that the app is closed; a restore brings the school back.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupNow } from '../../db/backup';
import { DatabaseOpenError } from '../../db/errors';
import { TEST_SCRYPT } from '../../db/pins';
import { TEST_PIN, makeTestDb, tempDir } from '../helpers/db';
import { startRecoveryPreview, type RecoveryPreview } from './recovery-server';
import { startPreview } from './server';
import { SESSION_HEADER } from './shim';

let dir: string;
let dist: string;
let dbFile: string;
let backupFile: string;
let recovery: RecoveryPreview;
let refusal: DatabaseOpenError;

beforeAll(async () => {
  dir = tempDir();
  dist = path.join(dir, 'dist');
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  const t = await makeTestDb(undefined, { staff: true });
  dbFile = path.join(dir, 'kiosk.sqlite');
  backupFile = (await backupNow(t.db, { dir: path.join(dir, 'backups'), reason: 'daily', clock: t.clock, keep: null })).file;
  t.dispose();
  fs.writeFileSync(dbFile, ''); // the records file emptied; only the backups are left
  try {
    await startPreview({ dbFile, port: 0, distDir: dist, scrypt: TEST_SCRYPT });
    throw new Error('expected the preview to refuse the empty file');
  } catch (err) {
    if (!(err instanceof DatabaseOpenError)) throw err;
    refusal = err;
  }
  recovery = await startRecoveryPreview({ dbFile, port: 0, distDir: dist, error: refusal });
});
afterAll(async () => {
  await recovery.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function post(port: number, p: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: p, headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text.startsWith('{') ? (JSON.parse(text) as unknown) : text }));
      },
    );
    req.on('error', reject);
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

async function session(port: number, publicScreen = false): Promise<string> {
  const r = await post(port, '/api/session', publicScreen ? { publicScreen: true } : {});
  return (r.json as { token: string }).token;
}

async function callAs(port: number, token: string, channel: string, input?: unknown): Promise<unknown> {
  return (await post(port, `/api/call/${channel}`, input === undefined ? {} : { input }, { [SESSION_HEADER]: token })).json;
}

describe('the preview with an empty records file and the backups beside it', () => {
  it('refused to open it (empty), left it empty, and serves recovery mode instead of setup', async () => {
    expect(refusal.reason).toBe('empty');
    expect(fs.statSync(dbFile).size).toBe(0);
    const office = await session(recovery.port);
    expect(await callAs(recovery.port, office, 'getRecoveryStatus')).toMatchObject({ ok: true, value: { needed: true, reason: 'empty', backups: [{ file: backupFile }] } });
    expect(await callAs(recovery.port, office, 'getAppStatus')).toMatchObject({ ok: true, value: { setupNeeded: false } });
    expect(await callAs(recovery.port, office, 'setupSchool', { schoolName: 'New', adminName: 'Mallory', pin: '482916' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('tells the visitor-facing tab only that it is closed, and lets it restore nothing', async () => {
    const pub = await session(recovery.port, true);
    expect(await callAs(recovery.port, pub, 'getSession')).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
    expect(await callAs(recovery.port, pub, 'getRecoveryStatus')).toEqual({ ok: true, value: { needed: true, reason: 'empty', message: '', file: '', backups: [] } });
    expect(await callAs(recovery.port, pub, 'restoreBackup', { backup: backupFile, staffId: 1, pin: TEST_PIN })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers an unknown token before reading its body, and refuses large bodies', async () => {
    const r = await post(recovery.port, '/api/call/getRecoveryStatus', 'not json at all', { [SESSION_HEADER]: 'forged' });
    expect(r.status).toBe(401);
    const office = await session(recovery.port);
    // the same limits as the normal preview (test/preview/http.ts): too large by its length, refused unread
    const big = await post(recovery.port, '/api/call/getRecoveryStatus', JSON.stringify({ input: 'x'.repeat(10_000) }), { [SESSION_HEADER]: office });
    expect(big.status).toBe(413);
    const deep = await post(recovery.port, '/api/call/getRecoveryStatus', '{"input":' + '['.repeat(40) + ']'.repeat(40) + '}', { [SESSION_HEADER]: office });
    expect(deep.status).toBe(400);
  });

  it('restores with an administrator PIN from the backup; the normal preview then opens the school', async () => {
    const office = await session(recovery.port);
    expect(await callAs(recovery.port, office, 'restoreBackup', { backup: backupFile, staffId: 1, pin: TEST_PIN })).toMatchObject({ ok: true, value: { restored: true } });
    await recovery.restored;
    const preview = await startPreview({ dbFile, port: 0, distDir: dist, scrypt: TEST_SCRYPT });
    try {
      const token = await session(preview.port);
      expect(await callAs(preview.port, token, 'getAppStatus')).toMatchObject({ ok: true, value: { schoolName: 'Test Primary School', setupNeeded: false } });
    } finally {
      await preview.close();
    }
  });
});
