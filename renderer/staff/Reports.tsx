/**
 * Reports: one link a report (the phones log and register, the pupil roll, the confiscation
 * register, the visitor log, for a DSL who viewed DSL-only details, and for an administrator the
 * audit log check), each with what it holds. Every report prints and saves as CSV from its own
 * page (the DSL views list is for reading on screen only).
 */
import { Link } from 'wouter';
import { isStaff, useApp } from '../app/store';
import { PageHeader } from '../components/ui';
import './staff.css';

/** The reports, each a link to the page that prints it or saves it as CSV. */
export function Reports() {
  const session = useApp((s) => s.session);
  const admin = isStaff(session) && session.role === 'admin';
  const dsl = isStaff(session) && session.dsl;
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
        <li>
          <Link href="~/staff/confiscations">Confiscation register</Link>
          <span>Devices held, with the police and released, with each one’s chain of custody; print it or save it as CSV.</span>
        </li>
        <li>
          <Link href="~/staff/visitors/history">Visitor log</Link>
          <span>Every visit, searched by name, organisation, type, status and dates; print it or save it as CSV.</span>
        </li>
        {dsl && (
          <li>
            <Link href="~/staff/reports/dsl-views">Who viewed DSL-only details</Link>
            <span>For DSLs: who opened a confiscation’s DSL-only details or a “must not collect” reason, and when.</span>
          </li>
        )}
        {admin && (
          <li>
            <Link href="~/staff/settings/backups">Audit log check</Link>
            <span>Checks that no saved record has been altered or removed.</span>
          </li>
        )}
      </ul>
    </>
  );
}
