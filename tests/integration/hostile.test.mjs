// Hostile input: malformed requests get 400 (never 500), static files never leave
// static/, invalid UTF-8 and NUL are refused, smuggling-shaped requests are refused,
// and script or HTML in article fields is shown as text.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Rynek, rawRequest, repoRoot, runRynek, statusOf, tempDir } from '../lib/rynek.mjs';
import { articleText, parseResponses, request, writeTree } from './helpers.mjs';

let rynek;
let port;
let contentDir;
let dataDir;

const script = '<script>alert(1)</script>';
const breakout = '"><img src=x onerror=alert(1)>';

before(async () => {
  // The demo plus one article whose every field tries to inject markup.
  contentDir = writeTree(tempDir('rynek-hostile-content-'), {
    'articles/wstrzykniecie.md': articleText([
      `title = ${JSON.stringify(`Tytuł ${script} ${breakout}`)}`,
      `lead = ${JSON.stringify(`Lead ${script} ${breakout}`)}`,
      // A minute ago: the newest article, so it is on the home page too.
      `published = ${new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z')}`,
      `tags = [${JSON.stringify(`Tag ${script}`)}, ${JSON.stringify(`Tag2 ${breakout}`)}]`,
    ], [
      `Akapit ${script} i ${breakout} koniec.`,
      '',
      '[Kliknij](javascript:alert(1)) oraz [drugi](JaVaScRiPt:alert(2)) i [trzeci](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '',
      '<a href="javascript:alert(3)">surowy link</a>',
      '',
      '<iframe src="https://evil.example"></iframe>',
      '',
      '![obraz](x" onerror="alert(4))',
      '',
    ].join('\n')),
  });
  dataDir = tempDir('rynek-hostile-data-');
  for (const dir of [`${repoRoot}/demo`, contentDir]) {
    const result = runRynek(['import', dir, '--data-dir', dataDir]);
    assert.equal(result.status, 0, result.stderr);
  }
  rynek = await new Rynek({ demo: false, dataDir }).start();
  port = rynek.port;
});
after(async () => {
  const { code } = await rynek.stop();
  assert.equal(code, 0);
  rmSync(contentDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function raw(data) {
  const reply = await rawRequest(port, data, { timeoutMs: 3000 });
  return { status: statusOf(reply.text), text: reply.text, closed: reply.closed };
}

describe('malformed requests', () => {
  const cases = {
    'garbage request line': 'GARBAGE\r\n\r\n',
    'unknown HTTP version': 'GET / HTTP/9.9\r\nHost: t\r\n\r\n',
    'missing version': 'GET /\r\nHost: t\r\n\r\n',
    'lower-case version': 'GET / http/1.1\r\nHost: t\r\n\r\n',
    'two spaces in the request line': 'GET  / HTTP/1.1\r\nHost: t\r\n\r\n',
    'target not starting with /': 'GET aktualnosci HTTP/1.1\r\nHost: t\r\n\r\n',
    'absolute-form target to another host': 'GET http://evil.example/ HTTP/1.1\r\nHost: t\r\n\r\n',
    'header without colon': 'GET / HTTP/1.1\r\nHost t\r\n\r\n',
    'space before colon': 'GET / HTTP/1.1\r\nHost : t\r\n\r\n',
    'bad character in header name': 'GET / HTTP/1.1\r\nHo(st: t\r\n\r\n',
    'control character in header value': 'GET / HTTP/1.1\r\nHost: t\r\nX-A: a\x01b\r\n\r\n',
    'NUL in header value': 'GET / HTTP/1.1\r\nHost: t\r\nX-A: a\x00b\r\n\r\n',
    'bare LF line endings': 'GET / HTTP/1.1\nHost: t\n\n',
    'CR without LF in header': 'GET / HTTP/1.1\r\nHost: t\rX-A: b\r\n\r\n',
    'empty header name': 'GET / HTTP/1.1\r\nHost: t\r\n: v\r\n\r\n',
    'invalid Content-Length': 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n',
    'negative Content-Length': 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n',
    'Content-Length and Transfer-Encoding': 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'two different Content-Length values': 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!',
    'Content-Length list': 'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 6\r\n\r\nhello!',
    'unknown transfer coding': 'GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n',
    'chunked not last': 'GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, gzip\r\n\r\n',
    'bad chunk size': 'GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
  };
  for (const [name, data] of Object.entries(cases)) {
    test(`${name} -> 400 or closed, never 2xx/5xx`, async () => {
      const reply = await raw(data);
      assert.ok(reply.status === 400 || (reply.status === null && reply.closed),
        `got ${reply.status} (${JSON.stringify(reply.text.slice(0, 60))})`);
      assert.ok(reply.closed, 'the connection is closed after a malformed request');
    });
  }

  for (const name of ['garbage request line', 'unknown HTTP version', 'missing version', 'header without colon',
    'space before colon', 'bad character in header name', 'control character in header value',
    'Content-Length and Transfer-Encoding', 'two different Content-Length values']) {
    test(`${name} gets an actual 400 page`, async () => {
      const reply = await raw(cases[name]);
      assert.equal(reply.status, 400);
      assert.match(reply.text, /Content-Type: text\/html/);
    });
  }

  test('obsolete line folding is either refused or unfolded (RFC 9112 5.2), never 5xx', async () => {
    const reply = await raw('GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n');
    assert.ok([200, 400].includes(reply.status), `got ${reply.status}`);
  });

  test('smuggling: a request hidden in a body of conflicting length is never answered', async () => {
    const reply = await raw('POST /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n'
      + '0\r\n\r\nGET /robots.txt HTTP/1.1\r\nHost: t\r\n\r\n');
    const { responses } = parseResponses(reply.text);
    assert.equal(responses.length, 1);
    assert.equal(responses[0].status, 400);
    assert.doesNotMatch(reply.text, /User-agent/);
  });

  test('a very long request target is refused, not crashed on', async () => {
    const reply = await raw(`GET /${'a'.repeat(70000)} HTTP/1.1\r\nHost: t\r\n\r\n`);
    assert.ok([414, 431, 400].includes(reply.status), `got ${reply.status}`);
  });

  test('the server keeps serving after all of the above', async () => {
    assert.equal((await request(port, '/healthz')).status, 200);
  });
});

describe('path traversal on /static/', () => {
  const attempts = [
    '/static/../CMakeLists.txt',
    '/static/%2e%2e/CMakeLists.txt',
    '/static/%2E%2E/%2E%2E/etc/passwd',
    '/static/..%2fCMakeLists.txt',
    '/static/..%2f..%2f..%2f..%2fetc/passwd',
    '/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    '/static/%2e%2e%2fmigrations/sqlite/0001_initial.sql',
    '/static/..%5c..%5cCMakeLists.txt',
    '/static/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
    '/static/%252e%252e/%252e%252e/etc/passwd',
    '/static/%252e%252e%252fCMakeLists.txt',
    '/static/css/../../../../etc/passwd',
    '/static/css/../../CMakeLists.txt',
    '/static//etc/passwd',
    '/static/%2fetc%2fpasswd',
    '/static/./css/site.css',
    '/static/css/./site.css',
    '/static/css//site.css',
    '/static/.%2e/CMakeLists.txt',
    '/static/%c0%ae%c0%ae/etc/passwd',
    '/static/..;/CMakeLists.txt',
    '/static/../../../../../../../../etc/passwd',
    '/static/../migrations/sqlite/0001_initial.sql',
    '/static/../templates/layout.mustache',
    '/static/../src/main.cpp',
    '/static/css/site.css/..',
    '/static/...',
    '/static/css/site.css%00.png',
  ];
  for (const target of attempts) {
    test(target, async () => {
      const reply = await raw(`GET ${target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      assert.ok(reply.status === 404 || reply.status === 400, `got ${reply.status}`);
      assert.doesNotMatch(reply.text, /root:/);
      assert.doesNotMatch(reply.text, /cmake_minimum_required|CREATE TABLE|#include|\{\{/i, 'no file outside static/ leaks');
    });
  }

  test('files outside static/ are unreachable however they are named', async () => {
    for (const target of ['/CMakeLists.txt', '/migrations/sqlite/0001_initial.sql', '/etc/passwd', '/static/CMakeLists.txt',
      '/static/static/css/site.css']) {
      const reply = await raw(`GET ${target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      assert.equal(reply.status, 404, target);
    }
  });

  test('the real file is served at its plain address', async () => {
    const res = await request(port, '/static/css/site.css');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/css/);
  });
});

describe('invalid UTF-8 and NUL', () => {
  const targets = ['/%C3%28', '/%FF', '/?q=%FF', '/aktualnosci/%FF', '/aktualnosci?strona=%C3', '/tagi/%ED%A0%80',
    '/%C0%AF', '/static/%FF.css', '/media/%FF/x', '/jezyk/%FF?next=/', '/jezyk/en?next=/%FF',
    '/a%00b', '/?q=%00', '/aktualnosci/%00', '/static/css/site.css%00', '/%', '/%zz', '/?q=%G1'];
  for (const target of targets) {
    test(`${target} -> 400`, async () => {
      const reply = await raw(`GET ${target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      assert.equal(reply.status, 400);
    });
  }

  test('raw non-ASCII bytes in the target -> 400, never 500', async () => {
    const reply = await rawRequest(port, Buffer.concat([Buffer.from('GET /'), Buffer.from([0xff, 0xfe]),
      Buffer.from(' HTTP/1.1\r\nHost: t\r\n\r\n')]), { timeoutMs: 3000 });
    assert.equal(statusOf(reply.text), 400);
  });

  test('valid percent-encoded UTF-8 is fine: an unknown Polish slug is 404', async () => {
    const res = await request(port, '/aktualnosci/%C5%BC%C3%B3%C5%82w');
    assert.equal(res.status, 404);
  });

  test('invalid UTF-8 in a cookie does not break the page', async () => {
    const reply = await rawRequest(port, Buffer.concat([Buffer.from('GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\nCookie: lang='),
      Buffer.from([0xff, 0xc3]), Buffer.from('\r\n\r\n')]), { timeoutMs: 3000 });
    assert.ok([200, 400].includes(statusOf(reply.text)), `got ${statusOf(reply.text)}`);
  });

  test('no request above produced a 500 in the access log', async () => {
    assert.deepEqual(rynek.accessLog().filter((line) => line.status >= 500), []);
  });
});

describe('script and HTML in article fields are shown as text', () => {
  const escapedScript = '&lt;script&gt;alert(1)&lt;/script&gt;';
  function assertInert(text, where) {
    assert.doesNotMatch(text, /<script>alert/i, `${where}: no raw <script>`);
    assert.doesNotMatch(text, /<img src=x/i, `${where}: no injected <img>`);
    // Event handler attributes, looking only at real tags with their quoted values blanked
    // (an escaped 'onerror=' inside an attribute value is text, not an attribute).
    for (const tag of text.match(/<[a-zA-Z][^>]*>/g) || []) {
      const bare = tag.replace(/"[^"]*"|'[^']*'/g, '""');
      assert.doesNotMatch(bare, /\son[a-z]+\s*=/i, `${where}: event handler attribute in ${tag}`);
    }
    assert.doesNotMatch(text, /href\s*=\s*["']?\s*(javascript|data|vbscript):/i, `${where}: no script URL`);
    assert.doesNotMatch(text, /src\s*=\s*["']?\s*(javascript|data:text)/i, `${where}: no script source`);
    assert.doesNotMatch(text, /<iframe/i, `${where}: no iframe`);
  }

  test('article page', async () => {
    const res = await request(port, '/aktualnosci/wstrzykniecie');
    assert.equal(res.status, 200);
    assertInert(res.text, 'article');
    assert.ok(res.text.includes(`<h1>Tytuł ${escapedScript} &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>`), 'title shown as text');
    assert.ok(res.text.includes(`Lead ${escapedScript}`), 'lead shown as text');
    assert.ok(res.text.includes(`Tag ${escapedScript}`), 'tag shown as text');
    assert.match(res.text, /Kliknij/, 'the link text stays');
  });

  test('home, list, tag page', async () => {
    for (const path of ['/', '/aktualnosci']) {
      const res = await request(port, path);
      assertInert(res.text, path);
      assert.ok(res.text.includes(escapedScript), `${path} shows the title as text`);
    }
    const article = await request(port, '/aktualnosci/wstrzykniecie');
    const tagUrls = [...article.text.matchAll(/href="(\/tagi\/[^"]+)"/g)].map((m) => m[1]);
    assert.equal(tagUrls.length, 2);
    for (const url of tagUrls) {
      assert.match(url, /^\/tagi\/[a-z0-9-]+$/, 'tag slugs are plain');
      const res = await request(port, url);
      assert.equal(res.status, 200);
      assertInert(res.text, url);
    }
  });

  test('feed and sitemap', async () => {
    const feed = await request(port, '/feed.atom');
    assert.doesNotMatch(feed.text, /<script>/i);
    assert.doesNotMatch(feed.text, /<img src=x/i);
    assert.ok(feed.text.includes(`<title>Tytuł ${escapedScript}`), 'the feed title is escaped XML text');
    const sitemap = await request(port, '/sitemap.xml');
    assert.doesNotMatch(sitemap.text, /<script>/i);
  });

  test('the meta description and <title> escape the fields too', async () => {
    const res = await request(port, '/aktualnosci/wstrzykniecie');
    const head = res.text.slice(0, res.text.indexOf('</head>'));
    assertInert(head, 'head');
    assert.match(head, /<title>Tytuł &lt;script&gt;/);
    assert.match(head, /<meta name="description" content="Lead &lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;&gt;/);
  });
});
