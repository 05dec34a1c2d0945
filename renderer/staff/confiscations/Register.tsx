/** Being built (issue 7). */
import { PageHeader } from '../../components/ui';

export function Register() {
  return <PageHeader title="Confiscations" />;
}
