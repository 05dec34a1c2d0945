/** My PIN: change your own PIN (current PIN, the new one twice). */
import { useRef, useState, type FormEvent } from 'react';
import { call, splitError, type ApiError } from '../app/api';
import { NewPinFields, useNewPin } from '../components/NewPinFields';
import { Button, Notice, PageHeader, TextField } from '../components/ui';
import './staff.css';

export const PIN_HINT = '6 to 12 digits. Not the same digit over and over, and not digits in order like 123456.';
export const PIN_MISMATCH = 'The two new PINs are not the same. Type the new PIN again.';

export function MyPin() {
  const [currentPin, setCurrentPin] = useState('');
  const newPin = useNewPin();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    setError(null);
    if (!newPin.check()) return;
    setBusy(true);
    const r = await call('changeOwnPin', { currentPin, newPin: newPin.pin });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setCurrentPin('');
    newPin.clear();
    setDone(true);
    requestAnimationFrame(() => doneRef.current?.focus());
  }

  const { field, form } = splitError(error);
  return (
    <>
      <PageHeader title="My PIN" />
      <p className="con-lead">Change the PIN you type to unlock the staff console. Keep it to yourself.</p>
      <div ref={doneRef} tabIndex={-1} className="con-message">
        {done && <Notice kind="success">Your PIN has been changed. Use the new PIN the next time you unlock.</Notice>}
      </div>
      {form && <Notice kind="error">{form}</Notice>}
      <form className="con-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label="Current PIN"
          type="password"
          inputMode="numeric"
          autoComplete="current-password"
          value={currentPin}
          onValue={setCurrentPin}
          error={field.currentPin}
        />
        <NewPinFields value={newPin} label="New PIN" againLabel="New PIN again" hint={PIN_HINT} error={field.newPin} notSame={PIN_MISMATCH} />
        <Button type="submit" disabled={busy}>
          {busy ? 'Changing your PIN…' : 'Change my PIN'}
        </Button>
      </form>
    </>
  );
}
