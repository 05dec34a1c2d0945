/**
 * Settings, School calendar: the school's time zone, whether today is a school day, and the
 * closures (term breaks, bank holidays, INSET days): listed by school year, added one at a time
 * or imported from a CSV file after a check that names every problem by its line number.
 */
import { useId, useState, type FormEvent } from 'react';
import type { ResultOf } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError, type Loaded } from '../../app/api';
import { Button, Loading, Notice, SelectField, TextField } from '../../components/ui';
import { longDate } from '../../print/format';
import { SaveRow } from './SaveRow';
import { useSettingsForm } from './useSettings';
import './settings.css';

type StoredClosure = ResultOf<'listClosures'>[number];
type ClosureImport = ResultOf<'importClosures'>;

export const TIME_ZONES: readonly { value: string; label: string }[] = [
  { value: 'Europe/London', label: 'United Kingdom (Europe/London)' },
  { value: 'Europe/Dublin', label: 'Ireland (Europe/Dublin)' },
  { value: 'Europe/Isle_of_Man', label: 'Isle of Man (Europe/Isle_of_Man)' },
  { value: 'Europe/Jersey', label: 'Jersey (Europe/Jersey)' },
  { value: 'Europe/Guernsey', label: 'Guernsey (Europe/Guernsey)' },
  { value: 'Atlantic/Stanley', label: 'Falkland Islands (Atlantic/Stanley)' },
  { value: 'UTC', label: 'UTC, no summer time' },
];

const MAX_CSV_CHARS = 200_000;

