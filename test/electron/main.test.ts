/**
 * The main process, imported for real (electron/main.ts starts itself at import) against a fake
 * `electron` module and a real SQLite file in a temporary folder: the IPC handlers and their sender
 * checks, the window and its webPreferences, the app:// protocol, the session's permission and
 * request handlers, the hardening of every web contents, printing, shutdown, and recovery mode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { backupNow } from '../../db/backup';
import { systemClock } from '../../db/clock';
import { openDatabase } from '../../db/open';
import { hashSecret, TEST_SCRYPT } from '../../db/pins';
import { updateSettings } from '../../db/settings';
import { setupSchool } from '../../db/setup';
import { write } from '../../db/tx';
import { CHANNEL_NAMES } from '../../electron/api/channels';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { LOCK_FILE } from '../../electron/shell/instance-lock';
import { tempDir } from '../helpers/db';
import { createFakeElectron, type FakeBrowserWindow, type FakeElectron, type FakeFrame, type FakeIpcEvent, type FakeWebContents } from './fake-electron';

const PIN = '246813';
const savedEnv = { KIOSK_DB: process.env.KIOSK_DB, KIOSK_SQLITE_BINDING: process.env.KIOSK_SQLITE_BINDING };
afterAll(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** Import electron/main.ts afresh over a fake electron, with KIOSK_DB at `dbFile`. */
async function boot(dbFile: string, options: { singleInstance?: boolean; waitForWindow?: boolean; twoDisplays?: boolean } = {}): Promise<FakeElectron> {
  vi.resetModules();
  const fake = createFakeElectron({ singleInstance: options.singleInstance ?? true });
  if (options.twoDisplays) {
    fake.screen.getAllDisplays.mockReturnValue([
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2, bounds: { x: 1920, y: 0, width: 1080, height: 1920 } },
    ]);
  }
  vi.doMock('electron', () => fake);
  process.env.KIOSK_DB = dbFile;
  delete process.env.KIOSK_SQLITE_BINDING; // Node's own build of the driver
  await import('../../electron/main');
  if (options.waitForWindow ?? true) {
    await vi.waitFor(() => expect(fake.windows[0]?.loadedUrls.length).toBe(1), { timeout: 15_000 });
  }
  return fake;
}

function mainWindow(fake: FakeElectron): FakeBrowserWindow {
  const win = fake.windows[0];
  if (!win) throw new Error('no window');
  return win;
}

/** An IPC event from the top frame of a web contents. */
function fromMainFrame(contents: FakeWebContents): FakeIpcEvent {
  return { sender: contents, senderFrame: contents.mainFrame };
}

function call(fake: FakeElectron, name: string, input?: unknown, event: FakeIpcEvent = fromMainFrame(mainWindow(fake).webContents)): Promise<unknown> {
  return fake.invoke(`kiosk:${name}`, event, input);
}

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not do that.' } };

function readLog(dir: string): string {
  const logs = path.join(dir, 'logs');
  return fs.existsSync(logs) ? fs.readdirSync(logs).map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('') : '';
}

