/**
 * For every channel: one valid input (used by the access table) and an arbitrary of valid inputs
 * with the writes it should make (used by the fuzz test). The `satisfies` makes a new channel
 * without its entry a compile error.
 */
import fc from 'fast-check';
import { PNG } from 'pngjs';
import type { ChannelName } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { TEST_PIN, TEST_RECOVERY_CODE, sessions, type SessionName, type TestDb } from '../helpers/db';
import { visitorInputs } from './inputs-visitors';
import { OTHER_CHAIN_FILES, prepareOtherChainBackups } from './other-chain';

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
  /** Who the fuzz test calls as (default the admin; a DSL-only channel needs a DSL). */
  session?: SessionName;
}

/** Five wrong PINs within ten minutes on each of three screens: each screen raises a 'pin-failures' alert. */
async function raiseAlerts(t: TestDb): Promise<void> {
  for (const screenId of ['console', 'preview', 'desk-2']) {
    for (const staffId of [2, 3, 4, 5, 2]) {
      t.clock.advance(1_000);
      await dispatch({ ...t.ctx, screenId }, sessions.kiosk, 'unlock', { staffId, pin: '975318' }, () => {});
    }
  }
}

const none: ChannelInputs = { valid: {}, arb: fc.constantFrom(undefined, {}), effect: { tables: [], auditRows: 0 } };
const nothing: Effect = { tables: [], auditRows: 0 };

const pinArb = fc.oneof(fc.constantFrom('246813', '975318', '123456', '1111111'), fc.stringMatching(/^[0-9]{4,13}$/));
const staffIdArb = fc.integer({ min: 1, max: 8 });
/** A wrong PIN or code is counted in the screen's budget (db/pin-budget.ts), and may raise an alert. */
const wrongPinRefusal = ['pin_budget', 'pin_budget_misses', 'alerts'];
const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';


// ---- the pupil roll ------------------------------------------------------------------------------

/** base64 of a text file, as the screen sends a chosen file. */
export const b64 = (text: string, encoding: BufferEncoding = 'utf8'): string => Buffer.from(text, encoding).toString('base64');

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
export const upnOf = (n: number) => `A1000000000${String(n).padStart(2, '0')}`;

export const SAMPLE_ROLL = 'Adno,UPN,Forename,Surname,Year,Reg\r\n1001,A100000000001,Zoë,Quillwick,Year 5,5W\r\n1002,A100000000002,Aoife,O\'Brien,R,RW\r\n';
export const SAMPLE_CONTACTS = 'UPN,Contact Name,Relationship,Phone,May Collect\r\nA100000000001,Ana Quillwick,Mother,07700 900123,Y\r\n';

/** Twelve pupils on roll (upnOf(1..12), adno 1001..1012), a thirteenth who left, two contacts each for the first six, one flagged. */
async function seedRoll(t: TestDb): Promise<void> {
  const roll = Array.from({ length: 13 }, (_, i) => `${1001 + i},${upnOf(i + 1)},Child${i + 1},Quillwick,${i % 7},${i % 7}W`).join('\r\n');
  const r = await dispatch(t.ctx, sessions.admin, 'importRoll', { file: b64(`Adno,UPN,Forename,Surname,Year,Reg\r\n${roll}\r\n`), fileName: 'seed.csv' });
  if (!r.ok) throw new Error(`seedRoll: ${r.error.message}`);
  await dispatch(t.ctx, sessions.admin, 'updatePupil', { id: 13, status: 'left' });
  for (let p = 1; p <= 6; p++) {
    for (const name of ['Ana Quillwick', 'Ben Quillwick']) {
      await dispatch(t.ctx, sessions.admin, 'addContact', { pupilId: p, name, relationship: 'Parent', phone: '07700 900123', mayCollect: true });
    }
  }
  await dispatch(t.ctx, sessions.leadershipDsl, 'setNoContact', { id: 2, noContact: true, category: 'court-order' });
}

const rollRowArb = fc.record({
  adno: fc.integer({ min: 1001, max: 1030 }).map(String),
  upn: fc.oneof(fc.integer({ min: 1, max: 30 }).map(upnOf), fc.constantFrom('', 'BAD', 'a100000000003')),
  forename: fc.oneof(fc.constantFrom('Zoë', 'Aoife', 'Ciarán', '=cmd|calc', ''), textArb(20)),
  surname: fc.oneof(fc.constantFrom("O'Brien", 'Nguyễn', 'Smith, "Jr"', 'Ó Súilleabháin'), textArb(20)),
  year: fc.constantFrom('R', 'Reception', '0', '5', 'Y5', 'Year 05', '7', 'Nursery', ''),
  reg: fc.constantFrom('5W', 'RW', '', '3T'),
});
const rollFileArb = fc
  .tuple(
    fc.constantFrom('Adno,UPN,Forename,Surname,Year,Reg', 'Admission Number,U.P.N.,Legal Forename,Last Name,NC Year,Tutor Group'),
    fc.array(rollRowArb, { minLength: 1, maxLength: 8 }),
    fc.constantFrom<BufferEncoding>('utf8', 'latin1'),
    fc.constantFrom('\r\n', '\n'),
  )
  .map(([header, rows, enc, nl]) => b64(`${header}${nl}${rows.map((r) => [r.adno, r.upn, r.forename, r.surname, r.year, r.reg].map(csvCell).join(',')).join(nl)}${nl}`, enc));
