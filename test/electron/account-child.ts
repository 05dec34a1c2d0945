/**
 * Another Windows-or-Linux account at the same PC, for the permissions test: loads the database
 * code as root, then drops to the uid and gid given (supplementary groups: the gid only), sets the
 * entry points' umask 007 and works on the records in `dir`. Prints one JSON line.
 *   node --import tsx test/electron/account-child.ts <create|write|read> <dir> <uid> <gid>
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupNow } from '../../db/backup';
import { manualClock } from '../../db/clock';
import { openDatabase, openRaw } from '../../db/open';
import { getSettings, updateSettings } from '../../db/settings';
import { write } from '../../db/tx';

const [action, dir, uid, gid] = process.argv.slice(2);
if (!action || !dir || !uid || !gid) throw new Error('usage: account-child.ts <create|write|read> <dir> <uid> <gid>');

// The driver loads its native part on the first connection, not on import: open one in memory
// first, so the other account never needs to read this checkout (a CI clone may be 0700, root's).
openRaw(':memory:').close();

// modules (and the native driver) are loaded; now become the other account, as a login would be
if (!process.setgroups || !process.setgid || !process.setuid) throw new Error('this platform cannot change accounts');
process.setgroups([Number(gid)]);
process.setgid(Number(gid));
process.setuid(Number(uid));
process.umask(0o007);

const file = path.join(dir, 'kiosk.sqlite');
const clock = manualClock(action === 'create' ? '2026-11-25T08:40:00Z' : '2026-11-26T08:40:00Z');
try {
  const k = await openDatabase({ file, clock });
  if (action !== 'read') {
    write({ db: k.db, clock, anchorFile: k.anchorFile }, { kind: 'system' }, (tx) => updateSettings(tx, { schoolName: `Saved by uid ${uid}` }));
    await backupNow(k.db, { dir: path.join(dir, 'backups'), reason: 'manual', clock, keep: null });
  }
  const schoolName = getSettings(k.db).schoolName;
  // the companions exist while the connection is open: their modes are what a second account meets
  const modes = Object.fromEntries(
    ['kiosk.sqlite', 'kiosk.sqlite-wal', 'kiosk.sqlite-shm', 'kiosk.sqlite.anchor.json'].filter((f) => fs.existsSync(path.join(dir, f))).map((f) => [f, fs.statSync(path.join(dir, f)).mode & 0o7777]),
  );
  k.close();
  process.stdout.write(`${JSON.stringify({ ok: true, schoolName, modes })}\n`);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) })}\n`);
}
