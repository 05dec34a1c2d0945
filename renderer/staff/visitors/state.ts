/**
 * What one Visitors tab hands to another when it opens it: "Invite" on a regular visitor's
 * profile opens Expected with the invitation form filled in. Taken (and cleared) by the tab that
 * opens, so a later visit to the tab starts empty.
 */
import { create } from 'zustand';
import type { VisitorProfile } from '../../../electron/api/contract';

interface Handover {
  inviteFrom: VisitorProfile | null;
  setInviteFrom(p: VisitorProfile | null): void;
}

export const useHandover = create<Handover>((set) => ({
  inviteFrom: null,
  setInviteFrom: (inviteFrom) => set({ inviteFrom }),
}));
