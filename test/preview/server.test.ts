/**
 * The preview server: loopback only, its own Host and Origin only, the app's CSP, no path traversal;
 * the token checked before a body is read; body size and nesting limits; sessions that expire, are
 * capped and get a new token on unlock and lock; the visitor screen only with the office's ticket.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../db/clock';
import { TEST_SCRYPT } from '../../db/pins';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { tempDir } from '../helpers/db';
import { staticFile } from '../../electron/shell/protocol';
import { BODY_LIMIT, LARGER_BODIES, MAX_DEPTH, SESSION_EXPIRY, nestedDeeperThan, startPreview, type Preview } from './server';
import { contract } from '../../electron/api/contract';

let dir: string;
let preview: Preview;
beforeAll(async () => {
  dir = tempDir();
  const dist = path.join(dir, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the page');
  preview = await startPreview({ dbFile: path.join(dir, 'k.sqlite'), port: 0, distDir: dist, scrypt: TEST_SCRYPT });
});
afterAll(async () => {
  await preview.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function request(
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
  port = preview.port,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const own = () => ({ host: `127.0.0.1:${preview.port}`, origin: `http://127.0.0.1:${preview.port}`, 'content-type': 'application/json' });

describe('the preview server', () => {
  it('listens on loopback only', () => {
    expect(preview.url).toBe(`http://127.0.0.1:${preview.port}/`);
  });

  it('serves the page with the app CSP and the window.kiosk shim as its own file', async () => {
    const page = await request({ path: '/', headers: { host: own().host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toContain('<script src="./kiosk-shim.js"></script>');
    const shim = await request({ path: '/kiosk-shim.js', headers: { host: own().host } });
    expect(shim.headers['content-type']).toContain('text/javascript');
    expect(shim.body).toContain('"getAppStatus"');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(eval|inline)/);
  });

  it('refuses another Host (DNS rebinding) and another Origin (cross-site requests)', async () => {
    expect((await request({ path: '/', headers: { host: 'evil.example:80' } })).status).toBe(403);
    const session = await request({ method: 'POST', path: '/api/session', headers: { ...own(), origin: 'http://evil.example' }, body: '{}' });
    expect(session.status).toBe(403);
    const noOrigin = await request({ method: 'POST', path: '/api/session', headers: { host: own().host, 'content-type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    const form = await request({ method: 'POST', path: '/api/session', headers: { ...own(), 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('gives each tab its own kiosk session and answers calls through dispatch', async () => {
    const a = JSON.parse((await request({ method: 'POST', path: '/api/session', headers: own(), body: '{}' })).body) as { token: string };
    const r = await request({ method: 'POST', path: '/api/call/getSession', headers: { ...own(), 'x-kiosk-session': a.token }, body: '{}' });
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { kind: 'kiosk' } });
    const staffOnly = await request({ method: 'POST', path: '/api/call/getSettings', headers: { ...own(), 'x-kiosk-session': a.token }, body: '{}' });
    expect(JSON.parse(staffOnly.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = await request({ method: 'POST', path: '/api/call/getSession', headers: own(), body: '{}' });
    expect(stranger.status).toBe(401);
    const forged = await request({ method: 'POST', path: '/api/call/getSession', headers: { ...own(), 'x-kiosk-session': 'made-up' }, body: '{}' });
    expect(forged.status).toBe(401);
  });

  it('never serves a file outside the built renderer', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/assets/%00.js']) {
      const r = await request({ path: p, headers: { host: own().host } });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('not for the page');
    }
    expect((await request({ path: '/assets/app.js', headers: { host: own().host } })).headers['content-type']).toContain('text/javascript');
    expect(staticFile('/srv/dist', '/../etc/passwd')).toBe('/srv/dist/etc/passwd');
    expect(staticFile('/srv/dist', '/%E0%A4%A')).toBeNull();
  });
});

/** A second preview with a clock the tests move, and a school with an administrator (PIN 246813). */
describe('the preview server: sessions, bodies and the visitor screen (issue 13)', () => {
  const clock = manualClock('2026-11-25T08:40:00Z');
  let p: Preview;
  const hdrs = () => ({ host: `127.0.0.1:${p.port}`, origin: `http://127.0.0.1:${p.port}`, 'content-type': 'application/json' });
  const post = (path: string, body: string, extra: Record<string, string> = {}) => request({ method: 'POST', path, headers: { ...hdrs(), ...extra }, body }, p.port);
  const newSession = async (body = '{}') => (JSON.parse((await post('/api/session', body)).body) as { token: string }).token;
  const callAs = async (token: string, channel: string, input?: unknown) => {
    const r = await post(`/api/call/${channel}`, JSON.stringify(input === undefined ? {} : { input }), { 'x-kiosk-session': token });
    return { status: r.status, headers: r.headers, json: r.status === 200 ? (JSON.parse(r.body) as { ok: boolean; value?: unknown; error?: { code: string } }) : null };
  };
  async function unlockedAdmin(): Promise<string> {
    const kiosk = await newSession();
    const r = await callAs(kiosk, 'unlock', { staffId: 1, pin: '246813' });
    expect(r.json).toMatchObject({ ok: true });
    return r.headers['x-kiosk-new-session'] as string;
  }

  beforeAll(async () => {
    const dist = path.join(dir, 'dist');
    p = await startPreview({ dbFile: path.join(dir, 'k2.sqlite'), port: 0, distDir: dist, scrypt: TEST_SCRYPT, clock });
    const kiosk = await newSession();
    expect((await callAs(kiosk, 'setupSchool', { schoolName: 'Test School', adminName: 'Ada Admin', pin: '246813' })).json).toMatchObject({ ok: true });
  });
  afterAll(() => p.close());

  it('gives a new token on unlock and on lock, in a header; the old one is dead (401)', async () => {
    const kiosk = await newSession();
    const unlocked = await callAs(kiosk, 'unlock', { staffId: 1, pin: '246813' });
    expect(unlocked.headers['x-kiosk-reload']).toBe('1');
    const staff = unlocked.headers['x-kiosk-new-session'] as string;
    expect(staff).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(staff).not.toBe(kiosk);
    // a call already on its way with the old token is told the screen was reset (no 401 for the
    // browser to log), and is given nothing
    const late = await callAs(kiosk, 'getSession');
    expect(late.status).toBe(200);
    expect(late.headers['x-kiosk-session-gone']).toBe('1');
    expect(late.json).toEqual({ ok: false, error: { code: 'LOCKED', message: 'This screen has been reset. Please start again.' } });
    expect((await callAs(staff, 'getSession')).json).toMatchObject({ ok: true, value: { kind: 'staff', staffId: 1 } });
    const locked = await callAs(staff, 'lock');
    const after = locked.headers['x-kiosk-new-session'] as string;
    expect(after).toBeTruthy();
    const stale = await callAs(staff, 'getSettings');
    expect(stale.headers['x-kiosk-session-gone']).toBe('1');
    expect(stale.json).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect((await callAs(after, 'getSession')).json).toEqual({ ok: true, value: { kind: 'kiosk' } });
    // half a minute on, a replaced token is as unknown as any other
    clock.advance(31_000);
    expect((await callAs(staff, 'getSettings')).status).toBe(401);
    expect((await callAs(kiosk, 'getSession')).status).toBe(401);
  });

  it('answers 401 to a missing or unknown token before reading the body', async () => {
    // headers only, announcing 16 MiB that never come: the answer must not wait for them
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: p.port, method: 'POST', path: '/api/call/getSession', headers: { ...hdrs(), 'content-length': String(16 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.flushHeaders();
      setTimeout(() => reject(new Error('the server waited for the body')), 5_000).unref();
    });
    expect(status).toBe(401);
    expect((await post('/api/call/getSession', '[[[[', { 'x-kiosk-session': 'not-a-session' })).status).toBe(401);
  });

  it('limits a body to 256 KiB (413), more for the imports and pictures, and its nesting to 32 (400), before parsing', async () => {
    const token = await newSession();
    const big = JSON.stringify({ input: { padding: 'x'.repeat(BODY_LIMIT) } });
    expect((await post('/api/call/getSession', big, { 'x-kiosk-session': token })).status).toBe(413);
    // an import may be larger: past the size check, refused by the access check (a kiosk session)
    const roll = await post('/api/call/importRoll', JSON.stringify({ input: { file: 'A'.repeat(2 * BODY_LIMIT), fileName: 'roll.csv' } }), { 'x-kiosk-session': token });
    expect(roll.status).toBe(200);
    expect(JSON.parse(roll.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await post('/api/call/importRoll', JSON.stringify({ input: { file: 'A'.repeat(17 * 1024 * 1024) } }), { 'x-kiosk-session': token })).status).toBe(413);
    const deep = (n: number) => '{"input":' + '['.repeat(n - 1) + ']'.repeat(n - 1) + '}';
    expect((await post('/api/call/getSession', deep(MAX_DEPTH + 1), { 'x-kiosk-session': token })).status).toBe(400);
    expect((await post('/api/call/getSession', deep(MAX_DEPTH), { 'x-kiosk-session': token })).status).toBe(200);
    expect((await post('/api/session', '{"x":"' + 'y'.repeat(2048) + '"}')).status).toBe(413);
    // the scan counts brackets outside strings only
    expect(nestedDeeperThan(JSON.stringify({ s: '[[[[[[[[[[' }), 3)).toBe(false);
    expect(nestedDeeperThan(JSON.stringify({ s: 'a\\"[[[[' }), 3)).toBe(false);
    expect(nestedDeeperThan('[[[[', 3)).toBe(true);
    // every channel named for a larger body is a channel of the contract
    for (const name of Object.keys(LARGER_BODIES)) expect(Object.hasOwn(contract, name), name).toBe(true);
  });

  it('forgets sessions unused for 12 hours, and keeps 1,000 at most', async () => {
    const old = await newSession();
    const kept = await newSession();
    clock.advance(11 * 3_600_000);
    expect((await callAs(kept, 'getSession')).status).toBe(200);
    clock.advance(2 * 3_600_000);
    expect((await callAs(old, 'getSession')).status).toBe(401);
    expect((await callAs(kept, 'getSession')).status).toBe(200);
    for (let i = 0; i < SESSION_EXPIRY.max + 50; i++) await newSession();
    expect(p.sessions.size).toBe(SESSION_EXPIRY.max);
    expect((await callAs(kept, 'getSession')).status).toBe(401); // the one unused longest went first
  }, 60_000);

  it('makes a tab the visitor screen only with a one-time ticket a staff tab asked for', async () => {
    // a page that only says it is the visitor screen is a plain kiosk
    const forged = await newSession(JSON.stringify({ publicScreen: true }));
    expect((await callAs(forged, 'getSession')).json).toEqual({ ok: true, value: { kind: 'kiosk' } });
    expect(p.sessions.hasPublicScreen()).toBe(false);
    expect((await callAs(forged, 'submitPublicSignature', { requestId: 'x', signature: 'data:image/png;base64,AAAA' })).json).toMatchObject({ ok: false });
    // a kiosk session cannot get a ticket; no session at all gets 401
    expect((await post('/api/visitor-screen-ticket', '{}', { 'x-kiosk-session': forged })).status).toBe(403);
    expect((await post('/api/visitor-screen-ticket', '{}')).status).toBe(401);
    const made = await newSession(JSON.stringify({ publicScreen: true, ticket: 'guessed' }));
    expect((await callAs(made, 'getSession')).json).toEqual({ ok: true, value: { kind: 'kiosk' } });

    const office = await unlockedAdmin();
    const ticket = await post('/api/visitor-screen-ticket', '{}', { 'x-kiosk-session': office });
    expect(ticket.status).toBe(200);
    const url = (JSON.parse(ticket.body) as { url: string }).url;
    const t = /^\/\?screen=public&ticket=([A-Za-z0-9_-]+)#\/$/.exec(url)![1]!;
    const screen = await newSession(JSON.stringify({ publicScreen: true, ticket: t }));
    expect((await callAs(screen, 'getSession')).json).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
    // once only
    const again = await newSession(JSON.stringify({ publicScreen: true, ticket: t }));
    expect((await callAs(again, 'getSession')).json).toEqual({ ok: true, value: { kind: 'kiosk' } });
    // and for two minutes
    const late = /ticket=([A-Za-z0-9_-]+)/.exec((JSON.parse((await post('/api/visitor-screen-ticket', '{}', { 'x-kiosk-session': office })).body) as { url: string }).url)![1]!;
    clock.advance(121_000);
    expect((await callAs(await newSession(JSON.stringify({ publicScreen: true, ticket: late })), 'getSession')).json).toEqual({ ok: true, value: { kind: 'kiosk' } });
  });

  it('spends one budget of wrong PINs for every tab', async () => {
    const tabs = await Promise.all([1, 2, 3, 4].map(() => newSession()));
    for (let i = 0; i < 10; i++) await callAs(tabs[i % 4]!, 'unlock', { staffId: 1, pin: '975318' });
    const fresh = await newSession();
    expect((await callAs(fresh, 'getPinBudget')).json).toEqual({ ok: true, value: { waitSeconds: 30, recoveryCodeWaitSeconds: 0 } });
    expect((await callAs(fresh, 'unlock', { staffId: 1, pin: '246813' })).json).toMatchObject({ ok: false, error: { code: 'RULE' } });
    clock.advance(30_000);
  });

  it('the shim keeps a new token before it reloads, and drops a dead one', async () => {
    const shim = (await request({ path: '/kiosk-shim.js', headers: { host: hdrs().host } }, p.port)).body;
    expect(shim).toContain("response.headers.get('x-kiosk-new-session')");
    expect(shim).toContain('response.status === 401');
    expect(shim).toContain("query.get('ticket')");
  });
});

