/**
 * The fire roll call, mounted at /staff/fire (a nested route) and one click from anywhere in the
 * console (the red button in the top bar):
 *
 * - /fire: starts the roll call at once (the API returns the one under way instead, so a double
 *   click or React's strict mode never makes two) and opens it;
 * - /fire/:id: the list. The A4 copy prints by itself, once, when the roll call is opened from the
 *   button; each person has a large "Accounted for" toggle; the counter and the names still missing
 *   are at the top; "End roll call" asks first when anyone is still missing. An ended roll call is
 *   shown read-only, with each person's tick and its time;
 * - /fire/past: the roll calls on record, newest first.
 *
 * No modal dialogs: the confirmation is part of the page, and nothing takes the focus by itself
 * except after the person's own action.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link, Route, Switch, useLocation, useParams } from 'wouter';
import type { RollCall } from '../../../electron/api/contract';
import { call, useLoad } from '../../app/api';
import { Button, ChoiceGroup, Loading, Notice, PageHeader } from '../../components/ui';
import { dateAndTime } from '../../print/format';
import { printLayout, type PrintResult } from '../../print/printer';
import { DEFAULT_TIME_ZONE, whenInWords } from '../Today';
import { countWords, endAnywayWords, ESCORT_WORDS, namesInWords, notAccounted, peopleWords } from './words';
import '../staff.css';
import './rollcall.css';

type Person = RollCall['people'][number];

// ---- printing once ------------------------------------------------------------------------------

/** Roll calls opened from the button whose A4 copy is still to print (taken by the list page). */
const printWanted = new Set<number>();
/** The automatic print of each roll call, once per page (the list shows how it went). */
const printJobs = new Map<number, Promise<PrintResult>>();

export function rollCallRoute(id: number): string {
  return `/print/roll-call?id=${id}`;
}

/** Ask for the automatic print of a roll call just started (nothing if it has printed already). */
function wantPrint(id: number): void {
  if (!printJobs.has(id)) printWanted.add(id);
}

/** The automatic print of this roll call: started now if it was wanted, or the one already running. */
function automaticPrint(id: number): Promise<PrintResult> | undefined {
  if (printWanted.delete(id)) printJobs.set(id, printLayout(rollCallRoute(id), 'a4'));
  return printJobs.get(id);
}

/** For tests: forget which roll calls have printed. */
export function forgetPrints(): void {
  printWanted.clear();
  printJobs.clear();
}

type PrintState = { kind: 'printing' } | { kind: 'printed' } | { kind: 'failed'; message: string };

function printState(r: PrintResult): PrintState {
  return r.printed ? { kind: 'printed' } : { kind: 'failed', message: r.message ?? 'The printer did not answer.' };
}

function PrintLine({ state, ended, onPrint }: { state: PrintState | null; ended: boolean; onPrint: () => void }) {
  return (
    <div className="rc-print">
      <div className="rc-print-state" role="status" aria-live="polite">
        {state?.kind === 'printing' && <p className="rc-print-busy">Printing the roll call…</p>}
        {state?.kind === 'printed' && (
          <p className="rc-print-ok">
            <strong>Printed.</strong> {ended ? 'The result was sent to the printer.' : 'Take the printed list to the assembly point.'}
          </p>
        )}
      </div>
      {state?.kind === 'failed' && (
        <Notice kind="error">
          <p className="notice-title">The roll call was not printed: {state.message}</p>
          <p>The list on this screen still works: tick each person here.</p>
        </Notice>
      )}
      <Button kind="secondary" onClick={onPrint} disabled={state?.kind === 'printing'}>
        {ended ? 'Print the result' : 'Print again'}
      </Button>
    </div>
  );
}

// ---- starting ---------------------------------------------------------------------------------

