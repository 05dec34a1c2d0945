/**
 * The staff console's frame: a top bar (school, who is signed in, the fire roll call one click away,
 * Lock always visible), the navigation, and the page. Mounted under the nested /staff route, so
 * every path here is relative to /staff. Locks itself after the school's idle time (idle.ts).
 */
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { call, useLoad } from '../app/api';
import { isStaff, useApp } from '../app/store';
import { Button, Notice, PageHeader } from '../components/ui';
import { AlertBanner } from './alerts/AlertBanner';
import { useIdleLock } from './idle';
import { MyPin } from './MyPin';
import { Reports } from './Reports';
import { DslViews } from './DslViews';
import { FireRollCall } from './rollcall/RollCall';
import { VisitorsArea } from './visitors/VisitorsArea';
import { VisitorSettings } from './settings/VisitorSettings';
import { ConfiscationsArea } from './confiscations/ConfiscationsArea';
import { PhonesArea } from './phones/PhonesArea';
import { PupilsArea } from './pupils/PupilsArea';
import { BackupSettings } from './settings/BackupSettings';
import { CalendarSettings } from './settings/CalendarSettings';
import { ConfiscationSettings } from './settings/ConfiscationSettings';
import { PhoneSettings } from './settings/PhoneSettings';
import { PrinterSettings } from './settings/PrinterSettings';
import { SchoolSettings } from './settings/SchoolSettings';
import { SecuritySettings } from './settings/SecuritySettings';
import { SettingsHome } from './settings/SettingsHome';
import { StaffAccounts } from './settings/StaffAccounts';
import { ROLE_NAMES, Today } from './Today';
import './staff.css';

interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
}

const NAV: readonly NavItem[] = [
  { href: '/', label: 'Today' },
  { href: '/phones', label: 'Phones' },
  { href: '/confiscations', label: 'Confiscations' },
  { href: '/visitors', label: 'Visitors' },
  { href: '/pupils', label: 'Pupils' },
  { href: '/reports', label: 'Reports' },
  { href: '/settings', label: 'Settings', adminOnly: true },
];

function isCurrent(location: string, href: string): boolean {
  if (href === '/') return location === '/';
  return location === href || location.startsWith(`${href}/`);
}

function NavLink({ href, location, children, className = '' }: { href: string; location: string; children: string; className?: string }) {
  const current = isCurrent(location, href);
  return (
    <Link href={href} className={`${className} ${current ? 'is-current' : ''}`.trim()} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function NotAdmin() {
  return (
    <>
      <PageHeader title="Settings" />
      <div className="not-admin">
        <Notice kind="info">
          <p className="notice-title">Only an administrator can change settings.</p>
          <p>If something here needs changing, ask an administrator at your school.</p>
        </Notice>
        <p>
          You can change your own PIN under <Link href="/my-pin">My PIN</Link>.
        </p>
      </div>
    </>
  );
}

function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is no page at this address. Go back to <Link href="/">Today</Link>.
      </p>
    </>
  );
}

function IdleWarning({ showing }: { showing: boolean }) {
  // The live region stays in the page so the warning is announced when it appears.
  return (
    <div className="idle-live" role="status" aria-live="polite">
      {showing && (
        <p className="idle-banner">
          <strong>Locking in 30 seconds:</strong> move the mouse or press a key to stay signed in.
        </p>
      )}
    </div>
  );
}

function Pages({ admin, location }: { admin: boolean; location: string }) {
  if (!admin && isCurrent(location, '/settings')) return <NotAdmin />;
  return (
    <Switch>
      <Route path="/" component={Today} />
      <Route path="/phones" nest component={PhonesArea} />
      <Route path="/confiscations" nest component={ConfiscationsArea} />
      <Route path="/visitors" nest component={VisitorsArea} />
      <Route path="/pupils" nest component={PupilsArea} />
      <Route path="/reports" component={Reports} />
      <Route path="/reports/dsl-views" component={DslViews} />
      <Route path="/fire" nest component={FireRollCall} />
      <Route path="/my-pin" component={MyPin} />
      <Route path="/settings" component={SettingsHome} />
      <Route path="/settings/school" component={SchoolSettings} />
      <Route path="/settings/staff" component={StaffAccounts} />
      <Route path="/settings/security" component={SecuritySettings} />
      <Route path="/settings/calendar" component={CalendarSettings} />
      <Route path="/settings/backups" component={BackupSettings} />
      <Route path="/settings/printers" component={PrinterSettings} />
      <Route path="/settings/phones" component={PhoneSettings} />
      <Route path="/settings/confiscations" component={ConfiscationSettings} />
      <Route path="/settings/visitors" component={VisitorSettings} />
      <Route component={NotFound} />
    </Switch>
  );
}

export function StaffShell() {
  const status = useApp((s) => s.status);
  const session = useApp((s) => s.session);
  const [location] = useLocation();
  const staff = isStaff(session) ? session : null;
  const admin = staff?.role === 'admin';
  const names = useLoad('listUnlockNames');
  // Read again on each page change, so a new idle time from Settings › Security applies soon.
  const settings = useLoad('getSettings', undefined, location);
  const { warning } = useIdleLock(settings.data?.idleLockMinutes ?? null);
  const [locking, setLocking] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstPage = useRef(true);

  // After moving to another page: start at the top, with focus on the page (for screen readers).
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    document.documentElement.scrollTop = 0;
    mainRef.current?.focus({ preventScroll: true });
  }, [location]);

  function lock() {
    setLocking(true);
    // The host locks the session and reloads the page.
    void call('lock').then((r) => {
      if (!r.ok) setLocking(false);
    });
  }

  function skip(e: MouseEvent<HTMLAnchorElement>) {
    // The router uses the address's # part, so the skip link moves focus itself.
    e.preventDefault();
    mainRef.current?.focus();
  }

  const name = staff ? names.data?.find((n) => n.id === staff.staffId)?.name : undefined;
  const roleWords = staff ? `${ROLE_NAMES[staff.role]}${staff.dsl ? ', DSL' : ''}` : '';

  return (
    <div className="staff">
      <a className="skip-link" href="#content" onClick={skip}>
        Skip to content
      </a>
      <IdleWarning showing={warning} />
      <header className="staff-top">
        <div className="staff-school">
          {status?.logo && <img src={status.logo} alt="" className="staff-logo" />}
          <span>{status?.schoolName || 'Reception Kiosk'}</span>
        </div>
        <div className="staff-top-actions">
          <p className="staff-who">
            <span>
              <span className="staff-who-label">Signed in:</span> <strong>{name ?? 'Staff'}</strong>
            </span>
            <span className="staff-who-role">{roleWords}</span>
          </p>
          <NavLink href="/fire" location={location} className="btn btn-fire">
            Fire roll call
          </NavLink>
          <Button kind="primary" className="btn-lock" onClick={lock} disabled={locking}>
            {locking ? 'Locking…' : 'Lock'}
          </Button>
        </div>
      </header>
      <AlertBanner />
      <div className="staff-body">
        <nav className="staff-nav" aria-label="Staff console">
          <ul>
            {NAV.filter((item) => admin || !item.adminOnly).map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} location={location}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
          <ul className="staff-nav-own">
            <li>
              <NavLink href="/my-pin" location={location}>
                My PIN
              </NavLink>
            </li>
          </ul>
        </nav>
        <main id="content" className="staff-main" ref={mainRef} tabIndex={-1}>
          <Pages admin={admin} location={location} />
        </main>
      </div>
    </div>
  );
}
