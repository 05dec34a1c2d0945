/**
 * One confiscation record (issue 7): what was taken from whom, why, where it is now and for how
 * long; the whole chain of custody in order, in words (who did what, when, on whose authority,
 * with the collector's signature on a release); and the next steps this member of staff may take.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { ConfiscationDetail, CustodyEvent, IdentityCheck, InformedHow, SearchOutcome, ShownEvent, UkcisDecision } from '../../../electron/api/contract';
import { useLoad } from '../../app/api';
import { Button, Loading, Notice, PageHeader } from '../../components/ui';
import { printLayout } from '../../print/printer';
import { AMEND_FIELD_WORDS, NextSteps } from './Actions';
import {
  DEVICE_TYPE_WORDS,
  IDENTITY_WORDS,
  INFORMED_HOW_WORDS,
  PARENTS_INFORMED_WORDS,
  POWER_WORDS,
  SEARCH_OUTCOME_WORDS,
  UKCIS_DECISION_WORDS,
  dateWords,
  daysHeldWords,
  daysWords,
  fullName,
  groundWords,
  statusWords,
  whenWords,
} from '../../words/confiscations';
import { useLiveRecord } from './live';
import { UkcisGuidance } from './Safeguarding';
import './record.css';

// ---- the chain of custody -----------------------------------------------------------------------

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function Signature({ eventId, name }: { eventId: number; name: string }) {
  const sig = useLoad('getReleaseSignature', { eventId }, String(eventId));
  if (sig.error) return <p className="conf-muted">The signature could not be shown: {sig.error.message}</p>;
  if (!sig.data) return <p className="conf-muted">Loading the signature…</p>;
  return <img className="conf-signature-image" src={sig.data.dataUrl} alt={`Signature of ${name}`} />;
}

/** One line of detail under an event: "Label: value" (nothing when there is no value). */
function Line({ label, value }: { label: string; value: ReactNode }) {
  if (value === '' || value === null || value === undefined) return null;
  return (
    <li>
      <span className="conf-line-label">{label}:</span> {value}
    </li>
  );
}

