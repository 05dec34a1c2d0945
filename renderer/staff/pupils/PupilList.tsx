/**
 * Pupils: the roll with a search that answers as you type (any part of a name; the server ignores
 * case and accents), a class filter and "Include pupils who have left". Each row opens the pupil.
 * Add a pupil by hand, import the roll (administrators), save the roll as CSV, print cards.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { PupilSummary } from '../../../electron/api/contract';
import { call, useLoad, type ApiError } from '../../app/api';
import { isStaff, useApp } from '../../app/store';
import { Button, Checkbox, Loading, Notice, PageHeader, SelectField, TextField } from '../../components/ui';
import { printLayout } from '../../print/printer';
import { usePupilsUi, type PupilSearch } from './state';
import { PupilForm } from './PupilForm';
import { cardsRoute, dayWords, downloadCsv, fullName, plural, yearWords } from './words';
import './pupils.css';

/** How long typing pauses before the search runs. */
export const SEARCH_DELAY_MS = 150;
/** At most this many rows are shown; the search or a class narrows the rest. */
export const SHOWN = 200;

type Found = { pupils: PupilSummary[]; more: boolean; search: PupilSearch };

/** The search, run after a short pause in typing; answers to older searches are dropped. */
function useSearch(search: PupilSearch, refresh: number): { found: Found | null; error: ApiError | null; searching: boolean } {
  const [state, setState] = useState<{ found: Found | null; error: ApiError | null; searching: boolean }>({ found: null, error: null, searching: true });
  const { query, regGroup, includeLeft } = search;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, searching: true }));
    const timer = window.setTimeout(() => {
      const input: { query?: string; regGroup?: string; includeLeft?: boolean; limit: number } = { limit: SHOWN + 1 };
      if (query.trim()) input.query = query.trim();
      if (regGroup) input.regGroup = regGroup;
      if (includeLeft) input.includeLeft = true;
      void call('searchPupils', input).then((r) => {
        if (!live) return;
        if (!r.ok) return setState({ found: null, error: r.error, searching: false });
        setState({ found: { pupils: r.value.slice(0, SHOWN), more: r.value.length > SHOWN, search: { query, regGroup, includeLeft } }, error: null, searching: false });
      });
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query, regGroup, includeLeft, refresh]);
  return state;
}

/** A pupil card's token scanned (or typed) into the search box, or null. */
export function cardToken(query: string): string | null {
  const t = query.toUpperCase().replace(/[\s-]/g, '');
  return /^KP[A-Z2-7]{16}$/.test(t) ? t : null;
}

/** A scanned pupil card opens its pupil; a replaced or unknown card says so. */
function useCardScan(query: string, open: (id: number) => void): string | null {
  const [message, setMessage] = useState<{ query: string; text: string } | null>(null);
  const token = cardToken(query);
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (!token) return;
    let live = true;
    void call('lookupCard', { token }).then((r) => {
      if (!live) return;
      if (!r.ok) return setMessage({ query, text: r.error.message });
      const found = r.value;
      if (found.found) return openRef.current(found.pupil.id);
      setMessage({
        query,
        text:
          found.reason === 'revoked'
            ? `This card was replaced on ${dayWords(found.replacedOn)} and no longer works. Search for the pupil by name, and print their new card.`
            : 'No pupil has this card. Search for the pupil by name.',
      });
    });
    return () => {
      live = false;
    };
  }, [token, query]);
  return token && message?.query === query ? message.text : null;
}

function resultWords(found: Found): string {
  const { pupils, more, search } = found;
  const n = more ? `The first ${pupils.length} pupils` : plural(pupils.length, 'pupil');
  const where = search.regGroup ? ` in ${search.regGroup}` : '';
  const who = search.includeLeft ? ', including those who have left' : search.query.trim() ? '' : ' on roll';
  const what = search.query.trim() ? ` matching “${search.query.trim()}”` : '';
  return `${n}${who}${where}${what}`;
}

