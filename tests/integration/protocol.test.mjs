// HTTP behaviour of the server: keep-alive, HEAD, 405 with Allow, conditional
// requests, caching of static files, gzip, security headers, the access log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Rynek, rawRequest, statusOf } from '../lib/rynek.mjs';
import { openSocket, parseResponses, request, sleep, waitFor } from './helpers.mjs';

let rynek;
let port;
before(async () => {
  rynek = await new Rynek().start();
  port = rynek.port;
});
after(async () => {
  const { code } = await rynek.stop();
  assert.equal(code, 0);
});

// The stylesheet URL the layout links to: /static/css/site.css?v=<hash>.
async function stylesheetUrl() {
  const home = await request(port, '/');
  const href = /<link rel="stylesheet" href="(\/static\/css\/site\.css\?v=([0-9a-f]+))">/.exec(home.text);
  assert.ok(href, 'the layout links a fingerprinted stylesheet');
  return { url: href[1], hash: href[2] };
}

function assertSecurityHeaders(headers, where) {
  const csp = headers['content-security-policy'];
  assert.ok(csp, `${where}: has a Content-Security-Policy`);
  assert.match(csp, /frame-ancestors 'none'|sandbox/, `${where}: CSP forbids framing`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${where}: CSP allows no inline script`);
  assert.match(csp, /default-src '(self|none)'/, `${where}: CSP has a default-src`);
  assert.equal(headers['x-content-type-options'], 'nosniff', `${where}: nosniff`);
  assert.ok(headers['referrer-policy'], `${where}: has a Referrer-Policy`);
}

describe('connections', () => {
  test('keep-alive: two requests on one socket get two responses', async () => {
    const socket = await openSocket(port);
    socket.socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
    await waitFor(() => parseResponses(socket.received()).responses.length === 1, 3000, 'first response');
    assert.equal(socket.closed, false, 'the connection stays open after the first response');
    socket.socket.write('GET /robots.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    await socket.closedPromise;
    const { responses, rest } = parseResponses(socket.received());
    assert.equal(responses.length, 2);
    assert.equal(responses[0].text, 'ok\n');
    assert.match(responses[1].text, /^User-agent: \*/);
    assert.equal(responses[1].headers.connection, 'close');
    assert.equal(rest.length, 0);
  });

  test('pipelined requests are answered in order', async () => {
    const raw = await rawRequest(port,
      'GET /healthz HTTP/1.1\r\nHost: t\r\n\r\nGET /nie-ma HTTP/1.1\r\nHost: t\r\n\r\nGET /robots.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    const { responses } = parseResponses(raw.text);
    assert.deepEqual(responses.map((r) => r.status), [200, 404, 200]);
  });

  test('HTTP/1.0 without keep-alive is closed after the response', async () => {
    const raw = await rawRequest(port, 'GET /healthz HTTP/1.0\r\n\r\n', { timeoutMs: 3000 });
    assert.equal(statusOf(raw.text), 200);
    assert.equal(raw.closed, true);
  });
});

describe('methods', () => {
  for (const path of ['/', '/aktualnosci', '/aktualnosci/seminarium-forum-rozwoju-lokalnego', '/feed.atom', '/static/css/site.css', '/nie-ma']) {
    test(`HEAD ${path} has GET's status and headers and no body`, async () => {
      const get = await request(port, path);
      const head = await request(port, path, { method: 'HEAD' });
      assert.equal(head.status, get.status);
      assert.equal(head.body.length, 0);
      assert.equal(head.headers['content-length'], String(get.body.length));
      for (const name of ['content-type', 'cache-control', 'content-security-policy', 'x-content-type-options']) {
        assert.equal(head.headers[name], get.headers[name], name);
      }
      if (get.status === 200) assert.equal(head.headers.etag, get.headers.etag);
    });
  }

  test('HEAD keeps the connection usable: the next response parses cleanly', async () => {
    const raw = await rawRequest(port, 'HEAD / HTTP/1.1\r\nHost: t\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    const { responses } = parseResponses(raw.text, { bodiless: (index) => index === 0 });
    assert.deepEqual(responses.map((r) => r.status), [200, 200]);
    assert.equal(responses[1].text, 'ok\n');
  });

  for (const [method, path] of [['POST', '/aktualnosci'], ['DELETE', '/'], ['PUT', '/aktualnosci/x'], ['PATCH', '/feed.atom'], ['OPTIONS', '/']]) {
    test(`${method} ${path} is 405 with Allow: GET, HEAD`, async () => {
      const res = await request(port, path, { method, headers: { 'Content-Length': '0' } });
      assert.equal(res.status, 405);
      assert.equal(res.headers.allow, 'GET, HEAD');
      assert.match(res.headers['content-type'], /^text\/html/);
      assertSecurityHeaders(res.headers, `${method} ${path}`);
    });
  }

  test('an unknown method is 501, never 500', async () => {
    const raw = await rawRequest(port, 'BREW / HTTP/1.1\r\nHost: t\r\n\r\n');
    assert.equal(statusOf(raw.text), 501);
  });
});

