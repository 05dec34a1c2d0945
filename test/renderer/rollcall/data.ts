/** Roll calls for the roll call tests: a few people on site, as the API answers. */
import type { RollCall, RollCallSummary } from '../../../electron/api/contract';

type Person = RollCall['people'][number];

export function person(over: Partial<Person> & { visitId: number; name: string }): Person {
  return {
    typeLabel: 'Visitor',
    organisation: '',
    visiting: 'Mrs Patel',
    escort: 'escorted',
    signedInAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    stayReason: null,
    accountedAt: null,
    accountedBy: null,
    ...over,
  };
}

export const PEOPLE: Person[] = [
  person({ visitId: 1, name: 'Ann Lee', typeLabel: 'Contractor', organisation: 'Acme Heating', visiting: 'Site manager', escort: 'unescorted' }),
  person({ visitId: 2, name: 'Bob Stone', typeLabel: 'Parent/carer', visiting: 'Year 2 assembly' }),
  person({ visitId: 3, name: 'Cat Smith', typeLabel: 'Supply or agency staff', organisation: 'Teach Ltd', visiting: 'Class 4W', stayReason: 'Evening letting' }),
];

export function rollCall(over: Partial<RollCall> & { id: number }): RollCall {
  const people = over.people ?? PEOPLE;
  return {
    startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    startedBy: 'Priya Shah',
    endedAt: null,
    endedBy: null,
    accounted: people.filter((p) => p.accountedAt !== null).length,
    ...over,
    people,
  };
}

export function summary(over: Partial<RollCallSummary> & { id: number }): RollCallSummary {
  return { startedAt: '2026-11-26T10:05:00.000Z', startedBy: 'Priya Shah', endedAt: '2026-11-26T10:21:00.000Z', people: 4, accounted: 4, ...over };
}

/** A stateful fake of the roll call channels: ticks and the end change what getRollCall answers. */
export function liveRollCall(start: RollCall) {
  let rc = start;
  const recount = () => {
    rc = { ...rc, accounted: rc.people.filter((p) => p.accountedAt !== null).length };
    return rc;
  };
  return {
    get current() {
      return rc;
    },
    start: () => rc,
    get: () => rc,
    accountFor: (input: { rollCallId: number; visitId: number; accounted: boolean }) => {
      const at = new Date().toISOString();
      rc = {
        ...rc,
        people: rc.people.map((p) =>
          p.visitId === input.visitId ? { ...p, accountedAt: input.accounted ? at : null, accountedBy: input.accounted ? 'Priya Shah' : null } : p,
        ),
      };
      return recount();
    },
    end: () => {
      rc = { ...rc, endedAt: new Date().toISOString(), endedBy: 'Priya Shah' };
      return rc;
    },
  };
}
