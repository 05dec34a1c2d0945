/**
 * Settings › Staff accounts (administrators): everyone who can unlock the console, their role, the
 * DSL flag and whether they have a PIN; add a member of staff, edit, deactivate or reactivate
 * (asked first, in words), reset a PIN. Every change shows what happened and reloads the list.
 *
 * Nothing here is about wrong PINs: they are counted per screen, never per account (issue 13,
 * db/pin-budget.ts), so no account is ever slowed down. A screen's wait is ended from the alert
 * banner ("End the wait") or Settings › Security.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ResultOf } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { isStaff, useApp } from '../../app/store';
import { NewPinFields, useNewPin } from '../../components/NewPinFields';
import { Button, Checkbox, Loading, Notice, PageHeader, TextField } from '../../components/ui';
import { PIN_HINT } from '../MyPin';
import { DEFAULT_TIME_ZONE, ROLE_NAMES, whenInWords, type Role } from '../Today';
import '../staff.css';

type StaffMember = ResultOf<'listStaff'>[number];

export const ROLE_HELP: Record<Role, string> = {
  office: 'The day-to-day work at the desk: phones, confiscations, visitors and pupils.',
  leadership: 'Everything the office does, plus the reviews and reports kept for senior leaders.',
  admin: 'Everything, including settings and staff accounts.',
};
const ROLES: readonly Role[] = ['office', 'leadership', 'admin'];
const DSL_LABEL = 'Designated Safeguarding Lead or deputy';
const DSL_HINT = 'Tick for the DSL and any deputy DSLs.';
const MISMATCH = 'The two PINs are not the same. Type the PIN again.';

function signInState(m: StaffMember): string {
  return m.hasPin ? 'PIN set' : 'No PIN set';
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The three roles as radio buttons, each with one line on what it allows. */
function RoleChoice({ value, onChange, error }: { value: Role; onChange: (r: Role) => void; error?: string | undefined }) {
  const id = useId();
  return (
    <fieldset className={`field role-choice ${error ? 'field-invalid' : ''}`.trim()} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Role</legend>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      {ROLES.map((r) => (
        <div className="con-radio" key={r}>
          <input
            type="radio"
            id={`${id}-${r}`}
            name={`${id}-role`}
            value={r}
            checked={value === r}
            onChange={() => onChange(r)}
            aria-describedby={`${id}-${r}-hint`}
          />
          <label htmlFor={`${id}-${r}`}>{ROLE_NAMES[r]}</label>
          <p className="hint" id={`${id}-${r}-hint`}>
            {ROLE_HELP[r]}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

type Done = (message: string) => void;

/** The foot of each staff form: its submit button (in other words while busy) and Cancel. */
function SubmitOrCancel({ busy, busyText, onCancel, children }: { busy: boolean; busyText: string; onCancel: () => void; children: string }) {
  return (
    <div className="con-actions">
      <Button type="submit" disabled={busy}>
        {busy ? busyText : children}
      </Button>
      <Button kind="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}

function AddStaffForm({ onDone, onCancel }: { onDone: Done; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('office');
  const [dsl, setDsl] = useState(false);
  const newPin = useNewPin();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!newPin.check()) return;
    setBusy(true);
    const r = await call('createStaff', { name, role, dsl, pin: newPin.pin });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(`${r.value.name} is added as ${ROLE_NAMES[r.value.role].toLowerCase()}${r.value.dsl ? ' and DSL' : ''}. They can unlock the console with the PIN you gave them.`);
  }

  const { field, form } = splitError(error);
  return (
    <section className="con-panel" aria-labelledby="add-staff-heading">
      <h2 id="add-staff-heading" ref={headingRef} tabIndex={-1}>
        Add a staff member
      </h2>
      {form && <Notice kind="error">{form}</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Name" hint="As staff will pick it on the unlock screen." autoComplete="off" value={name} onValue={setName} error={field.name} />
        <RoleChoice value={role} onChange={setRole} error={field.role} />
        <Checkbox label={DSL_LABEL} hint={DSL_HINT} checked={dsl} onChecked={setDsl} />
        {field.dsl && <p className="field-error">{field.dsl}</p>}
        <NewPinFields
          value={newPin}
          label="First PIN"
          againLabel="First PIN again"
          hint={`${PIN_HINT} Give it to them privately; they can change it under My PIN.`}
          error={field.pin}
          notSame={MISMATCH}
        />
        <SubmitOrCancel busy={busy} busyText="Adding…" onCancel={onCancel}>
          Add staff member
        </SubmitOrCancel>
      </form>
    </section>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="row-panel">
      <h3 ref={ref} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </div>
  );
}

function EditPanel({ member, onDone, onCancel }: { member: StaffMember; onDone: Done; onCancel: () => void }) {
  const [name, setName] = useState(member.name);
  const [role, setRole] = useState<Role>(member.role);
  const [dsl, setDsl] = useState(member.dsl);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const r = await call('updateStaff', { id: member.id, name, role, dsl });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(`${r.value.name}’s details are saved: ${ROLE_NAMES[r.value.role].toLowerCase()}${r.value.dsl ? ', DSL' : ', not a DSL'}.`);
  }

  const { field, form } = splitError(error);
  return (
    <Panel title={`Edit ${member.name}`}>
      {form && <Notice kind="error">{form}</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Name" autoComplete="off" value={name} onValue={setName} error={field.name} />
        <RoleChoice value={role} onChange={setRole} error={field.role} />
        <Checkbox label={DSL_LABEL} hint={DSL_HINT} checked={dsl} onChecked={setDsl} />
        {field.dsl && <p className="field-error">{field.dsl}</p>}
        <SubmitOrCancel busy={busy} busyText="Saving…" onCancel={onCancel}>
          Save changes
        </SubmitOrCancel>
      </form>
    </Panel>
  );
}

function ActivePanel({ member, onDone, onCancel }: { member: StaffMember; onDone: Done; onCancel: () => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const deactivating = member.active;

  async function confirm() {
    setError(null);
    setBusy(true);
    const r = await call('updateStaff', { id: member.id, active: !deactivating });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(
      deactivating
        ? `${r.value.name} is deactivated and can no longer unlock the console. Their name stays on the records they made.`
        : `${r.value.name} is active again${r.value.hasPin ? ' and can unlock the console with their PIN' : '; set a PIN so they can unlock the console'}.`,
    );
  }

  return (
    <Panel title={deactivating ? `Deactivate ${member.name}?` : `Reactivate ${member.name}?`}>
      <p>
        {deactivating
          ? `${member.name} will no longer be able to unlock the console. Their name stays on everything they recorded, and you can reactivate the account later.`
          : `${member.name} will be able to unlock the console again${member.hasPin ? ' with their existing PIN' : ''}.`}
      </p>
      {error && <Notice kind="error">{error.message}</Notice>}
      <div className="con-actions">
        <Button kind={deactivating ? 'danger' : 'primary'} onClick={() => void confirm()} disabled={busy}>
          {deactivating ? `Yes, deactivate ${member.name}` : `Yes, reactivate ${member.name}`}
        </Button>
        <Button kind="secondary" onClick={onCancel}>
          No, keep as it is
        </Button>
      </div>
    </Panel>
  );
}

function PinPanel({ member, onDone, onCancel }: { member: StaffMember; onDone: Done; onCancel: () => void }) {
  const newPin = useNewPin();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!newPin.check()) return;
    setBusy(true);
    const r = await call('resetStaffPin', { id: member.id, pin: newPin.pin });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(`${member.name}’s PIN is changed. Give them the new PIN privately; they can change it under My PIN.`);
  }

  const { field, form } = splitError(error);
  return (
    <Panel title={`Reset ${member.name}’s PIN`}>
      <p>Use this when someone has forgotten their PIN.</p>
      {form && <Notice kind="error">{form}</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <NewPinFields value={newPin} label="New PIN" againLabel="New PIN again" hint={PIN_HINT} error={field.pin} notSame={MISMATCH} />
        <SubmitOrCancel busy={busy} busyText="Saving…" onCancel={onCancel}>
          Set the new PIN
        </SubmitOrCancel>
      </form>
    </Panel>
  );
}

type Open = { id: number; kind: 'edit' | 'active' | 'pin' } | null;

export function StaffAccounts() {
  const session = useApp((s) => s.session);
  const me = isStaff(session) ? session.staffId : null;
  const staff = useLoad('listStaff', { includeInactive: true });
  const settings = useLoad('getSettings');
  const timeZone = settings.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  function done(text: string, ok = true) {
    setMessage({ text, ok });
    setAdding(false);
    setOpen(null);
    staff.reload();
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  function close(id: number, kind: string) {
    setOpen(null);
    requestAnimationFrame(() => document.getElementById(`staff-${id}-${kind}`)?.focus());
  }

  function toggle(id: number, kind: 'edit' | 'active' | 'pin') {
    setMessage(null);
    setOpen((o) => (o && o.id === id && o.kind === kind ? null : { id, kind }));
  }

  const list = staff.data ?? [];
  const active = list.filter((m) => m.active).length;
  return (
    <>
      <PageHeader title="Staff accounts">
        {!adding && (
          <Button
            onClick={() => {
              setMessage(null);
              setOpen(null);
              setAdding(true);
            }}
          >
            Add a staff member
          </Button>
        )}
      </PageHeader>
      <p className="con-lead">Everyone who can unlock the staff console. Deactivate an account when someone leaves; their name stays on the records.</p>
      <div ref={messageRef} tabIndex={-1} className="con-message">
        {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      </div>
      {adding && <AddStaffForm onDone={done} onCancel={() => setAdding(false)} />}

      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">
          Accounts{' '}
          {staff.data && (
            <span className="heading-count">
              ({active} active{list.length > active ? `, ${list.length - active} deactivated` : ''})
            </span>
          )}
        </h2>
        {staff.error && <Notice kind="error">{staff.error.message}</Notice>}
        {!staff.data && !staff.error && <Loading what="Loading staff accounts" />}
        {staff.data && (
          <div className="con-table-wrap">
            <table className="staff-table">
              <caption className="visually-hidden">Staff accounts, with what you can do under each name</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">DSL</th>
                  <th scope="col">Account</th>
                  <th scope="col">PIN</th>
                  <th scope="col">Last unlock</th>
                </tr>
              </thead>
              {list.map((m) => {
                const panel = open && open.id === m.id ? open.kind : null;
                return (
                  <tbody key={m.id} className={`staff-person ${m.active ? '' : 'row-inactive'}`.trim()}>
                    <tr>
                      <th scope="row">
                        {m.name}
                        {m.id === me && <span className="you"> (you)</span>}
                      </th>
                      <td>{ROLE_NAMES[m.role]}</td>
                      <td>{m.dsl ? 'DSL' : 'No'}</td>
                      <td>{m.active ? 'Active' : 'Deactivated'}</td>
                      <td className={m.hasPin ? '' : 'state-warn'}>{signInState(m)}</td>
                      <td className="nowrap">{m.lastUnlockAt ? capital(whenInWords(m.lastUnlockAt, timeZone)) : 'Never'}</td>
                    </tr>
                    <tr className="actions-row">
                      <td colSpan={6}>
                        <div className="row-actions">
                          <Button
                            kind="secondary"
                            id={`staff-${m.id}-edit`}
                            aria-expanded={panel === 'edit'}
                            aria-label={`Edit ${m.name}`}
                            onClick={() => toggle(m.id, 'edit')}
                          >
                            Edit
                          </Button>
                          <Button
                            kind="secondary"
                            id={`staff-${m.id}-pin`}
                            aria-expanded={panel === 'pin'}
                            aria-label={`Reset PIN for ${m.name}`}
                            onClick={() => toggle(m.id, 'pin')}
                          >
                            Reset PIN
                          </Button>
                          {m.id !== me && (
                            <Button
                              kind="secondary"
                              id={`staff-${m.id}-active`}
                              aria-expanded={panel === 'active'}
                              aria-label={`${m.active ? 'Deactivate' : 'Reactivate'} ${m.name}`}
                              onClick={() => toggle(m.id, 'active')}
                            >
                              {m.active ? 'Deactivate' : 'Reactivate'}
                            </Button>
                          )}
                        </div>
                      </td>
                    </tr>
                    {panel && (
                      <tr className="panel-row">
                        <td colSpan={6}>
                          {panel === 'edit' && <EditPanel member={m} onDone={done} onCancel={() => close(m.id, 'edit')} />}
                          {panel === 'active' && <ActivePanel member={m} onDone={done} onCancel={() => close(m.id, 'active')} />}
                          {panel === 'pin' && <PinPanel member={m} onDone={done} onCancel={() => close(m.id, 'pin')} />}
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
    </>
  );
}
