/**
 * Releasing a confiscated device (issue 7): the collector chosen from the contacts allowed to
 * collect (never a "must not collect" one), the identity check, and the signature from the
 * signature box (signature_pad, faked here: jsdom has no canvas), sent as a PNG data URL; an
 * empty box is refused at the signature field. A released record shows the signature image.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfiscationDetail, CustodyEvent } from '../../../electron/api/contract';
import { ok } from '../fake-kiosk';
import { description, fakeKiosk, renderStaff } from '../staff/harness';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const pad = vi.hoisted(() => ({ empty: true, cleared: 0, created: 0 }));

vi.mock('signature_pad', () => ({
  default: class FakeSignaturePad {
    constructor() {
      pad.created += 1;
    }
    isEmpty() {
      return pad.empty;
    }
    toDataURL(type?: string) {
      return type === 'image/png' ? PNG : 'data:wrong';
    }
    clear() {
      pad.cleared += 1;
    }
    on() {}
    off() {}
    addEventListener() {}
    removeEventListener() {}
  },
}));

beforeEach(() => {
  pad.empty = true;
  pad.cleared = 0;
  pad.created = 0;
});
afterEach(cleanup);

const RECORD: ConfiscationDetail['record'] = {
  id: 5,
  pupilId: 2,
  deviceType: 'phone',
  description: 'Black iPhone, blue case',
  condition: '',
  power: 'off',
  ground: 'behaviour',
  groundDetail: '',
  confiscatedAt: '2026-11-25T10:05:00.000Z',
  confiscatedBy: 'Mr Patel',
  witness: '',
  recordedAt: '2026-11-25T10:05:00.000Z',
  recordedBy: 'Priya Shah',
  location: 'School office safe',
  status: 'held',
  onHold: false,
  slipToken: 'KCABCDEFGHIJKLMN',
  releasedAt: null,
  forename: 'Seán',
  surname: 'O’Brien',
  regGroup: '5W',
  yearGroup: 5,
  daysHeld: 2,
  overdue: false,
  parentsInformed: 'yes',
  dslInformed: true,
  searched: false,
  suspected: null,
  slipPrinted: false,
  releaseOverride: false,
};

const RECORDED: CustodyEvent = { id: 1, kind: 'recorded', at: RECORD.confiscatedAt, recordedAt: RECORD.confiscatedAt, by: 'Priya Shah', details: { confiscatedBy: 'Mr Patel', location: 'School office safe' }, hasSignature: false };

function detail(over: Partial<ConfiscationDetail> = {}, record: Partial<ConfiscationDetail['record']> = {}): ConfiscationDetail {
  return {
    record: { ...RECORD, ...record },
    events: [RECORDED],
    collectors: [
      { id: 10, name: 'Aoife O’Brien', relationship: 'Mother' },
      { id: 12, name: 'Nora Walsh', relationship: 'Grandmother' },
    ],
    contacts: [
      { id: 10, name: 'Aoife O’Brien', relationship: 'Mother', noContact: false },
      { id: 11, name: 'Declan O’Brien', relationship: 'Father', noContact: true },
      { id: 12, name: 'Nora Walsh', relationship: 'Grandmother', noContact: false },
    ],
    can: { search: false, dsl: false, override: false, release: true, slip: 'print' },
    why: { release: null, slip: null },
    ...over,
  };
}

function released(override: boolean): ConfiscationDetail {
  const ev: CustodyEvent = {
    id: 7,
    kind: 'released',
    at: '2026-11-27T15:20:00.000Z',
    recordedAt: '2026-11-27T15:20:00.000Z',
    by: 'Priya Shah',
    details: override
      ? { contactId: null, name: 'Sam Lee', relationship: 'Neighbour', reason: 'Mother in hospital; agreed by phone', identity: 'driving-licence', override: true }
      : { contactId: 10, name: 'Aoife O’Brien', relationship: 'Mother', identity: 'passport', override: false },
    hasSignature: true,
  };
  const why = 'This device has already been released, so you cannot release it again. Correct a mistake with an amendment.';
  return detail(
    { events: [RECORDED, ev], can: { search: false, dsl: false, override: false, release: false, slip: null }, why: { release: why, slip: 'The device has been released, so no release slip is given.' } },
    { status: 'released', location: 'Released', releasedAt: ev.at, releaseOverride: override },
  );
}

async function openRelease(d: ConfiscationDetail, extra: Parameters<typeof fakeKiosk>[0] = {}, role: 'office' | 'leadership' = 'office') {
  const user = userEvent.setup();
  const kiosk = fakeKiosk({ getConfiscation: () => ok(d), getReleaseSignature: () => ok({ dataUrl: PNG }), ...extra });
  renderStaff('/staff/confiscations/5', { role, staffId: 2, dsl: d.can.dsl, kiosk });
  await user.click(await screen.findByRole('button', { name: 'Release' }));
  const panel = screen.getByRole('region', { name: 'Release the device' });
  return { user, kiosk, panel };
}

describe('releasing a device', () => {
  it('sends the chosen contact, the identity check and the signature as a PNG data URL', async () => {
    const { user, kiosk, panel } = await openRelease(detail(), { releaseConfiscated: () => ok(released(false)) });
    const who = within(panel).getByRole('group', { name: 'Who is collecting?' });
    expect(within(who).getAllByRole('radio').map((r) => r.closest('.conf-radio')!.textContent)).toEqual(['Aoife O’Brien (Mother)', 'Nora Walsh (Grandmother)']);
    // never the contact marked "must not collect", and no override for the office
    expect(within(panel).queryByText(/Declan/)).toBeNull();
    expect(within(panel).queryByLabelText(/Someone else/)).toBeNull();
    expect(within(panel).getByRole('group', { name: 'How did you check who they are?' }).textContent).toContain('Never write down the document number.');

    await user.click(within(panel).getByLabelText('Aoife O’Brien (Mother)'));
    await user.click(within(panel).getByLabelText('Passport'));
    pad.empty = false; // the collector signs
    await user.click(within(panel).getByRole('button', { name: 'Release the device' }));

    expect(kiosk.releaseConfiscated).toHaveBeenCalledWith({ id: 5, contactId: 10, identity: 'passport', signature: PNG });
    expect(await screen.findByText('Released to Aoife O’Brien. The signature is on the record.')).toBeTruthy();
    // the page now shows the released record, its chain with the signature image
    const img = await screen.findByRole('img', { name: 'Signature of Aoife O’Brien' });
    expect(img.getAttribute('src')).toBe(PNG);
    expect(kiosk.getReleaseSignature).toHaveBeenCalledWith({ eventId: 7 });
    expect(screen.getByText('Released to Aoife O’Brien (Mother)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Release' })).toBeNull();
  });

  it('refuses an empty signature box at the signature field, and keeps the choices', async () => {
    const { user, kiosk, panel } = await openRelease(detail());
    await user.click(within(panel).getByLabelText('Nora Walsh (Grandmother)'));
    await user.click(within(panel).getByLabelText('Known to staff'));
    await user.click(within(panel).getByRole('button', { name: 'Release the device' }));
    expect(kiosk.releaseConfiscated).not.toHaveBeenCalled();
    const box = within(panel).getByRole('img', { name: /Signature of the person collecting/ });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(description(box)).toContain('The person collecting must sign.');
    expect((within(panel).getByLabelText('Nora Walsh (Grandmother)') as HTMLInputElement).checked).toBe(true);
    expect((within(panel).getByLabelText('Known to staff') as HTMLInputElement).checked).toBe(true);
  });

  it('asks for the collector and the identity check before sending', async () => {
    const { user, kiosk, panel } = await openRelease(detail());
    pad.empty = false;
    await user.click(within(panel).getByRole('button', { name: 'Release the device' }));
    expect(kiosk.releaseConfiscated).not.toHaveBeenCalled();
    expect(within(panel).getByRole('group', { name: 'Who is collecting?' }).textContent).toContain('Choose who is collecting.');
    expect(within(panel).getByRole('group', { name: 'How did you check who they are?' }).textContent).toContain('Say how you checked who they are.');
  });

  it('clears the signature box with its Clear button', async () => {
    const { user, panel } = await openRelease(detail());
    expect(pad.created).toBe(1);
    const before = pad.cleared;
    await user.click(within(panel).getByRole('button', { name: 'Clear the signature' }));
    expect(pad.cleared).toBe(before + 1);
  });

  it('lets leadership release to someone else, flagged as an override with the reason', async () => {
    const d = detail({ can: { search: true, dsl: false, override: true, release: true, slip: 'print' } });
    const { user, kiosk, panel } = await openRelease(d, { releaseConfiscated: () => ok(released(true)) }, 'leadership');
    await user.click(within(panel).getByLabelText(/Someone else/));
    await user.type(within(panel).getByLabelText('Name of the person collecting'), 'Sam Lee');
    await user.type(within(panel).getByLabelText('Relationship (optional)'), 'Neighbour');
    await user.type(within(panel).getByLabelText('Reason for the override'), 'Mother in hospital; agreed by phone');
    await user.click(within(panel).getByLabelText('Driving licence'));
    pad.empty = false;
    await user.click(within(panel).getByRole('button', { name: 'Release the device' }));
    expect(kiosk.releaseConfiscated).toHaveBeenCalledWith({ id: 5, name: 'Sam Lee', relationship: 'Neighbour', reason: 'Mother in hospital; agreed by phone', identity: 'driving-licence', signature: PNG });
    const chain = (await screen.findByRole('list', { name: 'Chain of custody' })) as HTMLElement;
    expect(chain.textContent).toContain('Override: Mother in hospital; agreed by phone');
    expect(await within(chain).findByRole('img', { name: 'Signature of Sam Lee' })).toBeTruthy();
  });

  it('shows the API’s message at the field it names', async () => {
    const { user, panel } = await openRelease(detail(), {
      releaseConfiscated: () => Promise.resolve({ ok: false, error: { code: 'RULE', message: 'Aoife O’Brien is not allowed to collect this pupil.', field: 'contactId' } }),
    });
    await user.click(within(panel).getByLabelText('Aoife O’Brien (Mother)'));
    await user.click(within(panel).getByLabelText('Passport'));
    pad.empty = false;
    await user.click(within(panel).getByRole('button', { name: 'Release the device' }));
    await waitFor(() => expect(within(panel).getByRole('group', { name: 'Who is collecting?' }).textContent).toContain('Aoife O’Brien is not allowed to collect this pupil.'));
  });

  it('says so when no contact may collect, and offers the office nothing to choose', async () => {
    const { panel } = await openRelease(detail({ collectors: [] }));
    expect(panel.textContent).toContain('None of Seán’s contacts is allowed to collect');
    expect(within(panel).queryAllByRole('radio').filter((r) => r.closest('fieldset')?.querySelector('legend')?.textContent === 'Who is collecting?')).toEqual([]);
  });
});

describe('with a visitor-facing screen (two screens)', () => {
  const DRAWN = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR42mNk+M9QzwAEjAwMAA7yAv8u3kJ3AAAAAElFTkSuQmCC';

  it('asks for the signature on the visitor screen, waits, shows it, and releases with it', async () => {
    let polls = 0;
    const { user, kiosk, panel } = await openRelease(detail(), {
      getScreens: () => ok({ visitorScreen: true }),
      requestPublicSignature: () => ok({ requestId: 'r1' }),
      getPublicSignature: () => ok(++polls < 2 ? { status: 'waiting' as const } : { status: 'signed' as const, signature: DRAWN }),
      releaseConfiscated: () => ok(released(false)),
    });
    await user.click(await within(panel).findByRole('button', { name: 'Ask them to sign on the visitor screen' }));
    expect(kiosk.requestPublicSignature).toHaveBeenCalledWith({ prompt: 'Please sign below to confirm you have collected the item.' });
    expect(within(panel).getByRole('status').textContent).toBe('Waiting for the signature on the visitor screen…');
    const img = await within(panel).findByRole('img', { name: 'The signature drawn on the visitor screen' }, { timeout: 4000 });
    expect(img.getAttribute('src')).toBe(DRAWN);
    // the box on this screen is gone: the signature is the one drawn there
    expect(within(panel).queryByRole('img', { name: /the box to sign in/ })).toBeNull();
    await user.click(within(panel).getByLabelText('Aoife O’Brien (Mother)'));
    await user.click(within(panel).getByLabelText('Passport'));
    await user.click(within(panel).getByRole('button', { name: 'Release the device' }));
    expect(kiosk.releaseConfiscated).toHaveBeenCalledWith({ id: 5, contactId: 10, identity: 'passport', signature: DRAWN });
  });

  it('offers nothing extra with one screen, and signing here instead takes the request off the visitor screen', async () => {
    const one = await openRelease(detail(), { getScreens: () => ok({ visitorScreen: false }) });
    await waitFor(() => expect(one.kiosk.getScreens).toHaveBeenCalled());
    expect(within(one.panel).queryByRole('button', { name: /visitor screen/ })).toBeNull();
    cleanup();
    const two = await openRelease(detail(), {
      getScreens: () => ok({ visitorScreen: true }),
      requestPublicSignature: () => ok({ requestId: 'r9' }),
      getPublicSignature: () => ok({ status: 'waiting' as const }),
      cancelPublicSignature: () => ok({ cancelled: true as const }),
    });
    await two.user.click(await within(two.panel).findByRole('button', { name: 'Ask them to sign on the visitor screen' }));
    await two.user.click(within(two.panel).getByRole('button', { name: 'Sign on this screen instead' }));
    expect(two.kiosk.cancelPublicSignature).toHaveBeenCalledWith({ requestId: 'r9' });
    expect(within(two.panel).getByRole('img', { name: /the box to sign in/ })).toBeTruthy();
  });
});
