/**
 * Settings, Security: how soon an idle staff console locks itself, the wait after wrong PINs
 * (counted per screen, never per account; ended here as well as from the alert banner, since a
 * screen can be waiting with no open alert: slow guesses, or an alert already dealt with), and the
 * administrator recovery code (replace it, see the new one once, print it for the school safe).
 */
import { useId, useState, type FormEvent } from 'react';
import { call } from '../../app/api';
import { Button, Loading, Notice, TextField } from '../../components/ui';
import { printLayout } from '../../print/printer';
import { alertsChanged } from '../alerts/events';
import { SaveRow } from './SaveRow';
import { useSettingsForm } from './useSettings';
import './settings.css';

function IdleLock() {
  const form = useSettingsForm();
  const [minutes, setMinutes] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the security settings" />;
  const value = minutes ?? String(form.settings.idleLockMinutes);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const text = value.trim();
    if (!/^\d+$/.test(text)) {
      form.clearOutcome();
      return setLocalError('Type a whole number of minutes, from 1 to 60.');
    }
    setLocalError(null);
    const outcome = await form.save({ idleLockMinutes: Number(text) }, { idleLockMinutes: 'the idle lock time' });
    if (outcome.kind === 'saved') setMinutes(null);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label="Lock the staff console after (minutes)"
        hint="If nobody touches the staff console for this long, it locks and shows the public screen again. From 1 to 60 minutes; 5 suits a busy front desk."
        inputMode="numeric"
        className="field-short"
        value={value}
        onValue={(v) => {
          setMinutes(v);
          setLocalError(null);
          form.clearOutcome();
        }}
        error={localError ?? form.fieldErrors.idleLockMinutes}
        autoComplete="off"
        maxLength={3}
      />
      <SaveRow form={form} />
    </form>
  );
}

/** End every screen's wait after wrong PINs (clearPinBudget: administrators and DSLs; this page is for administrators). */
function WrongPins() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  async function endWait() {
    setBusy(true);
    setOutcome(null);
    const r = await call('clearPinBudget');
    setBusy(false);
    if (!r.ok) return setOutcome({ ok: false, message: r.error.message });
    setOutcome({
      ok: true,
      message: r.value.cleared ? 'The wait is ended on every screen: staff can type their PIN again.' : 'No screen was waiting after wrong PINs: there was nothing to end.',
    });
    alertsChanged('security'); // its wrong-PIN alerts were dealt with too
  }

  return (
    <div>
      <p>
        Wrong PINs are counted for each screen, whoever’s name was picked. After 10 wrong PINs in a row the screen waits before it checks another, longer each
        time (up to 15 minutes, and never more than 20 tries an hour); the office is alerted after 5 wrong PINs in 10 minutes. Staff can end the wait at the
        screen with the recovery code.
      </p>
      <p>If you know who was typing, end the wait here. Any wrong-PIN alert is marked as dealt with too.</p>
      <Button kind="secondary" onClick={() => void endWait()} disabled={busy}>
        {busy ? 'Ending the wait…' : 'End any wait after wrong PINs'}
      </Button>
      {outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Notice>}
    </div>
  );
}

type RecoveryStep = { step: 'idle' } | { step: 'confirm' } | { step: 'making' } | { step: 'shown'; code: string };

function Recovery() {
  const [state, setState] = useState<RecoveryStep>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<{ ok: boolean; message: string } | null>(null);
  const startId = useId();

  async function make() {
    setState({ step: 'making' });
    setError(null);
    const r = await call('newRecoveryCode');
    if (!r.ok) {
      setError(r.error.message);
      return setState({ step: 'confirm' });
    }
    setPrinted(null);
    setState({ step: 'shown', code: r.value.recoveryCode });
  }

  async function print(code: string) {
    setPrinting(true);
    const r = await printLayout(`/print/recovery-code?code=${encodeURIComponent(code)}`, 'a4');
    setPrinting(false);
    setPrinted(r.printed ? { ok: true, message: 'Sent to the printer. Put the printed copy in the school safe.' } : { ok: false, message: r.message ?? 'It could not be printed.' });
  }

  return (
    <div>
      <p>
        The recovery code lets an administrator choose a new PIN if every administrator has forgotten theirs. It was shown once when Reception Kiosk was set
        up, and the printed copy belongs in the school safe.
      </p>
      <p>Make a new one if the printed copy is lost or someone else may have seen it. The old code stops working straight away.</p>

      {state.step === 'idle' && (
        <Button
          kind="secondary"
          id={startId}
          onClick={() => setState({ step: 'confirm' })}
        >
          Make a new recovery code
        </Button>
      )}

      {(state.step === 'confirm' || state.step === 'making') && (
        <div className="confirm-panel" role="group" aria-labelledby="recovery-confirm">
          <p id="recovery-confirm" className="confirm-question">
            Make a new recovery code? The current code, and any printed copy of it, will stop working.
          </p>
          {error && <Notice kind="error">{error}</Notice>}
          <div className="form-actions">
            <Button kind="danger" autoFocus onClick={() => void make()} disabled={state.step === 'making'}>
              {state.step === 'making' ? 'Making the new code…' : 'Yes, make a new code'}
            </Button>
            <Button
              kind="secondary"
              onClick={() => {
                setError(null);
                setState({ step: 'idle' });
                setTimeout(() => document.getElementById(startId)?.focus(), 0);
              }}
              disabled={state.step === 'making'}
            >
              Cancel
            </Button>
          </div>
        </div>
      )}

      {state.step === 'shown' && (
        <div className="recovery-shown" role="status">
          <p className="recovery-shown-title">The new recovery code</p>
          <p className="recovery-shown-code">
            {state.code}
          </p>
          <p>
            This is the only time it is shown. Print it now and put it in the school safe; the old code no longer works.
          </p>
          <div className="form-actions">
            <Button autoFocus onClick={() => void print(state.code)} disabled={printing}>
              {printing ? 'Printing…' : 'Print'}
            </Button>
            <Button kind="secondary" onClick={() => setState({ step: 'idle' })}>
              I have printed it: hide the code
            </Button>
          </div>
          {printed && <Notice kind={printed.ok ? 'success' : 'error'}>{printed.message}</Notice>}
        </div>
      )}
    </div>
  );
}

export function SecuritySettings() {
  return (
    <div className="settings-page">
      <h1>Security</h1>
      <section className="settings-section" aria-labelledby="security-idle">
        <h2 id="security-idle">Locking when idle</h2>
        <IdleLock />
      </section>
      <section className="settings-section" aria-labelledby="security-wrong-pins">
        <h2 id="security-wrong-pins">Wrong PINs</h2>
        <WrongPins />
      </section>
      <section className="settings-section" aria-labelledby="security-recovery">
        <h2 id="security-recovery">Administrator recovery code</h2>
        <Recovery />
      </section>
    </div>
  );
}
