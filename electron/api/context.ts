/** What every handler is given: the database, the clock and the log, and a way to write. */
import { defaultBackupDir, type Db } from '../../db/open';
import type { Clock } from '../../db/clock';
import { getSettings } from '../../db/settings';
import { write, type Tx } from '../../db/tx';
import type { Logger } from '../log';
import { actorOf, type Session } from './session';

export interface ApiContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly files: { readonly database: string; readonly anchor: string | null };
}

/** Run a change as the session's actor: one immediate transaction with its audit rows. */
export function writeAs<T>(ctx: ApiContext, session: Session, fn: (tx: Tx) => T): T {
  return write({ db: ctx.db, clock: ctx.clock, anchorFile: ctx.files.anchor, log: ctx.log }, actorOf(session), fn);
}

export function backupFolder(ctx: ApiContext): string {
  return getSettings(ctx.db).backupDir ?? defaultBackupDir(ctx.files.database);
}