const contactsFileArb = fc
  .array(
    fc.record({
      upn: fc.oneof(fc.integer({ min: 1, max: 15 }).map(upnOf), fc.constant('')),
      name: fc.oneof(fc.constantFrom('Ana Quillwick', 'ben quillwick', 'New Person', ''), textArb(20)),
      phone: fc.constantFrom('07700 900123', '', 'call me', '+44 (0)1843 123456'),
      collect: fc.constantFrom('Y', 'N', 'Yes', 'maybe', ''),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((rows) => b64(`UPN,Contact Name,Phone,May Collect\r\n${rows.map((r) => [r.upn, r.name, r.phone, r.collect].map(csvCell).join(',')).join('\r\n')}\r\n`));
/** Some files are not files at all: random bytes, an empty file, a spreadsheet's signature. */
const notAFileArb = fc.oneof(fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString('base64')), fc.constantFrom('', 'UEsDBAAA', '//4AAA=='));
const fileNameArb = fc.oneof(fc.constantFrom('roll.csv', 'Year 6 roll (final).csv'), textArb(200));
const yearArb = fc.integer({ min: -1, max: 7 });
const upnArb = fc.oneof(fc.constantFrom('A100000000001', ' a100000000020 ', '', 'BAD'), fc.stringMatching(/^[A-Z][0-9]{11}[0-9A-Z]$/));
const adnoArb = fc.oneof(fc.constantFrom('1001', '', '  '), fc.stringMatching(/^[0-9]{1,6}$/), textArb(20));
const phoneArb = fc.oneof(fc.constantFrom('07700 900123', '', '+44 (0)1843 123456', 'call me'), textArb(30));
const pupilIdArb = fc.integer({ min: 1, max: 15 });

// ---- phones ---------------------------------------------------------------------------------------

/**
 * seedRoll, then: pupil 6 (Year 5, contacts 11 and 12) has permission and every pupil on roll a
 * card; with `checkIn`, pupil 6 has checked a phone in. Pupil 4 is in Year 3; 7 in Year 6.
 */
async function seedPhones(t: TestDb, opts: { checkIn?: boolean } = {}): Promise<void> {
  await seedRoll(t);
  const steps = [
    await dispatch(t.ctx, sessions.admin, 'grantPhonePermission', { pupilId: 6, contactId: 11, reason: 'Walks home alone' }),
    await dispatch(t.ctx, sessions.admin, 'cardsForPrint', { all: true }),
    ...(opts.checkIn ? [await dispatch(t.ctx, sessions.admin, 'phoneCheckIn', { pupilId: 6 })] : []),
  ];
  for (const r of steps) if (!r.ok) throw new Error(`seedPhones: ${r.error.message}`);
}
const kindArb = fc.oneof(fc.constantFrom('phone', 'smartwatch', 'tablet', 'other'), fc.constantFrom('laptop', '', 'PHONE'));
const tokenArb = fc.oneof(fc.stringMatching(/^K[PVC][A-Z2-7]{16}$/), fc.constantFrom('kp-aaaa-bbbb-cccc-dddd', 'KPAAAAAAAAAAAAAAAA'), textArb(40));
const phoneDayArb = fc.oneof(fc.constantFrom('2026-11-25', '2026-11-24'), dateArb);
const arrangementArb = fc.record({
  pupilId: pupilIdArb,
  device: textArb(80),
  reason: textArb(200),
  agreedBy: textArb(80),
  agreedOn: fc.oneof(fc.constant('2026-09-01'), dateArb),
  reviewOn: fc.oneof(fc.constant('2027-09-01'), dateArb),
  writtenAgreementReceived: fc.boolean(),
});
// ---- confiscations --------------------------------------------------------------------------------

/** A signature as the pad gives it: a PNG data URL (noise, so it is not trivially small). */
export const SIGNATURE_URL = (() => {
  const png = new PNG({ width: 60, height: 30 });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 7919) % 251;
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
})();
/** seedRoll, then a phone confiscated from pupil 1 (contacts 1 may collect, 2 "must not collect"): record 1. */
async function seedConfiscation(t: TestDb): Promise<void> {
  await seedRoll(t);
  const r = await dispatch(t.ctx, sessions.office, 'recordConfiscation', { pupilId: 1, deviceType: 'phone', description: 'Black phone', power: 'on', ground: 'behaviour', confiscatedBy: 'Mrs Lunch' });
  if (!r.ok) throw new Error(`seedConfiscation: ${r.error.message}`);
}
const localTimeArb = fc.oneof(fc.constant(undefined), fc.constantFrom('2026-11-25T08:00', '2026-11-25T23:59', '2027-01-01T09:00', '2026-02-30T10:00', '2026-11-25 08:00'));
const recordIdArb = fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 3 }));
const nameArb = fc.oneof(fc.constantFrom('Mrs Lunch', 'PC Jane Smith'), textArb(80));
const confiscationArb = fc.record(
  {
    pupilId: pupilIdArb,
    deviceType: fc.constantFrom('phone', 'smartwatch', 'tablet', 'games-console', 'other', 'laptop'),
    description: fc.oneof(fc.constant('Black phone, blue case'), textArb(120)),
    condition: textArb(120),
    power: fc.constantFrom('on', 'off', 'unknown', 'maybe'),
    ground: fc.constantFrom('child-protection', 'behaviour', 'anti-bullying', 'exam', 'suspected-nudes', 'other', 'boredom'),
    groundDetail: textArb(200),
    confiscatedAt: localTimeArb,
    confiscatedBy: nameArb,
    witness: textArb(80),
    location: fc.constantFrom('School office safe', 'Under the desk'),
  },
  { requiredKeys: ['pupilId', 'deviceType', 'description', 'power', 'ground', 'confiscatedBy'] },
);
const validConfiscation = { pupilId: 1, deviceType: 'phone', description: 'Black phone', power: 'on', ground: 'behaviour', confiscatedBy: 'Mrs Lunch' };
const handoverValid = { id: 1, officer: 'PC Jane Smith', shoulderNumber: '1234', crimeReference: 'CR/1', sealNumber: 'EB-1', receiptReceived: true };
const searchValid = { id: 1, authorisedBy: 'Mrs Head', consentFrom: 'learner', consentHow: 'Told why', searchedBy: 'Mr Deputy', present: 'Mrs DSL', sought: 'Bullying messages', found: 'Nothing', outcome: 'nothing-of-concern' };
const confiscationTables = ['confiscations', 'confiscation_events'];

