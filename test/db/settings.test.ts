import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addClosure, listClosures, loadCalendar, removeClosure } from '../../db/closures';
import type { DomainError } from '../../db/errors';
import { SETTINGS_DEFAULTS, getSettings, updateSettings } from '../../db/settings';
import { write } from '../../db/tx';
import { makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb();
});
afterEach(() => t.dispose());
const as = { kind: 'staff', staffId: 1 } as const;
const w = () => ({ db: t.db, clock: t.clock, anchorFile: t.anchorFile });
const auditCount = () => (t.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;

describe('settings', () => {
  it('reads defaults until something is saved', () => {
    expect(getSettings(t.db)).toEqual(SETTINGS_DEFAULTS);
  });

  it('saves only what changed, audits it once, and does nothing for an unchanged value', () => {
    const before = auditCount();
    expect(write(w(), as, (tx) => updateSettings(tx, { schoolName: 'Ramsgate Arts', idleLockMinutes: 5 }))).toEqual(['schoolName']);
    expect(auditCount()).toBe(before + 1);
    expect(write(w(), as, (tx) => updateSettings(tx, { schoolName: 'Ramsgate Arts' }))).toEqual([]);
    expect(auditCount()).toBe(before + 1);
    expect(getSettings(t.db)).toMatchObject({ schoolName: 'Ramsgate Arts', idleLockMinutes: 5 });
  });

  it('ignores stored keys this version does not know (written by a later feature)', () => {
    t.db.prepare("INSERT INTO settings (key, value) VALUES ('somethingNew', '1')").run();
    expect(getSettings(t.db)).toEqual(SETTINGS_DEFAULTS);
  });
});

describe('closures and the stored calendar', () => {
  it('adds, lists by range and removes closures, each audited', () => {
    const half = write(w(), as, (tx) => addClosure(tx, { startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'Half term' }));
    write(w(), as, (tx) => addClosure(tx, { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas' }));
    expect(listClosures(t.db, { from: '2026-11-01', to: '2026-12-31' }).map((c) => c.label)).toEqual(['Christmas']);
    write(w(), as, (tx) => removeClosure(tx, half.id));
    expect(listClosures(t.db).map((c) => c.label)).toEqual(['Christmas']);
    const actions = t.db.prepare("SELECT action FROM audit WHERE entity = 'closure' ORDER BY seq").all();
    expect(actions).toEqual([{ action: 'closure.add' }, { action: 'closure.add' }, { action: 'closure.remove' }]);
  });

  it('refuses bad dates with the field named', () => {
    const attempt = (startsOn: string, endsOn: string) => {
      try {
        write(w(), as, (tx) => addClosure(tx, { startsOn, endsOn, label: 'x' }));
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected a refusal');
    };
    expect(attempt('2026-02-30', '2026-03-02').field).toBe('startsOn');
    expect(attempt('2026-03-02', 'soon').field).toBe('endsOn');
    expect(attempt('2026-03-02', '2026-03-01').message).toMatch(/on or after/);
    expect(listClosures(t.db)).toEqual([]);
  });

  it('loads the calendar from settings and closures: the next school day skips half term', () => {
    write(w(), as, (tx) => addClosure(tx, { startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'Half term' }));
    const cal = loadCalendar(t.db);
    expect(cal.timeZone).toBe('Europe/London');
    expect(cal.nextSchoolDay('2026-10-23')).toBe('2026-11-02');
  });
});

describe('the calendar kept per connection', () => {
  it('sees a closure added or removed and a new time zone at once, and forgets what a rolled-back write did', () => {
    const before = loadCalendar(t.db);
    expect(before.isSchoolDay('2026-12-02')).toBe(true);
    expect(loadCalendar(t.db)).toBe(before); // kept, not rebuilt
    expect(() =>
      write(w(), as, (tx) => {
        addClosure(tx, { startsOn: '2026-12-02', endsOn: '2026-12-02', label: 'Polling station' });
        expect(loadCalendar(tx.db).isSchoolDay('2026-12-02')).toBe(false); // read inside the transaction
        throw new Error('something else failed');
      }),
    ).toThrow('something else failed');
    expect(loadCalendar(t.db).isSchoolDay('2026-12-02')).toBe(true);
    const c = write(w(), as, (tx) => addClosure(tx, { startsOn: '2026-12-02', endsOn: '2026-12-02', label: 'Polling station' }));
    expect(loadCalendar(t.db).isSchoolDay('2026-12-02')).toBe(false);
    write(w(), as, (tx) => removeClosure(tx, c.id));
    expect(loadCalendar(t.db).isSchoolDay('2026-12-02')).toBe(true);
    write(w(), as, (tx) => updateSettings(tx, { timeZone: 'Pacific/Auckland' }));
    expect(loadCalendar(t.db).timeZone).toBe('Pacific/Auckland');
  });
});
