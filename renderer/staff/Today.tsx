/**
 * Today: the school day in words, the open alerts (each with "Dealt with"), the phones (held now,
 * slots free, checked in today, anything not collected from an earlier day, overdue arrangement
 * reviews: every number opens its list), the visitors (on site now, waiting at reception, expected
 * today, not signed out to check, a fire roll call under way) and the confiscated devices held.
 *
 * Also the console's shared words for dates, times and roles.
 */
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import type { SchoolDay, SessionInfo, TodaySummary } from '../../electron/api/contract';
import { call, useLoad } from '../app/api';
import { isStaff, useApp } from '../app/store';
import { Button, Loading, Notice, PageHeader } from '../components/ui';
import { alertsChanged, useAlertsChanged } from './alerts/events';
import { RecordsChangedAck } from './alerts/RecordsChangedAck';
import { recordsChangedText } from '../words/records';
import { DiskSpaceWarning } from './DiskSpaceWarning';
import { daysHeldWords, DEVICE_TYPE_WORDS, fullName } from '../words/confiscations';
import './staff.css';
import './today-phones.css';
import './confiscations/confiscations.css';
import './today-visitors.css';

// ---- words ------------------------------------------------------------------------------------

type OpenAlert = TodaySummary['alerts'][number];
type Phones = TodaySummary['phones'];
type NotCollectedItem = Phones['notCollected'][number];
export type Role = Extract<SessionInfo, { kind: 'staff' }>['role'];

export const DEFAULT_TIME_ZONE = 'Europe/London';

export const ROLE_NAMES: Record<Role, string> = {
  office: 'Office',
  leadership: 'Leadership',
  admin: 'Administrator',
};

