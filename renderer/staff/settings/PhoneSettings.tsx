/**
 * Settings, Phones (policy 6.3.2): which year groups may be given permission to bring a phone,
 * how the office's numbered slots are used and how many there are, who items taken in without
 * permission go back to, and from what time "Left without phone" lists who went home without theirs.
 * Each section saves only what changed, like the other settings pages.
 */
import { useId, useState, type FormEvent } from 'react';
import { Checkbox, ChoiceGroup, Loading, Notice, TextField } from '../../components/ui';
import { errorFor, OtherFieldError, Radio, Section } from './parts';
import { SaveRow } from './SaveRow';
import { listInWords, useSettingsForm } from './useSettings';
import './settings.css';
import './phone-settings.css';

const YEARS = [0, 1, 2, 3, 4, 5, 6] as const;

function yearLabel(y: number): string {
  return y === 0 ? 'Reception' : `Year ${y}`;
}

/** [5, 6] → 'Years 5 and 6'; [0, 6] → 'Reception and Year 6'; [] → 'no year group'. */
export function yearGroupsWords(groups: readonly number[]): string {
  const sorted = [...new Set(groups)].sort((a, b) => a - b);
  const years = sorted.filter((y) => y > 0).map(String);
  const parts: string[] = [];
  if (sorted.includes(0)) parts.push('Reception');
  if (years.length === 1) parts.push(`Year ${years[0]}`);
  if (years.length > 1) parts.push(`Years ${listInWords(years)}`);
  return parts.length ? parts.join(' and ') : 'no year group';
}

/** '9.05' or '9:05' → '09:05'; anything else as typed (the server says what is wrong with it). */
export function normaliseTime(value: string): string {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : value.trim();
}

function YearGroups() {
  const form = useSettingsForm();
  const [groups, setGroups] = useState<number[] | null>(null);
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the phone settings" />;
  const value = groups ?? form.settings.phoneYearGroups;

  function toggle(year: number, on: boolean) {
    setGroups([...value.filter((y) => y !== year), ...(on ? [year] : [])].sort((a, b) => a - b));
    form.clearOutcome();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await form.save({ phoneYearGroups: value }, { phoneYearGroups: 'the year groups' });
    if (outcome.kind === 'saved') setGroups(null);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ChoiceGroup
        legend="Year groups whose pupils may be given permission"
        hint="The policy allows Years 5 and 6, for pupils who walk to and from school alone, for example. Pupils who already have permission keep it if their year is unticked."
        error={errorFor(form, 'phoneYearGroups')}
        className="field role-choice phone-choice phone-years"
      >
        <div className="phone-year-grid">
          {YEARS.map((y) => (
            <Checkbox key={y} label={yearLabel(y)} checked={value.includes(y)} onChecked={(on) => toggle(y, on)} />
          ))}
        </div>
      </ChoiceGroup>
      <p className="phone-now" aria-live="polite">
        {value.length === 0 ? 'With no year ticked, no pupil can be given permission to bring a phone.' : `Permission can be given to pupils in ${yearGroupsWords(value)}.`}
      </p>
      <OtherFieldError form={form} fields={['phoneYearGroups']} />
      <SaveRow form={form} />
    </form>
  );
}

