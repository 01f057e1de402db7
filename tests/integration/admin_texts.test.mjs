// What the back office says, through the built binary (issue 8, B12 and B16): the
// organisation-name field is labelled as such; *Opublikuj* confirms a publication, not a
// save; success notices carry their own style and role="status"; the account invitation
// names the site as renamed in the settings; an invited account is "zaproszone" until its
// password is set; the audit log reads as Polish descriptions with a diff of the fields,
// never raw keys or JSON; and the pages address people formally.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminScene, postEdit, postMultipart, sql } from './admin_helpers.mjs';
import { Visitor } from './seminars_helpers.mjs';

let s;
let admin;
let editor;

const SITE = 'Sieć Miast Przykładowych';

before(async () => {
  s = await adminScene({ 'seminarium-a': { title: 'Seminarium A' } }, {
    admin: ['admin@rynek.test', 'admin'], editor: ['redaktor@rynek.test', 'editor'],
  });
  admin = await s.login('admin');
  editor = await s.login('editor');
});
after(async () => { await s?.world.cleanup(); });

describe('settings and accounts', () => {
  test('the organisation-name field is labelled "Nazwa organizacji", not a person\'s name', async () => {
    const page = await admin.request('/admin/ustawienia');
    assert.equal(page.status, 200);
    const label = /<label for="([^"]+)">([^<]*)<span class="required">[^<]*<\/span><\/label>\s*<p class="help" id="\1-help">[^<]*<\/p>\s*(?:<p class="error-message"[^>]*>[^<]*<\/p>\s*)?<input type="text" id="\1" name="organisation_name"/
      .exec(page.text);
    assert.ok(label, 'the organisation_name input has its label');
    assert.equal(label[2].trim(), 'Nazwa organizacji');
    assert.match(page.text, /<label for="[^"]+">Pełna nazwa organizacji<\/label>/);
  });

  test('after renaming the site, the invitation names the new name and the account is "zaproszone"', async () => {
    const saved = await postEdit(admin, '/admin/ustawienia', [
      ['organisation_name', SITE], ['organisation_full_name', ''], ['postal_address', 'ul. Rynek 1\r\n00-001 Warszawa'],
      ['contact_email', 'biuro@siec.example.org'], ['privacy_clause_md', '**Administratorem** danych jest Sieć.'],
      ['privacy_clause_version', '2026-1'], ['seminar_contact_email', 'seminaria@siec.example.org']]);
    assert.equal(saved.status, 303, saved.text.slice(0, 400));
    const notice = await admin.request(saved.headers.location);
    assert.match(notice.text, /<div class="notice notice-success" role="status"><p>Ustawienia zapisane\.[^<]*<\/p><\/div>/);

    const created = await admin.post('/admin/uzytkownicy', { email: 'zaproszona@rynek.test', name: 'Zaproszona Osoba', role: 'organiser' });
    assert.equal(created.status, 303);
    const mail = await s.world.sink.waitFor((all) => all.some((m) => m.rcpt.includes('zaproszona@rynek.test')), { what: 'invitation' });
    const invitation = mail.find((m) => m.rcpt.includes('zaproszona@rynek.test'));
    assert.ok(invitation.text.includes(`W panelu administracyjnym serwisu ${SITE} utworzono dla Pana lub Pani konto.`), invitation.text);
    assert.doesNotMatch(invitation.text, /Rynku|\bRynek\b/);
    assert.doesNotMatch(invitation.text, /Ciebie|Twoj|Otwórz/);

    const users = await admin.request('/admin/uzytkownicy');
    const row = /<tr><td><a href="\/admin\/uzytkownicy\/(\d+)">Zaproszona Osoba<\/a><\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><\/tr>/.exec(users.text);
    assert.ok(row, 'the invited account is listed');
    assert.equal(row[2], 'zaproszone (oczekuje na ustawienie hasła)');
    assert.match(users.text, /Konto redaktor<\/a><\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>aktywne<\/td>/);
    const own = await admin.request(`/admin/uzytkownicy/${row[1]}`);
    assert.match(own.text, /zaproszone \(oczekuje na ustawienie hasła\)<\/p>/);
  });
});

