/**
 * The school's words for confiscated devices (issues 7 and 13), shared by every Confiscations
 * screen, Today, the pupil page and the print layouts (the slip and the register). One place
 * beside all of them, so the register, the record, the prints and the UKCIS text always agree.
 */
import type { ConfiscationRecord, ConfiscationStatus, DeviceType, Ground, IdentityCheck, InformedHow, RegisterStatus, SearchOutcome, UkcisDecision } from '../../electron/api/contract';

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
  'suspected-illegal': 'The search stopped: suspected illegal content seen, not viewed further',
  'suspected-nudes': 'The search stopped: suspected nude or semi-nude images seen, not viewed further',
};

/** The register's status filters in words ("Held now" is Today's "Confiscated devices held"). */
export const REGISTER_STATUS_WORDS: Record<RegisterStatus, string> = {
  held: 'Held now',
  'on-hold': 'On hold',
  police: 'With the police',
  'with-police': 'With the police, not yet returned',
  'retained-by-police': 'Retained by the police',
  released: 'Released',
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

/**
 * The UKCIS steps ("Sharing nudes and semi-nudes", UKCIS 2020/2024) as the school shows them:
 * on the record, the form and the search, wherever nude images or illegal content are suspected.
 */
export const UKCIS = {
  never: 'Staff never view, copy, print, share, save or delete the images.',
  dslDecides: 'The DSL decides whether to refer to children’s social care and/or the police.',
  immediateIntro: 'The referral is immediate where:',
  immediateReasons: [
    'an adult is involved',
    'there is coercion, blackmail or grooming',
    'the acts are unusual for the child’s development, or violent',
    'the images show sexual acts with a child under 13',
    'there is an immediate risk of harm to the child',
  ],
  recorded: 'This app records the decision, who made it and when.',
} as const;

export const UKCIS_DECISION_WORDS: Record<UkcisDecision, string> = {
  'social-care': 'Refer to children’s social care',
  police: 'Refer to the police',
  'social-care-and-police': 'Refer to children’s social care and the police',
  'in-school': 'Handle it in school (no referral)',
};

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
