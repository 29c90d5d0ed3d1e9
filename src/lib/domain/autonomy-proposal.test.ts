import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	calibrationReason,
	plansKept,
	proposeAutonomy,
	recentCycles,
	reflectionsComplete,
	type ProposalChoice,
	type AutonomyLevelName
} from './autonomy-proposal';
import { addWeeks, isoWeek, paceStatus, weekDays } from './pace';
import type { Cycle } from './cycle';
import { choiceStatuses, cyclePhases } from './constants';

/** Monday 23 November 2026, week 48. */
const today = new Date(2026, 10, 23, 12, 0, 0);
const thisWeek = isoWeek(today);
const week = (offset: number) => addWeeks(thisWeek, offset);
/** A date-time on the Wednesday of the week `offset` weeks from now. */
const wednesday = (offset: number) => new Date(Date.parse(`${weekDays(week(offset)).start}T12:00:00`) + 2 * 86_400_000).toISOString();

const kept = (offset: number): ProposalChoice => ({ status: 'done', plannedWeek: week(offset), doneAt: wednesday(offset) });
const late = (offset: number, doneOffset: number): ProposalChoice => ({ status: 'done', plannedWeek: week(offset), doneAt: wednesday(doneOffset) });
const missed = (offset: number): ProposalChoice => ({ status: 'planned', plannedWeek: week(offset) });

const reflection = { howItWent: 'Ging goed', ratingAfter: 7, nextStep: 'Verder met de volgende stap' };
const done = (after: number | null, coach: number | null, complete = true): Cycle => ({
	choiceId: '00000000-0000-4000-8000-000000000001',
	phase: 'done',
	reflection: complete ? { ...reflection, ...(after === null ? {} : { ratingAfter: after }) } : { howItWent: 'kort' },
	...(coach === null ? {} : { coachRating: coach })
});

describe('plansKept', () => {
	it('counts picks of weeks that are over, done in their week or earlier', () => {
		const r = plansKept([kept(-1), kept(-2), late(-3, -1), missed(-4), { status: 'done', plannedWeek: week(-2), doneAt: wednesday(-3) }], today);
		expect(r).toMatchObject({ kind: 'plansKept', hits: 3, n: 5, value: 0.6, signal: 'fair' });
	});

	it('leaves out this week, future weeks, dropped and unplanned picks, and picks older than the window', () => {
		const r = plansKept(
			[missed(0), missed(2), { status: 'dropped', plannedWeek: week(-1) }, { status: 'planned', plannedWeek: null }, missed(-7), kept(-6)],
			today
		);
		expect(r).toMatchObject({ n: 1, hits: 1, signal: 'unknown' });
	});

	it('counts a done pick without a date as kept', () => {
		expect(plansKept([{ status: 'done', plannedWeek: week(-1) }, kept(-2)], today)).toMatchObject({ hits: 2, n: 2, signal: 'good' });
	});

	it('says unknown with nothing to go on', () => {
		expect(plansKept([], today)).toMatchObject({ kind: 'plansKept', signal: 'unknown', value: null, hits: 0, n: 0, late: 0, open: 0 });
	});

	it('says the pace the dashboard shows beside the picks done late: caught up, none on time', () => {
		// Kevin planned three picks in the last three weeks and did all three this week.
		const kevin = [late(-3, 0), late(-2, 0), late(-1, 0)];
		expect(paceStatus({ choices: kevin, today }).status).toBe('onTrack');
		expect(plansKept(kevin, today)).toMatchObject({ hits: 0, n: 3, late: 3, open: 0, pace: 'onTrack', signal: 'poor' });
	});

	it('counts an unplanned pick from the end of the board period, as the dashboard does', () => {
		const period = { periodStart: weekDays(week(-5)).start, periodEnd: weekDays(week(-1)).start };
		const r = plansKept([{ status: 'planned', plannedWeek: null }, kept(-2)], today, period);
		expect(r).toMatchObject({ n: 2, hits: 1, open: 1, pace: paceStatus({ choices: [{ status: 'planned', plannedWeek: null }, kept(-2)], today, ...period }).status });
	});

	it('always reports the same pace as paceStatus, and due = on time + late + open', () => {
		const choice = fc.record({
			status: fc.constantFrom(...choiceStatuses),
			plannedWeek: fc.option(fc.integer({ min: -9, max: 3 }).map(week), { nil: null }),
			doneAt: fc.option(fc.integer({ min: -9, max: 0 }).map(wednesday), { nil: null })
		});
		fc.assert(
			fc.property(fc.array(choice, { maxLength: 12 }), fc.integer({ min: -8, max: 2 }), (choices, end) => {
				const period = { periodStart: weekDays(week(-8)).start, periodEnd: weekDays(week(end)).start };
				const r = plansKept(choices, today, period);
				expect(r.pace).toBe(paceStatus({ choices, today, ...period }).status);
				expect(r.hits + (r.late ?? 0) + (r.open ?? 0)).toBe(r.n);
			})
		);
	});
});