function parts(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** '2026-11-27' → 'Friday 27 November 2026'. */
export function dateInWords(isoDate: string, { weekday = true }: { weekday?: boolean } = {}): string {
  const p = parts(new Date(`${isoDate}T12:00:00Z`), 'UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return [weekday ? p.weekday : null, p.day, p.month, p.year].filter(Boolean).join(' ');
}

/** The calendar date of a moment in the school's time zone, 'YYYY-MM-DD'. */
export function schoolDate(moment: Date, timeZone: string): string {
  const p = parts(moment, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A moment in words, from the school's point of view: 'today at 08:42', 'yesterday at 16:10', 'on Thursday 19 November 2026 at 16:10'. */
export function whenInWords(iso: string, timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return 'at an unknown time';
  const t = parts(moment, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const time = `${t.hour}:${t.minute}`;
  const day = schoolDate(moment, timeZone);
  const today = schoolDate(now, timeZone);
  if (day === today) return `today at ${time}`;
  if (day === dayBefore(today)) return `yesterday at ${time}`;
  return `on ${dateInWords(day)} at ${time}`;
}

// ---- the page ---------------------------------------------------------------------------------

const KIND_WORDS: Record<NotCollectedItem['kind'], string> = { phone: 'Phone', smartwatch: 'Smartwatch', tablet: 'Tablet', other: 'Other' };

/** Since when an item has been held: 'since Thursday 26 November' (with the year when it is not this year's). */
export function sinceWords(day: string, today: string): string {
  const words = dateInWords(day);
  return `since ${day.slice(0, 4) === today.slice(0, 4) ? words.replace(/ \d{4}$/, '') : words}`;
}

function PhoneCounter({
  title,
  count,
  about,
  href,
  warn = false,
  className = '',
}: {
  title: string;
  count: number;
  about: string;
  href: string;
  warn?: boolean;
  className?: string;
}) {
  return (
    <li className={className || undefined}>
      <Link href={href} className={`counter-card phone-counter ${warn ? 'phone-counter-warn' : ''}`.trim()}>
        <span className="counter-title">{title}</span> <span className="counter-number">{count}</span> <span className="counter-about">{about}</span>
      </Link>
    </li>
  );
}

function NotCollected({ items, today }: { items: NotCollectedItem[]; today: string }) {
  if (items.length === 0) {
    return <p className="phones-nc-none">Not collected: none. Everything handed in on an earlier day has gone home.</p>;
  }
  return (
    <section className="phones-nc" aria-labelledby="not-collected-heading">
      <h3 id="not-collected-heading">
        Not collected: {items.length} {items.length === 1 ? 'item' : 'items'} still in the office from an earlier day
      </h3>
      <p>Hand {items.length === 1 ? 'it' : 'them'} back at Home time, or ring home.</p>
      <ul className="phones-nc-list">
        {items.map((i) => (
          <li key={i.itemId}>
            <Link href="/phones/home-time" className="phones-nc-item">
              <span className="phones-nc-who">
                {i.forename} {i.surname}
                {i.regGroup ? `, ${i.regGroup}` : ''}
              </span>{' '}
              <span className="phones-nc-what">
                {KIND_WORDS[i.kind]}
                {i.slot !== null ? `, slot ${i.slot}` : ', held without permission'}
                {i.parentOnly ? ', parent/carer only' : ''}
              </span>{' '}
              <span className="phones-nc-since">{sinceWords(i.day, today)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PhonesPanel({ phones, today, slotCount }: { phones: Phones; today: string; slotCount: number | null }) {
  return (
    <section aria-labelledby="phones-heading" className="today-phones">
      <h2 id="phones-heading">Phones</h2>
      <NotCollected items={phones.notCollected} today={today} />
      <ul className="counter-grid phone-counters">
        <PhoneCounter title="Phones held now" count={phones.heldNow} about="Items in the office, for home time." href="/phones/home-time" />
        <PhoneCounter title="Slots free" count={phones.slotsFree} about={slotCount !== null ? `Of ${slotCount} numbered slots.` : 'Numbered slots not in use today.'} href="/phones" />
        <PhoneCounter title="Checked in today" count={phones.checkedInToday} about="Pupils who handed in a phone this morning." href="/phones" />
        {phones.reviewsOverdue > 0 && (
          <PhoneCounter
            title="Arrangement reviews overdue"
            count={phones.reviewsOverdue}
            about="Exceptional arrangements whose review date has passed."
            href="/phones/register"
            warn
          />
        )}
      </ul>
    </section>
  );
}

type Visitors = TodaySummary['visitors'];

/** The visitors: every number opens its list; someone waiting, a visit to check or a roll call under way stands out. */
function VisitorsPanel({ visitors }: { visitors: Visitors }) {
  const { onSite, waiting, expectedToday, notSignedOut, rollCallId } = visitors;
  return (
    <section aria-labelledby="visitors-heading" className="today-phones today-visitors">
      <h2 id="visitors-heading">Visitors</h2>
      {rollCallId !== null && (
        <Link href={`/fire/${rollCallId}`} className="today-rollcall">
          <span className="today-rollcall-title">A fire roll call is under way</span>{' '}
          <span className="today-rollcall-about">Open the roll call to tick each person as accounted for, and end it when everyone is safe.</span>
        </Link>
      )}
      <ul className="counter-grid phone-counters">
        {waiting > 0 && (
          <PhoneCounter
            title="Waiting at reception"
            count={waiting}
            about={`${waiting === 1 ? 'Someone was' : `${waiting} people were`} asked by the kiosk to wait for a member of staff. See them now.`}
            href="/visitors"
            warn
            className="today-waiting"
          />
        )}
        <PhoneCounter title="On site now" count={onSite} about={onSite === 0 ? 'Nobody is signed in as a visitor.' : 'Signed in as visitors, contractors and supply staff.'} href="/visitors" />
        {waiting === 0 && <PhoneCounter title="Waiting at reception" count={0} about="Nobody is waiting for a member of staff." href="/visitors" />}
        <PhoneCounter title="Expected today" count={expectedToday} about="Invited visitors not yet arrived." href="/visitors/expected" />
        <PhoneCounter
          title="Not signed out"
          count={notSignedOut}
          about={notSignedOut === 0 ? 'No visit to check.' : 'Closed at the closing time without signing out: check each one.'}
          href="/visitors"
          warn={notSignedOut > 0}
        />
      </ul>
    </section>
  );
}

type Confiscations = TodaySummary['confiscations'];

/** The devices held in school: the count (opening the register) and the oldest, with days held and any warning in words. */
function ConfiscationsCounter({ confiscations, warnDays }: { confiscations: Confiscations; warnDays: number | undefined }) {
  const { held, oldest } = confiscations;
  const overdue = oldest.filter((r) => r.overdue).length;
  const shown = oldest.slice(0, 3);
  return (
    <li>
      <div className={`counter-card conf-counter ${overdue > 0 ? 'phone-counter-warn' : ''}`.trim()}>
        <Link href="/confiscations" className="conf-counter-link">
          <span className="counter-title">Confiscated devices held</span> <span className="counter-number">{held}</span>{' '}
          <span className="counter-about">
            {held === 0 ? 'None held in school now.' : overdue > 0 ? `${overdue} held longer than ${warnDays ?? 'the'} days in Settings.` : 'Held in school now.'}
          </span>
        </Link>
        {shown.length > 0 && (
          <ul className="conf-today-list" aria-label="Held longest">
            {shown.map((r) => (
              <li key={r.id}>
                <Link href={`/confiscations/${r.id}`}>
                  {fullName(r)}
                  {r.regGroup ? `, ${r.regGroup}` : ''}: {DEVICE_TYPE_WORDS[r.deviceType]}
                </Link>{' '}
                {r.overdue ? <span className="conf-flag-warn">{daysHeldWords(r.daysHeld, true, warnDays)}</span> : <span>held {daysHeldWords(r.daysHeld, false)}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

function DayLine({ day }: { day: SchoolDay }) {
  if (day.isSchoolDay) return <p className="today-day">A school day.</p>;
  const why = day.closure ? `The school is closed: ${day.closure.label}.` : 'Not a school day.';
  return (
    <p className="today-day">
      {why}
      {day.nextSchoolDay && ` The next school day is ${dateInWords(day.nextSchoolDay)}.`}
    </p>
  );
}

function alertInWords(alert: OpenAlert, names: Map<string, string>, timeZone: string, lastGoodCheckAt: string | null): string {
  switch (alert.kind) {
    case 'records-changed':
      return recordsChangedText(alert.createdAt, lastGoodCheckAt, timeZone);
    case 'pin-failures': {
      if (alert.entity === 'screen') return 'Five or more wrong PINs were typed on one screen within ten minutes: someone may be guessing.';
      const name = alert.entity === 'staff' && alert.entityId ? names.get(alert.entityId) : undefined;
      return name ? `Several wrong PINs were typed for a staff account: ${name}.` : 'Several wrong PINs were typed for a staff account.';
    }
    case 'visitor-see-office':
      return 'Someone at the entrance screen is asking for the office (dropping off or collecting).';
    case 'visitor-not-permitted':
      return 'Someone is waiting at reception for a member of staff.';
    default:
      return 'Something needs the office’s attention.';
  }
}

function AlertItem({
  alert,
  names,
  timeZone,
  admin,
  mayDealWithPins,
  lastGoodCheckAt,
  onResolved,
}: {
  alert: OpenAlert;
  names: Map<string, string>;
  timeZone: string;
  admin: boolean;
  /** An administrator or DSL: deals with wrong-PIN alerts and acknowledges a 'records-changed' one. */
  mayDealWithPins: boolean;
  lastGoodCheckAt: string | null;
  onResolved: (message: string, ok: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  async function resolve() {
    setBusy(true);
    const r = await call('resolveAlert', { id: alert.id });
    setBusy(false);
    if (r.ok) onResolved('The alert is marked as dealt with.', true);
    else onResolved(r.error.message, false);
  }
  const text = alertInWords(alert, names, timeZone, lastGoodCheckAt);
  return (
    <li className="alert-item">
      <div className="alert-text">
        <p className="alert-what">{text}</p>
        <p className="alert-when">Raised {whenInWords(alert.createdAt, timeZone)}.</p>
        {alert.kind === 'pin-failures' && alert.entity === 'screen' && (
          <p className="alert-help">
            That screen now waits between tries. An administrator or DSL can end the wait with “End the wait” in the banner above (administrators also in Settings › Security); the school’s recovery code ends it at the screen.
          </p>
        )}
        {alert.kind === 'pin-failures' && alert.entity !== 'screen' && (
          <p className="alert-help">
            If it was not them, someone may be trying to guess the PIN.{' '}
            {admin ? (
              <>
                Give them a new PIN in <Link href="/settings/staff">Settings › Staff accounts</Link>.
              </>
            ) : (
              'An administrator can give them a new PIN.'
            )}
          </p>
        )}
        {alert.kind === 'visitor-not-permitted' && (
          <p className="alert-help">
            The kiosk did not say why.{' '}
            <Link href={alert.entity === 'visit' && alert.entityId && /^\d+$/.test(alert.entityId) ? `/visitors/visit/${alert.entityId}` : '/visitors'}>See who is waiting</Link>.
          </p>
        )}
      </div>
      {/* a wrong-PIN alert is dealt with by an administrator or DSL only (db/alerts.ts) */}
      {alert.kind === 'records-changed' &&
        (mayDealWithPins ? <RecordsChangedAck alertId={alert.id} onDone={onResolved} /> : <p className="alert-help">Only a DSL or an administrator can acknowledge this.</p>)}
      {alert.kind !== 'records-changed' && (alert.kind !== 'pin-failures' || mayDealWithPins) && (
        <Button kind="secondary" onClick={() => void resolve()} disabled={busy} aria-label={`Dealt with: ${text}`}>
          Dealt with
        </Button>
      )}
    </li>
  );
}

export function Today() {
  const session = useApp((s) => s.session);
  const admin = isStaff(session) && session.role === 'admin';
  const today = useLoad('getToday');
  const settings = useLoad('getSettings');
  const unlockNames = useLoad('listUnlockNames');
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const timeZone = settings.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const names = new Map((unlockNames.data ?? []).map((n) => [String(n.id), n.name]));

  const alerts = today.data?.alerts ?? [];
  const alertSection = (
    <section aria-labelledby="alerts-heading" className="alerts">
      <h2 id="alerts-heading">Alerts</h2>
      <div ref={messageRef} tabIndex={-1} className="con-message">
        {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      </div>
      {alerts.length === 0 ? (
        <p className="con-muted">No open alerts. Anything that needs the office’s attention will show here.</p>
      ) : (
        <ul className="alert-list">
          {alerts.map((a) => (
            <AlertItem key={a.id} alert={a} names={names} timeZone={timeZone} admin={admin} mayDealWithPins={admin || (isStaff(session) && session.dsl)} lastGoodCheckAt={today.data?.lastGoodCheckAt ?? null} onResolved={onResolved} />
          ))}
        </ul>
      )}
    </section>
  );

  function onResolved(text: string, ok: boolean) {
    setMessage({ text, ok });
    today.reload();
    if (ok) alertsChanged('today');
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  // an alert dealt with in the banner goes from this list too
  useAlertsChanged('today', today.reload);

  return (
    <>
      <PageHeader title="Today" />
      {today.error && <Notice kind="error">{today.error.message}</Notice>}
      {!today.data && !today.error && <Loading />}
      {today.data && (
        <>
          <section className="today-date-block" aria-label="The school day">
            <p className="today-date">{dateInWords(today.data.day.date)}</p>
            <DayLine day={today.data.day} />
          </section>
          {today.data.lowDiskSpace && <DiskSpaceWarning space={today.data.lowDiskSpace} />}

          {alertSection}
          <VisitorsPanel visitors={today.data.visitors} />
          <PhonesPanel phones={today.data.phones} today={today.data.day.date} slotCount={settings.data?.phoneSlotCount ?? null} />
          <section aria-labelledby="counters-heading">
            <h2 id="counters-heading">At a glance</h2>
            <ul className="counter-grid">
              <ConfiscationsCounter confiscations={today.data.confiscations} warnDays={settings.data?.confiscationWarnDays} />
            </ul>
          </section>
        </>
      )}
    </>
  );
}
