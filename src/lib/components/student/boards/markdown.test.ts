import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('parseInline', () => {
	it('keeps plain text as it is, markup characters included', () => {
		expect(parseInline('Meet de bloeddruk <script>alert(1)</script> & noteer')).toEqual([
			{ kind: 'text', text: 'Meet de bloeddruk <script>alert(1)</script> & noteer' }
		]);
	});

	it('reads bold, italic and code', () => {
		expect(parseInline('Let **goed** op de *hygiëne* en `NaCl 0,9%`.')).toEqual([
			{ kind: 'text', text: 'Let ' },
			{ kind: 'strong', text: 'goed' },
			{ kind: 'text', text: ' op de ' },
			{ kind: 'em', text: 'hygiëne' },
			{ kind: 'text', text: ' en ' },
			{ kind: 'code', text: 'NaCl 0,9%' },
			{ kind: 'text', text: '.' }
		]);
	});

	it('does not take underscores inside words for italics', () => {
		expect(parseInline('bestand_naam_v2 en _echt_')).toEqual([
			{ kind: 'text', text: 'bestand_naam_v2 en ' },
			{ kind: 'em', text: 'echt' }
		]);
	});

	it('keeps http(s) links and bare addresses, nothing else', () => {
		expect(parseInline('Zie [de richtlijn](https://example.org/a?b=1) of https://example.org/x.')).toEqual([
			{ kind: 'text', text: 'Zie ' },
			{ kind: 'link', text: 'de richtlijn', href: 'https://example.org/a?b=1' },
			{ kind: 'text', text: ' of ' },
			{ kind: 'link', text: 'https://example.org/x', href: 'https://example.org/x' },
			{ kind: 'text', text: '.' }
		]);
		expect(parseInline('[klik](javascript:alert(1))')).toEqual([{ kind: 'text', text: '[klik](javascript:alert(1))' }]);
		expect(parseInline('[data](data:text/html,hoi)').every((p) => p.kind === 'text')).toBe(true);
	});
});

describe('parseMarkdown', () => {
	it('is empty for nothing', () => {
		expect(parseMarkdown('')).toEqual([]);
		expect(parseMarkdown(null)).toEqual([]);
		expect(parseMarkdown('\n\n  \n')).toEqual([]);
	});

	it('splits paragraphs on blank lines and keeps line breaks', () => {
		expect(parseMarkdown('Eerste regel\ntweede regel\r\n\r\nNieuwe alinea')).toEqual([
			{ kind: 'paragraph', content: [{ kind: 'text', text: 'Eerste regel' }, { kind: 'br' }, { kind: 'text', text: 'tweede regel' }] },
			{ kind: 'paragraph', content: [{ kind: 'text', text: 'Nieuwe alinea' }] }
		]);
	});

	it('reads headings, lists and quotes', () => {
		const blocks = parseMarkdown('## Wat ga je doen?\n- Lees\n* Oefen\n  met een klasgenoot\n\n1. Stap een\n2) Stap twee\n> Tip: vraag hulp');
		expect(blocks).toEqual([
			{ kind: 'heading', content: [{ kind: 'text', text: 'Wat ga je doen?' }] },
			{
				kind: 'list',
				ordered: false,
				start: 1,
				items: [
					[{ kind: 'text', text: 'Lees' }],
					[{ kind: 'text', text: 'Oefen' }, { kind: 'br' }, { kind: 'text', text: 'met een klasgenoot' }]
				]
			},
			{ kind: 'list', ordered: true, start: 1, items: [[{ kind: 'text', text: 'Stap een' }], [{ kind: 'text', text: 'Stap twee' }]] },
			{ kind: 'quote', content: [{ kind: 'text', text: 'Tip: vraag hulp' }] }
		]);
	});

	it('starts a numbered list where the coach starts it', () => {
		expect(parseMarkdown('3. derde\n4. vierde')[0]).toMatchObject({ kind: 'list', ordered: true, start: 3 });
	});

	it('ends a list at a line that is not indented', () => {
		expect(parseMarkdown('- een\nGewone tekst').map((b) => b.kind)).toEqual(['list', 'paragraph']);
	});

	it('switches list kind when bullets turn into numbers', () => {
		expect(parseMarkdown('- a\n1. b').map((b) => (b.kind === 'list' ? b.ordered : b.kind))).toEqual([false, true]);
	});

	it('drops horizontal rules', () => {
		expect(parseMarkdown('boven\n\n---\n\nonder').map((b) => b.kind)).toEqual(['paragraph', 'paragraph']);
	});

	it('does not take bold text at the start of a line for a bullet', () => {
		expect(parseMarkdown('**Let op:** handschoenen')[0]).toMatchObject({ kind: 'paragraph' });
	});
});
