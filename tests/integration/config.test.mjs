// Configuration: every invalid setting stops `rynek serve` with a non-zero exit and
// a message naming the key, before the listener opens; --help lists every setting.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Rynek, freePort, tempDir } from '../lib/rynek.mjs';
import { request, runBounded, tryConnect } from './helpers.mjs';

// The environment contract of DESIGN.md plus the server's own settings
// (src/core/config.cpp settings()); each must be documented by --help.
const settings = {
  RYNEK_LISTEN: '--listen', RYNEK_DATA_DIR: '--data-dir', RYNEK_DATABASE_URL: '--database-url',
  RYNEK_BASE_URL: '--base-url', RYNEK_SMTP_URL: '--smtp-url', RYNEK_MAIL_FROM: '--mail-from',
  RYNEK_LANG: '--lang', RYNEK_THREADS: '--threads', RYNEK_RESOURCE_DIR: '--resource-dir',
  RYNEK_LOG_FORMAT: '--log-format', RYNEK_ACCESS_LOG: '--access-log', RYNEK_MAX_HEADER_BYTES: '--max-header-bytes',
  RYNEK_MAX_BODY_BYTES: '--max-body-bytes', RYNEK_READ_TIMEOUT: '--read-timeout', RYNEK_IDLE_TIMEOUT: '--idle-timeout',
  RYNEK_SHUTDOWN_GRACE: '--shutdown-grace', RYNEK_CONFIG: '--config',
};

let dir;
before(() => { dir = tempDir('rynek-config-'); });
after(() => rmSync(dir, { recursive: true, force: true }));

// Runs `rynek serve` on a free port and checks it refused to start: non-zero exit,
// the key named on stderr, no "listening" line, and the port never opened.
async function assertRefused({ args = [], env = {}, key, alsoMentions = [] }) {
  const port = await freePort();
  const dataDir = path.join(dir, `data-${port}`);
  const hasListen = args.includes('--listen') || 'RYNEK_LISTEN' in env;
  const base = ['serve', '--data-dir', dataDir, ...(hasListen ? [] : ['--listen', `127.0.0.1:${port}`])];
  const probe = setInterval(async () => {
    if ((await tryConnect(port)) === 'connected') probe.opened = true;
  }, 10);
  const result = await runBounded([...base, ...args], { env });
  clearInterval(probe);
  assert.notEqual(result.signal, 'SIGKILL', 'the server started instead of refusing the configuration');
  assert.ok(result.code !== 0 && result.code !== null, `exit code ${result.code}`);
  const output = result.stderr + result.stdout;
  assert.ok(output.includes(key), `the message names ${key}: ${output}`);
  for (const text of alsoMentions) assert.ok(output.includes(text), `the message mentions ${text}: ${output}`);
  assert.doesNotMatch(output, /listening on/i);
  assert.ok(!probe.opened, 'the port was never opened');
  assert.ok(result.ms < 5000, `refused within ${result.ms} ms`);
  return output;
}

