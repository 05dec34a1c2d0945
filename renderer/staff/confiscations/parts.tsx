/**
 * The building blocks of a confiscation record's step panels (issue 7): one inline panel per step
 * (never a modal) that focuses its heading, keeps what was typed when the API says no and shows
 * the message beside the field it names; radios, ticks and the optional date-and-time.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ConfiscationDetail } from '../../../electron/api/contract';
import { splitError, type ApiResult } from '../../app/api';
import { Button, ChoiceGroup, Notice, TextField } from '../../components/ui';

export type Done = (detail: ConfiscationDetail, message: string) => void;

export type Errors = { field: Record<string, string>; form: string | null };
export const NO_ERRORS: Errors = { field: {}, form: null };

export function useStep(fields: readonly string[], onDone: Done) {
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function run(p: Promise<ApiResult<ConfiscationDetail>>, message: (d: ConfiscationDetail) => string) {
    setBusy(true);
    const r = await p;
    setBusy(false);
    if (!r.ok) {
      setErrors(splitError(r.error, fields));
      return;
    }
    setErrors(NO_ERRORS);
    onDone(r.value, message(r.value));
  }
  return { errors, setErrors, busy, run };
}

export function Panel({
  title,
  intro,
  submit,
  busy,
  formError,
  onSubmit,
  onCancel,
  tone,
  children,
}: {
  title: string;
  intro?: ReactNode;
  submit: string;
  busy: boolean;
  formError: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  tone?: 'warning';
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className={`conf-panel ${tone === 'warning' ? 'conf-panel-warning' : ''}`.trim()} aria-labelledby={id}>
      <h3 id={id} ref={headingRef} tabIndex={-1} className="conf-panel-title">
        {title}
      </h3>
      {intro}
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {formError && <Notice kind="error">{formError}</Notice>}
        <div className="conf-form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : submit}
          </button>
          <Button kind="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

export function Radios({
  legend,
  hint,
  options,
  value,
  onValue,
  error,
}: {
  legend: string;
  hint?: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <ChoiceGroup legend={legend} hint={hint} error={error} className="conf-choice">
      <div className="conf-radios">
        {options.map((o) => (
          <div className="conf-radio" key={o.value}>
            <input type="radio" id={`${id}-${o.value}`} name={id} value={o.value} checked={value === o.value} onChange={() => onValue(o.value)} />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </ChoiceGroup>
  );
}

export function Tick({ label, checked, onChecked, error }: { label: string; checked: boolean; onChecked: (v: boolean) => void; error?: string | undefined }) {
  const id = useId();
  return (
    <div className={`conf-tick ${error ? 'field-invalid' : ''}`.trim()}>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="checkbox">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChecked(e.target.checked)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

export function When({ value, onValue, error, label = 'Date and time' }: { value: string; onValue: (v: string) => void; error?: string | undefined; label?: string }) {
  return <TextField type="datetime-local" label={label} hint="Leave it empty for now." value={value} onValue={onValue} error={error} className="conf-when" />;
}

/** '' → undefined, for the optional date-and-time inputs. */
export const orNow = (v: string) => (v === '' ? undefined : v);

export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface PanelProps {
  d: ConfiscationDetail;
  onDone: Done;
  onCancel: () => void;
}

