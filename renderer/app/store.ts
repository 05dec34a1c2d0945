/** What the whole page knows: the school's public details and who this window is signed in as. */
import { create } from 'zustand';
import type { AppStatus, SessionInfo } from '../../electron/api/contract';
import { call } from './api';

interface AppState {
  status: AppStatus | null;
  session: SessionInfo | null;
  failed: string | null;
  load(): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  status: null,
  session: null,
  failed: null,
  async load() {
    const [status, session] = await Promise.all([call('getAppStatus'), call('getSession')]);
    if (!status.ok) return set({ failed: status.error.message });
    if (!session.ok) return set({ failed: session.error.message });
    set({ status: status.value, session: session.value, failed: null });
  },
}));

export function isStaff(session: SessionInfo | null): session is Extract<SessionInfo, { kind: 'staff' }> {
  return session?.kind === 'staff';
}
