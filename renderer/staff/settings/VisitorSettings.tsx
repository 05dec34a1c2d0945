/**
 * Settings › Visitors and the kiosk (administrators; policy 6.4):
 *
 * - the visitor types: rename one, choose whether the kiosk asks for an organisation or for the
 *   work and supervisor, switch a type the school added off (the five standard ones are always
 *   offered), and add a type with its rules and badge reminder;
 * - the kiosk's texts: for each type the rules (one short line each, six at most) and the badge
 *   reminder, then what to do if worried about a child, the fire assembly point, the privacy notice
 *   and the policy's full text. Each save makes a new numbered version, and each visit keeps the
 *   version it was shown;
 * - the closing time for visits and the kiosk's idle time, the badge paper, and the screens.
 *
 * The server's message is shown next to the field it names ('types.contractor.rules', 'worried').
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiError, ResultOf, TextsVersion, VisitorTexts, VisitorType } from '../../../electron/api/contract';
import { call, useLoad } from '../../app/api';
import { Button, Checkbox, ChoiceGroup, Loading, Notice, TextField } from '../../components/ui';
import { dateAndTime } from '../../print/format';
import { errorFor, messageAt, OtherFieldError, Radio, Section } from './parts';
import { normaliseTime } from './PhoneSettings';
import { SaveRow } from './SaveRow';
import { useSettingsForm } from './useSettings';
import '../staff.css';
import './settings.css';
import '../confiscations/confiscations.css';

type Settings = ResultOf<'getSettings'>;

type Setup = ResultOf<'getVisitorSetup'>;

export const MAX_RULES = 6;
export const MAX_REMINDER = 70;

// ---- shared pieces ----------------------------------------------------------------------------

/** The lines of a textarea, trimmed, without the empty ones. */
export function ruleLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A message about a field the form does not show (so it is not lost). */
function otherMessage(errors: Record<string, string>, shown: readonly string[]): string | undefined {
  const other = Object.entries(errors).find(([k]) => !shown.some((f) => k === f || k.startsWith(`${f}.`)));
  return other?.[1];
}

function fieldErrors(error: ApiError | null): { fields: Record<string, string>; form: string | null } {
  if (!error) return { fields: {}, form: null };
  return error.field ? { fields: { [error.field]: error.message }, form: null } : { fields: {}, form: error.message };
}

function TextArea({
  label,
  hint,
  error,
  value,
  onValue,
  rows = 4,
  id,
  maxLength,
}: {
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onValue: (v: string) => void;
  rows?: number;
  id?: string;
  maxLength?: number;
}) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={`field field-wide ${error ? 'field-invalid' : ''}`.trim()}>
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <textarea
        id={inputId}
        rows={rows}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onValue(e.target.value)}
      />
    </div>
  );
}

