// A person signs up for the demo seminar the way a real one would: from the
// home page through the navigation, a failed first attempt (empty form), the
// form filled with the keyboard alone, the e-mail read from a real SMTP sink,
// the personal link opened, participation confirmed, the cancel page seen.
// axe-core checks every page on the way; screenshots go to tests/e2e/artifacts/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Rynek } from '../lib/rynek.mjs';
import { artifactsDir, assertNoProblems, assertRendered, checkAxe, launchBrowser, newContext, openPage, printAxeSummary, viewports, visit } from './browser.mjs';
import { Sink } from '../lib/mail.mjs';

const seminarPath = '/seminaria/forum-rozwoju-lokalnego';
const formPath = `${seminarPath}/rejestracja`;
// The demo broadcast is on YouTube, which the test machines cannot reach; the
// route below makes that failure certain, and it is the only one allowed.
const youtube = /^https:\/\/www\.youtube-nocookie\.com\//;
const email = 'anna.testowa@example.org';
const errorRed = 'rgb(179, 38, 30)';

describe('seminar registration', { timeout: 120_000 }, () => {
  let sink;
  let rynek;
  let browser;
  let context;
  let page;
  let personalUrl;

  before(async () => {
    sink = await new Sink().start();
    [rynek, browser] = await Promise.all([new Rynek({ args: ['--smtp-url', sink.url] }).start(), launchBrowser()]);
    context = await newContext(browser);
    await context.route(youtube, (route) => route.abort('internetdisconnected'));
    page = await openPage(context, { expectedFailures: [formPath], unreachable: [youtube] });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await rynek?.stop();
    await sink?.stop();
    printAxeSummary();
  });

  const activeElement = () => page.evaluate(() => {
    const element = document.activeElement;
    return { id: element.id, tag: element.tagName.toLowerCase(), href: element.getAttribute('href'),
      outline: getComputedStyle(element).outlineStyle, type: element.getAttribute('type') };
  });

  it('reaches the registration form from the home page through the navigation', async () => {
    await visit(page, rynek.url + '/');
    const nav = page.getByRole('navigation', { name: 'Nawigacja główna' });
    await Promise.all([page.waitForURL('**/seminaria'), nav.getByRole('link', { name: 'Seminaria', exact: true }).click()]);
    await assertRendered(page);
    assert.equal(await nav.getByRole('link', { name: 'Seminaria', exact: true }).getAttribute('aria-current'), 'page');
    await checkAxe(page, 'seminar list');

    await Promise.all([page.waitForURL(`**${seminarPath}`), page.locator(`.seminar-card a[href="${seminarPath}"]`).click()]);
    await assertRendered(page);
    assert.match(await page.locator('h1').textContent(), /^Jak wspólnie wzmacniamy potencjał/);
    assert.ok(await page.locator('dl.facts dt').count() >= 3, 'the facts are a definition list');
    assert.equal(await page.locator('.agenda-list > li').count(), 11, 'the whole agenda is shown');
    assert.equal(await page.locator('.attachments .file-list a[download]').count(), 1, 'the public programme is offered');
    assert.equal(await page.locator('.broadcast').count(), 0, 'the broadcast is for participants only');
    await checkAxe(page, 'seminar page');

    await Promise.all([page.waitForURL(`**${formPath}`), page.locator('.registration-box a.button').click()]);
    await assertRendered(page);
    assert.equal(await page.locator('.honeypot').evaluate((element) => getComputedStyle(element).display), 'none',
      'the honeypot is not rendered at all');
    await checkAxe(page, 'registration form');
  });

  it('an empty form: the error summary takes focus and every error is tied to its field', async () => {
    const [response] = await Promise.all([page.waitForNavigation(), page.locator('form.form button[type="submit"]').click()]);
    assert.equal(response.status(), 422);
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 5000 })
      .catch(() => assert.fail('the error summary does not receive focus'));
    assert.match(await page.title(), /^Błąd: /, 'the title tells there are errors');

    const errors = await page.locator('#error-summary a').evaluateAll((links) =>
      links.map((link) => ({ href: link.getAttribute('href'), message: link.textContent.trim() })));
    assert.deepEqual(errors.map((error) => error.href).sort(), ['#field-email', '#field-name', '#field-organisation']);
    assert.match(await page.locator('#error-summary h2').textContent(), /3 błędy/);
    for (const error of errors) {
      const field = await page.evaluate(({ href }) => {
        const element = document.querySelector(href);
        if (!element) return null;
        const described = (element.getAttribute('aria-describedby') || '').split(/\s+/);
        return {
          invalid: element.getAttribute('aria-invalid'),
          described,
          errorText: document.getElementById(`${element.id}-error`)?.textContent.trim(),
          border: getComputedStyle(element).borderTopColor,
          label: element.labels?.[0]?.textContent.trim(),
        };
      }, error);
      assert.ok(field, `${error.href} exists`);
      assert.ok(field.described.includes(`${error.href.slice(1)}-error`), `${error.href} is described by its error (${field.described})`);
      // The summary names the field ("Imię i nazwisko: Prosimy podać imię i nazwisko."); beside the
      // field, where the label is right there, the message stands alone.
      assert.ok(error.message.endsWith(field.errorText), `${error.href}: the summary repeats the field's message`);
      assert.ok(error.message.startsWith(`${field.label.replace(/\s*\((wymagane|required)\)$/, '')}: `),
        `${error.href}: the summary names the field (${error.message})`);
      assert.equal(field.invalid, 'true');
      assert.equal(field.border, errorRed, `${error.href} has a red border`);
      assert.ok(field.label, `${error.href} has a label`);
    }
    // The organisation field keeps its help text in the description too.
    assert.equal(await page.getAttribute('#field-organisation', 'aria-describedby'), 'field-organisation-help field-organisation-error');
    await checkAxe(page, 'registration form with errors');
    await page.screenshot({ path: path.join(artifactsDir, 'seminar-form-errors-desktop.png'), fullPage: true });
  });

  it('fills in and sends the form with the keyboard alone', async () => {
    // From the focused summary: Tab to its first link, Enter jumps into the field.
    await page.keyboard.press('Tab');
    assert.equal((await activeElement()).href, '#field-name');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'field-name');

    const visited = [];
    const tabTo = async (id, limit = 8) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const focused = await activeElement();
        assert.notEqual(focused.outline, 'none', `focus is visible on ${focused.id || focused.href || focused.tag}`);
        visited.push(focused.id || focused.href || focused.tag);
        if (focused.id === id) return;
      }
      assert.fail(`Tab never reached #${id}: ${visited.join(', ')}`);
    };
    await page.keyboard.type('Anna Testowa');
    await tabTo('field-email', 1);
    await page.keyboard.type(email);
    await tabTo('field-organisation', 1);
    await page.keyboard.type('Urząd Miasta Chełm');
    await tabTo('field-city', 1);
    await page.keyboard.type('Chełm');
    await tabTo('field-role', 1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#field-role'), 'Radny / radna');
    await tabTo('field-questions', 1);
    await page.keyboard.type('Jak utrzymać zmiany po zakończeniu projektu?');
    await tabTo('consent-newsletter');
    await page.keyboard.press('Space');
    assert.equal(await page.isChecked('#consent-newsletter'), true, 'Space ticks the consent');
    await tabTo('consent-image', 1);
    await tabTo('consent-recording', 1);
    await page.keyboard.press('Tab');
    const submit = await activeElement();
    assert.equal(submit.type, 'submit', 'the send button follows the consents');
    assert.ok(!visited.includes('field-website'), 'the honeypot is never focused');

    const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(response.status(), 200);
    assert.equal(new URL(page.url()).pathname, `${formPath}/wyslano`);
    await assertRendered(page);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Prosimy sprawdzić skrzynkę e-mail');
    await checkAxe(page, 'registration sent');
  });

  it('the e-mail carries the personal link; it confirms participation', async () => {
    const message = await sink.firstTo(email);
    const pattern = new RegExp(`${rynek.url.replace(/[.]/g, '\\.')}/u/[A-Za-z0-9_-]{16,}`);
    const link = pattern.exec(message.text);
    assert.ok(link, `the text part holds the personal link:\n${message.text}`);
    if (message.html) assert.ok(message.html.includes(link[0]), 'the HTML part holds the same link');
    personalUrl = link[0];

    await visit(page, personalUrl);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Potwierdzenie udziału');
    assert.match(await page.locator('main').textContent(), /Anna Testowa/);
    await checkAxe(page, 'participant: confirm');

    // The confirm page lives at the personal URL itself: wait for the POST's navigation, not for the URL.
    const [confirmed] = await Promise.all([page.waitForNavigation(), page.locator('form[action$="/potwierdz"] button').click()]);
    assert.equal(confirmed.url(), personalUrl, 'after confirming, the personal page opens');
    await assertRendered(page);
    assert.equal((await page.locator('.status').textContent()).trim(), 'Udział jest potwierdzony.');
    assert.ok(await page.locator('.status').evaluate((element) => element.classList.contains('status-ok')));
    const player = await page.locator('.player').boundingBox();
    assert.ok(Math.abs(player.width / player.height - 16 / 9) < 0.02, `the player is 16:9 (${player.width}×${player.height})`);
    assert.match(await page.getAttribute('.player iframe', 'src'), youtube);
    assert.equal(await page.locator('script[src*="hls"]').count(), 0, 'hls.js is loaded only for HLS streams');
    await page.waitForSelector('[data-countdown]:not([hidden])');
    assert.match(await page.locator('[data-countdown]').textContent(), /^Do rozpoczęcia: /);
    await checkAxe(page, 'participant page');
    await page.screenshot({ path: path.join(artifactsDir, 'participant-desktop.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${personalUrl}/anuluj`), page.locator('a.button-danger-secondary').click()]);
    await assertRendered(page);
    assert.equal(await page.locator('button.button-danger').evaluate((element) => getComputedStyle(element).backgroundColor), errorRed);
    await checkAxe(page, 'participant: cancel');
    assertNoProblems(page);
  });

  it('screenshots of the seminar, the form with errors and the personal page (desktop and phone)', async () => {
    assert.ok(personalUrl, 'the registration test ran first');
    for (const [device, viewport] of Object.entries(viewports)) {
      const phone = device === 'phone';
      const shotContext = await newContext(browser, { viewport, isMobile: phone, hasTouch: phone });
      await shotContext.route(youtube, (route) => route.abort('internetdisconnected'));
      try {
        const shot = await openPage(shotContext, { expectedFailures: [formPath], unreachable: [youtube] });
        const take = async (name) => {
          const overflow = await shot.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${viewport.width}px`);
          await checkAxe(shot, `${name} (${device})`);
          await shot.screenshot({ path: path.join(artifactsDir, `${name}-${device}.png`), fullPage: true });
        };
        await visit(shot, rynek.url + seminarPath);
        await take('seminar');
        await visit(shot, rynek.url + formPath);
        await Promise.all([shot.waitForNavigation(), shot.locator('form.form button[type="submit"]').click()]);
        await take('seminar-form-errors');
        if (phone) {
          // Touch targets: text inputs, the select and the button are at least 44 px tall.
          const heights = await shot.locator('.form input[type="text"], .form input[type="email"], .form select, .form button').evaluateAll(
            (elements) => elements.filter((element) => element.getClientRects().length > 0).map((element) => element.getBoundingClientRect().height));
          assert.ok(heights.every((height) => height >= 44), `controls are ≥ 44 px tall: ${heights}`);
        }
        await visit(shot, personalUrl);
        await take('participant');
        assertNoProblems(shot);
      } finally {
        await shotContext.close();
      }
    }
  });

  it('cancelling from the personal page ends the registration', async () => {
    await visit(page, `${personalUrl}/anuluj`);
    const [cancelled] = await Promise.all([page.waitForNavigation(), page.locator('button.button-danger').click()]);
    assert.equal(cancelled.url(), personalUrl);
    assert.equal((await page.locator('.status').textContent()).trim(), 'Rejestracja została anulowana.');
    await checkAxe(page, 'participant page, cancelled');
    assertNoProblems(page);
  });
});
