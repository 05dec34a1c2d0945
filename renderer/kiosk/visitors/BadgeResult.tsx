/**
 * After "I agree": the badge. It prints on the paper set in Settings; printed, the person is asked
 * to wear it and scan it on the way out. Not printed (no printer, a printer fault, anything): the
 * badge itself is shown on screen with the reason, and the person is signed in all the same.
 */
import { useEffect, useState } from 'react';
import type { Badge, KioskVisitorForm } from '../../../electron/api/contract';
import { Button } from '../../components/ui';
import { printLayout, type PrintResult } from '../../print/printer';
import { BadgeFace } from '../../print/layouts/VisitorBadge';
import { ScreenHeading } from '../common';
import { notPrintedMessage, SIGNED_IN_PRINTED } from './words';
import './visitors.css';

/** The print route and paper for a badge. */
export function badgeRoute(token: string, paper: KioskVisitorForm['badgePaper']): { route: string; paper: KioskVisitorForm['badgePaper'] } {
  const q = `token=${encodeURIComponent(token)}`;
  return paper === 'a4' ? { route: `/print/visitor-badge-a4?${q}`, paper: 'a4' } : { route: `/print/visitor-badge?${q}`, paper: 'label62' };
}

/** Print the badge; never throws (a failure is "not printed", with its reason). */
export async function printBadge(token: string, paper: KioskVisitorForm['badgePaper']): Promise<PrintResult> {
  const { route, paper: p } = badgeRoute(token, paper);
  try {
    return await printLayout(route, p);
  } catch (e) {
    return { printed: false, message: e instanceof Error && e.message ? e.message : 'the printer did not answer' };
  }
}

export function BadgeResult({ badge, paper, onDone, onPrinting }: { badge: Badge; paper: KioskVisitorForm['badgePaper']; onDone: () => void; onPrinting: (busy: boolean) => void }) {
  const [result, setResult] = useState<PrintResult | null>(null);

  useEffect(() => {
    let live = true;
    onPrinting(true);
    void printBadge(badge.token, paper).then((r) => {
      if (!live) return;
      setResult(r);
      onPrinting(false);
    });
    return () => {
      live = false;
    };
    // Print once for this badge (the callbacks may change; the badge does not).
  }, [badge.token]);

  if (!result) {
    return (
      <main className="surface kiosk kiosk-screen visitors vmsg vmsg-calm" aria-busy="true">
        <div className="vmsg-box" role="status">
          <ScreenHeading>Printing your badge…</ScreenHeading>
          <p className="vmsg-lead">You are signed in, {badge.name}.</p>
        </div>
      </main>
    );
  }

  if (result.printed) {
    return (
      <main className="surface kiosk kiosk-screen visitors vmsg vmsg-ok">
        <div className="vmsg-box" role="status">
          <ScreenHeading>Thank you, {badge.name}. You are signed in.</ScreenHeading>
          <p className="vmsg-lead">{SIGNED_IN_PRINTED}</p>
          <p>Please take your badge from the printer.</p>
        </div>
        <div className="kiosk-actions vmsg-actions">
          <Button className="kiosk-btn kiosk-btn-wide" onClick={onDone}>
            Done
          </Button>
        </div>
      </main>
    );
  }

  return (
    <main className="surface kiosk kiosk-screen visitors vbadge-onscreen">
      <div className="vbadge-onscreen-words">
        <ScreenHeading>You are signed in, {badge.name}.</ScreenHeading>
        <div className="notice notice-warning vbadge-onscreen-message" role="status">
          {notPrintedMessage(result.message)}
        </div>
        <div className="kiosk-actions">
          <Button className="kiosk-btn kiosk-btn-wide" onClick={onDone}>
            Done
          </Button>
        </div>
      </div>
      <section className="vbadge-onscreen-card" aria-label="Your badge">
        <BadgeFace badge={badge} variant="screen" qrMm={32} />
      </section>
    </main>
  );
}
