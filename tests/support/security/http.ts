import { HttpClient } from '$test/server-process';

/** Every request of the security tests gives up after this long: a hang is a failure, not a stuck run. */
export const requestTimeoutMs = 15_000;

/** A browser-like client (see HttpClient) whose every request has a deadline. */
export class Browser extends HttpClient {
	/** Uses a session made in the database beforehand (see `openSessions`): no slow password check per client. */
	withSession(token: string): this {
		this.cookie = `koers_session=${token}`;
		return this;
	}

	override request(pathname: string, init: RequestInit = {}): Promise<Response> {
		return super.request(pathname, { signal: AbortSignal.timeout(requestTimeoutMs), ...init });
	}

	/** A page the way a browser asks for it. */
	page(pathname: string): Promise<Response> {
		return this.request(pathname, { headers: { accept: 'text/html' } });
	}

	/** A form post the way a browser without JavaScript sends it (so SvelteKit answers with a page or a redirect). */
	post(pathname: string, fields: Record<string, string>): Promise<Response> {
		return this.request(pathname, {
			method: 'POST',
			headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(fields).toString()
		});
	}
}
