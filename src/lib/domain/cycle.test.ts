import { describe, expect, it } from 'vitest';
import {
	advance,
	calibration,
	canAdvance,
	canGoBack,
	CycleTransitionError,
	goBack,
	marksOverTime,
	missingFor,
	nextCycleSeed,
	totalMinutes,
	type Cycle
} from './cycle';
import { cycleData } from './entities';
import { mergeFields } from './merge';

const goalId = '11111111-1111-4111-8111-111111111111';
const choiceId = '22222222-2222-4222-8222-222222222222';
const entryId = (n: number) => `33333333-3333-4333-8333-${String(n).padStart(12, '0')}`;

const forethought = { aim: 'Een bloeddruk meten bij een bewoner', ratingNow: 4, ratingTarget: 7, strategy: 'Eerst kijken bij mijn collega, dan zelf doen' };
const reflection = { howItWent: 'De tweede keer ging het goed', ratingAfter: 6, nextStep: 'De waarde goed rapporteren in het dossier' };
const logEntry = { id: entryId(1), at: '2025-11-03T09:00:00.000Z', minutes: 30, note: 'Twee keer gemeten met mijn collega' };

/** A cycle as the sync layer stores it: parsed by the entity schema, so it is a real `Cycle`. */
function cycle(data: Record<string, unknown>): Cycle {
	return cycleData.parse({ goalId, ...data });
}

/** Applies a patch the way the client and server do, and re-validates the result. */
function apply(c: Cycle, patch: Partial<Cycle>): Cycle {
	return cycleData.parse(mergeFields(c, patch, ['performance']));
}

describe('missingFor', () => {
	it('lists every required forethought field of a new cycle, in form order', () => {
		expect(missingFor(cycle({}), 'forethought')).toEqual(['aim', 'ratingNow', 'ratingTarget', 'strategy']);
	});

	it('treats a blank aim or strategy as missing, and time estimate and coach wish as optional', () => {
		const c = cycle({ forethought: { ...forethought, aim: '   ', strategy: '\n' } });
		expect(missingFor(c, 'forethought')).toEqual(['aim', 'strategy']);
		expect(missingFor(cycle({ forethought }), 'forethought')).toEqual([]);
		expect(missingFor(cycle({ forethought: { ...forethought, ratingTarget: null } }), 'forethought')).toEqual(['ratingTarget']);
	});

	it('needs one performance entry with a note or minutes', () => {
		expect(missingFor(cycle({}), 'performance')).toEqual(['performance']);
		const empty = { id: entryId(1), at: logEntry.at, minutes: 0, note: '  ' };
		expect(missingFor(cycle({ performance: [empty] }), 'performance')).toEqual(['performance']);
		expect(missingFor(cycle({ performance: [empty, { id: entryId(2), at: logEntry.at, minutes: 15 }] }), 'performance')).toEqual([]);
		expect(missingFor(cycle({ performance: [{ id: entryId(3), at: logEntry.at, note: 'Geoefend' }] }), 'performance')).toEqual([]);
	});

	it('needs how it went, a mark afterwards and a next step to finish the reflection', () => {
		expect(missingFor(cycle({}), 'reflection')).toEqual(['howItWent', 'ratingAfter', 'nextStep']);
		expect(missingFor(cycle({ reflection: { ...reflection, nextStep: '' } }), 'reflection')).toEqual(['nextStep']);
		expect(missingFor(cycle({ reflection }), 'reflection')).toEqual([]);
	});
});

describe('phase transitions', () => {
	it('walks a complete cycle from forethought to done', () => {
		let c = cycle({ forethought });
		expect(c.phase).toBe('forethought');
		c = apply(c, advance(c));
		expect(c.phase).toBe('performance');
		c = apply(c, { performance: [logEntry] });
		c = apply(c, advance(c));
		expect(c.phase).toBe('reflection');
		c = apply(c, { reflection });
		c = apply(c, advance(c));
		expect(c.phase).toBe('done');
		expect(canAdvance(c)).toEqual({ ok: false, missing: [] });
	});

	it('patches only the phase, so nothing the student wrote is touched', () => {
		const c = cycle({ forethought, performance: [logEntry], phase: 'performance' });
		expect(advance(c)).toEqual({ phase: 'reflection' });
		expect(goBack(c)).toEqual({ phase: 'forethought' });
		expect(apply(c, goBack(c)).performance).toEqual([logEntry]);
	});

	it('refuses to advance an incomplete phase and says what is missing', () => {
		const c = cycle({ forethought: { aim: 'Bloeddruk meten', ratingNow: 4 } });
		expect(canAdvance(c)).toEqual({ ok: false, missing: ['ratingTarget', 'strategy'] });
		expect(() => advance(c)).toThrowError(CycleTransitionError);
		try {
			advance(c);
		} catch (e) {
			expect(e).toMatchObject({ code: 'cycle_incomplete', missing: ['ratingTarget', 'strategy'] });
		}
		expect(canAdvance(cycle({ forethought, phase: 'performance' }))).toEqual({ ok: false, missing: ['performance'] });
	});

	it('does not let a later phase skip an earlier one that was emptied', () => {
		const c = cycle({ forethought: { ...forethought, aim: '' }, performance: [logEntry], reflection, phase: 'reflection' });
		expect(canAdvance(c)).toEqual({ ok: false, missing: ['aim'] });
	});

	it('lets a student go back one phase, but not before forethought or after done', () => {
		expect(canGoBack(cycle({ phase: 'forethought' }))).toBe(false);
		expect(canGoBack(cycle({ phase: 'performance' }))).toBe(true);
		expect(canGoBack(cycle({ phase: 'reflection' }))).toBe(true);
		expect(canGoBack(cycle({ phase: 'done' }))).toBe(false);
		expect(goBack(cycle({ phase: 'reflection' }))).toEqual({ phase: 'performance' });
		expect(() => goBack(cycle({ phase: 'forethought' }))).toThrowError('cycle_at_start');
		expect(() => goBack(cycle({ phase: 'done' }))).toThrowError('cycle_done');
		expect(() => advance(cycle({ forethought, performance: [logEntry], reflection, phase: 'done' }))).toThrowError('cycle_done');
	});
});

