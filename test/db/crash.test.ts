/**
 * Crash safety (DESIGN.md, "The database"): a child process writes through the app's one audited
 * write path and reports each acknowledged write; it is killed with SIGKILL at random moments,
 * many times, on the same file. After every kill:
 *   - the file opens with openDatabase (quick_check) and PRAGMA integrity_check is 'ok';
 *   - the audit chain verifies against the anchor kept outside the database ('matches' or 'behind');
 *   - every acknowledged write is there (closure labels; the school name is at least the last acked);
 *   - no record exists without its audit row, and no audit row without its record, and each
 *     record's content matches the values hash of its audit row;
 *   - at most one write per run was committed but not acknowledged (the one the kill cut off).
 *
 * The child is `node --import tsx test/db/crash-child.ts`, spawned directly (no npx or CLI wrapper
 * that would outlive the kill), so SIGKILL hits the process that holds the database.
 * Seed: CRASH_SEED=<n> to replay a run; the seed is in every failure message.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hashValues, readAnchor, verifyAudit } from '../../db/audit';
import { openDatabase } from '../../db/open';
import { getSettings } from '../../db/settings';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const childPath = path.join(here, 'crash-child.ts');

const RUNS = 25;
const KILL_AFTER_MS = { min: 30, max: 400 };
const READY_TIMEOUT_MS = 15_000;
/** Labels of run r are crash-<r * STRIDE + k>: unique across runs. */
const STRIDE = 1_000_000;

