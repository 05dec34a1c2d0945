// The check worker (db/check-worker.ts) under tsx, for the tests and the browser preview: a worker
// thread does not take the parent's `--import tsx`, so it registers the loader itself.
import { register } from 'tsx/esm/api';

register();
await import('../../db/check-worker.ts');
