/**
 * The Electron main process: one instance, the app:// protocol, hardened windows and sessions,
 * one IPC handler per channel of the contract (each checking its sender), the database (or
 * recovery mode when it will not open), daily and shutdown backups, and a log of start-up facts.
 */
import type { BrowserWindow} from 'electron';
import { app, dialog, ipcMain, protocol, screen, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupNow, ensureDailyBackup } from '../db/backup';
import { loadCalendar } from '../db/closures';
import { systemClock } from '../db/clock';
import { DatabaseOpenError } from '../db/errors';
import { defaultBackupDir, openDatabase, useNativeBinding, type KioskDatabase } from '../db/open';
import { checkInWorker } from '../db/record-check-run';
import { runAndRecordChecks } from './api/checks';
import { PIN_SCRYPT } from '../db/pins';
import { backupRotation, getSettings } from '../db/settings';
import { CHANNEL_NAMES, ipcChannel } from './api/channels';
import { backupFolder, type ApiContext } from './api/context';
import type { ApiResult, ChannelName } from './api/contract';
import { dispatchRecovery, type RecoveryState } from './api/recovery';
import { isPublicScreen } from './api/session';
import { SessionRegistry } from './api/sessions';
import { handleCall } from './api/transport';
import { createFileLogger, errorFields, type Logger } from './log';
import { OTHER_ACCOUNT_MESSAGE, acquireInstanceLock } from './shell/instance-lock';
import { backupDirsForRecovery, rememberBackupDir, rememberedScreens, resolveDataPaths } from './shell/paths';
import { APP_INDEX_URL, APP_SCHEME, answerAppRequest } from './shell/protocol';
import { isTrustedSender } from './shell/security';
import { ScreenBroker } from './api/screens';
import { createConsoleWindow, createPublicWindow, hardenSession, hardenWebContents, printRoute, routeScans, type WindowOptions } from './windows';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.commandLine.appendSwitch('lang', 'en-GB'); // dates as a UK school writes them
app.enableSandbox();

const here = __dirname; // dist/electron in the build
const rendererDir = path.join(here, '..', 'renderer');
const windowOptions: WindowOptions = {
  preload: path.join(here, 'preload.cjs'),
  devTools: !app.isPackaged,
  icon: path.join(here, '..', '..', 'assets', 'icon.png'),
};

/** Every web contents we made, by id, with the session id it speaks for. */
const ours = new Map<number, string>();
let mainWindow: BrowserWindow | null = null;

function senderSession(event: IpcMainInvokeEvent): string | null {
  const frame = event.senderFrame;
  const trusted = isTrustedSender(
    { webContentsId: event.sender.id, frameUrl: frame?.url, isMainFrame: !!frame && frame.parent === null && frame === event.sender.mainFrame },
    new Set(ours.keys()),
  );
  return trusted ? (ours.get(event.sender.id) ?? null) : null;
}

/** Gives back the lock file in the data folder (set once it is taken). */
let releaseInstanceLock: () => void = () => {};

const refused: ApiResult<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not do that.' } };

