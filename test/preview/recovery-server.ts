/**
 * The preview in recovery mode, as the app has it: when the database will not open (damaged, from
 * a newer version, missing or empty where a school has been), the page gets only the recovery
 * channels through the same dispatchRecovery() the app's main process uses, so end-to-end tests see
 * what the office would. Loopback only, its own Host and Origin only, the app's CSP, the session
 * token checked before a (small) body is read. The visitor-facing tab (?screen=public) is told
 * only that the app is closed. After a restore, `restored` resolves and the host starts the normal
 * preview on the same port (the app relaunches itself).
 */
import http from 'node:http';
import path from 'node:path';
import type { Clock } from '../../db/clock';
import { systemClock } from '../../db/clock';
import type { DatabaseOpenError } from '../../db/errors';
import { defaultBackupDir } from '../../db/open';
import { dispatchRecovery, type RecoveryState } from '../../electron/api/recovery';
import { isPublicScreen } from '../../electron/api/session';
import { SessionRegistry } from '../../electron/api/sessions';
import { nullLogger, type Logger } from '../../electron/log';
import { backupDirsForRecovery } from '../../electron/shell/paths';
import { loadPages, readJson, send, servePage } from './http';
import { SESSION_HEADER } from './shim';

/** Recovery inputs are a backup's file name and a PIN or code: anything larger is refused unread. */
const MAX_BODY = 4 * 1024;

export interface RecoveryPreviewOptions {
  dbFile: string;
  error: DatabaseOpenError;
  distDir: string;
  port?: number;
  clock?: Clock;
  log?: Logger;
}

export interface RecoveryPreview {
  url: string;
  port: number;
  state: RecoveryState;
  /** Resolves once a backup has been restored (the server has then stopped answering). */
  restored: Promise<void>;
  close(): Promise<void>;
}

export async function startRecoveryPreview(opts: RecoveryPreviewOptions): Promise<RecoveryPreview> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? nullLogger;
  const file = path.resolve(opts.dbFile);
  const state: RecoveryState = { error: opts.error, file, backupDirs: backupDirsForRecovery(path.dirname(file), defaultBackupDir(file)), clock, log };
  const pages = loadPages(opts.distDir);
  const sessions = new SessionRegistry(clock, () => 5);
  let markRestored: () => void = () => {};
  const restored = new Promise<void>((resolve) => (markRestored = resolve));
  let done = false;

  let port = opts.port ?? 5180;
  const server = http.createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, 'text/plain', 'Wrong host.');
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (req.method === 'POST') {
        if (req.headers.origin !== `http://${host}`) return send(res, 403, 'text/plain', 'Wrong origin.');
        if (req.headers['content-type']?.split(';')[0] !== 'application/json') return send(res, 415, 'text/plain', 'JSON only.');
        if (done) return send(res, 503, 'text/plain', 'Restarting.');
        const m = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
        const token = req.headers[SESSION_HEADER];
        const resolved = m && typeof token === 'string' ? sessions.resolve(token) : null;
        // the token before the body: an unknown caller's body is never read (401: the page drops its token and starts again)
        if (m && !resolved) return send(res, 401, 'text/plain', 'No session.');
        const read = await readJson(req, MAX_BODY);
        if (!('body' in read)) return send(res, read.status, 'text/plain', read.message, { connection: 'close' });
        const body = read.body;
        if (url.pathname === '/api/session') {
          // Claiming to be the visitor-facing screen only takes abilities away here (it is told "Closed" and
          // restores nothing), so no ticket is needed: the tickets of the normal preview did not survive it.
          const publicScreen = !!body && typeof body === 'object' && (body as { publicScreen?: unknown }).publicScreen === true;
          return send(res, 200, 'application/json', JSON.stringify({ token: sessions.open(undefined, { publicScreen }) }));
        }
        if (!m || !resolved) return send(res, 404, 'text/plain', 'Not found.');
        const input = body && typeof body === 'object' && 'input' in body ? (body as { input: unknown }).input : undefined;
        const outcome = await dispatchRecovery(state, m[1], input, { publicScreen: isPublicScreen(resolved.session) });
        if (outcome.restored) {
          done = true;
          setImmediate(markRestored);
        }
        return send(res, 200, 'application/json', JSON.stringify(outcome.result));
      }
      return servePage(req, res, url, pages);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'Error.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;
  log.error('app.recovery-mode', { reason: opts.error.reason });

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    state,
    restored,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
