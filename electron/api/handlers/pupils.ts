/**
 * The pupil roll, contacts and pupil cards. A contact's "no contact" category goes to a DSL's
 * session only (db/dsl-only.ts); everyone else sees the flag and which DSL set it.
 */
import { cardsForPrint, issueCard, liveCard, lookupCard } from '../../../db/cards';
import { addContact, contactsCsv, listContacts, removeContact, setNoContact, updateContact, type ContactRecord } from '../../../db/contacts';
import { importContactsFile, planContactsImport } from '../../../db/contacts-import';
import { contactFor as dslContact, noContactMarkedBy } from '../../../db/dsl-only';
import { loadCalendar } from '../../../db/closures';
import { DomainError } from '../../../db/errors';
import { createPupil, getPupilListItem, listClasses, rollCsv, searchPupils, updatePupil, type PupilListItem, type PupilPatch } from '../../../db/pupils';
import { importRollFile, previewRollImport } from '../../../db/roll-import';
import type { ApiContext } from '../context';
import { writeAs } from '../context';
import type { Contact, PupilDetail, PupilSummary } from '../contract';
import type { Session } from '../session';
import type { Handlers } from '.';
import { isDsl, noteDslView } from './dsl-views';

function summary(p: PupilListItem): PupilSummary {
  return {
    id: p.id,
    forename: p.forename,
    surname: p.surname,
    yearGroup: p.yearGroup,
    regGroup: p.regGroup,
    status: p.status,
    upn: p.upn,
    adno: p.adno,
    hasCard: p.hasCard,
    hasNoContactFlag: p.hasNoContactFlag,
  };
}

/**
 * A contact as this session may see it: the category for a DSL only (db/dsl-only.ts); everyone
 * sees the flag and which DSL set it.
 */
function contactFor(ctx: ApiContext, session: Session, c: ContactRecord, markedBy = noContactMarkedBy(ctx.db, [c])): Contact {
  return dslContact(
    {
      id: c.id,
      pupilId: c.pupilId,
      name: c.name,
      relationship: c.relationship,
      phone: c.phone,
      mayCollect: c.mayCollect,
      noContact: c.noContact,
      noContactCategory: c.noContactCategory,
      noContactBy: markedBy.get(c.id) ?? null,
    },
    isDsl(session),
  );
}

/** A pupil's contacts as this session may see them; a DSL receiving a category is logged as a view of the pupil's contacts. */
function contactsFor(ctx: ApiContext, session: Session, pupilId: number): Contact[] {
  const contacts = listContacts(ctx.db, pupilId);
  const markedBy = noContactMarkedBy(ctx.db, contacts);
  const shown = contacts.map((c) => contactFor(ctx, session, c, markedBy));
  if (shown.some((c) => c.noContactCategory !== null)) noteDslView(ctx, session, { kind: 'contacts', pupilId });
  return shown;
}

