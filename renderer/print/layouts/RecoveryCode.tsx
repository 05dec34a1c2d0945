/**
 * The administrator recovery code on A4, to keep in the school safe. The code comes in the
 * query (?code=...) and must be letters, digits and dashes only: anything else is refused and
 * nothing is printed.
 */
import { useState } from 'react';
import { dateAndTime } from '../format';
import { Sheet, useSchool, useSchoolTimeZone, type LayoutProps, type PrintState } from './common';

const CODE = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

export function validRecoveryCode(code: string | null): code is string {
  return code !== null && code.length <= 40 && CODE.test(code);
}

export function RecoveryCode({ params }: LayoutProps) {
  const { schoolName } = useSchool();
  const { timeZone, done } = useSchoolTimeZone();
  const [printedAt] = useState(() => new Date());
  const code = params.get('code');
  const valid = validRecoveryCode(code);
  const state: PrintState = !valid ? 'error' : done ? 'ready' : 'loading';
  return (
    <Sheet
      paper="a4"
      state={state}
      error="This is not a recovery code: a recovery code has only letters, digits and dashes. Nothing was printed."
      label="Administrator recovery code"
    >
      <div className="a4-frame print-recovery">
        <p className="a4-school">{schoolName}</p>
        <h1 className="a4-title">Administrator recovery code</h1>
        <p className="print-recovery-code">{code}</p>
        <p className="print-recovery-safe">Keep this in the school safe.</p>
        <section className="a4-section" aria-labelledby="recovery-what">
          <h2 id="recovery-what">What it is for</h2>
          <p>
            If every administrator has forgotten their PIN, this code lets an administrator choose a new PIN for Reception Kiosk. On the staff unlock screen,
            choose to use the recovery code, pick an administrator’s name, type this code and choose a new PIN.
          </p>
          <p>
            Once it has been used, Reception Kiosk shows a new recovery code and this one stops working: print the new one, put it in the safe and shred this
            sheet. An administrator can also make a new code in Settings, Security.
          </p>
        </section>
        <section className="a4-section" aria-labelledby="recovery-keep">
          <h2 id="recovery-keep">Keeping it safe</h2>
          <ul>
            <li>Anyone with this code can take over an administrator account: do not leave it at the reception desk.</li>
            <li>Do not email it, photograph it or save it on a computer.</li>
            <li>Letters and digits that look alike are accepted either way (O and 0, I and 1, B and 8); the dashes are optional.</li>
          </ul>
        </section>
        <p className="a4-when">Printed {done ? dateAndTime(printedAt, timeZone) : ''}</p>
      </div>
    </Sheet>
  );
}
