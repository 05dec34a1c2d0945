/** The preview server: loopback only, its own Host and Origin only, the app's CSP, no path traversal. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SCRYPT } from '../../db/pins';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { tempDir } from '../helpers/db';
import { staticFile } from '../../electron/shell/protocol';
import { startPreview, type Preview } from './server';

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

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: preview.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
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
    expect(JSON.parse(stranger.body)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(stranger.headers['x-kiosk-reload']).toBe('1');
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
