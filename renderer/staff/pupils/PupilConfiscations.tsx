/**
 * A pupil's page, "Confiscations" (issue 7): every device confiscated from this pupil, newest
 * first (when, what, status, days), each opening its record, and "Record a confiscation".
 */
import { Link } from 'wouter';
import { useLoad } from '../../app/api';
import { Loading, Notice } from '../../components/ui';
import { dateWords, daysHeldWords, daysWords, deviceWords, statusWords } from '../../words/confiscations';
import '../confiscations/record.css';

export function PupilConfiscations({ pupil }: { pupil: { id: number; forename: string; status: string } }) {
  const list = useLoad('listConfiscations', { pupilId: pupil.id }, String(pupil.id));
  return (
    <section className="pupils-section" aria-labelledby="confiscations-heading">
      <div className="pupils-section-head">
        <h2 id="confiscations-heading">Confiscations</h2>
        {pupil.status !== 'left' && (
          <Link className="btn btn-secondary conf-link-button" href={`~/staff/confiscations/new?pupil=${pupil.id}`}>
            Record a confiscation
          </Link>
        )}
      </div>
      {list.error ? (
        <Notice kind="error">{list.error.message}</Notice>
      ) : !list.data ? (
        <Loading what="Loading confiscations" />
      ) : list.data.length === 0 ? (
        <p className="pupils-muted">Nothing has been confiscated from {pupil.forename}.</p>
      ) : (
        <table className="conf-pupil-table">
          <caption className="visually-hidden">Devices confiscated from {pupil.forename}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Device</th>
              <th scope="col">Status</th>
              <th scope="col">Days</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => (
              <tr key={c.id}>
                <td>{dateWords(c.confiscatedAt)}</td>
                <td>
                  <Link href={`~/staff/confiscations/${c.id}`}>
                    {deviceWords(c)}
                  </Link>
                </td>
                <td>
                  {statusWords(c.status)}
                  {c.onHold ? ' (on hold)' : ''}
                </td>
                <td className={c.overdue ? 'conf-overdue' : undefined}>{c.status === 'held' ? daysHeldWords(c.daysHeld, c.overdue) : daysWords(c.daysHeld)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
