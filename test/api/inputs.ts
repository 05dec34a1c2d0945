/**
 * For every channel: one valid input (used by the access table) and an arbitrary of valid inputs
 * with the writes it should make (used by the fuzz test). The `satisfies` makes a new channel
 * without its entry a compile error.
 */
import fc from 'fast-check';
import type { ChannelName } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { TEST_PIN, TEST_RECOVERY_CODE, sessions, type TestDb } from '../helpers/db';

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
  auditRows: number | 'one-if-changed' | 'any';
  /** Tables a refused call may still write (a wrong PIN is counted, and may raise an alert). */
  refusalTables?: string[];
  /** Refused on the fuzz database by design (setupSchool: the school is already set up). */
  alwaysRefused?: boolean;
}

export interface ChannelInputs {
  valid: unknown;
  arb: fc.Arbitrary<unknown>;
  effect: Effect;
  /** Put the fresh database in a state where the channel has something to act on. */
  prepare?: (t: TestDb) => Promise<void>;
}

/** Five wrong PINs for accounts 2 to 4: each raises a 'pin-failures' alert. */
async function raiseAlerts(t: TestDb): Promise<void> {
  for (const staffId of [2, 3, 4]) {
    for (let i = 0; i < 5; i++) {
      t.clock.advance(600_000);
      await dispatch(t.ctx, sessions.kiosk, 'unlock', { staffId, pin: '975318' }, () => {});
    }
  }
}

const none: ChannelInputs = { valid: {}, arb: fc.constantFrom(undefined, {}), effect: { tables: [], auditRows: 0 } };
const nothing: Effect = { tables: [], auditRows: 0 };

