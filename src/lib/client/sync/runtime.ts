/**
 * The device store's heavy part (Dexie, about 33 KB gzip, and the sync engine), loaded by the sync
 * manager once the page has painted, so that no page's first render waits for it.
 *
 * The same chunk is the sync worker: started as a module worker from `runtimeUrl`, it finds itself in
 * a dedicated worker and answers sync requests (`./worker`), loading nothing the page has not already.
 */
import { inDedicatedWorker } from './apply-changes';
export { yieldToMain } from './apply-changes';
import { serveSync } from './worker';

export { liveQuery } from 'dexie';
export { KoersDB, databaseName } from '../db';
export { httpTransport, SyncHttpError, syncOnce } from './engine';
export { SyncWorkerClient } from './worker';

/** This chunk's own address, to start it as the sync worker. */
export const runtimeUrl = import.meta.url;

if (inDedicatedWorker()) serveSync(globalThis as unknown as Parameters<typeof serveSync>[0]);
