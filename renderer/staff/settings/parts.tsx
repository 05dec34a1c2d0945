/** Pieces the settings pages share: a titled section, and a field error the page has no field for. */
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
