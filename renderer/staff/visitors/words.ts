/**
 * The Visitors area's words (issue 8), shared by its screens and the visitors' printed layouts:
 * statuses, escort, breaches and not-permitted categories as a school says them (copied from
 * db/visitors.ts, which the renderer may not import), times in the school's zone, and the print
 * routes (their query values encoded so that the print channel accepts them).
 */
import type { BreachKind, Escort, Invitation, NotPermittedCategory, VisitStatus } from '../../../electron/api/contract';
import { groupToken } from '../../print/layouts/common';

export const STATUS_WORDS: Record<VisitStatus, string> = {
  waiting: 'Waiting for staff',
  'on-site': 'On site',
  'signed-out': 'Signed out',
  'not-signed-out': 'Not signed out',
  'turned-away': 'Turned away',
};

export const ESCORT_WORDS: Record<Escort, string> = { escorted: 'Must be escorted', unescorted: 'DBS checked: unescorted' };

export const BREACH_WORDS: Record<BreachKind, string> = {
  'images-of-other-children': 'Took images of other children',
  'sharing-images': 'Shared images without permission',
  'phone-near-children': 'Used a phone near children',
  'calls-in-class': 'Phone use in a class or learning area',
  other: 'Other',
};

export const NOT_PERMITTED_WORDS: Record<NotPermittedCategory, string> = {
  'court-order': 'Court order',
  safeguarding: 'Safeguarding',
  behaviour: 'Behaviour towards staff or families',
  trespass: 'Trespass notice',
  other: 'Other (ask the Head of School)',
};

export const INVITATION_WORDS: Record<Invitation['status'], string> = {
  expected: 'Expected',
  arrived: 'Arrived',
  cancelled: 'Cancelled',
  missed: 'Missed',
};

/** How a visit began and ended, in words. */
export const SIGNED_IN_VIA_WORDS: Record<'kiosk' | 'staff', string> = { kiosk: 'at the entrance screen', staff: 'by the office' };
export const SIGNED_OUT_VIA_WORDS: Record<'kiosk' | 'staff' | 'auto' | 'turned-away', string> = {
  kiosk: 'by scanning their badge at the entrance screen',
  staff: 'by the office',
  auto: 'automatically at the closing time',
  'turned-away': 'turned away at reception',
};

export const DEFAULT_TIME_ZONE = 'Europe/London';

function parts(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
  } catch {
    f = new Intl.DateTimeFormat('en-GB', options);
  }
  for (const p of f.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** The calendar date of a moment in the school's zone: 'YYYY-MM-DD'. */
export function schoolDay(moment: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = parts(moment, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** A moment's time of day in the school's zone: '09:05'. */
export function clock(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = parts(d, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${p.hour}:${p.minute}`;
}

/** '2026-11-27' → 'Friday 27 November 2026' (without the weekday if asked). */
export function dayWords(isoDate: string, { weekday = true }: { weekday?: boolean } = {}): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  const p = parts(new Date(`${isoDate}T12:00:00Z`), 'UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return [weekday ? p.weekday : null, p.day, p.month, p.year].filter(Boolean).join(' ');
}

/** '2026-11-27' → '27 Nov 2026' (for narrow printed columns). */
export function shortDay(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  const p = parts(new Date(`${isoDate}T12:00:00Z`), 'UTC', { day: 'numeric', month: 'short', year: 'numeric' });
  return `${p.day} ${p.month} ${p.year}`;
}

/** A moment from the school's point of view: 'today at 09:05', 'yesterday at 16:10', 'Thursday 19 November 2026 at 16:10'. */
export function momentWords(iso: string, timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = schoolDay(d, timeZone);
  const today = schoolDay(now, timeZone);
  const yesterday = new Date(`${today}T12:00:00Z`);
  yesterday.setUTCDate(yesterday.getUTCDate() - 1);
  if (day === today) return `today at ${clock(iso, timeZone)}`;
  if (day === yesterday.toISOString().slice(0, 10)) return `yesterday at ${clock(iso, timeZone)}`;
  return `${dayWords(day)} at ${clock(iso, timeZone)}`;
}

/** How long since a moment: '2 h 5 min', '45 min', 'under a minute'. */
export function durationWords(fromIso: string, now: Date = new Date()): string {
  const from = new Date(fromIso).getTime();
  if (Number.isNaN(from)) return '';
  const minutes = Math.max(0, Math.floor((now.getTime() - from) / 60_000));
  if (minutes < 1) return 'under a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Now in the school's zone as a local date-time input's value: '2026-11-27T10:05'. */
export function localNow(timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  const p = parts(now, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** An invitation or card code grouped for reading and typing: 'KI ABCD EFGH IJKL MNOP'. */
export function groupCode(code: string): string {
  return groupToken(code);
}

/** The text to copy into an email for an invitation. */
export function invitationEmail(schoolName: string, inv: Pick<Invitation, 'expectedOn' | 'code'>): string {
  return `Your visit to ${schoolName} on ${dayWords(inv.expectedOn)}: at the entrance screen choose "I have an invitation code" and type ${groupCode(inv.code)}`;
}

/** encodeURIComponent, and the few characters it leaves that a print route may not hold. */
export function strictEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The badge layout for the paper chosen in Settings. */
export function badgeRoute(token: string, paper: 'label62' | 'a4'): string {
  return paper === 'a4' ? `/print/visitor-badge-a4?token=${strictEncode(token)}` : `/print/visitor-badge?token=${strictEncode(token)}`;
}

export interface HistoryFilters {
  name: string;
  organisation: string;
  typeKey: string;
  status: VisitStatus | '';
  from: string;
  to: string;
}

export const NO_FILTERS: HistoryFilters = { name: '', organisation: '', typeKey: '', status: '', from: '', to: '' };

/** The searchVisits/exportVisits input for the filters (empty ones left out). */
export function searchInput(f: HistoryFilters): { name?: string; organisation?: string; typeKey?: string; status?: VisitStatus; from?: string; to?: string } {
  const input: ReturnType<typeof searchInput> = {};
  if (f.name.trim()) input.name = f.name.trim();
  if (f.organisation.trim()) input.organisation = f.organisation.trim();
  if (f.typeKey) input.typeKey = f.typeKey;
  if (f.status) input.status = f.status;
  if (f.from) input.from = f.from;
  if (f.to) input.to = f.to;
  return input;
}

/** The visitor log's print route for the same filters: '/print/visitor-log?name=…&type=…'. */
export function visitorLogRoute(f: HistoryFilters): string {
  const input = searchInput(f);
  const q: string[] = [];
  if (input.name) q.push(`name=${strictEncode(input.name)}`);
  if (input.organisation) q.push(`organisation=${strictEncode(input.organisation)}`);
  if (input.typeKey) q.push(`type=${strictEncode(input.typeKey)}`);
  if (input.status) q.push(`status=${input.status}`);
  if (input.from) q.push(`from=${input.from}`);
  if (input.to) q.push(`to=${input.to}`);
  return q.length ? `/print/visitor-log?${q.join('&')}` : '/print/visitor-log';
}

/** 'Lee Leader' or, for the system, words. */
export function byWords(by: string | null): string {
  if (!by) return '';
  if (by === 'system') return 'the system';
  if (by === 'kiosk') return 'the entrance screen';
  return by;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
