/**
 * Signing in at the kiosk, as a visitor would: one question a screen, the rules and "I agree",
 * the badge (printed, or on screen when it could not print), "please wait", Back, problems routed
 * to the question they are about, and the reset to Welcome.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError, ApiResult, KioskVisitorForm, PrintOutcome } from '../../../electron/api/contract';
import { handOffCode, takeHandedOffCode } from '../../../renderer/kiosk/visitors/handoff';
import { VisitorSignIn } from '../../../renderer/kiosk/Visitors';
import { fail, ok, type Channels } from '../fake-kiosk';
import { fakeKiosk, renderAt, setStatus } from './helpers';
import { BADGE, FORM, settle, TOKEN } from './visitor-fixtures';

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  setStatus();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

type User = ReturnType<typeof userEvent.setup>;

function start(channels: Channels = {}, form: KioskVisitorForm = FORM) {
  const api = fakeKiosk({
    getKioskVisitorForm: vi.fn(() => ok(form)),
    kioskSignIn: vi.fn(() => ok({ kind: 'badge' as const, badge: BADGE })),
    print: vi.fn(() => ok({ via: 'printer' as const, printed: true as const })),
    ...channels,
  });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const view = renderAt('/visitors/sign-in', <VisitorSignIn />);
  return { api, user, ...view };
}

const heading = () => screen.getByRole('heading', { level: 1 }).textContent;

async function answer(user: User, question: string, text: string, next = 'Next') {
  const field = await screen.findByLabelText(question);
  await user.clear(field);
  if (text) await user.type(field, text);
  await user.click(screen.getByRole('button', { name: next }));
}

async function agree(user: User) {
  await screen.findByRole('heading', { name: 'Phones and safeguarding on site' });
  await user.click(screen.getByRole('checkbox', { name: 'I have read these rules and agree to follow them' }));
  await user.click(screen.getByRole('button', { name: 'I agree' }));
}

/** The text a screen reader hears after a field's label. */
function described(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('signing in', () => {
  it('a parent: who, name, visiting, car (no car), the rules, the badge printed on the label', async () => {
    const { api, user } = start();
    await screen.findByRole('heading', { name: 'Who are you?' });
    const tiles = within(screen.getByRole('list', { name: 'Who are you?' })).getAllByRole('button');
    expect(tiles.map((t) => t.textContent)).toEqual(['Parent/carer', 'Visitor', 'Contractor', 'I have an invitation code']);
    await user.click(screen.getByRole('button', { name: 'Parent/carer' }));

    const seen: string[] = [];
    seen.push(heading()!);
    await answer(user, 'What is your name?', 'Sam Smith');
    seen.push(heading()!);
    await answer(user, 'Who are you visiting, or why are you here?', 'Mrs Khan');
    seen.push(heading()!);
    await user.click(await screen.findByRole('button', { name: 'No car' }));
    // No organisation, work or supervisor for a parent.
    expect(seen).toEqual(['What is your name?', 'Who are you visiting, or why are you here?', 'What is your car’s registration?']);

    await screen.findByRole('heading', { name: 'Phones and safeguarding on site' });
    expect(screen.getByText('Photos of your own child only, at school events.')).toBeTruthy();
    expect(screen.getByText('Never share photos of other children.')).toBeTruthy();
    await agree(user);

    await screen.findByText('Please wear your badge; scan it here when you leave.');
    expect(api.kioskSignIn).toHaveBeenCalledTimes(1);
    expect(api.kioskSignIn.mock.calls[0]![0]).toEqual({ typeKey: 'parent', name: 'Sam Smith', visiting: 'Mrs Khan', textsVersion: 3, agreed: true });
    expect(api.print).toHaveBeenCalledWith({ route: `/print/visitor-badge?token=${TOKEN}`, paper: 'label62' });
    expect(screen.getByRole('button', { name: 'Done' })).toBeTruthy();
  });

  it('shows "Printing your badge…" while the badge prints', async () => {
    let printed!: (v: ApiResult<PrintOutcome>) => void;
    const { user } = start({ print: vi.fn(() => new Promise<ApiResult<PrintOutcome>>((r) => (printed = r))) });
    await user.click(await screen.findByRole('button', { name: 'Parent/carer' }));
    await answer(user, 'What is your name?', 'Sam Smith');
    await answer(user, 'Who are you visiting, or why are you here?', 'Mrs Khan');
    await user.click(await screen.findByRole('button', { name: 'No car' }));
    await agree(user);
    expect(await screen.findByRole('heading', { name: 'Printing your badge…' })).toBeTruthy();
    await act(async () => printed({ ok: true, value: { via: 'printer', printed: true } }));
    expect(await screen.findByText('Please wear your badge; scan it here when you leave.')).toBeTruthy();
  });

  it('a contractor: organisation, work and supervisor too; the car registration in capitals; an A4 badge when Settings say A4', async () => {
    const { api, user } = start({}, { ...FORM, badgePaper: 'a4' });
    await user.click(await screen.findByRole('button', { name: 'Contractor' }));
    await answer(user, 'What is your name?', 'Jo Bloggs');
    await answer(user, 'Which organisation or company are you from?', 'Acme Boilers');
    await answer(user, 'Who are you visiting, or why are you here?', 'Boiler room');
    await answer(user, 'What is your car’s registration?', 'ab12 cde');
    expect(heading()).toBe('What work are you here to do?');
    await answer(user, 'What work are you here to do?', 'Annual boiler service');
    await answer(user, 'Which member of staff is supervising your work?', 'Mr Jones');
    await screen.findByText('Phone only with staff permission, away from children.');
    await agree(user);
    await screen.findByText('Please wear your badge; scan it here when you leave.');
    expect(api.kioskSignIn.mock.calls[0]![0]).toEqual({
      typeKey: 'contractor',
      name: 'Jo Bloggs',
      organisation: 'Acme Boilers',
      visiting: 'Boiler room',
      carReg: 'AB12 CDE',
      work: 'Annual boiler service',
      supervisor: 'Mr Jones',
      textsVersion: 3,
      agreed: true,
    });
    expect(api.print).toHaveBeenCalledWith({ route: `/print/visitor-badge-a4?token=${TOKEN}`, paper: 'a4' });
  });

  it('a visitor is asked for an organisation but not for work', async () => {
    const { user } = start();
    await user.click(await screen.findByRole('button', { name: 'Visitor' }));
    await answer(user, 'What is your name?', 'Ann Other');
    expect(heading()).toBe('Which organisation or company are you from?');
    await answer(user, 'Which organisation or company are you from?', 'County Council');
    await answer(user, 'Who are you visiting, or why are you here?', 'Head of School');
    await user.click(await screen.findByRole('button', { name: 'No car' }));
    expect(await screen.findByRole('heading', { name: 'Phones and safeguarding on site' })).toBeTruthy();
  });

  it('says what is missing beside the field, and stays on the question', async () => {
    const { api, user } = start();
    await user.click(await screen.findByRole('button', { name: 'Contractor' }));
    await user.click(await screen.findByRole('button', { name: 'Next' }));
    const name = screen.getByLabelText('What is your name?');
    expect(described(name)).toContain('Please type your name.');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    await answer(user, 'What is your name?', 'Jo');
    await user.click(await screen.findByRole('button', { name: 'Next' }));
    expect(described(screen.getByLabelText('Which organisation or company are you from?'))).toContain('Please type your organisation or company.');
    await answer(user, 'Which organisation or company are you from?', 'Acme');
    await answer(user, 'Who are you visiting, or why are you here?', '   ');
    expect(described(screen.getByLabelText('Who are you visiting, or why are you here?'))).toContain('Please type who you are visiting, or why you are here.');
    await answer(user, 'Who are you visiting, or why are you here?', 'Boiler');
    await answer(user, 'What is your car’s registration?', 'AB-12!');
    expect(described(screen.getByLabelText('What is your car’s registration?'))).toContain('A car registration has only letters, digits and spaces.');
    await answer(user, 'What is your car’s registration?', '');
    await answer(user, 'What work are you here to do?', '');
    expect(described(screen.getByLabelText('What work are you here to do?'))).toContain('Please type the work you are here to do.');
    await answer(user, 'What work are you here to do?', 'Fix');
    await answer(user, 'Which member of staff is supervising your work?', '');
    expect(described(screen.getByLabelText('Which member of staff is supervising your work?'))).toContain('supervising your work');
    expect(api.kioskSignIn).not.toHaveBeenCalled();
  });

  it('the fields are never remembered, corrected or suggested by the browser', async () => {
    const { user } = start();
    await user.click(await screen.findByRole('button', { name: 'Parent/carer' }));
    const name = await screen.findByLabelText('What is your name?');
    expect(name.getAttribute('autocomplete')).toBe('off');
    expect(name.getAttribute('autocorrect')).toBe('off');
    expect(name.getAttribute('spellcheck')).toBe('false');
    expect(document.activeElement).toBe(name);
  });

  it('types with the on-screen keyboard into the field on screen', async () => {
    const { user } = start();
    await user.click(await screen.findByRole('button', { name: 'Parent/carer' }));
    const name = (await screen.findByLabelText('What is your name?')) as HTMLInputElement;
    const keys = within(screen.getByRole('group', { name: 'On-screen keyboard' }));
    for (const k of ['S', 'a', 'm']) await user.click(keys.getByRole('button', { name: k }));
    await user.click(keys.getByRole('button', { name: 'Space' }));
    for (const k of ['O', 'Apostrophe', 'B', 'r', 'i', 'e', 'n', 'n']) await user.click(keys.getByRole('button', { name: k }));
    await user.click(keys.getByRole('button', { name: 'Delete' }));
    expect(name.value).toBe('Sam O\'Brien');
    expect(document.activeElement).toBe(name);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading()).toBe('Who are you visiting, or why are you here?');
  });

  it('Back goes to the previous question with the answer kept, and from "Who are you?" to Welcome', async () => {
    const { user, location } = start();
    await user.click(await screen.findByRole('button', { name: 'Visitor' }));
    await answer(user, 'What is your name?', 'Ann Other');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByLabelText('What is your name?') as HTMLInputElement).value).toBe('Ann Other');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(heading()).toBe('Who are you?');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(location.history.at(-1)).toBe('/');
  });

  it('Back from the rules goes to the last question', async () => {
    const { user } = start();
    await user.click(await screen.findByRole('button', { name: 'Parent/carer' }));
    await answer(user, 'What is your name?', 'Sam');
    await answer(user, 'Who are you visiting, or why are you here?', 'Office');
    await answer(user, 'What is your car’s registration?', 'AB12CDE');
    await screen.findByRole('heading', { name: 'Phones and safeguarding on site' });
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByLabelText('What is your car’s registration?') as HTMLInputElement).value).toBe('AB12CDE');
  });
});

