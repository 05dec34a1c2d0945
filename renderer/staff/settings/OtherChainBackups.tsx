/**
 * Settings › Backups: backups of another school's records (another audit chain), for example
 * those left from before the app was started afresh. The rotation never removes them, so a new
 * administrator cannot push an earlier school's backups out; each shows its age, and an
 * administrator may remove one by saying why (the reason is audited).
 */
import { useState, type FormEvent } from 'react';
import type { ResultOf } from '../../../electron/api/contract';
import { call, splitError } from '../../app/api';
import { Button, TextField } from '../../components/ui';
import { whenWords } from '../../print/format';

type Backup = ResultOf<'listBackups'>['backups'][number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** '3 days old', '5 months old', '2 years old'. */
export function ageInWords(takenAt: Date, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - takenAt.getTime()) / DAY_MS));
  const say = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} old`;
  if (days < 1) return 'less than a day old';
  if (days < 60) return say(days, 'day');
  if (days < 730) return say(Math.floor(days / 30.44), 'month');
  return say(Math.floor(days / 365.25), 'year');
}

export function OtherChainBackups({ backups, now, timeZone, onRemoved }: { backups: Backup[]; now: Date; timeZone: string; onRemoved: () => void }) {
  const [removing, setRemoving] = useState<string | null>(null);
  if (backups.length === 0) return null;
  return (
    <section className="settings-section" aria-labelledby="backups-other">
      <h2 id="backups-other">Backups of another school’s records</h2>
      <p>
        These backups hold records with a different audit trail from this school’s: they were made before Reception Kiosk was started afresh on this
        computer, or copied here from elsewhere. They are never removed by themselves.
      </p>
      <ul className="other-chain-list">
        {backups.map((b) => (
          <li key={b.file}>
            <p>
              <strong>{whenWords(new Date(b.takenAt), now, timeZone).replace(/^./, (c) => c.toUpperCase())}</strong> <span className="backup-age">({ageInWords(new Date(b.takenAt), now)})</span>
            </p>
            {removing === b.file ? (
              <RemoveForm backup={b} onCancel={() => setRemoving(null)} onRemoved={onRemoved} />
            ) : (
              <Button kind="secondary" onClick={() => setRemoving(b.file)} aria-label={`Remove the backup of ${whenWords(new Date(b.takenAt), now, timeZone)}`}>
                Remove…
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RemoveForm({ backup, onCancel, onRemoved }: { backup: Backup; onCancel: () => void; onRemoved: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 10) return setProblem('Say why this backup is being removed, in a few words (at least 10 characters).');
    setBusy(true);
    const r = await call('removeBackup', { backup: backup.file, reason: reason.trim() });
    setBusy(false);
    if (r.ok) return onRemoved();
    const { field, form } = splitError(r.error, ['reason']);
    setProblem(field.reason ?? form);
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label="Why is it being removed?"
        hint="This is written to the audit log with your name."
        value={reason}
        onValue={(v) => {
          setReason(v);
          setProblem(null);
        }}
        error={problem ?? undefined}
        maxLength={500}
        className="field-wide"
      />
      <div className="form-actions">
        <Button type="submit" kind="danger" disabled={busy}>
          {busy ? 'Removing…' : 'Remove this backup'}
        </Button>
        <Button kind="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
