#!/usr/bin/env node
// Moves the English text of package.json's user-visible fields (command titles and categories,
// setting descriptions, walkthrough text, the Restricted Mode note) into package.nls.json and puts
// %key% placeholders in their place, so translations are package.nls.<locale>.json files. Edits
// package.json as text, value by value, so its layout and everything else in it stay as they are.
// It also writes l10n/bundle.l10n.json, the English bundle of every l10n.t('…') message under src/:
// vscode.l10n.t in the extension layer and @vscode/l10n's l10n.t in src/core (hovers, CodeLens, the
// two webviews, the Markdown and terminal reports), which the extension configures with the same
// bundle. Translators make l10n/bundle.l10n.<locale>.json from it.
// Run it after adding a command, a setting, a walkthrough step or a message (test/unit/l10n.test.ts checks).
//
//   node scripts/nls.mjs            move new English strings, print what moved
//   node scripts/nls.mjs --check    only report strings that are not yet in package.nls.json (exit 1)
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkgFile = join(root, 'package.json');
const nlsFile = join(root, 'package.nls.json');
const check = process.argv.includes('--check');

let text = readFileSync(pkgFile, 'utf8');
const pkg = JSON.parse(text);
let nls = {};
try { nls = JSON.parse(readFileSync(nlsFile, 'utf8')); } catch { /* first run */ }

/** [key, field, value, inArray]: every localisable string, in package.json order. */
function localisable(pkg) {
  const out = [];
  const c = pkg.contributes ?? {};
  const short = (id) => String(id).replace(/^containerOrVm\./, '');
  const add = (key, field, value, inArray = false) => { if (typeof value === 'string') out.push([key, field, value, inArray]); };
  for (const cmd of c.commands ?? []) {
    add(`command.${short(cmd.command)}.title`, 'title', cmd.title);
    add(`command.${short(cmd.command)}.shortTitle`, 'shortTitle', cmd.shortTitle);
    add('command.category', 'category', cmd.category);
  }
  const settingText = (prefix, schema) => {
    for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) add(`${prefix}.${f}`, f, schema[f]);
    for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) {
      (schema[f] ?? []).forEach((d, i) => add(`${prefix}.${f}.${schema.enum?.[i] ?? i}`, f, d, true));
    }
    for (const [sub, s] of Object.entries(schema.properties ?? {})) settingText(`${prefix}.${sub}`, s);
  };
  const configurations = Array.isArray(c.configuration) ? c.configuration : c.configuration ? [c.configuration] : [];
  configurations.forEach((conf, i) => {
    add(configurations.length > 1 ? `configuration.${i}.title` : 'configuration.title', 'title', conf.title);
    for (const [name, schema] of Object.entries(conf.properties ?? {})) settingText(`config.${short(name)}`, schema);
  });
  for (const w of c.walkthroughs ?? []) {
    const id = short(w.id);
    add(`walkthrough.${id}.title`, 'title', w.title);
    add(`walkthrough.${id}.description`, 'description', w.description);
    for (const s of w.steps ?? []) {
      add(`walkthrough.${id}.${s.id}.title`, 'title', s.title);
      add(`walkthrough.${id}.${s.id}.description`, 'description', s.description);
      add(`walkthrough.${id}.${s.id}.altText`, 'altText', s.media?.altText);
    }
  }
  for (const [kind, views] of Object.entries(c.views ?? {})) for (const v of views) add(`view.${kind}.${short(v.id)}.name`, 'name', v.name);
  for (const [kind, list] of Object.entries(c.viewsContainers ?? {})) for (const v of list) add(`viewsContainer.${kind}.${short(v.id)}.title`, 'title', v.title);
  const uw = pkg.capabilities?.untrustedWorkspaces;
  if (uw) add('capabilities.untrustedWorkspaces.description', 'description', uw.description);
  const vw = pkg.capabilities?.virtualWorkspaces;
  if (vw && typeof vw === 'object') add('capabilities.virtualWorkspaces.description', 'description', vw.description);
  return out.filter(([, , v]) => !/^%[^%]+%$/.test(v));
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const moved = [];
const missing = [];
for (const [key, field, value, inArray] of localisable(pkg)) {
  if (moved.includes(key) && key === 'command.category') continue;
  if (check) { missing.push(key); continue; }
  // A key already there with other English takes the English in package.json.
  nls[key] = value;
  const literal = escapeRe(JSON.stringify(value));
  const re = inArray ? new RegExp(`(^\\s*)${literal}(?=\\s*,?\\s*$)`, 'm') : new RegExp(`("${field}"\\s*:\\s*)${literal}`);
  if (!re.test(text)) throw new Error(`nls: could not find ${field} ${JSON.stringify(value).slice(0, 60)} in package.json`);
  // Categories repeat: every occurrence becomes the one key.
  text = text.replace(key === 'command.category' ? new RegExp(re.source, 'g') : re, `$1${JSON.stringify(`%${key}%`)}`);
  moved.push(key);
}

if (check) {
  if (missing.length) {
    console.error(`nls: ${missing.length} strings in package.json are not localised: ${missing.join(', ')}\nRun: node scripts/nls.mjs`);
    process.exit(1);
  }
  console.log('nls: every user-visible string in package.json is in package.nls.json');
  process.exit(0);
}
/** Every `l10n.t('literal'` message under src/: `vscode.l10n.t` in the extension, `l10n.t` from @vscode/l10n in core/. */
function l10nMessages() {
  const walk = (dir) => readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return walk(p);
    return p.endsWith('.ts') ? [p] : [];
  });
  const messages = new Set();
  for (const f of walk(join(root, 'src'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bl10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(m[1].replace(/\\(.)/g, '$1'));
  }
  return [...messages].sort();
}
const bundle = Object.fromEntries(l10nMessages().map((m) => [m, m]));
mkdirSync(join(root, 'l10n'), { recursive: true });
writeFileSync(join(root, 'l10n', 'bundle.l10n.json'), JSON.stringify(bundle, null, 2) + '\n');

JSON.parse(text);
writeFileSync(pkgFile, text);
writeFileSync(nlsFile, JSON.stringify(nls, null, 2) + '\n');
console.log(moved.length ? `nls: moved ${[...new Set(moved)].length} strings: ${[...new Set(moved)].join(', ')}` : 'nls: nothing to move');
