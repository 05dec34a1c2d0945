/**
 * Home time (issue 6; policy 6.3.2): handing back what the office holds.
 *
 * - A scan field at the top ("Scan a card to hand back", always focused after an action): a pupil
 *   card scanned hands everything of that pupil's back to the pupil at once, with a large
 *   "Fetch from slot 12" confirmation; a refusal says why and records nothing. No dialogs: the next
 *   scan always lands in the field.
 * - The list of items still held, by class, one row per pupil: "Hand to pupil" (not offered, and
 *   why, when an item is for a parent/carer only), or "Collected by" one of the pupil's collectors
 *   and "Hand back". A filter ("Find a pupil") for a pupil leaving early.
 * - "Left without phone" from the time in Settings: who to ring before the office closes.
 * - The list refreshes after each action and every minute while the page is open.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { CheckOutDone, HeldItem, HeldPupil, HomeTime as HomeTimeData, ItemKind, LeftWithoutPhone } from '../../../electron/api/contract';
import { call, splitError, type ApiError } from '../../app/api';
import { Button, Loading, Notice } from '../../components/ui';
import { longDate } from '../../print/format';
import { fullName, plural, yearWords } from '../pupils/words';
import './hometime.css';

/** How often the list is fetched again while the screen is open. */
export const REFRESH_MS = 60_000;

// ---- words ------------------------------------------------------------------------------------

const KIND_WORDS: Record<ItemKind, string> = { phone: 'Phone', smartwatch: 'Smartwatch', tablet: 'Tablet', other: 'Other' };

/** A scanned or typed card: spaces and dashes removed, upper case; null when it is not a card's shape. */
export function scannedToken(raw: string): string | null {
  const t = raw.replace(/[\s-]/g, '').toUpperCase();
  return /^K[A-Z][A-Z2-7]{16}$/.test(t) ? t : null;
}

/** ['a'] → 'a'; ['a','b'] → 'a and b'; ['a','b','c'] → 'a, b and c'. */
function andList(xs: readonly string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** 'phone', 'phone and smartwatch' (lower case, for a sentence). */
function itemsWords(items: readonly HeldItem[]): string {
  return andList(items.map((i) => KIND_WORDS[i.kind].toLowerCase()));
}

/** Where to fetch the items from: 'Fetch from slot 12', '… slots 3 and 4', or the office drawer. */
export function fetchWords(slots: readonly number[], items: readonly HeldItem[]): string {
  const drawer = items.some((i) => i.slot === null);
  if (slots.length === 0) return 'Held without permission: in the office drawer';
  const where = slots.length === 1 ? `slot ${slots[0]}` : `slots ${andList(slots.map(String))}`;
  return `Fetch from ${where}${drawer ? ' and the office drawer' : ''}`;
}

function freeWords(slots: readonly number[]): string {
  if (slots.length === 0) return '';
  return slots.length === 1 ? ` Slot ${slots[0]} is free.` : ` Slots ${andList(slots.map(String))} are free.`;
}

/** The line after a hand-back from the list. */
export function handedBackWords(done: CheckOutDone): string {
  const pupil = fullName(done);
  const what = itemsWords(done.items);
  if (done.collectedBy === 'Pupil') return `Handed back to ${pupil} at ${done.time}: their ${what}.${freeWords(done.slots)}`;
  return `Handed back to ${done.collectedBy} at ${done.time}: ${pupil}’s ${what}.${freeWords(done.slots)}`;
}

function classHeading(p: { yearGroup: number; regGroup: string }): string {
  return p.regGroup ? `${yearWords(p.yearGroup)} — ${p.regGroup}` : yearWords(p.yearGroup);
}

/** Lower case without accents, for "part of a name". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function countItems(pupils: readonly { items: readonly unknown[] }[]): number {
  return pupils.reduce((n, p) => n + p.items.length, 0);
}

// ---- the list, fetched now, after each action and every minute -------------------------------

interface Loaded {
  data: HomeTimeData | null;
  /** The first load failed (nothing to show). */
  error: ApiError | null;
  /** A later refresh failed: the list shown may be out of date. */
  stale: ApiError | null;
}

