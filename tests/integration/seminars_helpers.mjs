// Seminar fixtures and a visitor for the seminar tests: small seminar folders
// written to a temporary directory and imported with `rynek import`, a rynek
// started against an SMTP sink, and a cookie-keeping client that opens the form,
// posts it with its CSRF token and follows personal links.
import { rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Rynek, runRynek, tempDir } from '../lib/rynek.mjs';
import { writeTree } from './helpers.mjs';
import { Sink } from '../lib/mail.mjs';

export const mailFrom = 'Seminaria Rynku <seminaria@rynek.test>';

// A whole-minute UTC time `ms` from now, as a TOML offset date-time.
export function isoIn(ms) {
  const t = new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000);
  return t.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

const q = (value) => JSON.stringify(value);  // a JSON string is a valid TOML basic string

// One seminar's index.md. Options: title, starts (ISO), durationMinutes, capacity,
// requiresApproval, confirmWithinHours, fields [{key,type,label,required,options,help}],
// consents [{key,text,version,required}], broadcastUrl.
export function seminarText(options = {}) {
  const starts = options.starts || isoIn(5 * DAY);
  const lines = [
    `title = ${q(options.title || 'Seminarium testowe: żółć i gęś')}`,
    `lead = ${q('Krótki opis seminarium do testów.')}`,
    `starts = ${starts}`,
    `duration_minutes = ${options.durationMinutes || 120}`,
    'format = "online"',
    `contact_email = "kontakt@rynek.test"`,
  ];
  if (options.capacity) lines.push(`capacity = ${options.capacity}`);
  if (options.requiresApproval) lines.push('requires_approval = true');
  if (options.confirmWithinHours) lines.push(`confirm_within_hours = ${options.confirmWithinHours}`);
  lines.push('', '[broadcast]', `url = ${q(options.broadcastUrl || 'https://www.youtube.com/watch?v=Rynek2026ab')}`, 'visibility = "participants"');
  lines.push('', '[privacy]', 'version = "2026-test"', `text = ${q('**Klauzula informacyjna** (art. 13 RODO) do testów.')}`);
  lines.push('', '[[agenda]]', `start = ${starts}`, `title = ${q('Powitanie uczestników')}`,
    '  [[agenda.speakers]]', `  name = ${q('Anna Prowadząca')}`, `  city = ${q('Łomża')}`);
  for (const field of options.fields || []) {
    lines.push('', '[[fields]]', `key = ${q(field.key)}`, `type = ${q(field.type)}`, `label = ${q(field.label || field.key)}`);
    if (field.help) lines.push(`help = ${q(field.help)}`);
    if (field.required) lines.push('required = true');
    if (field.options) lines.push(`options = [${field.options.map(q).join(', ')}]`);
  }
  for (const consent of options.consents || []) {
    lines.push('', '[[consents]]', `key = ${q(consent.key)}`, `text = ${q(consent.text || consent.key)}`,
      `version = ${q(consent.version || 'v1')}`);
    if (consent.required) lines.push('required = true');
  }
  if (options.hero) lines.push('', '[hero]', `image = ${q(options.hero.image)}`, `alt = ${q(options.hero.alt)}`);
  return `+++\n${lines.join('\n')}\n+++\nOpis seminarium w **Markdownie**.\n`;
}

// Writes `seminars` ({ slug: options }) to a folder and imports it into dataDir.
export function importSeminars(dataDir, seminars) {
  const dir = tempDir('rynek-seminars-');
  const files = {};
  for (const [slug, options] of Object.entries(seminars)) files[`seminars/${slug}/index.md`] = seminarText(options);
  writeTree(dir, files);
  const result = runRynek(['import', dir, '--data-dir', dataDir]);
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`import failed:\n${result.stdout}${result.stderr}`);
  return result;
}

// A rynek serving dataDir that sends mail to smtpUrl (rate limits off unless asked).
export function seminarRynek({ dataDir, smtpUrl, rateLimits = false, clockOffset, args = [] }) {
  const extra = ['--smtp-url', smtpUrl, '--mail-from', mailFrom, ...args];
  if (!rateLimits) extra.push('--rate-limits', 'false');
  if (clockOffset) extra.push('--clock-offset', String(Math.round(clockOffset / 1000)));
  return new Rynek({ demo: false, dataDir, args: extra });
}

