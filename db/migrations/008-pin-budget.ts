import type { Migration } from '../migrate';

/**
 * One budget of wrong PINs per screen (issue 13), kept in the database so a restart does not
 * reset it: a row per screen and secret (a staff PIN, or the school's recovery code) with the
 * streak of wrong answers and the wait it set, and the wrong answers of the last hour (the hourly
 * cap and the "5 in 10 minutes" alert count them). The per-account streak of migration 2 no longer
 * gates unlocking (guesses at one screen locked the real staff out of their own accounts), so its
 * columns are zeroed here; they stay, unused, because a shipped migration is never edited.
 */
export const pinBudget: Migration = {
  version: 8,
  name: 'pin-budget',
  up(db) {
    db.exec(`
      CREATE TABLE pin_budget (
        screen     TEXT    NOT NULL CHECK (length(screen) BETWEEN 1 AND 40),
        secret     TEXT    NOT NULL CHECK (secret IN ('pin', 'recovery-code')),
        streak     INTEGER NOT NULL DEFAULT 0 CHECK (streak >= 0),
        wait_until TEXT,
        alerted    INTEGER NOT NULL DEFAULT 0 CHECK (alerted IN (0, 1)),
        updated_at TEXT    NOT NULL,
        PRIMARY KEY (screen, secret)
      ) STRICT;

      CREATE TABLE pin_budget_misses (
        id     INTEGER PRIMARY KEY,
        screen TEXT    NOT NULL,
        secret TEXT    NOT NULL,
        at     TEXT    NOT NULL,
        FOREIGN KEY (screen, secret) REFERENCES pin_budget (screen, secret) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX pin_budget_misses_by_time ON pin_budget_misses (screen, secret, at);

      UPDATE staff SET failed_attempts = 0, retry_after = NULL WHERE failed_attempts <> 0 OR retry_after IS NOT NULL;
    `);
  },
};
