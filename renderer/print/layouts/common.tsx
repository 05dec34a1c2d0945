/**
 * What every printed layout shares: the sheet (its paper chosen by class, its readiness in
 * data-print-state for the printer to wait on), the school's name and logo, and the school's
 * time zone for the date printed.
 *
 * data-print-state is 'loading' until the data, every QR code and the logo are drawn, then
 * 'ready'; or 'error' with the reason in .print-error (nothing is printed then).
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Paper } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { useApp } from '../../app/store';

export type PrintState = 'loading' | 'ready' | 'error';

export interface LayoutProps {
  params: URLSearchParams;
}

export function Sheet({ paper, state, error, label, children }: { paper: Paper; state: PrintState; error?: string | null; label: string; children?: ReactNode }) {
  return (
    <article className={`print-sheet paper-${paper} sheet-${paper}`} data-print-state={state} aria-label={label} aria-busy={state === 'loading' || undefined}>
      {state === 'error' ? (
        <p className="print-error" role="alert">
          {error ?? 'This could not be printed.'}
        </p>
      ) : (
        children
      )}
    </article>
  );
}

export function useSchool(): { schoolName: string; logo: string | null } {
  const status = useApp((s) => s.status);
  return { schoolName: status?.schoolName || 'Reception Kiosk', logo: status?.logo ?? null };
}

/** The school's time zone (undefined: the PC's own) once known; `done` when it has been asked. */
export function useSchoolTimeZone(): { timeZone: string | undefined; done: boolean } {
  const [state, setState] = useState<{ timeZone: string | undefined; done: boolean }>({ timeZone: undefined, done: false });
  useEffect(() => {
    let live = true;
    void call('getSettings').then((r) => {
      if (live) setState({ timeZone: r.ok ? r.value.timeZone : undefined, done: true });
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** Track images that must load before printing: returns [allLoaded, markLoaded(name)]. */
export function useImagesReady(names: readonly string[]): [boolean, (name: string) => void] {
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());
  const mark = (name: string) => setLoaded((s) => (s.has(name) ? s : new Set(s).add(name)));
  return [names.every((n) => loaded.has(n)), mark];
}

/** A print token grouped for reading aloud or typing: 'KT ABCD EFGH IJKL MNOP'. */
export function groupToken(token: string): string {
  const body = token.slice(2).match(/.{1,4}/g) ?? [];
  return [token.slice(0, 2), ...body].join(' ');
}
