/**
 * The chain fingerprint printed at the foot of registers, chains of custody and roll calls: the
 * audit sequence number and the first hex characters of that row's hash ('18342-9f3a1c07d2e4b6a8').
 * Pure text functions (no database), so the API contract can check what was typed at its fields.
 */

/** How many hex characters of the head hash a fingerprint carries: 64 bits, short enough to type. */
export const FINGERPRINT_HEX = 16;

export function formatFingerprint(seq: number, hash: string): string {
  return `${seq}-${hash.slice(0, FINGERPRINT_HEX)}`;
}

// ---- a fingerprint typed in from paper ---------------------------------------------------------

/** The sequence number as typed ('18342', '18 342', '18,342'), or null when it is not one. */
export function parseFingerprintSeq(typed: string): number | null {
  const digits = typed.replace(/[\s,.]/g, '');
  if (!/^[0-9]{1,12}$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 && Number.isSafeInteger(n) ? n : null;
}

/** The 16 hex characters as typed (spaces, dashes and capitals forgiven), or null. */
export function parseFingerprintHex(typed: string): string | null {
  const hex = typed.replace(/[\s-]/g, '').toLowerCase();
  return hex.length === FINGERPRINT_HEX && /^[0-9a-f]+$/.test(hex) ? hex : null;
}

/** Why a typed check code is not one, in words for its field (null: it is one). */
export function fingerprintHexProblem(typed: string): string | null {
  const hex = typed.replace(/[\s-]/g, '');
  if (/[^0-9a-f]/i.test(hex)) return 'The check code has only the digits 0 to 9 and the letters a to f.';
  if (hex.length !== FINGERPRINT_HEX) return `The check code is ${FINGERPRINT_HEX} characters long (this has ${hex.length}).`;
  return null;
}

