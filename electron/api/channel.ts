/** One channel of the contract: who may call it, its input schema, and (as a type only) its result. */
import type { Access } from './session';
import type { z } from './zod';

export interface ChannelSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly access: readonly Access[];
  readonly input: I;
  readonly doc: string;
  /** Type only: what a successful call returns. */
  readonly result?: R;
}

export function channel<R>() {
  return <I extends z.ZodType>(access: readonly Access[], input: I, doc: string): ChannelSpec<I, R> => ({ access, input, doc });
}
