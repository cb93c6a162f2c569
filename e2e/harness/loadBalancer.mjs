import { Agent, createServer, request as httpRequest } from 'node:http';

/**
 * A small round-robin HTTP reverse proxy for tests with several Testbridge nodes, like an nginx
 * `upstream` without sticky sessions: each request goes to the next backend in turn. It forwards
 * method, path, headers and body as they are (Set-Cookie and redirects included), adds
 * `X-Forwarded-For/-Proto/-Host`, and counts the requests each backend answered.
 *
 * A backend that refuses the connection is skipped: the request goes to the next one (nothing
 * reached the dead backend, so that is safe for any method). A backend that fails after the request
 * was sent gets the request retried elsewhere only if the method is idempotent (nginx's
 * `proxy_next_upstream error` does the same); otherwise the client gets a 502.
 *
 * `backends` are base URLs (`http://127.0.0.1:8081`). Listens on 127.0.0.1, on `port` or a free one.
 */
export async function startLoadBalancer({ backends, port = 0 }) {
  if (!backends?.length) throw new Error('a load balancer needs at least one backend');
  const targets = backends.map((url) => new URL(url));
  const served = targets.map(() => 0);
  const log = [];
  // A new connection per request: a killed backend is then noticed as a refused connection, not
  // as a pooled socket that breaks after the request was written to it.
  const agent = new Agent({ keepAlive: false });
  let next = 0;

  const server = createServer(async (incoming, outgoing) => {
    let body;
    try {
      body = await readBody(incoming);
    } catch {
      outgoing.destroy();
      return;
    }
    const first = next;
    next = (next + 1) % targets.length;
    const failures = [];
    for (let attempt = 0; attempt < targets.length; attempt++) {
      const index = (first + attempt) % targets.length;
      const outcome = await forward(targets[index], incoming, outgoing, body, agent);
      if (outcome.ok) {
        served[index] += 1;
        log.push({ method: incoming.method, path: incoming.url, backend: index, status: outcome.status });
        return;
      }
      failures.push(`${targets[index].host}: ${outcome.error.code ?? outcome.error.message}`);
      if (!outcome.retryable) break;
    }
    if (!outgoing.headersSent) {
      outgoing.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      outgoing.end(`No backend answered: ${failures.join('; ')}\n`);
    } else {
      outgoing.destroy();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;

  return {
    url,
    backends: targets.map((target) => target.origin),
    /** How many requests each backend answered so far, in the order of `backends`. */
    counts: () => [...served],
    /** Every answered request: `{ method, path, backend, status }`, `backend` an index. */
    requests: () => [...log],
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
// Refused or unreachable before a byte of the request left: safe to send elsewhere.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
// Hop-by-hop headers (RFC 9110, 7.6.1) are the proxy's own business.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'];

function readBody(incoming) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    incoming.on('data', (chunk) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks)));
    incoming.once('error', reject);
  });
}

function forwardedHeaders(incoming, body) {
  // rawHeaders keeps repeated headers and their spelling as the client sent them.
  const headers = [];
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (HOP_BY_HOP.includes(name) || name === 'content-length' || name.startsWith('x-forwarded-')) continue;
    headers.push([raw[i], raw[i + 1]]);
  }
  const client = incoming.socket.remoteAddress;
  const earlier = incoming.headers['x-forwarded-for'];
  headers.push(['X-Forwarded-For', earlier ? `${earlier}, ${client}` : client]);
  headers.push(['X-Forwarded-Proto', 'http']);
  if (incoming.headers.host) headers.push(['X-Forwarded-Host', incoming.headers.host]);
  if (body.length > 0 || !['GET', 'HEAD'].includes(incoming.method)) headers.push(['Content-Length', String(body.length)]);
  return headers.flat();
}

/**
 * Sends one request to `target` and pipes the answer back. Resolves `{ ok, status }` once the
 * answer has been passed on, or `{ ok: false, error, retryable }` if nothing reached the client.
 */
function forward(target, incoming, outgoing, body, agent) {
  return new Promise((resolve) => {
    let answered = false;
    let connected = false;
    const upstream = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: forwardedHeaders(incoming, body),
        agent,
        setHost: false,
      },
      (response) => {
        answered = true;
        const headers = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          if (HOP_BY_HOP.includes(response.rawHeaders[i].toLowerCase())) continue;
          headers.push(response.rawHeaders[i], response.rawHeaders[i + 1]);
        }
        outgoing.writeHead(response.statusCode, response.statusMessage, headers);
        response.pipe(outgoing);
        // A backend that dies mid-answer: the client sees a cut-off response, as behind nginx.
        response.once('error', () => outgoing.destroy());
        response.once('close', () => resolve({ ok: true, status: response.statusCode }));
      },
    );
    upstream.once('socket', (socket) => socket.once('connect', () => (connected = true)));
    upstream.once('error', (error) => {
      if (answered) return; // the client already has the status line; the response's error handler ends it
      const retryable = (!connected && NOT_CONNECTED.has(error.code)) || IDEMPOTENT.has(incoming.method);
      resolve({ ok: false, error, retryable });
    });
    // The client gave up: stop the upstream request as well.
    outgoing.once('close', () => {
      if (!outgoing.writableFinished) upstream.destroy();
    });
    upstream.end(body);
  });
}
