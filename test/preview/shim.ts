/**
 * The browser preview's window.kiosk: the same typed surface as the Electron preload (one method
 * per channel of the contract), over HTTP to the preview server. Served as its own file, because
 * the CSP forbids inline scripts. Each tab keeps its own session token in sessionStorage.
 */
import { CHANNEL_NAMES } from '../../electron/api/channels';

export const SESSION_HEADER = 'x-kiosk-session';
export const RELOAD_HEADER = 'x-kiosk-reload';

export function shimSource(): string {
  return `"use strict";
(() => {
  const KEY = 'kiosk.session';
  let token = sessionStorage.getItem(KEY);
  let pending = null; // one request for a session, however many calls start at once
  function ensureSession() {
    if (token) return Promise.resolve(token);
    if (!pending) {
      const publicScreen = new URLSearchParams(location.search).get('screen') === 'public';
      pending = fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(publicScreen ? { publicScreen: true } : {}) })
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
  async function call(channel, input) {
    let response;
    try {
      const t = await ensureSession();
      response = await fetch('/api/call/' + encodeURIComponent(channel), {
        method: 'POST',
        headers: { 'content-type': 'application/json', '${SESSION_HEADER}': t },
        body: JSON.stringify(input === undefined ? {} : { input }),
      });
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: 'Reception Kiosk is not answering. Check that it is running, then try again.' } };
    }
    const result = await response.json();
    if (response.headers.get('${RELOAD_HEADER}') === '1') {
      if (!result.ok && result.error.code === 'LOCKED') {
        sessionStorage.removeItem(KEY);
        token = null;
      }
      location.reload();
      return new Promise(() => {});
    }
    return result;
  }
  const api = {};
  for (const name of ${JSON.stringify(CHANNEL_NAMES)}) api[name] = (input) => call(name, input);
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), writable: false, configurable: false });
})();
`;
}
