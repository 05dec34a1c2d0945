/**
 * Visitors › Regular visitors: the profiles of people who come often (a contractor, a volunteer,
 * a peripatetic teacher), each with the DBS check the office saw (certificate number, its date,
 * who saw it and when: never a copy) and the escort status that follows. Add or change a profile
 * inline; print the card they scan at the entrance screen, replace a lost one (the old one stops
 * working), or invite them (Expected, filled in).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { InputOf, VisitorProfile, VisitorType } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { Button, Checkbox, Loading, Notice, SelectField, TextField } from '../../components/ui';
import { printLayout } from '../../print/printer';
import { useHandover } from './state';
import { MessageBox, type Message } from './VisitActions';
import { dayWords, ESCORT_WORDS, groupCode } from './words';

const FIELDS = ['typeKey', 'name', 'organisation', 'notes', 'dbsNumber', 'dbsIssuedOn', 'dbsSeenBy', 'dbsSeenOn', 'active'] as const;

export const NEVER_COPY_DBS = 'Record that you saw the certificate. Never copy, scan or photograph it.';

interface Draft {
  id: number | null;
  typeKey: string;
  name: string;
  organisation: string;
  notes: string;
  dbsNumber: string;
  dbsIssuedOn: string;
  dbsSeenBy: string;
  dbsSeenOn: string;
  active: boolean;
}

function draftOf(p: VisitorProfile | null): Draft {
  return {
    id: p?.id ?? null,
    typeKey: p?.typeKey ?? '',
    name: p?.name ?? '',
    organisation: p?.organisation ?? '',
    notes: p?.notes ?? '',
    dbsNumber: p?.dbsNumber ?? '',
    dbsIssuedOn: p?.dbsIssuedOn ?? '',
    dbsSeenBy: p?.dbsSeenBy ?? '',
    dbsSeenOn: p?.dbsSeenOn ?? '',
    active: p?.active ?? true,
  };
}

/** The saveVisitorProfile input for a draft (empty optional fields left out). */
export function profileInput(d: Draft): InputOf<'saveVisitorProfile'> {
  const input: InputOf<'saveVisitorProfile'> = { typeKey: d.typeKey, name: d.name.trim(), active: d.active };
  if (d.id !== null) input.id = d.id;
  if (d.organisation.trim()) input.organisation = d.organisation.trim();
  if (d.notes.trim()) input.notes = d.notes.trim();
  if (d.dbsNumber.trim()) input.dbsNumber = d.dbsNumber.trim();
  if (d.dbsIssuedOn) input.dbsIssuedOn = d.dbsIssuedOn;
  if (d.dbsSeenBy.trim()) input.dbsSeenBy = d.dbsSeenBy.trim();
  if (d.dbsSeenOn) input.dbsSeenOn = d.dbsSeenOn;
  return input;
}

/** The escort status the profile will have: unescorted only with a DBS check seen (and in use). */
function escortOf(d: Draft): 'escorted' | 'unescorted' {
  return d.active && d.dbsNumber.trim() !== '' && d.dbsSeenOn !== '' ? 'unescorted' : 'escorted';
}

