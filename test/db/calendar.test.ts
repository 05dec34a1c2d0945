import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { DEFAULT_TIME_ZONE, SchoolCalendar, isIsoDate, isValidTimeZone, type Closure } from '../../db/calendar';
import { manualClock } from '../../db/clock';

// Autumn 2026 and spring 2027 closures for a typical English primary school.
const closures: Closure[] = [
  { startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'October half term' },
  { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas holidays' },
  { startsOn: '2027-01-04', endsOn: '2027-01-04', label: 'INSET day' },
  { startsOn: '2026-08-31', endsOn: '2026-08-31', label: 'Summer bank holiday' },
];
const cal = new SchoolCalendar(DEFAULT_TIME_ZONE, closures);
const iso = (d: Date) => d.toISOString();

describe('isIsoDate', () => {
  it('accepts real dates in strict YYYY-MM-DD form', () => {
    for (const s of ['2026-01-01', '2024-02-29', '2026-12-31', '2000-02-29']) expect(isIsoDate(s), s).toBe(true);
  });
  it('rejects impossible dates and loose formats', () => {
    for (const s of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-2-3', '2026-02-3', '26-02-03', '', ' 2026-02-03', '2026-02-03 ', '2026/02/03', '20260203', '2026-02-03T00:00', '+002026-02-03'])
      expect(isIsoDate(s), JSON.stringify(s)).toBe(false);
  });
  it('agrees with Temporal on every YYYY-MM-DD string (it is plain arithmetic, for speed)', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        let temporal = true;
        try {
          Temporal.PlainDate.from(s, { overflow: 'reject' });
        } catch {
          temporal = false;
        }
        expect(isIsoDate(s), s).toBe(temporal);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and refuses junk and bare offsets', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Europe/Londres')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+01:00')).toBe(false);
  });
});

describe('SchoolCalendar constructor', () => {
  it('keeps the time zone', () => {
    expect(cal.timeZone).toBe('Europe/London');
  });
  it('throws on a bad time zone', () => {
    expect(() => new SchoolCalendar('Mars/Olympus_Mons', [])).toThrow(/time zone/);
  });
  it('throws on a malformed closure date, naming the field', () => {
    expect(() => new SchoolCalendar(DEFAULT_TIME_ZONE, [{ startsOn: '2026-02-30', endsOn: '2026-03-01', label: 'x' }])).toThrow(/startsOn/);
    expect(() => new SchoolCalendar(DEFAULT_TIME_ZONE, [{ startsOn: '2026-02-16', endsOn: '2026-2-20', label: 'x' }])).toThrow(/endsOn/);
  });
  it('throws when a closure ends before it starts', () => {
    expect(() => new SchoolCalendar(DEFAULT_TIME_ZONE, [{ startsOn: '2026-02-20', endsOn: '2026-02-16', label: 'Backwards' }])).toThrow(/before startsOn/);
  });
  it('accepts a one-day closure', () => {
    expect(() => new SchoolCalendar(DEFAULT_TIME_ZONE, [{ startsOn: '2026-05-04', endsOn: '2026-05-04', label: 'Early May bank holiday' }])).not.toThrow();
  });
  it('is not affected by later changes to the closures array passed in', () => {
    const list: Closure[] = [{ startsOn: '2026-05-04', endsOn: '2026-05-04', label: 'Bank holiday' }];
    const c = new SchoolCalendar(DEFAULT_TIME_ZONE, list);
    list[0]!.endsOn = '2026-05-08';
    expect(c.isSchoolDay('2026-05-05')).toBe(true);
  });
});

