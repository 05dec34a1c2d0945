/**
 * The recovery screen: the app could not open its records (a damaged file, one from a newer
 * version, one it cannot read). It says what happened in plain words (the technical message for IT
 * support one tap away), reassures that nothing has been deleted, lists the verified backups
 * (newest first, the newest chosen) and restores the chosen one once an administrator recorded in
 * that backup types their PIN, or someone types the school's recovery code. The host then moves the
 * file that would not open aside, puts the backup in its place and restarts the app.
 *
 * It is the whole page in recovery mode (App renders nothing else), so it never idles back to
 * Welcome and asks the API only the recovery channels.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { RecoveryStatus } from '../../electron/api/contract';
import { call, useLoad, type ApiError } from '../app/api';
import { useApp } from '../app/store';
import { Keypad } from '../components/Keypad';
import { Button, Loading, Notice, TextField } from '../components/ui';
import { dateAndTime } from '../print/format';
import { Closed } from './Closed';
import { ScreenHeading, durationInWords, useCountdown, waitSeconds } from './common';
import './kiosk.css';
import './recovery.css';

type Needed = Extract<RecoveryStatus, { needed: true }>;
type Reason = Needed['reason'];
type Backup = Needed['backups'][number];

/** Backups are stamped in UTC; the school reads them in its own time (no settings in recovery mode). */
const TIME_ZONE = 'Europe/London';
/** More backups than this and the older ones wait behind "Show older backups". */
export const SHOWN_AT_FIRST = 4;

/** What happened, in plain words, for each reason the host gives. */
export const REASON_WORDS: Record<Reason, string> = {
  missing: 'The records file is missing from this computer, but the school’s backups are still here. Restore one to carry on: a new, empty school is never started over them.',
  empty: 'The records file on this computer is empty, but the school’s backups are still here. Restore one to carry on: a new, empty school is never started over them.',
  corrupt: 'The records file is damaged. This can happen after a power cut or a failing disk.',
  'too-new': 'The records were last used by a newer version of Reception Kiosk. Install that version again, or restore a backup made by this one.',
  'not-a-database': 'The records file cannot be read as Reception Kiosk records. It may be badly damaged, or another file may have been saved in its place.',
  'not-ours': 'The records file belongs to a different program, not to Reception Kiosk. Another file may have been saved in its place.',
  'cannot-open': 'Reception Kiosk could not open the records file. The disk or folder it is on may be unavailable, or another program may be using the file.',
  'backup-failed': 'Reception Kiosk needed to make a safety copy of the records before updating them, and the copy could not be made. The records have not been changed.',
  'migration-failed': 'Reception Kiosk tried to update the records for this version, and the update did not work. The records have not been changed.',
};

/** Why a backup was taken, in words. */
export function backupReasonWords(reason: string): string {
  if (reason === 'daily') return 'Daily backup';
  if (reason === 'shutdown') return 'Taken when the app closed';
  if (reason === 'manual') return 'Taken by hand (Back up now)';
  if (reason.startsWith('before-')) return 'Taken before an update';
  return 'Backup';
}

