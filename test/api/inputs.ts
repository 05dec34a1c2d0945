/**
 * For every channel: one valid input (used by the access table) and an arbitrary of valid inputs
 * with the writes it should make (used by the fuzz test). The `satisfies` makes a new channel
 * without its entry a compile error.
 */
import fc from 'fast-check';
import type { ChannelName } from '../../electron/api/contract';

/** Strings a hostile or careless person might type, plus fast-check's own unicode strings. */
export const hostileStrings = [
  '<img src=x onerror=alert(1)>',
  "'); DROP TABLE audit;--",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")',
  'Zoë Ó Súilleabháin-Nguyễn',
  '${process.exit(1)}',
  '__proto__',
];

export const textArb = (max: number) =>
  fc.oneof(
    fc.constantFrom(...hostileStrings),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: max }),
  );

export const dateArb = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** The tables a successful call changes (beyond `audit`), and how many audit rows it adds. */
export interface Effect {
  tables: string[];
  auditRows: number | 'one-if-changed';
}

export interface ChannelInputs {
  valid: unknown;
  arb: fc.Arbitrary<unknown>;
  effect: Effect;
}

const none: ChannelInputs = { valid: {}, arb: fc.constantFrom(undefined, {}), effect: { tables: [], auditRows: 0 } };

export const inputs = {
  getAppStatus: none,
  getSession: none,
  getSettings: none,
  updateSettings: {
    valid: { schoolName: 'Ramsgate Arts Primary School' },
    arb: fc.record(
      {
        schoolName: textArb(120),
        accentColour: fc.constantFrom('#1d4e89', '#AA0000', '#00ff7f'),
        idleLockMinutes: fc.integer({ min: 1, max: 60 }),
        timeZone: fc.constantFrom('Europe/London', 'Europe/Dublin', 'UTC'),
        backupsKept: fc.integer({ min: 3, max: 365 }),
      },
      { requiredKeys: [] },
    ),
    effect: { tables: ['settings'], auditRows: 'one-if-changed' },
  },
  getSchoolDay: { valid: { date: '2026-11-25' }, arb: fc.oneof(fc.constant(undefined), fc.record({ date: dateArb })), effect: none.effect },
  listClosures: {
    valid: {},
    arb: fc.record({ from: dateArb, to: dateArb }, { requiredKeys: [] }),
    effect: none.effect,
  },
  addClosure: {
    valid: { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas holidays' },
    arb: fc.record({ startsOn: dateArb, endsOn: dateArb, label: textArb(80) }),
    effect: { tables: ['closures'], auditRows: 1 },
  },
  removeClosure: { valid: { id: 1 }, arb: fc.record({ id: fc.integer({ min: 1, max: 40 }) }), effect: { tables: ['closures'], auditRows: 1 } },
  verifyAudit: none,
  listAudit: {
    valid: { limit: 10 },
    arb: fc.record(
      { entity: textArb(40), entityId: textArb(40), beforeSeq: fc.integer({ min: 1, max: 1000 }), limit: fc.integer({ min: 1, max: 500 }) },
      { requiredKeys: [] },
    ),
    effect: none.effect,
  },
  backupNow: { ...none, effect: { tables: [], auditRows: 1 } },
  listBackups: none,
} satisfies Record<ChannelName, ChannelInputs>;
