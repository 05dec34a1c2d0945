/**
 * The Pupils area of the staff console, mounted at /staff/pupils (a nested route, so the paths
 * here are relative to it): the roll, the import (administrators) and each pupil's page.
 */
import { Link, Route, Switch, useParams } from 'wouter';
import { PageHeader } from '../../components/ui';
import { ImportRoll } from './ImportRoll';
import { PupilList } from './PupilList';
import { PupilPage } from './PupilPage';

function PupilRoute() {
  const { id } = useParams<{ id: string }>();
  if (!/^[1-9][0-9]{0,9}$/.test(id ?? '')) {
    return (
      <>
        <PageHeader title="Pupil not found" />
        <p>
          There is no pupil at this address. Go back to <Link href="~/staff/pupils">Pupils</Link>.
        </p>
      </>
    );
  }
  return <PupilPage key={id} id={Number(id)} />;
}

export function PupilsArea() {
  return (
    <Switch>
      <Route path="/" component={PupilList} />
      <Route path="/import" component={ImportRoll} />
      <Route path="/:id" component={PupilRoute} />
    </Switch>
  );
}