describe('the rules', () => {
  async function toRules(user: User) {
    await user.click(await screen.findByRole('button', { name: 'Parent/carer' }));
    await answer(user, 'What is your name?', 'Sam Smith');
    await answer(user, 'Who are you visiting, or why are you here?', 'Mrs Khan');
    await user.click(await screen.findByRole('button', { name: 'No car' }));
    await screen.findByRole('heading', { name: 'Phones and safeguarding on site' });
  }

  it('shows the DSLs, what to do if worried, the assembly point, the privacy notice; the full policy opens in the page', async () => {
    const { user } = start();
    await toRules(user);
    expect(screen.getByRole('heading', { name: 'If you are worried about a child' })).toBeTruthy();
    expect(screen.getByText(FORM.texts.worried)).toBeTruthy();
    expect(screen.getByText('Mark Bennett and Dee Safeguard')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'If the fire alarm sounds' })).toBeTruthy();
    expect(screen.getByText(FORM.texts.assemblyPoint)).toBeTruthy();
    expect(screen.getByText(FORM.texts.privacy)).toBeTruthy();
    expect(screen.getByText('We keep them for 2 years, then delete them.')).toBeTruthy();
    expect(screen.queryByText('6.4.1 Parents may take images of their own child only.')).toBeNull();
    const policy = screen.getByRole('button', { name: 'Read the full policy' });
    expect(policy.getAttribute('aria-expanded')).toBe('false');
    await user.click(policy);
    expect(screen.getByText('6.4.1 Parents may take images of their own child only.')).toBeTruthy();
    expect(screen.getByText('6.4.4 Staff challenge breaches and tell the DSL.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hide the full policy' }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('"I agree" without the tick says so beside the box and signs nobody in', async () => {
    const { api, user } = start();
    await toRules(user);
    await user.click(screen.getByRole('button', { name: 'I agree' }));
    const box = screen.getByRole('checkbox', { name: 'I have read these rules and agree to follow them' });
    expect(described(box)).toBe('Please tick the box to say you agree to follow these rules.');
    expect(document.activeElement).toBe(box);
    expect(api.kioskSignIn).not.toHaveBeenCalled();
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'I agree' }));
    await waitFor(() => expect(api.kioskSignIn).toHaveBeenCalledTimes(1));
  });

  it('a problem with an answer goes back to that question with the message; Next then returns to the rules', async () => {
    const kioskSignIn = vi
      .fn()
      .mockImplementationOnce(() => fail({ code: 'RULE', message: 'Enter who you are visiting, or why you are here.', field: 'visiting' }))
      .mockImplementation(() => ok({ kind: 'badge' as const, badge: BADGE }));
    const { user } = start({ kioskSignIn });
    await toRules(user);
    await agree(user);
    const field = await screen.findByLabelText('Who are you visiting, or why are you here?');
    expect(described(field)).toContain('Enter who you are visiting, or why you are here.');
    await answer(user, 'Who are you visiting, or why are you here?', 'Mrs Khan in 5W');
    expect(await screen.findByRole('heading', { name: 'Phones and safeguarding on site' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'I agree' }));
    await screen.findByText('Please wear your badge; scan it here when you leave.');
    expect(kioskSignIn).toHaveBeenCalledTimes(2);
    expect(kioskSignIn.mock.calls[1]![0]).toMatchObject({ visiting: 'Mrs Khan in 5W' });
  });

  it('a problem with the name goes to the name question', async () => {
    const { user } = start({ kioskSignIn: vi.fn(() => fail({ code: 'INVALID', message: 'Name must be at most 80 characters.', field: 'name' })) });
    await toRules(user);
    await agree(user);
    const name = await screen.findByLabelText('What is your name?');
    expect(described(name)).toContain('Name must be at most 80 characters.');
    expect((name as HTMLInputElement).value).toBe('Sam Smith');
  });

  it('rules changed while reading: the new rules are loaded and shown with the message, to agree again', async () => {
    const newer: KioskVisitorForm = {
      ...FORM,
      textsVersion: 4,
      texts: { ...FORM.texts, types: { ...FORM.texts.types, parent: { rules: ['A brand new rule for parents.'], reminder: 'New reminder.' } } },
    };
    const getKioskVisitorForm = vi.fn().mockImplementationOnce(() => ok(FORM)).mockImplementation(() => ok(newer));
    const kioskSignIn = vi
      .fn()
      .mockImplementationOnce(() => fail({ code: 'CONFLICT', message: 'The rules have just been updated. Please read them again and agree.', field: 'textsVersion' }))
      .mockImplementation(() => ok({ kind: 'badge' as const, badge: BADGE }));
    const { user } = start({ getKioskVisitorForm, kioskSignIn });
    await toRules(user);
    await agree(user);
    expect(await screen.findByText('A brand new rule for parents.')).toBeTruthy();
    expect(screen.getByText('The rules have just been updated. Please read them again and agree.')).toBeTruthy();
    expect(screen.queryByText('Photos of your own child only, at school events.')).toBeNull();
    expect((screen.getByRole('checkbox', { name: /I have read these rules/ }) as HTMLInputElement).checked).toBe(false);
    expect(getKioskVisitorForm).toHaveBeenCalledTimes(2);
    await agree(user);
    await screen.findByText('Please wear your badge; scan it here when you leave.');
    expect(kioskSignIn.mock.calls[1]![0]).toMatchObject({ textsVersion: 4 });
  });

  it('any other problem is said on the rules screen', async () => {
    const { user } = start({ kioskSignIn: vi.fn(() => fail({ code: 'INTERNAL', message: 'Something went wrong. Please see the office.' })) });
    await toRules(user);
    await agree(user);
    expect(await screen.findByText('Something went wrong. Please see the office.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Phones and safeguarding on site' })).toBeTruthy();
  });
});

