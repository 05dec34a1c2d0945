/**
 * Visitors › Breaches (policy 6.4.4): staff challenge a visitor who breaks the phone rules and tell
 * the DSL. The list (newest first) says what happened, to whom, when, who reported it and whether
 * the DSL has been told ("DSL told" records it now); "Report a breach" opens the form inline. The
 * same form opens on a visit's page, filled in with that visit.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { Breach, BreachKind, InputOf, Visit } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { Button, Checkbox, ChoiceGroup, Loading, Notice, SelectField, TextField } from '../../components/ui';
import { useTimeZone } from './context';
import { MessageBox, type Message } from './VisitActions';
import { BREACH_WORDS, byWords, clock, localNow, momentWords } from './words';

const FIELDS = ['person', 'visitId', 'occurredAt', 'kind', 'what', 'dslTold'] as const;
const KINDS = Object.keys(BREACH_WORDS) as BreachKind[];

/** What happened, in words: the kind, and the few words typed. */
export function breachWords(b: Pick<Breach, 'kind' | 'what'>): string {
  const what = b.what.trim();
  if (b.kind === 'other') return what ? `Other: ${what}` : 'Other';
  return what ? `${BREACH_WORDS[b.kind]}: ${what}` : BREACH_WORDS[b.kind];
}

/** "Report a breach": who, which visit (optional), when, what happened, whether the DSL was told. */
export function ReportBreach({ fixedVisit, onDone, onCancel }: { fixedVisit?: Visit; onDone: (b: Breach) => void; onCancel: () => void }) {
  const timeZone = useTimeZone();
  const ids = useId();
  const onSite = useLoad('listOnSite', undefined, fixedVisit ? 'fixed' : 'choose');
  const [person, setPerson] = useState(fixedVisit?.name ?? '');
  const [visitId, setVisitId] = useState<number | null>(fixedVisit?.id ?? null);
  const [occurredAt, setOccurredAt] = useState(() => localNow(timeZone));
  const [kind, setKind] = useState<BreachKind | ''>('');
  const [what, setWhat] = useState('');
  const [dslTold, setDslTold] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { field, form } = splitError(error, FIELDS);

  useEffect(() => headingRef.current?.focus(), []);

  const choices = (onSite.data?.visits ?? []).filter((v) => v.status === 'on-site');

  function chooseVisit(value: string) {
    const id = value ? Number(value) : null;
    const before = choices.find((v) => v.id === visitId);
    const chosen = choices.find((v) => v.id === id);
    setVisitId(id);
    if (chosen && (person.trim() === '' || person === before?.name)) setPerson(chosen.name);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!person.trim()) return setError({ code: 'INVALID', message: 'Enter the name of the person.', field: 'person' });
    if (!kind) return setError({ code: 'INVALID', message: 'Choose what happened.', field: 'kind' });
    if (kind === 'other' && !what.trim()) return setError({ code: 'INVALID', message: 'Say briefly what happened.', field: 'what' });
    setBusy(true);
    setError(null);
    const input: InputOf<'reportBreach'> = { person: person.trim(), kind, dslTold };
    if (visitId !== null) input.visitId = visitId;
    if (occurredAt) input.occurredAt = occurredAt;
    if (what.trim()) input.what = what.trim();
    const r = await call('reportBreach', input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value);
  }

  return (
    <section className="con-panel vis-panel" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`} ref={headingRef} tabIndex={-1}>
        Report a breach
      </h3>
      <p className="vis-never" role="note">
        Never write the names of children, or what was on the phone.
      </p>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="Report a breach">
        <TextField
          id={`${ids}-person`}
          label="Who"
          hint="The visitor’s name."
          maxLength={80}
          autoComplete="off"
          value={person}
          error={field.person}
          onValue={(v) => {
            setPerson(v);
            if (error?.field === 'person') setError(null);
          }}
        />
        {fixedVisit ? (
          <p className="vis-fixed-visit">
            Visit: {fixedVisit.name}, signed in {momentWords(fixedVisit.signedInAt, timeZone)}
          </p>
        ) : (
          <SelectField
            id={`${ids}-visit`}
            label="Their visit (optional)"
            value={visitId === null ? '' : String(visitId)}
            error={field.visitId}
            options={[
              { value: '', label: onSite.data ? 'Not linked to a visit' : 'Loading who is on site…' },
              ...choices.map((v) => ({ value: String(v.id), label: `${v.name} (${v.typeLabel}, in at ${clock(v.signedInAt, timeZone)})` })),
            ]}
            onValue={chooseVisit}
          />
        )}
        <TextField
          id={`${ids}-when`}
          label="When"
          hint="The date and time it happened (now, unless you change it)."
          type="datetime-local"
          className="vis-when-field"
          value={occurredAt}
          error={field.occurredAt}
          onValue={(v) => {
            setOccurredAt(v);
            if (error?.field === 'occurredAt') setError(null);
          }}
        />
        <ChoiceGroup legend="What happened" error={field.kind} className="conf-choice">
          {KINDS.map((k) => (
            <div className="con-radio" key={k}>
              <input
                type="radio"
                id={`${ids}-kind-${k}`}
                name={`${ids}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  if (error?.field === 'kind') setError(null);
                }}
              />
              <label htmlFor={`${ids}-kind-${k}`}>{BREACH_WORDS[k]}</label>
            </div>
          ))}
        </ChoiceGroup>
        <TextField
          id={`${ids}-what`}
          label={kind === 'other' ? 'What happened, in a few words' : 'In a few words (optional)'}
          hint="Where it happened and what you did, for example: in the hall during the nativity; asked them to put the phone away. No children’s names."
          maxLength={300}
          autoComplete="off"
          value={what}
          error={field.what}
          onValue={(v) => {
            setWhat(v);
            if (error?.field === 'what') setError(null);
          }}
        />
        <Checkbox label="The DSL has been told" checked={dslTold} onChecked={setDslTold} hint="Tell the DSL today. If not yet, record it later with “DSL told”." />
        {field.dslTold && (
          <p className="field-error" role="alert">
            {field.dslTold}
          </p>
        )}
        {form && <Notice kind="error">{form}</Notice>}
        <div className="con-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Report the breach'}
          </button>
          <Button kind="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

