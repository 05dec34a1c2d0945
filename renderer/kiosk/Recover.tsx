/**
 * When every administrator has forgotten their PIN: an administrator picks their name, types the
 * school's recovery code and a new PIN (twice). On success the NEW recovery code is shown once
 * (the old one stops working), then on to unlock.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { call, splitError, useLoad } from '../app/api';
import { NewPinFields, useNewPin } from '../components/NewPinFields';
import { Button, Notice, SelectField, TextField } from '../components/ui';
import { RecoveryCodeCard, ScreenHeading, durationInWords, useCountdown, useIdleReturn, waitSeconds } from './common';
import './kiosk.css';

const FIELDS = ['staffId', 'recoveryCode', 'newPin'];

export function Recover() {
  const names = useLoad('listUnlockNames');
  const [staffId, setStaffId] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const newPin = useNewPin();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const waiting = useCountdown(waitUntil);
  const [done, setDone] = useState<{ staffId: number; name: string; recoveryCode: string } | null>(null);
  // Back to Welcome when left alone, but never while the new code is on screen: it is shown only once.
  useIdleReturn(!done);

  if (done) {
    return (
      <main className="surface kiosk kiosk-screen kiosk-narrow recover-done">
        <ScreenHeading kicker="Staff: forgotten PIN">Your PIN has been changed</ScreenHeading>
        <Notice kind="success">
          {done.name}, you can now unlock with your new PIN. The old recovery code no longer works: this is the new one.
        </Notice>
        <RecoveryCodeCard code={done.recoveryCode} />
        <div className="kiosk-actions no-print">
          <Link href={`/unlock/${done.staffId}`} className="btn btn-primary kiosk-btn kiosk-btn-wide">
            I have kept it safe: go to unlock
          </Link>
        </div>
      </main>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || waiting > 0) return;
    setFormError(null);
    const local: Record<string, string> = {};
    if (!staffId) local.staffId = 'Choose your name.';
    if (!recoveryCode.trim()) local.recoveryCode = 'Type the recovery code.';
    const same = newPin.check();
    setErrors(local);
    if (Object.keys(local).length > 0 || !same) return;
    setBusy(true);
    const id = Number(staffId);
    const r = await call('recoverAdminPin', { staffId: id, recoveryCode: recoveryCode.trim(), newPin: newPin.pin });
    setBusy(false);
    if (r.ok) {
      setDone({ staffId: id, name: names.data?.find((n) => n.id === id)?.name ?? '', recoveryCode: r.value.recoveryCode });
      return;
    }
    const { field, form } = splitError(r.error, FIELDS);
    setErrors(field);
    setFormError(form);
    const wait = waitSeconds(r.error.message);
    setWaitUntil(wait > 0 ? Date.now() + wait * 1000 : null);
  };

  const options = [{ value: '', label: 'Choose your name' }, ...(names.data ?? []).map((n) => ({ value: String(n.id), label: n.name }))];

  return (
    <main className="surface kiosk kiosk-screen kiosk-narrow recover">
      <ScreenHeading kicker="Staff: forgotten PIN">Reset an administrator’s PIN</ScreenHeading>
      <p className="kiosk-lead">
        If every administrator has forgotten their PIN, use the school’s recovery code (the printed code kept in the school safe) to choose a new one.
      </p>
      <p>Other staff: please ask an administrator to reset your PIN.</p>
      {names.error && <Notice kind="error">{names.error.message}</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate className="kiosk-form">
        {formError && <Notice kind="error">{formError}</Notice>}
        <SelectField label="Your name" options={options} value={staffId} onValue={setStaffId} error={errors.staffId} />
        <TextField
          label="Recovery code"
          hint="Letters and digits, as printed. The dashes are optional."
          value={recoveryCode}
          onValue={setRecoveryCode}
          error={errors.recoveryCode}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          className="recover-code-field"
        />
        <fieldset className="kiosk-fieldset">
          <legend>Your new PIN</legend>
          <p className="hint">6 to 12 digits. Avoid the same digit over and over, or digits in order like 123456.</p>
          <NewPinFields
            kiosk
            value={newPin}
            label="Choose a new PIN"
            againLabel="Type the new PIN again"
            error={errors.newPin}
            notSame="The two PINs are not the same. Type the new PIN again."
            notTyped="Type the new PIN again, to check it."
          />
        </fieldset>
        {waiting > 0 && (
          <p className="unlock-wait">
            You can try again in <strong>{durationInWords(waiting)}</strong>.
          </p>
        )}
        <div className="kiosk-actions kiosk-actions-split">
          <Button type="submit" className="kiosk-btn" disabled={busy || waiting > 0}>
            {busy ? 'Checking…' : 'Change my PIN'}
          </Button>
          <Link href="/unlock" className="btn btn-secondary kiosk-btn">
            Cancel
          </Link>
        </div>
      </form>
    </main>
  );
}
