import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError, ApiResult, KioskApi, RecoveryStatus } from '../../../electron/api/contract';
import { App } from '../../../renderer/app/App';
import { useApp } from '../../../renderer/app/store';
import { Recovery, SHOWN_AT_FIRST } from '../../../renderer/kiosk/Recovery';

function ok<T>(value: T): Promise<ApiResult<T>> {
  return Promise.resolve({ ok: true, value });
}
function fail(error: ApiError): Promise<ApiResult<never>> {
  return Promise.resolve({ ok: false, error });
}

/** window.kiosk with only the given channels; any other channel throws, failing the test. */
function fakeKiosk(channels: Partial<KioskApi>): KioskApi {
  const api = new Proxy(channels, {
    get(target, name: string) {
      if (name in target) return target[name as keyof KioskApi];
      return () => {
        throw new Error(`unexpected call to window.kiosk.${name}`);
      };
    },
  }) as KioskApi;
  Object.defineProperty(window, 'kiosk', { value: api, configurable: true, writable: true });
  return api;
}

type Needed = Extract<RecoveryStatus, { needed: true }>;
type Backup = Needed['backups'][number];

const NEWEST: Backup = { file: 'kiosk-2026-11-25T16-00-00-000Z-shutdown.sqlite', takenAt: '2026-11-25T16:00:00.000Z', reason: 'shutdown', bytes: 2_516_582, audit: { seq: 40, hash: 'ab' } };
const DAILY: Backup = { file: 'kiosk-2026-07-01T07-30-00-000Z-daily.sqlite', takenAt: '2026-07-01T07:30:00.000Z', reason: 'daily', bytes: 524_288, audit: null };
const UPDATE: Backup = { file: 'kiosk-2026-06-30T12-00-00-000Z-before-v4.sqlite', takenAt: '2026-06-30T12:00:00.000Z', reason: 'before-v4', bytes: 300_000, audit: null };

function needed(over: Partial<Needed> = {}): Needed {
  return {
    needed: true,
    reason: 'corrupt',
    message: 'The database file /srv/kiosk/kiosk.sqlite is damaged: the integrity check found "database disk image is malformed".',
    file: '/srv/kiosk/kiosk.sqlite',
    backups: [NEWEST, DAILY, UPDATE],
    ...over,
  };
}

const ADMINS = [
  { id: 1, name: 'Alex Admin' },
  { id: 4, name: 'Sam Patel' },
];

function showRecovery(status: Needed = needed()) {
  useApp.setState({ recovery: status, status: null, session: null, failed: null });
  return render(<Recovery />);
}

const radio = (name: RegExp | string) => screen.getByRole('radio', { name });
const keypad = () => screen.getByRole('group', { name: 'PIN keypad' });

beforeEach(() => {
  useApp.setState({ recovery: null, status: null, session: null, failed: null });
});
afterEach(cleanup);

describe('Recovery: what happened', () => {
  it('says why in plain words, reassures, and keeps the technical message and file for IT support', () => {
    fakeKiosk({});
    showRecovery();
    expect(screen.getByRole('heading', { level: 1, name: 'Reception Kiosk cannot open its records' })).toBeTruthy();
    expect(screen.getByText('The records file is damaged. This can happen after a power cut or a failing disk.')).toBeTruthy();
    expect(screen.getByText(/The file that would not open will be kept beside the restored one\./).textContent).toBe(
      'Nothing has been deleted. The file that would not open will be kept beside the restored one.',
    );
    const details = screen.getByText('Details for IT support').closest('details')!;
    expect(details.open).toBe(false);
    expect(within(details).getByText(/database disk image is malformed/)).toBeTruthy();
    expect(within(details).getByText('/srv/kiosk/kiosk.sqlite')).toBeTruthy();
    expect(document.querySelector('main.kiosk')).not.toBeNull();
  });

  it('tells the office about a newer version in its own words', () => {
    fakeKiosk({});
    showRecovery(needed({ reason: 'too-new', message: 'The database file was written by a newer version (schema 9; this version knows 4).' }));
    expect(
      screen.getByText('The records were last used by a newer version of Reception Kiosk. Install that version again, or restore a backup made by this one.'),
    ).toBeTruthy();
    expect(screen.queryByText(/power cut/)).toBeNull();
    expect(screen.getByText(/schema 9/)).toBeTruthy();
  });
});