function useHomeTime(): Loaded & { reload(): void } {
  const [state, setState] = useState<Loaded>({ data: null, error: null, stale: null });
  const seq = useRef(0);
  const pending = useRef(0);
  const live = useRef(true);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    pending.current += 1;
    void call('getHomeTime').then((r) => {
      pending.current -= 1;
      if (!live.current || mine !== seq.current) return;
      setState((s) => (r.ok ? { data: r.value, error: null, stale: null } : s.data ? { ...s, stale: r.error } : { data: null, error: r.error, stale: null }));
    });
  }, []);
  useEffect(() => {
    live.current = true;
    reload();
    const timer = window.setInterval(() => {
      // cheaply: not while the window is hidden, nor while an answer is still on its way
      if (document.visibilityState === 'hidden' || pending.current > 0) return;
      reload();
    }, REFRESH_MS);
    return () => {
      live.current = false;
      window.clearInterval(timer);
    };
  }, [reload]);
  return { ...state, reload };
}

// ---- pieces -----------------------------------------------------------------------------------

function ItemLine({ item, today }: { item: HeldItem; today: string }) {
  const older = item.day < today;
  return (
    <li className="ht-item">
      <span className="ht-kind">{KIND_WORDS[item.kind]}</span>
      {item.description && <span className="ht-desc"> ({item.description})</span>}
      {item.slot !== null ? <span className="ht-slot">Slot {item.slot}</span> : <span className="ht-tag">Held without permission</span>}
      {item.parentOnly && <span className="ht-tag ht-tag-parent">Parent/carer only</span>}
      {older && (
        <span className="ht-tag ht-tag-old">
          <strong>Not collected</strong> — from {longDate(item.day, { year: false })}
        </span>
      )}
    </li>
  );
}

function ItemList({ items, today }: { items: readonly HeldItem[]; today: string }) {
  return (
    <ul className="ht-items">
      {items.map((i) => (
        <ItemLine key={i.itemId} item={i} today={today} />
      ))}
    </ul>
  );
}

function NoCollectors({ pupil }: { pupil: { pupilId: number; forename: string; surname: string } }) {
  return (
    <p className="ht-why">
      No contact is allowed to collect {fullName(pupil)}.{' '}
      <Link href={`~/staff/pupils/${pupil.pupilId}`}>Check {pupil.forename}’s contacts</Link>.
    </p>
  );
}

/** One pupil in the list: their items and the hand-back actions, inline. */
function PupilRow({ pupil, today, onDone }: { pupil: HeldPupil; today: string; onDone: (done: CheckOutDone) => void }) {
  const name = fullName(pupil);
  const [contactId, setContactId] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const base = useId();
  const headingId = `${base}-name`;
  const radiosRef = useRef<HTMLFieldSetElement>(null);
  const chosen = pupil.collectors.some((c) => c.id === contactId) ? contactId : null;

  async function handBack(input: { pupilId: number; collectedBy: 'pupil' } | { pupilId: number; collectedBy: 'contact'; contactId: number }) {
    setBusy(true);
    setError(null);
    const r = await call('phoneCheckOut', input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value);
  }

  function toContact(e: FormEvent) {
    e.preventDefault();
    if (chosen === null) {
      setError({ code: 'INVALID', message: `Choose who is collecting ${pupil.forename}’s items.`, field: 'contactId' });
      radiosRef.current?.querySelector('input')?.focus();
      return;
    }
    void handBack({ pupilId: pupil.pupilId, collectedBy: 'contact', contactId: chosen });
  }

  const errors = splitError(error, ['collectedBy', 'contactId']);
  const contactError = errors.field.contactId;
  const pupilError = errors.field.collectedBy;
  const parentItems = pupil.items.filter((i) => i.parentOnly);

  return (
    <li className="ht-pupil" aria-labelledby={headingId} data-testid={`held-pupil-${pupil.pupilId}`}>
      <div className="ht-who">
        <h5 id={headingId} className="ht-name">
          {name}
        </h5>
        <ItemList items={pupil.items} today={today} />
      </div>
      {pupil.parentOnly ? (
        <p className="ht-to-pupil ht-why">
          Not handed to the pupil: the {itemsWords(parentItems)} {parentItems.length === 1 ? 'is' : 'are'} for a parent/carer to collect.
        </p>
      ) : (
        <div className="ht-to-pupil">
          {pupilError && (
            <p className="ht-row-error" role="alert">
              {pupilError}
            </p>
          )}
          <Button kind="secondary" disabled={busy} onClick={() => void handBack({ pupilId: pupil.pupilId, collectedBy: 'pupil' })}>
            Hand to pupil<span className="visually-hidden">: {name}</span>
          </Button>
        </div>
      )}
      <div className="ht-to-contact">
        {pupil.collectors.length === 0 ? (
          <NoCollectors pupil={pupil} />
        ) : (
          <form className="ht-collect" onSubmit={toContact} noValidate>
            <fieldset
              ref={radiosRef}
              className={`ht-collectors ${contactError ? 'field-invalid' : ''}`.trim()}
              aria-describedby={contactError ? `${base}-contact-error` : undefined}
            >
              <legend>
                Collected by<span className="visually-hidden"> (for {name})</span>
              </legend>
              {contactError && (
                <p className="field-error" id={`${base}-contact-error`} role="alert">
                  {contactError}
                </p>
              )}
              {pupil.collectors.map((c) => (
                <div className="ht-radio" key={c.id}>
                  <input
                    type="radio"
                    id={`${base}-c${c.id}`}
                    name={`${base}-collector`}
                    value={String(c.id)}
                    checked={chosen === c.id}
                    onChange={() => {
                      setContactId(c.id);
                      if (error?.field === 'contactId') setError(null);
                    }}
                  />
                  <label htmlFor={`${base}-c${c.id}`}>
                    <span>
                      {c.name}
                      {c.relationship && <span className="ht-rel">, {c.relationship}</span>}
                    </span>
                  </label>
                </div>
              ))}
            </fieldset>
            <Button type="submit" kind="primary" disabled={busy}>
              Hand back<span className="visually-hidden">: {name}</span>
            </Button>
          </form>
        )}
      </div>
      {errors.form && (
        <p className="ht-row-error ht-row-error-wide" role="alert">
          {errors.form}
        </p>
      )}
    </li>
  );
}

