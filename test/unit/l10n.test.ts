// Localisation: every user-visible string of package.json is a %key% with English in
// package.nls.json, and every l10n.t message under src/ (vscode.l10n.t in the extension, @vscode/l10n's
// l10n.t in src/core) is in l10n/bundle.l10n.json. `node scripts/nls.mjs` moves new strings and
// rewrites the bundle.
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

  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
    });
  /** The l10n.t messages of each file under src/, and the files whose l10n.t does not start with a string literal. */
  function messagesIn(dir: string): { messages: Map<string, string[]>; unliteral: string[] } {
    const messages = new Map<string, string[]>();
    const unliteral: string[] = [];
    for (const f of walk(dir)) {
      const src = readFileSync(f, 'utf8');
      // A tagged template (l10n.t`…`) is a message too, but not one the bundle script can read.
      for (const m of src.matchAll(/\bl10n\.t(?:\(\s*('(?:[^'\\]|\\.)*'|.)|\s*`)/g)) {
        if (m[1]?.startsWith("'")) {
          const message = m[1].slice(1, -1).replace(/\\(.)/g, '$1');
          messages.set(message, [...(messages.get(message) ?? []), relative(root, f)]);
        } else unliteral.push(relative(root, f));
      }
    }
    return { messages, unliteral };
  }

  it('every l10n.t message under src/ (the extension and src/core) is in l10n/bundle.l10n.json, and nothing else', () => {
    assert.equal(pkg.l10n, './l10n');
    const bundle = json('l10n/bundle.l10n.json');
    const { messages, unliteral } = messagesIn(join(root, 'src'));
    assert.deepEqual(unliteral, [], 'l10n.t takes a string literal, so the bundle can list it');
    assert.ok(messages.size >= 100, `only ${messages.size} messages`);
    assert.deepEqual([...messages.keys()].filter((m) => bundle[m] !== m), [], 'run node scripts/nls.mjs');
    assert.deepEqual(Object.keys(bundle).filter((k) => !messages.has(k)), [], 'run node scripts/nls.mjs');
  });

  it('src/core localises the words it renders through @vscode/l10n (never vscode.l10n), in every renderer', () => {
    const core = join(root, 'src', 'core');
    const { messages } = messagesIn(core);
    const files = new Set([...messages.values()].flat());
    for (const f of ['explain.ts', 'compare.ts', 'fixes.ts', ...['adviceText', 'html', 'lens', 'markdown', 'panelHtml', 'reportHtml'].map((n) => `render/${n}.ts`)]) {
      assert.ok(files.has(relative(root, join(core, f))), `src/core/${f} has no l10n.t message`);
    }
    for (const f of walk(core)) {
      const src = readFileSync(f, 'utf8');
      assert.ok(!/\bvscode\.l10n\b/.test(src), `${relative(root, f)} uses vscode.l10n`);
      if (/\bl10n\.t\(/.test(src)) assert.match(src, /^import \* as l10n from '@vscode\/l10n';$/m, `${relative(root, f)} calls l10n.t without importing @vscode/l10n`);
    }
    for (const m of ['What would change it', 'No workspace scan yet.', 'Nothing in this workspace.', 'Skipped ({0})', 'and {0} more', 'Compare container vs VM', 'Virtual machine']) {
      assert.ok(messages.has(m), `src/core no longer says ${JSON.stringify(m)}`);
    }
  });

  it('translations (l10n/bundle.l10n.<locale>.json) hold only known messages, with the same placeholders', () => {
    const bundle = json('l10n/bundle.l10n.json');
    const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');
    for (const f of readdirSync(join(root, 'l10n')).filter((x) => /^bundle\.l10n\.[\w-]+\.json$/.test(x))) {
      const translation = json(join('l10n', f));
      assert.deepEqual(Object.keys(translation).filter((k) => !(k in bundle)), [], `${f}: messages the code no longer has`);
      for (const [k, v] of Object.entries(translation)) {
        const text = typeof v === 'string' ? v : (v as { message: string }).message;
        assert.equal(placeholders(text), placeholders(k), `${f}: ${JSON.stringify(k)}`);
      }
    }
  });
});
