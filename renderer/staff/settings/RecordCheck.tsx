/**
 * Settings › Backups: run every check now (issue 14): each record against its audited state, the
 * trail, and the backups. The app also runs them by itself (at start-up, after each daily backup,
 * daily); a failure raises the alert on Today, whichever way it was found.
 */
import { useState } from 'react';
import type { ResultOf } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { Button, Notice } from '../../components/ui';

type Report = ResultOf<'checkRecords'>;

const SHOWN = 20;

export function RecordCheck({ timeZone }: { timeZone: string }) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check() {
    setBusy(true);
    setError(null);
    setReport(null);
    const r = await call('checkRecords');
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(r.error.message);
  }

  const when = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso)) : 'never';

  return (
    <div>
      <p>
        The full check compares every record with the state the app last saved for it, and those states with the audit log, so a record changed, added or
        removed outside Reception Kiosk shows. It runs by itself every day; it may take a few seconds.
      </p>
      <div className="form-actions">
        <Button kind="secondary" onClick={() => void check()} disabled={busy}>
          {busy ? 'Checking…' : 'Check every record'}
        </Button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {report?.ok && (
        <div className="audit-verdict audit-ok" role="status">
          <p className="audit-verdict-line">
            Every record is as Reception Kiosk saved it ({report.records} records, {report.auditRows} log entries, checked in {(report.ms / 1000).toFixed(1)} s).
          </p>
        </div>
      )}
      {report && !report.ok && (
        <div className="audit-verdict audit-problem" role="alert">
          <p className="audit-verdict-line">Records may have been changed outside Reception Kiosk. The alert is on Today. Last good check: {when(report.lastGoodAt)}.</p>
          <ul>
            {report.findings.slice(0, SHOWN).map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
          {report.findings.length > SHOWN && <p>And {report.findings.length - SHOWN} more.</p>}
          <p>
            Keep using the app: new records are saved. Tell the head teacher and the DSL now. Do not restore or delete anything until IT has copied the data
            folder as it is.
          </p>
        </div>
      )}
    </div>
  );
}
