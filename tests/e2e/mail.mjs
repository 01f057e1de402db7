// The SMTP sink (tests/tools/smtp_sink.py) as a test helper: start it on a free
// port, wait for a message to a given address, and read that message's text
// parts the way a mail client would (quoted-printable and base64 decoded).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, tempDir } from '../lib/rynek.mjs';

export class SmtpSink {
  constructor() {
    this.maildir = tempDir('rynek-mail-');
    this.output = '';
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  // Debian's interpreter: it has python3-aiosmtpd (a pyenv python3 on PATH may not).
  async start() {
    this.process = spawn('/usr/bin/python3', [path.join(repoRoot, 'tests/tools/smtp_sink.py'), '--port', '0', '--maildir', this.maildir]);
    this.process.stderr.on('data', (chunk) => { this.output += chunk; });
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
    this.port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`smtp sink did not start\n${this.output}`)), 10_000);
      this.process.stdout.on('data', (chunk) => {
        this.output += chunk;
        const match = /READY (\d+)/.exec(this.output);
        if (match) { clearTimeout(timer); resolve(Number(match[1])); }
      });
      this.process.on('exit', (code) => { clearTimeout(timer); reject(new Error(`smtp sink exited (${code})\n${this.output}`)); });
    });
    return this;
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      this.process.kill('SIGTERM');
      await this.exited;
    }
    rmSync(this.maildir, { recursive: true, force: true });
  }

  messages() {
    return readdirSync(this.maildir).filter((name) => name.endsWith('.eml')).sort()
      .map((name) => parseMessage(readFileSync(path.join(this.maildir, name))));
  }

  // The first message whose envelope recipient is `address`, waiting for it to arrive.
  async waitFor(address, { timeoutMs = 15_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages().find((message) => message.recipients.includes(address));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no message to ${address} within ${timeoutMs} ms (${this.messages().length} other(s))`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function splitHead(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      headers[name] = headers[name] ? `${headers[name]}\n${line.slice(colon + 1).trim()}` : line.slice(colon + 1).trim();
    }
  }
  return { headers, body };
}

// `text` holds one character per byte (read as latin1); the result is UTF-8 decoded.
export function decodeQuotedPrintable(text) {
  const bytes = [];
  const source = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(source.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(headers, body) {
  const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(body, 'latin1').toString('utf8');
}

// Leaf parts as { type, text }; multiparts are walked recursively.
function leafParts(headers, body) {
  const type = (headers['content-type'] || 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] || '')?.[1];
  if (!type.startsWith('multipart/') || !boundary) return [{ type: type.split(';')[0].trim(), text: decodeBody(headers, body) }];
  const parts = body.split(`--${boundary}`).slice(1);
  return parts.filter((part) => !part.startsWith('--')).flatMap((part) => {
    const inner = splitHead(part.replace(/^\r?\n/, ''));
    return leafParts(inner.headers, inner.body);
  });
}

export function parseMessage(buffer) {
  const { headers, body } = splitHead(buffer.toString('latin1'));
  // One character per byte until a part's transfer encoding is undone; then UTF-8.
  const parts = leafParts(headers, body);
  return {
    headers,
    recipients: (headers['x-sink-rcpt-to'] || '').split('\n').map((value) => value.trim().replace(/^<|>$/g, '')),
    parts,
    text: parts.find((part) => part.type === 'text/plain')?.text ?? '',
    html: parts.find((part) => part.type === 'text/html')?.text ?? '',
  };
}
