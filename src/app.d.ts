import type { Me } from '$lib/domain/user';
import type { Locale } from '$lib/domain/constants';

declare global {
	namespace App {
		interface Locals {
			user: Me | null;
			sessionToken: string | null;
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
