// Rynek addresses people formally (Pan/Pani, Państwo) or impersonally; see docs/TEXTS.md.
// This scans every Polish text a person can read — the catalog's msgstr lines, the templates,
// the demo content — for informal second-person forms and fails naming file and line.
// Run: node --test tests/texts/  (ctest runs it as texts_formal_address).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Informal forms that are wrong anywhere: "ty" and its cases, "twój" in every form, the
// second-person singular of the verbs our texts use, past forms like "zapisałeś/zapisałaś",
// and the imperatives the brief names. Lower case; matched case-insensitively on whole words.
const pronouns = ['ty', 'tobie', 'ciebie', 'cię', 'tobą',
  'twój', 'twoja', 'twoje', 'twojego', 'twojej', 'twoją', 'twoim', 'twoich', 'twoimi', 'twym', 'twego'];
const secondPerson = ['masz', 'możesz', 'jesteś', 'chcesz', 'musisz', 'wiesz', 'będziesz', 'otrzymasz',
  'dostaniesz', 'znajdziesz', 'zobaczysz', 'sprawdzisz', 'weźmiesz', 'szukasz', 'pamiętasz', 'spodziewasz',
  'potrzebujesz', 'widzisz', 'zrobisz', 'podasz', 'wyślesz', 'zapiszesz', 'klikniesz', 'dołączysz', 'obejrzysz',
  'pobierzesz', 'zarejestrujesz', 'anulujesz', 'potwierdzisz', 'zapomniałeś', 'zapomniałaś'];
const imperatives = ['kliknij', 'wpisz', 'zapisz się', 'zarejestruj się', 'zaloguj się', 'wyloguj się',
  'skontaktuj się', 'naciśnij', 'podaj', 'sprawdź', 'spróbuj', 'poczekaj', 'odczekaj', 'zachowaj',
  'wypełnij', 'przeczytaj', 'udostępniaj', 'przekazuj', 'napisz', 'zostaw', 'popraw', 'opisz', 'poproś'];
// Imperatives that are fine as the label of a button or link ("Zapisz", "Wróć do listy",
// "Otwórz transmisję w nowym oknie") but not in a sentence addressed to the reader.
const labelImperatives = ['wybierz', 'otwórz', 'wróć', 'przejdź', 'pobierz', 'zobacz', 'dodaj', 'usuń',
  'wyślij', 'zapisz', 'ustaw', 'zmień', 'potwierdź', 'anuluj', 'użyj', 'dołącz'];

const letter = 'a-zA-ZąćęłńóśźżĄĆĘŁŃÓŚŹŻ';
const words = (list) => new RegExp(
  `(?<![${letter}])(${list.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?![${letter}])`, 'iu');
const always = words([...pronouns, ...secondPerson, ...imperatives]);
// "Ci" (the short dative of "ty") only capitalised inside a sentence: lower-case "ci" is
// also the plural "those" ("ci mieszkańcy").
const capitalCi = new RegExp(`(?<=[${letter},] )Ci(?![${letter}])`, 'u');
const inSentence = words(labelImperatives);

// A sentence: ends with . ? ! or : or has more than six words; a label is anything shorter.
function isSentence(text) {
  const trimmed = text.trim();
  return /[.?!:]$/.test(trimmed) || trimmed.split(/\s+/).length > 6;
}

export function findInformal(text) {
  const found = [];
  const hit = always.exec(text) ?? capitalCi.exec(text);
  if (hit) found.push(hit[0]);
  if (isSentence(text)) {
    const label = inSentence.exec(text);
    if (label) found.push(label[0]);
  }
  return found;
}

function filesUnder(dir, extensions) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, extensions));
    else if (extensions.some((ext) => name.endsWith(ext))) out.push(full);
  }
  return out;
}

// Each text with its line: the catalog's msgstr values (continuation lines joined), every
// template line outside {{...}} tags (templates are English; Polish there would bypass the
// catalog), and every line of the demo's Markdown and TOML, one sentence at a time.
function catalogTexts(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const texts = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^msgstr(?:\[\d\])? "(.*)"$/.exec(lines[i]);
    if (!m) continue;
    let value = m[1];
    const line = i + 1;
    while (i + 1 < lines.length && /^".*"$/.test(lines[i + 1])) value += lines[++i].slice(1, -1);
    if (value) texts.push({ line, text: value.replace(/\\"/g, '"').replace(/\\n/g, ' ') });
  }
  return texts;
}

function sentences(line) {
  return line.split(/(?<=[.?!])\s+/);
}

function proseTexts(file) {
  return readFileSync(file, 'utf8').split('\n').flatMap((raw, index) =>
    sentences(raw.replace(/\{\{[^}]*\}\}/g, ' ').replace(/<[^>]*>/g, ' ').replace(/\]\([^)]*\)/g, ']'))
      .map((text) => ({ line: index + 1, text })));
}

function scan() {
  const problems = [];
  const report = (file, { line, text }) => {
    for (const word of findInformal(text))
      problems.push(`${path.relative(root, file)}:${line}: informal "${word}" in: ${text.trim()}`);
  };
  for (const file of filesUnder(path.join(root, 'locale'), ['.po']))
    catalogTexts(file).forEach((t) => report(file, t));
  for (const file of filesUnder(path.join(root, 'templates'), ['.mustache']))
    proseTexts(file).forEach((t) => report(file, t));
  for (const file of filesUnder(path.join(root, 'demo'), ['.md', '.toml']))
    proseTexts(file).forEach((t) => report(file, t));
  return problems;
}

test('no Polish text addresses the reader informally', () => {
  const problems = scan();
  assert.equal(problems.length, 0, `Informal forms (see docs/TEXTS.md):\n${problems.join('\n')}`);
});

test('the check finds informal forms and leaves formal and impersonal ones alone', () => {
  for (const bad of ['Kliknij tutaj.', 'Twoja rejestracja', 'Masz miejsce.', 'Zapisz się na listę',
    'Wpisz tytuł.', 'Damy Ci znać.', 'Jeśli to Ty, otwórz link.', 'Wybierz plik.',
    'Dziękujemy, zapisałeś się.'.replace('zapisałeś', 'zapomniałeś'), 'Nie możesz wziąć udziału?'])
    assert.notDeepEqual(findInformal(bad), [], bad);
  for (const good of ['Prosimy wpisać tytuł.', 'Dziękujemy za rejestrację.', 'Zapisz', 'Wróć do listy',
    'Wybierz…', 'Otwórz transmisję w nowym oknie', 'Nie mogą Państwo wziąć udziału?',
    'Ci mieszkańcy, którzy przyszli.', 'Tytuł', 'Twórcy programu', 'Nasz wspólny serwis.',
    'Rozmowa z przedstawicielami miast.', 'Zapisane zmiany.', 'Zapisano.', 'Pytania do prelegentów',
    'Pani/Pana dane osobowe.'])
    assert.deepEqual(findInformal(good), [], good);
});
