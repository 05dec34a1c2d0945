/**
 * `npm run preview`: the built renderer and the API on http://127.0.0.1:5180 (PORT overrides).
 * KIOSK_DB names the database; without it a demo database with fictional staff is used.
 * DEMO=1 with KIOSK_DB seeds that file as the demo school when it is new (for trying screens apart).
 * DIST names another build of the renderer (vite build --outDir …), so several can run side by side.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFileLogger } from '../../electron/log';
import { DEMO_ACCOUNTS, seedDemo } from './demo';
import { DatabaseOpenError } from '../../db/errors';
import { startRecoveryPreview } from './recovery-server';
import { DEFAULT_DIST, startPreview, type Preview } from './server';

// Linux: files the preview creates (database, -wal/-shm, backups, logs) are 0660, as the app's are.
if (process.platform !== 'win32') process.umask(0o007);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const demo = !process.env.KIOSK_DB?.trim() || process.env.DEMO === '1';
const dbFile = !process.env.KIOSK_DB?.trim() ? path.join(root, '.demo', 'kiosk-demo.sqlite') : path.resolve(process.env.KIOSK_DB!.trim());
const port = process.env.PORT ? Number(process.env.PORT) : 5180;
const log = createFileLogger({ dir: path.join(path.dirname(dbFile), 'logs'), alsoConsole: false });

const distDir = process.env.DIST ? path.resolve(process.env.DIST) : DEFAULT_DIST;

/** As the app does: the records, or recovery mode when they will not open (then the normal preview once restored). */
async function open(): Promise<Preview> {
  try {
    return await startPreview({ dbFile, port, log, distDir });
  } catch (err) {
    if (!(err instanceof DatabaseOpenError)) throw err;
    const recovery = await startRecoveryPreview({ dbFile, port, log, distDir, error: err });
    console.log(`Reception Kiosk preview, RECOVERY MODE (${err.reason}): ${recovery.url}\n  ${err.message}`);
    stopping = () => recovery.close();
    await recovery.restored;
    await recovery.close();
    console.log('A backup was restored: starting again on it.');
    return open();
  }
}

let stopping: () => Promise<void> = () => Promise.resolve();
const stop = () => void stopping().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const preview = await open();
stopping = () => preview.close();
console.log(`Reception Kiosk preview: ${preview.url}  (database: ${dbFile})`);
if (demo) {
  const code = await seedDemo({ db: preview.kdb.db, clock: preview.ctx.clock, anchorFile: preview.kdb.anchorFile }, preview.ctx.security.scrypt);
  console.log('Demo school (fictional). Staff PINs:');
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.name.padEnd(28)} ${a.role}${a.dsl ? ' + DSL' : ''}`.padEnd(52) + `PIN ${a.pin}`);
  if (code) console.log(`Recovery code (demo): ${code}`);
}
console.log('Press Ctrl+C to stop.');
