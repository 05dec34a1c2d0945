/**
 * The record page with DSL-only details (issue 13): for anyone but a DSL the API leaves them out
 * and marks the event `withheld`; the page then says that a DSL decided and who, and that the
 * details are for DSLs only, with no empty "Receipt: Not received" or "()" where a detail was.
 * A DSL's page shows them all.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfiscationDetail, ShownEvent } from '../../../electron/api/contract';
import { ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { detail, rec } from './data';

afterEach(cleanup);

function event(id: number, kind: ShownEvent['kind'], details: Record<string, unknown>, over: Partial<ShownEvent> = {}): ShownEvent {
  const at = `2026-11-25T1${id}:00:00.000Z`;
  return { id, kind, at, recordedAt: at, by: 'Dara Office-DSL', details, hasSignature: false, ...over };
}

/** The chain as the API answers a DSL. */
const FULL: ShownEvent[] = [
  event(1, 'recorded', { confiscatedBy: 'Mrs Lunch', witness: '', location: 'School office safe' }, { by: 'Olu Office' }),
  event(2, 'parents-not-informed', { decidedBy: 'Dee Safeguard', reason: 'Risk at home' }),
  event(3, 'hold', { reason: 'Police may need it' }),
  event(4, 'police-handover', { officer: 'PC Jane Smith', shoulderNumber: '1234', crimeReference: 'CR/99', sealNumber: 'EB-7', receiptReceived: true }),
  event(5, 'police-returned', { returnedBy: 'PC Jane Smith', to: 'School office safe' }),
  event(6, 'ukcis-steps', { notViewed: true, turnedOffAndSecured: true, dslInformed: true }, { by: 'Lena Leader' }),
];

/** The same chain as the API answers office, leadership or admin (db/dsl-only.ts). */
const REDACTED: ShownEvent[] = [
  FULL[0]!,
  { ...FULL[1]!, details: { decidedBy: 'Dee Safeguard' }, withheld: true },
  { ...FULL[2]!, details: {}, withheld: true },
  { ...FULL[3]!, details: {}, withheld: true },
  { ...FULL[4]!, details: { to: 'School office safe' }, withheld: true },
  { ...FULL[5]!, details: {}, withheld: true },
];

function page(events: ShownEvent[], dsl: boolean) {
  const base = detail(rec({ id: 5, parentsInformed: 'not-informed', dslInformed: true, onHold: true }));
  const d: ConfiscationDetail = { ...base, events, can: { ...base.can, dsl, search: dsl, override: dsl, release: false, slip: null }, why: { release: 'On hold.', slip: 'On hold.' } };
  renderStaff('/staff/confiscations/5', { role: 'office', staffId: dsl ? 3 : 2, dsl, kiosk: fakeKiosk({ getConfiscation: () => ok(d) }) });
}

async function chain(): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 2, name: 'Chain of custody' });
  return heading.closest('section')!;
}

function items(section: HTMLElement): HTMLElement[] {
  return within(section).getAllByRole('listitem').filter((li) => li.classList.contains('conf-event'));
}

describe('DSL-only details on the record page', () => {
  it('tells office staff that a DSL decided and who, without the details, and says they are for DSLs only', async () => {
    page(REDACTED, false);
    const section = await chain();
    const [, notInformed, hold, police, returned, ukcis] = items(section);
    expect(within(notInformed!).getByText('Parents/carers not informed: a DSL decision by Dee Safeguard')).toBeTruthy();
    expect(within(hold!).getByText('Hold: release only with DSL agreement')).toBeTruthy();
    expect(within(police!).getByText('Handed to the police')).toBeTruthy();
    expect(within(police!).getByText('By Dara Office-DSL')).toBeTruthy();
    expect(within(returned!).getByText('Returned by the police')).toBeTruthy();
    expect(within(returned!).getByText('School office safe')).toBeTruthy();
    expect(within(ukcis!).getByText('UKCIS steps taken')).toBeTruthy();
    for (const li of [notInformed, hold, police, returned, ukcis]) expect(within(li!).getByText('The details are for DSLs only.')).toBeTruthy();
    // nothing that reads as a detail when there is none
    expect(section.textContent).not.toMatch(/Receipt|Not received|Reason:|Officer|\(\)/);
    expect(within(items(section)[0]!).queryByText('The details are for DSLs only.')).toBeNull();
  });

  it('shows a DSL every detail, and no "for DSLs only" note', async () => {
    page(FULL, true);
    const section = await chain();
    const text = section.textContent ?? '';
    for (const s of ['Risk at home', 'Police may need it', 'PC Jane Smith', '1234', 'CR/99', 'EB-7', 'Received', 'not viewed; turned off and secured; DSL informed']) expect(text).toContain(s);
    expect(within(section).getByText('Returned by the police (PC Jane Smith)')).toBeTruthy();
    expect(within(section).queryByText('The details are for DSLs only.')).toBeNull();
  });
});
