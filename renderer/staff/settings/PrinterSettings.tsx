/**
 * Settings, Printers: what prints where (labels on a 62 mm label printer, reports on A4), and a
 * test print for each, through the one printing interface.
 */
import { useState } from 'react';
import type { Paper } from '../../../electron/api/contract';
import { Button, Notice } from '../../components/ui';
import { printLayout, type PrintResult } from '../../print/printer';
import './settings.css';

function TestPrint({ route, paper, label, what }: { route: string; paper: Paper; label: string; what: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PrintResult | null>(null);

  async function print() {
    setBusy(true);
    setResult(null);
    const r = await printLayout(route, paper);
    setBusy(false);
    setResult(r);
  }

  return (
    <>
      <div className="form-actions">
        <Button onClick={() => void print()} disabled={busy}>
          {busy ? 'Printing…' : label}
        </Button>
      </div>
      {result?.printed && <Notice kind="success">The {what} was sent to the printer.</Notice>}
      {result && !result.printed && <Notice kind="error">The {what} was not printed: {result.message ?? 'the printer did not answer.'}</Notice>}
    </>
  );
}

export function PrinterSettings() {
  return (
    <div className="settings-page">
      <h1>Printers</h1>
      <p className="settings-intro">Reception Kiosk uses two printers. Set each one up in Windows first, then print a test on it here.</p>
      <div className="printer-grid">
        <section className="settings-section" aria-labelledby="printer-label">
          <h2 id="printer-label">Label printer</h2>
          <p>Visitor badges, pupils’ phone cards and confiscation slips print on a 62 mm wide label printer, on labels 100 mm long.</p>
          <p>The test label shows the school’s name, the date and time and a QR code. Check that:</p>
          <ul className="check-list">
            <li>the whole label is printed, with nothing cut off at the edges;</li>
            <li>the text is sharp and the QR code is solid black;</li>
            <li>the office scanner reads the QR code as the code printed under it.</li>
          </ul>
          <TestPrint route="/print/test-label" paper="label62" label="Print a test label" what="test label" />
        </section>
        <section className="settings-section" aria-labelledby="printer-a4">
          <h2 id="printer-a4">A4 printer</h2>
          <p>Reports, registers, the fire roll call and the recovery code print on A4 paper on the office printer.</p>
          <p>The test page has a ruler and a box of a known size. Check that:</p>
          <ul className="check-list">
            <li>the ruler measures exactly 15 cm and the box 100 mm by 50 mm (if not, print at 100%, “Actual size”);</li>
            <li>the frame around the page is complete on all four sides;</li>
            <li>the school’s name and logo are clear.</li>
          </ul>
          <TestPrint route="/print/test-page" paper="a4" label="Print a test A4 page" what="test page" />
        </section>
      </div>
    </div>
  );
}
