/**
 * Visitor sign-in and sign-out (a later feature): until then each says so plainly and sends the
 * visitor to the office, and goes back to Welcome by itself after a minute.
 */
import { Link } from 'wouter';
import { ScreenHeading, useIdleReturn } from './common';
import './kiosk.css';

function NotYet({ title, verb }: { title: string; verb: 'in' | 'out' }) {
  useIdleReturn();
  return (
    <main className="surface kiosk kiosk-screen kiosk-narrow visitors">
      <ScreenHeading>{title}</ScreenHeading>
      <div className="kiosk-panel">
        <p className="kiosk-lead">Signing {verb} on this screen is not available yet.</p>
        <p>Please go to the office window and a member of staff will sign you {verb}.</p>
        <p className="kiosk-thanks">Thank you.</p>
      </div>
      <div className="kiosk-actions">
        <Link href="/" className="btn btn-primary kiosk-btn kiosk-btn-wide">
          Back to start
        </Link>
      </div>
    </main>
  );
}

export function VisitorSignIn() {
  return <NotYet title="Sign in" verb="in" />;
}

export function VisitorSignOut() {
  return <NotYet title="Sign out" verb="out" />;
}
