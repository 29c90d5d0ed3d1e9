import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { isoWeek, paceStatus, upcomingWeeks } from '$lib/domain/pace';
import BoardSection from './BoardSection.svelte';
import MyChoices from './MyChoices.svelte';
import RuleNote from './RuleNote.svelte';
import ItemCard from './ItemCard.svelte';
import PaceSummary from './PaceSummary.svelte';
import Suggestions from './Suggestions.svelte';
import { buildBoards, currentAutonomy, openSuggestions } from './model';
import { autonomyOf, boards, choices, items, me, ratings, rec, u } from './fixtures';

/** Server-side renders of the boards components: what a student sees before any click. */
const today = new Date(2026, 10, 25, 12); // Wednesday, 2026-W48
const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function screen(level: Parameters<typeof autonomyOf>[0]) {
	const autonomy = autonomyOf(level);
	const model = buildBoards({ boards, items, choices, ratings, autonomy });
	const common = {
		autonomy: currentAutonomy(autonomy),
		weeks: upcomingWeeks(today),
		thisWeek: isoWeek(today),
		goals: [],
		workProcesses: new Map([['B1-K1-W2', 'Biedt persoonlijke verzorging']])
	};
	return { model, common };
}

describe('RuleNote', () => {
	it.each([
		['guided', 'Jij kiest samen met je coach: je coach keurt je keuze eerst goed.'],
		[null, 'Jij kiest samen met je coach: je coach keurt je keuze eerst goed.'],
		['shared', 'Je mag vrij kiezen binnen jouw niveau en één niveau hoger of lager, en de verplichte opdrachten.'],
		['selfDirected', 'Je mag zelf kiezen.']
	] as const)('explains the rule for %s', (level, sentence) => {
		const { common } = screen(level);
		expect(text(render(RuleNote, { props: { autonomy: common.autonomy, stepPlan: false } }).body)).toContain(sentence);
	});

	it('gives the coach’s reason in the coach’s words, and nothing when there is none', () => {
		const { common } = screen('shared');
		const withReason = { ...common.autonomy, reason: 'Je plant goed en houdt je aan je afspraken.' };
		expect(text(render(RuleNote, { props: { autonomy: withReason, stepPlan: false } }).body)).toContain(
			'Waarom, volgens je coach: Je plant goed en houdt je aan je afspraken.'
		);
		expect(text(render(RuleNote, { props: { autonomy: { ...withReason, reason: null }, stepPlan: false } }).body)).not.toContain('volgens je coach');
	});
});

describe('BoardSection', () => {
	it('groups a free board by the board’s levels with its labels, marks and tags', () => {
		const { model, common } = screen('shared');
		const html = render(BoardSection, { props: { board: model[0]!, ...common } }).body;
		const t = text(html);
		expect(t).toContain('Periode 2 — Persoonlijke verzorging');
		expect(t).toContain('Ondersteuning'); // default label, translated, in the filter
		expect(t.indexOf('Basis')).toBeLessThan(t.indexOf('Verdieping'));
		expect(t).toContain('Ander niveau');
		expect(t).toContain('Verplicht');
		expect(t).toContain('Voorbereiding niveau 3');
		expect(t).toContain('Echte opdracht uit de praktijk');
		expect(t).toContain('ongeveer 2,5 uur');
		expect(t).toContain('B1-K1-W2');
		expect(t).toContain('Jouw niveau');
		expect(t).toContain('Past bij jouw niveau: je mag dit zelf kiezen.');
		expect(t).toContain('Opdrachten: 4');
		expect(html).toContain('<strong>drie</strong>');
		expect(html.match(/data-testid="level"/g)).toHaveLength(3);
	});

	it('shows a step plan as numbered steps; a guided student waits for step 1', () => {
		const { model, common } = screen('guided');
		const html = render(BoardSection, { props: { board: model[1]!, ...common } }).body;
		const t = text(html);
		expect(html).toContain('<ol class="steps');
		expect(t).toContain('Stap 1: Stap een');
		expect(t).toContain('Je doet de stappen op volgorde. Kies eerst stap 1.');
		expect(html.match(/>Kiezen</g)).toHaveLength(1);
	});
});

describe('ItemCard on its own page', () => {
	it('renders the instructions as text, with lists and links, never as HTML', () => {
		const { model, common } = screen('selfDirected');
		const bed = model[0]!.items.find((i) => i.data.title === 'Bed opmaken')!;
		const html = render(ItemCard, { props: { item: bed, board: model[0]!, ...common, headingLevel: 1, standalone: true, showLevel: true } }).body;
		expect(html.replace(/<!--[^>]*-->/g, '')).toMatch(/<h1[^>]*>\s*Bed opmaken\s*<\/h1>/);
		expect(html).toContain('&lt;b>geen html&lt;/b>');
		expect(html).not.toContain('<b>geen html</b>');
		expect(html.replace(/<!--[^>]*-->/g, '')).toMatch(/<li[^>]*>een<\/li>/);
		expect(html).toContain('href="https://example.org/v"');
		expect(text(html)).toMatch(/B1-K1-W2 ?: Biedt persoonlijke verzorging/);
		expect(text(html)).toContain('Klaar');
	});
});