function StartRollCall() {
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void call('startRollCall').then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      wantPrint(r.value.id);
      navigate(`/${r.value.id}`, { replace: true });
    });
    return () => {
      live = false;
    };
  }, [navigate]);

  return (
    <>
      <PageHeader title="Fire roll call" />
      {error ? (
        <>
          <Notice kind="error">
            <p className="notice-title">The roll call could not be started: {error}</p>
            <p>Take the school’s paper visitors’ list to the assembly point.</p>
          </Notice>
          <p>
            <Link href="/past">Past roll calls</Link>
          </p>
        </>
      ) : (
        <Loading what="Starting the roll call of everyone on site" />
      )}
    </>
  );
}

// ---- one person -------------------------------------------------------------------------------

function detailsOf(p: Person): string[] {
  return [p.typeLabel, p.organisation, p.visiting ? `Visiting ${p.visiting}` : ''].filter(Boolean);
}

function PersonRow({
  person,
  pressed,
  timeZone,
  error,
  onToggle,
}: {
  person: Person;
  pressed: boolean;
  timeZone: string;
  error: string | null;
  onToggle: (p: Person, accounted: boolean) => void;
}) {
  const nameId = useId();
  return (
    <li className={`rc-person ${pressed ? 'rc-person-done' : ''}`.trim()} data-visit={person.visitId} aria-labelledby={nameId}>
      <div className="rc-who">
        <p className="rc-name" id={nameId}>
          {person.name}
        </p>
        <p className="rc-details">{detailsOf(person).join(' · ')}</p>
        <p className="rc-details">
          <span className="rc-escort">{ESCORT_WORDS[person.escort]}</span> · Signed in {whenInWords(person.signedInAt, timeZone)}
          {person.stayReason && (
            <>
              {' · '}
              <span className="rc-staying">Staying: {person.stayReason}</span>
            </>
          )}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="rc-tick">
        <button
          type="button"
          id={`rc-tick-${person.visitId}`}
          className={`rc-toggle ${pressed ? 'rc-toggle-on' : ''}`.trim()}
          aria-pressed={pressed}
          aria-label={`Accounted for: ${person.name}`}
          onClick={() => onToggle(person, !pressed)}
        >
          <span className="rc-box" aria-hidden="true">
            {pressed ? '✓' : ''}
          </span>
          Accounted for
        </button>
        {person.accountedAt && person.accountedBy !== null && pressed && (
          <p className="rc-ticked">
            Ticked by {person.accountedBy} {whenInWords(person.accountedAt, timeZone)}
          </p>
        )}
      </div>
    </li>
  );
}

// ---- the roll call under way ------------------------------------------------------------------

