/** What the whole page knows: the school's public details and who this window is signed in as. */
import { create } from 'zustand';
import type { AppStatus, RecoveryStatus, SessionInfo } from '../../electron/api/contract';
import { call } from './api';

interface AppState {
  /** Whether the app could not open its records (recovery mode); asked first, before anything else. */
  recovery: RecoveryStatus | null;
  status: AppStatus | null;
  session: SessionInfo | null;
  failed: string | null;
  load(): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  recovery: null,
  status: null,
  session: null,
  failed: null,
  async load() {
    // In recovery mode nothing else is asked: the page shows only the recovery screen. If the
    // question itself fails, carry on as normal (the host answers it in both modes).
    const recovery = await call('getRecoveryStatus');
    if (recovery.ok && recovery.value.needed) {
      // which window this is (the host answers it in recovery mode): the visitor-facing screen shows only "Closed"
      const session = await call('getSession');
      return set({ recovery: recovery.value, session: session.ok ? session.value : null, failed: null });
    }
    const [status, session] = await Promise.all([call('getAppStatus'), call('getSession')]);
    if (!status.ok) return set({ failed: status.error.message });
    if (!session.ok) return set({ failed: session.error.message });
    set({ recovery: recovery.ok ? recovery.value : { needed: false }, status: status.value, session: session.value, failed: null });
  },
}));

export function isStaff(session: SessionInfo | null): session is Extract<SessionInfo, { kind: 'staff' }> {
  return session?.kind === 'staff';
}
