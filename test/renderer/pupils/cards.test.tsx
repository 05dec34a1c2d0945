import fs from 'node:fs';
import path from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardForPrint } from '../../../electron/api/contract';
import { CARDS_PER_PAGE, cardsChoice } from '../../../renderer/print/layouts/PupilCards';
import { paperFor, PrintLayout } from '../../../renderer/print/PrintLayout';
import { cardsRoute } from '../../../renderer/staff/pupils/words';
import { fail, installKiosk, ok } from '../fake-kiosk';

afterEach(cleanup);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function card(i: number): CardForPrint {
  const body = Array.from({ length: 16 }, (_, k) => ALPHABET[(i * 7 + k) % 32]).join('');
  return { pupilId: i + 1, forename: `Pupil${i + 1}`, surname: i === 0 ? 'Nguyễn' : 'Smith', yearGroup: 5, regGroup: '5W', token: `KP${body}` };
}
const CARDS = Array.from({ length: 23 }, (_, i) => card(i));

function sheet(): HTMLElement {
  return document.querySelector<HTMLElement>('[data-print-state]')!;
}

describe('pupil cards layout', () => {
  it('prints on A4, with the class’s cards from cardsForPrint: one QR code per card, ten to a sheet', async () => {
    const kiosk = installKiosk({ cardsForPrint: () => ok(CARDS) });
    expect(paperFor('/print/pupil-cards?class=5W')).toBe('a4');
    render(<PrintLayout route="/print/pupil-cards?class=5W" />);
    const imgs = await screen.findAllByRole('img', { name: /^QR code of / });
    expect(kiosk.cardsForPrint).toHaveBeenCalledWith({ regGroup: '5W' });
    expect(imgs).toHaveLength(23);
    expect(sheet().className).toContain('paper-a4');

    const pages = Array.from(document.querySelectorAll<HTMLElement>('.cards-page'));
    expect(pages.map((p) => p.querySelectorAll('.pupil-card').length)).toEqual([10, 10, 3]);
    expect(CARDS_PER_PAGE).toBeGreaterThanOrEqual(8);
    pages.forEach((p) => expect(p.querySelectorAll('.pupil-card').length).toBe(p.querySelectorAll('img.qr').length));

    const first = document.querySelector<HTMLElement>(`[data-token="${CARDS[0]!.token}"]`)!;
    expect(within(first).getByText('Pupil1 Nguyễn')).toBeTruthy();
    expect(within(first).getByText('Oakfield Primary School')).toBeTruthy();
    expect(first.textContent).toContain('Class 5W');
    expect(within(first).getByText(`KP ${CARDS[0]!.token.slice(2).match(/.{4}/g)!.join(' ')}`)).toBeTruthy();
    expect(within(first).getByRole('img').getAttribute('alt')).toBe('QR code of Pupil1 Nguyễn’s card');

    // ready only once every QR code has loaded
    expect(sheet().dataset.printState).toBe('loading');
    imgs.slice(0, 22).forEach((img) => fireEvent.load(img));
    expect(sheet().dataset.printState).toBe('loading');
    fireEvent.load(imgs[22]!);
    expect(sheet().dataset.printState).toBe('ready');
  });

  it('lays each sheet out as a 2 × 5 grid of 93 mm × 54 mm cards inside A4’s printable area, with cut lines', () => {
    const css = fs.readFileSync(path.resolve('renderer/print/pupil-cards.css'), 'utf8');
    const page = /\.cards-page \{([^}]*)\}/.exec(css)![1]!;
    expect(page).toMatch(/grid-template-columns: repeat\(2, 93mm\)/);
    expect(page).toMatch(/grid-template-rows: repeat\(5, 54mm\)/);
    expect(page).toMatch(/height: 270mm/); // within 297 mm less the a4 page's 12 mm margins
    expect(page).toMatch(/break-after: page/);
    expect(/\.pupil-card \{([^}]*)\}/.exec(css)![1]).toMatch(/dashed/);
  });

  it.each([
    ['ids=4%2C7%2C4', { pupilIds: [4, 7] }],
    ['ids=4,7', { pupilIds: [4, 7] }],
    ['all=1', { all: true }],
    ['class=Year%203%2FK', { regGroup: 'Year 3/K' }],
  ])('reads ?%s', (query, input) => {
    expect(cardsChoice(new URLSearchParams(query))?.input).toEqual(input);
  });

  it('builds routes the print channel accepts', () => {
    const allowed = /^\/print\/[a-z0-9-]+(\?[A-Za-z0-9=&%_.-]*)?$/;
    for (const route of [cardsRoute({ regGroup: "Year 3 (O'Neill)" }), cardsRoute({ ids: [1, 2, 3] }), cardsRoute({ all: true })]) expect(route).toMatch(allowed);
    expect(cardsChoice(new URLSearchParams(cardsRoute({ regGroup: "Year 3 (O'Neill)" }).split('?')[1]))?.input).toEqual({ regGroup: "Year 3 (O'Neill)" });
  });

  it.each(['', 'ids=1,x', 'ids=0', 'class=', 'all=yes'])('refuses ?%s without asking the server', (query) => {
    const kiosk = installKiosk({ cardsForPrint: () => ok(CARDS) });
    render(<PrintLayout route={`/print/pupil-cards${query ? `?${query}` : ''}`} />);
    expect(sheet().dataset.printState).toBe('error');
    expect(screen.getByRole('alert').textContent).toMatch(/^Choose which cards to print/);
    expect(kiosk.cardsForPrint).not.toHaveBeenCalled();
  });

  it('is an error, not a blank sheet, when there are no cards or the server refuses', async () => {
    installKiosk({ cardsForPrint: () => ok([]) });
    render(<PrintLayout route="/print/pupil-cards?class=9Z" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe('There are no pupils to print cards for (class 9Z). Nothing was printed.');
    cleanup();
    installKiosk({ cardsForPrint: () => fail({ code: 'LOCKED', message: 'Unlock the staff console first.' }) });
    render(<PrintLayout route="/print/pupil-cards?all=1" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe('The cards could not be made: Unlock the staff console first.');
  });
});
