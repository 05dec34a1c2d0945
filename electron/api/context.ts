/** What every handler is given: the database, the clock and the log, and a way to write. */
import { defaultBackupDir, type Db } from '../../db/open';
import type { Clock } from '../../db/clock';
import type { ScryptParams } from '../../db/pins';
import type { CheckJob, CheckReport } from '../../db/record-check-run';
import { getSettings } from '../../db/settings';
import { write, type Tx } from '../../db/tx';
import type { Logger } from '../log';
import type { FreeSpace } from './disk-space';
import type { Paper, PrintOutcome } from './contract';
import { ScreenBroker } from './screens';
import { actorOf, type Session } from './session';

export interface ApiContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly files: { readonly database: string; readonly anchor: string | null };
  /** scrypt cost for PINs and the recovery code (PIN_SCRYPT in the app, TEST_SCRYPT in tests). */
  readonly security: { readonly scrypt: ScryptParams };
  /** The host's printing: Electron prints the route in a hidden window; the preview lets the page print. */
  readonly printer: Printer;
  /** The visitor-facing screen of a two-screen desk: its tasks, and whether one is open. */
  readonly screens: Screens;
  /**
   * The screen whose budget of wrong PINs a call spends (db/pin-budget.ts), named by the host:
   * 'console' in the app (the default), 'preview' for every tab of the browser preview.
   */
  readonly screenId?: string;
  /**
   * Run every check on a worker thread (db/record-check-run.ts); the host provides it (the app,
   * the preview). Without it the checks run inline, on a read-only connection of their own (tests).
   */
  readonly runChecks?: (job: CheckJob) => Promise<CheckReport>;
  /** Bytes free on a folder's disk; fs.statfsSync when not given (tests inject a full disk). */
  readonly freeSpace?: FreeSpace;
}

export interface Screens {
  readonly broker: ScreenBroker;
  hasPublicScreen(): boolean;
}

/** A host with one screen (tests, the bench): no visitor-facing screen is ever open. */
export function oneScreen(): Screens {
  return { broker: new ScreenBroker(), hasPublicScreen: () => false };
}

export interface PrintOptions {
  /**
   * May the host fall back to the system's print dialog when no printer is chosen for this paper?
   * Never at the public kiosk: a badge that cannot print silently is shown on screen instead.
   */
  dialogAllowed: boolean;
}

export interface Printer {
  print(route: string, paper: Paper, opts: PrintOptions): Promise<PrintOutcome>;
}

/** The browser preview's printer: the page prints itself with window.print(). */
export const browserPrinter: Printer = { print: () => Promise.resolve({ via: 'browser' }) };

/** Run a change as the session's actor: one immediate transaction with its audit rows. */
export function writeAs<T>(ctx: ApiContext, session: Session, fn: (tx: Tx) => T): T {
  return write({ db: ctx.db, clock: ctx.clock, anchorFile: ctx.files.anchor, log: ctx.log }, actorOf(session), fn);
}

export function backupFolder(ctx: ApiContext): string {
  return getSettings(ctx.db).backupDir ?? defaultBackupDir(ctx.files.database);
}
