// Builds the Electron main process and preload into dist/electron (CommonJS bundles; electron
// and better-sqlite3 stay external). The renderer is built by Vite into dist/renderer.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', 'better-sqlite3'] }),
  // the record and trail checks' worker thread (db/record-check-run.ts): no electron in it
  build({ ...common, entryPoints: ['db/check-worker.ts'], outfile: 'dist/electron/check-worker.cjs', external: ['better-sqlite3'] }),
  // The preload runs sandboxed: one file, requiring nothing but electron's renderer modules.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
]);
console.log('built dist/electron/main.cjs, check-worker.cjs and preload.cjs');