describe('the badge, printed or not', () => {
  async function signIn(user: User) {
    await user.click(await screen.findByRole('button', { name: 'Parent/carer' }));
    await answer(user, 'What is your name?', 'Sam Smith');
    await answer(user, 'Who are you visiting, or why are you here?', 'Mrs Khan');
    await user.click(await screen.findByRole('button', { name: 'No car' }));
    await agree(user);
  }

  it('not printed: the badge on screen with the reason, and the visit is kept', async () => {
    const { api, user } = start({ print: vi.fn(() => ok({ via: 'printer' as const, printed: false as const, message: 'no label printer is chosen in Settings › Printers' })) });
    await signIn(user);
    expect(
      await screen.findByText(
        'Your badge could not be printed (no label printer is chosen in Settings › Printers). You are signed in. Please show this screen to the office for a badge.',
      ),
    ).toBeTruthy();
    const card = within(screen.getByRole('region', { name: 'Your badge' }));
    expect(card.getByText('Sam Smith')).toBeTruthy();
    expect(card.getByText('Parent/carer')).toBeTruthy();
    expect(card.getByText('Fri 27 Nov 2026, 10:05')).toBeTruthy();
    expect(card.getByText('Mrs Khan')).toBeTruthy();
    expect(card.getByText('Must be escorted')).toBeTruthy();
    expect(card.getByText('Photos of your own child only.')).toBeTruthy();
    expect(card.getByText('KV ABCD EFGH JKLM N234')).toBeTruthy();
    expect((await card.findByRole('img', { name: /QR code/ })).getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(api.kioskSignIn).toHaveBeenCalledTimes(1);
  });

  it('a printer fault is said in the same words, and so is a print that throws', async () => {
    const { user } = start({ print: vi.fn(() => fail({ code: 'INTERNAL', message: 'The printer is out of labels.' })) });
    await signIn(user);
    expect(await screen.findByText(/^Your badge could not be printed \(the printer is out of labels\)\. You are signed in\./)).toBeTruthy();
  });

  it('goes back to Welcome by itself after 30 seconds, or with Done', async () => {
    const { user, location } = start();
    await signIn(user);
    await screen.findByText('Please wear your badge; scan it here when you leave.');
    await settle();
    act(() => vi.advanceTimersByTime(29_000));
    expect(location.history.at(-1)).toBe('/visitors/sign-in');
    act(() => vi.advanceTimersByTime(1_500));
    expect(location.history.at(-1)).toBe('/');
  });

  it('"wait": asks the person to wait for staff, never why, and goes back to Welcome after 30 seconds', async () => {
    const { api, user, location } = start({ kioskSignIn: vi.fn(() => ok({ kind: 'wait' as const })) });
    await signIn(user);
    expect(await screen.findByText('Please wait here. A member of staff will be with you shortly.')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/permitted|list|refused|not allowed/i);
    expect(api.print).not.toHaveBeenCalled();
    await settle();
    act(() => vi.advanceTimersByTime(29_000));
    expect(location.history.at(-1)).toBe('/visitors/sign-in');
    act(() => vi.advanceTimersByTime(1_500));
    expect(location.history.at(-1)).toBe('/');
  });
});

describe('an invitation code', () => {
  const USE = 'Use this code';
  const prefill = { typeKey: 'contractor', name: 'Jo Bloggs', organisation: 'Acme Boilers', visiting: 'Boiler room', carReg: '', work: 'Boiler service', supervisor: 'Mr Jones' };

  it('fills in the details and asks only what is left (the car), then the rules; the code goes with the sign-in', async () => {
    const kioskInvitation = vi.fn(() => ok(prefill));
    const { api, user } = start({ kioskInvitation });
    await user.click(await screen.findByRole('button', { name: 'I have an invitation code' }));
    await answer(user, 'Type or scan your invitation code', 'ki abcd efgh ijkl mnop', USE);
    // A contractor's code that answered everything but the car registration.
    expect(await screen.findByRole('heading', { name: 'What is your car’s registration?' })).toBeTruthy();
    expect(kioskInvitation).toHaveBeenCalledWith({ code: 'KIABCDEFGHIJKLMNOP' });
    await user.click(screen.getByRole('button', { name: 'No car' }));
    expect(await screen.findByText('Phone only with staff permission, away from children.')).toBeTruthy();
    await agree(user);
    await screen.findByText('Please wear your badge; scan it here when you leave.');
    expect(api.kioskSignIn.mock.calls[0]![0]).toEqual({
      typeKey: 'contractor',
      name: 'Jo Bloggs',
      organisation: 'Acme Boilers',
      visiting: 'Boiler room',
      work: 'Boiler service',
      supervisor: 'Mr Jones',
      code: 'KIABCDEFGHIJKLMNOP',
      textsVersion: 3,
      agreed: true,
    });
  });

  it('takes a code scanned at the desk of a two-screen desk (handed over by the visitor screen) as if typed', async () => {
    const kioskInvitation = vi.fn(() => ok(prefill));
    handOffCode('KIABCDEFGHIJKLMNOP');
    start({ kioskInvitation });
    expect(await screen.findByRole('heading', { name: 'What is your car’s registration?' })).toBeTruthy();
    expect(kioskInvitation).toHaveBeenCalledWith({ code: 'KIABCDEFGHIJKLMNOP' });
    expect(takeHandedOffCode()).toBeNull(); // taken once
  });

  it('a regular visitor’s card fills in the name: who they are visiting is still asked', async () => {
    const { user } = start({ kioskInvitation: vi.fn(() => ok({ ...prefill, typeKey: 'visitor', visiting: '', work: '', supervisor: '' })) });
    await user.click(await screen.findByRole('button', { name: 'I have an invitation code' }));
    await answer(user, 'Type or scan your invitation code', 'KIABCDEFGHIJKLMNOP', USE);
    expect(await screen.findByRole('heading', { name: 'Who are you visiting, or why are you here?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(heading()).toBe('Type or scan your invitation code');
  });

  it('a code the server does not know: its words beside the field', async () => {
    const error: ApiError = { code: 'NOT_FOUND', message: 'We could not find that code for today. Please check it, or carry on without it.', field: 'code' };
    const { user } = start({ kioskInvitation: vi.fn(() => fail(error)) });
    await user.click(await screen.findByRole('button', { name: 'I have an invitation code' }));
    await answer(user, 'Type or scan your invitation code', 'KIABCDEFGHIJKLMNOP', USE);
    expect(described(await screen.findByLabelText('Type or scan your invitation code'))).toContain(error.message);
  });

  it('something that is not a code is refused without asking the server', async () => {
    const kioskInvitation = vi.fn(() => ok(prefill));
    const { user } = start({ kioskInvitation });
    await user.click(await screen.findByRole('button', { name: 'I have an invitation code' }));
    await answer(user, 'Type or scan your invitation code', 'hello', USE);
    expect(described(screen.getByLabelText('Type or scan your invitation code'))).toMatch(/not an invitation code/);
    await answer(user, 'Type or scan your invitation code', '', USE);
    expect(described(screen.getByLabelText('Type or scan your invitation code'))).toBe('It starts with KI. You will find it on your invitation or your visitor card. Please type or scan your invitation code.');
    expect(kioskInvitation).not.toHaveBeenCalled();
  });

  it('a code scanned on "Who are you?" is used at once', async () => {
    const kioskInvitation = vi.fn(() => ok(prefill));
    start({ kioskInvitation });
    await screen.findByRole('heading', { name: 'Who are you?' });
    await settle();
    for (const key of 'kiabcdefghijklmnop') {
      fireEvent.keyDown(document.body, { key });
      act(() => vi.advanceTimersByTime(5));
    }
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(await screen.findByRole('heading', { name: 'What is your car’s registration?' })).toBeTruthy();
    expect(kioskInvitation).toHaveBeenCalledWith({ code: 'KIABCDEFGHIJKLMNOP' });
  });
});

describe('privacy and reset', () => {
  it('idle for the time set in Settings: back to Welcome, nothing sent, and nothing typed is left', async () => {
    const { api, user, location, unmount } = start({}, { ...FORM, idleSeconds: 20 });
    await user.click(await screen.findByRole('button', { name: 'Parent/carer' }));
    await user.type(await screen.findByLabelText('What is your name?'), 'Sam Smith');
    act(() => vi.advanceTimersByTime(15_000));
    fireEvent.pointerDown(document.body);
    act(() => vi.advanceTimersByTime(15_000));
    expect(location.history.at(-1)).toBe('/visitors/sign-in');
    act(() => vi.advanceTimersByTime(5_500));
    expect(location.history.at(-1)).toBe('/');
    expect(api.kioskSignIn).not.toHaveBeenCalled();
    unmount();
    // The next person starts from the beginning, with nothing of the last one.
    const next = renderAt('/visitors/sign-in', <VisitorSignIn />);
    await screen.findByRole('heading', { name: 'Who are you?' });
    await userEvent.setup({ advanceTimers: vi.advanceTimersByTime }).click(screen.getByRole('button', { name: 'Parent/carer' }));
    expect((screen.getByLabelText('What is your name?') as HTMLInputElement).value).toBe('');
    next.unmount();
  });

  it('idle for 60 seconds when Settings say nothing sensible', async () => {
    const { location } = start({}, { ...FORM, idleSeconds: 0 });
    await screen.findByRole('heading', { name: 'Who are you?' });
    await settle();
    act(() => vi.advanceTimersByTime(59_000));
    expect(location.history.at(-1)).toBe('/visitors/sign-in');
    act(() => vi.advanceTimersByTime(1_500));
    expect(location.history.at(-1)).toBe('/');
  });

  it('when the form cannot be loaded, says so and sends the person to the office', async () => {
    start({ getKioskVisitorForm: vi.fn(() => fail({ code: 'INTERNAL', message: 'Reception Kiosk is not answering.' })) });
    expect(await screen.findByText('Reception Kiosk is not answering.')).toBeTruthy();
    expect(screen.getByText('Please go to the office window and a member of staff will sign you in.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Back to start' })).toBeTruthy();
  });
});
