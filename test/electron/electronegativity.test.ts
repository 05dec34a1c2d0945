/**
 * Electronegativity (Doyensec's static checker for Electron apps), run through its API, offline,
 * over the built main-process and preload bundles (dist/electron) and over the electron/ sources.
 * Any finding not on the allow-list below fails the test; so does an allow-list entry that no
 * longer matches, so the list stays short and true.
 *
 * Offline and deterministic:
 *  - AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub: it is left
 *    out (customScan lists every other check). Electron's version is pinned in package.json and
 *    its security releases are followed there, not here.
 *  - Electronegativity's start-up also fetches translations from S3 on every run (locales/i18n.js,
 *    1 s timeout). Its copy of `got` is replaced, before the package loads, by a stub that rejects,
 *    so it falls back to its bundled English at once and nothing leaves the machine.
 *  - The test checks that `got` is required only by those two files, so an upgrade that adds
 *    another network check fails here instead of going online.
 *
 * Two things this checker cannot see, and why both scans are needed:
 *  - It reads only .js/.jsx/.ts/.tsx/.html files: our .cjs bundles are copied to .js names.
 *  - Its BrowserWindow checks match `new BrowserWindow(...)` by name; in the esbuild bundle the
 *    call is `new import_electron.BrowserWindow(...)`, which they do not recognise. The window
 *    options are therefore checked in the sources (which its bundled parser reads, `satisfies`
 *    included), and the bundles are checked for what survives bundling (handlers, protocol, IPC).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Module, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/db';

interface Allowed {
  scan: 'bundles' | 'sources';
  id: string;
  file: string;
  /** The finding's source line must match this (where the checker points shows what it saw). */
  sample?: RegExp;
  count: number;
  reason: string;
}