describe('publishing and the audit log', () => {
  let id;

  test('Zapisz says saved, Opublikuj says published, both as success notices', async () => {
    const created = await postMultipart(editor, '/admin/artykuly/nowy', [
      ['title', 'Pierwszy tytuł'], ['slug', 'komunikat-o-naborze'], ['lead', 'Krótko.'], ['body', 'Treść.'],
      ['tags', ''], ['published_at', ''], ['hero_alt', ''], ['action', 'save']]);
    assert.equal(created.status, 303);
    id = Number(/\/admin\/artykuly\/(\d+)\?zapisano=1$/.exec(created.headers.location)[1]);
    const savedPage = await editor.request(created.headers.location);
    assert.match(savedPage.text, /<div class="notice notice-success" role="status"><p>Zapisano artykuł\.<\/p><\/div>/);

    const published = await postEdit(editor, `/admin/artykuly/${id}`, [
      ['title', 'Drugi tytuł'], ['slug', 'komunikat-o-naborze'], ['lead', 'Krótko.'], ['body', 'Treść.'],
      ['tags', ''], ['published_at', ''], ['hero_alt', ''], ['action', 'publish']]);
    assert.equal(published.status, 303);
    assert.equal(published.headers.location, `/admin/artykuly/${id}?zapisano=opublikowano`);
    const page = await editor.request(published.headers.location);
    assert.match(page.text, /<div class="notice notice-success" role="status"><p>Artykuł został opublikowany\.<\/p><\/div>/);
    assert.doesNotMatch(page.text, /role="status"><p>Zapisano artykuł/);

    const withdrawn = await postEdit(editor, `/admin/artykuly/${id}`, [
      ['title', 'Drugi tytuł'], ['slug', 'komunikat-o-naborze'], ['lead', 'Krótko.'], ['body', 'Treść.'],
      ['tags', ''], ['published_at', ''], ['hero_alt', ''], ['action', 'unpublish']]);
    assert.equal(withdrawn.headers.location, `/admin/artykuly/${id}?zapisano=wycofano`);
    assert.match((await editor.request(withdrawn.headers.location)).text, /Publikacja artykułu została wycofana\./);
  });

  test('the audit log shows descriptions and a readable diff, not keys or JSON', async () => {
    const log = await admin.request('/admin/dziennik');
    assert.equal(log.status, 200);
    const main = log.text.slice(log.text.indexOf('<main'));
    const cells = main.replace(/ title="[^"]*"/g, '');  // the raw key stays only as a tooltip
    for (const description of ['Utworzono artykuł', 'Opublikowano artykuł', 'Wycofano publikację artykułu',
      'Zmieniono ustawienia serwisu', 'Utworzono konto'])
      assert.ok(cells.includes(description), `"${description}" in the audit log`);
    assert.doesNotMatch(cells, /article\.(create|update|publish)|settings\.update|account\.create/);
    assert.doesNotMatch(cells, /\{&quot;|\{"/, 'no JSON');
    assert.match(cells, /<span class="audit-field">Tytuł:<\/span> „Pierwszy tytuł” → „Drugi tytuł”/);
    assert.match(cells, /<span class="audit-field">Nazwa organizacji:<\/span> „Rynek” → „Sieć Miast Przykładowych”/);
    assert.match(cells, /<span class="audit-field">Stan:<\/span> „szkic” → „opublikowany”|<span class="audit-field">Stan:<\/span> „opublikowany” → „wycofany”/);
    assert.match(cells, /Artykuł #\d+/);
    // What is stored stays machine-readable.
    // Roles by their names: the editor account made on the command line is "Redaktor".
    assert.match(cells, /<td>System lub wiersz poleceń<\/td>\s*<td><span>Utworzono konto<\/span><\/td>\s*<td>Konto #\d+<\/td>\s*<td>redaktor@rynek\.test<ul class="audit-changes"><li><span class="audit-field">Rola:<\/span> „Redaktor”/);
    assert.doesNotMatch(cells, /command line/, 'no English in a Polish log');
    assert.ok(sql(s.world.dataDir, "SELECT count(*) FROM audit_log WHERE action = 'article.publish'")[0][0] >= 1);
  });
});

describe('form of address', () => {
  test('public and back-office pages speak formally', async () => {
    const visitor = new Visitor(s.rynek.port);
    const pages = [await visitor.request('/seminaria/seminarium-a/rejestracja'), await visitor.request('/admin/logowanie'),
      await visitor.request('/admin/haslo'), await visitor.request('/nie-ma-takiej-strony'),
      await admin.request('/admin/seminaria'), await admin.request('/admin/uzytkownicy')];
    for (const page of pages) {
      const text = page.text.replace(/<[^>]*>/g, ' ');
      assert.doesNotMatch(text, /(?<![\p{L}])(Ty|Ciebie|Cię|Twój|Twoja|Twoje|Twojego|Twoich|kliknij|wpisz|zapisz się|zaloguj się|możesz|masz|jesteś|szukasz)(?![\p{L}])/iu);
    }
    assert.match(pages[3].text, /Szukana strona nie istnieje lub została przeniesiona\./);
  });
});
