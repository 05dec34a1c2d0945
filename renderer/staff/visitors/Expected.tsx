/**
 * Visitors › Expected: the invitations for a day (today unless another date is chosen), each with
 * its status in words, and "Invite a visitor": who (optionally a regular visitor's profile), the
 * type and what that type asks for, the date expected. The invitation's code is shown large and
 * grouped, with "Print invitation" and the text to copy into an email; an invitation can be
 * cancelled (its code stops working).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { InputOf, Invitation, VisitorProfile, VisitorType } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { useApp } from '../../app/store';
import { Button, Loading, Notice, SelectField, TextField } from '../../components/ui';
import { printLayout } from '../../print/printer';
import { useTimeZone } from './context';
import { useHandover } from './state';
import { MessageBox, type Message } from './VisitActions';
import { dayWords, groupCode, invitationEmail, INVITATION_WORDS, schoolDay } from './words';

const FIELDS = ['typeKey', 'name', 'organisation', 'visiting', 'carReg', 'work', 'supervisor', 'expectedOn', 'profileId'] as const;

interface Draft {
  profileId: number | null;
  typeKey: string;
  name: string;
  organisation: string;
  visiting: string;
  carReg: string;
  work: string;
  supervisor: string;
  expectedOn: string;
}

/** The createInvitation input for a draft: what the type does not ask for, and empty optional fields, left out. */
export function invitationInput(d: Draft, type: VisitorType | undefined): InputOf<'createInvitation'> {
  const input: InputOf<'createInvitation'> = { typeKey: d.typeKey, name: d.name.trim(), expectedOn: d.expectedOn };
  if (type?.asksOrganisation && d.organisation.trim()) input.organisation = d.organisation.trim();
  if (d.visiting.trim()) input.visiting = d.visiting.trim();
  if (d.carReg.trim()) input.carReg = d.carReg.trim();
  if (type?.asksWork && d.work.trim()) input.work = d.work.trim();
  if (type?.asksWork && d.supervisor.trim()) input.supervisor = d.supervisor.trim();
  if (d.profileId !== null) input.profileId = d.profileId;
  return input;
}

function draftFrom(profile: VisitorProfile | null, expectedOn: string): Draft {
  return {
    profileId: profile?.id ?? null,
    typeKey: profile?.typeKey ?? '',
    name: profile?.name ?? '',
    organisation: profile?.organisation ?? '',
    visiting: '',
    carReg: '',
    work: '',
    supervisor: '',
    expectedOn,
  };
}

