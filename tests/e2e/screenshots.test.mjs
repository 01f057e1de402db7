// Full-page screenshots of the home and an article page on a desktop and on a
// phone, saved to tests/e2e/artifacts/ for a human to look at. The phone
// layout must not scroll sideways, and axe runs at both widths (reflow and
// target sizes differ).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Rynek } from '../lib/rynek.mjs';
import { artifactsDir, assertNoProblems, checkAxe, launchBrowser, newContext, openPage, printAxeSummary, viewports, visit } from './browser.mjs';

const shots = [
  { name: 'home', path: '/' },
  { name: 'article', path: '/aktualnosci/seminarium-forum-rozwoju-lokalnego' },
  { name: 'news', path: '/aktualnosci' },
];

describe('screenshots', { timeout: 90_000 }, () => {
  let rynek;
  let browser;

  before(async () => {
    [rynek, browser] = await Promise.all([new Rynek().start(), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await rynek?.stop();
    printAxeSummary();
  });

  for (const [device, viewport] of Object.entries(viewports)) {
    it(`${device} (${viewport.width} px wide)`, async () => {
      const context = await newContext(browser, { viewport, isMobile: device === 'phone', hasTouch: device === 'phone' });
      try {
        const page = await openPage(context);
        for (const shot of shots) {
          await visit(page, rynek.url + shot.path);
          // Lazy images below the fold load when scrolled to; a full-page shot needs them.
          await page.evaluate(() => Promise.all([...document.images].map((image) => {
            image.loading = 'eager';
            return image.complete ? null : new Promise((resolve) => { image.onload = image.onerror = resolve; });
          })));
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${shot.name} scrolls sideways by ${overflow}px at ${viewport.width}px`);
          await checkAxe(page, `${shot.name} (${device})`);
          await page.screenshot({ path: path.join(artifactsDir, `${shot.name}-${device}.png`), fullPage: true });
        }
        assertNoProblems(page);
      } finally {
        await context.close();
      }
    });
  }
});
