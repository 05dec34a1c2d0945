/**
 * A printed layout full-page ('#/print/<layout>?<query>'): for previews and tests, and for the
 * app's hidden print window. On screen the sheet sits on a grey desk at its real size; printed,
 * only the sheet remains.
 */
import { useLocation } from 'wouter';
import { PrintLayout } from './PrintLayout';

export function PrintRoute() {
  const [location] = useLocation();
  return (
    <main className="print-preview">
      <PrintLayout route={location} />
    </main>
  );
}