function ProfileForm({ types, initial, onSaved, onCancel }: { types: VisitorType[]; initial: Draft; onSaved: (p: VisitorProfile, isNew: boolean) => void; onCancel: () => void }) {
  const ids = useId();
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { field, form } = splitError(error, FIELDS);
  const escort = escortOf(draft);

  useEffect(() => headingRef.current?.focus(), []);

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    if (error?.field === key) setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.typeKey) return setError({ code: 'INVALID', message: 'Choose the type of visitor.', field: 'typeKey' });
    if (!draft.name.trim()) return setError({ code: 'INVALID', message: 'Enter their name.', field: 'name' });
    setBusy(true);
    setError(null);
    const r = await call('saveVisitorProfile', profileInput(draft));
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.vis-profile-form [aria-invalid="true"]')?.focus());
      return;
    }
    onSaved(r.value, draft.id === null);
  }

  const typeOptions = [{ value: '', label: 'Choose the type' }, ...types.map((t) => ({ value: t.key, label: t.active ? t.label : `${t.label} (no longer used)` }))];

  return (
    <section className="con-panel vis-panel" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`} ref={headingRef} tabIndex={-1}>
        {draft.id === null ? 'Add a regular visitor' : `Change ${initial.name}’s profile`}
      </h3>
      <form className="vis-profile-form" noValidate onSubmit={(e) => void submit(e)} aria-label={draft.id === null ? 'Add a regular visitor' : 'Change the profile'}>
        <SelectField id={`${ids}-type`} label="Type of visitor" value={draft.typeKey} options={typeOptions} error={field.typeKey} onValue={(v) => set('typeKey', v)} />
        <TextField id={`${ids}-name`} label="Name" maxLength={80} autoComplete="off" value={draft.name} error={field.name} onValue={(v) => set('name', v)} />
        <TextField
          id={`${ids}-org`}
          label="Organisation (optional)"
          maxLength={80}
          autoComplete="off"
          value={draft.organisation}
          error={field.organisation}
          onValue={(v) => set('organisation', v)}
        />
        <TextField
          id={`${ids}-notes`}
          label="Notes (optional)"
          hint="For example: comes on Tuesdays to tune the pianos."
          maxLength={200}
          autoComplete="off"
          value={draft.notes}
          error={field.notes}
          onValue={(v) => set('notes', v)}
        />
        <fieldset className="vis-dbs">
          <legend>DBS check seen</legend>
          <p className="vis-never" role="note">
            {NEVER_COPY_DBS}
          </p>
          <TextField
            id={`${ids}-dbs`}
            label="Certificate number"
            hint="12 digits, as printed on the certificate. Leave empty if you have not seen one."
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            className="vis-short-field"
            value={draft.dbsNumber}
            error={field.dbsNumber}
            onValue={(v) => set('dbsNumber', v)}
          />
          <div className="conf-field-pair">
            <TextField
              id={`${ids}-issued`}
              label="Date on the certificate"
              type="date"
              value={draft.dbsIssuedOn}
              error={field.dbsIssuedOn}
              onValue={(v) => set('dbsIssuedOn', v)}
            />
            <TextField id={`${ids}-seenon`} label="Date seen" type="date" value={draft.dbsSeenOn} error={field.dbsSeenOn} onValue={(v) => set('dbsSeenOn', v)} />
          </div>
          <TextField
            id={`${ids}-seenby`}
            label="Seen by"
            hint="The member of staff who saw the certificate."
            maxLength={80}
            autoComplete="off"
            value={draft.dbsSeenBy}
            error={field.dbsSeenBy}
            onValue={(v) => set('dbsSeenBy', v)}
          />
        </fieldset>
        <Checkbox label="In use" checked={draft.active} onChecked={(v) => set('active', v)} hint="Untick when they stop coming: their card stops working." />
        {field.active && (
          <p className="field-error" role="alert">
            {field.active}
          </p>
        )}
        <p className="vis-escort-preview" role="status">
          Escort status: <strong>{ESCORT_WORDS[escort]}</strong>
          {escort === 'escorted' && draft.active && <span className="con-muted"> (until a DBS check is recorded as seen)</span>}
        </p>
        {form && <Notice kind="error">{form}</Notice>}
        <div className="con-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save the profile'}
          </button>
          <Button kind="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

function dbsWords(p: VisitorProfile): string {
  if (!p.dbsNumber || !p.dbsSeenOn) return 'Not seen';
  const issued = p.dbsIssuedOn ? `, dated ${dayWords(p.dbsIssuedOn, { weekday: false })}` : '';
  return `Certificate ${p.dbsNumber}${issued}; seen by ${p.dbsSeenBy} on ${dayWords(p.dbsSeenOn, { weekday: false })}`;
}

function ProfileRow({ p, onChange, onMessage, onChanged }: { p: VisitorProfile; onChange: () => void; onMessage: (m: Message) => void; onChanged: () => void }) {
  const [, navigate] = useLocation();
  const setInviteFrom = useHandover((s) => s.setInviteFrom);
  const [busy, setBusy] = useState(false);

  async function printCard(profile: VisitorProfile, title: string) {
    const r = await printLayout(`/print/visitor-card?id=${profile.id}`, 'label62');
    onMessage(
      r.printed
        ? { kind: 'success', title, body: 'The card was printed. They scan it at the entrance screen to sign in.' }
        : {
            kind: 'warning',
            title,
            body: `The card could not be printed: ${r.message ?? 'the printer did not answer.'}${profile.cardToken ? ` Their code is ${groupCode(profile.cardToken)}.` : ''}`,
          },
    );
  }

  async function print() {
    setBusy(true);
    await printCard(p, `${p.name}’s card`);
    setBusy(false);
  }

  async function replace() {
    setBusy(true);
    const r = await call('reissueVisitorCard', { id: p.id });
    if (!r.ok) {
      setBusy(false);
      return onMessage({ kind: 'error', title: 'The card was not replaced.', body: r.error.message });
    }
    onChanged();
    await printCard(r.value, `A new card for ${p.name}: the old card no longer works.`);
    setBusy(false);
  }

  return (
    <tbody className="staff-person">
      <tr className={p.active ? undefined : 'row-inactive'}>
        <th scope="row">
          {p.name}
          {p.organisation && <span className="vis-sub">{p.organisation}</span>}
          {p.notes && <span className="vis-sub">{p.notes}</span>}
        </th>
        <td>{p.typeLabel}</td>
        <td className={p.escort === 'escorted' ? 'vis-escorted' : undefined}>{ESCORT_WORDS[p.escort]}</td>
        <td>{dbsWords(p)}</td>
        <td>{p.active ? 'In use' : 'Not in use'}</td>
      </tr>
      <tr className="actions-row">
        <td colSpan={5}>
          <div className="row-actions">
            <Button kind="secondary" onClick={onChange} disabled={busy}>
              Change
            </Button>
            {p.active && p.cardToken && (
              <Button kind="secondary" onClick={() => void print()} disabled={busy}>
                Print card
              </Button>
            )}
            {p.active && (
              <Button kind="secondary" onClick={() => void replace()} disabled={busy}>
                Replace lost card
              </Button>
            )}
            {p.active && (
              <Button
                kind="quiet"
                onClick={() => {
                  setInviteFrom(p);
                  navigate('/expected');
                }}
              >
                Invite
              </Button>
            )}
          </div>
        </td>
      </tr>
    </tbody>
  );
}

export function Regulars() {
  const [includeInactive, setIncludeInactive] = useState(false);
  const list = useLoad('listVisitorProfiles', includeInactive ? { includeInactive: true } : undefined, String(includeInactive));
  const setup = useLoad('getVisitorSetup');
  const [editing, setEditing] = useState<Draft | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const types = (setup.data?.types ?? []).filter((t) => t.active || t.key === editing?.typeKey);

  return (
    <div className="vis-page">
      <div className="vis-tab-head">
        <h2>Regular visitors</h2>
        {!editing && (
          <Button
            onClick={() => {
              setEditing(draftOf(null));
              setMessage(null);
            }}
          >
            Add a regular visitor
          </Button>
        )}
      </div>
      <p className="vis-lead">
        People who come often. With a DBS check seen they may go about unescorted; everyone else must be escorted. Their card fills in their details at the entrance screen.
      </p>
      <MessageBox message={message} />
      {editing &&
        (setup.error ? (
          <Notice kind="error">{setup.error.message}</Notice>
        ) : !setup.data ? (
          <Loading what="Loading the form" />
        ) : (
          <ProfileForm
            key={editing.id ?? 'new'}
            types={types}
            initial={editing}
            onCancel={() => setEditing(null)}
            onSaved={(p, isNew) => {
              setEditing(null);
              setMessage({
                kind: 'success',
                title: `${isNew ? 'Added' : 'Saved'}: ${p.name}, ${ESCORT_WORDS[p.escort]}.`,
                body: p.active ? (isNew ? 'Print their card with “Print card”.' : 'Their card still works.') : 'The profile is not in use: their card no longer works.',
              });
              list.reload();
            }}
          />
        ))}
      <Checkbox label="Show profiles not in use" checked={includeInactive} onChecked={setIncludeInactive} />
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      {!list.data && !list.error && <Loading what="Loading the regular visitors" />}
      {list.data && list.data.length === 0 && <p className="vis-empty">No regular visitors yet. Add one with “Add a regular visitor”.</p>}
      {list.data && list.data.length > 0 && (
        <div className="con-table-wrap">
          <table className="staff-table vis-table">
            <caption className="visually-hidden">Regular visitors, by name.</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Escort</th>
                <th scope="col">DBS check seen</th>
                <th scope="col">In use</th>
              </tr>
            </thead>
            {list.data.map((p) => (
              <ProfileRow
                key={p.id}
                p={p}
                onChange={() => {
                  setEditing(draftOf(p));
                  setMessage(null);
                }}
                onMessage={setMessage}
                onChanged={list.reload}
              />
            ))}
          </table>
        </div>
      )}
    </div>
  );
}
