/**
 * Record a confiscation: one form on one page. The pupil (found by name), the device, whether it
 * was on, the ground (suspected nude or semi-nude images brings up the UKCIS steps at once), when,
 * who took it (any member of staff by name), a witness, where it is held. Saving opens the record.
 * The release slip for the parent prints only when ticked (never by default), and is not offered
 * at all for a child protection concern or suspected nude images (the db refuses it too).
 * The form says plainly what must never be written down.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { DeviceType, Ground, InputOf, PupilSummary } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { Button, Checkbox, ChoiceGroup, Loading, Notice, PageHeader, SelectField, TextField } from '../../components/ui';
import { printLayout } from '../../print/printer';
import { DEVICE_TYPE_WORDS, fullName, GROUND_WORDS, NEVER_RECORD, POWER_WORDS } from '../../words/confiscations';
import { UkcisGuidance } from './Safeguarding';
import './confiscations.css';

/** Grounds for which no release slip is ever given (db/confiscations.ts slipAllowed says the same). */
const NO_SLIP_GROUNDS: readonly string[] = ['child-protection', 'suspected-nudes'];

const FIELDS = ['pupilId', 'deviceType', 'description', 'condition', 'power', 'ground', 'groundDetail', 'confiscatedAt', 'confiscatedBy', 'witness', 'location'] as const;
type Power = 'on' | 'off' | 'unknown';

export interface RecordDraft {
  pupil: PupilSummary | null;
  deviceType: DeviceType | '';
  description: string;
  condition: string;
  power: Power | '';
  ground: Ground | '';
  groundDetail: string;
  confiscatedAt: string;
  confiscatedBy: string;
  witness: string;
  location: string;
}

/** The recordConfiscation input for a draft: empty optional fields left out, an empty time meaning now. */
export function recordInput(d: RecordDraft): InputOf<'recordConfiscation'> {
  const input: Record<string, unknown> = {
    pupilId: d.pupil?.id,
    deviceType: d.deviceType || undefined,
    description: d.description.trim(),
    power: d.power || undefined,
    ground: d.ground || undefined,
    confiscatedBy: d.confiscatedBy.trim(),
  };
  if (d.condition.trim()) input.condition = d.condition.trim();
  if (d.ground === 'other') input.groundDetail = d.groundDetail.trim();
  if (d.confiscatedAt) input.confiscatedAt = d.confiscatedAt;
  if (d.witness.trim()) input.witness = d.witness.trim();
  if (d.location) input.location = d.location;
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  return input as InputOf<'recordConfiscation'>;
}

function yearClass(p: { regGroup: string; yearGroup: number }): string {
  const year = p.yearGroup === 0 ? 'Reception' : `Year ${p.yearGroup}`;
  return p.regGroup ? `Class ${p.regGroup}, ${year}` : year;
}

