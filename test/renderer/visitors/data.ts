/**
 * Visitors fixtures for the renderer tests: a visit, a profile, an invitation, a breach, the setup.
 * Also gives Testing Library's waits a longer limit in these files (the console, a QR code drawn,
 * a debounced search): on a busy test machine one second is not always enough.
 */
import { configure } from '@testing-library/react';
import type { Breach, Invitation, ResultOf, Visit, VisitorProfile, VisitorType } from '../../../electron/api/contract';

configure({ asyncUtilTimeout: 5000 });

/** 10:00 in London on Friday 27 November 2026 (the tests' "now"). */
export const NOW = new Date('2026-11-27T10:00:00.000Z');
export const TODAY = '2026-11-27';

export const BADGE = 'KVABCDEFGHIJKLMNOP';
export const INVITE_CODE = 'KIQRSTUVWXYZ234567';
export const CARD = 'KIAAAABBBBCCCCDDDD';

export function visit(over: Partial<Visit> & { id: number; name: string }): Visit {
  return {
    typeKey: 'visitor',
    typeLabel: 'Visitor',
    organisation: '',
    visiting: 'Mrs Patel',
    carReg: '',
    work: '',
    supervisor: '',
    escort: 'escorted',
    status: 'on-site',
    signedInAt: '2026-11-27T07:55:00.000Z',
    signedInVia: 'kiosk',
    signedOutAt: null,
    signedOutVia: null,
    signedOutBy: null,
    stayReason: null,
    checkedAt: null,
    checkedBy: null,
    checkedNote: '',
    textsVersion: 1,
    profileId: null,
    invitationId: null,
    notPermitted: false,
    sameNameOnSite: false,
    ...over,
  };
}

export function profile(over: Partial<VisitorProfile> & { id: number; name: string }): VisitorProfile {
  return {
    typeKey: 'contractor',
    typeLabel: 'Contractor',
    organisation: 'Brightwater Plumbing',
    dbsNumber: '',
    dbsIssuedOn: null,
    dbsSeenBy: '',
    dbsSeenOn: null,
    notes: '',
    active: true,
    escort: 'escorted',
    cardToken: CARD,
    ...over,
  };
}

export function invitation(over: Partial<Invitation> & { id: number; name: string }): Invitation {
  return {
    code: INVITE_CODE,
    typeKey: 'visitor',
    typeLabel: 'Visitor',
    organisation: 'Ofsted',
    visiting: 'The Head of School',
    carReg: '',
    work: '',
    supervisor: '',
    expectedOn: TODAY,
    profileId: null,
    createdAt: '2026-11-20T09:00:00.000Z',
    createdBy: 'Olly Office',
    status: 'expected',
    usedAt: null,
    cancelledAt: null,
    ...over,
  };
}

export function breach(over: Partial<Breach> & { id: number; person: string }): Breach {
  return {
    visitId: null,
    occurredAt: '2026-11-27T09:30:00.000Z',
    kind: 'phone-near-children',
    what: '',
    reportedAt: '2026-11-27T09:40:00.000Z',
    reportedBy: 'Olly Office',
    dslToldAt: null,
    dslToldBy: null,
    ...over,
  };
}

const type = (key: string, label: string, asksOrganisation: boolean, asksWork: boolean, active = true): VisitorType => ({ key, label, asksOrganisation, asksWork, builtin: true, active });

export const TYPES: VisitorType[] = [
  type('parent', 'Parent/carer', false, false),
  type('visitor', 'Visitor', true, false),
  type('contractor', 'Contractor', true, true),
  type('volunteer', 'Volunteer', false, false),
  type('supply', 'Supply or agency staff', true, false),
  { key: 'governor', label: 'Governor', asksOrganisation: false, asksWork: false, builtin: false, active: false },
];

export const SETUP: ResultOf<'getVisitorSetup'> = {
  types: TYPES,
  current: {
    version: 1,
    texts: { types: {}, worried: '', assemblyPoint: '', privacy: '', policy: '' },
    createdAt: '2026-09-01T08:00:00.000Z',
    createdBy: 'system',
  },
  versions: [{ version: 1, createdAt: '2026-09-01T08:00:00.000Z', createdBy: 'system' }],
};

export const PRINTED = () => Promise.resolve({ ok: true as const, value: { via: 'printer' as const, printed: true as const } });
