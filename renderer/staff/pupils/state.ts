/**
 * What the Pupils area remembers while the console stays unlocked: the search (so coming back
 * from a pupil shows the same list) and a message to show on the next page (after adding a
 * pupil, say). Locking reloads the page, which forgets it all.
 */
import { create } from 'zustand';

export interface PupilSearch {
  query: string;
  regGroup: string;
  includeLeft: boolean;
}

interface PupilsUi {
  search: PupilSearch;
  flash: string | null;
  setSearch(patch: Partial<PupilSearch>): void;
  setFlash(message: string | null): void;
  /** The message waiting for this page, once. */
  takeFlash(): string | null;
}

export const EMPTY_SEARCH: PupilSearch = { query: '', regGroup: '', includeLeft: false };

export const usePupilsUi = create<PupilsUi>((set, get) => ({
  search: EMPTY_SEARCH,
  flash: null,
  setSearch: (patch) => set((s) => ({ search: { ...s.search, ...patch } })),
  setFlash: (flash) => set({ flash }),
  takeFlash() {
    const { flash } = get();
    if (flash !== null) set({ flash: null });
    return flash;
  },
}));
