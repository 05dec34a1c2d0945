/**
 * Windows and their hardening: every window is created here with the secure webPreferences of
 * shell/security.ts, and every web contents the app ever makes is locked down in one place
 * (navigation, redirects, webviews, new windows; permissions and web requests per session).
 * Printing in the app: the layout route in a hidden window, printed when it says it is ready.
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import type { Paper, PrintOutcome } from './api/contract';
import type { Logger } from './log';
import { APP_INDEX_URL } from './shell/protocol';
import { ScanRouter } from './shell/scan-router';
import { allowNavigation, allowPermission, allowRequest, secureWebPreferences } from './shell/security';

export interface WindowOptions {
  preload: string;
  devTools: boolean;
  icon?: string;
}

export function createConsoleWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Reception Kiosk',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts.preload, { devTools: opts.devTools }),
  });
  win.once('ready-to-show', () => win.show());
  return win;
}

/**
 * The visitor-facing screen of a two-screen desk: full screen on the other display, and never
 * focusable, so no key typed at the office (a PIN) can land on it; touch and the on-screen
 * keyboard work as ever, and the shell hands it the scans that belong to it.
 */
export function createPublicWindow(opts: WindowOptions, bounds: { x: number; y: number; width: number; height: number }): BrowserWindow {
  const win = new BrowserWindow({
    ...bounds,
    show: false,
    frame: false,
    fullscreen: true,
    kiosk: true,
    focusable: false,
    title: 'Reception Kiosk: visitors',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts.preload, { devTools: false }),
  });
  win.once('ready-to-show', () => win.showInactive());
  return win;
}

/**
 * Route a scanner's keystrokes at the office screen (ScanRouter): the visitor badges and
 * invitation codes go to the public screen's task queue, everything else reaches the office screen
 * in order. Keys the router gives back are replayed; a replayed key passes straight through.
 */
export function routeScans(office: WebContents, hasPublicScreen: () => boolean, forward: (token: string) => void, router = new ScanRouter()): void {
  let replaying = 0;
  let timer: NodeJS.Timeout | undefined;
  const replay = (keys: string[]) => {
    for (const keyCode of keys) {
      replaying += 1;
      office.sendInputEvent({ type: 'keyDown', keyCode });
      if (keyCode.length === 1) office.sendInputEvent({ type: 'char', keyCode });
      office.sendInputEvent({ type: 'keyUp', keyCode });
    }
  };
  office.on('before-input-event', (event, input) => {
    if (input.type !== 'keyDown') return;
    if (replaying > 0) {
      replaying -= 1;
      return;
    }
    if (!hasPublicScreen() && !router.holding) return;
    clearTimeout(timer);
    const d = router.keyDown(input.key, Date.now());
    if (router.holding) timer = setTimeout(() => replay(router.flush()), router.flushAfterMs + 5);
    if (d.action === 'pass') return;
    event.preventDefault();
    if (d.action === 'release') replay(d.keys);
    else if (d.action === 'forward') forward(d.token);
  });
}

/** Lock down any web contents: called for every one the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  const refuse = (event: { preventDefault(): void }, url: string, what: string) => {
    if (!allowNavigation(url)) {
      event.preventDefault();
      log.warn('shell.navigation-blocked', { what });
    }
  };
  contents.on('will-navigate', (event, url) => refuse(event, url, 'navigate'));
  contents.on('will-redirect', (event, url) => refuse(event, url, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('shell.webview-blocked', {});
  });
  // New windows (window.open, target=_blank links) are never opened, and nothing is handed to
  // the system browser: the app never calls shell.openExternal.
  contents.setWindowOpenHandler(() => {
    log.warn('shell.window-open-blocked', {});
    return { action: 'deny' };
  });
}

/** Permissions and requests for a session: none, and our own files only. */
export function hardenSession(ses: Session, log: Logger): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    const ok = allowPermission(permission);
    if (!ok) log.warn('shell.permission-denied', { permission });
    callback(ok);
  });
  ses.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = allowRequest(details.url);
    if (!ok) log.warn('shell.request-blocked', { scheme: details.url.split(':')[0] ?? '' });
    callback({ cancel: !ok });
  });
}

const LABEL_MICRONS = { width: 62_000, height: 100_000 };

export interface PrinterChoice {
  /** Printer names chosen in Settings; none means the system print dialog (where allowed). */
  deviceName(paper: Paper): string | undefined;
  /** False at the public kiosk: with no printer chosen nothing prints and the page shows the badge. */
  dialogAllowed: boolean;
}

/**
 * Print a layout route in a hidden window that shares the caller's session (so the layout can load
 * its data), once its sheet says data-print-state="ready"; 'error' means nothing is printed.
 */
export async function printRoute(
  opts: WindowOptions,
  route: string,
  paper: Paper,
  choice: PrinterChoice,
  adopt: (contents: WebContents) => () => void,
): Promise<PrintOutcome> {
  if (!choice.dialogAllowed && !choice.deviceName(paper)) {
    return { via: 'printer', printed: false, message: `no ${paper === 'a4' ? 'A4' : 'label'} printer is chosen in Settings › Printers` };
  }
  const win = new BrowserWindow({ show: false, webPreferences: secureWebPreferences(opts.preload, { devTools: false }) });
  const release = adopt(win.webContents);
  try {
    await win.loadURL(`${APP_INDEX_URL}#${route}`);
    const deadline = Date.now() + 15_000;
    let state = 'loading';
    while (state === 'loading' && Date.now() < deadline) {
      state = String(await win.webContents.executeJavaScript('document.querySelector("[data-print-state]")?.getAttribute("data-print-state") ?? "loading"'));
      if (state === 'loading') await new Promise((r) => setTimeout(r, 100));
    }
    if (state !== 'ready') return { via: 'printer', printed: false, message: state === 'error' ? 'the layout could not be prepared.' : 'the layout took too long to prepare.' };
    const deviceName = choice.deviceName(paper);
    return await new Promise<PrintOutcome>((resolve) => {
      win.webContents.print(
        {
          silent: deviceName !== undefined,
          ...(deviceName ? { deviceName } : {}),
          printBackground: true,
          pageSize: paper === 'a4' ? 'A4' : LABEL_MICRONS,
          margins: { marginType: 'none' },
        },
        (success, reason) => resolve(success ? { via: 'printer', printed: true } : { via: 'printer', printed: false, message: reason || 'the printer did not answer.' }),
      );
    });
  } finally {
    release();
    win.destroy();
  }
}