describe('reflectionsComplete', () => {
	it('looks only at finished cycles, the most recent ones', () => {
		const old = Array.from({ length: 4 }, () => done(6, 6, false));
		const recent = Array.from({ length: recentCycles }, () => done(7, 7));
		const open: Cycle = { goalId: '00000000-0000-4000-8000-000000000002', phase: 'reflection' };
		expect(reflectionsComplete([...old, ...recent, open])).toMatchObject({ hits: recentCycles, n: recentCycles, value: 1, signal: 'good' });
		expect(reflectionsComplete([done(7, 7), done(7, 7, false), done(7, 7, false)])).toMatchObject({ hits: 1, n: 3, signal: 'poor' });
	});
});

describe('calibrationReason', () => {
	it('is good within one mark, fair in between, poor from two marks either way', () => {
		expect(calibrationReason([done(8, 7), done(7, 7)]).signal).toBe('good');
		expect(calibrationReason([done(8, 7), done(9, 7)]).signal).toBe('fair');
		expect(calibrationReason([done(9, 7), done(9, 7)])).toMatchObject({ signal: 'poor', value: 2, n: 2 });
		expect(calibrationReason([done(5, 7), done(5, 7)])).toMatchObject({ signal: 'poor', value: -2 });
	});

	it('needs at least two cycles with both marks', () => {
		expect(calibrationReason([done(9, 5)])).toMatchObject({ signal: 'unknown', n: 1, value: 4 });
		expect(calibrationReason([done(7, null), done(7, null)])).toMatchObject({ signal: 'unknown', n: 0, value: null });
	});
});

