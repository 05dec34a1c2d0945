/** The two-screen desk's scan routing: public tokens go to the public screen, everything else to the office screen, in order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanRouter, type Decision } from '../../electron/shell/scan-router';

/** Feed keys at the given times; returns what the office screen receives and what the public screen is handed. */
function run(keys: readonly (readonly [string, number])[]) {
  const router = new ScanRouter();
  const office: string[] = [];
  const forwarded: string[] = [];
  let lastAt = 0;
  for (const [key, at] of keys) {
    // the host flushes held keys when the gap passes with no key
    if (router.holding && at - lastAt > router.flushAfterMs) office.push(...router.flush());
    lastAt = at;
    const d: Decision = router.keyDown(key, at);
    if (d.action === 'pass') office.push(key);
    else if (d.action === 'release') office.push(...d.keys);
    else if (d.action === 'forward') forwarded.push(d.token);
  }
  office.push(...router.flush());
  return { office: office.join('|'), forwarded };
}
const scan = (text: string, start = 0, gap = 3) => [...text.split(''), 'Enter'].map((k, i) => [k, start + i * gap] as const);
const typed = (text: string, start = 0, gap = 180) => text.split('').map((k, i) => [k, start + i * gap] as const);

describe('routing scans on a two-screen desk', () => {
  it('hands a visitor badge and an invitation code, scanned at full speed, to the public screen; the office screen sees none of it', () => {
    expect(run(scan('KVABCDEFGHIJKLMNOP'))).toEqual({ office: '', forwarded: ['KVABCDEFGHIJKLMNOP'] });
    expect(run(scan('kiabcdefghijklmn23'))).toEqual({ office: '', forwarded: ['KIABCDEFGHIJKLMN23'] });
  });

  it('lets a pupil card and a confiscation slip through to the office screen, in order, with their Enter', () => {
    expect(run(scan('KPABCDEFGHIJKLMNOP'))).toEqual({ office: ['K', 'P', ...'ABCDEFGHIJKLMNOP', 'Enter'].join('|'), forwarded: [] });
    expect(run(scan('KCABCDEFGHIJKLMNOP')).forwarded).toEqual([]);
  });

  it('never routes a PIN, digits or a person typing (even "KV" typed slowly) to the public screen', () => {
    expect(run(typed('864219'))).toEqual({ office: '8|6|4|2|1|9', forwarded: [] });
    expect(run([...typed('KVABCDEFGHIJKLMNOP'), ['Enter', 5000]])).toEqual({ office: [...'KVABCDEFGHIJKLMNOP', 'Enter'].join('|'), forwarded: [] });
    expect(run(typed('Kate Kvist'))).toEqual({ office: 'K|a|t|e| |K|v|i|s|t', forwarded: [] });
  });

  it('gives back a too-short or too-long token unchanged', () => {
    expect(run(scan('KVABC'))).toEqual({ office: 'K|V|A|B|C|Enter', forwarded: [] });
    expect(run(scan('KVABCDEFGHIJKLMNOPQ')).forwarded).toEqual([]);
    expect(run(scan('KVABCDEFGHIJKLMNOPQ')).office).toBe([...'KVABCDEFGHIJKLMNOPQ', 'Enter'].join('|'));
  });

  it('whatever is typed, the office screen receives every key not forwarded, in order (a property)', () => {
    const key = fc.constantFrom('K', 'k', 'V', 'I', 'P', 'A', '2', '7', '9', 'Enter', ' ', 'x');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: 1, max: 120 })), { maxLength: 60 }), (steps) => {
        let at = 0;
        const keys = steps.map(([k, gap]) => [k, (at += gap)] as const);
        const { office, forwarded } = run(keys);
        const received = office === '' ? [] : office.split('|');
        // nothing is lost or made up: the keys forwarded and the keys received add up to the keys typed
        expect(received.length + forwarded.reduce((n, t) => n + t.length + 1, 0)).toBe(keys.length);
        // and with nothing forwarded, the office screen received every key, in order
        if (forwarded.length === 0) expect(received).toEqual(keys.map(([k]) => k));
        for (const token of forwarded) expect(token).toMatch(/^K[VI][A-Z2-7]{16}$/);
      }),
      { numRuns: 300 },
    );
  });
});
