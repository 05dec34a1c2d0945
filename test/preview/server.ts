/**
 * The browser preview: the built renderer and the same dispatch() over HTTP, on 127.0.0.1 only.
 * Never packaged. Each tab has its own session (a token the page keeps in sessionStorage and sends
 * as a header); the server holds the sessions, sends the app's Content-Security-Policy, and refuses
 * requests whose Host or Origin is not its own.
 *
 * Any page on this PC can reach it, so (issue 13): a call's token is checked before its body is
 * read (401 without reading it); bodies have a size limit (larger for the imports and pictures)
 * and a nesting limit, checked before parsing; sessions left unused for 12 hours are forgotten and
 * at most 1,000 are kept; a session's token is replaced on every unlock and lock (sent to the page
 * in a header); and a tab is the visitor-facing screen only with a one-time ticket that a staff
 * tab asked for (POST /api/visitor-screen-ticket), never because it says so.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDailyBackup } from '../../db/backup';
import { loadCalendar } from '../../db/closures';
import { systemClock, type Clock } from '../../db/clock';
import { openDatabase, type KioskDatabase } from '../../db/open';
import { checkInWorker } from '../../db/record-check-run';
import { runAndRecordChecks } from '../../electron/api/checks';
import { PIN_SCRYPT, type ScryptParams } from '../../db/pins';
import { backupRotation, getSettings } from '../../db/settings';
import { backupFolder, browserPrinter, type ApiContext, type Printer } from '../../electron/api/context';
import { ScreenBroker } from '../../electron/api/screens';
import { SessionRegistry } from '../../electron/api/sessions';
import { handleCall } from '../../electron/api/transport';
import { nullLogger, type Logger } from '../../electron/log';
import { loadPages, readJson, send, servePage } from './http';
import { NEW_SESSION_HEADER, RELOAD_HEADER, SESSION_GONE_HEADER, SESSION_HEADER } from './shim';

export { MAX_DEPTH, nestedDeeperThan } from './http';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DIST = path.resolve(here, '../../dist/renderer');
/** A call's body: 256 KiB, nested 32 deep at most; more only where the contract carries files. */
export const BODY_LIMIT = 256 * 1024;
const IMPORT_LIMIT = 16 * 1024 * 1024; // a roll CSV of thousands of pupils, as base64
const PICTURE_LIMIT = 1024 * 1024; // a signature (400 KB at most) or the school's logo (300 KB, as base64)
export const LARGER_BODIES: Readonly<Record<string, number>> = Object.freeze({
  previewRollImport: IMPORT_LIMIT,
  importRoll: IMPORT_LIMIT,
  importContacts: IMPORT_LIMIT,
  importClosures: IMPORT_LIMIT,
  setLogo: PICTURE_LIMIT,
  releaseConfiscated: PICTURE_LIMIT,
  submitPublicSignature: PICTURE_LIMIT,
});
/** Asking for a session, or for a visitor-screen ticket: a few fields. */
const SMALL_BODY = 1024;
/** Sessions unused this long are forgotten; at most this many are kept. */
export const SESSION_EXPIRY = Object.freeze({ unusedMs: 12 * 3_600_000, max: 1000 });
/** A ticket for the visitor-facing screen is good once, for two minutes. */
const TICKET_MS = 120_000;
/**
 * A token replaced by an unlock or a lock is remembered (the token alone, never its session) for
 * this long, so that a call already on its way with it (a poll, a second tab of the same page) is
 * told the screen was reset in an ordinary answer rather than a 401, which the browser would log
 * as an error. It grants nothing: the answer is the same LOCKED whatever is asked.
 */
const RETIRED_MS = 30_000;
const MAX_TICKETS = 20;

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


