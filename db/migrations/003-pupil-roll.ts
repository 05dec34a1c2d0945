import type { Migration } from '../migrate';

/**
 * The pupil roll's companions: contacts (parents/carers) with the DSL's "must not collect / no
 * contact" flag, pupil cards (at most one live card per pupil), and the log of imports from the MIS.
 *
 * The pupils table itself came with migration 1. A search index on pupils.search_key would not
 * help: searches are LIKE '%word%', which no B-tree index serves, and a roll of thousands scans in
 * well under a millisecond.
 */
export const pupilRoll: Migration = {
  version: 3,
  name: 'pupil-roll',
  up(db) {
    db.exec(`
      CREATE TABLE contacts (
        id                  INTEGER PRIMARY KEY,
        pupil_id            INTEGER NOT NULL REFERENCES pupils (id),
        name                TEXT    NOT NULL CHECK (name <> ''),
        relationship        TEXT    NOT NULL DEFAULT '',
        phone               TEXT    NOT NULL DEFAULT '',
        may_collect         INTEGER NOT NULL DEFAULT 0 CHECK (may_collect IN (0, 1)),
        no_contact          INTEGER NOT NULL DEFAULT 0 CHECK (no_contact IN (0, 1)),
        no_contact_category TEXT CHECK (no_contact_category IS NULL OR no_contact_category IN ('court-order', 'other-safeguarding')),
        created_at          TEXT    NOT NULL,
        updated_at          TEXT    NOT NULL,
        CHECK (no_contact = 0 OR (may_collect = 0 AND no_contact_category IS NOT NULL)),
        CHECK (no_contact = 1 OR no_contact_category IS NULL)
      ) STRICT;
      CREATE INDEX contacts_pupil ON contacts (pupil_id);

      CREATE TABLE pupil_cards (
        id         INTEGER PRIMARY KEY,
        pupil_id   INTEGER NOT NULL REFERENCES pupils (id),
        token      TEXT    NOT NULL UNIQUE,
        issued_at  TEXT    NOT NULL,
        revoked_at TEXT,
        CHECK (revoked_at IS NULL OR revoked_at >= issued_at)
      ) STRICT;
      CREATE UNIQUE INDEX pupil_cards_live ON pupil_cards (pupil_id) WHERE revoked_at IS NULL;
      CREATE INDEX pupil_cards_pupil ON pupil_cards (pupil_id);

      CREATE TABLE imports (
        id        INTEGER PRIMARY KEY,
        at        TEXT    NOT NULL,
        staff_id  INTEGER REFERENCES staff (id),
        file_name TEXT    NOT NULL,
        kind      TEXT    NOT NULL CHECK (kind IN ('roll', 'contacts')),
        added     INTEGER NOT NULL CHECK (added >= 0),
        updated   INTEGER NOT NULL CHECK (updated >= 0),
        "left"    INTEGER NOT NULL CHECK ("left" >= 0),
        problems  INTEGER NOT NULL CHECK (problems >= 0)
      ) STRICT;
      CREATE INDEX imports_at ON imports (kind, at);
    `);
  },
};
