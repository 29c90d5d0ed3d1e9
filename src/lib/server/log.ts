/** Structured one-line JSON logs. Never pass personal data (names, texts, tokens) in `fields`. */
type Fields = Record<string, unknown>;

function write(level: 'info' | 'warn' | 'error', msg: string, fields: Fields) {
	if (process.env.KOERS_LOG === 'silent') return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
	(level === 'error' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
	info: (msg: string, fields: Fields = {}) => write('info', msg, fields),
	warn: (msg: string, fields: Fields = {}) => write('warn', msg, fields),
	error: (msg: string, fields: Fields = {}) => write('error', msg, fields)
};