describe('Recovery: the backups', () => {
  it('lists the verified backups newest first, in UK words and London time, with the newest chosen', () => {
    fakeKiosk({});
    showRecovery();
    const group = screen.getByRole('group', { name: 'Verified backups, newest first' });
    const options = within(group).getAllByRole('radio');
    expect(options).toHaveLength(3);
    const labels = options.map((o) => o.closest('label')!.textContent);
    expect(labels[0]).toBe('Wednesday 25 November 2026 at 16:00NewestTaken when the app closed, 2.4 MB');
    // July is British Summer Time: 07:30 UTC is 08:30 in London
    expect(labels[1]).toBe('Wednesday 1 July 2026 at 08:30Daily backup, 512 KB');
    expect(labels[2]).toBe('Tuesday 30 June 2026 at 13:00Taken before an update, 293 KB');
    expect((options[0] as HTMLInputElement).checked).toBe(true);
    expect((options[1] as HTMLInputElement).checked).toBe(false);
  });

  it('shows the newest few and the older ones on request', async () => {
    fakeKiosk({});
    const many: Backup[] = Array.from({ length: 7 }, (_, i) => ({
      ...DAILY,
      file: `kiosk-2026-11-${String(25 - i).padStart(2, '0')}T07-30-00-000Z-daily.sqlite`,
      takenAt: `2026-11-${String(25 - i).padStart(2, '0')}T07:30:00.000Z`,
    }));
    showRecovery(needed({ backups: many }));
    expect(screen.getAllByRole('radio')).toHaveLength(SHOWN_AT_FIRST);
    expect(screen.queryByRole('radio', { name: /^Thursday 19 November 2026/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: `Show ${7 - SHOWN_AT_FIRST} older backups` }));
    expect(screen.getAllByRole('radio')).toHaveLength(7);
    expect(screen.getByRole('radio', { name: /^Thursday 19 November 2026 at 07:30/ })).toBeTruthy();
  });

  it('says plainly when there is no backup, what to do, and can look again', async () => {
    const kiosk = fakeKiosk({ getRecoveryStatus: vi.fn(() => ok(needed({ backups: [] }))) });
    showRecovery(needed({ backups: [] }));
    expect(screen.getByRole('heading', { level: 2, name: 'No backup to restore' })).toBeTruthy();
    expect(screen.getByText(/found no verified backup/)).toBeTruthy();
    expect(screen.getByText(/contact the school’s IT support/)).toBeTruthy();
    expect(screen.getByText(/it has not been changed/)).toBeTruthy();
    expect(screen.getByText(/The records file has been left exactly as it was\./)).toBeTruthy();
    expect(screen.queryByText(/kept beside the restored one/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Restore this backup' })).toBeNull();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
    // the details are open: IT support needs the file's path
    expect(screen.getByText('Details for IT support').closest('details')!.open).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Look for backups again' }));
    expect(kiosk.getRecoveryStatus).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Still no verified backup found.')).toBeTruthy();
  });

  it('lists backups found when looking again (a USB drive connected)', async () => {
    fakeKiosk({ getRecoveryStatus: vi.fn(() => ok(needed({ backups: [DAILY] }))) });
    showRecovery(needed({ backups: [] }));
    await userEvent.click(screen.getByRole('button', { name: 'Look for backups again' }));
    expect(((await screen.findByRole('radio', { name: /^Wednesday 1 July 2026 at 08:30/ })) as HTMLInputElement).checked).toBe(true);
  });
});

describe('Recovery: restoring', () => {
  it('restores the chosen backup with an administrator’s PIN', async () => {
    const kiosk = fakeKiosk({
      listRecoveryAdmins: vi.fn(() => ok(ADMINS)),
      restoreBackup: vi.fn(() => ok({ restored: true as const, movedAside: 'kiosk.sqlite.before-restore-2026-11-26T08-00-00-000Z' })),
    });
    const user = userEvent.setup();
    showRecovery();
    await user.click(radio(/^Wednesday 1 July 2026/));
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Restore this backup' })).toBeTruthy();
    expect(screen.getByText('Wednesday 1 July 2026 at 08:30')).toBeTruthy();
    expect(kiosk.listRecoveryAdmins).toHaveBeenCalledWith({ backup: DAILY.file });
    await user.click(await screen.findByRole('radio', { name: 'Sam Patel' }));
    keypad().focus();
    await user.keyboard('246813');
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(kiosk.restoreBackup).toHaveBeenCalledTimes(1);
    expect(kiosk.restoreBackup).toHaveBeenCalledWith({ backup: DAILY.file, staffId: 4, pin: '246813' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Restored. Reception Kiosk is restarting…' })).toBeTruthy();
    expect(screen.getByText('kiosk.sqlite.before-restore-2026-11-26T08-00-00-000Z')).toBeTruthy();
  });

  it('asks for a name before sending a PIN, and for the PIN before sending', async () => {
    const kiosk = fakeKiosk({ listRecoveryAdmins: vi.fn(() => ok(ADMINS)), restoreBackup: vi.fn() });
    const user = userEvent.setup();
    showRecovery();
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await screen.findByRole('radio', { name: 'Alex Admin' });
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    const names = screen.getByRole('group', { name: 'Your name' });
    expect(within(names).getByRole('alert').textContent).toBe('Choose your name first, then type your PIN.');
    await user.click(radio('Alex Admin'));
    expect(within(names).queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(within(keypad()).getByRole('alert').textContent).toBe('Type your PIN, then press Restore.');
    expect(kiosk.restoreBackup).not.toHaveBeenCalled();
  });

  it('shows a wrong PIN next to the PIN, clears it, and keeps the chosen name', async () => {
    const kiosk = fakeKiosk({
      listRecoveryAdmins: vi.fn(() => ok(ADMINS)),
      restoreBackup: vi.fn(() => fail({ code: 'RULE', message: 'That PIN is not right for this backup.', field: 'pin' })),
    });
    const user = userEvent.setup();
    showRecovery();
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await user.click(await screen.findByRole('radio', { name: 'Alex Admin' }));
    keypad().focus();
    await user.keyboard('1111{Enter}');
    expect(kiosk.restoreBackup).toHaveBeenCalledWith({ backup: NEWEST.file, staffId: 1, pin: '1111' });
    const alert = await within(keypad()).findByRole('alert');
    expect(alert.textContent).toBe('That PIN is not right for this backup.');
    expect(keypad().getAttribute('aria-describedby')).toContain(alert.id);
    expect(within(keypad()).getByText('Type your PIN')).toBeTruthy(); // cleared: the empty display
    expect((radio('Alex Admin') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole('heading', { name: /Restored/ })).toBeNull();
  });

  it('counts down a wait the server asks for, with Restore off until then', async () => {
    fakeKiosk({
      listRecoveryAdmins: vi.fn(() => ok(ADMINS)),
      restoreBackup: vi.fn(() => fail({ code: 'RULE', message: 'Too many wrong tries. Please wait 30 seconds, then try again.', field: 'pin' })),
    });
    const user = userEvent.setup();
    showRecovery();
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await user.click(await screen.findByRole('radio', { name: 'Alex Admin' }));
    keypad().focus();
    await user.keyboard('123456{Enter}');
    expect(await screen.findByText(/You can try again in/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Restore' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('restores with the recovery code instead', async () => {
    const kiosk = fakeKiosk({
      listRecoveryAdmins: vi.fn(() => ok(ADMINS)),
      restoreBackup: vi.fn((input) =>
        input && 'recoveryCode' in input && input.recoveryCode === 'ABCD-EFGH-JKMN-PQRS'
          ? ok({ restored: true as const, movedAside: null })
          : fail({ code: 'RULE', message: 'That recovery code is not right for this backup.', field: 'recoveryCode' }),
      ),
    });
    const user = userEvent.setup();
    showRecovery();
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await user.click(await screen.findByRole('button', { name: 'Use the recovery code instead' }));
    expect(screen.queryByRole('group', { name: 'PIN keypad' })).toBeNull();
    const field = screen.getByLabelText('Recovery code');

    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    expect(screen.getByRole('alert').textContent).toBe('Type the recovery code.');
    expect(kiosk.restoreBackup).not.toHaveBeenCalled();

    await user.type(field, 'WXYZ-WXYZ');
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    expect(kiosk.restoreBackup).toHaveBeenLastCalledWith({ backup: NEWEST.file, recoveryCode: 'WXYZ-WXYZ' });
    const error = await screen.findByText('That recovery code is not right for this backup.');
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
    expect((field as HTMLInputElement).value).toBe('WXYZ-WXYZ'); // nothing lost on error

    await user.clear(field);
    await user.type(field, ' ABCD-EFGH-JKMN-PQRS ');
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    expect(kiosk.restoreBackup).toHaveBeenLastCalledWith({ backup: NEWEST.file, recoveryCode: 'ABCD-EFGH-JKMN-PQRS' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Restored. Reception Kiosk is restarting…' })).toBeTruthy();
    expect(screen.getByText('Nothing has been deleted.')).toBeTruthy();
  });

  it('offers only the recovery code when the backup records no administrator', async () => {
    fakeKiosk({ listRecoveryAdmins: vi.fn(() => ok([])), restoreBackup: vi.fn() });
    showRecovery();
    await userEvent.click(screen.getByRole('button', { name: 'Restore this backup' }));
    expect(await screen.findByLabelText('Recovery code')).toBeTruthy();
    expect(screen.getByText(/No administrator with a PIN is recorded in this backup/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'PIN keypad' })).toBeNull();
    expect(screen.queryByRole('button', { name: /PIN instead/ })).toBeNull();
  });

  it('goes back to the list, with the reason beside it, when the backup has gone', async () => {
    const kiosk = fakeKiosk({
      listRecoveryAdmins: vi.fn(() => ok(ADMINS)),
      restoreBackup: vi.fn(() => fail({ code: 'NOT_FOUND', message: 'That backup is no longer in the backup folder. Choose another.', field: 'backup' })),
      getRecoveryStatus: vi.fn(() => ok(needed({ backups: [DAILY, UPDATE] }))),
    });
    const user = userEvent.setup();
    showRecovery();
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await user.click(await screen.findByRole('radio', { name: 'Alex Admin' }));
    keypad().focus();
    await user.keyboard('135792{Enter}');
    const group = await screen.findByRole('group', { name: 'Verified backups, newest first' });
    expect(within(group).getByRole('alert').textContent).toBe('That backup is no longer in the backup folder. Choose another.');
    expect(kiosk.getRecoveryStatus).toHaveBeenCalled();
    await waitFor(() => expect(within(group).getAllByRole('radio')).toHaveLength(2));
    expect((radio(/^Wednesday 1 July 2026/) as HTMLInputElement).checked).toBe(true);
  });

  it('can go back and choose another backup', async () => {
    fakeKiosk({ listRecoveryAdmins: vi.fn(() => ok(ADMINS)) });
    const user = userEvent.setup();
    showRecovery();
    await user.click(radio(/^Tuesday 30 June 2026/));
    await user.click(screen.getByRole('button', { name: 'Restore this backup' }));
    await user.click(await screen.findByRole('button', { name: 'Choose another backup' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Reception Kiosk cannot open its records' })).toBeTruthy();
    expect((radio(/^Tuesday 30 June 2026/) as HTMLInputElement).checked).toBe(true);
  });
});

describe('App in recovery mode', () => {
  it('shows the recovery screen and asks nothing that needs the records', async () => {
    const kiosk = fakeKiosk({
      getRecoveryStatus: vi.fn(() => ok(needed())),
      getAppStatus: vi.fn(() => ok({ schoolName: 'Oakfield Primary School', accentColour: '#1d4e89', logo: null, setupNeeded: false })),
      getSession: vi.fn(() => ok({ kind: 'kiosk' as const })),
    });
    window.location.hash = '#/';
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Reception Kiosk cannot open its records' })).toBeTruthy();
    expect(kiosk.getRecoveryStatus).toHaveBeenCalledTimes(1);
    // nothing that needs the records is asked (the strict fake throws on any other channel)
    expect(kiosk.getAppStatus).not.toHaveBeenCalled();
    // only which window this is (answered in recovery mode too), for the visitor-facing screen's "Closed"
    expect(kiosk.getSession).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('link', { name: /Sign in/ })).toBeNull();
    expect(screen.getByRole('radio', { name: /^Wednesday 25 November 2026 at 16:00/ })).toBeTruthy();
  });

  it('shows the normal Welcome when the records opened', async () => {
    const kiosk = fakeKiosk({
      getRecoveryStatus: vi.fn(() => ok({ needed: false as const })),
      getAppStatus: vi.fn(() => ok({ schoolName: 'Oakfield Primary School', accentColour: '#1d4e89', logo: null, setupNeeded: false })),
      getSession: vi.fn(() => ok({ kind: 'kiosk' as const })),
    });
    window.location.hash = '#/';
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Oakfield Primary School' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /^Sign in/ })).toBeTruthy();
    expect(screen.queryByText('Reception Kiosk cannot open its records')).toBeNull();
    expect(kiosk.getRecoveryStatus).toHaveBeenCalledTimes(1);
    expect(kiosk.getAppStatus).toHaveBeenCalledTimes(1);
  });
});

describe('the visitor-facing screen in recovery mode (issue 13)', () => {
  it('shows only "Closed: please see the office": no reason, no files, no backups, nothing to press', async () => {
    const kiosk = fakeKiosk({
      getRecoveryStatus: vi.fn(() => ok(needed({ reason: 'missing', message: '', file: '', backups: [] }))),
      getSession: vi.fn(() => ok({ kind: 'kiosk' as const, publicScreen: true })),
    });
    window.location.hash = '#/';
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Closed: please see the office' })).toBeTruthy();
    expect(screen.queryByText(/cannot open its records/)).toBeNull();
    expect(screen.queryByText(/backups/i)).toBeNull();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryAllByRole('radio')).toEqual([]);
    // the strict fake throws on any other channel (getAppStatus, listRecoveryAdmins, restoreBackup)
    expect(kiosk.getSession).toHaveBeenCalledTimes(1);
  });
});
