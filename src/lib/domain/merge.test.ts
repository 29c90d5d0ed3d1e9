import { describe, expect, it } from 'vitest';
import { changedFields, mergeFields } from './merge';

describe('mergeFields', () => {
	it('lets the patch win field by field and keeps the rest', () => {
		expect(mergeFields({ title: 'Oud', why: 'Omdat' }, { title: 'Nieuw' })).toEqual({ title: 'Nieuw', why: 'Omdat' });
		expect(mergeFields(null, { title: 'Eerste' })).toEqual({ title: 'Eerste' });
	});

	it('two devices editing different fields both keep their edit, whatever the order', () => {
		const base = { title: 'Doel', why: '', successCriteria: '' };
		const phone = { why: 'Ik wil het snappen' };
		const laptop = { successCriteria: 'Ik kan het uitleggen' };
		const a = mergeFields(mergeFields(base, phone), laptop);
		const b = mergeFields(mergeFields(base, laptop), phone);
		expect(a).toEqual(b);
		expect(a).toEqual({ title: 'Doel', why: 'Ik wil het snappen', successCriteria: 'Ik kan het uitleggen' });
	});

	it('unites append-only log entries by id instead of overwriting them', () => {
		const base = { performance: [{ id: '1', note: 'maandag' }] };
		const merged = mergeFields(base, { performance: [{ id: '1', note: 'maandag' }, { id: '2', note: 'dinsdag' }] }, ['performance']);
		const again = mergeFields(merged, { performance: [{ id: '1', note: 'maandag' }, { id: '3', note: 'woensdag' }] }, ['performance']);
		expect((again.performance as { id: string }[]).map((e) => e.id)).toEqual(['1', '2', '3']);
		// Without the append-only rule the second device would have wiped entry 2.
		expect((mergeFields(merged, { performance: [{ id: '3' }] }).performance as unknown[]).length).toBe(1);
	});

	it('ignores undefined values in a patch', () => {
		expect(mergeFields({ a: 1 }, { a: undefined, b: 2 })).toEqual({ a: 1, b: 2 });
	});
});

describe('changedFields', () => {
	it('returns only what changed, comparing nested values by content', () => {
		expect(changedFields({ a: 1, b: [1, 2], c: { x: 1 } }, { a: 1, b: [1, 2, 3], c: { x: 1 } })).toEqual({ b: [1, 2, 3] });
		expect(changedFields(null, { a: 1 })).toEqual({ a: 1 });
	});
});
