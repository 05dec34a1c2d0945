/**
 * The Visitors area of the staff console (issue 8), mounted at /staff/visitors (a nested route):
 * who is on site now (and anyone waiting at reception), who is expected, the history, regular
 * visitors' profiles, breaches of the phone rules (6.4.4) and, for leadership and DSLs, the
 * not-permitted list; each visit has its own page. The area's h1 is "Visitors"; each tab's title
 * is an h2. The school's time zone (from Settings) is shared with every tab.
 */
import { Link, Route, Switch, useLocation, useParams } from 'wouter';
import { useLoad } from '../../app/api';
import { PageHeader } from '../../components/ui';
import { Breaches } from './Breaches';
import { TimeZoneContext, useMayManageNotPermitted } from './context';
import { Expected } from './Expected';
import { History } from './History';
import { NotPermitted } from './NotPermitted';
import { OnSite } from './OnSite';
import { Regulars } from './Regulars';
import { VisitPage } from './VisitPage';
import { DEFAULT_TIME_ZONE } from './words';
import '../phones/phones.css';
import '../confiscations/confiscations.css';
import '../confiscations/record.css';
import './visitors.css';

interface Tab {
  href: string;
  label: string;
}

const TABS: readonly Tab[] = [
  { href: '/', label: 'On site now' },
  { href: '/expected', label: 'Expected' },
  { href: '/history', label: 'History' },
  { href: '/regulars', label: 'Regular visitors' },
  { href: '/breaches', label: 'Breaches' },
];
const NOT_PERMITTED_TAB: Tab = { href: '/not-permitted', label: 'Not permitted' };

function VisitorsNav() {
  const [location] = useLocation();
  const mayManage = useMayManageNotPermitted();
  const tabs = mayManage ? [...TABS, NOT_PERMITTED_TAB] : TABS;
  return (
    <nav className="phones-tabs vis-tabs" aria-label="Visitors">
      <ul>
        {tabs.map((t) => {
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

function VisitRoute() {
  const { id } = useParams<{ id: string }>();
  if (!/^[1-9][0-9]{0,9}$/.test(id ?? '')) {
    return (
      <>
        <h2>Visit not found</h2>
        <p>
          There is no visit at this address. Go back to <Link href="/">who is on site now</Link>.
        </p>
      </>
    );
  }
  return <VisitPage key={id} id={Number(id)} />;
}

function NotPermittedRoute() {
  const mayManage = useMayManageNotPermitted();
  if (!mayManage) {
    return (
      <>
        <h2>Not permitted</h2>
        <p className="vis-lead">Only a member of the leadership team or a DSL can see the not-permitted list.</p>
      </>
    );
  }
  return <NotPermitted />;
}

export function VisitorsArea() {
  const settings = useLoad('getSettings');
  const timeZone = settings.data?.timeZone || DEFAULT_TIME_ZONE;
  return (
    <TimeZoneContext.Provider value={timeZone}>
      <PageHeader title="Visitors">
        <Link href="~/staff/fire/past" className="btn btn-quiet">
          Past roll calls
        </Link>
      </PageHeader>
      <VisitorsNav />
      <Switch>
        <Route path="/" component={OnSite} />
        <Route path="/expected" component={Expected} />
        <Route path="/history" component={History} />
        <Route path="/regulars" component={Regulars} />
        <Route path="/breaches" component={Breaches} />
        <Route path="/not-permitted" component={NotPermittedRoute} />
        <Route path="/visit/:id" component={VisitRoute} />
        <Route>
          <h2>Page not found</h2>
          <p>
            There is no Visitors page at this address. Go back to <Link href="/">who is on site now</Link>.
          </p>
        </Route>
      </Switch>
    </TimeZoneContext.Provider>
  );
}