describe('localDate and localTime', () => {
  it('uses GMT in winter: midnight UTC is midnight local', () => {
    expect(cal.localDate(new Date('2026-01-15T23:59:00Z'))).toBe('2026-01-15');
    expect(cal.localDate(new Date('2026-01-16T00:00:00Z'))).toBe('2026-01-16');
    expect(cal.localTime(new Date('2026-01-15T23:59:59Z'))).toBe('23:59');
  });
  it('uses BST in summer: 23:30Z is already tomorrow in London', () => {
    expect(cal.localDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(cal.localTime(new Date('2026-06-30T23:30:00Z'))).toBe('00:30');
    expect(cal.localDate(new Date('2026-06-30T22:59:00Z'))).toBe('2026-06-30');
    expect(cal.localTime(new Date('2026-06-30T22:59:00Z'))).toBe('23:59');
  });
  it('pads hours and minutes', () => {
    expect(cal.localTime(new Date('2026-01-05T08:05:00Z'))).toBe('08:05');
  });
  it('today() reads the injected clock', () => {
    const clock = manualClock('2026-06-30T23:30:00Z');
    expect(cal.today(clock)).toBe('2026-07-01');
    clock.set('2026-12-31T23:59:00Z');
    expect(cal.today(clock)).toBe('2026-12-31');
  });
  it('refuses an invalid Date', () => {
    expect(() => cal.localDate(new Date('nope'))).toThrow(/valid Date/);
  });
});

describe('at() and startOfDay() across the 2026 clock changes', () => {
  it('maps 08:40 in winter and summer to the right UTC instant', () => {
    expect(iso(cal.at('2026-03-27', '08:40'))).toBe('2026-03-27T08:40:00.000Z'); // Friday before, GMT
    expect(iso(cal.at('2026-03-30', '08:40'))).toBe('2026-03-30T07:40:00.000Z'); // Monday after spring forward, BST
    expect(iso(cal.at('2026-10-23', '08:40'))).toBe('2026-10-23T07:40:00.000Z'); // Friday before, BST
    expect(iso(cal.at('2026-10-26', '08:40'))).toBe('2026-10-26T08:40:00.000Z'); // Monday after fall back, GMT
  });
  it('accepts HH:MM:SS', () => {
    expect(iso(cal.at('2026-07-01', '15:15:30'))).toBe('2026-07-01T14:15:30.000Z');
  });
  it('moves a time inside the spring-forward gap forward', () => {
    // 01:30 on 29 March 2026 never happens in London; it becomes 02:30 BST, which is 01:30Z.
    expect(iso(cal.at('2026-03-29', '01:30'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(cal.at('2026-03-29', '00:59'))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(cal.at('2026-03-29', '02:00'))).toBe('2026-03-29T01:00:00.000Z');
  });
  it('takes the earlier instant for an ambiguous time in the autumn overlap', () => {
    // 01:30 on 25 October 2026 happens twice: 00:30Z (BST) and 01:30Z (GMT).
    expect(iso(cal.at('2026-10-25', '01:30'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(cal.at('2026-10-25', '02:00'))).toBe('2026-10-25T02:00:00.000Z');
  });
  it('startOfDay is local midnight on either side of the changes', () => {
    expect(iso(cal.startOfDay('2026-03-29'))).toBe('2026-03-29T00:00:00.000Z');
    expect(iso(cal.startOfDay('2026-03-30'))).toBe('2026-03-29T23:00:00.000Z');
    expect(iso(cal.startOfDay('2026-10-25'))).toBe('2026-10-24T23:00:00.000Z');
    expect(iso(cal.startOfDay('2026-10-26'))).toBe('2026-10-26T00:00:00.000Z');
    // and the day after a 23-hour day is 23 hours later; after a 25-hour day, 25.
    expect(cal.startOfDay('2026-03-30').getTime() - cal.startOfDay('2026-03-29').getTime()).toBe(23 * 3600_000);
    expect(cal.startOfDay('2026-10-26').getTime() - cal.startOfDay('2026-10-25').getTime()).toBe(25 * 3600_000);
  });
  it('rejects malformed dates and times', () => {
    expect(() => cal.at('2026-02-30', '08:40')).toThrow(/date/);
    expect(() => cal.at('2026-03-30', '8:40')).toThrow(/time/);
    expect(() => cal.at('2026-03-30', '24:00')).toThrow(/time/);
    expect(() => cal.at('2026-03-30', '08:60')).toThrow(/time/);
    expect(() => cal.startOfDay('')).toThrow(/date/);
  });
  it('isBefore compares against the local wall-clock time', () => {
    // Registration closes 09:00 BST = 08:00Z.
    expect(cal.isBefore(new Date('2026-07-01T07:59:59Z'), '2026-07-01', '09:00')).toBe(true);
    expect(cal.isBefore(new Date('2026-07-01T08:00:00Z'), '2026-07-01', '09:00')).toBe(false);
    expect(cal.isBefore(new Date('2026-07-01T08:30:00Z'), '2026-07-01', '09:00')).toBe(false);
    // In winter 09:00 local = 09:00Z.
    expect(cal.isBefore(new Date('2026-12-01T08:30:00Z'), '2026-12-01', '09:00')).toBe(true);
  });
});

describe('weekends, closures and school days', () => {
  it('knows the weekend', () => {
    expect(cal.isWeekend('2026-10-24')).toBe(true); // Saturday
    expect(cal.isWeekend('2026-10-25')).toBe(true); // Sunday
    expect(cal.isWeekend('2026-10-26')).toBe(false); // Monday
  });
  it('finds the closure covering a date, inclusive at both ends', () => {
    expect(cal.closureOn('2026-10-25')).toBeNull();
    expect(cal.closureOn('2026-10-26')?.label).toBe('October half term');
    expect(cal.closureOn('2026-10-30')?.label).toBe('October half term');
    expect(cal.closureOn('2026-11-02')).toBeNull();
    expect(cal.closureOn('2027-01-01')?.label).toBe('Christmas holidays');
  });
  it('a school day is a weekday outside every closure', () => {
    expect(cal.isSchoolDay('2026-10-23')).toBe(true);
    expect(cal.isSchoolDay('2026-10-24')).toBe(false);
    expect(cal.isSchoolDay('2026-10-28')).toBe(false);
    expect(cal.isSchoolDay('2026-08-31')).toBe(false);
    expect(cal.isSchoolDay('2026-09-01')).toBe(true);
  });
});

describe('nextSchoolDay and previousSchoolDay', () => {
  it('steps over a weekend', () => {
    expect(cal.nextSchoolDay('2026-10-02')).toBe('2026-10-05'); // Fri -> Mon
    expect(cal.nextSchoolDay('2026-10-03')).toBe('2026-10-05'); // Sat -> Mon
    expect(cal.nextSchoolDay('2026-10-05')).toBe('2026-10-06'); // strictly after
    expect(cal.previousSchoolDay('2026-10-05')).toBe('2026-10-02'); // Mon -> Fri
    expect(cal.previousSchoolDay('2026-10-04')).toBe('2026-10-02'); // Sun -> Fri
    expect(cal.previousSchoolDay('2026-10-06')).toBe('2026-10-05');
  });
  it('steps over half term', () => {
    expect(cal.nextSchoolDay('2026-10-23')).toBe('2026-11-02');
    expect(cal.previousSchoolDay('2026-11-02')).toBe('2026-10-23');
    expect(cal.nextSchoolDay('2026-10-28')).toBe('2026-11-02'); // from inside the closure
  });
  it('steps over Christmas, New Year and an INSET day', () => {
    expect(cal.nextSchoolDay('2026-12-18')).toBe('2027-01-05');
    expect(cal.previousSchoolDay('2027-01-05')).toBe('2026-12-18');
  });
  it('steps over a bank holiday Monday', () => {
    expect(cal.nextSchoolDay('2026-08-28')).toBe('2026-09-01');
    expect(cal.previousSchoolDay('2026-09-01')).toBe('2026-08-28');
  });
  it('gives up with an Error on a calendar closed for over a year', () => {
    const shut = new SchoolCalendar(DEFAULT_TIME_ZONE, [{ startsOn: '2026-01-01', endsOn: '2027-12-31', label: 'Closed' }]);
    expect(() => shut.nextSchoolDay('2026-01-01')).toThrow(/no school day/);
    expect(() => shut.previousSchoolDay('2027-12-31')).toThrow(/no school day/);
  });
});

describe('addDays', () => {
  it('crosses months, years, leap days and clock changes', () => {
    expect(cal.addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(cal.addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(cal.addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(cal.addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(cal.addDays('2026-05-05', 0)).toBe('2026-05-05');
  });
  it('refuses fractional days', () => {
    expect(() => cal.addDays('2026-05-05', 1.5)).toThrow(/whole number/);
  });
});

describe('independence from the process time zone', () => {
  it('gives the same answers whatever TZ the process runs in', () => {
    const probe = () => [
      cal.localDate(new Date('2026-06-30T23:30:00Z')),
      cal.localTime(new Date('2026-06-30T23:30:00Z')),
      iso(cal.at('2026-03-30', '08:40')),
      iso(cal.at('2026-10-25', '01:30')),
      iso(cal.startOfDay('2026-10-26')),
      cal.nextSchoolDay('2026-10-23'),
      cal.addDays('2026-03-28', 2),
      cal.isWeekend('2026-10-24'),
    ];
    const expected = ['2026-07-01', '00:30', '2026-03-30T07:40:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T00:00:00.000Z', '2026-11-02', '2026-03-30', true];
    const saved = process.env.TZ;
    const offsets = new Set<number>();
    try {
      for (const tz of ['UTC', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'Europe/London']) {
        process.env.TZ = tz;
        offsets.add(new Date('2026-01-15T12:00:00Z').getTimezoneOffset());
        expect(probe(), tz).toEqual(expected);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    // Sanity: changing TZ really did change the process's local time, so the loop above tested something.
    expect(offsets.size).toBeGreaterThan(1);
  });
});

describe('property: at(localDate(t), localTime(t)) round-trips', () => {
  it('is within a minute of t, or one hour earlier inside the autumn overlap', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true }),
        (t) => {
          const back = cal.at(cal.localDate(t), cal.localTime(t));
          const lag = t.getTime() - back.getTime();
          if (lag >= 0 && lag < 60_000) return;
          // Otherwise t must be in the second pass of a repeated hour: one hour earlier shows the same wall clock.
          expect(lag).toBeGreaterThanOrEqual(3600_000);
          expect(lag).toBeLessThan(3660_000);
          const hourEarlier = new Date(t.getTime() - 3600_000);
          expect(cal.localDate(hourEarlier)).toBe(cal.localDate(t));
          expect(cal.localTime(hourEarlier)).toBe(cal.localTime(t));
        },
      ),
      {
        numRuns: 2000,
        // Make sure the overlap hours and the gaps are actually exercised, not left to chance.
        examples: [
          [new Date('2026-10-25T01:30:00Z')],
          [new Date('2026-10-25T00:30:00Z')],
          [new Date('2026-10-25T01:59:59.999Z')],
          [new Date('2026-03-29T01:00:00Z')],
          [new Date('2026-03-29T00:59:59Z')],
          [new Date('2020-10-25T01:15:00Z')],
        ],
      },
    );
  });
  it('does hit the one-hour case in the overlap', () => {
    expect(cal.at(cal.localDate(new Date('2026-10-25T01:30:00Z')), cal.localTime(new Date('2026-10-25T01:30:00Z'))).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
