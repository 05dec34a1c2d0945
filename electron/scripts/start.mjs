// `npm start`: build, make sure Electron's own program and an Electron build of the SQLite driver
// are there (fetching them needs the internet, once), then run the app. Where that cannot be done,
// say so in one line, point to `npm run preview`, and exit non-zero.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const electronVersion = require('electron/package.json').version;

function fail(message) {
  console.error(`Reception Kiosk: ${message} To use the app in a browser instead, run: npm run preview`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: opts.quiet ? 'pipe' : 'inherit', env: { ...process.env, ...opts.env }, shell: false });
  return r.status === 0;
}

// 1. Build the screens, the main process and the preload.
if (!run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'])) fail('building the screens failed.');
if (!run(process.execPath, [path.join(root, 'electron/scripts/build.mjs')])) fail('building the main process failed.');

// 2. Electron's own program (its install step is switched off in package.json: fetch it now).
// (electron's own index.js would also download, but noisily: read its path.txt instead)
const electronDir = path.join(root, 'node_modules/electron');
function electronBinary() {
  try {
    const rel = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const p = path.join(electronDir, 'dist', rel);
    return fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
let binary = electronBinary();
if (!binary) {
  console.log(`Fetching Electron ${electronVersion} (once)…`);
  run(process.execPath, [path.join(electronDir, 'install.js')], { quiet: true });
  binary = electronBinary();
  if (!binary) fail(`Electron ${electronVersion} is not installed and could not be downloaded (it needs the internet once, and Node.js 22.12 or newer).`);
}

// 3. better-sqlite3 compiled for Electron, kept apart so the tests keep using Node's own build.
const nativeDir = path.join(root, '.electron-native', electronVersion);
const binding = path.join(nativeDir, 'better_sqlite3.node');
if (!fs.existsSync(binding)) {
  console.log(`Building the SQLite driver for Electron ${electronVersion} (once)…`);
  const work = path.join(root, '.electron-native', 'build');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  const env = { npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
  const gyp = path.join(root, 'node_modules/node-gyp/bin/node-gyp.js');
  const prebuilt = run(process.execPath, [path.join(root, 'node_modules/prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion], { env, quiet: true, cwd: work });
  const built = prebuilt || (fs.existsSync(gyp) && spawnSync(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work, stdio: 'inherit' }).status === 0);
  const out = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !fs.existsSync(out)) fail('the SQLite driver could not be built for Electron (it needs the internet once).');
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(out, binding);
  fs.rmSync(work, { recursive: true, force: true });
}

// 4. Run the app.
const child = spawn(binary, [path.join(root, 'dist/electron/main.cjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, KIOSK_SQLITE_BINDING: binding } });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
