/**
 * Settings, Confiscations (policy 6.3.7): the places a confiscated device may be held (the first is
 * where a new record goes unless someone chooses another; at least one), and after how many days a
 * device still held is flagged on the register and on Today. Each section saves only what changed.
 */
import { useState, type FormEvent } from 'react';
import { Button, Loading, Notice, TextField } from '../../components/ui';
import { errorFor, OtherFieldError, Section } from './parts';
import { SaveRow } from './SaveRow';
import { useSettingsForm, type SettingsForm } from './useSettings';
import './settings.css';
import '../confiscations/confiscations.css';

/** The index a message is about ('confiscationLocations.1' → 1), or null for the list as a whole. */
function errorIndex(form: SettingsForm, field: string): number | null {
  const key = Object.keys(form.fieldErrors).find((k) => k.startsWith(`${field}.`));
  return key ? Number(key.slice(field.length + 1)) : null;
}

function Locations() {
  const form = useSettingsForm();
  const [list, setList] = useState<string[] | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the confiscation settings" />;
  const value = list ?? form.settings.confiscationLocations;
  const listError = errorFor(form, 'confiscationLocations');
  const badIndex = errorIndex(form, 'confiscationLocations');

  function edit(next: string[]) {
    setList(next);
    setLocalError(null);
    form.clearOutcome();
  }

  function add() {
    edit([...value, '']);
    requestAnimationFrame(() => document.getElementById(`conf-location-${value.length}`)?.focus());
  }

  function remove(i: number) {
    if (value.length <= 1) return;
    edit(value.filter((_, j) => j !== i));
    requestAnimationFrame(() => document.getElementById(`conf-location-${Math.max(0, i - 1)}`)?.focus());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const cleaned = value.map((s) => s.trim());
    if (cleaned.some((s) => s === '')) {
      form.clearOutcome();
      return setLocalError('Type a name for each place, or remove the empty one.');
    }
    setLocalError(null);
    const outcome = await form.save({ confiscationLocations: cleaned }, { confiscationLocations: 'the places devices are held' });
    if (outcome.kind === 'saved') setList(null);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p>
        Where a confiscated device may be kept. The first is where a new record says it is held unless someone chooses another. A device moved while held
        keeps its history.
      </p>
      {(localError || (listError && badIndex === null)) && (
        <p className="field-error" role="alert" id="conf-locations-error">
          {localError ?? listError}
        </p>
      )}
      <ul className="conf-locations" aria-label="Places devices are held">
        {value.map((place, i) => (
          <li key={i} className="conf-location">
            <TextField
              id={`conf-location-${i}`}
              label={`Place ${i + 1}`}
              autoComplete="off"
              maxLength={80}
              value={place}
              onValue={(v) => edit(value.map((p, j) => (j === i ? v : p)))}
              error={badIndex === i ? listError : undefined}
            />
            {i === 0 && <span className="conf-default-tag">The default</span>}
            <Button kind="secondary" onClick={() => remove(i)} disabled={value.length <= 1} aria-label={`Remove ${place.trim() || `place ${i + 1}`}`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {value.length <= 1 && <p className="hint">There must be at least one place: rename it rather than removing it.</p>}
      <div className="con-actions">
        <Button kind="secondary" onClick={add} disabled={value.length >= 20}>
          Add a place
        </Button>
      </div>
      <OtherFieldError form={form} fields={['confiscationLocations']} />
      <SaveRow form={form} />
    </form>
  );
}

function WarnDays() {
  const form = useSettingsForm();
  const [days, setDays] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the confiscation settings" />;
  const value = days ?? String(form.settings.confiscationWarnDays);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const text = value.trim();
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 60) {
      form.clearOutcome();
      return setLocalError('Type a whole number of days, from 1 to 60.');
    }
    setLocalError(null);
    const outcome = await form.save({ confiscationWarnDays: Number(text) }, { confiscationWarnDays: 'the days before a warning' });
    if (outcome.kind === 'saved') setDays(null);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        id="conf-warn-days"
        label="Warn when a device has been held more than this many days"
        hint="From 1 to 60. The register and Today flag a device still held after this many days, so it is not forgotten."
        inputMode="numeric"
        autoComplete="off"
        maxLength={2}
        className="field-short"
        value={value}
        onValue={(v) => {
          setDays(v);
          setLocalError(null);
          form.clearOutcome();
        }}
        error={localError ?? errorFor(form, 'confiscationWarnDays')}
      />
      <OtherFieldError form={form} fields={['confiscationWarnDays']} />
      <SaveRow form={form} />
    </form>
  );
}

export function ConfiscationSettings() {
  return (
    <div className="settings-page">
      <h1>Confiscations</h1>
      <p className="settings-intro">
        Where confiscated devices are kept, and when the office is warned about one held for a long time (policy 6.3.7). Each device’s record is under
        Confiscations.
      </p>
      <Section id="confiscations-places" title="Where devices are held">
        <Locations />
      </Section>
      <Section id="confiscations-warn" title="Devices held a long time">
        <WarnDays />
      </Section>
    </div>
  );
}
