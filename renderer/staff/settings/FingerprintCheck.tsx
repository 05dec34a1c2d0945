/**
 * Settings › Backups: check a records check number typed in from paper (the foot of a printed
 * register, release slip or roll call) against the audit trail. Paper is out of reach of anyone
 * rewriting the records on this PC, so a match proves nothing before that row's time has been
 * rewritten since; a mismatch is raised with the same guidance as the automatic check's alert.
 * Each check is itself written to the audit trail.
 */
import { useState, type FormEvent } from 'react';
import type { ResultOf } from '../../../electron/api/contract';
import { call, splitError } from '../../app/api';
import { Button, Notice, TextField } from '../../components/ui';
import { dateAndTime } from '../../print/format';

type Verdict = ResultOf<'checkFingerprint'>;

/** What to do when the records may have been changed outside the app (the words of the alert on Today). */
export const CHANGED_OUTSIDE_GUIDANCE =
  'Keep using the app: new records are saved. Tell the head teacher and the DSL now. Do not restore or delete anything until IT has copied the data folder as it is.';

/** A whole fingerprint pasted into the first box ('18342-9f3a1c07d2e4b6a8'): split at its dash. */
function splitPasted(seq: string, hex: string): { seq: string; hex: string } {
  const m = /^\s*(?:records check\s*)?([\d\s,]+?)\s*-\s*([0-9a-f][0-9a-f\s-]*)$/i.exec(seq);
  return m && hex.trim() === '' ? { seq: m[1]!, hex: m[2]! } : { seq, hex };
}

export function FingerprintCheck({ timeZone }: { timeZone: string }) {
  const [seq, setSeq] = useState('');
  const [hex, setHex] = useState('');
  const [errors, setErrors] = useState<{ seq?: string; hex?: string; form?: string }>({});
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = splitPasted(seq, hex);
    const missing: { seq?: string; hex?: string } = {};
    if (!typed.seq.trim()) missing.seq = 'Enter the number before the dash, such as 18342.';
    if (!typed.hex.trim()) missing.hex = 'Enter the 16 letters and digits after the dash.';
    if (missing.seq || missing.hex) return setErrors(missing);
    setBusy(true);
    setErrors({});
    setVerdict(null);
    const r = await call('checkFingerprint', { seq: typed.seq, hex: typed.hex });
    setBusy(false);
    if (r.ok) return setVerdict(r.value);
    const { field, form } = splitError(r.error, ['seq', 'hex']);
    setErrors({ ...field, ...(form ? { form } : {}) });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="fingerprint-heading">
      <h3 id="fingerprint-heading">Check a printed page</h3>
      <p>
        Every printed register, release slip and fire roll call ends with a records check, such as “Records check 18342-9f3a1c07d2e4b6a8”. Type it in to
        confirm that the records it was printed from have not been rewritten since.
      </p>
      <div className="fingerprint-fields">
        <TextField
          label="Number before the dash"
          hint="For example 18342"
          inputMode="numeric"
          autoComplete="off"
          value={seq}
          error={errors.seq}
          onValue={(v) => {
            setSeq(v);
            setErrors((x) => ({ ...x, seq: undefined }));
          }}
        />
        <TextField
          label="Check code after the dash"
          hint="16 letters and digits; spaces and capitals do not matter"
          autoComplete="off"
          spellCheck={false}
          value={hex}
          error={errors.hex}
          onValue={(v) => {
            setHex(v);
            setErrors((x) => ({ ...x, hex: undefined }));
          }}
        />
      </div>
      <div className="form-actions">
        <Button kind="secondary" type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Check this number'}
        </Button>
      </div>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      {verdict && <VerdictWords verdict={verdict} timeZone={timeZone} />}
    </form>
  );
}

function VerdictWords({ verdict, timeZone }: { verdict: Verdict; timeZone: string }) {
  if (verdict.outcome === 'matches') {
    return (
      <div className="audit-verdict audit-ok" role="status">
        <p className="audit-verdict-line">
          This matches the records: nothing before {dateAndTime(new Date(verdict.at), timeZone)} (audit entry {verdict.seq}) has been rewritten.
        </p>
      </div>
    );
  }
  if (verdict.outcome === 'retired') {
    return (
      <div className="audit-verdict" role="status">
        <p className="audit-verdict-line">
          This page was printed before the records were restored from a backup on {dateAndTime(new Date(verdict.restoredAt), timeZone)}: it belongs to the
          records as they were before that restore, and cannot be checked against them now.
        </p>
      </div>
    );
  }
  return (
    <div className="audit-verdict audit-problem" role="alert">
      <p className="audit-verdict-line">This does NOT match the records: {verdict.reason}</p>
      <p>Records may have been changed outside Reception Kiosk. {CHANGED_OUTSIDE_GUIDANCE}</p>
    </div>
  );
}
