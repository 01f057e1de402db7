// Limits that protect the server: header size (431), body size (413, decided from
// Content-Length before any body is read, or as a chunked body passes the limit),
// and timeouts against clients that send too slowly or sit idle.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Rynek, rawRequest, statusOf } from '../lib/rynek.mjs';
import { openSocket, parseResponses, sleep, waitFor } from './helpers.mjs';

const MiB = 1024 * 1024;

// Timeouts are seconds in the configuration; a short read timeout and a longer idle
// timeout let the tests tell them apart.
const readTimeout = 1;
const idleTimeout = 3;

let rynek;
let slow;
before(async () => {
  [rynek, slow] = await Promise.all([
    new Rynek().start(),
    new Rynek({ args: ['--read-timeout', String(readTimeout), '--idle-timeout', String(idleTimeout)] }).start(),
  ]);
});
after(async () => {
  const results = await Promise.all([rynek.stop(), slow.stop()]);
  assert.deepEqual(results.map((r) => r.code), [0, 0]);
});

describe('header size', () => {
  test('a header block over 16 KiB is 431 and the connection closes', async () => {
    const raw = await rawRequest(rynek.port, `GET / HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`);
    assert.equal(statusOf(raw.text), 431);
    assert.equal(raw.closed, true);
  });

  test('many small headers adding up to over 16 KiB are 431', async () => {
    const headers = Array.from({ length: 1000 }, (_, i) => `X-H${i}: ${'v'.repeat(20)}\r\n`).join('');
    const raw = await rawRequest(rynek.port, `GET / HTTP/1.1\r\nHost: t\r\n${headers}\r\n`);
    assert.equal(statusOf(raw.text), 431);
  });

  test('a header block just under the limit is served', async () => {
    const raw = await rawRequest(rynek.port, `GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\nX-Big: ${'a'.repeat(15 * 1024)}\r\n\r\n`);
    assert.equal(statusOf(raw.text), 200);
  });

  test('a huge cookie is 431, not 500', async () => {
    const raw = await rawRequest(rynek.port, `GET / HTTP/1.1\r\nHost: t\r\nCookie: lang=en; x=${'y'.repeat(20000)}\r\n\r\n`);
    assert.equal(statusOf(raw.text), 431);
  });

  test('requests refused while reading the header are in the access log', async () => {
    const before431 = rynek.accessLog().filter((l) => l.status === 431).length;
    const before400 = rynek.accessLog().filter((l) => l.status === 400 && l.method === 'OTHER').length;
    assert.equal(statusOf((await rawRequest(rynek.port, `GET / HTTP/1.1\r\nX: ${'a'.repeat(20000)}\r\n\r\n`)).text), 431);
    assert.equal(statusOf((await rawRequest(rynek.port, 'G(E)T / HTTP/1.1\r\nHost: t\r\n\r\n')).text), 400);
    await waitFor(() => rynek.accessLog().filter((l) => l.status === 431).length > before431 &&
      rynek.accessLog().filter((l) => l.status === 400 && l.method === 'OTHER').length > before400, 3000, 'log lines');
    const line = rynek.accessLog().findLast((l) => l.status === 431);
    assert.equal(line.ip, '127.0.0.1');
    assert.equal(line.path, '');
  });
});