function asksWords(t: Pick<VisitorType, 'asksOrganisation' | 'asksWork'>): string {
  const parts = ['Name', 'who they are visiting'];
  if (t.asksOrganisation) parts.push('organisation');
  if (t.asksWork) parts.push('work and supervisor');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Who saved a version: a name, or the texts the app started with. */
function savedByWords(v: Pick<TextsVersion, 'createdBy'>): string {
  return v.createdBy === 'system' ? 'Reception Kiosk (the texts it started with)' : v.createdBy;
}

export function versionWords(v: Pick<TextsVersion, 'version' | 'createdAt' | 'createdBy'>, timeZone?: string): string {
  return `Version ${v.version}, saved by ${savedByWords(v)} on ${dateAndTime(new Date(v.createdAt), timeZone)}.`;
}

// ---- visitor types ----------------------------------------------------------------------------

function AsksChoices({
  asksOrganisation,
  asksWork,
  onChange,
  errors,
}: {
  asksOrganisation: boolean;
  asksWork: boolean;
  onChange: (v: { asksOrganisation: boolean; asksWork: boolean }) => void;
  errors: Record<string, string>;
}) {
  return (
    <ChoiceGroup
      legend="The kiosk asks for"
      hint="Everyone gives their name and who they are visiting."
      error={messageAt(errors, 'asksOrganisation') ?? messageAt(errors, 'asksWork')}
      className="field role-choice"
    >
      <Checkbox label="An organisation (company, agency, council)" checked={asksOrganisation} onChecked={(v) => onChange({ asksOrganisation: v, asksWork })} />
      <Checkbox
        label="The work being done and the supervising member of staff"
        checked={asksWork}
        onChecked={(v) => onChange({ asksOrganisation, asksWork: v })}
      />
    </ChoiceGroup>
  );
}

function ChangeType({ type, onDone, onCancel }: { type: VisitorType; onDone: (message: string) => void; onCancel: () => void }) {
  const [label, setLabel] = useState(type.label);
  const [asks, setAsks] = useState({ asksOrganisation: type.asksOrganisation, asksWork: type.asksWork });
  const [active, setActive] = useState(type.active);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { fields, form } = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    const r = await call('saveVisitorType', { key: type.key, label: label.trim(), ...asks, active });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    const was = type.active && !r.value.active ? ' It is no longer offered at the kiosk.' : !type.active && r.value.active ? ' It is offered at the kiosk again.' : '';
    onDone(`Saved “${r.value.label}”.${was}`);
  }

  return (
    <form className="row-panel" onSubmit={(e) => void submit(e)} noValidate aria-label={`Change ${type.label}`}>
      <h3>Change {type.label}</h3>
      <TextField
        label="Name of the type"
        hint="As the kiosk’s tile and the badge show it."
        value={label}
        onValue={setLabel}
        error={messageAt(fields, 'label')}
        maxLength={40}
        autoComplete="off"
        autoFocus
      />
      <AsksChoices {...asks} onChange={setAsks} errors={fields} />
      {type.builtin ? (
        <p className="hint">One of the five standard types: it is always offered at the kiosk.</p>
      ) : (
        <ChoiceGroup legend="At the kiosk" error={messageAt(fields, 'active')} className="field role-choice">
          <Checkbox label="Offered at the kiosk" hint="Untick to stop offering it. Past visits keep their type." checked={active} onChecked={setActive} />
        </ChoiceGroup>
      )}
      {(form ?? otherMessage(fields, ['label', 'asksOrganisation', 'asksWork', 'active'])) && <Notice kind="error">{form ?? otherMessage(fields, ['label', 'asksOrganisation', 'asksWork', 'active'])}</Notice>}
      <div className="form-actions">
        <Button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </Button>
        <Button kind="secondary" onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function AddType({ onDone, onCancel }: { onDone: (message: string) => void; onCancel: () => void }) {
  const [label, setLabel] = useState('');
  const [asks, setAsks] = useState({ asksOrganisation: false, asksWork: false });
  const [rules, setRules] = useState('');
  const [reminder, setReminder] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const { fields, form } = fieldErrors(error);
  const errors = { ...fields, ...local };
  const shown = ['label', 'asksOrganisation', 'asksWork', 'rules', 'reminder'];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const lines = ruleLines(rules);
    const problems: Record<string, string> = {};
    if (!label.trim()) problems.label = 'Type a name for the type, like Governor.';
    if (lines.length === 0) problems.rules = 'Write at least one rule, one short line each.';
    if (lines.length > MAX_RULES) problems.rules = `Keep to ${MAX_RULES} short lines at most, so people read them (there are ${lines.length}).`;
    if (!reminder.trim()) problems.reminder = 'Write the one-line reminder printed on the badge.';
    setLocal(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    const r = await call('saveVisitorType', { label: label.trim(), ...asks, active: true, rules: lines, reminder: reminder.trim() });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    onDone(`Added “${r.value.label}”. It is offered at the kiosk now, and its rules are in a new version of the texts.`);
  }

  return (
    <form className="row-panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="visitor-type-add-heading">
      <h3 id="visitor-type-add-heading">Add a visitor type</h3>
      <TextField
        label="Name of the type"
        hint="As the kiosk’s tile and the badge show it, like Governor."
        value={label}
        onValue={setLabel}
        error={messageAt(errors, 'label')}
        maxLength={40}
        autoComplete="off"
        autoFocus
      />
      <AsksChoices {...asks} onChange={setAsks} errors={errors} />
      <TextArea
        label="Rules for this type"
        hint={`One short, plain-English rule a line, ${MAX_RULES} lines at most.`}
        value={rules}
        onValue={setRules}
        error={messageAt(errors, 'rules')}
        rows={5}
      />
      <TextField
        label="Badge reminder"
        hint={`One line printed on the badge, ${MAX_REMINDER} characters at most (${reminder.length} now).`}
        value={reminder}
        onValue={setReminder}
        error={messageAt(errors, 'reminder')}
        maxLength={MAX_REMINDER}
        autoComplete="off"
        className="field-wide"
      />
      {(form ?? otherMessage(fields, shown)) && <Notice kind="error">{form ?? otherMessage(fields, shown)}</Notice>}
      <div className="form-actions">
        <Button type="submit" disabled={saving}>
          {saving ? 'Adding…' : 'Add the type'}
        </Button>
        <Button kind="secondary" onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function Types({ setup, onChanged }: { setup: Setup; onChanged: () => void }) {
  const [open, setOpen] = useState<string | 'add' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  function done(text: string) {
    setOpen(null);
    setMessage(text);
    onChanged();
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  function openPanel(which: string) {
    setMessage(null);
    setOpen(which);
  }

  return (
    <div>
      <p>The kiosk offers each type in use as a large tile. The five standard types are always offered; a type the school adds can be switched off.</p>
      <div ref={messageRef} tabIndex={-1} className="con-message">
        {message && <Notice kind="success">{message}</Notice>}
      </div>
      <table className="conf-table visitor-types">
        <caption className="visually-hidden">Visitor types</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">The kiosk asks for</th>
            <th scope="col">At the kiosk</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {setup.types.map((t) => (
            <FragmentRows key={t.key} type={t} open={open === t.key} onOpen={() => openPanel(t.key)} onClose={() => setOpen(null)} onDone={done} />
          ))}
        </tbody>
      </table>
      {open === 'add' ? (
        <AddType
          onDone={done}
          onCancel={() => {
            setOpen(null);
            requestAnimationFrame(() => document.getElementById('visitor-type-add')?.focus());
          }}
        />
      ) : (
        <div className="form-actions">
          <Button kind="secondary" id="visitor-type-add" onClick={() => openPanel('add')}>
            Add a visitor type
          </Button>
        </div>
      )}
    </div>
  );
}

function FragmentRows({ type, open, onOpen, onClose, onDone }: { type: VisitorType; open: boolean; onOpen: () => void; onClose: () => void; onDone: (m: string) => void }) {
  return (
    <>
      <tr className={type.active ? undefined : 'row-past'}>
        <th scope="row">
          <strong>{type.label}</strong>
          {type.builtin && <span className="tag">Standard</span>}
        </th>
        <td>{asksWords(type)}</td>
        <td>{type.active ? 'Offered' : 'Switched off'}</td>
        <td className="visitor-type-actions">
          {!open && (
            <Button kind="secondary" id={`visitor-type-change-${type.key}`} onClick={onOpen} aria-label={`Change ${type.label}`}>
              Change
            </Button>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={4}>
            <ChangeType
              type={type}
              onDone={onDone}
              onCancel={() => {
                onClose();
                requestAnimationFrame(() => document.getElementById(`visitor-type-change-${type.key}`)?.focus());
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

// ---- the kiosk's texts ------------------------------------------------------------------------

interface Draft {
  types: Record<string, { rules?: string; reminder?: string }>;
  worried?: string;
  assemblyPoint?: string;
  privacy?: string;
  policy?: string;
}

type General = 'worried' | 'assemblyPoint' | 'privacy' | 'policy';

const GENERAL: readonly { key: General; label: string; hint: string; rows: number; max: number }[] = [
  {
    key: 'worried',
    label: 'If you are worried about a child',
    hint: 'What to do and whom to tell. The kiosk adds the DSLs’ names from the staff accounts.',
    rows: 3,
    max: 400,
  },
  { key: 'assemblyPoint', label: 'Fire assembly point', hint: 'Where to go if the fire alarm sounds.', rows: 2, max: 300 },
  { key: 'privacy', label: 'Privacy notice', hint: 'What is kept about a visit, and for how long.', rows: 4, max: 600 },
  { key: 'policy', label: 'Policy text (shown in full on request)', hint: 'The policy’s text for visitors (6.4), one tap away on the kiosk.', rows: 10, max: 6000 },
];

function Texts({ setup, onSaved }: { setup: Setup; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>({ types: {} });
  const [saved, setSaved] = useState<TextsVersion | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'info'; text: string } | null>(null);
  const settings = useLoad('getSettings');
  const timeZone = settings.data?.timeZone;

  const current = saved && saved.version >= setup.current.version ? saved : setup.current;
  const base = current.texts;
  const { fields, form } = fieldErrors(error);
  const errors = { ...fields, ...local };
  const inUse = setup.types.filter((t) => t.active);
  const switchedOff = setup.types.filter((t) => !t.active);

  const rulesOf = (key: string) => draft.types[key]?.rules ?? (base.types[key]?.rules ?? []).join('\n');
  const reminderOf = (key: string) => draft.types[key]?.reminder ?? base.types[key]?.reminder ?? '';
  const generalOf = (key: General) => draft[key] ?? base[key];

  function edit(next: Draft) {
    setDraft(next);
    setOutcome(null);
  }
  function editType(key: string, part: 'rules' | 'reminder', value: string) {
    edit({ ...draft, types: { ...draft.types, [key]: { ...draft.types[key], [part]: value } } });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setOutcome(null);
    const problems: Record<string, string> = {};
    const types: VisitorTexts['types'] = {};
    for (const t of setup.types) {
      if (!base.types[t.key] && !draft.types[t.key]) continue;
      const rules = ruleLines(rulesOf(t.key));
      const reminder = reminderOf(t.key).trim();
      // a type switched off keeps its texts as they were (left out if it has none)
      if (!t.active && !draft.types[t.key] && (rules.length === 0 || !reminder)) continue;
      if (t.active || draft.types[t.key]) {
        if (rules.length === 0) problems[`types.${t.key}.rules`] = `Write at least one rule for ${t.label}.`;
        if (rules.length > MAX_RULES) problems[`types.${t.key}.rules`] = `Keep to ${MAX_RULES} short lines at most, so people read them (there are ${rules.length}).`;
        if (!reminder) problems[`types.${t.key}.reminder`] = `Write the badge reminder for ${t.label}.`;
      }
      types[t.key] = { rules, reminder };
    }
    for (const g of GENERAL) if (!generalOf(g.key).trim()) problems[g.key] = `Write the ${g.label.toLowerCase()} text.`;
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      const first = Object.keys(problems)[0]!;
      requestAnimationFrame(() => document.getElementById(textFieldId(first))?.focus());
      return;
    }
    setSaving(true);
    const r = await call('saveVisitorTexts', {
      types,
      worried: generalOf('worried').trim(),
      assemblyPoint: generalOf('assemblyPoint').trim(),
      privacy: generalOf('privacy').trim(),
      policy: generalOf('policy').trim(),
    });
    setSaving(false);
    if (!r.ok) {
      setError(r.error);
      if (r.error.field) requestAnimationFrame(() => document.getElementById(textFieldId(r.error.field!))?.focus());
      return;
    }
    const before = current.version;
    setSaved(r.value);
    setDraft({ types: {} });
    setOutcome(
      r.value.version === before
        ? { kind: 'info', text: `There were no changes to save: the texts are still version ${r.value.version}.` }
        : { kind: 'success', text: `Saved as version ${r.value.version}. Everyone who signs in from now on is shown this version.` },
    );
    onSaved();
  }

  const shownFields = [...setup.types.map((t) => `types.${t.key}`), ...GENERAL.map((g) => g.key)];
  const other = form ?? otherMessage(errors, shownFields);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="notice notice-info visitor-texts-version">
        <p className="notice-title">{versionWords(current, timeZone)}</p>
        <p>Each save makes a new version. Each visit keeps the version it was shown, so the office can always see exactly what a visitor agreed to.</p>
      </div>
      {inUse.map((t) => (
        <fieldset key={t.key} className="settings-section visitor-type-texts">
          <legend>
            <strong>{t.label}</strong>
          </legend>
          <TextArea
            id={textFieldId(`types.${t.key}.rules`)}
            label={`Rules for ${t.label}`}
            hint={`One short, plain-English rule a line, ${MAX_RULES} lines at most.`}
            value={rulesOf(t.key)}
            onValue={(v) => editType(t.key, 'rules', v)}
            error={messageAt(errors, `types.${t.key}.rules`)}
            rows={rowsFor(rulesOf(t.key))}
          />
          <TextField
            id={textFieldId(`types.${t.key}.reminder`)}
            label={`Badge reminder for ${t.label}`}
            hint={`One line printed on the badge, ${MAX_REMINDER} characters at most (${reminderOf(t.key).length} now).`}
            value={reminderOf(t.key)}
            onValue={(v) => editType(t.key, 'reminder', v)}
            error={messageAt(errors, `types.${t.key}.reminder`) ?? messageAt(errors, `types.${t.key}`)}
            maxLength={MAX_REMINDER}
            autoComplete="off"
            className="field-wide"
          />
        </fieldset>
      ))}
      {switchedOff.length > 0 && (
        <p className="hint">
          Switched off, with their texts kept: {switchedOff.map((t) => t.label).join(', ')}.
        </p>
      )}
      {GENERAL.map((g) => (
        <TextArea
          key={g.key}
          id={textFieldId(g.key)}
          label={g.label}
          hint={g.hint}
          value={generalOf(g.key)}
          onValue={(v) => edit({ ...draft, [g.key]: v })}
          error={messageAt(errors, g.key)}
          rows={g.rows}
          maxLength={g.max}
        />
      ))}
      {other && <Notice kind="error">{other}</Notice>}
      <div className="form-actions">
        <Button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save as a new version'}
        </Button>
        {outcome && <Notice kind={outcome.kind}>{outcome.text}</Notice>}
      </div>
      {setup.versions.length > 1 && (
        <details className="visitor-texts-versions">
          <summary>Earlier versions ({setup.versions.length - 1})</summary>
          <ul>
            {setup.versions
              .filter((v) => v.version !== current.version)
              .map((v) => (
                <li key={v.version}>{versionWords(v, timeZone)}</li>
              ))}
          </ul>
        </details>
      )}
    </form>
  );
}

/** Enough rows to show the rules without scrolling (a line of about 80 characters). */
function rowsFor(text: string): number {
  const rows = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 80)), 0);
  return Math.min(12, Math.max(3, rows + 1));
}

function textFieldId(field: string): string {
  return `visitor-text-${field.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

// ---- the closing time, the kiosk's idle time, badges, screens ----------------------------------

function ClosingAndIdle() {
  const form = useSettingsForm();
  const [closeAt, setCloseAt] = useState<string | null>(null);
  const [idle, setIdle] = useState<string | null>(null);
  const [keep, setKeep] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [keepError, setKeepError] = useState<string | null>(null);
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the visitor settings" />;
  const closeValue = closeAt ?? form.settings.visitorsCloseAt;
  const idleValue = idle ?? String(form.settings.kioskIdleSeconds);
  const keepValue = keep ?? String(form.settings.visitRetentionMonths);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const seconds = idleValue.trim();
    const months = keepValue.trim();
    const badSeconds = !/^\d+$/.test(seconds) || Number(seconds) < 20 || Number(seconds) > 300;
    const badMonths = !/^\d+$/.test(months) || Number(months) < 6 || Number(months) > 120;
    setLocalError(badSeconds ? 'Type a whole number of seconds, from 20 to 300.' : null);
    setKeepError(badMonths ? 'Type a whole number of months, from 6 to 120.' : null);
    if (badSeconds || badMonths) return form.clearOutcome();
    const outcome = await form.save(
      { visitorsCloseAt: normaliseTime(closeValue), kioskIdleSeconds: Number(seconds), visitRetentionMonths: Number(months) },
      { visitorsCloseAt: 'the closing time for visits', kioskIdleSeconds: 'the kiosk’s idle time', visitRetentionMonths: 'how long visitor records are kept' },
    );
    if (outcome.kind === 'saved') {
      setCloseAt(null);
      setIdle(null);
      setKeep(null);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label="Closing time for visits"
        hint="Visits still open at this time are closed and marked “not signed out” for the office to check. People the office marks as staying (an evening letting, a cleaner) stay on the roll call. A time on the 24-hour clock, like 19:00."
        inputMode="numeric"
        autoComplete="off"
        maxLength={5}
        className="field-short"
        value={closeValue}
        onValue={(v) => {
          setCloseAt(v);
          form.clearOutcome();
        }}
        error={errorFor(form, 'visitorsCloseAt')}
      />
      <TextField
        label="Kiosk idle time (seconds)"
        hint="From 20 to 300. When nobody has touched the kiosk for this long, it goes back to its welcome screen and nothing typed is kept."
        inputMode="numeric"
        autoComplete="off"
        maxLength={3}
        className="field-short"
        value={idleValue}
        onValue={(v) => {
          setIdle(v);
          setLocalError(null);
          form.clearOutcome();
        }}
        error={localError ?? errorFor(form, 'kioskIdleSeconds')}
      />
      <TextField
        label="Keep visitor records for (months)"
        hint="From 6 to 120. Older visits, badges, invitations and roll-call entries are deleted; reports of breaches stay. The kiosk’s privacy notice says how long."
        inputMode="numeric"
        autoComplete="off"
        maxLength={3}
        className="field-short"
        value={keepValue}
        onValue={(v) => {
          setKeep(v);
          setKeepError(null);
          form.clearOutcome();
        }}
        error={keepError ?? errorFor(form, 'visitRetentionMonths')}
      />
      <OtherFieldError form={form} fields={['visitorsCloseAt', 'kioskIdleSeconds', 'visitRetentionMonths']} />
      <SaveRow form={form} />
    </form>
  );
}

/** A setting chosen from a few options (the badge paper, the screens): one radio group and Save. */
function ChoiceSetting<K extends 'badgePaper' | 'screens'>({
  setting,
  what,
  legend,
  hint,
  options,
}: {
  setting: K;
  /** The setting in words, for the saved message. */
  what: string;
  legend: string;
  hint?: string;
  options: { value: Settings[K]; label: string; hint?: string }[];
}) {
  const form = useSettingsForm();
  const [chosen, setChosen] = useState<Settings[K] | null>(null);
  const name = useId();
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the visitor settings" />;
  const value = chosen ?? form.settings[setting];
  const choose = (v: Settings[K]) => {
    setChosen(v);
    form.clearOutcome();
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await form.save({ [setting]: value }, { [setting]: what });
    if (outcome.kind === 'saved') setChosen(null);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ChoiceGroup legend={legend} {...(hint ? { hint } : {})} error={errorFor(form, setting)} className="field role-choice">
        {options.map((o) => (
          <Radio key={o.value} name={name} value={o.value} current={value} label={o.label} {...(o.hint ? { hint: o.hint } : {})} onChoose={choose} />
        ))}
      </ChoiceGroup>
      <OtherFieldError form={form} fields={[setting]} />
      <SaveRow form={form} />
    </form>
  );
}

function BadgePaper() {
  return (
    <ChoiceSetting
      setting="badgePaper"
      what="the badge paper"
      legend="Badges print on"
      hint="If the printer fails or none is set, the badge is shown on the kiosk screen instead and the visit is still saved."
      options={[
        { value: 'label62', label: 'A 62 mm label, on the label printer' },
        { value: 'a4', label: 'A4 paper, on the office printer', hint: 'The badge is printed to cut out or slip into a holder.' },
      ]}
    />
  );
}

function Screens() {
  return (
    <ChoiceSetting
      setting="screens"
      what="the screens"
      legend="The desk has"
      options={[
        { value: 'one', label: 'One screen: the kiosk is the resting screen and staff unlock on top of it' },
        {
          value: 'two',
          label: 'Two screens: a visitor-facing touchscreen shows only the kiosk',
          hint: 'The touchscreen has no way in for staff; the console stays on the office screen.',
        },
      ]}
    />
  );
}

// ---- the page ---------------------------------------------------------------------------------

export function VisitorSettings() {
  const setup = useLoad('getVisitorSetup');
  return (
    <div className="settings-page">
      <h1>Visitors and the kiosk</h1>
      <p className="settings-intro">
        Who can sign in at the kiosk, what they read and agree to before their badge (policy 6.4), when open visits are closed, and how badges print.
      </p>
      <Section id="visitors-types" title="Visitor types">
        {setup.error && <Notice kind="error">{setup.error.message}</Notice>}
        {!setup.data && !setup.error && <Loading what="Loading the visitor types" />}
        {setup.data && <Types setup={setup.data} onChanged={setup.reload} />}
      </Section>
      <Section id="visitors-texts" title="What the kiosk shows before “I agree”">
        {setup.error && <Notice kind="error">{setup.error.message}</Notice>}
        {!setup.data && !setup.error && <Loading what="Loading the kiosk texts" />}
        {setup.data && <Texts setup={setup.data} onSaved={setup.reload} />}
      </Section>
      <Section id="visitors-closing" title="Closing time and the kiosk">
        <ClosingAndIdle />
      </Section>
      <Section id="visitors-badges" title="Badges">
        <BadgePaper />
      </Section>
      <Section id="visitors-screens" title="Screens">
        <Screens />
      </Section>
    </div>
  );
}
