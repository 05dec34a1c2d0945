/**
 * Reports › Who viewed DSL-only details (issue 13), for DSLs only (the channel refuses anyone
 * else): each time a DSL's screen received a confiscation's DSL-only details or a pupil's
 * "must not collect" reason, with who, when and which record, newest first, between two dates.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import type { DslView, InputOf } from '../../electron/api/contract';
import { useLoad } from '../app/api';
import { isStaff, useApp } from '../app/store';
import { Loading, Notice, PageHeader, TextField } from '../components/ui';
import { DEVICE_TYPE_WORDS, whenWords } from '../words/confiscations';
import './confiscations/confiscations.css';

/** The most the API answers at once (db/dsl-only.ts DSL_VIEWS_LIMIT). */
const LIMIT = 500;

function What({ v }: { v: DslView }) {
  if (v.what === 'contacts') {
    return v.pupil ? <Link href={`~/staff/pupils/${v.recordId}`}>Contacts of {v.pupil}</Link> : <span>Contacts of a pupil since removed</span>;
  }
  if (!v.pupil || !v.device) return <span>Confiscation record {v.recordId} (since removed)</span>;
  return <Link href={`~/staff/confiscations/${v.recordId}`}>{`${DEVICE_TYPE_WORDS[v.device.type]} from ${v.pupil} (${v.device.description})`}</Link>;
}

export function DslViews() {
  const session = useApp((s) => s.session);
  const dsl = isStaff(session) && session.dsl;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const input: NonNullable<InputOf<'listDslViews'>> = {};
  if (from) input.from = from;
  if (to) input.to = to;
  if (!dsl) {
    return (
      <>
        <PageHeader title="Who viewed DSL-only details" />
        <Notice kind="info">Only a DSL can see this list.</Notice>
      </>
    );
  }
  return <Views input={input} from={from} to={to} setFrom={setFrom} setTo={setTo} />;
}

function Views({ input, from, to, setFrom, setTo }: { input: NonNullable<InputOf<'listDslViews'>>; from: string; to: string; setFrom: (v: string) => void; setTo: (v: string) => void }) {
  const list = useLoad('listDslViews', input, JSON.stringify(input));
  return (
    <>
      <PageHeader title="Who viewed DSL-only details" />
      <p>
        Each time a DSL opens a confiscation record that holds DSL-only details, or a pupil’s contacts with a “must not collect” reason, it is listed here: once per person and record in any quarter of an hour.
      </p>
      <form role="search" className="conf-filters" aria-label="Filter the views" onSubmit={(e) => e.preventDefault()}>
        <TextField id="dsl-views-from" label="From" type="date" value={from} onValue={setFrom} />
        <TextField id="dsl-views-to" label="To" type="date" value={to} onValue={setTo} />
      </form>
      {list.error ? (
        <Notice kind="error">{list.error.message}</Notice>
      ) : !list.data ? (
        <Loading what="Loading the views" />
      ) : list.data.length === 0 ? (
        <p className="pupils-muted">No views of DSL-only details{from || to ? ' between these dates' : ''}.</p>
      ) : (
        <>
          {list.data.length >= LIMIT && <Notice kind="info">{`Showing the newest ${LIMIT}. Choose dates to see earlier ones.`}</Notice>}
          <table className="conf-table">
            <caption className="visually-hidden">Views of DSL-only details, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((v, i) => (
                <tr key={`${v.at}-${v.what}-${v.recordId}-${i}`}>
                  <td>{whenWords(v.at)}</td>
                  <td>{v.by}</td>
                  <td>
                    <What v={v} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
