/** One handler per channel; the type makes a missing or mistyped handler a compile error. */
import type { ApiContext } from '../context';
import type { ChannelName, ParsedInputOf, ResultOf } from '../contract';
import type { Session } from '../session';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { backupHandlers } from './backup';
import { calendarHandlers } from './calendar';
import { confiscationHandlers } from './confiscations';
import { phoneHandlers } from './phones';
import { pupilHandlers } from './pupils';
import { settingsHandlers } from './settings';
import { staffHandlers } from './staff';
import { pinBudgetHandlers } from './pin-budget';
import { visitorHandlers } from './visitors';
import { screenHandlers } from './screens';

export interface CallInfo {
  /** Change the caller's session (unlock, lock); the host reloads the page afterwards. */
  setSession(next: Session): void;
}

export type Handler<K extends ChannelName> = (
  ctx: ApiContext,
  session: Session,
  input: ParsedInputOf<K>,
  call: CallInfo,
) => ResultOf<K> | Promise<ResultOf<K>>;

export type Handlers<K extends ChannelName = ChannelName> = { [C in K]: Handler<C> };

export const handlers: Handlers = {
  ...appHandlers,
  ...staffHandlers,
  ...pinBudgetHandlers,
  ...settingsHandlers,
  ...calendarHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...pupilHandlers,
  ...phoneHandlers,
  ...confiscationHandlers,
  ...visitorHandlers,
  ...screenHandlers,
};
