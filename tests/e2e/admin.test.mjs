// The back office in Chromium: an admin logs in, writes an article with a hero
// image through the form (a failed first attempt included), publishes it and
// finds it on the public news page; a visitor registers for a seminar with a
// custom form in another browser context; the admin sees the registration in
// the list, exports it as CSV (a real download), sends a message that arrives
// at the SMTP sink, and opens the attendance report, users and audit log.
// axe-core checks every admin page on the way (zero WCAG 2.1 AA violations);
// the CSP stays enforced, so an inline script or style would show up as a
// console error and fail the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Rynek } from '../lib/rynek.mjs';
import { PASSWORD, png, sqlValue, userAdd } from '../integration/admin_helpers.mjs';
import { importSeminars } from '../integration/seminars_helpers.mjs';
import { artifactsDir, assertNoProblems, checkAxe, launchBrowser, newContext, openPage, printAxeSummary, visit } from './browser.mjs';
import { Sink } from '../lib/mail.mjs';

const slug = 'warsztaty-budzetu';
const adminEmail = 'admin@rynek.test';
const visitorEmail = 'jan.gosc@example.org';

describe('back office', { timeout: 120_000 }, () => {
  let sink;
  let rynek;
  let browser;
  let context;
  let page;
  let seminarId;
  let base;

  before(async () => {
    sink = await new Sink().start();
    rynek = new Rynek({ demo: false, args: ['--smtp-url', sink.url, '--rate-limits', 'false'] });
    importSeminars(rynek.dataDir, {
      [slug]: { title: 'Warsztaty budżetu obywatelskiego',
        fields: [{ key: 'organisation', type: 'text', label: 'Organizacja', required: true }] },
    });
    userAdd(rynek.dataDir, adminEmail, 'admin', 'Alicja Administratorka');
    [browser] = await Promise.all([launchBrowser(), rynek.start()]);
    seminarId = Number(sqlValue(rynek.dataDir, `SELECT id FROM seminars WHERE slug = '${slug}'`));
    base = `${rynek.url}/admin/seminaria/${seminarId}`;
    context = await newContext(browser);
    page = await openPage(context, { expectedFailures: ['/admin/logowanie', '/admin/artykuly/nowy'] });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await rynek?.stop();
    await sink?.stop();
    printAxeSummary();
  });

  it('logs in from the page an anonymous visitor is sent to', async () => {
    await visit(page, `${rynek.url}/admin`);
    assert.match(page.url(), /\/admin\/logowanie\?next=%2Fadmin$/);
    await checkAxe(page, 'admin login');
    await page.getByLabel('Hasło').fill('to-nie-jest-haslo');
    await page.getByLabel('Adres e-mail').fill(adminEmail);
    const [wrong] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Zaloguj się' }).click()]);
    assert.equal(wrong.status(), 422);
    await checkAxe(page, 'admin login with an error');
    await page.getByLabel('Adres e-mail').fill(adminEmail);
    await page.getByLabel('Hasło').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${rynek.url}/admin`), page.getByRole('button', { name: 'Zaloguj się' }).click()]);
    assert.match(await page.locator('h1').textContent(), /Panel|Back office/);
    await checkAxe(page, 'admin dashboard');
    assertNoProblems(page);
  });

  it('writes an article with a hero image, publishes it, and it is on the news page', async () => {
    await Promise.all([page.waitForURL('**/admin/artykuly'), page.locator('.admin-nav').getByRole('link', { name: 'Artykuły' }).click()]);
    await checkAxe(page, 'admin articles list');
    await visit(page, `${rynek.url}/admin/artykuly/nowy`);
    await checkAxe(page, 'admin article form');

    // Publishing without a title, with an image but no description: errors tied to their fields.
    await page.locator('#hero').setInputFiles({ name: 'rynek.png', mimeType: 'image/png', buffer: png(64, 36, 5) });
    const [failed] = await Promise.all([page.waitForNavigation(), page.locator('button[value="publish"]').click()]);
    assert.equal(failed.status(), 422);
    const errors = await page.locator('.error-summary a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.deepEqual(errors.sort(), ['#hero_alt', '#title']);
    assert.equal(await page.getAttribute('#title', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#hero_alt', 'aria-describedby'), /hero_alt-error/);
    await checkAxe(page, 'admin article form with errors');

    await page.locator('#title').fill('Budżet obywatelski w Łomży');
    await page.locator('#slug').fill('budzet-obywatelski-w-lomzy');
    await page.locator('#lead').fill('Mieszkańcy zdecydowali o 40 projektach.');
    await page.locator('#body').fill('## Wyniki\n\nGłosowało **12 tysięcy** osób.');
    await page.locator('#hero').setInputFiles({ name: 'rynek.png', mimeType: 'image/png', buffer: png(64, 36, 5) });
    await page.locator('#hero_alt').fill('Plac targowy w Łomży');
    await Promise.all([page.waitForURL(/\/admin\/artykuly\/\d+\?zapisano=1$/), page.locator('button[value="publish"]').click()]);
    assert.match(await page.locator('.notice').textContent(), /Zapisano artykuł/);
    await checkAxe(page, 'admin article form of a published article');

    const publicPage = await openPage(context);
    await visit(publicPage, `${rynek.url}/aktualnosci`);
    await Promise.all([publicPage.waitForURL('**/aktualnosci/budzet-obywatelski-w-lomzy'),
      publicPage.getByRole('link', { name: 'Budżet obywatelski w Łomży' }).first().click()]);
    assert.match(await publicPage.locator('main').textContent(), /12 tysięcy/);
    assert.equal(await publicPage.locator('img[alt="Plac targowy w Łomży"]').count(), 1, 'the hero image with its description');
    assertNoProblems(publicPage);
    await publicPage.close();
    assertNoProblems(page);
  });

  it('a visitor registers in another browser context', async () => {
    const other = await newContext(browser);
    try {
      const visitorPage = await openPage(other);
      await visit(visitorPage, `${rynek.url}/seminaria/${slug}/rejestracja`);
      await visitorPage.locator('#field-name').fill('Jan Gość');
      await visitorPage.locator('#field-email').fill(visitorEmail);
      await visitorPage.locator('#field-organisation').fill('Stowarzyszenie Żółwi');
      const [response] = await Promise.all([visitorPage.waitForNavigation(), visitorPage.locator('form.form button[type="submit"]').click()]);
      assert.ok(response.status() < 400, `registration answered ${response.status()}`);
      assertNoProblems(visitorPage);
    } finally {
      await other.close();
    }
  });

  it('sees the registration in the list and exports it as CSV', async () => {
    // From the back office's navigation, as an organiser would get there.
    await Promise.all([page.waitForURL('**/admin/seminaria'), page.locator('.admin-nav').getByRole('link', { name: 'Seminaria' }).click()]);
    await checkAxe(page, 'admin seminars list');
    const seminarRow = page.locator('table.admin-table tbody tr', { hasText: 'Warsztaty budżetu obywatelskiego' });
    await Promise.all([page.waitForURL(`${base}/zgloszenia`), seminarRow.getByRole('link', { name: 'Zgłoszenia' }).click()]);
    const row = page.locator('table.admin-table tbody tr', { hasText: visitorEmail });
    assert.equal(await row.count(), 1, 'the registration is listed');
    assert.match(await row.textContent(), /Jan Gość/);
    await checkAxe(page, 'admin registrations list');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV', exact: true }).click()]);
    assert.equal(await download.failure(), null);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const saved = path.join(artifactsDir, 'admin-registrations.csv');
    await download.saveAs(saved);
    const csv = readFileSync(saved, 'utf8');
    assert.ok(csv.startsWith('\ufeff'), 'the CSV starts with a BOM');
    assert.match(csv, /Jan Gość/);
    assert.match(csv, /Stowarzyszenie Żółwi/);
    assertNoProblems(page);
  });

  it('sends a message that arrives at the SMTP server', async () => {
    await Promise.all([page.waitForURL('**/wiadomosc'), page.getByRole('link', { name: 'Wiadomość do uczestników' }).click()]);
    await checkAxe(page, 'admin message form');
    await page.locator('#audience-registered').check();
    await page.locator('#message-subject').fill('Zmiana sali: warsztaty');
    await page.locator('#message-body').fill('Dzień dobry,\n\nspotykamy się w sali 12.');
    await Promise.all([page.waitForURL(/zgloszenia\?done=sent/), page.getByRole('button', { name: 'Wyślij wiadomość' }).click()]);
    assert.match(await page.locator('.notice').textContent(), /1/);
    await checkAxe(page, 'admin registrations list after sending');
    const deadline = Date.now() + 15_000;
    let message;
    while (!message && Date.now() < deadline) {
      message = sink.messages().find((m) => m.rcpt.includes(visitorEmail) && /sali 12/.test(m.text));
      if (!message) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(message, 'the message reached the SMTP sink');
    assert.match(message.text, /sali 12/);
    assertNoProblems(page);
  });

  it('attendance report, users and audit log pass axe', async () => {
    await visit(page, `${base}/obecnosc`);
    assert.equal(await page.locator('svg[role="img"]').count(), 1);
    await checkAxe(page, 'admin attendance report');
    await visit(page, `${rynek.url}/admin/uzytkownicy`);
    await checkAxe(page, 'admin users');
    await visit(page, `${rynek.url}/admin/dziennik`);
    const log = await page.locator('main').textContent();
    assert.match(log, /article\.create/);
    assert.match(log, /registration\.message/);
    await checkAxe(page, 'admin audit log');
    assertNoProblems(page);
  });
});
