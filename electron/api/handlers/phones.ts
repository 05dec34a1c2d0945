/**
 * Phones in and out. The rules live in db/phones.ts; here a scanned card becomes a pupil (a
 * replaced or unknown card is refused before anything is written) and staff ids become names.
 */
import { lookupCard } from '../../../db/cards';
import { loadCalendar } from '../../../db/closures';
import { getContact } from '../../../db/contacts';
import { DomainError } from '../../../db/errors';
import type { Db } from '../../../db/open';
import { staffNamer } from '../../../db/staff';
import {
  addItem,
  checkInByPupil,
  checkOutPupil,
  currentArrangement,
  dailyLog,
  dailyLogCsv,
  deskSummary,
  endDeviceArrangement,
  grantPhonePermission,
  hasPhonePermission,
  heldByPupil,
  leftWithoutPhone,
  listArrangements,
  listHeldWithoutPermission,
  listPermittedPupils,
  notCollected,
  ownSlot,
  pupilPhoneHistory,
  setDeviceArrangement,
  takeInWithoutPermission,
  termSummary,
  withdrawPhonePermission,
  type ItemKind,
  type Movement,
} from '../../../db/phones';
import { mustGetPupil } from '../../../db/pupils';
import { getPhoneSettings } from '../../../db/settings';
import { parseToken } from '../../../db/tokens';
import type { ApiContext } from '../context';
import { writeAs } from '../context';
import type { PupilPhones } from '../contract';
import type { Handlers } from '.';

function namedMovements(db: Db, movements: Movement[]): Movement[] {
  const name = staffNamer(db);
  return movements.map((m) => ({ ...m, by: name(m.by) }));
}

function today(ctx: ApiContext): string {
  return loadCalendar(ctx.db).today(ctx.clock);
}

/** The pupil a scanned card belongs to; a replaced, unknown or other kind of card is refused. */
function pupilFromCard(db: Db, token: string): number {
  const parsed = parseToken(token);
  if (parsed && parsed.type !== 'pupilCard') {
    const what = parsed.type === 'visitorBadge' ? 'a visitor badge' : parsed.type === 'confiscationSlip' ? 'a confiscation slip' : 'not a pupil card';
    throw new DomainError('RULE', `That is ${what}. Scan the pupil’s card, or type their name. Nothing was recorded.`, 'token');
  }
  const r = lookupCard(db, token);
  if (r.found) return r.pupilId;
  if (r.reason === 'revoked') {
    throw new DomainError('RULE', `This card was replaced on ${r.replacedOn} and no longer works. Type the pupil’s name instead, and collect the old card. Nothing was recorded.`, 'token');
  }
  throw new DomainError('RULE', 'This card is not recognised. Type the pupil’s name instead. Nothing was recorded.', 'token');
}

function pupilPhones(ctx: ApiContext, pupilId: number): PupilPhones {
  const pupil = mustGetPupil(ctx.db, pupilId, 'pupilId');
  const day = today(ctx);
  const name = staffNamer(ctx.db);
  const h = pupilPhoneHistory(ctx.db, pupil.id);
  const current = currentArrangement(ctx.db, pupil.id, day);
  return {
    pupilId: pupil.id,
    eligible: getPhoneSettings(ctx.db).phoneYearGroups.includes(pupil.yearGroup),
    permitted: hasPhonePermission(ctx.db, pupil.id),
    slot: ownSlot(ctx.db, pupil.id),
    permissions: h.permissions.map((p) => ({ ...p, by: name(p.by) })),
    arrangement: current,
    pastArrangements: h.arrangements.filter((a) => a.id !== current?.id),
    items: h.items.map((i) => ({ ...i, checkedInBy: name(i.checkedInBy), checkedOutBy: i.checkedOutBy === null ? null : name(i.checkedOutBy) })),
  };
}

function itemsToday(db: Db, pupilId: number, day: string): number {
  return db.prepare('SELECT COUNT(*) FROM phone_items WHERE pupil_id = ? AND day = ? AND permitted = 1').pluck().get(pupilId, day) as number;
}

export const phoneHandlers: Handlers<
  | 'getPhoneDesk'
  | 'phoneCheckIn'
  | 'phoneAddItem'
  | 'phoneTakeIn'
  | 'phoneCheckOut'
  | 'getHomeTime'
  | 'getPhoneRegister'
  | 'getPupilPhones'
  | 'grantPhonePermission'
  | 'withdrawPhonePermission'
  | 'setDeviceArrangement'
  | 'endDeviceArrangement'
  | 'getPhoneLog'
  | 'exportPhoneLog'
  | 'getPhoneTerm'
