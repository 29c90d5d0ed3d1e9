// Builds messages/<locale>.json (what Paraglide compiles) from messages/parts/<area>.<locale>.json,
// so each area keeps its own texts. Fails on a key defined twice or missing in a locale.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = 'messages/parts';
const locales = ['nl', 'en'];
const merged = Object.fromEntries(locales.map((l) => [l, { $schema: 'https://inlang.com/schema/inlang-message-format' }]));
const origin = Object.fromEntries(locales.map((l) => [l, {}]));
let problems = [];
for (const file of readdirSync(dir).sort()) {
	const match = /^(.+)\.(nl|en)\.json$/.exec(file);
	if (!match) continue;
	const [, area, locale] = match;
	const data = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
	for (const [key, value] of Object.entries(data)) {
		if (key === '$schema') continue;
		if (key in merged[locale]) problems.push(`${key} is defined in both ${origin[locale][key]} and ${area} (${locale})`);
		merged[locale][key] = value;
		origin[locale][key] = area;
	}
}
for (const key of Object.keys(merged.nl)) if (!(key in merged.en)) problems.push(`${key} has no English text`);
for (const key of Object.keys(merged.en)) if (!(key in merged.nl)) problems.push(`${key} has no Dutch text`);
if (problems.length) {
	console.error(`Message problems:\n  ${problems.join('\n  ')}`);
	process.exit(1);
}
for (const locale of locales) writeFileSync(`messages/${locale}.json`, JSON.stringify(merged[locale], null, '\t') + '\n');