function InviteForm({
  types,
  profiles,
  initial,
  onCreated,
  onCancel,
}: {
  types: VisitorType[];
  profiles: VisitorProfile[];
  initial: Draft;
  onCreated: (inv: Invitation) => void;
  onCancel: () => void;
}) {
  const ids = useId();
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { field, form } = splitError(error, FIELDS);
  const type = types.find((t) => t.key === draft.typeKey);

  useEffect(() => headingRef.current?.focus(), []);

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    if (error?.field === key) setError(null);
  }

  function chooseProfile(value: string) {
    const p = profiles.find((x) => String(x.id) === value) ?? null;
    setDraft((d) => (p ? { ...d, profileId: p.id, typeKey: types.some((t) => t.key === p.typeKey) ? p.typeKey : d.typeKey, name: p.name, organisation: p.organisation } : { ...d, profileId: null }));
    setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.typeKey) return setError({ code: 'INVALID', message: 'Choose the type of visitor.', field: 'typeKey' });
    if (!draft.name.trim()) return setError({ code: 'INVALID', message: 'Enter the visitor’s name.', field: 'name' });
    if (!draft.expectedOn) return setError({ code: 'INVALID', message: 'Enter the date they are expected.', field: 'expectedOn' });
    setBusy(true);
    setError(null);
    const r = await call('createInvitation', invitationInput(draft, type));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onCreated(r.value);
  }

  const typeOptions = [{ value: '', label: 'Choose the type' }, ...types.map((t) => ({ value: t.key, label: t.label }))];
  const profileOptions = [
    { value: '', label: 'Not a regular visitor' },
    ...profiles.map((p) => ({ value: String(p.id), label: p.organisation ? `${p.name} (${p.organisation})` : p.name })),
  ];

  return (
    <section className="con-panel vis-panel" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`} ref={headingRef} tabIndex={-1}>
        Invite a visitor
      </h3>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="Invite a visitor">
        {profiles.length > 0 && (
          <SelectField
            id={`${ids}-profile`}
            label="Regular visitor (optional)"
            value={draft.profileId === null ? '' : String(draft.profileId)}
            options={profileOptions}
            error={field.profileId}
            onValue={chooseProfile}
          />
        )}
        <SelectField id={`${ids}-type`} label="Type of visitor" value={draft.typeKey} options={typeOptions} error={field.typeKey} onValue={(v) => set('typeKey', v)} />
        <TextField id={`${ids}-name`} label="Name" maxLength={80} autoComplete="off" value={draft.name} error={field.name} onValue={(v) => set('name', v)} />
        {type?.asksOrganisation && (
          <TextField
            id={`${ids}-org`}
            label="Organisation"
            hint="Their company, agency or council."
            maxLength={80}
            autoComplete="off"
            value={draft.organisation}
            error={field.organisation}
            onValue={(v) => set('organisation', v)}
          />
        )}
        <TextField
          id={`${ids}-visiting`}
          label="Who they are visiting"
          hint="Or why they are coming."
          maxLength={120}
          autoComplete="off"
          value={draft.visiting}
          error={field.visiting}
          onValue={(v) => set('visiting', v)}
        />
        <TextField
          id={`${ids}-car`}
          label="Car registration (optional)"
          maxLength={12}
          autoComplete="off"
          spellCheck={false}
          className="vis-short-field"
          value={draft.carReg}
          error={field.carReg}
          onValue={(v) => set('carReg', v)}
        />
        {type?.asksWork && (
          <>
            <TextField id={`${ids}-work`} label="Work to be done" maxLength={120} autoComplete="off" value={draft.work} error={field.work} onValue={(v) => set('work', v)} />
            <TextField
              id={`${ids}-supervisor`}
              label="Supervising member of staff"
              maxLength={80}
              autoComplete="off"
              value={draft.supervisor}
              error={field.supervisor}
              onValue={(v) => set('supervisor', v)}
            />
          </>
        )}
        <TextField
          id={`${ids}-date`}
          label="Date expected"
          type="date"
          className="vis-short-field"
          value={draft.expectedOn}
          error={field.expectedOn}
          onValue={(v) => set('expectedOn', v)}
        />
        {form && <Notice kind="error">{form}</Notice>}
        <div className="con-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Create the invitation'}
          </button>
          <Button kind="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

/** The invitation's code, large and grouped, with what can be done with it. */
function InvitationPanel({ inv, fresh, onMessage, onChanged }: { inv: Invitation; fresh: boolean; onMessage: (m: Message) => void; onChanged: (inv: Invitation) => void }) {
  const schoolName = useApp((s) => s.status?.schoolName) || 'the school';
  const ids = useId();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const email = invitationEmail(schoolName, inv);

  useEffect(() => headingRef.current?.focus(), [inv.id]);

  async function print() {
    setBusy(true);
    const r = await printLayout(`/print/invitation?id=${inv.id}`, 'a4');
    setBusy(false);
    onMessage(
      r.printed
        ? { kind: 'success', title: `The invitation for ${inv.name} was printed.`, body: 'Give it or post it to them: they type or scan the code at the entrance screen.' }
        : { kind: 'error', title: 'The invitation could not be printed.', body: `${r.message ?? 'The printer did not answer.'} The code is ${groupCode(inv.code)}.` },
    );
  }

  async function cancel() {
    setBusy(true);
    const r = await call('cancelInvitation', { id: inv.id });
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return onMessage({ kind: 'error', title: 'The invitation was not cancelled.', body: r.error.message });
    onChanged(r.value);
    onMessage({ kind: 'success', title: `The invitation for ${inv.name} is cancelled.`, body: 'Its code no longer works at the entrance screen.' });
  }

  async function copy() {
    textRef.current?.select();
    try {
      await navigator.clipboard.writeText(email);
      onMessage({ kind: 'success', title: 'The text is copied.', body: 'Paste it into your email to the visitor.' });
    } catch {
      onMessage({ kind: 'warning', title: 'The text could not be copied by the app.', body: 'It is selected: press Ctrl+C to copy it.' });
    }
  }

  return (
    <section className="vis-created" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`} ref={headingRef} tabIndex={-1}>
        {fresh ? 'Invitation made' : 'Invitation'} for {inv.name}, {dayWords(inv.expectedOn)}
      </h3>
      <p className="vis-created-status">
        {inv.typeLabel}
        {inv.organisation ? `, ${inv.organisation}` : ''}
        {inv.visiting ? ` · visiting ${inv.visiting}` : ''} · <strong>{INVITATION_WORDS[inv.status]}</strong>
      </p>
      <p className="vis-code-label" id={`${ids}-code`}>
        Their invitation code
      </p>
      <p className="vis-code" aria-labelledby={`${ids}-code`}>
        {groupCode(inv.code)}
      </p>
      <div className="con-actions">
        <Button onClick={() => void print()} disabled={busy}>
          Print invitation
        </Button>
        {inv.status === 'expected' && !confirming && (
          <Button kind="secondary" onClick={() => setConfirming(true)} disabled={busy}>
            Cancel invitation
          </Button>
        )}
      </div>
      {confirming && (
        <div className="vis-confirm" role="group" aria-label="Cancel the invitation">
          <p>Cancel the invitation for {inv.name}? Its code will stop working at the entrance screen.</p>
          <div className="row-actions">
            <Button kind="danger" onClick={() => void cancel()} disabled={busy} autoFocus>
              Yes, cancel it
            </Button>
            <Button kind="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Keep the invitation
            </Button>
          </div>
        </div>
      )}
      <div className="field vis-email">
        <label htmlFor={`${ids}-email`}>Text to copy into an email</label>
        <textarea id={`${ids}-email`} ref={textRef} readOnly rows={3} value={email} />
      </div>
      <Button kind="secondary" onClick={() => void copy()}>
        Copy the text
      </Button>
    </section>
  );
}

