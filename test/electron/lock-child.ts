/**
 * A second copy of the app, for the instance-lock test: takes the lock in the folder given, prints
 * `locked <pid>` or `held <pid of holder>`, and (when locked) waits until it is killed or told to
 * release on stdin. Run as `node --import tsx test/electron/lock-child.ts <dir>`.
 */
import { acquireInstanceLock } from '../../electron/shell/instance-lock';

const dir = process.argv[2];
if (!dir) throw new Error('usage: lock-child.ts <dir>');
const outcome = acquireInstanceLock(dir);
if (!outcome.ok) {
  process.stdout.write(`held ${outcome.holder?.pid ?? 'unknown'}\n`);
  process.exit(0);
}
process.stdout.write(`locked ${process.pid}\n`);
process.stdin.on('data', () => {
  outcome.release();
  process.stdout.write('released\n');
  process.exit(0);
});
setInterval(() => {}, 60_000);
