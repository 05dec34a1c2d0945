/**
 * A DSL receiving DSL-only details is logged (db/dsl-only.ts): the reads that answer with them call
 * noteDslView after building the answer. Changes are not logged again as views: their own audit
 * row already names who acted on which record.
 */
import { actorString } from '../../../db/audit';
import { logDslView, viewLoggedRecently, type DslViewOf } from '../../../db/dsl-only';
import { writeAs, type ApiContext } from '../context';
import { actorOf, type Session } from '../session';

export function isDsl(session: Session): boolean {
  return session.kind === 'staff' && session.dsl;
}

/**
 * Log that this DSL session received the DSL-only details of a record, unless the same person's
 * view of it was logged within the window (a record page reads its record again after each change).
 * If the log cannot be written, the read fails with the write's error: no unlogged views.
 */
export function noteDslView(ctx: ApiContext, session: Session, of: DslViewOf): void {
  if (!isDsl(session)) return;
  if (viewLoggedRecently(ctx.db, actorString(actorOf(session)), of, ctx.clock.now())) return;
  writeAs(ctx, session, (tx) => logDslView(tx, of));
}
