/**
 * One pupil: their details (Edit, Mark as left / Back on roll), their contacts (with any
 * "must not collect" shown at the top of the page as well as on the contact) and their card
 * (issued date, Print card, Re-issue lost card). A pupil who has left stays readable.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { PupilDetail } from '../../../electron/api/contract';
import { call, useLoad, type ApiError } from '../../app/api';
import { isStaff, useApp } from '../../app/store';
import { Button, Loading, Notice, PageHeader } from '../../components/ui';
import { printLayout } from '../../print/printer';
import { DEFAULT_TIME_ZONE } from '../Today';
import { ConfirmPanel, Contacts } from './Contacts';
import { PupilConfiscations } from './PupilConfiscations';
import { PupilForm } from './PupilForm';
import { PupilPhones } from './PupilPhones';
import { usePupilsUi } from './state';
import { cardsRoute, dayWords, fullName, yearWords } from './words';
import './pupils.css';

type Say = (text: string, ok?: boolean) => void;

function Details({ pupil, timeZone, onSaved }: { pupil: PupilDetail; timeZone: string; onSaved: Say }) {
  const [open, setOpen] = useState<'edit' | 'status' | null>(null);
  const name = fullName(pupil);
  const left = pupil.status === 'left';

  async function setStatus(): Promise<ApiError | null> {
    const r = await call('updatePupil', { id: pupil.id, status: left ? 'on-roll' : 'left' });
    if (!r.ok) return r.error;
    setOpen(null);
    onSaved(left ? `${name} is back on roll.` : `${name} is marked as left. Their record stays here to read.`);
    return null;
  }

  return (
    <section className="pupils-section" aria-labelledby="details-heading">
      <div className="pupils-section-head">
        <h2 id="details-heading">Details</h2>
        <div className="row-actions">
          <Button kind="secondary" id="pupil-edit" aria-expanded={open === 'edit'} onClick={() => setOpen((o) => (o === 'edit' ? null : 'edit'))}>
            Edit details
          </Button>
          <Button kind="secondary" id="pupil-status" aria-expanded={open === 'status'} onClick={() => setOpen((o) => (o === 'status' ? null : 'status'))}>
            {left ? 'Back on roll' : 'Mark as left'}
          </Button>
        </div>
      </div>
      {open === 'edit' && (
        <PupilForm
          pupil={pupil}
          onSaved={(p) => {
            setOpen(null);
            onSaved(`${fullName(p)}’s details are saved.`);
          }}
          onCancel={() => {
            setOpen(null);
            requestAnimationFrame(() => document.getElementById('pupil-edit')?.focus());
          }}
        />
      )}
      {open === 'status' && (
        <div className="row-panel">
          <ConfirmPanel
            question={left ? `Put ${name} back on roll?` : `Mark ${name} as left?`}
            detail={
              left
                ? `${name} will appear in the roll and in searches again.`
                : `${name} will no longer appear in the roll or in searches unless “Include pupils who have left” is ticked. Nothing is deleted: their record and contacts stay here to read.`
            }
            yes={left ? 'Yes, back on roll' : 'Yes, mark as left'}
            no="No, leave as it is"
            danger={!left}
            onYes={setStatus}
            onNo={() => {
              setOpen(null);
              requestAnimationFrame(() => document.getElementById('pupil-status')?.focus());
            }}
          />
        </div>
      )}
      <dl className="pupils-details">
        <div>
          <dt>First name</dt>
          <dd>{pupil.forename}</dd>
        </div>
        <div>
          <dt>Surname</dt>
          <dd>{pupil.surname}</dd>
        </div>
        <div>
          <dt>Year group</dt>
          <dd>{yearWords(pupil.yearGroup)}</dd>
        </div>
        <div>
          <dt>Class</dt>
          <dd>{pupil.regGroup || 'None'}</dd>
        </div>
        <div>
          <dt>UPN</dt>
          <dd className="code">{pupil.upn ?? 'None'}</dd>
        </div>
        <div>
          <dt>Admission number</dt>
          <dd className="code">{pupil.adno ?? 'None'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{left ? (pupil.leftOn ? `Left on ${dayWords(pupil.leftOn, timeZone)}` : 'Left') : 'On roll'}</dd>
        </div>
      </dl>
    </section>
  );
}

function Card({ pupil, timeZone, onChanged }: { pupil: PupilDetail; timeZone: string; onChanged: Say }) {
  const [confirming, setConfirming] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<{ ok: boolean; text: string } | null>(null);
  const name = fullName(pupil);
  const left = pupil.status === 'left';

  async function print() {
    setPrinting(true);
    setPrinted(null);
    const r = await printLayout(cardsRoute({ ids: [pupil.id] }), 'a4');
    setPrinting(false);
    setPrinted(r.printed ? { ok: true, text: `${pupil.forename}’s card was sent to the printer.` } : { ok: false, text: r.message ?? 'The card could not be printed.' });
    // printing issues a card when there is none
    if (r.printed && !pupil.card) onChanged(`${pupil.forename}’s card is issued and was sent to the printer.`);
  }

  async function reissue(): Promise<ApiError | null> {
    const r = await call('issueCard', { pupilId: pupil.id });
    if (!r.ok) return r.error;
    setConfirming(false);
    onChanged(`A new card is issued for ${name}. The old card no longer works: print the new one and give it to ${pupil.forename}.`);
    return null;
  }

  return (
    <section className="pupils-section" aria-labelledby="card-heading">
      <h2 id="card-heading">Pupil card</h2>
      <p>
        {pupil.card ? (
          <>
            Card issued on <strong>{dayWords(pupil.card.issuedAt, timeZone)}</strong>.
          </>
        ) : (
          'No card issued yet.'
        )}
      </p>
      {left ? (
        <p className="pupils-muted">Cards are not printed for pupils who have left.</p>
      ) : (
        <>
          <div className="row-actions">
            <Button onClick={() => void print()} disabled={printing}>
              {printing ? 'Preparing…' : pupil.card ? 'Print card' : 'Issue and print a card'}
            </Button>
            {pupil.card && (
              <Button kind="secondary" id="card-reissue" aria-expanded={confirming} onClick={() => setConfirming((c) => !c)}>
                Re-issue lost card
              </Button>
            )}
          </div>
          {printed && <Notice kind={printed.ok ? 'success' : 'error'}>{printed.text}</Notice>}
          {confirming && (
            <div className="row-panel">
              <ConfirmPanel
                question={`Re-issue ${name}’s card?`}
                detail="The old card stops working straight away: if it turns up, it will not scan. Print the new card afterwards."
                yes="Yes, re-issue the card"
                no="No, keep the card"
                onYes={reissue}
                onNo={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => document.getElementById('card-reissue')?.focus());
                }}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

export function PupilPage({ id }: { id: number }) {
  const session = useApp((s) => s.session);
  const dsl = isStaff(session) && session.dsl;
  const [tick, setTick] = useState(0);
  const pupil = useLoad('getPupil', { id }, `${id}-${tick}`);
  const settings = useLoad('getSettings');
  const timeZone = settings.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const takeFlash = usePupilsUi((s) => s.takeFlash);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  // A message left by the page before (after adding this pupil, say).
  useEffect(() => {
    const flash = takeFlash();
    if (flash) setMessage({ text: flash, ok: true });
  }, [takeFlash]);

  function say(text: string, ok = true) {
    setMessage({ text, ok });
    setTick((t) => t + 1);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  const back = (
    <p className="pupils-back">
      <Link href="~/staff/pupils">Back to pupils</Link>
    </p>
  );
  // while it reloads after a change the page stays as it was (useLoad keeps the last answer)
  const p = pupil.data?.id === id ? pupil.data : null;
  if (!p) {
    return (
      <>
        {back}
        <PageHeader title="Pupil" />
        {pupil.error ? <Notice kind="error">{pupil.error.message}</Notice> : <Loading what="Loading the pupil" />}
      </>
    );
  }
  const name = fullName(p);
  const flagged = p.contacts.filter((c) => c.noContact);
  const left = p.status === 'left';
  return (
    <div className="pupils-page">
      {back}
      <header className="page-header pupil-header">
        <div>
          <h1>{name}</h1>
          <p className="pupil-sub">
            {yearWords(p.yearGroup)}
            {p.regGroup ? `, class ${p.regGroup}` : ''}
            {left && <span className="pupil-tag">Left</span>}
          </p>
        </div>
      </header>
      <div ref={messageRef} tabIndex={-1} className="con-message">
        {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      </div>
      {pupil.error && <Notice kind="error">{pupil.error.message}</Notice>}
      {left && (
        <Notice kind="info">
          <p className="notice-title">{p.leftOn ? `Left on ${dayWords(p.leftOn, timeZone)}.` : 'This pupil has left.'}</p>
          <p>Their record and contacts stay here to read.</p>
        </Notice>
      )}
      {flagged.length > 0 && (
        <div className="pupils-flag-summary" role="note" aria-label="Must not collect">
          <p className="notice-title">Must not collect / no contact:</p>
          <ul>
            {flagged.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong>
                {c.relationship ? ` (${c.relationship})` : ''}
              </li>
            ))}
          </ul>
          <p>Do not hand {p.forename} over to {flagged.length === 1 ? 'this person' : 'these people'} or share information with them.</p>
        </div>
      )}
      <Details pupil={p} timeZone={timeZone} onSaved={say} />
      <Contacts pupilId={p.id} pupilName={name} contacts={p.contacts} dsl={dsl} readOnly={false} onChanged={say} />
      <Card pupil={p} timeZone={timeZone} onChanged={say} />
      <PupilPhones pupil={p} timeZone={timeZone} />
      <PupilConfiscations pupil={p} />
    </div>
  );
}
