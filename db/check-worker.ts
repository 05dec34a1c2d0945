/**
 * The worker thread of the automatic checks (db/record-check-run.ts): runs every check on its own
 * read-only connection and posts the report back. Nothing here writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useNativeBinding } from './open';
import { runChecks, type CheckJob } from './record-check-run';

const job = workerData as CheckJob;
useNativeBinding(job.nativeBinding);
parentPort?.postMessage(runChecks(job));
