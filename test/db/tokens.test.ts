import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN_TYPES, newToken, parseToken, type TokenType } from '../../db/tokens';

describe('QR tokens', () => {
  it('are a two-letter type prefix and 16 upper-case base32 characters, and differ every time', () => {
    const seen = new Set<string>();
    for (const type of Object.keys(TOKEN_TYPES) as TokenType[]) {
      for (let i = 0; i < 50; i++) {
        const t = newToken(type);
        expect(t).toMatch(new RegExp(`^${TOKEN_TYPES[type]}[A-Z2-7]{16}$`));
        seen.add(t);
      }
    }
    expect(seen.size).toBe(Object.keys(TOKEN_TYPES).length * 50);
  });

  it('survive Caps Lock, spaces and dashes from a scanner or a person typing, and keep their type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(TOKEN_TYPES) as TokenType[])), fc.boolean(), (type, lower) => {
        const t = newToken(type);
        const typed = `${lower ? t.toLowerCase() : t}`.replace(/(.{4})/g, '$1 ').replace(/ (.)/, '-$1');
        expect(parseToken(typed)).toEqual({ type, token: t });
      }),
    );
  });

  it('refuse anything else: other prefixes, symbols a wrong keyboard layout makes, names', () => {
    for (const bad of ['', 'KX' + 'A'.repeat(16), 'KP' + 'A'.repeat(15), 'KP' + 'A'.repeat(17), 'KP' + '1'.repeat(16), 'KP"AAAAAAAAAAAAAAA', 'Zoe Smith', 'KV@AAAAAAAAAAAAAAA']) {
      expect(parseToken(bad)).toBeNull();
    }
  });
});
