/**
 * Property-based fuzzing of the dispatcher over every channel:
 * - junk or hostile input never throws, returns ok: false, and changes nothing;
 * - valid input either succeeds and writes exactly the tables it should (with its audit rows),
 *   or is refused by a rule and changes nothing; and the audit chain still verifies.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnchor, verifyAudit } from '../../db/audit';
import { contract, type ChannelName } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { makeTestDb, sessions, snapshot, type TestDb } from '../helpers/db';
import { hostileStrings, inputs, type ChannelInputs } from './inputs';

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb(undefined, { staff: true });
});
afterAll(() => t.dispose());

const channels = Object.keys(contract) as ChannelName[];

/** Junk: anything at all, plus shapes aimed at the validators. */
const junk = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
  fc.dictionary(fc.constantFrom('schoolName', 'label', 'startsOn', 'endsOn', 'id', 'date', 'limit', '__proto__', 'constructor'), fc.anything()),
  fc.record({ startsOn: fc.constantFrom(...hostileStrings), endsOn: fc.string(), label: fc.string({ maxLength: 5000 }) }),
  fc.record({ id: fc.oneof(fc.double(), fc.constant(-1), fc.constant(2 ** 53), fc.string()) }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "schoolName": "x"}') as unknown),
);

const changedTables = (before: Record<string, number | string>, after: Record<string, number | string>) =>
  Object.keys(after).filter((k) => before[k] !== after[k]);

describe('fuzzing dispatch', () => {
  for (const channel of channels) {
    const session = sessions[(inputs[channel] as ChannelInputs).session ?? 'admin'];

    it(`${channel}: junk input is refused and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(junk, async (input) => {
          fc.pre(!contract[channel].input.safeParse(input).success);
          const before = snapshot(t.db);
          const r = await dispatch(t.ctx, session, channel, input, () => {});
          expect(r).toMatchObject({ ok: false, error: { code: 'INVALID' } });
          expect(snapshot(t.db)).toEqual(before);
        }),
        { numRuns: 150 },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it(`${channel}: valid input writes exactly what it should`, async () => {
      // A fresh school for each channel, so one channel's changes (a new PIN) do not starve another.
      const t = await makeTestDb(undefined, { staff: true });
      const spec: ChannelInputs = inputs[channel];
      const { arb, effect } = spec;
      await spec.prepare?.(t);
      let accepted = 0;
      let succeeded = 0;
      await fc.assert(
        fc.asyncProperty(arb, async (input) => {
          t.clock.advance(61_000); // time moves on between calls, as at the desk
          const before = snapshot(t.db);
          const r = await dispatch(t.ctx, session, channel, input, () => {});
          const after = snapshot(t.db);
          if (!contract[channel].input.safeParse(input).success) {
            // the arbitraries also make near-misses (a control character in a name): refused, nothing written
            expect(r).toMatchObject({ ok: false, error: { code: 'INVALID' } });
            expect(after).toEqual(before);
            return;
          }
          accepted += 1;
          if (!r.ok) {
            expect(['RULE', 'NOT_FOUND', 'CONFLICT']).toContain(r.error.code);
            const written = changedTables(before, after).filter((k) => !k.startsWith('audit') && !k.startsWith('record_states'));
            for (const table of written) expect(effect.refusalTables ?? []).toContain(table.split('.')[0]);
            if (written.length === 0) expect(after).toEqual(before);
            return;
          }
          succeeded += 1;
          const auditAdded = (after.audit as number) - (before.audit as number);
          // record_states goes with the audit rows: the keyed state of each record changed (db/record-states.ts)
          const changed = changedTables(before, after).filter((k) => !k.startsWith('audit') && !k.startsWith('record_states'));
          if (effect.auditRows === 0) expect(changed).toEqual([]);
          const touched = new Set(changed.map((k) => k.split('.')[0]));
          for (const table of touched) expect(effect.tables).toContain(table);
          if (effect.auditRows === 'one-if-changed') expect(auditAdded).toBe(touched.size > 0 ? 1 : 0);
          else if (effect.auditRows === 'any') expect(auditAdded > 0 || touched.size === 0).toBe(true);
          else expect(auditAdded).toBe(effect.auditRows);
          if (effect.auditRows === 1 && effect.tables.length > 0) expect(touched.size).toBeGreaterThan(0);
        }),
        { numRuns: channel === 'backupNow' ? 5 : 60 },
      );
      expect(accepted).toBeGreaterThan(0);
      if (!effect.alwaysRefused) expect(succeeded).toBeGreaterThan(0);
      expect(verifyAudit(t.db, readAnchor(t.anchorFile))).toMatchObject({ ok: true, anchor: 'matches' });
      t.dispose();
    });
  }

  it('round-trips any valid school name and closure label exactly as the schema normalised it', async () => {
    await fc.assert(
      fc.asyncProperty(inputs.addClosure.arb, async (input) => {
        const parsed = contract.addClosure.input.safeParse(input);
        const r = await dispatch(t.ctx, sessions.admin, 'addClosure', input);
        if (!parsed.success) return;
        if (!r.ok) return; // refused by a rule (last day before first)
        const stored = t.db.prepare('SELECT label FROM closures WHERE id = ?').get((r.value as { id: number }).id) as { label: string };
        expect(stored.label).toBe(parsed.data.label);
      }),
      { numRuns: 100 },
    );
  });
});
