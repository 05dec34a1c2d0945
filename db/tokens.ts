/**
 * Tokens in QR codes and on cards: opaque and random, never a name. Upper-case base32 (A–Z, 2–7)
 * after a two-letter type prefix, so a scan survives UK/US keyboard layouts (no symbols) and Caps
 * Lock (case is normalised), and the shell can route a scan by its type.
 */
import { randomBytes } from 'node:crypto';

export const TOKEN_TYPES = {
  pupilCard: 'KP',
  visitorBadge: 'KV',
  confiscationSlip: 'KC',
  invitation: 'KI',
  printTest: 'KT',
} as const;

export type TokenType = keyof typeof TOKEN_TYPES;
const BODY_LENGTH = 16; // 80 random bits
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function newToken(type: TokenType): string {
  const bytes = randomBytes(BODY_LENGTH);
  let body = '';
  for (const b of bytes) body += ALPHABET[b & 31];
  return `${TOKEN_TYPES[type]}${body}`;
}

/** A scanned or typed token, normalised (case, spaces, dashes), with its type; null if it is not one. */
export function parseToken(input: string): { type: TokenType; token: string } | null {
  const token = input.toUpperCase().replace(/[\s-]/g, '');
  if (!new RegExp(`^K[A-Z][A-Z2-7]{${BODY_LENGTH}}$`).test(token)) return null;
  const entry = (Object.entries(TOKEN_TYPES) as [TokenType, string][]).find(([, prefix]) => token.startsWith(prefix));
  return entry ? { type: entry[0], token } : null;
}
