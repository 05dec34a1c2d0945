/**
 * Rendering the staff console in jsdom: a fake window.kiosk (every channel a vi.fn answering like
 * the real API), the app store set to a staff session, and the /staff routes nested as App.tsx does.
 */
import { render } from '@testing-library/react';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { ResultOf, SessionInfo } from '../../../electron/api/contract';
import { useApp } from '../../../renderer/app/store';
import { StaffShell } from '../../../renderer/staff/Shell';
import { mockKiosk, ok, SETTINGS, setKiosk, STATUS, type Channels, type FakeKiosk } from '../fake-kiosk';

export type Role = Extract<SessionInfo, { kind: 'staff' }>['role'];
export type StaffMember = ResultOf<'listStaff'>[number];

export const TODAY: ResultOf<'getToday'> = {
  day: { date: '2026-11-27', isSchoolDay: true, closure: null, nextSchoolDay: '2026-11-30', previousSchoolDay: '2026-11-26' },
  alerts: [],
  phones: { checkedInToday: 0, heldNow: 0, slotsFree: 60, notCollected: [], reviewsOverdue: 0 },
  confiscations: { held: 0, oldest: [] },
  visitors: { onSite: 0, waiting: 0, expectedToday: 0, notSignedOut: 0, rollCallId: null },
  lowDiskSpace: null,
};

export function member(over: Partial<StaffMember> & { id: number; name: string }): StaffMember {
  return {
    role: 'office',
    dsl: false,
    active: true,
    hasPin: true,
    lastUnlockAt: null,
    createdAt: '2026-09-01T08:00:00.000Z',
    updatedAt: '2026-09-01T08:00:00.000Z',
    ...over,
  };
}

export const STAFF: StaffMember[] = [
  member({ id: 1, name: 'Alex Turner', role: 'admin', lastUnlockAt: '2026-11-27T08:40:00.000Z' }),
  member({ id: 2, name: 'Priya Shah' }),
  member({ id: 3, name: 'Mark Bennett', role: 'leadership', dsl: true }),
];

/** Every channel answers something sensible; pass overrides for the ones a test is about. */
export function fakeKiosk(overrides: Channels = {}): FakeKiosk {
  return mockKiosk(overrides, {
    getSession: () => ok(useApp.getState().session ?? { kind: 'kiosk' }),
    getSettings: () => ok(SETTINGS),
    listUnlockNames: () => ok(STAFF.filter((s) => s.active).map(({ id, name }) => ({ id, name }))),
    getToday: () => ok(TODAY),
    lock: () => ok({ locked: true as const }),
    listStaff: () => ok(STAFF),
  });
}

export function renderStaff(path: string, { role = 'admin', staffId = 1, dsl = false, kiosk = fakeKiosk() }: { role?: Role; staffId?: number; dsl?: boolean; kiosk?: FakeKiosk } = {}) {
  setKiosk(kiosk);
  useApp.setState({ status: STATUS, session: { kind: 'staff', staffId, role, dsl }, failed: null });
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
