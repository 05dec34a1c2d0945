import { describe, expect, it } from 'vitest';
import {
  PIN_SCRYPT,
  TEST_SCRYPT,
  hashRecoveryCode,
  hashSecret,
  newRecoveryCode,
  normaliseRecoveryCode,
  pinProblem,
  verifyRecoveryCode,
  verifySecret,
} from '../../db/pins';

describe('hashing secrets with scrypt', () => {
  it('round-trips, and refuses a wrong PIN', async () => {
    const stored = await hashSecret('480372', TEST_SCRYPT);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(await verifySecret('480372', stored)).toBe(true);
    expect(await verifySecret('480373', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
    expect(await verifySecret('4803720', stored)).toBe(false);
  });

  it('stores a 16-byte salt and a 32-byte hash, and salts differ each time', async () => {
    const a = await hashSecret('480372', TEST_SCRYPT);
    const b = await hashSecret('480372', TEST_SCRYPT);
    const [, , , , saltA, hashA] = a.split('$');
    const [, , , , saltB, hashB] = b.split('$');
    expect(Buffer.from(saltA!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hashA!, 'base64')).toHaveLength(32);
    expect(saltA).not.toBe(saltB);
    expect(hashA).not.toBe(hashB);
    expect(await verifySecret('480372', b)).toBe(true);
  });

  it('uses the real cost for PINs (and has memory enough for it)', async () => {
    expect(PIN_SCRYPT).toEqual({ N: 2 ** 15, r: 8, p: 1, keylen: 32 });
    const stored = await hashSecret('570248', PIN_SCRYPT);
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifySecret('570248', stored)).toBe(true);
    expect(await verifySecret('570249', stored)).toBe(false);
  });

  it('reads the parameters from the stored value', async () => {
    const other = await hashSecret('480372', { N: 2 ** 11, r: 4, p: 2, keylen: 24 });
    expect(other.startsWith('scrypt$2048$4$2$')).toBe(true);
    expect(await verifySecret('480372', other)).toBe(true);
  });

  it('says false, never throws, for a tampered or malformed stored value', async () => {
    const stored = await hashSecret('480372', TEST_SCRYPT);
    const parts = stored.split('$');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const tampered = [
      [...parts.slice(0, 5), flip(parts[5]!)].join('$'), // hash changed
      [...parts.slice(0, 4), flip(parts[4]!), parts[5]].join('$'), // salt changed
      ['scrypt', '2048', ...parts.slice(2)].join('$'), // cost changed
      // hash cut below 16 bytes (scrypt's output is a PBKDF2 stream, so a longer prefix of the right
      // hash would still be a right hash, just shorter: the floor keeps it at 128 bits at least)
      [...parts.slice(0, 5), Buffer.from(parts[5]!, 'base64').subarray(0, 15).toString('base64')].join('$'),
    ];
    for (const t of tampered) expect(await verifySecret('480372', t)).toBe(false);

    const malformed = [
      '',
      'scrypt',
      '480372',
      stored.replace('scrypt$', 'bcrypt$'),
      stored.replace('$1024$', '$1000$'), // not a power of two
      stored.replace('$1024$', '$0$'),
      stored.replace('$1024$', '$-1024$'),
      stored.replace('$1024$', `$${2 ** 30}$`), // would need gigabytes: refused without trying
      stored.replace('$8$1$', '$8$0$'),
      stored.replace('$8$1$', '$800$1$'),
      `${stored}$extra`,
      parts.slice(0, 5).join('$'),
      [...parts.slice(0, 5), ''].join('$'),
      [...parts.slice(0, 4), '', parts[5]].join('$'),
      [...parts.slice(0, 5), 'not base64!'].join('$'),
      [...parts.slice(0, 4), 'AAAA', parts[5]].join('$'), // salt too short
      [...parts.slice(0, 5), 'AAAA'].join('$'), // hash too short
    ];
    for (const m of malformed) expect(await verifySecret('480372', m)).toBe(false);
    expect(await verifySecret('480372', null as unknown as string)).toBe(false);
  });

  it('refuses to hash with parameters it would not verify', async () => {
    await expect(hashSecret('480372', { N: 1000, r: 8, p: 1, keylen: 32 })).rejects.toThrow(/unsupported/);
  });
});

describe('what makes an acceptable PIN', () => {
  it('accepts 6 to 12 digits that are not easy to guess', () => {
    for (const pin of ['480372', '905511', '12345670', '000111', '135790', '123456789013', '112233']) expect(pinProblem(pin)).toBeNull();
  });

  it('refuses the wrong length or anything but digits', () => {
    for (const pin of ['', '48037', '4803721234567', '48o372', ' 480372', '480 372', '４８０３７２', '-480372', '4803.2']) {
      expect(pinProblem(pin)).toBe('A PIN must be 6 to 12 digits.');
    }
  });

  it('refuses one digit repeated', () => {
    for (const pin of ['111111', '000000', '999999999999']) expect(pinProblem(pin)).toMatch(/harder to guess.*111111/);
  });

  it('refuses digits in order, up or down', () => {
    for (const pin of ['123456', '987654', '0123456789', '234567', '654321', '890123', '210987']) {
      expect(pinProblem(pin)).toMatch(/harder to guess.*123456/);
    }
  });
});

describe('the recovery code', () => {
  it('is 20 base32 characters in four groups of five, different each time', () => {
    const codes = new Set(Array.from({ length: 50 }, () => newRecoveryCode()));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    // every character of the alphabet turns up (1000 characters drawn from 32)
    const seen = new Set([...codes].join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });

  it('forgives case, spaces, dashes and the usual misreads', () => {
    expect(normaliseRecoveryCode('abcde-fghij-klmno-pqrst')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(normaliseRecoveryCode(' ab cd\te–fg ')).toBe('ABCDEFG');
    expect(normaliseRecoveryCode('0O1I8B')).toBe('OOIIBB');
    expect(normaliseRecoveryCode('23456 7')).toBe('234567');
    const code = newRecoveryCode();
    expect(normaliseRecoveryCode(code)).toBe(code.replace(/-/g, ''));
  });

  it('verifies as typed, however it was typed', async () => {
    const code = 'B0OKS-IIIII-22222-77777'.replace('0', 'O');
    const stored = await hashRecoveryCode(code, TEST_SCRYPT);
    expect(await verifyRecoveryCode('b0oks iiiii 22222 77777', stored)).toBe(true);
    expect(await verifyRecoveryCode('BOOKS1IIII222227777 7', stored)).toBe(true);
    expect(await verifyRecoveryCode('BOOKS-IIIII-22222-77776', stored)).toBe(false);
    expect(await verifySecret('BOOKSIIIII2222277777', stored)).toBe(true);
  });
});
