type Data = Record<string, unknown>;

/**
 * Merges a patch into a record field by field: fields in the patch win, others stay. Append-only
 * array fields (entries with an `id`) are united instead, so two devices that each added a log entry
 * keep both. Used by the server in arrival order and by the client to show pending edits.
 */
export function mergeFields(base: Data | null | undefined, patch: Data, appendOnly: readonly string[] = []): Data {
	const out: Data = { ...(base ?? {}) };
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) continue;
		if (appendOnly.includes(key) && Array.isArray(value) && Array.isArray(out[key])) {
			out[key] = unionById(out[key] as unknown[], value);
		} else {
			out[key] = value;
		}
	}
	return out;
}

function unionById(a: unknown[], b: unknown[]): unknown[] {
	const seen = new Set<unknown>();
	const out: unknown[] = [];
	for (const entry of [...a, ...b]) {
		const id = entry && typeof entry === 'object' && 'id' in entry ? (entry as { id: unknown }).id : JSON.stringify(entry);
		if (seen.has(id)) continue;
		seen.add(id);
		out.push(entry);
	}
	return out;
}

/** The fields of `next` that differ from `prev`: what an edit sends as its patch. */
export function changedFields(prev: Data | null | undefined, next: Data): Data {
	const out: Data = {};
	for (const [key, value] of Object.entries(next)) {
		if (JSON.stringify(prev?.[key]) !== JSON.stringify(value)) out[key] = value;
	}
	return out;
}