describe('body size', () => {
  test('Content-Length over the limit is 413 at once, before any body is sent', async () => {
    const started = Date.now();
    const raw = await rawRequest(rynek.port, 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n', { timeoutMs: 4000 });
    assert.equal(statusOf(raw.text), 413);
    assert.equal(raw.closed, true, 'the server closes instead of reading 100 MB');
    assert.ok(Date.now() - started < 2000, `answered in ${Date.now() - started} ms, without waiting for the body`);
    assert.match(parseResponses(raw.text).responses[0].headers['content-type'], /^text\/html/);
  });

  test('the limit is exact: 1 MiB is accepted, 1 MiB + 1 byte is 413', async () => {
    const exact = await rawRequest(rynek.port,
      `GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: ${MiB}\r\n\r\n${'x'.repeat(MiB)}`);
    assert.equal(statusOf(exact.text), 200);
    const over = await rawRequest(rynek.port, `GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: ${MiB + 1}\r\n\r\n`);
    assert.equal(statusOf(over.text), 413);
  });

  test('a chunked body is 413 as soon as it passes the limit', async () => {
    const socket = await openSocket(rynek.port);
    socket.socket.write('GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = `10000\r\n${'z'.repeat(0x10000)}\r\n`;  // 64 KiB each
    for (let i = 0; i < 24 && !socket.closed && socket.received().length === 0; ++i) {
      socket.socket.write(chunk);
      await sleep(5);
    }
    await waitFor(() => socket.received().length > 0, 3000, 'a response');
    assert.equal(statusOf(socket.received().toString('latin1')), 413);
    await Promise.race([socket.closedPromise, sleep(3000)]);
    assert.equal(socket.closed, true);
  });

  test('a chunk size announcing more than the limit is 413 without reading it', async () => {
    const raw = await rawRequest(rynek.port, 'GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n');
    assert.equal(statusOf(raw.text), 413);
  });

  test('a small chunked body is accepted', async () => {
    const raw = await rawRequest(rynek.port,
      'GET /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
    assert.equal(statusOf(raw.text), 200);
  });

  test('a 413 on an unknown path does not read the body either', async () => {
    const raw = await rawRequest(rynek.port, 'POST /nie-ma HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n', { timeoutMs: 3000 });
    assert.equal(statusOf(raw.text), 404);
    assert.equal(raw.closed, true);
  });
});

describe('timeouts', { concurrency: true }, () => {
  test('a client that starts a request and stops is dropped after the read timeout', async () => {
    const socket = await openSocket(slow.port);
    const started = Date.now();
    socket.socket.write('GET / HTTP/1.1\r\nHost: t\r\n');
    await Promise.race([socket.closedPromise, sleep(idleTimeout * 1000 + 2000)]);
    assert.equal(socket.closed, true, 'the connection is closed');
    const elapsed = socket.closedAt - started;
    assert.ok(elapsed >= readTimeout * 1000 - 100, `not before the read timeout (${elapsed} ms)`);
    assert.ok(elapsed < idleTimeout * 1000 - 500, `by the read timeout, not the idle timeout (${elapsed} ms)`);
    assert.equal(socket.received().length, 0, 'nothing is answered to half a request');
  });

  test('a client that trickles its header byte by byte is dropped after the read timeout', async () => {
    const socket = await openSocket(slow.port);
    const started = Date.now();
    const text = `GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ${'s'.repeat(100)}\r\n\r\n`;
    for (let i = 0; i < text.length && !socket.closed; ++i) {
      socket.socket.write(text[i]);
      await sleep(100);
    }
    assert.equal(socket.closed, true);
    const elapsed = socket.closedAt - started;
    assert.ok(elapsed < readTimeout * 1000 + 1000, `closed after ${elapsed} ms`);
    assert.equal(statusOf(socket.received().toString('latin1')), null, 'no response');
  });

  test('a slow body is dropped after the read timeout', async () => {
    const socket = await openSocket(slow.port);
    const started = Date.now();
    socket.socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc');
    await Promise.race([socket.closedPromise, sleep(idleTimeout * 1000 + 2000)]);
    assert.equal(socket.closed, true);
    assert.ok(socket.closedAt - started < readTimeout * 1000 + 1000, `closed after ${socket.closedAt - started} ms`);
  });

  test('an idle keep-alive connection is closed after the idle timeout, not before', async () => {
    const socket = await openSocket(slow.port);
    socket.socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
    await waitFor(() => parseResponses(socket.received()).responses.length === 1, 3000, 'the response');
    const answered = Date.now();
    await sleep(readTimeout * 1000 + 500);
    assert.equal(socket.closed, false, 'still open after the (shorter) read timeout');
    await Promise.race([socket.closedPromise, sleep(idleTimeout * 1000 + 2000)]);
    assert.equal(socket.closed, true, 'closed after the idle timeout');
    const elapsed = socket.closedAt - answered;
    assert.ok(elapsed >= idleTimeout * 1000 - 200 && elapsed < idleTimeout * 1000 + 1500, `closed after ${elapsed} ms`);
  });

  test('a connection that never sends anything is closed after the idle timeout', async () => {
    const socket = await openSocket(slow.port);
    const started = Date.now();
    await Promise.race([socket.closedPromise, sleep(idleTimeout * 1000 + 2000)]);
    assert.equal(socket.closed, true);
    assert.ok(socket.closedAt - started < idleTimeout * 1000 + 1500);
  });

  test('the server still answers after dropping slow clients', async () => {
    const raw = await rawRequest(slow.port, 'GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(raw.text), 200);
  });
});
