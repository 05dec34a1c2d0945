/**
 * The contract: every channel the pages may call, with its input schema, its result type and the
 * access it needs. main.ts registers one IPC handler per channel, the preload exposes one method
 * per channel on window.kiosk, and the preview server answers the same channels over HTTP. All of
 * them pass through dispatch(), which checks access, validates and calls the handler.
 *
 * Adding a channel: add it here (schema, access, one-line doc), in channels.ts, its handler in
 * handlers/, its row in test/api/access.test.ts, and its arbitraries in test/api/fuzz.test.ts.
 * The renderer imports only types from this file.
 */
import type { AuditRow, AuditVerdict } from '../../db/audit';
import type { BackupInfo } from '../../db/backup';
import { fingerprintHexProblem, parseFingerprintHex, parseFingerprintSeq } from '../../db/fingerprint';
import type { Fingerprint, FingerprintVerdict, WitnessReport } from '../../db/witnesses';
import type { Closure } from '../../db/calendar';
import type { DatabaseOpenCause } from '../../db/errors';
import type { StoredClosure } from '../../db/closures';
import type { Settings } from '../../db/settings';
import type { OpenAlert } from '../../db/alerts';
import type { CheckReport } from '../../db/record-check-run';
import type { LowDiskSpace } from './disk-space';
import type { StaffMember } from '../../db/staff';
import type { NotCollectedItem } from '../../db/phones';
import type { ConfiscationRecord } from '../../db/confiscations';
import { backupFileName, colour, id, isoDate, logoDataUrl, newPin, none, pin, recoveryCode, role, text, timeZone, wholeNumber } from './fields';
import type { Role } from './session';
import { channel, type ChannelSpec } from './channel';
import { confiscationChannels } from './contracts/confiscations';
import { phoneChannels } from './contracts/phones';
import { pupilChannels } from './contracts/pupils';
import { screenChannels } from './contracts/screens';
import { VISITOR_SETTINGS, visitorChannels } from './contracts/visitors';
import { z } from './zod';

export type { ChannelSpec };
export type * from './contracts/pupils';
export type * from './contracts/phones';
export type * from './contracts/confiscations';
export type * from './contracts/visitors';
export type * from './contracts/screens';

// ---- result types the pages see ---------------------------------------------------------------

export interface AppStatus {
  schoolName: string;
  accentColour: string;
  /** The school's logo as a data: URL, or null. */
  logo: string | null;
  /** No staff account exists yet: the first-run setup screen is due. */
  setupNeeded: boolean;
}

/** publicScreen: this window is the visitor-facing screen of a two-screen desk (no way in for staff there). */
export type SessionInfo = { kind: 'kiosk'; publicScreen?: boolean } | { kind: 'staff'; staffId: number; role: Role; dsl: boolean };

export interface SchoolDay {
  date: string;
  isSchoolDay: boolean;
  closure: Closure | null;
  /** null when none falls within 400 days (closures overlapping for over a year). */
  nextSchoolDay: string | null;
  previousSchoolDay: string | null;
}

export interface StaffName {
  id: number;
  name: string;
}

export interface SetupResult {
  admin: StaffName;
  /** Shown once, to print and keep safe: it resets an admin PIN if every admin has forgotten theirs. */
  recoveryCode: string;
}

export interface TodaySummary {
  day: SchoolDay;
  alerts: OpenAlert[];
  /** When the automatic checks last found nothing wrong (for the 'records-changed' alert's words). */
  lastGoodCheckAt?: string | null;
  phones: {
    checkedInToday: number;
    /** Items held in the office now (any day). */
    heldNow: number;
    slotsFree: number;
    /** Items handed in on an earlier day and still held: flagged until collected. */
    notCollected: NotCollectedItem[];
    /** Exceptional arrangements whose review date has passed. */
    reviewsOverdue: number;
  };
  confiscations: {
    /** Devices held in school now (not with the police, not released). */
    held: number;
    /** Those held, oldest first, with days held and the warning past the days in Settings. */
    oldest: ConfiscationRecord[];
  };
  visitors: {
    /** Signed in and on site now (including those marked as staying). */
    onSite: number;
    /** Waiting at reception after a not-permitted match. */
    waiting: number;
    /** Invitations expected today and not yet arrived. */
    expectedToday: number;
    /** Visits closed as "not signed out" that the office has not checked. */
    notSignedOut: number;
    /** A roll call under way, if any. */
    rollCallId: number | null;
  };
  /** For administrators only: the data folder's disk is short of space (null otherwise). */
  lowDiskSpace: LowDiskSpace | null;
}

