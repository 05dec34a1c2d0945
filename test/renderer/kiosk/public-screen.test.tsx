/** The visitor-facing screen's tasks: a signature the office asked for, a badge scanned at the desk; none on an ordinary kiosk tab. */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../../../renderer/app/store';
import { PublicScreenTasks } from '../../../renderer/kiosk/PublicScreen';
import { takeHandedOffCode } from '../../../renderer/kiosk/visitors/handoff';
import { ok } from '../fake-kiosk';
import { fakeKiosk, renderAt, setStatus } from './helpers';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const pad = vi.hoisted(() => ({ empty: true }));
vi.mock('signature_pad', () => ({
  default: class {
    isEmpty = () => pad.empty;
    toDataURL = () => PNG;
    clear() {}
    fromData() {}
    toData = () => [];
    off() {}
    addEventListener() {}
    removeEventListener() {}
  },
}));

beforeEach(() => {
  vi.useFakeTimers();
  pad.empty = true;
  setStatus();
  useApp.setState({ session: { kind: 'kiosk', publicScreen: true } });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function tick(ms = 1000) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('the visitor-facing screen', () => {
  it('shows the signature request, refuses an empty box, and hands in the signature', async () => {
    const api = fakeKiosk({
      getPublicTask: () => ok({ kind: 'signature' as const, id: 'r1', prompt: 'Please sign below to confirm you have collected the item.' }),
      submitPublicSignature: () => ok({ received: true }),
    });
    renderAt('/', <PublicScreenTasks />);
    await tick();
    expect(screen.getByRole('heading', { name: 'Please sign below to confirm you have collected the item.' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await tick(0);
    expect(screen.getByText('Please sign in the box first.')).toBeTruthy();
    expect(api.submitPublicSignature).not.toHaveBeenCalled();
    pad.empty = false;
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await tick(0);
    expect(api.submitPublicSignature).toHaveBeenCalledWith({ requestId: 'r1', signature: PNG });
    expect(screen.getByTestId('signed').textContent).toContain('Thank you');
  });

  it('signs out a badge scanned at the desk with a goodbye, which goes by itself', async () => {
    let given = false;
    const api = fakeKiosk({
      getPublicTask: () => ok(given ? null : ((given = true), { kind: 'scan' as const, id: 's1', token: 'KVAAAAAAAAAAAAAAAA' })),
      kioskSignOut: () => ok({ name: '<script>alert(1)</script>' }),
    });
    renderAt('/', <PublicScreenTasks />);
    await tick();
    await tick(0);
    expect(api.kioskSignOut).toHaveBeenCalledWith({ token: 'KVAAAAAAAAAAAAAAAA' });
    expect(screen.getByTestId('goodbye').textContent).toBe('Goodbye, <script>alert(1)</script>. Thank you for visiting.');
    await tick(9000);
    expect(screen.queryByTestId('goodbye')).toBeNull();
  });

  it('starts the sign-in with an invitation code scanned at the desk', async () => {
    let given = false;
    fakeKiosk({ getPublicTask: () => ok(given ? null : ((given = true), { kind: 'scan' as const, id: 's2', token: 'KIAAAAAAAAAAAAAAAA' })) });
    const { location } = renderAt('/', <PublicScreenTasks />);
    await tick();
    expect(location.history.at(-1)).toBe('/visitors/sign-in');
    expect(takeHandedOffCode()).toBe('KIAAAAAAAAAAAAAAAA');
  });

  it('asks for nothing on an ordinary kiosk screen', async () => {
    useApp.setState({ session: { kind: 'kiosk' } });
    const api = fakeKiosk({ getPublicTask: () => ok(null) });
    renderAt('/', <PublicScreenTasks />);
    await tick(3000);
    expect(api.getPublicTask).not.toHaveBeenCalled();
  });
});
