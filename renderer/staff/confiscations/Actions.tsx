/**
 * A confiscation record's next steps (issue 7): one button for each step this member of staff may
 * take now (from detail.can, the status and the hold), each opening an inline panel below (never a
 * modal). Every panel keeps what was typed when the API says no, shows the message next to the
 * field it names, and after success hands the record as it now stands back to the page.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ConfiscationDetail, IdentityCheck, InformedHow, SearchOutcome } from '../../../electron/api/contract';
import { call, splitError, type ApiResult } from '../../app/api';
import { Button, Notice, SelectField, TextField } from '../../components/ui';
import { SignaturePad, type SignatureHandle } from '../../components/SignaturePad';
import { RemoteSignature } from './RemoteSignature';
import { IDENTITY_WORDS, INFORMED_HOW_WORDS, NEVER_RECORD, SEARCH_OUTCOME_WORDS, UKCIS_NOTICE } from './words';

export type Done = (detail: ConfiscationDetail, message: string) => void;

type Errors = { field: Record<string, string>; form: string | null };
const NO_ERRORS: Errors = { field: {}, form: null };

export type Step =
  | 'informed'
  | 'not-informed'
  | 'dsl'
  | 'move'
  | 'exam'
  | 'search'
  | 'ukcis'
  | 'police'
  | 'police-outcome'
  | 'hold'
  | 'release'
  | 'amend';

export const AMEND_FIELD_WORDS = { description: 'Description', condition: 'Condition', confiscatedBy: 'Confiscated by', witness: 'Witness' } as const;
type AmendField = keyof typeof AMEND_FIELD_WORDS;

/** The steps this session may take now, in the order a school takes them. */
export function allowedSteps(d: ConfiscationDetail): Step[] {
  const r = d.record;
  const held = r.status === 'held';
  const released = r.status === 'released';
  const has = (kind: string) => d.events.some((e) => e.kind === kind);
  const steps: Step[] = [];
  if (held && !r.onHold) steps.push('release');
  if (!released && r.parentsInformed === 'not-yet') steps.push('informed');
  if (!released && r.parentsInformed === 'not-yet' && d.can.dsl) steps.push('not-informed');
  if (!released && !r.dslInformed) steps.push('dsl');
  if (held) steps.push('move');
  if (r.ground === 'exam' && !has('exam-reported')) steps.push('exam');
  if (held && d.can.search && r.ground !== 'suspected-nudes') steps.push('search');
  if (held && d.can.search && r.ground === 'suspected-nudes' && !has('ukcis-steps')) steps.push('ukcis');
  if (held && d.can.dsl) steps.push('police');
  if (r.status === 'with-police' && d.can.dsl) steps.push('police-outcome');
  if (held && d.can.dsl) steps.push('hold');
  steps.push('amend');
  return steps;
}

function stepLabel(step: Step, d: ConfiscationDetail): string {
  switch (step) {
    case 'informed':
      return 'Record parents informed';
    case 'not-informed':
      return 'Parents not informed (DSL decision)';
    case 'dsl':
      return 'Record DSL informed';
    case 'move':
      return 'Move the device';
    case 'exam':
      return 'Record the exam report';
    case 'search':
      return 'Record a search';
    case 'ukcis':
      return 'Record the UKCIS steps';
    case 'police':
      return 'Hand to the police';
    case 'police-outcome':
      return 'Record what the police did';
    case 'hold':
      return d.record.onHold ? 'Lift the hold' : 'Put on hold';
    case 'release':
      return 'Release';
    case 'amend':
      return 'Correct a mistake';
  }
}

