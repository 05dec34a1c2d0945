import type { Migration } from '../migrate';

/**
 * Staff sign-in: a PIN hash and the failed-attempt state on each staff account, a table of
 * secrets (the recovery-code hash), and the alerts the office sees (kind + record reference only,
 * never personal data; the kinds are listed in db/alerts.ts and later features add theirs).
 */
export const staffSignIn: Migration = {
  version: 2,
  name: 'staff-sign-in',
  up(db) {
    db.exec(`
      ALTER TABLE staff ADD COLUMN pin_hash TEXT;
      ALTER TABLE staff ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0);
      ALTER TABLE staff ADD COLUMN retry_after TEXT;
      ALTER TABLE staff ADD COLUMN last_unlock_at TEXT;

      CREATE TABLE secrets (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE alerts (
        id          INTEGER PRIMARY KEY,
        kind        TEXT    NOT NULL,
        entity      TEXT,
        entity_id   TEXT,
        created_at  TEXT    NOT NULL,
        resolved_at TEXT,
        resolved_by INTEGER REFERENCES staff (id),
        CHECK (resolved_by IS NULL OR resolved_at IS NOT NULL)
      ) STRICT;
      CREATE INDEX alerts_open ON alerts (kind, entity, entity_id) WHERE resolved_at IS NULL;
    `);
  },
};
