// The back office's authorisation matrix, through the built binary: every
// guarded /admin route (the table below, with real ids) asked by an anonymous
// visitor, an organiser assigned to seminar A only, an editor and an admin.
//   anonymous   -> 303 to /admin/logowanie?next=<the path>
//   wrong role  -> 403
//   allowed     -> 200 for pages, 303 for POSTs carrying the session's CSRF token
// plus: a POST without (or with another session's) CSRF token is refused with
// 403 and changes nothing in the database; an organiser reaches none of
// seminar B's pages (404); ids swapped in a URL never reach another object
// (404); every answer carries Cache-Control: no-store. The table is checked
// against the route names in the sources, so a new admin route without a row
// here fails this test.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../lib/rynek.mjs';
import { adminScene, assignSeminars, login, pdf, postMultipart, revisionOf, sql, sqlValue } from './admin_helpers.mjs';
import { DAY, Visitor, person } from './seminars_helpers.mjs';

const ROLES = ['anonymous', 'organiser', 'editor', 'admin'];
const ALLOWED = {
  any: ['organiser', 'editor', 'admin'],
  organisers: ['organiser', 'editor', 'admin'],
  editors: ['editor', 'admin'],
  admins: ['admin'],
};
// Routes for anonymous visitors (login, password reset): outside the matrix.
const PUBLIC = ['admin.login.form', 'admin.login', 'admin.password.request.form', 'admin.password.request',
  'admin.password.set.form', 'admin.password.set'];

let s;         // the scene
let ids;       // real ids substituted into the table
let visitors;  // role -> logged-in visitor (anonymous: no cookie)
let counter = 0;

// What a refused POST must leave alone (sessions are touched by reads; the mail
// worker changes the delivery columns of the outbox on its own, so only its rows count).
const WATCHED = ['SELECT * FROM accounts', 'SELECT * FROM seminar_organisers', 'SELECT * FROM articles',
  'SELECT * FROM attachments', 'SELECT * FROM media', 'SELECT * FROM registrations', 'SELECT id, kind, to_address FROM outbox',
  'SELECT * FROM audit_log', 'SELECT * FROM password_resets', 'SELECT * FROM seminars', 'SELECT * FROM seminar_materials',
  'SELECT * FROM form_fields', 'SELECT * FROM consents', 'SELECT * FROM agenda_items', 'SELECT * FROM site_settings'];
const snapshot = () => WATCHED.map((query) => JSON.stringify(sql(s.world.dataDir, `${query} ORDER BY 1`))).join('\n');

// "YYYY-MM-DD HH:MM" in Warsaw, `ms` from now (the seminar form's times).
function warsaw(ms) {
  const t = new Date(Math.floor((Date.now() + ms) / 3600_000) * 3600_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t).replace(',', '');
}
// The smallest valid seminar form.
const seminarParts = (title, slug = '') => [['title', title], ['slug', slug], ['starts', warsaw(5 * DAY)],
  ['ends', warsaw(5 * DAY + 2 * 3600_000)], ['format', 'online'], ['broadcast_visibility', 'participants'],
  ['privacy_text', 'Klauzula informacyjna.'], ['action', 'save']];

