import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { LocalRecord } from '$lib/client/db';
import type { EntityData } from '$lib/domain/entities';
import FeedbackThread from './FeedbackThread.svelte';

/** Server-side renders of the one feedback thread both the coach and the student see. */
const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const student = u(1);
const coach = u(2);
const post = (n: number, authorId: string, data: Partial<EntityData['feedback']>): LocalRecord<'feedback'> => ({
	id: u(100 + n),
	data: { targetEntity: 'question', targetId: u(9), kind: 'feedback', body: `bericht ${n}`, ...data },
	server: null,
	rev: n,
	ownerId: student,
	authorId,
	createdAt: `2026-11-2${n}T10:00:00.000Z`,
	syncedAt: null,
	pending: 0
});
const names: Record<string, string> = { [student]: 'Daan', [coach]: 'Marieke' };
const props = (items: LocalRecord<'feedback'>[], extra: Partial<{ collapsed: boolean; replyKind: 'reply' | 'feedback'; me: string }> = {}) => ({
	items,
	targetEntity: 'question' as const,
	targetId: u(9),
	targetTitle: 'Hoe til ik veilig?',
	studentId: student,
	me: extra.me ?? student,
	author: (id: string | null) => names[id ?? ''] ?? '?',
	label: 'Feedback',
	replyKind: extra.replyKind ?? ('reply' as const),
	collapsed: extra.collapsed ?? false
});

describe('FeedbackThread', () => {
	const thread = [
		post(1, coach, { kind: 'feedforward', focus: 'process', body: 'Vraag je werkbegeleider.' }),
		post(2, student, { kind: 'reply', body: 'Doe ik morgen.' })
	];

	it('shows every post with its author, kind and focus, the student’s own indented', () => {
		const html = render(FeedbackThread, { props: props(thread) }).body;
		const t = text(html);
		expect(t.indexOf('Vraag je werkbegeleider.')).toBeLessThan(t.indexOf('Doe ik morgen.'));
		expect(t).toContain('Marieke');
		expect(t).toContain('Feedforward: je volgende stap');
		expect(t).toContain('over de aanpak');
		expect(html.match(/data-testid="feedback"/g)).toHaveLength(2);
		expect(html.match(/<li [^>]*class="[^"]*\bstudent\b/g)).toHaveLength(1);
		expect(html).toMatch(/<li [^>]*class="[^"]*\bstudent\b[^>]*>.*?Doe ik morgen\./);
	});

	it('offers an open reply box to answer what someone else wrote', () => {
		const t = text(render(FeedbackThread, { props: props(thread) }).body);
		expect(t).toContain('Jouw reactie');
		expect(t).toContain('Reactie versturen');
	});

	it('on the dense coach page shows a reply button (named after the record) instead of the box', () => {
		const t = text(render(FeedbackThread, { props: props(thread, { collapsed: true, replyKind: 'feedback', me: coach }) }).body);
		expect(t).toContain('Reageren : Hoe til ik veilig?');
		expect(t).not.toContain('Jouw reactie');
	});

	it('offers no reply to one’s own last words only', () => {
		const t = text(render(FeedbackThread, { props: props([post(1, coach, { body: 'Goed begin.' })], { me: coach }) }).body);
		expect(t).toContain('Goed begin.');
		expect(t).not.toContain('Jouw reactie');
		expect(t).not.toContain('Reageren');
	});

	it('renders nothing for an empty thread', () => {
		expect(text(render(FeedbackThread, { props: props([]) }).body).trim()).toBe('');
	});
});
