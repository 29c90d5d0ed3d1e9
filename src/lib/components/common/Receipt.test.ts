import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { syncManager } from '$lib/client/sync/manager.svelte';
import Receipt from './Receipt.svelte';

const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const waiting = { pending: 1, syncedAt: null };

/** What a student reads under something they saved: is it on the server, on its way, or waiting for the network? */
describe('Receipt', () => {
	afterEach(() => {
		syncManager.status = 'idle';
	});

	it('says a change is on its way while online (it goes a moment after typing stops), not that it waits for a connection', () => {
		syncManager.status = 'idle';
		expect(text(render(Receipt, { props: { record: waiting } }).body)).toBe('Staat op dit apparaat, gaat nu naar de server');
		syncManager.status = 'syncing';
		expect(text(render(Receipt, { props: { record: waiting } }).body)).toBe('Staat op dit apparaat, gaat nu naar de server');
	});

	it('says it waits for a connection, safe on the device, when offline or when sending fails', () => {
		for (const status of ['offline', 'error'] as const) {
			syncManager.status = status;
			expect(text(render(Receipt, { props: { record: waiting } }).body)).toBe('Wacht op verbinding, staat veilig op dit apparaat');
		}
	});

	it('gives the time the server has it', () => {
		expect(text(render(Receipt, { props: { record: { pending: 0, syncedAt: '2026-11-24T09:05:00.000Z' } } }).body)).toMatch(/^Opgeslagen op de server om /);
	});
});
