/**
 * The fire roll call's words, shared by the screen and the printed A4 list (the renderer never
 * imports db/, so the escort words are copied here from db/visitors.ts).
 */
import type { Escort, RollCall } from '../../../electron/api/contract';

export const ESCORT_WORDS: Record<Escort, string> = { escorted: 'Must be escorted', unescorted: 'DBS checked: unescorted' };

type Person = RollCall['people'][number];

/** '9 of 12 accounted for'. */
export function countWords(rc: Pick<RollCall, 'accounted' | 'people'>): string {
  return `${rc.accounted} of ${rc.people.length} accounted for`;
}

/** '1 person', '3 people'. */
export function peopleWords(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'people'}`;
}

/** '3 people are not accounted for. End anyway?' */
export function endAnywayWords(missing: number): string {
  return `${peopleWords(missing)} ${missing === 1 ? 'is' : 'are'} not accounted for. End anyway?`;
}

/** 'Ann Lee, Bob Stone and Cat Smith'. */
export function namesInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function notAccounted(people: readonly Person[]): Person[] {
  return people.filter((p) => p.accountedAt === null);
}
