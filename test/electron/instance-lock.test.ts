/**
 * One copy of the app per PC across accounts (issue 13): the lock file in the data folder, on real
 * files, against a second copy run as a real child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, acquireInstanceLock, pidIsAlive } from '../../electron/shell/instance-lock';
import { tempDir } from '../helpers/db';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const childPath = path.join(here, 'lock-child.ts');

const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterEach(() => {
  // only the children this file started, by their own handle
  for (const c of children) c.kill('SIGKILL');
  children.clear();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = tempDir('kiosk-lock-');
  dirs.push(d);
  return d;
}

/** Start a second copy and wait for its first line ('locked <pid>' or 'held <pid>'). */
function second(dir: string): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childPath, dir], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the second copy said nothing; stderr: ${err}`)), 20_000);
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ child, line: out.slice(0, nl) });
      }
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('the instance lock in the data folder', () => {
  it('a second copy is refused while the first runs, and names the holder', async () => {
    const dir = folder();
    const mine = acquireInstanceLock(dir);
    expect(mine.ok).toBe(true);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; host: string };
    expect(lock).toMatchObject({ pid: process.pid, host: os.hostname() });
    const { line } = await second(dir);
    expect(line).toBe(`held ${process.pid}`);
    if (mine.ok) mine.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('the lock held by another live process (a child) refuses us; once it is killed, the stale lock is taken over', async () => {
    const dir = folder();
    const { child, line } = await second(dir);
    expect(line).toBe(`locked ${child.pid}`);
    const refused = acquireInstanceLock(dir);
    expect(refused).toMatchObject({ ok: false, holder: { pid: child.pid, host: os.hostname() } });
    child.kill('SIGKILL');
    await exited(child);
    expect(pidIsAlive(child.pid!)).toBe(false);
    // the crashed copy's lock is still there, but its pid no longer runs on this host
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    const taken = acquireInstanceLock(dir);
    expect(taken.ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]); // the stale lock moved aside is gone
    if (taken.ok) taken.release();
  });

  it('a copy that closes normally releases the lock for the next', async () => {
    const dir = folder();
    const { child } = await second(dir);
    child.stdin!.write('release\n');
    await exited(child);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const next = acquireInstanceLock(dir);
    expect(next.ok).toBe(true);
    if (next.ok) next.release();
  });

  it('a lock from another host (a data folder on a share) holds: its pid cannot be checked from here', () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, host: 'OFFICE-PC-2', startedAt: '2026-11-25T08:00:00Z' }));
    expect(acquireInstanceLock(dir, { isAlive: () => false })).toMatchObject({ ok: false, holder: { host: 'OFFICE-PC-2' } });
  });

  it('a half-written lock holds for a while (its writer may be starting), then counts as stale', () => {
    const dir = folder();
    const file = path.join(dir, LOCK_FILE);
    fs.writeFileSync(file, '');
    const at = Date.now();
    expect(acquireInstanceLock(dir, { now: () => new Date(at) })).toMatchObject({ ok: false, holder: null });
    const later = acquireInstanceLock(dir, { now: () => new Date(at + 60_000) });
    expect(later.ok).toBe(true);
    if (later.ok) later.release();
  });

  it('a running pid is alive; a pid that is not a process id is not', () => {
    expect(pidIsAlive(process.pid)).toBe(true);
    expect(pidIsAlive(0)).toBe(false);
    expect(pidIsAlive(-1)).toBe(false);
  });

  it('release never removes a lock another copy took over after us', () => {
    const dir = folder();
    const first = acquireInstanceLock(dir);
    expect(first.ok).toBe(true);
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, host: os.hostname(), startedAt: '' }));
    if (first.ok) first.release();
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 4242 });
  });
});
