/** The kiosk's words for visitors, in one place (plain English, short; no person's details). */

export const SCAN_HINT = 'Hold your badge’s QR code up to the scanner, or type the code under it.';
export const TYPE_THE_BADGE = 'Scan your badge, or type the code printed under the QR code.';
export const NOT_A_BADGE = 'That is not a visitor badge code. Please try again, or see the office.';

export const SIGNED_IN_PRINTED = 'Please wear your badge; scan it here when you leave.';

/** "Your badge could not be printed (…)": the printer's reason, as part of a sentence. */
export function notPrintedMessage(reason: string | undefined): string {
  let why = (reason ?? '').trim().replace(/[.\s]+$/, '');
  if (/^[A-Z][a-z]/.test(why)) why = why[0]!.toLowerCase() + why.slice(1);
  const part = why ? ` (${why})` : '';
  return `Your badge could not be printed${part}. You are signed in. Please show this screen to the office for a badge.`;
}
