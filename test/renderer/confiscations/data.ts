import type { ConfiscationDetail, ConfiscationRecord } from '../../../electron/api/contract';

export function rec(over: Partial<ConfiscationRecord> & { id: number }): ConfiscationRecord {
  return {
    pupilId: 12,
    deviceType: 'phone',
    description: 'Black iPhone, blue case',
    condition: '',
    power: 'on',
    ground: 'behaviour',
    groundDetail: '',
    confiscatedAt: '2026-11-19T10:05:00.000Z',
    confiscatedBy: 'Mrs Patel',
    witness: '',
    recordedAt: '2026-11-19T10:10:00.000Z',
    recordedBy: 'staff:2',
    location: 'School office safe',
    status: 'held',
    onHold: false,
    slipToken: 'KCDO5X465OQUUVSTEY',
    releasedAt: null,
    forename: 'Olivia',
    surname: 'Kestrel',
    regGroup: '5W',
    yearGroup: 5,
    daysHeld: 8,
    overdue: true,
    parentsInformed: 'not-yet',
    dslInformed: false,
    searched: false,
    suspected: null,
    slipPrinted: false,
    releaseOverride: false,
    ...over,
  };
}

export function detail(record: ConfiscationRecord): ConfiscationDetail {
  return { record, events: [], collectors: [], contacts: [], can: { search: false, dsl: false, override: false, release: true, slip: 'print' }, why: { release: null, slip: null } };
}