function Radio<T extends string>({ name, value, current, label, onChoose }: { name: string; value: T; current: T | ''; label: string; onChoose: (v: T) => void }) {
  const id = `${name}-${value}`;
  return (
    <div className="con-radio">
      <input type="radio" id={id} name={name} value={value} checked={current === value} onChange={() => onChoose(value)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** Find the pupil by name; once chosen, their name and class with "Change". */
function PupilPicker({ pupil, onChoose, error }: { pupil: PupilSummary | null; onChoose: (p: PupilSummary | null) => void; error: string | undefined }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; pupils: PupilSummary[] } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const chosenOnce = useRef(false);

  useEffect(() => {
    const q = query.trim();
    if (pupil || q === '') return;
    let live = true;
    const timer = window.setTimeout(() => {
      void call('searchPupils', { query: q, limit: 8 }).then((r) => {
        if (!live) return;
        if (!r.ok) return setSearchError(r.error.message);
        setSearchError(null);
        setFound({ query: q, pupils: r.value });
      });
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query, pupil]);

  useEffect(() => {
    if (!chosenOnce.current) return;
    document.getElementById(pupil ? 'conf-pupil-change' : 'conf-pupil')?.focus();
  }, [pupil]);

  if (pupil) {
    return (
      <div className={`conf-pupil-chosen ${error ? 'field-invalid' : ''}`.trim()}>
        <div>
          <p className="conf-pupil-name">{fullName(pupil)}</p>
          <p className="conf-pupil-class">{yearClass(pupil)}</p>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <Button
          kind="secondary"
          id="conf-pupil-change"
          onClick={() => {
            chosenOnce.current = true;
            onChoose(null);
          }}
          aria-label={`Change the pupil (now ${fullName(pupil)})`}
        >
          Change
        </Button>
      </div>
    );
  }

  const q = query.trim();
  const results = found && found.query === q ? found.pupils : null;
  return (
    <>
      <TextField
        id="conf-pupil"
        label="Pupil"
        hint="Type part of their first name or surname, then choose them."
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={80}
        value={query}
        onValue={setQuery}
        error={error ?? searchError ?? undefined}
      />
      {q !== '' && results && results.length === 0 && <p className="hint">No pupil on roll matches “{q}”.</p>}
      {q !== '' && results && results.length > 0 && (
        <ul className="conf-pupil-results" aria-label="Pupils found">
          {results.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => {
                  chosenOnce.current = true;
                  onChoose(p);
                }}
              >
                <span className="conf-strong">{fullName(p)}</span> <span className="conf-sub">{yearClass(p)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const EMPTY: RecordDraft = {
  pupil: null,
  deviceType: '',
  description: '',
  condition: '',
  power: '',
  ground: '',
  groundDetail: '',
  confiscatedAt: '',
  confiscatedBy: '',
  witness: '',
  location: '',
};

export function RecordConfiscation() {
  const [, navigate] = useLocation();
  const settings = useLoad('getSettings');
  const [draft, setDraft] = useState<RecordDraft>(EMPTY);
  // off by default: a slip is a way to collect the device, given only when someone chooses to
  const [printSlip, setPrintSlip] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const formErrorRef = useRef<HTMLDivElement>(null);
  const names = useId();

  const locations = settings.data?.confiscationLocations ?? [];
  const location = draft.location || locations[0] || '';
  const { field, form } = splitError(error, FIELDS);
  const slipOffered = !NO_SLIP_GROUNDS.includes(draft.ground);

  function set<K extends keyof RecordDraft>(key: K, value: RecordDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.pupil) {
      setError({ code: 'INVALID', message: 'Find the pupil by name and choose them.', field: 'pupilId' });
      return;
    }
    setSaving(true);
    setError(null);
    const r = await call('recordConfiscation', recordInput({ ...draft, location }));
    setSaving(false);
    if (!r.ok) {
      setError(r.error);
      requestAnimationFrame(() => {
        const invalid = document.querySelector<HTMLElement>('.conf-form [aria-invalid="true"], .conf-form .field-invalid input, .conf-form .field-invalid button');
        (invalid ?? formErrorRef.current)?.focus();
      });
      return;
    }
    const id = r.value.record.id;
    navigate(`~/staff/confiscations/${id}`);
    if (slipOffered && printSlip) void printLayout(`/print/confiscation-slip?id=${id}`, 'a4');
  }

  if (settings.error) return <Notice kind="error">{settings.error.message}</Notice>;

  return (
    <div className="conf-page">
      <PageHeader title="Confiscations" />
      <h2 className="conf-form-title">Record a confiscation</h2>
      <p className="conf-never" role="note">
        {NEVER_RECORD}
      </p>
      {!settings.data ? (
        <Loading what="Loading the form" />
      ) : (
        <form className="conf-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Record a confiscation">
          <section className="conf-section" aria-labelledby={`${names}-who`}>
            <h3 id={`${names}-who`}>Whose device</h3>
            <PupilPicker
              pupil={draft.pupil}
              error={field.pupilId}
              onChoose={(p) => {
                set('pupil', p);
                if (error?.field === 'pupilId') setError(null);
              }}
            />
          </section>

          <section className="conf-section" aria-labelledby={`${names}-what`}>
            <h3 id={`${names}-what`}>The device</h3>
            <ChoiceGroup legend="Type of device" error={field.deviceType} className="conf-choice">
              <div className="conf-radio-row">
                {(Object.keys(DEVICE_TYPE_WORDS) as DeviceType[]).map((t) => (
                  <Radio key={t} name={`${names}-type`} value={t} current={draft.deviceType} label={DEVICE_TYPE_WORDS[t]} onChoose={(v) => set('deviceType', v)} />
                ))}
              </div>
            </ChoiceGroup>
            <TextField
              id="conf-description"
              label="Description"
              hint="Make, colour and case, so it can be told apart. Not what is on it."
              autoComplete="off"
              maxLength={120}
              value={draft.description}
              onValue={(v) => set('description', v)}
              error={field.description}
            />
            <TextField
              id="conf-condition"
              label="Condition (optional)"
              hint="Any damage already there, like a cracked screen."
              autoComplete="off"
              maxLength={120}
              value={draft.condition}
              onValue={(v) => set('condition', v)}
              error={field.condition}
            />
            <ChoiceGroup legend="Was it on or off?" error={field.power} className="conf-choice">
              <div className="conf-radio-row">
                {(['on', 'off', 'unknown'] as const).map((p) => (
                  <Radio key={p} name={`${names}-power`} value={p} current={draft.power} label={POWER_WORDS[p]} onChoose={(v) => set('power', v)} />
                ))}
              </div>
            </ChoiceGroup>
          </section>

          <section className="conf-section" aria-labelledby={`${names}-why`}>
            <h3 id={`${names}-why`}>Why</h3>
            <ChoiceGroup legend="Ground for confiscating it" error={field.ground} className="conf-choice">
              <div>
                {(Object.keys(GROUND_WORDS) as Ground[]).map((g) => (
                  <Radio key={g} name={`${names}-ground`} value={g} current={draft.ground} label={GROUND_WORDS[g]} onChoose={(v) => set('ground', v)} />
                ))}
              </div>
            </ChoiceGroup>
            {draft.ground === 'other' && (
              <TextField
                id="conf-ground-detail"
                label="Say what the other ground is"
                autoComplete="off"
                maxLength={200}
                value={draft.groundDetail}
                onValue={(v) => set('groundDetail', v)}
                error={field.groundDetail}
              />
            )}
            {draft.ground === 'suspected-nudes' && (
              <div className="conf-ukcis" role="alert">
                <UkcisGuidance />
                <p>Do not search it. No release slip is given.</p>
              </div>
            )}
          </section>

          <section className="conf-section" aria-labelledby={`${names}-when`}>
            <h3 id={`${names}-when`}>When, who and where</h3>
            <TextField
              id="conf-when"
              label="Date and time taken"
              hint={draft.confiscatedAt ? 'Clear it to mean now.' : 'Now. Leave it empty if it was just taken, or enter the date and time it was taken.'}
              type="datetime-local"
              className="conf-when-field"
              value={draft.confiscatedAt}
              onValue={(v) => set('confiscatedAt', v)}
              error={field.confiscatedAt}
            />
            <div className="conf-field-pair">
              <TextField
                id="conf-by"
                label="Confiscated by"
                hint="Any member of staff, by name. Teaching assistants and lunchtime staff too."
                autoComplete="off"
                maxLength={80}
                value={draft.confiscatedBy}
                onValue={(v) => set('confiscatedBy', v)}
                error={field.confiscatedBy}
              />
              <TextField
                id="conf-witness"
                label="Witness (optional)"
                hint="Another adult who was there."
                autoComplete="off"
                maxLength={80}
                value={draft.witness}
                onValue={(v) => set('witness', v)}
                error={field.witness}
              />
            </div>
            <SelectField id="conf-location" label="Held at" value={location} options={locations.map((l) => ({ value: l, label: l }))} onValue={(v) => set('location', v)} error={field.location} />
          </section>

          <div className="conf-submit">
            {!slipOffered && <p className="hint">No release slip is given for a child protection concern or suspected nude or semi-nude images.</p>}
            {slipOffered && (
              <Checkbox
                label="Print a release slip for the parent or carer"
                hint="Only if the parent or carer should come and collect it: the slip says the device is safe at school and how to collect it (never why). It can be printed later from the record."
                checked={printSlip}
                onChecked={setPrintSlip}
              />
            )}
            <div ref={formErrorRef} tabIndex={-1}>
              {form && <Notice kind="error">{form}</Notice>}
            </div>
            <div className="con-actions">
              <Button type="submit" disabled={saving}>
                {saving ? 'Saving…' : 'Save the record'}
              </Button>
              <Link href="~/staff/confiscations" className="btn btn-secondary">
                Cancel
              </Link>
            </div>
          </div>
        </form>
      )}
    </div>
  );
}
