/**
 * The shell's security decisions as pure functions (electron/shell/security.ts, protocol.ts):
 * which URLs are ours, which senders are trusted, where pages may go, which permissions and
 * requests pass, the webPreferences of every window, and what the app:// protocol will serve.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { APP_INDEX_URL, answerAppRequest, staticFile } from '../../electron/shell/protocol';
import { allowNavigation, allowPermission, allowRequest, isAppUrl, isTrustedSender, secureWebPreferences } from '../../electron/shell/security';
import { tempDir } from '../helpers/db';

/** URLs that look like ours, or try to, and are not. */
const MISLEADING = [
  'app://kiosk.evil/index.html', // another host that starts with ours
  'app://evil/kiosk', // our host name as a path
  'app://evil/kiosk/index.html',
  'app://kiosk@evil/index.html', // "kiosk" is the user name, evil the host
  'app://user:pw@kiosk/index.html', // credentials on our host: never a URL we make
  'app://kiosk:pw@kiosk/index.html',
  'app://KIOSK/index.html', // see "case" below
  'app://kiosk./index.html',
  'app://kiosk%2e/index.html',
  'app://%6biosk/index.html',
  'app://kiosk:8080/index.html',
  'app:kiosk/index.html', // no host at all
  'app:///kiosk/index.html',
  'file:///work/main/dist/renderer/index.html',
  'file://kiosk/index.html',
  'http://kiosk/index.html',
  'https://kiosk/index.html',
  'https://kiosk.evil/app://kiosk/',
  'ws://kiosk/',
  'javascript:alert(1)',
  "javascript:'app://kiosk/'",
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,YXBwOi8va2lvc2sv',
  'blob:app://kiosk/0b6f1c1e-7a43-4a5e-9d7e-000000000000',
  'about:blank',
  'about:srcdoc',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'null',
  '',
  ' ',
  'app://',
  'app:// kiosk/', // malformed: a space in the host
  'app://kiosk\\evil/', // malformed: a backslash in the host
  'app://kiosk\u0000/',
  'kiosk/index.html',
  '/index.html',
];

const OURS = ['app://kiosk/index.html', 'app://kiosk/', 'app://kiosk', 'app://kiosk/index.html#/', 'app://kiosk/index.html#/staff/today', 'app://kiosk/#/x', 'app://kiosk/assets/index-abc.js?v=1'];

describe('isAppUrl: our one origin, app://kiosk, decided by parsing', () => {
  it.each(OURS)('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each(MISLEADING)('refuses %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('case: the scheme is case-insensitive and URL lowercases it; our host is compared exactly', () => {
    // new URL lowercases the scheme of every URL, so APP://kiosk is the same URL as app://kiosk.
    expect(isAppUrl('APP://kiosk/index.html')).toBe(true);
    expect(isAppUrl('App://kiosk/')).toBe(true);
    // app: is not one of the URL standard's "special" schemes, so Node's URL keeps the host's case
    // ("KIOSK"). Chromium canonicalises the host of our (standard) scheme to lower case before it
    // reports a frame, navigation or request URL, so a real sender is never upper case: refusing the
    // upper-case host fails closed and costs nothing.
    expect(new URL('APP://KIOSK/').host).toBe('KIOSK');
    expect(isAppUrl('APP://KIOSK/index.html')).toBe(false);
    expect(isAppUrl('app://Kiosk/index.html')).toBe(false);
  });

  it('leading and trailing white space is stripped by the URL parser, as Chromium does: the same URL', () => {
    expect(isAppUrl(' app://kiosk/index.html ')).toBe(true);
    expect(isAppUrl('\tapp://kiosk/')).toBe(true);
  });

  it('the index URL the app loads is ours', () => {
    expect(APP_INDEX_URL).toBe('app://kiosk/index.html');
    expect(isAppUrl(`${APP_INDEX_URL}#/`)).toBe(true);
  });
});

describe('isTrustedSender: our window, its top frame, our page', () => {
  const ours = new Set([7, 9]);
  const good = { webContentsId: 7, frameUrl: 'app://kiosk/index.html#/', isMainFrame: true };

  it('trusts the top frame of one of our windows showing our page', () => {
    expect(isTrustedSender(good, ours)).toBe(true);
    expect(isTrustedSender({ ...good, webContentsId: 9, frameUrl: 'app://kiosk/index.html#/staff' }, ours)).toBe(true);
  });

  it('refuses a subframe, even one showing our page', () => {
    expect(isTrustedSender({ ...good, isMainFrame: false }, ours)).toBe(false);
  });

  it('refuses an unknown web contents, even at our URL', () => {
    expect(isTrustedSender({ ...good, webContentsId: 8 }, ours)).toBe(false);
    expect(isTrustedSender({ ...good, webContentsId: 0 }, ours)).toBe(false);
    expect(isTrustedSender({ ...good, webContentsId: -1 }, ours)).toBe(false);
    expect(isTrustedSender(good, new Set())).toBe(false);
  });

  it.each(MISLEADING)('refuses our own top frame at %j', (frameUrl) => {
    expect(isTrustedSender({ ...good, frameUrl }, ours)).toBe(false);
  });

  it('refuses a frame whose URL is unknown (a frame already gone)', () => {
    expect(isTrustedSender({ ...good, frameUrl: null }, ours)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: undefined }, ours)).toBe(false);
  });
});

