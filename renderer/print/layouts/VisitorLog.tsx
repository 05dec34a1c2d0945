/**
 * The visitor log on A4 ('/print/visitor-log?name=…&organisation=…&type=…&status=…&from=…&to=…',
 * every parameter optional), as filtered on Visitors › History: the school's name, the filters in
 * words, and one row a visit (newest first: the day, in and out, name, type, organisation, whom
 * they visited, status). Uses the phones log's page rules (the header row repeats on each page;
 * pages are numbered). A filter that is not one, or a log that cannot be read, is the error state.
 */
import { useEffect, useState } from 'react';
import type { InputOf, Visit, VisitStatus } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { clock, schoolDay, shortDay, STATUS_WORDS } from '../../staff/visitors/words';
import { longDate } from '../format';
import { useSchool, useSchoolTimeZone, type LayoutProps, type PrintState } from './common';
import { isRealDate } from './PhoneLog';
import '../phone-log.css';
import '../visitor-log.css';

type Filter = NonNullable<InputOf<'searchVisits'>>;
const STATUSES = Object.keys(STATUS_WORDS) as VisitStatus[];

/** The search the query asks for, with its words, or an error in words. */
export function logFilter(params: URLSearchParams): { filter: Filter; words: string[] } | { error: string } {
  const filter: Filter = {};
  const words: string[] = [];
  const name = params.get('name')?.trim();
  if (name) {
    if (name.length > 80) return { error: 'That name is too long to search for.' };
    filter.name = name;
    words.push(`name “${name}”`);
  }
  const organisation = params.get('organisation')?.trim();
  if (organisation) {
    if (organisation.length > 80) return { error: 'That organisation is too long to search for.' };
    filter.organisation = organisation;
    words.push(`organisation “${organisation}”`);
  }
  const type = params.get('type');
  if (type) {
    if (!/^[a-z][a-z0-9]{0,39}$/.test(type)) return { error: 'That is not a visitor type.' };
    filter.typeKey = type;
    words.push(`type “${type}”`);
  }
  const status = params.get('status');
  if (status) {
    if (!(STATUSES as string[]).includes(status)) return { error: 'That is not a status of a visit.' };
    filter.status = status as VisitStatus;
    words.push(`status “${STATUS_WORDS[status as VisitStatus]}”`);
  }
  for (const key of ['from', 'to'] as const) {
    const v = params.get(key);
    if (v === null || v === '') continue;
    if (!isRealDate(v)) return { error: `The “${key}” date must be a date like 2026-11-27.` };
    filter[key] = v;
    words.push(`${key} ${longDate(v)}`);
  }
  return { filter, words };
}

export function VisitorLogLayout({ params }: LayoutProps) {
  const { schoolName } = useSchool();
  const { timeZone, done } = useSchoolTimeZone();
  const query = params.toString();
  const chosen = logFilter(params);
  const filterKey = 'filter' in chosen ? JSON.stringify(chosen.filter) : null;
  const [answer, setAnswer] = useState<{ query: string; visits: Visit[] | null; total: number; typeLabel: string | null; error: string | null } | null>(null);

  useEffect(() => {
    if (filterKey === null) return;
    let live = true;
    const filter = JSON.parse(filterKey) as Filter;
    void Promise.all([call('searchVisits', filter), filter.typeKey ? call('getVisitorSetup') : Promise.resolve(null)]).then(([r, setup]) => {
      if (!live) return;
      if (!r.ok) return setAnswer({ query, visits: null, total: 0, typeLabel: null, error: r.error.message });
      const typeLabel = filter.typeKey ? ((setup?.ok ? setup.value.types.find((t) => t.key === filter.typeKey)?.label : undefined) ?? filter.typeKey) : null;
      setAnswer({ query, visits: r.value.visits, total: r.value.total, typeLabel, error: null });
    });
    return () => {
      live = false;
    };
  }, [filterKey, query]);

  const loaded = answer?.query === query ? answer : null;
  let error: string | null = null;
  if ('error' in chosen) error = `${chosen.error} Nothing was printed.`;
  else if (loaded?.error) error = `The visitor log could not be read: ${loaded.error} Nothing was printed.`;
  const state: PrintState = error ? 'error' : loaded?.visits && done ? 'ready' : 'loading';
  const visits = loaded?.visits ?? [];
  const title = 'Visitor log';
  const typeKey = 'filter' in chosen ? chosen.filter.typeKey : undefined;
  const words = ('words' in chosen ? chosen.words : []).map((w) => (typeKey && loaded?.typeLabel && w === `type “${typeKey}”` ? `type “${loaded.typeLabel}”` : w));
  const what = words.length ? words.join(', ') : 'every visit on record';
  const footer = `${schoolName}: visitor log`;

  // the page footer (an @page margin box) can only read the root's custom properties
  useEffect(() => {
    const root = document.documentElement.style;
    root.setProperty('--phone-log-footer', JSON.stringify(footer));
    return () => {
      root.removeProperty('--phone-log-footer');
    };
  }, [footer]);

  return (
    <article className="print-sheet paper-a4 sheet-a4 log-sheet" data-print-state={state} aria-label={title} aria-busy={state === 'loading' || undefined}>
      {error ? (
        <p className="print-error" role="alert">
          {error}
        </p>
      ) : (
        <>
          <header className="log-header">
            <p className="a4-school">{schoolName}</p>
            <h1 className="log-title">{title}</h1>
            <p className="log-totals">Chosen: {what}.</p>
            {loaded?.visits && (
              <p className="log-totals">
                {loaded.total === 0
                  ? 'No visits match.'
                  : loaded.total > visits.length
                    ? `Showing the newest ${visits.length} of ${loaded.total} visits. Save the history as CSV for them all.`
                    : `${loaded.total} ${loaded.total === 1 ? 'visit' : 'visits'}, newest first.`}
              </p>
            )}
          </header>
          {visits.length > 0 && (
            <table className="log-table vlog-table">
              <thead>
                <tr>
                  <th scope="col" className="vlog-col-day">
                    Day
                  </th>
                  <th scope="col" className="vlog-col-time">
                    In
                  </th>
                  <th scope="col" className="vlog-col-time">
                    Out
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Visiting</th>
                  <th scope="col" className="vlog-col-status">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {visits.map((v) => {
                  const inDay = schoolDay(new Date(v.signedInAt), timeZone);
                  const outDay = v.signedOutAt ? schoolDay(new Date(v.signedOutAt), timeZone) : null;
                  return (
                    <tr key={v.id}>
                      <td className="vlog-day">{shortDay(inDay)}</td>
                      <td className="log-time">{clock(v.signedInAt, timeZone)}</td>
                      <td className="log-time">
                        {v.signedOutAt ? clock(v.signedOutAt, timeZone) : ''}
                        {outDay && outDay !== inDay ? <span className="vlog-next-day">{shortDay(outDay)}</span> : ''}
                      </td>
                      <th scope="row">{v.name}</th>
                      <td>{v.typeLabel}</td>
                      <td>{v.organisation}</td>
                      <td>{v.visiting}</td>
                      <td>
                        {STATUS_WORDS[v.status]}
                        {v.stayReason ? ` (staying: ${v.stayReason})` : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </article>
  );
}
