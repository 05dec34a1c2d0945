/**
 * Linux permissions (issue 13): the records folder belongs to the app's own group
 * (`reception-kiosk`, made by the .deb, mode 2770), every entry point sets umask 007, so the
 * database, its -wal/-shm, the anchor, backups, sidecars and logs are 0660 (folders 2770), nothing
 * for other accounts; and a second account of the group can open and save the same records.
 * The second account is a real other uid/gid (a child process that drops root's privileges to
 * numeric ids no account uses: nothing is added to /etc/passwd or /etc/group, nothing to clean up).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL'); // only the children this file started
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A records folder as the .deb makes it: setgid, group-writable, nothing for others. */
function recordsFolder(gid?: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-perms-'));
  dirs.push(dir);
  if (gid !== undefined) fs.chownSync(dir, 0, gid);
  fs.chmodSync(dir, 0o2770);
  return dir;
}

const mode = (p: string) => fs.statSync(p).mode & 0o7777;

const posix = process.platform !== 'win32';
const notPosix = posix ? null : 'Windows has no umask or POSIX modes (the installer sets the folder ACL).';
if (notPosix) console.log(`permissions test skipped: ${notPosix}`);

describe.runIf(posix)('files the preview creates, as an entry point (umask 007)', () => {
  it('the database, -wal, -shm, anchor, backups, sidecars and logs are 0660 and their folders 2770: nothing for other accounts', async () => {
    const dir = recordsFolder();
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/preview/main.mts')], {
      cwd: repoRoot,
      env: { ...process.env, KIOSK_DB: path.join(dir, 'kiosk.sqlite'), PORT: '0', DIST: dist, DEMO: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the preview did not start: ${err}`)), 30_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Press Ctrl+C')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const backups = path.join(dir, 'backups');
    const logs = path.join(dir, 'logs');
    const files = [
      'kiosk.sqlite',
      'kiosk.sqlite-wal',
      'kiosk.sqlite-shm',
      'kiosk.sqlite.anchor.json',
      ...fs.readdirSync(backups).map((f) => path.join('backups', f)),
      ...fs.readdirSync(logs).map((f) => path.join('logs', f)),
    ];
    expect(files.some((f) => f.endsWith('.sqlite.json'))).toBe(true); // a backup and its sidecar were made
    expect(files.some((f) => f.startsWith('logs'))).toBe(true);
    for (const f of files) expect([f, mode(path.join(dir, f)).toString(8)]).toEqual([f, '660']);
    for (const d of [backups, logs]) expect([d, mode(d).toString(8)]).toEqual([d, '2770']);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  });
});

// ---- a second account of the group --------------------------------------------------------------

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const why = process.platform !== 'linux' ? 'not Linux' : !isRoot ? 'not running as root, so no other uid can be taken' : null;
if (why) console.log(`second-account test skipped: ${why}`);

function asAccount(action: 'create' | 'write' | 'read', dir: string, uid: number, gid: number): { ok: boolean; schoolName?: string; modes?: Record<string, number>; error?: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'account-child.ts'), action, dir, String(uid), String(gid)], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`the ${action} child failed: ${r.stderr}`);
  return JSON.parse(line) as { ok: boolean; schoolName?: string; modes?: Record<string, number>; error?: string };
}

describe.runIf(!why)('a second account of the group, as another uid (Linux, as root)', () => {
  // numeric ids no account on this machine uses (nothing is created, so nothing is left behind)
  const base = 200_000 + Math.floor(Math.random() * 90_000) * 10;
  const group = base;
  const first = base + 1;
  const second = base + 2;
  const outsider = base + 3;

  it('one account creates the records; another of the group opens and saves them; an account outside the group cannot', () => {
    expect(spawnSync('getent', ['passwd', String(first)]).status).not.toBe(0);
    const dir = recordsFolder(group);
    const made = asAccount('create', dir, first, group);
    expect(made).toMatchObject({ ok: true, schoolName: `Saved by uid ${first}` });
    for (const [f, m] of Object.entries(made.modes ?? {})) expect([f, m.toString(8)]).toEqual([f, '660']);
    expect(fs.statSync(path.join(dir, 'kiosk.sqlite')).uid).toBe(first);
    expect(fs.statSync(path.join(dir, 'kiosk.sqlite')).gid).toBe(group); // the folder's setgid gives every file the group

    // before the change this failed: "attempt to write a readonly database"
    const saved = asAccount('write', dir, second, group);
    expect(saved).toMatchObject({ ok: true, schoolName: `Saved by uid ${second}` });
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2);

    const refused = asAccount('read', dir, outsider, outsider);
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/could not be opened|permission denied|unable to open/i);
  });
});

// ---- the .deb's after-install steps, run for real on a temporary folder and group ---------------

const haveGroupTools = spawnSync('sh', ['-c', 'command -v groupadd && command -v groupdel && command -v getent'], { encoding: 'utf8' }).status === 0;
const whyNotScript = process.platform !== 'linux' ? 'not Linux' : !isRoot ? 'not running as root, so no group can be made' : !haveGroupTools ? 'groupadd, groupdel or getent is missing' : null;
if (whyNotScript) console.log(`after-install test skipped: ${whyNotScript}`);

describe.runIf(!whyNotScript)('the .deb after-install steps (Linux, as root)', () => {
  const group = `rk-test-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  afterAll(() => {
    // the one group this test made, by its unique name
    spawnSync('groupdel', [group]);
  });

  it('make the group, give it the folder (2770) and an older install’s files (0660, folders 2770)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-deb-'));
    dirs.push(dir);
    // an older install: group-readable by everyone, files 0644
    fs.mkdirSync(path.join(dir, 'backups'));
    fs.writeFileSync(path.join(dir, 'kiosk.sqlite'), 'x', { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'backups', 'b.sqlite'), 'x', { mode: 0o644 });
    fs.chmodSync(dir, 0o2775);
    const script = fs.readFileSync(path.join(repoRoot, 'assets/linux-after-install.sh'), 'utf8');
    const ours = script
      .slice(script.indexOf('# ---- Reception Kiosk'))
      .replace("DATA_DIR='/var/lib/reception-kiosk'", `DATA_DIR='${dir}'`)
      .replace("APP_GROUP='reception-kiosk'", `APP_GROUP='${group}'`);
    expect(ours).toContain(`DATA_DIR='${dir}'`);
    expect(ours).toContain(`APP_GROUP='${group}'`);
    const r = spawnSync('bash', ['-e', '-c', ours], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const gid = Number(spawnSync('getent', ['group', group], { encoding: 'utf8' }).stdout.split(':')[2]);
    expect(gid).toBeGreaterThan(0);
    expect([mode(dir).toString(8), fs.statSync(dir).gid]).toEqual(['2770', gid]);
    expect([mode(path.join(dir, 'backups')).toString(8), fs.statSync(path.join(dir, 'backups')).gid]).toEqual(['2770', gid]);
    for (const f of ['kiosk.sqlite', 'backups/b.sqlite']) expect([f, mode(path.join(dir, f)).toString(8), fs.statSync(path.join(dir, f)).gid]).toEqual([f, '660', gid]);
    // run again (an upgrade): nothing changes, nothing fails
    expect(spawnSync('bash', ['-e', '-c', ours], { encoding: 'utf8' }).status).toBe(0);
  });
});
