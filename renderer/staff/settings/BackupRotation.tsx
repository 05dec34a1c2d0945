/**
 * Settings › Backups: where backups go and how long they are kept. Backups rotate by age (one a
 * day, one a week, one a month), never by count: pressing "Back up now" again and again can never
 * push older backups out. The days kept have a floor (7) the field refuses below, with the reason,
 * before anything is sent; the server and the database refuse it too.
 */
import { useState, type FormEvent } from 'react';
import { Loading, Notice, TextField } from '../../components/ui';
import { SaveRow } from './SaveRow';
import { useSettingsForm } from './useSettings';

/** The floor the database enforces (db/backup.ts MIN_DAILY_BACKUPS); the server says so too. */
export const MIN_DAILY = 7;

type Key = 'backupsKept' | 'backupsWeekly' | 'backupsMonthly';

const FIELDS: { key: Key; label: string; hint: string; min: number; max: number; words: string }[] = [
  {
    key: 'backupsKept',
    label: 'Days of daily backups',
    hint: `One backup a day is kept for this many days: at least ${MIN_DAILY}, at most 365.`,
    min: MIN_DAILY,
    max: 365,
    words: 'the days of daily backups',
  },
  { key: 'backupsWeekly', label: 'Weeks of weekly backups', hint: 'Then one a week for this many weeks: 0 to 260.', min: 0, max: 260, words: 'the weeks of weekly backups' },
  { key: 'backupsMonthly', label: 'Months of monthly backups', hint: 'Then one a month for this many months: 0 to 120.', min: 0, max: 120, words: 'the months of monthly backups' },
];

/** The problem with a typed number of days, weeks or months, in words; null when it can be sent. */
export function rotationProblem(key: Key, typed: string): string | null {
  const field = FIELDS.find((f) => f.key === key)!;
  if (!/^\d+$/.test(typed.trim())) return `Type a whole number, from ${field.min} to ${field.max}.`;
  const n = Number(typed.trim());
  if (key === 'backupsKept' && n < MIN_DAILY) return `Keep at least ${MIN_DAILY} days of daily backups: fewer would leave too little to go back to.`;
  if (n < field.min || n > field.max) return `Type a whole number, from ${field.min} to ${field.max}.`;
  return null;
}

export function BackupRotation({ folder, onSaved }: { folder: string; onSaved: () => void }) {
  const form = useSettingsForm();
  const [dir, setDir] = useState<string | null>(null);
  const [typed, setTyped] = useState<Partial<Record<Key, string>>>({});
  const [problems, setProblems] = useState<Partial<Record<Key, string>>>({});
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the backup settings" />;
  const settings = form.settings;
  const dirValue = dir ?? settings.backupDir ?? '';
  const valueOf = (key: Key) => typed[key] ?? String(settings[key]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Partial<Record<Key, string>> = {};
    for (const f of FIELDS) {
      const problem = rotationProblem(f.key, valueOf(f.key));
      if (problem) found[f.key] = problem;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return form.clearOutcome();
    const outcome = await form.save(
      {
        backupDir: dirValue.trim() === '' ? null : dirValue.trim(),
        backupsKept: Number(valueOf('backupsKept').trim()),
        backupsWeekly: Number(valueOf('backupsWeekly').trim()),
        backupsMonthly: Number(valueOf('backupsMonthly').trim()),
      },
      { backupDir: 'the backup folder', ...Object.fromEntries(FIELDS.map((f) => [f.key, f.words])) },
    );
    if (outcome.kind === 'saved') {
      setDir(null);
      setTyped({});
      onSaved();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label="Backup folder"
        hint="The full path of a folder, ideally on another drive, such as D:\Kiosk backups. Leave it empty to use the backups folder beside the database."
        value={dirValue}
        onValue={(v) => {
          setDir(v);
          form.clearOutcome();
        }}
        error={form.fieldErrors.backupDir}
        spellCheck={false}
        autoComplete="off"
        maxLength={500}
        className="field-wide"
      />
      <p className="hint field-after">
        In use now: <span className="path">{folder}</span>
      </p>
      <fieldset className="backup-rotation">
        <legend>How long backups are kept</legend>
        <p className="hint">
          Backups are kept by age, not by number: the newest of each day, then of each week, then of each month. The newest backup is always kept, and so are
          backups of another school’s records.
        </p>
        {FIELDS.map((f) => (
          <TextField
            key={f.key}
            label={f.label}
            hint={f.hint}
            inputMode="numeric"
            className="field-short"
            value={valueOf(f.key)}
            onValue={(v) => {
              setTyped((t) => ({ ...t, [f.key]: v }));
              setProblems((p) => ({ ...p, [f.key]: undefined }));
              form.clearOutcome();
            }}
            error={problems[f.key] ?? form.fieldErrors[f.key]}
            autoComplete="off"
            maxLength={3}
          />
        ))}
      </fieldset>
      <SaveRow form={form} />
    </form>
  );
}
