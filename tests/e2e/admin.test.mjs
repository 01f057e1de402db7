// The back office in Chromium: an admin logs in, writes an article with a hero
// image through the form (a failed first attempt included), publishes it and
// finds it on the public news page; saves a draft and deletes it through the
// confirmation page; creates a seminar in the seminar form —
// agenda with speakers, a custom registration form, a versioned consent — with
// a failed first attempt (the error summary takes focus and links to the
// field), publishes it, previews it, and saves a change by pressing Enter in
// the title; a visitor registers for it in another browser context and answers
// the custom questions; the admin sees the registration in the list, exports it
// as CSV (a real download), sends a message that arrives at the SMTP sink, and
// opens the attendance report, users and audit log. Inputs are found by their
// accessible names, as a screen reader user would find them. axe-core checks
// every admin page on the way (zero WCAG 2.1 AA violations); the CSP stays
// enforced, so an inline script or style would show up as a console error and
// fail the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Rynek } from '../lib/rynek.mjs';
import { PASSWORD, png, sql, sqlValue, userAdd } from '../integration/admin_helpers.mjs';
import { artifactsDir, assertNoProblems, checkAxe, launchBrowser, newContext, openPage, printAxeSummary, visit } from './browser.mjs';
import { Sink } from '../lib/mail.mjs';

const slug = 'warsztaty-budzetu';
const seminarTitle = 'Warsztaty budżetu obywatelskiego';

// The seminar's day, five days ahead, as the Warsaw calendar has it: the
// times are fixed hours of that day, so the agenda never crosses midnight.
const seminarDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit',
  day: '2-digit' }).format(new Date(Date.now() + 5 * 24 * 3600_000));
const adminEmail = 'admin@rynek.test';
const visitorEmail = 'jan.gosc@example.org';