export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? nullLogger;
  const distDir = path.resolve(opts.distDir ?? DEFAULT_DIST);
  const pages = loadPages(distDir);
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
    // tabs cost nothing to open: all of them spend one budget of wrong PINs
    screenId: 'preview',
    // the checks on a worker thread, as in the app (the worker loads db/check-worker.ts with tsx)
    runChecks: (job) => checkInWorker(job, path.join(here, '../helpers/check-worker-tsx.mjs')),
  };
  // the start-up check, done before the first request so a test sees its audit row in place
  try {
    await runAndRecordChecks(ctx, 'start-up');
  } catch (err) {
    log.error('records.check-could-not-run', { why: 'start-up', message: err instanceof Error ? err.message : String(err) });
  }
  const sessions = new SessionRegistry(clock, () => getSettings(kdb.db).idleLockMinutes, SESSION_EXPIRY);
  /** One-time tickets for the visitor-facing screen, with when each stops being good. */
  const tickets = new Map<string, number>();
  const takeTicket = (ticket: unknown): boolean => {
    if (typeof ticket !== 'string' || !tickets.has(ticket)) return false;
    const until = tickets.get(ticket)!;
    tickets.delete(ticket);
    return until >= clock.now().getTime();
  };
  /** Tokens just replaced by an unlock or a lock, with when each is forgotten. */
  const retired = new Map<string, number>();
  const retire = (token: string) => {
    const now = clock.now().getTime();
    for (const [t, until] of retired) if (until < now) retired.delete(t);
    retired.set(token, now + RETIRED_MS);
  };

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
        const refuse = (status: number, message: string) => send(res, status, 'text/plain', message, { connection: 'close' });
        if (url.pathname === '/api/session') {
          const read = await readJson(req, SMALL_BODY);
          if (!('body' in read)) return refuse(read.status, read.message);
          // The visitor-facing screen of a two-screen desk: only with a ticket a staff tab asked for
          // (?screen=public&ticket=…); a page that merely says so gets a plain kiosk session.
          const asked = (read.body ?? {}) as { publicScreen?: unknown; ticket?: unknown };
          const publicScreen = asked.publicScreen === true && takeTicket(asked.ticket);
          return send(res, 200, 'application/json', JSON.stringify({ token: sessions.open(undefined, { publicScreen }) }));
        }
        // The token first: a caller without a live session gets nothing read, parsed or run.
        const header = req.headers[SESSION_HEADER];
        const token = typeof header === 'string' ? header : '';
        if (token && !sessions.has(token) && (retired.get(token) ?? 0) >= clock.now().getTime()) {
          const gone = { ok: false, error: { code: 'LOCKED', message: 'This screen has been reset. Please start again.' } };
          return send(res, 200, 'application/json', JSON.stringify(gone), { [SESSION_GONE_HEADER]: '1', connection: 'close' });
        }
        if (!token || !sessions.has(token)) return refuse(401, 'No session.');
        if (url.pathname === '/api/visitor-screen-ticket') {
          const read = await readJson(req, SMALL_BODY);
          if (!('body' in read)) return refuse(read.status, read.message);
          if (sessions.resolve(token)?.session.kind !== 'staff') return send(res, 403, 'text/plain', 'Unlock the staff console first.');
          sessions.touch(token);
          for (const [t, until] of tickets) if (until < clock.now().getTime() || tickets.size >= MAX_TICKETS) tickets.delete(t);
          const ticket = randomBytes(18).toString('base64url');
          tickets.set(ticket, clock.now().getTime() + TICKET_MS);
          return send(res, 200, 'application/json', JSON.stringify({ url: `/?screen=public&ticket=${ticket}#/` }));
        }
        const m = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
        if (!m) return send(res, 404, 'text/plain', 'Not found.');
        const read = await readJson(req, LARGER_BODIES[m[1]!] ?? BODY_LIMIT);
        if (!('body' in read)) return refuse(read.status, read.message);
        const body = read.body;
        const input = body && typeof body === 'object' && 'input' in body ? (body as { input: unknown }).input : undefined;
        const outcome = await handleCall(ctx, sessions, token, m[1], input);
        const headers: Record<string, string> = outcome.reload ? { [RELOAD_HEADER]: '1' } : {};
        // an unlock or a lock: the page keeps the new token (the old one is dead) before it reloads
        if (outcome.sessionId) {
          headers[NEW_SESSION_HEADER] = outcome.sessionId;
          retire(token);
        }
        return send(res, 200, 'application/json', JSON.stringify(outcome.result), headers);
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

  // Backups as in the app: the day's verified backup at start-up (catching up), then hourly checks.
  const backup = () =>
    ensureDailyBackup(kdb.db, { dir: backupFolder(ctx), clock, keep: backupRotation(getSettings(kdb.db)), calendar: loadCalendar(kdb.db) }).catch(() =>
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
