import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInWithApi, signInWithForm } from './helpers';

/**
 * No HTML injection anywhere: HTML and script payloads go into every free-text field a student and a
 * coach can fill (through the sync API, the way the app itself saves them) and through a board file,
 * and every screen that shows them is checked for injected elements, event-handler attributes and
 * `javascript:` links. The CSP would block inline handlers anyway; this test checks that nothing is
 * injected in the first place, so it does not lean on the CSP.
 */

const tag = randomUUID().slice(0, 6);
const payloads = [
	`<img src=x onerror="window.__xss=1" data-xss="${tag}">`,
	`<script data-xss="${tag}">window.__xss=1</script>`,
	`"><svg onload=window.__xss=1 data-xss="${tag}"></svg>`,
	`'><iframe srcdoc="<b>x</b>" data-xss="${tag}"></iframe>`
];
const p = (i: number) => `${payloads[i % payloads.length]} ${tag}-${i}`;
let n = 0;
const next = () => p(n++);

interface Change {
	entity: string;
	id: string;
	data: Record<string, unknown> | null;
}

const now = () => new Date().toISOString();
const op = (entity: string, data: Record<string, unknown>, id: string = randomUUID()) => ({ opId: randomUUID(), entity, id, action: 'put', data, at: now() });

async function push(request: APIRequestContext, ops: ReturnType<typeof op>[]) {
	const res = await request.post('/api/sync', { data: { cursor: null, ops } });
	expect(res.status()).toBe(200);
	const body = (await res.json()) as { results: { status: string; error?: string; code?: string }[]; changes: Change[] };
	expect(body.results.filter((r) => r.status !== 'applied'), 'every payload is stored as text').toEqual([]);
	return body;
}

async function pullAll(request: APIRequestContext): Promise<Change[]> {
	const all: Change[] = [];
	let cursor: string | null = null;
	for (;;) {
		const res = await request.post('/api/sync', { data: { cursor, ops: [] } });
		const body = (await res.json()) as { cursor: string; changes: Change[]; more?: boolean };
		all.push(...body.changes);
		cursor = body.cursor;
		if (!body.more) return all;
	}
}

/** Fails on anything a payload could have injected into the page. */
async function expectNothingInjected(page: Page, where: string) {
	const found = await page.evaluate((t) => {
		const hits: string[] = [];
		for (const el of Array.from(document.querySelectorAll('*'))) {
			if (el.getAttribute('data-xss') === t) hits.push(`injected <${el.tagName.toLowerCase()}>`);
			for (const attr of Array.from(el.attributes)) {
				if (/^on/i.test(attr.name)) hits.push(`${el.tagName.toLowerCase()} has ${attr.name}`);
				if (/^\s*javascript:/i.test(attr.value) && /href|src|action/i.test(attr.name)) hits.push(`${el.tagName.toLowerCase()} ${attr.name}=${attr.value}`);
			}
		}
		if ((window as unknown as { __xss?: unknown }).__xss) hits.push('window.__xss was set');
		return hits;
	}, tag);
	expect(found, `nothing injected on ${where}`).toEqual([]);
}

async function visit(page: Page, url: string, violations: string[], mustShow?: string) {
	await page.goto(url);
	await page.waitForLoadState('networkidle');
	if (mustShow) await expect(page.getByText(mustShow, { exact: false }).first(), `${url} shows the text as typed`).toBeVisible();
	await expectNothingInjected(page, url);
	expect(violations, `no blocked script on ${url}`).toEqual([]);
}

function watch(page: Page) {
	const violations: string[] = [];
	page.on('dialog', (d) => {
		violations.push(`dialog: ${d.message()}`);
		void d.dismiss();
	});
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
	});
	return violations;
}

