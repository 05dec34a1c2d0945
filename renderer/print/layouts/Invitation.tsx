/**
 * An invitation on A4 ('/print/invitation?id=N'), for an expected visitor: the school's name and
 * logo, "You are expected on <date>", their name, whom they are visiting, the invitation code
 * large and grouped with its QR code, and how to use it at the entrance screen. The code works
 * only on the day expected. A cancelled invitation, a bad id or one not on record is the error
 * state (nothing is printed).
 *
 * The data: the invitations from 31 days ago to a year ahead (listInvitations), found by id; a
 * route may add '&on=YYYY-MM-DD' (the day expected) to look on that day only.
 */
import { useEffect, useState } from 'react';
import type { Invitation } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { QrCode } from '../../components/QrCode';
import { dayWords, groupCode } from '../../staff/visitors/words';
import { localIsoDate } from '../format';
import { Sheet, useSchool, useSchoolTimeZone, type LayoutProps, type PrintState } from './common';
import { isRealDate } from './PhoneLog';
import '../invitation.css';

/** The id in the query (an invitation, a profile), or null when it is not one. */
export function idParam(params: URLSearchParams): number | null {
  const id = params.get('id');
  return id !== null && /^[1-9][0-9]{0,9}$/.test(id) ? Number(id) : null;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function InvitationLayout({ params }: LayoutProps) {
  const { schoolName, logo } = useSchool();
  const { timeZone, done } = useSchoolTimeZone();
  const id = idParam(params);
  const on = params.get('on');
  const onDay = isRealDate(on) ? on : null;
  const [answer, setAnswer] = useState<{ id: number; inv: Invitation | null; error: string | null } | null>(null);
  const [qrReady, setQrReady] = useState(false);

  useEffect(() => {
    if (id === null || !done) return;
    let live = true;
    const today = localIsoDate(new Date(), timeZone);
    const range = onDay ? { from: onDay, to: onDay } : { from: addDays(today, -31), to: addDays(today, 366) };
    void call('listInvitations', range).then((r) => {
      if (!live) return;
      if (!r.ok) return setAnswer({ id, inv: null, error: r.error.message });
      const inv = r.value.find((i) => i.id === id) ?? null;
      setAnswer({ id, inv, error: inv ? null : 'That invitation is not on record for the coming year.' });
    });
    return () => {
      live = false;
    };
  }, [id, done, timeZone, onDay]);

  const loaded = answer?.id === id ? answer : null;
  const inv = loaded?.inv ?? null;
  let error: string | null = null;
  if (id === null) error = 'Choose which invitation to print. Nothing was printed.';
  else if (loaded?.error) error = `The invitation could not be made: ${loaded.error} Nothing was printed.`;
  else if (inv?.status === 'cancelled') error = 'This invitation was cancelled: its code no longer works. Nothing was printed.';
  const state: PrintState = error ? 'error' : inv && qrReady ? 'ready' : 'loading';

  return (
    <Sheet paper="a4" state={state} error={error} label={inv ? `Invitation for ${inv.name}` : 'Invitation'}>
      {inv && (
        <div className="a4-frame inv-frame">
          <header className="a4-header inv-header">
            {logo && <img src={logo} alt="" className="a4-logo" />}
            <p className="a4-school">{schoolName}</p>
          </header>
          <h1 className="inv-title">You are expected on {dayWords(inv.expectedOn)}</h1>
          <dl className="inv-facts">
            <div>
              <dt>Name</dt>
              <dd className="inv-name">{inv.name}</dd>
            </div>
            {inv.organisation && (
              <div>
                <dt>Organisation</dt>
                <dd>{inv.organisation}</dd>
              </div>
            )}
            {inv.visiting && (
              <div>
                <dt>Visiting</dt>
                <dd>{inv.visiting}</dd>
              </div>
            )}
          </dl>
          <div className="inv-code">
            <QrCode text={inv.code} mm={45} alt="QR code of your invitation code" onReady={() => setQrReady(true)} />
            <div>
              <p className="inv-code-label">Your invitation code</p>
              <p className="inv-token">{groupCode(inv.code)}</p>
              <p className="inv-code-when">It works on {dayWords(inv.expectedOn)} only.</p>
            </div>
          </div>
          <section className="inv-how" aria-labelledby="inv-how-heading">
            <h2 id="inv-how-heading">When you arrive</h2>
            <ol>
              <li>At the entrance screen, choose “I have an invitation code”.</li>
              <li>Hold this QR code up to the scanner, or type the code.</li>
              <li>Check your details, read the rules for visitors and agree to them.</li>
              <li>Wear the badge it gives you. When you leave, scan your badge at the screen.</li>
            </ol>
          </section>
          <p className="inv-foot">If you cannot come on this day, please tell the school office. Bring this letter or the code with you.</p>
        </div>
      )}
    </Sheet>
  );
}
