// Worker bootstrap used when the app runs from TypeScript sources (tsx, vitest): worker threads do
// not inherit the main thread's loader hooks on Node 20, so this registers tsx before loading the
// TypeScript worker module named in workerData.entry. Plain JS so that Node can load it unaided.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
