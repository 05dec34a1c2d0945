import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VisitorSignIn, VisitorSignOut } from '../../../renderer/kiosk/Visitors';
import { fakeKiosk, renderAt, setStatus } from './helpers';

beforeEach(() => {
  fakeKiosk({});
  setStatus();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Visitors (not yet available)', () => {
  it('says plainly to go to the office, with a way back to the start', () => {
    renderAt('/visitors/sign-in', <VisitorSignIn />);
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByText('Signing in on this screen is not available yet.')).toBeTruthy();
    expect(screen.getByText('Please go to the office window and a member of staff will sign you in.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to start' }).getAttribute('href')).toBe('/');
    cleanup();
    renderAt('/visitors/sign-out', <VisitorSignOut />);
    expect(screen.getByText('Please go to the office window and a member of staff will sign you out.')).toBeTruthy();
  });

  it('goes back to Welcome after a minute untouched, counting from the last touch', () => {
    vi.useFakeTimers();
    const { location } = renderAt('/visitors/sign-in', <VisitorSignIn />);
    act(() => vi.advanceTimersByTime(45_000));
    fireEvent.pointerDown(document.body);
    act(() => vi.advanceTimersByTime(45_000));
    expect(location.history.at(-1)).toBe('/visitors/sign-in');
    act(() => vi.advanceTimersByTime(15_001));
    expect(location.history.at(-1)).toBe('/');
  });
});
