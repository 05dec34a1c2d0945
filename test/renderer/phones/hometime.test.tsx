/**
 * Home time (issue 6): the scan field, the list of items still held by class with its hand-back
 * actions, the filter, "Left without phone" and the empty state, against a fake window.kiosk.
 */
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckOutDone, HeldItem, HeldPupil, HomeTime, LeftWithoutPhone } from '../../../electron/api/contract';
import { fetchWords, handedBackWords, REFRESH_MS, scannedToken } from '../../../renderer/staff/phones/HomeTime';
import { fail, ok } from '../fake-kiosk';
import { fakeKiosk, renderStaff } from '../staff/harness';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const DAY = '2026-11-27';
const TOKEN = 'KPABCDEFGHIJKLMNOP';

function item(over: Partial<HeldItem> & { itemId: number; pupilId: number; forename: string; surname: string }): HeldItem {
  return {
    yearGroup: 5,
    regGroup: '5W',
    day: DAY,
    slot: null,
    kind: 'phone',
    description: '',
    permitted: true,
    parentOnly: false,
    checkedInAt: `${DAY}T07:41:00.000Z`,
    ...over,
  };
}

function pupil(p: { pupilId: number; forename: string; surname: string; yearGroup: number; regGroup: string }, items: Partial<HeldItem>[], collectors: HeldPupil['collectors']): HeldPupil {
  const full = items.map((i, n) => item({ itemId: p.pupilId * 10 + n, pupilId: p.pupilId, forename: p.forename, surname: p.surname, yearGroup: p.yearGroup, regGroup: p.regGroup, ...i }));
  return { ...p, items: full, parentOnly: full.some((i) => i.parentOnly), collectors };
}

const AMARA = pupil({ pupilId: 51, forename: 'Amara', surname: 'Ashdown', yearGroup: 5, regGroup: '5W' }, [{ slot: 12 }], [
  { id: 501, name: 'Jo Ashdown', relationship: 'Mother', phone: '07700 900150' },
]);
const BEN = pupil({ pupilId: 52, forename: 'Ben', surname: 'Birchall', yearGroup: 5, regGroup: '5W' }, [{ slot: 13, day: '2026-11-26' }], [
  { id: 502, name: 'Sam Birchall', relationship: 'Father', phone: '07700 900151' },
]);
const CHLOE = pupil({ pupilId: 61, forename: 'Chloë', surname: 'Coombe', yearGroup: 6, regGroup: '6W' }, [{ slot: 20 }, { slot: 20, kind: 'smartwatch' }], [
  { id: 601, name: 'Jo Coombe', relationship: 'Mother', phone: '07700 900160' },
]);
const DEV = pupil(
  { pupilId: 33, forename: 'Dev', surname: 'Dunmore', yearGroup: 3, regGroup: '3W' },
  [{ kind: 'smartwatch', description: 'Black strap', permitted: false, parentOnly: true }],
  [
    { id: 331, name: 'Sam Dunmore', relationship: 'Father', phone: '07700 900133' },
    { id: 332, name: 'Pat Dunmore', relationship: 'Grandparent', phone: '01632 960133' },
  ],
);

function homeTime(over: Partial<HomeTime> = {}): HomeTime {
  return { day: DAY, pupils: [DEV, AMARA, BEN, CHLOE], leftWithoutPhoneFrom: '15:30', leftWithoutPhone: null, ...over };
}

function done(p: HeldPupil, over: Partial<CheckOutDone> = {}): CheckOutDone {
  const slots = [...new Set(p.items.map((i) => i.slot).filter((s): s is number => s !== null))];
  return { pupilId: p.pupilId, forename: p.forename, surname: p.surname, regGroup: p.regGroup, items: p.items, slots, collectedBy: 'Pupil', time: '15:12', ...over };
}

async function open(kiosk = fakeKiosk({ getHomeTime: () => ok(homeTime()) })) {
  const view = renderStaff('/staff/phones/home-time', { role: 'office', staffId: 2, kiosk });
  await screen.findByRole('heading', { name: 'Still held', level: 3 });
  return view;
}

function row(name: string): HTMLElement {
  return screen.getByRole('listitem', { name });
}

