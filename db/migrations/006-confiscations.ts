import type { Migration } from '../migrate';

/**
 * Confiscated devices (policy 6.3.6, 6.3.7): one row a device with its current state, and its
 * chain of custody as events that are never changed or removed (a mistake is corrected by an
 * 'amended' event that keeps the original). Event details are JSON; they never hold images,
 * message content, passcodes, descriptions of imagery or other children's names (the forms say so
 * and the API's fields are short). A release's signature is the parent/carer's own, as a PNG.
 */
export const confiscations: Migration = {
  version: 6,
  name: 'confiscations',
  up(db) {
    db.exec(`
      CREATE TABLE confiscations (
        id              INTEGER PRIMARY KEY,
        pupil_id        INTEGER NOT NULL REFERENCES pupils (id),
        device_type     TEXT    NOT NULL CHECK (device_type IN ('phone', 'smartwatch', 'tablet', 'games-console', 'other')),
        description     TEXT    NOT NULL CHECK (description <> ''),
        condition       TEXT    NOT NULL DEFAULT '',
        power           TEXT    NOT NULL CHECK (power IN ('on', 'off', 'unknown')),
        ground          TEXT    NOT NULL CHECK (ground IN ('child-protection', 'behaviour', 'anti-bullying', 'exam', 'suspected-nudes', 'other')),
        ground_detail   TEXT    NOT NULL DEFAULT '',
        confiscated_at  TEXT    NOT NULL,
        confiscated_by  TEXT    NOT NULL CHECK (confiscated_by <> ''),
        witness         TEXT    NOT NULL DEFAULT '',
        recorded_at     TEXT    NOT NULL,
        recorded_by     TEXT    NOT NULL,
        location        TEXT    NOT NULL CHECK (location <> ''),
        status          TEXT    NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'with-police', 'retained-by-police', 'released')),
        on_hold         INTEGER NOT NULL DEFAULT 0 CHECK (on_hold IN (0, 1)),
        slip_token      TEXT    NOT NULL UNIQUE,
        released_at     TEXT,
        CHECK ((status = 'released') = (released_at IS NOT NULL)),
        CHECK (confiscated_at <= recorded_at)
      ) STRICT;
      CREATE INDEX confiscations_pupil ON confiscations (pupil_id, id);
      CREATE INDEX confiscations_open ON confiscations (status) WHERE status <> 'released';
      CREATE INDEX confiscations_at ON confiscations (confiscated_at);

      CREATE TABLE confiscation_events (
        id              INTEGER PRIMARY KEY,
        confiscation_id INTEGER NOT NULL REFERENCES confiscations (id),
        kind            TEXT    NOT NULL,
        at              TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL,
        by              TEXT    NOT NULL,
        details         TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(details))
      ) STRICT;
      CREATE INDEX confiscation_events_record ON confiscation_events (confiscation_id, id);
      CREATE INDEX confiscation_events_kind ON confiscation_events (confiscation_id, kind);
      CREATE TRIGGER confiscation_events_no_update BEFORE UPDATE ON confiscation_events
        BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END;
      CREATE TRIGGER confiscation_events_no_delete BEFORE DELETE ON confiscation_events
        BEGIN SELECT RAISE(ABORT, 'the chain of custody is append-only'); END;

      CREATE TABLE confiscation_signatures (
        event_id INTEGER PRIMARY KEY REFERENCES confiscation_events (id),
        png      BLOB    NOT NULL CHECK (length(png) BETWEEN 1 AND 300000)
      ) STRICT;
    `);
  },
};
