import type { Migration } from '../migrate';
import type { VisitorTexts } from '../visitors';

/**
 * Visitors and contractors (policy 6.4): visitor types (five built in, more added in Settings), the
 * kiosk's texts as numbered versions (a visit keeps the version it was shown), visits with their
 * badge tokens (a reprint cancels the old one), invitations and regular visitors' standing codes,
 * regular visitor profiles with the DBS check seen (never a copy), the not-permitted list (a name
 * and a category only), fire roll calls with each person ticked, and breaches of 6.4.
 */
export const visitors: Migration = {
  version: 7,
  name: 'visitors',
  up(db) {
    db.exec(`
      CREATE TABLE visitor_types (
        key               TEXT    PRIMARY KEY CHECK (key GLOB '[a-z]*' AND length(key) <= 40),
        label             TEXT    NOT NULL UNIQUE CHECK (label <> ''),
        asks_organisation INTEGER NOT NULL DEFAULT 0 CHECK (asks_organisation IN (0, 1)),
        asks_work         INTEGER NOT NULL DEFAULT 0 CHECK (asks_work IN (0, 1)),
        builtin           INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
        active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort              INTEGER NOT NULL
      ) STRICT;
      INSERT INTO visitor_types (key, label, asks_organisation, asks_work, builtin, sort) VALUES
        ('parent', 'Parent/carer', 0, 0, 1, 1),
        ('visitor', 'Visitor', 1, 0, 1, 2),
        ('contractor', 'Contractor', 1, 1, 1, 3),
        ('volunteer', 'Volunteer', 0, 0, 1, 4),
        ('supply', 'Supply or agency staff', 1, 0, 1, 5);

      CREATE TABLE visitor_texts (
        version    INTEGER PRIMARY KEY,
        body       TEXT    NOT NULL CHECK (json_valid(body)),
        created_at TEXT    NOT NULL,
        created_by TEXT    NOT NULL
      ) STRICT;
      CREATE TRIGGER visitor_texts_no_update BEFORE UPDATE ON visitor_texts
        BEGIN SELECT RAISE(ABORT, 'a version of the kiosk texts is never changed'); END;
      CREATE TRIGGER visitor_texts_no_delete BEFORE DELETE ON visitor_texts
        BEGIN SELECT RAISE(ABORT, 'a version of the kiosk texts is never removed'); END;

      CREATE TABLE visitor_profiles (
        id             INTEGER PRIMARY KEY,
        type_key       TEXT    NOT NULL REFERENCES visitor_types (key),
        name           TEXT    NOT NULL CHECK (name <> ''),
        name_key       TEXT    NOT NULL,
        organisation   TEXT    NOT NULL DEFAULT '',
        dbs_number     TEXT    NOT NULL DEFAULT '',
        dbs_issued_on  TEXT,
        dbs_seen_by    TEXT    NOT NULL DEFAULT '',
        dbs_seen_on    TEXT,
        notes          TEXT    NOT NULL DEFAULT '',
        active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        card_token     TEXT    UNIQUE,
        CHECK ((dbs_number = '') = (dbs_seen_on IS NULL))
      ) STRICT;
      CREATE INDEX visitor_profiles_name ON visitor_profiles (name_key);

      CREATE TABLE invitations (
        id           INTEGER PRIMARY KEY,
        code         TEXT    NOT NULL UNIQUE,
        type_key     TEXT    NOT NULL REFERENCES visitor_types (key),
        name         TEXT    NOT NULL CHECK (name <> ''),
        organisation TEXT    NOT NULL DEFAULT '',
        visiting     TEXT    NOT NULL DEFAULT '',
        car_reg      TEXT    NOT NULL DEFAULT '',
        work         TEXT    NOT NULL DEFAULT '',
        supervisor   TEXT    NOT NULL DEFAULT '',
        expected_on  TEXT    NOT NULL,
        profile_id   INTEGER REFERENCES visitor_profiles (id),
        created_at   TEXT    NOT NULL,
        created_by   TEXT    NOT NULL,
        cancelled_at TEXT,
        used_at      TEXT
      ) STRICT;
      CREATE INDEX invitations_day ON invitations (expected_on);

      CREATE TABLE visits (
        id              INTEGER PRIMARY KEY,
        type_key        TEXT    NOT NULL REFERENCES visitor_types (key),
        name            TEXT    NOT NULL CHECK (name <> ''),
        name_key        TEXT    NOT NULL,
        organisation    TEXT    NOT NULL DEFAULT '',
        visiting        TEXT    NOT NULL DEFAULT '',
        car_reg         TEXT    NOT NULL DEFAULT '',
        work            TEXT    NOT NULL DEFAULT '',
        supervisor      TEXT    NOT NULL DEFAULT '',
        escort          TEXT    NOT NULL CHECK (escort IN ('escorted', 'unescorted')),
        texts_version   INTEGER NOT NULL REFERENCES visitor_texts (version),
        profile_id      INTEGER REFERENCES visitor_profiles (id),
        invitation_id   INTEGER REFERENCES invitations (id),
        status          TEXT    NOT NULL CHECK (status IN ('waiting', 'on-site', 'signed-out', 'not-signed-out', 'turned-away')),
        signed_in_at    TEXT    NOT NULL,
        signed_in_via   TEXT    NOT NULL CHECK (signed_in_via IN ('kiosk', 'staff')),
        signed_out_at   TEXT,
        signed_out_via  TEXT    CHECK (signed_out_via IN ('kiosk', 'staff', 'auto', 'turned-away')),
        signed_out_by   TEXT,
        stay_reason     TEXT,
        checked_at      TEXT,
        checked_by      TEXT,
        checked_note    TEXT    NOT NULL DEFAULT '',
        not_permitted   INTEGER NOT NULL DEFAULT 0 CHECK (not_permitted IN (0, 1)),
        CHECK ((status IN ('waiting', 'on-site')) = (signed_out_at IS NULL)),
        CHECK (signed_out_at IS NULL OR signed_out_at >= signed_in_at)
      ) STRICT;
      CREATE INDEX visits_open ON visits (status) WHERE status IN ('waiting', 'on-site');
      CREATE INDEX visits_in ON visits (signed_in_at);
      CREATE INDEX visits_name ON visits (name_key);

      CREATE TABLE visit_badges (
        token        TEXT    PRIMARY KEY,
        visit_id     INTEGER NOT NULL REFERENCES visits (id),
        issued_at    TEXT    NOT NULL,
        cancelled_at TEXT
      ) STRICT;
      CREATE INDEX visit_badges_visit ON visit_badges (visit_id);

      CREATE TABLE not_permitted (
        id         INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL CHECK (name <> ''),
        name_key   TEXT    NOT NULL,
        category   TEXT    NOT NULL CHECK (category IN ('court-order', 'safeguarding', 'behaviour', 'trespass', 'other')),
        added_at   TEXT    NOT NULL,
        added_by   TEXT    NOT NULL,
        removed_at TEXT,
        removed_by TEXT
      ) STRICT;
      CREATE INDEX not_permitted_name ON not_permitted (name_key) WHERE removed_at IS NULL;

      CREATE TABLE roll_calls (
        id         INTEGER PRIMARY KEY,
        started_at TEXT    NOT NULL,
        started_by TEXT    NOT NULL,
        ended_at   TEXT,
        ended_by   TEXT
      ) STRICT;
      CREATE TABLE roll_call_people (
        roll_call_id  INTEGER NOT NULL REFERENCES roll_calls (id),
        visit_id      INTEGER NOT NULL REFERENCES visits (id),
        accounted_at  TEXT,
        accounted_by  TEXT,
        PRIMARY KEY (roll_call_id, visit_id)
      ) STRICT;

      CREATE TABLE visitor_breaches (
        id           INTEGER PRIMARY KEY,
        visit_id     INTEGER REFERENCES visits (id),
        person       TEXT    NOT NULL CHECK (person <> ''),
        occurred_at  TEXT    NOT NULL,
        kind         TEXT    NOT NULL CHECK (kind IN ('images-of-other-children', 'sharing-images', 'phone-near-children', 'calls-in-class', 'other')),
        what         TEXT    NOT NULL DEFAULT '',
        reported_at  TEXT    NOT NULL,
        reported_by  TEXT    NOT NULL,
        dsl_told_at  TEXT,
        dsl_told_by  TEXT
      ) STRICT;
      CREATE INDEX visitor_breaches_at ON visitor_breaches (occurred_at);
    `);
    db.prepare("INSERT INTO visitor_texts (version, body, created_at, created_by) VALUES (1, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'system')").run(JSON.stringify(FIRST_TEXTS));
  },
};

