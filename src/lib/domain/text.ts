/**
 * Text a database cannot store: a NUL character, or half of a surrogate pair. JSON and form posts
 * allow them; PostgreSQL refuses them in `text` and `jsonb` and would fail the whole transaction.
 * No one types these; they are refused as invalid input wherever text comes in.
 */
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
	return !unstorable.test(text);
}

/**
 * The path (`data.notes`, `items[1].title`; `''` for the value itself) of the first string or key in
 * `value` that cannot be stored, or null when there is none. Iterative, so deep nesting cannot
 * overflow the stack.
 */
export function unstorableTextAt(value: unknown): string | null {
	const stack: [unknown, string][] = [[value, '']];
	while (stack.length) {
		const [v, path] = stack.pop()!;
		if (typeof v === 'string') {
			if (unstorable.test(v)) return path;
		} else if (Array.isArray(v)) {
			for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
		} else if (v && typeof v === 'object') {
			for (const [k, item] of Object.entries(v).reverse()) {
				const at = path ? `${path}.${k}` : k;
				if (unstorable.test(k)) return at;
				stack.push([item, at]);
			}
		}
	}
	return null;
}
