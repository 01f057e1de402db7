// The notice styles (docs/TEXTS.md, "Notices") meet WCAG 2.1 AA: text 4.5:1 on its background,
// the coloured border 3:1 against the page (non-text contrast), and a success notice differs
// from a warning in both background and border. Reads the colours from static/css/site.css.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const css = readFileSync(path.join(root, 'static', 'css', 'site.css'), 'utf8');

const variables = Object.fromEntries(
  [...css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2].toLowerCase()]));

function rule(selector) {
  const m = new RegExp(`(?:^|\\n)${selector.replace('.', '\\.')} \\{([^}]*)\\}`).exec(css);
  assert.ok(m, `no rule for ${selector}`);
  return m[1];
}

function colour(declarations, property) {
  const m = new RegExp(`${property}:[^;]*var\\(--([a-z-]+)\\)`).exec(declarations);
  assert.ok(m, `no ${property} colour in ${declarations}`);
  return variables[m[1]];
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('the contrast formula matches known values', () => {
  assert.equal(contrast('#000000', '#ffffff').toFixed(0), '21');
  assert.equal(contrast('#777777', '#ffffff').toFixed(2), '4.48');
});

test('notices: AA text and border contrast, success distinct from warning', () => {
  const base = rule('.notice');
  const text = colour(base, 'color');
  const paper = variables.paper;
  const kinds = {
    information: { background: colour(base, 'background'), border: colour(base, 'border-left') },
    success: { background: colour(rule('.notice-success'), 'background'), border: colour(rule('.notice-success'), 'border-left-color') },
    warning: { background: colour(rule('.notice-warning'), 'background'), border: colour(rule('.notice-warning'), 'border-left-color') },
  };
  for (const [kind, { background, border }] of Object.entries(kinds)) {
    assert.ok(contrast(text, background) >= 4.5, `${kind}: text ${text} on ${background} is ${contrast(text, background).toFixed(2)}:1`);
    assert.ok(contrast(border, paper) >= 3, `${kind}: border ${border} on the page is ${contrast(border, paper).toFixed(2)}:1`);
    assert.ok(contrast(border, background) >= 3, `${kind}: border ${border} on ${background}`);
  }
  assert.notEqual(kinds.success.background, kinds.warning.background);
  assert.notEqual(kinds.success.border, kinds.warning.border);
  assert.notEqual(kinds.success.border, kinds.information.border);
});