const validArrangement = { pupilId: 5, device: 'Phone for glucose monitoring', reason: 'Type 1 diabetes', agreedBy: 'Ms Head', agreedOn: '2026-09-01', reviewOn: '2027-09-01', writtenAgreementReceived: true };

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
    // a right PIN after wrong ones also ends the screen's streak (its own audit row)
    effect: { tables: ['staff', 'pin_budget'], auditRows: 'any', refusalTables: wrongPinRefusal },
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
    effect: { tables: ['staff', 'secrets', 'pin_budget', 'pin_budget_misses'], auditRows: 'any', refusalTables: wrongPinRefusal },
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
    effect: { tables: ['staff', 'pin_budget'], auditRows: 'any', refusalTables: wrongPinRefusal },
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
  getPinBudget: { ...none, prepare: raiseAlerts },
  clearPinBudget: { ...none, effect: { tables: ['pin_budget', 'pin_budget_misses', 'alerts'], auditRows: 'any' }, prepare: raiseAlerts },
  clearPinBudgetWithRecoveryCode: {
    valid: { recoveryCode: TEST_RECOVERY_CODE },
    arb: fc.record({
      recoveryCode: fc.oneof(
        { arbitrary: fc.constant(TEST_RECOVERY_CODE), weight: 2 },
        { arbitrary: fc.stringMatching(/^[A-Z2-7-]{5,30}$/), weight: 1 },
        { arbitrary: textArb(40), weight: 1 },
      ),
    }),
    effect: { tables: ['pin_budget', 'pin_budget_misses'], auditRows: 'any', refusalTables: wrongPinRefusal },
    prepare: raiseAlerts,
    session: 'kiosk',
  },
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
        backupsWeekly: fc.integer({ min: -1, max: 261 }),
        backupsMonthly: fc.integer({ min: -1, max: 121 }),
        phoneYearGroups: fc.oneof(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }), fc.array(fc.integer({ min: -1, max: 8 }), { maxLength: 8 })),
        phoneSlotMode: fc.constantFrom('fixed', 'next-free', 'random'),
        phoneSlotCount: fc.integer({ min: 0, max: 501 }),
        heldItemsReturnTo: fc.constantFrom('pupil', 'parent-only', 'anyone'),
        leftWithoutPhoneFrom: fc.oneof(fc.constantFrom('15:30', '00:00', '23:59', '24:00', '3:30', '15:60'), fc.stringMatching(/^[0-9]{2}:[0-9]{2}$/)),
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
  // the check's outcome is an audit row (a school only the app wrote passes: no alert)
  checkRecords: { ...none, effect: { tables: [], auditRows: 1 } },
  getFingerprint: none,
  checkFingerprint: {
    valid: { seq: '1', hex: '0123 4567 89AB CDEF' },
    arb: fc.record({
      seq: fc.oneof(fc.constantFrom('1', '2', '18 342', '0', '-1', '1e3', '99999999999999'), textArb(20)),
      hex: fc.oneof(fc.constantFrom('0123456789abcdef', '0123-4567-89AB-CDEF', 'ghijklmnopqrstuv', '0123'), textArb(40)),
    }),
    effect: { tables: [], auditRows: 1 },
  },
  listAudit: {
    valid: { limit: 10 },
    arb: fc.record(
      { entity: textArb(40), entityId: textArb(40), beforeSeq: fc.integer({ min: 1, max: 1000 }), limit: fc.integer({ min: 1, max: 500 }) },
      { requiredKeys: [] },
    ),
    effect: nothing,
  },
  // one row for the backup, and one for each backup the rotation prunes
  backupNow: { ...none, effect: { tables: [], auditRows: 'any' } },
  listBackups: none,
  removeBackup: {
    valid: { backup: 'kiosk-2026-11-25T16-00-00-000Z-daily.sqlite', reason: 'A backup of the old school, restored here by mistake' },
    arb: fc.record({ backup: fc.constantFrom(...OTHER_CHAIN_FILES, '../kiosk.sqlite', 'kiosk.sqlite'), reason: textArb(500) }),
    effect: { tables: [], auditRows: 1 },
    prepare: prepareOtherChainBackups,
  },

  searchPupils: {
    valid: { query: 'zoe' },
    arb: fc.option(
      fc.record(
        { query: fc.oneof(fc.constantFrom('zoe', "o'brien", '%', '_', 'child1 quill'), textArb(80)), includeLeft: fc.boolean(), yearGroup: yearArb, regGroup: textArb(20), limit: fc.integer({ min: 0, max: 5001 }) },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    effect: nothing,
    prepare: seedRoll,
  },
  listClasses: { ...none, prepare: seedRoll },
  getPupil: { valid: { id: 1 }, arb: fc.record({ id: pupilIdArb }), effect: nothing, prepare: seedRoll },
  createPupil: {
    valid: { forename: 'Zoë', surname: 'Quillwick', yearGroup: 5, regGroup: '5W', upn: 'A100000000001', adno: '1001' },
    arb: fc.record(
      { forename: textArb(60), surname: textArb(60), yearGroup: yearArb, regGroup: fc.oneof(fc.constant(''), textArb(20)), upn: upnArb, adno: adnoArb },
      { requiredKeys: ['forename', 'surname', 'yearGroup', 'regGroup'] },
    ),
    effect: { tables: ['pupils'], auditRows: 1 },
  },
  updatePupil: {
    valid: { id: 1, regGroup: '5H' },
    arb: fc.record(
      {
        id: pupilIdArb,
        forename: textArb(60),
        surname: textArb(60),
        yearGroup: yearArb,
        regGroup: textArb(20),
        upn: upnArb,
        adno: adnoArb,
        status: fc.constantFrom('on-roll', 'left', 'gone'),
      },
      { requiredKeys: ['id'] },
    ),
    effect: { tables: ['pupils'], auditRows: 'one-if-changed' },
    prepare: seedRoll,
  },
  previewRollImport: {
    valid: { file: b64(SAMPLE_ROLL), fileName: 'roll.csv' },
    arb: fc.record({ file: fc.oneof({ arbitrary: rollFileArb, weight: 3 }, { arbitrary: notAFileArb, weight: 1 }), fileName: fileNameArb }),
    effect: nothing,
    prepare: seedRoll,
  },
  importRoll: {
    valid: { file: b64(SAMPLE_ROLL), fileName: 'roll.csv' },
    arb: fc.record(
      { file: fc.oneof({ arbitrary: rollFileArb, weight: 3 }, { arbitrary: notAFileArb, weight: 1 }), fileName: fileNameArb, confirmLeavers: fc.integer({ min: -1, max: 30 }) },
      { requiredKeys: ['file', 'fileName'] },
    ),
    effect: { tables: ['pupils', 'imports'], auditRows: 'any' },
  },
  importContacts: {
    valid: { file: b64(SAMPLE_CONTACTS), fileName: 'contacts.csv', save: false },
    arb: fc.record({ file: fc.oneof({ arbitrary: contactsFileArb, weight: 3 }, { arbitrary: notAFileArb, weight: 1 }), fileName: fileNameArb, save: fc.boolean() }),
    effect: { tables: ['contacts', 'imports'], auditRows: 'any' },
    prepare: seedRoll,
  },
  exportRoll: {
    valid: {},
    arb: fc.option(fc.record({ includeLeft: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
    effect: { tables: [], auditRows: 1 },
    prepare: seedRoll,
  },
  exportContacts: { ...none, effect: { tables: [], auditRows: 1 }, prepare: seedRoll },
  addContact: {
    valid: { pupilId: 1, name: 'Ana Quillwick', relationship: 'Mother', phone: '07700 900123', mayCollect: true },
    arb: fc.record({ pupilId: pupilIdArb, name: textArb(80), relationship: fc.oneof(fc.constant(''), textArb(40)), phone: phoneArb, mayCollect: fc.boolean() }),
    effect: { tables: ['contacts'], auditRows: 1 },
    prepare: seedRoll,
  },
  updateContact: {
    valid: { id: 1, phone: '01843 123456' },
    arb: fc.record(
      { id: fc.integer({ min: 1, max: 14 }), name: fc.oneof(fc.constantFrom('Ana Quillwick', 'Ben Quillwick'), textArb(80)), relationship: textArb(40), phone: phoneArb, mayCollect: fc.boolean() },
      { requiredKeys: ['id'] },
    ),
    effect: { tables: ['contacts'], auditRows: 'one-if-changed' },
    prepare: seedRoll,
  },
  removeContact: { valid: { id: 1 }, arb: fc.record({ id: fc.integer({ min: 1, max: 14 }) }), effect: { tables: ['contacts'], auditRows: 1 }, prepare: seedRoll },
  setNoContact: {
    valid: { id: 1, noContact: true, category: 'court-order' },
    arb: fc.oneof(
      fc.record({ id: fc.integer({ min: 1, max: 14 }), noContact: fc.constant(true), category: fc.constantFrom('court-order', 'other-safeguarding', 'other') }),
      fc.record({ id: fc.integer({ min: 1, max: 14 }), noContact: fc.constantFrom(false, 'no') }),
    ),
    effect: { tables: ['contacts'], auditRows: 'one-if-changed' },
    prepare: seedRoll,
    session: 'leadershipDsl',
  },
  issueCard: { valid: { pupilId: 1 }, arb: fc.record({ pupilId: pupilIdArb }), effect: { tables: ['pupil_cards'], auditRows: 1 }, prepare: seedRoll },
  cardsForPrint: {
    valid: { all: true },
    arb: fc.oneof(
      fc.record({ pupilIds: fc.array(pupilIdArb, { minLength: 0, maxLength: 5 }) }),
      fc.record({ regGroup: fc.oneof(fc.constantFrom('5W', '1w', '9Z'), textArb(20)) }),
      fc.constantFrom({ all: true }, { all: false }, { phones: true }, { phones: false }),
    ),
    effect: { tables: ['pupil_cards'], auditRows: 'any' },
    prepare: seedRoll,
  },
  lookupCard: {
    valid: { token: 'KPAAAAAAAAAAAAAAAA' },
    arb: fc.record({ token: fc.oneof(fc.stringMatching(/^K[PV][A-Z2-7]{16}$/), textArb(40)) }),
    effect: nothing,
    prepare: async (t) => {
      await seedRoll(t);
      await dispatch(t.ctx, sessions.admin, 'cardsForPrint', { all: true });
    },
  },

  getPhoneDesk: { ...none, prepare: (t) => seedPhones(t, { checkIn: true }) },
  phoneCheckIn: {
    valid: { pupilId: 6 },
    arb: fc.oneof(fc.constant({ pupilId: 6 }), fc.record({ pupilId: pupilIdArb, kind: kindArb }, { requiredKeys: ['pupilId'] }), fc.record({ token: tokenArb, kind: kindArb }, { requiredKeys: ['token'] })),
    effect: { tables: ['phone_items', 'phone_slots'], auditRows: 1 },
    prepare: (t) => seedPhones(t),
  },
  phoneAddItem: {
    valid: { pupilId: 6, kind: 'smartwatch' },
    arb: fc.record({ pupilId: fc.oneof(fc.constant(6), pupilIdArb), kind: kindArb, description: fc.oneof(fc.constant(''), textArb(80)) }, { requiredKeys: ['pupilId', 'kind'] }),
    effect: { tables: ['phone_items'], auditRows: 1 },
    prepare: (t) => seedPhones(t, { checkIn: true }),
  },
  phoneTakeIn: {
    valid: { pupilId: 4, kind: 'smartwatch' },
    arb: fc.oneof(
      fc.record({ pupilId: pupilIdArb, kind: kindArb, description: textArb(80) }, { requiredKeys: ['pupilId', 'kind'] }),
      fc.record({ token: tokenArb, kind: kindArb }),
    ),
    effect: { tables: ['phone_items'], auditRows: 1 },
    prepare: (t) => seedPhones(t),
  },
  phoneCheckOut: {
    valid: { pupilId: 6, collectedBy: 'pupil' },
    arb: fc.oneof(
      fc.constant({ pupilId: 6, collectedBy: 'contact', contactId: 12 }),
      fc.record({ token: tokenArb }),
      fc.record({ pupilId: pupilIdArb, collectedBy: fc.constantFrom('pupil', 'parent') }),
      fc.record({ pupilId: pupilIdArb, collectedBy: fc.constant('contact'), contactId: fc.integer({ min: 1, max: 14 }) }),
    ),
    effect: { tables: ['phone_items'], auditRows: 'any' },
    prepare: (t) => seedPhones(t, { checkIn: true }),
  },
  getHomeTime: { ...none, prepare: (t) => seedPhones(t, { checkIn: true }) },
  getPhoneRegister: { ...none, prepare: (t) => seedPhones(t, { checkIn: true }) },
  getPupilPhones: { valid: { pupilId: 6 }, arb: fc.record({ pupilId: pupilIdArb }), effect: nothing, prepare: (t) => seedPhones(t, { checkIn: true }) },
  grantPhonePermission: {
    valid: { pupilId: 6, contactId: 11, reason: 'Walks home alone' },
    arb: fc.oneof(
      fc.constant({ pupilId: 6, contactId: 12, reason: 'Walks home alone' }),
      fc.record({ pupilId: pupilIdArb, contactId: fc.integer({ min: 1, max: 14 }), reason: textArb(200) }),
    ),
    effect: { tables: ['phone_permissions'], auditRows: 1 },
    prepare: seedRoll,
  },
  withdrawPhonePermission: {
    valid: { pupilId: 6, reason: 'Parent asked' },
    arb: fc.oneof(fc.constant({ pupilId: 6, reason: 'Parent asked' }), fc.record({ pupilId: pupilIdArb, reason: textArb(200) })),
    effect: { tables: ['phone_permissions', 'phone_slots'], auditRows: 1 },
    prepare: (t) => seedPhones(t, { checkIn: true }),
  },
  setDeviceArrangement: {
    valid: validArrangement,
    arb: fc.oneof(fc.constant(validArrangement), arrangementArb),
    effect: { tables: ['device_arrangements'], auditRows: 1 },
    prepare: seedRoll,
  },
  endDeviceArrangement: {
    valid: { pupilId: 5 },
    arb: fc.record({ pupilId: fc.oneof(fc.constant(5), pupilIdArb) }),
    effect: { tables: ['device_arrangements'], auditRows: 1 },
    prepare: async (t) => {
      await seedRoll(t);
      await dispatch(t.ctx, sessions.admin, 'setDeviceArrangement', validArrangement);
    },
  },
  getPhoneLog: { valid: { day: '2026-11-25' }, arb: fc.option(fc.record({ day: phoneDayArb }, { requiredKeys: [] }), { nil: undefined }), effect: nothing, prepare: (t) => seedPhones(t, { checkIn: true }) },
  exportPhoneLog: {
    valid: { day: '2026-11-25' },
    arb: fc.option(fc.record({ day: phoneDayArb }, { requiredKeys: [] }), { nil: undefined }),
    effect: { tables: [], auditRows: 1 },
    prepare: (t) => seedPhones(t, { checkIn: true }),
  },
  getPhoneTerm: {
    valid: { from: '2026-09-01', to: '2026-12-18' },
    arb: fc.record({ from: phoneDayArb, to: phoneDayArb }),
    effect: nothing,
    prepare: (t) => seedPhones(t, { checkIn: true }),
  },

  listConfiscations: {
    valid: { status: 'held' },
    arb: fc.option(
      fc.record({ status: fc.constantFrom('held', 'on-hold', 'police', 'released', 'open', 'lost'), pupilId: pupilIdArb, regGroup: textArb(20), name: textArb(80), from: dateArb, to: dateArb }, { requiredKeys: [] }),
      { nil: undefined },
    ),
    effect: nothing,
    prepare: seedConfiscation,
  },
  getConfiscation: { valid: { id: 1 }, arb: fc.record({ id: recordIdArb }), effect: nothing, prepare: seedConfiscation },
  listDslViews: {
    valid: { from: '2026-11-01', to: '2026-11-30' },
    arb: fc.option(fc.record({ from: dateArb, to: dateArb }, { requiredKeys: [] }), { nil: undefined }),
    effect: nothing,
    session: 'officeDsl',
    // a hold with a reason, then the DSL reads the record: one view to list
    prepare: async (t) => {
      await seedConfiscation(t);
      await dispatch(t.ctx, sessions.officeDsl, 'setConfiscationHold', { id: 1, hold: true, reason: 'Evidence' });
      const r = await dispatch(t.ctx, sessions.officeDsl, 'getConfiscation', { id: 1 });
      if (!r.ok) throw new Error(`listDslViews: ${r.error.message}`);
    },
  },
  // random tokens never match the seeded slip's: refused every time here (a real slip opens its record in test/api/confiscations.test.ts)
  findConfiscationSlip: { valid: { token: 'KCAAAAAAAAAAAAAAAA' }, arb: fc.record({ token: tokenArb }), effect: { ...nothing, alwaysRefused: true }, prepare: seedConfiscation },
  exportConfiscations: {
    valid: {},
    arb: fc.option(
      fc.record({ status: fc.constantFrom('held', 'on-hold', 'police', 'with-police', 'released', 'open'), pupilId: pupilIdArb, regGroup: textArb(20), name: textArb(80), from: dateArb, to: dateArb }, { requiredKeys: [] }),
      { nil: undefined },
    ),
    effect: { tables: [], auditRows: 1 },
    prepare: seedConfiscation,
  },
  getReleaseSignature: {
    valid: { eventId: 2 },
    arb: fc.record({ eventId: fc.integer({ min: 1, max: 4 }) }),
    effect: nothing,
    prepare: async (t) => {
      await seedConfiscation(t);
      await dispatch(t.ctx, sessions.office, 'releaseConfiscated', { id: 1, contactId: 1, identity: 'known-to-staff', signature: SIGNATURE_URL });
    },
  },
  recordConfiscation: {
    valid: validConfiscation,
    arb: fc.oneof(fc.constant(validConfiscation), confiscationArb),
    effect: { tables: confiscationTables, auditRows: 1 },
    prepare: seedRoll,
  },
  moveConfiscated: {
    valid: { id: 1, to: 'With the DSL' },
    arb: fc.record({ id: recordIdArb, to: fc.constantFrom('With the DSL', 'School office safe', 'Bin'), at: localTimeArb, note: textArb(120) }, { requiredKeys: ['id', 'to'] }),
    effect: { tables: confiscationTables, auditRows: 1 },
    prepare: seedConfiscation,
  },
  recordParentsInformed: {
    valid: { id: 1, how: 'phone', informedBy: 'Mrs Office' },
    arb: fc.record({ id: recordIdArb, how: fc.constantFrom('phone', 'in-person', 'email', 'letter', 'text-message', 'pigeon'), informedBy: nameArb, at: localTimeArb }, { requiredKeys: ['id', 'how', 'informedBy'] }),
    effect: { tables: ['confiscation_events'], auditRows: 1 },
    prepare: seedConfiscation,
  },
  recordParentsNotInformed: {
    valid: { id: 1, decidedBy: 'Dee (DSL)', reason: 'Risk to the child' },
    arb: fc.record({ id: recordIdArb, decidedBy: nameArb, reason: textArb(200) }),
    effect: { tables: ['confiscation_events'], auditRows: 1 },
    prepare: seedConfiscation,
    session: 'officeDsl',
  },
  recordDslInformed: {
    valid: { id: 1, reference: 'CPOMS 123' },
    arb: fc.record({ id: recordIdArb, at: localTimeArb, reference: textArb(40) }, { requiredKeys: ['id'] }),
    effect: { tables: ['confiscation_events'], auditRows: 1 },
    prepare: seedConfiscation,
  },
  recordExamReport: {
    valid: { id: 1, examBody: 'STA', reportedOn: '2026-11-25' },
    arb: fc.record({ id: recordIdArb, examBody: nameArb, reportedOn: phoneDayArb }),
    effect: { tables: ['confiscation_events'], auditRows: 1 },
    prepare: seedConfiscation,
  },
  recordSearch: {
    valid: searchValid,
    arb: fc.oneof(
      fc.constant(searchValid),
      fc.record({
        id: recordIdArb,
        authorisedBy: nameArb,
        consentFrom: fc.constantFrom('learner', 'parent', 'friend'),
        consentContactId: fc.integer({ min: 1, max: 14 }),
        consentHow: textArb(200),
        searchedBy: nameArb,
        present: textArb(200),
        sought: textArb(200),
        found: textArb(200),
        outcome: fc.constantFrom('nothing-of-concern', 'content-deleted', 'suspected-illegal', 'suspected-nudes', 'fine'),
        followUp: textArb(200),
      }),
    ),
    effect: { tables: ['confiscation_events'], auditRows: 1 },
    prepare: seedConfiscation,
    session: 'leadershipDsl',
  },
  recordUkcisSteps: {
    valid: { id: 1, notViewed: true, turnedOffAndSecured: true, dslInformed: true },
    arb: fc.record({ id: recordIdArb, notViewed: fc.boolean(), turnedOffAndSecured: fc.boolean(), dslInformed: fc.boolean() }),
    effect: { tables: ['confiscation_events'], auditRows: 1 },
    prepare: seedConfiscation,
    session: 'leadershipDsl',
  },
  recordUkcisDecision: {
    valid: { id: 1, decision: 'social-care' },
    arb: fc.record(
      { id: recordIdArb, decision: fc.constantFrom('social-care', 'police', 'social-care-and-police', 'in-school', 'ignore'), noImmediateReferral: fc.boolean(), at: localTimeArb },
      { requiredKeys: ['id', 'decision'] },
    ),
    effect: { tables: ['confiscation_events'], auditRows: 1 },
    // record 1 with suspected nude images as its ground: the only kind a decision is for
    prepare: async (t) => {
      await seedRoll(t);
      const r = await dispatch(t.ctx, sessions.office, 'recordConfiscation', { ...validConfiscation, ground: 'suspected-nudes' });
      if (!r.ok) throw new Error(`seed: ${r.error.message}`);
    },
    session: 'officeDsl',
  },
  // a DSL: anyone else may print a record's slip only once (then only a DSL reprints it)
  issueConfiscationSlip: { valid: { id: 1 }, arb: fc.record({ id: recordIdArb }), effect: { tables: ['confiscation_events'], auditRows: 1 }, prepare: seedConfiscation, session: 'officeDsl' },
  handToPolice: {
    valid: handoverValid,
    arb: fc.oneof(fc.constant(handoverValid), fc.record({ id: recordIdArb, officer: nameArb, shoulderNumber: textArb(20), crimeReference: textArb(40), sealNumber: textArb(40), at: localTimeArb, receiptReceived: fc.boolean() }, { requiredKeys: ['id', 'officer', 'shoulderNumber', 'crimeReference', 'sealNumber', 'receiptReceived'] })),
    effect: { tables: confiscationTables, auditRows: 1 },
    prepare: seedConfiscation,
    session: 'officeDsl',
  },
  recordPoliceOutcome: {
    valid: { id: 1, returned: false },
    arb: fc.oneof(fc.record({ id: recordIdArb, returned: fc.constant(false) }), fc.record({ id: recordIdArb, returned: fc.constant(true), returnedBy: nameArb, to: fc.constantFrom('School office safe', 'Bin') })),
    effect: { tables: confiscationTables, auditRows: 1 },
    prepare: async (t) => {
      await seedConfiscation(t);
      await dispatch(t.ctx, sessions.officeDsl, 'handToPolice', handoverValid);
    },
    session: 'officeDsl',
  },
  setConfiscationHold: {
    valid: { id: 1, hold: true, reason: 'Release only with DSL agreement' },
    arb: fc.record({ id: recordIdArb, hold: fc.boolean(), reason: textArb(200) }, { requiredKeys: ['id', 'hold'] }),
    effect: { tables: confiscationTables, auditRows: 1 },
    prepare: seedConfiscation,
    session: 'officeDsl',
  },
  releaseConfiscated: {
    valid: { id: 1, contactId: 1, identity: 'known-to-staff', signature: SIGNATURE_URL },
    arb: fc.oneof(
      fc.constant({ id: 1, contactId: 1, identity: 'passport', signature: SIGNATURE_URL }),
      fc.record({ id: recordIdArb, contactId: fc.integer({ min: 1, max: 14 }), identity: fc.constantFrom('known-to-staff', 'passport', 'library-card'), signature: fc.constantFrom(SIGNATURE_URL, TINY_PNG, 'data:image/png;base64,', 'x') }),
      fc.record({ id: recordIdArb, name: nameArb, relationship: textArb(40), reason: textArb(200), identity: fc.constantFrom('driving-licence', 'other-photo-id'), signature: fc.constant(SIGNATURE_URL) }),
    ),
    effect: { tables: [...confiscationTables, 'confiscation_signatures'], auditRows: 1 },
    prepare: seedConfiscation,
  },
  amendConfiscation: {
    valid: { id: 1, field: 'description', to: 'Black Samsung phone', reason: 'Wrong make' },
    arb: fc.record({ id: recordIdArb, field: fc.constantFrom('description', 'condition', 'confiscatedBy', 'witness', 'ground'), to: textArb(120), reason: textArb(200) }),
    effect: { tables: confiscationTables, auditRows: 1 },
    prepare: seedConfiscation,
  },
  ...visitorInputs(textArb, dateArb, SIGNATURE_URL),
} as const satisfies Record<ChannelName, ChannelInputs>;
