/**
 * The foot of a settings form: a message the server gave without naming a field, the Save button
 * (saying "Saving…" while it works) and, beside it, what was saved or that nothing had changed.
 */
import { Button, Notice } from '../../components/ui';
import type { SettingsForm } from './useSettings';

export function SaveRow({ form }: { form: SettingsForm }) {
  return (
    <>
      {form.formError && <Notice kind="error">{form.formError}</Notice>}
      <div className="form-actions">
        <Button type="submit" disabled={form.saving}>
          {form.saving ? 'Saving…' : 'Save'}
        </Button>
        {form.outcome?.kind === 'saved' && <Notice kind="success">{form.outcome.message}</Notice>}
        {form.outcome?.kind === 'unchanged' && <Notice kind="info">{form.outcome.message}</Notice>}
      </div>
    </>
  );
}
