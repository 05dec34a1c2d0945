import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logFilter } from '../../../renderer/print/layouts/VisitorLog';
import { PrintLayout, paperFor } from '../../../renderer/print/PrintLayout';
import { fail, installKiosk, ok } from '../fake-kiosk';
import { CARD, invitation, NOW, profile, SETUP, visit } from './data';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function sheet(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-print-state]');
  if (!el) throw new Error('no sheet');
  return el;
}

describe('the invitation (A4)', () => {
  it('prints the day expected, the name, whom they visit, the code grouped with its QR code and how to use it', async () => {
    const kiosk = installKiosk({ listInvitations: () => ok([invitation({ id: 2, name: 'Other Person' }), invitation({ id: 8, name: 'Hana Ito', expectedOn: '2026-11-30' })]) });
    expect(paperFor('/print/invitation?id=8')).toBe('a4');
    render(<PrintLayout route="/print/invitation?id=8" />);
    const qr = await screen.findByRole('img', { name: 'QR code of your invitation code' });
    expect(sheet().dataset.printState).toBe('loading');
    fireEvent.load(qr);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(kiosk.listInvitations).toHaveBeenCalledWith({ from: '2026-10-27', to: '2027-11-28' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('You are expected on Monday 30 November 2026');
    const text = sheet().textContent ?? '';
    expect(text).toContain('Oakfield Primary School');
    expect(text).toContain('Hana Ito');
    expect(text).not.toContain('Other Person');
    expect(text).toContain('The Head of School');
    expect(text).toContain('KI QRST UVWX YZ23 4567');
    expect(text).toContain('choose “I have an invitation code”');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('looks on one day when the route names it', async () => {
    const kiosk = installKiosk({ listInvitations: () => ok([invitation({ id: 8, name: 'Hana Ito' })]) });
    render(<PrintLayout route="/print/invitation?id=8&on=2026-11-27" />);
    await screen.findByRole('img', { name: 'QR code of your invitation code' });
    expect(kiosk.listInvitations).toHaveBeenCalledWith({ from: '2026-11-27', to: '2026-11-27' });
  });

  it('is an error sheet for a bad id, an invitation not on record, and a cancelled one', async () => {
    const kiosk = installKiosk({ listInvitations: () => ok([invitation({ id: 3, name: 'Kit Vale', status: 'cancelled' })]) });
    render(<PrintLayout route="/print/invitation?id=abc" />);
    expect(sheet().dataset.printState).toBe('error');
    expect(kiosk.listInvitations).not.toHaveBeenCalled();
    cleanup();
    render(<PrintLayout route="/print/invitation?id=99" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toContain('not on record');
    cleanup();
    render(<PrintLayout route="/print/invitation?id=3" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toContain('cancelled');
  });
});

describe('the visitor log (A4)', () => {
  it('reads its filters from the address, refusing what is not one', () => {
    expect(logFilter(new URLSearchParams('name=ana&organisation=Ofsted&type=visitor&status=signed-out&from=2026-11-01&to=2026-11-27'))).toEqual({
      filter: { name: 'ana', organisation: 'Ofsted', typeKey: 'visitor', status: 'signed-out', from: '2026-11-01', to: '2026-11-27' },
      words: ['name “ana”', 'organisation “Ofsted”', 'type “visitor”', 'status “Signed out”', 'from Sunday 1 November 2026', 'to Friday 27 November 2026'],
    });
    expect(logFilter(new URLSearchParams(''))).toEqual({ filter: {}, words: [] });
    expect(logFilter(new URLSearchParams('status=gone'))).toEqual({ error: 'That is not a status of a visit.' });
    expect(logFilter(new URLSearchParams('type=Not%20a%20type'))).toEqual({ error: 'That is not a visitor type.' });
    expect(logFilter(new URLSearchParams('to=2026-02-30'))).toMatchObject({ error: expect.stringMatching(/to/) });
  });

  it('prints one row a visit under a header that repeats, with the filters in words, and reaches ready', async () => {
    const kiosk = installKiosk({
      searchVisits: () =>
        ok({
          visits: [
            visit({ id: 2, name: '<script>alert(1)</script>', organisation: '=HYPERLINK("http://x","y")', status: 'signed-out', signedOutAt: '2026-11-27T09:00:00.000Z' }),
            visit({ id: 1, name: 'Pat Quinn', status: 'not-signed-out', signedInAt: '2026-11-25T15:00:00.000Z', signedOutAt: '2026-11-25T19:00:00.000Z' }),
          ],
          total: 640,
        }),
      getVisitorSetup: () => ok(SETUP),
    });
    expect(paperFor('/print/visitor-log')).toBe('a4');
    render(<PrintLayout route="/print/visitor-log?name=a&type=visitor&from=2026-11-01" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(kiosk.searchVisits).toHaveBeenCalledWith({ name: 'a', typeKey: 'visitor', from: '2026-11-01' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Visitor log');
    const text = sheet().textContent ?? '';
    expect(text).toContain('Chosen: name “a”, type “Visitor”, from Sunday 1 November 2026.');
    expect(text).toContain('Showing the newest 2 of 640 visits.');
    const table = screen.getByRole('table');
    expect(table.querySelector('thead')).toBeTruthy();
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('<script>alert(1)</script>');
    expect(rows[1]!.textContent).toContain('=HYPERLINK("http://x","y")');
    expect(rows[1]!.textContent).toContain('07:55');
    expect(rows[1]!.textContent).toContain('Signed out');
    expect(sheet().querySelector('script')).toBeNull();
    expect(rows[2]!.textContent).toContain('Not signed out');
    expect(document.documentElement.style.getPropertyValue('--phone-log-footer')).toContain('visitor log');
  });

  it('is an error sheet for a filter that is not one, and when the history cannot be read', async () => {
    const kiosk = installKiosk({ searchVisits: () => fail({ code: 'INTERNAL', message: 'Something went wrong.' }) });
    render(<PrintLayout route="/print/visitor-log?status=lost" />);
    expect(sheet().dataset.printState).toBe('error');
    expect(kiosk.searchVisits).not.toHaveBeenCalled();
    cleanup();
    render(<PrintLayout route="/print/visitor-log" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong.');
  });
});

describe('the regular visitor’s card (62 mm label)', () => {
  it('prints the school, the name, "Regular visitor", the escort status in a box, and the QR code of the card with its code', async () => {
    const kiosk = installKiosk({
      listVisitorProfiles: () => ok([profile({ id: 1, name: 'Someone Else' }), profile({ id: 5, name: 'Sam Carter', escort: 'unescorted', dbsSeenOn: '2026-09-02', dbsNumber: '001234567890' })]),
    });
    expect(paperFor('/print/visitor-card?id=5')).toBe('label62');
    render(<PrintLayout route="/print/visitor-card?id=5" />);
    const qr = await screen.findByRole('img', { name: 'QR code of this visitor’s card' });
    expect(sheet().dataset.printState).toBe('loading');
    fireEvent.load(qr);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(kiosk.listVisitorProfiles).toHaveBeenCalledWith({ includeInactive: true });
    const text = sheet().textContent ?? '';
    expect(text).toContain('Oakfield Primary School');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sam Carter');
    expect(text).toContain('Brightwater Plumbing');
    expect(text).toContain('Regular visitor');
    expect(screen.getByText('DBS checked: unescorted').className).toContain('vcard-escort');
    expect(text).toContain('KI AAAA BBBB CCCC DDDD');
    expect(text).not.toContain('001234567890'); // the DBS number stays off the card
    expect(CARD).toBe('KIAAAABBBBCCCCDDDD');
  });

  it('is an error sheet for a bad id, a profile not on record, and one not in use', async () => {
    const kiosk = installKiosk({ listVisitorProfiles: () => ok([profile({ id: 2, name: 'Old Timer', active: false })]) });
    render(<PrintLayout route="/print/visitor-card?id=0" />);
    expect(sheet().dataset.printState).toBe('error');
    expect(kiosk.listVisitorProfiles).not.toHaveBeenCalled();
    cleanup();
    render(<PrintLayout route="/print/visitor-card?id=9" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toContain('not on record');
    cleanup();
    render(<PrintLayout route="/print/visitor-card?id=2" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toContain('not in use');
  });
});
