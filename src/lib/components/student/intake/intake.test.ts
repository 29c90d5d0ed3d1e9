import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { intakeData } from '$lib/domain/entities';
import type { LocalRecord } from '$lib/client/db';
import IntakeWizard from './IntakeWizard.svelte';
import IntakeSummary from './IntakeSummary.svelte';
import IntakePage from '../../../../routes/student/intake/+page.svelte';
import {
	answersOf,
	firstUnanswered,
	hasLine,
	LAST_STEP,
	splitVersions,
	STEP_COUNT,
	stepFields,
	toggleLine,
	type IntakeAnswers,
	type IntakeRecord
} from './intake';

function record(id: string, data: IntakeAnswers, createdAt: string): IntakeRecord {
	return { id, data, server: null, rev: 0, ownerId: 'u', authorId: 'u', createdAt, syncedAt: null, pending: 1 } as LocalRecord<'intake'>;
}

describe('intake steps', () => {
	it('covers every field of the intake schema once, completedAt aside', () => {
		const fields = stepFields.flat();
		expect(new Set(fields).size).toBe(fields.length);
		expect([...fields, 'completedAt'].sort()).toEqual(Object.keys(intakeData.shape).sort());
		expect(stepFields).toHaveLength(STEP_COUNT);
	});

	it('starts at the first step without any answer', () => {
		expect(firstUnanswered({})).toBe(0);
		expect(firstUnanswered({ priorEducation: '   ' })).toBe(0);
		expect(firstUnanswered({ workExperience: 'Albert Heijn' })).toBe(1);
		expect(firstUnanswered({ workExperience: 'x', ambitionKind: 'job' })).toBe(2);
		expect(firstUnanswered({ workExperience: 'x', interests: 'x', needsPedagogical: 'x' })).toBe(3);
		expect(firstUnanswered({ workExperience: 'x', interests: 'x', helpsMeLearn: 'x', supportMaths: false })).toBe(LAST_STEP);
		// Step 2 skipped, step 3 answered: back to step 2.
		expect(firstUnanswered({ workExperience: 'x', helpsMeLearn: 'x' })).toBe(1);
	});

	it('copies the answers of a version without its completion date', () => {
		const copy = answersOf({ interests: 'koken', confidence: 6, completedAt: '2025-01-01T10:00:00.000Z' });
		expect(copy).toEqual({ interests: 'koken', confidence: 6 });
		expect(intakeData.safeParse(copy).success).toBe(true);
	});
});

describe('tappable ideas', () => {
	it('add a line, and take it away again', () => {
		expect(toggleLine(undefined, 'aanmoediging')).toBe('aanmoediging');
		expect(toggleLine('Ik wil rust', 'structuur')).toBe('Ik wil rust\nstructuur');
		expect(toggleLine('Ik wil rust\n', 'structuur')).toBe('Ik wil rust\nstructuur');
		expect(toggleLine('Ik wil rust\nstructuur', 'structuur')).toBe('Ik wil rust');
		expect(hasLine('Ik wil rust\n Structuur ', 'structuur')).toBe(true);
		// Words inside a sentence of the student are theirs: no toggle.
		expect(hasLine('ik heb structuur nodig', 'structuur')).toBe(false);
	});
});

describe('versions on the device', () => {
	it('the latest finished one is current, older finished ones are earlier, an unfinished one is the draft', () => {
		const first = record('a', { interests: 'a', completedAt: '2025-01-10T10:00:00.000Z' }, '2025-01-09T10:00:00.000Z');
		const second = record('b', { interests: 'b', completedAt: '2025-03-10T10:00:00.000Z' }, '2025-03-01T10:00:00.000Z');
		const draft = record('c', { interests: 'c' }, '2025-04-01T10:00:00.000Z');
		const v = splitVersions([draft, first, second]);
		expect(v.current?.id).toBe('b');
		expect(v.earlier.map((r) => r.id)).toEqual(['a']);
		expect(v.draft?.id).toBe('c');
		expect(splitVersions([])).toEqual({ current: null, earlier: [], draft: null });
	});
});

describe('rendering (server side, so without the device store)', () => {
	const answers: IntakeAnswers = {
		priorEducation: 'vmbo',
		ambitionKind: 'nextLevel',
		needsPedagogical: 'aanmoediging\nkleine stappen',
		confidence: 4,
		supportDutch: true,
		privateNote: 'Ik werk ’s avonds'
	};

	it('shows every step with its heading and labelled fields', () => {
		for (let step = 0; step < STEP_COUNT; step++) {
			const { body } = render(IntakeWizard, {
				props: { id: crypto.randomUUID(), exists: false, initial: answers, startStep: step, onfinish: () => {} }
			});
			expect(body).toContain(`Stap ${step + 1} van 5`);
			const ids = [...body.matchAll(/<(?:textarea|input)[^>]*\sid="([^"]+)"/g)].map((x) => x[1]);
			for (const id of ids) expect(body, `label for ${id}`).toContain(`for="${id}"`);
		}
		const confidence = render(IntakeWizard, {
			props: { id: crypto.randomUUID(), exists: false, initial: answers, startStep: 3, onfinish: () => {} }
		}).body;
		expect(confidence.match(/type="radio"/g)).toHaveLength(10);
		expect(confidence).toMatch(/value="4"[^>]*checked/);
		const needs = render(IntakeWizard, {
			props: { id: crypto.randomUUID(), exists: false, initial: answers, startStep: 2, onfinish: () => {} }
		}).body;
		expect(needs.match(/aria-pressed="true"/g)).toHaveLength(2);
		const last = render(IntakeWizard, {
			props: { id: crypto.randomUUID(), exists: false, initial: answers, startStep: 4, onfinish: () => {} }
		}).body;
		expect(last).toContain('Alleen jij en je eigen coaches kunnen dit lezen.');
		expect(last).toContain('>Klaar<');
	});

	it('summarises a version read-only, with "Niet ingevuld" for empty answers', () => {
		const { body } = render(IntakeSummary, { props: { data: answers } });
		expect(body).toContain('Verder leren op een hoger niveau');
		expect(body).toContain('4 van de 10');
		expect(body).toContain('Ik wil extra hulp bij Nederlands');
		expect(body).toContain('Niet ingevuld');
		expect(body).not.toContain('<button');
	});

	it('the page itself renders a loading state on the server: the intake lives on the device', () => {
		const { body } = render(IntakePage);
		expect(body).toContain('<h1');
		expect(body).toContain('Je intake wordt geladen…');
	});
});
