/**
 * Confiscated devices. The rules live in db/confiscations.ts; here local times typed on screen
 * become instants, staff ids become names, a signature's data URL becomes PNG bytes, and each
 * answer says what this session may do next.
 */
import { loadCalendar } from '../../../db/closures';
import {
  amendConfiscation,
  confiscationBySlip,
  getConfiscation,
  handToPolice,
  issueSlip,
  listConfiscations,
  moveDevice,
  policeOutcome,
  powersOf,
  recordConfiscation,
  recordDslInformed,
  recordExamReport,
  recordParentsInformed,
  recordParentsNotInformed,
  recordSearch,
  recordUkcisDecision,
  recordUkcisSteps,
  registerCsv,
  releaseDevice,
  releaseRefusal,
  setHold,
  signaturePng,
  slipRefusal,
} from '../../../db/confiscations';
import { listContacts } from '../../../db/contacts';
import { carriesDslOnly, eventsFor, listDslViews } from '../../../db/dsl-only';
import { DomainError } from '../../../db/errors';
import type { Db } from '../../../db/open';
import { staffNamer } from '../../../db/staff';
import type { Tx } from '../../../db/tx';
import type { ApiContext } from '../context';
import { writeAs } from '../context';
import type { ConfiscationDetail } from '../contract';
import { actorOf, type Session } from '../session';
import type { Handlers } from '.';
import { isDsl, noteDslView } from './dsl-views';

/** '2026-11-25T10:05' in the school's time zone, as an ISO instant; undefined stays undefined (now). */
function instant(db: Db, local: string | undefined): string | undefined {
  if (local === undefined) return undefined;
  const [date, time] = local.split('T') as [string, string];
  try {
    return loadCalendar(db).at(date, time).toISOString();
  } catch {
    throw new DomainError('RULE', 'Enter a real date and time.', 'at');
  }
}

function detail(ctx: ApiContext, session: Session, id: number): ConfiscationDetail {
  const { record, events } = getConfiscation(ctx.db, id, ctx.clock.now());
  const name = staffNamer(ctx.db);
  const contacts = listContacts(ctx.db, record.pupilId);
  const staff = session.kind === 'staff';
  const dsl = staff && session.dsl;
  const leadership = staff && session.role === 'leadership';
  // the db's own rules, asked for this session's account: the page offers exactly what the db allows
  const powers = powersOf(ctx.db, actorOf(session));
  const noRelease = releaseRefusal(record, powers);
  const noSlip = slipRefusal(record, powers);
  return {
    record: { ...record, recordedBy: name(record.recordedBy) },
    // DSL-only details (db/dsl-only.ts) for a DSL session only; others see that the decision exists and whose it is
    events: eventsFor(events, isDsl(session)).events.map((e) => ({ ...e, by: name(e.by) })),
    collectors: contacts.filter((c) => c.mayCollect && !c.noContact).map((c) => ({ id: c.id, name: c.name, relationship: c.relationship })),
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, relationship: c.relationship, noContact: c.noContact })),
    can: {
      search: dsl || leadership,
      dsl,
      override: dsl || leadership,
      release: noRelease === null,
      slip: noSlip !== null ? null : record.slipPrinted ? 'reprint' : 'print',
    },
    why: { release: noRelease, slip: noSlip },
  };
}

/** Run a change to one record and answer with the record as it now stands. */
function change(ctx: ApiContext, session: Session, id: number, fn: (tx: Tx) => unknown): ConfiscationDetail {
  writeAs(ctx, session, fn);
  return detail(ctx, session, id);
}

