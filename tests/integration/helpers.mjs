// Helpers shared by the integration tests, on top of tests/lib/rynek.mjs:
// plain HTTP requests that neither follow redirects nor decompress, a parser for
// raw responses (several on one keep-alive socket), article folders for
// `rynek import`, and a bounded run of the binary for configuration errors.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { rynekBin } from '../lib/rynek.mjs';

// Every test file imports this module: without the binary, fail at once instead of
// waiting for a server that can never start (Rynek.stop() would wait forever).
if (!existsSync(rynekBin)) throw new Error(`${rynekBin} not found: build it first (or set RYNEK_BIN)`);

// One request on a fresh connection; resolves { status, headers, body: Buffer, text }.
// Headers are node's lower-cased object; nothing is decoded or followed.
export function request(port, urlPath, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, body: buffer, text: buffer.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// Splits raw bytes into HTTP/1.1 responses. `bodiless` says which responses carry no
// body whatever their Content-Length says (answers to HEAD, 304).
export function parseResponses(raw, { bodiless = () => false } = {}) {
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1');
  const responses = [];
  let offset = 0;
  while (offset < buffer.length) {
    const end = buffer.indexOf('\r\n\r\n', offset, 'latin1');
    if (end < 0) break;
    const lines = buffer.subarray(offset, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0])?.[1]);
    const headers = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    const index = responses.length;
    const length = bodiless(index, status) ? 0 : Number(headers['content-length'] || 0);
    const bodyStart = end + 4;
    const body = buffer.subarray(bodyStart, bodyStart + length);
    responses.push({ status, headers, body, text: body.toString('utf8') });
    offset = bodyStart + length;
  }
  return { responses, rest: buffer.subarray(offset) };
}

// Opens a socket and records what arrives and when it closes.
export function openSocket(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const state = { socket, chunks: [], closed: false, closedAt: null };
    state.closedPromise = new Promise((done) => socket.on('close', () => {
      state.closed = true;
      state.closedAt = Date.now();
      done();
    }));
    socket.on('data', (chunk) => state.chunks.push(chunk));
    socket.on('error', () => {});
    state.received = () => Buffer.concat(state.chunks);
    socket.once('connect', () => resolve(state));
    socket.once('error', reject);
  });
}

// Resolves once `predicate()` is true, or rejects after timeoutMs.
export async function waitFor(predicate, timeoutMs = 5000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves 'refused' when nothing accepts on the port, 'connected' otherwise.
export function tryConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('error', (error) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : error.code));
  });
}

// Writes an import folder: files is { 'articles/x.md': text | Buffer, ... }.
export function writeTree(root, files) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

// A Markdown article with TOML front matter; fields are raw TOML lines.
export function articleText(frontMatterLines, body = 'Treść artykułu.\n') {
  return `+++\n${frontMatterLines.join('\n')}\n+++\n${body}`;
}

// Runs the binary with a hard deadline (a wrongly accepted configuration would
// otherwise start serving). Resolves { code, signal, stdout, stderr, ms }.
export function runBounded(args, { env = {}, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(rynekBin, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => { stderr += String(error); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}
