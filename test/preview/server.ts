/**
 * The browser preview: the built renderer and the same dispatch() over HTTP, on 127.0.0.1 only.
 * Never packaged. Each tab has its own session (a token the page keeps in sessionStorage and sends
 * as a header); the server holds the sessions, sends the app's Content-Security-Policy, and refuses
 * requests whose Host or Origin is not its own.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDailyBackup } from '../../db/backup';
import { loadCalendar } from '../../db/closures';
import { systemClock, type Clock } from '../../db/clock';
import { openDatabase, type KioskDatabase } from '../../db/open';
import { PIN_SCRYPT, type ScryptParams } from '../../db/pins';
import { getSettings } from '../../db/settings';
import { backupFolder, browserPrinter, type ApiContext, type Printer } from '../../electron/api/context';
import { ScreenBroker } from '../../electron/api/screens';
import { SessionRegistry } from '../../electron/api/sessions';
import { handleCall } from '../../electron/api/transport';
import { MIME_TYPES as MIME, SECURITY_HEADERS, staticFile } from '../../electron/shell/protocol';
import { nullLogger, type Logger } from '../../electron/log';
import { RELOAD_HEADER, SESSION_HEADER, shimSource } from './shim';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DIST = path.resolve(here, '../../dist/renderer');
const MAX_BODY = 16 * 1024 * 1024; // a roll CSV of thousands of pupils, as base64

export interface PreviewOptions {
  dbFile: string;
  port?: number;
  distDir?: string;
  clock?: Clock;
  scrypt?: ScryptParams;
  log?: Logger;
}

export interface Preview {
  url: string;
  port: number;
  ctx: ApiContext;
  kdb: KioskDatabase;
  sessions: SessionRegistry;
  /** Swap the printer (tests: a label printer that fails, or one that records what it printed). */
  usePrinter(printer: Printer): void;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? nullLogger;
  const distDir = path.resolve(opts.distDir ?? DEFAULT_DIST);
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`The renderer is not built (${indexFile} is missing): run npm run build:renderer first.`);
  const kdb = await openDatabase({ file: opts.dbFile, clock, log });
  let printer: Printer = browserPrinter;
  const ctx: ApiContext = {
    db: kdb.db,
    clock,
    log,
    files: { database: kdb.file, anchor: kdb.anchorFile },
    security: { scrypt: opts.scrypt ?? PIN_SCRYPT },
    printer: { print: (route, paper, o) => printer.print(route, paper, o) },
    screens: { broker: new ScreenBroker(() => clock.now().getTime()), hasPublicScreen: () => sessions.hasPublicScreen() },
  };
  const sessions = new SessionRegistry(clock, () => getSettings(kdb.db).idleLockMinutes);
  const shim = shimSource();
  const index = fs.readFileSync(indexFile, 'utf8').replace('</head>', '  <script src="./kiosk-shim.js"></script>\n  </head>');

  let port = opts.port ?? 5180;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts().has(host)) return send(res, 403, 'text/plain', 'Wrong host.');
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (req.method === 'POST') {
        const origin = req.headers.origin;
        if (origin !== `http://${host}`) return send(res, 403, 'text/plain', 'Wrong origin.');
        if (req.headers['content-type']?.split(';')[0] !== 'application/json') return send(res, 415, 'text/plain', 'JSON only.');
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          return send(res, 400, 'text/plain', 'Bad request.');
        }
        if (url.pathname === '/api/session') {
          // the visitor-facing screen of a two-screen desk asks for its own kind of session (?screen=public)
          const publicScreen = !!body && typeof body === 'object' && (body as { publicScreen?: unknown }).publicScreen === true;
          return send(res, 200, 'application/json', JSON.stringify({ token: sessions.open(undefined, { publicScreen }) }));
        }
        const m = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
        if (!m) return send(res, 404, 'text/plain', 'Not found.');
        const token = req.headers[SESSION_HEADER];
        const input = body && typeof body === 'object' && 'input' in body ? (body as { input: unknown }).input : undefined;
        const outcome = await handleCall(ctx, sessions, typeof token === 'string' ? token : '', m[1], input);
        return send(res, 200, 'application/json', JSON.stringify(outcome.result), outcome.reload ? { [RELOAD_HEADER]: '1' } : {});
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed.');
      if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, MIME['.html']!, index);
      if (url.pathname === '/kiosk-shim.js') return send(res, 200, MIME['.js']!, shim);
      const file = staticFile(distDir, url.pathname);
      if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'text/plain', 'Not found.');
      return send(res, 200, MIME[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
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

  // Backups as in the app: the day's verified backup at start-up (catching up), then hourly checks.
  const backup = () =>
    ensureDailyBackup(kdb.db, { dir: backupFolder(ctx), clock, keep: getSettings(kdb.db).backupsKept, calendar: loadCalendar(kdb.db) }).catch(() =>
      log.error('backup.daily-failed', {}),
    );
  await backup();
  const timer = setInterval(() => void backup(), 3_600_000);
  timer.unref();

  return {
    usePrinter(p: Printer) {
      printer = p;
    },
    url: `http://127.0.0.1:${port}/`,
    port,
    ctx,
    kdb,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => {
          kdb.close();
          resolve();
        });
      }),
  };
}
