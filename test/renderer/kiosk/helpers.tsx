/** Shared set-up for the kiosk screen tests: a fake window.kiosk and a router at a chosen path. */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { AppStatus } from '../../../electron/api/contract';
import { useApp } from '../../../renderer/app/store';
import { mockKiosk, ok, setKiosk, STATUS, type Channels, type FakeKiosk } from '../fake-kiosk';

/** window.kiosk with the given channels (and getPinBudget: no wait); any other channel fails the test if called. */
export function fakeKiosk(channels: Channels): FakeKiosk {
  // the unlock screens ask how long this screen must wait after wrong PINs: by default, not at all
  return setKiosk(mockKiosk(channels, { getPinBudget: () => ok({ waitSeconds: 0, recoveryCodeWaitSeconds: 0 }) }, { strict: true }));
}

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
