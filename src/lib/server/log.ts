import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Structured one-line JSON logs. Never pass personal data (names, texts, tokens, paths with
 * free text) in `fields`: ids, codes, counts and timings only.
 *
 * Every line written while a request is handled carries that request's id (the same id the
 * client sees in the `x-request-id` header and in JSON error bodies), so one failing request
 * can be followed through the log without logging who made it.
 *
 * KOERS_LOG: `info` (default), `warn`, `error` or `silent`.
 */
type Fields = Record<string, unknown>;
type Level = 'info' | 'warn' | 'error';

const rank: Record<Level | 'silent', number> = { info: 0, warn: 1, error: 2, silent: 3 };
const requestContext = new AsyncLocalStorage<{ requestId: string }>();

let level: number | undefined;

/** KOERS_LOG, read once: reading the environment on every request's line cost ~1 % of a busy server. */
function threshold(): number {
	level ??= rank[(process.env.KOERS_LOG ?? 'info') as Level | 'silent'] ?? 0;
	return level;
}

function write(level: Level, msg: string, fields: Fields) {
	if (rank[level] < threshold()) return;
	const requestId = requestContext.getStore()?.requestId;
	const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...(requestId ? { requestId } : {}), ...fields });
	(level === 'error' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
	info: (msg: string, fields: Fields = {}) => write('info', msg, fields),
	warn: (msg: string, fields: Fields = {}) => write('warn', msg, fields),
	error: (msg: string, fields: Fields = {}) => write('error', msg, fields)
};

/** Runs `fn` with `requestId` attached to every log line it (and whatever it awaits) writes. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
	return requestContext.run({ requestId }, fn);
}

/** A database error's code (or the error's name): never its message, which may quote the data. */
export function errorCode(e: unknown): string {
	if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
	return e instanceof Error ? e.name : 'unknown';
}
