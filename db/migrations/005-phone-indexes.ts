import type { Migration } from '../migrate';

/**
 * Indexes for the phone screens over years of history (found by `npm run bench`): a pupil's items
 * on a day (the check-in's "already checked in?" and item count), and hand-backs by time (the
 * day's log). Without them each scan read every item ever handed in.
 */
export const phoneIndexes: Migration = {
  version: 5,
  name: 'phone-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX phone_items_pupil_day ON phone_items (pupil_id, day);
      CREATE INDEX phone_items_out ON phone_items (checked_out_at) WHERE checked_out_at IS NOT NULL;
    `);
  },
};
