/**
 * Confiscations: the register. A scanner field for a parent's release slip (opens its record), the
 * filters (held now, on hold, with the police, released or all; class, pupil name, dates), and a
 * row per device: when, who, what, why, where, its status (an override release flagged), days
 * held (warned past the days in Settings) and whether parents were told. Every row opens its
 * record. The API filters (name too), and "Print the register" and "Download CSV" send exactly
 * the filters on screen, so what is printed or saved is what is shown. "Held now" is the same
 * filter as Today's count.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { ConfiscationRecord, InputOf, RegisterStatus } from '../../../electron/api/contract';
import { printLayout } from '../../print/printer';
import { call, useLoad } from '../../app/api';
import { Button, Loading, Notice, PageHeader, SelectField, TextField } from '../../components/ui';
import { downloadCsv } from '../pupils/words';
import { daysHeldWords, DEVICE_TYPE_WORDS, fullName, groundWords, PARENTS_INFORMED_WORDS, REGISTER_STATUS_WORDS, STATUS_WORDS, timeWords, dateWords } from '../../words/confiscations';
import './confiscations.css';

type StatusFilter = RegisterStatus | 'all';

const STATUS_OPTIONS: readonly { value: StatusFilter; label: string }[] = [
  ...(['held', 'on-hold', 'police', 'released'] as const).map((value) => ({ value, label: REGISTER_STATUS_WORDS[value] })),
  { value: 'all', label: 'All' },
];

export interface RegisterFilters {
  status: StatusFilter;
  regGroup: string;
  name: string;
  from: string;
  to: string;
}

export const DEFAULT_FILTERS: RegisterFilters = { status: 'held', regGroup: '', name: '', from: '', to: '' };

type Filter = NonNullable<InputOf<'listConfiscations'>>;

/** The filters on screen as the API's input: the list, the CSV and the print all send this. */
export function registerInput(f: RegisterFilters): Filter {
  const input: Filter = {};
  if (f.status !== 'all') input.status = f.status;
  if (f.regGroup) input.regGroup = f.regGroup;
  if (f.name.trim()) input.name = f.name.trim();
  if (f.from) input.from = f.from;
  if (f.to) input.to = f.to;
  return input;
}

/** The print route for the filters (read back by the layout's registerFilter). */
export function registerPrintRoute(input: Filter): string {
  const q = new URLSearchParams();
  q.set('status', input.status ?? 'all');
  if (input.regGroup) q.set('class', input.regGroup);
  if (input.name) q.set('name', input.name);
  if (input.from) q.set('from', input.from);
  if (input.to) q.set('to', input.to);
  // the print channel takes %20, not +, for a space
  return `/print/confiscation-register?${q.toString().replace(/\+/g, '%20')}`;
}

/** A release slip's token, scanned or typed ('KC…'), or null. */
export function slipToken(value: string): string | null {
  const t = value.toUpperCase().replace(/[\s-]/g, '');
  return /^KC[A-Z0-9]{4,38}$/.test(t) ? t : null;
}

