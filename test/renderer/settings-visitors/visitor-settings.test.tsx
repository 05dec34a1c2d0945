/**
 * Settings › Visitors and the kiosk (issue 8) against a fake window.kiosk: the visitor types (add,
 * rename, switch off, errors at the field), the kiosk texts (every type's texts sent, a new version
 * shown, errors routed to the field the API names), and the closing time, idle time, badge paper
 * and screens saved with updateSettings.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultOf, TextsVersion, VisitorType } from '../../../electron/api/contract';
import { ruleLines, VisitorSettings } from '../../../renderer/staff/settings/VisitorSettings';
import { fail, installKiosk, ok, SETTINGS, type Channels } from '../fake-kiosk';
import { description } from '../staff/harness';

afterEach(cleanup);

type Setup = ResultOf<'getVisitorSetup'>;

function type(key: string, label: string, over: Partial<VisitorType> = {}): VisitorType {
  return { key, label, asksOrganisation: false, asksWork: false, builtin: true, active: true, ...over };
}

const TYPES: VisitorType[] = [
  type('parent', 'Parent/carer'),
  type('visitor', 'Visitor', { asksOrganisation: true }),
  type('contractor', 'Contractor', { asksOrganisation: true, asksWork: true }),
  type('volunteer', 'Volunteer'),
  type('supply', 'Supply or agency staff', { asksOrganisation: true }),
  type('custom1', 'Governor', { builtin: false }),
  type('custom2', 'Photographer', { builtin: false, active: false }),
];

function texts(version: number): TextsVersion {
  return {
    version,
    createdAt: '2026-11-12T10:05:00.000Z',
    createdBy: version === 1 ? 'system' : 'Alex Turner',
    texts: {
      types: Object.fromEntries(TYPES.map((t) => [t.key, { rules: [`${t.label} rule one.`, `${t.label} rule two.`], reminder: `${t.label} reminder.` }])),
      worried: 'Tell a DSL at once.',
      assemblyPoint: 'The playground, by the gate.',
      privacy: 'We keep your visit for a year.',
      policy: 'Policy 6.4 in full.',
    },
  };
}

function setup(version = 3): Setup {
  return {
    types: TYPES,
    current: texts(version),
    versions: Array.from({ length: version }, (_, i) => ({ version: version - i, createdAt: '2026-11-12T10:05:00.000Z', createdBy: version - i === 1 ? 'system' : 'Alex Turner' })),
  };
}

function open(channels: Channels = {}) {
  const kiosk = installKiosk({ getVisitorSetup: () => ok(setup()), ...channels });
  render(<VisitorSettings />);
  return kiosk;
}

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

async function typesSection() {
  await screen.findByRole('button', { name: 'Change Contractor' });
  return section('Visitor types');
}

describe('Settings: Visitors and the kiosk — visitor types', () => {
  it('lists every type, with what the kiosk asks and whether it is offered', async () => {
    open();
    expect(screen.getByRole('heading', { level: 1, name: 'Visitors and the kiosk' })).toBeTruthy();
    const types = await typesSection();
    const rows = within(within(types).getByRole('table')).getAllByRole('row');
    expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
      ['Type', 'The kiosk asks for', 'At the kiosk', 'Actions'],
      ['Parent/carerStandard', 'Name and who they are visiting', 'Offered', 'Change'],
      ['VisitorStandard', 'Name, who they are visiting and organisation', 'Offered', 'Change'],
      ['ContractorStandard', 'Name, who they are visiting, organisation and work and supervisor', 'Offered', 'Change'],
      ['VolunteerStandard', 'Name and who they are visiting', 'Offered', 'Change'],
      ['Supply or agency staffStandard', 'Name, who they are visiting and organisation', 'Offered', 'Change'],
      ['Governor', 'Name and who they are visiting', 'Offered', 'Change'],
      ['Photographer', 'Name and who they are visiting', 'Switched off', 'Change'],
    ]);
  });

  it('renames a type and changes what the kiosk asks, then reads the types again', async () => {
    const user = userEvent.setup();
    const kiosk = open({ saveVisitorType: (input) => ok({ ...TYPES[2]!, ...input!, key: 'contractor', builtin: true }) });
    const types = await typesSection();
    await user.click(within(types).getByRole('button', { name: 'Change Contractor' }));
    const form = within(types).getByRole('form', { name: 'Change Contractor' });
    // a standard type cannot be switched off: there is no switch for it
    expect(within(form).queryByRole('checkbox', { name: 'Offered at the kiosk' })).toBeNull();
    expect(within(form).getByText('One of the five standard types: it is always offered at the kiosk.')).toBeTruthy();
    const name = within(form).getByLabelText('Name of the type');
    await user.clear(name);
    await user.type(name, 'Contractors and trades');
    await user.click(within(form).getByRole('checkbox', { name: 'The work being done and the supervising member of staff' }));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(kiosk.saveVisitorType).toHaveBeenCalledWith({ key: 'contractor', label: 'Contractors and trades', asksOrganisation: true, asksWork: false, active: true });
    expect(await within(types).findByText('Saved “Contractors and trades”.')).toBeTruthy();
    expect(within(types).queryByRole('form')).toBeNull();
    await waitFor(() => expect(kiosk.getVisitorSetup).toHaveBeenCalledTimes(2));
  });

  it('shows the API’s message at the field: a name already in use, a type that cannot be switched off', async () => {
    const user = userEvent.setup();
    const kiosk = open({
      saveVisitorType: (input) =>
        input!.active === false
          ? fail({ code: 'RULE', message: 'Keep at least one visitor type.', field: 'active' })
          : fail({ code: 'CONFLICT', message: 'There is already a visitor type with that name.', field: 'label' }),
    });
    const types = await typesSection();
    await user.click(within(types).getByRole('button', { name: 'Change Governor' }));
    const form = within(types).getByRole('form', { name: 'Change Governor' });
    const offered = within(form).getByRole('checkbox', { name: 'Offered at the kiosk' });
    expect((offered as HTMLInputElement).checked).toBe(true);
    await user.click(offered);
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(kiosk.saveVisitorType).toHaveBeenLastCalledWith({ key: 'custom1', label: 'Governor', asksOrganisation: false, asksWork: false, active: false });
    const group = within(form).getByRole('group', { name: 'At the kiosk' });
    expect((await within(group).findByRole('alert')).textContent).toBe('Keep at least one visitor type.');

    await user.click(offered);
    const name = within(form).getByLabelText('Name of the type');
    await user.clear(name);
    await user.type(name, 'Visitor');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(description(within(form).getByLabelText('Name of the type'))).toContain('There is already a visitor type with that name.'));
    expect(within(group).queryByRole('alert')).toBeNull();
  });

  it('switches a type the school added off', async () => {
    const user = userEvent.setup();
    const kiosk = open({ saveVisitorType: (input) => ok({ ...TYPES[5]!, ...input!, key: 'custom1', builtin: false }) });
    const types = await typesSection();
    await user.click(within(types).getByRole('button', { name: 'Change Governor' }));
    await user.click(within(types).getByRole('checkbox', { name: 'Offered at the kiosk' }));
    await user.click(within(types).getByRole('button', { name: 'Save changes' }));
    expect(kiosk.saveVisitorType).toHaveBeenCalledWith({ key: 'custom1', label: 'Governor', asksOrganisation: false, asksWork: false, active: false });
    expect(await within(types).findByText('Saved “Governor”. It is no longer offered at the kiosk.')).toBeTruthy();
  });

  it('adds a type with its rules (one a line, six at most) and badge reminder', async () => {
    const user = userEvent.setup();
    const kiosk = open({
      saveVisitorType: (input) => (input!.label === 'Visitor' ? fail({ code: 'CONFLICT', message: 'There is already a visitor type with that name.', field: 'label' }) : ok(type('custom3', input!.label, { builtin: false, asksOrganisation: input!.asksOrganisation }))),
    });
    const types = await typesSection();
    await user.click(within(types).getByRole('button', { name: 'Add a visitor type' }));
    const form = within(types).getByRole('form', { name: 'Add a visitor type' });
    await user.click(within(form).getByRole('button', { name: 'Add the type' }));
    expect(kiosk.saveVisitorType).not.toHaveBeenCalled();
    expect(description(within(form).getByLabelText('Name of the type'))).toContain('Type a name for the type, like Governor.');
    expect(description(within(form).getByLabelText('Rules for this type'))).toContain('Write at least one rule, one short line each.');
    expect(description(within(form).getByLabelText('Badge reminder'))).toContain('Write the one-line reminder printed on the badge.');

    await user.type(within(form).getByLabelText('Name of the type'), 'Inspector');
    await user.click(within(form).getByRole('checkbox', { name: 'An organisation (company, agency, council)' }));
    const rules = within(form).getByLabelText('Rules for this type');
    await user.type(rules, '1{enter}2{enter}3{enter}4{enter}5{enter}6{enter}7');
    await user.type(within(form).getByLabelText('Badge reminder'), 'Phones in staff areas only.');
    await user.click(within(form).getByRole('button', { name: 'Add the type' }));
    expect(kiosk.saveVisitorType).not.toHaveBeenCalled();
    expect(description(rules)).toContain('Keep to 6 short lines at most, so people read them (there are 7).');

    await user.clear(rules);
    await user.type(rules, '  Please use your phone only in the staffroom.{enter}{enter}Do not take photos of children.  ');
    await user.click(within(form).getByRole('button', { name: 'Add the type' }));
    expect(kiosk.saveVisitorType).toHaveBeenCalledWith({
      label: 'Inspector',
      asksOrganisation: true,
      asksWork: false,
      active: true,
      rules: ['Please use your phone only in the staffroom.', 'Do not take photos of children.'],
      reminder: 'Phones in staff areas only.',
    });
    expect(await within(types).findByText('Added “Inspector”. It is offered at the kiosk now, and its rules are in a new version of the texts.')).toBeTruthy();
  });

  it('shows the API’s message at the field when adding a type', async () => {
    const user = userEvent.setup();
    open({ saveVisitorType: () => fail({ code: 'INVALID', message: 'Badge reminder must be 70 characters or fewer.', field: 'reminder' }) });
    const types = await typesSection();
    await user.click(within(types).getByRole('button', { name: 'Add a visitor type' }));
    const form = within(types).getByRole('form', { name: 'Add a visitor type' });
    await user.type(within(form).getByLabelText('Name of the type'), 'Inspector');
    await user.type(within(form).getByLabelText('Rules for this type'), 'One rule.');
    await user.type(within(form).getByLabelText('Badge reminder'), 'A reminder.');
    await user.click(within(form).getByRole('button', { name: 'Add the type' }));
    await waitFor(() => expect(description(within(form).getByLabelText('Badge reminder'))).toContain('Badge reminder must be 70 characters or fewer.'));
  });
});

describe('Settings: Visitors and the kiosk — the kiosk texts', () => {
  async function textsSection() {
    await screen.findByLabelText('Rules for Visitor');
    return section('What the kiosk shows before “I agree”');
  }

  it('shows the current version, who saved it, and that each save makes a new version', async () => {
    open();
    const texts = await textsSection();
    expect(within(texts).getByText('Version 3, saved by Alex Turner on Thursday 12 November 2026 at 10:05.')).toBeTruthy();
    expect(within(texts).getByText(/Each save makes a new version\. Each visit keeps the version it was shown/)).toBeTruthy();
    expect((within(texts).getByLabelText('Rules for Contractor') as HTMLTextAreaElement).value).toBe('Contractor rule one.\nContractor rule two.');
    expect((within(texts).getByLabelText('Badge reminder for Contractor') as HTMLInputElement).value).toBe('Contractor reminder.');
    expect(within(texts).getByLabelText('Badge reminder for Contractor').getAttribute('maxlength')).toBe('70');
    expect(within(texts).queryByLabelText('Rules for Photographer')).toBeNull();
    expect(within(texts).getByText('Switched off, with their texts kept: Photographer.')).toBeTruthy();
    for (const label of ['If you are worried about a child', 'Fire assembly point', 'Privacy notice', 'Policy text (shown in full on request)']) {
      expect(within(texts).getByLabelText(label)).toBeTruthy();
    }
    expect(within(texts).getByText('Earlier versions (2)')).toBeTruthy();
    expect(within(texts).getByText('Version 1, saved by Reception Kiosk (the texts it started with) on Thursday 12 November 2026 at 10:05.')).toBeTruthy();
  });

  it('sends every type’s texts and the general texts, and shows the new version', async () => {
    const user = userEvent.setup();
    let version = 3;
    const kiosk = open({
      getVisitorSetup: () => ok(setup(version)),
      saveVisitorTexts: (input) => {
        version = 4;
        return ok({ ...texts(4), texts: input! });
      },
    });
    const texts4 = await textsSection();
    const rules = within(texts4).getByLabelText('Rules for Visitor');
    await user.clear(rules);
    await user.type(rules, 'Phones in the staffroom only.{enter}  {enter}No photos of children.');
    const assembly = within(texts4).getByLabelText('Fire assembly point');
    await user.clear(assembly);
    await user.type(assembly, 'The field behind the hall.');
    await user.click(within(texts4).getByRole('button', { name: 'Save as a new version' }));

    expect(kiosk.saveVisitorTexts).toHaveBeenCalledTimes(1);
    const sent = kiosk.saveVisitorTexts.mock.calls[0]![0]!;
    expect(Object.keys(sent.types).sort()).toEqual(TYPES.map((t) => t.key).sort());
    expect(sent.types.visitor).toEqual({ rules: ['Phones in the staffroom only.', 'No photos of children.'], reminder: 'Visitor reminder.' });
    expect(sent.types.contractor).toEqual(texts(3).texts.types.contractor);
    expect(sent.types.custom2).toEqual(texts(3).texts.types.custom2);
    expect(sent).toMatchObject({ worried: 'Tell a DSL at once.', assemblyPoint: 'The field behind the hall.', privacy: 'We keep your visit for a year.', policy: 'Policy 6.4 in full.' });

    expect(await within(texts4).findByText('Saved as version 4. Everyone who signs in from now on is shown this version.')).toBeTruthy();
    expect(within(texts4).getByText('Version 4, saved by Alex Turner on Thursday 12 November 2026 at 10:05.')).toBeTruthy();
    await waitFor(() => expect(kiosk.getVisitorSetup).toHaveBeenCalledTimes(2));
    expect((within(texts4).getByLabelText('Rules for Visitor') as HTMLTextAreaElement).value).toBe('Phones in the staffroom only.\nNo photos of children.');
  });

  it('says when nothing changed', async () => {
    const user = userEvent.setup();
    open({ saveVisitorTexts: () => ok(texts(3)) });
    const texts3 = await textsSection();
    await user.click(within(texts3).getByRole('button', { name: 'Save as a new version' }));
    expect(await within(texts3).findByText('There were no changes to save: the texts are still version 3.')).toBeTruthy();
  });

  it('shows the API’s message at the field it names', async () => {
    const user = userEvent.setup();
    let answer: { message: string; field: string } = { message: 'Keep to six short lines at most, so people read them.', field: 'types.visitor.rules' };
    open({ saveVisitorTexts: () => fail({ code: 'INVALID', ...answer }) });
    const texts3 = await textsSection();
    await user.click(within(texts3).getByRole('button', { name: 'Save as a new version' }));
    const rules = within(texts3).getByLabelText('Rules for Visitor');
    await waitFor(() => expect(description(rules)).toContain('Keep to six short lines at most, so people read them.'));
    expect(rules.getAttribute('aria-invalid')).toBe('true');
    expect(description(within(texts3).getByLabelText('Rules for Contractor'))).not.toContain('six');

    answer = { message: 'Write at least one rule.', field: 'types.parent.rules.0' };
    await user.click(within(texts3).getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(description(within(texts3).getByLabelText('Rules for Parent/carer'))).toContain('Write at least one rule.'));

    answer = { message: 'If you are worried about a child must be 400 characters or fewer.', field: 'worried' };
    await user.click(within(texts3).getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(description(within(texts3).getByLabelText('If you are worried about a child'))).toContain('must be 400 characters or fewer'));

    answer = { message: 'Write the badge reminder for Volunteer.', field: 'types.volunteer.reminder' };
    await user.click(within(texts3).getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(description(within(texts3).getByLabelText('Badge reminder for Volunteer'))).toContain('Write the badge reminder for Volunteer.'));
  });

  it('checks the rules here first: at most six lines, and none empty', async () => {
    const user = userEvent.setup();
    const kiosk = open();
    const texts3 = await textsSection();
    const rules = within(texts3).getByLabelText('Rules for Volunteer');
    await user.clear(rules);
    await user.type(rules, 'a{enter}b{enter}c{enter}d{enter}e{enter}f{enter}g');
    const parent = within(texts3).getByLabelText('Rules for Parent/carer');
    await user.clear(parent);
    await user.click(within(texts3).getByRole('button', { name: 'Save as a new version' }));
    expect(kiosk.saveVisitorTexts).not.toHaveBeenCalled();
    expect(description(rules)).toContain('Keep to 6 short lines at most, so people read them (there are 7).');
    expect(description(parent)).toContain('Write at least one rule for Parent/carer.');
    await waitFor(() => expect(document.activeElement).toBe(parent));
  });

  it('splits rules into lines, trimmed and without empty ones', () => {
    expect(ruleLines(' one \r\n\n two\n  \n')).toEqual(['one', 'two']);
  });
});

describe('Settings: Visitors and the kiosk — closing time, idle time, badges, screens', () => {
  it('shows the stored values and saves each section with updateSettings', async () => {
    const user = userEvent.setup();
    const kiosk = open({ getSettings: () => ok({ ...SETTINGS, visitorsCloseAt: '19:00', kioskIdleSeconds: 60, badgePaper: 'label62', screens: 'one' }) });
    const close = await screen.findByLabelText('Closing time for visits');
    const closing = section('Closing time and the kiosk');
    expect((close as HTMLInputElement).value).toBe('19:00');
    expect(description(close)).toContain('Visits still open at this time are closed and marked “not signed out” for the office to check');
    const idle = within(closing).getByLabelText('Kiosk idle time (seconds)');
    expect((idle as HTMLInputElement).value).toBe('60');

    await user.clear(close);
    await user.type(close, '18.30');
    await user.clear(idle);
    await user.type(idle, '10');
    await user.click(within(closing).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).not.toHaveBeenCalled();
    expect(description(idle)).toContain('Type a whole number of seconds, from 20 to 300.');
    await user.clear(idle);
    await user.type(idle, '90');
    await user.click(within(closing).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ visitorsCloseAt: '18:30', kioskIdleSeconds: 90 });
    expect(await within(closing).findByText('Saved the closing time for visits and the kiosk’s idle time.')).toBeTruthy();

    const keep = within(closing).getByLabelText('Keep visitor records for (months)');
    expect((keep as HTMLInputElement).value).toBe('24');
    await user.clear(keep);
    await user.type(keep, '3');
    await user.click(within(closing).getByRole('button', { name: 'Save' }));
    expect(description(keep)).toContain('Type a whole number of months, from 6 to 120.');
    expect(kiosk.updateSettings).toHaveBeenCalledTimes(1);
    await user.clear(keep);
    await user.type(keep, '36');
    await user.click(within(closing).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ visitRetentionMonths: 36 });

    const badges = section('Badges');
    expect((within(badges).getByRole('radio', { name: 'A 62 mm label, on the label printer' }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(badges).getByRole('radio', { name: 'A4 paper, on the office printer' }));
    await user.click(within(badges).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ badgePaper: 'a4' });
    expect(await within(badges).findByText('Saved the badge paper.')).toBeTruthy();

    const screens = section('Screens');
    expect((within(screens).getByRole('radio', { name: 'One screen: the kiosk is the resting screen and staff unlock on top of it' }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(screens).getByRole('radio', { name: 'Two screens: a visitor-facing touchscreen shows only the kiosk' }));
    await user.click(within(screens).getByRole('button', { name: 'Save' }));
    expect(kiosk.updateSettings).toHaveBeenLastCalledWith({ screens: 'two' });
    expect(await within(screens).findByText('Saved the screens.')).toBeTruthy();
    expect(kiosk.updateSettings).toHaveBeenCalledTimes(4);
  });

  it('shows the API’s message at the closing time', async () => {
    const user = userEvent.setup();
    open({ updateSettings: () => fail({ code: 'INVALID', message: 'Closing time for visits must be a time like 19:00.', field: 'visitorsCloseAt' }) });
    const close = await screen.findByLabelText('Closing time for visits');
    await user.clear(close);
    await user.type(close, '25:00');
    await user.click(within(section('Closing time and the kiosk')).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(description(close)).toContain('Closing time for visits must be a time like 19:00.'));
  });
});
