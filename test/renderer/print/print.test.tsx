import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QrCode, qrDataUrl } from '../../../renderer/components/QrCode';
import { groupToken } from '../../../renderer/print/layouts/common';
import { validRecoveryCode } from '../../../renderer/print/layouts/RecoveryCode';
import { paperFor, parsePrintRoute, PrintLayout } from '../../../renderer/print/PrintLayout';
import { printLayout } from '../../../renderer/print/printer';
import { fail, installKiosk, ok } from '../fake-kiosk';

afterEach(cleanup);

function sheet(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-print-state]');
  if (!el) throw new Error('no sheet');
  return el;
}

describe('QrCode', () => {
  it('renders an <img> of an SVG data: URL with a meaningful alt and a size in mm', async () => {
    render(<QrCode text="KTABCDEFGHIJKLMNOP" mm={34} />);
    const img = await screen.findByRole('img', { name: 'QR code' });
    const src = img.getAttribute('src')!;
    expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = atob(src.slice('data:image/svg+xml;base64,'.length));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 25 25"/); // version 1 (21 modules) plus a 2-module quiet zone
    expect(img.style.width).toBe('34mm');
    expect(img.style.height).toBe('34mm');
  });

  it('draws a different code for different text', async () => {
    expect(await qrDataUrl('KTAAAAAAAAAAAAAAAA')).not.toBe(await qrDataUrl('KTBBBBBBBBBBBBBBBB'));
  });
});

describe('print routes', () => {
  it('parses the layout and its query, and knows each layout’s paper', () => {
    expect(parsePrintRoute('/print/recovery-code?code=AB-CD')?.params.get('code')).toBe('AB-CD');
    expect(parsePrintRoute('/staff/settings')).toBeNull();
    expect(paperFor('/print/test-label')).toBe('label62');
    expect(paperFor('/print/test-page')).toBe('a4');
    expect(paperFor('/print/constructor')).toBeNull();
  });

  it('shows an error sheet for an unknown layout', () => {
    installKiosk();
    render(<PrintLayout route="/print/toString" />);
    expect(sheet().dataset.printState).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe('There is no printed page at this address.');
  });
});

