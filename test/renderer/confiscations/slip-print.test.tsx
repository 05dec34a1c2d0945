import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PrintLayout, paperFor } from '../../../renderer/print/PrintLayout';
import { GROUND_WORDS } from '../../../renderer/words/confiscations';
import { fail, installKiosk, ok } from '../fake-kiosk';
import { detail, rec } from './data';

afterEach(cleanup);

function sheet(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[data-print-state]');
  if (!el) throw new Error('no sheet');
  return el;
}

describe('the release slip', () => {
  it('prints on A4 the pupil, the device, the date taken, how to collect and a QR code of the slip token, and never why', async () => {
    const record = rec({ id: 5, confiscatedAt: '2026-11-19T10:05:00.000Z' });
    // the slip's data comes only from issueConfiscationSlip, which never carries the ground, a search, the police or a hold
    const slip = { forename: record.forename, surname: record.surname, deviceType: record.deviceType, description: record.description, confiscatedAt: record.confiscatedAt, slipToken: record.slipToken };
    const kiosk = installKiosk({ issueConfiscationSlip: () => ok(slip), getConfiscation: () => ok(detail(record)) });
    expect(paperFor('/print/confiscation-slip?id=5')).toBe('a4');
    render(<PrintLayout route="/print/confiscation-slip?id=5" />);
    const img = await screen.findByRole('img', { name: 'QR code of this release slip' });
    expect(sheet().dataset.printState).toBe('loading');
    fireEvent.load(img);
    await waitFor(() => expect(sheet().dataset.printState).toBe('ready'));
    expect(kiosk.issueConfiscationSlip).toHaveBeenCalledTimes(1);
    expect(kiosk.issueConfiscationSlip).toHaveBeenCalledWith({ id: 5 });
    expect(kiosk.getConfiscation).not.toHaveBeenCalled();
    const text = sheet().textContent ?? '';
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your child’s device is being kept safe at school');
    expect(text).toContain('Olivia Kestrel');
    expect(text).toContain('Phone: Black iPhone, blue case');
    expect(text).toContain('Thursday 19 November 2026');
    expect(text).toContain('A parent or carer who is allowed to collect Olivia should come to the school office');
    expect(text).toMatch(/photo ID/);
    expect(text).toMatch(/sign/);
    expect(text).toContain('KC DO5X 465O QUUV STEY');
    expect(screen.getByRole('img', { name: 'QR code of this release slip' }).getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    for (const words of Object.values(GROUND_WORDS)) expect(text).not.toContain(words);
    expect(text).not.toMatch(/nude|police|search|hold|behaviour|bullying|ground|reason|DSL/i);
  });

  it('shows an error sheet, printing nothing, for a bad id and where the API refuses the slip', async () => {
    const refusal = 'No release slip is given where nude or semi-nude images are suspected.';
    const kiosk = installKiosk({ issueConfiscationSlip: () => fail({ code: 'RULE', message: refusal }) });
    render(<PrintLayout route="/print/confiscation-slip?id=abc" />);
    expect(sheet().dataset.printState).toBe('error');
    expect(kiosk.issueConfiscationSlip).not.toHaveBeenCalled();
    cleanup();
    render(<PrintLayout route="/print/confiscation-slip?id=99" />);
    await waitFor(() => expect(sheet().dataset.printState).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe(`No release slip: ${refusal} Nothing was printed.`);
    expect(screen.queryByRole('heading', { name: /kept safe at school/ })).toBeNull();
  });
});
