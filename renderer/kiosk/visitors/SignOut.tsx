/**
 * Signing out at the kiosk: one big field that keeps focus, so the scanner types the badge into it
 * (a person may type the code printed under the QR code instead, on the on-screen keyboard).
 * Enter signs out at once and says goodbye; a problem is said in words beside the field. Nobody
 * can sign out someone else here: a lost badge means "please see the office".
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { call } from '../../app/api';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { Button } from '../../components/ui';
import { IDLE_MS, useIdleReturn } from '../common';
import { GOODBYE_MS, Goodbye } from './parts';
import { badgeToken, isTextEntry, useWedgeScan } from './scan';
import { NOT_A_BADGE, SCAN_HINT, TYPE_THE_BADGE } from './words';
import './visitors.css';

export function VisitorSignOut() {
  const [, navigate] = useLocation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [goodbye, setGoodbye] = useState<string | null>(null);
  const [keyboard, setKeyboard] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  useIdleReturn(!busy, goodbye !== null ? GOODBYE_MS : IDLE_MS);

  // The field keeps focus: focus that would land nowhere comes back, and a key typed while a
  // button has focus goes into the field (a scan never lands on a button).
  useEffect(() => {
    if (goodbye !== null) return;
    const input = field.current;
    input?.focus({ preventScroll: true });
    const onFocusOut = () => {
      window.setTimeout(() => {
        const active = document.activeElement;
        if (!active || active === document.body || active.tagName === 'MAIN') input?.focus({ preventScroll: true });
      }, 0);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (!input || e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
      if (document.activeElement === input || isTextEntry(document.activeElement)) return;
      input.focus({ preventScroll: true });
    };
    input?.addEventListener('focusout', onFocusOut);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      input?.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [goodbye]);

  const signOut = async (text: string) => {
    if (busy) return;
    if (!text.trim()) {
      setError(TYPE_THE_BADGE);
      field.current?.focus();
      return;
    }
    const token = badgeToken(text);
    if (!token) {
      setError(NOT_A_BADGE);
      field.current?.select();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await call('kioskSignOut', { token });
    setBusy(false);
    if (r.ok) {
      setValue('');
      setKeyboard(false);
      setGoodbye(r.value.name);
      return;
    }
    setError(r.error.message);
    // The next scan replaces what is there.
    window.setTimeout(() => field.current?.select(), 0);
  };

  // The next person in the queue may scan while the goodbye is showing.
  useWedgeScan(
    (text) => {
      setGoodbye(null);
      void signOut(text);
    },
    goodbye !== null && !busy,
  );

  if (goodbye !== null) return <Goodbye name={goodbye} onDone={() => navigate('/')} />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void signOut(value);
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <main className={`surface kiosk kiosk-screen visitors vstep vsignout ${keyboard ? 'vsignout-typing' : ''}`.trim()}>
      <form className="vsignout-form" onSubmit={onSubmit} noValidate>
        <p className="kiosk-kicker">Sign out</p>
        <div className={`field vfield vsignout-field ${error ? 'field-invalid' : ''}`.trim()}>
          <h1 className="vquestion-heading">
            <label htmlFor={id} className="vquestion">
              Scan your badge
            </label>
          </h1>
          <p className="hint" id={hintId}>
            {SCAN_HINT}
          </p>
          {error && (
            <p className="field-error" id={errorId} role="alert">
              {error}
            </p>
          )}
          <input
            ref={field}
            id={id}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="none"
            maxLength={60}
            aria-invalid={error ? true : undefined}
            aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
            readOnly={busy}
          />
        </div>
        <div className="kiosk-actions kiosk-actions-split vstep-actions">
          <Link href="/" className="btn btn-secondary kiosk-btn">
            Back
          </Link>
          <div className="vstep-forward">
            {!keyboard && (
              <Button kind="secondary" className="kiosk-btn" onClick={() => setKeyboard(true)}>
                Type the code instead
              </Button>
            )}
            <button type="submit" className="btn btn-primary kiosk-btn kiosk-btn-wide" disabled={busy}>
              {busy ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </div>
      </form>
      <p className="vsignout-lost">Lost your badge? Please see the office.</p>
      {keyboard && <OnScreenKeyboard target={field} value={value} onChange={setValue} capitalise="characters" maxLength={60} disabled={busy} />}
    </main>
  );
}
