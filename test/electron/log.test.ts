import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createFileLogger,
  errorFields,
  INVALID_EVENT,
  MAX_FIELDS,
  MAX_STRING_LENGTH,
  memoryLogger,
  nullLogger,
} from '../../electron/log';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-log-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fixedClock(iso: string) {
  return { now: () => new Date(iso) };
}

function readLines(file: string): Record<string, unknown>[] {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

class DomainishError extends Error {
  override readonly name = 'DomainishError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

describe('createFileLogger: lines', () => {
  it('appends one JSON object per line with time, level, event and fields', () => {
    const log = createFileLogger({ dir, clock: fixedClock('2025-03-04T08:15:00.000Z') });
    log.info('db.opened', { schemaVersion: 7, migrated: false, file: 'kiosk.db', note: null });
    log.warn('backup.slow', { ms: 1234.5 });
    log.error('api.unexpected-error');

    const lines = readLines(path.join(dir, 'kiosk.log'));
    expect(lines).toEqual([
      {
        t: '2025-03-04T08:15:00.000Z',
        level: 'info',
        event: 'db.opened',
        schemaVersion: 7,
        migrated: false,
        file: 'kiosk.db',
        note: null,
      },
      { t: '2025-03-04T08:15:00.000Z', level: 'warn', event: 'backup.slow', ms: 1234.5 },
      { t: '2025-03-04T08:15:00.000Z', level: 'error', event: 'api.unexpected-error' },
    ]);
    // t, level and event come first on every line
    const raw = fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8').split('\n')[0];
    expect(raw?.startsWith('{"t":"2025-03-04T08:15:00.000Z","level":"info","event":"db.opened",')).toBe(true);
  });

  it('creates the folder, nested, on first write and uses the given name', () => {
    const nested = path.join(dir, 'a', 'b', 'logs');
    const log = createFileLogger({ dir: nested, name: 'shell' });
    log.info('app.started', { version: '0.1.0' });
    expect(fs.readdirSync(nested)).toEqual(['shell.log']);
    const [line] = readLines(path.join(nested, 'shell.log'));
    expect(line?.event).toBe('app.started');
    expect(line?.version).toBe('0.1.0');
    expect(typeof line?.t).toBe('string');
    expect(Number.isNaN(Date.parse(line?.t as string))).toBe(false);
  });

  it('escapes control characters so each entry stays on one line', () => {
    const log = createFileLogger({ dir });
    log.info('x.y', { text: 'one\ntwo\r\u0000three\u2028' });
    const text = fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8');
    expect(text.split('\n')).toHaveLength(2);
    expect(readLines(path.join(dir, 'kiosk.log'))[0]?.text).toBe('one\ntwo\r\u0000three\u2028');
  });

  it('does not let fields overwrite t, level or event', () => {
    const log = createFileLogger({ dir, clock: fixedClock('2025-01-01T00:00:00.000Z') });
    log.info('real.event', { t: 'fake', level: 'error', event: 'fake.event', ok: true });
    const [line] = readLines(path.join(dir, 'kiosk.log'));
    expect(line).toEqual({
      t: '2025-01-01T00:00:00.000Z',
      level: 'info',
      event: 'real.event',
      ok: true,
      droppedFields: 3,
    });
  });

  it('writes non-finite numbers as strings rather than losing them to null', () => {
    const log = createFileLogger({ dir });
    log.info('n.values', { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: -0.5 });
    const [line] = readLines(path.join(dir, 'kiosk.log'));
    expect([line?.a, line?.b, line?.c]).toEqual(['NaN', 'Infinity', -0.5]);
  });

  it('still logs, with the system time, when the injected clock throws', () => {
    const log = createFileLogger({
      dir,
      clock: {
        now: () => {
          throw new Error('clock broke');
        },
      },
    });
    const before = Date.now();
    expect(() => log.info('clock.test')).not.toThrow();
    const [line] = readLines(path.join(dir, 'kiosk.log'));
    expect(line?.event).toBe('clock.test');
    expect(Date.parse(line?.t as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('falls back to the default name when the name could escape the folder', () => {
    const log = createFileLogger({ dir, name: '../evil' });
    log.info('a.b');
    expect(fs.readdirSync(dir)).toEqual(['kiosk.log']);
    expect(fs.existsSync(path.join(dir, '..', 'evil.log'))).toBe(false);
  });
});

describe('createFileLogger: event names', () => {
  it.each(['', '1db', '.db', 'has space', 'Jane Smith', 'a'.repeat(65), 'db/opened', 'é.vent', 'db\nopened'])(
    'logs %j as invalid-event, without the bad name',
    (bad) => {
      const log = createFileLogger({ dir });
      log.info(bad, { id: 42 });
      const [line] = readLines(path.join(dir, 'kiosk.log'));
      expect(line?.event).toBe(INVALID_EVENT);
      expect(line?.id).toBe(42);
      if (bad.length > 0) expect(fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8')).not.toContain(bad);
    },
  );

  it.each(['db.opened', 'a', 'A', 'api.unexpected-error', 'backup_2.done', 'a'.repeat(64)])('keeps %j', (good) => {
    const log = createFileLogger({ dir });
    log.info(good);
    expect(readLines(path.join(dir, 'kiosk.log'))[0]?.event).toBe(good);
  });

  it('treats a non-string event from an untyped caller as invalid', () => {
    const log = createFileLogger({ dir });
    log.info(undefined as unknown as string);
    log.info({ name: 'x' } as unknown as string);
    expect(readLines(path.join(dir, 'kiosk.log')).map((l) => l.event)).toEqual([INVALID_EVENT, INVALID_EVENT]);
  });
});

describe('createFileLogger: field limits', () => {
  it('truncates long strings to 2,000 characters and leaves shorter ones alone', () => {
    const log = createFileLogger({ dir });
    const long = 'x'.repeat(5000);
    const exact = 'y'.repeat(MAX_STRING_LENGTH);
    log.info('long.strings', { long, exact, short: 'abc' });
    const [line] = readLines(path.join(dir, 'kiosk.log'));
    expect(MAX_STRING_LENGTH).toBe(2000);
    expect(line?.long).toBe('x'.repeat(2000));
    expect(line?.exact).toBe(exact);
    expect(line?.short).toBe('abc');
  });

  it('does not cut a surrogate pair in half when truncating', () => {
    const log = createFileLogger({ dir });
    const s = 'a'.repeat(1999) + '😀' + 'b';
    log.info('emoji', { s });
    const value = readLines(path.join(dir, 'kiosk.log'))[0]?.s as string;
    expect(value).toBe('a'.repeat(1999));
  });

  it('keeps at most 40 fields and counts the rest', () => {
    const log = createFileLogger({ dir });
    const fields: Record<string, number> = {};
    for (let i = 0; i < 55; i++) fields[`f${i}`] = i;
    log.info('many.fields', fields);
    const [line] = readLines(path.join(dir, 'kiosk.log'));
    const kept = Object.keys(line ?? {}).filter((k) => /^f\d+$/.test(k));
    expect(MAX_FIELDS).toBe(40);
    expect(kept).toHaveLength(40);
    expect(kept).toEqual(Array.from({ length: 40 }, (_, i) => `f${i}`));
    expect(line?.droppedFields).toBe(15);
  });

  it('keeps a field called __proto__ as a plain field', () => {
    const log = createFileLogger({ dir });
    log.info('proto.field', JSON.parse('{"__proto__": "x", "ok": 1}') as Record<string, string>);
    const [line] = readLines(path.join(dir, 'kiosk.log'));
    expect(Object.prototype.hasOwnProperty.call(line, '__proto__')).toBe(true);
    expect(line?.ok).toBe(1);
  });
});

describe('createFileLogger: rotation', () => {
  function writeNumbered(log: ReturnType<typeof createFileLogger>, count: number) {
    for (let i = 0; i < count; i++) log.info('seq.line', { i, pad: 'p'.repeat(40) });
  }

  function seqOf(file: string): number[] {
    return readLines(file).map((l) => l.i as number);
  }

  it('keeps exactly `keep` old files, in order, with the newest lines in <name>.log', () => {
    const maxBytes = 400;
    const log = createFileLogger({ dir, name: 'rot', maxBytes, keep: 3, clock: fixedClock('2025-01-01T00:00:00.000Z') });
    writeNumbered(log, 60);

    expect(fs.readdirSync(dir).sort()).toEqual(['rot.log', 'rot.log.1', 'rot.log.2', 'rot.log.3']);
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(maxBytes);

    const current = seqOf(path.join(dir, 'rot.log'));
    const one = seqOf(path.join(dir, 'rot.log.1'));
    const two = seqOf(path.join(dir, 'rot.log.2'));
    const three = seqOf(path.join(dir, 'rot.log.3'));
    expect(current.at(-1)).toBe(59);
    // oldest .3, then .2, then .1, then the current file: one unbroken run of the latest lines
    const all = [...three, ...two, ...one, ...current];
    expect(all).toEqual(Array.from({ length: all.length }, (_, k) => 60 - all.length + k));
    expect(all[0]).toBeGreaterThan(0); // older lines really were dropped
  });

  it('rotates only when the next line would pass maxBytes', () => {
    const log = createFileLogger({ dir, maxBytes: 10_000, keep: 2 });
    writeNumbered(log, 20);
    expect(fs.readdirSync(dir)).toEqual(['kiosk.log']);
    expect(seqOf(path.join(dir, 'kiosk.log'))).toHaveLength(20);
  });

  it('with keep: 0 keeps no old files', () => {
    const log = createFileLogger({ dir, maxBytes: 300, keep: 0 });
    writeNumbered(log, 30);
    expect(fs.readdirSync(dir)).toEqual(['kiosk.log']);
    expect(seqOf(path.join(dir, 'kiosk.log')).at(-1)).toBe(29);
  });

  it('removes old files left beyond a smaller keep', () => {
    for (const k of [1, 2, 3, 4, 5]) fs.writeFileSync(path.join(dir, `kiosk.log.${k}`), `old ${k}\n`);
    fs.writeFileSync(path.join(dir, 'other.log.7'), 'not ours\n');
    const log = createFileLogger({ dir, maxBytes: 300, keep: 2 });
    writeNumbered(log, 30);
    expect(fs.readdirSync(dir).sort()).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2', 'other.log.7']);
  });

  it('writes a single line larger than maxBytes to a fresh file rather than dropping it', () => {
    const log = createFileLogger({ dir, maxBytes: 100, keep: 1 });
    log.info('small');
    log.info('big', { s: 'z'.repeat(500) });
    expect(readLines(path.join(dir, 'kiosk.log')).map((l) => l.event)).toEqual(['big']);
    expect(readLines(path.join(dir, 'kiosk.log.1')).map((l) => l.event)).toEqual(['small']);
  });
});

describe('createFileLogger: failures', () => {
  it('never throws when the folder cannot be created, says so once on stderr, and recovers', () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'a file where the log folder should be');
    const logDir = path.join(blocker, 'logs');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const log = createFileLogger({ dir: logDir });
    expect(() => {
      log.info('a.b', { id: 1 });
      log.warn('a.b');
      log.error('a.b', errorFields(new Error('x')));
    }).not.toThrow();
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^\[kiosk log\] cannot write .*: E[A-Z]+\n$/);

    // the obstacle goes away (the drive comes back): logging resumes
    fs.rmSync(blocker);
    log.info('after.recovery', { id: 2 });
    expect(readLines(path.join(logDir, 'kiosk.log'))).toMatchObject([{ event: 'after.recovery', id: 2 }]);
    expect(stderr).toHaveBeenCalledTimes(1);
  });

  it('never throws when the log file path is a folder', () => {
    fs.mkdirSync(path.join(dir, 'kiosk.log'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = createFileLogger({ dir, maxBytes: 10 });
    expect(() => log.info('a.b')).not.toThrow();
    expect(stderr).toHaveBeenCalledTimes(1);
  });

  it('never throws when stderr itself fails', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => {
      throw new Error('EPIPE');
    });
    const log = createFileLogger({ dir: path.join('\u0000bad') });
    expect(() => log.error('a.b')).not.toThrow();
  });

  it('echoes lines to the console only when asked', () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    createFileLogger({ dir }).info('quiet.one');
    expect(stdout).not.toHaveBeenCalled();
    const loud = createFileLogger({ dir, alsoConsole: true });
    loud.info('loud.info');
    loud.error('loud.error');
    expect(String(stdout.mock.calls[0]?.[0])).toContain('"event":"loud.info"');
    expect(String(stderr.mock.calls[0]?.[0])).toContain('"event":"loud.error"');
  });
});

describe('errorFields', () => {
  it('keeps name and stack frames but drops the message', () => {
    const err = new Error('could not save phone for Jane Smith (07700 900123)');
    const f = errorFields(err);
    expect(f.errorName).toBe('Error');
    expect(f).not.toHaveProperty('errorCode');
    const stack = f.stack as string;
    expect(stack).not.toContain('Jane');
    expect(stack).not.toContain('07700');
    expect(stack).not.toContain('could not save');
    expect(stack.length).toBeGreaterThan(0);
    for (const line of stack.split('\n')) expect(line).toMatch(/^at /);
    expect(stack).toContain('log.test.ts');
  });

  it('drops every line of a multi-line message, even one that looks like a frame', () => {
    const err = new Error('first line Jane\n    at Smith (pupil notes)\nthird line 07700');
    const stack = errorFields(err).stack as string;
    expect(stack).not.toContain('Jane');
    expect(stack).not.toContain('Smith');
    expect(stack).not.toContain('07700');
    expect(stack).toContain('log.test.ts');
  });

  it('keeps a string code and a subclass name', () => {
    const err = new DomainishError('NOT_FOUND', 'No pupil called Jane Smith');
    const f = errorFields(err);
    expect(f.errorName).toBe('DomainishError');
    expect(f.errorCode).toBe('NOT_FOUND');
    expect(f.stack as string).not.toContain('Jane');
  });

  it('keeps a Node system error code', () => {
    let caught: unknown;
    try {
      fs.readFileSync(path.join(dir, 'Jane Smith.txt'));
    } catch (e) {
      caught = e;
    }
    const f = errorFields(caught);
    expect(f.errorName).toBe('Error');
    expect(f.errorCode).toBe('ENOENT');
    expect(JSON.stringify(f)).not.toContain('Jane');
  });

  it('ignores a code that is not a string', () => {
    const err = Object.assign(new Error('m'), { code: 19 });
    expect(errorFields(err)).not.toHaveProperty('errorCode');
  });

  it('does not keep a name that looks like free text', () => {
    const err = new Error('m');
    err.name = 'Jane Smith';
    const f = errorFields(err);
    expect(f.errorName).toBe('Error');
    expect(JSON.stringify(f)).not.toContain('Jane');
  });

  it.each([
    ['a string', 'Jane Smith left', '(string)'],
    ['null', null, '(null)'],
    ['undefined', undefined, '(undefined)'],
    ['a number', 42, '(number)'],
    ['a symbol', Symbol('Jane'), '(symbol)'],
  ])('copes with %s', (_label, value, expectedName) => {
    const f = errorFields(value);
    expect(f).toEqual({ errorName: expectedName, stack: '' });
  });

  it('copes with plain objects and takes only safe parts', () => {
    expect(errorFields({ message: 'Jane Smith', code: 'E_CUSTOM' })).toEqual({
      errorName: 'Object',
      errorCode: 'E_CUSTOM',
      stack: '',
    });
    expect(errorFields(Object.create(null))).toEqual({ errorName: '(unnamed)', stack: '' });
    expect(errorFields({ name: 'TypeError', stack: 'TypeError: Jane\n    at f (x.js:1:1)' })).toEqual({
      errorName: 'TypeError',
      stack: 'at f (x.js:1:1)',
    });
  });

  it('never throws, even for hostile objects', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        getPrototypeOf() {
          throw new Error('no');
        },
      },
    );
    // stack first: redefining it makes Node format the old stack, which reads name
    const getters = Object.defineProperties(new Error('Jane'), {
      stack: {
        get() {
          throw new Error('no');
        },
      },
      name: {
        get() {
          throw new Error('no');
        },
      },
    });
    expect(() => errorFields(hostile)).not.toThrow();
    expect(errorFields(hostile)).toEqual({ errorName: '(unnamed)', stack: '' });
    expect(errorFields(getters)).toEqual({ errorName: 'Error', stack: '' });
  });

  it('shortens the home folder in frame paths', () => {
    const home = os.homedir();
    const f = errorFields({ name: 'Error', stack: `Error: x\n    at f (${home}/app/main.js:1:2)` });
    expect(f.stack).toBe('at f (~/app/main.js:1:2)');
  });

  it('produces a log line without the message', () => {
    const log = createFileLogger({ dir });
    log.error('api.unexpected-error', { channel: 'phones.checkIn', pupilId: 17, ...errorFields(new TypeError('Jane')) });
    const [line] = readLines(path.join(dir, 'kiosk.log'));
    expect(line).toMatchObject({ level: 'error', event: 'api.unexpected-error', pupilId: 17, errorName: 'TypeError' });
    expect(fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8')).not.toContain('Jane');
  });
});

describe('nullLogger and memoryLogger', () => {
  it('nullLogger accepts anything and writes nothing', () => {
    expect(() => {
      nullLogger.info('a.b', { x: 1 });
      nullLogger.warn('');
      nullLogger.error('a.b', errorFields(null));
    }).not.toThrow();
  });

  it('memoryLogger records entries normalised like the file logger', () => {
    const log = memoryLogger();
    log.info('db.opened', { schemaVersion: 3 });
    log.warn('Jane Smith', { s: 'q'.repeat(3000) });
    log.error('api.unexpected-error');
    expect(log.entries).toHaveLength(3);
    expect(log.entries[0]).toEqual({ level: 'info', event: 'db.opened', fields: { schemaVersion: 3 } });
    expect(log.entries[1]?.level).toBe('warn');
    expect(log.entries[1]?.event).toBe(INVALID_EVENT);
    expect((log.entries[1]?.fields.s as string).length).toBe(2000);
    expect(log.entries[2]).toEqual({ level: 'error', event: 'api.unexpected-error', fields: {} });
  });
});
