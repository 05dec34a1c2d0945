/**
 * Errors the database layer raises on purpose.
 *
 * - DatabaseOpenError: the file cannot be used as it is (the shell turns it into a recovery screen).
 * - DomainError: a school rule refused a change; the API passes code, message and field to the screen.
 */

export type DatabaseOpenCause =
  | 'cannot-open' // the file or its folder cannot be opened (permissions, missing drive)
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

export type DomainErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'RULE';

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
