/**
 * The fake window.kiosk shared by the renderer tests: every channel is a vi.fn, running the
 * implementation the test gives, else a default answering like the real API for a quiet school.
 * A channel with neither answers a failure naming it, or (strict) throws, so the test fails.
 */
import { vi, type Mock } from 'vitest';
import type { ApiError, ApiResult, AppStatus, ChannelName, KioskApi, ResultOf } from '../../electron/api/contract';
import { useApp } from '../../renderer/app/store';

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
  backupsWeekly: 8,
  backupsMonthly: 12,
  phoneYearGroups: [5, 6],
  phoneSlotMode: 'fixed',
  phoneSlotCount: 60,
  heldItemsReturnTo: 'parent-only',
  leftWithoutPhoneFrom: '15:30',
  confiscationLocations: ['School office safe'],
  confiscationWarnDays: 5,
  visitorsCloseAt: '19:00',
  kioskIdleSeconds: 60,
  badgePaper: 'label62',
  labelPrinter: '',
  a4Printer: '',
  screens: 'one',
  visitRetentionMonths: 24,
};

/** The chain fingerprint every print carries at its foot. */
export const FINGERPRINT: ResultOf<'getFingerprint'> = { seq: 18342, hex: '9f3a1c07d2e4b6a8', text: '18342-9f3a1c07d2e4b6a8', at: '2026-11-27T15:40:00.000Z' };

export const STATUS: AppStatus = { schoolName: SETTINGS.schoolName, accentColour: SETTINGS.accentColour, logo: null, setupNeeded: false };

export type FakeKiosk = { [K in ChannelName]: Mock<KioskApi[K]> };
export type Channels = Partial<{ [K in ChannelName]: KioskApi[K] }>;

/** A fake window.kiosk (not yet installed): `channels` first, then `defaults`. */
export function mockKiosk(channels: Channels = {}, defaults: Channels = {}, { strict = false } = {}): FakeKiosk {
  const unexpected = (name: string) =>
    strict
      ? () => {
          throw new Error(`unexpected call to window.kiosk.${name}`);
        }
      : () => fail({ code: 'INTERNAL', message: `No fake for ${name}` });
  const handler: ProxyHandler<Record<string, Mock>> = {
    get(target, prop: string) {
      if (!(prop in target)) {
        const impl = (channels as Record<string, unknown>)[prop] ?? (defaults as Record<string, unknown>)[prop];
        target[prop] = vi.fn(impl ? (impl as (...a: unknown[]) => unknown) : unexpected(prop));
      }
      return target[prop];
    },
  };
  return new Proxy({}, handler) as unknown as FakeKiosk;
}

/** Make `kiosk` the page's window.kiosk. */
export function setKiosk<T extends KioskApi>(kiosk: T): T {
  Object.defineProperty(window, 'kiosk', { value: kiosk, configurable: true, writable: true });
  return kiosk;
}

/** For the settings and print tests: install a fake window.kiosk and an administrator's session. */
export function installKiosk(channels: Channels = {}): FakeKiosk {
  const kiosk = mockKiosk(channels, {
    getAppStatus: () => ok(STATUS),
    getSession: () => ok({ kind: 'staff', staffId: 1, role: 'admin', dsl: false }),
    getSettings: () => ok(SETTINGS),
    updateSettings: (input) => ok({ ...SETTINGS, ...(input as Partial<ResultOf<'getSettings'>>) } as ResultOf<'getSettings'>),
    getFingerprint: () => ok(FINGERPRINT),
  });
  setKiosk(kiosk);
  useApp.setState({ status: STATUS, session: { kind: 'staff', staffId: 1, role: 'admin', dsl: false }, failed: null });
  return kiosk;
}