describe('proposeAutonomy', () => {
	it('Daan: keeps his plans, reflects fully, judges himself as the coach does → stays self-directed', () => {
		const p = proposeAutonomy({
			current: 'selfDirected',
			choices: [kept(-1), kept(-2), kept(-3), { status: 'inProgress', plannedWeek: week(0) }],
			cycles: [done(8, 8), done(7, 8), done(8, 8)],
			today
		});
		expect(p.proposal).toBe('stay');
		expect(p.to).toBe('selfDirected');
		expect(p.reasons.map((r) => [r.kind, r.signal])).toEqual([
			['plansKept', 'good'],
			['reflections', 'good'],
			['calibration', 'good']
		]);
	});

	it('Samira: a shaky start, then weeks of plans kept and full reflections → up from guided to shared', () => {
		const start = [missed(-8), missed(-7)];
		const now = [kept(-4), kept(-3), kept(-2), kept(-1)];
		const cycles = [...Array.from({ length: 3 }, () => done(null, 5, false)), ...Array.from({ length: recentCycles }, () => done(6, 6))];
		const p = proposeAutonomy({ current: 'guided', choices: [...start, ...now], cycles, today });
		expect(p).toMatchObject({ proposal: 'up', to: 'shared' });
	});

	it('Samira still at the start (plans missed, reflections half) → stays guided, never lower', () => {
		const p = proposeAutonomy({ current: 'guided', choices: [missed(-2), missed(-1), kept(-3)], cycles: [done(6, 6, false), done(6, 6, false)], today });
		expect(p).toMatchObject({ proposal: 'stay', to: 'guided' });
	});

	it('guided → shared does not wait for coach marks, but shared → self-directed does', () => {
		const choices = [kept(-1), kept(-2), kept(-3)];
		const cycles = [done(7, null), done(7, null)];
		expect(proposeAutonomy({ current: 'guided', choices, cycles, today })).toMatchObject({ proposal: 'up', to: 'shared' });
		expect(proposeAutonomy({ current: 'shared', choices, cycles, today })).toMatchObject({ proposal: 'stay', to: 'shared' });
		const marked = [done(7, 7), done(7, 6)];
		expect(proposeAutonomy({ current: 'shared', choices, cycles: marked, today })).toMatchObject({ proposal: 'up', to: 'selfDirected' });
	});

	it('Kevin: keeps his plans and reflects, but rates himself two marks above the coach → not up', () => {
		const choices = [kept(-1), kept(-2), kept(-3)];
		const cycles = [done(9, 7), done(9, 7), done(8, 6)];
		const shared = proposeAutonomy({ current: 'shared', choices, cycles, today });
		expect(shared.proposal).not.toBe('up');
		expect(shared).toMatchObject({ proposal: 'stay', to: 'shared' });
		expect(shared.reasons[2]).toMatchObject({ kind: 'calibration', signal: 'poor', value: 2 });
		expect(proposeAutonomy({ current: 'guided', choices, cycles, today }).proposal).toBe('stay');
		expect(proposeAutonomy({ current: 'selfDirected', choices, cycles, today })).toMatchObject({ proposal: 'stay', to: 'selfDirected' });
	});

	it('Kevin overestimating and missing his plans → one step down', () => {
		const p = proposeAutonomy({ current: 'selfDirected', choices: [missed(-1), missed(-2), kept(-3)], cycles: [done(9, 7), done(9, 7)], today });
		expect(p).toMatchObject({ proposal: 'down', to: 'shared' });
	});

	it('with too little evidence: stay', () => {
		expect(proposeAutonomy({ current: 'shared', choices: [], cycles: [], today })).toMatchObject({ proposal: 'stay', to: 'shared' });
		expect(proposeAutonomy({ current: 'shared', choices: [], cycles: [], today }).reasons.every((r) => r.signal === 'unknown')).toBe(true);
	});

	it('always answers a real level one step at most from the current one, with all three reasons', () => {
		const levels: AutonomyLevelName[] = ['guided', 'shared', 'selfDirected'];
		const choice = fc.record({
			status: fc.constantFrom(...choiceStatuses),
			plannedWeek: fc.option(fc.integer({ min: -10, max: 3 }).map(week), { nil: null }),
			doneAt: fc.option(fc.integer({ min: -10, max: 3 }).map(wednesday), { nil: null })
		});
		const mark = fc.option(fc.integer({ min: 1, max: 10 }), { nil: null });
		const cycle = fc.record({ phase: fc.constantFrom(...cyclePhases), after: mark, coach: mark, complete: fc.boolean() }).map(
			({ phase, after, coach, complete }): Cycle => ({ ...done(after, coach, complete), phase })
		);
		fc.assert(
			fc.property(fc.constantFrom(...levels), fc.array(choice, { maxLength: 15 }), fc.array(cycle, { maxLength: 12 }), (current, choices, cycles) => {
				const p = proposeAutonomy({ current, choices, cycles, today });
				const step = levels.indexOf(p.to) - levels.indexOf(current);
				expect(levels).toContain(p.to);
				expect(step).toBe(p.proposal === 'up' ? 1 : p.proposal === 'down' ? -1 : 0);
				expect(p.reasons.map((r) => r.kind)).toEqual(['plansKept', 'reflections', 'calibration']);
			})
		);
	});
});