function Slots() {
  const form = useSettingsForm();
  const [mode, setMode] = useState<'fixed' | 'next-free' | null>(null);
  const [count, setCount] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const name = useId();
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the phone settings" />;
  const modeValue = mode ?? form.settings.phoneSlotMode;
  const countValue = count ?? String(form.settings.phoneSlotCount);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const text = countValue.trim();
    if (!/^\d+$/.test(text)) {
      form.clearOutcome();
      return setLocalError('Type a whole number of slots, from 1 to 500.');
    }
    setLocalError(null);
    const outcome = await form.save({ phoneSlotMode: modeValue, phoneSlotCount: Number(text) }, { phoneSlotMode: 'how slots are used', phoneSlotCount: 'the number of slots' });
    if (outcome.kind === 'saved') {
      setMode(null);
      setCount(null);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ChoiceGroup legend="How slots are used" error={errorFor(form, 'phoneSlotMode')} className="field role-choice phone-choice">
        <Radio
          name={name}
          value="fixed"
          current={modeValue}
          label="Each pupil has their own numbered slot"
          hint="The same phone goes in the same place every day. A pupil’s slot is kept for them until their permission is withdrawn."
          onChoose={(v) => {
            setMode(v);
            form.clearOutcome();
          }}
        />
        <Radio
          name={name}
          value="next-free"
          current={modeValue}
          label="Next free slot (numbered pouches)"
          hint="Each phone goes in the lowest-numbered slot free that day."
          onChoose={(v) => {
            setMode(v);
            form.clearOutcome();
          }}
        />
      </ChoiceGroup>
      <TextField
        label="Number of slots"
        hint="How many numbered slots or pouches the office has, from 1 to 500."
        inputMode="numeric"
        className="field-short"
        value={countValue}
        onValue={(v) => {
          setCount(v);
          setLocalError(null);
          form.clearOutcome();
        }}
        error={localError ?? errorFor(form, 'phoneSlotCount')}
        autoComplete="off"
        maxLength={4}
      />
      <OtherFieldError form={form} fields={['phoneSlotMode', 'phoneSlotCount']} />
      <SaveRow form={form} />
    </form>
  );
}

function HomeTime() {
  const form = useSettingsForm();
  const [returnTo, setReturnTo] = useState<'pupil' | 'parent-only' | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const name = useId();
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the phone settings" />;
  const returnValue = returnTo ?? form.settings.heldItemsReturnTo;
  const fromValue = from ?? form.settings.leftWithoutPhoneFrom;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await form.save(
      { heldItemsReturnTo: returnValue, leftWithoutPhoneFrom: normaliseTime(fromValue) },
      { heldItemsReturnTo: 'who items taken in go back to', leftWithoutPhoneFrom: 'the “Left without phone” time' },
    );
    if (outcome.kind === 'saved') {
      setReturnTo(null);
      setFrom(null);
    }
  }

  const choose = (v: 'pupil' | 'parent-only') => {
    setReturnTo(v);
    form.clearOutcome();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ChoiceGroup
        legend="Items taken in without permission go back to"
        hint="For a phone or smartwatch a pupil brought without permission. It is held in the office; this is not a confiscation."
        error={errorFor(form, 'heldItemsReturnTo')}
        className="field role-choice phone-choice"
      >
        <Radio name={name} value="pupil" current={returnValue} label="The pupil, at home time" onChoose={choose} />
        <Radio name={name} value="parent-only" current={returnValue} label="Only a parent/carer allowed to collect" hint="The office hands it only to a contact allowed to collect the pupil." onChoose={choose} />
      </ChoiceGroup>
      <TextField
        label="List “Left without phone” from"
        hint="From this time on a school day, the home-time screen lists the pupils whose items are still in the office, with their contacts’ phone numbers. A time on the 24-hour clock, like 15:30."
        inputMode="numeric"
        autoComplete="off"
        maxLength={5}
        className="field-short"
        value={fromValue}
        onValue={(v) => {
          setFrom(v);
          form.clearOutcome();
        }}
        error={errorFor(form, 'leftWithoutPhoneFrom')}
      />
      <OtherFieldError form={form} fields={['heldItemsReturnTo', 'leftWithoutPhoneFrom']} />
      <SaveRow form={form} />
    </form>
  );
}

export function PhoneSettings() {
  return (
    <div className="settings-page">
      <h1>Phones</h1>
      <p className="settings-intro">
        Which pupils may bring a phone, the office’s numbered slots, and what happens at home time (policy 6.3.2). Permission for each pupil is given on their
        page under Pupils.
      </p>
      <Section id="phones-years" title="Who may bring a phone">
        <YearGroups />
      </Section>
      <Section id="phones-slots" title="Slots in the office">
        <Slots />
      </Section>
      <Section id="phones-home-time" title="Home time">
        <HomeTime />
      </Section>
    </div>
  );
}
