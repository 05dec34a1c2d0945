import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResultOf } from '../../../electron/api/contract';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';
import { BADGE, breach, NOW, PRINTED, profile, visit } from './data';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const SAM = visit({
  id: 7,
  name: 'Sam Carter',
  typeKey: 'contractor',
  typeLabel: 'Contractor',
  organisation: 'Brightwater Plumbing',
  visiting: 'Site manager',
  carReg: 'AB12 CDE',
  work: 'Boiler service',
  supervisor: 'Mr Jones',
  escort: 'unescorted',
  profileId: 5,
  invitationId: 12,
  textsVersion: 3,
});

function detail(over: Partial<ResultOf<'getVisit'>> = {}): ResultOf<'getVisit'> {
  return { visit: SAM, badgesIssued: 2, badgeToken: BADGE, breaches: [], can: { admit: false }, ...over };
}

describe('a visit’s page', () => {
  it('shows every detail in words, with the actions for someone on site', async () => {
    const kiosk = fakeKiosk({
      getVisit: () => ok(detail({ breaches: [breach({ id: 1, person: 'Sam Carter', visitId: 7, kind: 'calls-in-class', what: 'In Year 2' })] })),
      listVisitorProfiles: () => ok([profile({ id: 5, name: 'Sam Carter', escort: 'unescorted' })]),
    });
    renderStaff('/staff/visitors/visit/7', { kiosk, role: 'office', staffId: 2 });
    expect(await screen.findByRole('heading', { level: 2, name: 'Sam Carter' })).toBeTruthy();
    expect(kiosk.getVisit).toHaveBeenCalledWith({ id: 7 });
    const facts = document.querySelector('dl')!;
    const text = facts.textContent ?? '';
    for (const words of ['On site', 'Contractor', 'Brightwater Plumbing', 'Site manager', 'DBS checked: unescorted', 'AB12 CDE', 'Boiler service', 'Mr Jones']) expect(text).toContain(words);
    expect(text).toContain('today at 07:55 at the entrance screen');
    expect(text).toContain('2 h 5 min');
    expect(text).toContain('Version 3');
    expect(text).toContain('2 badges: 1 reprint after a lost badge; only the latest works');
    expect(text).toContain('Came with an invitation code');
    expect(await within(facts).findByText(/regular visitor’s card/)).toBeTruthy();
    for (const name of ['Sign out', 'Reprint badge', 'Mark as staying']) expect(screen.getByRole('button', { name })).toBeTruthy();
    const breaches = screen.getByRole('heading', { name: /Breaches of the phone rules/ }).closest('section')!;
    expect(breaches.textContent).toContain('Phone use in a class or learning area: In Year 2');
  });

  it('reprints the badge from the page', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ getVisit: () => ok(detail()), listVisitorProfiles: () => ok([]), reprintBadge: () => ok({ token: BADGE }), print: PRINTED });
    renderStaff('/staff/visitors/visit/7', { kiosk, role: 'office', staffId: 2 });
    await user.click(await screen.findByRole('button', { name: 'Reprint badge' }));
    expect(kiosk.reprintBadge).toHaveBeenCalledWith({ id: 7 });
    expect(await screen.findByText('A new badge was printed; the old badge no longer works.')).toBeTruthy();
  });

  it('offers "Let in" on the page of someone waiting only when allowed', async () => {
    const waiting = { ...SAM, status: 'waiting' as const, notPermitted: true };
    renderStaff('/staff/visitors/visit/7', { kiosk: fakeKiosk({ getVisit: () => ok(detail({ visit: waiting })), listVisitorProfiles: () => ok([]) }), role: 'office', staffId: 2 });
    expect(await screen.findByText(/This sign-in matched the not-permitted list/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Turn away' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Let in' })).toBeNull();
    cleanup();
    renderStaff('/staff/visitors/visit/7', { kiosk: fakeKiosk({ getVisit: () => ok(detail({ visit: waiting, can: { admit: true } })), listVisitorProfiles: () => ok([]) }), role: 'leadership', staffId: 3 });
    expect(await screen.findByRole('button', { name: 'Let in' })).toBeTruthy();
  });

  it('reports a breach filled in with this visit', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      getVisit: () => ok(detail()),
      listVisitorProfiles: () => ok([]),
      reportBreach: (input) => ok(breach({ id: 3, person: input!.person, visitId: input!.visitId ?? null, kind: input!.kind, dslToldAt: input!.dslTold ? NOW.toISOString() : null })),
    });
    renderStaff('/staff/visitors/visit/7', { kiosk, role: 'office', staffId: 2 });
    await user.click(await screen.findByRole('button', { name: 'Report a breach' }));
    const form = screen.getByRole('form', { name: 'Report a breach' });
    expect((within(form).getByLabelText('Who') as HTMLInputElement).value).toBe('Sam Carter');
    expect((within(form).getByLabelText('When') as HTMLInputElement).value).toBe('2026-11-27T10:00');
    await user.click(within(form).getByLabelText('Used a phone near children'));
    await user.click(within(form).getByLabelText('The DSL has been told'));
    await user.click(within(form).getByRole('button', { name: 'Report the breach' }));
    expect(kiosk.reportBreach).toHaveBeenCalledWith({ visitId: 7, person: 'Sam Carter', occurredAt: '2026-11-27T10:00', kind: 'phone-near-children', dslTold: true });
    expect(await screen.findByText(/Breach reported: Sam Carter/)).toBeTruthy();
    expect(kiosk.getVisit).toHaveBeenCalledTimes(2);
  });

  it('says so for a visit that is not on record', async () => {
    renderStaff('/staff/visitors/visit/99', { kiosk: fakeKiosk({ getVisit: () => fail({ code: 'NOT_FOUND', message: 'That visit is not on record.', field: 'id' }) }), role: 'office', staffId: 2 });
    expect(await screen.findByText('That visit is not on record.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Visit not found' })).toBeTruthy();
  });
});