function DslTold({ breach, onDone }: { breach: Breach; onDone: (m: Message) => void }) {
  const timeZone = useTimeZone();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (breach.dslToldAt) {
    return (
      <>
        Told {momentWords(breach.dslToldAt, timeZone)}
        {breach.dslToldBy && <span className="vis-sub">by {byWords(breach.dslToldBy)}</span>}
      </>
    );
  }
  async function mark() {
    setBusy(true);
    setError(null);
    const r = await call('markBreachDslTold', { id: breach.id });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onDone({ kind: 'success', title: `Recorded: the DSL has been told about ${breach.person}.`, body: `Told ${momentWords(r.value.dslToldAt ?? new Date().toISOString(), timeZone)}.` });
  }
  return (
    <>
      <span className="vis-flag vis-flag-warn">Not yet</span>
      <Button kind="secondary" className="vis-dsl-told" disabled={busy} onClick={() => void mark()}>
        DSL told
      </Button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The breaches as a table (also on a visit's page, for that visit). */
export function BreachTable({ breaches, onDone, showVisit = true }: { breaches: Breach[]; onDone: (m: Message) => void; showVisit?: boolean }) {
  const timeZone = useTimeZone();
  return (
    <div className="con-table-wrap">
      <table className="conf-table vis-breach-table">
        <caption className="visually-hidden">Breaches of the phone rules, newest first.</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What happened</th>
            <th scope="col">Reported by</th>
            <th scope="col">DSL told</th>
          </tr>
        </thead>
        <tbody>
          {breaches.map((b) => (
            <tr key={b.id}>
              <td className="conf-when">{momentWords(b.occurredAt, timeZone)}</td>
              <th scope="row">
                <span className="conf-strong">{b.person}</span>
                {showVisit && b.visitId !== null && (
                  <Link href={`/visit/${b.visitId}`} className="vis-sub">
                    Open the visit
                  </Link>
                )}
              </th>
              <td>{breachWords(b)}</td>
              <td>
                {byWords(b.reportedBy)}
                <span className="vis-sub">{momentWords(b.reportedAt, timeZone)}</span>
              </td>
              <td className="vis-dsl-cell">
                <DslTold breach={b} onDone={onDone} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Breaches() {
  const list = useLoad('listBreaches');
  const [reporting, setReporting] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const timeZone = useTimeZone();

  const done = (m: Message) => {
    setMessage(m);
    list.reload();
  };

  return (
    <div className="vis-page">
      <div className="vis-tab-head">
        <h2>Breaches of the phone rules</h2>
        {!reporting && (
          <Button
            onClick={() => {
              setReporting(true);
              setMessage(null);
            }}
          >
            Report a breach
          </Button>
        )}
      </div>
      <p className="vis-lead">Staff challenge a visitor who breaks the phone rules and tell the DSL (policy 6.4.4). Record each one here.</p>
      <MessageBox message={message} />
      {reporting && (
        <ReportBreach
          onCancel={() => setReporting(false)}
          onDone={(b) => {
            setReporting(false);
            done({
              kind: 'success',
              title: `Breach reported: ${b.person}, ${momentWords(b.occurredAt, timeZone)}.`,
              body: b.dslToldAt ? 'The DSL has been told.' : 'Tell the DSL today, then record it here with “DSL told”.',
            });
          }}
        />
      )}
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      {!list.data && !list.error && <Loading what="Loading the breaches" />}
      {list.data && list.data.length === 0 && <p className="vis-empty">No breaches have been reported.</p>}
      {list.data && list.data.length > 0 && <BreachTable breaches={list.data} onDone={done} />}
    </div>
  );
}
