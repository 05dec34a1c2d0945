/**
 * The console's pages whose features arrive in later updates: each says plainly what it will hold
 * and that it is not here yet. No sample data and no buttons that do nothing.
 */
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

export function Confiscations() {
  return (
    <Later title="Confiscations">
      The register of confiscated devices (held in office, with police, released to parent/carer), a way to record a confiscation, and each
      record’s chain of custody with its next steps: inform parents, record a search, hand to police, release.
    </Later>
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

export function Reports() {
  return (
    <Later title="Reports">
      The daily phone log, the confiscation register, the visitor log and the audit log, each ready to print or to save as a spreadsheet (CSV).
    </Later>
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