/** Why the device cannot be released now, in words, or null. */
export function releaseBlocked(d: ConfiscationDetail): ReactNode {
  const r = d.record;
  if (r.status === 'held' && r.onHold) {
    return (
      <>
        <strong>Release is blocked: this device is on hold.</strong> A DSL has put a hold on it, so it is released only with the DSL’s agreement. Ask the DSL: they lift the
        hold here first.
      </>
    );
  }
  if (r.status === 'with-police') {
    return (
      <>
        <strong>It cannot be released: the device is with the police.</strong> When the police return it, a DSL records that here, and then it can be released.
      </>
    );
  }
  if (r.status === 'retained-by-police') return <strong>The police kept this device: there is nothing to release.</strong>;
  return null;
}

// ---- building blocks ---------------------------------------------------------------------------

function useStep(fields: readonly string[], onDone: Done) {
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function run(p: Promise<ApiResult<ConfiscationDetail>>, message: (d: ConfiscationDetail) => string) {
    setBusy(true);
    const r = await p;
    setBusy(false);
    if (!r.ok) {
      setErrors(splitError(r.error, fields));
      return;
    }
    setErrors(NO_ERRORS);
    onDone(r.value, message(r.value));
  }
  return { errors, setErrors, busy, run };
}

function Panel({
  title,
  intro,
  submit,
  busy,
  formError,
  onSubmit,
  onCancel,
  tone,
  children,
}: {
  title: string;
  intro?: ReactNode;
  submit: string;
  busy: boolean;
  formError: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  tone?: 'warning';
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className={`conf-panel ${tone === 'warning' ? 'conf-panel-warning' : ''}`.trim()} aria-labelledby={id}>
      <h3 id={id} ref={headingRef} tabIndex={-1} className="conf-panel-title">
        {title}
      </h3>
      {intro}
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {formError && <Notice kind="error">{formError}</Notice>}
        <div className="conf-form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : submit}
          </button>
          <Button kind="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

function Radios({
  legend,
  hint,
  options,
  value,
  onValue,
  error,
}: {
  legend: string;
  hint?: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset className={`conf-choice ${error ? 'field-invalid' : ''}`.trim()} aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="conf-radios">
        {options.map((o) => (
          <div className="conf-radio" key={o.value}>
            <input type="radio" id={`${id}-${o.value}`} name={id} value={o.value} checked={value === o.value} onChange={() => onValue(o.value)} />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function Tick({ label, checked, onChecked, error }: { label: string; checked: boolean; onChecked: (v: boolean) => void; error?: string | undefined }) {
  const id = useId();
  return (
    <div className={`conf-tick ${error ? 'field-invalid' : ''}`.trim()}>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="checkbox">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChecked(e.target.checked)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

function When({ value, onValue, error, label = 'Date and time' }: { value: string; onValue: (v: string) => void; error?: string | undefined; label?: string }) {
  return <TextField type="datetime-local" label={label} hint="Leave it empty for now." value={value} onValue={onValue} error={error} className="conf-when" />;
}

/** '' → undefined, for the optional date-and-time inputs. */
const orNow = (v: string) => (v === '' ? undefined : v);

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface PanelProps {
  d: ConfiscationDetail;
  onDone: Done;
  onCancel: () => void;
}

// ---- the panels ---------------------------------------------------------------------------------

function ParentsInformed({ d, onDone, onCancel }: PanelProps) {
  const fields = ['how', 'informedBy', 'at'] as const;
  const { errors, setErrors, busy, run } = useStep(fields, onDone);
  const [how, setHow] = useState('');
  const [by, setBy] = useState('');
  const [at, setAt] = useState('');
  function submit() {
    if (how === '') return setErrors({ field: { how: 'Choose how they were told.' }, form: null });
    void run(call('recordParentsInformed', { id: d.record.id, how: how as InformedHow, informedBy: by, at: orNow(at) }), () => `Recorded: parents/carers informed (${INFORMED_HOW_WORDS[how as InformedHow].toLowerCase()}) by ${by.trim()}.`);
  }
  return (
    <Panel title="Record parents informed" submit="Save parents informed" busy={busy} formError={errors.form} onSubmit={submit} onCancel={onCancel}>
      <Radios legend="How were they told?" options={Object.entries(INFORMED_HOW_WORDS).map(([value, label]) => ({ value, label }))} value={how} onValue={setHow} error={errors.field.how} />
      <TextField label="Told by" hint="The member of staff who told them." value={by} onValue={setBy} error={errors.field.informedBy} maxLength={80} autoComplete="off" />
      <When value={at} onValue={setAt} error={errors.field.at} />
    </Panel>
  );
}

function ParentsNotInformed({ d, onDone, onCancel }: PanelProps) {
  const { errors, busy, run } = useStep(['decidedBy', 'reason'], onDone);
  const [by, setBy] = useState('');
  const [reason, setReason] = useState('');
  return (
    <Panel
      title="Parents not informed (DSL decision)"
      intro={<p>Only when telling the parents or carers could put the child at risk. Say who decided and why.</p>}
      submit="Save the decision"
      busy={busy}
      formError={errors.form}
      onSubmit={() => void run(call('recordParentsNotInformed', { id: d.record.id, decidedBy: by, reason }), () => 'Recorded: parents/carers are not informed (DSL decision).')}
      onCancel={onCancel}
    >
      <TextField label="Decided by" value={by} onValue={setBy} error={errors.field.decidedBy} maxLength={80} autoComplete="off" />
      <TextField label="Reason" value={reason} onValue={setReason} error={errors.field.reason} maxLength={200} autoComplete="off" />
    </Panel>
  );
}

function DslInformed({ d, onDone, onCancel }: PanelProps) {
  const { errors, busy, run } = useStep(['at', 'reference'], onDone);
  const [at, setAt] = useState('');
  const [reference, setReference] = useState('');
  return (
    <Panel
      title="Record DSL informed"
      submit="Save DSL informed"
      busy={busy}
      formError={errors.form}
      onSubmit={() => void run(call('recordDslInformed', { id: d.record.id, at: orNow(at), reference: reference.trim() === '' ? undefined : reference }), () => 'Recorded: the DSL is informed.')}
      onCancel={onCancel}
    >
      <When value={at} onValue={setAt} error={errors.field.at} />
      <TextField
        label="Safeguarding system reference (optional)"
        hint="The reference only, never the account: the account stays in CPOMS or MyConcern. Once saved, only DSLs see it."
        value={reference}
        onValue={setReference}
        error={errors.field.reference}
        maxLength={40}
        autoComplete="off"
      />
    </Panel>
  );
}

function Move({ d, onDone, onCancel, locations }: PanelProps & { locations: readonly string[] }) {
  const { errors, setErrors, busy, run } = useStep(['to', 'at', 'note'], onDone);
  const places = [...locations, 'With the DSL'].filter((p, i, all) => all.indexOf(p) === i && p !== d.record.location);
  const [to, setTo] = useState('');
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  function submit() {
    if (to === '') return setErrors({ field: { to: 'Choose where the device is going.' }, form: null });
    void run(call('moveConfiscated', { id: d.record.id, to, at: orNow(at), note: note.trim() === '' ? undefined : note }), () => `Recorded: moved to ${to}.`);
  }
  return (
    <Panel title="Move the device" intro={<p>It is in {d.record.location} now.</p>} submit="Save the move" busy={busy} formError={errors.form} onSubmit={submit} onCancel={onCancel}>
      <SelectField label="Moved to" value={to} onValue={setTo} error={errors.field.to} options={[{ value: '', label: 'Choose a place' }, ...places.map((p) => ({ value: p, label: p }))]} />
      <When value={at} onValue={setAt} error={errors.field.at} />
      <TextField label="Note (optional)" value={note} onValue={setNote} error={errors.field.note} maxLength={120} autoComplete="off" />
    </Panel>
  );
}

function ExamReport({ d, onDone, onCancel }: PanelProps) {
  const { errors, busy, run } = useStep(['examBody', 'reportedOn'], onDone);
  const [body, setBody] = useState('');
  const [on, setOn] = useState(localToday());
  return (
    <Panel
      title="Record the exam report"
      intro={<p>A device found during an exam is reported to the examining body (policy 6.3.6).</p>}
      submit="Save the exam report"
      busy={busy}
      formError={errors.form}
      onSubmit={() => void run(call('recordExamReport', { id: d.record.id, examBody: body, reportedOn: on }), () => `Recorded: reported to ${body.trim()}.`)}
      onCancel={onCancel}
    >
      <TextField label="Examining body" value={body} onValue={setBody} error={errors.field.examBody} maxLength={80} autoComplete="off" />
      <TextField label="Date reported" type="date" value={on} onValue={setOn} error={errors.field.reportedOn} />
    </Panel>
  );
}

const SEARCH_FIELDS = ['authorisedBy', 'consentFrom', 'consentContactId', 'consentHow', 'searchedBy', 'present', 'sought', 'found', 'outcome', 'followUp', 'at'] as const;
const SEARCH_CHOICES = ['nothing-of-concern', 'content-deleted', 'suspected-illegal'] as const;

function Search({ d, onDone, onCancel }: PanelProps) {
  const { errors, setErrors, busy, run } = useStep(SEARCH_FIELDS, onDone);
  const [v, setV] = useState({ authorisedBy: '', consentFrom: '', consentContactId: '', consentHow: '', searchedBy: '', present: '', sought: '', found: '', outcome: '', followUp: '', at: '' });
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const parents = d.contacts.filter((c) => !c.noContact);
  function submit() {
    const field: Record<string, string> = {};
    if (v.consentFrom === '') field.consentFrom = 'Say whose consent was given.';
    if (v.consentFrom === 'parent' && v.consentContactId === '') field.consentContactId = 'Choose which parent/carer consented.';
    if (v.outcome === '') field.outcome = 'Choose the outcome.';
    if (Object.keys(field).length > 0) return setErrors({ field, form: null });
    void run(
      call('recordSearch', {
        id: d.record.id,
        authorisedBy: v.authorisedBy,
        consentFrom: v.consentFrom as 'learner' | 'parent',
        consentContactId: v.consentFrom === 'parent' ? Number(v.consentContactId) : undefined,
        consentHow: v.consentHow,
        searchedBy: v.searchedBy,
        present: v.present,
        sought: v.sought,
        found: v.found,
        outcome: v.outcome as SearchOutcome,
        followUp: v.followUp.trim() === '' ? undefined : v.followUp,
        at: orNow(v.at),
      }),
      () => `Recorded: the search (${SEARCH_OUTCOME_WORDS[v.outcome as SearchOutcome].toLowerCase()}).`,
    );
  }
  return (
    <Panel
      title="Record a search"
      intro={
        <Notice kind="warning">
          <strong>{NEVER_RECORD}</strong>
        </Notice>
      }
      submit="Save the search"
      busy={busy}
      formError={errors.form}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <TextField label="Authorised by" value={v.authorisedBy} onValue={set('authorisedBy')} error={errors.field.authorisedBy} maxLength={80} autoComplete="off" />
      <Radios
        legend="Whose consent was given?"
        hint="For a primary-age child, a parent’s or carer’s consent is preferred."
        options={[
          { value: 'parent', label: 'A parent or carer' },
          { value: 'learner', label: 'The learner' },
        ]}
        value={v.consentFrom}
        onValue={set('consentFrom')}
        error={errors.field.consentFrom}
      />
      {v.consentFrom === 'parent' && (
        <SelectField
          label="Parent/carer who consented"
          value={v.consentContactId}
          onValue={set('consentContactId')}
          error={errors.field.consentContactId}
          options={[{ value: '', label: parents.length ? 'Choose a parent/carer' : 'No contact can be chosen' }, ...parents.map((c) => ({ value: String(c.id), label: c.relationship ? `${c.name} (${c.relationship})` : c.name }))]}
        />
      )}
      <TextField label="How consent was informed" hint="What they were told about the search and why." value={v.consentHow} onValue={set('consentHow')} error={errors.field.consentHow} maxLength={200} autoComplete="off" />
      <div className="conf-field-row">
        <TextField label="Searched by" value={v.searchedBy} onValue={set('searchedBy')} error={errors.field.searchedBy} maxLength={80} autoComplete="off" />
        <TextField label="Also present" value={v.present} onValue={set('present')} error={errors.field.present} maxLength={200} autoComplete="off" />
      </div>
      <TextField label="What was looked for, and why" value={v.sought} onValue={set('sought')} error={errors.field.sought} maxLength={200} autoComplete="off" />
      <TextField label="What was found" hint="In general words only, or “nothing”." value={v.found} onValue={set('found')} error={errors.field.found} maxLength={200} autoComplete="off" />
      <Radios legend="Outcome" options={SEARCH_CHOICES.map((o) => ({ value: o, label: SEARCH_OUTCOME_WORDS[o] }))} value={v.outcome} onValue={set('outcome')} error={errors.field.outcome} />
      <TextField label="Follow-up (optional)" value={v.followUp} onValue={set('followUp')} error={errors.field.followUp} maxLength={200} autoComplete="off" />
      <When value={v.at} onValue={set('at')} error={errors.field.at} />
    </Panel>
  );
}

function Ukcis({ d, onDone, onCancel }: PanelProps) {
  const { errors, busy, run } = useStep(['notViewed', 'turnedOffAndSecured', 'dslInformed'], onDone);
  const [notViewed, setNotViewed] = useState(false);
  const [secured, setSecured] = useState(false);
  const [dsl, setDsl] = useState(false);
  return (
    <Panel
      title="Record the UKCIS steps"
      tone="warning"
      intro={
        <Notice kind="warning">
          <strong>Suspected nude or semi-nude images.</strong> {UKCIS_NOTICE} The device is not searched: after these steps a DSL hands it to the police.
        </Notice>
      }
      submit="Save the UKCIS steps"
      busy={busy}
      formError={errors.form}
      onSubmit={() =>
        void run(call('recordUkcisSteps', { id: d.record.id, notViewed, turnedOffAndSecured: secured, dslInformed: dsl }), (next) =>
          next.can.dsl ? 'Recorded: the UKCIS steps. Next: hand the device to the police.' : 'Recorded: the UKCIS steps. Next: a DSL hands the device to the police.',
        )
      }
      onCancel={onCancel}
    >
      <Tick label="The device was not viewed" checked={notViewed} onChecked={setNotViewed} error={errors.field.notViewed} />
      <Tick label="It was turned off and secured" checked={secured} onChecked={setSecured} error={errors.field.turnedOffAndSecured} />
      <Tick label="The DSL was informed" checked={dsl} onChecked={setDsl} error={errors.field.dslInformed} />
    </Panel>
  );
}

function Police({ d, onDone, onCancel }: PanelProps) {
  const { errors, busy, run } = useStep(['officer', 'shoulderNumber', 'crimeReference', 'sealNumber', 'at', 'receiptReceived'], onDone);
  const [v, setV] = useState({ officer: '', shoulderNumber: '', crimeReference: '', sealNumber: '', at: '' });
  const [receipt, setReceipt] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  return (
    <Panel
      title="Hand to the police"
      submit="Save the hand-over"
      busy={busy}
      formError={errors.form}
      onSubmit={() => void run(call('handToPolice', { id: d.record.id, ...v, at: orNow(v.at), receiptReceived: receipt }), () => `Recorded: handed to the police (${v.officer.trim()}).`)}
      onCancel={onCancel}
    >
      <div className="conf-field-row">
        <TextField label="Officer" value={v.officer} onValue={set('officer')} error={errors.field.officer} maxLength={80} autoComplete="off" />
        <TextField label="Shoulder number" value={v.shoulderNumber} onValue={set('shoulderNumber')} error={errors.field.shoulderNumber} maxLength={20} autoComplete="off" />
      </div>
      <div className="conf-field-row">
        <TextField label="Crime reference" value={v.crimeReference} onValue={set('crimeReference')} error={errors.field.crimeReference} maxLength={40} autoComplete="off" />
        <TextField label="Evidence bag seal number" value={v.sealNumber} onValue={set('sealNumber')} error={errors.field.sealNumber} maxLength={40} autoComplete="off" />
      </div>
      <When value={v.at} onValue={set('at')} error={errors.field.at} />
      <Tick label="A receipt was received from the officer" checked={receipt} onChecked={setReceipt} error={errors.field.receiptReceived} />
    </Panel>
  );
}

function PoliceOutcome({ d, onDone, onCancel, locations }: PanelProps & { locations: readonly string[] }) {
  const { errors, setErrors, busy, run } = useStep(['returned', 'returnedBy', 'to', 'at'], onDone);
  const [returned, setReturned] = useState('');
  const [by, setBy] = useState('');
  const [to, setTo] = useState(locations[0] ?? '');
  const [at, setAt] = useState('');
  function submit() {
    if (returned === '') return setErrors({ field: { returned: 'Say whether the police returned the device or kept it.' }, form: null });
    if (returned === 'yes') void run(call('recordPoliceOutcome', { id: d.record.id, returned: true, returnedBy: by, to, at: orNow(at) }), () => `Recorded: returned by the police, now held in ${to}.`);
    else void run(call('recordPoliceOutcome', { id: d.record.id, returned: false, at: orNow(at) }), () => 'Recorded: the police kept the device.');
  }
  return (
    <Panel title="Record what the police did" submit="Save what the police did" busy={busy} formError={errors.form} onSubmit={submit} onCancel={onCancel}>
      <Radios
        legend="What did the police do?"
        options={[
          { value: 'yes', label: 'Returned it to school' },
          { value: 'no', label: 'Kept it (retained by the police)' },
        ]}
        value={returned}
        onValue={setReturned}
        error={errors.field.returned}
      />
      {returned === 'yes' && (
        <>
          <TextField label="Returned by" hint="The officer who brought it back." value={by} onValue={setBy} error={errors.field.returnedBy} maxLength={80} autoComplete="off" />
          <SelectField label="Held at" value={to} onValue={setTo} error={errors.field.to} options={locations.map((p) => ({ value: p, label: p }))} />
        </>
      )}
      <When value={at} onValue={setAt} error={errors.field.at} />
    </Panel>
  );
}

function Hold({ d, onDone, onCancel }: PanelProps) {
  const { errors, busy, run } = useStep(['reason'], onDone);
  const [reason, setReason] = useState('');
  const lifting = d.record.onHold;
  return (
    <Panel
      title={lifting ? 'Lift the hold' : 'Put on hold'}
      intro={
        <p>
          {lifting
            ? 'Once the hold is lifted the office can release the device to a contact allowed to collect.'
            : 'While on hold, nobody can release the device: it is released only with the DSL’s agreement, after a DSL lifts the hold.'}
        </p>
      }
      submit={lifting ? 'Confirm lifting the hold' : 'Confirm the hold'}
      busy={busy}
      formError={errors.form}
      onSubmit={() =>
        void run(call('setConfiscationHold', { id: d.record.id, hold: !lifting, reason: reason.trim() === '' ? undefined : reason }), () =>
          lifting ? 'Recorded: the hold is lifted.' : 'Recorded: on hold. Release only with DSL agreement.',
        )
      }
      onCancel={onCancel}
    >
      <TextField label="Reason (optional)" value={reason} onValue={setReason} error={errors.field.reason} maxLength={200} autoComplete="off" />
    </Panel>
  );
}

const RELEASE_FIELDS = ['contactId', 'identity', 'signature', 'name', 'relationship', 'reason'] as const;

function Release({ d, onDone, onCancel }: PanelProps) {
  const { errors, setErrors, busy, run } = useStep(RELEASE_FIELDS, onDone);
  const [who, setWho] = useState('');
  const [identity, setIdentity] = useState('');
  const [other, setOther] = useState({ name: '', relationship: '', reason: '' });
  const pad = useRef<SignatureHandle>(null);
  const [remote, setRemote] = useState<string | null>(null);
  const forename = d.record.forename;
  const override = who === 'other';
  const options = [
    ...d.collectors.map((c) => ({ value: String(c.id), label: c.relationship ? `${c.name} (${c.relationship})` : c.name })),
    ...(d.can.override ? [{ value: 'other', label: 'Someone else (an override: give the reason)' }] : []),
  ];

  function submit() {
    const field: Record<string, string> = {};
    if (who === '') field.contactId = 'Choose who is collecting.';
    if (identity === '') field.identity = 'Say how you checked who they are.';
    if (remote === null && (!pad.current || pad.current.isEmpty())) field.signature = 'The person collecting must sign.';
    if (Object.keys(field).length > 0) return setErrors({ field, form: null });
    const signature = remote ?? pad.current!.toDataURL();
    const checked = identity as IdentityCheck;
    if (override) {
      void run(
        call('releaseConfiscated', { id: d.record.id, name: other.name, relationship: other.relationship.trim() === '' ? undefined : other.relationship, reason: other.reason, identity: checked, signature }),
        () => `Released to ${other.name.trim()} (an override, with the reason recorded). The signature is on the record.`,
      );
    } else {
      const collector = d.collectors.find((c) => String(c.id) === who);
      void run(call('releaseConfiscated', { id: d.record.id, contactId: Number(who), identity: checked, signature }), () => `Released to ${collector?.name ?? 'the contact'}. The signature is on the record.`);
    }
  }

  return (
    <Panel title="Release the device" submit="Release the device" busy={busy} formError={errors.form} onSubmit={submit} onCancel={onCancel}>
      {d.collectors.length === 0 && (
        <Notice kind="warning">
          None of {forename}’s contacts is allowed to collect, so the device cannot be released to a contact.{' '}
          {d.can.override ? 'You can release it to someone else as an override, with a reason.' : 'Ask a member of the leadership team or a DSL.'}
        </Notice>
      )}
      {options.length > 0 && (
        <Radios
          legend="Who is collecting?"
          hint={`Only contacts allowed to collect ${forename} are listed.`}
          options={options}
          value={who}
          onValue={(v) => {
            setWho(v);
            if (errors.field.contactId) setErrors((e) => ({ ...e, field: { ...e.field, contactId: '' } }));
          }}
          error={errors.field.contactId || undefined}
        />
      )}
      {override && (
        <div className="conf-override">
          <p className="conf-override-note">
            <strong>Override.</strong> This release is recorded as an override, with your name and the reason.
          </p>
          <div className="conf-field-row">
            <TextField label="Name of the person collecting" value={other.name} onValue={(name) => setOther((o) => ({ ...o, name }))} error={errors.field.name} maxLength={80} autoComplete="off" />
            <TextField label="Relationship (optional)" value={other.relationship} onValue={(relationship) => setOther((o) => ({ ...o, relationship }))} error={errors.field.relationship} maxLength={40} autoComplete="off" />
          </div>
          <TextField label="Reason for the override" value={other.reason} onValue={(reason) => setOther((o) => ({ ...o, reason }))} error={errors.field.reason} maxLength={200} autoComplete="off" />
        </div>
      )}
      <Radios
        legend="How did you check who they are?"
        hint="Never write down the document number."
        options={Object.entries(IDENTITY_WORDS).map(([value, label]) => ({ value, label }))}
        value={identity}
        onValue={setIdentity}
        error={errors.field.identity}
      />
      <RemoteSignature
        onSignature={(signature) => {
          setRemote(signature);
          if (signature && errors.field.signature) setErrors((e) => ({ ...e, field: { ...e.field, signature: '' } }));
        }}
      />
      {remote === null && (
        <SignaturePad
          ref={pad}
          label="Signature of the person collecting"
          hint="Ask them to sign in the box with a finger, a stylus or the mouse."
          error={errors.field.signature || undefined}
          onSign={() => {
            if (errors.field.signature) setErrors((e) => ({ ...e, field: { ...e.field, signature: '' } }));
          }}
        />
      )}
    </Panel>
  );
}

function Amend({ d, onDone, onCancel }: PanelProps) {
  const { errors, setErrors, busy, run } = useStep(['field', 'to', 'reason'], onDone);
  const [field, setField] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  function submit() {
    if (field === '') return setErrors({ field: { field: 'Choose what to correct.' }, form: null });
    const f = field as AmendField;
    void run(call('amendConfiscation', { id: d.record.id, field: f, to, reason }), () => `Corrected: ${AMEND_FIELD_WORDS[f].toLowerCase()}. The original stays on the record.`);
  }
  return (
    <Panel title="Correct a mistake" intro={<p>The original stays on the record, with what was changed, by whom and why.</p>} submit="Save the correction" busy={busy} formError={errors.form} onSubmit={submit} onCancel={onCancel}>
      <SelectField
        label="What to correct"
        value={field}
        onValue={(f) => {
          setField(f);
          if (f !== '') setTo(d.record[f as AmendField]);
        }}
        error={errors.field.field}
        options={[{ value: '', label: 'Choose' }, ...Object.entries(AMEND_FIELD_WORDS).map(([value, label]) => ({ value, label }))]}
      />
      <TextField label="Corrected value" value={to} onValue={setTo} error={errors.field.to} maxLength={120} autoComplete="off" />
      <TextField label="Reason for the correction" value={reason} onValue={setReason} error={errors.field.reason} maxLength={200} autoComplete="off" />
    </Panel>
  );
}

// ---- the step list ------------------------------------------------------------------------------

export function NextSteps({ detail, locations, onDone }: { detail: ConfiscationDetail; locations: readonly string[]; onDone: Done }) {
  const [open, setOpen] = useState<Step | null>(null);
  const steps = allowedSteps(detail);
  const blocked = releaseBlocked(detail);
  const current = open && steps.includes(open) ? open : null;

  function close() {
    const was = current;
    setOpen(null);
    if (was) requestAnimationFrame(() => document.getElementById(`conf-step-${was}`)?.focus());
  }
  const done: Done = (d, message) => {
    setOpen(null);
    onDone(d, message);
  };
  const props = { d: detail, onDone: done, onCancel: close };

  return (
    <section className="conf-section" aria-labelledby="conf-next-heading">
      <h2 id="conf-next-heading">Next steps</h2>
      {blocked && <Notice kind="warning">{blocked}</Notice>}
      <ul className="conf-step-buttons">
        {steps.map((s) => (
          <li key={s}>
            <Button kind={s === 'release' ? 'primary' : 'secondary'} id={`conf-step-${s}`} aria-expanded={current === s} onClick={() => (current === s ? close() : setOpen(s))}>
              {stepLabel(s, detail)}
            </Button>
          </li>
        ))}
      </ul>
      {current === 'informed' && <ParentsInformed {...props} />}
      {current === 'not-informed' && <ParentsNotInformed {...props} />}
      {current === 'dsl' && <DslInformed {...props} />}
      {current === 'move' && <Move {...props} locations={locations} />}
      {current === 'exam' && <ExamReport {...props} />}
      {current === 'search' && <Search {...props} />}
      {current === 'ukcis' && <Ukcis {...props} />}
      {current === 'police' && <Police {...props} />}
      {current === 'police-outcome' && <PoliceOutcome {...props} locations={locations} />}
      {current === 'hold' && <Hold {...props} />}
      {current === 'release' && <Release {...props} />}
      {current === 'amend' && <Amend {...props} />}
    </section>
  );
}
