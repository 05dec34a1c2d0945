/**
 * Visitors › Not permitted (leadership and DSLs only): people who must not be let in, each with a
 * category and never the reasons (those stay in the safeguarding records). A sign-in under a name
 * on the list asks the person to wait at reception and alerts the office. Adding takes a name and a
 * category; removing asks to confirm on the page (no pop-up).
 */
import { useId, useState, type FormEvent } from 'react';
import type { NotPermittedCategory, NotPermittedEntry } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { Button, ChoiceGroup, Loading, Notice, TextField } from '../../components/ui';
import { useTimeZone } from './context';
import { MessageBox, type Message } from './VisitActions';
import { byWords, momentWords, NOT_PERMITTED_WORDS } from './words';

const CATEGORIES = Object.keys(NOT_PERMITTED_WORDS) as NotPermittedCategory[];
export const CATEGORY_ONLY = 'Record only the category. The reasons are kept in the safeguarding records, not here.';

function AddForm({ onAdded }: { onAdded: (e: NotPermittedEntry) => void }) {
  const ids = useId();
  const [name, setName] = useState('');
  const [category, setCategory] = useState<NotPermittedCategory | ''>('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { field, form } = splitError(error, ['name', 'category']);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError({ code: 'INVALID', message: 'Enter the person’s name.', field: 'name' });
    if (!category) return setError({ code: 'INVALID', message: 'Choose a category.', field: 'category' });
    setBusy(true);
    setError(null);
    const r = await call('addNotPermitted', { name: name.trim(), category });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setName('');
    setCategory('');
    onAdded(r.value);
  }

  return (
    <section className="con-panel vis-panel vis-panel-after" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>Add a person</h3>
      <p className="vis-never" role="note">
        {CATEGORY_ONLY}
      </p>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="Add a person to the not-permitted list">
        <TextField
          id={`${ids}-name`}
          label="Name"
          hint="As they would type it at the entrance screen. A sign-in under this name asks them to wait for staff."
          maxLength={80}
          autoComplete="off"
          value={name}
          error={field.name}
          onValue={(v) => {
            setName(v);
            if (error?.field === 'name') setError(null);
          }}
        />
        <ChoiceGroup legend="Category" error={field.category} className="conf-choice">
          {CATEGORIES.map((c) => (
            <div className="con-radio" key={c}>
              <input
                type="radio"
                id={`${ids}-cat-${c}`}
                name={`${ids}-cat`}
                value={c}
                checked={category === c}
                onChange={() => {
                  setCategory(c);
                  if (error?.field === 'category') setError(null);
                }}
              />
              <label htmlFor={`${ids}-cat-${c}`}>{NOT_PERMITTED_WORDS[c]}</label>
            </div>
          ))}
        </ChoiceGroup>
        {form && <Notice kind="error">{form}</Notice>}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add to the list'}
        </button>
      </form>
    </section>
  );
}

function EntryRow({ entry, onRemoved }: { entry: NotPermittedEntry; onRemoved: (m: Message) => void }) {
  const timeZone = useTimeZone();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const r = await call('removeNotPermitted', { id: entry.id });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onRemoved({ kind: 'success', title: `${entry.name} is off the not-permitted list.`, body: 'A sign-in under this name is no longer stopped at the entrance screen.' });
  }

  return (
    <tbody className="staff-person">
      <tr>
        <th scope="row">{entry.name}</th>
        <td>{NOT_PERMITTED_WORDS[entry.category]}</td>
        <td>
          {byWords(entry.addedBy)}
          <span className="vis-sub">{momentWords(entry.addedAt, timeZone)}</span>
        </td>
      </tr>
      <tr className="actions-row">
        <td colSpan={3}>
          {confirming ? (
            <div className="vis-confirm" role="group" aria-label={`Remove ${entry.name}`}>
              <p>Take {entry.name} off the list? They will be able to sign in at the entrance screen.</p>
              <div className="row-actions">
                <Button kind="danger" onClick={() => void remove()} disabled={busy} autoFocus>
                  Yes, take them off
                </Button>
                <Button kind="secondary" onClick={() => setConfirming(false)} disabled={busy}>
                  Keep them on the list
                </Button>
              </div>
            </div>
          ) : (
            <div className="row-actions">
              <Button kind="secondary" onClick={() => setConfirming(true)}>
                Remove
              </Button>
            </div>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </td>
      </tr>
    </tbody>
  );
}

export function NotPermitted() {
  const list = useLoad('listNotPermitted');
  const [message, setMessage] = useState<Message | null>(null);

  const done = (m: Message) => {
    setMessage(m);
    list.reload();
  };

  return (
    <div className="vis-page">
      <h2>Not permitted</h2>
      <p className="vis-lead">
        People who must not be let in. If one of them signs in, the entrance screen asks them to wait for a member of staff, without saying why, and the office is alerted.
        Only leadership and DSLs see this list.
      </p>
      <MessageBox message={message} />
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      {!list.data && !list.error && <Loading what="Loading the list" />}
      {list.data && list.data.length === 0 && <p className="vis-empty">No one is on the list.</p>}
      {list.data && list.data.length > 0 && (
        <div className="con-table-wrap">
          <table className="staff-table vis-table">
            <caption className="visually-hidden">The not-permitted list.</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col">Added by</th>
              </tr>
            </thead>
            {list.data.map((e) => (
              <EntryRow key={e.id} entry={e} onRemoved={done} />
            ))}
          </table>
        </div>
      )}
      <AddForm onAdded={(e) => done({ kind: 'success', title: `${e.name} is on the not-permitted list (${NOT_PERMITTED_WORDS[e.category]}).`, body: 'A sign-in under this name will wait for staff.' })} />
    </div>
  );
}