function UnderWay({ rc, timeZone, onChanged }: { rc: RollCall; timeZone: string; onChanged: (rc: RollCall, ended?: boolean) => void }) {
  const [pending, setPending] = useState<ReadonlyMap<number, boolean>>(new Map());
  const [errors, setErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const sent = useRef(0);
  const applied = useRef(0);
  const filterName = useId();
  const endButtonId = useId();
  const question = useRef<HTMLParagraphElement>(null);
  const counter = useRef<HTMLParagraphElement>(null);

  const isPressed = (p: Person) => pending.get(p.visitId) ?? p.accountedAt !== null;
  const accounted = rc.people.filter(isPressed).length;
  const missing = rc.people.filter((p) => !isPressed(p));
  const shown = onlyMissing ? missing : rc.people;

  async function toggle(p: Person, value: boolean) {
    if (onlyMissing && value) {
      // the row leaves the filtered list: the focus goes to the next person still missing
      const i = missing.findIndex((m) => m.visitId === p.visitId);
      const next = missing[i + 1] ?? missing[i - 1];
      requestAnimationFrame(() => (next ? document.getElementById(`rc-tick-${next.visitId}`) : counter.current)?.focus());
    }
    setPending((m) => new Map(m).set(p.visitId, value));
    setErrors((m) => {
      const n = new Map(m);
      n.delete(p.visitId);
      return n;
    });
    setConfirming(false);
    const seq = ++sent.current;
    const r = await call('accountFor', { rollCallId: rc.id, visitId: p.visitId, accounted: value });
    setPending((m) => {
      const n = new Map(m);
      if (n.get(p.visitId) === value) n.delete(p.visitId);
      return n;
    });
    if (r.ok) {
      if (seq > applied.current) {
        applied.current = seq;
        onChanged(r.value);
      }
    } else {
      setErrors((m) => new Map(m).set(p.visitId, `Not saved: ${r.error.message}`));
      if (r.error.code === 'CONFLICT') onChanged(rc, true);
    }
  }

  function askToEnd() {
    setEndError(null);
    if (missing.length === 0) return void end();
    setConfirming(true);
    requestAnimationFrame(() => question.current?.focus());
  }

  async function end() {
    setEnding(true);
    setEndError(null);
    const r = await call('endRollCall', { id: rc.id });
    setEnding(false);
    if (r.ok) {
      setConfirming(false);
      onChanged(r.value);
    } else {
      setEndError(r.error.message);
      if (r.error.code === 'CONFLICT') onChanged(rc, true);
    }
  }

  const everyone = rc.people.length;
  return (
    <>
      <section className="rc-summary" aria-label="How many are accounted for">
        <p className="rc-count" role="status" aria-live="polite" tabIndex={-1} ref={counter}>
          <span className="rc-count-number">{countWords({ accounted, people: rc.people })}</span>
        </p>
        {everyone > 0 && missing.length === 0 && <p className="rc-all">Everyone is accounted for.</p>}
        {missing.length > 0 && (
          <p className="rc-missing">
            <strong>Not yet accounted for ({missing.length}):</strong> {namesInWords(missing.map((p) => p.name))}
          </p>
        )}
      </section>

      {everyone === 0 ? (
        <Notice kind="info">
          <p className="notice-title">Nobody is signed in as a visitor.</p>
          <p>This roll call is saved with nobody on it. Staff and pupils are counted on the school’s own registers.</p>
        </Notice>
      ) : (
        <section aria-labelledby="rc-people-heading">
          <h2 id="rc-people-heading">Everyone signed in</h2>
          <ChoiceGroup legend="Show" className="role-choice rc-filter">
            <div className="rc-filter-options">
              <div className="con-radio">
                <input type="radio" id={`${filterName}-all`} name={filterName} checked={!onlyMissing} onChange={() => setOnlyMissing(false)} />
                <label htmlFor={`${filterName}-all`}>Everyone ({everyone})</label>
              </div>
              <div className="con-radio">
                <input type="radio" id={`${filterName}-missing`} name={filterName} checked={onlyMissing} onChange={() => setOnlyMissing(true)} />
                <label htmlFor={`${filterName}-missing`}>Not yet accounted for ({missing.length})</label>
              </div>
            </div>
          </ChoiceGroup>
          {shown.length === 0 ? (
            <p className="rc-none-left">Nobody left to account for.</p>
          ) : (
            <ul className="rc-list" aria-label={onlyMissing ? 'Not yet accounted for' : 'Everyone signed in'}>
              {shown.map((p) => (
                <PersonRow key={p.visitId} person={p} pressed={isPressed(p)} timeZone={timeZone} error={errors.get(p.visitId) ?? null} onToggle={(q, v) => void toggle(q, v)} />
              ))}
            </ul>
          )}
        </section>
      )}

      <section className="rc-end" aria-labelledby="rc-end-heading">
        <h2 id="rc-end-heading">When everyone is safe</h2>
        <p>Ending the roll call keeps its result: who was ticked, by whom and when.</p>
        {!confirming && (
          <Button kind="danger" id={endButtonId} onClick={askToEnd} disabled={ending}>
            {ending ? 'Ending…' : 'End roll call'}
          </Button>
        )}
        {confirming && (
          <div className="inline-confirm" role="group" aria-labelledby="rc-end-question">
            <p id="rc-end-question" className="confirm-question" tabIndex={-1} ref={question}>
              {endAnywayWords(missing.length)}
            </p>
            <p className="rc-confirm-names">Not accounted for: {namesInWords(missing.map((p) => p.name))}.</p>
            <div className="form-actions">
              <Button kind="danger" onClick={() => void end()} disabled={ending}>
                {ending ? 'Ending…' : 'End anyway'}
              </Button>
              <Button
                kind="secondary"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => document.getElementById(endButtonId)?.focus());
                }}
                disabled={ending}
              >
                Keep going
              </Button>
            </div>
          </div>
        )}
        {endError && <Notice kind="error">The roll call was not ended: {endError}</Notice>}
      </section>
    </>
  );
}

