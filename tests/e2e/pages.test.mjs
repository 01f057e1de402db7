// Every public page in Polish, then in English through the visible language
// link (the same page must stay open), then back: axe-core finds zero WCAG 2.1
// AA violations in both languages and the browser reports no errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Rynek } from '../lib/rynek.mjs';
import { assertNoProblems, assertRendered, checkAxe, launchBrowser, newContext, openPage, printAxeSummary, visit } from './browser.mjs';

const pages = [
  { name: 'home', path: '/', h1: { pl: 'Rynek', en: 'Rynek' } },
  { name: 'news list', path: '/aktualnosci', h1: { pl: 'Aktualności', en: 'News' } },
  { name: 'news list, page 2', path: '/aktualnosci?strona=2', h1: { pl: 'Aktualności', en: 'News' } },
  { name: 'article', path: '/aktualnosci/seminarium-forum-rozwoju-lokalnego', h1: { pl: /^Ostatnie seminarium Forum Rozwoju Lokalnego/ },
    polishContent: ['h1', '.article-lead', '.prose'] },
  { name: 'tag', path: '/tagi/seminaria', h1: { pl: 'Tag: Seminaria', en: 'Tag: Seminaria' }, polishContent: ['h1 span', '.news-item'] },
  { name: '404', path: '/aktualnosci/nie-ma-takiego-artykulu', status: 404, h1: { pl: 'Nie znaleziono strony', en: 'Page not found' } },
];

const languageLink = { pl: 'English', en: 'Polski' };
const newsNav = { pl: 'Aktualności', en: 'News' };

describe('pages in Polish and English', { timeout: 90_000 }, () => {
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

  async function checkLanguage(page, spec, lang) {
    assert.equal(await page.getAttribute('html', 'lang'), lang, `html lang on ${spec.name}`);
    const expectedH1 = spec.h1[lang];
    if (expectedH1) {
      const h1 = (await page.locator('h1').first().textContent()).trim();
      if (expectedH1 instanceof RegExp) assert.match(h1, expectedH1);
      else assert.equal(h1, expectedH1);
    }
    const nav = page.getByRole('navigation', { name: lang === 'pl' ? 'Nawigacja główna' : 'Main navigation' });
    assert.equal(await nav.getByRole('link', { name: newsNav[lang], exact: true }).count(), 1);
    assert.equal(await page.locator('h1').count(), 1, `exactly one h1 on ${spec.name}`);
    // The articles are written in Polish: in the English interface they keep
    // lang="pl" so a screen reader reads them with Polish pronunciation (WCAG 3.1.2).
    for (const selector of spec.polishContent ?? []) {
      const langs = await page.locator(selector).evaluateAll((elements) => elements.map((element) => element.closest('[lang]').lang));
      assert.ok(langs.length > 0 && langs.every((value) => value === 'pl'), `${selector} on ${spec.name} is marked as Polish: ${langs}`);
    }
  }

  async function switchLanguage(page, spec, from, to) {
    const link = page.getByRole('link', { name: languageLink[from], exact: true });
    assert.ok(await link.isVisible(), `language link "${languageLink[from]}" is visible`);
    assert.equal(await link.getAttribute('lang'), to);
    const [response] = await Promise.all([page.waitForNavigation(), link.click()]);
    assert.equal(response.status(), spec.status ?? 200);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, spec.path,
      `the language switch keeps ${spec.name} open`);
    await assertRendered(page);
  }

  for (const spec of pages) {
    it(`${spec.name}: Polish, English and back`, async () => {
      const context = await newContext(browser);
      try {
        const page = await openPage(context, { expectedFailures: spec.status ? [spec.path] : [] });
        await visit(page, rynek.url + spec.path, { status: spec.status ?? 200 });
        await checkLanguage(page, spec, 'pl');
        await checkAxe(page, `${spec.name} (pl)`);

        await switchLanguage(page, spec, 'pl', 'en');
        await checkLanguage(page, spec, 'en');
        await checkAxe(page, `${spec.name} (en)`);

        await switchLanguage(page, spec, 'en', 'pl');
        await checkLanguage(page, spec, 'pl');
        assertNoProblems(page);
      } finally {
        await context.close();
      }
    });
  }
});
