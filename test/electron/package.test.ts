/**
 * Packaging, checked offline.
 *
 * 1. electron-builder.yml: electron-builder's own schema validation (validateConfiguration, the
 *    function its CLI calls), then the choices the school depends on: the app's id and name, the
 *    per-machine Windows installer, the Linux targets, the fuses, asar with the SQLite driver
 *    unpacked, no rebuilding of node_modules, and the icons (real images, every size Windows wants).
 * 2. The installer additions: assets/installer.nsh creates %ProgramData%\Reception Kiosk writable
 *    by the Users group and never deletes it; assets/linux-after-install.sh keeps electron-builder's
 *    own after-install steps and creates /var/lib/reception-kiosk (group reception-kiosk, mode 2770). Both
 *    folders must be the ones electron/shell/paths.ts uses.
 * 3. A real electron-builder run (its Node API, `build`) for a Linux `dir` target against a
 *    stand-in Electron (a folder with a fake `electron` file: Electron's binary cannot be
 *    downloaded here), fuses off for the stand-in (it has no fuse wire to flip), into a temp
 *    folder; then what is in the package: app.asar, the unpacked driver, our built files and
 *    production modules only (no tests, preview server, source maps, TypeScript sources, demo or
 *    bench data, Electron builds of the driver, or development tools).
 * 4. The afterPack hook (electron/scripts/after-pack.mjs) against fake packages: it copies the
 *    Electron build of the driver from .electron-native/<version>/, and refuses a missing one, one
 *    for another platform or processor, and one built for Node's ABI instead of Electron's.
 *
 * The real installers (NSIS, AppImage, deb) need tools electron-builder downloads, and Electron
 * itself: see the maintainer's steps in the issue note. KIOSK_PACK_CHECK=1 tells the hook that this
 * run is the layout check, which never produces an app that runs.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listPackage } from '@electron/asar';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { build, Platform, type Configuration } from 'electron-builder';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINUX_FOLDER, PRODUCT_FOLDER } from '../../electron/shell/paths';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

const configFile = path.join(root, 'electron-builder.yml');
const readConfig = (): Configuration => yaml.load(fs.readFileSync(configFile, 'utf8')) as Configuration;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  productName: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));

// ---- 1. the configuration ------------------------------------------------------------------------

describe('electron-builder.yml', () => {
  const config = readConfig();

  it("passes electron-builder's own schema validation, which does reject a bad value", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } } as unknown as Configuration)).rejects.toThrow(/perMachine/);
    // a misspelt fuse would otherwise be ignored: the schema allows no unknown fuse names
    await expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodeTypo: false } } as unknown as Configuration)).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('names the app: a reverse-DNS appId and the product name package.json uses', () => {
    expect(config.appId).toMatch(/^[a-z]{2,}(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.productName).toBe('Reception Kiosk');
    expect(pkg.productName).toBe(config.productName);
    expect(PRODUCT_FOLDER).toBe(config.productName);
  });

  it('builds a per-machine Windows installer with shortcuts and a choice of folder', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
      include: 'assets/installer.nsh',
    });
  });

  it('builds an AppImage and a deb for Linux, the deb with our after-install script', () => {
    const targets = (config.linux?.target as { target: string }[]).map((t) => t.target).sort();
    expect(targets).toEqual(['AppImage', 'deb']);
    expect(config.deb?.afterInstall).toBe('assets/linux-after-install.sh');
    expect(config.linux?.executableName).toBe(LINUX_FOLDER);
  });

  it('flips the fuses that close Node-style back doors, and leaves the rest as Electron has them', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into app.asar with native modules unpacked, never rebuilds node_modules, hands the driver to the hook', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
    expect(config.directories?.output).toBe('release');
    expect(config.afterPack).toBe('./electron/scripts/after-pack.mjs');
    expect(fs.existsSync(path.join(root, config.afterPack as string))).toBe(true);
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('lists only the built app in `files`, and keeps maps and TypeScript sources out', () => {
    const files = config.files as string[];
    expect(files.filter((f) => !f.startsWith('!'))).toEqual(['dist/electron/**', 'dist/renderer/**', 'assets/icon.png', 'package.json']);
    expect(files).toContain('!**/*.map');
    expect(files).toContain('!**/*.{ts,mts,cts,tsx}');
  });

  it('points at real icons: a 1024 px PNG in the accent colour and an ICO with every size from 16 to 256', () => {
    expect(config.linux?.icon).toBe('assets/icon.png');
    for (const ico of [config.win?.icon, config.nsis?.installerIcon, config.nsis?.uninstallerIcon, config.nsis?.installerHeaderIcon]) {
      expect(ico).toBe('assets/icon.ico');
    }
    const png = PNG.sync.read(fs.readFileSync(path.join(root, 'assets/icon.png')));
    expect([png.width, png.height]).toEqual([1024, 1024]);
    const pixel = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];
    expect(pixel(0, 0)[3]).toBe(0); // rounded corners: transparent outside the tile
    expect(pixel(512, 350)).toEqual([255, 255, 255, 255]); // the white pictogram
    const [r, g, b, a] = pixel(100, 512); // the tile, near the accent colour #1d4e89
    for (const [got, want] of [[r, 0x1d], [g, 0x4e], [b, 0x89]] as const) expect(Math.abs(got! - want)).toBeLessThan(16);
    expect(a).toBe(255);

    const ico = fs.readFileSync(path.join(root, 'assets/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes.sort((x, y) => x - y)).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});

// ---- 2. the installers' own steps ----------------------------------------------------------------

describe('installer additions', () => {
  const nsh = fs.readFileSync(path.join(root, 'assets/installer.nsh'), 'utf8');
  const code = nsh.split('\n').map((line) => line.replace(/;.*$/, '').trim()).filter(Boolean).join('\n');

  it('Windows: creates %ProgramData%\\Reception Kiosk and lets the Users group (by SID) modify it', () => {
    expect(code).toMatch(/ReadEnvStr \S+ "ProgramData"/);
    expect(code).toContain(`!define RECEPTION_KIOSK_DATA_NAME "${PRODUCT_FOLDER}"`);
    expect(code).toMatch(/!macro customInstall\b[\s\S]*CreateDirectory "\$0"[\s\S]*icacls\.exe" "\$0" \/grant \*S-1-5-32-545:\(OI\)\(CI\)M[\s\S]*!macroend/);
  });

  it('Windows: refuses an installation folder that clashes with the records, and never deletes them', () => {
    expect(code).toMatch(/Function \.onVerifyInstDir[\s\S]*receptionKioskInstallDirClashes[\s\S]*Abort[\s\S]*FunctionEnd/);
    expect(code).toMatch(/!macro customInit[\s\S]*receptionKioskInstallDirClashes[\s\S]*Quit[\s\S]*!macroend/);
    expect(code).not.toMatch(/^\s*(RMDir|Delete)\b/im); // no NSIS instruction that removes anything
    expect(code).not.toMatch(/!macro (customRemoveFiles|customUnInstallSection)\b/);
  });

  const makensis = ['/usr/bin/makensis', '/usr/local/bin/makensis'].find((p) => fs.existsSync(p));
  it.skipIf(!makensis)('Windows: the include compiles with makensis, warnings as errors, for installer and uninstaller (skipped without makensis: apt-get install nsis)', () => {
    const out = temp('kiosk-nsis-');
    for (const extra of [[], ['-DBUILD_UNINSTALLER']]) {
      const r = spawnSync(makensis!, ['-WX', '-V2', `-DKIOSK_INCLUDE=${path.join(root, 'assets/installer.nsh')}`, `-DKIOSK_OUT=${path.join(out, 'x.exe')}`, ...extra, path.join(root, 'test/electron/fixtures/nsis-harness.nsi')], { encoding: 'utf8' });
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    }
  });

  const script = fs.readFileSync(path.join(root, 'assets/linux-after-install.sh'), 'utf8');
  it("Linux: keeps electron-builder's own after-install steps, which setting deb.afterInstall replaces", () => {
    const template = fs.readFileSync(path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'templates/linux/after-install.tpl'), 'utf8');
    expect(script.startsWith(template)).toBe(true);
    // electron-builder fills in ${name} macros and fails on any it does not know
    const macros = new Set([...script.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]));
    expect([...macros].filter((m) => !['executable', 'sanitizedProductName', 'productFilename'].includes(m!))).toEqual([]);
    expect(spawnSync('bash', ['-n', '-c', script]).status).toBe(0);
  });

  it('Linux: creates the group reception-kiosk and /var/lib/reception-kiosk in it with mode 2770 (files 0660), and nothing removes it', () => {
    const ours = script.slice(script.indexOf('# ---- Reception Kiosk'));
    expect(ours).toContain(`DATA_DIR='/var/lib/${LINUX_FOLDER}'`);
    expect(ours).toContain("APP_GROUP='reception-kiosk'");
    expect(ours).toMatch(/groupadd -f --system "\$APP_GROUP"/);
    expect(ours).toMatch(/mkdir -p "\$DATA_DIR"/);
    expect(ours).toMatch(/chgrp -R "\$APP_GROUP" "\$DATA_DIR"/);
    expect(ours).toMatch(/-type d -exec chmod 2770/);
    expect(ours).toMatch(/-type f -exec chmod 0660/);
    expect(ours).toMatch(/chmod 2770 "\$DATA_DIR"/);
    expect(ours).not.toMatch(/chgrp (-R )?users/); // no longer the shared `users` group
    expect(ours).not.toMatch(/\brm\b/);
    expect(readConfig().deb?.afterRemove).toBeUndefined(); // electron-builder's own after-remove leaves /var/lib alone
  });
});

// ---- 3. a real packaging run, offline ------------------------------------------------------------

const distFiles = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];

describe('packaging a Linux dir build with electron-builder, offline', () => {
  let appOutDir = '';
  let entries: string[] = [];
  let seconds = 0;

  beforeAll(async () => {
    if (!distFiles.every((f) => fs.existsSync(path.join(root, f)))) {
      const steps = [
        [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
        [path.join(root, 'electron/scripts/build.mjs')],
      ];
      for (const args of steps) {
        const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`building dist/ failed: ${r.stdout}\n${r.stderr}`);
      }
    }
    // A stand-in for Electron's own files: electron-builder copies the folder and renames `electron`.
    const electronDist = temp('kiosk-electron-standin-');
    fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for Electron: this package is for the layout check only" >&2\nexit 1\n', { mode: 0o755 });
    const output = temp('kiosk-package-');
    expect(process.cwd()).toBe(root); // electron-builder resolves the ./ afterPack path from here

    const previous = process.env.KIOSK_PACK_CHECK;
    process.env.KIOSK_PACK_CHECK = '1';
    const started = Date.now();
    try {
      await build({
        projectDir: root,
        targets: Platform.LINUX.createTarget('dir'),
        publish: 'never',
        config: { electronDist, electronFuses: null, npmRebuild: false, directories: { output } },
      });
    } finally {
      if (previous === undefined) delete process.env.KIOSK_PACK_CHECK;
      else process.env.KIOSK_PACK_CHECK = previous;
    }
    seconds = (Date.now() - started) / 1000;
    const dir = fs.readdirSync(output).find((d) => d.startsWith('linux') && d.endsWith('unpacked'));
    if (!dir) throw new Error(`no linux-*unpacked folder in ${fs.readdirSync(output).join(', ')}`);
    appOutDir = path.join(output, dir);
    entries = listPackage(path.join(appOutDir, 'resources/app.asar'), { isPack: false }).map((e) => e.replace(/\\/g, '/').replace(/^\//, ''));
  }, 180_000);

  it('makes the executable, app.asar and the unpacked SQLite driver', () => {
    console.log(`electron-builder packed the Linux dir build in ${seconds.toFixed(1)} s (${entries.length} entries in app.asar)`);
    expect(fs.existsSync(path.join(appOutDir, LINUX_FOLDER))).toBe(true);
    expect(fs.statSync(path.join(appOutDir, 'resources/app.asar')).isFile()).toBe(true);
    const driver = path.join(appOutDir, 'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(fs.existsSync(driver)).toBe(true);
    // KIOSK_PACK_CHECK=1: the hook left the repo's own (Node) build there; a real build replaces it.
    expect(fs.readFileSync(driver).equals(fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')))).toBe(true);
  });

  it('puts the built app, package.json and the driver into app.asar', () => {
    for (const f of [...distFiles, 'package.json', 'assets/icon.png', 'node_modules/better-sqlite3', 'node_modules/better-sqlite3/lib/index.js', 'node_modules/bindings']) {
      expect(entries, f).toContain(f);
    }
    const top = new Set(entries.map((e) => e.split('/')[0]));
    expect([...top].sort()).toEqual(['assets', 'dist', 'node_modules', 'package.json']);
    expect(entries.filter((e) => e.startsWith('assets/'))).toEqual(['assets/icon.png']);
    expect(new Set(entries.filter((e) => e.startsWith('dist/') && e.includes('.')).map((e) => e.split('/')[1]))).toEqual(new Set(['electron', 'renderer']));
  });

  it('leaves out tests, the preview server, source maps, TypeScript sources, demo, bench and Electron-build folders', () => {
    expect(entries.filter((e) => /(^|\/)(test|tests|test-results)(\/|$)/.test(e) && !e.startsWith('node_modules/'))).toEqual([]);
    expect(entries.filter((e) => /preview|kiosk-shim/.test(e) && !e.startsWith('node_modules/'))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(entries.filter((e) => /\.(ts|mts|cts|tsx)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => /(^|\/)\.(demo|bench|electron-native)(\/|$)/.test(e))).toEqual([]);
    expect(entries.filter((e) => /^node_modules\/better-sqlite3\/(deps|src|build\/(?!Release\/better_sqlite3\.node$|Release$))/.test(e))).toEqual([]);
  });

  it('includes production modules only: no development tools', () => {
    const modules = new Set(entries.filter((e) => e.startsWith('node_modules/')).map((e) => {
      const parts = e.split('/');
      return parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!;
    }));
    for (const dep of Object.keys(pkg.dependencies)) expect(modules, dep).toContain(dep);
    // Only the native driver is a run-time dependency; everything else is bundled into dist/.
    expect(Object.keys(pkg.dependencies)).toEqual(['better-sqlite3']);
    const devTools = Object.keys(pkg.devDependencies).filter((d) => modules.has(d));
    expect(devTools).toEqual([]);
    for (const tool of ['vitest', 'playwright-core', 'electron-builder', 'electron', 'typescript', 'vite', 'esbuild', 'eslint', 'tsx']) {
      expect(modules.has(tool), tool).toBe(false);
    }
  });
});

// ---- 4. the afterPack hook -----------------------------------------------------------------------

interface HookContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { projectDir: string; config: { electronVersion: string } };
}
interface Hook {
  default(context: HookContext, env?: Record<string, string | undefined>): Promise<void>;
  binaryTarget(bytes: Uint8Array): { platform: string; arch: string } | null;
  moduleAbi(bytes: Uint8Array): number | null;
}

describe('the afterPack hook', () => {
  const ELECTRON = '45.5.0';
  const ABI = Number(fs.readFileSync(path.join(root, 'node_modules/electron/abi_version'), 'utf8').trim());
  let hook: Hook;
  beforeAll(async () => {
    hook = (await import(pathToFileURL(path.join(root, readConfig().afterPack as string)).href)) as Hook;
  });

  /** A file that starts like a compiled module: ELF (Linux) or PE (Windows), for x64 or arm64. */
  function fakeModule(format: 'elf' | 'pe', arch: 'x64' | 'arm64', abi: number): Buffer {
    const head = Buffer.alloc(256);
    if (format === 'elf') {
      head.writeUInt32BE(0x7f454c46, 0);
      head[4] = 2; // 64-bit
      head[5] = 1; // little-endian
      head.writeUInt16LE(arch === 'x64' ? 0x3e : 0xb7, 18);
    } else {
      head.writeUInt16LE(0x5a4d, 0);
      head.writeUInt32LE(0x80, 0x3c);
      head.writeUInt32BE(0x50450000, 0x80);
      head.writeUInt16LE(arch === 'x64' ? 0x8664 : 0xaa64, 0x84);
    }
    return Buffer.concat([head, Buffer.from(`\0node_register_module_v${abi}\0`)]);
  }

  /** A fake project and package: the repo's Node build of the driver in the package, as packing leaves it. */
  function fakePackage(electronBuild?: Buffer) {
    const projectDir = temp('kiosk-hook-');
    fs.mkdirSync(path.join(projectDir, 'node_modules/electron'), { recursive: true });
    fs.writeFileSync(path.join(projectDir, 'package.json'), '{}');
    fs.writeFileSync(path.join(projectDir, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', version: ELECTRON }));
    fs.writeFileSync(path.join(projectDir, 'node_modules/electron/abi_version'), String(ABI));
    if (electronBuild) {
      fs.mkdirSync(path.join(projectDir, '.electron-native', ELECTRON), { recursive: true });
      fs.writeFileSync(path.join(projectDir, '.electron-native', ELECTRON, 'better_sqlite3.node'), electronBuild);
    }
    const appOutDir = path.join(projectDir, 'out/linux-unpacked');
    const driver = path.join(appOutDir, 'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    fs.mkdirSync(path.dirname(driver), { recursive: true });
    fs.writeFileSync(driver, fakeModule('elf', 'x64', 115));
    const context: HookContext = { appOutDir, electronPlatformName: 'linux', arch: 1, packager: { projectDir, config: { electronVersion: ELECTRON } } };
    return { context, driver };
  }

  it('reads the platform, processor and ABI of compiled modules', () => {
    expect(hook.binaryTarget(fakeModule('elf', 'x64', ABI))).toEqual({ platform: 'linux', arch: 'x64' });
    expect(hook.binaryTarget(fakeModule('pe', 'arm64', ABI))).toEqual({ platform: 'win32', arch: 'arm64' });
    expect(hook.binaryTarget(Buffer.from('not a module at all'))).toBeNull();
    expect(hook.moduleAbi(fakeModule('elf', 'x64', ABI))).toBe(ABI);
    const repoBuild = fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    expect(hook.binaryTarget(repoBuild)?.platform).toBe(process.platform);
    expect(hook.moduleAbi(repoBuild)).toBe(Number(process.versions.modules));
  });

  it('copies the Electron build of the driver into the package', async () => {
    const build = fakeModule('elf', 'x64', ABI);
    const { context, driver } = fakePackage(build);
    await hook.default(context, {});
    expect(fs.readFileSync(driver).equals(build)).toBe(true);
  });

  it('stops packaging, saying what to run, when there is no Electron build', async () => {
    const { context, driver } = fakePackage();
    await expect(hook.default(context, {})).rejects.toThrow(/no Electron 45\.5\.0 build of the SQLite driver[\s\S]*npm start/);
    expect(hook.moduleAbi(fs.readFileSync(driver))).toBe(115); // untouched
  });

  it('refuses a build for another platform, another processor, or Node instead of Electron', async () => {
    await expect(hook.default(fakePackage(fakeModule('pe', 'x64', ABI)).context, {})).rejects.toThrow(/built for win32 x64, but this package is for linux x64/);
    await expect(hook.default(fakePackage(fakeModule('elf', 'arm64', ABI)).context, {})).rejects.toThrow(/built for linux arm64/);
    await expect(hook.default(fakePackage(fakeModule('elf', 'x64', 115)).context, {})).rejects.toThrow(new RegExp(`module ABI 115 .* needs ABI ${ABI}`));
  });

  it('skips the copy only for the layout check (KIOSK_PACK_CHECK=1), and still needs the unpacked driver', async () => {
    const { context, driver } = fakePackage();
    await expect(hook.default(context, { KIOSK_PACK_CHECK: '1' })).resolves.toBeUndefined();
    fs.rmSync(driver);
    await expect(hook.default(context, { KIOSK_PACK_CHECK: '1' })).rejects.toThrow(/asarUnpack/);
  });
});
