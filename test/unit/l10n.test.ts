// Localisation: every user-visible string of package.json is a %key% with English in
// package.nls.json, and every vscode.l10n.t message of the extension is in l10n/bundle.l10n.json.
// `node scripts/nls.mjs` moves new strings and rewrites the bundle.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../fuzz/inputs';

const root = repoRoot();
const json = (f: string) => JSON.parse(readFileSync(join(root, f), 'utf8')) as Record<string, unknown>;

type Schema = { description?: string; markdownDescription?: string; enumDescriptions?: string[]; markdownEnumDescriptions?: string[]; properties?: Record<string, Schema> };

/** [where, value] of every string a person reads in the editor's UI. */
function visibleStrings(pkg: Record<string, any>): [string, string][] {
  const out: [string, string][] = [];
  const c = pkg.contributes;
  for (const cmd of c.commands ?? []) {
    out.push([`${cmd.command} title`, cmd.title]);
    if (cmd.category !== undefined) out.push([`${cmd.command} category`, cmd.category]);
  }
  const schema = (where: string, s: Schema) => {
    for (const f of ['description', 'markdownDescription'] as const) if (s[f] !== undefined) out.push([`${where} ${f}`, s[f]!]);
    for (const f of ['enumDescriptions', 'markdownEnumDescriptions'] as const) for (const d of s[f] ?? []) out.push([`${where} ${f}`, d]);
    for (const [k, sub] of Object.entries(s.properties ?? {})) schema(`${where}.${k}`, sub);
  };
  for (const conf of [c.configuration].flat()) {
    out.push(['configuration title', conf.title]);
    for (const [name, s] of Object.entries(conf.properties as Record<string, Schema>)) schema(name, s);
  }
  for (const w of c.walkthroughs ?? []) {
    out.push([`${w.id} title`, w.title], [`${w.id} description`, w.description]);
    for (const s of w.steps) out.push([`${w.id}.${s.id} title`, s.title], [`${w.id}.${s.id} description`, s.description]);
  }
  if (pkg.capabilities?.untrustedWorkspaces?.description) out.push(['untrustedWorkspaces description', pkg.capabilities.untrustedWorkspaces.description]);
  return out;
}

describe('localisation', () => {
  const text = readFileSync(join(root, 'package.json'), 'utf8');
  const pkg = JSON.parse(text);
  const nls = json('package.nls.json');

  it('every %key% in package.json has its English in package.nls.json', () => {
    const keys = [...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length >= 10, `only ${keys.length} keys`);
    assert.deepEqual(keys.filter((k) => typeof nls[k] !== 'string' || (nls[k] as string).trim() === ''), []);
  });

  it('every command title, category, setting description and walkthrough text is a %key% (run node scripts/nls.mjs)', () => {
    const strings = visibleStrings(pkg);
    assert.ok(strings.length >= 20);
    assert.deepEqual(strings.filter(([, v]) => !/^%[^%]+%$/.test(v)).map(([where]) => where), []);
  });

  it('package.nls.json holds no key that package.json no longer uses, and translations only known keys', () => {
    const used = new Set([...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
    for (const f of readdirSync(root).filter((x) => /^package\.nls\.[\w-]+\.json$/.test(x))) {
      assert.deepEqual(Object.keys(json(f)).filter((k) => !(k in nls)), [], f);
    }
  });

  it('every vscode.l10n.t message of the extension is in l10n/bundle.l10n.json, and nothing else', () => {
    assert.equal(pkg.l10n, './l10n');
    const bundle = json('l10n/bundle.l10n.json');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((e) => {
        const p = join(dir, e);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
      });
    const messages = new Set<string>();
    const unliteral: string[] = [];
    for (const f of walk(join(root, 'src'))) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\bl10n\.t\(\s*('(?:[^'\\]|\\.)*'|.)/g)) {
        if (m[1].startsWith("'")) messages.add(m[1].slice(1, -1).replace(/\\(.)/g, '$1'));
        else unliteral.push(relative(root, f));
      }
    }
    assert.deepEqual(unliteral, [], 'l10n.t takes a string literal, so the bundle can list it');
    assert.ok(messages.size >= 5);
    assert.deepEqual([...messages].filter((m) => bundle[m] !== m), [], 'run node scripts/nls.mjs');
    assert.deepEqual(Object.keys(bundle).filter((k) => !messages.has(k)), [], 'run node scripts/nls.mjs');
  });
});
