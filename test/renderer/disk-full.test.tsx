/**
 * A full disk on the screens (issue 13): the visitor at the kiosk sees only "Sorry, we could not
 * sign you in. Please see the office." on a screen of its own (not the rules again, to try in
 * vain); an administrator's Today warns, in words, before the disk fills.
 */
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VisitorSignIn, VisitorSignOut } from '../../renderer/kiosk/Visitors';
import { bytesInWords } from '../../renderer/staff/DiskSpaceWarning';
import { fail, ok } from './fake-kiosk';
import { fakeKiosk as fakeKioskScreen, renderAt, setStatus } from './kiosk/helpers';
import { FORM } from './kiosk/visitor-fixtures';
import { TODAY, fakeKiosk as fakeStaffKiosk, renderStaff } from './staff/harness';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const PUBLIC = 'Sorry, we could not sign you in. Please see the office.';

describe('the kiosk on a full disk', () => {
  it('signing in: only the public words, on a screen of their own, and back to the start', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    setStatus();
    const kioskSignIn = vi.fn(() => fail({ code: 'UNAVAILABLE', message: PUBLIC }));
    fakeKioskScreen({ getKioskVisitorForm: vi.fn(() => ok(FORM)), kioskSignIn });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const { location } = renderAt('/visitors/sign-in', <VisitorSignIn />);
    await user.click(await screen.findByRole('button', { name: 'Parent/carer' }));
    for (const [question, answer] of [
      ['What is your name?', 'Sam Smith'],
      ['Who are you visiting, or why are you here?', 'Mrs Khan'],
    ] as const) {
      await user.type(await screen.findByLabelText(question), answer);
      await user.click(screen.getByRole('button', { name: 'Next' }));
    }
    await user.click(await screen.findByRole('button', { name: 'No car' }));
    await user.click(await screen.findByRole('checkbox', { name: 'I have read these rules and agree to follow them' }));
    await user.click(screen.getByRole('button', { name: 'I agree' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`Please see the office${PUBLIC}`);
    expect(screen.queryByRole('heading', { name: 'Phones and safeguarding on site' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'I agree' })).toBeNull();
    expect(document.body.textContent).not.toMatch(/disk|saved|computer/i);
    expect(kioskSignIn).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Back to start' }));
    expect(location.history?.at(-1)).toBe('/');
  });

  it('signing out: the public words beside the badge field', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    setStatus();
    fakeKioskScreen({ kioskSignOut: vi.fn(() => fail({ code: 'UNAVAILABLE', message: 'Sorry, we could not sign you out. Please see the office.' })) });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderAt('/visitors/sign-out', <VisitorSignOut />);
    await user.keyboard('KVAAAAAAAAAAAAAAAA{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Sorry, we could not sign you out. Please see the office.');
  });
});

describe('Today: the disk nearly full', () => {
  const MB = 1024 * 1024;
  const lowDiskSpace = { folder: 'C:\\ProgramData\\Reception Kiosk', freeBytes: 312 * MB, neededBytes: 1229 * MB, databaseBytes: 364.5 * MB };

  it('warns an administrator in words: how much is free, how much is needed, where, and who to tell', async () => {
    renderStaff('/staff', { kiosk: fakeStaffKiosk({ getToday: () => ok({ ...TODAY, lowDiskSpace }) }) });
    const warning = await screen.findByText(/The computer’s disk is nearly full/);
    const notice = warning.closest('.notice')!;
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toBe(
      'The computer’s disk is nearly full: 312 MB free. Reception Kiosk needs at least 1.2 GB free (twice its database of 365 MB, plus 500 MB) to keep saving records and making backups. When the disk is full, nothing can be saved. Free some space on the disk that holds C:\\ProgramData\\Reception Kiosk, or tell the person who looks after the school’s computers.',
    );
  });

  it('says nothing when there is room (or to anyone the server sends no warning)', async () => {
    renderStaff('/staff', { role: 'office', staffId: 2 });
    expect(await screen.findByText('Friday 27 November 2026')).toBeTruthy();
    expect(screen.queryByText(/disk/)).toBeNull();
  });

  it('sizes in words as Windows counts them', () => {
    expect(bytesInWords(0)).toBe('0 MB');
    expect(bytesInWords(312 * MB)).toBe('312 MB');
    expect(bytesInWords(1023.4 * MB)).toBe('1023 MB');
    expect(bytesInWords(1024 * MB)).toBe('1.0 GB');
    expect(bytesInWords(1.25 * 1024 * MB)).toBe('1.3 GB');
  });
});
