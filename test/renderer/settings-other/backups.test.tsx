import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultOf } from '../../../electron/api/contract';
import { BackupSettings } from '../../../renderer/staff/settings/BackupSettings';
import { SETTINGS, fail, installKiosk, ok } from '../fake-kiosk';

afterEach(cleanup);

type Backup = ResultOf<'listBackups'>['backups'][number];

function backup(takenAt: Date, reason: string, bytes = 250_000, otherChain = false): Backup {
  const stamp = takenAt.toISOString().replace(/[:.]/g, '-');
  return { file: `kiosk-${stamp}-${reason}.sqlite`, takenAt: takenAt.toISOString(), reason, bytes, audit: { seq: 10, hash: 'a'.repeat(64) }, otherChain };
}

/** What listBackups answers: the folder, the rotation (14 days, 8 weeks, 12 months) and the backups. */
function status(folder: string, backups: Backup[]): ResultOf<'listBackups'> {
  return { folder, kept: 14, rotation: { daily: 14, weekly: 8, monthly: 12 }, minDaily: 7, backups };
}

const HOUR = 3_600_000;

describe('Settings: Backups', () => {
  it('shows the last verified backup prominently and the backups in a table', async () => {
    const recent = new Date(Date.now() - 2 * HOUR);
    installKiosk({
      listBackups: () => ok(status('D:\\Kiosk backups', [backup(recent, 'daily'), backup(new Date(Date.now() - 30 * HOUR), 'before-v3', 5 * 1024 * 1024)])),
    });
    render(<BackupSettings />);
    expect(await screen.findByText(/^Last verified backup: (today|yesterday) at \d\d:\d\d$/)).toBeTruthy();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Daily')).toBeTruthy();
    expect(within(rows[0]!).getByText('0.24 MB')).toBeTruthy();
    expect(within(rows[1]!).getByText('Before an update (to version 3)')).toBeTruthy();
    expect(within(rows[1]!).getByText('5.00 MB')).toBeTruthy();
    expect(screen.getAllByText('D:\\Kiosk backups').length).toBeGreaterThan(0);
  });

  it('warns when no backup was taken in the last day', async () => {
    installKiosk({ listBackups: () => ok(status('/data/backups', [backup(new Date(Date.now() - 50 * HOUR), 'daily')])) });
    render(<BackupSettings />);
    expect(await screen.findByText(/^No backup in the last day\. Last verified backup: /)).toBeTruthy();
  });

  it('“Back up now” calls backupNow, is disabled while it runs, and shows the new backup', async () => {
    const old = backup(new Date(Date.now() - 3 * HOUR), 'daily');
    const fresh = backup(new Date(), 'manual', 300_000);
    let finish: () => void = () => undefined;
    let taken = false;
    const kiosk = installKiosk({
      listBackups: () => ok(status('/data/backups', taken ? [fresh, old] : [old])),
      backupNow: () =>
        new Promise((resolve) => {
          finish = () => {
            taken = true;
            resolve({ ok: true, value: fresh });
          };
        }),
    });
    render(<BackupSettings />);
    await screen.findByText('Daily');
    await userEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(screen.getByRole('button', { name: 'Backing up…' })).toHaveProperty('disabled', true);
    expect(kiosk.backupNow).toHaveBeenCalledTimes(1);
    finish();
    // the time in the school's zone, never the file name
    expect(await screen.findByText(/^Backup taken and checked: today at \d\d:\d\d \(0\.29 MB\)\.$/)).toBeTruthy();
    expect(screen.queryByText(new RegExp(fresh.file))).toBeNull();
    expect(screen.getByRole('button', { name: 'Back up now' })).toHaveProperty('disabled', false);
    const newRow = (await screen.findByText('New')).closest('tr')!;
    expect(within(newRow).getByText('Back up now')).toBeTruthy();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(3);
    expect(kiosk.listBackups).toHaveBeenCalledTimes(2);
  });

  it('says so when the backup fails', async () => {
    installKiosk({
      listBackups: () => ok(status('/data/backups', [])),
      backupNow: () => fail({ code: 'INTERNAL', message: 'The backup folder cannot be written to.' }),
    });
    render(<BackupSettings />);
    expect(await screen.findByText('No verified backup yet.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The backup failed: The backup folder cannot be written to.');
  });

  it('saves only the changed backup settings and shows the server’s error by its field', async () => {
    const kiosk = installKiosk({
      listBackups: () => ok(status('/data/backups', [])),
      updateSettings: (input) =>
        input?.backupDir === 'relative/folder'
          ? fail({ code: 'INVALID', field: 'backupDir', message: 'Backup folder must be a full path, such as D:\\Kiosk backups.' })
          : ok({ ...SETTINGS, backupsKept: Number(input?.backupsKept ?? 30) }),
    });
    render(<BackupSettings />);
    const kept = await screen.findByLabelText('Days of daily backups');
    await userEvent.clear(kept);
    await userEvent.type(kept, '60');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved the days of daily backups.')).toBeTruthy();
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ backupsKept: 60 });

    const folder = screen.getByLabelText('Backup folder');
    await userEvent.type(folder, 'relative/folder');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('Backup folder must be a full path, such as D:\\Kiosk backups.');
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ backupDir: 'relative/folder' });
    expect(folder.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(folder).toHaveProperty('value', 'relative/folder');
  });

  it('checks the audit log and says plainly whether it is intact', async () => {
    const witnesses = { ok: true, matched: 3, retired: 0, findings: [] };
    let verdict: ResultOf<'verifyAudit'> = { ok: true, rows: 1234, head: { seq: 1234, hash: 'b'.repeat(64) }, anchor: 'matches', witnesses };
    const kiosk = installKiosk({ listBackups: () => ok(status('/data/backups', [])), verifyAudit: () => ok(verdict) });
    render(<BackupSettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'Check the audit log' }));
    expect(await screen.findByText('The audit log is intact (1234 entries).')).toBeTruthy();
    verdict = { ok: false, problem: 'edited', seq: 17, message: 'Audit row 17 was changed after it was written.', witnesses };
    await userEvent.click(screen.getByRole('button', { name: 'Check the audit log' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The audit log has a problem: Audit row 17 was changed after it was written.');
    expect(screen.queryByText(/is intact/)).toBeNull();
    expect(kiosk.verifyAudit).toHaveBeenCalledTimes(2);
  });
});

