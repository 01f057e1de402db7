// What a newcomer does: follow links from the home page to every article,
// download the seminar programme, and get around with the keyboard alone.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Rynek } from '../lib/rynek.mjs';
import { artifactsDir, assertNoProblems, checkAxe, launchBrowser, newContext, openPage, printAxeSummary, visit } from './browser.mjs';

const articlePath = '/aktualnosci/seminarium-forum-rozwoju-lokalnego';

describe('navigation', { timeout: 90_000 }, () => {
  let rynek;
  let browser;
  let context;

  before(async () => {
    [rynek, browser] = await Promise.all([new Rynek().start(), launchBrowser()]);
    context = await newContext(browser);
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await rynek?.stop();
    printAxeSummary();
  });

  // Every article the site publishes, according to its sitemap.
  async function publishedArticles() {
    const sitemap = await (await fetch(`${rynek.url}/sitemap.xml`)).text();
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname)
      .filter((p) => p.startsWith('/aktualnosci/'));
    assert.ok(paths.length >= 5, `the demo has articles (${paths.length})`);
    return paths;
  }

  // Article links on the current page, as { path, title } from their headings.
  function articleLinks(page) {
    return page.locator('main h3 a[href^="/aktualnosci/"], main h2 a[href^="/aktualnosci/"]').evaluateAll((links) =>
      links.map((link) => ({ path: new URL(link.href).pathname, title: link.textContent.trim() })));
  }

  // Clicks the link to `target.path` on `fromUrl` and checks the article opens with its title as h1.
  async function followToArticle(page, fromUrl, target) {
    await visit(page, fromUrl);
    const link = page.locator(`main :is(h2, h3) a[href="${target.path}"]`);
    await Promise.all([page.waitForURL(`**${target.path}`), link.click()]);
    assert.equal(new URL(page.url()).pathname, target.path);
    assert.equal((await page.locator('h1').textContent()).trim(), target.title,
      `${target.path} opens with its own title as h1`);
    await checkAxe(page, `article ${target.path}`);
  }

  it('reaches every published article by following links from the home page', async () => {
    const page = await openPage(context);
    const reached = new Set();

    await visit(page, rynek.url + '/');
    await checkAxe(page, 'home');
    const fromHome = await articleLinks(page);
    assert.ok(fromHome.length >= 3, 'the home page links to articles');
    for (const target of fromHome) {
      await followToArticle(page, rynek.url + '/', target);
      reached.add(target.path);
    }

    // The rest through "All news" and the pagination, still by clicking.
    await visit(page, rynek.url + '/');
    await Promise.all([page.waitForURL('**/aktualnosci'), page.locator('main a[href="/aktualnosci"]').last().click()]);
    for (;;) {
      const listUrl = page.url();
      await checkAxe(page, `news list ${new URL(listUrl).search || 'page 1'}`);
      for (const target of await articleLinks(page)) {
        if (reached.has(target.path)) continue;
        await followToArticle(page, listUrl, target);
        reached.add(target.path);
      }
      await visit(page, listUrl);
      const next = page.locator('a[rel="next"]');
      if (await next.count() === 0) break;
      await Promise.all([page.waitForNavigation(), next.click()]);
    }

    assert.deepEqual([...reached].sort(), (await publishedArticles()).sort(), 'every article is reachable by links');
    assertNoProblems(page);
    await page.close();
  });

  it('downloads the attachment with the size the page shows', async () => {
    const page = await openPage(context);
    await visit(page, rynek.url + articlePath);
    const link = page.locator('.attachments a[href^="/media/"]').first();
    assert.notEqual(await link.getAttribute('download'), null, 'the attachment link offers a download');
    const shown = await page.locator('.attachments li').first().textContent();

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(await download.failure(), null);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const saved = path.join(artifactsDir, download.suggestedFilename());
    await download.saveAs(saved);

    const response = await fetch(new URL(await link.getAttribute('href'), rynek.url));
    const body = Buffer.from(await response.arrayBuffer());
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const size = statSync(saved).size;
    assert.equal(size, body.length, 'the downloaded file is complete');
    assert.equal(size, Number(response.headers.get('content-length')));
    assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');

    // "(PDF, 69 kB)": the shown size is the real one, rounded.
    const match = /\(PDF,\s*([\d,.]+)\s*(B|kB|KB|KiB|MB|MiB)\)/.exec(shown);
    assert.ok(match, `type and size shown: ${shown}`);
    const factor = { B: 1, kB: 1000, KB: 1024, KiB: 1024, MB: 1e6, MiB: 1048576 }[match[2]];
    const shownBytes = Number(match[1].replace(',', '.')) * factor;
    assert.ok(Math.abs(shownBytes - size) / size < 0.05, `shown ${match[0]} vs ${size} bytes`);
    assertNoProblems(page);
    await page.close();
  });

  it('the skip link comes first, shows itself and moves focus to main', async () => {
    for (const url of ['/', articlePath]) {
      const page = await openPage(context);
      await visit(page, rynek.url + url);
      const hidden = await page.locator('.skip-link').boundingBox();
      assert.ok(hidden.y + hidden.height <= 0, 'the skip link is out of sight until focused');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return {
          className: element.className, href: element.getAttribute('href'),
          top: box.top, bottom: box.bottom, left: box.left, width: box.width, height: box.height,
          visible: style.visibility !== 'hidden' && style.opacity !== '0',
          outline: style.outlineStyle,
          viewportHeight: window.innerHeight,
        };
      });
      assert.equal(focused.className, 'skip-link', `Tab reaches the skip link first on ${url}`);
      assert.equal(focused.href, '#main');
      assert.ok(focused.visible && focused.width > 20 && focused.height > 10, 'the skip link has a size when focused');
      assert.ok(focused.top >= 0 && focused.bottom <= focused.viewportHeight && focused.left >= 0,
        `the focused skip link is on screen (${JSON.stringify(focused)})`);
      assert.notEqual(focused.outline, 'none', 'focus is visible');
      await page.screenshot({ path: path.join(artifactsDir, `skip-link${url === '/' ? '-home' : '-article'}.png`) });

      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      // The next Tab continues inside main, not back in the header.
      await page.keyboard.press('Tab');
      const inMain = await page.evaluate(() => document.getElementById('main').contains(document.activeElement));
      assert.ok(inMain, 'after the skip link, Tab continues inside main');
      assertNoProblems(page);
      await page.close();
    }
  });
});
