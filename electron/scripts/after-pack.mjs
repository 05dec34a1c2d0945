// electron-builder's afterPack hook (electron-builder.yml): put the Electron build of the SQLite
// driver into the packaged app.
//
// Packaging copies node_modules as they are, and the repo's better-sqlite3 is compiled for Node
// (the tests need that; `npmRebuild: false` keeps electron-builder from rebuilding it for
// Electron and breaking them). `npm start` builds the driver for Electron once, into
// .electron-native/<electron version>/better_sqlite3.node: this hook copies that file over
// resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node, after
// checking it was built for the platform and processor being packaged. Without it, packaging stops
// with a message that says what to run. (Electron checks the integrity of files inside app.asar,
// not of unpacked ones, so replacing the unpacked file after the archive is made is safe.)
//
// KIOSK_PACK_CHECK=1 skips the copy: only for test/electron/package.test.ts, which packs against
// a stand-in Electron to check the package's layout, and never produces an app that runs.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const DRIVER_IN_APP = ['node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'];

// electron-builder's Arch enum: ia32 = 0, x64 = 1, armv7l = 2, arm64 = 3, universal = 4.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** What a compiled module is for, from its first bytes: { platform, arch } or null. */
export function binaryTarget(bytes) {
  const b = Buffer.from(bytes);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const machine = b[5] === 2 ? b.readUInt16BE(18) : b.readUInt16LE(18);
    const arch = { 0x03: 'ia32', 0x3e: 'x64', 0x28: 'armv7l', 0xb7: 'arm64' }[machine];
    return { platform: 'linux', arch: arch ?? `machine 0x${machine.toString(16)}` };
  }
  if (b.length >= 0x40 && b.readUInt16LE(0) === 0x5a4d) {
    const pe = b.readUInt32LE(0x3c);
    if (b.length >= pe + 6 && b.readUInt32BE(pe) === 0x50450000) {
      const machine = b.readUInt16LE(pe + 4);
      const arch = { 0x14c: 'ia32', 0x8664: 'x64', 0x1c4: 'armv7l', 0xaa64: 'arm64' }[machine];
      return { platform: 'win32', arch: arch ?? `machine 0x${machine.toString(16)}` };
    }
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = b.readUInt32LE(4);
    return { platform: 'darwin', arch: cpu === 0x01000007 ? 'x64' : cpu === 0x0100000c ? 'arm64' : `cpu 0x${cpu.toString(16)}` };
  }
  if (b.length >= 4 && b.readUInt32BE(0) === 0xcafebabe) return { platform: 'darwin', arch: 'universal' };
  return null;
}

/** The Node module ABI a compiled module was built against (node_register_module_v<abi>), or null. */
export function moduleAbi(bytes) {
  const m = /node_register_module_v(\d+)/.exec(Buffer.from(bytes).toString('latin1'));
  return m ? Number(m[1]) : null;
}

function electronAbiOf(projectDir) {
  try {
    const dir = path.dirname(createRequire(path.join(projectDir, 'package.json')).resolve('electron/package.json'));
    return Number(fs.readFileSync(path.join(dir, 'abi_version'), 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

function electronVersionOf(packager, projectDir) {
  const configured = packager?.config?.electronVersion;
  if (typeof configured === 'string' && configured) return configured;
  return createRequire(path.join(projectDir, 'package.json'))('electron/package.json').version;
}

function resourcesDirOf(context) {
  const { packager, appOutDir } = context;
  if (typeof packager?.getResourcesDir === 'function') return packager.getResourcesDir(appOutDir);
  return path.join(appOutDir, 'resources');
}

function fail(message) {
  throw new Error(`Reception Kiosk packaging: ${message}`);
}

/**
 * @param {{ appOutDir: string, electronPlatformName: string, arch: number,
 *           packager: { projectDir: string, config?: { electronVersion?: string }, getResourcesDir?: (dir: string) => string } }} context
 * @param {Record<string, string | undefined>} [env]
 */
export default async function afterPack(context, env = process.env) {
  const { electronPlatformName: platform, packager } = context;
  const projectDir = packager.projectDir;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const target = path.join(resourcesDirOf(context), 'app.asar.unpacked', ...DRIVER_IN_APP);

  if (!fs.existsSync(target)) {
    fail(`the SQLite driver is not in the package (${target}); better-sqlite3 must be a dependency and asarUnpack must keep "**/*.node" out of app.asar.`);
  }
  if (env.KIOSK_PACK_CHECK === '1') {
    console.warn('Reception Kiosk packaging: KIOSK_PACK_CHECK=1, so the Electron build of the SQLite driver was NOT put in; this package is for the layout check only and will not run.');
    return;
  }

  const version = electronVersionOf(packager, projectDir);
  const source = path.join(projectDir, '.electron-native', version, 'better_sqlite3.node');
  const howTo = `Run \`npm start\` once on a ${platform} ${arch} machine with internet access (it builds .electron-native/${version}/better_sqlite3.node), then package again on that machine.`;
  if (!fs.existsSync(source)) {
    fail(`there is no Electron ${version} build of the SQLite driver at ${source}. ${howTo}`);
  }
  const bytes = fs.readFileSync(source);
  const built = binaryTarget(bytes);
  if (!built) fail(`${source} is not a compiled module this hook recognises. ${howTo}`);
  const archOk = built.arch === arch || (built.platform === 'darwin' && built.arch === 'universal');
  if (built.platform !== platform || !archOk) {
    fail(`${source} was built for ${built.platform} ${built.arch}, but this package is for ${platform} ${arch}. ${howTo}`);
  }
  const abi = electronAbiOf(projectDir);
  if (abi === null) fail('cannot tell which module ABI Electron needs: node_modules/electron/abi_version is missing (run `npm install`).');
  const builtAbi = moduleAbi(bytes);
  if (builtAbi !== abi) {
    fail(`${source} was built for module ABI ${builtAbi ?? 'unknown'} (Node.js has its own), but Electron ${version} needs ABI ${abi}. Delete it, then: ${howTo}`);
  }
  fs.copyFileSync(source, target);
  console.log(`Reception Kiosk packaging: put the Electron ${version} SQLite driver (${platform} ${arch}) into the package.`);
}
