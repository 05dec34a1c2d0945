/**
 * The child of test/db/crash.test.ts: run as `node --import tsx test/db/crash-child.ts <file> <start>`.
 *
 * It opens the database the way the app does, prints `ready`, then writes for ever through the
 * one audited write path (db/tx.ts), printing one line per write *after* write() has returned:
 *
 *   ack closure <id> <label>    addClosure only
 *   ack settings - <label>      updateSettings only (schoolName = label)
 *   ack both <id> <label>       addClosure and updateSettings in one transaction (two audit rows)
 *
 * Lines go out with fs.writeSync(1, ...) so a line the parent reads is a write that was
 * acknowledged, and nothing is buffered when SIGKILL arrives. Labels are `crash-<n>` with n
 * counting up from <start>, so they are unique across runs on the same file.
 *
 * Safety: if the parent disappears, writing to the closed pipe throws EPIPE and the child exits;
 * it also stops by itself after MAX_RUN_MS, so a broken test can never leave it running.
 */
import fs from 'node:fs';
import { addClosure } from '../../db/closures';
import { systemClock } from '../../db/clock';
import { openDatabase } from '../../db/open';
import { updateSettings } from '../../db/settings';
import { write, type WriteContext } from '../../db/tx';

const MAX_RUN_MS = 30_000;

function say(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
  const [file, startArg] = process.argv.slice(2);
  const start = Number(startArg);
  if (!file || !Number.isSafeInteger(start) || start < 0) {
    process.stderr.write('usage: crash-child.ts <db file> <start index>\n');
    process.exit(2);
  }

  const kdb = await openDatabase({ file });
  const ctx: WriteContext = { db: kdb.db, clock: systemClock, anchorFile: kdb.anchorFile };
  const actor = { kind: 'system' } as const;
  const stopAt = Date.now() + MAX_RUN_MS;
  say(`ready ${process.pid}`);

  for (let n = start; Date.now() < stopAt; n += 1) {
    const label = `crash-${n}`;
    const closure = { startsOn: '2027-02-15', endsOn: '2027-02-19', label };
    switch (n % 4) {
      case 2: {
        const changed = write(ctx, actor, (tx) => updateSettings(tx, { schoolName: label }));
        if (changed.length !== 1) throw new Error(`settings write ${label} changed ${changed.join(',') || 'nothing'}`);
        say(`ack settings - ${label}`);
        break;
      }
      case 3: {
        const added = write(ctx, actor, (tx) => {
          const c = addClosure(tx, closure);
          updateSettings(tx, { schoolName: label });
          return c;
        });
        say(`ack both ${added.id} ${label}`);
        break;
      }
      default: {
        const added = write(ctx, actor, (tx) => addClosure(tx, closure));
        say(`ack closure ${added.id} ${label}`);
      }
    }
  }
  kdb.close();
  process.stderr.write(`crash-child: stopped by itself after ${MAX_RUN_MS} ms\n`);
  process.exit(3);
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
