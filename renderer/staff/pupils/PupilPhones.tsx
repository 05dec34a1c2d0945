/**
 * A pupil's page, "Phone" (policy 6.3.2 to 6.3.4): whether they may bring a phone (given by which
 * contact, when and why; their slot), giving and withdrawing permission in the page, their
 * exceptional arrangement (leadership records it; the office reads it), and their phone history
 * (every item handed in, newest first, and every change of permission).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { Contact, ItemKind, PupilDetail, PupilItemRecord, PupilPhones as PhonesRecord } from '../../../electron/api/contract';
import { call, splitError, useLoad, type ApiError } from '../../app/api';
import { isStaff, useApp } from '../../app/store';
import { Button, Checkbox, Loading, Notice, SelectField, TextField } from '../../components/ui';
import { clockTime } from '../../print/format';
import { yearGroupsWords } from '../settings/PhoneSettings';
import { dateInWords, schoolDate } from '../Today';
import { ConfirmPanel } from './Contacts';
import { fullName } from './words';
import './pupil-phones.css';

export const KIND_WORDS: Record<ItemKind, string> = { phone: 'Phone', smartwatch: 'Smartwatch', tablet: 'Tablet', other: 'Other' };

/** How many items the history shows before "Show all". */
const HISTORY_SHOWN = 20;

const GRANT_FIELDS = ['contactId', 'reason'] as const;
const WITHDRAW_FIELDS = ['reason'] as const;
const ARRANGEMENT_FIELDS = ['device', 'reason', 'agreedBy', 'agreedOn', 'reviewOn'] as const;

type Arrangement = NonNullable<PhonesRecord['arrangement']>;
type Done = (value: PhonesRecord, message: string) => void;

// ---- words ------------------------------------------------------------------------------------

/** '2026-09-03' → '3 September' (with the year when it is not this year's). */
export function shortDate(iso: string, today: string): string {
  const words = dateInWords(iso, { weekday: false });
  return iso.slice(0, 4) === today.slice(0, 4) ? words.replace(/ \d{4}$/, '') : words;
}

/** '2026-11-27' → 'Friday 27 November' (with the year when it is not this year's). */
export function dayDate(iso: string, today: string): string {
  const words = dateInWords(iso);
  return iso.slice(0, 4) === today.slice(0, 4) ? words.replace(/ \d{4}$/, '') : words;
}

