/**
 * First run: the school's name, the first administrator and their PIN (typed twice). On success the
 * school's recovery code is shown once, to print and keep safe; continuing reloads the app.
 */
import { useState, type FormEvent } from 'react';
import { call, splitError } from '../app/api';
import { NewPinFields, useNewPin } from '../components/NewPinFields';
import { Button, Notice, TextField } from '../components/ui';
import { useApp } from '../app/store';
import { Closed } from './Closed';
import { RecoveryCodeCard, ScreenHeading } from './common';
import './kiosk.css';

interface Done {
  schoolName: string;
  adminName: string;
  recoveryCode: string;
}

export function Setup() {
  // Setup is never offered on the visitor-facing screen: whoever stands there would become the administrator.
  const session = useApp((s) => s.session);
  if (session?.kind === 'kiosk' && session.publicScreen === true) return <Closed />;
  return <SetupForm />;
}

function SetupForm() {
  const [schoolName, setSchoolName] = useState('');
  const [adminName, setAdminName] = useState('');
  const newPin = useNewPin();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);

  if (done) return <SetupDone done={done} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    setErrors({});
    if (!newPin.check()) return;
    setBusy(true);
    const r = await call('setupSchool', { schoolName, adminName, pin: newPin.pin });
    setBusy(false);
    if (r.ok) {
      setDone({ schoolName: schoolName.trim(), adminName: r.value.admin.name, recoveryCode: r.value.recoveryCode });
      return;
    }
    const { field, form } = splitError(r.error, ['schoolName', 'adminName', 'pin']);
    setErrors(field);
    setFormError(form);
  };

  return (
    <main className="surface kiosk kiosk-screen kiosk-narrow setup">
      <ScreenHeading kicker="Reception Kiosk">Set up your school</ScreenHeading>
      <p className="kiosk-lead">Before the kiosk can be used, tell us the school’s name and who will look after it.</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="kiosk-form">
        {formError && <Notice kind="error">{formError}</Notice>}
        <TextField
          label="School name"
          hint="As visitors should see it, for example Oakfield Primary School."
          value={schoolName}
          onValue={setSchoolName}
          error={errors.schoolName}
          autoComplete="organization"
          maxLength={120}
        />
        <TextField
          label="Your name"
          hint="You will be the first administrator. You can add other staff afterwards."
          value={adminName}
          onValue={setAdminName}
          error={errors.adminName}
          autoComplete="name"
          maxLength={80}
        />
        <fieldset className="kiosk-fieldset">
          <legend>Your PIN</legend>
          <p className="hint">6 to 12 digits. You will type it to unlock the staff screens. Avoid the same digit over and over, or digits in order like 123456.</p>
          <NewPinFields
            kiosk
            value={newPin}
            label="Choose a PIN"
            againLabel="Type the PIN again"
            error={errors.pin}
            notSame="The two PINs are not the same. Type the PIN again."
            notTyped="Type the PIN again, to check it."
          />
        </fieldset>
        <div className="kiosk-actions">
          <Button type="submit" className="kiosk-btn kiosk-btn-wide" disabled={busy}>
            {busy ? 'Setting up…' : 'Set up the school'}
          </Button>
        </div>
      </form>
    </main>
  );
}

function SetupDone({ done }: { done: Done }) {
  const carryOn = () => {
    location.hash = '#/';
    location.reload();
  };
  return (
    <main className="surface kiosk kiosk-screen kiosk-narrow setup-done">
      <ScreenHeading kicker="Reception Kiosk">Your school is set up</ScreenHeading>
      <Notice kind="success">
        {done.schoolName} is ready. {done.adminName} is the first administrator.
      </Notice>
      <RecoveryCodeCard code={done.recoveryCode} />
      <div className="kiosk-actions no-print">
        <Button className="kiosk-btn kiosk-btn-wide" onClick={carryOn}>
          I have kept it safe: continue
        </Button>
      </div>
    </main>
  );
}
