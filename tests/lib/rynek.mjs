// Starts the real `rynek` binary for black-box tests: a free loopback port, a
// temporary data directory, optional demo content, and a clean stop.
// The binary is $RYNEK_BIN, or build/rynek in the repository.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rynekBin = process.env.RYNEK_BIN || path.join(repoRoot, 'build', 'rynek');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix = 'rynek-test-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

// Runs a rynek subcommand to completion (e.g. import); returns { status, stdout, stderr }.
export function runRynek(args, { env = {} } = {}) {
  const result = spawnSync(rynekBin, args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export class Rynek {
  constructor({ demo = true, args = [], env = {}, dataDir } = {}) {
    this.demo = demo;
    this.args = args;
    this.env = env;
    this.dataDir = dataDir || tempDir();
    this.ownsDataDir = !dataDir;
    this.stdout = '';
    this.stderr = '';
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    this.port = await freePort();
    // A --base-url in `args` (an https site, say) replaces the default one.
    const baseUrl = this.args.includes('--base-url') ? [] : ['--base-url', `http://127.0.0.1:${this.port}`];
    const args = ['serve', '--listen', `127.0.0.1:${this.port}`, '--data-dir', this.dataDir,
      ...baseUrl, ...(this.demo ? ['--demo'] : []), ...this.args];
    this.process = spawn(rynekBin, args, { env: { ...process.env, ...this.env } });
    this.process.stdout.on('data', (chunk) => { this.stdout += chunk; });
    this.process.stderr.on('data', (chunk) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) break;
      try {
        const response = await fetch(`${this.url}/readyz`);
        if (response.status === 200) return this;
      } catch { /* not listening yet */ }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`rynek did not become ready\n${this.stderr}`);
  }

  // Sends SIGTERM and waits for the process to exit; returns { code, signal }.
  async stop(signal = 'SIGTERM') {
    if (!this.process || this.process.exitCode !== null) return this.exited;
    this.process.kill(signal);
    const result = await this.exited;
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    return result;
  }

  // Access-log lines (JSON objects) printed on stdout so far.
  accessLog() {
    return this.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  }
}

// Raw HTTP over a socket, for requests fetch() refuses to send. Resolves with
// everything the server sent until it closed the connection or `timeoutMs` passed.
export function rawRequest(port, data, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    const timer = setTimeout(() => { socket.destroy(); resolve({ text: Buffer.concat(chunks).toString('latin1'), closed: false }); }, timeoutMs);
    socket.on('connect', () => socket.write(data));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => { clearTimeout(timer); if (chunks.length) resolve({ text: Buffer.concat(chunks).toString('latin1'), closed: true }); else reject(error); });
    socket.on('close', () => { clearTimeout(timer); resolve({ text: Buffer.concat(chunks).toString('latin1'), closed: true }); });
  });
}

// Status code of the first response in a raw reply.
export function statusOf(raw) {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(raw);
  return match ? Number(match[1]) : null;
}
