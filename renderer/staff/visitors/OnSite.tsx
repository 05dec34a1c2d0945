/**
 * Visitors › On site now: anyone waiting at reception after a not-permitted match at the very top
 * (let in by a DSL or leadership, or turned away), the counts, everyone on site with what the office
 * can do for each, and the visits closed at the closing time as "Not signed out" for the office to
 * check. Refreshed every 15 seconds.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { Visit } from '../../../electron/api/contract';
import { call, splitError, useLoad } from '../../app/api';
import { Loading, Notice, TextField } from '../../components/ui';
import { useTimeZone } from './context';
import { MessageBox, VisitActions, WaitingActions, type Done, type Message } from './VisitActions';
import { clock, durationWords, ESCORT_WORDS, momentWords, plural } from './words';

export const REFRESH_MS = 15_000;

function WaitingPerson({ visit, onDone, timeZone }: { visit: Visit; onDone: Done; timeZone: string }) {
  const detail = useLoad('getVisit', { id: visit.id }, String(visit.id));
  return (
    <li className="vis-waiting-person">
      <p className="vis-waiting-title">
        Waiting at reception: <strong>{visit.name}</strong> matches the not-permitted list.
      </p>
      <p className="vis-waiting-rule">Do not let them in without the DSL or Head of School.</p>
      <p className="vis-waiting-facts">
        {visit.typeLabel}
        {visit.organisation ? `, ${visit.organisation}` : ''} · came to see {visit.visiting || 'no one named'} · at the entrance since {clock(visit.signedInAt, timeZone)}.{' '}
        The entrance screen asked them to wait for a member of staff, without saying why.
      </p>
      {detail.error && <Notice kind="error">{detail.error.message}</Notice>}
      <WaitingActions visit={visit} canAdmit={detail.data?.can.admit === true} onDone={onDone} />
    </li>
  );
}

function Counters({ visits }: { visits: Visit[] }) {
  const onSite = visits.filter((v) => v.status === 'on-site');
  const escorted = onSite.filter((v) => v.escort === 'escorted').length;
  const contractors = onSite.filter((v) => v.typeKey === 'contractor').length;
  return (
    <ul className="vis-counters" aria-label="Counts">
      <li>
        <span className="vis-count">{onSite.length}</span> on site
      </li>
      <li>
        <span className="vis-count">{escorted}</span> must be escorted
      </li>
      <li>
        <span className="vis-count">{contractors}</span> {contractors === 1 ? 'contractor' : 'contractors'}
      </li>
    </ul>
  );
}

function OnSiteTable({ visits, onDone, timeZone, now }: { visits: Visit[]; onDone: Done; timeZone: string; now: Date }) {
  return (
    <div className="con-table-wrap">
      <table className="staff-table vis-table">
        <caption className="visually-hidden">Everyone on site now, earliest in first. Choose a name to open the visit.</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Visiting</th>
            <th scope="col">Escort</th>
            <th scope="col">Time in</th>
          </tr>
        </thead>
        {visits.map((v) => (
          <tbody key={v.id} className="staff-person">
            <tr>
              <th scope="row">
                <Link href={`/visit/${v.id}`} className="vis-name-link">
                  {v.name}
                </Link>
                {v.organisation && <span className="vis-sub">{v.organisation}</span>}
                {v.sameNameOnSite && <span className="vis-flag vis-flag-warn">Same name as another person on site</span>}
                {v.stayReason && <span className="vis-flag">Staying: {v.stayReason}</span>}
              </th>
              <td>{v.typeLabel}</td>
              <td>
                {v.visiting}
                {v.work && <span className="vis-sub">Work: {v.work}</span>}
                {v.supervisor && <span className="vis-sub">Supervised by {v.supervisor}</span>}
              </td>
              <td className={v.escort === 'escorted' ? 'vis-escorted' : undefined}>{ESCORT_WORDS[v.escort]}</td>
              <td className="nowrap">
                {clock(v.signedInAt, timeZone)}
                <span className="vis-sub">{durationWords(v.signedInAt, now)}</span>
              </td>
            </tr>
            <tr className="actions-row">
              <td colSpan={5}>
                <VisitActions visit={v} onDone={onDone} timeZone={timeZone} />
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function CheckForm({ visit, onDone }: { visit: Visit; onDone: Done }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) return setError('Say what you found, for example: left at 17:30, forgot to sign out.');
    setBusy(true);
    const r = await call('checkNotSignedOut', { id: visit.id, note: note.trim() });
    setBusy(false);
    if (!r.ok) {
      const { field, form } = splitError(r.error, ['note']);
      return setError(field.note ?? form ?? undefined);
    }
    onDone({ kind: 'success', title: `Checked: ${visit.name}.`, body: `Recorded what you found: ${note.trim()}` });
  }
  return (
    <form className="vis-inline-form vis-check-form" noValidate onSubmit={(e) => void submit(e)} aria-label={`What you found about ${visit.name}`}>
      <TextField
        label="What did you find?"
        hint="For example: left at 17:30 and forgot to sign out; or a cleaner who locked up at 20:00."
        maxLength={200}
        autoComplete="off"
        value={note}
        error={error}
        onValue={(v) => {
          setNote(v);
          setError(undefined);
        }}
      />
      <button type="submit" className="btn btn-secondary" disabled={busy}>
        {busy ? 'Saving…' : 'Save what you found'}
      </button>
    </form>
  );
}

function NotSignedOut({ visits, onDone, timeZone }: { visits: Visit[]; onDone: Done; timeZone: string }) {
  if (visits.length === 0) return null;
  return (
    <section className="vis-section" aria-labelledby="vis-unchecked">
      <h3 id="vis-unchecked">
        Not signed out <span className="heading-count">({visits.length})</span>
      </h3>
      <p className="vis-lead">These visits were still open at the closing time, so they were closed as “Not signed out”. Check each one and say what you found.</p>
      <ul className="vis-unchecked">
        {visits.map((v) => (
          <li key={v.id}>
            <p className="vis-unchecked-who">
              <Link href={`/visit/${v.id}`} className="vis-name-link">
                {v.name}
              </Link>{' '}
              <span className="vis-sub-inline">
                {v.typeLabel}
                {v.organisation ? `, ${v.organisation}` : ''}: signed in {momentWords(v.signedInAt, timeZone)}
                {v.signedOutAt ? `, closed ${momentWords(v.signedOutAt, timeZone)}` : ''}
              </span>
            </p>
            <CheckForm visit={v} onDone={onDone} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OnSite() {
  const timeZone = useTimeZone();
  const list = useLoad('listOnSite');
  const [message, setMessage] = useState<Message | null>(null);
  const [now, setNow] = useState(() => new Date());
  const { reload } = list;

  useEffect(() => {
    const timer = window.setInterval(() => {
      reload();
      setNow(new Date());
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const done: Done = (m) => {
    setMessage(m);
    setNow(new Date());
    reload();
  };

  const visits = list.data?.visits ?? [];
  const waiting = visits.filter((v) => v.status === 'waiting');
  const onSite = visits.filter((v) => v.status === 'on-site');

  return (
    <div className="vis-page">
      {waiting.length > 0 && (
        <section className="vis-waiting" aria-labelledby="vis-waiting-heading">
          <h2 id="vis-waiting-heading" className="vis-waiting-heading">
            {waiting.length === 1 ? 'Someone is waiting at reception' : `${waiting.length} people are waiting at reception`}
          </h2>
          <ul>
            {waiting.map((v) => (
              <WaitingPerson key={v.id} visit={v} onDone={done} timeZone={timeZone} />
            ))}
          </ul>
        </section>
      )}
      <h2>On site now</h2>
      <MessageBox message={message} />
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      {!list.data && !list.error && <Loading what="Loading who is on site" />}
      {list.data && (
        <>
          <Counters visits={visits} />
          {onSite.length === 0 ? (
            <p className="vis-empty">No visitors are signed in now. People sign in at the entrance screen; expected visitors are under “Expected”.</p>
          ) : (
            <OnSiteTable visits={onSite} onDone={done} timeZone={timeZone} now={now} />
          )}
          <NotSignedOut visits={list.data.unchecked} onDone={done} timeZone={timeZone} />
          <p className="vis-refresh con-muted">
            This list refreshes every 15 seconds. {plural(onSite.length, 'person', 'people')} on site at {clock(now.toISOString(), timeZone)}.
          </p>
        </>
      )}
    </div>
  );
}
