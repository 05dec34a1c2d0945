/**
 * Phones in and out (issue 6; policy 6.3.2 to 6.3.4): permission, exceptional arrangements, the
 * morning check-in, home time, and the records. Every movement is audited in db/phones.ts.
 * "by" fields carry the staff member's name (or "kiosk"), never an internal id.
 */
import type {
  Arrangement,
  Collector,
  HeldItem,
  HeldPupil,
  HeldWithoutPermission,
  ItemKind,
  LeftWithoutPhone,
  Movement,
  NotCollectedItem,
  PermissionEntry,
  PermittedPupil,
  PupilItemRecord,
  TermSummary,
} from '../../../db/phones';
import { channel } from '../channel';
import { id, isoDate, optionalText, text } from '../fields';
import { z } from '../zod';

export type { Arrangement, Collector, HeldItem, HeldPupil, HeldWithoutPermission, ItemKind, LeftWithoutPhone, Movement, NotCollectedItem, PermissionEntry, PermittedPupil, PupilItemRecord, TermSummary };

export interface CheckInDone {
  itemId: number;
  slot: number;
  pupilId: number;
  forename: string;
  surname: string;
  regGroup: string;
  kind: ItemKind;
  /** Local 'HH:MM'. */
  time: string;
  /** How many items this pupil has handed in today, this one included. */
  itemsToday: number;
}

export interface TakenIn {
  itemId: number;
  pupilId: number;
  forename: string;
  surname: string;
  regGroup: string;
  kind: ItemKind;
  /** Only a parent/carer allowed to collect may take it home (Settings). */
  parentOnly: boolean;
  time: string;
}

export interface CheckOutDone {
  pupilId: number;
  forename: string;
  surname: string;
  regGroup: string;
  items: HeldItem[];
  /** The slots to fetch from (items held without permission have none). */
  slots: number[];
  /** 'Pupil' or the contact's name. */
  collectedBy: string;
  time: string;
}

export interface PhoneDesk {
  day: string;
  isSchoolDay: boolean;
  permitted: number;
  checkedInToday: number;
  heldNow: number;
  slotsFree: number;
  slotMode: 'fixed' | 'next-free';
  /** The latest ten check-ins and take-ins today, newest first. */
  recent: Movement[];
}

export interface HomeTime {
  day: string;
  /** Everything held, grouped by pupil, by class then slot. */
  pupils: HeldPupil[];
  leftWithoutPhoneFrom: string;
  /** From leftWithoutPhoneFrom on a school day: who has gone home without their items; null before then. */
  leftWithoutPhone: LeftWithoutPhone[] | null;
}

export interface PupilPhones {
  pupilId: number;
  /** The pupil's year group may be given permission (Settings). */
  eligible: boolean;
  permitted: boolean;
  slot: number | null;
  permissions: PermissionEntry[];
  arrangement: Arrangement | null;
  pastArrangements: Omit<Arrangement, 'reviewOverdue'>[];
  items: PupilItemRecord[];
}

export interface PhoneRegister {
  permitted: PermittedPupil[];
  arrangements: Arrangement[];
  notCollected: NotCollectedItem[];
}

export interface PhoneTerm extends TermSummary {
  heldWithoutPermissionItems: (HeldWithoutPermission & { collectedBy: string | null })[];
}

const kind = z.enum(['phone', 'smartwatch', 'tablet', 'other'], { error: 'Choose what the item is: phone, smartwatch, tablet or other.' });
/** A scanned or typed card token; db/tokens.ts normalises case, spaces and dashes. */
const cardToken = text('Card', { max: 40 });
const description = optionalText('Description', { max: 80 });
const reason = text('Reason', { max: 200 });

