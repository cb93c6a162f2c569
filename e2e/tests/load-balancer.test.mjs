import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { after, before, beforeEach, test } from 'node:test';
import { freePort } from '../harness/javaProcess.mjs';
import { startLoadBalancer } from '../harness/loadBalancer.mjs';

// The test load balancer of the two-node browser tests (harness/loadBalancer.mjs), against two tiny
// backends that echo what reached them.

function echoServer(name) {
  const seen = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method, url: request.url, headers: request.headers, body });
      if (request.url === '/redirect') {
        response.writeHead(302, { Location: 'http://elsewhere.test/next?x=1' });
        response.end();
        return;
      }
      response.setHeader('Set-Cookie', [`served_by=${name}; HttpOnly; Path=/`, 'other=1; SameSite=Lax']);
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ name, method: request.method, url: request.url, headers: request.headers, body }));
    });
  });
  return { name, server, seen };
}

async function listen(backend) {
  backend.server.listen(0, '127.0.0.1');
  await once(backend.server, 'listening');
  backend.url = `http://127.0.0.1:${backend.server.address().port}`;
  return backend;
}

const close = (server) => (server.listening ? new Promise((resolve) => server.close(resolve)) : undefined);

let a;
let b;
let balancer;

before(async () => {
  [a, b] = await Promise.all([listen(echoServer('a')), listen(echoServer('b'))]);
});
beforeEach(async () => {
  await balancer?.stop();
  balancer = await startLoadBalancer({ backends: [a.url, b.url] });
  a.seen.length = 0;
  b.seen.length = 0;
});
after(async () => {
  await balancer?.stop();
  await Promise.all([close(a.server), close(b.server)]);
});

test('requests alternate between the backends, and the balancer counts them per backend', async () => {
  const names = [];
  for (let i = 0; i < 4; i++) names.push((await (await fetch(`${balancer.url}/api/me`)).json()).name);
  assert.deepEqual(names, ['a', 'b', 'a', 'b']);
  assert.deepEqual(balancer.counts(), [2, 2]);
  assert.deepEqual(
    balancer.requests().map(({ path, backend, status }) => [path, backend, status]),
    [['/api/me', 0, 200], ['/api/me', 1, 200], ['/api/me', 0, 200], ['/api/me', 1, 200]],
  );
});

test('method, path with query, headers and body reach the backend unchanged, with X-Forwarded-*', async () => {
  const body = JSON.stringify({ summary: 'Ünïcödé', n: 1 });
  const response = await fetch(`${balancer.url}/api/things/7?q=a%20b&q=c`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'tok', Cookie: 'testbridge_session=abc' },
    body,
  });
  assert.equal(response.status, 200);
  const [seen] = [...a.seen, ...b.seen];
  assert.equal(seen.method, 'PATCH');
  assert.equal(seen.url, '/api/things/7?q=a%20b&q=c');
  assert.equal(seen.body, body);
  assert.equal(seen.headers['content-type'], 'application/json');
  assert.equal(seen.headers['x-csrf-token'], 'tok');
  assert.equal(seen.headers.cookie, 'testbridge_session=abc');
  assert.equal(seen.headers.host, new URL(balancer.url).host, 'the Host the client used');
  assert.equal(seen.headers['x-forwarded-host'], new URL(balancer.url).host);
  assert.equal(seen.headers['x-forwarded-proto'], 'http');
  assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1');
});

test('Set-Cookie headers and redirects come back untouched', async () => {
  const answer = await fetch(`${balancer.url}/`);
  assert.deepEqual(answer.headers.getSetCookie(), ['served_by=a; HttpOnly; Path=/', 'other=1; SameSite=Lax']);
  const redirect = await fetch(`${balancer.url}/redirect`, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get('location'), 'http://elsewhere.test/next?x=1');
});

test('a backend that refuses connections is skipped, for GET and for POST alike', async () => {
  const deadPort = await freePort(); // nothing listens there
  await balancer.stop();
  balancer = await startLoadBalancer({ backends: [`http://127.0.0.1:${deadPort}`, a.url] });
  for (const method of ['GET', 'POST', 'GET', 'POST']) {
    const response = await fetch(`${balancer.url}/api/session`, { method, body: method === 'POST' ? '{"x":1}' : undefined });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).name, 'a');
  }
  assert.deepEqual(balancer.counts(), [0, 4]);
  assert.equal(a.seen.filter((request) => request.method === 'POST').length, 2, 'each POST arrived once');
});

test('with every backend down the client gets a 502 naming them', async () => {
  const [deadA, deadB] = await Promise.all([freePort(), freePort()]);
  await balancer.stop();
  balancer = await startLoadBalancer({ backends: [`http://127.0.0.1:${deadA}`, `http://127.0.0.1:${deadB}`] });
  const response = await fetch(`${balancer.url}/health`);
  assert.equal(response.status, 502);
  assert.match(await response.text(), new RegExp(`127.0.0.1:${deadA}: ECONNREFUSED; 127.0.0.1:${deadB}: ECONNREFUSED`));
});

test('a backend that breaks the connection after a POST arrived gets no retry: the client sees 502', async () => {
  const received = [];
  const breaking = createServer((request) => {
    received.push(request.method);
    request.socket.destroy();
  });
  breaking.listen(0, '127.0.0.1');
  await once(breaking, 'listening');
  try {
    await balancer.stop();
    balancer = await startLoadBalancer({ backends: [`http://127.0.0.1:${breaking.address().port}`, a.url] });
    const post = await fetch(`${balancer.url}/api/issues`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 502, 'a POST may have had its effect: not sent twice');
    assert.equal(a.seen.length, 0);
    const get = await fetch(`${balancer.url}/api/issues`); // round robin starts at the second backend now
    assert.equal(get.status, 200);
    const retried = await fetch(`${balancer.url}/api/issues`); // the breaking backend, then a retry on a
    assert.equal(retried.status, 200);
    assert.deepEqual(received, ['POST', 'GET']);
  } finally {
    await close(breaking);
  }
});
