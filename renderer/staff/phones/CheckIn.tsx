/**
 * The morning check-in (policy 6.3.2): one big field for the keyboard-wedge scanner. A card scanned
 * (its token and Enter) checks the phone in at once and the field is empty again before the answer
 * comes back, so the next pupil's scan is never merged or lost; several scans may be in flight. The
 * answer is shown large (name, class, slot) or, for a refusal, as an alert that says what to do,
 * with "Take it in" for a pupil without permission. Typing a name instead lists the matching pupils.
 * Nothing here ever opens a dialog, and focus always comes back to the field.
 *
 * Fast on purpose: the field is uncontrolled (a keystroke renders nothing), the lists are memoised,
 * and the answer to a scan is committed synchronously when it arrives.
 */
import { memo, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { CheckInDone, ItemKind, Movement, PhoneDesk, PupilSummary, TakenIn } from '../../../electron/api/contract';
import { call, splitError, type ApiError, type ApiResult } from '../../app/api';
import { Button, Notice } from '../../components/ui';
import { fullName, plural, yearWords } from '../pupils/words';
import './checkin.css';

/** How long typing pauses before a name search runs. */
export const SEARCH_DELAY_MS = 150;
/** A half-typed card token is searched for as a name only after a longer pause (a slow scanner). */
const SCAN_PAUSE_MS = 600;
/** How many pupils a name search shows (asked for a few more, so the older pupils come first). */
export const MATCHES_SHOWN = 8;
const MATCHES_ASKED = 20;
/** How many check-ins the list below keeps. */
export const RECENT_SHOWN = 10;
/** A refusal replaced by the answer to a scan made sooner than this after it appeared was not read: it stays. */
const READ_MS = 700;
/** How long after the last action the counters are asked for again (one request for a burst of scans). */
const COUNTS_DELAY_MS = 1500;

export const KIND_WORDS: Record<ItemKind, string> = { phone: 'Phone', smartwatch: 'Smartwatch', tablet: 'Tablet', other: 'Other' };
const ADD_KINDS: readonly ItemKind[] = ['smartwatch', 'tablet', 'other', 'phone'];
const TAKE_IN_KINDS: readonly ItemKind[] = ['phone', 'smartwatch', 'tablet', 'other'];
const MATCH_TAKE_IN_KINDS: readonly ItemKind[] = ['phone', 'smartwatch'];

/** A scanned (or typed) card token, normalised, or null when the text is not one (then it is a name). */
export function scanToken(text: string): string | null {
  const t = text.toUpperCase().replace(/[\s-]/g, '');
  return /^K[A-Z][A-Z2-7]{16}$/.test(t) ? t : null;
}

/** A token scanned onto the end of another field's text (the scanner types wherever focus is). */
function trailingToken(text: string): { before: string; token: string } | null {
  const m = /^(.*?)(K[A-Z][A-Z2-7]{16})\s*$/i.exec(text);
  return m ? { before: m[1]!.trimEnd(), token: m[2]!.toUpperCase() } : null;
}

/** Where a person types: focus there is deliberate, and is not taken back. */
function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'submit', 'reset', 'checkbox', 'radio', 'image', 'file', 'range', 'color'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Buttons here do not take focus on a click: the scanner keeps typing into the field. */
function keepFocus(e: MouseEvent) {
  e.preventDefault();
}

interface PupilRef {
  pupilId: number;
  forename: string;
  surname: string;
  regGroup: string;
}

type Outcome =
  | { type: 'checked-in'; key: number; done: CheckInDone; added: boolean }
  | { type: 'taken-in'; key: number; done: TakenIn; description: string }
  | {
      type: 'refused';
      key: number;
      title: string;
      message: string;
      pupil: PupilRef | null;
      /** What the office can do instead, right there. */
      offer: 'take-in' | 'add-item' | null;
      /** Looking up whose card it was, to offer "Take it in". */
      finding: boolean;
      arrivedAt: number;
    };

type Refusal = Extract<Outcome, { type: 'refused' }>;

interface View {
  current: Outcome | null;
  /** Refusals that were replaced before anyone could read them (a fast queue). */
  missed: Refusal[];
}

interface Row {
  itemId: number;
  pupilId: number;
  time: string;
  forename: string;
  surname: string;
  regGroup: string;
  slot: number | null;
  kind: ItemKind;
  permitted: boolean;
}

type Counts = Pick<PhoneDesk, 'isSchoolDay' | 'permitted' | 'checkedInToday' | 'heldNow' | 'slotsFree'>;

interface Search {
  query: string;
  matches: PupilSummary[] | null;
  /** The match chosen with the arrow keys (Enter checks it in), or -1. */
  active: number;
  /** More pupils match than are shown. */
  more: boolean;
  note: string | null;
  error: string | null;
}

const NO_SEARCH: Search = { query: '', matches: null, active: -1, more: false, note: null, error: null };

/** What the refusal lets the office do instead. */
export function offerFor(message: string): 'take-in' | 'add-item' | null {
  if (/does not have permission|no free slot/i.test(message)) return 'take-in';
  if (/already checked in/i.test(message)) return 'add-item';
  return null;
}

function rowFromMovement(m: Movement): Row {
  return { itemId: m.itemId, pupilId: m.pupilId, time: m.time, forename: m.forename, surname: m.surname, regGroup: m.regGroup, slot: m.slot, kind: m.kind, permitted: m.movement === 'check-in' };
}

function withRow(rows: Row[], row: Row): Row[] {
  return [row, ...rows.filter((r) => r.itemId !== row.itemId)].slice(0, RECENT_SHOWN);
}

function pupilRef(p: PupilSummary | PupilRef): PupilRef {
  return 'pupilId' in p ? p : { pupilId: p.id, forename: p.forename, surname: p.surname, regGroup: p.regGroup };
}

function failure(e: unknown): ApiError {
  return { code: 'INTERNAL', message: e instanceof Error && e.message ? `Something went wrong: ${e.message}. Nothing was recorded; try again.` : 'Something went wrong. Nothing was recorded; try again.' };
}

/** A call whose answer is always an ApiResult (a thrown error becomes a failure). */
function safely<T>(p: Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  return p.then(
    (r) => r,
    (e: unknown) => ({ ok: false as const, error: failure(e) }),
  );
}

interface Setters {
  setView: (f: (v: View) => View) => void;
  setRows: (f: (r: Row[]) => Row[]) => void;
  setCounts: (f: (c: Counts | null) => Counts | null) => void;
  setCountsError: (e: string | null) => void;
  setSearch: (s: Search | ((s: Search) => Search)) => void;
  input: RefObject<HTMLInputElement | null>;
  root: RefObject<HTMLDivElement | null>;
}

/**
 * Everything the screen does, made once (so the memoised parts below never re-render for a new
 * function). It works through refs and state setters only.
 */
function makeDesk(s: Setters) {
  let live = true;
  let keys = 0;
  let searchSeq = 0;
  let searchTimer: number | undefined;
  let search: Search = NO_SEARCH;
  let countsTimer: number | undefined;
  let countsBusy = false;
  let countsAgain = false;

  function setSearch(next: Search) {
    search = next;
    s.setSearch(next);
  }

  /** Back to the field, unless someone is typing elsewhere on purpose or has gone elsewhere. */
  function refocus() {
    const input = s.input.current;
    if (!input || !live) return;
    const active = document.activeElement;
    if (active === input) return;
    const root = s.root.current;
    const lost = !active || active === document.body || active === root?.closest('main');
    const here = !!active && !!root?.contains(active) && !isTextEntry(active);
    if (lost || here) input.focus();
  }

  function loadCounts(first = false) {
    if (countsBusy) {
      countsAgain = true;
      return;
    }
    countsBusy = true;
    void safely(call('getPhoneDesk')).then((r) => {
      countsBusy = false;
      if (!live) return;
      if (r.ok) {
        const { isSchoolDay, permitted, checkedInToday, heldNow, slotsFree } = r.value;
        s.setCounts(() => ({ isSchoolDay, permitted, checkedInToday, heldNow, slotsFree }));
        s.setCountsError(null);
        // The list comes from the desk once; after that each answer here keeps it up to date.
        if (first) s.setRows((rows) => [...rows, ...r.value.recent.map(rowFromMovement).filter((m) => !rows.some((x) => x.itemId === m.itemId))].slice(0, RECENT_SHOWN));
      } else {
        s.setCountsError(r.error.message);
      }
      if (countsAgain) {
        countsAgain = false;
        loadCounts();
      }
    });
  }

  type CountsChange = Partial<Record<'checkedInToday' | 'heldNow' | 'slotsFree', number>>;

  /** The counters move at once (in the same render as the answer), and are read again when the queue pauses. */
  function countsChanged(change: CountsChange) {
    s.setCounts((c) =>
      c
        ? {
            ...c,
            checkedInToday: c.checkedInToday + (change.checkedInToday ?? 0),
            heldNow: c.heldNow + (change.heldNow ?? 0),
            slotsFree: Math.max(0, c.slotsFree + (change.slotsFree ?? 0)),
          }
        : c,
    );
    window.clearTimeout(countsTimer);
    countsTimer = window.setTimeout(() => loadCounts(), COUNTS_DELAY_MS);
  }

  /** The answer on screen now, in one synchronous render (the bench times Enter to this). */
  function present(next: Outcome, row: Row | null, startedAt: number, counts?: CountsChange) {
    if (!live) return;
    flushSync(() => {
      s.setView((v) => {
        const prev = v.current;
        const unread = prev?.type === 'refused' && prev.key !== next.key && startedAt < prev.arrivedAt + READ_MS;
        return { current: next, missed: unread ? [prev, ...v.missed].slice(0, 3) : v.missed };
      });
      if (row) s.setRows((rows) => withRow(rows, row));
      if (counts) countsChanged(counts);
    });
    refocus();
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(reveal);
  }

  /** On a short screen, scroll so the field and the top of the answer (name and slot) are both in view. */
  function reveal() {
    const root = s.root.current;
    const answer = root?.querySelector('.ci-result');
    if (!root || !answer) return;
    const box = answer.getBoundingClientRect();
    if (box.top >= 0 && box.top + Math.min(box.height, 220) <= window.innerHeight) return;
    root.querySelector('.ci-scan')?.scrollIntoView?.({ block: 'start' });
  }

  function refuse(key: number, error: ApiError, startedAt: number, title: string, who: { pupil: PupilRef } | { token: string }) {
    const offer = offerFor(error.message);
    const pupil = 'pupil' in who ? who.pupil : null;
    const finding = !!offer && !pupil;
    present({ type: 'refused', key, title, message: error.message, pupil, offer, finding, arrivedAt: performance.now() }, null, startedAt);
    if (!finding || !('token' in who)) return;
    // Whose card it was, so "Take it in" (or "Add item") is one tap away.
    void safely(call('lookupCard', { token: who.token })).then((r) => {
      if (!live) return;
      const found = r.ok && r.value.found ? pupilRef(r.value.pupil) : null;
      s.setView((v) => (v.current?.type === 'refused' && v.current.key === key ? { ...v, current: { ...v.current, pupil: found, finding: false } } : v));
    });
  }

  function checkedIn(key: number, done: CheckInDone, startedAt: number, added: boolean) {
    const row: Row = { ...done, permitted: true };
    const first = done.itemsToday === 1;
    present({ type: 'checked-in', key, done, added }, row, startedAt, { heldNow: 1, checkedInToday: first ? 1 : 0, slotsFree: first ? -1 : 0 });
  }

  function dropSearch() {
    searchSeq++;
    window.clearTimeout(searchTimer);
    if (search !== NO_SEARCH) setSearch(NO_SEARCH);
  }

  function clearField() {
    const input = s.input.current;
    if (input) input.value = '';
    dropSearch();
  }

  const desk = {
    refocus,
    /** The field, outright (after a scan rescued from another field). */
    focusField() {
      s.input.current?.focus();
    },
    start() {
      live = true;
      loadCounts(true);
    },
    stop() {
      live = false;
      window.clearTimeout(searchTimer);
      window.clearTimeout(countsTimer);
    },

    /** A card scanned: the field is already empty; the answer is shown whenever it comes. */
    scan(token: string) {
      const key = ++keys;
      const startedAt = performance.now();
      void safely(call('phoneCheckIn', { token })).then((r) => {
        if (r.ok) checkedIn(key, r.value, startedAt, false);
        else refuse(key, r.error, startedAt, 'Not checked in', { token });
      });
    },

    checkInPupil(p: PupilSummary | PupilRef) {
      const pupil = pupilRef(p);
      clearField();
      refocus();
      const key = ++keys;
      const startedAt = performance.now();
      void safely(call('phoneCheckIn', { pupilId: pupil.pupilId })).then((r) => {
        if (r.ok) checkedIn(key, r.value, startedAt, false);
        else refuse(key, r.error, startedAt, 'Not checked in', { pupil });
      });
    },

    /** Another item into the pupil's slot; a problem comes back to the panel that asked. */
    async addItem(pupil: PupilRef, kind: ItemKind): Promise<ApiError | null> {
      const key = ++keys;
      const startedAt = performance.now();
      const r = await safely(call('phoneAddItem', { pupilId: pupil.pupilId, kind }));
      if (!live) return null;
      if (!r.ok) return r.error;
      checkedIn(key, r.value, startedAt, true);
      return null;
    },

    /** "Take it in": held in the office without permission; a problem comes back to whoever asked. */
    async takeIn(pupil: PupilRef, kind: ItemKind, description = ''): Promise<ApiError | null> {
      const key = ++keys;
      const startedAt = performance.now();
      const input: { pupilId: number; kind: ItemKind; description?: string } = { pupilId: pupil.pupilId, kind };
      if (description.trim()) input.description = description.trim();
      const r = await safely(call('phoneTakeIn', input));
      if (!live) return null;
      if (!r.ok) return r.error;
      const done = r.value;
      present(
        { type: 'taken-in', key, done, description: description.trim() },
        { itemId: done.itemId, pupilId: done.pupilId, time: done.time, forename: done.forename, surname: done.surname, regGroup: done.regGroup, slot: null, kind: done.kind, permitted: false },
        startedAt,
        { heldNow: 1 },
      );
      return null;
    },

    /** "Take it in" from the list of names: the list goes, and a problem shows as a refusal. */
    takeInFromMatch(p: PupilSummary, kind: ItemKind) {
      const pupil = pupilRef(p);
      clearField();
      refocus();
      const startedAt = performance.now();
      void desk.takeIn(pupil, kind).then((error) => {
        if (error) refuse(++keys, error, startedAt, 'Not taken in', { pupil });
      });
    },

    dismissMissed(key: number) {
      s.setView((v) => ({ ...v, missed: v.missed.filter((m) => m.key !== key) }));
      refocus();
    },

    /** A keystroke in the field: only a timer is reset (nothing renders while a scan is typed). */
    typed() {
      window.clearTimeout(searchTimer);
      // The start of a card's token (capitals after "K", or a digit) waits longer before it counts as a name.
      const text = s.input.current?.value ?? '';
      const scanning = /\d/.test(text) || /^\s*K[A-Z]{2,}$/.test(text);
      searchTimer = window.setTimeout(() => {
        const q = s.input.current?.value.trim() ?? '';
        if (q.length < 2 || scanToken(q)) {
          if (search !== NO_SEARCH) dropSearch();
          return;
        }
        if (q !== search.query || search.error) void desk.searchNow(q);
      }, scanning ? SCAN_PAUSE_MS : SEARCH_DELAY_MS);
    },

    async searchNow(query: string): Promise<PupilSummary[] | null> {
      window.clearTimeout(searchTimer);
      const n = ++searchSeq;
      const r = await safely(call('searchPupils', { query, limit: MATCHES_ASKED }));
      if (!live || n !== searchSeq) return null;
      if (!r.ok) {
        setSearch({ ...NO_SEARCH, query, error: r.error.message });
        return null;
      }
      // Phones are for the oldest year groups: Year 6 first, then 5, and so on (name order within).
      const sorted = r.value.map((p, i) => ({ p, i })).sort((a, b) => b.p.yearGroup - a.p.yearGroup || a.i - b.i);
      const matches = sorted.slice(0, MATCHES_SHOWN).map((x) => x.p);
      setSearch({ ...NO_SEARCH, query, matches, more: r.value.length > MATCHES_SHOWN });
      return matches;
    },

    /** Enter with a name: one match is checked in; several wait for a choice. */
    async enterName(query: string) {
      if (query.length < 2) {
        setSearch({ ...NO_SEARCH, note: 'Type at least 2 letters of a name, or scan a card.' });
        return;
      }
      const known = search.query === query && search.matches ? search : null;
      const matches = known ? known.matches : await desk.searchNow(query);
      if (!matches || !live) return;
      const chosen = known && known.active >= 0 ? matches[known.active] : matches.length === 1 ? matches[0] : undefined;
      if (chosen) desk.checkInPupil(chosen);
      else if (matches.length > 1) setSearch({ ...search, note: 'Choose a pupil below.' });
    },

    /** The arrow keys move through the names found. */
    move(step: 1 | -1): boolean {
      const n = search.matches?.length ?? 0;
      if (n === 0) return false;
      const active = search.active < 0 ? (step === 1 ? 0 : n - 1) : (search.active + step + n) % n;
      setSearch({ ...search, active, note: null });
      return true;
    },

    clear() {
      clearField();
    },
  };
  return desk;
}

type Desk = ReturnType<typeof makeDesk>;

// ---- the parts of the screen -------------------------------------------------------------------

const Counters = memo(function Counters({ counts }: { counts: Counts | null }) {
  const n = (v: number | undefined) => (counts ? String(v) : '–');
  return (
    <dl className="ci-counts" aria-label="Today">
      <div className="ci-count">
        <dt>Checked in today</dt>
        <dd>
          <span className="ci-count-n">{n(counts?.checkedInToday)}</span>
          {counts && <span className="ci-count-of"> of {counts.permitted} permitted</span>}
        </dd>
      </div>
      <div className="ci-count">
        <dt>Slots free</dt>
        <dd>
          <span className="ci-count-n">{n(counts?.slotsFree)}</span>
        </dd>
      </div>
      <div className="ci-count">
        <dt>Held now</dt>
        <dd>
          <span className="ci-count-n">{n(counts?.heldNow)}</span>
        </dd>
      </div>
    </dl>
  );
});

/** One-tap buttons that act for one pupil; any problem is shown right under them. */
function useAct(desk: Desk, resetKey: number) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Shown again for another answer (kept mounted, which is cheaper than a new one): start afresh.
  const [shownFor, setShownFor] = useState(resetKey);
  if (shownFor !== resetKey) {
    setShownFor(resetKey);
    setBusy(false);
    setError(null);
  }
  async function act(run: () => Promise<ApiError | null>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    const e = await run();
    setBusy(false);
    setError(e);
    desk.refocus();
  }
  return { busy, error, act, setError };
}