describe('nextCycleSeed', () => {
	it('starts the next cycle from the last reflection: next step becomes the aim, mark after becomes mark now', () => {
		const previous = { id: '44444444-4444-4444-8444-444444444444', data: cycle({ choiceId, forethought, performance: [logEntry], reflection, phase: 'done' }) };
		const seed = nextCycleSeed(previous);
		expect(seed).toEqual({
			phase: 'forethought',
			previousCycleId: previous.id,
			goalId,
			choiceId,
			forethought: { aim: 'De waarde goed rapporteren in het dossier', ratingNow: 6 }
		});
		// the seed is a valid new cycle that still needs a target and a strategy
		const next = cycleData.parse(seed);
		expect(missingFor(next, 'forethought')).toEqual(['ratingTarget', 'strategy']);
	});

	it('leaves out what the previous cycle did not have', () => {
		const previous = { id: '55555555-5555-4555-8555-555555555555', data: cycle({ reflection: { nextStep: '  ', ratingAfter: null } }) };
		expect(nextCycleSeed(previous)).toEqual({ phase: 'forethought', previousCycleId: previous.id, goalId, forethought: {} });
	});
});

describe('totalMinutes', () => {
	it('adds the minutes of every log entry, skipping entries without minutes', () => {
		const c = cycle({
			performance: [logEntry, { id: entryId(2), at: logEntry.at, note: 'Alleen een notitie' }, { id: entryId(3), at: logEntry.at, minutes: 45 }]
		});
		expect(totalMinutes(c)).toBe(75);
		expect(totalMinutes(cycle({}))).toBe(0);
	});
});

describe('marksOverTime', () => {
	const records = [
		{ id: 'c3', createdAt: '2025-12-01T10:00:00.000Z', data: cycle({ forethought: { ratingNow: 6, ratingTarget: 8 } }) },
		{ id: 'c1', createdAt: '2025-10-01T10:00:00.000Z', data: cycle({ forethought, reflection, coachRating: 5 }) },
		{ id: 'c2', createdAt: '2025-11-01T10:00:00+01:00', data: cycle({ forethought: { ratingNow: 5 }, reflection: { ratingAfter: 7 } }) },
		{ id: 'c0', createdAt: '2025-11-15T10:00:00.000Z', data: cycle({ forethought: { aim: 'Nog geen cijfers' } }) }
	];

	it('plots own and coach marks per cycle, oldest first, leaving out marks not given', () => {
		expect(marksOverTime(records)).toEqual([
			{ cycleId: 'c1', at: '2025-10-01T10:00:00.000Z', now: 4, target: 7, after: 6, coach: 5 },
			{ cycleId: 'c2', at: '2025-11-01T10:00:00+01:00', now: 5, after: 7 },
			{ cycleId: 'c3', at: '2025-12-01T10:00:00.000Z', now: 6, target: 8 }
		]);
	});

	it('orders by the moment, not the text, and keeps equal moments in a stable order', () => {
		const a = { id: 'a', createdAt: '2025-11-01T10:30:00+02:00', data: cycle({ coachRating: 6 }) }; // 08:30Z
		const b = { id: 'b', createdAt: '2025-11-01T09:00:00.000Z', data: cycle({ coachRating: 7 }) };
		const c = { id: 'c', createdAt: '2025-11-01T09:00:00.000Z', data: cycle({ coachRating: 8 }) };
		expect(marksOverTime([c, b, a]).map((p) => p.cycleId)).toEqual(['a', 'b', 'c']);
		expect(marksOverTime([])).toEqual([]);
	});
});

describe('calibration', () => {
	it('is the mean of own mark after minus the coach mark, over cycles that have both', () => {
		const cycles = [
			{ data: cycle({ reflection: { ratingAfter: 8 }, coachRating: 6 }) }, // +2
			{ data: cycle({ reflection: { ratingAfter: 7 }, coachRating: 6 }) }, // +1
			{ data: cycle({ reflection: { ratingAfter: 9 } }) }, // no coach mark
			{ data: cycle({ coachRating: 3 }) } // no own mark
		];
		expect(calibration(cycles)).toEqual({ gap: 1.5, n: 2 });
	});

	it('is negative when the student rates themselves lower than the coach', () => {
		const cycles = [
			{ data: cycle({ reflection: { ratingAfter: 5 }, coachRating: 7 }) },
			{ data: cycle({ reflection: { ratingAfter: 6 }, coachRating: 6 }) },
			{ data: cycle({ reflection: { ratingAfter: 6 }, coachRating: 7 }) }
		];
		expect(calibration(cycles)).toEqual({ gap: -1, n: 3 });
	});

	it('has no gap without any pair of marks, and rounds to two decimals', () => {
		expect(calibration([])).toEqual({ gap: null, n: 0 });
		expect(calibration([{ data: cycle({ reflection: { ratingAfter: 7 } }) }])).toEqual({ gap: null, n: 0 });
		const thirds = [1, 0, 0].map((d) => ({ data: cycle({ reflection: { ratingAfter: 5 + d }, coachRating: 5 }) }));
		expect(calibration(thirds)).toEqual({ gap: 0.33, n: 3 });
	});
});
