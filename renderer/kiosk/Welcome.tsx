/**
 * The public screen at rest: the school's name and logo, "Sign in" and "Sign out" of equal weight,
 * a line for parents dropping off or collecting, and a small way in for staff. Nothing about any person.
 */
import { Link } from 'wouter';
import { useApp } from '../app/store';
import './kiosk.css';

export function Welcome() {
  const status = useApp((s) => s.status);
  const schoolName = status?.schoolName.trim() ?? '';
  const logo = status?.logo ?? null;
  return (
    <main className="surface kiosk kiosk-screen welcome">
      <header className="welcome-header">
        {logo && <img className="welcome-logo" src={logo} alt="" />}
        <p className="welcome-greeting">Welcome to</p>
        <h1 className="welcome-school">{schoolName || 'our school'}</h1>
      </header>

      <div className="welcome-middle">
        <nav className="welcome-actions" aria-label="Visitors">
          <Link href="/visitors/sign-in" className="welcome-tile">
            <span className="welcome-tile-title">Sign in</span>
            <span className="welcome-tile-sub">I am arriving</span>
          </Link>
          <Link href="/visitors/sign-out" className="welcome-tile">
            <span className="welcome-tile-title">Sign out</span>
            <span className="welcome-tile-sub">I am leaving</span>
          </Link>
        </nav>
        <p className="welcome-office">Dropping off or collecting? Please see the office.</p>
      </div>

      <footer className="welcome-footer">
        <Link href="/unlock" className="welcome-staff">
          Staff
        </Link>
      </footer>
    </main>
  );
}
