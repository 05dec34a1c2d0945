/**
 * The Confiscations area of the staff console, mounted at /staff/confiscations (a nested route):
 * the register (with the slip scanner), "Record a confiscation", and each record with its chain
 * of custody and next steps.
 */
import { Link, Route, Switch, useParams } from 'wouter';
import { PageHeader } from '../../components/ui';
import { ConfiscationPage } from './ConfiscationPage';
import { RecordConfiscation } from './RecordConfiscation';
import { Register } from './Register';

function RecordRoute() {
  const { id } = useParams<{ id: string }>();
  if (!/^[1-9][0-9]{0,9}$/.test(id ?? '')) {
    return (
      <>
        <PageHeader title="Record not found" />
        <p>
          There is no confiscation record at this address. Go back to the <Link href="~/staff/confiscations">register</Link>.
        </p>
      </>
    );
  }
  return <ConfiscationPage key={id} id={Number(id)} />;
}

export function ConfiscationsArea() {
  return (
    <Switch>
      <Route path="/" component={Register} />
      <Route path="/new" component={RecordConfiscation} />
      <Route path="/:id" component={RecordRoute} />
    </Switch>
  );
}