describe('the main process, with a fresh database', () => {
  let dir: string;
  let fake: FakeElectron;
  let win: FakeBrowserWindow;

  beforeAll(async () => {
    dir = tempDir('kiosk-main-');
    fake = await boot(path.join(dir, 'kiosk.sqlite'));
    win = mainWindow(fake);
  });
  afterAll(async () => {
    // close the database the way the app does on quit, if a test has not already
    if (fake) {
      fake.app.emit('before-quit', { preventDefault: vi.fn() });
      await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('start-up', () => {
    it('registers app:// as a standard, secure scheme before the app is ready, and turns the sandbox on for every renderer', () => {
      expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
      const [schemes] = fake.protocol.registerSchemesAsPrivileged.mock.calls[0] as unknown as [{ scheme: string; privileges: Record<string, boolean> }[]];
      expect(schemes).toHaveLength(1);
      expect(schemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
      // nothing that would weaken it
      expect(schemes[0]?.privileges).not.toHaveProperty('bypassCSP');
      expect(schemes[0]?.privileges).not.toHaveProperty('corsEnabled');
      expect(fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(fake.app.whenReady.mock.invocationCallOrder[0]!);
      expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
      expect(fake.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(fake.app.whenReady.mock.invocationCallOrder[0]!);
      expect(fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'en-GB');
      expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    });

    it('registers exactly one ipcMain.handle per contract channel, named kiosk:<name>, and nothing else', () => {
      const registered = fake.ipcMain.handle.mock.calls.map((c) => c[0]);
      expect(registered).toHaveLength(CHANNEL_NAMES.length);
      expect(new Set(registered).size).toBe(registered.length);
      expect([...registered].sort()).toEqual(CHANNEL_NAMES.map((n) => `kiosk:${n}`).sort());
      expect(fake.ipcMain.on).not.toHaveBeenCalled(); // no fire-and-forget channels
    });

    it('creates the window with the secure webPreferences and loads app://kiosk/index.html#/', () => {
      expect(fake.windows).toHaveLength(1);
      const prefs = win.options.webPreferences;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: true, // not packaged
      });
      const preload = String(prefs?.preload);
      expect(path.isAbsolute(preload)).toBe(true);
      expect(preload.endsWith(`${path.sep}preload.cjs`)).toBe(true);
      expect(win.options.show).toBe(false);
      expect(win.loadedUrls).toEqual(['app://kiosk/index.html#/']);
      expect(win.show).toHaveBeenCalled(); // on ready-to-show
    });

    it('serves app:// through the protocol handler, with the CSP, and nothing outside the renderer folder', async () => {
      const handler = fake.protocolHandlers.get('app');
      expect(handler).toBeTypeOf('function');
      expect(fake.protocol.handle).toHaveBeenCalledTimes(1);
      for (const url of ['app://kiosk/../../etc/passwd', 'app://kiosk/%2e%2e/%2e%2e/etc/passwd', 'app://evil/index.html']) {
        const res = await handler!({ method: 'GET', url });
        expect(res.status, url).toBe(404);
        expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
        expect(await res.text()).not.toContain('root:');
      }
      const post = await handler!({ method: 'POST', url: 'app://kiosk/index.html' });
      expect(post.status).toBe(405);
      expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    });

    it('writes its start-up facts to the log beside the database', () => {
      expect(readLog(dir)).toContain('"event":"app.start"');
    });
  });

  describe('the sender check on every channel', () => {
    it('answers our window\u2019s top frame at app://kiosk', async () => {
      expect(await call(fake, 'getSession', undefined)).toEqual({ ok: true, value: { kind: 'kiosk' } });
      expect(await call(fake, 'getAppStatus', {})).toMatchObject({ ok: true, value: { setupNeeded: true } });
    });

    it('refuses a subframe of our window, even at our URL', async () => {
      const event = { sender: win.webContents, senderFrame: win.webContents.subframe('app://kiosk/index.html#/') };
      expect(await call(fake, 'getSession', undefined, event)).toEqual(FORBIDDEN);
      // refused before the dispatcher: a refused setupSchool sets nothing up
      expect(await call(fake, 'setupSchool', { schoolName: 'Evil', adminName: 'Mallory', pin: '135792' }, event)).toEqual(FORBIDDEN);
      expect(await call(fake, 'getAppStatus', {})).toMatchObject({ ok: true, value: { setupNeeded: true } });
    });

    it('refuses a frame that is gone (no senderFrame)', async () => {
      expect(await call(fake, 'getSession', undefined, { sender: win.webContents, senderFrame: null })).toEqual(FORBIDDEN);
    });

    it('refuses a web contents that is not one of our windows, even at our URL', async () => {
      const stranger = fake.foreignWebContents('app://kiosk/index.html#/');
      expect(await call(fake, 'getSession', undefined, fromMainFrame(stranger))).toEqual(FORBIDDEN);
      // and one that claims our window's id but is another object with another main frame
      const claimed = { sender: stranger, senderFrame: win.webContents.mainFrame };
      expect(await call(fake, 'getSession', undefined, claimed)).toEqual(FORBIDDEN);
    });

    it.each([
      'app://kiosk.evil/index.html',
      'app://evil/kiosk',
      'app://kiosk@evil/index.html',
      'app://user:pw@kiosk/index.html',
      'app://KIOSK/index.html',
      'https://example.com/',
      'http://kiosk/index.html',
      'file:///work/main/dist/renderer/index.html',
      'about:blank',
      'data:text/html,hi',
      'null',
      '',
    ])('refuses our own top frame when it shows %j', async (url) => {
      const frame: FakeFrame = win.webContents.mainFrame;
      const before = frame.url;
      frame.url = url;
      try {
        expect(await call(fake, 'getSession', undefined)).toEqual(FORBIDDEN);
      } finally {
        frame.url = before;
      }
      expect(await call(fake, 'getSession', undefined)).toEqual({ ok: true, value: { kind: 'kiosk' } });
    });

    it('logs each refusal with the channel only', () => {
      const log = readLog(dir);
      expect(log).toContain('"event":"ipc.refused-sender"');
      expect(log).toContain('"channel":"setupSchool"');
      expect(log).not.toContain('Mallory'); // no input, so no personal data
    });
  });

  describe('sessions: set up, unlock and lock, each reloading the page', () => {
    let adminId = 0;

    it('sets up the school through the handler', async () => {
      const r = (await call(fake, 'setupSchool', { schoolName: 'Test Primary School', adminName: 'Ada Admin', pin: PIN })) as { ok: boolean; value: { admin: { id: number }; recoveryCode: string } };
      expect(r).toMatchObject({ ok: true, value: { admin: { name: 'Ada Admin' } } });
      adminId = r.value.admin.id;
      expect(await call(fake, 'listUnlockNames', {})).toEqual({ ok: true, value: [{ id: adminId, name: 'Ada Admin' }] });
    });

    it('a kiosk session cannot call a staff channel', async () => {
      expect(await call(fake, 'getSettings', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('unlock reloads our window, and the window then speaks for the staff member', async () => {
      win.webContents.reload.mockClear();
      expect(await call(fake, 'unlock', { staffId: adminId, pin: PIN })).toEqual({ ok: true, value: { kind: 'staff', staffId: adminId, role: 'admin', dsl: false } });
      await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1));
      expect(await call(fake, 'getSession', undefined)).toMatchObject({ ok: true, value: { kind: 'staff', staffId: adminId } });
      expect(await call(fake, 'getSettings', {})).toMatchObject({ ok: true });
      // the staff session belongs to our window's top frame only
      expect(await call(fake, 'getSettings', {}, { sender: win.webContents, senderFrame: win.webContents.subframe() })).toEqual(FORBIDDEN);
      expect(await call(fake, 'getSettings', {}, fromMainFrame(fake.foreignWebContents()))).toEqual(FORBIDDEN);
    });

    it('a wrong PIN does not reload', async () => {
      await call(fake, 'lock', {});
      await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(2));
      expect(await call(fake, 'unlock', { staffId: adminId, pin: '975318' })).toMatchObject({ ok: false });
      await new Promise((r) => setImmediate(r));
      expect(win.webContents.reload).toHaveBeenCalledTimes(2);
      expect(await call(fake, 'getSession', undefined)).toEqual({ ok: true, value: { kind: 'kiosk' } });
    });

    it('never opens a print dialog for the public kiosk: with no printer chosen, nothing prints and the page is told why', async () => {
      const before = fake.windows.length;
      const r = await call(fake, 'print', { route: '/print/visitor-badge?token=KVAAAAAAAAAAAAAAAA', paper: 'label62' });
      expect(r).toEqual({ ok: true, value: { via: 'printer', printed: false, message: 'no label printer is chosen in Settings › Printers' } });
      expect(fake.windows).toHaveLength(before);
    });

    it('prints through a hidden, equally locked-down window that shares the caller\u2019s session and is then destroyed', async () => {
      // staff may be asked by the system's dialog (no printer chosen for A4)
      await call(fake, 'unlock', { staffId: adminId, pin: PIN });
      const r = await call(fake, 'print', { route: '/print/test-page', paper: 'a4' });
      expect(r).toEqual({ ok: true, value: { via: 'printer', printed: true } });
      expect(fake.windows).toHaveLength(2);
      const printer = fake.windows[1]!;
      expect(printer.options.show).toBe(false);
      expect(printer.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: false });
      expect(printer.loadedUrls).toEqual(['app://kiosk/index.html#/print/test-page']);
      expect(printer.webContents.print).toHaveBeenCalledTimes(1);
      expect(printer.webContents.print.mock.calls[0]?.[0]).toMatchObject({ silent: false, printBackground: true, pageSize: 'A4' });
      expect(printer.destroyed).toBe(true);
      expect(fake.listenersOf(printer.webContents, 'will-navigate')).toHaveLength(1);
      // once it is gone, its web contents id is no longer one of ours
      expect(await call(fake, 'getSession', undefined, fromMainFrame(printer.webContents))).toEqual(FORBIDDEN);
    });
  });

  describe('the session: no permissions, our own requests only', () => {
    it('installs all three permission handlers and the request filter', () => {
      const ses = fake.session.defaultSession;
      expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
      expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
      expect(ses.setDevicePermissionHandler).toHaveBeenCalledTimes(1);
      expect(ses.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    });

    it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'serial', 'usb', 'display-capture', 'pointerLock', 'unknown'])(
      'denies %s',
      (permission) => {
        const { permissionRequest, permissionCheck } = fake.sessionHandlers;
        const callback = vi.fn();
        permissionRequest!(win.webContents, permission, callback, { requestingUrl: 'app://kiosk/index.html' });
        expect(callback).toHaveBeenCalledExactlyOnceWith(false);
        expect(permissionCheck!(win.webContents, permission, 'app://kiosk', {})).toBe(false);
      },
    );

    it('denies every device', () => {
      expect(fake.sessionHandlers.devicePermission!({ deviceType: 'usb', origin: 'app://kiosk' })).toBe(false);
      expect(fake.sessionHandlers.devicePermission!({ deviceType: 'hid', origin: 'app://kiosk' })).toBe(false);
    });

    it.each([
      ['https://example.com/', true],
      ['http://example.com/', true],
      ['ws://example.com/', true],
      ['file:///etc/passwd', true],
      ['app://evil/index.html', true],
      ['app://kiosk/index.html', false],
      ['app://kiosk/assets/index.js', false],
    ])('onBeforeRequest %s: cancel %s', (url, cancel) => {
      const callback = vi.fn();
      fake.sessionHandlers.beforeRequest!({ url, method: 'GET' }, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel });
    });
  });

  describe('every web contents is locked down (web-contents-created)', () => {
    function hardened(): FakeWebContents {
      const contents = fake.foreignWebContents();
      fake.app.emit('web-contents-created', { preventDefault: vi.fn() }, contents);
      return contents;
    }

    it('our window got the hardening when it was created', () => {
      for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        expect(fake.listenersOf(win.webContents, event), event).toHaveLength(1);
      }
      expect(win.webContents.windowOpenHandler).toBeTypeOf('function');
    });

    it.each([
      ['https://example.com', true],
      ['http://kiosk/', true],
      ['file:///etc/passwd', true],
      ['app://kiosk.evil/', true],
      ['javascript:alert(1)', true],
      ['app://kiosk/#/x', false],
      ['app://kiosk/index.html#/staff/today', false],
    ])('will-navigate to %s: prevented %s', (url, prevented) => {
      const contents = hardened();
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault).toHaveBeenCalledTimes(prevented ? 1 : 0);
    });

    it('will-redirect away is prevented; within app://kiosk it is not', () => {
      const contents = hardened();
      const away = { preventDefault: vi.fn() };
      contents.emit('will-redirect', away, 'https://example.com/');
      expect(away.preventDefault).toHaveBeenCalledTimes(1);
      const home = { preventDefault: vi.fn() };
      contents.emit('will-redirect', home, 'app://kiosk/index.html');
      expect(home.preventDefault).not.toHaveBeenCalled();
    });

    it('will-attach-webview is always prevented', () => {
      const contents = hardened();
      for (const src of ['https://example.com', 'app://kiosk/index.html']) {
        const event = { preventDefault: vi.fn() };
        contents.emit('will-attach-webview', event, { preload: '/x.js', nodeIntegration: true }, { src });
        expect(event.preventDefault).toHaveBeenCalledTimes(1);
      }
    });

    it('new windows are always denied, even for our own URL', () => {
      const contents = hardened();
      for (const url of ['https://example.com', 'app://kiosk/index.html#/staff', 'about:blank']) {
        expect(contents.windowOpenHandler!({ url, frameName: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
      }
    });

    it('a crashed renderer is reloaded; a clean exit is not', () => {
      const crashed = hardened();
      fake.app.emit('render-process-gone', {}, crashed, { reason: 'crashed', exitCode: 139 });
      expect(crashed.reload).toHaveBeenCalledTimes(1);
      const clean = hardened();
      fake.app.emit('render-process-gone', {}, clean, { reason: 'clean-exit', exitCode: 0 });
      expect(clean.reload).not.toHaveBeenCalled();
    });

    it('a second instance brings our window forward', () => {
      fake.app.emit('second-instance', {}, [], '/');
      expect(win.focus).toHaveBeenCalled();
    });
  });

  describe('quitting', () => {
    it('makes a shutdown backup and closes the database before it quits', async () => {
      const first = { preventDefault: vi.fn() };
      fake.app.emit('before-quit', first);
      expect(first.preventDefault).toHaveBeenCalledTimes(1);
      await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
      const backups = fs.readdirSync(path.join(dir, 'backups'));
      expect(backups.some((f) => f.includes('shutdown'))).toBe(true);
      // the second before-quit (from that app.quit) goes through
      const second = { preventDefault: vi.fn() };
      fake.app.emit('before-quit', second);
      expect(second.preventDefault).not.toHaveBeenCalled();
    });
  });
});

describe('the main process, when another instance is already running', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('quits at once and registers nothing', async () => {
    dir = tempDir('kiosk-main-second-');
    const fake = await boot(path.join(dir, 'kiosk.sqlite'), { singleInstance: false, waitForWindow: false });
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.ipcMain.handle).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });
});

describe('the main process, in recovery mode (the database will not open)', () => {
  let dir: string;
  let fake: FakeElectron;

  beforeAll(async () => {
    dir = tempDir('kiosk-main-recovery-');
    const file = path.join(dir, 'kiosk.sqlite');
    fs.writeFileSync(file, 'this is not a database '.repeat(500));
    fake = await boot(file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('still registers every channel and opens the window', () => {
    expect(fake.ipcMain.handle).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
    expect(mainWindow(fake).loadedUrls).toEqual(['app://kiosk/index.html#/']);
  });

  it('getRecoveryStatus says recovery is needed, and why', async () => {
    expect(await call(fake, 'getRecoveryStatus', {})).toMatchObject({ ok: true, value: { needed: true, reason: 'not-a-database', backups: [] } });
    expect(readLog(dir)).toContain('"event":"app.recovery-mode"');
  });

  it('getSettings (and every other channel) answers LOCKED', async () => {
    expect(await call(fake, 'getSettings', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await call(fake, 'unlock', { staffId: 1, pin: PIN })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('still checks the sender first', async () => {
    const win = mainWindow(fake);
    expect(await call(fake, 'getRecoveryStatus', {}, { sender: win.webContents, senderFrame: win.webContents.subframe() })).toEqual(FORBIDDEN);
    expect(await call(fake, 'getRecoveryStatus', {}, fromMainFrame(fake.foreignWebContents()))).toEqual(FORBIDDEN);
  });

  it('leaves the damaged file where it is', () => {
    expect(fs.readFileSync(path.join(dir, 'kiosk.sqlite'), 'utf8')).toContain('this is not a database');
  });
});

describe('the main process, when starting fails unexpectedly', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says so in a dialog, logs it and exits, rather than hanging without a window', async () => {
    dir = tempDir('kiosk-main-failing-');
    vi.resetModules();
    const fake = createFakeElectron({ singleInstance: true });
    (fake.protocol.handle as ReturnType<typeof vi.fn>).mockImplementation(() => {
      throw new Error('protocol registration failed');
    });
    vi.doMock('electron', () => fake);
    process.env.KIOSK_DB = path.join(dir, 'kiosk.sqlite');
    await import('../../electron/main');
    const dialog = (fake as unknown as { dialog: { showErrorBox: ReturnType<typeof vi.fn> } }).dialog;
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1));
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Reception Kiosk could not start', expect.stringContaining('log file'));
    expect(fake.windows).toHaveLength(0);
    const log = fs.readFileSync(path.join(dir, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('app.start-failed');
    expect(log).not.toContain('protocol registration failed'); // messages are not logged
  });
});

describe('the main process, when another Windows account has the app open (issue 13)', () => {
  let dir: string;
  let other: ChildProcess | null = null;
  afterEach(() => {
    other?.kill('SIGKILL'); // only the process this test started
    other = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says so in a dialog and quits, before touching the records', async () => {
    dir = tempDir('kiosk-main-locked-');
    // another copy, alive on this PC, holds the lock in the data folder (its own account's Electron lock is not ours)
    other = spawn('sleep', ['60'], { stdio: 'ignore' });
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, host: os.hostname(), startedAt: '2026-11-25T08:00:00Z' }));
    const fake = await boot(path.join(dir, 'kiosk.sqlite'), { waitForWindow: false });
    const dialog = (fake as unknown as { dialog: { showErrorBox: ReturnType<typeof vi.fn> } }).dialog;
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Reception Kiosk is already open', 'Reception Kiosk is open in another Windows account on this PC. Close it there first.');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.ipcMain.handle).not.toHaveBeenCalled();
    expect(fs.existsSync(path.join(dir, 'kiosk.sqlite'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: other.pid });
  });

  it.runIf(process.platform === 'linux')('sets umask 007 on Linux before it makes any file: records 0660, nothing for other accounts', async () => {
    dir = tempDir('kiosk-main-umask-');
    process.umask(0o022);
    const fake = await boot(path.join(dir, 'kiosk.sqlite'));
    expect(process.umask(0o007)).toBe(0o007);
    for (const f of ['kiosk.sqlite', 'kiosk.sqlite-wal', 'kiosk.sqlite.anchor.json', 'logs/kiosk.log']) {
      expect([f, (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8)]).toEqual([f, '660']);
    }
    fake.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
  });

  it('takes the lock when it starts and gives it back when it quits', async () => {
    dir = tempDir('kiosk-main-lock-');
    const fake = await boot(path.join(dir, 'kiosk.sqlite'));
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    // beside the records, for recovery mode: where backups go and whether there is a visitor-facing screen
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'backup-folder.json'), 'utf8'))).toEqual({ backupDir: path.join(dir, 'backups'), screens: 'one' });
    fake.app.emit('will-quit', { preventDefault: vi.fn() });
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    fake.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
  });
});

