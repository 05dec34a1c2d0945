/**
 * Dates and times in the words a UK school uses ("Monday 21 December 2026", "today at 16:00"),
 * for the settings pages and the printed layouts alike. ISO dates ('2026-12-21') are calendar
 * days with no time zone; instants are shown in the school's time zone when it is known.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A formatter for the zone, or for the PC's own zone when the name is missing or unknown. */
function formatter(options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat('en-GB', options);
  }
}

function parts(f: Intl.DateTimeFormat, d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(d)) out[p.type] = p.value;
  return out;
}

function longFrom(p: Record<string, string>, withYear: boolean): string {
  return [p.weekday, p.day, p.month, withYear ? p.year : undefined].filter(Boolean).join(' ');
}

/** '2026-12-21' → 'Monday 21 December 2026' (the string itself if it is not a date). */
export function longDate(iso: string, { year = true }: { year?: boolean } = {}): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime())) return iso;
  return longFrom(parts(formatter({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, 'UTC'), d), year);
}

/** The calendar date of an instant in the zone, as 'YYYY-MM-DD'. */
export function localIsoDate(instant: Date, timeZone?: string): string {
  const p = parts(formatter({ year: 'numeric', month: '2-digit', day: '2-digit' }, timeZone), instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** '16:05' (24-hour clock) in the zone. */
export function clockTime(instant: Date, timeZone?: string): string {
  const p = parts(formatter({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone), instant);
  return `${p.hour}:${p.minute}`;
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) - 1)).toISOString().slice(0, 10);
}

/** 'today at 16:00', 'yesterday at 09:12', or 'Monday 21 December 2026 at 16:00'. */
export function whenWords(instant: Date, now: Date, timeZone?: string): string {
  const day = localIsoDate(instant, timeZone);
  const today = localIsoDate(now, timeZone);
  const time = clockTime(instant, timeZone);
  if (day === today) return `today at ${time}`;
  if (day === dayBefore(today)) return `yesterday at ${time}`;
  return `${longDate(day)} at ${time}`;
}

/** 'Monday 21 December 2026 at 16:00', for printed pages. */
export function dateAndTime(instant: Date, timeZone?: string): string {
  return `${longDate(localIsoDate(instant, timeZone))} at ${clockTime(instant, timeZone)}`;
}