/** The texts stored as version 1 (frozen here: later versions are saved by the office). */
export const FIRST_TEXTS: VisitorTexts = Object.freeze({
  types: {
    parent: {
      rules: [
        'You may take photos or videos of your own child only, and only at school events and performances.',
        'Please do not share photos of other children, on social media or anywhere else, without permission.',
        'For other phone use, such as in a meeting, please ask a member of staff first.',
      ],
      reminder: 'Photos of your own child only, at events. Never share others.',
    },
    visitor: {
      rules: [
        'Please use your phone only in staff-only areas, such as the staffroom, and not when you are with children.',
        'Do not take photos or videos of children.',
      ],
      reminder: 'Phones in staff-only areas only, away from children.',
    },
    contractor: {
      rules: [
        'Please use your phone only with staff permission, away from children, ideally in the staffroom.',
        'Do not take photos or videos where children could be in them.',
        'Stay with or near the member of staff supervising your work.',
      ],
      reminder: 'Phone only with staff permission, away from children.',
    },
    volunteer: {
      rules: [
        'Please keep your phone away while you are with children, and use it only in staff-only areas.',
        'Do not take photos or videos of children unless a member of staff asks you to, on a school device.',
        'Follow the school’s acceptable use of technology policy.',
      ],
      reminder: 'Phones away with children; staff-only areas only.',
    },
    supply: {
      rules: [
        'Please keep your phone away during lessons and whenever you are with children.',
        'Use it only in staff-only areas, such as the staffroom.',
        'Follow the school’s acceptable use of technology policy.',
      ],
      reminder: 'Phones away with children; staff-only areas only.',
    },
  },
  worried:
    'If you are worried about a child, or something you have seen or heard, please tell one of our Designated Safeguarding Leads straight away, or the office.',
  assemblyPoint: 'If the fire alarm sounds, leave by the nearest exit and go to the assembly point on the playground. Do not stop for belongings.',
  privacy:
    'We keep your name, the details you give, and the times you arrive and leave, to keep children safe and to know who is in the building. Only school staff can see them.',
  policy:
    '6.4.1 Parents / carers may only use their phones to take images of their own child during school events / performances etc. They are not permitted to share images (e.g. via social media) without express permissions. Parents may only use their phones for other purposes (e.g. in meetings) under staff supervision. Visitors may use their phones in staff only areas when not in contact with children (out of contact/learning time, in the staffroom). Contractors may use their phones under supervision from staff, away from children, preferably in staff only areas (staffroom).\n\n' +
    '6.4.2 Appropriate signage and information is displayed to inform parents/carers and visitors of expectations of use.\n\n' +
    '6.4.3 Visitors, including volunteers and contractors, who are on site for regular or extended periods of time are expected to use their mobile phones and personal devices in accordance with our acceptable use of technology policy and other associated policies, including but not limited to anti-bullying, behaviour, safeguarding and image use.\n\n' +
    '6.4.4 Members of staff are expected to challenge visitors if they have concerns and inform the DSL (or deputy) or Head of School of any breaches of our policy.',
}) as VisitorTexts;
