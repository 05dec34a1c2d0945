/** Pieces the settings pages share: a titled section, field errors (shown and not shown), and a radio choice. */
import type { ReactNode } from 'react';
import { Notice } from '../../components/ui';
import type { SettingsForm } from './useSettings';

/** An error the server gave for a field this form does not show (so it is not lost). */
export function OtherFieldError({ form, fields }: { form: SettingsForm; fields: readonly string[] }) {
  const other = Object.entries(form.fieldErrors).find(([k]) => !fields.some((f) => k === f || k.startsWith(`${f}.`)));
  return other ? <Notice kind="error">{other[1]}</Notice> : null;
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The message for a field or any part of it ('types.visitor.rules' matches 'types.visitor.rules.2'). */
export function messageAt(errors: Record<string, string>, field: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

/** The saved settings form's message for a field (or any part of it). */
export function errorFor(form: SettingsForm, field: string): string | undefined {
  return messageAt(form.fieldErrors, field);
}

/** One radio button with its label and an optional hint, for a settings choice. */
export function Radio<T extends string>({ name, value, current, label, hint, onChoose }: { name: string; value: T; current: T; label: string; hint?: string; onChoose: (v: T) => void }) {
  const id = `${name}-${value}`;
  return (
    <div className="con-radio">
      <input type="radio" id={id} name={name} checked={current === value} onChange={() => onChoose(value)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
