// The .vsix as it ships: what is inside it (and what must never be), the manifest fields the
// marketplace shows, and the web bundle inside it running with nothing but web globals.
// Uses $CONTAINER_OR_VM_VSIX when set (npm test packages once), else packages into a temp folder.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { repoRoot } from '../fuzz/inputs';
import { fakeVscode, type Fake } from './helpers/fakeVscode';
import { readZip, type ZipEntry } from './helpers/zip';

const root = repoRoot();

interface Manifest {
  main: string;
  browser: string;
  icon: string;
  license: string;
  repository: { url: string };
  galleryBanner: { color: string; theme: string };
  categories: string[];
  keywords: string[];
  contributes: { snippets: { path: string }[]; walkthroughs?: { steps: { media: Record<string, string> }[] }[] };
}

function packageVsix(): { file: string; cleanup(): void } {
  const given = process.env.CONTAINER_OR_VM_VSIX;
  if (given) {
    assert.ok(existsSync(given), `CONTAINER_OR_VM_VSIX names a missing file: ${given}`);
    return { file: given, cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'container-or-vm-vsix-'));
  const file = join(dir, 'extension.vsix');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', file], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('the packaged extension (.vsix)', function () {
  this.timeout(300_000);
  let entries: Map<string, ZipEntry>;
  let names: string[];
  let manifest: Manifest;
  let cleanup = () => {};

  before(() => {
    const vsix = packageVsix();
    cleanup = vsix.cleanup;
    entries = readZip(readFileSync(vsix.file));
    names = [...entries.keys()];
    manifest = JSON.parse(entries.get('extension/package.json')!.read().toString('utf8')) as Manifest;
  });
  after(() => cleanup());

  const text = (name: string): string => {
    const e = entries.get(name);
    assert.ok(e, `${name} is not in the .vsix`);
    return e.read().toString('utf8');
  };

  it('holds no source maps, sources, tests, fixtures, build output of the tests or node_modules', () => {
    const forbidden = [/\.map$/, /^extension\/src\//, /(^|\/)test\//, /fixtures/, /node_modules\//, /^extension\/out\//,
      /^extension\/bench\//, /^extension\/docs\//, /^extension\/scripts\//, /\.vscode-test\//, /\.ts$/, /^extension\/dist\/cli\.js$/];
    const bad = names.filter((n) => forbidden.some((re) => re.test(n)));
    assert.deepEqual(bad, []);
  });

  it('holds both entry points, the manifest, the icon, every snippet file and every walkthrough page', () => {
    const wanted = ['extension/package.json', 'extension/package.nls.json', 'extension/l10n/bundle.l10n.json', 'extension/dist/extension.js', 'extension/dist/features.js', 'extension/dist/fixWorker.js', 'extension/dist/web/extension.js',
      'extension/media/icon.png', 'extension/media/panel.js', 'extension/media/report.js', 'extension/LICENSE.txt'];
    for (const s of manifest.contributes.snippets) wanted.push(`extension/${s.path.replace(/^\.\//, '')}`);
    for (const w of manifest.contributes.walkthroughs ?? []) {
      for (const step of w.steps) for (const m of Object.values(step.media)) if (/\.(md|png|svg)$/.test(m)) wanted.push(`extension/${m}`);
    }
    assert.deepEqual(wanted.filter((n) => !names.includes(n)), []);
    assert.equal(`extension/${manifest.main.replace(/^\.\//, '')}`, 'extension/dist/extension.js');
    assert.equal(`extension/${manifest.browser.replace(/^\.\//, '')}`, 'extension/dist/web/extension.js');
    // Every file the Node bundle loads on demand is shipped: the features (dist/features.js, which
    // activation does not load) and each lazily loaded format file they ask for.
    const asked = (file: string, re: RegExp) => [...text(file).matchAll(re)].map((m) => `extension/dist/${m[1]}`);
    assert.deepEqual(asked('extension/dist/extension.js', /require\(["']\.\/([\w-]+\.js)["']\)/g), ['extension/dist/features.js']);
    const lazy = asked('extension/dist/features.js', /require\(["']\.\/(lazy\/[\w-]+\.js)["']\)/g);
    assert.ok(lazy.length > 0, 'the Node bundle loads its formats lazily');
    assert.deepEqual(lazy.filter((n) => !names.includes(n)), []);
  });

  it('carries what the marketplace shows: icon, banner, categories, keywords, repository, licence', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const icon = entries.get('extension/media/icon.png')!.read();
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    // The marketplace wants at least 128 x 128 pixels (the PNG header's width and height).
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, `icon is ${icon.readUInt32BE(16)} x ${icon.readUInt32BE(20)}`);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.ok(manifest.categories.length > 0 && manifest.keywords.length > 0);
    assert.equal(manifest.repository.url, 'https://github.com/container-or-vm/container-or-vm');
    assert.equal(manifest.license, 'MIT');
    assert.match(text('extension.vsixmanifest'), /<License>extension\/LICENSE\.txt<\/License>/);
  });

  it('ships release bundles: minified, with no source map comment', () => {
    for (const n of names.filter((x) => x.endsWith('.js') && x.startsWith('extension/dist/'))) {
      const js = text(n);
      assert.doesNotMatch(js, /sourceMappingURL/, `${n} points at a source map`);
      // A development build marks each bundled module with a `// src/...` or `// node_modules/...` comment.
      assert.doesNotMatch(js, /^\/\/ (src|node_modules)\//m, `${n} is a development build`);
    }
  });

  describe('the web bundle (dist/web/extension.js)', () => {
    let fake: Fake;
    let subscriptions: { dispose(): unknown }[];

    before(() => {
      const js = text('extension/dist/web/extension.js');
      // The web worker host gives an extension `vscode` and nothing else.
      const required = [...js.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(required)], ['vscode']);
      fake = fakeVscode();
      const module = { exports: {} as { activate?: (c: unknown) => void } };
      const require = (id: string) => {
        if (id === 'vscode') return fake.api;
        throw new Error(`the web bundle asked for '${id}', which a web worker cannot load`);
      };
      // Only what a web worker has: no process, Buffer, __dirname, setImmediate or Node require.
      const context = vm.createContext({
        module, exports: module.exports, require,
        console, crypto: webcrypto, btoa, atob, TextEncoder, TextDecoder, URL, URLSearchParams, AbortController,
        setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, performance, structuredClone,
      });
      vm.runInContext(js, context, { filename: 'dist/web/extension.js' });
      assert.equal(typeof module.exports.activate, 'function', 'the web bundle exports activate');
      subscriptions = [];
      module.exports.activate!({ subscriptions, workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] }, extensionUri: fake.api.Uri && (fake.api.Uri as { file(p: string): unknown }).file('/ext') });
    });
    after(() => subscriptions?.forEach((d) => d.dispose()));

    it('activates and registers the hover, the CodeLens, the commands and the panel serializers', () => {
      assert.equal(fake.hoverProviders.length, 1);
      assert.equal(fake.codeLensProviders.length, 1);
      for (const id of ['containerOrVm.advise', 'containerOrVm.openComparison', 'containerOrVm.openReport']) assert.ok(fake.commands.has(id), id);
      assert.deepEqual([...fake.serializers].sort(), ['containerOrVm.comparison', 'containerOrVm.report']);
    });

    it('hovers a Dockerfile line and shows CodeLens over its workload, as in vscode.dev', async () => {
      const doc = fake.document('/ws/Dockerfile', 'dockerfile', 'FROM debian:bookworm\nUSER root\nCMD ["bash"]\n');
      const hover = (await fake.hoverProviders[0].provideHover(doc, new fake.Position(1, 1), {})) as { contents: { value: string } } | undefined;
      assert.ok(hover, 'a hover on USER');
      assert.match(hover.contents.value, /USER/);
      assert.match(hover.contents.value, /container/i);
      assert.equal(fake.contexts.get('containerOrVm.hovered'), true, 'the walkthrough learns that a hover was shown');
      const lenses = (await fake.codeLensProviders[0].provideCodeLenses(doc, {})) as { command?: { title: string; command: string } }[];
      assert.ok(lenses.length >= 2, `lenses: ${JSON.stringify(lenses)}`);
      assert.ok(lenses.some((l) => l.command?.command === 'containerOrVm.openComparison'));
    });

    it('turns hovers off, for every format or for one, when the settings say so, without a reload', async () => {
      const doc = fake.document('/ws/Dockerfile', 'dockerfile', 'FROM debian:bookworm\nUSER root\n');
      const hover = () => fake.hoverProviders[0].provideHover(doc, new fake.Position(1, 1), {});
      const cases: [string, unknown, boolean][] = [
        ['containerOrVm.hover.enabled', false, false],
        ['containerOrVm.hover.formats', { dockerfile: false }, false],
        ['containerOrVm.hover.formats', { kubernetes: false }, true],
      ];
      for (const [key, value, shown] of cases) {
        fake.settings[key] = value;
        fake.fireConfigurationChange();
        try {
          assert.equal((await hover()) !== undefined, shown, `${key} = ${JSON.stringify(value)}`);
        } finally {
          delete fake.settings[key];
        }
      }
      assert.ok(await hover(), 'hovers are back with the defaults');
    });
  });
});