/** mulberry32: a tiny seeded PRNG, so a failing sequence of kill times can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ack = { kind: 'closure' | 'both'; id: number; label: string } | { kind: 'settings'; label: string };

interface RunResult {
  acks: Ack[];
  stderr: string;
  signal: NodeJS.Signals | null;
  code: number | null;
}

function parseAck(line: string): Ack {
  const m = /^ack (closure|settings|both) (\d+|-) (crash-\d+)$/.exec(line);
  if (!m) throw new Error(`unexpected line from the child: ${JSON.stringify(line)}`);
  const [, kind, id, label] = m as unknown as [string, Ack['kind'], string, string];
  return kind === 'settings' ? { kind, label } : { kind, id: Number(id), label };
}

const labelIndex = (label: string): number => Number(label.slice('crash-'.length));

const live = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  // Only the children this file started, by their own handle.
  for (const child of live) child.kill('SIGKILL');
  live.clear();
});

/** Start the child, wait for `ready`, let it write for killAfterMs, SIGKILL it, collect the acks. */
function runAndKill(file: string, start: number, killAfterMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childPath, file, String(start)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    let ready = false;
    let parseError: Error | null = null;
    let killTimer: NodeJS.Timeout | undefined;

    const readyTimer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child did not print "ready" within ${READY_TIMEOUT_MS} ms; stderr:\n${stderr}`));
    }, READY_TIMEOUT_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (!ready) {
          if (!line.startsWith('ready ')) {
            parseError ??= new Error(`expected "ready", got ${JSON.stringify(line)}`);
            continue;
          }
          ready = true;
          clearTimeout(readyTimer);
          killTimer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
          continue;
        }
        try {
          acks.push(parseAck(line));
        } catch (err) {
          parseError ??= err as Error;
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (err) => {
      clearTimeout(readyTimer);
      clearTimeout(killTimer);
      live.delete(child);
      reject(err);
    });
    // 'close' comes after stdout has been read to the end: every line the child wrote is in.
    child.on('close', (code, signal) => {
      clearTimeout(readyTimer);
      clearTimeout(killTimer);
      live.delete(child);
      if (parseError) return reject(parseError);
      if (!ready) return reject(new Error(`the child exited (code ${code}, signal ${signal}) before "ready"; stderr:\n${stderr}`));
      // A trailing fragment without its newline was never a whole ack: ignore it.
      resolve({ acks, stderr, signal, code });
    });
  });
}

interface ClosureRow {
  id: number;
  startsOn: string;
  endsOn: string;
  label: string;
}

describe('crash safety: SIGKILL at random moments during audited writes', () => {
  it(
    `keeps the file sound, the audit chain whole and every acknowledged write, over ${RUNS} kills`,
    async () => {
      const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);
      const random = seededRandom(seed);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-crash-'));
      const file = path.join(dir, 'kiosk.sqlite');
      const ackedClosures = new Map<string, number>(); // label -> id the child was told
      let maxAckedSchoolName = -1;
      let totalAcks = 0;
      let runsWithAcks = 0;
      let cutOffCommits = 0;
      let behindAnchors = 0;
      let closuresBefore = 0;
      const started = Date.now();

      try {
        for (let run = 0; run < RUNS; run += 1) {
          const killAfterMs = Math.round(KILL_AFTER_MS.min + random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
          const where = `seed ${seed}, run ${run}, killed ${killAfterMs} ms after ready`;
          const result = await runAndKill(file, run * STRIDE, killAfterMs);

          expect(result.signal, `${where}: the child ended by itself (code ${result.code}); stderr:\n${result.stderr}`).toBe('SIGKILL');
          expect(result.stderr, `${where}: the child wrote to stderr`).toBe('');
          totalAcks += result.acks.length;
          if (result.acks.length > 0) runsWithAcks += 1;
          for (const ack of result.acks) {
            if (ack.kind !== 'settings') ackedClosures.set(ack.label, ack.id);
            if (ack.kind !== 'closure') maxAckedSchoolName = Math.max(maxAckedSchoolName, labelIndex(ack.label));
          }

          // openDatabase runs quick_check and throws DatabaseOpenError on damage.
          const kdb = await openDatabase({ file });
          try {
            const { db } = kdb;
            const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
            expect(integrity, `${where}: integrity_check`).toEqual(['ok']);
            const fk = db.pragma('foreign_key_check') as unknown[];
            expect(fk, `${where}: foreign_key_check`).toEqual([]);

            const anchor = readAnchor(kdb.anchorFile);
            expect(anchor, `${where}: the anchor file is missing or unreadable`).not.toBeNull();
            const verdict = verifyAudit(db, anchor);
            expect(verdict, `${where}: audit chain`).toMatchObject({ ok: true });
            if (verdict.ok) {
              expect(['matches', 'behind'], `${where}: anchor state`).toContain(verdict.anchor);
              if (verdict.anchor === 'behind') {
                behindAnchors += 1;
                // Only the last commit can be ahead of the anchor: the kill fell between commit and anchor write.
                expect((verdict.head?.seq ?? 0) - (anchor?.seq ?? 0), `${where}: anchor behind by more than one write's rows`).toBeLessThanOrEqual(2);
              }
            }

            // Every acknowledged closure is there, under the id the child was told.
            const closures = db.prepare('SELECT id, starts_on AS startsOn, ends_on AS endsOn, label FROM closures').all() as ClosureRow[];
            const byLabel = new Map(closures.map((c) => [c.label, c]));
            const missing = [...ackedClosures].filter(([label, id]) => byLabel.get(label)?.id !== id);
            expect(missing, `${where}: acknowledged closures missing or changed`).toEqual([]);
            expect(closures.length, `${where}: fewer closures than acknowledged`).toBeGreaterThanOrEqual(ackedClosures.size);
            // At most one write per run is committed and not acknowledged (the one the kill cut off).
            const runClosureAcks = result.acks.filter((a) => a.kind !== 'settings').length;
            const unacked = closures.length - closuresBefore - runClosureAcks;
            expect(unacked, `${where}: committed but unacknowledged closures in this run`).toBeGreaterThanOrEqual(0);
            expect(unacked, `${where}: committed but unacknowledged closures in this run`).toBeLessThanOrEqual(1);
            cutOffCommits += unacked;
            closuresBefore = closures.length;

            // No record without its audit row (anti-join), and no closure.add audit row without its record.
            const unaudited = db
              .prepare(
                `SELECT c.id FROM closures c
                 WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'closure' AND a.action = 'closure.add' AND a.entity_id = CAST(c.id AS TEXT))`,
              )
              .all();
            expect(unaudited, `${where}: closures without an audit row`).toEqual([]);
            const orphanAudit = db
              .prepare(
                `SELECT a.seq, a.entity_id FROM audit a
                 WHERE a.entity = 'closure' AND NOT EXISTS (SELECT 1 FROM closures c WHERE CAST(c.id AS TEXT) = a.entity_id)`,
              )
              .all();
            expect(orphanAudit, `${where}: closure audit rows without their closure`).toEqual([]);
            const unauditedSettings = db
              .prepare(
                `SELECT s.key FROM settings s
                 WHERE NOT EXISTS (SELECT 1 FROM audit a, json_each(a.fields) f WHERE a.entity = 'settings' AND f.value = s.key)`,
              )
              .all();
            expect(unauditedSettings, `${where}: settings without an audit row`).toEqual([]);

            // Each record's content is what its audit row hashed.
            const hashes = new Map(
              (db.prepare("SELECT entity_id AS id, values_hash AS h FROM audit WHERE action = 'closure.add'").all() as { id: string; h: string }[]).map(
                (r) => [r.id, r.h],
              ),
            );
            const mismatched = closures
              .filter((c) => hashes.get(String(c.id)) !== hashValues({ startsOn: c.startsOn, endsOn: c.endsOn, label: c.label }))
              .map((c) => c.id);
            expect(mismatched, `${where}: closures whose content differs from their audit row`).toEqual([]);

            // The school name: at least the last acknowledged one, and what the newest settings audit row hashed.
            const schoolName = getSettings(db).schoolName;
            if (maxAckedSchoolName >= 0) {
              expect(schoolName, `${where}: school name`).toMatch(/^crash-\d+$/);
              expect(labelIndex(schoolName), `${where}: school name older than the last acknowledged`).toBeGreaterThanOrEqual(maxAckedSchoolName);
            }
            if (schoolName !== '') {
              const last = db.prepare("SELECT values_hash AS h FROM audit WHERE entity = 'settings' ORDER BY seq DESC LIMIT 1").get() as
                | { h: string }
                | undefined;
              expect(last?.h, `${where}: school name differs from its newest audit row`).toBe(hashValues({ schoolName }));
            }
          } finally {
            kdb.close();
          }
        }

        // The runs really had writes in flight: the test cannot pass by killing idle children.
        expect(totalAcks, `seed ${seed}: no write was ever acknowledged`).toBeGreaterThan(0);
        expect(runsWithAcks, `seed ${seed}: too few kills landed after a write`).toBeGreaterThanOrEqual(Math.ceil(RUNS / 2));
        expect(ackedClosures.size, `seed ${seed}: no closure acknowledged`).toBeGreaterThan(0);
        expect(maxAckedSchoolName, `seed ${seed}: no settings write acknowledged`).toBeGreaterThanOrEqual(0);
        console.log(
          `crash test: seed ${seed}, ${RUNS} kills, ${totalAcks} acknowledged writes, ${runsWithAcks} kills after writes, ` +
            `${cutOffCommits} committed-but-unacknowledged closures, ${behindAnchors} anchors behind, ${Date.now() - started} ms`,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
