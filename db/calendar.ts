// The school's calendar: local dates and times in the school's time zone, and which days are school days.
// Dates are plain 'YYYY-MM-DD' strings across the app; instants are Dates. All zone arithmetic goes through
// Temporal, so nothing here depends on the process's TZ or does offset maths by hand.
import { Temporal } from 'temporal-polyfill';
import type { Clock } from './clock';

/** A span of days the school is closed (term break, bank holiday, INSET day); both ends inclusive. */
export interface Closure {
  startsOn: string;
  endsOn: string;
  label: string;
}

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** How far nextSchoolDay / previousSchoolDay search before deciding the calendar data is wrong. */
const MAX_SEARCH_DAYS = 400;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_TIME = /^\d{2}:\d{2}(:\d{2})?$/;

/** True for a strict 'YYYY-MM-DD' string that names a real calendar date. */
export function isIsoDate(s: string): boolean {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  // arithmetic, not Temporal: this runs for every closure each time the calendar loads (every write)
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** True for an IANA zone name Temporal knows (fixed offsets such as '+01:00' are refused). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '' || /^[+-]/.test(tz)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(tz);
    return true;
  } catch {
    return false;
  }
}

/** Parses a strict ISO date, or throws an Error that names the caller and the bad value. */
function plainDate(date: string, where: string): Temporal.PlainDate {
  if (!isIsoDate(date)) throw new Error(`${where}: not a valid date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  return Temporal.PlainDate.from(date);
}

/** Parses a strict 'HH:MM' or 'HH:MM:SS' wall-clock time, or throws. */
function plainTime(time: string, where: string): Temporal.PlainTime {
  if (typeof time === 'string' && WALL_TIME.test(time)) {
    try {
      return Temporal.PlainTime.from(time, { overflow: 'reject' });
    } catch {
      // fall through to the error below
    }
  }
  throw new Error(`${where}: not a valid time 'HH:MM' or 'HH:MM:SS': ${JSON.stringify(time)}`);
}

/** Converts a Date to a Temporal.Instant, refusing an invalid Date. */
function toInstant(instant: Date, where: string): Temporal.Instant {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`${where}: not a valid Date`);
  return Temporal.Instant.fromEpochMilliseconds(ms);
}

/** The school's time zone plus its closures: answers "what day is it here" and "is this a school day". */
export class SchoolCalendar {
  /** The zone's identifier as Temporal normalises it (e.g. 'Europe/London'). */
  readonly timeZone: string;
  private readonly closures: readonly Closure[];

  /** Throws a clear Error on an unknown zone, a malformed closure date, or a closure that ends before it starts. */
  constructor(timeZone: string, closures: readonly Closure[]) {
    if (!isValidTimeZone(timeZone)) throw new Error(`SchoolCalendar: not a valid IANA time zone: ${JSON.stringify(timeZone)}`);
    this.timeZone = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone).timeZoneId;
    this.closures = Object.freeze(
      closures.map((c, i) => {
        const what = `SchoolCalendar: closure ${i} (${JSON.stringify(c.label)})`;
        if (!isIsoDate(c.startsOn)) throw new Error(`${what}: startsOn is not a valid date 'YYYY-MM-DD': ${JSON.stringify(c.startsOn)}`);
        if (!isIsoDate(c.endsOn)) throw new Error(`${what}: endsOn is not a valid date 'YYYY-MM-DD': ${JSON.stringify(c.endsOn)}`);
        if (c.endsOn < c.startsOn) throw new Error(`${what}: endsOn ${c.endsOn} is before startsOn ${c.startsOn}`);
        return Object.freeze({ startsOn: c.startsOn, endsOn: c.endsOn, label: c.label });
      }),
    );
  }

  /** The local date 'YYYY-MM-DD' of an instant, in the school's zone. */
  localDate(instant: Date): string {
    return toInstant(instant, 'localDate').toZonedDateTimeISO(this.timeZone).toPlainDate().toString();
  }

  /** The local wall-clock time 'HH:MM' (24h) of an instant, in the school's zone. */
  localTime(instant: Date): string {
    const t = toInstant(instant, 'localTime').toZonedDateTimeISO(this.timeZone);
    return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  }

  /** The instant of a local wall-clock time on a date; a gap time moves forward, an overlap time takes the earlier instant. */
  at(date: string, time: string): Date {
    const zdt = plainDate(date, 'at')
      .toPlainDateTime(plainTime(time, 'at'))
      .toZonedDateTime(this.timeZone, { disambiguation: 'compatible' });
    return new Date(zdt.epochMilliseconds);
  }

  /** The first instant of a local date (midnight, or later if the zone skips midnight that day). */
  startOfDay(date: string): Date {
    return new Date(plainDate(date, 'startOfDay').toZonedDateTime(this.timeZone).epochMilliseconds);
  }

  /** Today's local date according to the given clock. */
  today(clock: Clock): string {
    return this.localDate(clock.now());
  }

  /** True on Saturday and Sunday. */
  isWeekend(date: string): boolean {
    return plainDate(date, 'isWeekend').dayOfWeek >= 6;
  }

  /** The closure covering a date, or null (the first listed wins if closures overlap). */
  closureOn(date: string): Closure | null {
    plainDate(date, 'closureOn');
    return this.closures.find((c) => c.startsOn <= date && date <= c.endsOn) ?? null;
  }

  /** True on a weekday that is not inside any closure. */
  isSchoolDay(date: string): boolean {
    return !this.isWeekend(date) && this.closureOn(date) === null;
  }

  /** The first school day strictly after a date. */
  nextSchoolDay(date: string): string {
    return this.searchSchoolDay(date, 1, 'nextSchoolDay');
  }

  /** The last school day strictly before a date. */
  previousSchoolDay(date: string): string {
    return this.searchSchoolDay(date, -1, 'previousSchoolDay');
  }

  /** The date n days after (or, for negative n, before) a date. */
  addDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n)) throw new Error(`addDays: not a whole number of days: ${String(n)}`);
    return plainDate(date, 'addDays').add({ days: n }).toString();
  }

  /** True if an instant is strictly before the local wall-clock time on a date. */
  isBefore(instant: Date, date: string, time: string): boolean {
    return toInstant(instant, 'isBefore').epochMilliseconds < this.at(date, time).getTime();
  }

  /** Steps one day at a time from a date until a school day, giving up after MAX_SEARCH_DAYS. */
  private searchSchoolDay(date: string, step: 1 | -1, where: string): string {
    let d = plainDate(date, where);
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      d = d.add({ days: step });
      const s = d.toString();
      if (this.isSchoolDay(s)) return s;
    }
    throw new Error(`${where}: no school day within ${MAX_SEARCH_DAYS} days of ${date}; check the closures`);
  }
}