describe('recovery-code layout', () => {
  beforeEach(() => {
    installKiosk();
  });

  it('prints a code of letters, digits and dashes with the school name and keeping advice', async () => {
    render(<PrintLayout route="/print/recovery-code?code=ABCDE-FGH2J-KLMN3-PQRS4" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(sheet().className).toContain('paper-a4');
    expect(screen.getByRole('heading', { level: 1, name: 'Administrator recovery code' })).toBeTruthy();
    expect(screen.getByText('ABCDE-FGH2J-KLMN3-PQRS4')).toBeTruthy();
    expect(screen.getByText('Oakfield Primary School')).toBeTruthy();
    expect(screen.getByText('Keep this in the school safe.')).toBeTruthy();
    expect(screen.getByText(/^Printed \w+day \d{1,2} \w+ \d{4} at \d\d:\d\d$/)).toBeTruthy();
  });

  it.each(['AB<script>CD', 'ABCDE FGHIJ', 'ABC%27DE', '-ABCDE', 'ABCDE--FGHIJ', '', 'A'.repeat(41)])('refuses the code %j and shows nothing of it', async (code) => {
    render(<PrintLayout route={`/print/recovery-code?code=${encodeURIComponent(code)}`} />);
    expect(sheet().dataset.printState).toBe('error');
    expect(screen.getByRole('alert').textContent).toMatch(/^This is not a recovery code/);
    if (code) expect(document.body.textContent).not.toContain(code);
  });

  it('refuses a missing code', () => {
    expect(validRecoveryCode(null)).toBe(false);
    expect(validRecoveryCode('abcde-12345')).toBe(true);
  });
});

describe('test-label layout', () => {
  it('shows a fresh token as a QR code and grouped text, and is ready once the QR has loaded', async () => {
    const kiosk = installKiosk({ newTestToken: () => ok({ token: 'KTABCDEFGHIJKLMNOP' }) });
    render(<PrintLayout route="/print/test-label" />);
    const img = await screen.findByRole('img', { name: /^QR code/ });
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(screen.getByText('KT ABCD EFGH IJKL MNOP')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Printer test' })).toBeTruthy();
    expect(sheet().className).toContain('paper-label62');
    expect(sheet().dataset.printState).toBe('loading');
    fireEvent.load(img);
    expect(sheet().dataset.printState).toBe('ready');
    expect(kiosk.newTestToken).toHaveBeenCalled();
  });

  it('is an error, not a blank label, when no token can be had', async () => {
    installKiosk({ newTestToken: () => fail({ code: 'LOCKED', message: 'Unlock the staff console first.' }) });
    render(<PrintLayout route="/print/test-label" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe('The test label could not be made: Unlock the staff console first.');
  });

  it('groups tokens for reading', () => {
    expect(groupToken('KTABCDEFGHIJKLMNOP')).toBe('KT ABCD EFGH IJKL MNOP');
  });
});

describe('printLayout', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    root.id = 'print-root';
    document.body.appendChild(root);
    // jsdom has no image decoding
    Object.defineProperty(HTMLImageElement.prototype, 'decode', { configurable: true, value: () => Promise.resolve() });
  });
  afterEach(() => {
    root.remove();
    vi.restoreAllMocks();
  });

  it('passes on what the app’s printer said', async () => {
    const kiosk = installKiosk({ print: () => ok({ via: 'printer', printed: false, message: 'The label printer is out of labels.' }) });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    expect(await printLayout('/print/test-label', 'label62')).toEqual({ printed: false, message: 'The label printer is out of labels.' });
    expect(kiosk.print).toHaveBeenCalledWith({ route: '/print/test-label', paper: 'label62' });
    expect(print).not.toHaveBeenCalled();
  });

  it('in the browser, renders the layout into #print-root, prints once it is ready, then cleans up', async () => {
    installKiosk({ print: () => ok({ via: 'browser' }) });
    const seen: { printing: boolean; text: string }[] = [];
    vi.spyOn(window, 'print').mockImplementation(() => {
      seen.push({ printing: document.body.classList.contains('printing'), text: root.textContent ?? '' });
    });
    // not inside act(): printing waits for React to commit the layout
    const result = await printLayout('/print/recovery-code?code=ABCDE-FGH2J', 'a4');
    expect(result).toEqual({ printed: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.printing).toBe(true);
    expect(seen[0]!.text).toContain('ABCDE-FGH2J');
    expect(document.body.classList.contains('printing')).toBe(false);
    expect(root.childElementCount).toBe(0);
  });

  it('in the browser, waits for the QR code before printing', async () => {
    installKiosk({ print: () => ok({ via: 'browser' }), newTestToken: () => ok({ token: 'KTABCDEFGHIJKLMNOP' }) });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    let done = false;
    const pending = printLayout('/print/test-label', 'label62').then((r) => {
      done = true;
      return r;
    });
    const img = await waitFor(() => {
      const found = root.querySelector('img');
      if (!found) throw new Error('no QR yet');
      return found;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    expect(print).not.toHaveBeenCalled();
    fireEvent.load(img);
    expect(await pending).toEqual({ printed: true });
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('in the browser, does not print a layout that refused its input', async () => {
    installKiosk({ print: () => ok({ via: 'browser' }) });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const result = await printLayout('/print/recovery-code?code=not%20a%20code', 'a4');
    expect(result.printed).toBe(false);
    expect(result.message).toMatch(/^This is not a recovery code/);
    expect(print).not.toHaveBeenCalled();
    expect(document.body.classList.contains('printing')).toBe(false);
  });

  it('passes on an error from the print channel', async () => {
    installKiosk({ print: () => fail({ code: 'INVALID', field: 'route', message: 'That is not a print layout.' }) });
    expect(await printLayout('/print/test-page', 'a4')).toEqual({ printed: false, message: 'That is not a print layout.' });
  });
});
