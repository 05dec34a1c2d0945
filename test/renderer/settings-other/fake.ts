/**
 * A fake window.kiosk for the settings and print tests: every channel is a vi.fn; the ones a test
 * does not set answer like the real API would for a quiet school, and anything unexpected fails.
 */
import { vi, type Mock } from 'vitest';
import type { ApiError, ApiResult, ChannelName, KioskApi, ResultOf } from '../../../electron/api/contract';
import { useApp } from '../../../renderer/app/store';

export function ok<T>(value: T): Promise<ApiResult<T>> {
  return Promise.resolve({ ok: true, value });
}

export function fail(error: ApiError): Promise<ApiResult<never>> {
  return Promise.resolve({ ok: false, error });
}

export const SETTINGS: ResultOf<'getSettings'> = {
  schoolName: 'Oakfield Primary School',
  accentColour: '#1d4e89',
  idleLockMinutes: 5,
  timeZone: 'Europe/London',
  backupDir: null,
  backupsKept: 30,
};

export const STATUS: ResultOf<'getAppStatus'> = { schoolName: SETTINGS.schoolName, accentColour: SETTINGS.accentColour, logo: null, setupNeeded: false };

export type FakeKiosk = { [K in ChannelName]: Mock<KioskApi[K]> };
type Overrides = Partial<{ [K in ChannelName]: KioskApi[K] }>;

/** Install a fake window.kiosk (and an admin session in the app store); returns it for assertions. */
export function installKiosk(overrides: Overrides = {}): FakeKiosk {
  const defaults: Overrides = {
    getAppStatus: () => ok(STATUS),
    getSession: () => ok({ kind: 'staff', staffId: 1, role: 'admin', dsl: false }),
    getSettings: () => ok(SETTINGS),
    updateSettings: (input) => ok({ ...SETTINGS, ...(input as Partial<ResultOf<'getSettings'>>) } as ResultOf<'getSettings'>),
  };
  const made: Record<string, Mock> = {};
  const fake = new Proxy(made, {
    get(target, prop: string) {
      if (!(prop in target)) {
        const impl = (overrides as Record<string, unknown>)[prop] ?? (defaults as Record<string, unknown>)[prop];
        target[prop] = vi.fn(impl ? (impl as (...a: unknown[]) => unknown) : () => fail({ code: 'INTERNAL', message: `No fake for ${prop}` }));
      }
      return target[prop];
    },
  }) as unknown as FakeKiosk;
  Object.defineProperty(window, 'kiosk', { value: fake, configurable: true, writable: true });
  useApp.setState({ status: STATUS, session: { kind: 'staff', staffId: 1, role: 'admin', dsl: false }, failed: null });
  return fake;
}