describe('Settings: Backups, the witnesses of the audit log (issue 14)', () => {
  const intact = { ok: true, rows: 40, head: { seq: 40, hash: 'b'.repeat(64) }, anchor: 'matches' } as const;

  it('says every backup still agrees with the log, and how many hold a history before a restore', async () => {
    installKiosk({ listBackups: () => ok(status('/data/backups', [])), verifyAudit: () => ok({ ...intact, witnesses: { ok: true, matched: 4, retired: 1, findings: [] } }) });
    render(<BackupSettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'Check the audit log' }));
    expect(await screen.findByText('Every backup of these records still agrees with the log (4 checked).')).toBeTruthy();
    expect(screen.getByText(/1 older backup holds the records as they were before a restore/)).toBeTruthy();
  });

  it('names what a witness found, with the alert’s guidance, even when the log alone looks intact', async () => {
    const findings = [
      { kind: 'rewritten', file: 'kiosk-2026-11-20T16-00-00-000Z-daily.sqlite', seq: 31, date: '2026-11-20T16:00:00.000Z', message: 'Audit row 31 is not the one held by the backup kiosk-2026-11-20T16-00-00-000Z-daily.sqlite (taken 20 November 2026 at 16:00): the trail has been rewritten since.' },
      { kind: 'disappeared', file: 'kiosk-2026-11-21T16-00-00-000Z-daily.sqlite', seq: 35, date: '2026-11-21T16:00:00.000Z', message: 'The backup kiosk-2026-11-21T16-00-00-000Z-daily.sqlite (recorded at audit row 35, 21 November 2026 at 16:00) is no longer in the backup folder, and no pruning of it was recorded.' },
    ] as const;
    installKiosk({ listBackups: () => ok(status('/data/backups', [])), verifyAudit: () => ok({ ...intact, witnesses: { ok: false, matched: 2, retired: 0, findings: [...findings] } }) });
    render(<BackupSettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'Check the audit log' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The backups do not agree with the log: records may have been changed outside Reception Kiosk.');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual(findings.map((f) => f.message));
    expect(alert.textContent).toContain('Do not restore or delete anything until IT has copied the data folder as it is.');
    expect(screen.getByText('The audit log is intact (40 entries).')).toBeTruthy();
  });
});

describe('Settings: Backups, by age (issue 13)', () => {
  it('refuses fewer than 7 days of daily backups at the field, saying why, and sends nothing', async () => {
    const kiosk = installKiosk({ listBackups: () => ok(status('/data/backups', [])), updateSettings: () => ok(SETTINGS) });
    render(<BackupSettings />);
    const days = await screen.findByLabelText('Days of daily backups');
    await userEvent.clear(days);
    await userEvent.type(days, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('Keep at least 7 days of daily backups: fewer would leave too little to go back to.');
    expect(days.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(days).toHaveProperty('value', '3');
    expect(kiosk.updateSettings).not.toHaveBeenCalled();
    const weeks = screen.getByLabelText('Weeks of weekly backups');
    await userEvent.clear(days);
    await userEvent.type(days, '21');
    await userEvent.clear(weeks);
    await userEvent.type(weeks, '4');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved the days of daily backups and the weeks of weekly backups.')).toBeTruthy();
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ backupsKept: 21, backupsWeekly: 4 });
  });

  it('lists another school’s backups apart, with their age, and removes one only with a reason', async () => {
    const mine = backup(new Date(Date.now() - 2 * HOUR), 'daily');
    const foreign = backup(new Date(Date.now() - 800 * 24 * HOUR), 'daily', 250_000, true);
    let removed = false;
    const kiosk = installKiosk({
      listBackups: () => ok(status('/data/backups', removed ? [mine] : [mine, foreign])),
      removeBackup: () => {
        removed = true;
        return ok({ removed: foreign.file });
      },
    });
    render(<BackupSettings />);
    const section = (await screen.findByRole('heading', { name: 'Backups of another school’s records' })).closest('section')!;
    expect(within(section).getByText('(2 years old)')).toBeTruthy();
    // the school's own table holds only its own backup
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2);
    await userEvent.click(within(section).getByRole('button', { name: /^Remove the backup of / }));
    await userEvent.type(within(section).getByLabelText('Why is it being removed?'), 'old');
    await userEvent.click(within(section).getByRole('button', { name: 'Remove this backup' }));
    expect(await within(section).findByText('Say why this backup is being removed, in a few words (at least 10 characters).')).toBeTruthy();
    expect(kiosk.removeBackup).not.toHaveBeenCalled();
    await userEvent.type(within(section).getByLabelText('Why is it being removed?'), ' copy from the school we merged with');
    await userEvent.click(within(section).getByRole('button', { name: 'Remove this backup' }));
    expect(kiosk.removeBackup).toHaveBeenCalledWith({ backup: foreign.file, reason: 'old copy from the school we merged with' });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Backups of another school’s records' })).toBeNull());
  });
});