// A data directory, an SMTP sink, and a cleanup for both.
export async function scene(seminars, { sinkArgs = [] } = {}) {
  const dataDir = tempDir('rynek-seminar-data-');
  const maildir = path.join(tempDir('rynek-mail-'));
  importSeminars(dataDir, seminars);
  const sink = await new Sink(maildir, { args: sinkArgs }).start();
  const started = [];
  return {
    dataDir,
    sink,
    started,
    // Access-log lines with a 5xx status, from every instance started so far.
    serverErrors: () => started.flatMap((r) => r.accessLog().filter((entry) => entry.status >= 500)),
    async rynek(options = {}) {
      const rynek = await seminarRynek({ dataDir, smtpUrl: sink.url, ...options }).start();
      started.push(rynek);
      return rynek;
    },
    async cleanup() {
      for (const rynek of started) await rynek.stop();
      await sink.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(maildir, { recursive: true, force: true });
    },
  };
}

// One HTTP request; never follows redirects. Resolves { status, headers, text }.
export function send(port, urlPath, { method = 'GET', headers = {}, body, agent = false } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export function encodeForm(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one);
  }
  return params.toString();
}

export function csrfOf(html) {
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1];
}

// The hidden inputs carrying the versions of the texts a registration form
// showed (version_privacy, version_consent_<key>), as { name: value }.
export function versionsOf(html) {
  const versions = {};
  for (const match of html.matchAll(/<input type="hidden" name="(version_[a-z0-9_]+)" value="([^"]*)"/g)) {
    versions[match[1]] = match[2].replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  }
  return versions;
}

// A visitor with a cookie jar.
export class Visitor {
  constructor(port, { agent = false } = {}) {
    this.port = port;
    this.agent = agent;
    this.cookies = new Map();
    this.shown = new Map();
  }

  async request(urlPath, options = {}) {
    const headers = { ...(options.headers || {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (options.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await send(this.port, urlPath, { ...options, headers, agent: this.agent });
    for (const cookie of [].concat(response.headers['set-cookie'] || [])) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return response;
  }

  // GET a page with a form; remembers its CSRF token.
  async open(urlPath) {
    const response = await this.request(urlPath);
    this.csrf = csrfOf(response.text) || this.csrf;
    // As a browser would send them back with the form it shows.
    this.shown.set(urlPath, versionsOf(response.text));
    return response;
  }

  // The text versions the form at urlPath showed when last opened.
  versions(urlPath) {
    return this.shown.get(urlPath) || {};
  }

  async post(urlPath, values, { csrf = true, versions = true } = {}) {
    const shown = versions ? this.versions(urlPath) : {};
    const body = encodeForm(csrf ? { csrf: this.csrf, ...shown, ...values } : { ...shown, ...values });
    return this.request(urlPath, { method: 'POST', body });
  }

  // Opens the form (once) and posts a registration.
  async register(slug, values) {
    const form = `/seminaria/${slug}/rejestracja`;
    if (!this.csrf || !this.shown.has(form)) {
      const page = await this.open(form);
      if (page.status !== 200) throw new Error(`form ${form}: ${page.status}`);
    }
    return this.post(form, values);
  }
}

// The path part of an absolute personal link.
export const pathOf = (link) => new URL(link).pathname;

// `rynek registrations list SLUG` as rows { id, state, confirmed, email, name }.
export function registrations(dataDir, slug) {
  const result = runRynek(['registrations', 'list', slug, '--data-dir', dataDir]);
  if (result.status !== 0) throw new Error(`registrations list: ${result.stdout}${result.stderr}`);
  const rows = [];
  for (const line of result.stdout.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (!/^\d+$/.test(words[0] || '') || words.length < 4) continue;  // not the header, not the count
    const confirmed = words[2] === 'confirmed';
    const rest = words.slice(confirmed ? 3 : 2);
    rows.push({ id: Number(words[0]), state: words[1], confirmed, email: rest[0], name: rest.slice(1, -1).join(' '), line });
  }
  return rows;
}

export function registrationsCommand(dataDir, action, id) {
  return runRynek(['registrations', action, String(id), '--data-dir', dataDir]);
}

// A person's registration values for a seminar without custom fields.
export const person = (n, domain = 'uczestnik.test') => ({ name: `Osoba Testowa ${n}`, email: `osoba${n}@${domain}` });
