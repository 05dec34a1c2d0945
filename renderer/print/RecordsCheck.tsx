/**
 * The records check at the foot of a printed register, chain of custody or roll call: the chain
 * fingerprint (the newest audit row's number and 16 hex characters of its hash) as it stood when
 * the page's data had been read. Typed back in at Settings › Backups, it shows whether the trail
 * still holds that row unchanged: a rewrite of the history made after the page was printed cannot
 * reach the paper. One footer for every layout.
 */
import { useEffect, useState } from 'react';
import { call } from '../app/api';

export interface RecordsCheckState {
  /** '18342-9f3a1c07d2e4b6a8', or null when there is none (nothing recorded yet, or it could not be read). */
  text: string | null;
  /** Asked and answered: the page may print. */
  done: boolean;
}

/**
 * The fingerprint, asked once `after` is true (the page's data has been read), so the printed
 * number covers everything on the page. A failure never holds a print back (a roll call above all):
 * the footer says it is not available.
 */
export function useRecordsCheck(after: boolean): RecordsCheckState {
  const [state, setState] = useState<RecordsCheckState>({ text: null, done: false });
  useEffect(() => {
    if (!after) return;
    let live = true;
    void Promise.resolve()
      .then(() => call('getFingerprint'))
      .then(
        (r) => r.ok && r.value,
        () => null,
      )
      .then((fp) => {
        if (live) setState({ text: fp ? fp.text : null, done: true });
      });
    return () => {
      live = false;
    };
  }, [after]);
  return state;
}

/** `explain`: say where the number is checked (not on a slip that goes home to a parent). */
export function RecordsCheckFooter({ check, explain = true }: { check: RecordsCheckState; explain?: boolean }) {
  return (
    <footer className="records-check">
      {check.text ? (
        <>
          Records check <span className="records-check-code">{check.text}</span>
          {explain && <span className="records-check-how"> (Settings › Backups can confirm the records have not been rewritten since this was printed)</span>}
        </>
      ) : (
        'Records check: not available for this print.'
      )}
    </footer>
  );
}
