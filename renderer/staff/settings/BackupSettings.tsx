/**
 * Settings, Backups: when the last verified backup was taken (prominently, with a warning when
 * none is from the last day), the list of backups (times in the school's time zone, never file
 * names), "Back up now", where backups go and how long they are kept (BackupRotation), backups of
 * another school's records (OtherChainBackups), a check of the audit log's chain, and a check of a
 * records check number typed in from paper (FingerprintCheck).
 */
import { useState } from 'react';
import type { ResultOf } from '../../../electron/api/contract';
import { call, useLoad } from '../../app/api';
import { Button, Loading, Notice } from '../../components/ui';
import { whenWords } from '../../print/format';
import { BackupRotation } from './BackupRotation';
import { CHANGED_OUTSIDE_GUIDANCE, FingerprintCheck } from './FingerprintCheck';
import { RecordCheck } from './RecordCheck';
import { OtherChainBackups } from './OtherChainBackups';
import './settings.css';

type Backup = ResultOf<'listBackups'>['backups'][number];
type Taken = ResultOf<'backupNow'>;

/** Backups are stamped in UTC; the school reads them in its own time (Europe/London until Settings load). */
const SCHOOL_TIME_ZONE = 'Europe/London';
type AuditVerdict = ResultOf<'verifyAudit'>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a backup was taken, in words. */
export function reasonInWords(reason: string): string {
  if (reason === 'daily') return 'Daily';
  if (reason === 'manual') return 'Back up now';
  if (reason === 'shutdown') return 'When the app closed';
  const update = /^before-v(\d+)$/.exec(reason);
  if (update) return `Before an update (to version ${update[1]})`;
  if (reason.startsWith('before-')) return 'Before an update';
  return reason;
}