describe('allowNavigation: only our own routes', () => {
  it.each(OURS)('allows %s', (url) => {
    expect(allowNavigation(url)).toBe(true);
  });

  it.each(MISLEADING)('refuses %j', (url) => {
    expect(allowNavigation(url)).toBe(false);
  });

  it.each(['https://example.com', 'http://localhost:5173/', 'https://accounts.google.com/o/oauth2', 'mailto:office@school.example', 'tel:+441234567890', 'smb://server/share', 'ms-settings:'])(
    'refuses %s',
    (url) => {
      expect(allowNavigation(url)).toBe(false);
    },
  );
});

/** Every permission name Electron 45's session handlers can be asked about (electron.d.ts). */
const ELECTRON_PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
];

describe('allowPermission: the app needs no browser permission', () => {
  it.each([...ELECTRON_PERMISSIONS, 'camera', 'microphone', 'bluetooth', 'clipboard-write', 'some-future-permission', ''])('refuses %j', (permission) => {
    expect(allowPermission(permission)).toBe(false);
  });
});

describe('allowRequest: our files and inline images only', () => {
  it.each(['app://kiosk/index.html', 'app://kiosk/assets/index-abc.js', 'app://kiosk/assets/logo.png', 'app://kiosk/'])('allows %s', (url) => {
    expect(allowRequest(url)).toBe(true);
  });

  it('allows data: URLs (QR codes and the logo are data: images)', () => {
    expect(allowRequest('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'https://kiosk/index.html',
    'http://example.com/',
    'http://127.0.0.1:8080/',
    'ws://example.com/socket',
    'wss://example.com/socket',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'ftp://example.com/',
    'app://evil/index.html',
    'app://kiosk.evil/index.html',
    'app://kiosk@evil/index.html',
    // The protocol handler itself does not look at credentials (see the report); the request filter
    // refuses such a URL before it reaches the handler.
    'app://user:pw@kiosk/index.html',
    'blob:app://kiosk/0b6f1c1e',
    'chrome-extension://abc/script.js',
    'javascript:alert(1)',
    '',
  ])('refuses %j', (url) => {
    expect(allowRequest(url)).toBe(false);
  });
});

describe('secureWebPreferences: every window the same, locked down', () => {
  it('isolates, sandboxes, keeps Node out of the page, keeps web security on and webviews off', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    // nothing that would switch a protection off
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('passes devTools through as asked', () => {
    expect(secureWebPreferences('p', { devTools: true }).devTools).toBe(true);
    expect(secureWebPreferences('p', { devTools: false }).devTools).toBe(false);
  });
});

describe('the app:// protocol: our folder only, with the CSP on every answer', () => {
  let base: string;
  let root: string;
  const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';

  beforeAll(() => {
    base = tempDir('kiosk-protocol-');
    root = path.join(base, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Reception Kiosk</title>');
    fs.writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1);');
    fs.writeFileSync(path.join(root, 'assets', 'index.css'), 'body{}');
    fs.writeFileSync(path.join(root, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    fs.writeFileSync(path.join(root, 'assets', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(root, 'assets', 'data.bin'), 'x');
    fs.writeFileSync(path.join(root, 'assets', 'UPPER.PNG'), 'x');
    // outside the root: beside it, and in a sibling folder whose name starts with the root's
    fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
    fs.mkdirSync(path.join(base, 'renderer-evil'));
    fs.writeFileSync(path.join(base, 'renderer-evil', 'secret.txt'), SECRET);
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => answerAppRequest(root, method, url);
  const text = (body: Buffer | string) => (typeof body === 'string' ? body : body.toString('utf8'));

  it('serves index.html for /', () => {
    // (Chromium hands the handler canonical URLs of our standard scheme: "app://kiosk" arrives as
    // "app://kiosk/", so the slash-less form is not asked here.)
    for (const url of ['app://kiosk/', 'app://kiosk/#/staff', 'app://kiosk/?x=1']) {
      const r = get(url);
      expect(r.status, url).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(text(r.body)).toContain('<title>Reception Kiosk</title>');
    }
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/logo.png', 'image/png'],
    ['assets/icon.svg', 'image/svg+xml'],
    ['assets/UPPER.PNG', 'image/png'],
    ['assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s', (file, type) => {
    const r = get(`app://kiosk/${file}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(type);
    expect(Buffer.from(r.body)).toEqual(fs.readFileSync(path.join(root, file)));
  });

  it('answers HEAD with the headers and no body', () => {
    const r = get('app://kiosk/index.html', 'HEAD');
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  const TRAVERSALS = [
    'app://kiosk/../secret.txt',
    'app://kiosk/../../etc/passwd',
    'app://kiosk/../../../../../../etc/passwd',
    'app://kiosk/assets/../../secret.txt',
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/%2E%2E/%2E%2E/etc/passwd',
    'app://kiosk/.%2e/secret.txt',
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/..%2F..%2Fsecret.txt',
    'app://kiosk/assets%2f..%2f..%2fsecret.txt',
    'app://kiosk/%252e%252e/secret.txt', // double-encoded: decoded once, it is a literal file name
    'app://kiosk/..\\secret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/..%5C..%5Csecret.txt',
    'app://kiosk/assets\\..\\..\\secret.txt',
    'app://kiosk/index.html%00.png',
    'app://kiosk/%00',
    'app://kiosk/../renderer-evil/secret.txt',
    'app://kiosk/..%2frenderer-evil%2fsecret.txt',
    'app://kiosk//etc/passwd',
    'app://kiosk/%2fetc%2fpasswd',
    'app://kiosk/%2F%2Fetc%2Fpasswd',
    'app://kiosk/C:%5CWindows%5Cwin.ini',
    'app://kiosk/%E0%A4%A', // malformed percent-encoding
    'app://kiosk/assets', // a folder, not a file
    'app://kiosk/assets/',
    'app://kiosk/missing.js',
  ];

  it.each(TRAVERSALS)('refuses %s with a 404', (url) => {
    const r = get(url);
    expect(r.status).toBe(404);
    expect(text(r.body)).not.toContain(SECRET);
    expect(text(r.body)).not.toContain('root:');
  });

  it('refuses the absolute path of the secret file, however it is written', () => {
    const abs = path.join(base, 'secret.txt');
    for (const url of [`app://kiosk/${encodeURIComponent(abs)}`, `app://kiosk${abs}`, `app://kiosk/${abs.split(path.sep).map(encodeURIComponent).join('%2f')}`]) {
      const r = get(url);
      expect(r.status, url).toBe(404);
      expect(text(r.body)).not.toContain(SECRET);
    }
  });

  it('staticFile never resolves outside the root', () => {
    for (const p of ['/../secret.txt', '/../../etc/passwd', '..', '/..', '/./../renderer-evil/secret.txt', '/%2e%2e/secret.txt', `/${path.join(base, 'secret.txt')}`]) {
      const full = staticFile(root, p);
      if (full !== null) expect(full.startsWith(root + path.sep), p).toBe(true);
    }
    expect(staticFile(root, '/')).toBeNull(); // the root itself is not a file
    expect(staticFile(root, '/a\0b')).toBeNull();
    expect(staticFile(root, '/a\\b')).toBeNull();
  });

  it.each([
    'app://evil/index.html',
    'app://kiosk.evil/index.html',
    'app://kiosk@evil/index.html',
    'app://KIOSK/index.html',
    'app:///index.html',
    'http://kiosk/index.html',
    'https://kiosk/index.html',
    'file:///index.html',
    'file:///work/main/dist/renderer/index.html',
    'not a url',
    '',
  ])('refuses another host or scheme: %j', (url) => {
    expect(get(url).status).toBe(404);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', ''])('refuses the method %j with a 405', (method) => {
    const r = get('app://kiosk/index.html', method);
    expect(r.status).toBe(405);
    expect(text(r.body)).not.toContain('Reception Kiosk</title>');
  });

  it('sends the CSP and the other security headers on every answer: 200, 404 and 405 alike', () => {
    const answers = [get('app://kiosk/'), get('app://kiosk/assets/index.js'), get('app://kiosk/../secret.txt'), get('app://evil/'), get('app://kiosk/', 'POST'), get('::bad::')];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 404, 405, 404]);
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['cache-control']).toBe('no-store');
      expect(a.headers['content-type']).toBeTruthy();
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
