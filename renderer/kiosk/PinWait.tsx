/**
 * The wait this screen must sit out after too many wrong PINs (issue 13; db/pin-budget.ts): the
 * budget is the screen's, whichever names were tried, so the wait shows on the unlock screens as
 * soon as they open, counted down. During it no PIN is checked, so the screen offers the one way
 * through at the screen itself: the school's recovery code (an administrator or DSL can also end
 * it from the console).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../app/api';
import { Button, TextField } from '../components/ui';
import { durationInWords, useCountdown, waitSeconds } from './common';

export interface PinWait {
  /** Whole seconds left; 0 when a PIN may be tried. */
  seconds: number;
  /** After a refused PIN: the wait its words give at once, then the screen's exact wait. */
  afterRefusal(message: string): void;
  /** The wait ended (the recovery code). */
  end(): void;
}

export function usePinWait(): PinWait {
  const [until, setUntil] = useState<number | null>(null);
  const seconds = useCountdown(until);
  const ask = useCallback(async () => {
    const r = await call('getPinBudget');
    if (r.ok && r.value.waitSeconds > 0) setUntil(Date.now() + r.value.waitSeconds * 1000);
  }, []);
  useEffect(() => {
    void ask();
  }, [ask]);
  return {
    seconds,
    afterRefusal(message) {
      const wait = waitSeconds(message);
      setUntil(wait > 0 ? Date.now() + wait * 1000 : null);
      if (wait > 0) void ask();
    },
    end: () => setUntil(null),
  };
}

/** The countdown, and "Use the recovery code" to end the wait now. */
export function PinWaitNotice({ wait }: { wait: PinWait }) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    if (wait.seconds > 0) setEnded(false);
  }, [wait.seconds]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!code.trim()) {
      setError('Type the recovery code.');
      return;
    }
    setBusy(true);
    const r = await call('clearPinBudgetWithRecoveryCode', { recoveryCode: code.trim() });
    setBusy(false);
    setCode('');
    if (r.ok) {
      setError(null);
      setOpen(false);
      setEnded(true);
      wait.end();
    } else setError(r.error.message);
  }

  if (ended) return <p role="status">The wait has ended. Type your PIN.</p>;
  if (wait.seconds <= 0) return null;
  return (
    <div className="unlock-wait">
      <p>
        You can try again in <strong>{durationInWords(wait.seconds)}</strong>.
      </p>
      <p className="hint">Too many wrong PINs have been typed on this screen, so it waits between tries.</p>
      {!open ? (
        <Button kind="secondary" onClick={() => setOpen(true)}>
          Use the recovery code
        </Button>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="unlock-wait-form">
          <TextField
            label="Recovery code"
            hint="The school's recovery code, as printed. It ends the wait on this screen."
            value={code}
            onValue={setCode}
            error={error ?? undefined}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
          />
          <div className="kiosk-actions">
            <Button type="submit" aria-disabled={busy || undefined}>
              {busy ? 'Checking…' : 'End the wait'}
            </Button>
            <Button kind="secondary" type="button" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
