import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../../../renderer/app/store';
import { Welcome } from '../../../renderer/kiosk/Welcome';
import { fail, ok, STATUS } from '../fake-kiosk';
import { fakeKiosk, renderAt, setStatus } from './helpers';
import { settle, TOKEN } from './visitor-fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Keys as a keyboard-wedge scanner sends them: `gapMs` apart, then Enter, with nothing focused. */
function typeKeys(text: string, gapMs: number) {
  for (const key of text) {
    fireEvent.keyDown(document.activeElement ?? document.body, { key });
    act(() => vi.advanceTimersByTime(gapMs));
  }
  fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Enter' });
}

describe('Welcome', () => {
  it('shows the school name, two equal actions, the office tile and a small Staff link', () => {
    const api = fakeKiosk({ listUnlockNames: vi.fn() });
    setStatus();
    renderAt('/', <Welcome />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Oakfield Primary School');
    const signIn = screen.getByRole('link', { name: /^Sign in/ });
    const signOut = screen.getByRole('link', { name: /^Sign out/ });
    expect(signIn.getAttribute('href')).toBe('/visitors/sign-in');
    expect(signOut.getAttribute('href')).toBe('/visitors/sign-out');
    // equal weight: the same kind of tile, side by side in the same group
    expect(signIn.className).toBe(signOut.className);
    expect(signIn.parentElement).toBe(signOut.parentElement);
    // the office tile is a tile of its own, outside that group
    const office = screen.getByRole('button', { name: /^Dropping off or collecting\? Please see the office/ });
    expect(office.parentElement).not.toBe(signIn.parentElement);
    expect(screen.getByRole('link', { name: 'Staff' }).getAttribute('href')).toBe('/unlock');
    // nothing about any person: the screen asks the API for nothing
    expect(api.listUnlockNames).not.toHaveBeenCalled();
    expect(document.querySelector('main.kiosk')).not.toBeNull();
  });

  it('shows the logo when the school has one, and none otherwise', () => {
    fakeKiosk({});
    setStatus({ logo: PNG });
    const { unmount } = renderAt('/', <Welcome />);
    expect(document.querySelector('img')?.getAttribute('src')).toBe(PNG);
    unmount();
    setStatus({ logo: null });
    renderAt('/', <Welcome />);
    expect(document.querySelector('img')).toBeNull();
  });

  it('goes to visitor sign-in and to staff unlock', async () => {
    fakeKiosk({});
    setStatus();
    const user = userEvent.setup();
    const { location } = renderAt('/', <Welcome />);
    await user.click(screen.getByRole('link', { name: /^Sign in/ }));
    expect(location.history.at(-1)).toBe('/visitors/sign-in');
    await user.click(screen.getByRole('link', { name: 'Staff' }));
    expect(location.history.at(-1)).toBe('/unlock');
  });

  it('has no Staff link on the visitor-facing screen of a two-screen desk', () => {
    fakeKiosk({});
    useApp.setState({ status: STATUS, session: { kind: 'kiosk', publicScreen: true }, failed: null });
    renderAt('/', <Welcome />);
    expect(screen.queryByRole('link', { name: 'Staff' })).toBeNull();
    expect(screen.getByRole('link', { name: /^Sign in/ })).toBeTruthy();
  });

  it('"Dropping off or collecting?" tells the office, says so, and goes back to rest after 15 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeKiosk({ kioskSeeOffice: vi.fn(() => ok({ alerted: true as const })) });
    setStatus();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderAt('/', <Welcome />);
    await user.click(screen.getByRole('button', { name: /^Dropping off or collecting\?/ }));
    expect(await screen.findByText('We have told the office. Please wait at the office window; someone will be with you shortly.')).toBeTruthy();
    expect(api.kioskSeeOffice).toHaveBeenCalledTimes(1);
    await settle();
    act(() => vi.advanceTimersByTime(14_000));
    expect(screen.queryByRole('link', { name: /^Sign in/ })).toBeNull();
    act(() => vi.advanceTimersByTime(1_500));
    expect(screen.getByRole('link', { name: /^Sign in/ })).toBeTruthy();
  });

  it('if the office could not be told, still sends the person to the office window (never claims it told them)', async () => {
    fakeKiosk({ kioskSeeOffice: vi.fn(() => fail({ code: 'INTERNAL', message: 'Not answering.' })) });
    setStatus();
    const user = userEvent.setup();
    renderAt('/', <Welcome />);
    await user.click(screen.getByRole('button', { name: /^Dropping off or collecting\?/ }));
    expect(await screen.findByText('Please go to the office window; someone will be with you shortly.')).toBeTruthy();
    expect(screen.queryByText(/We have told the office/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByRole('link', { name: /^Sign in/ })).toBeTruthy();
  });
});

describe('Welcome: scanning a badge signs out', () => {
  it('fast keys and Enter (a scanner, lower case too) sign out at once, with a goodbye, then back to rest', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeKiosk({ kioskSignOut: vi.fn(() => ok({ name: 'Sam Smith' })) });
    setStatus();
    renderAt('/', <Welcome />);
    typeKeys(TOKEN.toLowerCase(), 8);
    expect(await screen.findByRole('heading', { name: 'Goodbye, Sam Smith.' })).toBeTruthy();
    expect(screen.getByText('Thank you for visiting.')).toBeTruthy();
    expect(api.kioskSignOut).toHaveBeenCalledWith({ token: TOKEN });
    await settle();
    act(() => vi.advanceTimersByTime(7_500));
    expect(screen.queryByRole('link', { name: /^Sign in/ })).toBeNull();
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByRole('link', { name: /^Sign in/ })).toBeTruthy();
  });

  it('a scan with focus on a tile signs out and does not press the tile', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeKiosk({ kioskSignOut: vi.fn(() => ok({ name: 'Sam Smith' })) });
    setStatus();
    const { location } = renderAt('/', <Welcome />);
    screen.getByRole('link', { name: /^Sign in/ }).focus();
    typeKeys(TOKEN, 5);
    await screen.findByRole('heading', { name: 'Goodbye, Sam Smith.' });
    expect(api.kioskSignOut).toHaveBeenCalledTimes(1);
    expect(location.history.at(-1)).toBe('/');
  });

  it('ignores slow typing (a person at a keyboard) and scans that are not badges', () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeKiosk({ kioskSignOut: vi.fn(() => ok({ name: 'X' })) });
    setStatus();
    renderAt('/', <Welcome />);
    typeKeys(TOKEN, 150);
    typeKeys('KIABCDEFGHIJKLMNOP', 5); // an invitation code
    typeKeys('KPABCDEFGHIJKLMNOP', 5); // a pupil card
    typeKeys('hello world', 5);
    expect(api.kioskSignOut).not.toHaveBeenCalled();
    expect(screen.getByRole('link', { name: /^Sign in/ })).toBeTruthy();
  });

  it('a pause in the middle starts again: only the keys after it count', () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeKiosk({ kioskSignOut: vi.fn(() => ok({ name: 'X' })) });
    setStatus();
    renderAt('/', <Welcome />);
    for (const key of TOKEN.slice(0, 9)) {
      fireEvent.keyDown(document.body, { key });
      act(() => vi.advanceTimersByTime(5));
    }
    act(() => vi.advanceTimersByTime(300));
    typeKeys(TOKEN.slice(9), 5);
    expect(api.kioskSignOut).not.toHaveBeenCalled();
  });

  it('a badge that cannot sign out: the server’s words, then back to rest', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fakeKiosk({ kioskSignOut: vi.fn(() => fail({ code: 'RULE', message: 'This badge has been replaced. Please see the office.', field: 'token' })) });
    setStatus();
    renderAt('/', <Welcome />);
    typeKeys(TOKEN, 5);
    expect(await screen.findByText('This badge has been replaced. Please see the office.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('We could not sign you out');
    await settle();
    act(() => vi.advanceTimersByTime(15_500));
    expect(screen.getByRole('link', { name: /^Sign in/ })).toBeTruthy();
  });
});
