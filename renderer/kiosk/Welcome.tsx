/**
 * The public screen at rest: the school's name and logo, "Sign in" and "Sign out" of equal weight,
 * a tile of its own for parents dropping off or collecting (it tells the office), and a small way
 * in for staff (none on a visitor-facing second screen). Nothing about any person.
 *
 * Scanning a badge here signs out at once: the scanner types the token quickly and presses Enter
 * with no field focused (renderer/kiosk/visitors/scan.ts); the goodbye, or the reason it could not
 * be done, shows here and the screen goes back to rest by itself.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { call } from '../app/api';
import { useApp } from '../app/store';
import { useIdle } from './common';
import { GOODBYE_MS, Goodbye, SEE_OFFICE_MS, SeeOffice, SignOutProblem, Working } from './visitors/parts';
import { badgeToken, useWedgeScan } from './visitors/scan';
import './kiosk.css';

type Mode =
  | { kind: 'rest' }
  | { kind: 'busy'; what: string }
  | { kind: 'office'; told: boolean }
  | { kind: 'goodbye'; name: string }
  | { kind: 'problem'; message: string; code: string };

export function Welcome() {
  const status = useApp((s) => s.status);
  const publicScreen = useApp((s) => s.session?.kind === 'kiosk' && s.session.publicScreen === true);
  const schoolName = status?.schoolName.trim() ?? '';
  const logo = status?.logo ?? null;
  const [mode, setMode] = useState<Mode>({ kind: 'rest' });
  const rest = () => setMode({ kind: 'rest' });

  const signOut = async (token: string) => {
    setMode({ kind: 'busy', what: 'Signing you out…' });
    const r = await call('kioskSignOut', { token });
    setMode(r.ok ? { kind: 'goodbye', name: r.value.name } : { kind: 'problem', message: r.error.message, code: r.error.code });
  };

  const seeOffice = async () => {
    setMode({ kind: 'busy', what: 'Telling the office…' });
    const r = await call('kioskSeeOffice', {});
    setMode({ kind: 'office', told: r.ok });
  };

  // A badge scanned on Welcome (or on an answer shown here, for the next person in the queue).
  useWedgeScan((text) => {
    const token = badgeToken(text);
    if (token) void signOut(token);
  }, mode.kind !== 'busy');

  const after = mode.kind === 'office' ? SEE_OFFICE_MS : GOODBYE_MS;
  useIdle(mode.kind === 'problem' ? SEE_OFFICE_MS : after, rest, mode.kind !== 'rest' && mode.kind !== 'busy');

  switch (mode.kind) {
    case 'busy':
      return <Working>{mode.what}</Working>;
    case 'office':
      return <SeeOffice told={mode.told} onDone={rest} />;
    case 'goodbye':
      return <Goodbye name={mode.name} onDone={rest} />;
    case 'problem':
      return <SignOutProblem message={mode.message} code={mode.code} onDone={rest} />;
    default:
      break;
  }

  return (
    <main className="surface kiosk kiosk-screen welcome">
      <header className="welcome-header">
        {logo && <img className="welcome-logo" src={logo} alt="" />}
        <p className="welcome-greeting">Welcome to</p>
        <h1 className="welcome-school">{schoolName || 'our school'}</h1>
      </header>

      <div className="welcome-middle">
        <nav className="welcome-actions" aria-label="Visitors">
          <Link href="/visitors/sign-in" className="welcome-tile">
            <span className="welcome-tile-title">Sign in</span>
            <span className="welcome-tile-sub">I am arriving</span>
          </Link>
          <Link href="/visitors/sign-out" className="welcome-tile">
            <span className="welcome-tile-title">Sign out</span>
            <span className="welcome-tile-sub">I am leaving</span>
          </Link>
        </nav>
        <button type="button" className="welcome-office" onClick={() => void seeOffice()}>
          <span className="welcome-office-title">Dropping off or collecting?</span>{' '}
          <span className="welcome-office-sub">Please see the office. Tap here to let them know you are here.</span>
        </button>
      </div>

      <footer className="welcome-footer">
        <p className="welcome-scan-hint">Leaving? You can also scan your badge here.</p>
        {!publicScreen && (
          <Link href="/unlock" className="welcome-staff">
            Staff
          </Link>
        )}
      </footer>
    </main>
  );
}
