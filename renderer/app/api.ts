/**
 * The page's only door to the data: window.kiosk (the Electron preload, or the preview's shim).
 * Only types come from the API contract; the renderer never imports db/ or Node.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult, ChannelName, InputOf, KioskApi, ResultOf } from '../../electron/api/contract';

declare global {
  interface Window {
    kiosk: KioskApi;
  }
}

export type { ApiError, ApiResult };

export function call<K extends ChannelName>(channel: K, input?: InputOf<K>): Promise<ApiResult<ResultOf<K>>> {
  const fn = window.kiosk[channel] as (i?: InputOf<K>) => Promise<ApiResult<ResultOf<K>>>;
  return fn(input);
}

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** Load a read channel when the component mounts (and when `key` changes). */
export function useLoad<K extends ChannelName>(channel: K, input?: InputOf<K>, key = ''): Loaded<ResultOf<K>> {
  const [state, setState] = useState<{ data: ResultOf<K> | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void call(channel, inputRef.current).then((r) => {
      if (!live) return;
      setState(r.ok ? { data: r.value, error: null, loading: false } : { data: null, error: r.error, loading: false });
    });
    return () => {
      live = false;
    };
  }, [channel, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/**
 * Field errors for a form: the API names the field; anything else is a form-level message. Given
 * `fields` (the ones the form shows), a message about any other field is form-level too.
 */
export function splitError(error: ApiError | null, fields?: readonly string[]): { field: Record<string, string>; form: string | null } {
  if (!error) return { field: {}, form: null };
  if (error.field && (!fields || fields.includes(error.field))) return { field: { [error.field]: error.message }, form: null };
  return { field: {}, form: error.message };
}
