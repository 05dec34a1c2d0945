/**
 * Acknowledging a 'records-changed' alert (issue 14): only a DSL or an administrator is offered it
 * (the API refuses anyone else), and only with a written note of what was done, kept with the alert
 * and audited.
 */
import { useId, useState } from 'react';
import { call } from '../../app/api';
import { Button } from '../../components/ui';

const NOTE_MAX = 1000;

export function RecordsChangedAck({ alertId, onDone }: { alertId: number; onDone: (message: string, ok: boolean) => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  async function acknowledge() {
    if (!note.trim()) {
      setError('Write what was done: who was told, and whether IT has copied the data folder.');
      return;
    }
    setBusy(true);
    const r = await call('resolveAlert', { id: alertId, note });
    setBusy(false);
    if (r.ok) {
      onDone('The alert is acknowledged, with your note.', true);
      return;
    }
    if (r.error.field === 'note') setError(r.error.message);
    else onDone(r.error.message, false);
  }
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`.trim()}>
      <label htmlFor={id}>What was done (who was told, and whether IT has copied the data folder)</label>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <textarea
        id={id}
        rows={3}
        maxLength={NOTE_MAX}
        value={note}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setNote(e.target.value);
          setError(null);
        }}
      />
      <Button kind="secondary" onClick={() => void acknowledge()} disabled={busy}>
        {busy ? 'Saving…' : 'Acknowledge'}
      </Button>
    </div>
  );
}
