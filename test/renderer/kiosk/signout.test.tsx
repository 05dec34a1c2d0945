/** Signing out at the kiosk: the badge scanned (or typed) into one big field, a goodbye, problems in words. */
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VisitorSignOut } from '../../../renderer/kiosk/Visitors';
import { fail, ok, type Channels } from '../fake-kiosk';
import { fakeKiosk, renderAt, setStatus } from './helpers';
import { TOKEN } from './visitor-fixtures';

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  setStatus();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function start(channels: Channels = {}) {
  const api = fakeKiosk({ kioskSignOut: vi.fn(() => ok({ name: 'Sam Smith' })), ...channels });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  return { api, user, ...renderAt('/visitors/sign-out', <VisitorSignOut />) };
}

const field = () => screen.getByLabelText('Scan your badge') as HTMLInputElement;

function described(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Sign out', () => {
  it('the field has focus; a scan and Enter sign out with a goodbye, then Welcome after 8 seconds', async () => {
    const { api, user, location } = start();
    expect(document.activeElement).toBe(field());
    expect(field().getAttribute('autocomplete')).toBe('off');
    expect(screen.getByText('Lost your badge? Please see the office.')).toBeTruthy();
    await user.keyboard(`${TOKEN.toLowerCase()}{Enter}`);
    expect(await screen.findByRole('heading', { name: 'Goodbye, Sam Smith.' })).toBeTruthy();
    expect(screen.getByText('Thank you for visiting.')).toBeTruthy();
    expect(api.kioskSignOut).toHaveBeenCalledWith({ token: TOKEN });
    act(() => vi.advanceTimersByTime(7_000));
    expect(location.history.at(-1)).toBe('/visitors/sign-out');
    act(() => vi.advanceTimersByTime(1_500));
    expect(location.history.at(-1)).toBe('/');
  });

  it('the code typed as printed (groups with spaces) works too', async () => {
    const { api, user } = start();
    await user.type(field(), 'KV ABCD EFGH JKLM N234{Enter}');
    await screen.findByRole('heading', { name: 'Goodbye, Sam Smith.' });
    expect(api.kioskSignOut).toHaveBeenCalledWith({ token: TOKEN });
  });

  it('says the server’s words beside the field, and the next scan replaces what was there', async () => {
    const kioskSignOut = vi
      .fn()
      .mockImplementationOnce(() => fail({ code: 'NOT_FOUND', message: 'We could not find that badge. Please see the office.', field: 'token' }))
      .mockImplementation(() => ok({ name: 'Sam Smith' }));
    const { user } = start({ kioskSignOut });
    await user.keyboard(`KVAAAAAAAAAAAAAAAA{Enter}`);
    expect(await screen.findByText('We could not find that badge. Please see the office.')).toBeTruthy();
    expect(described(field())).toContain('We could not find that badge. Please see the office.');
    expect(field().getAttribute('aria-invalid')).toBe('true');
    await act(async () => vi.advanceTimersByTime(10));
    expect(document.activeElement).toBe(field());
    await user.keyboard(`${TOKEN}{Enter}`);
    expect(await screen.findByRole('heading', { name: 'Goodbye, Sam Smith.' })).toBeTruthy();
    expect(kioskSignOut).toHaveBeenLastCalledWith({ token: TOKEN });
  });

  it('nothing, or something that is not a badge: said at once, nothing sent', async () => {
    const { api, user } = start();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(described(field())).toContain('Scan your badge, or type the code printed under the QR code.');
    await user.type(field(), 'KIABCDEFGHIJKLMNOP{Enter}');
    expect(described(field())).toContain('That is not a visitor badge code.');
    expect(api.kioskSignOut).not.toHaveBeenCalled();
  });

  it('the on-screen keyboard types the code into the field', async () => {
    const { api, user } = start();
    await user.click(screen.getByRole('button', { name: 'Type the code instead' }));
    const keys = within(screen.getByRole('group', { name: 'On-screen keyboard' }));
    for (const k of TOKEN) await user.click(keys.getByRole('button', { name: k }));
    expect(field().value).toBe(TOKEN);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Goodbye, Sam Smith.' });
    expect(api.kioskSignOut).toHaveBeenCalledWith({ token: TOKEN });
  });

  it('idle for a minute: back to Welcome', () => {
    const { location } = start();
    act(() => vi.advanceTimersByTime(60_500));
    expect(location.history.at(-1)).toBe('/');
  });

  it('the field keeps focus: focus that lands nowhere comes back, and a key typed on a button goes into the field', async () => {
    const { user } = start();
    field().blur();
    expect(document.activeElement).toBe(document.body);
    act(() => vi.advanceTimersByTime(5));
    expect(document.activeElement).toBe(field());
    screen.getByRole('button', { name: 'Type the code instead' }).focus();
    await user.keyboard('K');
    expect(document.activeElement).toBe(field());
    expect(field().value).toBe('K');
  });

  it('Back goes to Welcome', async () => {
    const { user, location } = start();
    await user.click(screen.getByRole('link', { name: 'Back' }));
    expect(location.history.at(-1)).toBe('/');
  });
});