function AddItemRow({ pupil, desk, title, resetKey }: { pupil: PupilRef; desk: Desk; title: string; resetKey: number }) {
  const id = useId();
  const { busy, error, act } = useAct(desk, resetKey);
  return (
    <div className="ci-actions" role="group" aria-labelledby={id}>
      <h3 id={id} className="ci-actions-title">
        {title}
      </h3>
      <div className="ci-buttons">
        {ADD_KINDS.map((k) => (
          <Button key={k} kind="secondary" className="ci-add" disabled={busy} onMouseDown={keepFocus} onClick={() => void act(() => desk.addItem(pupil, k))}>
            + {KIND_WORDS[k]}
          </Button>
        ))}
      </div>
      {error && (
        <p className="ci-inline-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}

function TakeInForm({ pupil, desk }: { pupil: PupilRef; desk: Desk }) {
  const id = useId();
  const [description, setDescription] = useState('');
  const { busy, error, act, setError } = useAct(desk, pupil.pupilId);
  const split = splitError(error, ['description']);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    // The scanner types wherever focus is: a card scanned here goes to the check-in instead.
    const scanned = trailingToken(description);
    if (scanned) {
      setDescription(scanned.before);
      setError(null);
      desk.scan(scanned.token);
      desk.focusField();
    }
  }

  return (
    <div className="ci-actions ci-takein" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="ci-actions-title">
        Take it in: {fullName(pupil)}
      </h3>
      <p className="ci-takein-hint">Held in the office without permission, not a confiscation.</p>
      <div className={`field ci-description ${split.field.description ? 'field-invalid' : ''}`.trim()}>
        <label htmlFor={`${id}-description`}>Description (optional)</label>
        {split.field.description && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {split.field.description}
          </p>
        )}
        <input
          id={`${id}-description`}
          value={description}
          maxLength={80}
          autoComplete="off"
          placeholder="For example, black case"
          aria-invalid={split.field.description ? true : undefined}
          aria-describedby={split.field.description ? `${id}-error` : undefined}
          onChange={(e) => setDescription(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="ci-buttons">
        {TAKE_IN_KINDS.map((k) => (
          <Button key={k} kind="secondary" className="ci-takein-button" disabled={busy} onMouseDown={keepFocus} onClick={() => void act(() => desk.takeIn(pupil, k, description))}>
            Take in {KIND_WORDS[k].toLowerCase()}
          </Button>
        ))}
      </div>
      {split.form && (
        <p className="ci-inline-error" role="alert">
          {split.form}
        </p>
      )}
    </div>
  );
}

function Confirmation({ outcome, desk }: { outcome: Extract<Outcome, { type: 'checked-in' }>; desk: Desk }) {
  const d = outcome.done;
  const pupil: PupilRef = { pupilId: d.pupilId, forename: d.forename, surname: d.surname, regGroup: d.regGroup };
  return (
    <div className="ci-result ci-ok">
      <div className="ci-confirm" role="status" data-testid="checkin-confirmation" data-outcome="checked-in" data-item-id={d.itemId} data-pupil-id={d.pupilId}>
        <div className="ci-who">
          <p className="ci-verdict">
            <span className="ci-icon" aria-hidden="true">
              ✓
            </span>
            {outcome.added ? 'Added' : 'Checked in'}
            <span className="ci-time">at {d.time}</span>
          </p>
          <p className="ci-name">{fullName(d)}</p>
          <p className="ci-class">{d.regGroup ? `Class ${d.regGroup}` : ''}</p>
          {(d.kind !== 'phone' || d.itemsToday > 1) && (
            <p className="ci-kind">
              {d.kind !== 'phone' && <strong>{KIND_WORDS[d.kind]}</strong>}
              {d.kind !== 'phone' && d.itemsToday > 1 && ' · '}
              {d.itemsToday > 1 && `${plural(d.itemsToday, 'item')} today, all in this slot`}
            </p>
          )}
        </div>
        <p className="ci-slot">
          <span className="ci-slot-label">Slot</span> <span className="ci-slot-number">{d.slot}</span>
        </p>
      </div>
      <AddItemRow pupil={pupil} desk={desk} title={`Add another item for ${d.forename}`} resetKey={d.itemId} />
    </div>
  );
}

function HeldConfirmation({ outcome }: { outcome: Extract<Outcome, { type: 'taken-in' }> }) {
  const d = outcome.done;
  return (
    <div className="ci-result ci-held">
      <div className="ci-confirm" role="status" data-testid="checkin-confirmation" data-outcome="taken-in" data-item-id={d.itemId} data-pupil-id={d.pupilId}>
        <div className="ci-who">
          <p className="ci-verdict">
            <span className="ci-icon" aria-hidden="true">
              !
            </span>
            Held in the office without permission
            <span className="ci-time">at {d.time}</span>
          </p>
          <p className="ci-name">{fullName(d)}</p>
          <p className="ci-class">{d.regGroup ? `Class ${d.regGroup}` : ''}</p>
          <p className="ci-kind">
            <strong>{KIND_WORDS[d.kind]}</strong>
            {outcome.description && ` · ${outcome.description}`}
          </p>
          {d.parentOnly ? <p className="ci-collect">A parent/carer must collect it.</p> : <p className="ci-collect">The pupil may collect it at home time.</p>}
        </div>
      </div>
    </div>
  );
}

function Problem({ outcome, desk }: { outcome: Refusal; desk: Desk }) {
  return (
    <div className="ci-result ci-problem">
      <div className="ci-alert" role="alert" data-testid="checkin-problem">
        <p className="ci-verdict">
          <span className="ci-icon" aria-hidden="true">
            ✕
          </span>
          {outcome.title}
        </p>
        <p className="ci-message">{outcome.message}</p>
      </div>
      {outcome.finding && <p className="ci-finding">Finding whose card this is…</p>}
      {outcome.pupil && outcome.offer === 'take-in' && <TakeInForm key={outcome.key} pupil={outcome.pupil} desk={desk} />}
      {outcome.pupil && outcome.offer === 'add-item' && <AddItemRow key={outcome.key} pupil={outcome.pupil} desk={desk} title={`Add an item for ${outcome.pupil.forename} instead`} resetKey={outcome.key} />}
    </div>
  );
}

function Missed({ missed, desk }: { missed: Refusal[]; desk: Desk }) {
  if (missed.length === 0) return null;
  return (
    <div className="ci-missed">
      <h3 className="ci-missed-title">Also not done: the next card was scanned before this could be read</h3>
      <ul>
        {missed.map((m) => (
          <li key={m.key}>
            <span className="ci-missed-icon" aria-hidden="true">
              ✕
            </span>
            <span className="ci-missed-text" id={`ci-missed-${m.key}`}>
              <strong>{m.title}:</strong> {m.message}
            </span>
            <Button kind="quiet" onMouseDown={keepFocus} onClick={() => desk.dismissMissed(m.key)} aria-describedby={`ci-missed-${m.key}`}>
              Dismiss
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const Matches = memo(function Matches({ search, desk, listId }: { search: Search; desk: Desk; listId: string }) {
  const { matches, query, active } = search;
  let words = '';
  if (search.error) words = search.error;
  else if (matches && matches.length === 0) words = `No pupil found for “${query}”. Check the spelling, or scan the card.`;
  else if (matches) words = search.more ? `More than ${MATCHES_SHOWN} pupils found: type more of the name.` : `${plural(matches.length, 'pupil')} found.`;
  const chosen = matches && active >= 0 ? matches[active] : undefined;
  return (
    <div className="ci-search">
      <p className="ci-search-status" role="status" aria-live="polite">
        {words}
        {chosen && ` ${fullName(chosen)} chosen: press Enter to check in.`}
        {search.note && <strong className="ci-search-note"> {search.note}</strong>}
      </p>
      {matches && matches.length > 0 && (
        <ul className="ci-matches" id={listId} aria-label="Pupils found">
          {matches.map((p, i) => (
            <li key={p.id} className={i === active ? 'ci-match is-active' : 'ci-match'} data-pupil-id={p.id}>
              <div className="ci-match-who">
                <span className="ci-match-name">{fullName(p)}</span>
                <span className="ci-match-class">
                  {yearWords(p.yearGroup)}
                  {p.regGroup && `, class ${p.regGroup}`}
                </span>
              </div>
              <div className="ci-match-actions">
                <Button kind="primary" onMouseDown={keepFocus} onClick={() => desk.checkInPupil(p)} aria-label={`Check in ${fullName(p)}`}>
                  Check in
                </Button>
                {MATCH_TAKE_IN_KINDS.map((k) => (
                  <Button key={k} kind="secondary" onMouseDown={keepFocus} onClick={() => desk.takeInFromMatch(p, k)} aria-label={`Take in ${KIND_WORDS[k].toLowerCase()} from ${fullName(p)}`}>
                    Take in {KIND_WORDS[k].toLowerCase()}
                  </Button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});

const RecentRow = memo(function RecentRow({ row: r }: { row: Row }) {
  return (
    <tr data-item-id={r.itemId} data-pupil-id={r.pupilId} className={r.permitted ? undefined : 'ci-row-held'}>
      <td>{r.time}</td>
      <th scope="row">{fullName(r)}</th>
      <td>{r.regGroup}</td>
      <td className="ci-row-slot">{r.slot !== null ? r.slot : <span className="ci-held-words">Held without permission</span>}</td>
      <td>{KIND_WORDS[r.kind]}</td>
    </tr>
  );
});

const Recent = memo(function Recent({ rows }: { rows: Row[] }) {
  return (
    <section className="ci-recent" aria-labelledby="ci-recent-title">
      <h3 id="ci-recent-title">Latest check-ins</h3>
      {rows.length === 0 ? (
        <p className="ci-empty">No check-ins yet today.</p>
      ) : (
        <table className="ci-table" data-testid="checkin-recent">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Pupil</th>
              <th scope="col">Class</th>
              <th scope="col">Slot</th>
              <th scope="col">Item</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <RecentRow key={r.itemId} row={r} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});

// ---- the screen --------------------------------------------------------------------------------

export function CheckIn() {
  const [view, setView] = useState<View>({ current: null, missed: [] });
  const [rows, setRows] = useState<Row[]>([]);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [countsError, setCountsError] = useState<string | null>(null);
  const [search, setSearch] = useState<Search>(NO_SEARCH);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const [desk] = useState(() => makeDesk({ setView, setRows, setCounts, setCountsError, setSearch, input, root }));
  const listId = useId();
  const hintId = useId();

  useEffect(() => {
    const field = input.current;
    desk.start();
    field?.focus();
    const main = root.current?.closest('main') ?? null;
    // Focus that would land nowhere (the page after a move here, a click on empty space) comes back.
    const onFocusIn = (e: FocusEvent) => {
      if (main && e.target === main) field?.focus({ preventScroll: true });
    };
    // A scan that starts while a button (not a text field) has focus still types into the field.
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (!field || e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1 || !/[a-z0-9]/i.test(e.key)) return;
      const active = document.activeElement;
      if (active === field || isTextEntry(active)) return;
      field.focus({ preventScroll: true });
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      desk.stop();
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [desk]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const field = input.current;
    if (!field) return;
    const token = scanToken(field.value);
    if (token) {
      // Empty before the answer: the next scan types into a clean field.
      desk.clear();
      desk.scan(token);
      return;
    }
    const query = field.value.trim();
    if (query) void desk.enterName(query);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (desk.move(e.key === 'ArrowDown' ? 1 : -1)) e.preventDefault();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      desk.clear();
    }
  }

  const current = view.current;
  return (
    <div className="checkin" ref={root}>
      <div className="ci-head">
        <h2>Morning check-in</h2>
        <Counters counts={counts} />
      </div>
      {counts && !counts.isSchoolDay && (
        <Notice kind="info">
          <strong>Today is not a school day.</strong> Check-ins still work, and are recorded for today.
        </Notice>
      )}
      {countsError && <Notice kind="warning">The counts could not be read: {countsError} Scanning still works.</Notice>}

      <form className="ci-scan" onSubmit={onSubmit} autoComplete="off">
        <label htmlFor="scan">Scan a card or type a name</label>
        <input
          id="scan"
          ref={input}
          type="text"
          name="scan"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="go"
          aria-describedby={hintId}
          aria-controls={search.matches?.length ? listId : undefined}
          onInput={desk.typed}
          onKeyDown={onKeyDown}
        />
        <p className="hint" id={hintId}>
          A card checks in at once; a name lists the pupils to choose from.
        </p>
      </form>

      <Matches search={search} desk={desk} listId={listId} />

      <div className="ci-results">
        {current?.type === 'checked-in' && <Confirmation outcome={current} desk={desk} />}
        {current?.type === 'taken-in' && <HeldConfirmation outcome={current} />}
        {current?.type === 'refused' && <Problem outcome={current} desk={desk} />}
        <Missed missed={view.missed} desk={desk} />
      </div>

      <Recent rows={rows} />
    </div>
  );
}
