/**
 * Settings, Printers: what prints where (labels on a 62 mm label printer, reports on A4), the
 * printers' names as Windows shows them (empty: asked each time on A4; badges shown on the kiosk
 * screen instead of printed), and a test print for each, through the one printing interface.
 */
import { useState, type FormEvent } from 'react';
import type { Paper } from '../../../electron/api/contract';
import { Button, Loading, Notice, TextField } from '../../components/ui';
import { printLayout, type PrintResult } from '../../print/printer';
import { OtherFieldError } from './parts';
import { SaveRow } from './SaveRow';
import { useSettingsForm } from './useSettings';
import './settings.css';

/** The field's error: exact or about one of its parts. */
function errorAt(errors: Record<string, string>, field: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

function PrinterNames() {
  const form = useSettingsForm();
  const [label, setLabel] = useState<string | null>(null);
  const [a4, setA4] = useState<string | null>(null);
  if (form.loadError) return <Notice kind="error">{form.loadError.message}</Notice>;
  if (!form.settings) return <Loading what="Loading the printer settings" />;
  const labelValue = label ?? form.settings.labelPrinter;
  const a4Value = a4 ?? form.settings.a4Printer;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await form.save(
      { labelPrinter: labelValue.trim(), a4Printer: a4Value.trim() },
      { labelPrinter: 'the label printer’s name', a4Printer: 'the A4 printer’s name' },
    );
    if (outcome.kind === 'saved') {
      setLabel(null);
      setA4(null);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p>Type each printer’s name exactly as Windows shows it (Settings › Bluetooth &amp; devices › Printers &amp; scanners).</p>
      <TextField
        label="Label printer’s name"
        hint="The printer’s name exactly as Windows shows it. Leave it empty if there is no label printer: badges are then shown on the kiosk screen instead."
        autoComplete="off"
        maxLength={120}
        className="field-wide"
        value={labelValue}
        onValue={(v) => {
          setLabel(v);
          form.clearOutcome();
        }}
        error={errorAt(form.fieldErrors, 'labelPrinter')}
      />
      <TextField
        label="A4 printer’s name"
        hint="The printer’s name exactly as Windows shows it. Leave it empty to be asked which printer each time something prints on A4."
        autoComplete="off"
        maxLength={120}
        className="field-wide"
        value={a4Value}
        onValue={(v) => {
          setA4(v);
          form.clearOutcome();
        }}
        error={errorAt(form.fieldErrors, 'a4Printer')}
      />
      <OtherFieldError form={form} fields={['labelPrinter', 'a4Printer']} />
      <SaveRow form={form} />
    </form>
  );
}

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
      <p className="settings-intro">Reception Kiosk uses two printers. Set each one up in Windows first, type its name here, then print a test on it.</p>
      <section className="settings-section" aria-labelledby="printer-names">
        <h2 id="printer-names">Which printers to use</h2>
        <PrinterNames />
      </section>
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