/** This screen's budget of wrong answers (db/pin-budget.ts): whole seconds to wait, 0 when one may be tried. */
export interface PinBudget {
  waitSeconds: number;
  recoveryCodeWaitSeconds: number;
}

export interface ClosureImport {
  rows: { line: number; startsOn: string; endsOn: string; label: string }[];
  problems: { line: number; message: string }[];
  saved: number;
}

/** When the database cannot be opened, the app starts in recovery mode and offers its backups. */
export type RecoveryStatus =
  | { needed: false }
  | {
      needed: true;
      reason: DatabaseOpenCause;
      message: string;
      file: string;
      backups: BackupSummary[];
    };

export type Paper = 'a4' | 'label62';

/** 'browser': the page must print itself (window.print); 'printer': the app sent it to a printer. */
export type PrintOutcome = { via: 'browser' } | { via: 'printer'; printed: true } | { via: 'printer'; printed: false; message: string };

export type BackupSummary = Omit<BackupInfo, 'path'>;

export interface BackupStatus {
  folder: string;
  /** Daily backups kept (the rotation's days; kept for older pages). */
  kept: number;
  /** How backups rotate by age (the floor applied), and the floor of daily backups no setting lowers. */
  rotation: { daily: number; weekly: number; monthly: number };
  minDaily: number;
  /** otherChain: a backup of another school's records (another audit chain), never pruned by the rotation. */
  backups: (BackupSummary & { otherChain: boolean })[];
}

// ---- the channels -----------------------------------------------------------------------------

const settingsPatch = z.strictObject({
  schoolName: text('School name', { max: 120 }).optional(),
  accentColour: colour('Accent colour').optional(),
  idleLockMinutes: wholeNumber('Idle lock time (minutes)', 1, 60).optional(),
  timeZone: timeZone('Time zone').optional(),
  // empty means the default folder (null); the transform runs only when the field is sent
  backupDir: text('Backup folder', { max: 500, min: 0 })
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\'), {
      error: 'Backup folder must be a full path, such as D:\\Kiosk backups.',
    })
    .optional(),
  // the floor (MIN_DAILY_BACKUPS, 7) is also enforced in db/settings.ts
  backupsKept: wholeNumber('Daily backups kept', 7, 365).optional(),
  backupsWeekly: wholeNumber('Weekly backups kept', 0, 260).optional(),
  backupsMonthly: wholeNumber('Monthly backups kept', 0, 120).optional(),
  phoneYearGroups: z
    .array(wholeNumber('Year group', 0, 6), { error: 'Choose the year groups.' })
    .max(7)
    .refine((a) => new Set(a).size === a.length, { error: 'Choose each year group once.' })
    .transform((a) => [...a].sort((x, y) => x - y))
    .optional(),
  phoneSlotMode: z.enum(['fixed', 'next-free'], { error: 'Slots must be “own slot” or “next free slot”.' }).optional(),
  phoneSlotCount: wholeNumber('Number of slots', 1, 500).optional(),
  heldItemsReturnTo: z.enum(['pupil', 'parent-only'], { error: 'Choose who items taken in go back to.' }).optional(),
  confiscationLocations: z
    .array(text('Place', { max: 80 }), { error: 'List the places devices may be held.' })
    .min(1, { error: 'Keep at least one place devices may be held.' })
    .max(12, { error: 'List 12 places at most.' })
    .refine((a) => new Set(a.map((x) => x.toLowerCase())).size === a.length, { error: 'List each place once.' })
    .refine((a) => !a.some((x) => ['with the dsl', 'with the police', 'released'].includes(x.toLowerCase())), { error: 'That name is kept for the register’s own use.' })
    .optional(),
  confiscationWarnDays: wholeNumber('Warn after (days)', 1, 60).optional(),
  leftWithoutPhoneFrom: z
    .string({ error: '“Left without phone” time must be a time like 15:30.' })
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: '“Left without phone” time must be a time like 15:30.' })
    .optional(),
  ...VISITOR_SETTINGS,
});

