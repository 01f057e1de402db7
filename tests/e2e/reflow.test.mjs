// WCAG 2.1 1.4.10 Reflow: at 320 CSS pixels wide (a 1280 px window zoomed to
// 400 %) no page may need horizontal scrolling of the whole document. Wide
// tables may scroll inside their own box; nothing else may stick out. Checked on
// every public page type and every back-office page, with demo content.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Rynek } from '../lib/rynek.mjs';
import { PASSWORD, sqlValue, userAdd } from '../integration/admin_helpers.mjs';
import { assertNoProblems, launchBrowser, newContext, openPage, visit } from './browser.mjs';

// The outermost elements whose right edge passes the viewport, for the message.
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const sticking = [];
    for (const element of document.querySelectorAll('body *')) {
      if (element.getBoundingClientRect().right <= width + 1) continue;
      let parent = element.parentElement;
      while (parent && parent.getBoundingClientRect().right <= width + 1) parent = parent.parentElement;
      if (!parent || parent === document.body) sticking.push(`<${element.tagName.toLowerCase()}${element.id ? ` id="${element.id}"` : ""} class="${element.className}">`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, sticking: sticking.slice(0, 5) };
  });
}

describe('reflow at 320 CSS pixels', { timeout: 120_000 }, () => {
  let rynek;
  let browser;
  let page;

  before(async () => {
    rynek = new Rynek({ demo: true });
    userAdd(rynek.dataDir, 'admin@rynek.test', 'admin', 'Alicja Administratorka');
    [browser] = await Promise.all([launchBrowser(), rynek.start()]);
    const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
    page = await openPage(context, { unreachable: [/youtube|vimeo|facebook/] });
    await visit(page, `${rynek.url}/admin/logowanie`);
    await page.getByLabel('Adres e-mail').fill('admin@rynek.test');
    await page.getByLabel('Hasło').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${rynek.url}/admin`), page.getByRole('button', { name: 'Zaloguj' }).click()]);
  });

  after(async () => {
    await browser?.close();
    await rynek?.stop();
  });

  it('no page scrolls sideways', async () => {
    const seminar = sqlValue(rynek.dataDir, 'SELECT id FROM seminars ORDER BY id LIMIT 1');
    const slug = sqlValue(rynek.dataDir, 'SELECT slug FROM seminars ORDER BY id LIMIT 1');
    const article = sqlValue(rynek.dataDir, 'SELECT id FROM articles ORDER BY id LIMIT 1');
    const articleSlug = sqlValue(rynek.dataDir, 'SELECT slug FROM articles ORDER BY published_at DESC LIMIT 1');
    // A draft (demo articles are published), for the page that confirms deleting it.
    await visit(page, `${rynek.url}/admin/artykuly/nowy`);
    await page.getByLabel('Tytuł').fill('Szkic do usunięcia');
    await Promise.all([page.waitForURL(/\/admin\/artykuly\/\d+\?zapisano=1$/), page.getByRole('button', { name: 'Zapisz szkic' }).click()]);
    const draft = /\/admin\/artykuly\/(\d+)/.exec(page.url())[1];
    const pages = ['/', '/aktualnosci', `/aktualnosci/${articleSlug}`, '/seminaria', `/seminaria/${slug}`,
      `/seminaria/${slug}/rejestracja`, '/admin', '/admin/artykuly', `/admin/artykuly/${article}`, '/admin/artykuly/nowy',
      `/admin/artykuly/${draft}/usun`, '/admin/seminaria', '/admin/seminaria/nowy', `/admin/seminaria/${seminar}/edycja`, `/admin/seminaria/${seminar}/podglad`,
      `/admin/seminaria/${seminar}/zgloszenia`, `/admin/seminaria/${seminar}/wiadomosc`, `/admin/seminaria/${seminar}/obecnosc`,
      '/admin/uzytkownicy', '/admin/dziennik', '/admin/ustawienia'];
    const failures = [];
    for (const target of pages) {
      const response = await visit(page, rynek.url + target);
      assert.equal(response.status(), 200, target);
      const { scrollWidth, width, sticking } = await overflow(page);
      if (scrollWidth > width) failures.push(`${target}: ${scrollWidth} px wide in ${width} px (${sticking.join(', ')})`);
    }
    assert.deepEqual(failures, []);
    assertNoProblems(page);
  });
});
