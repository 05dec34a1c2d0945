/**
 * The school's words for confiscated devices (issue 7), shared by every Confiscations screen and
 * the release slip. One place, so the register, the record and the slip always agree.
 */
import type { ConfiscationRecord, ConfiscationStatus, DeviceType, Ground, IdentityCheck, InformedHow, SearchOutcome } from '../../../electron/api/contract';

export const DEVICE_TYPE_WORDS: Record<DeviceType, string> = {
  phone: 'Phone',
  smartwatch: 'Smartwatch',
  tablet: 'Tablet',
  'games-console': 'Games console',
  other: 'Other',
};

export const GROUND_WORDS: Record<Ground, string> = {
  'child-protection': 'Child protection concern',
  behaviour: 'Against the behaviour policy',
  'anti-bullying': 'Against the anti-bullying policy',
  exam: 'Found during an exam (6.3.6)',
  'suspected-nudes': 'Suspected nude or semi-nude images',
  other: 'Other (say what)',
};

export const STATUS_WORDS: Record<ConfiscationStatus, string> = {
  held: 'Held in school',
  'with-police': 'With the police',
  'retained-by-police': 'Retained by the police',
  released: 'Released',
};

export const IDENTITY_WORDS: Record<IdentityCheck, string> = {
  'known-to-staff': 'Known to staff',
  passport: 'Passport',
  'driving-licence': 'Driving licence',
  'other-photo-id': 'Other photo ID',
};

export const INFORMED_HOW_WORDS: Record<InformedHow, string> = {
  phone: 'Phone call',
  'in-person': 'In person',
  email: 'Email',
  letter: 'Letter',
  'text-message': 'Text message',
};

export const SEARCH_OUTCOME_WORDS: Record<SearchOutcome, string> = {
  'nothing-of-concern': 'Nothing of concern',
  'content-deleted': "Inappropriate content deleted at the school's request (not evidence of an offence)",
  'suspected-illegal': 'Suspected illegal content (to the police)',
  'suspected-nudes': 'Suspected nude or semi-nude images',
};

export const POWER_WORDS: Record<'on' | 'off' | 'unknown', string> = {
  on: 'On',
  off: 'Off',
  unknown: 'Not sure',
};

export const PARENTS_INFORMED_WORDS: Record<ConfiscationRecord['parentsInformed'], string> = {
  yes: 'Yes',
  'not-yet': 'Not yet',
  'not-informed': 'Not informed (DSL decision)',
};

/** The DfE/UKCIS instruction shown whenever nude or semi-nude images are suspected. */
export const UKCIS_NOTICE = 'Do not look at the device. Turn it off, secure it, tell the DSL now.';

/** The notice at the top of every form that takes free text about a device. */
export const NEVER_RECORD = 'Never record images, messages, passcodes, descriptions of what is on the device, or other children’s names.';

/** The ground in words, with the detail for "Other". */
export function groundWords(ground: Ground, detail?: string): string {
  if (ground === 'other') return detail && detail.trim() !== '' ? `Other: ${detail.trim()}` : 'Other';
  return GROUND_WORDS[ground];
}

/** "Held in school", "With the police", … */
export function statusWords(status: ConfiscationStatus): string {
  return STATUS_WORDS[status];
}

/** "Phone — black iPhone, blue case" */
export function deviceWords(r: { deviceType: DeviceType; description: string }): string {
  return r.description.trim() === '' ? DEVICE_TYPE_WORDS[r.deviceType] : `${DEVICE_TYPE_WORDS[r.deviceType]} — ${r.description}`;
}

/** "Ava Smith" */
export function fullName(p: { forename: string; surname: string }): string {
  return `${p.forename} ${p.surname}`;
}

/** "1 day", "5 days" */
export function daysWords(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** "Held 7 days — over 5" when past the days in Settings, otherwise "7 days". */
export function daysHeldWords(daysHeld: number, overdue: boolean, warnDays?: number): string {
  if (overdue && warnDays !== undefined) return `Held ${daysWords(daysHeld)} — over ${warnDays}`;
  if (overdue) return `Held ${daysWords(daysHeld)} — overdue`;
  return daysWords(daysHeld);
}

/** An ISO instant in the school's words: "Tuesday 25 November 2025, 10:05". */
export function whenWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${date}, ${time}`;
}

/** An ISO instant as a date only: "25 November 2025". */
export function dateWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** An ISO instant's time of day: "10:05". */
export function timeWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
