// `npm start`: builds Koers when the build is missing or older than the sources, then serves it.
import { spawn } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';

if (!buildIfStale()) process.exit(1);

const port = process.env.PORT ?? '3000';
// adapter-node assumes https when ORIGIN is unset; a local start is plain http.
const env = { ...process.env, PORT: port, ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}` };
// scripts/serve.mjs runs build/index.js, in KOERS_WORKERS processes when asked (PostgreSQL).
const child = spawn(process.execPath, ['scripts/serve.mjs'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