const staffFields = {
  name: text('Name', { max: 80 }),
  role: role('Role'),
  dsl: z.boolean({ error: 'Say whether this person is a DSL.' }),
};

export const contract = {
  getAppStatus: channel<AppStatus>()(['kiosk'], none, 'School name, colour and logo for the public screen; whether first-run setup is due.'),
  getSession: channel<SessionInfo>()(['kiosk'], none, 'Who this window is signed in as (the kiosk, or a staff member).'),

  // ---- first run, unlocking and locking (the page reloads after each change of session)
  setupSchool: channel<SetupResult>()(
    ['kiosk'],
    z.strictObject({ schoolName: text('School name', { max: 120 }), adminName: text('Your name', { max: 80 }), pin: newPin('PIN') }),
    'First run only: name the school and create the first administrator; returns the recovery code, once.',
  ),
  listUnlockNames: channel<StaffName[]>()(['kiosk'], none, 'The names to pick from on the unlock screen (active staff with a PIN).'),
  unlock: channel<SessionInfo>()(['kiosk'], z.strictObject({ staffId: id('Name'), pin: pin('PIN') }), 'Unlock the staff console with a PIN.'),
  lock: channel<{ locked: true }>()(['kiosk'], none, 'Lock the staff console (back to the public screen).'),
  recoverAdminPin: channel<{ recoveryCode: string }>()(
    ['kiosk'],
    z.strictObject({ staffId: id('Name'), recoveryCode: recoveryCode('Recovery code'), newPin: newPin('New PIN') }),
    "Reset an administrator's PIN with the school's recovery code; returns a new recovery code (the old one stops working).",
  ),

  // ---- recovery mode (the database could not be opened): answered in normal mode too
  getRecoveryStatus: channel<RecoveryStatus>()(['kiosk'], none, 'Whether the app is in recovery mode, why, and the verified backups it can restore.'),
  listRecoveryAdmins: channel<StaffName[]>()(
    ['kiosk'],
    z.strictObject({ backup: backupFileName('Backup') }),
    'Recovery mode: the administrators recorded in a backup, to authorise restoring it.',
  ),
  restoreBackup: channel<{ restored: true; movedAside: string | null }>()(
    ['kiosk'],
    z.union([
      z.strictObject({ backup: backupFileName('Backup'), staffId: id('Administrator'), pin: pin('PIN') }),
      z.strictObject({ backup: backupFileName('Backup'), recoveryCode: recoveryCode('Recovery code') }),
    ]),
    "Recovery mode: restore a verified backup, authorised by an administrator's PIN or the recovery code recorded in it; the damaged file is kept aside.",
  ),

  // ---- printing (badges print from the kiosk, so kiosk access; the layout route is checked)
  print: channel<PrintOutcome>()(
    ['kiosk'],
    z.strictObject({
      route: z
        .string()
        .max(300)
        .regex(/^\/print\/[a-z0-9-]+(\?[A-Za-z0-9=&%_.-]*)?$/, { error: 'That is not a print layout.' }),
      paper: z.enum(['a4', 'label62'], { error: 'Paper must be A4 or a 62 mm label.' }),
    }),
    'Print a layout route on the A4 or label printer; in the browser preview the page prints itself.',
  ),

  newTestToken: channel<{ token: string }>()(['staff'], none, 'A fresh print-test token (not stored), for the printer test page.'),

  // ---- the staff console
  getToday: channel<TodaySummary>()(['staff'], none, 'The Today page: the school day and open alerts (later features add their counters).'),
  resolveAlert: channel<{ resolved: number }>()(
    ['staff'],
    // the note is required for a 'records-changed' alert (db/alerts.ts), and kept with it
    z.strictObject({ id: id('Alert'), note: text('Note', { max: 1000, multiline: true }).optional() }),
    'Mark an alert as dealt with.',
  ),
  changeOwnPin: channel<{ changed: true }>()(
    ['staff'],
    z.strictObject({ currentPin: pin('Current PIN'), newPin: newPin('New PIN') }),
    'Change your own PIN.',
  ),

  // ---- staff accounts (admin)
  listStaff: channel<StaffMember[]>()(
    ['admin'],
    z.strictObject({ includeInactive: z.boolean().optional() }).optional(),
    'Staff accounts with their role, DSL flag and sign-in state.',
  ),
  createStaff: channel<StaffMember>()(['admin'], z.strictObject({ ...staffFields, pin: newPin('PIN') }), 'Add a staff account with its first PIN.'),
  updateStaff: channel<StaffMember>()(
    ['admin'],
    z.strictObject({
      id: id('Staff member'),
      name: staffFields.name.optional(),
      role: staffFields.role.optional(),
      dsl: staffFields.dsl.optional(),
      active: z.boolean({ error: 'Say whether the account is active.' }).optional(),
    }),
    'Rename, change role or DSL flag, deactivate or reactivate a staff account.',
  ),
  resetStaffPin: channel<{ reset: number }>()(['admin'], z.strictObject({ id: id('Staff member'), pin: newPin('New PIN') }), "Set a staff member's PIN."),
  newRecoveryCode: channel<{ recoveryCode: string }>()(['admin'], none, 'Replace the recovery code; returns the new one, once.'),
  setLogo: channel<{ logo: string | null }>()(['admin'], z.strictObject({ logo: logoDataUrl('Logo').nullable() }), "Set or remove the school's logo."),
  importClosures: channel<ClosureImport>()(
    ['admin'],
    z.strictObject({ csv: text('CSV file', { max: 200_000, multiline: true }), save: z.boolean() }),
    'Check (save: false) or import (save: true) term dates and closures from a CSV: first day, last day, name.',
  ),

  getPinBudget: channel<PinBudget>()(['kiosk'], none, 'How long this screen must wait before a PIN (or the recovery code) is checked again.'),
  clearPinBudget: channel<{ cleared: boolean }>()(
    ['admin', 'dsl'],
    none,
    'End the wait after wrong PINs on every screen (and deal with their wrong-PIN alerts); an administrator or DSL at the console.',
  ),
  clearPinBudgetWithRecoveryCode: channel<PinBudget>()(
    ['kiosk'],
    z.strictObject({ recoveryCode: recoveryCode('Recovery code') }),
    "End the wait after wrong PINs on this screen with the school's recovery code (its own, stricter budget).",
  ),
  getSettings: channel<Settings>()(['staff'], none, "The school's settings."),
  updateSettings: channel<Settings>()(['admin'], settingsPatch, 'Change some settings; returns all of them.'),

  getSchoolDay: channel<SchoolDay>()(
    ['staff'],
    z.strictObject({ date: isoDate('Date').optional() }).optional(),
    'Whether a date (default today) is a school day, and the school days either side.',
  ),
  listClosures: channel<StoredClosure[]>()(
    ['staff'],
    z.strictObject({ from: isoDate('From').optional(), to: isoDate('To').optional() }).optional(),
    'Term breaks, bank holidays and other closures.',
  ),
  addClosure: channel<StoredClosure>()(
    ['admin'],
    z.strictObject({ startsOn: isoDate('First day'), endsOn: isoDate('Last day'), label: text('Name', { max: 80 }) }),
    'Add a closure (inclusive dates).',
  ),
  removeClosure: channel<{ removed: number }>()(['admin'], z.strictObject({ id: id('Closure') }), 'Remove a closure.'),

  verifyAudit: channel<AuditVerdict & { witnesses: WitnessReport }>()(
    ['admin'],
    none,
    'Check the whole audit chain and its anchor, and its witnesses: every backup of these records still held by the trail, none gone without its pruning recorded.',
  ),
  checkRecords: channel<CheckReport & { lastGoodAt: string | null }>()(
    ['admin'],
    none,
    'Run every check now (the records against their audited states, the trail, the backups), on a worker thread; a failure raises the alert.',
  ),
  // any member of staff prints registers and roll calls, and each print carries it at its foot
  getFingerprint: channel<Fingerprint | null>()(['staff'], none, 'The chain fingerprint: the newest audit row’s number and the first 16 hex characters of its hash.'),
  checkFingerprint: channel<FingerprintVerdict>()(
    ['admin'],
    z.strictObject({
      seq: text('Sequence number', { max: 20 })
        .refine((s) => parseFingerprintSeq(s) !== null, { error: 'The sequence number is the whole number before the dash, such as 18342.' })
        .transform((s) => parseFingerprintSeq(s)!),
      hex: text('Check code', { max: 40 })
        .superRefine((s, ctx) => {
          const problem = fingerprintHexProblem(s);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .transform((s) => parseFingerprintHex(s)!),
    }),
    'Check a fingerprint typed in from paper against the trail (audited): whether it still holds that row with that hash.',
  ),
  // without the hashes: a hash over few possible values (a "must not collect" category, a UKCIS
  // decision) would tell an administrator what only a DSL may read; verifyAudit checks them instead
  listAudit: channel<Omit<AuditRow, 'valuesHash' | 'hash' | 'prevHash'>[]>()(
    ['admin'],
    z
      .strictObject({
        entity: text('Record type', { max: 40 }).optional(),
        entityId: text('Record id', { max: 40 }).optional(),
        beforeSeq: id('Position').optional(),
        limit: wholeNumber('Number of rows', 1, 500).optional(),
      })
      .optional(),
    'The audit log, newest first: who did what to which record, and the names of the fields changed (no values, no hashes).',
  ),

  backupNow: channel<BackupSummary>()(['admin'], none, 'Take a verified backup now.'),
  listBackups: channel<BackupStatus>()(['admin'], none, 'The backup folder, how backups rotate, and its verified backups, newest first.'),
  removeBackup: channel<{ removed: string }>()(
    ['admin'],
    z.strictObject({ backup: backupFileName('Backup'), reason: text('Reason', { max: 500, min: 10 }) }),
    "Remove a backup of another school's records (another audit chain), with a written reason (audited); this school's own backups go only by the rotation.",
  ),

  ...pupilChannels,
  ...phoneChannels,
  ...confiscationChannels,
  ...visitorChannels,
  ...screenChannels,
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type InputOf<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ResultOf<K extends ChannelName> = Contract[K] extends ChannelSpec<z.ZodType, infer R> ? R : never;

/**
 * DISK_FULL: a change hit a full disk and nothing was saved (staff sessions). UNAVAILABLE: the
 * public screen's only answer to the same, never saying why ("please see the office").
 */
export type ApiErrorCode = 'UNKNOWN_CHANNEL' | 'LOCKED' | 'FORBIDDEN' | 'INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'RULE' | 'BUSY' | 'DISK_FULL' | 'UNAVAILABLE' | 'INTERNAL';
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** The input field the message is about, as a dotted path ('startsOn', 'contacts.0.phone'). */
  field?: string;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** window.kiosk: one method per channel. */
export type KioskApi = { [K in ChannelName]: (input?: InputOf<K>) => Promise<ApiResult<ResultOf<K>>> };
