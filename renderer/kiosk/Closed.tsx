/**
 * The visitor-facing screen of a two-screen desk while the app cannot serve visitors: recovery
 * mode, or a school not yet set up. It never shows recovery or setup (anyone standing there could
 * otherwise start a new school or see the backups), only that the office will help.
 */
import { useEffect } from 'react';
import { ScreenHeading } from './common';
import './kiosk.css';

export function Closed() {
  useEffect(() => {
    document.title = 'Reception: closed';
  }, []);
  return (
    <main className="surface kiosk kiosk-screen kiosk-narrow" data-testid="closed">
      <ScreenHeading>Closed: please see the office</ScreenHeading>
      <p className="kiosk-lead">Sorry, you cannot sign in here at the moment. The office staff will help you.</p>
    </main>
  );
}
