import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Everything a request can reach in `src/routes`, read from the sources at test time, so a new
 * route, endpoint method or form action shows up here without anyone listing it by hand.
 *
 * Operation keys:
 * - `GET /coach/needs` — a page (`+page.svelte`, with or without a server load);
 * - `POST /admin/users?/reset` — a named form action; `POST /login?/default` — the default action;
 * - `POST /api/sync`, `FALLBACK /api/[...rest]` — exported handlers of a `+server.ts`;
 * - `LAYOUT /student` — the load of a `+layout.server.ts`.
 */
export interface Operation {
	key: string;
	kind: 'page' | 'action' | 'endpoint' | 'layout';
	/** SvelteKit's route id, e.g. `/coach/students/[studentId=id]`. */
	routeId: string;
	method: string;
	/** For actions: the action's name (`default` for the default action). */
	action?: string;
	/** The page has a server `load` (pages and layouts). */
	hasServerLoad?: boolean;
	file: string;
}

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

function source(file: string): ts.SourceFile {
	return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function isExported(node: ts.Node): boolean {
	return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names exported by a module: `export const X`, `export function X`, `export { a as X }`. */
export function exportedNames(sf: ts.SourceFile): Map<string, ts.Expression | undefined> {
	const out = new Map<string, ts.Expression | undefined>();
	for (const st of sf.statements) {
		if (ts.isVariableStatement(st) && isExported(st)) {
			for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, d.initializer);
		} else if (ts.isFunctionDeclaration(st) && isExported(st) && st.name) {
			out.set(st.name.text, undefined);
		} else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
			for (const el of st.exportClause.elements) out.set(el.name.text, undefined);
		}
	}
	return out;
}

/** The keys of `export const actions = { a: ..., b() {...} }` (also through `satisfies`/`as`). */
export function actionNames(init: ts.Expression | undefined, file: string): string[] {
	let e = init;
	while (e && (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
	if (!e || !ts.isObjectLiteralExpression(e)) throw new Error(`${file}: \`actions\` is not an object literal; the matrix cannot read its action names`);
	return e.properties.map((p) => {
		if (ts.isShorthandPropertyAssignment(p)) return p.name.text;
		if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
		throw new Error(`${file}: an action with a computed name; the matrix cannot read it`);
	});
}

export function discoverOperations(routesDir = path.resolve('src/routes')): Operation[] {
	const ops: Operation[] = [];
	const walk = (dir: string) => {
		const rel = path.relative(routesDir, dir).split(path.sep).filter(Boolean);
		const routeId = '/' + rel.join('/');
		const has = (name: string) => existsSync(path.join(dir, name));
		const pageServer = ['+page.server.ts', '+page.server.js'].find(has);
		const pageAny = has('+page.svelte') || !!pageServer || has('+page.ts');
		if (pageAny) {
			const exports = pageServer ? exportedNames(source(path.join(dir, pageServer))) : new Map();
			const file = path.join(dir, pageServer ?? '+page.svelte');
			ops.push({ key: `GET ${routeId}`, kind: 'page', routeId, method: 'GET', hasServerLoad: exports.has('load'), file });
			if (exports.has('actions')) {
				for (const name of actionNames(exports.get('actions'), file)) {
					ops.push({ key: `POST ${routeId}?/${name}`, kind: 'action', routeId, method: 'POST', action: name, file });
				}
			}
		}
		const layoutServer = ['+layout.server.ts', '+layout.server.js'].find(has);
		if (layoutServer) {
			const file = path.join(dir, layoutServer);
			if (exportedNames(source(file)).has('load')) ops.push({ key: `LAYOUT ${routeId}`, kind: 'layout', routeId, method: 'GET', hasServerLoad: true, file });
		}
		const server = ['+server.ts', '+server.js'].find(has);
		if (server) {
			const file = path.join(dir, server);
			for (const name of exportedNames(source(file)).keys()) {
				if (!methods.includes(name)) continue;
				ops.push({ key: `${name.toUpperCase()} ${routeId}`, kind: 'endpoint', routeId, method: name.toUpperCase(), file });
			}
		}
		for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) walk(path.join(dir, entry.name));
	};
	walk(routesDir);
	return ops.sort((x, y) => x.key.localeCompare(y.key));
}

/** The URL path of a route id; `params` fills `[name=matcher]` and `[...rest]` segments; route groups `(x)` vanish. */
export function routePath(routeId: string, params: Record<string, string>): string {
	const parts = routeId
		.split('/')
		.filter((s) => s && !/^\(.+\)$/.test(s))
		.map((s) => {
			const m = /^\[(?:\.\.\.)?([^=\]]+)(?:=[^\]]+)?\]$/.exec(s);
			if (!m) {
				if (s.includes('[')) throw new Error(`Route segment ${s} is not supported by the matrix; give the entry a path`);
				return s;
			}
			const value = params[m[1]!];
			if (value === undefined) throw new Error(`No value for the parameter ${m[1]} of ${routeId}`);
			return value;
		});
	return '/' + parts.join('/');
}

/** The parameter names of a route id (`[groupId=id]` → `groupId`). */
export function routeParams(routeId: string): string[] {
	return [...routeId.matchAll(/\[(?:\.\.\.)?([^=\]]+)(?:=[^\]]+)?\]/g)].map((m) => m[1]!);
}
