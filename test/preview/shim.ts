/**
 * The browser preview's window.kiosk: the same typed surface as the Electron preload (one method
 * per channel of the contract), over HTTP to the preview server. Served as its own file, because
 * the CSP forbids inline scripts. Each tab keeps its own session token in sessionStorage; after an
 * unlock or a lock the server sends a new one (NEW_SESSION_HEADER), kept before the page reloads.
 * A token the server no longer knows (401, or the 'gone' header for one just replaced) is dropped and the page starts again as the kiosk.
 * The visitor-facing screen is opened by the office at /?screen=public&ticket=… (a one-time ticket).
 */
import { CHANNEL_NAMES } from '../../electron/api/channels';

export const SESSION_HEADER = 'x-kiosk-session';
export const RELOAD_HEADER = 'x-kiosk-reload';
export const NEW_SESSION_HEADER = 'x-kiosk-new-session';
/** The token was replaced a moment ago by an unlock or a lock (answered without a 401, see the server). */
export const SESSION_GONE_HEADER = 'x-kiosk-session-gone';

export function shimSource(): string {
  return `"use strict";
(() => {
  const KEY = 'kiosk.session';
  let token = sessionStorage.getItem(KEY);
  let pending = null; // one request for a session, however many calls start at once
  let reloading = false; // once the page is going, no answer is handed to it
  function ensureSession() {
    if (token) return Promise.resolve(token);
    if (!pending) {
      const query = new URLSearchParams(location.search);
      const ticket = query.get('screen') === 'public' ? query.get('ticket') : null;
      pending = fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ticket ? { publicScreen: true, ticket } : {}) })
        .then((r) => {
          if (!r.ok) throw new Error('session refused');
          return r.json();
        })
        .then((body) => {
          token = body.token;
          sessionStorage.setItem(KEY, token);
          return token;
        })
        .finally(() => {
          pending = null;
        });
    }
    return pending;
  }
  function restart() {
    reloading = true;
    location.reload();
    return new Promise(() => {});
  }
  async function call(channel, input) {
    if (reloading) return new Promise(() => {});
    let response;
    let t;
    try {
      t = await ensureSession();
      response = await fetch('/api/call/' + encodeURIComponent(channel), {
        method: 'POST',
        headers: { 'content-type': 'application/json', '${SESSION_HEADER}': t },
        body: JSON.stringify(input === undefined ? {} : { input }),
      });
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: 'Reception Kiosk is not answering. Check that it is running, then try again.' } };
    }
    if (reloading) return new Promise(() => {});
    if (response.status === 401 || response.headers.get('${SESSION_GONE_HEADER}') === '1') {
      // the server no longer knows this token (expired, or replaced by an unlock or a lock in a
      // call whose answer may still be on its way): give that answer a moment, then drop the
      // token unless a newer one has been kept since
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (reloading) return new Promise(() => {});
      if (sessionStorage.getItem(KEY) === t) sessionStorage.removeItem(KEY);
      token = sessionStorage.getItem(KEY);
      return restart();
    }
    if (!response.ok) return { ok: false, error: { code: 'INVALID', message: 'That request was refused by Reception Kiosk.' } };
    const result = await response.json();
    const next = response.headers.get('${NEW_SESSION_HEADER}');
    if (next) {
      token = next;
      sessionStorage.setItem(KEY, next);
    }
    if (response.headers.get('${RELOAD_HEADER}') === '1') {
      if (!next && !result.ok && result.error.code === 'LOCKED') {
        sessionStorage.removeItem(KEY);
        token = null;
      }
      return restart();
    }
    return result;
  }
  const api = {};
  for (const name of ${JSON.stringify(CHANNEL_NAMES)}) api[name] = (input) => call(name, input);
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), writable: false, configurable: false });
})();
`;
}
