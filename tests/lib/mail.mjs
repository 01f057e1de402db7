// The receiving end of the integration and browser tests: a real SMTP server
// (tests/tools/smtp_sink.py, aiosmtpd on loopback) that keeps every message as
// DIR/<seq>.eml, and a small MIME
// reader for what it received: unfolded headers, RFC 2047 subjects and names,
// multipart bodies with quoted-printable and base64 transfer encodings.
// Messages are recognised by what a person reads: the subject's wording.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, tempDir } from './rynek.mjs';

const sinkScript = path.join(repoRoot, 'tests', 'tools', 'smtp_sink.py');
// Debian's interpreter has python3-aiosmtpd; a pyenv python3 earlier on PATH does not.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// Subject wording (Polish, the default language) -> message kind.
export const kinds = {
  'Potwierdzenie rejestracji': 'registration.confirmation',
  'Zgłoszenie na liście rezerwowej': 'registration.waitlisted',
  'Otrzymaliśmy zgłoszenie': 'registration.pending',
  'Miejsce jest zarezerwowane': 'registration.promoted',
  'Rejestracja zaakceptowana': 'registration.approved',
  'Rejestracja nie została przyjęta': 'registration.rejected',
  'Rejestracja anulowana': 'registration.cancelled',
  'Miejsce przeszło na listę rezerwową': 'registration.expired',
  'Już jutro': 'reminder.24h',
  'Za godzinę start': 'reminder.1h',
};

export class Sink {
  // Without `maildir` the sink uses a temporary folder of its own and removes it on stop().
  constructor(maildir, { port = 0, args = [] } = {}) {
    this.ownsMaildir = !maildir;
    this.maildir = maildir || tempDir('rynek-mail-');
    this.requestedPort = port;
    this.args = args;
    this.output = '';
  }

  async start() {
    mkdirSync(this.maildir, { recursive: true });
    this.process = spawn(python, [sinkScript, '--port', String(this.requestedPort), '--maildir', this.maildir, ...this.args]);
    this.process.stderr.on('data', (chunk) => { this.output += chunk; });
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
    this.port = await new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`smtp sink did not start\n${this.output}`)), 15_000);
      this.process.stdout.on('data', (chunk) => {
        seen += chunk;
        const match = /READY (\d+)/.exec(seen);
        if (match) { clearTimeout(timer); resolve(Number(match[1])); }
      });
      this.process.on('exit', (code) => { clearTimeout(timer); reject(new Error(`smtp sink exited ${code}\n${this.output}`)); });
    });
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop() {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGTERM');
      await this.exited;
    }
    if (this.ownsMaildir) rmSync(this.maildir, { recursive: true, force: true });
  }

  // Every message received so far, parsed, in arrival order.
  messages() {
    if (!existsSync(this.maildir)) return [];
    return readdirSync(this.maildir).filter((name) => /^\d+\.eml$/.test(name)).sort()
      .map((name) => parseMessage(readFileSync(path.join(this.maildir, name)), name));
  }

  // Resolves with the messages once `predicate(messages)` holds; rejects after timeoutMs
  // with a list of what did arrive.
  async waitFor(predicate, { timeoutMs = 15_000, what = 'mail' } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = this.messages();
      if (predicate(all)) return all;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; received:\n${describe(all)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  // The first message to `address`, waiting for it to arrive.
  async firstTo(address, { timeoutMs = 15_000 } = {}) {
    await this.waitFor((all) => all.some((m) => m.rcpt.includes(address)), { timeoutMs, what: `mail to ${address}` });
    return this.to(address)[0];
  }

  // Messages to `address` (of `kind`, when given).
  to(address, kind) {
    return this.messages().filter((m) => m.rcpt.includes(address) && (!kind || m.kind === kind));
  }

  // Waits until `address` has `count` messages of `kind`; returns them.
  async waitForMail(address, kind, count = 1, timeoutMs = 15_000) {
    await this.waitFor((all) => all.filter((m) => m.rcpt.includes(address) && m.kind === kind).length >= count,
      { timeoutMs, what: `${count} × ${kind} to ${address}` });
    return this.to(address, kind);
  }
}

export function describe(messages) {
  return messages.map((m) => `  ${m.file} ${m.rcpt.join(',')} ${m.kind} | ${m.subject}`).join('\n');
}

// Splits raw header text into [name, value] pairs, unfolding continuation lines.
function parseHeaders(text) {
  const headers = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) {
      headers[headers.length - 1][1] += line.replace(/^[ \t]+/, ' ');
    } else if (line.includes(':')) {
      const colon = line.indexOf(':');
      headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  return headers;
}

function header(headers, name) {
  const found = headers.find(([key]) => key === name);
  return found ? found[1] : undefined;
}

// "text/plain; charset=utf-8; boundary="x"" -> { type, params }
function parseContentType(value = 'text/plain') {
  const [type, ...rest] = value.split(';');
  const params = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

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
  return Buffer.from(bytes);
}

function decodeBody(raw, encoding = '') {
  switch (encoding.toLowerCase()) {
    case 'base64': return Buffer.from(raw.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable': return decodeQuotedPrintable(raw.toString('latin1'));
    default: return raw;
  }
}

// RFC 2047 encoded-words; white space between adjacent words is dropped.
export function decodeWords(value = '') {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, kind, data) => {
      const bytes = kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : decodeQuotedPrintable(data.replace(/_/g, ' '));
      return bytes.toString(/utf-?8/i.test(charset) ? 'utf8' : 'latin1');
    });
}

