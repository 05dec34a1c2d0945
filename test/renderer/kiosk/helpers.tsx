/** Shared set-up for the kiosk screen tests: a fake window.kiosk and a router at a chosen path. */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { ApiError, ApiResult, AppStatus, KioskApi } from '../../../electron/api/contract';
import { useApp } from '../../../renderer/app/store';

export function ok<T>(value: T): Promise<ApiResult<T>> {
  return Promise.resolve({ ok: true, value });
}

export function fail(error: ApiError): Promise<ApiResult<never>> {
  return Promise.resolve({ ok: false, error });
}

/** window.kiosk with the given channels; any other channel fails the test if called. */
export function fakeKiosk(channels: Partial<KioskApi>): KioskApi {
  const handler: ProxyHandler<Partial<KioskApi>> = {
    get(target, name: string) {
      if (name in target) return target[name as keyof KioskApi];
      return () => {
        throw new Error(`unexpected call to window.kiosk.${name}`);
      };
    },
  };
  const api = new Proxy(channels, handler) as KioskApi;
  window.kiosk = api;
  return api;
}

export const STATUS: AppStatus = { schoolName: 'Oakfield Primary School', accentColour: '#1d4e89', logo: null, setupNeeded: false };

export function setStatus(status: Partial<AppStatus> = {}): void {
  useApp.setState({ status: { ...STATUS, ...status }, session: { kind: 'kiosk' }, failed: null });
}

/** Render under a memory router at `path`; `location.history` lists where it went. */
export function renderAt(path: string, ui: ReactNode) {
  const location = memoryLocation({ path, record: true });
  const result = render(<Router hook={location.hook}>{ui}</Router>);
  return { ...result, location };
}

export const noCall = () => vi.fn(() => new Promise<never>(() => {}));