> = {
  getPhoneDesk: (ctx) => {
    const d = deskSummary(ctx.db, ctx.clock.now());
    return { ...d, recent: namedMovements(ctx.db, d.recent), slotMode: getPhoneSettings(ctx.db).phoneSlotMode };
  },
  phoneCheckIn: (ctx, session, input) => {
    const pupilId = 'token' in input ? pupilFromCard(ctx.db, input.token) : input.pupilId;
    const kind: ItemKind = input.kind ?? 'phone';
    return writeAs(ctx, session, (tx) => {
      const r = checkInByPupil(tx, pupilId, kind);
      return { ...r, kind, itemsToday: itemsToday(tx.db, pupilId, loadCalendar(tx.db).localDate(tx.now)) };
    });
  },
  phoneAddItem: (ctx, session, input) =>
    writeAs(ctx, session, (tx) => {
      const r = addItem(tx, input.pupilId, input.kind, input.description ?? '');
      return { ...r, kind: input.kind, itemsToday: itemsToday(tx.db, input.pupilId, loadCalendar(tx.db).localDate(tx.now)) };
    }),
  phoneTakeIn: (ctx, session, input) => {
    const pupilId = 'token' in input ? pupilFromCard(ctx.db, input.token) : input.pupilId;
    return writeAs(ctx, session, (tx) => {
      const r = takeInWithoutPermission(tx, { pupilId, kind: input.kind, description: input.description ?? '' });
      const p = mustGetPupil(tx.db, pupilId, 'pupilId');
      return { ...r, pupilId, forename: p.forename, surname: p.surname, regGroup: p.regGroup, kind: input.kind };
    });
  },
  phoneCheckOut: (ctx, session, input) => {
    const pupilId = 'token' in input ? pupilFromCard(ctx.db, input.token) : input.pupilId;
    const who = 'collectedBy' in input && input.collectedBy === 'contact' ? { collectedBy: 'contact' as const, contactId: input.contactId } : { collectedBy: 'pupil' as const };
    return writeAs(ctx, session, (tx) => {
      const r = checkOutPupil(tx, pupilId, who);
      const p = mustGetPupil(tx.db, pupilId, 'pupilId');
      const collectedBy = who.collectedBy === 'contact' ? (getContact(tx.db, who.contactId)?.name ?? '') : 'Pupil';
      return { ...r, pupilId, forename: p.forename, surname: p.surname, regGroup: p.regGroup, collectedBy };
    });
  },
  getHomeTime: (ctx) => {
    const day = today(ctx);
    const now = ctx.clock.now();
    const cal = loadCalendar(ctx.db);
    const { leftWithoutPhoneFrom } = getPhoneSettings(ctx.db);
    const due = cal.isSchoolDay(day) && !cal.isBefore(now, day, leftWithoutPhoneFrom);
    return { day, pupils: heldByPupil(ctx.db, day), leftWithoutPhoneFrom, leftWithoutPhone: due ? leftWithoutPhone(ctx.db, now) : null };
  },

  getPhoneRegister: (ctx) => {
    const day = today(ctx);
    return { permitted: listPermittedPupils(ctx.db), arrangements: listArrangements(ctx.db, day), notCollected: notCollected(ctx.db, day) };
  },
  getPupilPhones: (ctx, _session, input) => pupilPhones(ctx, input.pupilId),
  grantPhonePermission: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => grantPhonePermission(tx, input));
    return pupilPhones(ctx, input.pupilId);
  },
  withdrawPhonePermission: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => withdrawPhonePermission(tx, input.pupilId, input.reason));
    return pupilPhones(ctx, input.pupilId);
  },
  setDeviceArrangement: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => setDeviceArrangement(tx, input));
    return pupilPhones(ctx, input.pupilId);
  },
  endDeviceArrangement: (ctx, session, input) => {
    writeAs(ctx, session, (tx) => endDeviceArrangement(tx, input.pupilId));
    return pupilPhones(ctx, input.pupilId);
  },

  getPhoneLog: (ctx, _session, input) => {
    const day = input?.day ?? today(ctx);
    return { day, movements: namedMovements(ctx.db, dailyLog(ctx.db, day)) };
  },
  exportPhoneLog: (ctx, session, input) => {
    const day = input?.day ?? today(ctx);
    const name = staffNamer(ctx.db);
    const { csv, rows } = dailyLogCsv(ctx.db, day, name);
    writeAs(ctx, session, (tx) => tx.audit({ action: 'phones.log.export', entity: 'export', entityId: null, values: { day, rows } }));
    return { fileName: `phones-${day}.csv`, csv };
  },
  getPhoneTerm: (ctx, _session, input) => {
    const contactName = ctx.db.prepare('SELECT name FROM contacts WHERE id = ?').pluck();
    const items = listHeldWithoutPermission(ctx.db, input.from, input.to).map((i) => ({
      ...i,
      collectedBy: i.checkedOutAt === null ? null : i.collectedByPupil ? 'Pupil' : ((contactName.get(i.collectedByContactId) as string | undefined) ?? 'A contact since removed'),
    }));
    return { ...termSummary(ctx.db, input.from, input.to), heldWithoutPermissionItems: items };
  },
};