// prettier-ignore
const ALLOWED: Allowed[] = [
  // CSP_GLOBAL_CHECK "No CSP has been detected": the CSP is sent as a response header on every app:// answer by our protocol handler (electron/shell/protocol.ts SECURITY_HEADERS, asserted in shell.test and main.test); the checker only recognises <meta> tags and onHeadersReceived assignments.
  { scan: 'bundles', id: 'CSP_GLOBAL_CHECK', file: 'N/A', count: 1, reason: 'CSP sent as a response header by the app:// protocol handler, which the checker cannot recognise' },
  { scan: 'sources', id: 'CSP_GLOBAL_CHECK', file: 'N/A', count: 1, reason: 'CSP sent as a response header by the app:// protocol handler, which the checker cannot recognise' },
  // CONTEXT_ISOLATION_JS_CHECK / SANDBOX_JS_CHECK at each of the three `new BrowserWindow(` (console, public screen, print): webPreferences come from secureWebPreferences() (contextIsolation: true, sandbox: true), a call the checker cannot follow, so it reports "not set" at the constructor; the values are asserted in shell.test and, as passed to the window, in main.test.
  { scan: 'sources', id: 'CONTEXT_ISOLATION_JS_CHECK', file: 'windows.ts', sample: /new BrowserWindow\(/, count: 3, reason: 'contextIsolation: true comes from secureWebPreferences(), which the checker cannot follow' },
  { scan: 'sources', id: 'SANDBOX_JS_CHECK', file: 'windows.ts', sample: /new BrowserWindow\(/, count: 3, reason: 'sandbox: true comes from secureWebPreferences() (and app.enableSandbox()), which the checker cannot follow' },
  // AUXCLICK_JS_CHECK: middle-click can only open a new window or navigate; every new window is denied by setWindowOpenHandler and every navigation outside app://kiosk is prevented (main.test).
  { scan: 'sources', id: 'AUXCLICK_JS_CHECK', file: 'windows.ts', sample: /new BrowserWindow\(/, count: 3, reason: 'new windows are always denied and navigation away always prevented, so a middle-click can open nothing' },
];

/** Checks that need the network, left out of the scan. */
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const packageMain = require.resolve('@doyensec/electronegativity');
const packageDist = path.dirname(packageMain);
const fromPackage = createRequire(packageMain);

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Issue[];
}
type Runner = (options: Record<string, unknown>) => Promise<ScanResult>;

/** Electronegativity's copy of `got`, replaced by one that never connects. */
const offlineGot = vi.fn(() => Promise.reject(new Error('offline: the test does not let Electronegativity use the network')));
function installOfflineGot(): void {
  const gotPath = fromPackage.resolve('got');
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = Object.assign(offlineGot, { head: offlineGot, get: offlineGot, default: offlineGot });
  require.cache[gotPath] = stub;
}

function checkNames(): string[] {
  const { CHECKS } = fromPackage('./finder/checks/AtomicChecks') as { CHECKS: { name: string }[] };
  const { GLOBAL_CHECKS } = fromPackage('./finder/checks/GlobalChecks') as { GLOBAL_CHECKS: { name: string }[] };
  return [...CHECKS, ...GLOBAL_CHECKS].map((c) => c.name);
}

let work: string;
let run: Runner;
const results: Partial<Record<Allowed['scan'], ScanResult>> = {};

async function scan(name: Allowed['scan'], input: string): Promise<ScanResult> {
  const names = checkNames().filter((n) => !NETWORK_CHECKS.includes(n));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {}); // its "could not retrieve translations" line
  try {
    return await run({
      input,
      output: path.join(work, `${name}.csv`),
      isSarif: false,
      customScan: names,
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: true,
      electronVersionOverride: '45.5.0',
    });
  } finally {
    log.mockRestore();
  }
}

beforeAll(async () => {
  work = tempDir('kiosk-electronegativity-');
  const main = path.join(root, 'dist/electron/main.cjs');
  const preload = path.join(root, 'dist/electron/preload.cjs');
  if (!fs.existsSync(main) || !fs.existsSync(preload)) {
    const built = spawnSync(process.execPath, [path.join(root, 'electron/scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building dist/electron failed: ${built.stderr}`);
  }
  const bundles = path.join(work, 'bundles');
  fs.mkdirSync(bundles);
  fs.copyFileSync(main, path.join(bundles, 'main.js'));
  fs.copyFileSync(preload, path.join(bundles, 'preload.js'));

  installOfflineGot();
  const loaded = require('@doyensec/electronegativity') as Runner | { default: Runner };
  run = typeof loaded === 'function' ? loaded : loaded.default;

  results.bundles = await scan('bundles', bundles);
  results.sources = await scan('sources', path.join(root, 'electron'));
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function describeIssue(scanName: string, i: Issue): string {
  return `${scanName}: ${i.id} ${i.file}:${i.location.line}:${i.location.column} [${i.severity.name}/${i.confidence.name}] ${(i.sample ?? '').trim().slice(0, 100)}`;
}

describe('Electronegativity, offline', () => {
  it('leaves out exactly the checks that use the network, and nothing reached for it but the stub', () => {
    const usesGot = (dir: string): string[] =>
      fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.js') && /require\(['"]got['"]\)/.test(fs.readFileSync(path.join(dir, f), 'utf8')))
        .map((f) => path.basename(f, '.js'))
        .sort();
    expect(usesGot(path.join(packageDist, 'finder'))).toEqual([...NETWORK_CHECKS].sort());
    expect(usesGot(packageDist)).toEqual([...NETWORK_CHECKS, 'i18n'].sort());
    for (const n of NETWORK_CHECKS) expect(checkNames()).toContain(n);
    // the translations fetch went to the stub, once per scan
    expect(offlineGot).toHaveBeenCalledTimes(2);
  });

  it('ran every other check, and parsed every file (TypeScript sources included)', () => {
    for (const [name, r] of Object.entries(results)) {
      expect(r.atomicChecks + r.globalChecks, name).toBe(checkNames().length - NETWORK_CHECKS.length);
      expect(r.errors, `${name}: files the checker could not parse`).toEqual([]);
    }
  });

  it('read the code for real: it found our navigation and permission handlers (else it reports them missing)', () => {
    for (const [name, r] of Object.entries(results)) {
      const ids = r.issues.map((i) => i.id);
      expect(ids, name).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
      expect(ids, name).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    }
  });

  it('finds nothing but the allow-listed findings, and every allow-list entry still matches', () => {
    const unexpected: string[] = [];
    const seen = new Map<Allowed, number>();
    let total = 0;
    for (const scanName of ['bundles', 'sources'] as const) {
      for (const issue of results[scanName]!.issues) {
        total += 1;
        const entry = ALLOWED.find((a) => a.scan === scanName && a.id === issue.id && a.file === issue.file && (!a.sample || a.sample.test(issue.sample ?? '')));
        if (entry) seen.set(entry, (seen.get(entry) ?? 0) + 1);
        else unexpected.push(describeIssue(scanName, issue));
      }
    }
    const allowed = [...seen.values()].reduce((a, b) => a + b, 0);
    console.log(`Electronegativity: ${total} findings (${allowed} allow-listed, ${unexpected.length} not) in dist/electron bundles and electron/ sources`);
    for (const [scanName, r] of Object.entries(results)) for (const i of r.issues) console.log(`  ${describeIssue(scanName, i)}`);

    expect(unexpected, 'findings not on the allow-list').toEqual([]);
    const mismatched = ALLOWED.filter((a) => (seen.get(a) ?? 0) !== a.count).map((a) => `${a.scan} ${a.id} ${a.file}: expected ${a.count}, found ${seen.get(a) ?? 0}`);
    expect(mismatched, 'allow-list entries that no longer match (remove or update them)').toEqual([]);
  });
});
