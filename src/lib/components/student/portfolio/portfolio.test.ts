import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syncLimits } from '$lib/domain/sync';
import {
	attachmentLimits,
	attachmentsOf,
	bytesToBase64,
	cleanName,
	dataUrlToBlob,
	fitWithin,
	fitsNextTo,
	formatSize,
	looksLikePdf,
	precheck,
	type PortfolioAttachment
} from './attachments';
import { changedFields, chosenItems, coreTasksOf, excerpt, linkLabel, parseLinks, reflectionsOf } from './portfolio';

const file = (size: number, type = 'image/jpeg'): PortfolioAttachment => ({ id: randomUUID(), name: 'x.jpg', type, size });

describe('attachment limits', () => {
	it('refuses a PDF over 500 kB and anything that is not a photo or a PDF, before reading it', () => {
		expect(precheck({ name: 'verslag.pdf', type: 'application/pdf', size: 500_000 })).toBeNull();
		expect(precheck({ name: 'verslag.pdf', type: 'application/pdf', size: 500_001 })).toEqual({ code: 'pdf_too_large', size: 500_001 });
		expect(precheck({ name: 'verslag.pdf', type: '', size: 600_000 })).toMatchObject({ code: 'pdf_too_large' });
		expect(precheck({ name: 'foto.heic', type: 'image/heic', size: 3_000_000 })).toBeNull();
		expect(precheck({ name: 'notities.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 })).toEqual({ code: 'wrong_type' });
	});

	it('keeps at most 5 files and 650 kB together in one entry', () => {
		expect(fitsNextTo([file(200_000), file(200_000)], 250_000)).toBeNull();
		expect(fitsNextTo([file(200_000), file(200_000)], 250_001)).toEqual({ code: 'total_too_large', size: 650_001 });
		expect(fitsNextTo([1, 2, 3, 4, 5].map(() => file(10)), 10)).toEqual({ code: 'too_many' });
	});

	it('a fullest possible evidence record still fits in one sync request', () => {
		// 650 kB of files in the worst split (more files = more overhead), the longest text, 20 of the longest links.
		const per = Math.floor(attachmentLimits.totalBytes / attachmentLimits.files);
		const attachments = Array.from({ length: attachmentLimits.files }, () => ({
			id: randomUUID(),
			name: 'ü'.repeat(200),
			type: 'application/pdf',
			size: per,
			dataUrl: `data:application/pdf;base64,${'A'.repeat(Math.ceil(per / 3) * 4)}`
		}));
		const op = {
			opId: randomUUID(),
			entity: 'evidence',
			id: randomUUID(),
			action: 'put',
			at: new Date().toISOString(),
			data: {
				title: 'ü'.repeat(200),
				// Quotes are escaped in JSON (2 bytes each): the worst plain character.
				body: '"'.repeat(20_000),
				links: Array.from({ length: 20 }, (_, i) => `https://example.org/${i}/${'a'.repeat(1970)}`),
				attachments,
				goalIds: Array.from({ length: 50 }, () => randomUUID()),
				itemIds: Array.from({ length: 50 }, () => randomUUID()),
				workProcessIds: Array.from({ length: 50 }, () => 'B1-K1-W1'.padEnd(40, 'x')),
				visibility: 'coach'
			}
		};
		const bytes = Buffer.byteLength(JSON.stringify({ cursor: 'v1.123456.abcdefghijklmnop', ops: [op] }));
		expect(bytes).toBeLessThan(syncLimits.maxBytes);
	});

	it('recognises a PDF by its first bytes, and turns bytes into a data URL and back', () => {
		const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n');
		expect(looksLikePdf(pdf)).toBe(true);
		expect(looksLikePdf(new TextEncoder().encode('PK\u0003\u0004'))).toBe(false);
		const big = new Uint8Array(100_000).map((_, i) => i % 251);
		expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
		const blob = dataUrlToBlob(`data:application/pdf;base64,${bytesToBase64(pdf)}`);
		expect(blob.type).toBe('application/pdf');
		expect(blob.size).toBe(pdf.length);
	});

	it('fits a photo within the longest side, never making it larger', () => {
		expect(fitWithin(4032, 3024, 1600)).toEqual({ width: 1600, height: 1200 });
		expect(fitWithin(3024, 4032, 1600)).toEqual({ width: 1200, height: 1600 });
		expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
	});

	it('keeps only the name of a file, at most 200 characters, with its extension', () => {
		expect(cleanName('C:\\Users\\fatima\\Foto 1.jpg')).toBe('Foto 1.jpg');
		const long = cleanName(`${'a'.repeat(300)}.pdf`);
		expect(long).toHaveLength(200);
		expect(long.endsWith('.pdf')).toBe(true);
	});

	it('shows sizes the way a phone does', () => {
		expect(formatSize(512_000, 'nl')).toBe('512 kB');
		expect(formatSize(1_200_000, 'nl')).toBe('1,2 MB');
		expect(formatSize(1_200_000, 'en')).toBe('1.2 MB');
	});

	it('reads attachments with or without their file data', () => {
		const id = randomUUID();
		expect(attachmentsOf({ attachments: [{ id, name: 'a.jpg', type: 'image/jpeg', size: 3 }] })).toEqual([{ id, name: 'a.jpg', type: 'image/jpeg', size: 3 }]);
		expect(attachmentsOf({ attachments: [{ id, name: 'a.jpg', type: 'image/jpeg', size: 3, dataUrl: 'data:image/jpeg;base64,AAAA' }] })[0]!.dataUrl).toBe('data:image/jpeg;base64,AAAA');
		expect(attachmentsOf({})).toEqual([]);
	});
});

describe('links', () => {
	it('takes one link per line, adds https:// to www.…, and names the lines that are not links', () => {
		expect(parseLinks('https://www.zorgwijzer.nl/a\n\n  www.youtube.com/watch?v=1  \nhttps://www.zorgwijzer.nl/a\nmijn verslag\njavascript:alert(1)')).toEqual({
			links: ['https://www.zorgwijzer.nl/a', 'https://www.youtube.com/watch?v=1'],
			bad: ['mijn verslag', 'javascript:alert(1)']
		});
		expect(linkLabel('https://www.zorgwijzer.nl/')).toBe('zorgwijzer.nl');
	});
});

describe('texts and changes', () => {
	it('cuts a long text at a word', () => {
		expect(excerpt('kort')).toEqual({ text: 'kort', cut: false });
		const long = excerpt('woord '.repeat(100), 50);
		expect(long.cut).toBe(true);
		expect(long.text).toMatch(/woord…$/);
		expect(long.text.length).toBeLessThanOrEqual(51);
	});

	it('saves only the fields that changed', () => {
		const before = { title: 'a', body: 'b', links: ['https://x.nl'], goalIds: [] as string[] };
		expect(changedFields(before, { ...before, body: 'c' })).toEqual({ body: 'c' });
		expect(changedFields(before, { ...before, links: ['https://x.nl'] })).toEqual({});
		expect(changedFields(before, { ...before, goalIds: ['g'] })).toEqual({ goalIds: ['g'] });
	});
});

describe('qualification, items and reflections', () => {
	it('lists every work process once under its core task', () => {
		const q = (coreTasks: { code: string; title: string; workProcesses: { code: string; title: string }[] }[]) => ({ data: { title: 'Helpende Zorg en Welzijn', coreTasks } });
		const groups = coreTasksOf([
			q([{ code: 'B1-K1', title: 'Ondersteunt bij zorg', workProcesses: [{ code: 'B1-K1-W1', title: 'Biedt persoonlijke verzorging' }] }]),
			q([{ code: 'B1-K1', title: 'Ondersteunt bij zorg', workProcesses: [{ code: 'B1-K1-W1', title: 'dubbel' }, { code: 'B1-K1-W2', title: 'Signaleert' }] }])
		]);
		expect(groups.flatMap((g) => g.workProcesses.map((w) => w.code))).toEqual(['B1-K1-W1', 'B1-K1-W2']);
	});

	it('offers the items the student picked, not dropped ones', () => {
		const [i1, i2, i3] = [randomUUID(), randomUUID(), randomUUID()];
		const items = [i1, i2, i3].map((id, n) => ({ id, data: { boardId: randomUUID(), title: `Opdracht ${n + 1}`, level: 'basis', type: 'practice' as const, required: false } }));
		const choice = (itemId: string, status: 'planned' | 'dropped') => ({ data: { itemId, status } });
		expect(chosenItems([choice(i1, 'planned'), choice(i2, 'dropped'), choice(i1, 'planned')], items)).toEqual([{ id: i1, title: 'Opdracht 1' }]);
	});

	it('shows completed cycles with a reflection, with the goal’s title or the picked item’s title', () => {
		const goal = { id: randomUUID(), data: { title: 'Overdracht geven', status: 'active' as const } };
		const itemId = randomUUID();
		const item = { id: itemId, data: { boardId: randomUUID(), title: 'Vochtbalans berekenen', level: 'basis', type: 'practice' as const, required: false } };
		const choice = { id: randomUUID(), data: { itemId, status: 'done' as const } };
		const cycle = (createdAt: string, data: Record<string, unknown>) => ({ id: randomUUID(), createdAt, data: { phase: 'done' as const, ...data } });
		const out = reflectionsOf(
			[
				cycle('2025-10-01T10:00:00Z', { goalId: goal.id, forethought: { ratingNow: 5 }, reflection: { howItWent: 'Beter dan gedacht', ratingAfter: 7 } }),
				cycle('2025-11-01T10:00:00Z', { choiceId: choice.id, reflection: { whatWorked: 'Rekenen met een collega' } }),
				cycle('2025-11-02T10:00:00Z', { goalId: goal.id, reflection: { howItWent: '' } }),
				{ ...cycle('2025-11-03T10:00:00Z', { goalId: goal.id, reflection: { howItWent: 'nog bezig' } }), data: { goalId: goal.id, phase: 'reflection' as const, reflection: { howItWent: 'nog bezig' } } }
			],
			[goal],
			[choice],
			[item]
		);
		expect(out.map((r) => [r.about, r.ratingBefore, r.ratingAfter])).toEqual([
			['Vochtbalans berekenen', null, null],
			['Overdracht geven', 5, 7]
		]);
	});
});