/** '0.24 MB', '12.3 MB'. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(2) : mb.toFixed(1)} MB`;
}

function LastBackup({ backups, timeZone, now }: { backups: Backup[]; timeZone: string; now: Date }) {
  const newest = backups[0];
  if (!newest) {
    return (
      <div className="backup-status backup-status-warning" role="status">
        <p className="backup-status-line">No verified backup yet.</p>
        <p>Choose “Back up now” to take the first one. After that Reception Kiosk backs up every day by itself.</p>
      </div>
    );
  }
  const at = new Date(newest.takenAt);
  const recent = now.getTime() - at.getTime() < DAY_MS;
  return (
    <div className={`backup-status ${recent ? 'backup-status-ok' : 'backup-status-warning'}`} role="status">
      <p className="backup-status-line">
        {recent ? 'Last verified backup' : 'No backup in the last day. Last verified backup'}: {whenWords(at, now, timeZone)}
      </p>
      {!recent && <p>Choose “Back up now”, then check that the backup folder is available (for example that the USB drive or network folder is connected).</p>}
    </div>
  );
}

function AuditCheck() {
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check() {
    setBusy(true);
    setError(null);
    setVerdict(null);
    const r = await call('verifyAudit');
    setBusy(false);
    if (r.ok) setVerdict(r.value);
    else setError(r.error.message);
  }

  return (
    <div>
      <p>
        Every change is written to the audit log, and each entry is sealed to the one before it. The check reads the whole log and finds any entry that has
        been changed, removed or put out of order since it was written.
      </p>
      <div className="form-actions">
        <Button kind="secondary" onClick={() => void check()} disabled={busy}>
          {busy ? 'Checking…' : 'Check the audit log'}
        </Button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {verdict?.ok && (
        <div className="audit-verdict audit-ok" role="status">
          <p className="audit-verdict-line">
            The audit log is intact ({verdict.rows} {verdict.rows === 1 ? 'entry' : 'entries'}).
          </p>
          {verdict.anchor === 'missing' && verdict.rows > 0 && <p>There is no copy of the newest entry outside the database, so cut-off newest entries could not be checked.</p>}
        </div>
      )}
      {verdict && !verdict.ok && (
        <div className="audit-verdict audit-problem" role="alert">
          <p className="audit-verdict-line">The audit log has a problem: {verdict.message}</p>
          <p>
            Do not delete or restore anything. Tell the headteacher and the school’s IT support: the backups taken before this happened hold the log as it
            was.
          </p>
        </div>
      )}
      {verdict && <WitnessWords report={verdict.witnesses} />}
    </div>
  );
}

/** The witnesses of the log (its backups and the copy of its newest entry), in words. */
function WitnessWords({ report }: { report: AuditVerdict['witnesses'] }) {
  if (report.ok) {
    return (
      <div className="audit-verdict audit-ok" role="status">
        <p className="audit-verdict-line">
          {report.matched === 0
            ? 'There is no backup of these records to compare the log with yet.'
            : `Every backup of these records still agrees with the log (${report.matched} checked).`}
        </p>
        {report.retired > 0 && (
          <p>
            {report.retired} older {report.retired === 1 ? 'backup holds' : 'backups hold'} the records as they were before a restore, and {report.retired === 1 ? 'is' : 'are'} not
            compared.
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="audit-verdict audit-problem" role="alert">
      <p className="audit-verdict-line">The backups do not agree with the log: records may have been changed outside Reception Kiosk.</p>
      <ul>
        {report.findings.map((f, i) => (
          <li key={i}>{f.message}</li>
        ))}
      </ul>
      <p>{CHANGED_OUTSIDE_GUIDANCE}</p>
    </div>
  );
}

export function BackupSettings() {
  const [refresh, setRefresh] = useState(0);
  const status = useLoad('listBackups', undefined, String(refresh));
  const settings = useLoad('getSettings');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<{ ok: true; backup: Taken } | { ok: false; message: string } | null>(null);
  const timeZone = settings.data?.timeZone ?? SCHOOL_TIME_ZONE;
  const now = new Date();
  const own = status.data?.backups.filter((b) => !b.otherChain) ?? [];
  const other = status.data?.backups.filter((b) => b.otherChain) ?? [];

  async function backUpNow() {
    setRunning(true);
    setResult(null);
    const r = await call('backupNow');
    setRunning(false);
    setResult(r.ok ? { ok: true, backup: r.value } : { ok: false, message: r.error.message });
    setRefresh((n) => n + 1);
  }

  return (
    <div className="settings-page">
      <h1>Backups</h1>
      <p className="settings-intro">
        Reception Kiosk backs itself up every day, before every update and when it closes. Each backup is checked before it counts.
      </p>
      <section className="settings-section" aria-labelledby="backups-latest">
        <h2 id="backups-latest">Latest backup</h2>
        {status.error && <Notice kind="error">{status.error.message}</Notice>}
        {!status.data && !status.error && <Loading what="Loading the backups" />}
        {status.data && <LastBackup backups={own} timeZone={timeZone} now={now} />}
        <div className="form-actions">
          <Button onClick={() => void backUpNow()} disabled={running}>
            {running ? 'Backing up…' : 'Back up now'}
          </Button>
          {running && <p className="hint">This takes a few seconds; keep working if you like.</p>}
        </div>
        {result?.ok && (
          <Notice kind="success">
            Backup taken and checked: {whenWords(new Date(result.backup.takenAt), now, timeZone)} ({megabytes(result.backup.bytes)}).
          </Notice>
        )}
        {result && !result.ok && <Notice kind="error">The backup failed: {result.message}</Notice>}
      </section>

      <section className="settings-section" aria-labelledby="backups-list">
        <h2 id="backups-list">Backups kept</h2>
        {status.data && own.length > 0 && (
          <>
            <p>
              {own.length} verified backup{own.length === 1 ? '' : 's'} in <span className="path">{status.data.folder}</span>. One a day is kept for{' '}
              {status.data.rotation.daily} days, one a week for {status.data.rotation.weekly} weeks and one a month for {status.data.rotation.monthly} months.
            </p>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Why</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {own.map((b) => (
                  <tr key={b.file} className={result?.ok && result.backup.file === b.file ? 'row-new' : undefined}>
                    <td>
                      {whenWords(new Date(b.takenAt), now, timeZone).replace(/^./, (c) => c.toUpperCase())}
                      {result?.ok && result.backup.file === b.file && <span className="tag tag-new">New</span>}
                    </td>
                    <td>{reasonInWords(b.reason)}</td>
                    <td className="num">{megabytes(b.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {status.data && own.length === 0 && (
          <p>
            There are no backups in <span className="path">{status.data.folder}</span> yet.
          </p>
        )}
      </section>

      <section className="settings-section" aria-labelledby="backups-where">
        <h2 id="backups-where">Where backups go</h2>
        {status.data && <BackupRotation folder={status.data.folder} onSaved={() => setRefresh((n) => n + 1)} />}
      </section>

      <OtherChainBackups backups={other} now={now} timeZone={timeZone} onRemoved={() => setRefresh((n) => n + 1)} />

      <section className="settings-section" aria-labelledby="backups-audit">
        <h2 id="backups-audit">Audit log</h2>
        <AuditCheck />
        <RecordCheck timeZone={timeZone} />
        <FingerprintCheck timeZone={timeZone} />
      </section>
    </div>
  );
}