// ---- an ended roll call -----------------------------------------------------------------------

function Result({ rc, timeZone }: { rc: RollCall; timeZone: string }) {
  const missing = notAccounted(rc.people);
  return (
    <>
      <section className="rc-summary" aria-label="Result">
        <p className="rc-count">
          <span className="rc-count-number">{countWords(rc)}</span>
        </p>
        {rc.people.length > 0 && missing.length === 0 && <p className="rc-all">Everyone was accounted for.</p>}
        {missing.length > 0 && (
          <p className="rc-missing">
            <strong>Not accounted for ({missing.length}):</strong> {namesInWords(missing.map((p) => p.name))}
          </p>
        )}
      </section>
      {rc.people.length === 0 ? (
        <Notice kind="info">
          <p className="notice-title">Nobody was signed in as a visitor.</p>
          <p>This roll call is saved with nobody on it.</p>
        </Notice>
      ) : (
        <div className="con-table-wrap">
          <table className="staff-table rc-table">
            <caption className="visually-hidden">Each person and whether they were accounted for</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Visiting</th>
                <th scope="col">Escort</th>
                <th scope="col">Signed in</th>
                <th scope="col">Accounted for</th>
              </tr>
            </thead>
            <tbody>
              {rc.people.map((p) => (
                <tr key={p.visitId} className="staff-person">
                  <th scope="row">
                    <span className="rc-cell-name">{p.name}</span>
                    <span className="rc-cell-more">{[p.typeLabel, p.organisation].filter(Boolean).join(', ')}</span>
                    {p.stayReason && <span className="rc-cell-more">Staying: {p.stayReason}</span>}
                  </th>
                  <td>{p.visiting}</td>
                  <td>{ESCORT_WORDS[p.escort]}</td>
                  <td>{whenInWords(p.signedInAt, timeZone)}</td>
                  <td>
                    {p.accountedAt ? (
                      <>
                        <span aria-hidden="true">✓ </span>
                        {whenInWords(p.accountedAt, timeZone)}
                        {p.accountedBy ? `, by ${p.accountedBy}` : ''}
                      </>
                    ) : (
                      <strong className="rc-not">Not accounted for</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// ---- the page ---------------------------------------------------------------------------------

function RollCallPage({ id }: { id: number }) {
  const loaded = useLoad('getRollCall', { id }, String(id));
  const settings = useLoad('getSettings');
  const [latest, setLatest] = useState<RollCall | null>(null);
  const [print, setPrint] = useState<PrintState | null>(null);
  const [endedNow, setEndedNow] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const timeZone = settings.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const rc = latest ?? loaded.data;

  useEffect(() => {
    let live = true;
    const job = automaticPrint(id);
    if (job) {
      setPrint({ kind: 'printing' });
      void job.then((r) => {
        if (live) setPrint(printState(r));
      });
    }
    return () => {
      live = false;
    };
  }, [id]);

  async function printAgain() {
    setPrint({ kind: 'printing' });
    setPrint(printState(await printLayout(rollCallRoute(id), 'a4')));
  }

  function changed(next: RollCall, reload = false) {
    if (reload) {
      setLatest(null);
      loaded.reload();
      return;
    }
    if (next.endedAt !== null && rc?.endedAt === null) {
      setEndedNow(true);
      setPrint(null);
      requestAnimationFrame(() => resultHeading.current?.focus());
    }
    setLatest(next);
  }

  const ended = rc !== null && rc.endedAt !== null;
  return (
    <>
      <PageHeader title="Fire roll call">
        <Link href="/past" className="btn btn-secondary">
          Past roll calls
        </Link>
      </PageHeader>
      {loaded.error && !rc && <Notice kind="error">{loaded.error.message}</Notice>}
      {!rc && !loaded.error && <Loading what="Loading the roll call" />}
      {rc && (
        <>
          <div className="rc-head">
            <p className={`rc-state ${ended ? 'rc-state-ended' : 'rc-state-open'}`}>{ended ? 'Ended' : 'Under way'}</p>
            <p>
              Started {whenInWords(rc.startedAt, timeZone)} by {rc.startedBy}.
            </p>
            {ended && rc.endedAt && (
              <p>
                Ended {whenInWords(rc.endedAt, timeZone)}
                {rc.endedBy ? ` by ${rc.endedBy}` : ''}.
              </p>
            )}
            {!ended && <p className="rc-people-count">On the list: everyone signed in as a visitor when it started ({peopleWords(rc.people.length)}).</p>}
          </div>
          <PrintLine state={print} ended={ended} onPrint={() => void printAgain()} />
          {ended ? (
            <>
              <h2 ref={resultHeading} tabIndex={-1} className="rc-result-heading">
                Result
              </h2>
              {endedNow && <Notice kind="success">The roll call has ended. Its result is saved.</Notice>}
              <Result rc={rc} timeZone={timeZone} />
            </>
          ) : (
            <UnderWay rc={rc} timeZone={timeZone} onChanged={changed} />
          )}
        </>
      )}
    </>
  );
}

function RollCallRoute() {
  const { id } = useParams<{ id: string }>();
  if (!/^[1-9][0-9]{0,9}$/.test(id ?? '')) {
    return (
      <>
        <PageHeader title="Roll call not found" />
        <p>
          There is no roll call at this address. See the <Link href="/past">past roll calls</Link>.
        </p>
      </>
    );
  }
  return <RollCallPage key={id} id={Number(id)} />;
}

// ---- past roll calls --------------------------------------------------------------------------

function PastRollCalls() {
  const list = useLoad('listRollCalls');
  const settings = useLoad('getSettings');
  const timeZone = settings.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const rows = list.data ?? [];
  return (
    <>
      <PageHeader title="Past roll calls" />
      <p className="con-lead">Each fire roll call is kept with its result. The red “Fire roll call” button at the top starts a new one at once.</p>
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      {!list.data && !list.error && <Loading what="Loading the roll calls" />}
      {list.data && rows.length === 0 && <p className="con-muted">No roll call has been made yet.</p>}
      {rows.length > 0 && (
        <div className="con-table-wrap">
          <table className="staff-table rc-table">
            <caption className="visually-hidden">Roll calls, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Started by</th>
                <th scope="col">Ended</th>
                <th scope="col">People</th>
                <th scope="col">Accounted for</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="staff-person">
                  <th scope="row">
                    <Link href={`/${r.id}`}>{dateAndTime(new Date(r.startedAt), timeZone)}</Link>
                  </th>
                  <td>{r.startedBy}</td>
                  <td>{r.endedAt ? dateAndTime(new Date(r.endedAt), timeZone) : <strong>Under way</strong>}</td>
                  <td>{r.people}</td>
                  <td>
                    {r.accounted} of {r.people}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function FireRollCall() {
  return (
    <Switch>
      <Route path="/" component={StartRollCall} />
      <Route path="/past" component={PastRollCalls} />
      <Route path="/:id" component={RollCallRoute} />
    </Switch>
  );
}
