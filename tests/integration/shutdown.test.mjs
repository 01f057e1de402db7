// Graceful shutdown: on SIGTERM the listener closes at once, idle connections are
// closed, a response in flight is finished, and the process exits with 0.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Rynek, runRynek, tempDir } from '../lib/rynek.mjs';
import { articleText, openSocket, parseResponses, sleep, tryConnect, waitFor, writeTree } from './helpers.mjs';

const big = randomBytes(20 * 1024 * 1024);
const bigSha = createHash('sha256').update(big).digest('hex');
const bigUrl = `/media/${bigSha}/duzy-plik.bin`;

let dataDir;
let contentDir;
before(() => {
  contentDir = writeTree(tempDir('rynek-shutdown-content-'), {
    'articles/duzy-zalacznik/index.md': articleText([
      'title = "Artykuł z dużym załącznikiem"',
      'published = 2026-01-05T10:00:00+01:00',
      '[[attachments]]',
      'title = "Duży plik"',
      'file = "duzy-plik.bin"',
    ]),
    'articles/duzy-zalacznik/duzy-plik.bin': big,
  });
  dataDir = tempDir('rynek-shutdown-data-');
  const result = runRynek(['import', contentDir, '--data-dir', dataDir]);
  assert.equal(result.status, 0, result.stderr);
});
after(() => {
  rmSync(contentDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

test('a download in flight at SIGTERM completes; new connections are refused; exit 0', async () => {
  const rynek = await new Rynek({ demo: false, dataDir }).start();
  const page = await fetch(`${rynek.url}/aktualnosci/duzy-zalacznik`).then((r) => r.text());
  assert.ok(page.includes(`href="${bigUrl}"`), 'the article links the attachment');

  const client = await openSocket(rynek.port);
  // Stop reading at the first chunk: socket buffers hold a few MB at most, so the
  // server is left with most of the 20 MB still to write when SIGTERM arrives.
  client.socket.once('data', () => client.socket.pause());
  client.socket.write(`GET ${bigUrl} HTTP/1.1\r\nHost: t\r\n\r\n`);
  await waitFor(() => client.received().length > 0, 5000, 'the first bytes');
  await sleep(200);
  const receivedBeforeTerm = client.received().length;
  assert.ok(receivedBeforeTerm < big.length, 'the response is still in flight');

  rynek.process.kill('SIGTERM');
  // The listener closes at once while the download is still going on.
  await waitFor(async () => (await tryConnect(rynek.port)) === 'refused', 3000, 'the listener to close');
  assert.equal(rynek.process.exitCode, null, 'the process waits for the request in flight');

  client.socket.resume();
  await Promise.race([client.closedPromise, sleep(15000)]);
  assert.equal(client.closed, true, 'the server closes the connection after the response');
  const { responses, rest } = parseResponses(client.received());
  assert.equal(responses.length, 1);
  assert.equal(responses[0].status, 200);
  assert.equal(Number(responses[0].headers['content-length']), big.length);
  assert.equal(responses[0].body.length, big.length, 'the whole body arrived');
  assert.ok(responses[0].body.equals(big), 'the bytes are intact');
  assert.equal(rest.length, 0);

  const exit = await Promise.race([rynek.exited, sleep(5000).then(() => ({ code: 'still running' }))]);
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.match(rynek.stderr, /shutting down/);
});

test('idle keep-alive connections are closed at shutdown and the process exits promptly', async () => {
  const rynek = await new Rynek({ demo: false, dataDir }).start();
  const sockets = await Promise.all([1, 2, 3].map(() => openSocket(rynek.port)));
  for (const socket of sockets) socket.socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
  await waitFor(() => sockets.every((s) => parseResponses(s.received()).responses.length === 1), 3000, 'responses');
  const idle = await openSocket(rynek.port);  // connected, never sends a byte
  const started = Date.now();
  rynek.process.kill('SIGTERM');
  const exit = await Promise.race([rynek.exited, sleep(5000).then(() => ({ code: 'still running' }))]);
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(Date.now() - started < 2000, `exited ${Date.now() - started} ms after SIGTERM`);
  for (const socket of [...sockets, idle]) {
    await Promise.race([socket.closedPromise, sleep(1000)]);
    assert.equal(socket.closed, true, 'idle connection closed');
  }
});

test('SIGINT shuts down the same way', async () => {
  const rynek = await new Rynek({ demo: false, dataDir }).start();
  const exit = await rynek.stop('SIGINT');
  assert.deepEqual(exit, { code: 0, signal: null });
});

// Depending on timing the download is still being written at SIGTERM, or already
// handed to the kernel (the connection is then idle); either way a request sent
// afterwards must not make the server reset the connection and lose the download's end.
test('a request pipelined after SIGTERM is not served and does not cut the response before it', async () => {
  const rynek = await new Rynek({ demo: false, dataDir }).start();
  const client = await openSocket(rynek.port);
  client.socket.write(`GET ${bigUrl} HTTP/1.1\r\nHost: t\r\n\r\n`);
  await waitFor(() => client.received().length > 0, 5000, 'the first bytes');
  client.socket.pause();
  rynek.process.kill('SIGTERM');
  await sleep(200);
  // A second, pipelined request: the server must not start it after shutdown began.
  client.socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
  client.socket.resume();
  await Promise.race([client.closedPromise, sleep(15000)]);
  assert.equal(client.closed, true);
  const { responses } = parseResponses(client.received());
  assert.equal(responses[0].body.length, big.length);
  assert.ok(responses.length === 1 || responses[1].headers.connection === 'close');
  const exit = await Promise.race([rynek.exited, sleep(5000).then(() => ({ code: 'still running' }))]);
  assert.equal(exit.code, 0);
});

test('the grace period bounds shutdown: a stalled download is cut and the process still exits 0', async () => {
  const rynek = await new Rynek({ demo: false, dataDir, args: ['--shutdown-grace', '1'] }).start();
  const client = await openSocket(rynek.port);
  client.socket.once('data', () => client.socket.pause());  // and never resume
  client.socket.write(`GET ${bigUrl} HTTP/1.1\r\nHost: t\r\n\r\n`);
  await waitFor(() => client.received().length > 0, 5000, 'the first bytes');
  const started = Date.now();
  rynek.process.kill('SIGTERM');
  const exit = await Promise.race([rynek.exited, sleep(6000).then(() => ({ code: 'still running' }))]);
  assert.deepEqual(exit, { code: 0, signal: null });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 900 && elapsed < 3000, `exited ${elapsed} ms after SIGTERM with a 1 s grace period`);
  client.socket.destroy();
});
