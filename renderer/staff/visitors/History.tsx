/**
 * Visitors › History: every visit, newest first, filtered by name, organisation, type, status and
 * dates (the newest 500 are listed; the count says how many match). "Print" prints the visitor log
 * on A4 with the same filters; "Save as CSV" saves them as a spreadsheet (formulas neutralised by
 * the server).
 */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { Visit, VisitStatus } from '../../../electron/api/contract';
import { call, useLoad } from '../../app/api';
import { Button, Loading, Notice, SelectField, TextField } from '../../components/ui';
import { printLayout } from '../../print/printer';
import { downloadCsv } from '../pupils/words';
import { useTimeZone } from './context';
import { MessageBox, type Message } from './VisitActions';
import { clock, dayWords, NO_FILTERS, schoolDay, searchInput, STATUS_WORDS, visitorLogRoute, type HistoryFilters } from './words';

const STATUS_OPTIONS = [{ value: '', label: 'Any status' }, ...(Object.keys(STATUS_WORDS) as VisitStatus[]).map((s) => ({ value: s, label: STATUS_WORDS[s] }))];

function Filters({ filters, onChange, types }: { filters: HistoryFilters; onChange: (f: Partial<HistoryFilters>) => void; types: { value: string; label: string }[] }) {
  return (
    <form role="search" className="conf-filters vis-filters" aria-label="Filter the history" onSubmit={(e) => e.preventDefault()}>
      <TextField id="vis-h-name" label="Name" type="search" autoComplete="off" spellCheck={false} maxLength={80} value={filters.name} onValue={(name) => onChange({ name })} />
      <TextField
        id="vis-h-org"
        label="Organisation"
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={80}
        value={filters.organisation}
        onValue={(organisation) => onChange({ organisation })}
      />
      <SelectField id="vis-h-type" label="Type" value={filters.typeKey} options={[{ value: '', label: 'Any type' }, ...types]} onValue={(typeKey) => onChange({ typeKey })} />
      <SelectField id="vis-h-status" label="Status" value={filters.status} options={STATUS_OPTIONS} onValue={(v) => onChange({ status: v as VisitStatus | '' })} />
      <TextField id="vis-h-from" label="From" type="date" value={filters.from} onValue={(from) => onChange({ from })} />
      <TextField id="vis-h-to" label="To" type="date" value={filters.to} onValue={(to) => onChange({ to })} />
    </form>
  );
}

function Rows({ visits, timeZone }: { visits: Visit[]; timeZone: string }) {
  return (
    <div className="con-table-wrap">
      <table className="conf-table vis-history-table">
        <caption className="visually-hidden">Visits, newest first. Choose a name to open the visit.</caption>
        <thead>
          <tr>
            <th scope="col">Signed in</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Visiting</th>
            <th scope="col">Signed out</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((v) => {
            const inDay = schoolDay(new Date(v.signedInAt), timeZone);
            const outDay = v.signedOutAt ? schoolDay(new Date(v.signedOutAt), timeZone) : null;
            return (
              <tr key={v.id}>
                <td className="conf-when">
                  {dayWords(inDay, { weekday: false })}
                  <span className="conf-sub">{clock(v.signedInAt, timeZone)}</span>
                </td>
                <th scope="row">
                  <Link href={`/visit/${v.id}`} className="conf-link">
                    {v.name}
                  </Link>
                  {v.organisation && <span className="conf-sub">{v.organisation}</span>}
                </th>
                <td>{v.typeLabel}</td>
                <td>{v.visiting}</td>
                <td className="nowrap">
                  {v.signedOutAt ? clock(v.signedOutAt, timeZone) : ''}
                  {outDay && outDay !== inDay && <span className="conf-sub">{dayWords(outDay, { weekday: false })}</span>}
                </td>
                <td>
                  <span className={`vis-status vis-status-${v.status}`}>{STATUS_WORDS[v.status]}</span>
                  {v.stayReason && <span className="conf-sub">Staying: {v.stayReason}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The filters a moment after the last keystroke, so the history is not searched for every letter. */
function useSettled(filters: HistoryFilters, ms = 250): HistoryFilters {
  const [settled, setSettled] = useState(filters);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(filters), ms);
    return () => window.clearTimeout(timer);
  }, [filters, ms]);
  return settled;
}

export function History() {
  const timeZone = useTimeZone();
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const settled = useSettled(filters);
  const input = searchInput(settled);
  const list = useLoad('searchVisits', input, JSON.stringify(input));
  const setup = useLoad('getVisitorSetup');
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<'print' | 'csv' | null>(null);

  const types = (setup.data?.types ?? []).map((t) => ({ value: t.key, label: t.active ? t.label : `${t.label} (no longer used)` }));

  async function print() {
    setBusy('print');
    const r = await printLayout(visitorLogRoute(filters), 'a4');
    setBusy(null);
    setMessage(r.printed ? { kind: 'success', body: 'The visitor log was sent to the printer.' } : { kind: 'error', body: r.message ?? 'The visitor log could not be printed.' });
  }

  async function saveCsv() {
    setBusy('csv');
    setMessage(null);
    const r = await call('exportVisits', searchInput(filters));
    setBusy(null);
    if (!r.ok) return setMessage({ kind: 'error', body: r.error.message });
    downloadCsv(r.value.fileName, r.value.csv);
    setMessage({ kind: 'success', body: `The visitor log is saved as ${r.value.fileName} in your downloads.` });
  }

  const data = list.data;
  return (
    <div className="vis-page">
      <div className="vis-tab-head">
        <h2>History</h2>
        <div className="con-actions">
          <Button kind="secondary" onClick={() => void print()} disabled={busy !== null}>
            {busy === 'print' ? 'Preparing…' : 'Print'}
          </Button>
          <Button kind="secondary" onClick={() => void saveCsv()} disabled={busy !== null}>
            {busy === 'csv' ? 'Saving…' : 'Save as CSV'}
          </Button>
        </div>
      </div>
      <MessageBox message={message} />
      <Filters filters={filters} types={types} onChange={(f) => setFilters((old) => ({ ...old, ...f }))} />
      <section aria-labelledby="vis-history-results">
        <h3 id="vis-history-results">
          Visits
          {data && <span className="heading-count"> ({data.total > data.visits.length ? `showing ${data.visits.length} of ${data.total}` : data.total})</span>}
        </h3>
        {data && data.total > data.visits.length && (
          <p className="vis-lead">
            Showing {data.visits.length} of {data.total}, newest first. Choose dates or a name to narrow the list; “Save as CSV” includes all {data.total}.
          </p>
        )}
        {list.error && <Notice kind="error">{list.error.message}</Notice>}
        {!data && !list.error && <Loading what="Loading the history" />}
        {data && data.visits.length === 0 && (
          <p className="vis-empty">{JSON.stringify(input) === '{}' ? 'No one has signed in yet.' : 'No visits match these filters. Try another name, type or dates.'}</p>
        )}
        {data && data.visits.length > 0 && <Rows visits={data.visits} timeZone={timeZone} />}
      </section>
    </div>
  );
}