function isWeekend(iso: string): boolean {
  const d = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

/** '2026 to 2027 school year' for a date (school years start in September). */
export function schoolYear(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start} to ${start + 1} school year`;
}

function span(c: { startsOn: string; endsOn: string }): string {
  return c.startsOn === c.endsOn ? longDate(c.startsOn) : `${longDate(c.startsOn)} to ${longDate(c.endsOn)}`;
}

function readAsText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('not text')));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

function Today({ day }: { day: Loaded<ResultOf<'getSchoolDay'>> }) {
  if (day.error) return <Notice kind="error">{day.error.message}</Notice>;
  if (!day.data) return <Loading what="Checking today" />;
  const d = day.data;
  return (
    <div className={`today-status ${d.isSchoolDay ? 'today-open' : 'today-closed'}`}>
      <p className="today-line">
        Today, {longDate(d.date)}, {d.isSchoolDay ? 'is a school day.' : d.closure ? `the school is closed: ${d.closure.label}.` : isWeekend(d.date) ? 'is a weekend.' : 'is not a school day.'}
      </p>
      {d.nextSchoolDay ? (
        <p>
          The next school day is {longDate(d.nextSchoolDay)}
          {d.previousSchoolDay ? `; the previous one was ${longDate(d.previousSchoolDay)}` : ''}.
        </p>
      ) : (
        <Notice kind="warning">There is no school day in the next year: the closures below cover it all. Check them for a mistake.</Notice>
      )}
    </div>
  );
}

function TimeZone({ onSaved }: { onSaved: () => void }) {
  const form = useSettingsForm();
  const [zone, setZone] = useState<string | null>(null);
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the time zone" />;
  const value = zone ?? form.settings.timeZone;
  const options = TIME_ZONES.some((z) => z.value === form.settings!.timeZone) ? TIME_ZONES : [...TIME_ZONES, { value: form.settings.timeZone, label: form.settings.timeZone }];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await form.save({ timeZone: value }, { timeZone: 'the time zone' });
    if (outcome.kind === 'saved') {
      setZone(null);
      onSaved();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <SelectField
        label="Time zone"
        options={options}
        value={value}
        onValue={(v) => {
          setZone(v);
          form.clearOutcome();
        }}
        error={form.fieldErrors.timeZone}
      />
      <p className="hint field-after">“Today”, home time and the next school day are worked out in this time zone, with summer time.</p>
      <SaveRow form={form} />
    </form>
  );
}

function ClosureRow({ c, past, onRemoved }: { c: StoredClosure; past: boolean; onRemoved: (c: StoredClosure) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const removeId = useId();

  async function remove() {
    setBusy(true);
    setError(null);
    const r = await call('removeClosure', { id: c.id });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onRemoved(c);
  }

  return (
    <tr className={past ? 'row-past' : undefined}>
      <td>{longDate(c.startsOn)}</td>
      <td>{c.endsOn === c.startsOn ? <span className="muted">the same day</span> : longDate(c.endsOn)}</td>
      <td>
        {c.label}
        {past && <span className="tag">Past</span>}
      </td>
      <td className="cell-actions">
        {confirming ? (
          <div className="inline-confirm" role="group" aria-labelledby={removeId}>
            <p id={removeId}>Remove “{c.label}”?</p>
            {error && <p className="field-error">{error}</p>}
            <div className="form-actions">
              <Button kind="danger" autoFocus onClick={() => void remove()} disabled={busy}>
                {busy ? 'Removing…' : 'Yes, remove'}
              </Button>
              <Button
                kind="secondary"
                onClick={() => {
                  setConfirming(false);
                  setError(null);
                }}
                disabled={busy}
              >
                Keep it
              </Button>
            </div>
          </div>
        ) : (
          <Button kind="secondary" onClick={() => setConfirming(true)} aria-label={`Remove ${c.label}, ${span(c)}`}>
            Remove
          </Button>
        )}
      </td>
    </tr>
  );
}

function ClosureList({ closures, today, onChanged }: { closures: Loaded<StoredClosure[]>; today: string | null; onChanged: () => void }) {
  const [removed, setRemoved] = useState<string | null>(null);
  const [showPast, setShowPast] = useState(false);
  if (closures.error) return <Notice kind="error">{closures.error.message}</Notice>;
  if (!closures.data) return <Loading what="Loading the closures" />;
  const all = [...closures.data].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn) || a.id - b.id);
  const isPast = (c: StoredClosure) => today !== null && c.endsOn < today;
  const pastCount = all.filter(isPast).length;
  const shown = showPast ? all : all.filter((c) => !isPast(c));
  const years = new Map<string, StoredClosure[]>();
  for (const c of shown) years.set(schoolYear(c.startsOn), [...(years.get(schoolYear(c.startsOn)) ?? []), c]);

  return (
    <div>
      {removed && <Notice kind="success">{removed}</Notice>}
      {all.length === 0 && <p>No closures yet. Add the term breaks, bank holidays and INSET days below, or import them from a CSV file.</p>}
      {all.length > 0 && shown.length === 0 && <p>No closures to come. Add next year’s term dates below.</p>}
      {[...years].map(([year, list]) => (
        <div key={year} className="closure-year">
          <h3>{year}</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">First day</th>
                <th scope="col">Last day</th>
                <th scope="col">Name</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <ClosureRow
                  key={c.id}
                  c={c}
                  past={isPast(c)}
                  onRemoved={(gone) => {
                    setRemoved(`Removed “${gone.label}” (${span(gone)}).`);
                    onChanged();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {pastCount > 0 && (
        <Button kind="quiet" onClick={() => setShowPast((v) => !v)} aria-expanded={showPast}>
          {showPast ? 'Hide past closures' : `Show past closures (${pastCount})`}
        </Button>
      )}
    </div>
  );
}

const EMPTY_CLOSURE = { startsOn: '', endsOn: '', label: '' };

function AddClosure({ onAdded }: { onAdded: () => void }) {
  const [draft, setDraft] = useState(EMPTY_CLOSURE);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const { field, form } = splitError(error);
  const set = (key: keyof typeof EMPTY_CLOSURE) => (v: string) => {
    setDraft((d) => ({ ...d, [key]: v }));
    setAdded(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const input = { startsOn: draft.startsOn, endsOn: draft.endsOn || draft.startsOn, label: draft.label };
    const r = await call('addClosure', input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setDraft(EMPTY_CLOSURE);
    setAdded(`Added “${r.value.label}” (${span(r.value)}).`);
    onAdded();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="field-row">
        <TextField label="First day" type="date" value={draft.startsOn} onValue={set('startsOn')} error={field.startsOn} />
        <TextField label="Last day" hint="Leave empty for a single day." type="date" value={draft.endsOn} onValue={set('endsOn')} error={field.endsOn} min={draft.startsOn || undefined} />
      </div>
      <TextField label="Name" hint="For example: October half term, INSET day, May Day bank holiday." value={draft.label} onValue={set('label')} error={field.label} maxLength={80} />
      {form && <Notice kind="error">{form}</Notice>}
      <div className="form-actions">
        <Button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add the closure'}
        </Button>
        {added && <Notice kind="success">{added}</Notice>}
      </div>
    </form>
  );
}

function sameClosure(a: { startsOn: string; endsOn: string; label: string }, b: { startsOn: string; endsOn: string; label: string }): boolean {
  return a.startsOn === b.startsOn && a.endsOn === b.endsOn && a.label.localeCompare(b.label, 'en-GB', { sensitivity: 'base' }) === 0;
}

function ImportClosures({ existing, onImported }: { existing: readonly StoredClosure[]; onImported: () => void }) {
  const fileId = useId();
  const textId = useId();
  const blockedId = useId();
  const [csv, setCsv] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ csv: string; result: ClosureImport } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const { field, form } = splitError(error);
  const preview = checked && checked.csv === csv ? checked.result : null;
  const csvError = fileProblem ?? field.csv;

  function edit(text: string) {
    setCsv(text);
    setError(null);
    setImported(null);
  }

  async function choose(file: File | undefined) {
    setFileProblem(null);
    if (!file) return;
    if (file.size > MAX_CSV_CHARS) return setFileProblem(`“${file.name}” is too big for a list of closures (over 200 KB). Check that it is the right file.`);
    try {
      const text = (await readAsText(file)).replace(/^\uFEFF/, '');
      edit(text);
      await check(text);
    } catch {
      setFileProblem(`“${file.name}” could not be read. Save it again as CSV and try once more.`);
    }
  }

  async function check(text = csv) {
    setBusy('check');
    setError(null);
    setImported(null);
    const r = await call('importClosures', { csv: text, save: false });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setChecked({ csv: text, result: r.value });
  }

  async function save() {
    setBusy('save');
    setError(null);
    const r = await call('importClosures', { csv, save: true });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    if (r.value.saved === 0) return setChecked({ csv, result: r.value });
    setImported(`Imported ${r.value.saved} closure${r.value.saved === 1 ? '' : 's'}.`);
    setChecked(null);
    setCsv('');
    setFileKey((k) => k + 1);
    onImported();
  }

  const rows = preview?.rows.length ?? 0;
  const problems = preview?.problems.length ?? 0;
  const canImport = preview !== null && problems === 0 && rows > 0;
  const already = new Set((preview?.rows ?? []).filter((r) => existing.some((c) => sameClosure(c, r))).map((r) => r.line));

  return (
    <div>
      <p>
        Import a whole year of term dates at once from a spreadsheet saved as CSV. Each line is one closure: the <strong>first day</strong>, the{' '}
        <strong>last day</strong> and a <strong>name</strong>. Dates can be written 26/10/2026 or 2026-10-26. Leave the last day empty for a single day. A
        header row is optional.
      </p>
      <p className="example-label">For example:</p>
      <pre className="csv-example">
        {`First day,Last day,Name
26/10/2026,30/10/2026,October half term
21/12/2026,01/01/2027,Christmas holidays
04/01/2027,,INSET day`}
      </pre>

      <div className={`field ${fileProblem ? 'field-invalid' : ''}`.trim()}>
        <label htmlFor={fileId}>Choose a CSV file</label>
        <input key={fileKey} id={fileId} type="file" className="file-input" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
      </div>

      <div className={`field field-wide ${csvError ? 'field-invalid' : ''}`.trim()}>
        <label htmlFor={textId}>The closures, one a line</label>
        <p className="hint" id={`${textId}-hint`}>
          The file’s lines appear here; you can also paste them in.
        </p>
        {csvError && (
          <p className="field-error" id={`${textId}-error`} role="alert">
            {csvError}
          </p>
        )}
        <textarea
          id={textId}
          rows={6}
          value={csv}
          spellCheck={false}
          onChange={(e) => edit(e.target.value)}
          aria-invalid={csvError ? true : undefined}
          aria-describedby={[`${textId}-hint`, csvError ? `${textId}-error` : ''].filter(Boolean).join(' ')}
        />
      </div>
      {form && <Notice kind="error">{form}</Notice>}
      <div className="form-actions">
        <Button kind={preview ? 'secondary' : 'primary'} onClick={() => void check()} disabled={busy !== null || csv.trim() === ''}>
          {busy === 'check' ? 'Checking…' : 'Check the lines'}
        </Button>
        {imported && <Notice kind="success">{imported}</Notice>}
      </div>

      {preview && (
        <div className="import-preview" aria-live="polite">
          <h3>
            {rows} closure{rows === 1 ? '' : 's'} read{problems > 0 ? `, ${problems} problem${problems === 1 ? '' : 's'}` : ''}
          </h3>
          {problems > 0 && (
            <div className="notice notice-error" role="alert">
              <p className="notice-title">
                {problems === 1 ? 'One line has a problem' : `${problems} lines have problems`}. Correct {problems === 1 ? 'it' : 'them'} in the file (or above), then
                check again.
              </p>
              <ul className="problem-list">
                {preview.problems.map((p) => (
                  <li key={`${p.line}-${p.message}`}>
                    <strong>Line {p.line}:</strong> {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {rows > 0 && (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">First day</th>
                  <th scope="col">Last day</th>
                  <th scope="col">Name</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    <td>{longDate(r.startsOn)}</td>
                    <td>{r.endsOn === r.startsOn ? <span className="muted">the same day</span> : longDate(r.endsOn)}</td>
                    <td>
                      {r.label}
                      {already.has(r.line) && <span className="tag">Already in the calendar</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {rows === 0 && problems === 0 && <p>There are no closures in these lines.</p>}
          {already.size > 0 && (
            <Notice kind="warning">
              {already.size === 1 ? 'One of these closures is' : `${already.size} of these closures are`} already in the calendar: importing adds{' '}
              {already.size === 1 ? 'it' : 'them'} a second time. Remove {already.size === 1 ? 'that line' : 'those lines'} first if you do not want that.
            </Notice>
          )}
          <div className="form-actions">
            <Button onClick={() => void save()} disabled={!canImport || busy !== null} aria-describedby={canImport ? undefined : blockedId}>
              {busy === 'save' ? 'Importing…' : `Import ${rows} closure${rows === 1 ? '' : 's'}`}
            </Button>
            {!canImport && (
              <p className="hint" id={blockedId}>
                {problems > 0 ? 'Nothing is imported until every line is right.' : 'There is nothing to import.'}
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

export function CalendarSettings() {
  const [refresh, setRefresh] = useState(0);
  const bump = () => setRefresh((n) => n + 1);
  const day = useLoad('getSchoolDay', undefined, String(refresh));
  const closures = useLoad('listClosures', undefined, String(refresh));
  return (
    <div className="settings-page">
      <h1>School calendar</h1>
      <p className="settings-intro">
        Reception Kiosk needs the school’s closures to know which days are school days: phones not collected, the next school day and the daily reports all
        skip weekends and the days listed here.
      </p>
      <section className="settings-section" aria-labelledby="calendar-today">
        <h2 id="calendar-today">Today</h2>
        <Today day={day} />
        <TimeZone onSaved={bump} />
      </section>
      <section className="settings-section" aria-labelledby="calendar-closures">
        <h2 id="calendar-closures">Closures</h2>
        <ClosureList closures={closures} today={day.data?.date ?? null} onChanged={bump} />
      </section>
      <section className="settings-section" aria-labelledby="calendar-add">
        <h2 id="calendar-add">Add a closure</h2>
        <AddClosure onAdded={bump} />
      </section>
      <section className="settings-section" aria-labelledby="calendar-import">
        <h2 id="calendar-import">Import from a CSV file</h2>
        <ImportClosures existing={closures.data ?? []} onImported={bump} />
      </section>
    </div>
  );
}