function SlipScan() {
  const [, navigate] = useLocation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function open() {
    const token = slipToken(value);
    if (!token) {
      setError('That is not a release slip. A slip’s code starts with KC: scan the QR code on the slip, or type the code beneath it.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const r = await call('findConfiscationSlip', { token });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    navigate(`~/staff/confiscations/${r.value.id}`);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void open();
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      void open();
    }
  }

  return (
    <form className="conf-scan" onSubmit={submit} noValidate aria-label="Open a record from a release slip">
      <TextField
        id="slip-scan"
        label="Scan a release slip"
        hint="When a parent brings the slip, scan its QR code (or type the code beneath it) to open the record."
        autoComplete="off"
        spellCheck={false}
        maxLength={40}
        value={value}
        error={error}
        onValue={(v) => {
          setValue(v);
          setError(undefined);
        }}
        onKeyDown={onKey}
        className="conf-scan-field"
      />
      <Button type="submit" kind="secondary" disabled={busy}>
        {busy ? 'Opening…' : 'Open the record'}
      </Button>
    </form>
  );
}

function Filters({ filters, onChange, classes }: { filters: RegisterFilters; onChange: (f: Partial<RegisterFilters>) => void; classes: readonly string[] }) {
  const classOptions = [{ value: '', label: 'All classes' }, ...classes.map((c) => ({ value: c, label: c }))];
  if (filters.regGroup && !classes.includes(filters.regGroup)) classOptions.push({ value: filters.regGroup, label: filters.regGroup });
  return (
    <form role="search" className="conf-filters" aria-label="Filter the register" onSubmit={(e) => e.preventDefault()}>
      <SelectField id="conf-status" label="Status" value={filters.status} options={STATUS_OPTIONS} onValue={(v) => onChange({ status: v as StatusFilter })} />
      <SelectField id="conf-class" label="Class" value={filters.regGroup} options={classOptions} onValue={(regGroup) => onChange({ regGroup })} />
      <TextField id="conf-name" label="Pupil’s name" type="search" autoComplete="off" spellCheck={false} maxLength={80} value={filters.name} onValue={(name) => onChange({ name })} />
      <TextField id="conf-from" label="Taken from" type="date" value={filters.from} onValue={(from) => onChange({ from })} />
      <TextField id="conf-to" label="Taken to" type="date" value={filters.to} onValue={(to) => onChange({ to })} />
    </form>
  );
}

function ParentsInformed({ r }: { r: ConfiscationRecord }) {
  const words = PARENTS_INFORMED_WORDS[r.parentsInformed];
  return <span className={r.parentsInformed === 'not-yet' && r.status !== 'released' ? 'conf-flag conf-flag-warn' : undefined}>{words}</span>;
}

function Rows({ rows, warnDays }: { rows: ConfiscationRecord[]; warnDays: number | undefined }) {
  const [, navigate] = useLocation();
  return (
    <div className="con-table-wrap">
      <table className="conf-table">
        <caption className="visually-hidden">Confiscated devices, newest first. Choose a pupil’s name to open the record.</caption>
        <thead>
          <tr>
            <th scope="col">Confiscated</th>
            <th scope="col">Pupil</th>
            <th scope="col">Device</th>
            <th scope="col">Ground</th>
            <th scope="col">Status</th>
            <th scope="col">Days held</th>
            <th scope="col">Parents informed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={`row-link ${r.overdue ? 'conf-row-overdue' : ''}`.trim()} onClick={() => navigate(`~/staff/confiscations/${r.id}`)}>
              <td className="conf-when">
                {dateWords(r.confiscatedAt)}
                <span className="conf-sub">{timeWords(r.confiscatedAt)}</span>
              </td>
              <th scope="row">
                <Link href={`~/staff/confiscations/${r.id}`} className="conf-link" onClick={(e) => e.stopPropagation()}>
                  {fullName(r)}
                </Link>
                <span className="conf-sub">{r.regGroup ? `Class ${r.regGroup}` : r.yearGroup === 0 ? 'Reception' : `Year ${r.yearGroup}`}</span>
              </th>
              <td>
                <span className="conf-strong">{DEVICE_TYPE_WORDS[r.deviceType]}</span>
                <span className="conf-sub">{r.description}</span>
              </td>
              <td>{groundWords(r.ground, r.groundDetail)}</td>
              <td>
                <span className="conf-strong">
                  {STATUS_WORDS[r.status]}
                  {r.onHold && <span className="conf-badge">On hold</span>}
                  {r.releaseOverride && <span className="conf-badge conf-badge-override">Override</span>}
                </span>
                {r.status === 'held' && <span className="conf-sub">{r.location}</span>}
              </td>
              <td className="conf-days">
                {r.overdue ? <span className="conf-flag conf-flag-warn">{daysHeldWords(r.daysHeld, true, warnDays)}</span> : daysHeldWords(r.daysHeld, false)}
              </td>
              <td>
                <ParentsInformed r={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function emptyWords(f: RegisterFilters): string {
  const filtered = f.regGroup || f.name.trim() || f.from || f.to;
  if (!filtered && f.status === 'held') return 'No devices are held now. When a device is confiscated, record it here so its chain of custody is kept.';
  if (!filtered && f.status === 'all') return 'No devices have been confiscated yet.';
  return 'No records match these filters. Try another status, class or dates.';
}

export function Register() {
  const [filters, setFilters] = useState<RegisterFilters>(DEFAULT_FILTERS);
  const input = registerInput(filters);
  const list = useLoad('listConfiscations', input, JSON.stringify(input));
  const settings = useLoad('getSettings');
  const classes = useLoad('listClasses');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [printing, setPrinting] = useState(false);

  /** The register exactly as filtered on screen, on A4. */
  async function printRegister() {
    setPrinting(true);
    const r = await printLayout(registerPrintRoute(input), 'a4');
    setPrinting(false);
    setMessage(r.printed ? { ok: true, text: 'The register was sent to the printer.' } : { ok: false, text: r.message ?? 'The register could not be printed.' });
  }

  const classList = [...(classes.data ?? [])]
    .filter((c) => c.regGroup)
    .sort((a, b) => a.yearGroup - b.yearGroup || a.regGroup.localeCompare(b.regGroup, 'en-GB', { numeric: true }))
    .map((c) => c.regGroup);
  const rows = list.data ?? [];

  async function download() {
    setExporting(true);
    setMessage(null);
    const r = await call('exportConfiscations', input);
    setExporting(false);
    if (!r.ok) return setMessage({ ok: false, text: r.error.message });
    downloadCsv(r.value.fileName, r.value.csv);
    setMessage({ ok: true, text: `The register is saved as ${r.value.fileName} in your downloads.` });
  }

  return (
    <div className="conf-page">
      <PageHeader title="Confiscations">
        <Link href="~/staff/confiscations/new" className="btn btn-primary">
          Record a confiscation
        </Link>
        <Button kind="secondary" onClick={() => void printRegister()} disabled={printing}>
          {printing ? 'Preparing…' : 'Print the register'}
        </Button>
        <Button kind="secondary" onClick={() => void download()} disabled={exporting}>
          {exporting ? 'Saving…' : 'Download CSV'}
        </Button>
      </PageHeader>
      {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      <SlipScan />
      <Filters filters={filters} classes={classList} onChange={(f) => setFilters((old) => ({ ...old, ...f }))} />
      <section aria-labelledby="conf-results" className="conf-results">
        <h2 id="conf-results" className="conf-results-heading">
          {STATUS_OPTIONS.find((o) => o.value === filters.status)?.label ?? 'Register'}
          {/* no count while the rows of the filter before are still on screen: it would sit under the new label */}
          {list.data && !list.loading && <span className="heading-count"> ({rows.length})</span>}
        </h2>
        {list.error && <Notice kind="error">{list.error.message}</Notice>}
        {!list.data && !list.error && <Loading what="Loading the register" />}
        {list.data && rows.length === 0 && <p className="conf-empty">{emptyWords(filters)}</p>}
        {list.data && rows.length > 0 && <Rows rows={rows} warnDays={settings.data?.confiscationWarnDays} />}
      </section>
    </div>
  );
}
