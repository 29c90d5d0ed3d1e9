import { configFromEnv, openDatabase, type Database } from './index';

/**
 * The process's connection to the database, opened once at server start (hooks `init`).
 * It holds a connection pool, never request or user state.
 */
let opening: Promise<Database> | undefined;
let opened: Database | undefined;

export function startDatabase(): Promise<Database> {
	opening ??= openDatabase(configFromEnv()).then((d) => (opened = d));
	return opening;
}

export function database(): Database {
	if (!opened) throw new Error('The database is not open yet');
	return opened;
}

export async function stopDatabase(): Promise<void> {
	const d = opened ?? (await opening?.catch(() => undefined));
	opened = undefined;
	opening = undefined;
	await d?.close();
}
