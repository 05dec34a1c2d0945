/**
 * Who may read what (issue 13), as an attack: a school whose records carry every DSL-only detail,
 * each a distinctive marker, then EVERY channel of the contract called by office, leadership,
 * admin and DSL sessions (the valid input of test/api/inputs.ts, plus inputs aimed at these
 * records, before and after the sweep). No marker may appear in any answer to anyone but a DSL:
 * records, lists, CSV exports, and the data the print layouts fetch (they fetch through the same
 * channels: getConfiscation, listConfiscations, issueConfiscationSlip). The DSLs must see every
 * marker, so the test cannot pass by finding nothing. A DSL receiving the details is logged.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../electron/api/channels';
import type { ChannelName, ConfiscationDetail, DslView, PupilDetail } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import type { Session } from '../../electron/api/session';
import { makeTestDb, sessions, type SessionName, type TestDb } from '../helpers/db';
import { b64, inputs, SAMPLE_ROLL } from './inputs';

/** The fields that carry DSL-only data, each with the marker this school's records hold in it. */
const DSL_ONLY_FIELDS = [
  { field: 'parents-not-informed: reason', marker: 'REASON-QX7' },
  { field: 'dsl-informed: reference (the safeguarding system’s)', marker: 'REF-QX7' },
  { field: 'hold: reason', marker: 'HOLD-QX7' },
  { field: 'hold-lifted: reason', marker: 'LIFT-QX7' },
  { field: 'still on hold: reason', marker: 'HOLD2-QX7' },
  { field: 'police-handover: officer', marker: 'PC OFFICER-QX7' },
  { field: 'police-handover: shoulder number', marker: 'SHOULDER-QX7' },
  { field: 'police-handover: crime reference', marker: 'CRIME-QX7' },
  { field: 'police-handover: seal number', marker: 'SEAL-QX7' },
  // a key with its value: the audit log (administrators) names fields changed, never their values
  { field: 'police-handover: receipt', marker: '"receiptReceived":true' },
  { field: 'police-returned: returned by (the officer)', marker: 'PC RETURNER-QX7' },
  { field: 'second handover: officer', marker: 'PC KEEPER-QX7' },
  { field: 'ukcis-steps: the steps', marker: '"turnedOffAndSecured":true' },
  { field: 'ukcis-decision: the decision', marker: 'social-care-and-police' },
  { field: 'contact: "must not collect" category', marker: 'other-safeguarding' },
] as const;

const noop = () => {};
const NON_DSL: SessionName[] = ['office', 'leadership', 'admin'];
const DSL: SessionName[] = ['officeDsl', 'leadershipDsl'];

async function must(t: TestDb, session: Session, channel: ChannelName, input: unknown): Promise<unknown> {
  const r = await dispatch(t.ctx, session, channel, input, noop);
  if (!r.ok) throw new Error(`setting up, ${channel}: ${r.error.message}`);
  return r.value;
}

/**
 * Pupil 1 with a contact "must not collect" (other safeguarding); record 1 with parents not
 * informed, the DSL told with a reference, a hold put on and lifted, handed to the police and
 * returned; record 2 (suspected nude images) with the UKCIS steps and decision, on hold; record 3
 * handed to the police and kept by them.
 */
