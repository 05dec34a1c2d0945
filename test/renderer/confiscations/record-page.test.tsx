/**
 * One confiscation record (issue 7): the summary and the chain of custody in words and in order,
 * only the next steps this member of staff may take, inline panels (never a dialog), field errors
 * beside their fields, and a device on hold that cannot be released.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfiscationDetail, CustodyEvent } from '../../../electron/api/contract';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff, type Role } from '../staff/harness';

vi.mock('signature_pad', () => ({
  default: class {
    isEmpty = () => true;
    toDataURL = () => '';
    clear = () => undefined;
    on = () => undefined;
    off = () => undefined;
    addEventListener = () => undefined;
    removeEventListener = () => undefined;
  },
}));

afterEach(cleanup);

const RECORD: ConfiscationDetail['record'] = {
  id: 5,
  pupilId: 2,
  deviceType: 'phone',
  description: 'Black iPhone, blue case',
  condition: 'Cracked screen',
  power: 'off',
  ground: 'behaviour',
  groundDetail: '',
  confiscatedAt: '2026-11-25T10:05:00.000Z',
  confiscatedBy: 'Mr Patel',
  witness: 'Mrs Jones',
  recordedAt: '2026-11-25T10:20:00.000Z',
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
  dslInformed: false,
  searched: false,
  suspected: null,
  slipPrinted: false,
  releaseOverride: false,
};

function event(over: Partial<CustodyEvent> & { id: number; kind: CustodyEvent['kind'] }): CustodyEvent {
  return { at: '2026-11-25T10:05:00.000Z', recordedAt: '2026-11-25T10:05:00.000Z', by: 'Priya Shah', details: {}, hasSignature: false, ...over };
}

const EVENTS: CustodyEvent[] = [
  event({ id: 1, kind: 'recorded', recordedAt: '2026-11-25T10:20:00.000Z', details: { confiscatedBy: 'Mr Patel', witness: 'Mrs Jones', location: 'School office safe' } }),
  event({ id: 2, kind: 'parents-informed', at: '2026-11-25T11:00:00.000Z', recordedAt: '2026-11-25T11:00:00.000Z', details: { how: 'phone', informedBy: 'Priya Shah' } }),
  event({ id: 3, kind: 'moved', at: '2026-11-25T12:00:00.000Z', recordedAt: '2026-11-25T12:00:00.000Z', details: { from: 'School office safe', to: 'With the DSL', note: '' } }),
  event({ id: 4, kind: 'hold', at: '2026-11-25T12:30:00.000Z', recordedAt: '2026-11-25T12:30:00.000Z', by: 'Mark Bennett', details: { reason: 'Police may need it' } }),
];

function detail(over: { record?: Partial<ConfiscationDetail['record']>; events?: CustodyEvent[]; can?: Partial<ConfiscationDetail['can']>; why?: Partial<ConfiscationDetail['why']> } = {}): ConfiscationDetail {
  const record = { ...RECORD, ...over.record };
  // as the API answers by default: a held device not on hold may be released, and a first slip printed
  const free = record.status === 'held' && !record.onHold;
  return {
    record,
    events: over.events ?? EVENTS.slice(0, 3),
    collectors: [{ id: 10, name: 'Aoife O’Brien', relationship: 'Mother' }],
    contacts: [
      { id: 10, name: 'Aoife O’Brien', relationship: 'Mother', noContact: false },
      { id: 11, name: 'Declan O’Brien', relationship: 'Father', noContact: true },
    ],
    can: { search: false, dsl: false, override: false, release: free, slip: free ? 'print' : null, ...over.can },
    why: { release: null, slip: null, ...over.why },
  };
}

const OFFICE = { search: false, dsl: false, override: false };
const DSL = { search: true, dsl: true, override: true };

function open(d: ConfiscationDetail, role: Role = 'office', extra: Parameters<typeof fakeKiosk>[0] = {}) {
  const kiosk = fakeKiosk({ getConfiscation: () => ok(d), ...extra });
  const view = renderStaff('/staff/confiscations/5', { role, staffId: role === 'office' ? 2 : 3, dsl: d.can.dsl, kiosk });
  return view;
}

async function nextSteps(): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 2, name: 'Next steps' });
  return heading.closest('section')!;
}

function stepNames(section: HTMLElement): string[] {
  return within(section.querySelector('.conf-step-buttons') as HTMLElement)
    .getAllByRole('button')
    .map((b) => b.textContent ?? '');
}

describe('a confiscation record', () => {
  it('shows the device, the pupil and the chain of custody in order, in words', async () => {
    const { kiosk } = open(detail({ record: { onHold: true }, events: EVENTS, can: DSL }), 'leadership');
    expect(await screen.findByRole('heading', { level: 1, name: 'Phone from Seán O’Brien' })).toBeTruthy();
    expect(kiosk.getConfiscation).toHaveBeenCalledWith({ id: 5 });
    expect(screen.getByRole('note', { name: 'On hold' })!.textContent).toContain('On hold: release only with DSL agreement.');
    expect(screen.getByRole('link', { name: 'Seán O’Brien' }).getAttribute('href')).toBe('/staff/pupils/2');
    expect(screen.getByText('Against the behaviour policy')).toBeTruthy();
    expect(screen.getByText('Cracked screen')).toBeTruthy();

    const chain = screen.getByRole('heading', { level: 2, name: 'Chain of custody' }).closest('section')!;
    const items = within(chain).getByRole('list', { name: 'Chain of custody' }).querySelectorAll<HTMLElement>(':scope > li');
    expect([...items].map((li) => li.querySelector('.conf-event-title')?.textContent)).toEqual([
      'Recorded',
      'Parents/carers informed (phone call) by Priya Shah',
      'Moved from School office safe to With the DSL',
      'Hold: release only with DSL agreement',
    ]);
    // recorded 15 minutes after it was taken: both times are shown
    expect(items[0]!.textContent).toMatch(/recorded at Wednesday,? 25 November 2026, 10:20/);
    expect(items[1]!.textContent).not.toMatch(/recorded at/);
    expect(items[0]!.textContent).toContain('Confiscated by: Mr Patel');
    expect(items[3]!.textContent).toContain('Reason: Police may need it');
    expect(items[3]!.textContent).toContain('By Mark Bennett');
  });

  it('offers the office no search, no police and no hold', async () => {
    open(detail({ can: OFFICE }));
    const steps = await nextSteps();
    const names = stepNames(steps);
    expect(names).toEqual(['Release', 'Record DSL informed', 'Move the device', 'Correct a mistake']);
    expect(names).not.toContain('Record a search');
    expect(names).not.toContain('Hand to the police');
    expect(names).not.toContain('Put on hold');
  });

  it('offers a DSL the search, the police and the hold, and puts a device on hold from the inline panel', async () => {
    const user = userEvent.setup();
    const held = detail({ record: { onHold: true }, events: EVENTS, can: DSL });
    const { kiosk } = open(detail({ can: DSL }), 'leadership', { setConfiscationHold: () => ok(held) });
    const steps = await nextSteps();
    expect(stepNames(steps)).toEqual(expect.arrayContaining(['Record a search', 'Hand to the police', 'Put on hold', 'Release']));

    await user.click(within(steps).getByRole('button', { name: 'Put on hold' }));
    await user.type(within(steps).getByLabelText('Reason (optional)'), 'Police may need it');
    await user.click(within(steps).getByRole('button', { name: 'Confirm the hold' }));
    expect(kiosk.setConfiscationHold).toHaveBeenCalledWith({ id: 5, hold: true, reason: 'Police may need it' });
    expect(await screen.findByText('Recorded: on hold. Release only with DSL agreement.')).toBeTruthy();
    // the page now shows the record as it stands: on hold, release blocked, the hold can be lifted
    expect(screen.getByRole('note', { name: 'On hold' })).toBeTruthy();
    expect(stepNames(await nextSteps())).toContain('Lift the hold');
    expect(stepNames(await nextSteps())).not.toContain('Release');
  });

  it('replaces the search with the UKCIS steps when nude or semi-nude images are suspected', async () => {
    const user = userEvent.setup();
    const d = detail({ record: { ground: 'suspected-nudes', suspected: 'nudes' }, can: DSL });
    const { kiosk } = open(d, 'leadership', { recordUkcisSteps: () => ok({ ...d, events: [...d.events, event({ id: 9, kind: 'ukcis-steps', details: { notViewed: true, turnedOffAndSecured: true, dslInformed: true } })] }) });
    const steps = await nextSteps();
    const names = stepNames(steps);
    expect(names).not.toContain('Record a search');
    expect(names).toContain('Record the UKCIS steps');
    expect(names).toContain('Record the DSL decision (UKCIS)');
    expect(names).toContain('Hand to the police');

    await user.click(within(steps).getByRole('button', { name: 'Record the UKCIS steps' }));
    expect(within(steps).getByRole('region', { name: 'Record the UKCIS steps' })!.textContent).toContain('Do not look at the device.');
    await user.click(within(steps).getByLabelText('The device was not viewed'));
    await user.click(within(steps).getByLabelText('It was turned off and secured'));
    await user.click(within(steps).getByLabelText('The DSL was informed'));
    await user.click(within(steps).getByRole('button', { name: 'Save the UKCIS steps' }));
    expect(kiosk.recordUkcisSteps).toHaveBeenCalledWith({ id: 5, notViewed: true, turnedOffAndSecured: true, dslInformed: true });
    expect(await screen.findByText('Recorded: the UKCIS steps. Next: record your decision as DSL.')).toBeTruthy();
    expect(screen.getByText('UKCIS steps taken: not viewed; turned off and secured; DSL informed')).toBeTruthy();
  });

  it('shows the API’s message next to the field it names and keeps what was typed', async () => {
    const user = userEvent.setup();
    const { kiosk } = open(detail({ record: { parentsInformed: 'not-yet' }, can: OFFICE }), 'office', {
      recordParentsInformed: () => fail({ code: 'RULE', message: 'That time is in the future.', field: 'at' }),
    });
    const steps = await nextSteps();
    await user.click(within(steps).getByRole('button', { name: 'Record parents informed' }));
    await user.click(within(steps).getByLabelText('Phone call'));
    await user.type(within(steps).getByLabelText('Told by'), 'Priya Shah');
    const when = within(steps).getByLabelText('Date and time');
    await user.type(when, '2030-01-01T09:00');
    await user.click(within(steps).getByRole('button', { name: 'Save parents informed' }));
    expect(kiosk.recordParentsInformed).toHaveBeenCalledWith({ id: 5, how: 'phone', informedBy: 'Priya Shah', at: '2030-01-01T09:00' });
    await waitFor(() => expect(when.getAttribute('aria-invalid')).toBe('true'));
    expect(when.closest('.field')!.textContent).toContain('That time is in the future.');
    expect((within(steps).getByLabelText('Told by') as HTMLInputElement).value).toBe('Priya Shah');
    expect((within(steps).getByLabelText('Phone call') as HTMLInputElement).checked).toBe(true);
  });

  it('blocks the release of a device on hold, with the reason', async () => {
    open(detail({ record: { onHold: true }, events: EVENTS, can: OFFICE }));
    const steps = await nextSteps();
    expect(stepNames(steps)).not.toContain('Release');
    expect(steps!.textContent).toContain('Release is blocked: this device is on hold.');
    expect(steps!.textContent).toContain('released only with the DSL’s agreement');
  });

  it('blocks the release of a device with the police', async () => {
    open(detail({ record: { status: 'with-police', location: 'With the police' }, can: DSL }), 'leadership');
    const steps = await nextSteps();
    expect(stepNames(steps)).toEqual(expect.arrayContaining(['Record what the police did']));
    expect(stepNames(steps)).not.toContain('Release');
    expect(steps!.textContent).toContain('It cannot be released: the device is with the police.');
  });

  it('never opens a dialog, whichever panel is open', async () => {
    const user = userEvent.setup();
    open(detail({ record: { parentsInformed: 'not-yet' }, can: DSL }), 'leadership');
    const steps = await nextSteps();
    for (const name of stepNames(steps)) {
      const button = within(steps).getAllByRole('button', { name })[0]!;
      await user.click(button);
      expect(button.getAttribute('aria-expanded')).toBe('true');
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(screen.queryByRole('alertdialog')).toBeNull();
    }
  });
});

describe('what must not happen (issue 13)', () => {
  const slipButton = () => screen.queryByRole('button', { name: /release slip/ });
  const summary = () => screen.getByRole('heading', { level: 2, name: 'The device' }).closest('section')!;

  it('offers the slip only as the API allows: a first print, a DSL’s reprint, and never where no slip may be given, saying why', async () => {
    open(detail());
    expect((await screen.findByRole('button', { name: 'Print the release slip' })).textContent).toBe('Print the release slip');
    cleanup();
    open(detail({ record: { slipPrinted: true }, can: { ...DSL, slip: 'reprint' } }), 'leadership');
    expect(await screen.findByRole('button', { name: 'Reprint the release slip' })).toBeTruthy();
    cleanup();
    const why = 'No release slip is given where nude or semi-nude images are suspected.';
    open(detail({ record: { ground: 'suspected-nudes', suspected: 'nudes' }, can: { ...DSL, slip: null, release: true }, why: { slip: why } }), 'leadership');
    await nextSteps();
    expect(slipButton()).toBeNull();
    expect(within(summary()).getByText(why)).toBeTruthy();
    cleanup();
    open(detail({ record: { onHold: true, slipPrinted: true }, why: { slip: 'The device is on hold, so no release slip is given.' } }));
    await nextSteps();
    expect(slipButton()).toBeNull();
    expect(within(summary()).getByText('Printed. The device is on hold, so no release slip is given.')).toBeTruthy();
  });

  it('never offers the office a release only a DSL may make, and says why before anyone signs', async () => {
    const why = 'Only a DSL can release a device where nude images or illegal content are suspected (it may be evidence for the police).';
    open(detail({ record: { suspected: 'illegal' }, can: { ...OFFICE, release: false, slip: null }, why: { release: why, slip: 'No release slip is given where illegal content is suspected.' } }));
    const steps = await nextSteps();
    expect(stepNames(steps)).not.toContain('Release');
    expect(steps.textContent).toContain(why);
    expect(screen.getByRole('region', { name: 'The UKCIS steps' }).textContent).toContain('Suspected illegal content');
  });

  it('lets a search stop at suspected nude images seen: the UKCIS steps show, and nothing of what was seen is asked for or sent', async () => {
    const user = userEvent.setup();
    const d = detail({ record: { ground: 'anti-bullying' }, can: DSL });
    const stopped = detail({ record: { ground: 'anti-bullying', suspected: 'nudes', searched: true }, can: { ...DSL, release: true, slip: null } });
    const { kiosk } = open(d, 'leadership', { recordSearch: () => ok(stopped) });
    const steps = await nextSteps();
    await user.click(within(steps).getByRole('button', { name: 'Record a search' }));
    const panel = within(steps).getByRole('region', { name: 'Record a search' });
    await user.type(within(panel).getByLabelText('Authorised by'), 'Mrs Head');
    await user.click(within(panel).getByLabelText('The learner'));
    await user.type(within(panel).getByLabelText('How consent was informed'), 'Told why');
    await user.type(within(panel).getByLabelText('Searched by'), 'Mr Deputy');
    await user.type(within(panel).getByLabelText('Also present'), 'Mrs DSL');
    await user.type(within(panel).getByLabelText('What was looked for, and why'), 'Bullying messages');
    expect(within(panel).getByLabelText('What was found')).toBeTruthy();
    await user.click(within(panel).getByLabelText('The search stopped: suspected nude or semi-nude images seen, not viewed further'));
    expect(within(panel).queryByLabelText('What was found')).toBeNull();
    expect(within(panel).getByRole('note', { name: 'The UKCIS steps' }).textContent).toContain('Staff never view, copy, print, share, save or delete the images.');
    await user.click(within(panel).getByRole('button', { name: 'Save the search' }));
    expect(kiosk.recordSearch).toHaveBeenCalledWith(expect.objectContaining({ id: 5, outcome: 'suspected-nudes', found: undefined }));
    expect(await screen.findByText('Recorded: the search stopped, not viewed further. Next: the UKCIS steps and your decision as DSL.')).toBeTruthy();
    // the record is now a suspected-nudes record: no further search; the UKCIS steps and the decision instead
    const now = stepNames(await nextSteps());
    expect(now).not.toContain('Record a search');
    expect(now).toEqual(expect.arrayContaining(['Record the UKCIS steps', 'Record the DSL decision (UKCIS)']));
  });

  it('records the DSL decision; handling it in school asks the DSL to confirm no reason for an immediate referral applies', async () => {
    const user = userEvent.setup();
    const d = detail({ record: { ground: 'suspected-nudes', suspected: 'nudes' }, can: DSL });
    const decided = { ...d, events: [...d.events, event({ id: 9, kind: 'ukcis-decision', by: 'Mark Bennett', details: { decision: 'in-school', noImmediateReferral: true } })] };
    const { kiosk } = open(d, 'leadership', { recordUkcisDecision: () => ok(decided) });
    const steps = await nextSteps();
    await user.click(within(steps).getByRole('button', { name: 'Record the DSL decision (UKCIS)' }));
    const panel = within(steps).getByRole('region', { name: 'The DSL decision (UKCIS)' });
    expect(panel.textContent).toContain('there is coercion, blackmail or grooming');
    await user.click(within(panel).getByRole('button', { name: 'Save the decision' }));
    expect(kiosk.recordUkcisDecision).not.toHaveBeenCalled();
    expect(within(panel).getByText('Choose the decision.')).toBeTruthy();
    await user.click(within(panel).getByLabelText('Handle it in school (no referral)'));
    await user.click(within(panel).getByLabelText('None of the reasons for an immediate referral applies'));
    await user.click(within(panel).getByRole('button', { name: 'Save the decision' }));
    expect(kiosk.recordUkcisDecision).toHaveBeenCalledWith({ id: 5, decision: 'in-school', noImmediateReferral: true });
    expect(await screen.findByText('DSL decision (UKCIS): Handle it in school (no referral)')).toBeTruthy();
    expect(screen.getByText(/By Mark Bennett/)).toBeTruthy();
  });

  it('shows a hold put on at another desk within ten seconds, without a reload, and keeps what was typed in an open panel', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const first = detail({ record: { parentsInformed: 'not-yet' } });
      const held = detail({ record: { parentsInformed: 'not-yet', onHold: true }, events: EVENTS });
      let answer = first;
      const { kiosk } = open(first, 'office', { getConfiscation: () => ok(answer) });
      const steps = await nextSteps();
      expect(stepNames(steps)).toContain('Release');
      await user.click(within(steps).getByRole('button', { name: 'Record parents informed' }));
      await user.type(within(steps).getByLabelText('Told by'), 'Priya Shah');
      answer = held; // a DSL at another desk puts it on hold
      const calls = kiosk.getConfiscation.mock.calls.length;
      await vi.advanceTimersByTimeAsync(10_000);
      await waitFor(() => expect(kiosk.getConfiscation.mock.calls.length).toBeGreaterThan(calls));
      expect(await screen.findByRole('note', { name: 'On hold' })).toBeTruthy();
      expect(await screen.findByText('This record was just changed at another desk: it now shows the latest.')).toBeTruthy();
      expect(stepNames(await nextSteps())).not.toContain('Release');
      expect((within(steps).getByLabelText('Told by') as HTMLInputElement).value).toBe('Priya Shah');
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops re-reading a page nobody is using (every call keeps the console unlocked at the host), and reads it at once on the first input back', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const { kiosk } = open(detail());
      await nextSteps();
      await vi.advanceTimersByTimeAsync(60_000); // no input: a read or two in the first 45 s, then none
      const afterIdle = kiosk.getConfiscation.mock.calls.length;
      await vi.advanceTimersByTimeAsync(120_000);
      expect(kiosk.getConfiscation.mock.calls.length).toBe(afterIdle);
      await user.keyboard('{Shift}');
      await waitFor(() => expect(kiosk.getConfiscation.mock.calls.length).toBe(afterIdle + 1));
    } finally {
      vi.useRealTimers();
    }
  });
});
