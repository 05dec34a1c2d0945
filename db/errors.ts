/**
 * Errors the database layer raises on purpose.
 *
 * - DatabaseOpenError: the file cannot be used as it is (the shell turns it into a recovery screen).
 * - DomainError: a school rule refused a change; the API passes code, message and field to the screen.
 */

export type DatabaseOpenCause =
  | 'cannot-open' // the file or its folder cannot be opened (permissions, missing drive)
  | 'missing' // no database file, but traces of a school (backups, the anchor) say there was one
  | 'empty' // a 0-byte database file where traces of a school say there was one
  | 'not-a-database' // the file is not an SQLite database at all
  | 'not-ours' // an SQLite database, but not Reception Kiosk's
  | 'corrupt' // quick_check found damage
  | 'too-new' // made by a newer version of the app
  | 'backup-failed' // the verified backup before migrating could not be made
  | 'migration-failed'; // a migration step failed (everything was rolled back)

export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  constructor(
    readonly reason: DatabaseOpenCause,
    readonly file: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export type DomainErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'RULE' | 'DISK_FULL';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

// ---- a full disk ----------------------------------------------------------------------------

/** What staff are told when a change could not be saved because the disk is full. */
export const DISK_FULL_MESSAGE = 'The computer’s disk is full: nothing was saved. Tell the person who looks after the school’s computers.';

/**
 * The one place that recognises a full disk: SQLite's SQLITE_FULL ("database or disk is full",
 * also what max_page_count raises), and the file system's ENOSPC (no space) or EDQUOT (the
 * account's quota) from writes of the anchor, backups, their sidecars and logs. Anything else,
 * an I/O error included, is not called a full disk: the advice to free space would be wrong.
 */
export function isDiskFull(err: unknown): boolean {
  if (err instanceof DomainError) return err.code === 'DISK_FULL';
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/** The DomainError a rolled-back write on a full disk becomes (the original kept as its cause). */
export function diskFullError(cause: unknown): DomainError {
  const err = new DomainError('DISK_FULL', DISK_FULL_MESSAGE);
  Object.defineProperty(err, 'cause', { value: cause, enumerable: false });
  return err;
}
