/**
 * Staff PINs and the school's recovery code: scrypt hashing (node:crypto), the rules for an
 * acceptable PIN, and making and reading recovery codes.
 *
 * A stored hash reads 'scrypt$N$r$p$<salt base64>$<hash base64>', so the cost can be raised later
 * and old hashes still verify. Hashing is asynchronous (scrypt runs off the main thread): hash or
 * verify first, then pass the result into a write() transaction, which must stay synchronous.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

/** For real PINs and recovery codes: about 64 MiB and a tenth of a second or so per hash. */
export const PIN_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1, keylen: 32 });

/** For tests only: fast. */
export const TEST_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 10, r: 8, p: 1, keylen: 32 });

const SALT_BYTES = 16;

/**
 * The parameters this code will run. A stored value outside them is treated as damaged or
 * tampered with (a hash asking for gigabytes of memory must not stall the console).
 */
function paramsAcceptable({ N, r, p, keylen }: ScryptParams): boolean {
  const int = (n: number) => Number.isSafeInteger(n) && n > 0;
  if (!int(N) || !int(r) || !int(p) || !int(keylen)) return false;
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0) return false;
  if (r > 32 || p > 16 || keylen < 16 || keylen > 64) return false;
  return 128 * N * r <= 256 * 1024 * 1024;
}

function derive(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const { N, r, p, keylen } = params;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, keylen, { N, r, p, maxmem: 128 * N * r * 2 }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

export async function hashSecret(secret: string, params: ScryptParams): Promise<string> {
  if (!paramsAcceptable(params)) throw new Error('hashSecret: unsupported scrypt parameters');
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(secret, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DECIMAL = /^[1-9][0-9]{0,8}$/;

function parseStored(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  if (typeof stored !== 'string') return null;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, nText, rText, pText, saltText, hashText] = parts as [string, string, string, string, string, string];
  if (!DECIMAL.test(nText) || !DECIMAL.test(rText) || !DECIMAL.test(pText)) return null;
  if (saltText === '' || hashText === '' || !BASE64.test(saltText) || !BASE64.test(hashText)) return null;
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  const params: ScryptParams = { N: Number(nText), r: Number(rText), p: Number(pText), keylen: hash.length };
  if (salt.length < 8 || !paramsAcceptable(params)) return null;
  return { params, salt, hash };
}

/** True if `secret` matches the stored hash; false (never a throw) for a damaged stored value. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed || typeof secret !== 'string') return false;
  try {
    const candidate = await derive(secret, parsed.salt, parsed.params);
    return candidate.length === parsed.hash.length && timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

// ---- what makes an acceptable PIN ---------------------------------------------------------------

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;

/** Every step between neighbouring digits is the same +1 or -1 (wrapping 9 to 0 counts too). */
function isStraightRun(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i += 1) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** Null if the PIN is acceptable; otherwise what to tell the person choosing it. */
export function pinProblem(pin: string): string | null {
  if (!/^[0-9]{6,12}$/.test(pin)) return `A PIN must be ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits.`;
  if (/^(.)\1*$/.test(pin)) return 'Choose a PIN that is harder to guess than the same digit over and over, like 111111.';
  if (isStraightRun(pin)) return 'Choose a PIN that is harder to guess than digits in order, like 123456.';
  return null;
}

// ---- the recovery code --------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 20 random base32 characters (100 bits), shown as 'XXXXX-XXXXX-XXXXX-XXXXX'. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(20);
  // 256 is a multiple of 32, so the low five bits of each byte are uniform.
  const chars = Array.from(bytes, (b) => BASE32[b & 31]).join('');
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5)).join('-');
}

/** What a person typed, as it was issued: upper case, no spaces or dashes, 0/1/8 read as O/I/B. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .replace(/0/g, 'O')
    .replace(/1/g, 'I')
    .replace(/8/g, 'B');
}

/** Hash a recovery code as issued (normalised first, so the dashes are not part of it). */
export function hashRecoveryCode(code: string, params: ScryptParams): Promise<string> {
  return hashSecret(normaliseRecoveryCode(code), params);
}

/** Check a typed recovery code against the stored hash, forgiving spacing, case and misreads. */
export function verifyRecoveryCode(input: string, stored: string): Promise<boolean> {
  return verifySecret(normaliseRecoveryCode(input), stored);
}
