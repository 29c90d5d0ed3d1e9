import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '$lib/client/db';
import { attentionRows, contactsOf } from './rows';
import { looksLikeLabel } from '../needs/labels';

const rec = <E extends 'feedback' | 'checkIn'>(authorId: string, ownerId: string, createdAt: string, data: unknown) =>
	({ id: crypto.randomUUID(), data, server: null, rev: 1, ownerId, authorId, createdAt, syncedAt: createdAt, pending: 0 }) as unknown as LocalRecord<E>;

describe('attention rows', () => {
	it('takes only this coach’s feedback (about its owner) and check-ins (on their date)', () => {
		const contacts = contactsOf(
			'me',
			[rec('me', 's1', '2026-11-20T09:00:00.000Z', {}), rec('other', 's1', '2026-11-20T09:00:00.000Z', {})],
			[rec('me', 's2', '2026-11-01T09:00:00.000Z', { studentId: 's2', date: '2026-11-19' })]
		);
		expect(contacts).toEqual([
			{ studentId: 's1', at: '2026-11-20T09:00:00.000Z', kind: 'feedback' },
			{ studentId: 's2', at: '2026-11-19', kind: 'checkIn' }
		]);
	});

	it('puts the students with the least contact first, then by name', () => {
		const students = [
			{ id: 'a', displayName: 'Anna' },
			{ id: 'b', displayName: 'Bram' },
			{ id: 'c', displayName: 'Cas' }
		];
		const { rows } = attentionRows(students, [{ studentId: 'a', at: '2026-11-20', kind: 'checkIn' }], new Date(2026, 10, 23), 'fewest');
		expect(rows.map((r) => r.name)).toEqual(['Bram', 'Cas', 'Anna']);
		expect(rows[0]).toMatchObject({ noContact4w: true, lastContact: null });
	});
});

describe('looksLikeLabel', () => {
	it('spots labels, not needs', () => {
		expect(looksLikeLabel('Zwakke rekenaars')).toBe(true);
		expect(looksLikeLabel('zorgleerlingen')).toBe(true);
		expect(looksLikeLabel('Luisteren naar uitleg in stappen')).toBe(false);
		expect(looksLikeLabel('Domeinkennis verdiepen')).toBe(false);
		expect(looksLikeLabel('Probleemgedrag')).toBe(true);
		expect(looksLikeLabel('Meer zelfvertrouwen')).toBe(false);
		expect(looksLikeLabel('Rekenvaardigheid in de zorg')).toBe(false);
		expect(looksLikeLabel('Lazy students')).toBe(true);
	});
});
