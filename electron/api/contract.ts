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
import type { Closure } from '../../db/calendar';
import type { StoredClosure } from '../../db/closures';
import type { Settings } from '../../db/settings';
import { colour, id, isoDate, none, optionalText, text, timeZone, wholeNumber } from './fields';
import type { Access, Role } from './session';
import { z } from './zod';

export interface ChannelSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly access: readonly Access[];
  readonly input: I;
  readonly doc: string;
  /** Type only: what a successful call returns. */
  readonly result?: R;
}

function channel<R>() {
  return <I extends z.ZodType>(access: readonly Access[], input: I, doc: string): ChannelSpec<I, R> => ({ access, input, doc });
}

// ---- result types the pages see ---------------------------------------------------------------

export interface AppStatus {
  schoolName: string;
  accentColour: string;
  /** No staff account exists yet: the first-run setup screen is due. */
  setupNeeded: boolean;
}

export type SessionInfo = { kind: 'kiosk' } | { kind: 'staff'; staffId: number; role: Role; dsl: boolean };

export interface SchoolDay {
  date: string;
  isSchoolDay: boolean;
  closure: Closure | null;
  nextSchoolDay: string;
  previousSchoolDay: string;
}

export type BackupSummary = Omit<BackupInfo, 'path'>;

export interface BackupStatus {
  folder: string;
  kept: number;
  backups: BackupSummary[];
}

// ---- the channels -----------------------------------------------------------------------------

const settingsPatch = z.strictObject({
  schoolName: text('School name', { max: 120 }).optional(),
  accentColour: colour('Accent colour').optional(),
  idleLockMinutes: wholeNumber('Idle lock time (minutes)', 1, 60).optional(),
  timeZone: timeZone('Time zone').optional(),
  backupDir: optionalText('Backup folder', { max: 500 })
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\'), {
      error: 'Backup folder must be a full path, such as D:\\Kiosk backups.',
    }),
  backupsKept: wholeNumber('Number of backups kept', 3, 365).optional(),
});

export const contract = {
  getAppStatus: channel<AppStatus>()(['kiosk'], none, 'School name and colour for the public screen; whether first-run setup is due.'),
  getSession: channel<SessionInfo>()(['kiosk'], none, 'Who this window is signed in as (the kiosk, or a staff member).'),

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

  verifyAudit: channel<AuditVerdict>()(['admin'], none, 'Check the whole audit chain and its anchor.'),
  listAudit: channel<AuditRow[]>()(
    ['admin'],
    z
      .strictObject({
        entity: text('Record type', { max: 40 }).optional(),
        entityId: text('Record id', { max: 40 }).optional(),
        beforeSeq: id('Position').optional(),
        limit: wholeNumber('Number of rows', 1, 500).optional(),
      })
      .optional(),
    'The audit log, newest first.',
  ),

  backupNow: channel<BackupSummary>()(['admin'], none, 'Take a verified backup now.'),
  listBackups: channel<BackupStatus>()(['admin'], none, 'The backup folder and its verified backups, newest first.'),
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type InputOf<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ResultOf<K extends ChannelName> = Contract[K] extends ChannelSpec<z.ZodType, infer R> ? R : never;

export type ApiErrorCode = 'UNKNOWN_CHANNEL' | 'FORBIDDEN' | 'INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'RULE' | 'BUSY' | 'INTERNAL';
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** The input field the message is about, as a dotted path ('startsOn', 'contacts.0.phone'). */
  field?: string;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** window.kiosk: one method per channel. */
export type KioskApi = { [K in ChannelName]: (input?: InputOf<K>) => Promise<ApiResult<ResultOf<K>>> };