describe('words', () => {
  it('reads a scanned card whatever the case, spaces or dashes, and nothing else', () => {
    expect(scannedToken('kpab-cdef ghij-klmnop')).toBe(TOKEN);
    expect(scannedToken('Amara')).toBeNull();
    expect(scannedToken('KPABCDEFGHIJKLMNO1')).toBeNull(); // 1 is not base32
  });

  it('says where to fetch from', () => {
    const phone = item({ itemId: 1, pupilId: 1, forename: 'A', surname: 'B', slot: 3 });
    const watch = item({ itemId: 2, pupilId: 1, forename: 'A', surname: 'B', slot: null, permitted: false });
    expect(fetchWords([12], [phone])).toBe('Fetch from slot 12');
    expect(fetchWords([3, 4], [phone, phone])).toBe('Fetch from slots 3 and 4');
    expect(fetchWords([], [watch])).toBe('Held without permission: in the office drawer');
    expect(fetchWords([3], [phone, watch])).toBe('Fetch from slot 3 and the office drawer');
  });

  it('says who a hand-back went to and which slot is free', () => {
    expect(handedBackWords(done(AMARA, { collectedBy: 'Jo Ashdown' }))).toBe('Handed back to Jo Ashdown at 15:12: Amara Ashdown’s phone. Slot 12 is free.');
    expect(handedBackWords(done(CHLOE))).toBe('Handed back to Chloë Coombe at 15:12: their phone and smartwatch. Slot 20 is free.');
    expect(handedBackWords(done(DEV, { collectedBy: 'Pat Dunmore' }))).toBe('Handed back to Pat Dunmore at 15:12: Dev Dunmore’s smartwatch.');
  });
});