// A MIME entity: leaves become { contentType, params, disposition, filename, content: Buffer }.
function parseEntity(buffer, parts) {
  const split = buffer.indexOf('\r\n\r\n');
  const headText = split < 0 ? buffer.toString('latin1') : buffer.subarray(0, split).toString('latin1');
  const body = split < 0 ? Buffer.alloc(0) : buffer.subarray(split + 4);
  const headers = parseHeaders(headText);
  const { type, params } = parseContentType(header(headers, 'content-type'));
  if (type.startsWith('multipart/') && params.boundary) {
    const delimiter = `--${params.boundary}`;
    const text = body.toString('latin1');
    const pieces = text.split(delimiter);
    // pieces[0] is the preamble; the last starts with "--" (the close delimiter).
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      const content = piece.replace(/^\r\n/, '').replace(/\r\n$/, '');
      parseEntity(Buffer.from(content, 'latin1'), parts);
    }
    return headers;
  }
  const disposition = header(headers, 'content-disposition') || '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] || params.name;
  parts.push({ contentType: type, params, disposition, filename,
    content: decodeBody(body, header(headers, 'content-transfer-encoding')) });
  return headers;
}

export function parseMessage(buffer, file = '') {
  const parts = [];
  const headers = parseEntity(buffer, parts);
  const subject = decodeWords(header(headers, 'subject'));
  const text = parts.find((p) => p.contentType === 'text/plain' && !p.filename);
  const html = parts.find((p) => p.contentType === 'text/html' && !p.filename);
  const prefix = subject.split(':')[0];
  return {
    file,
    raw: buffer,
    headers,
    header: (name) => header(headers, name),
    rcpt: headers.filter(([key]) => key === 'x-sink-rcpt-to').map(([, value]) => value),
    subject,
    kind: kinds[prefix] || `unknown (${prefix})`,
    from: decodeWords(header(headers, 'from')),
    to: decodeWords(header(headers, 'to')),
    messageId: header(headers, 'message-id'),
    text: text ? text.content.toString('utf8') : '',
    html: html ? html.content.toString('utf8') : '',
    attachments: parts.filter((p) => p.filename).map((p) => ({ ...p, text: p.content.toString('utf8') })),
  };
}

// Personal links (/u/<22-char token>) in a text; the token alphabet is base64url.
export function personalLinks(text) {
  return [...new Set([...text.matchAll(/https?:\/\/[^\s"<>]*\/u\/([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/g)].map((m) => m[0]))];
}

export function tokenOf(link) {
  return /\/u\/([A-Za-z0-9_-]{22})/.exec(link)[1];
}

// Unfolds an iCalendar text (RFC 5545 §3.1) so properties can be matched whole.
export function unfoldIcs(text) {
  return text.replace(/\r?\n[ \t]/g, '');
}

// What every message must satisfy, whatever it says: a unique Message-ID, the
// configured sender, a recognised subject in readable Polish, and a text part.
// Returns a list of problems (empty when all is well).
export function envelopeProblems(messages, { from }) {
  const problems = [];
  const ids = new Map();
  for (const m of messages) {
    if (!m.messageId || !/^<[^<>\s]+@[^<>\s]+>$/.test(m.messageId)) problems.push(`${m.file}: Message-ID ${m.messageId}`);
    else if (ids.has(m.messageId)) problems.push(`${m.file}: Message-ID ${m.messageId} also in ${ids.get(m.messageId)}`);
    else ids.set(m.messageId, m.file);
    if (normaliseMailbox(m.from) !== normaliseMailbox(from)) problems.push(`${m.file}: From ${m.from}`);
    if (m.kind.startsWith('unknown')) problems.push(`${m.file}: subject ${m.subject}`);
    if (/=\?|\uFFFD/.test(m.subject)) problems.push(`${m.file}: subject not decoded: ${m.subject}`);
    if (!m.text) problems.push(`${m.file}: no text part`);
  }
  return problems;
}

// '"Name" <a@b>' and 'Name <a@b>' are the same mailbox.
export function normaliseMailbox(text = '') {
  const match = /^(.*?)\s*<([^<>]+)>\s*$/.exec(text.trim());
  if (!match) return text.trim();
  const name = match[1].trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');
  return `${name} <${match[2]}>`;
}