function InvitationTable({ rows, onShow }: { rows: Invitation[]; onShow: (inv: Invitation) => void }) {
  return (
    <div className="con-table-wrap">
      <table className="staff-table vis-table">
        <caption className="visually-hidden">Invitations for the day chosen, by name.</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Visiting</th>
            <th scope="col">Code</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        {rows.map((inv) => (
          <tbody key={inv.id} className="staff-person">
            <tr className={inv.status === 'cancelled' ? 'row-inactive' : undefined}>
              <th scope="row">
                {inv.name}
                {inv.organisation && <span className="vis-sub">{inv.organisation}</span>}
              </th>
              <td>{inv.typeLabel}</td>
              <td>{inv.visiting}</td>
              <td className="vis-code-cell">{groupCode(inv.code)}</td>
              <td>
                <span className={`vis-inv vis-inv-${inv.status}`}>{INVITATION_WORDS[inv.status]}</span>
              </td>
            </tr>
            <tr className="actions-row">
              <td colSpan={5}>
                <div className="row-actions">
                  <Button kind="secondary" onClick={() => onShow(inv)}>
                    Show the code
                  </Button>
                </div>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function Expected() {
  const timeZone = useTimeZone();
  const today = schoolDay(new Date(), timeZone);
  const [day, setDay] = useState(today);
  const inviteFrom = useHandover((s) => s.inviteFrom);
  const setInviteFrom = useHandover((s) => s.setInviteFrom);
  const [inviting, setInviting] = useState<Draft | null>(() => (inviteFrom ? draftFrom(inviteFrom, today) : null));
  const [shown, setShown] = useState<{ inv: Invitation; fresh: boolean } | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const setup = useLoad('getVisitorSetup');
  const profiles = useLoad('listVisitorProfiles');
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const list = useLoad('listInvitations', validDay ? { from: day, to: day } : undefined, day);

  // "Invite" on a regular visitor's profile: taken once, so coming back later starts empty.
  useEffect(() => {
    if (inviteFrom) setInviteFrom(null);
  }, [inviteFrom, setInviteFrom]);

  const types = (setup.data?.types ?? []).filter((t) => t.active);

  return (
    <div className="vis-page">
      <div className="vis-tab-head">
        <h2>Expected</h2>
        {!inviting && (
          <Button
            onClick={() => {
              setInviting(draftFrom(null, day >= today ? day : today));
              setMessage(null);
            }}
          >
            Invite a visitor
          </Button>
        )}
      </div>
      <MessageBox message={message} />
      {inviting &&
        (setup.error ? (
          <Notice kind="error">{setup.error.message}</Notice>
        ) : !setup.data || !profiles.data ? (
          <Loading what="Loading the form" />
        ) : (
          <InviteForm
            types={types}
            profiles={profiles.data}
            initial={inviting}
            onCancel={() => setInviting(null)}
            onCreated={(inv) => {
              setInviting(null);
              setShown({ inv, fresh: true });
              setMessage(null);
              list.reload();
            }}
          />
        ))}
      {shown && (
        <InvitationPanel
          key={shown.inv.id}
          inv={shown.inv}
          fresh={shown.fresh}
          onMessage={setMessage}
          onChanged={(inv) => {
            setShown({ inv, fresh: false });
            list.reload();
          }}
        />
      )}
      <form className="conf-filters" role="search" aria-label="Choose the day" onSubmit={(e) => e.preventDefault()}>
        <TextField id="vis-expected-day" label="Expected on" type="date" value={day} onValue={setDay} />
        {day !== today && (
          <Button kind="quiet" className="vis-today-button" onClick={() => setDay(today)}>
            Back to today
          </Button>
        )}
      </form>
      <h3>
        {validDay ? (day === today ? `Today, ${dayWords(day)}` : dayWords(day)) : 'Choose a day'}
        {list.data && <span className="heading-count"> ({list.data.length})</span>}
      </h3>
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      {!list.data && !list.error && <Loading what="Loading the invitations" />}
      {list.data && list.data.length === 0 && <p className="vis-empty">No one is expected on this day. Use “Invite a visitor” to give someone a code for the entrance screen.</p>}
      {list.data && list.data.length > 0 && <InvitationTable rows={list.data} onShow={(inv) => setShown({ inv, fresh: false })} />}
    </div>
  );
}