function detail(ctx: ApiContext, session: Session, id: number): PupilDetail {
  const p = getPupilListItem(ctx.db, id);
  if (!p) throw new DomainError('NOT_FOUND', 'That pupil is not on the roll (or the record no longer exists).', 'id');
  return {
    ...summary(p),
    leftOn: p.leftOn,
    contacts: contactsFor(ctx, session, id),
    card: liveCard(ctx.db, id),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** The bytes of a file the screen sent as base64. */
function fileBytes(b64: string): Uint8Array {
  return Buffer.from(b64, 'base64');
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function today(ctx: ApiContext): string {
  return loadCalendar(ctx.db).today(ctx.clock);
}

export const pupilHandlers: Handlers<
  | 'searchPupils'
  | 'listClasses'
  | 'getPupil'
  | 'createPupil'
  | 'updatePupil'
  | 'previewRollImport'
  | 'importRoll'
  | 'importContacts'
  | 'exportRoll'
  | 'exportContacts'
  | 'addContact'
  | 'updateContact'
  | 'removeContact'
  | 'setNoContact'
  | 'issueCard'
  | 'cardsForPrint'
  | 'lookupCard'
> = {
  searchPupils: (ctx, _session, input) => searchPupils(ctx.db, input ?? {}).map(summary),
  listClasses: (ctx) => listClasses(ctx.db),
  getPupil: (ctx, session, input) => detail(ctx, session, input.id),

  createPupil: (ctx, session, input) => {
    const p = writeAs(ctx, session, (tx) =>
      createPupil(tx, { forename: input.forename, surname: input.surname, yearGroup: input.yearGroup, regGroup: input.regGroup, upn: input.upn ?? null, adno: input.adno ?? null }),
    );
    return detail(ctx, session, p.id);
  },
  updatePupil: (ctx, session, input) => {
    const { id, ...rest } = input;
    const patch: PupilPatch = withoutUndefined(rest);
    writeAs(ctx, session, (tx) => updatePupil(tx, id, patch));
    return detail(ctx, session, id);
  },

  previewRollImport: (ctx, _session, input) => previewRollImport(ctx.db, fileBytes(input.file)),
  importRoll: (ctx, session, input) => {
    const bytes = fileBytes(input.file);
    const preview = writeAs(ctx, session, (tx) => importRollFile(tx, bytes, input.fileName, input.confirmLeavers));
    ctx.log.info('roll.import', { added: preview.toAdd.length, updated: preview.toUpdate.length, left: preview.toLeave.length, problems: preview.problems.length });
    return { ...preview, saved: true };
  },
  importContacts: (ctx, session, input) => {
    const bytes = fileBytes(input.file);
    const s = input.save ? writeAs(ctx, session, (tx) => importContactsFile(tx, bytes, input.fileName)) : planContactsImport(ctx.db, bytes).summary;
    return { rows: s.rows, toAdd: s.toAdd, toUpdate: s.toUpdate, problems: s.problems, saved: input.save };
  },
  exportRoll: (ctx, session, input) => {
    const includeLeft = input?.includeLeft ?? false;
    const { csv, rows } = rollCsv(ctx.db, { includeLeft });
    writeAs(ctx, session, (tx) => tx.audit({ action: 'roll.export', entity: 'export', entityId: null, values: { rows, includeLeft } }));
    return { fileName: `roll-${today(ctx)}.csv`, csv };
  },
  exportContacts: (ctx, session) => {
    const { csv, rows } = contactsCsv(ctx.db);
    writeAs(ctx, session, (tx) => tx.audit({ action: 'contacts.export', entity: 'export', entityId: null, values: { rows } }));
    return { fileName: `contacts-${today(ctx)}.csv`, csv };
  },

  addContact: (ctx, session, input) => {
    const { pupilId, ...fields } = input;
    return contactFor(
      ctx,
      session,
      writeAs(ctx, session, (tx) => addContact(tx, pupilId, fields)),
    );
  },
  updateContact: (ctx, session, input) => {
    const { id, ...rest } = input;
    return contactFor(
      ctx,
      session,
      writeAs(ctx, session, (tx) => updateContact(tx, id, withoutUndefined(rest))),
    );
  },
  removeContact: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => removeContact(tx, input.id, isDsl(session)));
    return { removed: input.id };
  },
  setNoContact: (ctx, session, input) => {
    const flag = input.noContact ? { noContact: true as const, category: input.category } : { noContact: false as const };
    return contactFor(
      ctx,
      session,
      writeAs(ctx, session, (tx) => setNoContact(tx, input.id, flag)),
    );
  },

  issueCard: (ctx, session, input) => writeAs(ctx, session, (tx) => issueCard(tx, input.pupilId)),
  cardsForPrint: (ctx, session, input) => writeAs(ctx, session, (tx) => cardsForPrint(tx, input)),
  lookupCard: (ctx, _session, input) => {
    const r = lookupCard(ctx.db, input.token);
    if (!r.found) return r;
    const p = getPupilListItem(ctx.db, r.pupilId);
    return p ? { found: true, pupil: summary(p) } : { found: false, reason: 'unknown' };
  },
};
