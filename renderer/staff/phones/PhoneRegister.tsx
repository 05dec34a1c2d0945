/**
 * The phones register (issue 6; policy 6.3.2 to 6.3.4): the pupils with permission to bring a
 * phone (class, slot, who gave permission and when, card), with "Print cards for these pupils";
 * the exceptional arrangements under 6.3.4 (review overdue first, in words); and the items handed
 * in on an earlier day that are still held ("Not collected"), with the way to Home time.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import type { Arrangement, NotCollectedItem, PermittedPupil } from '../../../electron/api/contract';
import { useLoad } from '../../app/api';
import { Button, Loading, Notice } from '../../components/ui';
import { itemWords } from '../../print/layouts/PhoneLog';
import { printLayout } from '../../print/printer';
import { cardsRoute, dayWords, fullName, plural } from '../pupils/words';
import './records.css';

function pupilHref(pupilId: number): string {
  return `~/staff/pupils/${pupilId}`;
}

function SlotWords({ pupil, slotMode }: { pupil: PermittedPupil; slotMode: 'fixed' | 'next-free' | undefined }) {
  if (pupil.slot !== null) return <>Slot {pupil.slot}</>;
  if (slotMode === 'next-free') return <span className="rec-muted">Next free slot each day</span>;
  return <span className="rec-muted">Given at first check-in</span>;
}

function Permitted({ pupils, slotMode, onPrinted }: { pupils: PermittedPupil[]; slotMode: 'fixed' | 'next-free' | undefined; onPrinted: () => void }) {
  const [printing, setPrinting] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const withoutCard = pupils.filter((p) => !p.hasCard).length;

  async function print() {
    setPrinting(true);
    setResult(null);
    const r = await printLayout(cardsRoute({ phones: true }), 'a4');
    setPrinting(false);
    if (r.printed) {
      setResult({ ok: true, text: `The cards for ${plural(pupils.length, 'pupil')} with permission were sent to the printer.` });
      // printing issues a card to any pupil who had none
      if (withoutCard > 0) onPrinted();
    } else setResult({ ok: false, text: r.message ?? 'The cards could not be printed.' });
  }

  return (
    <section className="rec-section" aria-labelledby="permitted-heading">
      <div className="rec-section-head">
        <h2 id="permitted-heading">
          Pupils with permission <span className="rec-count">({pupils.length})</span>
        </h2>
        {pupils.length > 0 && (
          <Button kind="secondary" onClick={() => void print()} disabled={printing}>
            {printing ? 'Preparing…' : 'Print cards for these pupils'}
          </Button>
        )}
      </div>
      <p className="rec-lead">
        To give a pupil permission to bring a phone, or to withdraw it, open the pupil’s page from <Link href="~/staff/pupils">Pupils</Link> and use its Phone
        section. Permission is recorded with the parent or carer who gave it.
      </p>
      {result && <Notice kind={result.ok ? 'success' : 'error'}>{result.text}</Notice>}
      {pupils.length === 0 ? (
        <p className="rec-empty">No pupil has permission to bring a phone yet.</p>
      ) : (
        <>
          {withoutCard > 0 && (
            <p className="rec-note">
              {withoutCard === 1 ? '1 pupil has' : `${withoutCard} pupils have`} no card yet: printing the cards issues one.
            </p>
          )}
          <div className="rec-table-wrap">
            <table className="rec-table">
              <caption className="visually-hidden">Pupils with permission to bring a phone, by class</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Class</th>
                  <th scope="col">Slot</th>
                  <th scope="col">Permission given</th>
                  <th scope="col">Card</th>
                </tr>
              </thead>
              <tbody>
                {pupils.map((p) => (
                  <tr key={p.pupilId}>
                    <th scope="row">
                      <Link href={pupilHref(p.pupilId)} className="rec-pupil-link">
                        {fullName(p)}
                      </Link>
                    </th>
                    <td className="nowrap">{p.regGroup || <span className="rec-muted">None</span>}</td>
                    <td className="nowrap">
                      <SlotWords pupil={p} slotMode={slotMode} />
                    </td>
                    <td>
                      {dayWords(p.grantedOn)}
                      {p.grantedByContact && <span className="rec-sub">by {p.grantedByContact}</span>}
                    </td>
                    <td className="nowrap">{p.hasCard ? 'Issued' : <span className="rec-flag">No card</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ArrangementCard({ a }: { a: Arrangement }) {
  return (
    <li className={`rec-arrangement ${a.reviewOverdue ? 'is-overdue' : ''}`.trim()}>
      <div className="rec-arrangement-head">
        <h3>
          <Link href={pupilHref(a.pupilId)}>{fullName(a)}</Link>
          {a.regGroup && <span className="rec-class">, class {a.regGroup}</span>}
        </h3>
        {a.reviewOverdue ? <p className="rec-overdue">Review overdue since {dayWords(a.reviewOn)}</p> : <p className="rec-review">Review due {dayWords(a.reviewOn)}</p>}
      </div>
      <dl className="rec-details">
        <div>
          <dt>Device</dt>
          <dd>{a.device}</dd>
        </div>
        <div>
          <dt>Agreed by</dt>
          <dd>{a.agreedBy}</dd>
        </div>
        <div>
          <dt>Agreed on</dt>
          <dd>{dayWords(a.agreedOn)}</dd>
        </div>
        <div>
          <dt>Written agreement received</dt>
          <dd>{a.writtenAgreementReceived ? 'Yes' : <span className="rec-flag">No, not yet</span>}</dd>
        </div>
        <div className="rec-wide">
          <dt>Reason</dt>
          <dd>{a.reason}</dd>
        </div>
      </dl>
    </li>
  );
}

function Arrangements({ arrangements }: { arrangements: Arrangement[] }) {
  // the server lists them by review date; overdue ones first whatever the order it sends
  const sorted = [...arrangements.filter((a) => a.reviewOverdue), ...arrangements.filter((a) => !a.reviewOverdue)];
  const overdue = sorted.filter((a) => a.reviewOverdue).length;
  return (
    <section className="rec-section" aria-labelledby="arrangements-heading">
      <div className="rec-section-head">
        <h2 id="arrangements-heading">
          Exceptional arrangements (6.3.4) <span className="rec-count">({arrangements.length})</span>
        </h2>
      </div>
      <p className="rec-lead">
        A pupil with an agreed arrangement keeps the device (for example, to monitor a medical condition) and does not check it in. Leadership record, review and end
        arrangements in the Phone section of the pupil’s page.
      </p>
      {overdue > 0 && (
        <Notice kind="warning">
          {overdue === 1 ? '1 arrangement is' : `${overdue} arrangements are`} past the review date. Ask the Head of School to review {overdue === 1 ? 'it' : 'them'}.
        </Notice>
      )}
      {sorted.length === 0 ? (
        <p className="rec-empty">No pupil has an exceptional arrangement.</p>
      ) : (
        <ul className="rec-arrangements">
          {sorted.map((a) => (
            <ArrangementCard key={a.id} a={a} />
          ))}
        </ul>
      )}
    </section>
  );
}

function slotWords(item: NotCollectedItem): string {
  return item.slot !== null ? `Slot ${item.slot}` : 'Held without permission';
}

function NotCollected({ items }: { items: NotCollectedItem[] }) {
  return (
    <section className="rec-section" aria-labelledby="not-collected-heading">
      <div className="rec-section-head">
        <h2 id="not-collected-heading">
          Not collected <span className="rec-count">({items.length})</span>
        </h2>
        {items.length > 0 && (
          <Link href="~/staff/phones/home-time" className="btn btn-secondary">
            Go to Home time
          </Link>
        )}
      </div>
      {items.length === 0 ? (
        <p className="rec-empty">Nothing handed in on an earlier day is still held.</p>
      ) : (
        <>
          <p className="rec-lead">
            Items handed in on an earlier day and still in the office, oldest first. Hand them back from Home time.
          </p>
          <div className="rec-table-wrap">
            <table className="rec-table">
              <caption className="visually-hidden">Items not collected, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Handed in</th>
                  <th scope="col">Pupil</th>
                  <th scope="col">Class</th>
                  <th scope="col">Item</th>
                  <th scope="col">Slot</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.itemId}>
                    <td>
                      {dayWords(i.day)}
                      {i.parentOnly && <span className="rec-sub">Parent/carer only</span>}
                    </td>
                    <th scope="row">
                      <Link href={pupilHref(i.pupilId)} className="rec-pupil-link">
                        {fullName(i)}
                      </Link>
                    </th>
                    <td className="nowrap">{i.regGroup || <span className="rec-muted">None</span>}</td>
                    <td>{itemWords(i)}</td>
                    <td className="nowrap">{slotWords(i)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function PhoneRegister() {
  const [tick, setTick] = useState(0);
  const register = useLoad('getPhoneRegister', {}, String(tick));
  const settings = useLoad('getSettings');
  if (register.error) return <Notice kind="error">{register.error.message}</Notice>;
  if (!register.data) return <Loading what="Loading the register" />;
  const { permitted, arrangements, notCollected } = register.data;
  return (
    <div className="rec-page">
      <Permitted pupils={permitted} slotMode={settings.data?.phoneSlotMode} onPrinted={() => setTick((t) => t + 1)} />
      <Arrangements arrangements={arrangements} />
      <NotCollected items={notCollected} />
    </div>
  );
}
