/**
 * The device store's heavy part (Dexie, about 33 KB gzip, and the sync engine), loaded by the sync
 * manager once the page has painted, so that no page's first render waits for it.
 */
export { liveQuery } from 'dexie';
export { KoersDB, databaseName } from '../db';
export { httpTransport, SyncHttpError, syncOnce } from './engine';