describe('the main process, with an empty records file and the backups beside it (issue 13)', () => {
  let dir: string;
  let fake: FakeElectron;

  beforeAll(async () => {
    dir = tempDir('kiosk-main-empty-');
    const file = path.join(dir, 'kiosk.sqlite');
    const adminPinHash = await hashSecret(PIN, TEST_SCRYPT);
    const t = await openDatabase({ file });
    write({ db: t.db, clock: systemClock, anchorFile: t.anchorFile }, { kind: 'system' }, (tx) =>
      setupSchool(tx, { schoolName: 'Oakfield Primary School', adminName: 'Ada Admin', adminPinHash, recoveryHash: 'y' }),
    );
    await backupNow(t.db, { dir: path.join(dir, 'backups'), reason: 'daily', clock: systemClock, keep: null });
    t.close();
    fs.truncateSync(file, 0);
    for (const s of ['-wal', '-shm', '.anchor.json']) fs.rmSync(file + s, { force: true });
    fake = await boot(file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts in recovery mode with the backups to restore, never at first-run setup', async () => {
    expect(await call(fake, 'getRecoveryStatus', {})).toMatchObject({ ok: true, value: { needed: true, reason: 'empty', backups: [{ reason: 'daily' }] } });
    expect(await call(fake, 'getAppStatus', {})).toMatchObject({ ok: true, value: { setupNeeded: false } });
    expect(await call(fake, 'setupSchool', { schoolName: 'New School', adminName: 'Mallory', pin: PIN })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(fs.statSync(path.join(dir, 'kiosk.sqlite')).size).toBe(0);
  });

  it('restores with the PIN of an administrator in the backup, gives back the instance lock, then relaunches', async () => {
    const status = (await call(fake, 'getRecoveryStatus', {})) as { value: { backups: { file: string }[] } };
    const backup = status.value.backups[0]!.file;
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    fake.app.relaunch.mockImplementation(() => {
      // the relaunched copy must find the lock free (app.exit skips will-quit)
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    });
    expect(await call(fake, 'restoreBackup', { backup, staffId: 1, pin: PIN })).toMatchObject({ ok: true, value: { restored: true } });
    expect(fake.app.relaunch).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(0));
    expect(fs.statSync(path.join(dir, 'kiosk.sqlite')).size).toBeGreaterThan(0);
  });
});

describe('the main process, on a two-screen desk (issue 13)', () => {
  let dir: string;
  let fake: FakeElectron;
  const ASK = { requestId: 'r1', signature: 'data:image/png;base64,iVBORw0KGgo=' };

  beforeAll(async () => {
    dir = tempDir('kiosk-main-two-');
    const file = path.join(dir, 'kiosk.sqlite');
    const t = await openDatabase({ file });
    const adminPinHash = await hashSecret(PIN, TEST_SCRYPT);
    write({ db: t.db, clock: systemClock, anchorFile: t.anchorFile }, { kind: 'system' }, (tx) => {
      setupSchool(tx, { schoolName: 'Oakfield Primary School', adminName: 'Ada Admin', adminPinHash, recoveryHash: 'y' });
      updateSettings(tx, { screens: 'two' });
    });
    t.close();
    fake = await boot(file, { twoDisplays: true });
    await vi.waitFor(() => expect(fake.windows[1]?.loadedUrls.length).toBe(1), { timeout: 15_000 });
  });
  afterAll(async () => {
    if (fake) {
      fake.app.emit('before-quit', { preventDefault: vi.fn() });
      await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('only the window the shell made on the second display is the visitor-facing screen, and it can never be unlocked', async () => {
    const [office, visitor] = fake.windows as [FakeBrowserWindow, FakeBrowserWindow];
    expect(await call(fake, 'getSession', undefined, fromMainFrame(visitor.webContents))).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
    expect(await call(fake, 'getSession', undefined, fromMainFrame(office.webContents))).toEqual({ ok: true, value: { kind: 'kiosk' } });
    // nothing a page sends makes it the visitor screen: the office window asking is refused as input
    expect(await call(fake, 'getSession', { publicScreen: true }, fromMainFrame(office.webContents))).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    expect(await call(fake, 'submitPublicSignature', ASK, fromMainFrame(office.webContents))).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(await call(fake, 'unlock', { staffId: 1, pin: PIN }, fromMainFrame(visitor.webContents))).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(await call(fake, 'getSession', undefined, fromMainFrame(visitor.webContents))).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
  });

  it('after the office unlocks and locks (each a new token), each window still speaks for its own session', async () => {
    const [office, visitor] = fake.windows as [FakeBrowserWindow, FakeBrowserWindow];
    expect(await call(fake, 'unlock', { staffId: 1, pin: PIN }, fromMainFrame(office.webContents))).toMatchObject({ ok: true });
    expect(await call(fake, 'getSession', undefined, fromMainFrame(office.webContents))).toMatchObject({ ok: true, value: { kind: 'staff', staffId: 1 } });
    expect(await call(fake, 'getSettings', {}, fromMainFrame(visitor.webContents))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await call(fake, 'lock', {}, fromMainFrame(office.webContents));
    expect(await call(fake, 'getSession', undefined, fromMainFrame(office.webContents))).toEqual({ ok: true, value: { kind: 'kiosk' } });
    expect(await call(fake, 'getSession', undefined, fromMainFrame(visitor.webContents))).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
  });
});

describe('the main process, a two-screen desk whose records file is missing (issue 13)', () => {
  let dir: string;
  let fake: FakeElectron;
  let backup = '';

  beforeAll(async () => {
    dir = tempDir('kiosk-main-two-lost-');
    const file = path.join(dir, 'kiosk.sqlite');
    const adminPinHash = await hashSecret(PIN, TEST_SCRYPT);
    const t = await openDatabase({ file });
    write({ db: t.db, clock: systemClock, anchorFile: t.anchorFile }, { kind: 'system' }, (tx) => {
      setupSchool(tx, { schoolName: 'Oakfield Primary School', adminName: 'Ada Admin', adminPinHash, recoveryHash: 'y' });
      updateSettings(tx, { screens: 'two' });
    });
    backup = (await backupNow(t.db, { dir: path.join(dir, 'backups'), reason: 'daily', clock: systemClock, keep: null })).file;
    t.close();
    // as the app notes it at each daily backup
    fs.writeFileSync(path.join(dir, 'backup-folder.json'), JSON.stringify({ backupDir: path.join(dir, 'backups'), screens: 'two' }));
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
    fake = await boot(file, { twoDisplays: true });
    await vi.waitFor(() => expect(fake.windows[1]?.loadedUrls.length).toBe(1), { timeout: 15_000 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the visitor-facing screen is told only that recovery is needed (it shows "Closed"), and may restore nothing', async () => {
    const [office, visitor] = fake.windows as [FakeBrowserWindow, FakeBrowserWindow];
    const at = fromMainFrame(visitor.webContents);
    expect(await call(fake, 'getSession', undefined, at)).toEqual({ ok: true, value: { kind: 'kiosk', publicScreen: true } });
    expect(await call(fake, 'getRecoveryStatus', {}, at)).toEqual({ ok: true, value: { needed: true, reason: 'missing', message: '', file: '', backups: [] } });
    expect(await call(fake, 'restoreBackup', { backup, staffId: 1, pin: PIN }, at)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fake.app.relaunch).not.toHaveBeenCalled();
    // the office screen sees the backups
    expect(await call(fake, 'getRecoveryStatus', {}, fromMainFrame(office.webContents))).toMatchObject({ ok: true, value: { reason: 'missing', backups: [{ file: backup }] } });
    expect(fs.existsSync(path.join(dir, 'kiosk.sqlite'))).toBe(false);
  });
});
