/** A kiosk visitor form and a badge, as getKioskVisitorForm and kioskSignIn answer them, for the visitor screens' tests. */
import { act } from '@testing-library/react';
import type { Badge, KioskVisitorForm } from '../../../electron/api/contract';

/** The real setTimeout, taken before any test fakes the timers. */
const realSetTimeout = globalThis.setTimeout;

/**
 * Let React finish what a screen that appeared outside act() still has to do (its effects: the
 * scanner's listener, the idle timer), with the timers faked: one real turn of the event loop.
 */
export function settle(): Promise<void> {
  return act(() => new Promise<void>((resolve) => realSetTimeout(resolve, 5)));
}

export const TEXTS: KioskVisitorForm['texts'] = {
  types: {
    parent: { rules: ['Photos of your own child only, at school events.', 'Never share photos of other children.'], reminder: 'Photos of your own child only.' },
    visitor: { rules: ['Phones in staff-only areas only.'], reminder: 'Phones in staff-only areas only.' },
    contractor: { rules: ['Phone only with staff permission, away from children.', 'Stay near your supervisor.'], reminder: 'Phone only with staff permission.' },
  },
  worried: 'If you are worried about a child, tell a Designated Safeguarding Lead straight away.',
  assemblyPoint: 'Leave by the nearest exit and go to the playground.',
  privacy: 'We keep your name and times for two years.',
  policy: '6.4.1 Parents may take images of their own child only.\n\n6.4.4 Staff challenge breaches and tell the DSL.',
};

export const FORM: KioskVisitorForm = {
  types: [
    { key: 'parent', label: 'Parent/carer', asksOrganisation: false, asksWork: false },
    { key: 'visitor', label: 'Visitor', asksOrganisation: true, asksWork: false },
    { key: 'contractor', label: 'Contractor', asksOrganisation: true, asksWork: true },
  ],
  textsVersion: 3,
  texts: TEXTS,
  dsls: ['Mark Bennett', 'Dee Safeguard'],
  idleSeconds: 60,
  badgePaper: 'label62',
  retentionMonths: 24,
};

export const TOKEN = 'KVABCDEFGHJKLMN234';

export const BADGE: Badge = {
  token: TOKEN,
  name: 'Sam Smith',
  typeLabel: 'Parent/carer',
  organisation: '',
  visiting: 'Mrs Khan',
  signedInAt: '2026-11-27T10:05:00.000Z',
  escort: 'escorted',
  escortWords: 'Must be escorted',
  reminder: 'Photos of your own child only.',
  schoolName: 'Oakfield Primary School',
};
