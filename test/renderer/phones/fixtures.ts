/** Shared fixtures for the phones screens' tests. */
import type { Movement } from '../../../electron/api/contract';

/** One movement of the day's log: Amara Ashdown's phone in slot 3, unless told otherwise. */
export function move(over: Partial<Movement> & Pick<Movement, 'itemId' | 'movement' | 'time'>): Movement {
  return {
    at: `2026-11-27T${over.time}:00.000Z`,
    pupilId: 51,
    forename: 'Amara',
    surname: 'Ashdown',
    regGroup: '5W',
    slot: 3,
    kind: 'phone',
    description: '',
    by: 'Olly Office',
    collectedBy: null,
    ...over,
  };
}
