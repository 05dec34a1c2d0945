/** Being built (issue 7). */
import { PageHeader } from '../../components/ui';

export function RecordConfiscation() {
  return <PageHeader title="Confiscations" />;
}
