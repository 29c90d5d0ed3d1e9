import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import { database } from '$lib/server/db/runtime';
import { appliedMigrations, expectedMigrations } from '$lib/server/db';
import { demoActive } from '$lib/server/seed/demo';

export const GET = api(async () => {
	const { db, kind } = database();
	const applied = await appliedMigrations(db);
	const expected = expectedMigrations();
	return json(
		{
			status: 'ok',
			database: kind,
			migrations: { applied, expected, upToDate: applied === expected },
			demo: await demoActive(db)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
});