function start(log: Logger): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Electron's lock is per account: the lock file in the shared data folder stops a second Windows
  // account (fast user switching) from opening the same records at the same time.
  let lock: ReturnType<typeof acquireInstanceLock>;
  try {
    lock = acquireInstanceLock(resolveDataPaths().dir);
  } catch (err) {
    // the data folder cannot be written at all: opening the records will fail too, and the
    // recovery screen then says why in plain words
    log.error('app.lock-failed', errorFields(err));
    lock = { ok: true, file: '', release: () => {} };
  }
  if (!lock.ok) {
    log.warn('app.open-in-another-account', { holderPid: lock.holder?.pid ?? null, sameHost: lock.holder ? lock.holder.host === os.hostname() : null });
    dialog.showErrorBox('Reception Kiosk is already open', OTHER_ACCOUNT_MESSAGE);
    app.quit();
    return;
  }
  releaseInstanceLock = lock.release;
  app.on('will-quit', () => lock.release());
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('render-process-gone', (_event, contents, details) => {
    log.error('shell.renderer-gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason !== 'clean-exit' && !contents.isDestroyed()) contents.reload();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(() => ready(log))
    .catch((err: unknown) => {
      // Never a window-less app hanging in the background: say what happened, log it, and stop.
      log.error('app.start-failed', errorFields(err));
      dialog.showErrorBox('Reception Kiosk could not start', 'Something went wrong while starting. The details are in the log file in the Reception Kiosk folder. Please tell the person who looks after the school’s computers.');
      releaseInstanceLock();
      app.exit(1);
    });
}

async function ready(log: Logger): Promise<void> {
  const paths = resolveDataPaths();
  useNativeBinding(process.env.KIOSK_SQLITE_BINDING);
  log.info('app.start', { version: app.getVersion(), electron: process.versions.electron ?? '', packaged: app.isPackaged, fellBack: paths.fellBack });
  hardenSession(session.defaultSession, log);
  protocol.handle(APP_SCHEME, (request) => {
    const r = answerAppRequest(rendererDir, request.method, request.url);
    return new Response(r.body === '' ? null : new Uint8Array(typeof r.body === 'string' ? Buffer.from(r.body) : r.body), { status: r.status, headers: r.headers });
  });

  const registry = new SessionRegistry(systemClock, () => (kdb ? getSettings(kdb.db).idleLockMinutes : 5));
  const broker = new ScreenBroker();
  let kdb: KioskDatabase | null = null;
  let recovery: RecoveryState | null = null;
  try {
    // --new-school, typed at the PC's own controls, is the only way to start afresh where a school has been
    kdb = await openDatabase({ file: paths.database, clock: systemClock, log, dataDir: paths.dir, freshSchool: process.argv.includes('--new-school') });
  } catch (err) {
    if (!(err instanceof DatabaseOpenError)) throw err;
    log.error('app.recovery-mode', { reason: err.reason });
    recovery = { error: err, file: paths.database, backupDirs: backupDirsForRecovery(paths.dir, defaultBackupDir(paths.database)), clock: systemClock, log };
  }

  const adopt = (sessionId: string) => (contents: WebContents) => {
    ours.set(contents.id, sessionId);
    return () => ours.delete(contents.id);
  };
  const contextFor = (db: KioskDatabase, sessionId: string): ApiContext => ({
    db: db.db,
    clock: systemClock,
    log,
    files: { database: db.file, anchor: db.anchorFile },
    security: { scrypt: PIN_SCRYPT },
    // the checks run on a worker thread with a read-only connection of their own (dist/electron/check-worker.cjs)
    runChecks: (job) => checkInWorker({ ...job, nativeBinding: process.env.KIOSK_SQLITE_BINDING }, path.join(here, 'check-worker.cjs')),
    screens: { broker, hasPublicScreen: () => registry.hasPublicScreen() },
    // one budget of wrong PINs for this PC's staff screen (the visitor screen cannot unlock at all)
    screenId: 'console',
    printer: {
      print: (route, paper, { dialogAllowed }) => {
        const settings = getSettings(db.db);
        const name = paper === 'a4' ? settings.a4Printer : settings.labelPrinter;
        return printRoute(windowOptions, route, paper, { deviceName: () => name || undefined, dialogAllowed }, adopt(sessionId));
      },
    },
  });

  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      const sessionId = senderSession(event);
      if (!sessionId) {
        log.warn('ipc.refused-sender', { channel: name });
        return refused;
      }
      if (recovery) {
        const caller = registry.resolve(sessionId)?.session;
        const outcome = await dispatchRecovery(recovery, name satisfies ChannelName, input, { publicScreen: !!caller && isPublicScreen(caller) });
        if (outcome.restored) {
          // app.exit skips will-quit: the lock goes first, or the relaunched copy would find it held
          releaseInstanceLock();
          app.relaunch();
          setImmediate(() => app.exit(0));
        }
        return outcome.result;
      }
      const outcome = await handleCall(contextFor(kdb!, sessionId), registry, sessionId, name, input);
      // an unlock or a lock gives the session a new id: this window speaks for the new one only
      if (outcome.sessionId && ours.get(event.sender.id) === sessionId) ours.set(event.sender.id, outcome.sessionId);
      if (outcome.reload) setImmediate(() => !event.sender.isDestroyed() && event.sender.reload());
      return outcome.result;
    });
  }

  if (kdb) {
    const db = kdb;
    const backups = async (reason: 'daily' | 'shutdown') => {
      const ctx = contextFor(db, '');
      const dir = backupFolder(ctx);
      rememberBackupDir(paths.dir, dir, getSettings(db.db).screens);
      const keep = backupRotation(getSettings(db.db));
      try {
        // recorded in the trail with any pruning, so a backup that disappears without it is reported (db/witnesses.ts)
        const record = { anchorFile: db.anchorFile, log };
        if (reason === 'daily') return (await ensureDailyBackup(db.db, { dir, clock: systemClock, keep, calendar: loadCalendar(db.db), record })) !== null;
        await backupNow(db.db, { dir, clock: systemClock, keep, reason: 'shutdown', timeZone: getSettings(db.db).timeZone, record });
      } catch (err) {
        log.error('backup.failed', { reason, ...errorFields(err) });
      }
      return false;
    };
    // the record and trail checks (db/record-check-run.ts): at start-up, after each daily backup, and
    // at least once a day on a PC left running (each check is one audit row, so not every hour)
    let lastCheck = 0;
    const checks = async (why: 'start-up' | 'after-backup' | 'daily') => {
      lastCheck = Date.now();
      try {
        await runAndRecordChecks(contextFor(db, ''), why);
      } catch (err) {
        log.error('records.check-could-not-run', { why, ...errorFields(err) });
      }
    };
    void checks('start-up'); // on its worker: the windows need not wait for it
    await backups('daily');
    setInterval(() => {
      void backups('daily').then((made) => {
        if (made) return checks('after-backup');
        if (Date.now() - lastCheck > 86_400_000) return checks('daily');
      });
    }, 3_600_000).unref();
    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      quitting = true;
      event.preventDefault();
      void backups('shutdown').finally(() => {
        db.close();
        app.quit();
      });
    });
  }

  const sessionId = registry.open();
  mainWindow = createConsoleWindow(windowOptions);
  ours.set(mainWindow.webContents.id, sessionId);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(`${APP_INDEX_URL}#/`);
  // in recovery mode the visitor-facing screen (as last noted beside the records) says only "Closed"
  const twoScreens = kdb ? getSettings(kdb.db).screens === 'two' : rememberedScreens(paths.dir) === 'two';
  if (twoScreens) openPublicScreen(log, registry, broker, mainWindow.webContents);
}

