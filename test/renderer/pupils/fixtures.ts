/** Pupils, contacts and classes for the Pupils area's tests. */
import type { Contact, PupilDetail, PupilSummary, RollPreview } from '../../../electron/api/contract';

export function summary(over: Partial<PupilSummary> & { id: number; forename: string; surname: string }): PupilSummary {
  return { yearGroup: 5, regGroup: '5W', status: 'on-roll', upn: null, adno: null, hasCard: false, hasNoContactFlag: false, ...over };
}

export const ZOE = summary({ id: 1, forename: 'Zoë', surname: 'Adams', upn: 'A123456789012', hasCard: true });
export const SEAN = summary({ id: 2, forename: 'Seán', surname: 'O’Brien', hasNoContactFlag: true });
export const MAI = summary({ id: 3, forename: 'Mai', surname: 'Nguyễn', yearGroup: 0, regGroup: 'RB' });

export const CLASSES = [
  { yearGroup: 5, regGroup: '5W', pupils: 28 },
  { yearGroup: 0, regGroup: 'RB', pupils: 30 },
  { yearGroup: 6, regGroup: '6W', pupils: 27 },
];

export function contact(over: Partial<Contact> & { id: number; name: string }): Contact {
  return { pupilId: 2, relationship: 'Mother', phone: '01843 123456', mayCollect: true, noContact: false, noContactCategory: null, noContactBy: null, ...over };
}

export function detail(over: Partial<PupilDetail> = {}): PupilDetail {
  return {
    ...SEAN,
    leftOn: null,
    contacts: [
      contact({ id: 10, name: 'Aoife O’Brien' }),
      contact({ id: 11, name: 'Declan O’Brien', relationship: 'Father', phone: '07700 900123', mayCollect: false, noContact: true, noContactBy: 'Dee Safeguard' }),
    ],
    card: { token: 'KPABCDEFGHIJKLMNOP', issuedAt: '2026-09-03T08:30:00.000Z' },
    createdAt: '2026-09-01T08:00:00.000Z',
    updatedAt: '2026-09-01T08:00:00.000Z',
    ...over,
  };
}

export function preview(over: Partial<RollPreview> = {}): RollPreview {
  return {
    encoding: 'windows-1252',
    rows: 5,
    toAdd: [
      { line: 2, forename: 'Zoë', surname: 'Adams', yearGroup: 5, regGroup: '5W' },
      { line: 3, forename: 'Mai', surname: 'Nguyễn', yearGroup: 0, regGroup: 'RB' },
    ],
    toUpdate: [{ id: 2, forename: 'Seán', surname: 'O’Brien', changes: [{ field: 'regGroup', from: '5W', to: '6W' }, { field: 'yearGroup', from: '5', to: '6' }] }],
    toLeave: [{ id: 7, forename: 'Tom', surname: 'Baker', yearGroup: 6, regGroup: '6W' }],
    unchanged: 1,
    problems: [{ line: 6, message: 'No surname.' }],
    leaversNeedConfirmation: false,
    ...over,
  };
}
