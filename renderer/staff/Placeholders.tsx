/**
 * The console's pages whose features arrive in later updates: each says plainly what it will hold
 * and that it is not here yet. No sample data and no buttons that do nothing.
 */
import { Link } from 'wouter';
import { isStaff, useApp } from '../app/store';
import { PageHeader } from '../components/ui';
import './staff.css';

function Later({ title, children }: { title: string; children: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="con-later">
        <p>{children}</p>
        <p className="con-later-note">This arrives with a later update of Reception Kiosk.</p>
      </div>
    </>
  );
}

export function Visitors() {
  return (
    <Later title="Visitors">
      Who is on site now, who is expected today and the history of visits, from the sign-in screen at the entrance. The fire roll call is built
      from this list.
    </Later>
  );
}

/** The reports that exist so far, and the ones still to come. */
export function Reports() {
  const session = useApp((s) => s.session);
  const admin = isStaff(session) && session.role === 'admin';
  return (
    <>
      <PageHeader title="Reports" />
      <ul className="con-reports">
        <li>
          <Link href="~/staff/phones/log">Daily phone log and term summary</Link>
          <span>Every check-in, item taken in and hand-back on a day; print it or save it as a spreadsheet (CSV). The term’s figures.</span>
        </li>
        <li>
          <Link href="~/staff/phones/register">Phones register</Link>
          <span>Pupils with permission, exceptional arrangements and items not collected.</span>
        </li>
        <li>
          <Link href="~/staff/pupils">Pupil roll and contacts</Link>
          <span>Search the roll; save it as CSV{admin ? ', with the contacts' : ''}.</span>
        </li>
        {admin && (
          <li>
            <Link href="~/staff/settings/backups">Audit log check</Link>
            <span>Checks that no saved record has been altered or removed.</span>
          </li>
        )}
      </ul>
      <div className="con-later">
        <p>The confiscation register and the visitor log will be listed here too.</p>
        <p className="con-later-note">They arrive with a later update of Reception Kiosk.</p>
      </div>
    </>
  );
}

export function FireRollCall() {
  return (
    <>
      <PageHeader title="Fire roll call" />
      <div className="con-later">
        <p>
          The roll call will list everyone signed in as a visitor, ready to print and take to the assembly point, once visitor sign-in is in use.
        </p>
        <p className="con-later-note">
          Reception Kiosk does not record visitors yet, so it cannot list them. Take the school’s usual visitors’ book or roll call to the
          assembly point.
        </p>
      </div>
    </>
  );
}