async function school(): Promise<TestDb> {
  const t = await makeTestDb('2026-11-25T10:15:00Z', { staff: true });
  await must(t, sessions.admin, 'importRoll', { file: b64(SAMPLE_ROLL), fileName: 'roll.csv' });
  await must(t, sessions.office, 'addContact', { pupilId: 1, name: 'Ana Quillwick', relationship: 'Mother', phone: '', mayCollect: true });
  await must(t, sessions.office, 'addContact', { pupilId: 1, name: 'Ben Quillwick', relationship: 'Father', phone: '', mayCollect: true });
  await must(t, sessions.officeDsl, 'setNoContact', { id: 2, noContact: true, category: 'other-safeguarding' });
  const device = { deviceType: 'phone', description: 'Black phone', power: 'off', confiscatedBy: 'Mrs Lunch' };

  await must(t, sessions.office, 'recordConfiscation', { ...device, pupilId: 1, ground: 'child-protection' });
  await must(t, sessions.officeDsl, 'recordParentsNotInformed', { id: 1, decidedBy: 'Dee Safeguard', reason: 'REASON-QX7' });
  await must(t, sessions.office, 'recordDslInformed', { id: 1, reference: 'REF-QX7' });
  await must(t, sessions.officeDsl, 'setConfiscationHold', { id: 1, hold: true, reason: 'HOLD-QX7' });
  await must(t, sessions.officeDsl, 'setConfiscationHold', { id: 1, hold: false, reason: 'LIFT-QX7' });
  const handover = { shoulderNumber: 'SHOULDER-QX7', crimeReference: 'CRIME-QX7', sealNumber: 'SEAL-QX7', receiptReceived: true };
  await must(t, sessions.officeDsl, 'handToPolice', { id: 1, officer: 'PC OFFICER-QX7', ...handover });
  await must(t, sessions.officeDsl, 'recordPoliceOutcome', { id: 1, returned: true, returnedBy: 'PC RETURNER-QX7', to: 'School office safe' });

  await must(t, sessions.office, 'recordConfiscation', { ...device, pupilId: 1, ground: 'suspected-nudes' });
  await must(t, sessions.leadership, 'recordUkcisSteps', { id: 2, notViewed: true, turnedOffAndSecured: true, dslInformed: true });
  await must(t, sessions.leadershipDsl, 'recordUkcisDecision', { id: 2, decision: 'social-care-and-police' });
  await must(t, sessions.leadershipDsl, 'setConfiscationHold', { id: 2, hold: true, reason: 'HOLD2-QX7' });

  await must(t, sessions.office, 'recordConfiscation', { ...device, pupilId: 2, ground: 'behaviour' });
  await must(t, sessions.officeDsl, 'handToPolice', { id: 3, officer: 'PC KEEPER-QX7', ...handover });
  await must(t, sessions.officeDsl, 'recordPoliceOutcome', { id: 3, returned: false });
  return t;
}

/** Calls aimed at the records above: every read that shows them, and changes whose answer is the record. */
const AIMED: [ChannelName, unknown][] = [
  ['getConfiscation', { id: 1 }],
  ['getConfiscation', { id: 2 }],
  ['getConfiscation', { id: 3 }],
  ['listConfiscations', {}],
  ['listConfiscations', { pupilId: 1 }],
  ['exportConfiscations', {}],
  ['issueConfiscationSlip', { id: 1 }],
  ['getPupil', { id: 1 }],
  ['searchPupils', {}],
  ['exportContacts', {}],
  ['getToday', {}],
  ['listAudit', {}],
  ['updateContact', { id: 2, phone: '01843 000000' }],
  ['updatePupil', { id: 1, regGroup: '5X' }],
  ['moveConfiscated', { id: 1, to: 'With the DSL' }],
  ['recordParentsInformed', { id: 2, how: 'phone', informedBy: 'Mrs Office' }],
  ['amendConfiscation', { id: 3, field: 'witness', to: 'Mr Witness', reason: 'Left out' }],
  ['recordExamReport', { id: 1, examBody: 'AQA', reportedOn: '2026-11-25' }],
];

interface Answer {
  label: string;
  json: string;
}

/** Every channel once with its valid input, between two rounds of the aimed calls. */
async function everyAnswer(t: TestDb, who: SessionName): Promise<Answer[]> {
  const out: Answer[] = [];
  const ask = async (channel: ChannelName, input: unknown, label: string) => {
    const r = await dispatch(t.ctx, sessions[who], channel, input, noop);
    out.push({ label, json: JSON.stringify(r) });
  };
  for (const [channel, input] of AIMED) await ask(channel, input, `${channel} ${JSON.stringify(input)}`);
  // a channel still without its fuzz inputs (being added) is called with {} rather than skipped
  const valid = inputs as Partial<Record<ChannelName, { valid: unknown }>>;
  for (const channel of CHANNEL_NAMES) await ask(channel, valid[channel]?.valid ?? {}, channel);
  for (const [channel, input] of AIMED) await ask(channel, input, `${channel} ${JSON.stringify(input)} (after the sweep)`);
  return out;
}

/** The audit actions whose values are DSL-only (their audited values hash over a few possible values would give them away). */
const DSL_ONLY_ACTIONS = ['contact.no-contact', ...['parents-not-informed', 'dsl-informed', 'hold', 'hold-lifted', 'police-handover', 'police-returned', 'ukcis-steps', 'ukcis-decision'].map((k) => `confiscation.${k}`)];