const pinArb = fc.oneof(fc.constantFrom('246813', '975318', '123456', '1111111'), fc.stringMatching(/^[0-9]{4,13}$/));
const staffIdArb = fc.integer({ min: 1, max: 8 });
const wrongPinRefusal = ['staff', 'alerts'];
const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export const inputs = {
  getAppStatus: none,
  getSession: none,
  setupSchool: {
    valid: { schoolName: 'Another School', adminName: 'Someone', pin: '246813' },
    arb: fc.record({ schoolName: textArb(120), adminName: textArb(80), pin: pinArb }),
    effect: { tables: ['settings', 'staff', 'secrets'], auditRows: 'any', alwaysRefused: true },
  },
  listUnlockNames: none,
  unlock: {
    valid: { staffId: 2, pin: TEST_PIN },
    arb: fc.record({ staffId: staffIdArb, pin: fc.oneof(fc.constant(TEST_PIN), pinArb) }),
    effect: { tables: ['staff'], auditRows: 1, refusalTables: wrongPinRefusal },
  },
  lock: none,
  recoverAdminPin: {
    valid: { staffId: 1, recoveryCode: TEST_RECOVERY_CODE, newPin: '246813' },
    // weighted towards the admin and the right code, so that a run of 60 always meets a success too
    arb: fc.record({
      staffId: fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: staffIdArb, weight: 1 }),
      recoveryCode: fc.oneof(
        { arbitrary: fc.constant(TEST_RECOVERY_CODE), weight: 3 },
        { arbitrary: fc.stringMatching(/^[A-Z2-7-]{5,30}$/), weight: 1 },
        { arbitrary: textArb(40), weight: 1 },
      ),
      newPin: fc.oneof({ arbitrary: fc.constantFrom('246813', '975318'), weight: 3 }, { arbitrary: pinArb, weight: 1 }),
    }),
    effect: { tables: ['staff', 'secrets'], auditRows: 'any', refusalTables: wrongPinRefusal },
  },
  getRecoveryStatus: none,
  // In normal mode these two refuse with a rule (recovery mode is tested in test/electron/recovery.test.ts).
  listRecoveryAdmins: {
    valid: { backup: 'kiosk-2026-11-25T08-40-00-000Z-daily.sqlite' },
    arb: fc.record({ backup: fc.oneof(fc.constant('kiosk-2026-11-25T08-40-00-000Z-daily.sqlite'), fc.constant('../kiosk.sqlite'), textArb(120)) }),
    effect: { ...nothing, alwaysRefused: true },
  },
  restoreBackup: {
    valid: { backup: 'kiosk-2026-11-25T08-40-00-000Z-daily.sqlite', recoveryCode: TEST_RECOVERY_CODE },
    arb: fc.oneof(
      fc.record({ backup: fc.constant('kiosk-2026-11-25T08-40-00-000Z-daily.sqlite'), staffId: staffIdArb, pin: pinArb }),
      fc.record({ backup: textArb(120), recoveryCode: textArb(40) }),
    ),
    effect: { ...nothing, alwaysRefused: true },
  },
  print: {
    valid: { route: '/print/test-page', paper: 'a4' },
    arb: fc.record({
      route: fc.oneof(fc.constantFrom('/print/test-page', '/print/test-label?x=1', 'javascript:alert(1)', '/print/../../etc/passwd'), textArb(300)),
      paper: fc.constantFrom('a4', 'label62', 'A3'),
    }),
    effect: nothing,
  },
  newTestToken: none,
  getToday: none,
  resolveAlert: {
    valid: { id: 1 },
    arb: fc.record({ id: fc.integer({ min: 1, max: 5 }) }),
    effect: { tables: ['alerts'], auditRows: 1 },
    prepare: raiseAlerts,
  },
  changeOwnPin: {
    valid: { currentPin: TEST_PIN, newPin: '246813' },
    arb: fc.record({ currentPin: fc.oneof(fc.constant(TEST_PIN), pinArb), newPin: pinArb }),
    effect: { tables: ['staff'], auditRows: 1, refusalTables: wrongPinRefusal },
  },
  listStaff: { valid: { includeInactive: true }, arb: fc.option(fc.record({ includeInactive: fc.boolean() }), { nil: undefined }), effect: nothing },
  createStaff: {
    valid: { name: 'New Person', role: 'office', dsl: false, pin: '246813' },
    arb: fc.record({ name: textArb(80), role: fc.constantFrom('office', 'leadership', 'admin', 'head'), dsl: fc.boolean(), pin: pinArb }),
    effect: { tables: ['staff'], auditRows: 1 },
  },
  updateStaff: {
    valid: { id: 2, name: 'Olu Office' },
    arb: fc.record(
      { id: staffIdArb, name: textArb(80), role: fc.constantFrom('office', 'leadership', 'admin'), dsl: fc.boolean(), active: fc.boolean() },
      { requiredKeys: ['id'] },
    ),
    effect: { tables: ['staff'], auditRows: 'one-if-changed' },
  },
  resetStaffPin: { valid: { id: 2, pin: '246813' }, arb: fc.record({ id: staffIdArb, pin: pinArb }), effect: { tables: ['staff'], auditRows: 1 } },
  clearPinFailures: { valid: { id: 2 }, arb: fc.record({ id: staffIdArb }), effect: { tables: ['staff', 'alerts'], auditRows: 'any' }, prepare: raiseAlerts },
  newRecoveryCode: { ...none, effect: { tables: ['secrets'], auditRows: 1 } },
  setLogo: {
    valid: { logo: null },
    arb: fc.record({ logo: fc.constantFrom(null, TINY_PNG, 'data:image/png;base64,AAAA', 'data:image/svg+xml;base64,PHN2Zz4=') }),
    effect: { tables: ['settings'], auditRows: 'one-if-changed' },
  },
  importClosures: {
    valid: { csv: 'First day,Last day,Name\n21/12/2026,01/01/2027,Christmas holidays\n', save: false },
    arb: fc.record({
      csv: fc.oneof(
        fc.array(fc.tuple(dateArb, dateArb, textArb(30)).map(([a, b, l]) => `${a},${b},"${l.replace(/"/g, '""')}"`), { minLength: 1, maxLength: 5 }).map((rows) => rows.join('\n')),
        textArb(200),
      ),
      save: fc.boolean(),
    }),
    effect: { tables: ['closures'], auditRows: 'any' },
  },
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
  getSchoolDay: { valid: { date: '2026-11-25' }, arb: fc.oneof(fc.constant(undefined), fc.record({ date: dateArb })), effect: nothing },
  listClosures: {
    valid: {},
    arb: fc.record({ from: dateArb, to: dateArb }, { requiredKeys: [] }),
    effect: nothing,
  },
  addClosure: {
    valid: { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas holidays' },
    arb: fc.record({ startsOn: dateArb, endsOn: dateArb, label: textArb(80) }),
    effect: { tables: ['closures'], auditRows: 1 },
  },
  removeClosure: {
    valid: { id: 1 },
    arb: fc.record({ id: fc.integer({ min: 1, max: 40 }) }),
    effect: { tables: ['closures'], auditRows: 1 },
    prepare: async (t) => {
      for (let i = 0; i < 20; i++) await dispatch(t.ctx, sessions.admin, 'addClosure', { startsOn: '2027-02-15', endsOn: '2027-02-19', label: `Half term ${i}` });
    },
  },
  verifyAudit: none,
  listAudit: {
    valid: { limit: 10 },
    arb: fc.record(
      { entity: textArb(40), entityId: textArb(40), beforeSeq: fc.integer({ min: 1, max: 1000 }), limit: fc.integer({ min: 1, max: 500 }) },
      { requiredKeys: [] },
    ),
    effect: nothing,
  },
  backupNow: { ...none, effect: { tables: [], auditRows: 1 } },
  listBackups: none,
} as const satisfies Record<ChannelName, ChannelInputs>;
