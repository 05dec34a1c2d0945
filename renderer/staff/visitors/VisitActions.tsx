/**
 * What the office can do with a visit, on the "On site now" list and on the visit's own page:
 * sign someone out, reprint a lost badge (the old one stops working), mark someone as staying past
 * the closing time (with the reason, inline) or not; and for someone waiting after a not-permitted
 * match, let them in (leadership or a DSL: their badge prints) or turn them away. Each action
 * hands back a message in words for the page to show; field errors stay next to the field.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Visit } from '../../../electron/api/contract';
import { call, splitError } from '../../app/api';
import { Button, Notice, TextField } from '../../components/ui';
import { printLayout, type PrintResult } from '../../print/printer';
import { badgeRoute, clock, groupCode } from './words';

export interface Message {
  kind: 'success' | 'error' | 'warning';
  title?: string;
  body: ReactNode;
}

/** A message that stays, is announced, and is brought into view when it changes. */
export function MessageBox({ message }: { message: Message | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <div ref={ref} tabIndex={-1} className="vis-message">
      {message && (
        <Notice kind={message.kind}>
          {message.title && <p className="notice-title">{message.title}</p>}
          <p>{message.body}</p>
        </Notice>
      )}
    </div>
  );
}

/** Print a visitor's badge on the paper chosen in Settings (a 62 mm label or A4). */
export async function printBadge(token: string): Promise<PrintResult> {
  const settings = await call('getSettings');
  const paper = settings.ok ? settings.value.badgePaper : 'label62';
  return printLayout(badgeRoute(token, paper), paper);
}

function badgeNotPrinted(result: PrintResult, token: string, before: string): Message {
  return {
    kind: 'warning',
    title: before,
    body: (
      <>
        The badge could not be printed: {result.message ?? 'the printer did not answer.'} Try “Reprint badge” when the printer is ready. The badge’s code is{' '}
        <span className="vis-code-inline">{groupCode(token)}</span>.
      </>
    ),
  };
}

export type Done = (message: Message) => void;

/** Let in or turn away someone waiting after a not-permitted match. */
export function WaitingActions({ visit, canAdmit, onDone }: { visit: Visit; canAdmit: boolean; onDone: Done }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function letIn() {
    setBusy(true);
    setError(null);
    const r = await call('admitVisit', { id: visit.id });
    if (!r.ok) {
      setBusy(false);
      return setError(r.error.message);
    }
    const printed = await printBadge(r.value.token);
    setBusy(false);
    const title = `${visit.name} was let in.`;
    onDone(printed.printed ? { kind: 'success', title, body: 'Their badge was printed.' } : badgeNotPrinted(printed, r.value.token, title));
  }

  async function turnAway() {
    setBusy(true);
    setError(null);
    const r = await call('turnAwayVisit', { id: visit.id });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onDone({ kind: 'success', title: `${visit.name} was turned away.`, body: 'Their visit is recorded as “Turned away”.' });
  }

  return (
    <>
      <div className="row-actions">
        {canAdmit && (
          <Button kind="secondary" disabled={busy} onClick={() => void letIn()}>
            Let in
          </Button>
        )}
        <Button kind="danger" disabled={busy} onClick={() => void turnAway()}>
          Turn away
        </Button>
      </div>
      {!canAdmit && <p className="vis-waiting-who">Only a DSL or a member of the leadership team can let them in.</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** Sign out, reprint the badge, and mark as staying (or not), for someone on site. */
export function VisitActions({ visit, onDone, timeZone }: { visit: Visit; onDone: Done; timeZone: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [staying, setStaying] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const ids = useId();

  async function signOut() {
    setBusy(true);
    setError(null);
    const r = await call('staffSignOut', { id: visit.id });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    const at = r.value.signedOutAt ? ` at ${clock(r.value.signedOutAt, timeZone)}` : '';
    onDone({ kind: 'success', title: `${visit.name} is signed out${at}.`, body: 'Their badge no longer works.' });
  }

  async function reprint() {
    setBusy(true);
    setError(null);
    const r = await call('reprintBadge', { id: visit.id });
    if (!r.ok) {
      setBusy(false);
      return setError(r.error.message);
    }
    const printed = await printBadge(r.value.token);
    setBusy(false);
    if (printed.printed) onDone({ kind: 'success', title: visit.name, body: 'A new badge was printed; the old badge no longer works.' });
    else onDone(badgeNotPrinted(printed, r.value.token, `${visit.name}: the old badge no longer works.`));
  }

  async function saveStay(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError('Say why they are staying (for example: evening letting).');
      return;
    }
    setBusy(true);
    const r = await call('setStayOnSite', { id: visit.id, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) {
      const { field, form } = splitError(r.error, ['reason']);
      setReasonError(field.reason);
      setError(form);
      return;
    }
    setStaying(false);
    setReason('');
    onDone({ kind: 'success', title: `${visit.name} is marked as staying: ${r.value.stayReason ?? reason.trim()}.`, body: 'They stay on the fire roll call after the closing time.' });
  }

  async function clearStay() {
    setBusy(true);
    setError(null);
    const r = await call('setStayOnSite', { id: visit.id, reason: null });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onDone({ kind: 'success', title: `${visit.name} is no longer marked as staying.`, body: 'If they are still here at the closing time, their visit is closed as “Not signed out”.' });
  }

  return (
    <>
      <div className="row-actions">
        <Button kind="secondary" disabled={busy} onClick={() => void signOut()}>
          Sign out
        </Button>
        <Button kind="secondary" disabled={busy} onClick={() => void reprint()}>
          Reprint badge
        </Button>
        {visit.stayReason ? (
          <Button kind="quiet" disabled={busy} onClick={() => void clearStay()}>
            No longer staying
          </Button>
        ) : (
          !staying && (
            <Button kind="quiet" disabled={busy} onClick={() => setStaying(true)}>
              Mark as staying
            </Button>
          )
        )}
      </div>
      {staying && (
        <form id={`${ids}-stay`} className="vis-inline-form" noValidate onSubmit={(e) => void saveStay(e)} aria-label={`Mark ${visit.name} as staying`}>
          <TextField
            label="Why are they staying?"
            hint="For example: evening letting, cleaner. They stay on the fire roll call after the closing time."
            maxLength={120}
            autoComplete="off"
            autoFocus
            value={reason}
            error={reasonError}
            onValue={(v) => {
              setReason(v);
              setReasonError(undefined);
            }}
          />
          <div className="row-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Save
            </button>
            <Button
              kind="secondary"
              onClick={() => {
                setStaying(false);
                setReasonError(undefined);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
