/**
 * Field schemas shared by every channel: each text has a length limit and refuses control and
 * bidirectional-override characters; ids and dates are checked for shape; every message names
 * the field in words a member of the office staff understands.
 */
import { isIsoDate, isValidTimeZone } from '../../db/calendar';
import { pinProblem } from '../../db/pins';
import { z } from './zod';

/** C0/C1 controls (tab included; line breaks only where multiline) and the bidi overrides that can disguise text (Trojan Source). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAKS = /[\r\n]/;

export interface TextOptions {
  max: number;
  /** Minimum length after trimming; 1 (required) unless said otherwise. */
  min?: number;
  /** Allow line breaks (notes). */
  multiline?: boolean;
}

/** A trimmed, NFC-normalised string with a length limit and no control characters. */
export function text(label: string, { max, min = 1, multiline = false }: TextOptions) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${label} is required.` : `${label} must be text.`) })
    .normalize('NFC')
    .trim()
    .min(min, { error: min === 1 ? `Enter the ${label.toLowerCase()}.` : `${label} must be at least ${min} characters.` })
    .max(max, { error: `${label} must be ${max} characters or fewer.` })
    .refine((s) => !FORBIDDEN_CHARS.test(s), { error: `${label} contains a character that cannot be used.` })
    .refine((s) => multiline || !LINE_BREAKS.test(s), { error: `${label} must be on one line.` });
}

/** An optional text: absent, or empty after trimming, means not given. */
export function optionalText(label: string, opts: Omit<TextOptions, 'min'>) {
  return text(label, { ...opts, min: 0 }).optional();
}

/** A database id: a positive whole number. */
export function id(label: string) {
  return z
    .number({ error: `${label} must be a number.` })
    .int({ error: `${label} must be a whole number.` })
    .min(1, { error: `${label} is not valid.` })
    .max(2 ** 31, { error: `${label} is not valid.` });
}

export function wholeNumber(label: string, min: number, max: number) {
  return z
    .number({ error: `${label} must be a number.` })
    .int({ error: `${label} must be a whole number.` })
    .min(min, { error: `${label} must be at least ${min}.` })
    .max(max, { error: `${label} must be ${max} or less.` });
}

/** A calendar date 'YYYY-MM-DD' that exists. */
export function isoDate(label: string) {
  return z
    .string({ error: `${label} must be a date.` })
    .max(10, { error: `${label} must be a date like 2026-09-03.` })
    .refine(isIsoDate, { error: `${label} must be a real date like 2026-09-03.` });
}

export function colour(label: string) {
  return z
    .string({ error: `${label} must be a colour.` })
    .regex(/^#[0-9a-fA-F]{6}$/, { error: `${label} must be a colour like #1d4e89.` })
    .transform((s) => s.toLowerCase());
}

export function timeZone(label: string) {
  return z
    .string({ error: `${label} must be a time zone.` })
    .max(64, { error: `${label} is not a time zone.` })
    .refine(isValidTimeZone, { error: `${label} must be a time zone such as Europe/London.` });
}

/** No input at all: `{}` (or nothing). */
export const none = z.strictObject({}).optional();

/** A PIN being typed to unlock: digits only (its rules were checked when it was set). */
export function pin(label: string) {
  return z
    .string({ error: `Type your ${label}.` })
    .regex(/^[0-9]{4,12}$/, { error: `Type your ${label}: digits only.` });
}

/** A new PIN: 6 to 12 digits, not easy to guess. */
export function newPin(label: string) {
  return z
    .string({ error: `Choose a ${label}.` })
    .max(12, { error: `A ${label} must be 6 to 12 digits.` })
    .superRefine((s, ctx) => {
      const problem = pinProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

export function recoveryCode(label: string) {
  return z
    .string({ error: `Type the ${label.toLowerCase()}.` })
    .max(40, { error: `That is not a ${label.toLowerCase()}.` })
    .regex(/^[A-Za-z0-9 -]+$/, { error: `A ${label.toLowerCase()} has only letters, digits and dashes.` });
}

export function role(label: string) {
  return z.enum(['office', 'leadership', 'admin'], { error: `${label} must be office, leadership or admin.` });
}

const LOGO_MAX_BYTES = 300 * 1024;
const LOGO_SIGNATURES: Record<string, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** A PNG or JPEG logo as a data: URL, at most 300 KB, whose bytes really are that kind of image. */
export function logoDataUrl(label: string) {
  return z
    .string({ error: `${label} must be an image.` })
    .max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 40, { error: `${label} must be 300 KB or smaller.` })
    .refine(
      (s) => {
        const m = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/]+={0,2})$/.exec(s);
        if (!m) return false;
        const bytes = Buffer.from(m[2]!.slice(0, 16), 'base64');
        return (LOGO_SIGNATURES[m[1]!] ?? []).every((b, i) => bytes[i] === b);
      },
      { error: `${label} must be a PNG or JPEG image.` },
    );
}

/** The file name of a backup in the backup folder (never a path). */
export function backupFileName(label: string) {
  return z
    .string({ error: `Choose a ${label.toLowerCase()}.` })
    .max(120, { error: `That is not a ${label.toLowerCase()}.` })
    .regex(/^kiosk-[0-9TZ-]+-[a-z0-9-]+\.sqlite$/, { error: `That is not a ${label.toLowerCase()} from the backup folder.` });
}
