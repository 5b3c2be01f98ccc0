#!/usr/bin/env node
// Writes docs/settings.md, the table of the extension's settings, from package.json's
// contributes.configuration and the English in package.nls.json.
//   node scripts/gen-settings-doc.mjs           write the file
//   node scripts/gen-settings-doc.mjs --check   exit 1 when docs/settings.md is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'docs', 'settings.md');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let nls = {};
try { nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')); } catch { /* not localised yet */ }

/** The English of a package.json string: `%key%` looked up in package.nls.json. */
const english = (s) => (typeof s === 'string' ? s.replace(/^%([^%]+)%$/, (m, k) => nls[k] ?? m) : '');
/** One table cell: a `#setting#` reference as code, no line breaks, pipes escaped. */
const cell = (s) => s.replace(/`#([\w.-]+)#`|#([\w.]+\.[\w.]+)#/g, (m, a, b) => `\`${a ?? b}\``).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (v) => `\`${JSON.stringify(v)}\``;

function type(schema) {
  if (schema.enum) return schema.enum.map((v) => code(v)).join(', ');
  if (schema.type === 'array' && schema.items?.type) return `array of ${schema.items.type}`;
  return [schema.type].flat().join(' or ');
}

function what(schema) {
  let text = english(schema.markdownDescription ?? schema.description);
  const enumText = schema.markdownEnumDescriptions ?? schema.enumDescriptions;
  if (schema.enum && enumText) text += ' ' + schema.enum.map((v, i) => `${code(v)}: ${english(enumText[i])}`).join(' ');
  const props = Object.entries(schema.properties ?? {});
  const types = new Set(props.map(([, p]) => type(p)));
  if (props.length && types.size === 1 && props.every(([, p]) => !p.description && !p.markdownDescription)) {
    text += ` Keys: ${props.map(([k]) => `\`${k}\``).join(', ')}, each ${[...types][0]}.`;
  } else if (props.length) {
    text += ' Keys: ' + props.map(([k, p]) => {
      const d = english(p.markdownDescription ?? p.description);
      return `\`${k}\` (${type(p)}${d ? `, ${d.replace(/\.$/, '')}` : ''})`;
    }).join('; ') + '.';
  }
  if (schema.minimum !== undefined) text += ` Minimum ${schema.minimum}.`;
  return cell(text);
}

const confs = [pkg.contributes.configuration].flat();
const rows = confs.flatMap((c) => Object.entries(c.properties ?? {}));
const restricted = new Set(pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);
const text = [
  '# Settings',
  '',
  '<!-- Generated from package.json by scripts/gen-settings-doc.mjs; edit package.json and package.nls.json, then run it. -->',
  '',
  'Every setting applies as soon as it changes, without a reload: hovers, CodeLens and diagnostics read',
  'them again on the next request or right away, and the next workspace scan uses the new exclusions',
  'and size limit. Open them with **Preferences: Open Settings (UI)** and search for `containerOrVm`.',
  '',
  '| Setting | Type | Default | What it does |',
  '| --- | --- | --- | --- |',
  ...rows.map(([name, s]) => `| \`${name}\` | ${type(s)} | ${code(s.default)} | ${what(s)}${s.scope === 'resource' ? ' Each folder of a multi-root workspace can set its own (folder settings), which applies to that folder\'s files.' : ''}${restricted.has(name) ? ' In Restricted Mode only your user settings count, not the workspace\'s.' : ''} |`),
  '',
  'Example `settings.json`:',
  '',
  '```jsonc',
  '{',
  '  // Only what a line means for container versus VM, even without a Docker extension installed.',
  '  "containerOrVm.hover.verbosity": "angle",',
  '  // Another extension already explains Kubernetes manifests.',
  '  "containerOrVm.hover.formats": { "kubernetes": false },',
  '  // Reasons to run privileged or with host namespaces are errors in this repository.',
  '  "containerOrVm.diagnostics.severity": { "hardening": "error" },',
  '  "containerOrVm.exclude": ["deploy/old/**", "*.generated.yaml"]',
  '}',
  '```',
  '',
].join('\n');

if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(file, 'utf8'); } catch { /* missing */ }
  if (current !== text) {
    console.error('docs/settings.md is out of date: run node scripts/gen-settings-doc.mjs');
    process.exit(1);
  }
  console.log('docs/settings.md is up to date');
} else {
  writeFileSync(file, text);
  console.log(`wrote docs/settings.md (${rows.length} settings)`);
}
