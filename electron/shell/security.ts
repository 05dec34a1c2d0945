/**
 * Who may talk to the main process, and where pages may go: the decisions of Electron's security
 * checklist in one place, as pure functions (no `electron` import) so they are tested directly.
 * main.ts and windows.ts wire them to the real objects.
 */
import { APP_HOST, APP_SCHEME } from './protocol';

/** The one origin our pages come from: app://kiosk (its `origin` property reads "null"). */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

export interface SenderFacts {
  /** webContents id of the sender. */
  webContentsId: number;
  /** The sending frame's URL. */
  frameUrl: string | null | undefined;
  /** The sending frame is the top frame of its page (not an iframe). */
  isMainFrame: boolean;
}

/** A message is ours only from one of our windows' top frames, showing one of our pages. */
export function isTrustedSender(facts: SenderFacts, ourWebContentsIds: ReadonlySet<number>): boolean {
  return ourWebContentsIds.has(facts.webContentsId) && facts.isMainFrame && typeof facts.frameUrl === 'string' && isAppUrl(facts.frameUrl);
}

/** In-page navigation to another of our routes is fine; any other navigation is refused. */
export function allowNavigation(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/** The app needs no browser permission (camera, microphone, notifications, USB, ...). */
export function allowPermission(_permission: string): boolean {
  return false;
}

/** Requests a page may make: our own files and inline data: images (QR codes, the logo); no web, no file://. */
export function allowRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('data:') || url.startsWith('devtools://');
}

/**
 * The webPreferences of every window: isolated, sandboxed, no Node in the page, web security on,
 * no webviews, dev tools only in development.
 */
export function secureWebPreferences(preloadPath: string, opts: { devTools: boolean }) {
  return {
    preload: preloadPath,
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
    spellcheck: false,
    devTools: opts.devTools,
    safeDialogs: true,
    // a middle click cannot open anything either (new windows are denied anyway)
    disableBlinkFeatures: 'Auxclick',
  } as const;
}