describe('MyChoices', () => {
	it('lists choices per board with their state and the board’s pace', () => {
		const { model } = screen('guided');
		const html = render(MyChoices, {
			props: { boards: model, choices, today, thisWeek: isoWeek(today), weeks: upcomingWeeks(today), goalTitles: new Map(), cycleOf: new Map() }
		}).body;
		const t = text(html);
		expect(t).toContain('Mijn keuzes');
		expect(t).toContain('Wacht op goedkeuring');
		expect(t).toContain('Je kunt beginnen als je coach je keuze heeft goedgekeurd.');
		expect(html).not.toMatch(/<button[^>]*>\s*Ik begin/);
		expect(html).toMatch(/<button[^>]*>\s*Klaar/); // the item in progress
		expect(t).toContain('Gestopte opdrachten: 1');
		expect(t).toContain('Andere opdrachten');
		expect(t).toContain('Opdracht niet gevonden');
		expect(t).toContain('Jouw beoordeling');
		expect(t).toContain('Periode: week 45 tot en met week 4. Je zit in de 4e van de 13 weken.');
		expect(html).toMatch(/<progress max="2" value="1"/);
	});

	it('leads from an assignment in progress to its learning cycle, or starts one', () => {
		const { model } = screen('guided');
		const started = choices.find((c) => c.data.status === 'inProgress')!;
		const props = { boards: model, choices, today, thisWeek: isoWeek(today), weeks: upcomingWeeks(today), goalTitles: new Map() };
		const without = render(MyChoices, { props: { ...props, cycleOf: new Map() } }).body;
		expect(without).toMatch(/<button[^>]*>\s*Start je leercyclus/);
		expect(without).not.toContain('/student/cycle?id=');
		const cycle = rec<'cycle'>(u(90), { choiceId: started.id, phase: 'performance' }, me, '2026-11-24T09:00:00.000Z');
		const withCycle = render(MyChoices, { props: { ...props, cycleOf: new Map([[started.id, cycle]]) } }).body;
		expect(withCycle).toMatch(new RegExp(`<a[^>]*href="/student/cycle\\?id=${cycle.id}"[^>]*>\\s*Naar je leercyclus: Doen`));
		expect(withCycle).not.toContain('Start je leercyclus');
	});
});

describe('PaceSummary', () => {
	it('does not point at "Ik begin" while every pick waits for the coach', () => {
		const pace = paceStatus({ choices: [{ plannedWeek: '2026-W49', status: 'planned' }], today });
		expect(pace.status).toBe('notStarted');
		expect(text(render(PaceSummary, { props: { pace, uid: 'p' } }).body)).toContain('Druk op „Ik begin” als je aan een opdracht begint.');
		const waiting = text(render(PaceSummary, { props: { pace, uid: 'p', waiting: true } }).body);
		expect(waiting).toContain('Je kunt beginnen als je coach je keuze heeft goedgekeurd.');
		expect(waiting).not.toContain('Ik begin');
	});

	it('says when the student is ahead', () => {
		const pace = paceStatus({
			choices: [
				{ plannedWeek: '2026-W49', status: 'done', doneAt: new Date(2026, 10, 24, 12).toISOString() },
				{ plannedWeek: '2026-W50', status: 'planned' }
			],
			today
		});
		const html = render(PaceSummary, { props: { pace, uid: 'p' } }).body;
		expect(html).toContain('data-status="ahead"');
		expect(text(html)).toContain('Voor op schema');
		expect(text(html)).toContain('Klaar: 1 van 2');
	});
});

describe('Suggestions', () => {
	const coach = u(77);
	const dropped = rec<'choice'>(u(40), { itemId: u(11), boardId: u(1), plannedWeek: '2026-W49', status: 'dropped', needsApproval: true }, me, '2026-11-20T09:00:00.000Z');
	const suggestionsFor = (body: string, level: Parameters<typeof autonomyOf>[0]) => {
		const all = [dropped];
		const note = { ...rec<'feedback'>(u(50), { targetEntity: 'choice', targetId: u(40), kind: 'feedforward', body }, coach, '2026-11-20T12:00:00.000Z'), authorId: coach };
		return openSuggestions(buildBoards({ boards, items, choices: all, ratings: [], autonomy: autonomyOf(level) }), all, [note]);
	};
	const show = (body: string, level: Parameters<typeof autonomyOf>[0] = 'guided') =>
		text(render(Suggestions, { props: { suggestions: suggestionsFor(body, level), thisWeek: isoWeek(today), coachNames: { [coach]: 'Marieke' } } }).body);

	it('shows the coach, the note, what it replaces and the suggested item with a one-tap pick', () => {
		const t = show('Mijn voorstel: kies liever "Aankleden".\n\nEerst de basis.');
		expect(t).toContain('Je coach stelt iets anders voor');
		expect(t).toContain('In plaats van: Wondzorg');
		expect(t).toContain('Marieke schreef:');
		expect(t).toContain('Eerst de basis.');
		expect(t).toContain('Voorstel van je coach Aankleden');
		expect(t).toContain('Je coach keurt deze keuze eerst goed.');
		expect(t).toContain('Kies deze opdracht : Aankleden');
	});

	it('says a self-directed student may start the suggested item at once', () => {
		expect(show('Kies liever "Aankleden".', 'selfDirected')).toContain('Je mag dit zelf kiezen.');
	});

	it('without a named item still shows the note and where to look', () => {
		const t = show('Kom even langs, dan kiezen we samen.');
		expect(t).toContain('Kom even langs, dan kiezen we samen.');
		expect(t).toContain('Kijk op het keuzebord wat beter bij je past');
		expect(t).not.toContain('Kies deze opdracht');
	});
});
