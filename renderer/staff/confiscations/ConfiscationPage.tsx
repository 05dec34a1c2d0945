/** Being built (issue 7). */
import { PageHeader } from '../../components/ui';

export function ConfiscationPage({ id }: { id: number }) {
  return <PageHeader title={`Confiscation ${id}`} />;
}