/** What happened, in words: a title and its detail lines. */
export function eventWords(e: CustodyEvent): { title: ReactNode; lines: ReactNode; override?: string } {
  const x = e.details;
  switch (e.kind) {
    case 'recorded':
      return {
        title: 'Recorded',
        lines: (
          <>
            <Line label="Confiscated by" value={str(x.confiscatedBy)} />
            <Line label="Witness" value={str(x.witness)} />
            <Line label="Held at" value={str(x.location)} />
          </>
        ),
      };
    case 'moved':
      return { title: `Moved from ${str(x.from)} to ${str(x.to)}`, lines: <Line label="Note" value={str(x.note)} /> };
    case 'parents-informed': {
      const how = INFORMED_HOW_WORDS[x.how as InformedHow]?.toLowerCase() ?? str(x.how);
      return { title: `Parents/carers informed (${how}) by ${str(x.informedBy)}`, lines: null };
    }
    case 'parents-not-informed':
      // the reason is a DSL's only (the API leaves it out for anyone else); the decision and who made it show to all
      return { title: `Parents/carers not informed: a DSL decision by ${str(x.decidedBy)}`, lines: <Line label="Reason" value={str(x.reason)} /> };
    case 'dsl-informed':
      return { title: str(x.reference) ? `DSL informed (ref ${str(x.reference)})` : 'DSL informed', lines: null };
    case 'exam-reported':
      return { title: `Reported to the examining body: ${str(x.examBody)}`, lines: <Line label="Date reported" value={str(x.reportedOn) ? dateWords(str(x.reportedOn)) : ''} /> };
    case 'searched':
      return {
        title: 'Searched',
        lines: (
          <>
            <Line label="Authorised by" value={str(x.authorisedBy)} />
            <Line label="Consent of" value={x.consentFrom === 'parent' ? `${str(x.consentName)} (parent/carer)` : 'the learner'} />
            <Line label="How consent was informed" value={str(x.consentHow)} />
            <Line label="Searched by" value={str(x.searchedBy)} />
            <Line label="Also present" value={str(x.present)} />
            <Line label="Looked for, and why" value={str(x.sought)} />
            <Line label="Found" value={str(x.found)} />
            <Line label="Outcome" value={SEARCH_OUTCOME_WORDS[x.outcome as SearchOutcome] ?? str(x.outcome)} />
            <Line label="Follow-up" value={str(x.followUp)} />
          </>
        ),
      };
    case 'ukcis-steps':
      return { title: x.notViewed === true ? 'UKCIS steps taken: not viewed; turned off and secured; DSL informed' : 'UKCIS steps taken', lines: null };
    case 'police-handover':
      return {
        title: 'Handed to the police',
        lines: (
          <>
            <Line label="Officer" value={str(x.officer)} />
            <Line label="Shoulder number" value={str(x.shoulderNumber)} />
            <Line label="Crime reference" value={str(x.crimeReference)} />
            <Line label="Evidence bag seal number" value={str(x.sealNumber)} />
            {typeof x.receiptReceived === 'boolean' && <Line label="Receipt" value={x.receiptReceived ? 'Received' : 'Not received'} />}
          </>
        ),
      };
    case 'police-returned':
      return { title: str(x.returnedBy) ? `Returned by the police (${str(x.returnedBy)})` : 'Returned by the police', lines: <Line label="Now held at" value={str(x.to)} /> };
    case 'police-retained':
      return { title: 'Retained by the police', lines: null };
    case 'hold':
      return { title: 'Hold: release only with DSL agreement', lines: <Line label="Reason" value={str(x.reason)} /> };
    case 'hold-lifted':
      return { title: 'Hold lifted', lines: <Line label="Reason" value={str(x.reason)} /> };
    case 'released': {
      const rel = str(x.relationship);
      return {
        title: `Released to ${str(x.name)}${rel ? ` (${rel})` : ''}`,
        lines: <Line label="Identity checked" value={IDENTITY_WORDS[x.identity as IdentityCheck] ?? str(x.identity)} />,
        ...(x.override === true ? { override: str(x.reason) } : {}),
      };
    }
    case 'slip-printed':
      return { title: x.reprint === true ? 'Release slip reprinted (by a DSL)' : 'Release slip printed', lines: null };
    case 'ukcis-decision': {
      // for anyone but a DSL the decision itself is withheld by the API: that a decision exists, who made it and when still show
      const decision = UKCIS_DECISION_WORDS[x.decision as UkcisDecision];
      return {
        title: decision ? `DSL decision (UKCIS): ${decision}` : 'DSL decision (UKCIS) recorded',
        lines: x.noImmediateReferral === true ? <Line label="Immediate referral" value="None of the reasons for an immediate referral applies (confirmed by the DSL)" /> : null,
      };
    }
    case 'amended': {
      const field = AMEND_FIELD_WORDS[x.field as keyof typeof AMEND_FIELD_WORDS] ?? str(x.field);
      const from = str(x.from);
      const to = str(x.to);
      return {
        title: `Amended: ${field.toLowerCase()} from “${from || 'nothing'}” to “${to || 'nothing'}”`,
        lines: <Line label="Reason" value={str(x.reason)} />,
      };
    }
  }
}