describe('Visitors › Breaches', () => {
  const ON_SITE: ResultOf<'listOnSite'> = { visits: [visit({ id: 2, name: 'Ana Lopez', typeLabel: 'Parent/carer' })], unchecked: [] };

  it('lists breaches in words with who reported them and whether the DSL was told, and records "DSL told"', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listBreaches: () =>
        ok([
          breach({ id: 2, person: 'Ana Lopez', kind: 'images-of-other-children', what: 'At the nativity', visitId: 2 }),
          breach({ id: 1, person: 'Bo Hale', kind: 'other', what: 'Filmed the playground', dslToldAt: '2026-11-26T15:00:00.000Z', dslToldBy: 'Dee Safeguard', occurredAt: '2026-11-26T14:00:00.000Z' }),
        ]),
      markBreachDslTold: () => ok(breach({ id: 2, person: 'Ana Lopez', dslToldAt: NOW.toISOString(), dslToldBy: 'Olly Office' })),
    });
    renderStaff('/staff/visitors/breaches', { kiosk, role: 'office', staffId: 2 });
    const ana = (await screen.findByText('Ana Lopez')).closest('tr')!;
    expect(ana.textContent).toContain('Took images of other children: At the nativity');
    expect(ana.textContent).toContain('today at 09:30');
    expect(ana.textContent).toContain('Olly Office');
    expect(ana.textContent).toContain('Not yet');
    expect(within(ana).getByRole('link', { name: 'Open the visit' }).getAttribute('href')).toBe('/staff/visitors/visit/2');
    const bo = screen.getByText('Bo Hale').closest('tr')!;
    expect(bo.textContent).toContain('Other: Filmed the playground');
    expect(bo.textContent).toContain('Told yesterday at 15:00');
    expect(bo.textContent).toContain('by Dee Safeguard');
    expect(within(bo).queryByRole('button', { name: 'DSL told' })).toBeNull();
    await user.click(within(ana).getByRole('button', { name: 'DSL told' }));
    expect(kiosk.markBreachDslTold).toHaveBeenCalledWith({ id: 2 });
    expect(await screen.findByText('Recorded: the DSL has been told about Ana Lopez.')).toBeTruthy();
    expect(kiosk.listBreaches).toHaveBeenCalledTimes(2);
  });

  it('reports a breach: who, a visit chosen from those on site, when, what happened, DSL told', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listBreaches: () => ok([]),
      listOnSite: () => ok(ON_SITE),
      reportBreach: (input) => ok(breach({ id: 5, person: input!.person, kind: input!.kind })),
    });
    renderStaff('/staff/visitors/breaches', { kiosk, role: 'office', staffId: 2 });
    expect(await screen.findByText('No breaches have been reported.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Report a breach' }));
    const form = screen.getByRole('form', { name: 'Report a breach' });
    expect(screen.getByRole('note').textContent).toMatch(/Never write the names of children/);
    await waitFor(() => expect(within(form).getByRole('option', { name: /Ana Lopez/ })).toBeTruthy());
    await user.selectOptions(within(form).getByLabelText('Their visit (optional)'), 'Ana Lopez (Parent/carer, in at 07:55)');
    expect((within(form).getByLabelText('Who') as HTMLInputElement).value).toBe('Ana Lopez');
    const when = within(form).getByLabelText('When') as HTMLInputElement;
    await user.clear(when);
    await user.type(when, '2026-11-27T09:15');
    await user.click(within(form).getByLabelText('Other'));
    await user.click(within(form).getByRole('button', { name: 'Report the breach' }));
    expect(kiosk.reportBreach).not.toHaveBeenCalled();
    const what = within(form).getByLabelText('What happened, in a few words');
    expect(what.getAttribute('aria-invalid')).toBe('true');
    await user.type(what, 'Took a call in the library');
    await user.click(within(form).getByRole('button', { name: 'Report the breach' }));
    expect(kiosk.reportBreach).toHaveBeenCalledWith({ visitId: 2, person: 'Ana Lopez', occurredAt: '2026-11-27T09:15', kind: 'other', what: 'Took a call in the library', dslTold: false });
    expect(await screen.findByText(/Tell the DSL today/)).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Report a breach' })).toBeNull();
  });

  it('shows a refused report next to the field it names', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      listBreaches: () => ok([]),
      listOnSite: () => ok(ON_SITE),
      reportBreach: () => fail({ code: 'RULE', message: 'When it happened cannot be in the future.', field: 'occurredAt' }),
    });
    renderStaff('/staff/visitors/breaches', { kiosk, role: 'office', staffId: 2 });
    await user.click(await screen.findByRole('button', { name: 'Report a breach' }));
    const form = screen.getByRole('form', { name: 'Report a breach' });
    await user.type(within(form).getByLabelText('Who'), 'Jo Bloggs');
    await user.click(within(form).getByLabelText('Shared images without permission'));
    await user.click(within(form).getByRole('button', { name: 'Report the breach' }));
    const when = within(form).getByLabelText('When');
    expect(await within(when.closest('.field')!).findByText('When it happened cannot be in the future.')).toBeTruthy();
    expect(when.getAttribute('aria-invalid')).toBe('true');
    expect(kiosk.reportBreach).toHaveBeenCalledWith({ person: 'Jo Bloggs', occurredAt: '2026-11-27T10:00', kind: 'sharing-images', dslTold: false });
  });
});
