/**
 * One visit (Visitors › a name): every detail in words (who, for whom, the status, when and how
 * they signed in and out, the version of the rules they agreed to, the badges issued, the
 * invitation or regular visitor's profile), the same actions as on the "On site now" list, the
 * breaches reported for this visit and "Report a breach" filled in with it.
 */
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { Visit, VisitDetail } from '../../../electron/api/contract';
import { useLoad } from '../../app/api';
import { Button, Loading, Notice } from '../../components/ui';
import { BreachTable, ReportBreach } from './Breaches';
import { useTimeZone } from './context';
import { CheckForm } from './OnSite';
import { MessageBox, VisitActions, WaitingActions, type Message } from './VisitActions';
import { byWords, durationWords, ESCORT_WORDS, momentWords, plural, SIGNED_IN_VIA_WORDS, SIGNED_OUT_VIA_WORDS, STATUS_WORDS } from './words';

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  if (children === '' || children === null || children === undefined || children === false) return null;
  return (
    <div className={wide ? 'vis-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ProfileName({ id }: { id: number }) {
  const profiles = useLoad('listVisitorProfiles', { includeInactive: true });
  if (profiles.error) return <>A regular visitor’s card (the profile could not be read: {profiles.error.message})</>;
  if (!profiles.data) return <>Loading…</>;
  const p = profiles.data.find((x) => x.id === id);
  if (!p) return <>A regular visitor’s card (the profile is no longer on record)</>;
  return (
    <>
      Signed in with their regular visitor’s card: <Link href="/regulars">{p.name}</Link>
      {p.organisation ? `, ${p.organisation}` : ''} ({ESCORT_WORDS[p.escort]})
    </>
  );
}

function signedOutWords(v: Visit, timeZone: string): string {
  if (!v.signedOutAt) return '';
  const via = v.signedOutVia ? ` ${SIGNED_OUT_VIA_WORDS[v.signedOutVia]}` : '';
  const by = v.signedOutVia === 'staff' && v.signedOutBy ? ` (${byWords(v.signedOutBy)})` : '';
  return `${momentWords(v.signedOutAt, timeZone)}${via}${by}`;
}

function badgeWords(d: VisitDetail): string {
  if (d.badgesIssued === 0) return 'None yet';
  if (d.badgesIssued === 1) return d.badgeToken ? '1 badge, in use' : '1 badge';
  const reprinted = d.badgesIssued - 1;
  return `${plural(d.badgesIssued, 'badge')}: ${plural(reprinted, 'reprint')} after a lost badge${d.badgeToken ? '; only the latest works' : ''}`;
}

function Summary({ d, timeZone }: { d: VisitDetail; timeZone: string }) {
  const v = d.visit;
  const open = v.status === 'on-site' || v.status === 'waiting';
  return (
    <dl className="conf-summary vis-summary">
      <Fact label="Status">
        <span className={`vis-status vis-status-${v.status}`}>{STATUS_WORDS[v.status]}</span>
      </Fact>
      <Fact label="Type">{v.typeLabel}</Fact>
      <Fact label="Organisation">{v.organisation}</Fact>
      <Fact label="Visiting">{v.visiting}</Fact>
      <Fact label="Escort">{ESCORT_WORDS[v.escort]}</Fact>
      <Fact label="Car registration">{v.carReg}</Fact>
      <Fact label="Work">{v.work}</Fact>
      <Fact label="Supervised by">{v.supervisor}</Fact>
      <Fact label="Signed in">
        {momentWords(v.signedInAt, timeZone)} {SIGNED_IN_VIA_WORDS[v.signedInVia]}
      </Fact>
      <Fact label="Signed out">{signedOutWords(v, timeZone)}</Fact>
      <Fact label={open ? 'On site for' : 'Length of visit'}>{durationWords(v.signedInAt, v.signedOutAt ? new Date(v.signedOutAt) : new Date())}</Fact>
      <Fact label="Staying past the closing time">{v.stayReason}</Fact>
      <Fact label="Rules agreed">Version {v.textsVersion} of the entrance screen’s texts</Fact>
      <Fact label="Badges issued">{badgeWords(d)}</Fact>
      <Fact label="Invitation">{v.invitationId !== null && 'Came with an invitation code'}</Fact>
      <Fact label="Regular visitor" wide>
        {v.profileId !== null && <ProfileName id={v.profileId} />}
      </Fact>
      <Fact label="Checked by the office" wide>
        {v.checkedAt && `${momentWords(v.checkedAt, timeZone)}${v.checkedBy ? ` by ${byWords(v.checkedBy)}` : ''}: ${v.checkedNote}`}
      </Fact>
    </dl>
  );
}

export function VisitPage({ id }: { id: number }) {
  const timeZone = useTimeZone();
  const detail = useLoad('getVisit', { id }, String(id));
  const [message, setMessage] = useState<Message | null>(null);
  const [reporting, setReporting] = useState(false);

  const done = (m: Message) => {
    setMessage(m);
    detail.reload();
  };

  if (detail.error) {
    return (
      <>
        <h2>Visit not found</h2>
        <Notice kind="error">{detail.error.message}</Notice>
        <p>
          Go back to <Link href="/">who is on site now</Link> or search the <Link href="/history">history</Link>.
        </p>
      </>
    );
  }
  if (!detail.data) return <Loading what="Loading the visit" />;
  const d = detail.data;
  const v = d.visit;

  return (
    <div className="vis-page vis-visit">
      <p className="conf-back">
        <Link href="/">On site now</Link>
      </p>
      <h2 className="vis-visit-name">{v.name}</h2>
      {v.notPermitted && (
        <p className="vis-alert-line">
          This sign-in matched the not-permitted list.{v.status === 'waiting' ? ' Do not let them in without the DSL or Head of School.' : ''}
        </p>
      )}
      {v.sameNameOnSite && <p className="vis-flag vis-flag-warn">Same name as another person on site</p>}
      <MessageBox message={message} />
      <Summary d={d} timeZone={timeZone} />

      {(v.status === 'on-site' || v.status === 'waiting' || (v.status === 'not-signed-out' && !v.checkedAt)) && (
        <section className="vis-section" aria-labelledby="vis-visit-actions">
          <h3 id="vis-visit-actions">What to do</h3>
          {v.status === 'on-site' && <VisitActions visit={v} onDone={done} timeZone={timeZone} />}
          {v.status === 'waiting' && <WaitingActions visit={v} canAdmit={d.can.admit} onDone={done} />}
          {v.status === 'not-signed-out' && !v.checkedAt && <CheckForm visit={v} onDone={done} />}
        </section>
      )}

      <section className="vis-section" aria-labelledby="vis-visit-breaches">
        <div className="vis-tab-head">
          <h3 id="vis-visit-breaches">
            Breaches of the phone rules <span className="heading-count">({d.breaches.length})</span>
          </h3>
          {!reporting && (
            <Button kind="secondary" onClick={() => setReporting(true)}>
              Report a breach
            </Button>
          )}
        </div>
        {reporting && (
          <ReportBreach
            fixedVisit={v}
            onCancel={() => setReporting(false)}
            onDone={(b) => {
              setReporting(false);
              done({
                kind: 'success',
                title: `Breach reported: ${b.person}, ${momentWords(b.occurredAt, timeZone)}.`,
                body: b.dslToldAt ? 'The DSL has been told.' : 'Tell the DSL today, then record it with “DSL told”.',
              });
            }}
          />
        )}
        {d.breaches.length === 0 ? <p className="vis-empty">None reported for this visit.</p> : <BreachTable breaches={d.breaches} onDone={done} showVisit={false} />}
      </section>
    </div>
  );
}
