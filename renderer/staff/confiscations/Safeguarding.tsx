/**
 * The safeguarding steps of a confiscation record (issues 7 and 13): a search with consent, which
 * may stop at suspected nude images or illegal content seen (then nothing of what was seen is
 * written down and the UKCIS steps follow); the UKCIS steps; and the DSL's decision (refer to
 * children's social care, the police, both, or handle it in school), with the UKCIS guidance
 * from the shared words shown wherever nude images or illegal content are suspected.
 */
import { useState } from 'react';
import type { SearchOutcome, UkcisDecision } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { Notice, SelectField, TextField } from '../../components/ui';
import { NEVER_RECORD, SEARCH_OUTCOME_WORDS, UKCIS, UKCIS_DECISION_WORDS, UKCIS_NOTICE } from '../../words/confiscations';
import { orNow, Panel, Radios, Tick, useStep, When, type PanelProps } from './parts';
import './confiscations.css';

const SEARCH_FIELDS = ['authorisedBy', 'consentFrom', 'consentContactId', 'consentHow', 'searchedBy', 'present', 'sought', 'found', 'outcome', 'followUp', 'at'] as const;
const SEARCH_CHOICES = ['nothing-of-concern', 'content-deleted', 'suspected-nudes', 'suspected-illegal'] as const satisfies readonly SearchOutcome[];
const STOPS: readonly string[] = ['suspected-nudes', 'suspected-illegal'];

/** The UKCIS guidance, from the shared words: what staff never do, who decides, when the referral is immediate. */
export function UkcisGuidance({ heading = 'Suspected nude or semi-nude images: the UKCIS steps' }: { heading?: string }) {
  return (
    <div className="conf-ukcis-guidance">
      <p className="conf-ukcis-title">
        <strong>{heading}</strong>
      </p>
      <p>
        {UKCIS_NOTICE} <strong>{UKCIS.never}</strong>
      </p>
      <p>{UKCIS.dslDecides}</p>
      <p>{UKCIS.immediateIntro}</p>
      <ul>
        {UKCIS.immediateReasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <p>{UKCIS.recorded}</p>
    </div>
  );
}

export function Search({ d, onDone, onCancel }: PanelProps) {
  const { errors, setErrors, busy, run } = useStep(SEARCH_FIELDS, onDone);
  const [v, setV] = useState({ authorisedBy: '', consentFrom: '', consentContactId: '', consentHow: '', searchedBy: '', present: '', sought: '', found: '', outcome: '', followUp: '', at: '' });
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const parents = d.contacts.filter((c) => !c.noContact);
  const stopped = STOPS.includes(v.outcome);
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
        // a stopped search writes down nothing of what was seen
        found: stopped ? undefined : v.found,
        outcome: v.outcome as SearchOutcome,
        followUp: v.followUp.trim() === '' ? undefined : v.followUp,
        at: orNow(v.at),
      }),
      (next) =>
        stopped
          ? `Recorded: the search stopped, not viewed further. Next: the UKCIS steps${next.can.dsl ? ' and your decision as DSL' : ', and the DSL decides'}.`
          : `Recorded: the search (${SEARCH_OUTCOME_WORDS[v.outcome as SearchOutcome].toLowerCase()}).`,
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
      <Radios
        legend="Outcome"
        hint="Stop the search at once if you see what may be nude or semi-nude images or illegal content: do not look further."
        options={SEARCH_CHOICES.map((o) => ({ value: o, label: SEARCH_OUTCOME_WORDS[o] }))}
        value={v.outcome}
        onValue={set('outcome')}
        error={errors.field.outcome}
      />
      {stopped ? (
        <div className="conf-ukcis" role="note" aria-label="The UKCIS steps">
          <UkcisGuidance heading={v.outcome === 'suspected-nudes' ? 'The search stopped: the UKCIS steps' : 'The search stopped: illegal content is suspected'} />
          <p>Nothing of what was seen is written down here.</p>
        </div>
      ) : (
        <TextField label="What was found" hint="In general words only, or “nothing”." value={v.found} onValue={set('found')} error={errors.field.found} maxLength={200} autoComplete="off" />
      )}
      <TextField label="Follow-up (optional)" value={v.followUp} onValue={set('followUp')} error={errors.field.followUp} maxLength={200} autoComplete="off" />
      <When value={v.at} onValue={set('at')} error={errors.field.at} />
    </Panel>
  );
}

export function UkcisSteps({ d, onDone, onCancel }: PanelProps) {
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
          <strong>{d.record.suspected === 'illegal' ? 'Suspected illegal content.' : 'Suspected nude or semi-nude images.'}</strong> {UKCIS_NOTICE} The device is not searched. {UKCIS.dslDecides}
        </Notice>
      }
      submit="Save the UKCIS steps"
      busy={busy}
      formError={errors.form}
      onSubmit={() =>
        void run(call('recordUkcisSteps', { id: d.record.id, notViewed, turnedOffAndSecured: secured, dslInformed: dsl }), (next) =>
          next.can.dsl ? 'Recorded: the UKCIS steps. Next: record your decision as DSL.' : 'Recorded: the UKCIS steps. Next: the DSL decides whether to refer to children’s social care and/or the police.',
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


const DECISIONS = Object.keys(UKCIS_DECISION_WORDS) as UkcisDecision[];

/** The DSL's decision (UKCIS): who decided and when are recorded with it; handling it in school needs "none of the reasons applies". */
export function UkcisDecisionPanel({ d, onDone, onCancel }: PanelProps) {
  const { errors, setErrors, busy, run } = useStep(['decision', 'noImmediateReferral', 'at'], onDone);
  const [decision, setDecision] = useState('');
  const [none, setNone] = useState(false);
  const [at, setAt] = useState('');
  function submit() {
    if (decision === '') return setErrors({ field: { decision: 'Choose the decision.' }, form: null });
    const chosen = decision as UkcisDecision;
    void run(
      call('recordUkcisDecision', { id: d.record.id, decision: chosen, ...(chosen === 'in-school' ? { noImmediateReferral: none } : {}), at: orNow(at) }),
      () => `Recorded: the DSL decision (${UKCIS_DECISION_WORDS[chosen].toLowerCase()}), with your name and the time.`,
    );
  }
  return (
    <Panel title="The DSL decision (UKCIS)" tone="warning" intro={<UkcisGuidance heading="Before deciding" />} submit="Save the decision" busy={busy} formError={errors.form} onSubmit={submit} onCancel={onCancel}>
      <Radios legend="Decision" options={DECISIONS.map((k) => ({ value: k, label: UKCIS_DECISION_WORDS[k] }))} value={decision} onValue={setDecision} error={errors.field.decision} />
      {decision === 'in-school' && (
        <Tick label="None of the reasons for an immediate referral applies" checked={none} onChecked={setNone} error={errors.field.noImmediateReferral} />
      )}
      <When value={at} onValue={setAt} error={errors.field.at} label="Decided at" />
    </Panel>
  );
}
