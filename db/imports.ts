/** The log of roll and contact imports: when, by whom, which file, and what it did. */
import { prepared } from './statements';
import type { Tx } from './tx';

export interface ImportCounts {
  fileName: string;
  kind: 'roll' | 'contacts';
  added: number;
  updated: number;
  left: number;
  problems: number;
}

/** Record an import inside its own transaction; returns its id (kept in each row's audit values). */
export function logImport(tx: Tx, c: ImportCounts): number {
  const staffId = tx.actor.kind === 'staff' ? tx.actor.staffId : null;
  return Number(
    prepared(tx.db, 'INSERT INTO imports (at, staff_id, file_name, kind, added, updated, "left", problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      tx.now.toISOString(),
      staffId,
      c.fileName,
      c.kind,
      c.added,
      c.updated,
      c.left,
      c.problems,
    ).lastInsertRowid,
  );
}
