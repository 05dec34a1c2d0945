/**
 * A regular visitor's card on a 62 mm label ('/print/visitor-card?id=N', the profile): the
 * school, their name and organisation, "Regular visitor", the escort status in words in a box
 * (label printers are black and white), and the QR code of their card's code with the code
 * grouped beneath, to scan or type at the entrance screen. A profile that is not in use, has no
 * card, or is not on record is the error state (nothing is printed).
 */
import { useEffect, useState } from 'react';
import type { VisitorProfile } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { QrCode } from '../../components/QrCode';
import { ESCORT_WORDS, groupCode } from '../../staff/visitors/words';
import { Sheet, useSchool, type LayoutProps, type PrintState } from './common';
import { idParam } from './Invitation';
import '../visitor-card.css';

export function VisitorCard({ params }: LayoutProps) {
  const { schoolName } = useSchool();
  const id = idParam(params);
  const [answer, setAnswer] = useState<{ id: number; profile: VisitorProfile | null; error: string | null } | null>(null);
  const [qrReady, setQrReady] = useState(false);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    void call('listVisitorProfiles', { includeInactive: true }).then((r) => {
      if (!live) return;
      if (!r.ok) return setAnswer({ id, profile: null, error: r.error.message });
      const profile = r.value.find((p) => p.id === id) ?? null;
      setAnswer({ id, profile, error: profile ? null : 'That regular visitor is not on record.' });
    });
    return () => {
      live = false;
    };
  }, [id]);

  const loaded = answer?.id === id ? answer : null;
  const p = loaded?.profile ?? null;
  let error: string | null = null;
  if (id === null) error = 'Choose which regular visitor’s card to print. Nothing was printed.';
  else if (loaded?.error) error = `The card could not be made: ${loaded.error} Nothing was printed.`;
  else if (p && !p.active) error = `${p.name}’s profile is not in use, so their card does not work. Nothing was printed.`;
  else if (p && !p.cardToken) error = `${p.name} has no card yet: use “Replace lost card” to make one. Nothing was printed.`;
  const state: PrintState = error ? 'error' : p && qrReady ? 'ready' : 'loading';

  return (
    <Sheet paper="label62" state={state} error={error} label={p ? `Regular visitor card for ${p.name}` : 'Regular visitor card'}>
      {p?.cardToken && (
        <div className="vcard">
          <p className="label-school">{schoolName}</p>
          <p className="vcard-kind">Regular visitor</p>
          <h1 className={p.name.length > 22 ? 'vcard-name vcard-name-long' : 'vcard-name'}>{p.name}</h1>
          {p.organisation && <p className="vcard-org">{p.organisation}</p>}
          <p className="vcard-escort">{ESCORT_WORDS[p.escort]}</p>
          <QrCode text={p.cardToken} mm={24} className="label-qr" alt="QR code of this visitor’s card" onReady={() => setQrReady(true)} />
          <p className="label-token vcard-token">{groupCode(p.cardToken)}</p>
          <p className="label-footer">Scan at the entrance screen to sign in.</p>
        </div>
      )}
    </Sheet>
  );
}
