/** Calling the API in tests as the pages do: through dispatch, as one session or another. */
import type { ApiResult } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import type { Session } from '../../electron/api/session';
import type { TestDb } from './db';

export interface ApiCalls {
  /** The result of a call that must succeed (a refusal fails the test, naming the channel). */
  ok<T>(session: Session, channel: string, input?: unknown): Promise<T>;
  /** The raw result, to check a refusal. */
  call(session: Session, channel: string, input?: unknown): Promise<ApiResult<unknown>>;
}

/** Calls against the test database `t()` returns (read at each call, for beforeEach databases). */
export function apiCalls(t: () => TestDb): ApiCalls {
  return {
    async ok<T>(session: Session, channel: string, input?: unknown): Promise<T> {
      const r = await dispatch(t().ctx, session, channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.field ?? ''} ${r.error.message}`);
      return r.value as T;
    },
    call: (session, channel, input) => dispatch(t().ctx, session, channel, input),
  };
}