export const phoneChannels = {
  getPhoneDesk: channel<PhoneDesk>()(['staff'], z.strictObject({}).optional(), 'The check-in screen: counts for today and the latest ten check-ins.'),
  phoneCheckIn: channel<CheckInDone>()(
    ['staff'],
    z.union([z.strictObject({ token: cardToken, kind: kind.optional() }), z.strictObject({ pupilId: id('Pupil'), kind: kind.optional() })]),
    "Morning: a permitted pupil's card scanned (or name chosen) checks their phone in to their slot; any refusal records nothing.",
  ),
  phoneAddItem: channel<CheckInDone>()(
    ['staff'],
    z.strictObject({ pupilId: id('Pupil'), kind, description }),
    'Another item (a smartwatch) from a pupil checked in today, into the same slot.',
  ),
  phoneTakeIn: channel<TakenIn>()(
    ['staff'],
    z.union([z.strictObject({ pupilId: id('Pupil'), kind, description }), z.strictObject({ token: cardToken, kind, description })]),
    '"Take it in": an item brought without permission, held in the office (not a confiscation).',
  ),
  phoneCheckOut: channel<CheckOutDone>()(
    ['staff'],
    z.union([
      z.strictObject({ token: cardToken }),
      z.strictObject({ pupilId: id('Pupil'), collectedBy: z.literal('pupil') }),
      z.strictObject({ pupilId: id('Pupil'), collectedBy: z.literal('contact'), contactId: id('Collected by') }),
    ]),
    "Home time (or leaving early): hand back everything of the pupil's still held, to the pupil (a card scan) or to a contact allowed to collect.",
  ),
  getHomeTime: channel<HomeTime>()(['staff'], z.strictObject({}).optional(), 'Items still held by class and slot, who may collect them, and "Left without phone".'),

  getPhoneRegister: channel<PhoneRegister>()(
    ['staff'],
    z.strictObject({}).optional(),
    'Pupils with permission (slot, card), exceptional arrangements (review overdue first) and items not collected.',
  ),
  getPupilPhones: channel<PupilPhones>()(['staff'], z.strictObject({ pupilId: id('Pupil') }), "A pupil's permission, arrangement, slot and every item, newest first."),
  grantPhonePermission: channel<PupilPhones>()(
    ['staff'],
    z.strictObject({ pupilId: id('Pupil'), contactId: id('Given by'), reason }),
    'Record permission to bring a phone, given by one of the pupil’s contacts (year groups in Settings only).',
  ),
  withdrawPhonePermission: channel<PupilPhones>()(['staff'], z.strictObject({ pupilId: id('Pupil'), reason }), 'Withdraw permission (their fixed slot is freed).'),
  setDeviceArrangement: channel<PupilPhones>()(
    ['leadership', 'admin'],
    z.strictObject({
      pupilId: id('Pupil'),
      device: text('Device', { max: 80 }),
      reason,
      agreedBy: text('Agreed by', { max: 80 }),
      agreedOn: isoDate('Date agreed'),
      reviewOn: isoDate('Review date'),
      writtenAgreementReceived: z.boolean({ error: 'Say whether the written agreement has been received.' }),
    }),
    'Leadership: record an exceptional arrangement under 6.3.4 (the pupil keeps the device); replaces the current one, kept as history.',
  ),
  endDeviceArrangement: channel<PupilPhones>()(['leadership', 'admin'], z.strictObject({ pupilId: id('Pupil') }), "Leadership: end a pupil's arrangement (kept as history)."),

  getPhoneLog: channel<{ day: string; movements: Movement[] }>()(
    ['staff'],
    z.strictObject({ day: isoDate('Date').optional() }).optional(),
    'Every check-in, take-in and hand-back on a day (default today), in time order.',
  ),
  exportPhoneLog: channel<{ fileName: string; csv: string }>()(
    ['staff'],
    z.strictObject({ day: isoDate('Date').optional() }).optional(),
    'The daily log as CSV (formulas neutralised); the export is audited.',
  ),
  getPhoneTerm: channel<PhoneTerm>()(
    ['staff'],
    z.strictObject({ from: isoDate('From'), to: isoDate('To') }).refine((v) => v.from <= v.to, { error: 'The first date must be on or before the last.', path: ['to'] }),
    'A term summary: check-ins, items held without permission (listed for follow-up) and items not collected on the day.',
  ),
};
