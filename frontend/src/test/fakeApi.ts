import { vi } from 'vitest';

export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A canned answer, or one worked out from the request (a promise holds the answer until it settles). */
type Handler = FakeAnswer | ((request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>);

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string's parameters (routes are matched on the path alone). */
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/**
 * Replaces the global fetch with canned answers keyed by "METHOD /path". Unknown requests answer
 * 404 in the API's error shape, so a test sees them fail instead of hanging.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      path: new URL(request.url).pathname,
      query: new URL(request.url).searchParams,
      headers: request.headers,
      body: text ? parseBody(text) : undefined,
    };
    requests.push(recorded);
    const handler = routes[`${recorded.method} ${recorded.path}`];
    const answer: FakeAnswer =
      handler === undefined
        ? { status: 404, body: { error: { code: 'not_found', message: `No fake for ${recorded.method} ${recorded.path}` } } }
        : typeof handler === 'function'
          ? await handler(recorded)
          : handler;
    const status = answer.status ?? 200;
    const hasBody = answer.body !== undefined && status !== 204;
    return new Response(hasBody ? JSON.stringify(answer.body) : null, {
      status,
      headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetchStub);
  return {
    requests,
    /** The requests made to one "METHOD /path". */
    to: (route: string) => requests.filter((request) => `${request.method} ${request.path}` === route),
  };
}

/** JSON bodies parsed; any other (an uploaded file) as its text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function apiError(status: number, code: string, message: string, field?: string): FakeAnswer {
  return { status, body: { error: { code, message, ...(field ? { field } : {}) } } };
}
