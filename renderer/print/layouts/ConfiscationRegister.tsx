/**
 * The confiscation register on A4 ('/print/confiscation-register?status=held&class=5W&name=…&from=…&to=…',
 * every parameter optional; status 'all' or absent prints everything; the register screen sends
 * exactly its filters): the school's name, what was chosen, when it was printed, and one row a
 * device with its status (an override release flagged), where it is held now, days held and
 * whether parents were told.
 * Reasons and chains of custody stay on screen (each record's page); this is the list an
 * inspector asks for. Uses the phones log's page rules (repeated header, page numbers).
 */
import { useEffect, useState } from 'react';
import type { ConfiscationRecord, InputOf } from '../../../electron/api/contract';
import { call } from '../../app/api';
import type { RegisterStatus } from '../../../electron/api/contract';
import { daysHeldWords, deviceWords, fullName, groundWords, PARENTS_INFORMED_WORDS, REGISTER_STATUS_WORDS, STATUS_WORDS, whenWords } from '../../words/confiscations';
import { longDate } from '../format';
import { RecordsCheckFooter, useRecordsCheck } from '../RecordsCheck';
import { useSchool, type LayoutProps, type PrintState } from './common';
import { isRealDate } from './PhoneLog';
import '../phone-log.css';

const STATUSES = Object.keys(REGISTER_STATUS_WORDS) as RegisterStatus[];
type Filter = NonNullable<InputOf<'listConfiscations'>>;

/** The filter the query asks for, or an error in words. */
export function registerFilter(params: URLSearchParams): { filter: Filter; what: string } | { error: string } {
  const filter: Filter = {};
  const words: string[] = [];
  const status = params.get('status');
  if (status && status !== 'all') {
    if (!(STATUSES as readonly string[]).includes(status)) return { error: 'That is not a status of the register.' };
    filter.status = status as RegisterStatus;
    words.push(REGISTER_STATUS_WORDS[status as RegisterStatus].toLowerCase());
  }
  const regGroup = params.get('class')?.trim();
  if (regGroup) {
    if (regGroup.length > 20) return { error: 'That is not a class.' };
    filter.regGroup = regGroup;
    words.push(`class ${regGroup}`);
  }
  const name = params.get('name')?.trim();
  if (name) {
    if (name.length > 80) return { error: 'That is not a pupil’s name.' };
    filter.name = name;
    words.push(`pupils whose name has “${name}”`);
  }
  for (const key of ['from', 'to'] as const) {
    const v = params.get(key);
    if (v === null || v === '') continue;
    if (!isRealDate(v)) return { error: `The “${key}” date must be a date like 2026-11-27.` };
    filter[key] = v;
    words.push(`${key} ${longDate(v)}`);
  }
  return { filter, what: words.length ? words.join(', ') : 'every device ever recorded' };
}

export function ConfiscationRegisterLayout({ params }: LayoutProps) {
  const { schoolName } = useSchool();
  const query = params.toString();
  const chosen = registerFilter(params);
  const [answer, setAnswer] = useState<{ query: string; rows: ConfiscationRecord[] | null; error: string | null } | null>(null);
  const filterKey = 'filter' in chosen ? JSON.stringify(chosen.filter) : null;

  useEffect(() => {
    if (filterKey === null) return;
    let live = true;
    void call('listConfiscations', JSON.parse(filterKey) as Filter).then((r) => {
      if (live) setAnswer(r.ok ? { query, rows: r.value, error: null } : { query, rows: null, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [filterKey, query]);

  const loaded = answer?.query === query ? answer : null;
  let error: string | null = null;
  if ('error' in chosen) error = `${chosen.error} Nothing was printed.`;
  else if (loaded?.error) error = `The register could not be read: ${loaded.error} Nothing was printed.`;
  const check = useRecordsCheck(!!loaded?.rows);
  const state: PrintState = error ? 'error' : loaded?.rows && check.done ? 'ready' : 'loading';
  const rows = loaded?.rows ?? [];
  const title = 'Confiscation register';
  // when it was printed: a printed register is a snapshot, and an inspector asks "as of when?"
  const [printedAt] = useState(() => whenWords(new Date().toISOString()));

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
            {'what' in chosen && <p className="log-totals">{`${rows.length} ${rows.length === 1 ? 'device' : 'devices'}: ${chosen.what}.`}</p>}
            <p className="log-totals">Printed {printedAt}.</p>
          </header>
          {rows.length > 0 && (
            <table className="log-table">
              <thead>
                <tr>
                  <th scope="col">Taken</th>
                  <th scope="col">Pupil</th>
                  <th scope="col">Device</th>
                  <th scope="col">Ground</th>
                  <th scope="col">Status</th>
                  <th scope="col">Held at</th>
                  <th scope="col">Days held</th>
                  <th scope="col">Parents told</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{whenWords(r.confiscatedAt)}</td>
                    <td>
                      <strong>{fullName(r)}</strong> {r.regGroup}
                    </td>
                    <td>{deviceWords(r)}</td>
                    <td>{groundWords(r.ground, r.groundDetail)}</td>
                    <td>
                      {STATUS_WORDS[r.status]}
                      {r.onHold ? ', on hold' : ''}
                      {r.releaseOverride && <strong>, override release</strong>}
                    </td>
                    <td>{r.location}</td>
                    <td>{daysHeldWords(r.daysHeld, r.overdue)}</td>
                    <td>{PARENTS_INFORMED_WORDS[r.parentsInformed]}</td>
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
