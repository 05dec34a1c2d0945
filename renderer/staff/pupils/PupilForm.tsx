/**
 * A pupil's details as a form, for "Add a pupil" and "Edit details": first name, surname, year
 * group (Reception to Year 6), class, UPN and admission number, each with the server's message
 * beside it. The year group is checked here first (a select cannot be typed wrong otherwise).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PupilDetail } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { Button, Notice, SelectField, TextField } from '../../components/ui';
import { fullName, YEAR_GROUPS } from './words';

const FIELDS = ['forename', 'surname', 'yearGroup', 'regGroup', 'upn', 'adno'] as const;

interface Draft {
  forename: string;
  surname: string;
  yearGroup: string;
  regGroup: string;
  upn: string;
  adno: string;
}

const EMPTY: Draft = { forename: '', surname: '', yearGroup: '', regGroup: '', upn: '', adno: '' };

function draftOf(p: PupilDetail): Draft {
  return { forename: p.forename, surname: p.surname, yearGroup: String(p.yearGroup), regGroup: p.regGroup, upn: p.upn ?? '', adno: p.adno ?? '' };
}

interface PupilFormProps {
  /** The pupil being edited; none to add a new one. */
  pupil?: PupilDetail;
  onSaved: (pupil: PupilDetail) => void;
  onCancel: () => void;
}

export function PupilForm({ pupil, onSaved, onCancel }: PupilFormProps) {
  const [draft, setDraft] = useState<Draft>(pupil ? draftOf(pupil) : EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const classes = useLoad('listClasses');
  const listId = useId();
  useEffect(() => headingRef.current?.focus(), []);

  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (draft.yearGroup === '') return setError({ code: 'INVALID', message: 'Choose the year group.', field: 'yearGroup' });
    setError(null);
    setBusy(true);
    const fields = { forename: draft.forename, surname: draft.surname, yearGroup: Number(draft.yearGroup), regGroup: draft.regGroup, upn: draft.upn, adno: draft.adno };
    const r = pupil ? await call('updatePupil', { id: pupil.id, ...fields }) : await call('createPupil', fields);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onSaved(r.value);
  }

  const { field, form } = splitError(error, FIELDS);
  const title = pupil ? `Edit ${fullName(pupil)}’s details` : 'Add a pupil';
  const classNames = [...new Set((classes.data ?? []).map((c) => c.regGroup).filter(Boolean))];
  return (
    <section className="con-panel pupil-form" aria-labelledby={`${listId}-heading`}>
      <h2 id={`${listId}-heading`} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {!pupil && <p className="pupils-muted">Pupils usually come from the MIS with “Import the roll”. Add one by hand when a pupil joins between imports.</p>}
      {form && <Notice kind="error">{form}</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="pupils-field-row">
          <TextField label="First name" autoComplete="off" value={draft.forename} onValue={set('forename')} error={field.forename} maxLength={60} />
          <TextField label="Surname" autoComplete="off" value={draft.surname} onValue={set('surname')} error={field.surname} maxLength={60} />
        </div>
        <div className="pupils-field-row">
          <SelectField
            label="Year group"
            value={draft.yearGroup}
            onValue={set('yearGroup')}
            error={field.yearGroup}
            options={[{ value: '', label: 'Choose…' }, ...YEAR_GROUPS.map((y) => ({ value: String(y.value), label: y.label }))]}
          />
          <TextField label="Class" hint="The registration class, for example 5W." autoComplete="off" value={draft.regGroup} onValue={set('regGroup')} error={field.regGroup} maxLength={20} list={listId} />
          <datalist id={listId}>
            {classNames.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div className="pupils-field-row">
          <TextField
            label="UPN (optional)"
            hint="13 characters: a letter, 11 digits, then a digit or letter."
            autoComplete="off"
            spellCheck={false}
            value={draft.upn}
            onValue={set('upn')}
            error={field.upn}
            maxLength={13}
            className="field-code"
          />
          <TextField
            label="Admission number (optional)"
            hint="The school’s own number for the pupil."
            autoComplete="off"
            value={draft.adno}
            onValue={set('adno')}
            error={field.adno}
            maxLength={20}
            className="field-code"
          />
        </div>
        <div className="con-actions">
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : pupil ? 'Save changes' : 'Add the pupil'}
          </Button>
          <Button kind="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
