/**
 * The kiosk's calm answer screens, shared by Welcome, sign-in and sign-out: "please see the office"
 * and "please wait here" (the same quiet look, never a reason), goodbye, and a problem in words.
 * Each is announced (role="status" or "alert") and offers a large button back to the start.
 */
import type { ReactNode } from 'react';
import { Button } from '../../components/ui';
import { ScreenHeading } from '../common';
import './visitors.css';

/** How long each answer stays on screen untouched before the kiosk goes back to Welcome. */
export const SEE_OFFICE_MS = 15_000;
export const GOODBYE_MS = 8_000;
export const RESULT_MS = 30_000;

export function MessageScreen({
  title,
  tone = 'calm',
  children,
  onDone,
  doneLabel = 'Done',
}: {
  title: ReactNode;
  tone?: 'calm' | 'ok' | 'problem';
  children?: ReactNode;
  onDone?: () => void;
  doneLabel?: string;
}) {
  return (
    <main className={`surface kiosk kiosk-screen visitors vmsg vmsg-${tone}`}>
      <div className="vmsg-box" role={tone === 'problem' ? 'alert' : 'status'}>
        <ScreenHeading>{title}</ScreenHeading>
        {children}
      </div>
      {onDone && (
        <div className="kiosk-actions vmsg-actions">
          <Button className="kiosk-btn kiosk-btn-wide" onClick={onDone}>
            {doneLabel}
          </Button>
        </div>
      )}
    </main>
  );
}

/** "Dropping off or collecting?": the office has been told (or, if that failed, go to the window anyway). */
export function SeeOffice({ told, onDone }: { told: boolean; onDone: () => void }) {
  return (
    <MessageScreen title={told ? 'Thank you' : 'Please see the office'} onDone={onDone}>
      <p className="vmsg-lead">
        {told
          ? 'We have told the office. Please wait at the office window; someone will be with you shortly.'
          : 'Please go to the office window; someone will be with you shortly.'}
      </p>
    </MessageScreen>
  );
}

/** A sign-in that must wait for staff: the same calm words, never why. */
export function PleaseWait({ onDone }: { onDone: () => void }) {
  return (
    <MessageScreen title="Thank you" onDone={onDone}>
      <p className="vmsg-lead">Please wait here. A member of staff will be with you shortly.</p>
    </MessageScreen>
  );
}

export function Goodbye({ name, onDone }: { name: string; onDone: () => void }) {
  return (
    <MessageScreen title={`Goodbye, ${name}.`} tone="ok" onDone={onDone}>
      <p className="vmsg-lead">Thank you for visiting.</p>
    </MessageScreen>
  );
}

export function Working({ children }: { children: ReactNode }) {
  return (
    <main className="surface kiosk kiosk-screen visitors vmsg vmsg-calm" aria-busy="true">
      <div className="vmsg-box" role="status">
        <ScreenHeading>{children}</ScreenHeading>
      </div>
    </main>
  );
}

/**
 * A sign-out the server refused: its words (they already say "please see the office"). A badge
 * already signed out (CONFLICT) is not a problem, just said calmly.
 */
export function SignOutProblem({ message, code, onDone }: { message: string; code?: string; onDone: () => void }) {
  const already = code === 'CONFLICT';
  return (
    <MessageScreen title={already ? 'Already signed out' : 'We could not sign you out'} tone={already ? 'calm' : 'problem'} onDone={onDone}>
      <p className="vmsg-lead">{message}</p>
    </MessageScreen>
  );
}
