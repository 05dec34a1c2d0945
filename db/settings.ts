/**
 * The school's settings: one row per key, JSON values, defaults for anything never set.
 * Later features add their keys to SETTINGS_DEFAULTS (and to the API's schema for them).
 */
import { MIN_DAILY_BACKUPS, effectiveRotation, type Rotation } from './backup';
import { forgetCalendar } from './calendar-cache';
import { DomainError } from './errors';
import type { Db } from './open';
import type { Tx } from './tx';

export interface Settings {
  schoolName: string;
  /** The school's colour, '#rrggbb'. */
  accentColour: string;
  /** Lock the staff console after this many idle minutes. */
  idleLockMinutes: number;
  timeZone: string;
  /** Where backups go; null means a `backups` folder beside the database. */
  backupDir: string | null;
  /**
   * Backups rotate by age: one a day for this many days (the key kept its old name, "backups
   * kept", so a stored value carries on as days; never fewer than MIN_DAILY_BACKUPS), ...
   */
  backupsKept: number;
  /** ... one a week for this many weeks, and one a month for this many months. */
  backupsWeekly: number;
  backupsMonthly: number;
  // ---- phones in and out (policy 6.3.2)
  /** The year groups whose pupils can be given permission to bring a phone (policy 6.3.2). */
  phoneYearGroups: number[];
  /** 'fixed': each permitted pupil keeps their own numbered slot; 'next-free': the lowest slot free today. */
  phoneSlotMode: 'fixed' | 'next-free';
  phoneSlotCount: number;
  /** Who may collect an item taken in without permission. */
  heldItemsReturnTo: 'pupil' | 'parent-only';
  /** From this local time 'HH:MM', "Left without phone" lists the pupils whose items are still held. */
  leftWithoutPhoneFrom: string;
  // ---- confiscated devices (policy 6.3.7)
  /** Where confiscated devices may be held (the first is the default). */
  confiscationLocations: string[];
  /** A device held longer than this many days is flagged in the register. */
  confiscationWarnDays: number;
  // ---- visitors (policy 6.4)
  /** Local time 'HH:MM' at which visits still open are closed and marked "not signed out". */
  visitorsCloseAt: string;
  /** The kiosk goes back to Welcome after this many idle seconds (nothing saved half-way). */
  kioskIdleSeconds: number;
  /** Badges print on a 62 mm label or on A4. */
  badgePaper: 'label62' | 'a4';
  /** The printers by name ('' means none chosen: badges are shown on screen, A4 prints ask). */
  labelPrinter: string;
  a4Printer: string;
  /** 'one': the kiosk is the console's resting state; 'two': a second, visitor-facing screen shows only the kiosk. */
  screens: 'one' | 'two';
  /** Visits (and invitations, badges, roll-call entries) older than this many months are deleted; the kiosk says so. */
  visitRetentionMonths: number;
}

export type PhoneSettings = Pick<Settings, 'phoneYearGroups' | 'phoneSlotMode' | 'phoneSlotCount' | 'heldItemsReturnTo' | 'leftWithoutPhoneFrom'>;

export const SETTINGS_DEFAULTS: Readonly<Settings> = Object.freeze({
  schoolName: '',
  accentColour: '#1d4e89',
  idleLockMinutes: 5,
  timeZone: 'Europe/London',
  backupDir: null,
  // the same as DEFAULT_ROTATION in db/backup.ts (written out: these defaults are read as the module loads)
  backupsKept: 14,
  backupsWeekly: 8,
  backupsMonthly: 12,
  phoneYearGroups: [5, 6],
  phoneSlotMode: 'fixed',
  phoneSlotCount: 60,
  heldItemsReturnTo: 'parent-only',
  leftWithoutPhoneFrom: '15:30',
  confiscationLocations: ['School office safe'],
  confiscationWarnDays: 5,
  visitorsCloseAt: '19:00',
  kioskIdleSeconds: 60,
  badgePaper: 'label62',
  labelPrinter: '',
  a4Printer: '',
  screens: 'one',
  visitRetentionMonths: 24,
});

type Key = keyof Settings;
const KEYS = Object.keys(SETTINGS_DEFAULTS) as Key[];

export function getSettings(db: Db): Settings {
  const out: Record<string, unknown> = { ...SETTINGS_DEFAULTS };
  for (const row of db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]) {
    if ((KEYS as string[]).includes(row.key)) out[row.key] = JSON.parse(row.value) as unknown;
  }
  return out as unknown as Settings;
}

/** How backups rotate, with the floor of daily backups applied whatever is stored. */
export function backupRotation(settings: Pick<Settings, 'backupsKept' | 'backupsWeekly' | 'backupsMonthly'>): Rotation {
  return effectiveRotation({ daily: settings.backupsKept, weekly: settings.backupsWeekly, monthly: settings.backupsMonthly });
}

/** The phone settings (each from its default when never set). */
export function getPhoneSettings(db: Db): PhoneSettings {
  const { phoneYearGroups, phoneSlotMode, phoneSlotCount, heldItemsReturnTo, leftWithoutPhoneFrom } = getSettings(db);
  return { phoneYearGroups, phoneSlotMode, phoneSlotCount, heldItemsReturnTo, leftWithoutPhoneFrom };
}

/** Save the keys that differ from what is stored; returns the names of those that changed. */
export function updateSettings(tx: Tx, patch: Partial<Settings>): Key[] {
  if (patch.backupsKept !== undefined && !(patch.backupsKept >= MIN_DAILY_BACKUPS)) {
    throw new DomainError('RULE', `Keep at least ${MIN_DAILY_BACKUPS} daily backups: fewer would leave too little to go back to.`, 'backupsKept');
  }
  const current = getSettings(tx.db);
  const changed: Partial<Record<Key, unknown>> = {};
  for (const key of KEYS) {
    if (!(key in patch) || patch[key] === undefined) continue;
    if (JSON.stringify(patch[key]) === JSON.stringify(current[key])) continue;
    changed[key] = patch[key];
  }
  const keys = Object.keys(changed) as Key[];
  if (keys.length === 0) return [];
  const upsert = tx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const key of keys) upsert.run(key, JSON.stringify(changed[key]));
  if (keys.includes('timeZone')) forgetCalendar(tx.db);
  tx.audit({ action: 'settings.update', entity: 'settings', entityId: null, values: changed });
  return keys;
}

// ---- the logo: kept apart from the other settings (it can be large), shown on the public screen

export function getLogo(db: Db): string | null {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'logo'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as string | null) : null;
}

export function setLogo(tx: Tx, logo: string | null): void {
  if (logo === getLogo(tx.db)) return;
  tx.db.prepare("INSERT INTO settings (key, value) VALUES ('logo', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(logo));
  tx.audit({ action: 'settings.logo', entity: 'settings', entityId: 'logo', values: { logo: logo === null ? 'removed' : 'changed' } });
}
