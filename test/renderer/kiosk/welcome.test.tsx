import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Welcome } from '../../../renderer/kiosk/Welcome';
import { fakeKiosk, renderAt, setStatus } from './helpers';

afterEach(cleanup);

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('Welcome', () => {
  it('shows the school name, two equal actions, the office line and a small Staff link', () => {
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
    expect(screen.getByText('Dropping off or collecting? Please see the office.')).toBeTruthy();
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
});