// path(role) and body(role) so that each allowed POST has an object of its own.
function routes() {
  const { semA, semC, regA, article, target, attachments, materials } = ids;
  const reg = `/admin/seminaria/${semA}`;
  const form = (values) => ({ kind: 'form', values });
  const parts = (list) => ({ kind: 'multipart', parts: list });
  // Edit forms carry the revision they were opened with: read it from the form, as a browser would.
  const revision = async (visitor, formPath) => ['revision', revisionOf((await visitor.request(formPath)).text)];
  // Each allowed role deletes a draft of its own (the confirmation form carries the stored revision).
  const draft = (kind, role) => ids[kind][role] || ids[kind].editor;
  const stored = (table, id) => sqlValue(s.world.dataDir, `SELECT revision FROM ${table} WHERE id = ${id}`) ?? '1';
  return [
    { name: 'admin.dashboard', method: 'GET', path: '/admin', access: 'any' },
    { name: 'admin.logout', method: 'POST', path: '/admin/wyloguj', access: 'any', body: () => form({}), fresh: true },
    { name: 'admin.users', method: 'GET', path: '/admin/uzytkownicy', access: 'admins' },
    { name: 'admin.users.create', method: 'POST', path: '/admin/uzytkownicy', access: 'admins',
      body: () => form({ email: `nowe${++counter}@rynek.test`, name: 'Nowe konto', role: 'organiser' }) },
    { name: 'admin.user', method: 'GET', path: `/admin/uzytkownicy/${target}`, access: 'admins' },
    { name: 'admin.user.rola', method: 'POST', path: `/admin/uzytkownicy/${target}/rola`, access: 'admins', body: () => form({ role: 'editor' }) },
    { name: 'admin.user.aktywnosc', method: 'POST', path: `/admin/uzytkownicy/${target}/aktywnosc`, access: 'admins', body: () => form({ active: '1' }) },
    { name: 'admin.user.seminaria', method: 'POST', path: `/admin/uzytkownicy/${target}/seminaria`, access: 'admins', body: () => form({ seminar: String(ids.semB) }) },
    { name: 'admin.user.zaproszenie', method: 'POST', path: `/admin/uzytkownicy/${target}/zaproszenie`, access: 'admins', body: () => form({}) },
    { name: 'admin.audit', method: 'GET', path: '/admin/dziennik', access: 'admins' },
    { name: 'admin.articles', method: 'GET', path: '/admin/artykuly', access: 'editors' },
    { name: 'admin.article.new', method: 'GET', path: '/admin/artykuly/nowy', access: 'editors' },
    { name: 'admin.article.create', method: 'POST', path: '/admin/artykuly/nowy', access: 'editors',
      body: () => parts([['title', `Artykuł z macierzy ${++counter}`], ['action', 'save']]) },
    { name: 'admin.article.edit', method: 'GET', path: `/admin/artykuly/${article}`, access: 'editors' },
    { name: 'admin.article.save', method: 'POST', path: `/admin/artykuly/${article}`, access: 'editors',
      body: async (role, visitor) => parts([await revision(visitor, `/admin/artykuly/${article}`),
        ['title', 'Artykuł macierzy'], ['slug', 'artykul-macierzy'], ['action', 'save']]) },
    { name: 'admin.article.preview', method: 'GET', path: `/admin/artykuly/${article}/podglad`, access: 'editors' },
    { name: 'admin.article.delete.form', method: 'GET', path: `/admin/artykuly/${article}/usun`, access: 'editors' },
    { name: 'admin.article.delete', method: 'POST', access: 'editors',
      path: (role) => `/admin/artykuly/${draft('articleDrafts', role)}/usun`,
      body: (role) => form({ revision: stored('articles', draft('articleDrafts', role)) }) },
    { name: 'admin.article.attachment.add', method: 'POST', path: `/admin/artykuly/${article}/zalaczniki`, access: 'editors',
      body: () => parts([['title', 'Program'], ['file', { filename: 'program.pdf', type: 'application/pdf', data: pdf(`m${++counter}`) }]]) },
    { name: 'admin.article.attachment.remove', method: 'POST', access: 'editors', body: () => form({}),
      path: (role) => `/admin/artykuly/${article}/zalaczniki/${attachments[role] || attachments.editor}/usun` },
    { name: 'admin.seminars', method: 'GET', path: '/admin/seminaria', access: 'organisers' },
    { name: 'admin.seminar.new', method: 'GET', path: '/admin/seminaria/nowy', access: 'editors' },
    { name: 'admin.seminar.create', method: 'POST', path: '/admin/seminaria/nowy', access: 'editors',
      body: () => parts(seminarParts(`Seminarium z macierzy ${++counter}`)) },
    { name: 'admin.seminar.edit', method: 'GET', path: `/admin/seminaria/${semA}/edycja`, access: 'editors' },
    { name: 'admin.seminar.save', method: 'POST', path: `/admin/seminaria/${semC}/edycja`, access: 'editors',
      body: async (role, visitor) => parts([await revision(visitor, `/admin/seminaria/${semC}/edycja`),
        ...seminarParts('Seminarium C', 'seminarium-c')]) },
    { name: 'admin.seminar.preview', method: 'GET', path: `/admin/seminaria/${semA}/podglad`, access: 'editors' },
    { name: 'admin.seminar.delete.form', method: 'GET', path: `/admin/seminaria/${ids.seminarDraft}/usun`, access: 'editors' },
    { name: 'admin.seminar.delete', method: 'POST', access: 'editors',
      path: (role) => `/admin/seminaria/${draft('seminarDrafts', role)}/usun`,
      body: (role) => form({ revision: stored('seminars', draft('seminarDrafts', role)) }) },
    { name: 'admin.seminar.material.add', method: 'POST', path: `/admin/seminaria/${semC}/materialy`, access: 'editors',
      body: () => parts([['title', 'Program'], ['audience', 'public'], ['file', { filename: 'program.pdf', type: 'application/pdf', data: pdf(`s${++counter}`) }]]) },
    { name: 'admin.seminar.material.remove', method: 'POST', access: 'editors', body: () => form({}),
      path: (role) => `/admin/seminaria/${semC}/materialy/${materials[role] || materials.editor}/usun` },
    { name: 'admin.registrations', method: 'GET', path: `${reg}/zgloszenia`, access: 'organisers' },
    { name: 'admin.registrations.csv', method: 'GET', path: `${reg}/zgloszenia.csv`, access: 'organisers' },
    { name: 'admin.registrations.xlsx', method: 'GET', path: `${reg}/zgloszenia.xlsx`, access: 'organisers' },
    { name: 'admin.registrations.action', method: 'POST', path: `${reg}/zgloszenia/${regA}`, access: 'organisers', body: () => form({ action: 'cancel' }) },
    { name: 'admin.registrations.message', method: 'GET', path: `${reg}/wiadomosc`, access: 'organisers' },
    { name: 'admin.registrations.message.send', method: 'POST', path: `${reg}/wiadomosc`, access: 'organisers',
      body: () => form({ audience: 'registered', subject: 'Temat z macierzy', body: 'Treść wiadomości.' }) },
    { name: 'admin.registrations.attendance', method: 'GET', path: `${reg}/obecnosc`, access: 'organisers' },
    { name: 'admin.settings', method: 'GET', path: '/admin/ustawienia', access: 'admins' },
    { name: 'admin.settings.save', method: 'POST', path: '/admin/ustawienia', access: 'admins',
      body: async (role, visitor) => form({ ...Object.fromEntries([await revision(visitor, '/admin/ustawienia')]),
        organisation_name: `Rynek ${++counter}` }) },
  ];
}

