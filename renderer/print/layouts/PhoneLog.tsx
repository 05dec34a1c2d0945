/**
 * The phones log of one day on A4 portrait ('/print/phone-log?day=2026-11-27'): the school's
 * name, "Phones log — Friday 27 November 2026", the totals and every movement in time order (the
 * table's header repeats on each page; pages are numbered at the foot). A missing or impossible
 * day, or a log that cannot be read, is the error state: nothing is printed.
 *
 * Also the phones' words for items and movements, shared with the staff screens (kept here, not
 * there, so that the printed layouts never import a screen).
 */
import { useEffect, useState } from 'react';
import type { ItemKind, Movement } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { longDate } from '../format';
import { useSchool, type LayoutProps, type PrintState } from './common';
import '../phone-log.css';

// ---- words ------------------------------------------------------------------------------------

export const KIND_WORDS: Record<ItemKind, string> = { phone: 'Phone', smartwatch: 'Smartwatch', tablet: 'Tablet', other: 'Other' };

export const MOVEMENT_WORDS: Record<Movement['movement'], string> = {
  'check-in': 'Checked in',
  'taken-in': 'Taken in without permission',
  'check-out': 'Handed back',
};

/** 'Smartwatch (black strap)', or just 'Phone'. */
export function itemWords(item: { kind: ItemKind; description: string }): string {
  const d = item.description.trim();
  return d ? `${KIND_WORDS[item.kind]} (${d})` : KIND_WORDS[item.kind];
}

/** Who collected an item handed back: 'Pupil' or the contact's name; '' for other movements. */
export function collectedWords(m: Pick<Movement, 'movement' | 'collectedBy'>): string {
  if (m.movement !== 'check-out') return '';
  if (m.collectedBy === null || m.collectedBy === '') return 'A contact since removed';
  return m.collectedBy.toLowerCase() === 'pupil' ? 'Pupil' : m.collectedBy;
}

/** Who recorded a movement: a staff member's name, or the kiosk. */
export function recordedWords(by: string): string {
  return by === 'kiosk' ? 'Kiosk' : by;
}

/** '8 checked in, 1 taken in without permission, 3 handed back'. */
export function logTotals(movements: readonly Pick<Movement, 'movement'>[]): string {
  const count = (k: Movement['movement']) => movements.filter((m) => m.movement === k).length;
  return `${count('check-in')} checked in, ${count('taken-in')} taken in without permission, ${count('check-out')} handed back`;
}

/** A real calendar date written 'YYYY-MM-DD'. */
export function isRealDate(value: string | null): value is string {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** 1 September of the school year `day` falls in. */
export function schoolYearStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${month >= 9 ? year : year - 1}-09-01`;
}

// ---- the layout -------------------------------------------------------------------------------

export function PhoneLogLayout({ params }: LayoutProps) {
  const { schoolName } = useSchool();
  const day = params.get('day');
  const valid = isRealDate(day);
  const [answer, setAnswer] = useState<{ day: string; movements: Movement[] | null; error: string | null } | null>(null);

  useEffect(() => {
    if (!valid) return;
    let live = true;
    void call('getPhoneLog', { day }).then((r) => {
      if (!live) return;
      setAnswer(r.ok ? { day, movements: r.value.movements, error: null } : { day, movements: null, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [valid, day]);

  const loaded = valid && answer?.day === day ? answer : null;
  let error: string | null = null;
  if (!valid) error = 'Choose the day of the log to print: a date like 2026-11-27. Nothing was printed.';
  else if (loaded?.error) error = `The log could not be read: ${loaded.error} Nothing was printed.`;
  const state: PrintState = error ? 'error' : loaded?.movements ? 'ready' : 'loading';
  const movements = loaded?.movements ?? [];
  const title = valid ? `Phones log — ${longDate(day)}` : 'Phones log';
  const footer = valid ? `${schoolName}: phones log, ${longDate(day)}` : '';

  // the page footer (an @page margin box) can only read the root's custom properties
  useEffect(() => {
    if (!footer) return;
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
            {loaded?.movements && (
              <p className="log-totals">
                {movements.length === 0
                  ? 'Nothing was handed in or back on this day.'
                  : `${movements.length} ${movements.length === 1 ? 'movement' : 'movements'}: ${logTotals(movements)}.`}
              </p>
            )}
          </header>
          {movements.length > 0 && (
            <table className="log-table">
              <thead>
                <tr>
                  <th scope="col" className="log-col-time">
                    Time
                  </th>
                  <th scope="col" className="log-col-move">
                    Movement
                  </th>
                  <th scope="col">Pupil</th>
                  <th scope="col" className="log-col-class">
                    Class
                  </th>
                  <th scope="col" className="log-col-slot">
                    Slot
                  </th>
                  <th scope="col">Item</th>
                  <th scope="col">Collected by</th>
                  <th scope="col">Recorded by</th>
                </tr>
              </thead>
              <tbody>
                {movements.map((m) => (
                  <tr key={`${m.itemId}-${m.movement}`} data-movement={m.movement}>
                    <td className="log-time">{m.time}</td>
                    <td className={m.movement === 'taken-in' ? 'log-taken-in' : undefined}>{MOVEMENT_WORDS[m.movement]}</td>
                    <th scope="row">
                      {m.forename} {m.surname}
                    </th>
                    <td>{m.regGroup}</td>
                    <td>{m.slot ?? ''}</td>
                    <td>{itemWords(m)}</td>
                    <td>{collectedWords(m)}</td>
                    <td>{recordedWords(m.by)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </article>
  );
}
