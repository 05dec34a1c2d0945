/**
 * The Phones area of the staff console, mounted at /staff/phones (a nested route): the morning
 * check-in scanner screen, home time, the register (permitted pupils, arrangements, not
 * collected) and the records (the day's log, the term summary). The area's h1 is "Phones"; each
 * screen's title is an h2.
 */
import { Link, Route, Switch, useLocation } from 'wouter';
import { PageHeader } from '../../components/ui';
import { CheckIn } from './CheckIn';
import { HomeTime } from './HomeTime';
import { PhoneLog } from './PhoneLog';
import { PhoneRegister } from './PhoneRegister';
import './phones.css';

const TABS = [
  { href: '/', label: 'Check in' },
  { href: '/home-time', label: 'Home time' },
  { href: '/register', label: 'Register' },
  { href: '/log', label: 'Log and summary' },
];

function PhonesNav() {
  const [location] = useLocation();
  return (
    <nav className="phones-tabs" aria-label="Phones">
      <ul>
        {TABS.map((t) => {
          const current = t.href === '/' ? location === '/' || location === '' : location.startsWith(t.href);
          return (
            <li key={t.href}>
              <Link href={t.href} aria-current={current ? 'page' : undefined} className={current ? 'phones-tab current' : 'phones-tab'}>
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function PhonesArea() {
  return (
    <>
      <PageHeader title="Phones" />
      <PhonesNav />
      <Switch>
        <Route path="/" component={CheckIn} />
        <Route path="/home-time" component={HomeTime} />
        <Route path="/register" component={PhoneRegister} />
        <Route path="/log" component={PhoneLog} />
      </Switch>
    </>
  );
}