const pathOf = (route, role) => (typeof route.path === 'function' ? route.path(role) : route.path);

async function send(visitor, route, role, { csrf = true, token } = {}) {
  const urlPath = pathOf(route, role);
  if (route.method === 'GET') return visitor.request(urlPath);
  const body = await route.body(role, visitor);
  const given = token ?? (csrf ? visitor.csrf : undefined);
  if (body.kind === 'multipart') {
    const saved = visitor.csrf;
    visitor.csrf = given;
    try {
      return await postMultipart(visitor, urlPath, body.parts, { csrf: given !== undefined });
    } finally {
      visitor.csrf = saved;
    }
  }
  const values = given !== undefined ? { csrf: given, ...body.values } : body.values;
  return visitor.request(urlPath, { method: 'POST', body: new URLSearchParams(values).toString() });
}

before(async () => {
  s = await adminScene({ 'seminarium-a': { title: 'Seminarium A' }, 'seminarium-b': { title: 'Seminarium B' },
    'seminarium-c': { title: 'Seminarium C' } }, {
    admin: ['admin@rynek.test', 'admin'], editor: ['redaktor@rynek.test', 'editor'],
    organiser: ['organizator@rynek.test', 'organiser'], target: ['cel@rynek.test', 'organiser'],
  });
  const port = s.rynek.port;
  visitors = { anonymous: new Visitor(port) };
  for (const role of ['admin', 'editor', 'organiser']) visitors[role] = await s.login(role);
  ids = { semA: s.seminarId('seminarium-a'), semB: s.seminarId('seminarium-b'), semC: s.seminarId('seminarium-c'),
    target: s.accountId('target') };
  await assignSeminars(visitors.admin, s.accountId('organiser'), [ids.semA]);
  for (const [slug, n] of [['seminarium-a', 1], ['seminarium-a', 2], ['seminarium-b', 3]]) {
    const response = await new Visitor(port).register(slug, person(n));
    assert.equal(response.status, 303, `registration ${n}: ${response.status}`);
  }
  const regs = (slug) => sql(s.world.dataDir, `SELECT r.id FROM registrations r JOIN seminars s ON s.id = r.seminar_id WHERE s.slug = '${slug}' ORDER BY r.id`).map(([id]) => Number(id));
  [ids.regA, ids.regA2] = regs('seminarium-a');
  [ids.regB] = regs('seminarium-b');
  const created = await postMultipart(visitors.editor, '/admin/artykuly/nowy', [['title', 'Artykuł macierzy'], ['slug', 'artykul-macierzy'], ['action', 'save']]);
  assert.equal(created.status, 303);
  ids.article = Number(/\/admin\/artykuly\/(\d+)/.exec(created.headers.location)[1]);
  const other = await postMultipart(visitors.editor, '/admin/artykuly/nowy', [['title', 'Inny artykuł'], ['action', 'save']]);
  ids.otherArticle = Number(/\/admin\/artykuly\/(\d+)/.exec(other.headers.location)[1]);
  // Drafts to delete: one per role allowed to, and a seminar draft whose confirmation page stays.
  ids.articleDrafts = {};
  ids.seminarDrafts = {};
  const seminarDraft = async (title) => {
    const created = await postMultipart(visitors.editor, '/admin/seminaria/nowy', seminarParts(title));
    assert.equal(created.status, 303, `${title}: ${created.status}`);
    return Number(/\/admin\/seminaria\/(\d+)\//.exec(created.headers.location)[1]);
  };
  for (const role of ['editor', 'admin']) {
    const created = await postMultipart(visitors.editor, '/admin/artykuly/nowy', [['title', `Szkic macierzy ${role}`], ['action', 'save']]);
    assert.equal(created.status, 303);
    ids.articleDrafts[role] = Number(/\/admin\/artykuly\/(\d+)/.exec(created.headers.location)[1]);
    ids.seminarDrafts[role] = await seminarDraft(`Szkic seminarium macierzy ${role}`);
  }
  ids.seminarDraft = await seminarDraft('Szkic seminarium, który zostaje');
  ids.attachments = {};
  for (const role of ['editor', 'admin', 'other']) {
    const article = role === 'other' ? ids.otherArticle : ids.article;
    const added = await postMultipart(visitors.editor, `/admin/artykuly/${article}/zalaczniki`,
      [['title', `Plik ${role}`], ['file', { filename: `${role}.pdf`, type: 'application/pdf', data: pdf(role) }]]);
    assert.equal(added.status, 303, `attachment for ${role}: ${added.status}`);
    ids.attachments[role] = Number(sqlValue(s.world.dataDir, 'SELECT max(id) FROM attachments'));
  }
  ids.materials = {};
  for (const role of ['editor', 'admin', 'other']) {
    const added = await postMultipart(visitors.editor, `/admin/seminaria/${ids.semC}/materialy`,
      [['title', `Materiał ${role}`], ['audience', 'participants'], ['file', { filename: `${role}.pdf`, type: 'application/pdf', data: pdf(`mat-${role}`) }]]);
    assert.equal(added.status, 303, `material for ${role}: ${added.status}`);
    ids.materials[role] = Number(sqlValue(s.world.dataDir, 'SELECT max(id) FROM seminar_materials'));
  }
});
after(async () => { await s?.world.cleanup(); });

describe('authorisation matrix', () => {
  test('the table covers every guarded admin route in the sources', () => {
    const names = new Set();
    // Every file of src/web/admin that defines a route table (…_routes(App& app)).
    const dir = path.join(repoRoot, 'src/web/admin');
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpp'))) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      if (!/std::vector<http::Route> \w+_routes\(App& app\) \{/.test(text)) continue;
      for (const [, name] of text.matchAll(/"(admin\.[a-z._]+)"/g)) names.add(name);
    }
    assert.ok(names.size >= 20, `found only ${names.size} route names`);
    const covered = routes().map((r) => r.name);
    const missing = [...names].filter((name) => !PUBLIC.includes(name) &&
      !covered.some((c) => c === name || (name.endsWith('.') && c.startsWith(name))));
    assert.deepEqual(missing, [], 'admin routes without a row in the matrix');
  });

  test('every route × anonymous, organiser, editor, admin', async () => {
    const failures = [];
    for (const route of routes()) {
      for (const role of ROLES) {
        const visitor = route.fresh && role !== 'anonymous' ? await s.login(role) : visitors[role];
        const response = await send(visitor, route, role);
        const urlPath = pathOf(route, role);
        const where = `${route.method} ${urlPath} as ${role}`;
        let expected;
        if (role === 'anonymous') expected = 303;
        else if (!ALLOWED[route.access].includes(role)) expected = 403;
        else expected = route.method === 'GET' ? 200 : 303;
        if (response.status !== expected) failures.push(`${where}: ${response.status}, expected ${expected}`);
        if (role === 'anonymous' && response.headers.location !== `/admin/logowanie?next=${encodeURIComponent(urlPath)}`) {
          failures.push(`${where}: redirected to ${response.headers.location}`);
        }
        if (response.headers['cache-control'] !== 'no-store') failures.push(`${where}: Cache-Control ${response.headers['cache-control']}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('a POST without the CSRF token, or with another session\'s, is refused and changes nothing', async () => {
    const before = snapshot();
    const failures = [];
    const otherToken = (await s.login('admin')).csrf;
    for (const route of routes().filter((r) => r.method === 'POST')) {
      for (const role of ALLOWED[route.access]) {
        for (const options of [{ csrf: false }, { token: otherToken }, { token: '' }]) {
          const visitor = route.fresh ? await s.login(role) : visitors[role];
          if (options.token === otherToken && role === 'admin' && visitor.csrf === otherToken) continue;
          const response = await send(visitor, route, role, options);
          if (response.status !== 403) failures.push(`${route.method} ${pathOf(route, role)} as ${role} ${JSON.stringify(options).slice(0, 20)}: ${response.status}`);
          if (response.headers['cache-control'] !== 'no-store') failures.push(`${pathOf(route, role)}: no no-store on the refusal`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(snapshot(), before, 'a refused POST changed the database');
    // The logout refused without a token left the session alive.
    assert.equal((await visitors.organiser.request('/admin')).status, 200);
  });
});

describe('objects behind ids', () => {
  test('an organiser reaches none of the pages of a seminar not assigned to them', async () => {
    const b = `/admin/seminaria/${ids.semB}`;
    const organiser = visitors.organiser;
    const list = await organiser.request('/admin/seminaria');
    assert.ok(list.text.includes(`/admin/seminaria/${ids.semA}/zgloszenia`), 'seminar A is listed');
    assert.ok(!list.text.includes(`${b}/`) && !list.text.includes('Seminarium B'), 'seminar B is not listed');
    for (const urlPath of [`${b}/zgloszenia`, `${b}/zgloszenia.csv`, `${b}/zgloszenia.xlsx`, `${b}/wiadomosc`, `${b}/obecnosc`]) {
      const response = await organiser.request(urlPath);
      assert.equal(response.status, 404, urlPath);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.ok(!response.text.includes('osoba3@'), `${urlPath} shows seminar B's registrant`);
      assert.equal((await visitors.editor.request(urlPath)).status, 200, `${urlPath} as editor`);
    }
    const outboxBefore = sqlValue(s.world.dataDir, 'SELECT count(*) FROM outbox');
    for (const [urlPath, values] of [[`${b}/zgloszenia/${ids.regB}`, { action: 'cancel' }],
      [`${b}/wiadomosc`, { audience: 'registered', subject: 'Nie do B', body: 'x' }]]) {
      const response = await organiser.post(urlPath, values);
      assert.equal(response.status, 404, urlPath);
    }
    assert.equal(sqlValue(s.world.dataDir, `SELECT state FROM registrations WHERE id = ${ids.regB}`), 'registered');
    assert.equal(sqlValue(s.world.dataDir, 'SELECT count(*) FROM outbox'), outboxBefore);
  });

  test('a registration of seminar B through seminar A\'s URL is not found, for every role', async () => {
    for (const role of ['organiser', 'editor', 'admin']) {
      const response = await visitors[role].post(`/admin/seminaria/${ids.semA}/zgloszenia/${ids.regB}`, { action: 'cancel' });
      assert.equal(response.status, 404, role);
    }
    assert.equal(sqlValue(s.world.dataDir, `SELECT state FROM registrations WHERE id = ${ids.regB}`), 'registered');
    const response = await visitors.organiser.post(`/admin/seminaria/${ids.semA}/zgloszenia/${ids.regA2}`, { action: 'cancel' });
    assert.equal(response.status, 303, 'the same request on seminar A\'s own registration works');
    assert.equal(sqlValue(s.world.dataDir, `SELECT state FROM registrations WHERE id = ${ids.regA2}`), 'cancelled');
  });

  test('another article\'s attachment, unknown and malformed ids are not found', async () => {
    const editor = visitors.editor;
    const other = ids.attachments.other;
    const swapped = await editor.post(`/admin/artykuly/${ids.article}/zalaczniki/${other}/usun`, {});
    assert.equal(swapped.status, 404);
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM attachments WHERE id = ${other}`), '1');
    const otherMaterial = await editor.post(`/admin/seminaria/${ids.semA}/materialy/${ids.materials.other}/usun`, {});
    assert.equal(otherMaterial.status, 404, "another seminar's material");
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM seminar_materials WHERE id = ${ids.materials.other}`), '1');
    for (const urlPath of ['/admin/artykuly/999999', '/admin/artykuly/999999/podglad', '/admin/artykuly/abc',
      '/admin/seminaria/999999/edycja', '/admin/seminaria/999999/podglad', '/admin/seminaria/x1/edycja',
      '/admin/artykuly/-1', '/admin/seminaria/999999/zgloszenia', '/admin/seminaria/1x/zgloszenia',
      '/admin/uzytkownicy/999999', '/admin/artykuly/999999/usun', '/admin/seminaria/999999/usun', '/admin/seminaria/x1/usun']) {
      const response = await visitors.admin.request(urlPath);
      assert.equal(response.status, 404, urlPath);
      assert.equal(response.headers['cache-control'], 'no-store', urlPath);
    }
    assert.equal((await visitors.admin.post('/admin/uzytkownicy/999999/rola', { role: 'admin' })).status, 404);
  });

  test('a deactivated account\'s session stops working at once', async () => {
    const target = await login(s.rynek.port, 'cel@rynek.test');
    assert.equal((await target.request('/admin')).status, 200);
    assert.equal((await visitors.admin.post(`/admin/uzytkownicy/${ids.target}/aktywnosc`, { active: '0' })).status, 303);
    const after = await target.request('/admin');
    assert.equal(after.status, 303);
    assert.match(after.headers.location, /^\/admin\/logowanie/);
  });
});