function Chain({ events }: { events: ShownEvent[] }) {
  return (
    <section className="conf-section" aria-labelledby="conf-chain-heading">
      <h2 id="conf-chain-heading">Chain of custody</h2>
      <ol className="conf-chain" aria-labelledby="conf-chain-heading">
        {events.map((e) => {
          const w = eventWords(e);
          const late = Math.abs(new Date(e.recordedAt).getTime() - new Date(e.at).getTime()) > 60_000;
          return (
            <li key={e.id} className={`conf-event conf-event-${e.kind}`}>
              <p className="conf-event-when">
                <time dateTime={e.at}>{whenWords(e.at)}</time>
                {late && <span className="conf-event-late"> (recorded at {whenWords(e.recordedAt)})</span>}
              </p>
              <p className="conf-event-title">{w.title}</p>
              {w.override !== undefined && (
                <p className="conf-override-flag">
                  <strong>Override:</strong> {w.override || 'no reason given'}
                </p>
              )}
              {w.lines && <ul className="conf-event-lines">{w.lines}</ul>}
              {e.withheld && <p className="conf-event-withheld">The details are for DSLs only.</p>}
              {e.kind === 'released' && e.hasSignature && <Signature eventId={e.id} name={str(e.details.name)} />}
              <p className="conf-event-by">By {e.by}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

// ---- the summary --------------------------------------------------------------------------------

/** Whether a release slip was given, and why not when none may be (the API's reason, the db's words). */
function slipWords(d: ConfiscationDetail): string {
  if (d.can.slip === 'print') return 'Not printed';
  if (d.can.slip === 'reprint') return 'Printed (a DSL can print it again)';
  return `${d.record.slipPrinted ? 'Printed. ' : ''}${d.why.slip ?? ''}`.trim();
}

function Summary({ d, warnDays }: { d: ConfiscationDetail; warnDays: number | undefined }) {
  const r = d.record;
  const name = fullName(r);
  const held = r.status === 'held';
  return (
    <section className="conf-section" aria-labelledby="conf-summary-heading">
      <h2 id="conf-summary-heading">
        The device
      </h2>
      <dl className="conf-summary">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`conf-status conf-status-${r.status}`}>{statusWords(r.status)}</span>
            {r.onHold && <span className="conf-status conf-status-hold">On hold</span>}
          </dd>
        </div>
        <div>
          <dt>{held ? 'Days held' : 'Held for'}</dt>
          <dd className={r.overdue ? 'conf-overdue' : undefined}>
            {held ? daysHeldWords(r.daysHeld, r.overdue, warnDays) : daysWords(r.daysHeld)}
          </dd>
        </div>
        <div>
          <dt>Where it is now</dt>
          <dd>{r.location}</dd>
        </div>
        <div>
          <dt>Pupil</dt>
          <dd>
            <Link href={`~/staff/pupils/${r.pupilId}`}>{name}</Link>
            {r.regGroup ? `, class ${r.regGroup}` : ''}
          </dd>
        </div>
        <div>
          <dt>Device</dt>
          <dd>{DEVICE_TYPE_WORDS[r.deviceType]}</dd>
        </div>
        <div>
          <dt>Description</dt>
          <dd>{r.description}</dd>
        </div>
        <div>
          <dt>Condition</dt>
          <dd>{r.condition || 'Not recorded'}</dd>
        </div>
        <div>
          <dt>On or off when taken</dt>
          <dd>{POWER_WORDS[r.power]}</dd>
        </div>
        <div className="conf-wide">
          <dt>Ground</dt>
          <dd>{groundWords(r.ground, r.groundDetail)}</dd>
        </div>
        <div>
          <dt>Confiscated</dt>
          <dd>{whenWords(r.confiscatedAt)}</dd>
        </div>
        <div>
          <dt>Confiscated by</dt>
          <dd>{r.confiscatedBy}</dd>
        </div>
        <div>
          <dt>Recorded by</dt>
          <dd>{r.recordedBy}</dd>
        </div>
        <div>
          <dt>Witness</dt>
          <dd>{r.witness || 'None'}</dd>
        </div>
        <div>
          <dt>Parents/carers informed</dt>
          <dd>{PARENTS_INFORMED_WORDS[r.parentsInformed]}</dd>
        </div>
        <div>
          <dt>DSL informed</dt>
          <dd>{r.dslInformed ? 'Yes' : 'Not yet'}</dd>
        </div>
        <div className="conf-wide">
          <dt>Release slip</dt>
          <dd>{slipWords(d)}</dd>
        </div>
      </dl>
    </section>
  );
}

// ---- the page -----------------------------------------------------------------------------------

export function ConfiscationPage({ id }: { id: number }) {
  const loaded = useLiveRecord(id);
  const settings = useLoad('getSettings');
  const [message, setMessage] = useState<string | null>(null);
  const [printed, setPrinted] = useState<{ ok: boolean; text: string } | null>(null);
  const [printing, setPrinting] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const d = loaded.detail;
  const elsewhere = loaded.changedElsewhere;
  // a change made at another desk (a hold, the police) is said out loud, not only redrawn
  useEffect(() => {
    if (elsewhere) setMessage('This record was just changed at another desk: it now shows the latest.');
  }, [elsewhere, d]);

  const back = (
    <p className="conf-back">
      <Link href="~/staff/confiscations">Back to the register</Link>
    </p>
  );
  if (!d) {
    return (
      <>
        {back}
        <PageHeader title="Confiscation record" />
        {loaded.error ? <Notice kind="error">{loaded.error.message}</Notice> : <Loading what="Loading the record" />}
      </>
    );
  }

  const r = d.record;
  async function print() {
    setPrinting(true);
    setPrinted(null);
    const result = await printLayout(`/print/confiscation-slip?id=${id}`, 'a4');
    setPrinting(false);
    setPrinted(result.printed ? { ok: true, text: 'The release slip was sent to the printer.' } : { ok: false, text: result.message ?? 'The release slip could not be printed.' });
    void loaded.refresh(); // the slip is now on the chain of custody, and a second one is a DSL's
  }

  return (
    <div className="conf-record">
      {back}
      <PageHeader title={`${DEVICE_TYPE_WORDS[r.deviceType]} from ${fullName(r)}`}>
        {d.can.slip && (
          <Button kind="secondary" onClick={() => void print()} disabled={printing}>
            {printing ? 'Preparing…' : d.can.slip === 'reprint' ? 'Reprint the release slip' : 'Print the release slip'}
          </Button>
        )}
      </PageHeader>
      <p className="conf-lead">
        {statusWords(r.status)}
        {r.status === 'held' ? ` in ${r.location}` : ''}
        {r.status === 'released' && r.releasedAt ? ` on ${whenWords(r.releasedAt)}` : ''}
        {r.releaseOverride ? ', by override' : ''}.
      </p>
      {printed && <Notice kind={printed.ok ? 'success' : 'error'}>{printed.text}</Notice>}
      <div ref={messageRef} tabIndex={-1} className="conf-message" aria-live="polite" aria-atomic="true">
        {message && <p className="conf-message-text">{message}</p>}
      </div>
      {r.onHold && (
        <div className="conf-hold" role="note" aria-label="On hold">
          <p>
            <strong>On hold: release only with DSL agreement.</strong>
          </p>
        </div>
      )}
      {r.suspected !== null && (
        <section className="conf-ukcis" aria-label="The UKCIS steps">
          <UkcisGuidance heading={r.suspected === 'nudes' ? 'Suspected nude or semi-nude images: the UKCIS steps' : 'Suspected illegal content: the UKCIS steps'} />
          {!d.can.search && r.status === 'held' && <p>A member of the leadership team or a DSL records the UKCIS steps; the DSL records the decision.</p>}
        </section>
      )}
      <Summary d={d} warnDays={settings.data?.confiscationWarnDays} />
      <NextSteps
        detail={d}
        locations={settings.data?.confiscationLocations ?? []}
        onDone={(next, said) => {
          loaded.replace(next);
          setMessage(said);
          requestAnimationFrame(() => messageRef.current?.focus());
        }}
      />
      <Chain events={d.events} />
    </div>
  );
}
