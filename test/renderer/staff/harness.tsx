/**
 * Rendering the staff console in jsdom: a fake window.kiosk (every channel a vi.fn answering like
 * the real API), the app store set to a staff session, and the /staff routes nested as App.tsx does.
 */
import { render } from '@testing-library/react';
import { vi, type Mock } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { ApiError, ApiResult, ChannelName, KioskApi, ResultOf, SessionInfo } from '../../../electron/api/contract';
import { useApp } from '../../../renderer/app/store';
import { StaffShell } from '../../../renderer/staff/Shell';

export type Role = Extract<SessionInfo, { kind: 'staff' }>['role'];
export type StaffMember = ResultOf<'listStaff'>[number];

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

export const TODAY: ResultOf<'getToday'> = {
  day: { date: '2026-11-27', isSchoolDay: true, closure: null, nextSchoolDay: '2026-11-30', previousSchoolDay: '2026-11-26' },
  alerts: [],
};

export function member(over: Partial<StaffMember> & { id: number; name: string }): StaffMember {
  return {
    role: 'office',
    dsl: false,
    active: true,
    hasPin: true,
    failedAttempts: 0,
    retryAfter: null,
    lastUnlockAt: null,
    createdAt: '2026-09-01T08:00:00.000Z',
    updatedAt: '2026-09-01T08:00:00.000Z',
    ...over,
  };
}

export const STAFF: StaffMember[] = [
  member({ id: 1, name: 'Alex Turner', role: 'admin', lastUnlockAt: '2026-11-27T08:40:00.000Z' }),
  member({ id: 2, name: 'Priya Shah', failedAttempts: 5, retryAfter: '2026-11-27T09:00:00.000Z' }),
  member({ id: 3, name: 'Mark Bennett', role: 'leadership', dsl: true }),
];

export type FakeKiosk = { [K in ChannelName]: Mock<KioskApi[K]> };

/** Every channel answers something sensible; pass overrides for the ones a test is about. */
export function fakeKiosk(overrides: Partial<{ [K in ChannelName]: KioskApi[K] }> = {}): FakeKiosk {
  const defaults: Partial<{ [K in ChannelName]: KioskApi[K] }> = {
    getSession: () => ok(useApp.getState().session ?? { kind: 'kiosk' }),
    getSettings: () => ok(SETTINGS),
    listUnlockNames: () => ok(STAFF.filter((s) => s.active).map(({ id, name }) => ({ id, name }))),
    getToday: () => ok(TODAY),
    lock: () => ok({ locked: true as const }),
    listStaff: () => ok(STAFF),
  };
  const handler: ProxyHandler<Record<string, Mock>> = {
    get(target, prop: string) {
      if (!(prop in target)) {
        const impl = (overrides as Record<string, unknown>)[prop] ?? (defaults as Record<string, unknown>)[prop];
        target[prop] = vi.fn(impl ? (impl as (...a: unknown[]) => unknown) : () => fail({ code: 'INTERNAL', message: `No fake for ${prop}` }));
      }
      return target[prop];
    },
  };
  return new Proxy({}, handler) as unknown as FakeKiosk;
}

export function renderStaff(path: string, { role = 'admin', staffId = 1, dsl = false, kiosk = fakeKiosk() }: { role?: Role; staffId?: number; dsl?: boolean; kiosk?: FakeKiosk } = {}) {
  Object.defineProperty(window, 'kiosk', { value: kiosk, configurable: true, writable: true });
  useApp.setState({
    status: { schoolName: 'Oakfield Primary School', accentColour: '#1d4e89', logo: null, setupNeeded: false },
    session: { kind: 'staff', staffId, role, dsl },
    failed: null,
  });
  const location = memoryLocation({ path, record: true });
  const view = render(
    <Router hook={location.hook}>
      <Route path="/staff" nest>
        <StaffShell />
      </Route>
    </Router>,
  );
  return { ...view, kiosk, location };
}

/** The text a screen reader hears after a field's label: its hint and its error. */
export function description(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}
