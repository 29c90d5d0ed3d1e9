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
			/** Set by a page's load that may be kept and served again (see page-cache.ts): what it shows. */
			pageWatch?: import('$lib/server/http/page-cache').PageWatch;
			/** A kept page the sign-in hook found for a kept sign-in (see page-cache.ts). */
			pageHit?: import('$lib/server/http/page-cache').Entry;
		}
		interface PageData {
			/** The page shows a wide table (a group's dashboard): the app's frame takes up to 80rem. */
			wide?: boolean;
		}
		interface Error {
			message: string;
			code?: string;
			requestId?: string;
		}
	}
}

export {};
