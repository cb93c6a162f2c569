import type { Middleware } from 'openapi-fetch';

/**
 * The last answer to each GET, kept in memory with its entity tag and revalidated: the next GET of
 * the same URL sends `If-None-Match`, and a 304 is answered from here, so a reload of an unchanged
 * list costs the server no encoding and the network no body. Only in this page's memory — the
 * server marks every answer `no-store`, so nothing of a person's data reaches the disk cache — and
 * forgotten when the session changes. A tag names exact bytes, so a 304 can never hand out an
 * answer other than the one the server would have sent.
 */
const MAX_ANSWERS = 64;
const MAX_BODY_CHARS = 1_000_000;

interface Kept {
  tag: string;
  body: string;
  contentType: string;
}

const kept = new Map<string, Kept>();

export function forgetKeptAnswers(): void {
  kept.clear();
}

export const revalidateKeptAnswers: Middleware = {
  onRequest({ request }) {
    const answer = request.method === 'GET' ? kept.get(request.url) : undefined;
    if (answer) request.headers.set('If-None-Match', answer.tag);
    return request;
  },
  async onResponse({ request, response, options }) {
    if (request.method !== 'GET') return undefined;
    if (response.status === 304) {
      const answer = kept.get(request.url);
      if (!answer) {
        // forgotten while the request was out (a logout): ask again, unconditionally
        const again = new Request(request);
        again.headers.delete('If-None-Match');
        return options.fetch(again);
      }
      kept.delete(request.url); // the most recently used last, for the bound below
      kept.set(request.url, answer);
      return new Response(answer.body, {
        status: 200,
        headers: { 'Content-Type': answer.contentType, ETag: answer.tag },
      });
    }
    const tag = response.headers.get('ETag');
    if (response.status !== 200 || tag === null) {
      kept.delete(request.url);
      return undefined;
    }
    const body = await response.clone().text();
    if (body.length <= MAX_BODY_CHARS) {
      kept.delete(request.url);
      kept.set(request.url, { tag, body, contentType: response.headers.get('Content-Type') ?? 'application/json' });
      if (kept.size > MAX_ANSWERS) kept.delete(kept.keys().next().value as string);
    }
    return undefined;
  },
};