function ClassGroup({ pupils, today, onDone }: { pupils: HeldPupil[]; today: string; onDone: (done: CheckOutDone) => void }) {
  const first = pupils[0]!;
  const id = useId();
  return (
    <section className="ht-class" aria-labelledby={id}>
      <h4 id={id} className="ht-class-heading">
        {classHeading(first)}{' '}
        <span className="ht-count">
          {plural(pupils.length, 'pupil')}, {plural(countItems(pupils), 'item')}
        </span>
      </h4>
      <ul className="ht-pupils">
        {pupils.map((p) => (
          <PupilRow key={p.pupilId} pupil={p} today={today} onDone={onDone} />
        ))}
      </ul>
    </section>
  );
}

function groupByClass(pupils: readonly HeldPupil[]): HeldPupil[][] {
  const groups = new Map<string, HeldPupil[]>();
  for (const p of pupils) {
    const key = `${p.yearGroup}|${p.regGroup}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()];
}

function LeftWithoutPhoneSection({ data }: { data: HomeTimeData }) {
  const left: LeftWithoutPhone[] | null = data.leftWithoutPhone;
  if (left === null) {
    return (
      <p className="ht-left-later" data-testid="left-without-phone-later">
        From {data.leftWithoutPhoneFrom}, pupils who have left without their phone are listed here.
      </p>
    );
  }
  if (left.length === 0) {
    return (
      <section className="ht-left ht-left-none" aria-labelledby="ht-left-heading" data-testid="left-without-phone">
        <h3 id="ht-left-heading">Left without phone: no one</h3>
        <p>Nothing is left in the office. Every item has been collected.</p>
      </section>
    );
  }
  return (
    <section className="ht-left" aria-labelledby="ht-left-heading" data-testid="left-without-phone">
      <h3 id="ht-left-heading">
        Left without phone <span className="ht-count">{plural(left.length, 'pupil')}</span>
      </h3>
      <p className="ht-left-lead">
        It is after {data.leftWithoutPhoneFrom} and these pupils’ items are still here. Ring home before the office closes.
      </p>
      <div className="con-table-wrap">
        <table className="ht-left-table">
          <caption className="visually-hidden">Pupils who have left without their items, and who to ring</caption>
          <thead>
            <tr>
              <th scope="col" className="ht-col-pupil">
                Pupil
              </th>
              <th scope="col" className="ht-col-items">
                Items
              </th>
              <th scope="col">Who to ring</th>
            </tr>
          </thead>
          <tbody>
            {left.map((p) => (
              <tr key={p.pupilId} data-testid={`left-pupil-${p.pupilId}`}>
                <th scope="row">
                  <span className="ht-left-name">{fullName(p)}</span>
                  {p.regGroup && <span className="ht-left-class">Class {p.regGroup}</span>}
                </th>
                <td>
                  <ItemList items={p.items} today={data.day} />
                </td>
                <td>
                  {p.contacts.length === 0 ? (
                    <NoCollectors pupil={p} />
                  ) : (
                    <ul className="ht-ring">
                      {p.contacts.map((c) => (
                        <li key={c.id}>
                          <span className="ht-ring-who">
                            {c.name}
                            {c.relationship && <span className="ht-rel">, {c.relationship}</span>}
                          </span>{' '}
                          {c.phone ? (
                            <a className="ht-tel" href={telHref(c.phone)}>
                              {c.phone}
                            </a>
                          ) : (
                            <span className="ht-muted">no phone number</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function HeldList({ data, onDone }: { data: HomeTimeData; onDone: (done: CheckOutDone) => void }) {
  const [query, setQuery] = useState('');
  const q = fold(query.trim());
  const shown = useMemo(() => (q ? data.pupils.filter((p) => fold(fullName(p)).includes(q) || fold(`${p.surname} ${p.forename}`).includes(q)) : data.pupils), [data.pupils, q]);
  const groups = useMemo(() => groupByClass(shown), [shown]);
  const allGroups = useMemo(() => groupByClass(data.pupils), [data.pupils]);
  const items = countItems(data.pupils);

  return (
    <section className="ht-held" aria-labelledby="ht-held-heading">
      <h3 id="ht-held-heading">Still held</h3>
      <div className="ht-summary">
        <p className="ht-total" data-testid="held-total">
          <strong>{plural(items, 'item')}</strong> held for {plural(data.pupils.length, 'pupil')}
        </p>
        <ul className="ht-class-counts" aria-label="Items held by class">
          {allGroups.map((g) => (
            <li key={`${g[0]!.yearGroup}|${g[0]!.regGroup}`}>
              <span className="ht-class-name">{g[0]!.regGroup || yearWords(g[0]!.yearGroup)}</span> {plural(countItems(g), 'item')}
            </li>
          ))}
        </ul>
      </div>
      <div className="field ht-find">
        <label htmlFor="find-pupil">Find a pupil</label>
        <p className="hint" id="find-pupil-hint">
          Type part of a name, for a pupil leaving early (ill, appointment).
        </p>
        <input
          id="find-pupil"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="find-pupil-hint find-pupil-count"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <p className="ht-find-count" id="find-pupil-count" aria-live="polite">
          {q ? (shown.length === 0 ? `No pupil with items held matches “${query.trim()}”.` : `Showing ${plural(shown.length, 'pupil')} of ${data.pupils.length}.`) : ''}
        </p>
      </div>
      {groups.map((g) => (
        <ClassGroup key={`${g[0]!.yearGroup}|${g[0]!.regGroup}`} pupils={g} today={data.day} onDone={onDone} />
      ))}
    </section>
  );
}

// ---- the scan ---------------------------------------------------------------------------------

type ScanResult = { kind: 'done'; done: CheckOutDone } | { kind: 'refused'; message: string } | { kind: 'not-card'; text: string };

function ScanConfirmation({ done }: { done: CheckOutDone }) {
  return (
    <div className="ht-confirm" role="status" data-testid="checkout-confirmation">
      <p className="ht-confirm-fetch">{fetchWords(done.slots, done.items)}</p>
      <p className="ht-confirm-who">
        <strong>{fullName(done)}</strong>
        {done.regGroup && <span className="ht-confirm-class">{done.regGroup}</span>}
      </p>
      <ul className="ht-items ht-confirm-items">
        {done.items.map((i) => (
          <li key={i.itemId} className="ht-item">
            <span className="ht-kind">{KIND_WORDS[i.kind]}</span>
            {i.description && <span className="ht-desc"> ({i.description})</span>}
            {i.slot !== null ? <span className="ht-slot">Slot {i.slot}</span> : <span className="ht-tag">Held without permission</span>}
          </li>
        ))}
      </ul>
      <p className="ht-confirm-time">Handed back to the pupil at {done.time}.</p>
    </div>
  );
}

function ScanRefusal({ message }: { message: string }) {
  const nothing = /nothing was recorded/i.test(message);
  return (
    <div className="ht-refused" role="alert" data-testid="checkout-refusal">
      <p className="ht-refused-title">Not handed back</p>
      <p>{message}</p>
      {!nothing && <p>Nothing was recorded.</p>}
    </div>
  );
}

// ---- the page ---------------------------------------------------------------------------------

export function HomeTime() {
  const { data, error, stale, reload } = useHomeTime();
  const [scan, setScan] = useState('');
  const [result, setResult] = useState<ScanResult | null>(null);
  const [line, setLine] = useState('');
  const scanRef = useRef<HTMLInputElement>(null);

  const focusScan = useCallback(() => scanRef.current?.focus(), []);
  // On arrival: after the console has moved focus to the page (its effect runs after ours).
  useEffect(() => {
    const t = window.setTimeout(focusScan, 0);
    return () => window.clearTimeout(t);
  }, [focusScan]);

  function submitScan(e: FormEvent) {
    e.preventDefault();
    const raw = scan.trim();
    if (!raw) return;
    const token = scannedToken(raw);
    if (!token) {
      setResult({ kind: 'not-card', text: raw });
      setLine('');
      scanRef.current?.select();
      return;
    }
    setScan('');
    void call('phoneCheckOut', { token }).then((r) => {
      setLine('');
      setResult(r.ok ? { kind: 'done', done: r.value } : { kind: 'refused', message: r.error.message });
      if (r.ok) reload();
      focusScan();
    });
  }

  const onRowDone = useCallback(
    (done: CheckOutDone) => {
      setResult(null);
      setLine(handedBackWords(done));
      reload();
      focusScan();
    },
    [reload, focusScan],
  );

  return (
    <section className="ht" aria-labelledby="ht-heading">
      <h2 id="ht-heading">Home time</h2>
      {data && <p className="ht-day">{longDate(data.day)}</p>}

      <form className="ht-scan" onSubmit={submitScan} noValidate>
        <label htmlFor="scan-out">Scan a card to hand back</label>
        <p className="hint" id="scan-out-hint">
          The pupil collects their own items. For a parent/carer, or a pupil without their card, use the list below.
        </p>
        <input
          id="scan-out"
          ref={scanRef}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby="scan-out-hint"
          value={scan}
          onChange={(e) => setScan(e.target.value)}
        />
      </form>

      <div className="ht-outcome">
        {result?.kind === 'done' && <ScanConfirmation done={result.done} />}
        {result?.kind === 'refused' && <ScanRefusal message={result.message} />}
        {result?.kind === 'not-card' && (
          <div className="ht-refused" role="alert" data-testid="checkout-refusal">
            <p className="ht-refused-title">That is not a card</p>
            <p>
              “{result.text}” is not a pupil card. Scan the pupil’s card again, or find them by name in “Find a pupil” below. Nothing was recorded.
            </p>
          </div>
        )}
        <div className="ht-done" role="status" aria-live="polite" data-testid="handback-line">
          {line && <p>{line}</p>}
        </div>
      </div>

      {error && !data && (
        <Notice kind="error">
          <p>The home-time list could not be loaded: {error.message}</p>
          <Button kind="secondary" onClick={reload}>
            Try again
          </Button>
        </Notice>
      )}
      {!data && !error && <Loading what="Loading the home-time list" />}
      {stale && data && (
        <p className="ht-stale" role="alert">
          The list could not be refreshed ({stale.message}). It may be out of date.{' '}
          <Button kind="quiet" onClick={reload}>
            Try again
          </Button>
        </p>
      )}

      {data &&
        (data.pupils.length === 0 ? (
          <>
            <div className="ht-empty" data-testid="home-time-empty">
              <p className="ht-empty-title">Everything has been handed back.</p>
              <p>Nothing is held in the office on {longDate(data.day)}.</p>
            </div>
            <LeftWithoutPhoneSection data={data} />
          </>
        ) : (
          <>
            <LeftWithoutPhoneSection data={data} />
            <HeldList data={data} onDone={onRowDone} />
          </>
        ))}
    </section>
  );
}
