import type { Me } from '$lib/domain/user';
import type { Locale } from '$lib/domain/constants';

declare global {
	namespace App {
		interface Locals {
			user: Me | null;
			sessionToken: string | null;
			/** The sign-in came from the poll cache (a sync poll), not from the database: confirm it before any data. */
			sessionFromCache: boolean;
			locale: Locale;
			requestId: string;
		}
		interface Error {
			message: string;
			code?: string;
			requestId?: string;
		}
	}
}

export {};
