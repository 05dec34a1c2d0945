/**
 * The release slip for a confiscated device, on A4, for the parent or carer: the device is safe at
 * school, whose it is, what it is, when it was taken, and how to collect it (a contact allowed to
 * collect, at the office, with photo ID, signing for it). A QR code of the slip's token, with the
 * token beneath, opens the record when the office scans it.
 *
 * It NEVER says why the device was taken, nor anything about a search, the police or a hold:
 * the slip goes home in a school bag. '?id=N' (the record). Its data comes only from
 * issueConfiscationSlip, which refuses where no slip may be given (child protection, suspected
 * nude images or illegal content, with the police, on hold, parents not told, released) and a
 * reprint for anyone but a DSL, and puts each slip printed on the chain of custody.
 */
import { useEffect, useState } from 'react';
import type { ApiResult, SlipData } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { QrCode } from '../../components/QrCode';
import { DEVICE_TYPE_WORDS } from '../../words/confiscations';
import { localIsoDate, longDate } from '../format';
import { RecordsCheckFooter, useRecordsCheck } from '../RecordsCheck';
import { groupToken, Sheet, useSchool, useSchoolTimeZone, type LayoutProps, type PrintState } from './common';
import '../confiscation-slip.css';

/**
 * One issue per print: React's development double effect (StrictMode) must not ask twice, or the
 * second ask would be a reprint. The promise is shared while it is pending, then forgotten.
 */
const pending = new Map<number, Promise<ApiResult<SlipData>>>();
function issueOnce(id: number): Promise<ApiResult<SlipData>> {
  const asked = pending.get(id);
  if (asked) return asked;
  const p = call('issueConfiscationSlip', { id }).finally(() => pending.delete(id));
  pending.set(id, p);
  return p;
}

/** The record id in the query, or null when it is not one. */
export function slipId(params: URLSearchParams): number | null {
  const id = params.get('id');
  return id !== null && /^[1-9][0-9]{0,9}$/.test(id) ? Number(id) : null;
}

export function ConfiscationSlip({ params }: LayoutProps) {
  const { schoolName, logo } = useSchool();
  const { timeZone, done } = useSchoolTimeZone();
  const id = slipId(params);
  const [answer, setAnswer] = useState<{ id: number; slip: SlipData | null; error: string | null } | null>(null);
  const [qrReady, setQrReady] = useState(false);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    void issueOnce(id).then((r) => {
      if (!live) return;
      setAnswer(r.ok ? { id, slip: r.value, error: null } : { id, slip: null, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [id]);

  const loaded = answer?.id === id ? answer : null;
  const record = loaded?.slip ?? null;
  let error: string | null = null;
  if (id === null) error = 'Choose which record’s release slip to print. Nothing was printed.';
  else if (loaded?.error) error = `No release slip: ${loaded.error} Nothing was printed.`;
  // read after the slip is issued, so the number covers the 'slip printed' event of its chain of custody
  const check = useRecordsCheck(!!record);
  const state: PrintState = error ? 'error' : record && qrReady && done && check.done ? 'ready' : 'loading';
  const name = record ? `${record.forename} ${record.surname}` : '';

  return (
    <Sheet paper="a4" state={state} error={error} label={record ? `Release slip for ${name}’s device` : 'Release slip'}>
      {record && (
        <div className="a4-frame slip-frame">
          <header className="a4-header slip-header">
            {logo && <img src={logo} alt="" className="a4-logo" />}
            <p className="a4-school">{schoolName}</p>
          </header>
          <h1 className="slip-title">Your child’s device is being kept safe at school</h1>
          <dl className="slip-facts">
            <div>
              <dt>Pupil</dt>
              <dd className="slip-name">{name}</dd>
            </div>
            <div>
              <dt>Device</dt>
              <dd>
                {DEVICE_TYPE_WORDS[record.deviceType]}
                {record.description ? `: ${record.description}` : ''}
              </dd>
            </div>
            <div>
              <dt>Taken on</dt>
              <dd>{longDate(localIsoDate(new Date(record.confiscatedAt), timeZone))}</dd>
            </div>
          </dl>
          <section className="slip-how" aria-labelledby="slip-how-heading">
            <h2 id="slip-how-heading">How to collect it</h2>
            <p>
              A parent or carer who is allowed to collect {record.forename} should come to the school office, during school hours, and bring this slip.
            </p>
            <ul>
              <li>Bring photo ID, such as a passport or driving licence.</li>
              <li>You will be asked to sign for the device when you collect it.</li>
              <li>If you have any questions, please ask at the school office.</li>
            </ul>
          </section>
          <div className="slip-code">
            <QrCode text={record.slipToken} mm={40} alt="QR code of this release slip" onReady={() => setQrReady(true)} />
            <div>
              <p className="slip-code-label">For the school office: scan this code</p>
              <p className="slip-token">{groupToken(record.slipToken)}</p>
            </div>
          </div>
          <RecordsCheckFooter check={check} explain={false} />
        </div>
      )}
    </Sheet>
  );
}
