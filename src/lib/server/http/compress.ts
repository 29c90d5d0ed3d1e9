/**
 * gzip for what the server renders and answers (pages, `__data.json`, API JSON), streamed: adapter-node
 * serves the built files precompressed but sends dynamic responses as they are. A group dashboard is
 * ~150 KB of HTML and a first sync answer ~700 KB of JSON; gzipped they are a tenth of that, which a
 * student on a weak signal at a placement notices. Small bodies are left alone (not worth the bytes
 * of the gzip frame), as are responses already encoded, without a body, or of other types.
 */
const compressible = /^(text\/(html|plain|css|csv|javascript)|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/;
/** Below this (when the length is known) a response is sent as it is. */
export const minCompressBytes = 1024;

/** Whether the client takes gzip: `gzip` or `*` in Accept-Encoding, not with q=0. */
export function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	for (const part of header.toLowerCase().split(',')) {
		const [coding, ...params] = part.trim().split(';');
		if (coding !== 'gzip' && coding !== '*') continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	}
	return false;
}

export function compressResponse(request: Request, response: Response): Response {
	const headers = response.headers;
	if (!headers.get('vary')?.toLowerCase().includes('accept-encoding')) headers.append('vary', 'Accept-Encoding');
	if (!response.body || request.method === 'HEAD' || response.status < 200 || response.status === 204 || response.status === 206) return response;
	if (headers.has('content-encoding') || !compressible.test(headers.get('content-type') ?? '')) return response;
	const length = headers.get('content-length');
	if (length !== null && Number(length) < minCompressBytes) return response;
	if (!acceptsGzip(request.headers.get('accept-encoding'))) return response;
	const out = new Headers(headers);
	out.delete('content-length');
	out.set('content-encoding', 'gzip');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), { status: response.status, statusText: response.statusText, headers: out });
}