function leaks(t: TestDb, answers: Answer[]): string[] {
  const hashes = t.db
    .prepare(`SELECT action, values_hash AS valuesHash FROM audit WHERE values_hash IS NOT NULL AND action IN (${DSL_ONLY_ACTIONS.map(() => '?').join(', ')})`)
    .all(...DSL_ONLY_ACTIONS) as { action: string; valuesHash: string }[];
  const markers = [...DSL_ONLY_FIELDS, ...hashes.map((h) => ({ field: `the hash of the audited values of ${h.action}`, marker: h.valuesHash }))];
  return answers.flatMap((a) => markers.filter((f) => a.json.includes(f.marker)).map((f) => `${a.label}: ${f.field}`));
}

describe('DSL-only details, through every channel', () => {
  for (const who of NON_DSL) {
    it(`answers ${who} without a single DSL-only detail, but with the decisions and who made them`, async () => {
      const t = await school();
      try {
        // what they do see, before anything changes: that a decision exists, and whose
        const r = await dispatch(t.ctx, sessions[who], 'getConfiscation', { id: 1 });
        const d = (r.ok ? r.value : null) as ConfiscationDetail;
        expect(d.events.find((e) => e.kind === 'parents-not-informed')).toMatchObject({ details: { decidedBy: 'Dee Safeguard' }, withheld: true, by: 'Dara Office-DSL' });
        expect(d.events.find((e) => e.kind === 'police-handover')).toMatchObject({ details: {}, withheld: true, by: 'Dara Office-DSL' });
        const p = await dispatch(t.ctx, sessions[who], 'getPupil', { id: 1 });
        expect((p.ok ? (p.value as PupilDetail) : null)?.contacts[1]).toMatchObject({ noContact: true, noContactCategory: null, noContactBy: 'Dara Office-DSL' });

        const answers = await everyAnswer(t, who);
        expect(answers.length).toBeGreaterThan(CHANNEL_NAMES.length);
        expect(leaks(t, answers)).toEqual([]);

        // nothing of theirs is logged as a view of DSL-only details
        const views = await dispatch(t.ctx, sessions.officeDsl, 'listDslViews', {});
        expect(views).toEqual({ ok: true, value: [] });
      } finally {
        t.dispose();
      }
    }, 120_000);
  }

  for (const who of DSL) {
    it(`answers ${who} with every DSL-only detail, and logs each record viewed once`, async () => {
      const t = await school();
      try {
        const answers = await everyAnswer(t, who);
        const all = answers.map((a) => a.json).join('\n');
        const missing = DSL_ONLY_FIELDS.filter((f) => !all.includes(f.marker)).map((f) => f.field);
        expect(missing).toEqual([]);
        const d = await dispatch(t.ctx, sessions[who], 'getConfiscation', { id: 1 });
        expect(JSON.stringify(d)).toContain('REASON-QX7');

        const r = await dispatch(t.ctx, sessions[who], 'listDslViews', { from: '2026-11-25', to: '2026-11-25' });
        const views = (r.ok ? r.value : []) as DslView[];
        const name = who === 'officeDsl' ? 'Dara Office-DSL' : 'Dev Leader-DSL';
        // many reads within minutes, one view each: records 1, 2 and 3 and pupil 1's contacts
        expect(views.map((v) => `${v.by} ${v.what} ${v.recordId}`).sort()).toEqual([`${name} confiscation 1`, `${name} confiscation 2`, `${name} confiscation 3`, `${name} contacts 1`]);
        expect(views.find((v) => v.what === 'confiscation' && v.recordId === 1)).toMatchObject({ pupil: 'Zoë Quillwick', at: '2026-11-25T10:15:00.000Z' });
        // only DSLs may list them
        for (const other of NON_DSL) expect(await dispatch(t.ctx, sessions[other], 'listDslViews', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        // a quarter of an hour later, reading again is a new view
        t.clock.advance(15 * 60_000);
        await dispatch(t.ctx, sessions[who], 'getConfiscation', { id: 1 });
        const again = await dispatch(t.ctx, sessions[who], 'listDslViews', {});
        expect((again.ok ? (again.value as DslView[]) : []).filter((v) => v.what === 'confiscation' && v.recordId === 1)).toHaveLength(2);
      } finally {
        t.dispose();
      }
    }, 120_000);
  }
});
