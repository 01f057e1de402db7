// Shared browser plumbing for the page tests: playwright-core drives the
// system Chromium (no browser download), axe-core checks every page we visit.
//
// Why page.evaluate for axe: our CSP forbids inline scripts, and
// page.addScriptTag({ path }) injects the file as an inline <script>, which the
// CSP (rightly) blocks. Evaluating the source over the DevTools protocol is not
// subject to the page's CSP, so we keep CSP enforced for the page itself and
// any real violation still shows up as a console error.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const artifactsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
};

// The flags keep Chromium from reaching out to the network (the test machines
// have none) and from needing a GPU or a sandbox-capable kernel.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A browser context with a fresh cookie jar; language starts as the site default.
export function newContext(browser, { viewport = viewports.desktop, ...options } = {}) {
  return browser.newContext({ viewport, acceptDownloads: true, ...options });
}

// Opens a page that records console errors and uncaught exceptions. A CSP
// violation is reported by Chromium as a console error, so it lands here too.
// `expectedFailures` lists URLs whose non-2xx status is the point of the test
// (the 404 page): Chromium logs "Failed to load resource" for those.
// `unreachable` lists URL patterns (RegExp) of third parties the test machine
// cannot reach, such as an embedded YouTube player: their failures are expected.
export async function openPage(context, { expectedFailures = [], unreachable = [] } = {}) {
  const page = await context.newPage();
  page.problems = [];
  const isUnreachable = (url) => unreachable.some((pattern) => pattern.test(url));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location()?.url || '';
    if (/Failed to load resource/.test(message.text()) && expectedFailures.some((url) => where.endsWith(url))) return;
    if (where && isUnreachable(where)) return;
    page.problems.push(`console error on ${page.url()}: ${message.text()} ${where}`);
  });
  page.on('pageerror', (error) => page.problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Downloads are handed over to the download manager and "fail" as page loads.
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && request.resourceType() === 'document') return;
    if (isUnreachable(request.url())) return;
    page.problems.push(`request failed on ${page.url()}: ${request.url()} ${request.failure()?.errorText}`);
  });
  return page;
}

export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], `browser reported problems:\n${page.problems.join('\n')}`);
}

// Every WCAG 2.0/2.1 A and AA rule axe has. Results are kept for the report.
export const axeResults = [];

export async function checkAxe(page, label) {
  const alreadyLoaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!alreadyLoaded) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  axeResults.push({ label, url: page.url(), violations: result.violations.length });
  assert.equal(result.violations.length, 0,
    `axe found ${result.violations.length} WCAG 2.1 AA violation(s) on ${label} (${page.url()}):\n${formatViolations(result.violations)}`);
}

// One line per page checked, printed by each test file when it ends.
export function printAxeSummary() {
  for (const result of axeResults) console.log(`axe: ${result.violations} violation(s) – ${result.label}`);
}

export function formatViolations(violations) {
  return violations.map((violation) => {
    const nodes = violation.nodes.slice(0, 5).map((node) =>
      `    at ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${(node.failureSummary || '').replace(/\n/g, '\n      ')}`);
    const more = violation.nodes.length > 5 ? `\n    ... and ${violation.nodes.length - 5} more` : '';
    return `  [${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes.join('\n')}${more}`;
  }).join('\n');
}

// Loads a URL, checks its status and that stylesheets and images really loaded.
export async function visit(page, url, { status = 200 } = {}) {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.equal(response.status(), status, `${url} answered ${response.status()}`);
  await assertRendered(page);
  return response;
}

export async function assertRendered(page) {
  const broken = await page.evaluate(() => {
    const problems = [];
    for (const image of document.images) {
      if (image.loading === 'lazy' && !image.complete) continue;
      if (!image.complete || image.naturalWidth === 0) problems.push(`image ${image.currentSrc || image.src}`);
    }
    if (document.styleSheets.length === 0) problems.push('no stylesheet');
    return problems;
  });
  assert.deepEqual(broken, [], `not rendered on ${page.url()}: ${broken.join(', ')}`);
  const leaked = await page.evaluate(() => {
    const text = document.body.innerText;
    const match = /%\d+%|\{\{/.exec(text);
    return match ? text.slice(Math.max(0, match.index - 40), match.index + 40) : null;
  });
  assert.equal(leaked, null, `template or format placeholder visible on ${page.url()}: …${leaked}…`);
}
