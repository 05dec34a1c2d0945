import type { Migration } from '../migrate';
import { coveredTables, recordTables } from '../record-states';

/**
 * Record states (issue 14): the keyed state of every record (db/record-states.ts), the triggers
 * that make every write to a covered table note its record, and the `states` column of the audit
 * rows that witnesses them; and the note an acknowledged 'records-changed' alert is closed with. The current state of every existing record is recorded here, listed
 * in this migration's own audit row, so an upgrade never raises the record check's alarm.
 */
export const recordStates: Migration = {
  version: 9,
  name: 'record-states',
  up(db) {
    db.exec(`
      CREATE TABLE record_states (
        tbl  TEXT    NOT NULL,
        rid  TEXT    NOT NULL,
        salt TEXT    NOT NULL CHECK (length(salt) = 32),
        hash TEXT    NOT NULL CHECK (length(hash) = 32),
        seq  INTEGER NOT NULL,
        PRIMARY KEY (tbl, rid)
      ) STRICT;

      ALTER TABLE audit ADD COLUMN states TEXT;

      -- what an administrator or DSL wrote when acknowledging that records may have been changed
      ALTER TABLE alerts ADD COLUMN resolved_note TEXT CHECK (resolved_note IS NULL OR length(resolved_note) <= 1000);
    `);
    recordTables(db, coveredTables(db));
  },
};