/** A reason inside a sentence: 'Walks home alone' → 'walks home alone' (a name at the start stays as it is). */
export function reasonInSentence(reason: string, names: readonly string[]): string {
  const first = (/^[^\s,.:;]+/.exec(reason)?.[0] ?? '').replace(/(’|')s$/, '');
  const nameWords = new Set(names.flatMap((n) => n.split(/\s+/)));
  return /^[A-Z][a-z]/.test(first) && !nameWords.has(first) ? reason.charAt(0).toLowerCase() + reason.slice(1) : reason;
}

function contactLabel(c: Contact): string {
  return c.relationship ? `${c.name} (${c.relationship})` : c.name;
}

/** The latest grant, when the pupil has permission now. */
function currentGrant(p: PhonesRecord) {
  const last = p.permissions[p.permissions.length - 1];
  return p.permitted && last?.granted ? last : null;
}

// ---- small pieces -------------------------------------------------------------------------------

function FocusTitle({ level, children }: { level: 3 | 4; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <H ref={ref} tabIndex={-1} className="phone-form-title">
      {children}
    </H>
  );
}

function Status({ phones, pupil, today, yearGroups, slotMode, admin }: { phones: PhonesRecord; pupil: PupilDetail; today: string; yearGroups: number[] | null; slotMode: 'fixed' | 'next-free' | null; admin: boolean }) {
  const grant = currentGrant(phones);
  const names = [pupil.forename, pupil.surname, ...pupil.contacts.map((c) => c.name)];
  const lines: ReactNode[] = [];
  let tone: 'yes' | 'no' | 'keeps' = 'no';
  if (grant) {
    tone = 'yes';
    const given = [grant.contactName ? `given by ${grant.contactName}` : 'given', `on ${shortDate(grant.day, today)}`].join(' ');
    const slot =
      phones.slot !== null
        ? ` Slot ${phones.slot}.`
        : slotMode === 'next-free'
          ? ' Their phone goes in the next free slot each morning.'
          : ' Their own slot is given at their first check-in.';
    lines.push(
      <p key="grant" className="phone-status-line">
        <strong>Has permission to bring a phone</strong> ({given}: {reasonInSentence(grant.reason, names)}).{slot}
      </p>,
    );
  } else {
    lines.push(
      <p key="none" className="phone-status-line">
        <strong>No permission</strong> to bring a phone.
      </p>,
    );
  }
  if (!phones.eligible && !grant && !phones.arrangement) {
    const years = yearGroups ? yearGroupsWords(yearGroups) : null;
    lines.push(
      <p key="eligible">
        {years === null
          ? 'This pupil’s year group cannot be given permission'
          : years === 'no year group'
            ? 'No year group can be given permission at the moment'
            : `Only ${years} can be given permission`}{' '}
        ({admin ? <Link href="~/staff/settings/phones">Settings › Phones</Link> : 'set in Settings by an administrator'}).
      </p>,
    );
  }
  if (phones.arrangement) {
    tone = 'keeps';
    lines.push(
      <p key="arrangement">
        <strong>Keeps a device in school</strong> under an exceptional arrangement (6.3.4): {phones.arrangement.device}. It is not checked in at the office.
      </p>,
    );
  }
  const held = phones.items.filter((i) => !i.checkedOutAt);
  if (held.length > 0) {
    lines.push(
      <p key="held">
        In the office now: {held.map((i) => `${KIND_WORDS[i.kind].toLowerCase()}${i.slot !== null ? ` (slot ${i.slot})` : ''}`).join(', ')}.
      </p>,
    );
  }
  return <div className={`phone-status phone-status-${tone}`}>{lines}</div>;
}

// ---- permission ---------------------------------------------------------------------------------

function GrantForm({ pupil, onDone, onCancel }: { pupil: PupilDetail; onDone: Done; onCancel: () => void }) {
  const contacts = pupil.contacts.filter((c) => !c.noContact);
  const [contactId, setContactId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!contactId) return setError({ code: 'INVALID', message: `Choose which of ${pupil.forename}’s contacts gave permission.`, field: 'contactId' });
    setError(null);
    setBusy(true);
    const r = await call('grantPhonePermission', { pupilId: pupil.id, contactId: Number(contactId), reason });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value, `${fullName(pupil)} now has permission to bring a phone.`);
  }

  const { field, form } = splitError(error, GRANT_FIELDS);
  return (
    <div className="row-panel phone-panel">
      <FocusTitle level={3}>Give {pupil.forename} permission to bring a phone</FocusTitle>
      {contacts.length === 0 ? (
        <>
          <p>Permission is given by a parent or carer. Add {pupil.forename}’s contacts first (under Contacts, above).</p>
          <Button kind="secondary" onClick={onCancel}>
            Close
          </Button>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          {form && <Notice kind="error">{form}</Notice>}
          <SelectField
            label="Given by"
            value={contactId}
            onValue={(v) => setContactId(v)}
            error={field.contactId}
            options={[{ value: '', label: 'Choose a contact' }, ...contacts.map((c) => ({ value: String(c.id), label: contactLabel(c) }))]}
          />
          <TextField
            label="Reason"
            hint="For example, walks to and from school alone."
            value={reason}
            onValue={setReason}
            error={field.reason}
            autoComplete="off"
            maxLength={200}
          />
          <div className="con-actions">
            <Button type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </Button>
            <Button kind="secondary" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

function WithdrawForm({ pupil, onDone, onCancel }: { pupil: PupilDetail; onDone: Done; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const r = await call('withdrawPhonePermission', { pupilId: pupil.id, reason });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value, `Permission for ${fullName(pupil)} to bring a phone is withdrawn.`);
  }

  const { field, form } = splitError(error, WITHDRAW_FIELDS);
  return (
    <div className="row-panel phone-panel phone-panel-withdraw">
      <FocusTitle level={3}>Withdraw {pupil.forename}’s permission to bring a phone</FocusTitle>
      <p>From now on {pupil.forename} cannot check a phone in; anything brought in is taken in as held without permission. Their own slot is freed.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {form && <Notice kind="error">{form}</Notice>}
        <TextField label="Reason" hint="For example, parent asked, or no longer walks home alone." value={reason} onValue={setReason} error={field.reason} autoComplete="off" maxLength={200} />
        <div className="con-actions">
          <Button type="submit" kind="danger" disabled={busy}>
            {busy ? 'Saving…' : 'Yes, withdraw permission'}
          </Button>
          <Button kind="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}

// ---- exceptional arrangement (6.3.4) ----------------------------------------------------------------

interface ArrangementDraft {
  device: string;
  reason: string;
  agreedBy: string;
  agreedOn: string;
  reviewOn: string;
  writtenAgreementReceived: boolean;
}

function ArrangementForm({ pupil, current, today, onDone, onCancel }: { pupil: PupilDetail; current: Arrangement | null; today: string; onDone: Done; onCancel: () => void }) {
  const [draft, setDraft] = useState<ArrangementDraft>(
    current
      ? { device: current.device, reason: current.reason, agreedBy: current.agreedBy, agreedOn: current.agreedOn, reviewOn: current.reviewOn, writtenAgreementReceived: current.writtenAgreementReceived }
      : { device: '', reason: '', agreedBy: '', agreedOn: today, reviewOn: '', writtenAgreementReceived: false },
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: Exclude<keyof ArrangementDraft, 'writtenAgreementReceived'>) => (v: string) => setDraft((d) => ({ ...d, [key]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const r = await call('setDeviceArrangement', { pupilId: pupil.id, ...draft });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value, `The arrangement for ${fullName(pupil)} is recorded.`);
  }

  const { field, form } = splitError(error, ARRANGEMENT_FIELDS);
  return (
    <div className="row-panel phone-panel">
      <FocusTitle level={4}>{current ? `Replace ${pupil.forename}’s arrangement` : `Record an arrangement for ${pupil.forename}`}</FocusTitle>
      {current && <p>The current arrangement is kept in the history below.</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {form && <Notice kind="error">{form}</Notice>}
        <div className="pupils-field-row">
          <TextField label="Device" hint="For example, phone for a glucose monitor." value={draft.device} onValue={set('device')} error={field.device} autoComplete="off" maxLength={80} />
          <TextField label="Agreed by" hint="The Head of School’s name." value={draft.agreedBy} onValue={set('agreedBy')} error={field.agreedBy} autoComplete="off" maxLength={80} />
        </div>
        <TextField label="Reason" hint="For example, medical monitoring (type 1 diabetes)." value={draft.reason} onValue={set('reason')} error={field.reason} autoComplete="off" maxLength={200} className="field-wide" />
        <div className="pupils-field-row">
          <TextField label="Date agreed" type="date" value={draft.agreedOn} onValue={set('agreedOn')} error={field.agreedOn} />
          <TextField label="Review date" type="date" value={draft.reviewOn} onValue={set('reviewOn')} error={field.reviewOn} />
        </div>
        <Checkbox
          label="Written agreement received"
          hint="The signed agreement from the parent or carer."
          checked={draft.writtenAgreementReceived}
          onChecked={(v) => setDraft((d) => ({ ...d, writtenAgreementReceived: v }))}
        />
        <div className="con-actions">
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save the arrangement'}
          </Button>
          <Button kind="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}

function ArrangementDetails({ a, today }: { a: Arrangement; today: string }) {
  return (
    <>
      {a.reviewOverdue && (
        <p className="phone-flag">
          <strong>Review overdue:</strong> the review date, {dayDate(a.reviewOn, today)}, has passed. Leadership should review the arrangement with the Head of
          School.
        </p>
      )}
      <dl className="pupils-details phone-arrangement">
        <div>
          <dt>Device</dt>
          <dd>{a.device}</dd>
        </div>
        <div className="phone-wide">
          <dt>Reason</dt>
          <dd>{a.reason}</dd>
        </div>
        <div>
          <dt>Agreed by</dt>
          <dd>{a.agreedBy}</dd>
        </div>
        <div>
          <dt>Date agreed</dt>
          <dd>{dayDate(a.agreedOn, today)}</dd>
        </div>
        <div>
          <dt>Review date</dt>
          <dd>
            {dayDate(a.reviewOn, today)}
            {a.reviewOverdue && <span className="phone-tag phone-tag-warn">Overdue</span>}
          </dd>
        </div>
        <div>
          <dt>Written agreement</dt>
          <dd>{a.writtenAgreementReceived ? 'Received' : <strong className="phone-warn-words">Not received yet</strong>}</dd>
        </div>
      </dl>
    </>
  );
}

function Arrangements({ pupil, phones, today, leadership, onDone }: { pupil: PupilDetail; phones: PhonesRecord; today: string; leadership: boolean; onDone: Done }) {
  const [open, setOpen] = useState<'form' | 'end' | null>(null);
  const current = phones.arrangement;
  const past = [...phones.pastArrangements].reverse();

  function close(focus: string) {
    setOpen(null);
    requestAnimationFrame(() => document.getElementById(focus)?.focus());
  }

  async function end(): Promise<ApiError | null> {
    const r = await call('endDeviceArrangement', { pupilId: pupil.id });
    if (!r.ok) return r.error;
    setOpen(null);
    onDone(r.value, `The arrangement for ${fullName(pupil)} has ended. It stays in the history.`);
    return null;
  }

  return (
    <div className="phone-sub">
      <div className="pupils-section-head">
        <h3 id="arrangement-heading">Exceptional arrangement (6.3.4)</h3>
        {leadership && (
          <div className="row-actions">
            <Button kind="secondary" id="arrangement-record" aria-expanded={open === 'form'} onClick={() => setOpen((o) => (o === 'form' ? null : 'form'))}>
              {current ? 'Replace the arrangement' : 'Record an arrangement'}
            </Button>
            {current && (
              <Button kind="secondary" id="arrangement-end" aria-expanded={open === 'end'} onClick={() => setOpen((o) => (o === 'end' ? null : 'end'))}>
                End the arrangement
              </Button>
            )}
          </div>
        )}
      </div>
      {!leadership && (
        <p className="pupils-muted">Leadership records these arrangements, after the Head of School has agreed them. The office can read them here.</p>
      )}
      {open === 'form' && (
        <ArrangementForm
          pupil={pupil}
          current={current}
          today={today}
          onDone={(v, m) => {
            setOpen(null);
            onDone(v, m);
          }}
          onCancel={() => close('arrangement-record')}
        />
      )}
      {open === 'end' && current && (
        <div className="row-panel">
          <ConfirmPanel
            question={`End ${pupil.forename}’s arrangement?`}
            detail={`${pupil.forename} will no longer keep their ${current.device}: it is checked in or taken in like any other. The arrangement stays in the history.`}
            yes="Yes, end the arrangement"
            no="No, keep it"
            onYes={end}
            onNo={() => close('arrangement-end')}
          />
        </div>
      )}
      {current ? (
        <ArrangementDetails a={current} today={today} />
      ) : (
        <p>No current arrangement. {pupil.forename} does not keep a device in school.</p>
      )}
      {past.length > 0 && (
        <div className="con-table-wrap">
          <table className="pupils-table phone-table">
            <caption className="phone-caption">Earlier arrangements</caption>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Reason</th>
                <th scope="col">Agreed by</th>
                <th scope="col">Date agreed</th>
                <th scope="col">Review date</th>
                <th scope="col">Written agreement</th>
              </tr>
            </thead>
            <tbody>
              {past.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.device}</th>
                  <td>{a.reason}</td>
                  <td>{a.agreedBy}</td>
                  <td className="nowrap">{shortDate(a.agreedOn, today)}</td>
                  <td className="nowrap">{shortDate(a.reviewOn, today)}</td>
                  <td>{a.writtenAgreementReceived ? 'Received' : 'Not received'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

// ---- history ------------------------------------------------------------------------------------

function handedBack(i: PupilItemRecord, today: string, timeZone: string): ReactNode {
  if (!i.checkedOutAt) {
    return i.day < today ? <strong className="phone-warn-words">Not collected: still in the office</strong> : 'Still in the office';
  }
  const at = new Date(i.checkedOutAt);
  const day = schoolDate(at, timeZone);
  const when = day === i.day ? clockTime(at, timeZone) : `${dayDate(day, today)} at ${clockTime(at, timeZone)}`;
  const to = i.collectedBy === 'pupil' ? 'the pupil' : (i.collectedBy ?? 'a contact no longer listed');
  return `${when} to ${to}${i.checkedOutBy ? `, by ${i.checkedOutBy}` : ''}`;
}

function ItemHistory({ items, today, timeZone }: { items: PupilItemRecord[]; today: string; timeZone: string }) {
  const [all, setAll] = useState(false);
  if (items.length === 0) return <p className="pupils-empty">No item has been handed in yet.</p>;
  const shown = all ? items : items.slice(0, HISTORY_SHOWN);
  return (
    <>
      <div className="con-table-wrap">
        <table className="pupils-table phone-table">
          <caption className="phone-caption">
            Items handed in, newest first{items.length > HISTORY_SHOWN && !all ? ` (the latest ${HISTORY_SHOWN} of ${items.length})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Slot
              </th>
              <th scope="col">Handed in</th>
              <th scope="col">Handed back</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.itemId}>
                <th scope="row" className="nowrap">
                  {dayDate(i.day, today)}
                </th>
                <td>
                  {KIND_WORDS[i.kind]}
                  {i.description ? `: ${i.description}` : ''}
                  {!i.permitted && <span className="phone-tag phone-tag-warn">Held without permission</span>}
                  {i.parentOnly && <span className="phone-tag">Parent/carer only</span>}
                </td>
                <td className="num">{i.slot ?? <span className="pupils-muted">None</span>}</td>
                <td>
                  {clockTime(new Date(i.checkedInAt), timeZone)}, by {i.checkedInBy}
                </td>
                <td>{handedBack(i, today, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length > HISTORY_SHOWN && (
        <Button kind="secondary" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? `Show the latest ${HISTORY_SHOWN} only` : `Show all ${items.length} items`}
        </Button>
      )}
    </>
  );
}

function PermissionHistory({ phones, today }: { phones: PhonesRecord; today: string }) {
  if (phones.permissions.length === 0) return <p className="pupils-empty">Permission has never been given.</p>;
  const rows = [...phones.permissions].reverse();
  return (
    <div className="con-table-wrap">
      <table className="pupils-table phone-table">
        <caption className="phone-caption">Permission given and withdrawn, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Change</th>
            <th scope="col">Reason</th>
            <th scope="col">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <th scope="row" className="nowrap">
                {dayDate(p.day, today)}
              </th>
              <td>{p.granted ? `Given by ${p.contactName ?? 'a contact no longer listed'}` : 'Withdrawn'}</td>
              <td>{p.reason}</td>
              <td>{p.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- the section --------------------------------------------------------------------------------

export function PupilPhones({ pupil, timeZone }: { pupil: PupilDetail; timeZone: string }) {
  const session = useApp((s) => s.session);
  const staff = isStaff(session) ? session : null;
  const leadership = staff?.role === 'leadership' || staff?.role === 'admin';
  const admin = staff?.role === 'admin';
  const loaded = useLoad('getPupilPhones', { pupilId: pupil.id }, String(pupil.id));
  const settings = useLoad('getSettings');
  const [saved, setSaved] = useState<PhonesRecord | null>(null);
  const [open, setOpen] = useState<'grant' | 'withdraw' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const today = schoolDate(new Date(), timeZone);

  const phones = saved?.pupilId === pupil.id ? saved : loaded.data?.pupilId === pupil.id ? loaded.data : null;

  function done(value: PhonesRecord, text: string) {
    setSaved(value);
    setOpen(null);
    setMessage(text);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  function toggle(kind: 'grant' | 'withdraw') {
    setMessage(null);
    setOpen((o) => (o === kind ? null : kind));
  }

  function closeForm(kind: 'grant' | 'withdraw') {
    setOpen(null);
    requestAnimationFrame(() => document.getElementById(`phone-${kind}`)?.focus());
  }

  const left = pupil.status === 'left';
  const canGrant = !!phones && !phones.permitted && phones.eligible && !left;

  return (
    // not named by its heading: the contacts' "Phone" field keeps that name to itself
    <section className="pupils-section phone-section">
      <div className="pupils-section-head">
        <h2 id="phone-heading">Phone</h2>
        {phones && (
          <div className="row-actions">
            {canGrant && (
              <Button kind="secondary" id="phone-grant" aria-expanded={open === 'grant'} onClick={() => toggle('grant')}>
                Give permission
              </Button>
            )}
            {phones.permitted && (
              <Button kind="secondary" id="phone-withdraw" aria-expanded={open === 'withdraw'} onClick={() => toggle('withdraw')}>
                Withdraw permission
              </Button>
            )}
          </div>
        )}
      </div>
      {loaded.error && !phones && <Notice kind="error">{loaded.error.message}</Notice>}
      {!phones && !loaded.error && <Loading what="Loading the phone record" />}
      {phones && (
        <>
          <div ref={messageRef} tabIndex={-1} className="con-message">
            {message && <Notice kind="success">{message}</Notice>}
          </div>
          <Status
            phones={phones}
            pupil={pupil}
            today={today}
            yearGroups={settings.data?.phoneYearGroups ?? null}
            slotMode={settings.data?.phoneSlotMode ?? null}
            admin={admin}
          />
          {left && !phones.permitted && <p className="pupils-muted">Pupils who have left cannot be given permission.</p>}
          {phones.permitted && !pupil.card && !left && (
            <Notice kind="warning">
              <p className="notice-title">{pupil.forename} needs a pupil card.</p>
              <p>The card is scanned when the phone is handed in and collected. Print one under “Pupil card”, above.</p>
            </Notice>
          )}
          {open === 'grant' && canGrant && <GrantForm pupil={pupil} onDone={done} onCancel={() => closeForm('grant')} />}
          {open === 'withdraw' && phones.permitted && <WithdrawForm pupil={pupil} onDone={done} onCancel={() => closeForm('withdraw')} />}

          <Arrangements pupil={pupil} phones={phones} today={today} leadership={leadership} onDone={done} />

          <div className="phone-sub">
            <h3>Phone history</h3>
            {phones.items.length === 0 && phones.permissions.length === 0 ? (
              <p className="pupils-empty">Nothing yet: no item has been handed in, and permission has never been given.</p>
            ) : (
              <>
                <ItemHistory items={phones.items} today={today} timeZone={timeZone} />
                <PermissionHistory phones={phones} today={today} />
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}
