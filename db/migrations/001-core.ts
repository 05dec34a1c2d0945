import type { Migration } from '../migrate';

/** The core: the audit chain, settings, the school calendar, staff and the pupil roll. */
export const core: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE audit (
        id          INTEGER PRIMARY KEY,
        seq         INTEGER NOT NULL UNIQUE,
        at          TEXT    NOT NULL,
        actor       TEXT    NOT NULL,
        action      TEXT    NOT NULL,
        entity      TEXT    NOT NULL,
        entity_id   TEXT,
        fields      TEXT    NOT NULL,
        values_hash TEXT,
        prev_hash   TEXT    NOT NULL,
        hash        TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX audit_entity ON audit (entity, entity_id);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE closures (
        id         INTEGER PRIMARY KEY,
        starts_on  TEXT NOT NULL,
        ends_on    TEXT NOT NULL,
        label      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        CHECK (ends_on >= starts_on)
      ) STRICT;
      CREATE INDEX closures_dates ON closures (starts_on, ends_on);

      CREATE TABLE staff (
        id         INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL,
        role       TEXT    NOT NULL CHECK (role IN ('office', 'leadership', 'admin')),
        is_dsl     INTEGER NOT NULL DEFAULT 0 CHECK (is_dsl IN (0, 1)),
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT    NOT NULL,
        updated_at TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE pupils (
        id          INTEGER PRIMARY KEY,
        upn         TEXT UNIQUE,
        adno        TEXT UNIQUE,
        forename    TEXT    NOT NULL,
        surname     TEXT    NOT NULL,
        year_group  INTEGER NOT NULL CHECK (year_group BETWEEN 0 AND 6),
        reg_group   TEXT    NOT NULL DEFAULT '',
        status      TEXT    NOT NULL DEFAULT 'on-roll' CHECK (status IN ('on-roll', 'left')),
        left_on     TEXT,
        search_key  TEXT    NOT NULL,
        created_at  TEXT    NOT NULL,
        updated_at  TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX pupils_class ON pupils (status, year_group, reg_group);
    `);
  },
};
