/**
 * Staff unlock: pick your name, then type your PIN on the keypad. The host reloads the page when
 * the PIN is right; a wrong PIN shows the server's words beside the PIN and clears it. Wrong PINs
 * are counted per screen: when the screen must wait, both steps show the wait counted down, with
 * "Use the recovery code" (PinWait.tsx). Idle for a minute: back to Welcome.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import { call, useLoad } from '../app/api';
import { Keypad } from '../components/Keypad';
import { Loading, Notice, TextField } from '../components/ui';
import { ScreenHeading, useIdleReturn } from './common';
import { PinWaitNotice, usePinWait } from './PinWait';
import './kiosk.css';

/** More names than this and a "Find your name" box appears. */
export const FILTER_FROM = 8;

export function UnlockPickName() {
  useIdleReturn();
  const wait = usePinWait();
  const names = useLoad('listUnlockNames');
  const [filter, setFilter] = useState('');
  const all = names.data ?? [];
  const needle = filter.trim().toLocaleLowerCase('en-GB');
  const shown = needle ? all.filter((n) => n.name.toLocaleLowerCase('en-GB').includes(needle)) : all;

  return (
    <main className="surface kiosk kiosk-screen unlock-pick">
      <ScreenHeading>Staff: unlock</ScreenHeading>
      {names.loading && !names.data && <Loading what="Loading names" />}
      {names.error && <Notice kind="error">{names.error.message}</Notice>}
      <PinWaitNotice wait={wait} />
      {names.data && all.length === 0 && (
        <Notice kind="info">No staff can unlock yet. An administrator needs to give staff a PIN first.</Notice>
      )}
      {all.length > 0 && (
        <>
          <p className="kiosk-lead">Choose your name.</p>
          {all.length > FILTER_FROM && (
            <TextField
              label="Find your name"
              type="search"
              className="unlock-filter"
              autoComplete="off"
              spellCheck={false}
              value={filter}
              onValue={setFilter}
            />
          )}
          {shown.length === 0 ? (
            <p role="status">No name matches “{filter.trim()}”.</p>
          ) : (
            <ul className="unlock-names" aria-label="Staff names">
              {shown.map((n) => (
                <li key={n.id}>
                  <Link href={`/unlock/${n.id}`} className="unlock-name">
                    {n.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="kiosk-actions kiosk-actions-split">
        <Link href="/" className="btn btn-secondary kiosk-btn">
          Cancel
        </Link>
        <Link href="/recover" className="kiosk-small-link">
          Forgotten the administrator PIN?
        </Link>
      </div>
    </main>
  );
}

export function UnlockPin() {
  useIdleReturn();
  const params = useParams<{ id: string }>();
  const staffId = Number(params.id);
  const names = useLoad('listUnlockNames');
  const person = names.data?.find((n) => n.id === staffId) ?? null;

  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = usePinWait();
  const waiting = wait.seconds;
  const keypad = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (person) keypad.current?.focus({ preventScroll: true });
  }, [person]);

  const submit = async () => {
    if (busy || waiting > 0 || !person) return;
    if (pin.length === 0) {
      setPinError('Type your PIN, then press Unlock.');
      keypad.current?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    const r = await call('unlock', { staffId, pin });
    if (r.ok) return; // the host reloads the page into the staff console
    setBusy(false);
    setPin('');
    if (r.error.field === 'pin') {
      setPinError(r.error.message);
    } else {
      setPinError(null);
      setFormError(r.error.message);
    }
    wait.afterRefusal(r.error.message);
    // Focus after the keys are enabled again (a disabled key cannot hold focus).
    window.setTimeout(() => keypad.current?.focus({ preventScroll: true }), 0);
  };

  if (names.loading && !names.data) {
    return (
      <main className="surface kiosk kiosk-screen kiosk-narrow">
        <Loading />
      </main>
    );
  }

  if (!person) {
    return (
      <main className="surface kiosk kiosk-screen kiosk-narrow">
        <ScreenHeading kicker="Staff: unlock">Pick your name</ScreenHeading>
        <Notice kind="error">{names.error ? names.error.message : 'That name is not on the list. Pick your name again.'}</Notice>
        <div className="kiosk-actions">
          <Link href="/unlock" className="btn btn-primary kiosk-btn">
            Pick your name
          </Link>
        </div>
      </main>
    );
  }

  return (
    <main className="surface kiosk kiosk-screen unlock-pin">
      <div className="unlock-pin-who">
        <ScreenHeading kicker="Staff: unlock">{person.name}</ScreenHeading>
        <p className="kiosk-lead">Type your PIN, then press Unlock.</p>
        {formError && <Notice kind="error">{formError}</Notice>}
        <PinWaitNotice wait={wait} />
        {busy && <p role="status">Checking your PIN…</p>}
        <Link href="/unlock" className="kiosk-small-link unlock-not-you">
          Not you? Pick another name
        </Link>
      </div>
      <Keypad
        ref={keypad}
        value={pin}
        onChange={setPin}
        onSubmit={() => void submit()}
        disabled={busy}
        submitDisabled={waiting > 0}
        submitLabel="Unlock"
        error={pinError}
      />
    </main>
  );
}
