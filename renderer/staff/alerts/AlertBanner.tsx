/**
 * The console's alert banner, across the top of every staff page under the header: the open
 * alerts (someone at the kiosk asking for the office, someone waiting at reception after a
 * not-permitted match, repeated wrong PINs), newest first, at most three with "and N more" opening
 * Today. Each shows the API's sentence, a link to the page that deals with it when there is one,
 * and "Dealt with" when this account may mark it so (a wrong-PIN alert: only an administrator or
 * DSL, who are also offered "End the wait" for the screens where PINs were guessed).
 *
 * Polled every 5 seconds (and at once when the console opens). An alert this page has not seen
 * before is announced (role="alert") and plays a short chime. The banner never takes the focus:
 * the phones scanner field keeps it while alerts come and go.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { ConsoleAlert } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { Button } from '../../components/ui';
import { whenInWords } from '../Today';
import { playChime } from './chime';
import { alertsChanged, useAlertsChanged } from './events';
import './alerts.css';

export const POLL_MS = 5_000;
const SHOWN = 3;

/** The API's console route as a link inside the console (mounted under /staff). */
export function consoleHref(href: string): string {
  const path = href.replace(/^#/, '');
  if (path === '/staff' || path.startsWith('/staff/')) return `~${path}`;
  return path.startsWith('/') ? path : `/${path}`;
}

function announcement(fresh: readonly ConsoleAlert[]): string {
  if (fresh.length === 1) return `New alert: ${fresh[0]!.text}`;
  return `${fresh.length} new alerts. The newest: ${fresh[0]!.text}`;
}

export function AlertBanner() {
  const [alerts, setAlerts] = useState<ConsoleAlert[]>([]);
  const [announce, setAnnounce] = useState<{ id: number; text: string } | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());
  const [errors, setErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const seen = useRef(new Set<number>());
  const dealtWith = useRef(new Set<number>());
  const inFlight = useRef(false);
  const again = useRef(false);
  const live = useRef(true);

  const poll = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    let list: ConsoleAlert[] | null = null;
    try {
      const r = await call('getConsoleAlerts');
      if (r.ok) list = r.value;
    } catch {
      list = null;
    } finally {
      inFlight.current = false;
    }
    if (live.current && list) {
      const open = list.filter((a) => !dealtWith.current.has(a.id));
      const fresh = open.filter((a) => !seen.current.has(a.id));
      for (const a of open) seen.current.add(a.id);
      setAlerts(open);
      setAnnounce((now) => {
        if (fresh.length > 0) return { id: fresh[0]!.id, text: announcement(fresh) };
        return now && open.some((a) => a.id === now.id) ? now : null;
      });
      if (fresh.length > 0) playChime();
    }
    if (again.current) {
      again.current = false;
      void poll();
    }
  }, []);

  useEffect(() => {
    live.current = true;
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live.current = false;
      clearInterval(timer);
    };
  }, [poll]);

  useAlertsChanged('banner', () => void poll());

  /** An administrator or DSL ends the wait after wrong PINs (every screen); the alert goes with it. */
  async function endWait(alert: ConsoleAlert) {
    setBusy((s) => new Set(s).add(alert.id));
    let error: string | null = null;
    try {
      const r = await call('clearPinBudget');
      if (!r.ok) error = r.error.message;
    } catch {
      error = 'The wait could not be ended. Please try again.';
    }
    setBusy((s) => {
      const n = new Set(s);
      n.delete(alert.id);
      return n;
    });
    if (error !== null) setErrors((m) => new Map(m).set(alert.id, error));
    alertsChanged('banner');
    void poll();
  }

  async function resolve(alert: ConsoleAlert) {
    setBusy((s) => new Set(s).add(alert.id));
    setErrors((m) => {
      const n = new Map(m);
      n.delete(alert.id);
      return n;
    });
    let error: string | null = null;
    try {
      const r = await call('resolveAlert', { id: alert.id });
      if (!r.ok) error = r.error.message;
    } catch {
      error = 'The alert could not be marked as dealt with. Please try again.';
    }
    setBusy((s) => {
      const n = new Set(s);
      n.delete(alert.id);
      return n;
    });
    if (error === null) {
      dealtWith.current.add(alert.id);
      setAlerts((list) => list.filter((a) => a.id !== alert.id));
      setAnnounce((now) => (now?.id === alert.id ? null : now));
      alertsChanged('banner');
    } else {
      setErrors((m) => new Map(m).set(alert.id, error));
      void poll();
    }
  }

  const shown = alerts.slice(0, SHOWN);
  const more = alerts.length - shown.length;
  return (
    <>
      {announce && (
        <div key={announce.id} className="visually-hidden" role="alert">
          {announce.text}
        </div>
      )}
      {alerts.length > 0 && (
        <section className="alert-banner" aria-label="Open alerts">
          <ul className="alert-banner-list">
            {shown.map((a) => (
              <li key={a.id} className={`alert-banner-item alert-kind-${a.kind}`} data-alert={a.id}>
                <p className="alert-banner-text">
                  <span className="alert-banner-what">{a.text}</span> <span className="alert-banner-when">({whenInWords(a.createdAt)})</span>
                </p>
                <div className="alert-banner-actions">
                  {a.href && (
                    <Link href={consoleHref(a.href)} className="btn btn-secondary" aria-label={`Open: ${a.text}`}>
                      Open
                    </Link>
                  )}
                  {a.kind === 'pin-failures' && a.mayDealWith && (
                    <Button
                      kind="secondary"
                      onClick={() => {
                        if (!busy.has(a.id)) void endWait(a);
                      }}
                      aria-disabled={busy.has(a.id) || undefined}
                      aria-label={`End the wait for staff PINs: ${a.text}`}
                    >
                      End the wait
                    </Button>
                  )}
                  {/* records that may have been changed are acknowledged with a written note, on Today */}
                  {a.kind === 'records-changed' && a.mayDealWith && (
                    <Link href="~/staff" className="btn btn-secondary">
                      Acknowledge on Today
                    </Link>
                  )}
                  {a.mayDealWith && a.kind !== 'records-changed' && (
                    <Button
                      kind="secondary"
                      onClick={() => {
                        if (!busy.has(a.id)) void resolve(a);
                      }}
                      aria-disabled={busy.has(a.id) || undefined}
                      aria-label={`Dealt with: ${a.text}`}
                    >
                      {busy.has(a.id) ? 'Saving…' : 'Dealt with'}
                    </Button>
                  )}
                </div>
                {errors.has(a.id) && <p className="alert-banner-error" role="alert">Not marked as dealt with: {errors.get(a.id)}</p>}
              </li>
            ))}
          </ul>
          {more > 0 && (
            <p className="alert-banner-more">
              <Link href="~/staff">
                and {more} more {more === 1 ? 'alert' : 'alerts'} on Today
              </Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}