test('payloads typed into every free-text field by a student and a coach are shown as text on every screen', async ({ browser }) => {
	test.setTimeout(180_000);
	const studentContext = await browser.newContext();
	const student = await studentContext.newPage();
	const studentViolations = watch(student);
	await signInWithApi(student, 'student16');
	const me = (await (await student.request.get('/api/me')).json()) as { user: { id: string } };
	const studentId = me.user.id;
	const world = await pullAll(student.request);
	const item = world.find((c) => c.entity === 'item' && c.data)!;
	expect(item, 'the demo boards reach the student').toBeTruthy();

	const goalId = randomUUID();
	const cycleId = randomUUID();
	const evidenceTitle = next();
	const goalTitle = next();
	await push(student.request, [
		op('intake', {
			priorEducation: next(),
			workExperience: next(),
			placementExperience: next(),
			interests: next(),
			ambitions: next(),
			helpsMeLearn: next(),
			needsDidactic: next(),
			needsPedagogical: next(),
			privateNote: next()
		}),
		op('goal', { title: goalTitle, why: next(), successCriteria: next() }, goalId),
		op('question', { goalId, text: `${next()} Hoe leer ik dit op mijn stage?` }),
		op('evidence', { title: evidenceTitle, body: next(), links: ['https://example.org/?q=%3Cscript%3E'] }),
		op(
			'cycle',
			{
				goalId,
				phase: 'reflection',
				forethought: { aim: next(), strategy: next(), needFromCoach: next() },
				performance: [{ id: randomUUID(), at: now(), note: next(), minutes: 10 }],
				reflection: { howItWent: next(), whatWorked: next(), doDifferently: next(), nextStep: next() }
			},
			cycleId
		),
		op('rating', { itemId: item.id, stars: 4, comment: next() })
	]);

	// The coach answers in the same fields a coach has.
	const coachContext = await browser.newContext();
	const coach = await coachContext.newPage();
	const coachViolations = watch(coach);
	await signInWithForm(coach, 'coach1');
	const coachWorld = await pullAll(coach.request);
	const groupId = (coachWorld.find((c) => c.entity === 'need' && c.data)?.data?.groupId as string | undefined) ?? (await groupIdFromPage(coach));
	const boardId = randomUUID();
	const feedbackBody = next();
	const boardTitle = next();
	await push(coach.request, [
		op('feedback', { targetEntity: 'goal', targetId: goalId, kind: 'feedforward', body: feedbackBody, focus: 'process' }),
		op('checkIn', { studentId, date: now().slice(0, 10), notes: next(), agreedActions: [next(), next()] }),
		op('need', { groupId, kind: 'didactic', category: next(), studentIds: [studentId], reasons: next(), approach: next() }),
		op('board', {
			title: boardTitle,
			description: next(),
			groupIds: [groupId],
			levels: [
				{ key: 'basis', label: next().slice(0, 60) },
				{ key: 'verdieping', label: 'Verdieping' }
			]
		}, boardId),
		op('item', {
			boardId,
			title: next(),
			level: 'basis',
			instructions: `# ${next()}\n\n[klik hier](javascript:window.__xss=1) en **${next()}**\n\n- <a href="javascript:window.__xss=1">lijst</a>\n- ${next()}`,
			resources: [{ label: next(), url: 'https://example.org/bron' }]
		})
	]);

	// Every student screen, from the device store after a sync.
	await student.goto('/student');
	await expect(student.getByTestId('online-status')).toHaveText('Alles opgeslagen', { timeout: 30_000 });
	for (const [url, text] of [
		['/student', undefined],
		['/student/goals', goalTitle],
		[`/student/goals?goal=${goalId}`, feedbackBody],
		[`/student/cycle?id=${cycleId}`, undefined],
		['/student/boards', boardTitle],
		[`/student/boards/item?id=${item.id}`, undefined],
		['/student/portfolio', evidenceTitle],
		['/student/portfolio/print', evidenceTitle],
		['/student/intake', undefined]
	] as const) {
		await visit(student, url, studentViolations, text);
	}
	await student.goto('/student/boards');
	for (const link of await student.getByRole('link', { name: new RegExp(tag) }).all()) {
		const href = await link.getAttribute('href');
		if (href?.startsWith('/student/boards/item')) await visit(student, href, studentViolations);
	}

	// Every coach screen, and every tab of the student's page.
	for (const url of ['/coach', `/coach/groups/${groupId}`, '/coach/approvals', '/coach/boards', '/coach/needs', '/coach/coverage', '/coach/attention']) {
		await visit(coach, url, coachViolations);
	}
	await visit(coach, `/coach/students/${studentId}`, coachViolations);
	for (const tab of await coach.getByRole('tab').all()) {
		await tab.click();
		await expectNothingInjected(coach, `coach student tab ${await tab.textContent()}`);
	}
	expect(coachViolations).toEqual([]);
	await studentContext.close();
	await coachContext.close();
});

test('a board file with payloads imports as text and shows no injected markup', async ({ page }) => {
	const violations = watch(page);
	await signInWithForm(page, 'coach1');
	const title = `Importbord ${next()}`;
	const file = {
		format: 'koers-board',
		version: 1,
		board: { title, description: next(), mode: 'free', levels: [{ key: 'basis', label: 'Basis' }] },
		items: [{ title: next(), level: 'basis', type: 'practice', instructions: `${next()}\n\n[x](javascript:window.__xss=1)` }]
	};
	await page.goto('/coach/boards');
	const schemaOk = await page.request.get('/schemas/koers-board.schema.json');
	expect(schemaOk.status()).toBe(200);
	await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'bord.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
	await page.getByRole('checkbox', { name: 'Zorg en Welzijn 2A' }).check();
	await page.getByRole('button', { name: 'Bestand importeren' }).click();
	await expect(page.getByRole('heading', { name: `Bord: ${title}` })).toBeVisible({ timeout: 15_000 });
	await expectNothingInjected(page, '/coach/boards after import');
	expect(violations).toEqual([]);
});

async function groupIdFromPage(page: Page): Promise<string> {
	await page.goto('/coach/groups');
	const href = await page.locator('a[href^="/coach/groups/"]').first().getAttribute('href');
	return href!.split('/').pop()!;
}