describe('invalid configuration stops start-up', () => {
  test('--listen nonsense', () => assertRefused({ args: ['--listen', 'nonsense'], key: 'listen', alsoMentions: ['nonsense'] }));
  test('--listen with a port out of range', () => assertRefused({ args: ['--listen', '127.0.0.1:70000'], key: 'listen' }));
  test('RYNEK_LISTEN from the environment', () => assertRefused({ env: { RYNEK_LISTEN: 'host-without-port' }, key: 'RYNEK_LISTEN' }));
  test('RYNEK_LANG=de', () => assertRefused({ env: { RYNEK_LANG: 'de' }, key: 'RYNEK_LANG', alsoMentions: ['lang'] }));
  test('--threads abc', () => assertRefused({ args: ['--threads', 'abc'], key: 'threads' }));
  test('--threads -1', () => assertRefused({ args: ['--threads', '-1'], key: 'threads' }));
  test('RYNEK_BASE_URL=ftp://x', () => assertRefused({ env: { RYNEK_BASE_URL: 'ftp://x' }, key: 'RYNEK_BASE_URL', alsoMentions: ['base_url'] }));
  test('RYNEK_SMTP_URL=http://x', () => assertRefused({ env: { RYNEK_SMTP_URL: 'http://x' }, key: 'smtp_url' }));
  test('RYNEK_MAIL_FROM without @', () => assertRefused({ env: { RYNEK_MAIL_FROM: 'nobody' }, key: 'mail_from' }));
  test('RYNEK_DATABASE_URL=mysql://x', () => assertRefused({ env: { RYNEK_DATABASE_URL: 'mysql://x' }, key: 'database_url' }));
  test('--read-timeout soon', () => assertRefused({ args: ['--read-timeout', 'soon'], key: 'read_timeout' }));
  test('--max-header-bytes 10', () => assertRefused({ args: ['--max-header-bytes', '10'], key: 'max_header_bytes' }));
  test('--access-log maybe', () => assertRefused({ args: ['--access-log', 'maybe'], key: 'access_log' }));

  test('a TOML file with an unknown key names the file, the line and the key', async () => {
    const file = path.join(dir, 'unknown.toml');
    writeFileSync(file, 'lang = "pl"\ncolour = "red"\n');
    await assertRefused({ args: ['--config', file], key: 'colour', alsoMentions: ['unknown.toml', ':2'] });
  });

  test('a TOML file with a bad value names the key', async () => {
    const file = path.join(dir, 'bad-value.toml');
    writeFileSync(file, 'threads = "many"\n');
    await assertRefused({ args: ['--config', file], key: 'threads', alsoMentions: ['bad-value.toml'] });
  });

  test('a TOML file that does not parse names the file and line', async () => {
    const file = path.join(dir, 'broken.toml');
    writeFileSync(file, 'lang = "pl"\nthis is not toml\n');
    await assertRefused({ args: ['--config', file], key: 'broken.toml', alsoMentions: [':2'] });
  });

  test('a missing TOML file is named', async () => {
    const file = path.join(dir, 'does-not-exist.toml');
    await assertRefused({ args: ['--config', file], key: 'does-not-exist.toml' });
  });

  test('an unknown command-line flag is refused', () => assertRefused({ args: ['--colour', 'red'], key: 'colour' }));

  test('an address already in use is refused with the address', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address();
    try {
      const result = await runBounded(['serve', '--data-dir', path.join(dir, 'busy'), '--listen', `127.0.0.1:${port}`]);
      assert.ok(result.code !== 0 && result.code !== null);
      assert.ok(result.stderr.includes(`127.0.0.1:${port}`), result.stderr);
    } finally {
      blocker.close();
    }
  });
});

describe('precedence and help', () => {
  test('the environment overrides the file, and a flag overrides both', async () => {
    const file = path.join(dir, 'precedence.toml');
    writeFileSync(file, 'lang = "en"\n');
    const languageOf = async (options) => {
      const rynek = await new Rynek({ demo: false, ...options }).start();
      try {
        const res = await request(rynek.port, '/nie-ma');
        return /<html lang="([a-z]+)">/.exec(res.text)?.[1];
      } finally {
        await rynek.stop();
      }
    };
    assert.equal(await languageOf({ args: ['--config', file] }), 'en', 'the file applies');
    assert.equal(await languageOf({ args: ['--config', file], env: { RYNEK_LANG: 'pl' } }), 'pl', 'env beats the file');
    assert.equal(await languageOf({ args: ['--config', file, '--lang', 'en'], env: { RYNEK_LANG: 'pl' } }), 'en', 'the flag beats env');
  });

  test('`rynek serve --help` lists every setting with its flag and environment variable', async () => {
    const result = await runBounded(['serve', '--help']);
    assert.equal(result.code, 0);
    const help = result.stdout;
    for (const [env, flag] of Object.entries(settings)) {
      assert.ok(help.includes(env), `--help names ${env}`);
      assert.match(help, new RegExp(`^\\s+${flag}\\b`, 'm'), `--help lists ${flag}`);
    }
    for (const line of help.split('\n').filter((l) => /^\s+--[a-z]/.test(l) && !l.includes('--help') && !l.includes('--demo'))) {
      assert.match(line, /\[env RYNEK_[A-Z_]+\]/, `every setting line names its variable: ${line}`);
    }
  });
});
