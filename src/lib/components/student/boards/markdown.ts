/**
 * A small, safe reading of the Markdown that coaches write in an item's instructions: paragraphs,
 * headings, bullet and numbered lists, quotes, **bold**, *italic*, `code`, [links](https://…) and bare
 * web addresses. It returns plain data that components render with text interpolation only (never
 * `{@html}`), so nothing a coach types can run as code. Links are kept only for http(s) addresses.
 */

export type Inline =
	| { kind: 'text'; text: string }
	| { kind: 'strong'; text: string }
	| { kind: 'em'; text: string }
	| { kind: 'code'; text: string }
	| { kind: 'link'; text: string; href: string }
	| { kind: 'br' };

export type Block =
	| { kind: 'paragraph'; content: Inline[] }
	| { kind: 'heading'; content: Inline[] }
	| { kind: 'quote'; content: Inline[] }
	| { kind: 'list'; ordered: boolean; start: number; items: Inline[][] };

const bullet = /^\s{0,3}[-*+]\s+(.*)$/;
const numbered = /^\s{0,3}(\d{1,4})[.)]\s+(.*)$/;
const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const quote = /^\s{0,3}>\s?(.*)$/;
const rule = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

const inlinePattern =
	/\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])|\*([^*\s](?:[^*]*[^*\s])?)\*|(?<![\p{L}\p{N}])_([^_\s](?:[^_]*[^_\s])?)_(?![\p{L}\p{N}])/gu;

/** Inline marks of one line of text. */
export function parseInline(text: string): Inline[] {
	const out: Inline[] = [];
	const push = (piece: Inline) => {
		const last = out[out.length - 1];
		if (piece.kind === 'text' && last?.kind === 'text') last.text += piece.text;
		else if (piece.kind !== 'text' || piece.text) out.push(piece);
	};
	let at = 0;
	for (const m of text.matchAll(inlinePattern)) {
		const index = m.index ?? 0;
		push({ kind: 'text', text: text.slice(at, index) });
		if (m[1] ?? m[2]) push({ kind: 'strong', text: (m[1] ?? m[2])! });
		else if (m[3]) push({ kind: 'code', text: m[3] });
		else if (m[4] && m[5]) push({ kind: 'link', text: m[4], href: m[5] });
		else if (m[6]) push({ kind: 'link', text: m[6], href: m[6] });
		else if (m[7] ?? m[8]) push({ kind: 'em', text: (m[7] ?? m[8])! });
		at = index + m[0].length;
	}
	push({ kind: 'text', text: text.slice(at) });
	return out;
}

/** Joins lines of one paragraph, keeping the coach's line breaks. */
function lines(parts: string[]): Inline[] {
	const out: Inline[] = [];
	parts.forEach((line, i) => {
		if (i > 0) out.push({ kind: 'br' });
		out.push(...parseInline(line.trim()));
	});
	return out;
}

export function parseMarkdown(source: string | null | undefined): Block[] {
	if (!source) return [];
	const blocks: Block[] = [];
	let paragraph: string[] = [];
	let quoteLines: string[] = [];
	let list: { ordered: boolean; start: number; items: string[][] } | null = null;

	const flush = () => {
		if (paragraph.length) blocks.push({ kind: 'paragraph', content: lines(paragraph) });
		if (quoteLines.length) blocks.push({ kind: 'quote', content: lines(quoteLines) });
		if (list) blocks.push({ kind: 'list', ordered: list.ordered, start: list.start, items: list.items.map((item) => lines(item)) });
		paragraph = [];
		quoteLines = [];
		list = null;
	};

	for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
		const line = raw.replace(/\t/g, '    ');
		if (!line.trim()) {
			flush();
			continue;
		}
		let m: RegExpExecArray | null;
		if ((m = heading.exec(line))) {
			flush();
			blocks.push({ kind: 'heading', content: parseInline(m[1]!) });
		} else if (rule.test(line)) {
			flush();
		} else if ((m = bullet.exec(line)) || (m = numbered.exec(line))) {
			const ordered = m.length === 3;
			const text = (ordered ? m[2] : m[1])!;
			if (!list || list.ordered !== ordered) {
				flush();
				list = { ordered, start: ordered ? Number(m[1]) : 1, items: [] };
			}
			list.items.push([text]);
		} else if ((m = quote.exec(line))) {
			if (!quoteLines.length) flush();
			quoteLines.push(m[1]!);
		} else if (list && /^\s{2,}\S/.test(line)) {
			// An indented line continues the last list item.
			list.items[list.items.length - 1]!.push(line.trim());
		} else {
			if (list || quoteLines.length) flush();
			paragraph.push(line);
		}
	}
	flush();
	return blocks;
}