// The back office's own navigation (the public site has another one).
const adminNav = (page) => page.getByRole('navigation', { name: 'Panel administracyjny' });

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
    userAdd(rynek.dataDir, adminEmail, 'admin', 'Alicja Administratorka');
    [browser] = await Promise.all([launchBrowser(), rynek.start()]);
    context = await newContext(browser);
    page = await openPage(context, { expectedFailures: ['/admin/logowanie', '/admin/artykuly/nowy', '/admin/seminaria/nowy'] });
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
    const [wrong] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Zaloguj' }).click()]);
    assert.equal(wrong.status(), 422);
    await checkAxe(page, 'admin login with an error');
    await page.getByLabel('Adres e-mail').fill(adminEmail);
    await page.getByLabel('Hasło').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${rynek.url}/admin`), page.getByRole('button', { name: 'Zaloguj' }).click()]);
    assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /Panel|Back office/);
    await checkAxe(page, 'admin dashboard');
    assertNoProblems(page);
  });

  it('writes an article with a hero image, publishes it, and it is on the news page', async () => {
    await Promise.all([page.waitForURL('**/admin/artykuly'), adminNav(page).getByRole('link', { name: 'Artykuły' }).click()]);
    await checkAxe(page, 'admin articles list');
    await visit(page, `${rynek.url}/admin/artykuly/nowy`);
    await checkAxe(page, 'admin article form');

    // Publishing without a title, with an image but no description: errors tied to their fields.
    await page.getByLabel('Nowy obraz').setInputFiles({ name: 'rynek.png', mimeType: 'image/png', buffer: png(64, 36, 5) });
    const [failed] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Opublikuj' }).click()]);
    assert.equal(failed.status(), 422);
    const errors = await page.getByRole('alert').getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.deepEqual(errors.sort(), ['#hero_alt', '#title']);
    assert.equal(await page.getByLabel('Tytuł').getAttribute('aria-invalid'), 'true');
    assert.match(await page.getByLabel('Opis obrazu (tekst alternatywny)').getAttribute('aria-describedby'), /hero_alt-error/);
    await checkAxe(page, 'admin article form with errors');

    await page.getByLabel('Tytuł').fill('Budżet obywatelski w Łomży');
    await page.getByLabel('Adres (slug)').fill('budzet-obywatelski-w-lomzy');
    await page.getByLabel('Lead (wstęp)').fill('Mieszkańcy zdecydowali o 40 projektach.');
    await page.getByLabel('Treść', { exact: true }).fill('## Wyniki\n\nGłosowało **12 tysięcy** osób.');
    await page.getByLabel('Nowy obraz').setInputFiles({ name: 'rynek.png', mimeType: 'image/png', buffer: png(64, 36, 5) });
    await page.getByLabel('Opis obrazu (tekst alternatywny)').fill('Plac targowy w Łomży');
    await Promise.all([page.waitForURL(/\/admin\/artykuly\/\d+\?zapisano=opublikowano$/), page.getByRole('button', { name: 'Opublikuj' }).click()]);
    assert.match(await page.getByRole('status').textContent(), /Artykuł został opublikowany/);
    await checkAxe(page, 'admin article form of a published article');

    const publicPage = await openPage(context);
    await visit(publicPage, `${rynek.url}/aktualnosci`);
    await Promise.all([publicPage.waitForURL('**/aktualnosci/budzet-obywatelski-w-lomzy'),
      publicPage.getByRole('link', { name: 'Budżet obywatelski w Łomży' }).first().click()]);
    assert.match(await publicPage.getByRole('main').textContent(), /12 tysięcy/);
    assert.equal(await publicPage.getByRole('img', { name: 'Plac targowy w Łomży' }).count(), 1, 'the hero image with its description');
    assertNoProblems(publicPage);
    await publicPage.close();
    assertNoProblems(page);
  });

  it('deletes a draft article after a confirmation page that passes axe', async () => {
    await visit(page, `${rynek.url}/admin/artykuly/nowy`);
    await page.getByLabel('Tytuł').fill('Szkic na próbę');
    await Promise.all([page.waitForURL(/\/admin\/artykuly\/\d+\?zapisano=1$/), page.getByRole('button', { name: 'Zapisz szkic' }).click()]);
    await Promise.all([page.waitForURL(/\/usun$/), page.getByRole('link', { name: 'Usuń szkic' }).click()]);
    assert.match(await page.getByRole('main').textContent(), /Usunąć szkic „Szkic na próbę”\? Tego nie można cofnąć\./);
    await checkAxe(page, 'admin draft deletion confirmation');
    await Promise.all([page.waitForURL('**/admin/artykuly?usunieto=1'), page.getByRole('button', { name: 'Tak, usuń szkic' }).click()]);
    assert.match(await page.getByRole('status').textContent(), /Szkic został usunięty/);
    assert.equal(await page.getByRole('link', { name: 'Szkic na próbę' }).count(), 0, 'no longer listed');
    assertNoProblems(page);
  });

  it('creates a seminar with an agenda, a custom form and a consent, and publishes it', async () => {
    await Promise.all([page.waitForURL('**/admin/seminaria'), adminNav(page).getByRole('link', { name: 'Seminaria' }).click()]);
    await checkAxe(page, 'admin seminars list (empty)');
    await Promise.all([page.waitForURL('**/admin/seminaria/nowy'), page.getByRole('link', { name: 'Nowe seminarium' }).click()]);
    await checkAxe(page, 'admin seminar form (empty)');

    // The form's sections are fieldsets: each is a named group, so "Początek"
    // in "Czas i miejsce" is the seminar's start, not an agenda item's.
    const basics = page.getByRole('group', { name: 'Podstawowe informacje' });
    const time = page.getByRole('group', { name: 'Czas i miejsce' });
    const registration = page.getByRole('group', { name: 'Rejestracja', exact: true });
    await basics.getByLabel('Tytuł').fill('Warsztaty budżetu');
    await basics.getByLabel('Lead (wstęp)').fill('Jak przygotować budżet obywatelski w małym mieście.');
    await basics.getByLabel('Opis', { exact: true }).fill('## Dla kogo\n\nDla **urzędników** i radnych.');
    await time.getByLabel('Początek').fill(`${seminarDay}T10:00`);
    await time.getByLabel('Koniec').fill(`${seminarDay}T09:00`);  // before the start: the first attempt fails
    await time.getByRole('radio', { name: 'Hybrydowo' }).check();
    await time.getByLabel('Miejsce').fill('Ratusz, Rynek 1, Łomża');
    await registration.getByLabel('Liczba miejsc').fill('30');
    await registration.getByLabel('Klauzula informacyjna (art. 13 RODO)').fill('Administratorem danych jest **Stowarzyszenie Rynek**.');

    // The agenda: every row's inputs have their own names ("Tytuł – Punkt programu 2").
    await page.getByLabel('Początek – Punkt programu 1').fill('10:00');
    await page.getByLabel('Koniec – Punkt programu 1').fill('10:30');
    await page.getByLabel('Tytuł – Punkt programu 1').fill('Powitanie');
    await page.getByLabel('Prelegenci – Punkt programu 1').fill('Anna Prowadząca; Urząd Miasta; Łomża');
    await page.getByLabel('Początek – Punkt programu 2').fill('10:30');
    await page.getByLabel('Tytuł – Punkt programu 2').fill('Budżet krok po kroku');
    await page.getByLabel('Prelegenci – Punkt programu 2').fill('Jan Ekspert; Fundacja Miasto\nEwa Radna; ; Chełm');

    // "More rows" stores nothing: it draws the form again with more blank rows and the values kept.
    const [more] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Więcej wierszy (Program)' }).click()]);
    assert.equal(more.status(), 200);
    assert.match(page.url(), /\/admin\/seminaria\/nowy$/);
    assert.equal(await page.getByLabel('Tytuł – Punkt programu 2').inputValue(), 'Budżet krok po kroku');
    assert.equal(await page.getByLabel('Tytuł – Punkt programu 3').inputValue(), '');
    assert.equal(sqlValue(rynek.dataDir, 'SELECT count(*) FROM seminars'), '0', '"More rows" saved nothing');

    // A custom registration form: a required text and a choice from a list.
    await page.getByLabel('Pytanie – Pole formularza 1').fill('Organizacja');
    await page.getByLabel('Odpowiedź jest wymagana – Pole formularza 1').check();
    await page.getByLabel('Pytanie – Pole formularza 2').fill('Rola');
    await page.getByLabel('Rodzaj – Pole formularza 2').selectOption({ label: 'Jeden wybór z listy' });
    await page.getByLabel('Możliwości – Pole formularza 2').fill('Urzędnik\nRadny\nMieszkaniec');
    // An optional consent with the version of its text.
    await page.getByLabel('Treść zgody – Zgoda 1').fill('Chcę dostawać informacje o kolejnych seminariach.');
    await page.getByLabel('Klucz – Zgoda 1').fill('newsletter');
    await page.getByLabel('Wersja – Zgoda 1').fill('2026-03');

    // The end before the start: 422, the error summary takes the focus and links to the field.
    const publish = page.getByRole('button', { name: 'Opublikuj' }).last();
    const [failed] = await Promise.all([page.waitForNavigation(), publish.click()]);
    assert.equal(failed.status(), 422);
    const summary = page.getByRole('alert');
    assert.match(await summary.textContent(), /Seminarium musi skończyć się po rozpoczęciu/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'the summary has the focus');
    const ends = time.getByLabel('Koniec');
    assert.equal(await ends.getAttribute('aria-invalid'), 'true');
    assert.match(await ends.getAttribute('aria-describedby'), /ends-error/);
    assert.equal(await page.getByLabel('Tytuł – Punkt programu 2').inputValue(), 'Budżet krok po kroku', 'the values are kept');
    await checkAxe(page, 'admin seminar form with errors');
    await summary.getByRole('link', { name: /Seminarium musi skończyć się/ }).click();
    assert.ok(await ends.evaluate((input) => input === document.activeElement), 'the link in the summary moves the focus to the field');

    await ends.fill(`${seminarDay}T14:00`);
    await Promise.all([page.waitForURL(/\/admin\/seminaria\/\d+\/edycja\?zapisano=opublikowano$/), publish.click()]);
    seminarId = Number(/seminaria\/(\d+)\//.exec(page.url())[1]);
    base = `${rynek.url}/admin/seminaria/${seminarId}`;
    assert.match(await page.getByRole('status').textContent(), /Seminarium zostało opublikowane/);
    assert.equal(sqlValue(rynek.dataDir, `SELECT status || ' ' || slug FROM seminars WHERE id = ${seminarId}`), `published ${slug}`);
    assert.equal(sqlValue(rynek.dataDir, `SELECT group_concat(key || ':' || type || ':' || required, ' ') FROM form_fields WHERE seminar_id = ${seminarId}`),
      'organizacja:text:1 rola:select:0');
    assert.equal(sqlValue(rynek.dataDir, `SELECT key || ' ' || version FROM consents WHERE seminar_id = ${seminarId}`), 'newsletter 2026-03');
    await checkAxe(page, 'admin seminar form of a published seminar');

    // The preview shows the seminar as visitors will see it.
    await Promise.all([page.waitForURL(`${base}/podglad`), page.getByRole('link', { name: 'Podgląd', exact: true }).click()]);
    const preview = await page.getByRole('main').textContent();
    for (const text of ['Warsztaty budżetu', 'Budżet krok po kroku', 'Jan Ekspert', 'Ewa Radna', 'Ratusz, Rynek 1, Łomża']) {
      assert.ok(preview.includes(text), `the preview shows ${text}`);
    }
    await checkAxe(page, 'admin seminar preview');
    await Promise.all([page.waitForURL(`${base}/edycja`), page.getByRole('link', { name: 'Wróć do edycji' }).click()]);

    // Enter in a text input presses the form's first submit button: "Zapisz",
    // not the "More rows" buttons further down, so the change is saved.
    await basics.getByLabel('Tytuł').fill(seminarTitle);
    const [posted] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.waitForURL(/\/edycja\?zapisano=1$/),
      basics.getByLabel('Tytuł').press('Enter'),
    ]);
    assert.equal(posted.status(), 303);
    assert.match(await page.getByRole('status').textContent(), /Seminarium zostało zapisane/);
    assert.equal(sqlValue(rynek.dataDir, `SELECT title FROM seminars WHERE id = ${seminarId}`), seminarTitle);
    // Only the title changed; the publication time shown to the minute is not a change either.
    const details = JSON.parse(sqlValue(rynek.dataDir, `SELECT details FROM audit_log WHERE action = 'seminar.update' AND object_id = ${seminarId}`));
    assert.deepEqual(Object.keys(details), ['title']);
    await Promise.all([page.waitForURL('**/admin/seminaria'), adminNav(page).getByRole('link', { name: 'Seminaria' }).click()]);
    await checkAxe(page, 'admin seminars list');
    assertNoProblems(page);
  });

  it('a visitor registers in another browser context', async () => {
    const other = await newContext(browser);
    try {
      const visitorPage = await openPage(other);
      await visit(visitorPage, `${rynek.url}/seminaria/${slug}`);
      assert.match(await visitorPage.getByRole('main').textContent(), /Budżet krok po kroku/);
      await Promise.all([visitorPage.waitForURL(`**/seminaria/${slug}/rejestracja`),
        visitorPage.getByRole('link', { name: /Rejestracja/ }).click()]);
      await visitorPage.getByLabel('Imię i nazwisko').fill('Jan Gość');
      await visitorPage.getByLabel('Adres e-mail').fill(visitorEmail);
      // The questions the admin added in the seminar form.
      const organisation = visitorPage.getByLabel('Organizacja');
      assert.equal(await organisation.getAttribute('aria-required'), 'true');
      await organisation.fill('Stowarzyszenie Żółwi');
      await visitorPage.getByLabel('Rola').selectOption('Radny');
      await visitorPage.getByLabel('Chcę dostawać informacje o kolejnych seminariach.').check();
      const [response] = await Promise.all([visitorPage.waitForNavigation(), visitorPage.getByRole('button', { name: 'Wyślij zgłoszenie' }).click()]);
      assert.ok(response.status() < 400, `registration answered ${response.status()}`);
      assertNoProblems(visitorPage);
      const stored = sql(rynek.dataDir, `SELECT r.answers, c.consent_key, c.version FROM registrations r
        JOIN registration_consents c ON c.registration_id = r.id WHERE r.email = '${visitorEmail}'`);
      assert.equal(stored.length, 1, 'the registration and its consent are stored');
      assert.deepEqual(JSON.parse(stored[0][0]), { organizacja: 'Stowarzyszenie Żółwi', rola: 'Radny' });
      assert.deepEqual(stored[0].slice(1), ['newsletter', '2026-03'], 'the consent keeps the version the visitor saw');
    } finally {
      await other.close();
    }
  });

  it('sees the registration in the list and exports it as CSV', async () => {
    // From the back office's navigation, as an organiser would get there.
    await Promise.all([page.waitForURL('**/admin/seminaria'), adminNav(page).getByRole('link', { name: 'Seminaria' }).click()]);
    await checkAxe(page, 'admin seminars list with a registration');
    const seminarRow = page.getByRole('row', { name: new RegExp(seminarTitle) });
    await Promise.all([page.waitForURL(`${base}/zgloszenia`), seminarRow.getByRole('link', { name: 'Zgłoszenia' }).click()]);
    const row = page.getByRole('row', { name: new RegExp(visitorEmail.replace(/\./g, '\\.')) });
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
    await page.getByRole('radio', { name: /Wszyscy zarejestrowani/ }).check();
    await page.getByLabel('Temat').fill('Zmiana sali: warsztaty');
    await page.getByLabel('Wiadomość', { exact: true }).fill('Dzień dobry,\n\nspotykamy się w sali 12.');
    await Promise.all([page.waitForURL(/zgloszenia\?done=sent/), page.getByRole('button', { name: 'Wyślij wiadomość' }).click()]);
    assert.match(await page.getByRole('status').textContent(), /1/);
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
    assert.equal(await page.getByRole('main').getByRole('img').count(), 1, 'the attendance chart');
    await checkAxe(page, 'admin attendance report');
    await visit(page, `${rynek.url}/admin/uzytkownicy`);
    await checkAxe(page, 'admin users');
    await visit(page, `${rynek.url}/admin/dziennik`);
    const log = await page.getByRole('main').textContent();
    // Descriptions, not raw keys (accounts/audit_actions.cpp).
    assert.match(log, /Utworzono artykuł/);
    assert.match(log, /Utworzono seminarium/);
    assert.match(log, /Zmieniono seminarium/);
    assert.match(log, /Wysłano wiadomość do zarejestrowanych/);
    assert.doesNotMatch(log, /article\.create|seminar\.update|\{"/);
    await checkAxe(page, 'admin audit log');
    assertNoProblems(page);
  });
});
