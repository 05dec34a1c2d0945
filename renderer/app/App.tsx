/**
 * The page's routes (a hash router: the app:// and preview origins serve one index.html).
 * The public kiosk surface is the resting state; staff routes need a staff session, which only
 * the host can grant (unlock reloads the page, so a staff page never outlives a lock).
 */
import { useEffect } from 'react';
import { Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { Recover } from '../kiosk/Recover';
import { Recovery } from '../kiosk/Recovery';
import { Setup } from '../kiosk/Setup';
import { UnlockPickName, UnlockPin } from '../kiosk/Unlock';
import { VisitorSignIn, VisitorSignOut } from '../kiosk/Visitors';
import { Welcome } from '../kiosk/Welcome';
import { PublicScreenTasks } from '../kiosk/PublicScreen';
import { PrintRoute } from '../print/PrintRoute';
import { StaffShell } from '../staff/Shell';
import { Loading, Notice } from '../components/ui';
import { isStaff, useApp } from './store';
import { applyAccent } from './theme';

function Routes() {
  const { status, session } = useApp();
  const [location] = useLocation();
  if (!status || !session) return <Loading />;
  if (location.startsWith('/print/')) return <PrintRoute />;
  if (status.setupNeeded && location !== '/setup') return <Redirect to="/setup" />;
  const staff = isStaff(session);
  return (
    <Switch>
      <Route path="/setup">{status.setupNeeded ? <Setup /> : <Redirect to="/" />}</Route>
      <Route path="/unlock">{staff ? <Redirect to="/staff" /> : <UnlockPickName />}</Route>
      <Route path="/unlock/:id">{staff ? <Redirect to="/staff" /> : <UnlockPin />}</Route>
      <Route path="/recover" component={Recover} />
      <Route path="/visitors/sign-in" component={VisitorSignIn} />
      <Route path="/visitors/sign-out" component={VisitorSignOut} />
      <Route path="/staff" nest>
        {staff ? <StaffShell /> : <Redirect to="~/" />}
      </Route>
      <Route>{staff ? <Redirect to="/staff" /> : <Welcome />}</Route>
    </Switch>
  );
}

export function App() {
  const { recovery, status, failed, load } = useApp();
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (status) {
      applyAccent(status.accentColour);
      document.title = status.schoolName ? `${status.schoolName}: Reception` : 'Reception Kiosk';
    }
  }, [status]);
  if (recovery?.needed) return <Recovery />;
  if (failed) {
    return (
      <main className="surface kiosk">
        <Notice kind="error">{failed}</Notice>
      </main>
    );
  }
  return (
    <Router hook={useHashLocation}>
      <Routes />
      <PublicScreenTasks />
    </Router>
  );
}