/** Two screens: the kiosk alone, full screen on the second display, and the scans that belong to it. */
function openPublicScreen(log: Logger, registry: SessionRegistry, broker: ScreenBroker, office: WebContents): void {
  const primary = screen.getPrimaryDisplay();
  const other = screen.getAllDisplays().find((d) => d.id !== primary.id);
  if (!other) {
    log.warn('screens.no-second-display', {});
    return;
  }
  const sessionId = registry.open(undefined, { publicScreen: true });
  const win = createPublicWindow(windowOptions, other.bounds);
  ours.set(win.webContents.id, sessionId);
  const contentsId = win.webContents.id;
  win.on('closed', () => {
    registry.close(ours.get(contentsId) ?? sessionId);
    ours.delete(contentsId);
  });
  routeScans(office, () => registry.hasPublicScreen(), (token) => broker.forwardScan(token));
  void win.loadURL(`${APP_INDEX_URL}#/`);
  log.info('screens.public-open', { display: other.id });
}

// Linux: the records folder belongs to the `reception-kiosk` group (the .deb sets it up): every file
// the app creates (database, -wal/-shm, backups, sidecars, anchor, logs) is 0660, nothing for others.
if (process.platform === 'linux') process.umask(0o007);
const logDir = resolveDataPaths().logs;
fs.mkdirSync(logDir, { recursive: true });
start(createFileLogger({ dir: logDir }));
