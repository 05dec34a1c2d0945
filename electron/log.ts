/**
 * The kiosk's own small log file: unexpected errors and start-up facts (database opened, migrated,
 * backup made, version), so the school's IT support can see what happened on the office PC.
 *
 * NO PERSONAL DATA. A log line carries ids, counts, codes and event names, never a pupil's, parent's,
 * visitor's or staff member's name, phone number, note or any other free text typed by a person.
 * Error messages can carry such data (an SQL value, a name in a validation message), so errors are
 * logged only through errorFields(), which keeps the error's name, its `code` and its stack frames,
 * and drops the message. The log is not the audit trail: that lives, hash-chained, in the database.
 *
 * Format: one JSON object per line, `{"t":"<ISO>","level":"info","event":"db.opened",...fields}`,
 * appended synchronously to `<dir>/<name>.log`, so a crash just after a logged event still has it.
 * Before a write would take the file past maxBytes it is rotated: `<name>.log.(k)` becomes `.(k+1)`
 * (oldest first, anything beyond `keep` deleted), `<name>.log` becomes `<name>.log.1`, and the line
 * goes to a fresh file.
 *
 * A logger never throws into its caller: a failed write is swallowed, with one line on stderr.
 * Plain Node only (no `electron` import): the API dispatcher and the database opener use it in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type LogValue = string | number | boolean | null;
export type LogFields = Readonly<Record<string, LogValue>>;
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface LogEntry {
  level: LogLevel;
  event: string;
  fields: LogFields;
}

export interface FileLoggerOptions {
  /** Folder of the log files; created (with its parents) on the first write. */
  dir: string;
  /** File stem: `<name>.log`, `<name>.log.1`, ... Letters, digits, `_`, `.`, `-`; default 'kiosk'. */
  name?: string;
  /** Size a log file may reach before it is rotated; default 1 MiB. */
  maxBytes?: number;
  /** How many rotated files are kept; default 5 (0 keeps none). */
  keep?: number;
  clock?: { now(): Date };
  /** Also write each line to stdout (info) or stderr (warn, error); for development. */
  alsoConsole?: boolean;
}

/** Event names are short dotted identifiers such as `db.opened` or `api.unexpected-error`. */
export const EVENT_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/i;
/** What an event name that does not match EVENT_PATTERN is logged as (the bad name is not kept). */
export const INVALID_EVENT = 'invalid-event';
/** Longest string value kept, in UTF-16 code units; longer strings are cut. */
export const MAX_STRING_LENGTH = 2000;
/** Most fields kept from one call; the rest are dropped and counted in `droppedFields`. */
export const MAX_FIELDS = 40;

const DEFAULT_NAME = 'kiosk';
const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_KEEP = 5;
const NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;
/** Keys the line itself uses; a field with one of these names is dropped, not allowed to overwrite. */
const RESERVED_KEYS = new Set(['t', 'level', 'event']);

/** Discards everything. */
export const nullLogger: Logger = Object.freeze({
  info() {},
  warn() {},
  error() {},
});

/**
 * Keeps entries in memory, for tests. Event names and fields are normalised exactly as the file
 * logger normalises them, so a test sees what would have been written.
 */
export function memoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogLevel) => (event: string, fields?: LogFields) => {
    try {
      const clean = normalise(event, fields);
      entries.push({ level, event: clean.event, fields: Object.freeze({ ...clean.fields }) });
    } catch {
      // never throws, like the file logger
    }
  };
  return { entries, info: record('info'), warn: record('warn'), error: record('error') };
}

