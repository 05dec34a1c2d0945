import type { Migration } from '../migrate';

/**
 * Phones in and out (policy 6.3.2 to 6.3.4): permission per pupil with its history, exceptional
 * device arrangements, each permitted pupil's own numbered slot, and every item held in the office
 * (checked in with permission, or taken in without it: slot NULL, permitted 0).
 * Days are the school's local dates 'YYYY-MM-DD'; instants are ISO strings in UTC.
 */
export const phones: Migration = {
  version: 4,
  name: 'phones',
  up(db) {
    db.exec(`
      CREATE TABLE phone_permissions (
        id         INTEGER PRIMARY KEY,
        pupil_id   INTEGER NOT NULL REFERENCES pupils (id),
        granted    INTEGER NOT NULL CHECK (granted IN (0, 1)),
        contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        reason     TEXT    NOT NULL DEFAULT '',
        day        TEXT    NOT NULL,
        at         TEXT    NOT NULL,
        by         TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX phone_permissions_pupil ON phone_permissions (pupil_id, id);

      CREATE TABLE device_arrangements (
        id                         INTEGER PRIMARY KEY,
        pupil_id                   INTEGER NOT NULL REFERENCES pupils (id),
        device                     TEXT    NOT NULL CHECK (device <> ''),
        reason                     TEXT    NOT NULL CHECK (reason <> ''),
        agreed_by                  TEXT    NOT NULL CHECK (agreed_by <> ''),
        agreed_on                  TEXT    NOT NULL,
        review_on                  TEXT    NOT NULL,
        written_agreement_received INTEGER NOT NULL CHECK (written_agreement_received IN (0, 1)),
        created_at                 TEXT    NOT NULL,
        ended_at                   TEXT,
        CHECK (review_on >= agreed_on),
        CHECK (ended_at IS NULL OR ended_at >= created_at)
      ) STRICT;
      CREATE UNIQUE INDEX device_arrangements_current ON device_arrangements (pupil_id) WHERE ended_at IS NULL;

      CREATE TABLE phone_slots (
        pupil_id    INTEGER NOT NULL UNIQUE REFERENCES pupils (id),
        slot        INTEGER NOT NULL UNIQUE CHECK (slot >= 1),
        assigned_at TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE phone_items (
        id                      INTEGER PRIMARY KEY,
        pupil_id                INTEGER NOT NULL REFERENCES pupils (id),
        day                     TEXT    NOT NULL,
        slot                    INTEGER CHECK (slot IS NULL OR slot >= 1),
        kind                    TEXT    NOT NULL CHECK (kind IN ('phone', 'smartwatch', 'tablet', 'other')),
        description             TEXT    NOT NULL DEFAULT '',
        permitted               INTEGER NOT NULL CHECK (permitted IN (0, 1)),
        parent_only             INTEGER NOT NULL DEFAULT 0 CHECK (parent_only IN (0, 1)),
        checked_in_at           TEXT    NOT NULL,
        checked_in_by           TEXT    NOT NULL,
        checked_out_at          TEXT,
        checked_out_by          TEXT,
        collected_by_contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        collected_by_pupil      INTEGER NOT NULL DEFAULT 0 CHECK (collected_by_pupil IN (0, 1)),
        CHECK ((permitted = 1) = (slot IS NOT NULL)),
        CHECK ((checked_out_at IS NULL) = (checked_out_by IS NULL)),
        CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at),
        CHECK (checked_out_at IS NOT NULL OR (collected_by_contact_id IS NULL AND collected_by_pupil = 0)),
        CHECK (collected_by_pupil = 0 OR collected_by_contact_id IS NULL),
        CHECK (parent_only = 0 OR collected_by_pupil = 0)
      ) STRICT;
      CREATE INDEX phone_items_day ON phone_items (day);
      CREATE INDEX phone_items_held ON phone_items (pupil_id) WHERE checked_out_at IS NULL;
    `);
  },
};
