/** The visitor badge layouts: a 62 mm label and A4 to cut out; black and white; ready only when drawn. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Badge } from '../../../electron/api/contract';
import { badgeTime } from '../../../renderer/print/layouts/VisitorBadge';
import { paperFor, PrintLayout } from '../../../renderer/print/PrintLayout';
import { fail, installKiosk, ok } from '../fake-kiosk';

afterEach(cleanup);

const TOKEN = 'KVABCDEFGHJKLMN234';
const BADGE: Badge = {
  token: TOKEN,
  name: 'Jo Bloggs',
  typeLabel: 'Contractor',
  organisation: 'Acme Boilers',
  visiting: 'Mr Jones, boiler room',
  signedInAt: '2026-11-27T10:05:00.000Z',
  escort: 'escorted',
  escortWords: 'Must be escorted',
  reminder: 'Phone only with staff permission, away from children.',
  schoolName: 'Oakfield Primary School',
};

/** Ready once the QR image has loaded (jsdom loads no images by itself). */
async function qrLoaded() {
  const qr = await screen.findByRole('img', { name: /QR code/ });
  expect(document.querySelector<HTMLElement>('[data-print-state]')!.dataset.printState).toBe('loading');
  fireEvent.load(qr);
  await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
}

function sheet(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-print-state]');
  if (!el) throw new Error('no sheet');
  return el;
}

describe('visitor badge layouts', () => {
  it('are registered on their paper', () => {
    expect(paperFor('/print/visitor-badge?token=x')).toBe('label62');
    expect(paperFor('/print/visitor-badge-a4?token=x')).toBe('a4');
  });

  it('the label: school, name, type and organisation, time in (school’s zone), visiting, escort words, reminder, QR and token', async () => {
    const kiosk = installKiosk({ getBadge: vi.fn(() => ok(BADGE)) });
    render(<PrintLayout route={`/print/visitor-badge?token=${TOKEN.toLowerCase()}`} />);
    expect(sheet().dataset.printState).toBe('loading');
    await qrLoaded();
    expect(kiosk.getBadge).toHaveBeenCalledWith({ token: TOKEN });
    expect(sheet().className).toContain('paper-label62');
    expect(sheet().getAttribute('aria-label')).toBe('Visitor badge for Jo Bloggs');
    const s = within(sheet());
    expect(s.getByText('Oakfield Primary School')).toBeTruthy();
    expect(s.getByText('Jo Bloggs').className).toContain('vbadge-name');
    expect(s.getByText('Contractor')).toBeTruthy();
    expect(s.getByText('Acme Boilers')).toBeTruthy();
    expect(s.getByText('In:').nextElementSibling?.textContent).toBe('Fri 27 Nov 2026, 10:05');
    expect(s.getByText('Visiting:').nextElementSibling?.textContent).toBe('Mr Jones, boiler room');
    const escort = s.getByText('Must be escorted');
    expect(escort.className).toContain('vbadge-escort');
    expect(s.getByText('Phone only with staff permission, away from children.')).toBeTruthy();
    expect(s.getByRole('img', { name: /QR code/ }).getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(s.getByText('KV ABCD EFGH JKLM N234')).toBeTruthy();
  });

  it('DBS checked: the words say unescorted', async () => {
    installKiosk({ getBadge: vi.fn(() => ok({ ...BADGE, escort: 'unescorted' as const, escortWords: 'DBS checked: unescorted' })) });
    render(<PrintLayout route={`/print/visitor-badge?token=${TOKEN}`} />);
    await qrLoaded();
    expect(screen.getByText('DBS checked: unescorted')).toBeTruthy();
    expect(screen.queryByText('Must be escorted')).toBeNull();
  });

  it('A4: the same badge to cut out along a dashed line, and the note on wearing it', async () => {
    installKiosk({ getBadge: vi.fn(() => ok(BADGE)) });
    render(<PrintLayout route={`/print/visitor-badge-a4?token=${TOKEN}`} />);
    await qrLoaded();
    expect(sheet().className).toContain('paper-a4');
    expect(document.querySelector('.vbadge-cut .vbadge')).not.toBeNull();
    expect(screen.getByText('Please wear this badge where it can be seen; scan it at the entrance when you leave.')).toBeTruthy();
    expect(screen.getByText('Jo Bloggs')).toBeTruthy();
    expect(screen.getByText('KV ABCD EFGH JKLM N234')).toBeTruthy();
  });

  it('a hostile name is shown as text, never run', async () => {
    installKiosk({ getBadge: vi.fn(() => ok({ ...BADGE, name: '<script>alert(1)</script>', visiting: '=HYPERLINK("http://x","y")' })) });
    render(<PrintLayout route={`/print/visitor-badge?token=${TOKEN}`} />);
    await qrLoaded();
    expect(screen.getByText('<script>alert(1)</script>')).toBeTruthy();
    expect(screen.getByText('=HYPERLINK("http://x","y")')).toBeTruthy();
    expect(sheet().querySelector('script')).toBeNull();
    expect(sheet().querySelector('a')).toBeNull();
  });

  it('a badge the server will not give: an error sheet with its words, nothing to print', async () => {
    installKiosk({ getBadge: vi.fn(() => fail({ code: 'NOT_FOUND', message: 'That badge cannot be shown. Please see the office.', field: 'token' })) });
    render(<PrintLayout route={`/print/visitor-badge?token=${TOKEN}`} />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe('The badge could not be made: That badge cannot be shown. Please see the office. Nothing was printed.');
  });

  it.each(['', 'KIABCDEFGHIJKLMNOP', '<b>x</b>', 'KVABC'])('a token that is not a badge (%j): an error sheet, the server is not asked', (token) => {
    const kiosk = installKiosk({ getBadge: vi.fn(() => ok(BADGE)) });
    render(<PrintLayout route={`/print/visitor-badge-a4?token=${encodeURIComponent(token)}`} />);
    expect(sheet().dataset.printState).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe('This is not a visitor badge. Nothing was printed.');
    expect(kiosk.getBadge).not.toHaveBeenCalled();
  });

  it('writes the time in the school’s time zone', () => {
    expect(badgeTime('2026-07-01T09:30:00.000Z', 'Europe/London')).toBe('Wed 1 Jul 2026, 10:30');
    expect(badgeTime('2026-07-01T09:30:00.000Z', 'Not/AZone')).toMatch(/^Wed 1 Jul 2026, \d\d:30$/);
  });
});