function pngBytes(dataUrl: string): Uint8Array {
  return new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

export const confiscationHandlers: Handlers<
  | 'listConfiscations'
  | 'getConfiscation'
  | 'listDslViews'
  | 'findConfiscationSlip'
  | 'exportConfiscations'
  | 'getReleaseSignature'
  | 'recordConfiscation'
  | 'moveConfiscated'
  | 'recordParentsInformed'
  | 'recordParentsNotInformed'
  | 'recordDslInformed'
  | 'recordExamReport'
  | 'recordSearch'
  | 'recordUkcisSteps'
  | 'recordUkcisDecision'
  | 'issueConfiscationSlip'
  | 'handToPolice'
  | 'recordPoliceOutcome'
  | 'setConfiscationHold'
  | 'releaseConfiscated'
  | 'amendConfiscation'
> = {
  listConfiscations: (ctx, _session, input) => {
    const name = staffNamer(ctx.db);
    const rows = listConfiscations(ctx.db, ctx.clock.now(), input ?? {});
    for (const r of rows) r.recordedBy = name(r.recordedBy); // fresh objects: no copying a thousand rows
    return rows;
  },
  getConfiscation: (ctx, session, input) => {
    const d = detail(ctx, session, input.id);
    if (carriesDslOnly(d.events)) noteDslView(ctx, session, { kind: 'confiscation', id: input.id });
    return d;
  },
  listDslViews: (ctx, _session, input) => listDslViews(ctx.db, input ?? {}),
  findConfiscationSlip: (ctx, _session, input) => {
    const id = confiscationBySlip(ctx.db, input.token);
    if (id === null) throw new DomainError('NOT_FOUND', 'That is not a confiscation slip this school printed. Search the register instead.', 'token');
    return { id };
  },
  exportConfiscations: (ctx, session, input) => {
    const { csv, rows } = registerCsv(ctx.db, ctx.clock.now(), input ?? {});
    writeAs(ctx, session, (tx) => tx.audit({ action: 'confiscations.export', entity: 'export', entityId: null, values: { rows } }));
    return { fileName: `confiscations-${loadCalendar(ctx.db).today(ctx.clock)}.csv`, csv };
  },
  getReleaseSignature: (ctx, _session, input) => {
    const png = signaturePng(ctx.db, input.eventId);
    if (!png) throw new DomainError('NOT_FOUND', 'There is no signature for that entry.', 'eventId');
    return { dataUrl: `data:image/png;base64,${Buffer.from(png).toString('base64')}` };
  },

  recordConfiscation: (ctx, session, input) => {
    const row = writeAs(ctx, session, (tx) => recordConfiscation(tx, { ...input, confiscatedAt: instant(ctx.db, input.confiscatedAt) }));
    return detail(ctx, session, row.id);
  },
  moveConfiscated: (ctx, session, input) => change(ctx, session, input.id, (tx) => moveDevice(tx, input.id, { to: input.to, at: instant(ctx.db, input.at), note: input.note })),
  recordParentsInformed: (ctx, session, input) =>
    change(ctx, session, input.id, (tx) => recordParentsInformed(tx, input.id, { how: input.how, informedBy: input.informedBy, at: instant(ctx.db, input.at) })),
  recordParentsNotInformed: (ctx, session, input) => change(ctx, session, input.id, (tx) => recordParentsNotInformed(tx, input.id, input)),
  recordDslInformed: (ctx, session, input) => change(ctx, session, input.id, (tx) => recordDslInformed(tx, input.id, { at: instant(ctx.db, input.at), reference: input.reference })),
  recordExamReport: (ctx, session, input) => change(ctx, session, input.id, (tx) => recordExamReport(tx, input.id, input)),
  recordSearch: (ctx, session, input) => change(ctx, session, input.id, (tx) => recordSearch(tx, input.id, { ...input, found: input.found ?? '', followUp: input.followUp ?? '', at: instant(ctx.db, input.at) })),
  recordUkcisSteps: (ctx, session, input) => change(ctx, session, input.id, (tx) => recordUkcisSteps(tx, input.id, input)),
  recordUkcisDecision: (ctx, session, input) =>
    change(ctx, session, input.id, (tx) => recordUkcisDecision(tx, input.id, { decision: input.decision, noImmediateReferral: input.noImmediateReferral, at: instant(ctx.db, input.at) })),
  issueConfiscationSlip: (ctx, session, input) => writeAs(ctx, session, (tx) => issueSlip(tx, input.id)),
  handToPolice: (ctx, session, input) => change(ctx, session, input.id, (tx) => handToPolice(tx, input.id, { ...input, at: instant(ctx.db, input.at) })),
  recordPoliceOutcome: (ctx, session, input) =>
    change(ctx, session, input.id, (tx) =>
      policeOutcome(tx, input.id, input.returned ? { returned: true, returnedBy: input.returnedBy, to: input.to, at: instant(ctx.db, input.at) } : { returned: false, at: instant(ctx.db, input.at) }),
    ),
  setConfiscationHold: (ctx, session, input) => change(ctx, session, input.id, (tx) => setHold(tx, input.id, input.hold, input.reason ?? '')),
  releaseConfiscated: (ctx, session, input) =>
    change(ctx, session, input.id, (tx) =>
      releaseDevice(tx, input.id, {
        to: 'contactId' in input ? { contactId: input.contactId } : { name: input.name, relationship: input.relationship ?? '', reason: input.reason },
        identity: input.identity,
        signature: pngBytes(input.signature),
      }),
    ),
  amendConfiscation: (ctx, session, input) => change(ctx, session, input.id, (tx) => amendConfiscation(tx, input.id, input)),
};