/** '512 KB', '2.4 MB'. */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** 'Wednesday 25 November 2026 at 16:00' (the school's time). */
export function takenWords(backup: Backup): string {
  return dateAndTime(new Date(backup.takenAt), TIME_ZONE);
}

export function Recovery() {
  const recovery = useApp((s) => s.recovery);
  // The visitor-facing screen never shows recovery: only that the office will help (its host tells it so).
  const session = useApp((s) => s.session);
  const publicScreen = session?.kind === 'kiosk' && session.publicScreen === true;
  useEffect(() => {
    if (!publicScreen) document.title = 'Reception Kiosk: cannot open its records';
  }, [publicScreen]);
  if (publicScreen) return <Closed />;
  if (!recovery?.needed) {
    return (
      <main className="surface kiosk kiosk-screen">
        <Loading />
      </main>
    );
  }
  return <RecoveryScreen status={recovery} />;
}

type Stage = { at: 'choose' } | { at: 'authorise'; backup: Backup } | { at: 'done'; backup: Backup; movedAside: string | null };

function RecoveryScreen({ status }: { status: Needed }) {
  const [stage, setStage] = useState<Stage>({ at: 'choose' });
  const [chosen, setChosen] = useState<string | null>(status.backups[0]?.file ?? null);
  const [backupError, setBackupError] = useState<string | null>(null);

  /** Ask the host again: a USB drive may have been connected, or a backup may have gone. */
  const refresh = async () => {
    const r = await call('getRecoveryStatus');
    if (r.ok && r.value.needed) {
      const next = r.value;
      useApp.setState({ recovery: next });
      setChosen((file) => (next.backups.some((b) => b.file === file) ? file : (next.backups[0]?.file ?? null)));
    }
  };

  if (stage.at === 'done') return <Restored backup={stage.backup} movedAside={stage.movedAside} />;
  if (stage.at === 'authorise') {
    return (
      <Authorise
        backup={stage.backup}
        onBack={() => setStage({ at: 'choose' })}
        onRestored={(movedAside) => setStage({ at: 'done', backup: stage.backup, movedAside })}
        onBackupGone={(message) => {
          setBackupError(message);
          setStage({ at: 'choose' });
          void refresh();
        }}
      />
    );
  }

  const backup = status.backups.find((b) => b.file === chosen) ?? null;
  return (
    <main className="surface kiosk kiosk-screen restore-screen">
      <ScreenHeading>Reception Kiosk cannot open its records</ScreenHeading>
      <div className="restore-columns">
        <section className="restore-what" aria-labelledby="restore-what-heading">
          <h2 id="restore-what-heading">What happened</h2>
          <p className="kiosk-lead">{REASON_WORDS[status.reason]}</p>
          <p className="restore-safe">
            <strong>Nothing has been deleted.</strong>{' '}
            {status.backups.length > 0 ? 'The file that would not open will be kept beside the restored one.' : 'The records file has been left exactly as it was.'}
          </p>
          <details className="restore-details" open={status.backups.length === 0}>
            <summary>Details for IT support</summary>
            <dl>
              <dt>What went wrong</dt>
              <dd>{status.message}</dd>
              <dt>Records file</dt>
              <dd>
                <code className="restore-path">{status.file}</code>
              </dd>
              <dt>Reason code</dt>
              <dd>
                <code>{status.reason}</code>
              </dd>
            </dl>
          </details>
        </section>
        {status.backups.length === 0 ? (
          <NoBackups onCheckAgain={refresh} />
        ) : (
          <section className="restore-panel" aria-labelledby="restore-panel-heading">
            <h2 id="restore-panel-heading">Restore a backup</h2>
            <BackupList
              backups={status.backups}
              chosen={chosen}
              onChoose={(file) => {
                setChosen(file);
                setBackupError(null);
              }}
              error={backupError}
            />
            <div className="kiosk-actions">
              <Button className="kiosk-btn kiosk-btn-wide" disabled={!backup} onClick={() => backup && setStage({ at: 'authorise', backup })}>
                Restore this backup
              </Button>
            </div>
          </section>
        )}
      </div>
    </main>
  );
}

function BackupList({ backups, chosen, onChoose, error }: { backups: Backup[]; chosen: string | null; onChoose: (file: string) => void; error: string | null }) {
  const id = useId();
  const chosenIndex = backups.findIndex((b) => b.file === chosen);
  const [showAll, setShowAll] = useState(chosenIndex >= SHOWN_AT_FIRST);
  const shown = showAll ? backups : backups.slice(0, SHOWN_AT_FIRST);
  const older = backups.length - shown.length;
  const errorId = `${id}-error`;
  return (
    <fieldset className={`kiosk-fieldset restore-backups ${error ? 'restore-invalid' : ''}`.trim()} aria-describedby={error ? errorId : undefined}>
      <legend>Verified backups, newest first</legend>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <ul className="restore-options">
        {shown.map((b, i) => (
          <li key={b.file}>
            <label className="restore-option">
              <input type="radio" name={`${id}-backup`} value={b.file} checked={b.file === chosen} onChange={() => onChoose(b.file)} />
              <span className="restore-option-text">
                <span className="restore-option-when">{takenWords(b)}</span>
                <span className="restore-option-about">
                  {i === 0 && <span className="restore-newest">Newest</span>}
                  {backupReasonWords(b.reason)}, {sizeInWords(b.bytes)}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {older > 0 && (
        <Button kind="quiet" className="restore-more" onClick={() => setShowAll(true)}>
          Show {older} older {older === 1 ? 'backup' : 'backups'}
        </Button>
      )}
    </fieldset>
  );
}

function NoBackups({ onCheckAgain }: { onCheckAgain: () => Promise<unknown> }) {
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState(0);
  const check = async () => {
    setChecking(true);
    await onCheckAgain();
    setChecking(false);
    setChecked((n) => n + 1);
  };
  return (
    <section className="restore-panel" aria-labelledby="restore-none-heading">
      <h2 id="restore-none-heading">No backup to restore</h2>
      <p className="kiosk-lead">Reception Kiosk found no verified backup of its records, so there is nothing to restore from this screen.</p>
      <h3 className="restore-subheading">What to do</h3>
      <ol className="restore-steps">
        <li>If the backups are kept on a USB drive or a network folder, check that it is connected, then choose “Look for backups again”.</li>
        <li>Otherwise, contact the school’s IT support and show them this screen, with the details for IT support.</li>
        <li>Do not delete or move the records file: it has not been changed, and IT support may be able to rescue it.</li>
      </ol>
      {checked > 0 && !checking && (
        <p role="status" className="restore-checked">
          Still no verified backup found.
        </p>
      )}
      <div className="kiosk-actions">
        <Button kind="secondary" className="kiosk-btn" onClick={() => void check()} disabled={checking}>
          {checking ? 'Looking for backups…' : 'Look for backups again'}
        </Button>
      </div>
    </section>
  );
}

function ChosenBackup({ backup }: { backup: Backup }) {
  return (
    <p className="restore-chosen">
      <span className="restore-chosen-label">Backup from</span> <strong>{takenWords(backup)}</strong>
      <span className="restore-chosen-about">
        {backupReasonWords(backup.reason)}, {sizeInWords(backup.bytes)}. Anything recorded after it was taken will need to be entered again.
      </span>
    </p>
  );
}

interface AuthoriseProps {
  backup: Backup;
  onBack(): void;
  onRestored(movedAside: string | null): void;
  onBackupGone(message: string): void;
}

/** Who allows the restore: an administrator recorded in that backup (name and PIN), or the recovery code. */
function Authorise({ backup, onBack, onRestored, onBackupGone }: AuthoriseProps) {
  const admins = useLoad('listRecoveryAdmins', { backup: backup.file }, backup.file);
  const [mode, setMode] = useState<'pin' | 'code' | null>(null);
  const [staffId, setStaffId] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ staffId?: string; pin?: string; recoveryCode?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const waiting = useCountdown(waitUntil);
  const keypad = useRef<HTMLDivElement>(null);
  const namesId = useId();
  const codeId = useId();
  const list = admins.data ?? [];
  const onlyOne = list.length === 1 ? list[0]!.id : null;
  const who = staffId ?? onlyOne;
  // No administrator with a PIN in this backup: the recovery code is the only way.
  const shownMode = mode ?? (admins.data && list.length === 0 ? 'code' : 'pin');

  const gone = useRef(onBackupGone);
  gone.current = onBackupGone;
  useEffect(() => {
    if (admins.error?.field === 'backup') gone.current(admins.error.message);
  }, [admins.error]);

  const failed = (error: ApiError) => {
    if (error.field === 'backup') return onBackupGone(error.message);
    const wait = waitSeconds(error.message);
    setWaitUntil(wait > 0 ? Date.now() + wait * 1000 : null);
    if (error.field === 'pin' || error.field === 'recoveryCode' || error.field === 'staffId') {
      setErrors({ [error.field]: error.message });
      setFormError(null);
    } else {
      setErrors({});
      setFormError(error.message);
    }
  };

  const restore = async (input: { staffId: number; pin: string } | { recoveryCode: string }) => {
    setBusy(true);
    setFormError(null);
    const r = await call('restoreBackup', { backup: backup.file, ...input });
    setBusy(false);
    if (r.ok) return onRestored(r.value.movedAside);
    failed(r.error);
  };

  const submitPin = async () => {
    if (busy || waiting > 0) return;
    if (who === null) return setErrors({ staffId: 'Choose your name first, then type your PIN.' });
    if (pin.length < 4) {
      setErrors({ pin: pin.length === 0 ? 'Type your PIN, then press Restore.' : 'A PIN has at least 4 digits. Type your PIN again.' });
      keypad.current?.focus({ preventScroll: true });
      return;
    }
    const typed = pin;
    setPin('');
    setErrors({});
    await restore({ staffId: who, pin: typed });
    // Focus after the keys are enabled again (a disabled key cannot hold focus).
    window.setTimeout(() => keypad.current?.focus({ preventScroll: true }), 0);
  };

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || waiting > 0) return;
    const typed = code.trim();
    if (!typed) return setErrors({ recoveryCode: 'Type the recovery code.' });
    if (!/^[A-Za-z0-9 -]+$/.test(typed) || typed.length > 40) {
      return setErrors({ recoveryCode: 'A recovery code has only letters, digits and dashes. Check it against the printed copy.' });
    }
    setErrors({});
    await restore({ recoveryCode: typed });
  };

  const switchTo = (next: 'pin' | 'code') => {
    setMode(next);
    setErrors({});
    setFormError(null);
  };
  // The link that was pressed goes away: put focus where the typing happens next.
  useEffect(() => {
    if (mode === 'code') document.getElementById(codeId)?.focus();
    else if (mode === 'pin') keypad.current?.focus({ preventScroll: true });
  }, [mode, codeId]);

  let body: ReactNode;
  if (admins.loading && !admins.data) {
    body = <Loading what="Loading the administrators recorded in this backup" />;
  } else if (admins.error && admins.error.field !== 'backup') {
    body = <Notice kind="error">{admins.error.message}</Notice>;
  }

  const wait =
    waiting > 0 ? (
      <p className="unlock-wait">
        You can try again in <strong>{durationInWords(waiting)}</strong>.
      </p>
    ) : null;

  const switchLink =
    shownMode === 'pin' ? (
      <Button kind="quiet" className="restore-link" onClick={() => switchTo('code')}>
        Use the recovery code instead
      </Button>
    ) : (
      list.length > 0 && (
        <Button kind="quiet" className="restore-link" onClick={() => switchTo('pin')}>
          Use an administrator’s PIN instead
        </Button>
      )
    );

  return (
    <main className="surface kiosk kiosk-screen restore-screen restore-authorise">
      <ScreenHeading kicker="Reception Kiosk cannot open its records">Restore this backup</ScreenHeading>
      {body ?? (
        <div className="restore-columns restore-with-secret">
          <div className="restore-who">
            <ChosenBackup backup={backup} />
            {formError && <Notice kind="error">{formError}</Notice>}
            {shownMode === 'pin' ? (
              <>
                <p>An administrator recorded in this backup allows it: choose your name, then type your PIN.</p>
                <fieldset
                  className={`kiosk-fieldset restore-names ${errors.staffId ? 'restore-invalid' : ''}`.trim()}
                  aria-describedby={errors.staffId ? `${namesId}-error` : undefined}
                >
                  <legend>Your name</legend>
                  {errors.staffId && (
                    <p className="field-error" id={`${namesId}-error`} role="alert">
                      {errors.staffId}
                    </p>
                  )}
                  <ul className="restore-options">
                    {list.map((a) => (
                      <li key={a.id}>
                        <label className="restore-option restore-option-name">
                          <input
                            type="radio"
                            name={`${namesId}-admin`}
                            value={a.id}
                            checked={who === a.id}
                            onChange={() => {
                              setStaffId(a.id);
                              setErrors((e) => ({ ...e, staffId: undefined }));
                            }}
                          />
                          <span className="restore-option-when">{a.name}</span>
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
              </>
            ) : list.length === 0 ? (
              <p>
                No administrator with a PIN is recorded in this backup, so restoring it needs the school’s recovery code: the code printed when Reception Kiosk was
                set up, kept somewhere safe such as the school safe.
              </p>
            ) : (
              <p>Type the school’s recovery code: the code printed when Reception Kiosk was set up, kept somewhere safe such as the school safe.</p>
            )}
            {wait}
            {busy && <p role="status">{shownMode === 'pin' ? 'Checking the PIN and restoring…' : 'Checking the code and restoring…'}</p>}
            <div className="restore-links">
              {switchLink}
              <Button kind="secondary" className="kiosk-btn" onClick={onBack} disabled={busy}>
                Choose another backup
              </Button>
            </div>
          </div>
          {shownMode === 'pin' ? (
            <Keypad
              ref={keypad}
              value={pin}
              onChange={(v) => {
                setPin(v);
                if (errors.pin) setErrors((e) => ({ ...e, pin: undefined }));
              }}
              onSubmit={() => void submitPin()}
              disabled={busy}
              submitDisabled={waiting > 0}
              submitLabel="Restore"
              error={errors.pin ?? null}
            />
          ) : (
            <form onSubmit={(e) => void submitCode(e)} noValidate className="kiosk-form restore-code-form">
              <TextField
                id={codeId}
                label="Recovery code"
                hint="Letters and digits, as printed. The dashes are optional."
                value={code}
                onValue={setCode}
                error={errors.recoveryCode}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={40}
                className="restore-code-field"
              />
              <Button type="submit" className="kiosk-btn restore-code-submit" disabled={busy || waiting > 0}>
                Restore this backup
              </Button>
            </form>
          )}
        </div>
      )}
      {body && (
        <div className="kiosk-actions">
          <Button kind="secondary" className="kiosk-btn" onClick={onBack}>
            Choose another backup
          </Button>
        </div>
      )}
    </main>
  );
}

/** The app restarts itself on the restored file; the browser preview restarts its server, so the page asks again. */
const RELOAD_AFTER_RESTORE_MS = 4000;

function Restored({ backup, movedAside }: { backup: Backup; movedAside: string | null }) {
  useEffect(() => {
    const t = window.setTimeout(() => location.reload(), RELOAD_AFTER_RESTORE_MS);
    return () => window.clearTimeout(t);
  }, []);
  return (
    <main className="surface kiosk kiosk-screen kiosk-narrow restore-screen restore-done">
      <ScreenHeading>Restored. Reception Kiosk is restarting…</ScreenHeading>
      <Notice kind="success">
        <p>
          The backup from <strong>{takenWords(backup)}</strong> is back in place.
        </p>
        {movedAside ? (
          <p>
            The file that would not open has been kept beside it, as <code className="restore-path">{movedAside}</code>.
          </p>
        ) : (
          <p>Nothing has been deleted.</p>
        )}
      </Notice>
      <p>Anything recorded after the backup was taken will need to be entered again.</p>
      <p className="restore-muted">If Reception Kiosk has not opened again within a minute, close it and open it again.</p>
    </main>
  );
}
