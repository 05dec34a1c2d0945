import fs from 'node:fs';
import path from 'node:path';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Movement } from '../../../electron/api/contract';
import { paperFor, PrintLayout } from '../../../renderer/print/PrintLayout';
import { fail, installKiosk, ok } from '../fake-kiosk';
import { move } from './fixtures';

afterEach(cleanup);

const MOVEMENTS: Movement[] = [
  move({ itemId: 1, movement: 'check-in', time: '08:41' }),
  move({ itemId: 2, movement: 'taken-in', time: '08:47', pupilId: 33, forename: 'Dev', surname: 'Dunmore', regGroup: '3W', slot: null, kind: 'smartwatch', description: 'Black strap' }),
  move({ itemId: 2, movement: 'check-out', time: '15:25', pupilId: 33, forename: 'Dev', surname: 'Dunmore', regGroup: '3W', slot: null, kind: 'smartwatch', description: 'Black strap', collectedBy: 'Jo Dunmore' }),
];

function sheet(): HTMLElement {
  return document.querySelector<HTMLElement>('[data-print-state]')!;
}

describe('phones log layout', () => {
  it('prints the day’s movements on A4 and is ready once the log has loaded', async () => {
    const kiosk = installKiosk({ getPhoneLog: (input) => ok({ day: input!.day!, movements: MOVEMENTS }) });
    expect(paperFor('/print/phone-log?day=2026-11-27')).toBe('a4');
    render(<PrintLayout route="/print/phone-log?day=2026-11-27" />);
    expect(sheet().dataset.printState).toBe('loading');
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(kiosk.getPhoneLog).toHaveBeenCalledWith({ day: '2026-11-27' });
    expect(sheet().className).toContain('paper-a4');
    expect(screen.getByText('Oakfield Primary School')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Phones log — Friday 27 November 2026');
    expect(screen.getByText('3 movements: 1 checked in, 1 taken in without permission, 1 handed back.')).toBeTruthy();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
      ['08:41', 'Checked in', 'Amara Ashdown', '5W', '3', 'Phone', '', 'Olly Office'],
      ['08:47', 'Taken in without permission', 'Dev Dunmore', '3W', '', 'Smartwatch (Black strap)', '', 'Olly Office'],
      ['15:25', 'Handed back', 'Dev Dunmore', '3W', '', 'Smartwatch (Black strap)', 'Jo Dunmore', 'Olly Office'],
    ]);
  });

  it('names the school and the day in the page footer while it is shown, and only then', async () => {
    installKiosk({ getPhoneLog: (input) => ok({ day: input!.day!, movements: MOVEMENTS }) });
    const view = render(<PrintLayout route="/print/phone-log?day=2026-11-27" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    const footer = () => document.documentElement.style.getPropertyValue('--phone-log-footer');
    expect(footer()).toBe('"Oakfield Primary School: phones log, Friday 27 November 2026"');
    view.unmount();
    expect(footer()).toBe('');
  });

  it('prints a day with nothing on it as such', async () => {
    installKiosk({ getPhoneLog: () => ok({ day: '2026-11-28', movements: [] }) });
    render(<PrintLayout route="/print/phone-log?day=2026-11-28" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(screen.getByText('Nothing was handed in or back on this day.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it.each(['', '?day=', '?day=27/11/2026', '?day=2026-02-30', '?day=2026-11-27x'])('refuses to print without a real day (%s), asking nothing', async (query) => {
    const kiosk = installKiosk({ getPhoneLog: () => ok({ day: '2026-11-27', movements: MOVEMENTS }) });
    render(<PrintLayout route={`/print/phone-log${query}`} />);
    expect(sheet().dataset.printState).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe('Choose the day of the log to print: a date like 2026-11-27. Nothing was printed.');
    expect(kiosk.getPhoneLog).not.toHaveBeenCalled();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('is the error state when the log cannot be read', async () => {
    installKiosk({ getPhoneLog: () => fail({ code: 'FORBIDDEN', message: 'Unlock the staff screen first.' }) });
    render(<PrintLayout route="/print/phone-log?day=2026-11-27" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe('The log could not be read: Unlock the staff screen first. Nothing was printed.');
  });

  it('prints on its own A4 portrait page, numbered at the foot, with rows that do not split across pages', () => {
    const css = fs.readFileSync(path.resolve('renderer/print/phone-log.css'), 'utf8');
    const page = /@page phone-log \{([\s\S]*?)\n\}/.exec(css)![1]!;
    expect(page).toMatch(/size: A4 portrait;/);
    expect(page).toMatch(/@bottom-right \{[^}]*counter\(page\)/);
    expect(css).toMatch(/\.print-sheet\.log-sheet \{[^}]*page: phone-log;[^}]*overflow: visible;/);
    expect(css).toMatch(/\.log-table tr \{\s*break-inside: avoid;/);
  });
});
