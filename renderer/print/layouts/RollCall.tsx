/**
 * The fire roll call on A4 portrait ('/print/roll-call?id=12'), to take to the assembly point: the
 * school's name, "Fire roll call", when it started and who started it, how many people, and one
 * row a person with an empty box to tick by pen (or, on a copy printed later, the tick already made
 * on screen and its time), the name, type, organisation, who they are visiting, the escort status,
 * the time in and why they are staying past the closing time. The table's header repeats on every
 * page and the pages are numbered at the foot. Everything it needs is on this PC: no network.
 *
 * A missing id, or a roll call that cannot be read, is the error state: nothing is printed.
 */
import { useEffect, useState } from 'react';
import type { RollCall } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { ESCORT_WORDS, peopleWords } from '../../staff/rollcall/words';
import { clockTime, dateAndTime, localIsoDate } from '../format';
import { RecordsCheckFooter, useRecordsCheck } from '../RecordsCheck';
import { useSchool, useSchoolTimeZone, type LayoutProps, type PrintState } from './common';
import '../phone-log.css';
import '../roll-call.css';

/** The time someone signed in: '09:12', or with the date when it was another day. */
function timeIn(iso: string, started: string, timeZone: string | undefined): string {
  const at = new Date(iso);
  const sameDay = localIsoDate(at, timeZone) === localIsoDate(new Date(started), timeZone);
  return sameDay ? clockTime(at, timeZone) : dateAndTime(at, timeZone);
}

export function RollCallLayout({ params }: LayoutProps) {
  const { schoolName } = useSchool();
  const { timeZone, done: zoneKnown } = useSchoolTimeZone();
  const raw = params.get('id') ?? '';
  const valid = /^[1-9][0-9]{0,9}$/.test(raw);
  const id = valid ? Number(raw) : 0;
  const [answer, setAnswer] = useState<{ id: number; rc: RollCall | null; error: string | null } | null>(null);

  useEffect(() => {
    if (!valid) return;
    let live = true;
    void call('getRollCall', { id }).then((r) => {
      if (live) setAnswer(r.ok ? { id, rc: r.value, error: null } : { id, rc: null, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [valid, id]);

  const loaded = valid && answer?.id === id ? answer : null;
  let error: string | null = null;
  if (!valid) error = 'Choose the roll call to print. Nothing was printed.';
  else if (loaded?.error) error = `The roll call could not be read: ${loaded.error} Nothing was printed.`;
  const rc = loaded?.rc ?? null;
  const check = useRecordsCheck(!!rc);
  const state: PrintState = error ? 'error' : rc && zoneKnown && check.done ? 'ready' : 'loading';
  const started = rc ? dateAndTime(new Date(rc.startedAt), timeZone) : '';
  const footer = rc ? `${schoolName}: fire roll call, started ${started}` : '';

  // the page footer (an @page margin box) can only read the root's custom properties
  useEffect(() => {
    if (!footer) return;
    const root = document.documentElement.style;
    root.setProperty('--roll-call-footer', JSON.stringify(footer));
    return () => {
      root.removeProperty('--roll-call-footer');
    };
  }, [footer]);

  return (
    <article
      className="print-sheet paper-a4 sheet-a4 log-sheet roll-call-sheet"
      data-print-state={state}
      aria-label="Fire roll call"
      aria-busy={state === 'loading' || undefined}
    >
      {error ? (
        <p className="print-error" role="alert">
          {error}
        </p>
      ) : (
        <>
          <header className="log-header">
            <p className="a4-school">{schoolName}</p>
            <h1 className="log-title">Fire roll call</h1>
            {rc && (
              <>
                <p className="rcp-started">
                  Started {started} by {rc.startedBy}.
                  {rc.endedAt && ` Ended ${dateAndTime(new Date(rc.endedAt), timeZone)}${rc.endedBy ? ` by ${rc.endedBy}` : ''}.`}
                </p>
                <p className="log-totals">
                  {rc.people.length === 0
                    ? 'Nobody was signed in as a visitor when the roll call started.'
                    : rc.endedAt
                      ? `${peopleWords(rc.people.length)} on the roll call: ${rc.accounted} accounted for.`
                      : `${peopleWords(rc.people.length)} signed in as visitors. Tick each person at the assembly point.${rc.accounted > 0 ? ` ${rc.accounted} already ticked on screen.` : ''}`}
                </p>
              </>
            )}
          </header>
          {rc && rc.people.length > 0 && (
            <table className="log-table rcp-table">
              <thead>
                <tr>
                  <th scope="col" className="rcp-col-tick">
                    Here
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Visiting</th>
                  <th scope="col">Escort</th>
                  <th scope="col" className="rcp-col-time">
                    Time in
                  </th>
                  <th scope="col">Staying</th>
                </tr>
              </thead>
              <tbody>
                {rc.people.map((p) => (
                  <tr key={p.visitId}>
                    <td className="rcp-tick">
                      {p.accountedAt ? (
                        <span className="rcp-ticked">
                          <span className="rcp-box rcp-box-done" aria-hidden="true">
                            ✓
                          </span>
                          <span className="visually-hidden">Accounted for at</span>{' '}
                          {clockTime(new Date(p.accountedAt), timeZone)}
                        </span>
                      ) : (
                        <>
                          <span className="rcp-box" aria-hidden="true" />
                          <span className="visually-hidden">Not yet accounted for</span>
                        </>
                      )}
                    </td>
                    <th scope="row">{p.name}</th>
                    <td>{p.typeLabel}</td>
                    <td>{p.organisation}</td>
                    <td>{p.visiting}</td>
                    <td>{ESCORT_WORDS[p.escort]}</td>
                    <td className="log-time">{timeIn(p.signedInAt, rc.startedAt, timeZone)}</td>
                    <td>{p.stayReason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <RecordsCheckFooter check={check} />
        </>
      )}
    </article>
  );
}