export function createFileLogger(opts: FileLoggerOptions): Logger {
  const name = typeof opts.name === 'string' && NAME_PATTERN.test(opts.name) ? opts.name : DEFAULT_NAME;
  const maxBytes =
    typeof opts.maxBytes === 'number' && Number.isFinite(opts.maxBytes) && opts.maxBytes > 0
      ? Math.floor(opts.maxBytes)
      : DEFAULT_MAX_BYTES;
  const keep =
    typeof opts.keep === 'number' && Number.isFinite(opts.keep) && opts.keep >= 0 ? Math.floor(opts.keep) : DEFAULT_KEEP;
  const dir = opts.dir;
  const file = path.join(dir, `${name}.log`);
  const clock = opts.clock;
  const alsoConsole = opts.alsoConsole === true;

  let dirReady = false;
  let failing = false; // one stderr line per run of failures, not one per log call
  let torn = false; // a failed append (a full disk) may have left part of a line at the end of the file

  function timestamp(): string {
    try {
      if (clock) return clock.now().toISOString();
    } catch {
      // a broken clock must not lose the line; fall back to the system time
    }
    return new Date().toISOString();
  }

  function rotate(): void {
    // Files left beyond `keep` (for instance by an earlier, larger setting) go first.
    const prefix = `${name}.log.`;
    for (const entry of fs.readdirSync(dir)) {
      if (!entry.startsWith(prefix)) continue;
      const suffix = entry.slice(prefix.length);
      if (/^[1-9][0-9]*$/.test(suffix) && Number(suffix) >= keep) {
        fs.rmSync(path.join(dir, entry), { force: true });
      }
    }
    for (let k = keep - 1; k >= 1; k--) {
      const from = `${file}.${k}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${k + 1}`);
    }
    if (keep >= 1) fs.renameSync(file, `${file}.1`);
    else fs.rmSync(file, { force: true });
  }

  function append(line: string): void {
    if (!dirReady) {
      fs.mkdirSync(dir, { recursive: true });
      dirReady = true;
    }
    const bytes = Buffer.byteLength(line, 'utf8');
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile() && stat.size > 0 && stat.size + bytes > maxBytes) {
      try {
        rotate();
      } catch (err) {
        // Better an over-long file than a lost line: report, then append to the current file.
        report('cannot rotate', err);
      }
    }
    // After a torn line the next one starts on a line of its own, so every whole line still parses.
    const text = torn && !endsWithNewline(file) ? `\n${line}` : line;
    fs.appendFileSync(file, text, 'utf8');
    torn = false;
  }

  function endsWithNewline(f: string): boolean {
    let fd: number | null = null;
    try {
      fd = fs.openSync(f, 'r');
      const size = fs.fstatSync(fd).size;
      if (size === 0) return true;
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      return last[0] === 0x0a;
    } catch {
      return true; // no file (rotated away): nothing to end
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  }

  function report(what: string, err: unknown): void {
    if (failing) return;
    failing = true;
    let code = 'unknown';
    try {
      const c = (err as { code?: unknown } | null)?.code;
      if (typeof c === 'string') code = c;
    } catch {
      // keep 'unknown'
    }
    try {
      process.stderr.write(`[kiosk log] ${what} ${file}: ${code}\n`);
    } catch {
      // nowhere left to say it
    }
  }

  function write(level: LogLevel, event: string, fields: LogFields | undefined): void {
    let line: string;
    try {
      const clean = normalise(event, fields);
      const record: Record<string, LogValue> = Object.create(null) as Record<string, LogValue>;
      record.t = timestamp();
      record.level = level;
      record.event = clean.event;
      for (const [key, value] of Object.entries(clean.fields)) record[key] = value;
      line = `${JSON.stringify(record)}\n`;
    } catch (err) {
      report('cannot format a line for', err);
      return;
    }
    try {
      append(line);
      failing = false;
    } catch (err) {
      dirReady = false; // the folder may have gone (a removed drive): try again next time
      torn = true;
      report('cannot write', err);
    }
    if (alsoConsole) {
      try {
        (level === 'info' ? process.stdout : process.stderr).write(line);
      } catch {
        // the console is a convenience only
      }
    }
  }

  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/**
 * Fields for logging an unexpected error: `errorName` (the error's class name), `errorCode` (its
 * `code` property, when that is a string such as 'ENOENT' or 'SQLITE_BUSY') and `stack` (the stack
 * frames only: the message, which can carry personal data, is dropped; the user's home folder in
 * file paths is shortened to `~`). Never throws, whatever it is given.
 */
export function errorFields(err: unknown): LogFields {
  try {
    if (err === null || (typeof err !== 'object' && typeof err !== 'function')) {
      return { errorName: `(${err === null ? 'null' : typeof err})`, stack: '' };
    }
    const name = safeName(err);
    const fields: Record<string, LogValue> = { errorName: name };
    const code = safeGet(err, 'code');
    if (typeof code === 'string') fields.errorCode = truncate(code, 100);
    const stack = safeGet(err, 'stack');
    fields.stack = typeof stack === 'string' ? stackFrames(stack, err) : '';
    return fields;
  } catch {
    return { errorName: '(unreadable)', stack: '' };
  }
}

function safeGet(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** The error's name if it looks like a class name; otherwise its constructor's name; never free text. */
function safeName(err: object): string {
  const identifier = /^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$/;
  const name = safeGet(err, 'name');
  if (typeof name === 'string' && identifier.test(name)) return name;
  try {
    const ctor = Object.getPrototypeOf(err)?.constructor as { name?: unknown } | undefined;
    if (typeof ctor?.name === 'string' && identifier.test(ctor.name)) return ctor.name;
  } catch {
    // fall through
  }
  return '(unnamed)';
}

/**
 * The frame lines of a V8 stack (`    at fn (file:line:col)`), without the `Name: message` header.
 * The header is cut off first (messages can span several lines, and one of them could look like a
 * frame), then only lines that look like frames are kept.
 */
function stackFrames(stack: string, err: object): string {
  let rest = stack;
  const message = safeGet(err, 'message');
  const name = safeGet(err, 'name');
  if (typeof message === 'string' && message !== '') {
    const at = rest.indexOf(message);
    if (at !== -1 && at < 200) rest = rest.slice(at + message.length);
  } else if (typeof name === 'string' && rest.startsWith(name)) {
    rest = rest.slice(name.length);
  }
  const frames = rest
    .split('\n')
    .filter((line) => /^\s+at\s/.test(line))
    .map((line) => line.trim());
  return shortenHome(frames.join('\n'));
}

function shortenHome(text: string): string {
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return text;
  }
  if (home.length < 2) return text;
  const forms = new Set([home, home.replaceAll('\\', '/')]);
  let out = text;
  for (const form of forms) out = out.split(form).join('~');
  return out;
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  // do not leave half of a surrogate pair at the end
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return s.slice(0, end);
}

function normaliseValue(value: unknown): LogValue | undefined {
  switch (typeof value) {
    case 'string':
      return truncate(value, MAX_STRING_LENGTH);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
      return undefined;
    default:
      // null stays null; anything else (from untyped callers) is not written, as it could hold data
      return value === null ? null : `(${typeof value})`;
  }
}

function normalise(event: string, fields: LogFields | undefined): { event: string; fields: Record<string, LogValue> } {
  const cleanEvent = typeof event === 'string' && EVENT_PATTERN.test(event) ? event : INVALID_EVENT;
  const out: Record<string, LogValue> = Object.create(null) as Record<string, LogValue>;
  if (fields === null || typeof fields !== 'object') return { event: cleanEvent, fields: out };
  let kept = 0;
  let dropped = 0;
  for (const [key, raw] of Object.entries(fields)) {
    if (RESERVED_KEYS.has(key)) {
      dropped++;
      continue;
    }
    const value = normaliseValue(raw);
    if (value === undefined) continue;
    if (kept >= MAX_FIELDS) {
      dropped++;
      continue;
    }
    out[key] = value;
    kept++;
  }
  if (dropped > 0) out.droppedFields = dropped;
  return { event: cleanEvent, fields: out };
}
