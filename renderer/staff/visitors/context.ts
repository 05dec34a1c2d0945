/**
 * What every Visitors tab shares: the school's time zone (from Settings, provided by the area)
 * and whether this member of staff may manage the not-permitted list (leadership or a DSL).
 */
import { createContext, useContext } from 'react';
import { isStaff, useApp } from '../../app/store';
import { DEFAULT_TIME_ZONE } from './words';

export const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);

/** The school's time zone (Settings), for times in words. */
export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

/** Leadership or a DSL: may see the not-permitted list and let in someone who matches it. */
export function useMayManageNotPermitted(): boolean {
  const session = useApp((s) => s.session);
  return isStaff(session) && (session.role === 'leadership' || session.dsl);
}