describe('Home time', () => {
  it('lists the items held by year and class, one row per pupil, with the totals', async () => {
    await open();
    expect(screen.getByRole('heading', { name: 'Home time', level: 2 })).toBeTruthy();
    expect(screen.getByText('Friday 27 November 2026')).toBeTruthy();
    const classes = screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent);
    expect(classes).toEqual(['Year 3 — 3W 1 pupil, 1 item', 'Year 5 — 5W 2 pupils, 2 items', 'Year 6 — 6W 1 pupil, 2 items']);
    const y5 = screen.getByRole('region', { name: /^Year 5 — 5W/ });
    expect(within(y5).getAllByRole('heading', { level: 5 }).map((h) => h.textContent)).toEqual(['Amara Ashdown', 'Ben Birchall']);
    const y6 = screen.getByRole('region', { name: /^Year 6 — 6W/ });
    expect(within(y6).getAllByRole('heading', { level: 5 }).map((h) => h.textContent)).toEqual(['Chloë Coombe']);
    expect(within(row('Chloë Coombe')).getByText('Smartwatch')).toBeTruthy();
    expect(within(row('Amara Ashdown')).getByText('Slot 12')).toBeTruthy();
    const dev = row('Dev Dunmore');
    expect(within(dev).getByText('Held without permission')).toBeTruthy();
    expect(within(dev).getByText('Parent/carer only')).toBeTruthy();
    expect(screen.getByTestId('held-total').textContent).toBe('5 items held for 4 pupils');
    const counts = within(screen.getByRole('list', { name: 'Items held by class' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(counts).toEqual(['3W 1 item', '5W 2 items', '6W 2 items']);
  });

  it('puts the scan field first and focuses it', async () => {
    await open();
    const field = screen.getByLabelText('Scan a card to hand back');
    expect(field.id).toBe('scan-out');
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('flags an item not collected on its day with the day it came in', async () => {
    await open();
    const flag = within(row('Ben Birchall')).getByText(/from Thursday 26 November/);
    expect(flag.textContent).toBe('Not collected — from Thursday 26 November');
    expect(within(row('Amara Ashdown')).queryByText(/Not collected/)).toBeNull();
  });

  it('“Hand to pupil” hands everything back to the pupil, then the row goes and a line says so', async () => {
    const user = userEvent.setup();
    let held = homeTime();
    const kiosk = fakeKiosk({
      getHomeTime: () => ok(held),
      phoneCheckOut: () => {
        held = homeTime({ pupils: [DEV, BEN, CHLOE] });
        return ok(done(AMARA));
      },
    });
    await open(kiosk);
    await user.click(within(row('Amara Ashdown')).getByRole('button', { name: /^Hand to pupil/ }));
    expect(kiosk.phoneCheckOut).toHaveBeenCalledWith({ pupilId: 51, collectedBy: 'pupil' });
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Amara Ashdown' })).toBeNull());
    expect(kiosk.getHomeTime).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('handback-line').textContent).toBe('Handed back to Amara Ashdown at 15:12: their phone. Slot 12 is free.');
    expect(screen.getByTestId('handback-line').getAttribute('aria-live')).toBe('polite');
    expect(document.activeElement).toBe(screen.getByLabelText('Scan a card to hand back'));
    expect(screen.getByTestId('held-total').textContent).toBe('4 items held for 3 pupils');
  });

  it('a parent/carer-only item: no “Hand to pupil”, says why, and offers exactly the collectors', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      getHomeTime: () => ok(homeTime()),
      phoneCheckOut: () => ok(done(DEV, { collectedBy: 'Pat Dunmore' })),
    });
    await open(kiosk);
    const dev = row('Dev Dunmore');
    expect(within(dev).queryByRole('button', { name: /Hand to pupil/ })).toBeNull();
    expect(dev.textContent).toContain('Not handed to the pupil: the smartwatch is for a parent/carer to collect.');
    const group = within(dev).getByRole('group', { name: /^Collected by/ });
    expect(within(group).getAllByRole('radio').map((r) => r.closest('div')?.textContent)).toEqual(['Sam Dunmore, Father', 'Pat Dunmore, Grandparent']);
    // the others can be handed to the pupil
    expect(within(row('Amara Ashdown')).getByRole('button', { name: /^Hand to pupil/ })).toBeTruthy();

    // nothing chosen: asked to choose, nothing sent
    await user.click(within(dev).getByRole('button', { name: /^Hand back/ }));
    expect(kiosk.phoneCheckOut).not.toHaveBeenCalled();
    expect(within(dev).getByRole('alert').textContent).toBe('Choose who is collecting Dev’s items.');

    await user.click(within(dev).getByRole('radio', { name: 'Pat Dunmore, Grandparent' }));
    expect(within(dev).queryByRole('alert')).toBeNull();
    await user.click(within(dev).getByRole('button', { name: /^Hand back/ }));
    expect(kiosk.phoneCheckOut).toHaveBeenCalledWith({ pupilId: 33, collectedBy: 'contact', contactId: 332 });
    expect(await screen.findByText('Handed back to Pat Dunmore at 15:12: Dev Dunmore’s smartwatch.')).toBeTruthy();
  });

  it('shows a refusal from the list next to the collector choice, and keeps the row', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({
      getHomeTime: () => ok(homeTime()),
      phoneCheckOut: () => fail({ code: 'RULE', message: 'Sam Dunmore is not allowed to collect Dev Dunmore. Hand it only to a contact allowed to collect.', field: 'contactId' }),
    });
    await open(kiosk);
    const dev = row('Dev Dunmore');
    await user.click(within(dev).getByRole('radio', { name: 'Sam Dunmore, Father' }));
    await user.click(within(dev).getByRole('button', { name: /^Hand back/ }));
    const message = await within(dev).findByRole('alert');
    expect(message.textContent).toBe('Sam Dunmore is not allowed to collect Dev Dunmore. Hand it only to a contact allowed to collect.');
    expect(within(dev).getByRole('group', { name: /^Collected by/ }).contains(message)).toBe(true);
    expect(screen.getByTestId('handback-line').textContent).toBe('');
  });

  it('a scan clears the field at once, hands back to the pupil and says which slot to fetch from', async () => {
    const user = userEvent.setup();
    let answer: (v: Awaited<ReturnType<typeof ok<CheckOutDone>>>) => void = () => undefined;
    const kiosk = fakeKiosk({
      getHomeTime: () => ok(homeTime()),
      phoneCheckOut: () => new Promise((resolve) => (answer = resolve)),
    });
    await open(kiosk);
    const field = screen.getByLabelText<HTMLInputElement>('Scan a card to hand back');
    await user.type(field, 'kpab-cdef ghij-klmnop{Enter}');
    expect(field.value).toBe('');
    expect(kiosk.phoneCheckOut).toHaveBeenCalledWith({ token: TOKEN });
    await act(async () => answer(await ok(done(AMARA))));
    const confirmation = await screen.findByTestId('checkout-confirmation');
    expect(confirmation.getAttribute('role')).toBe('status');
    expect(within(confirmation).getByText('Fetch from slot 12')).toBeTruthy();
    expect(within(confirmation).getByText('Amara Ashdown')).toBeTruthy();
    expect(within(confirmation).getByText('Phone')).toBeTruthy();
    await waitFor(() => expect(kiosk.getHomeTime).toHaveBeenCalledTimes(2));
    expect(document.activeElement).toBe(field);
  });

  it('a scan of a pupil with two slots, or with only an item held without permission', async () => {
    const user = userEvent.setup();
    const twoSlots = done(CHLOE, { slots: [3, 4] });
    const kiosk = fakeKiosk({ getHomeTime: () => ok(homeTime()), phoneCheckOut: vi.fn().mockReturnValueOnce(ok(twoSlots)).mockReturnValueOnce(ok(done(DEV))) });
    await open(kiosk);
    const field = screen.getByLabelText('Scan a card to hand back');
    await user.type(field, `${TOKEN}{Enter}`);
    expect(within(await screen.findByTestId('checkout-confirmation')).getByText('Fetch from slots 3 and 4')).toBeTruthy();
    await user.type(field, `${TOKEN}{Enter}`);
    expect(await within(screen.getByTestId('checkout-confirmation')).findByText('Held without permission: in the office drawer')).toBeTruthy();
  });

  it('a refused scan shows the API’s message as an alert and no confirmation', async () => {
    const user = userEvent.setup();
    const message = 'Dev Dunmore’s item is for a parent/carer to collect. Hand it only to a contact allowed to collect.';
    const kiosk = fakeKiosk({ getHomeTime: () => ok(homeTime()), phoneCheckOut: () => fail({ code: 'RULE', message, field: 'collectedBy' }) });
    await open(kiosk);
    const field = screen.getByLabelText<HTMLInputElement>('Scan a card to hand back');
    await user.type(field, `${TOKEN}{Enter}`);
    const refusal = await screen.findByTestId('checkout-refusal');
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(refusal.textContent).toContain(message);
    expect(refusal.textContent).toContain('Nothing was recorded.');
    expect(screen.queryByTestId('checkout-confirmation')).toBeNull();
    expect(field.value).toBe('');
    expect(document.activeElement).toBe(field);
    expect(kiosk.getHomeTime).toHaveBeenCalledTimes(1);
  });

  it('something typed that is not a card is not sent', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ getHomeTime: () => ok(homeTime()) });
    await open(kiosk);
    await user.type(screen.getByLabelText('Scan a card to hand back'), 'Amara{Enter}');
    expect(kiosk.phoneCheckOut).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('“Amara” is not a pupil card.');
  });

  it('“Find a pupil” narrows the list by part of a name (accents ignored), for a pupil leaving early', async () => {
    const user = userEvent.setup();
    const kiosk = fakeKiosk({ getHomeTime: () => ok(homeTime()), phoneCheckOut: () => ok(done(CHLOE)) });
    await open(kiosk);
    await user.type(screen.getByLabelText('Find a pupil'), 'chloe');
    expect(screen.getAllByRole('heading', { level: 5 }).map((h) => h.textContent)).toEqual(['Chloë Coombe']);
    expect(screen.getByText('Showing 1 pupil of 4.')).toBeTruthy();
    await user.click(within(row('Chloë Coombe')).getByRole('button', { name: /^Hand to pupil/ }));
    expect(kiosk.phoneCheckOut).toHaveBeenCalledWith({ pupilId: 61, collectedBy: 'pupil' });
    await user.clear(screen.getByLabelText('Find a pupil'));
    await user.type(screen.getByLabelText('Find a pupil'), 'zz');
    expect(screen.queryAllByRole('heading', { level: 5 })).toHaveLength(0);
    expect(screen.getByText('No pupil with items held matches “zz”.')).toBeTruthy();
  });

  it('before the time in Settings: a quiet line says when “Left without phone” starts', async () => {
    await open(fakeKiosk({ getHomeTime: () => ok(homeTime({ leftWithoutPhoneFrom: '15:45', leftWithoutPhone: null })) }));
    expect(screen.getByText('From 15:45, pupils who have left without their phone are listed here.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Left without phone/ })).toBeNull();
  });

  it('from that time: “Left without phone” lists the pupils, their items and who to ring', async () => {
    const left: LeftWithoutPhone[] = [
      { pupilId: 51, forename: 'Amara', surname: 'Ashdown', regGroup: '5W', items: AMARA.items, contacts: [{ id: 501, name: 'Jo Ashdown', relationship: 'Mother', phone: '07700 900150' }] },
      {
        pupilId: 33,
        forename: 'Dev',
        surname: 'Dunmore',
        regGroup: '3W',
        items: DEV.items,
        contacts: [
          { id: 331, name: 'Sam Dunmore', relationship: 'Father', phone: '07700 900133' },
          { id: 332, name: 'Pat Dunmore', relationship: 'Grandparent', phone: '+44 1632 960133' },
        ],
      },
    ];
    await open(fakeKiosk({ getHomeTime: () => ok(homeTime({ leftWithoutPhone: left })) }));
    const section = screen.getByRole('region', { name: /^Left without phone/ });
    expect(within(section).getByText(/It is after 15:30/)).toBeTruthy();
    const dev = within(section).getByRole('row', { name: /Dev Dunmore/ });
    expect(within(dev).getByText('Smartwatch')).toBeTruthy();
    expect(dev.textContent).toContain('Sam Dunmore, Father');
    expect(within(dev).getByRole('link', { name: '+44 1632 960133' }).getAttribute('href')).toBe('tel:+441632960133');
    expect(within(dev).getByRole('link', { name: '07700 900133' }).getAttribute('href')).toBe('tel:07700900133');
    const amara = within(section).getByRole('row', { name: /Amara Ashdown/ });
    expect(amara.textContent).toContain('Jo Ashdown, Mother');
    expect(within(amara).getByRole('link', { name: '07700 900150' }).getAttribute('href')).toBe('tel:07700900150');
    expect(screen.queryByText(/pupils who have left without their phone are listed here/)).toBeNull();
  });

  it('from that time with nothing left, says so plainly', async () => {
    await open(fakeKiosk({ getHomeTime: () => ok(homeTime({ leftWithoutPhone: [] })) }));
    const section = screen.getByRole('region', { name: /^Left without phone/ });
    expect(section.textContent).toContain('Left without phone: no one');
    expect(section.textContent).toContain('Nothing is left in the office.');
  });

  it('when nothing is held: “Everything has been handed back.” with the day', async () => {
    renderStaff('/staff/phones/home-time', { kiosk: fakeKiosk({ getHomeTime: () => ok(homeTime({ pupils: [], leftWithoutPhone: [] })) }) });
    const empty = await screen.findByTestId('home-time-empty');
    expect(empty.textContent).toBe('Everything has been handed back.Nothing is held in the office on Friday 27 November 2026.');
    expect(screen.queryByLabelText('Find a pupil')).toBeNull();
    expect(screen.getByLabelText('Scan a card to hand back')).toBeTruthy();
  });

  it('says so when the list cannot be loaded, and tries again', async () => {
    const user = userEvent.setup();
    const getHomeTime = vi.fn().mockReturnValueOnce(fail({ code: 'INTERNAL', message: 'The records could not be read.' })).mockReturnValue(ok(homeTime()));
    renderStaff('/staff/phones/home-time', { kiosk: fakeKiosk({ getHomeTime }) });
    expect((await screen.findByRole('alert')).textContent).toContain('The records could not be read.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Still held' })).toBeTruthy();
  });

  it('refreshes the list every minute while open, keeping what was typed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let held = homeTime();
    const kiosk = fakeKiosk({ getHomeTime: () => ok(held) });
    const user = userEvent.setup();
    await open(kiosk);
    await user.type(screen.getByLabelText('Find a pupil'), 'a');
    expect(kiosk.getHomeTime).toHaveBeenCalledTimes(1);
    held = homeTime({ pupils: [DEV, BEN, CHLOE] });
    act(() => vi.advanceTimersByTime(REFRESH_MS - 1));
    expect(kiosk.getHomeTime).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(1));
    expect(kiosk.getHomeTime).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Amara Ashdown' })).toBeNull());
    expect(screen.getByLabelText<HTMLInputElement>('Find a pupil').value).toBe('a');
  });
});