function Results({ found, onOpen }: { found: Found; onOpen: (id: number) => void }) {
  const { pupils, search } = found;
  if (pupils.length === 0) {
    if (!search.query.trim() && !search.regGroup && !search.includeLeft) {
      return <p className="pupils-empty">There are no pupils on roll yet. An administrator can import the roll from the MIS, or you can add a pupil by hand.</p>;
    }
    return (
      <p className="pupils-empty">
        No pupils found{search.query.trim() ? ` for “${search.query.trim()}”` : ''}
        {search.regGroup ? ` in ${search.regGroup}` : ''}. Check the spelling{search.includeLeft ? '' : ', or include pupils who have left'}.
      </p>
    );
  }
  return (
    <div className="con-table-wrap">
      <table className="pupils-table roll-table">
        <caption className="visually-hidden">{resultWords(found)}. Choose a name to open the pupil.</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="col-class">
              Class
            </th>
            <th scope="col" className="col-year">
              Year
            </th>
            <th scope="col" className="col-upn">
              UPN
            </th>
            <th scope="col" className="col-card">
              Card
            </th>
          </tr>
        </thead>
        <tbody>
          {pupils.map((p) => (
            <tr key={p.id} className={`row-link ${p.status === 'left' ? 'row-left' : ''}`.trim()} onClick={() => onOpen(p.id)}>
              <th scope="row">
                <Link href={`/${p.id}`} className="pupil-link" onClick={(e) => e.stopPropagation()}>
                  {fullName(p)}
                </Link>
                {p.hasNoContactFlag && (
                  <span className="pupil-tag pupil-tag-danger">
                    No contact<span className="visually-hidden">: someone must not collect this pupil</span>
                  </span>
                )}
                {p.status === 'left' && <span className="pupil-tag">Left</span>}
              </th>
              <td>{p.regGroup || <span className="pupils-muted">None</span>}</td>
              <td className="nowrap">{yearWords(p.yearGroup)}</td>
              <td className="code">{p.upn ?? <span className="pupils-muted">None</span>}</td>
              <td>{p.hasCard ? 'Issued' : <span className="pupils-muted">None</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ALL = '*all*';

function PrintCardsPanel({ classes, initial, onClose }: { classes: readonly string[]; initial: string; onClose: () => void }) {
  const [choice, setChoice] = useState(initial || classes[0] || ALL);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function print(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    const r = await printLayout(choice === ALL ? cardsRoute({ all: true }) : cardsRoute({ regGroup: choice }), 'a4');
    setBusy(false);
    setResult(r.printed ? { ok: true, text: `The cards for ${choice === ALL ? 'every pupil on roll' : choice} were sent to the printer.` } : { ok: false, text: r.message ?? 'The cards could not be printed.' });
  }

  return (
    <section className="con-panel" aria-labelledby="print-cards-heading">
      <h2 id="print-cards-heading" ref={headingRef} tabIndex={-1}>
        Print pupil cards
      </h2>
      <p>Ten cards to a sheet of A4: cut along the dashed lines. Pupils without a card are given one as they are printed.</p>
      <form onSubmit={(e) => void print(e)} noValidate>
        <SelectField
          label="Cards for"
          value={choice}
          onValue={setChoice}
          options={[...classes.map((c) => ({ value: c, label: `Class ${c}` })), { value: ALL, label: 'Every pupil on roll' }]}
        />
        {result && <Notice kind={result.ok ? 'success' : 'error'}>{result.text}</Notice>}
        <div className="con-actions">
          <Button type="submit" disabled={busy}>
            {busy ? 'Preparing…' : 'Print cards'}
          </Button>
          <Button kind="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </form>
    </section>
  );
}

export function PupilList() {
  const session = useApp((s) => s.session);
  const admin = isStaff(session) && session.role === 'admin';
  const [, navigate] = useLocation();
  const search = usePupilsUi((s) => s.search);
  const setSearch = usePupilsUi((s) => s.setSearch);
  const setFlash = usePupilsUi((s) => s.setFlash);
  const [refresh, setRefresh] = useState(0);
  const { found, error, searching } = useSearch(search, refresh);
  const classes = useLoad('listClasses', undefined, String(refresh));
  const [panel, setPanel] = useState<'add' | 'print' | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const searchId = useId();
  const cardMessage = useCardScan(search.query, (id) => {
    setSearch({ query: '' });
    navigate(`/${id}`);
  });

  const classList = [...(classes.data ?? [])].filter((c) => c.regGroup).sort((a, b) => a.yearGroup - b.yearGroup || a.regGroup.localeCompare(b.regGroup, 'en-GB', { numeric: true }));
  const classOptions = [{ value: '', label: 'All classes' }, ...classList.map((c) => ({ value: c.regGroup, label: `${c.regGroup} (${c.pupils})` }))];
  if (search.regGroup && !classList.some((c) => c.regGroup === search.regGroup)) classOptions.push({ value: search.regGroup, label: search.regGroup });

  async function exportRoll() {
    setExporting(true);
    setMessage(null);
    const r = await call('exportRoll', search.includeLeft ? { includeLeft: true } : {});
    setExporting(false);
    if (!r.ok) return setMessage({ ok: false, text: r.error.message });
    downloadCsv(r.value.fileName, r.value.csv);
    setMessage({ ok: true, text: `The roll${search.includeLeft ? ', with pupils who have left,' : ''} is saved as ${r.value.fileName} in your downloads.` });
  }

  function toggle(which: 'add' | 'print') {
    setMessage(null);
    setPanel((p) => (p === which ? null : which));
  }

  return (
    <div className="pupils-page">
      <PageHeader title="Pupils">
        <Button onClick={() => toggle('add')} aria-expanded={panel === 'add'}>
          Add a pupil
        </Button>
        {admin && (
          <Link href="/import" className="btn btn-secondary">
            Import the roll
          </Link>
        )}
        <Button kind="secondary" onClick={() => void exportRoll()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
        <Button kind="secondary" onClick={() => toggle('print')} aria-expanded={panel === 'print'}>
          Print cards
        </Button>
      </PageHeader>
      {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      {panel === 'add' && (
        <PupilForm
          onSaved={(p) => {
            setFlash(`${fullName(p)} is added to the roll.`);
            setRefresh((n) => n + 1);
            navigate(`/${p.id}`);
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === 'print' && <PrintCardsPanel classes={classList.map((c) => c.regGroup)} initial={search.regGroup} onClose={() => setPanel(null)} />}

      <form role="search" className="pupils-search" aria-labelledby={`${searchId}-heading`} onSubmit={(e) => e.preventDefault()}>
        <h2 id={`${searchId}-heading`} className="visually-hidden">
          Find a pupil
        </h2>
        <TextField
          label="Search by name"
          hint="Any part of a first name or surname, or scan a pupil card."
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={80}
          value={search.query}
          onValue={(query) => setSearch({ query })}
          className="pupils-search-box"
        />
        <SelectField label="Class" value={search.regGroup} options={classOptions} onValue={(regGroup) => setSearch({ regGroup })} />
        <Checkbox label="Include pupils who have left" checked={search.includeLeft} onChecked={(includeLeft) => setSearch({ includeLeft })} />
      </form>

      <section aria-labelledby="pupils-results" className="pupils-results">
        <h2 id="pupils-results" className="visually-hidden">
          Pupils found
        </h2>
        <div className="pupils-count-row">
          <p className="pupils-count" role="status" aria-live="polite">
            {found && !error && !cardToken(found.search.query) ? `${resultWords(found)}.` : ''}
          </p>
          {searching && found && <p className="pupils-muted pupils-searching">Searching…</p>}
        </div>
        {cardMessage && <Notice kind="warning">{cardMessage}</Notice>}
        {error && <Notice kind="error">{error.message}</Notice>}
        {!found && !error && <Loading what="Loading the roll" />}
        {found && !error && !cardToken(found.search.query) && <Results found={found} onOpen={(id) => navigate(`/${id}`)} />}
        {found?.more && <p className="pupils-muted">Type part of a name or choose a class to see the others.</p>}
      </section>
    </div>
  );
}
