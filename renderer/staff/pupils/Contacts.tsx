/**
 * A pupil's contacts: who they are, their phone, and whether they may collect the pupil. A contact
 * marked "must not collect / no contact" says so in words on their row; only a DSL sees the
 * category (the server leaves it out for everyone else) and may mark or clear the flag.
 * Removing asks first, in the row; the server refuses to remove a flagged contact unless a DSL asks.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Contact, NoContactCategory } from '../../../electron/api/contract';
import { call, splitError, type ApiError } from '../../app/api';
import { Button, Notice, TextField } from '../../components/ui';
import { CATEGORY_WORDS } from './words';

const CONTACT_FIELDS = ['name', 'relationship', 'phone', 'mayCollect'] as const;
const RELATIONSHIPS = ['Mother', 'Father', 'Parent', 'Step-parent', 'Carer', 'Foster carer', 'Grandmother', 'Grandfather', 'Aunt', 'Uncle', 'Sibling', 'Childminder', 'Family friend'];

type Done = (message: string) => void;

function FocusHeading({ level = 3, children }: { level?: 2 | 3; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <H ref={ref} tabIndex={-1}>
      {children}
    </H>
  );
}

/** "May this person collect?" as two radio buttons; nothing chosen until someone chooses. */
function MayCollect({ value, onChange, error, locked }: { value: boolean | null; onChange: (v: boolean) => void; error?: string | undefined; locked: boolean }) {
  const id = useId();
  return (
    <fieldset className={`field pupils-choice ${error ? 'field-invalid' : ''}`.trim()} aria-describedby={[locked ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend>May this person collect the pupil?</legend>
      {locked && (
        <p className="hint" id={`${id}-hint`}>
          This contact is marked “must not collect”: only a DSL can change that.
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="pupils-radios">
        {[
          [true, 'Yes'],
          [false, 'No'],
        ].map(([v, label]) => (
          <div className="con-radio" key={String(v)}>
            <input type="radio" id={`${id}-${String(v)}`} name={`${id}-may`} checked={value === v} disabled={locked} onChange={() => onChange(v as boolean)} />
            <label htmlFor={`${id}-${String(v)}`}>{label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

interface ContactDraft {
  name: string;
  relationship: string;
  phone: string;
  mayCollect: boolean | null;
}

function ContactForm({
  contact,
  pupilId,
  pupilName,
  onDone,
  onCancel,
}: {
  contact?: Contact;
  pupilId: number;
  pupilName: string;
  onDone: Done;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<ContactDraft>(
    contact ? { name: contact.name, relationship: contact.relationship, phone: contact.phone, mayCollect: contact.mayCollect } : { name: '', relationship: '', phone: '', mayCollect: null },
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const set = (key: 'name' | 'relationship' | 'phone') => (v: string) => setDraft((d) => ({ ...d, [key]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (draft.mayCollect === null) return setError({ code: 'INVALID', message: 'Say whether this person may collect the pupil.', field: 'mayCollect' });
    setError(null);
    setBusy(true);
    const fields = { name: draft.name, relationship: draft.relationship, phone: draft.phone };
    const r = contact
      ? await call('updateContact', contact.noContact ? { id: contact.id, ...fields } : { id: contact.id, ...fields, mayCollect: draft.mayCollect })
      : await call('addContact', { pupilId, ...fields, mayCollect: draft.mayCollect });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(contact ? `${r.value.name}’s details are saved.` : `${r.value.name} is added as a contact for ${pupilName}.`);
  }

  const { field, form } = splitError(error, CONTACT_FIELDS);
  return (
    <>
      {form && <Notice kind="error">{form}</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="pupils-field-row">
          <TextField label="Name" autoComplete="off" value={draft.name} onValue={set('name')} error={field.name} maxLength={80} />
          <TextField
            label="Relationship"
            hint="To the pupil: mother, grandfather, childminder…"
            autoComplete="off"
            value={draft.relationship}
            onValue={set('relationship')}
            error={field.relationship}
            maxLength={40}
            list={listId}
          />
          <datalist id={listId}>
            {RELATIONSHIPS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </div>
        <TextField label="Phone" hint="For example 01843 123456 or +44 7700 900123." type="tel" autoComplete="off" value={draft.phone} onValue={set('phone')} error={field.phone} maxLength={30} />
        <MayCollect value={contact?.noContact ? false : draft.mayCollect} onChange={(mayCollect) => setDraft((d) => ({ ...d, mayCollect }))} error={field.mayCollect} locked={!!contact?.noContact} />
        <div className="con-actions">
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : contact ? 'Save changes' : 'Add the contact'}
          </Button>
          <Button kind="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </>
  );
}

function ConfirmPanel({
  question,
  detail,
  yes,
  no,
  danger = true,
  onYes,
  onNo,
}: {
  question: string;
  detail?: string;
  yes: string;
  no: string;
  danger?: boolean;
  onYes: () => Promise<ApiError | null>;
  onNo: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    const e = await onYes();
    setBusy(false);
    if (e) setError(e.message);
  }
  return (
    <div className="pupils-confirm">
      <FocusHeading>{question}</FocusHeading>
      {detail && <p>{detail}</p>}
      {error && <Notice kind="error">{error}</Notice>}
      <div className="con-actions">
        <Button kind={danger ? 'danger' : 'primary'} onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Working…' : yes}
        </Button>
        <Button kind="secondary" onClick={onNo} disabled={busy}>
          {no}
        </Button>
      </div>
    </div>
  );
}

function FlagPanel({ contact, onDone, onCancel }: { contact: Contact; onDone: Done; onCancel: () => void }) {
  const [category, setCategory] = useState<NoContactCategory | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!category) return setError({ code: 'INVALID', message: 'Choose the reason: court order or other safeguarding reason.', field: 'category' });
    setError(null);
    setBusy(true);
    const r = await call('setNoContact', { id: contact.id, noContact: true, category });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(`${r.value.name} is marked “must not collect / no contact”. The office sees the flag; only DSLs see the reason.`);
  }

  const { field, form } = splitError(error, ['category']);
  return (
    <>
      <FocusHeading>Mark {contact.name} “must not collect / no contact”</FocusHeading>
      <p>The office will see that this person must not collect the pupil or be given information. Only DSLs see the reason.</p>
      {form && <Notice kind="error">{form}</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={`field pupils-choice ${field.category ? 'field-invalid' : ''}`.trim()} aria-describedby={field.category ? `${id}-error` : undefined}>
          <legend>Reason</legend>
          {field.category && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {field.category}
            </p>
          )}
          {(Object.keys(CATEGORY_WORDS) as NoContactCategory[]).map((c) => (
            <div className="con-radio" key={c}>
              <input type="radio" id={`${id}-${c}`} name={`${id}-category`} checked={category === c} onChange={() => setCategory(c)} />
              <label htmlFor={`${id}-${c}`}>{CATEGORY_WORDS[c]}</label>
            </div>
          ))}
        </fieldset>
        <div className="con-actions">
          <Button type="submit" kind="danger" disabled={busy}>
            {busy ? 'Saving…' : 'Mark must not collect'}
          </Button>
          <Button kind="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </>
  );
}

type Open = { id: number; kind: 'edit' | 'remove' | 'flag' | 'clear' } | null;

export function Contacts({ pupilId, pupilName, contacts, dsl, readOnly, onChanged }: { pupilId: number; pupilName: string; contacts: Contact[]; dsl: boolean; readOnly: boolean; onChanged: Done }) {
  const [open, setOpen] = useState<Open>(null);
  const [adding, setAdding] = useState(false);

  function done(message: string) {
    setOpen(null);
    setAdding(false);
    onChanged(message);
  }

  function close(id: number, kind: string) {
    setOpen(null);
    requestAnimationFrame(() => document.getElementById(`contact-${id}-${kind}`)?.focus());
  }

  function toggle(id: number, kind: NonNullable<Open>['kind']) {
    setAdding(false);
    setOpen((o) => (o && o.id === id && o.kind === kind ? null : { id, kind }));
  }

  async function remove(c: Contact): Promise<ApiError | null> {
    const r = await call('removeContact', { id: c.id });
    if (!r.ok) return r.error;
    done(`${c.name} is removed from ${pupilName}’s contacts.`);
    return null;
  }

  async function clear(c: Contact): Promise<ApiError | null> {
    const r = await call('setNoContact', { id: c.id, noContact: false });
    if (!r.ok) return r.error;
    done(`The “must not collect / no contact” flag on ${c.name} is cleared.`);
    return null;
  }

  return (
    <section className="pupils-section" aria-labelledby="contacts-heading">
      <div className="pupils-section-head">
        <h2 id="contacts-heading">Contacts</h2>
        {!readOnly && !adding && (
          <Button
            kind="secondary"
            onClick={() => {
              setOpen(null);
              setAdding(true);
            }}
          >
            Add a contact
          </Button>
        )}
      </div>
      {adding && (
        <div className="row-panel pupils-add-contact">
          <FocusHeading>Add a contact for {pupilName}</FocusHeading>
          <ContactForm pupilId={pupilId} pupilName={pupilName} onDone={done} onCancel={() => setAdding(false)} />
        </div>
      )}
      {contacts.length === 0 ? (
        <p className="pupils-empty">No contacts yet.{readOnly ? '' : ' Add the parents or carers who may collect, and anyone who must not.'}</p>
      ) : (
        <div className="con-table-wrap">
          <table className="pupils-table contacts-table">
            <caption className="visually-hidden">{pupilName}’s contacts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Relationship</th>
                <th scope="col">Phone</th>
                <th scope="col">May collect</th>
              </tr>
            </thead>
            {contacts.map((c) => {
              const panel = open && open.id === c.id ? open.kind : null;
              return (
                <tbody key={c.id} className={`contact ${c.noContact ? 'contact-flagged' : ''}`.trim()}>
                  <tr>
                    <th scope="row">{c.name}</th>
                    <td>{c.relationship || <span className="pupils-muted">Not given</span>}</td>
                    <td className="nowrap">{c.phone || <span className="pupils-muted">Not given</span>}</td>
                    <td>{c.noContact ? <strong className="flag-words">No</strong> : c.mayCollect ? 'Yes' : 'No'}</td>
                  </tr>
                  {c.noContact && (
                    <tr className="flag-row">
                      <td colSpan={4}>
                        <p className="flag-banner">
                          {/* everyone sees that it is a DSL's decision and whose; the category reaches a DSL's screen only */}
                          <strong>Must not collect / no contact: {c.noContactBy ? `a DSL decision by ${c.noContactBy}` : 'a DSL decision'}.</strong>{' '}
                          {c.noContactCategory ? <span>Reason (DSL only): {CATEGORY_WORDS[c.noContactCategory]}.</span> : <span>Do not hand the pupil over or share information. Ask a DSL if in doubt.</span>}
                        </p>
                      </td>
                    </tr>
                  )}
                  {!readOnly && (
                    <tr className="actions-row">
                      <td colSpan={4}>
                        <div className="row-actions">
                          <Button kind="secondary" id={`contact-${c.id}-edit`} aria-expanded={panel === 'edit'} aria-label={`Edit ${c.name}`} onClick={() => toggle(c.id, 'edit')}>
                            Edit
                          </Button>
                          <Button kind="secondary" id={`contact-${c.id}-remove`} aria-expanded={panel === 'remove'} aria-label={`Remove ${c.name}`} onClick={() => toggle(c.id, 'remove')}>
                            Remove
                          </Button>
                          {dsl && !c.noContact && (
                            <Button kind="secondary" id={`contact-${c.id}-flag`} aria-expanded={panel === 'flag'} aria-label={`Mark must not collect: ${c.name}`} onClick={() => toggle(c.id, 'flag')}>
                              Mark must not collect
                            </Button>
                          )}
                          {dsl && c.noContact && (
                            <Button kind="secondary" id={`contact-${c.id}-clear`} aria-expanded={panel === 'clear'} aria-label={`Clear the must-not-collect flag on ${c.name}`} onClick={() => toggle(c.id, 'clear')}>
                              Clear
                            </Button>
                          )}
                        </div>
                      </td>
                    </tr>
                  )}
                  {panel && (
                    <tr className="panel-row">
                      <td colSpan={4}>
                        <div className="row-panel">
                          {panel === 'edit' && (
                            <>
                              <FocusHeading>Edit {c.name}</FocusHeading>
                              <ContactForm contact={c} pupilId={pupilId} pupilName={pupilName} onDone={done} onCancel={() => close(c.id, 'edit')} />
                            </>
                          )}
                          {panel === 'remove' && (
                            <ConfirmPanel
                              question={`Remove ${c.name}?`}
                              detail={
                                c.noContact
                                  ? dsl
                                    ? `${c.name} is marked “must not collect”: removing the contact removes the flag too, and the office will no longer be warned.`
                                    : `${c.name} is marked “must not collect”.`
                                  : `${c.name} will no longer be listed as a contact for ${pupilName}.`
                              }
                              yes={`Yes, remove ${c.name}`}
                              no="No, keep them"
                              onYes={() => remove(c)}
                              onNo={() => close(c.id, 'remove')}
                            />
                          )}
                          {panel === 'flag' && <FlagPanel contact={c} onDone={done} onCancel={() => close(c.id, 'flag')} />}
                          {panel === 'clear' && (
                            <ConfirmPanel
                              question={`Clear the flag on ${c.name}?`}
                              detail={`${c.name} will be shown as an ordinary contact again. Set whether they may collect by editing the contact.`}
                              yes="Yes, clear the flag"
                              no="No, keep the flag"
                              danger={false}
                              onYes={() => clear(c)}
                              onNo={() => close(c.id, 'clear')}
                            />
                          )}
                        </div>
                      </td>
                    </tr>
                  )}
                </tbody>
              );
            })}
          </table>
        </div>
      )}
    </section>
  );
}

export { ConfirmPanel, FocusHeading };