describe('conditional requests and caching', () => {
  for (const path of ['/', '/aktualnosci', '/aktualnosci/seminarium-forum-rozwoju-lokalnego', '/feed.atom']) {
    test(`${path}: If-None-Match with its ETag gives 304 without a body`, async () => {
      const first = await request(port, path);
      const etag = first.headers.etag;
      assert.ok(etag, 'pages have an ETag');
      const again = await request(port, path, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, etag);
      const other = await request(port, path, { headers: { 'If-None-Match': '"something-else"' } });
      assert.equal(other.status, 200);
      assert.equal(other.body.length, first.body.length);
    });
  }

  test('pages say no-cache (revalidate every time)', async () => {
    const res = await request(port, '/');
    assert.match(res.headers['cache-control'], /no-cache/);
  });

  test('a fingerprinted static URL is cached for a year, immutable', async () => {
    const { url } = await stylesheetUrl();
    const res = await request(port, url);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/css; charset=utf-8');
    assert.match(res.headers['cache-control'], /max-age=31536000/);
    assert.match(res.headers['cache-control'], /immutable/);
  });

  test('a static URL without or with a wrong fingerprint must be revalidated', async () => {
    for (const url of ['/static/css/site.css', '/static/css/site.css?v=000000000000']) {
      const res = await request(port, url);
      assert.equal(res.status, 200);
      assert.match(res.headers['cache-control'], /no-cache/, url);
      assert.doesNotMatch(res.headers['cache-control'], /max-age=31536000/, url);
    }
  });

  test('static files: ETag is the fingerprint and If-None-Match gives 304', async () => {
    const { url, hash } = await stylesheetUrl();
    const res = await request(port, url);
    assert.equal(res.headers.etag, `"${hash}"`);
    const again = await request(port, '/static/css/site.css', { headers: { 'If-None-Match': res.headers.etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const weak = await request(port, url, { headers: { 'If-None-Match': `W/${res.headers.etag}` } });
    assert.equal(weak.status, 304, 'a weak validator matches too');
  });

  test('the favicon is served as SVG', async () => {
    const res = await request(port, '/static/favicon.svg');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'image/svg+xml');
  });
});

describe('compression', () => {
  for (const path of ['/', '/aktualnosci/seminarium-forum-rozwoju-lokalnego', '/feed.atom', '/sitemap.xml', '/static/css/site.css', '/nie-ma']) {
    test(`${path}: gzip when accepted, the same bytes after decompression`, async () => {
      const plain = await request(port, path);
      const zipped = await request(port, path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      assert.equal(zipped.status, plain.status);
      assert.equal(plain.headers['content-encoding'], undefined, 'no gzip unless asked');
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.match(zipped.headers.vary || '', /Accept-Encoding/);
      assert.equal(Number(zipped.headers['content-length']), zipped.body.length);
      assert.ok(zipped.body.length < plain.body.length, 'compressed is smaller');
      assert.ok(gunzipSync(zipped.body).equals(plain.body), 'decompressed equals the identity response');
    });
  }

  test('gzip;q=0 is a refusal', async () => {
    const res = await request(port, '/', { headers: { 'Accept-Encoding': 'gzip;q=0' } });
    assert.equal(res.headers['content-encoding'], undefined);
  });

  test('binary downloads are not compressed', async () => {
    const page = await request(port, '/aktualnosci/seminarium-forum-rozwoju-lokalnego');
    const pdf = /href="(\/media\/[0-9a-f]{64}\/program-seminarium\.pdf)"/.exec(page.text)[1];
    const res = await request(port, pdf, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined);
  });
});

describe('security headers', () => {
  const paths = ['/', '/aktualnosci', '/aktualnosci/seminarium-forum-rozwoju-lokalnego', '/tagi/seminaria',
    '/feed.atom', '/sitemap.xml', '/robots.txt', '/healthz', '/readyz', '/static/css/site.css', '/nie-ma',
    '/aktualnosci?strona=0', '/jezyk/en?next=/'];
  for (const path of paths) {
    test(`on ${path}`, async () => {
      const res = await request(port, path);
      assertSecurityHeaders(res.headers, path);
    });
  }

  const rawCases = {
    '400 (bad request line)': 'GARBAGE\r\n\r\n',
    '400 (bad UTF-8)': 'GET /%FF HTTP/1.1\r\nHost: t\r\n\r\n',
    '405': 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n',
    '413': 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n',
    '431': `GET / HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`,
    '501': 'BREW / HTTP/1.1\r\nHost: t\r\n\r\n',
  };
  for (const [name, data] of Object.entries(rawCases)) {
    test(`on error ${name}`, async () => {
      const raw = await rawRequest(port, data);
      const { responses } = parseResponses(raw.text);
      assert.equal(responses[0].status, Number(name.slice(0, 3)));
      assertSecurityHeaders(responses[0].headers, name);
    });
  }

  test('the page CSP allows no inline script and names frame-ancestors', async () => {
    const res = await request(port, '/');
    const csp = res.headers['content-security-policy'];
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(res.text, /<script(?![^>]*\bsrc=)[^>]*>/, 'the page has no inline <script>');
    assert.doesNotMatch(res.text, /\son[a-z]+="/, 'the page has no inline event handlers');
  });
});

describe('access log', () => {
  test('one JSON line per request, with method, path, route, status, bytes and time', async () => {
    const marker = `/nie-ma-${Date.now()}`;
    await request(port, marker);
    await request(port, marker, { method: 'HEAD' });
    const list = await request(port, '/aktualnosci?strona=2');
    await waitFor(() => rynek.accessLog().filter((l) => l.path === marker).length >= 2, 3000, 'log lines');
    await sleep(200);  // a duplicate line would arrive now
    const lines = rynek.accessLog().filter((l) => l.path === marker);
    assert.equal(lines.length, 2);
    // Two connections: the lines are written as each response finishes, in either order.
    assert.deepEqual(lines.map((l) => `${l.method} ${l.status}`).sort(), ['GET 404', 'HEAD 404']);
    const listLine = rynek.accessLog().findLast((l) => l.path === '/aktualnosci' && l.status === 200);
    assert.ok(listLine, 'the list page is logged');
    assert.equal(listLine.type, 'access');
    assert.equal(listLine.route, 'news.list');
    assert.equal(listLine.bytes, list.body.length);
    assert.equal(listLine.ip, '127.0.0.1');
    assert.equal(typeof listLine.ms, 'number');
    assert.ok(!Number.isNaN(Date.parse(listLine.ts)));
  });

  test('a path with quotes and backslashes is logged as valid JSON', async () => {
    const marker = `/dziwne-"\\-${Date.now()}`;
    await request(port, encodeURI(marker).replace(/"/g, '%22'));
    await waitFor(() => rynek.accessLog().some((l) => l.path === marker), 3000, 'escaped path in the log');
  });

  test('static assets are not logged', async () => {
    const { url } = await stylesheetUrl();
    await request(port, url);
    await request(port, '/static/favicon.svg');
    await request(port, '/healthz');  // a logged request after them, to flush the log
    await request(port, `/po-statycznych-${Date.now()}`);
    await sleep(300);
    const staticLines = rynek.accessLog().filter((l) => l.path.startsWith('/static/'));
    assert.deepEqual(staticLines, []);
  });
});
