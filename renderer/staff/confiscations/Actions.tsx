/**
 * A confiscation record's next steps (issue 7): one button for each step this member of staff may
 * take now (from detail.can, the status and the hold), each opening an inline panel below (never a
 * modal). Every panel keeps what was typed when the API says no, shows the message next to the
 * field it names, and after success hands the record as it now stands back to the page.
 */
import { useState, type ReactNode } from 'react';
import type { ConfiscationDetail, InformedHow } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { Button, Notice, SelectField, TextField } from '../../components/ui';
import { INFORMED_HOW_WORDS } from '../../words/confiscations';
import { localToday, orNow, Panel, Radios, Tick, useStep, When, type Done, type PanelProps } from './parts';
import { Release } from './Release';
import { Search, UkcisDecisionPanel, UkcisSteps } from './Safeguarding';

export type { Done };

export type Step =
  | 'informed'
  | 'not-informed'
  | 'dsl'
  | 'move'
  | 'exam'
  | 'search'
  | 'ukcis'
  | 'ukcis-decision'
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
  // the API's can.release is the db's own release rule for this session: never offered, then refused after the signature
  if (d.can.release) steps.push('release');
  if (!released && r.parentsInformed === 'not-yet') steps.push('informed');
  if (!released && r.parentsInformed === 'not-yet' && d.can.dsl) steps.push('not-informed');
  if (!released && !r.dslInformed) steps.push('dsl');
  if (held) steps.push('move');
  if (r.ground === 'exam' && !has('exam-reported')) steps.push('exam');
  // once nude images or illegal content are suspected (the ground, or a search that stopped) there is no further search: the UKCIS steps and the DSL's decision instead
  if (held && d.can.search && r.suspected === null) steps.push('search');
  if (held && d.can.search && r.suspected !== null && !has('ukcis-steps')) steps.push('ukcis');
  if (d.can.dsl && r.suspected !== null) steps.push('ukcis-decision');
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
    case 'ukcis-decision':
      return d.events.some((e) => e.kind === 'ukcis-decision') ? 'Record a new DSL decision (UKCIS)' : 'Record the DSL decision (UKCIS)';
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
  // any other refusal for this session (a DSL-only release), in the db's own words; released needs no warning
  if (!d.can.release && d.why.release && r.status === 'held') return <strong>{d.why.release}</strong>;
  return null;
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
      {current === 'ukcis' && <UkcisSteps {...props} />}
      {current === 'ukcis-decision' && <UkcisDecisionPanel {...props} />}
      {current === 'police' && <Police {...props} />}
      {current === 'police-outcome' && <PoliceOutcome {...props} locations={locations} />}
      {current === 'hold' && <Hold {...props} />}
      {current === 'release' && <Release {...props} />}
      {current === 'amend' && <Amend {...props} />}
    </section>
  );
}
