/**
 * The records check (chain fingerprint) at the foot of the printed confiscation register, release
 * slip and fire roll call: one shared footer, read once the page's data has been read, and a print
 * that is never held back when it cannot be read (a roll call above all).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PrintLayout } from '../../../renderer/print/PrintLayout';
import { rec } from '../confiscations/data';
import { fail, FINGERPRINT, installKiosk, ok } from '../fake-kiosk';
import { rollCall } from '../rollcall/data';

afterEach(cleanup);

function sheet(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-print-state]');
  if (!el) throw new Error('no sheet');
  return el;
}

function footer(): HTMLElement {
  const el = sheet().querySelector<HTMLElement>('footer.records-check');
  if (!el) throw new Error('no records check footer');
  return el;
}

const record = rec({ id: 5, confiscatedAt: '2026-11-19T10:05:00.000Z' });
const slip = { forename: record.forename, surname: record.surname, deviceType: record.deviceType, description: record.description, confiscatedAt: record.confiscatedAt, slipToken: record.slipToken };

/** Each layout with what it needs to reach ready. */
const LAYOUTS = [
  { name: 'confiscation register', route: '/print/confiscation-register?status=held', channels: { listConfiscations: () => ok([record]) }, explains: true },
  { name: 'fire roll call', route: '/print/roll-call?id=5', channels: { getRollCall: () => ok(rollCall({ id: 5 })) }, explains: true },
  { name: 'release slip', route: '/print/confiscation-slip?id=5', channels: { issueConfiscationSlip: () => ok(slip) }, explains: false },
] as const;

async function ready(route: string) {
  render(<PrintLayout route={route} />);
  if (route.includes('confiscation-slip')) fireEvent.load(await screen.findByRole('img', { name: 'QR code of this release slip' }));
  await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
}

describe('the records check at the foot of each print', () => {
  it.each(LAYOUTS)('the $name carries the chain fingerprint, asked after its data', async ({ route, channels, explains }) => {
    const order: string[] = [];
    const dataChannel = Object.keys(channels)[0] as keyof typeof channels;
    const kiosk = installKiosk({
      ...channels,
      [dataChannel]: (...args: unknown[]) => {
        order.push('data');
        return (channels[dataChannel] as (...a: unknown[]) => unknown)(...args);
      },
      getFingerprint: () => {
        order.push('fingerprint');
        return ok(FINGERPRINT);
      },
    } as never);
    await ready(route);
    expect(footer().textContent).toContain('Records check 18342-9f3a1c07d2e4b6a8');
    expect(footer().querySelector('.records-check-code')?.textContent).toBe('18342-9f3a1c07d2e4b6a8');
    expect(footer().textContent?.includes('Settings › Backups')).toBe(explains);
    expect(kiosk.getFingerprint).toHaveBeenCalledTimes(1);
    // the number covers what is on the page: it is read after the page's data
    expect(order).toEqual(['data', 'fingerprint']);
  });

  it.each(LAYOUTS)('the $name waits for the fingerprint before it is ready', async ({ route, channels }) => {
    let answer: (v: Awaited<ReturnType<typeof ok>>) => void = () => {};
    installKiosk({ ...channels, getFingerprint: () => new Promise((resolve) => (answer = resolve as never)) } as never);
    render(<PrintLayout route={route} />);
    if (route.includes('confiscation-slip')) fireEvent.load(await screen.findByRole('img', { name: 'QR code of this release slip' }));
    await new Promise((r) => setTimeout(r, 30));
    expect(sheet().dataset.printState).toBe('loading');
    answer({ ok: true, value: FINGERPRINT });
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(footer().textContent).toContain('18342-9f3a1c07d2e4b6a8');
  });

  it.each(LAYOUTS)('the $name still prints when the fingerprint cannot be read, and says so', async ({ route, channels }) => {
    installKiosk({ ...channels, getFingerprint: () => fail({ code: 'INTERNAL', message: 'The records could not be read.' }) } as never);
    await ready(route);
    expect(footer().textContent).toBe('Records check: not available for this print.');
  });
});
