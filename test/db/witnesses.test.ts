/**
 * Witnesses of the audit chain, on real files: the fingerprint printed on paper, and the head each
 * backup recorded. The attacks are made as someone with the data folder would: a plain
 * better-sqlite3 connection, the append-only triggers dropped, rows rewritten and re-hashed, the
 * anchor rewritten to match.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHead } from '../../db/audit';
import { addClosure } from '../../db/closures';
import { write } from '../../db/tx';
import { chainFingerprint, checkFingerprint, fingerprintHexProblem, formatFingerprint, parseFingerprintHex, parseFingerprintSeq } from '../../db/witnesses';
import { makeTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
beforeEach(async () => {
  t = await makeTestDb('2026-11-25T16:00:00Z');
});
afterEach(() => t.dispose());

function add(label: string): void {
  write({ db: t.db, clock: t.clock, anchorFile: t.anchorFile }, { kind: 'system' }, (tx) => addClosure(tx, { startsOn: '2027-02-15', endsOn: '2027-02-19', label }));
}

describe('the chain fingerprint', () => {
  it('is the head’s sequence number and the first 16 hex characters of its hash', () => {
    add('Half term');
    const head = auditHead(t.db)!;
    const fp = chainFingerprint(t.db)!;
    expect(fp).toMatchObject({ seq: head.seq, hex: head.hash.slice(0, 16), text: `${head.seq}-${head.hash.slice(0, 16)}` });
    expect(fp.text).toMatch(/^\d+-[0-9a-f]{16}$/);
    expect(formatFingerprint(18342, '9f3a1c07d2e4b6a8'.padEnd(64, '0'))).toBe('18342-9f3a1c07d2e4b6a8');
    add('Another');
    expect(chainFingerprint(t.db)!.seq).toBe(head.seq + 1);
  });

  it('reads what was typed from paper, forgiving spaces, dashes and capitals', () => {
    expect(parseFingerprintSeq(' 18 342 ')).toBe(18342);
    expect(parseFingerprintSeq('18,342')).toBe(18342);
    expect(parseFingerprintSeq('0')).toBeNull();
    expect(parseFingerprintSeq('18342-9f3a')).toBeNull();
    expect(parseFingerprintSeq('12a')).toBeNull();
    expect(parseFingerprintHex('9F3A 1C07-D2E4 b6a8')).toBe('9f3a1c07d2e4b6a8');
    expect(parseFingerprintHex('9f3a1c07d2e4b6a')).toBeNull();
    expect(fingerprintHexProblem('9f3a1c07d2e4b6a')).toBe('The check code is 16 characters long (this has 15).');
    expect(fingerprintHexProblem('9f3a1c07d2e4b6ag')).toBe('The check code has only the digits 0 to 9 and the letters a to f.');
    expect(fingerprintHexProblem('9F3A-1C07-D2E4-B6A8')).toBeNull();
  });

  it('matches the trail while it holds that row unchanged, and not once the row is another', () => {
    add('Half term');
    const fp = chainFingerprint(t.db)!;
    add('Later');
    expect(checkFingerprint(t.db, fp.seq, fp.hex)).toEqual({ outcome: 'matches', seq: fp.seq, at: fp.at });
    const wrong = (parseInt(fp.hex[0]!, 16) ^ 1).toString(16) + fp.hex.slice(1);
    expect(checkFingerprint(t.db, fp.seq, wrong)).toMatchObject({ outcome: 'differs', seq: fp.seq, reason: expect.stringMatching(/rewritten/) });
    expect(checkFingerprint(t.db, fp.seq + 50, fp.hex)).toMatchObject({ outcome: 'differs', at: null, reason: expect.stringMatching(/cut off/) });
  });
});
