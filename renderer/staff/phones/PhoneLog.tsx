/**
 * The phones records (issue 6): the daily log (every check-in, take-in and hand-back on a day, in
 * time order; printable on A4 and saved as CSV) and the term summary (check-ins, items checked in,
 * items held without permission, items not collected on the day; the items held without
 * permission listed for follow-up with parents).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { Movement, PhoneTerm } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { Button, Loading, Notice, TextField } from '../../components/ui';
import { collectedWords, isRealDate, itemWords, KIND_WORDS, logTotals, MOVEMENT_WORDS, recordedWords, schoolYearStart } from '../../print/layouts/PhoneLog';
import { printLayout } from '../../print/printer';
import { dayWords, downloadCsv, fullName, plural } from '../pupils/words';
import './records.css';

function pupilHref(pupilId: number): string {
  return `~/staff/pupils/${pupilId}`;
}

type Message = { ok: boolean; text: string } | null;

// ---- the daily log ----------------------------------------------------------------------------

function MovementTable({ movements, day }: { movements: Movement[]; day: string }) {
  return (
    <div className="rec-table-wrap">
      <table className="rec-table rec-log-table">
        <caption className="visually-hidden">Phones log for {dayWords(day)}, in time order</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Movement</th>
            <th scope="col">Pupil</th>
            <th scope="col">Class</th>
            <th scope="col">Slot</th>
            <th scope="col">Item</th>
            <th scope="col">Collected by</th>
            <th scope="col">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((m) => (
            <tr key={`${m.itemId}-${m.movement}`} className={`rec-move-${m.movement}`}>
              <td className="rec-time">{m.time}</td>
              <td>
                <span className={`rec-movement rec-movement-${m.movement}`}>{MOVEMENT_WORDS[m.movement]}</span>
              </td>
              <th scope="row">
                <Link href={pupilHref(m.pupilId)} className="rec-pupil-link">
                  {fullName(m)}
                </Link>
              </th>
              <td className="nowrap">{m.regGroup}</td>
              <td className="nowrap">{m.slot ?? <span className="rec-muted">None</span>}</td>
              <td>{itemWords(m)}</td>
              <td>{collectedWords(m)}</td>
              <td>{recordedWords(m.by)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DailyLog({ today }: { today: string }) {
  const [draft, setDraft] = useState(today);
  const [log, setLog] = useState<{ day: string; movements: Movement[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState<'print' | 'csv' | null>(null);
  const asked = useRef(0);

  async function load(day: string) {
    const ask = ++asked.current;
    setLoading(true);
    setMessage(null);
    const r = await call('getPhoneLog', { day });
    if (ask !== asked.current) return;
    setLoading(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setLog(r.value);
  }

  useEffect(() => {
    void load(today);
  }, [today]);

  function show(e: FormEvent) {
    e.preventDefault();
    if (!isRealDate(draft)) {
      setError({ code: 'INVALID', message: 'Enter the day of the log, for example 27/11/2026.', field: 'day' });
      return;
    }
    void load(draft);
  }

  async function print() {
    if (!log) return;
    setBusy('print');
    setMessage(null);
    const r = await printLayout(`/print/phone-log?day=${log.day}`, 'a4');
    setBusy(null);
    setMessage(r.printed ? { ok: true, text: `The log for ${dayWords(log.day)} was sent to the printer.` } : { ok: false, text: r.message ?? 'The log could not be printed.' });
  }

  async function saveCsv() {
    if (!log) return;
    setBusy('csv');
    setMessage(null);
    const r = await call('exportPhoneLog', { day: log.day });
    setBusy(null);
    if (!r.ok) return setMessage({ ok: false, text: r.error.message });
    downloadCsv(r.value.fileName, r.value.csv);
    setMessage({ ok: true, text: `The log for ${dayWords(log.day)} is saved as ${r.value.fileName} in your downloads.` });
  }

  const { field, form } = splitError(error, ['day']);
  const movements = log?.movements ?? [];

  return (
    <section className="rec-section" aria-labelledby="daily-log-heading">
      <h2 id="daily-log-heading">Daily log</h2>
      <p className="rec-lead">Every phone and other item checked in, taken in without permission or handed back on a day, in time order.</p>
      <form className="rec-date-form" onSubmit={show} noValidate>
        <TextField label="Day" type="date" value={draft} onValue={setDraft} error={field.day} max="9999-12-31" />
        <Button type="submit" kind="secondary" disabled={loading}>
          Show the log
        </Button>
      </form>
      {form && <Notice kind="error">{form}</Notice>}
      {!log && loading && <Loading what="Loading the log" />}
      {log && (
        <div className="rec-log" aria-busy={loading || undefined}>
          <div className="rec-log-head">
            <div>
              <h3 className="rec-log-day">{dayWords(log.day)}</h3>
              <p className="rec-totals" role="status">
                {movements.length === 0 ? 'Nothing was handed in or back on this day.' : `${plural(movements.length, 'movement')}: ${logTotals(movements)}.`}
              </p>
            </div>
            <div className="rec-actions">
              <Button kind="secondary" onClick={() => void print()} disabled={busy !== null}>
                {busy === 'print' ? 'Preparing…' : 'Print the log'}
              </Button>
              <Button kind="secondary" onClick={() => void saveCsv()} disabled={busy !== null}>
                {busy === 'csv' ? 'Saving…' : 'Download CSV'}
              </Button>
            </div>
          </div>
          {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
          {movements.length > 0 && <MovementTable movements={movements} day={log.day} />}
        </div>
      )}
    </section>
  );
}

// ---- the term summary -------------------------------------------------------------------------

function Figure({ n, one, many, about }: { n: number; one: string; many: string; about: string }) {
  return (
    <li className="rec-figure">
      <span className="rec-figure-n">{n.toLocaleString('en-GB')}</span>
      <span className="rec-figure-what">{n === 1 ? one : many}</span>
      <span className="rec-figure-about">{about}</span>
    </li>
  );
}

function returnedWords(collectedBy: string | null): string {
  if (collectedBy === null) return 'Still held';
  return collectedBy.toLowerCase() === 'pupil' ? 'The pupil' : collectedBy;
}

function TermFigures({ term }: { term: PhoneTerm }) {
  const items = term.heldWithoutPermissionItems;
  const stillHeld = items.filter((i) => i.collectedBy === null).length;
  return (
    <div className="rec-term">
      <h3 className="rec-term-dates">
        {dayWords(term.from)} to {dayWords(term.to)}
      </h3>
      <ul className="rec-figures">
        <Figure n={term.checkIns} one="check-in" many="check-ins" about="Mornings a pupil handed in a phone with permission." />
        <Figure n={term.itemsCheckedIn} one="item checked in" many="items checked in" about="With permission: a phone and a smartwatch count as two." />
        <Figure n={term.heldWithoutPermission} one="held without permission" many="held without permission" about="Items taken in from pupils without permission." />
        <Figure n={term.notCollected} one="not collected on the day" many="not collected on the day" about="Collected on a later day, or still held." />
      </ul>
      <h3 id="held-heading">
        Items held without permission <span className="rec-count">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="rec-empty">No items were taken in without permission between these dates.</p>
      ) : (
        <>
          <p className="rec-lead">
            For follow-up with parents and carers.{stillHeld > 0 ? ` ${stillHeld === 1 ? '1 item is' : `${stillHeld} items are`} still held in the office.` : ''}
          </p>
          <div className="rec-table-wrap">
            <table className="rec-table" aria-labelledby="held-heading">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Pupil</th>
                  <th scope="col">Class</th>
                  <th scope="col">Item</th>
                  <th scope="col">Description</th>
                  <th scope="col">Returned to</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.itemId}>
                    <td>{dayWords(i.day)}</td>
                    <th scope="row">
                      <Link href={pupilHref(i.pupilId)} className="rec-pupil-link">
                        {fullName(i)}
                      </Link>
                    </th>
                    <td className="nowrap">{i.regGroup}</td>
                    <td>{KIND_WORDS[i.kind]}</td>
                    <td>{i.description || <span className="rec-muted">None</span>}</td>
                    <td>{i.collectedBy === null ? <span className="rec-flag">Still held</span> : returnedWords(i.collectedBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function TermSummary({ today }: { today: string }) {
  const [from, setFrom] = useState(() => schoolYearStart(today));
  const [to, setTo] = useState(today);
  const [term, setTerm] = useState<PhoneTerm | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const asked = useRef(0);

  async function load(range: { from: string; to: string }) {
    const ask = ++asked.current;
    setLoading(true);
    const r = await call('getPhoneTerm', range);
    if (ask !== asked.current) return;
    setLoading(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setTerm(r.value);
  }

  useEffect(() => {
    void load({ from: schoolYearStart(today), to: today });
  }, [today]);

  function show(e: FormEvent) {
    e.preventDefault();
    if (!isRealDate(from)) return setError({ code: 'INVALID', message: 'Enter the first day, for example 01/09/2026.', field: 'from' });
    if (!isRealDate(to)) return setError({ code: 'INVALID', message: 'Enter the last day, for example 27/11/2026.', field: 'to' });
    void load({ from, to });
  }

  const { field, form } = splitError(error, ['from', 'to']);

  return (
    <section className="rec-section" aria-labelledby="term-heading">
      <h2 id="term-heading">Term summary</h2>
      <p className="rec-lead">How phones have been handed in between two days, and the items taken in without permission.</p>
      <form className="rec-date-form" onSubmit={show} noValidate>
        <TextField label="From" type="date" value={from} onValue={setFrom} error={field.from} max="9999-12-31" />
        <TextField label="To" type="date" value={to} onValue={setTo} error={field.to} max="9999-12-31" />
        <Button type="submit" kind="secondary" disabled={loading}>
          Show the summary
        </Button>
      </form>
      {form && <Notice kind="error">{form}</Notice>}
      {!term && loading && <Loading what="Loading the summary" />}
      {term && <TermFigures term={term} />}
    </section>
  );
}

// ---- the screen -------------------------------------------------------------------------------

export function PhoneLog() {
  const day = useLoad('getSchoolDay');
  if (day.error) return <Notice kind="error">{day.error.message}</Notice>;
  if (!day.data) return <Loading />;
  return (
    <div className="rec-page">
      <DailyLog today={day.data.date} />
      <TermSummary today={day.data.date} />
    </div>
  );
}
