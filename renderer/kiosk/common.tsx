/**
 * Small pieces the public screens share: going back to Welcome after a minute untouched, the
 * wait a server message names, a countdown, a heading that takes focus when a screen opens,
 * and the recovery code shown once (first-run setup and PIN recovery).
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { Button, Notice } from '../components/ui';
import { printLayout } from '../print/printer';
import './kiosk.css';

export const IDLE_MS = 60_000;

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'] as const;

/**
 * Call `onIdle` once `ms` pass with no touch, click or key on the page, counting again from each
 * one (off when `enabled` is false). For a screen that goes back to its start by itself.
 */
export function useIdle(ms: number, onIdle: () => void, enabled = true): void {
  const latest = useRef(onIdle);
  latest.current = onIdle;
  useEffect(() => {
    if (!enabled) return;
    let timer = window.setTimeout(() => latest.current(), ms);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => latest.current(), ms);
    };
    for (const type of ACTIVITY) document.addEventListener(type, reset, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) document.removeEventListener(type, reset, { capture: true });
    };
  }, [enabled, ms]);
}

/** Back to Welcome after `ms` with no touch, click or key on the page (off when `enabled` is false). */
export function useIdleReturn(enabled = true, ms = IDLE_MS): void {
  const [, navigate] = useLocation();
  useIdle(ms, () => navigate('/'), enabled);
}

/** The kiosk's idle time in seconds (from Settings) as milliseconds, 60 s when not known or not sensible. */
export function idleMs(seconds: number | null | undefined): number {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 10 ? seconds * 1000 : IDLE_MS;
}

/** The wait a server message asks for ("Please wait 15 seconds", "wait 2 minutes"), in seconds; 0 if none. */
export function waitSeconds(message: string): number {
  const m = /\bwait\s+(\d+)\s+(second|minute)s?\b/i.exec(message);
  if (!m) return 0;
  const n = Number(m[1]);
  return m[2]!.toLowerCase() === 'minute' ? n * 60 : n;
}

/** Whole seconds left until `until` (a Date.now() value), ticking once a second; 0 when past or null. */
export function useCountdown(until: number | null): number {
  const left = () => (until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (until === null) return;
    const timer = window.setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s <= 0) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [until]); // left() reads only `until`
  return seconds;
}

export function durationInWords(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (m === 0) return part(s, 'second');
  return s === 0 ? part(m, 'minute') : `${part(m, 'minute')} ${part(s, 'second')}`;
}

/** The screen's main heading, focused when the screen opens so a screen reader starts there. */
export function ScreenHeading({ children, kicker }: { children: ReactNode; kicker?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="kiosk-heading">
      {kicker && <p className="kiosk-kicker">{kicker}</p>}
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
    </div>
  );
}

/**
 * The school's recovery code, shown once: large, in spaced groups, with what it is for, and a way
 * to print it (the A4 recovery-code layout, through the one printing interface). A screen reader
 * hears it one character at a time.
 */
export function RecoveryCodeCard({ code }: { code: string }) {
  const headingId = useId();
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<{ ok: boolean; message: string } | null>(null);
  const groups = code.split('-').filter(Boolean);
  const spelled = groups.map((g) => g.split('').join(' ')).join(', ');
  // Two groups a line when it must wrap (a narrow portrait screen), never three and one.
  const pairs = Array.from({ length: Math.ceil(groups.length / 2) }, (_, i) => groups.slice(i * 2, i * 2 + 2));

  const print = async () => {
    setPrinting(true);
    setPrinted(null);
    const r = await printLayout(`/print/recovery-code?code=${encodeURIComponent(code)}`, 'a4');
    setPrinting(false);
    setPrinted(r.printed ? { ok: true, message: 'Sent to the printer. Put the printed copy in the school safe.' } : { ok: false, message: r.message ?? 'It could not be printed.' });
  };

  return (
    <section className="kiosk-recovery" aria-labelledby={headingId}>
      <h2 id={headingId}>The school’s recovery code</h2>
      <p className="kiosk-recovery-code" aria-hidden="true">
        {pairs.map((pair, i) => (
          <span key={i} className="kiosk-recovery-pair">
            {pair.map((g, j) => (
              <span key={j} className="kiosk-recovery-group">
                {g}
              </span>
            ))}
          </span>
        ))}
      </p>
      <p className="visually-hidden">Recovery code: {spelled}.</p>
      <ul className="kiosk-recovery-points">
        <li>This code resets an administrator’s PIN if every administrator has forgotten theirs.</li>
        <li>Print it now and keep it somewhere safe, such as the school safe. Do not leave it near the kiosk.</li>
        <li>
          <strong>It will not be shown again.</strong>
        </li>
      </ul>
      <div className="no-print">
        {printed && <Notice kind={printed.ok ? 'success' : 'error'}>{printed.message}</Notice>}
        <Button kind="secondary" className="kiosk-btn" onClick={() => void print()} disabled={printing}>
          {printing ? 'Preparing to print…' : 'Print this recovery code'}
        </Button>
      </div>
    </section>
  );
}
