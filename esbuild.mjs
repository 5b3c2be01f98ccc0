// Bundles the extension (Node and web worker), the CLI and, with --tests, the test suites.
//   node esbuild.mjs               development build (source maps)
//   node esbuild.mjs --production  minified, no source maps (what `npm run package` ships)
//   node esbuild.mjs --watch       rebuild on change, with problem-matcher friendly output
//   node esbuild.mjs --tests       also bundle test/unit and test/integration into out/
//   node esbuild.mjs --bench       also bundle bench/ into out/bench and a release copy of the extension
//   node esbuild.mjs --cli         only the CLI and the GitHub Action (what `npm pack` ships; see prepack)
//   node esbuild.mjs --action-out FILE   only the GitHub Action, into FILE (the staleness check of action/index.js)
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { addCodeCacheLoader } from './scripts/cliCodeCache.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const bench = process.argv.includes('--bench');
const cliOnly = process.argv.includes('--cli');
const actionOutAt = process.argv.indexOf('--action-out');
const actionOut = actionOutAt > 0 ? process.argv[actionOutAt + 1] : undefined;

/** Prints errors in the `file:line:col: error: text` shape the $esbuild-watch problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * @vscode/l10n (the translations of src/core) as every bundle uses it: only `config({ contents })` and
 * `t`. Its Node build reads bundles with fs and both builds can fetch one from a URL; neither is used
 * here, and the bundles must not read outside the workspace or touch the network
 * (test/unit/robust-bundles.test.ts). So every bundle takes the browser build, which has no fs, with
 * its one fetch replaced by an error, by an exact edit that fails the build if a new version moves it.
 * One file for all bundles also means the tests configure the very module src/core reads.
 */
const L10N_BROWSER = join(dirname(createRequire(import.meta.url).resolve('@vscode/l10n/package.json')), 'dist', 'browser.js');
const L10N_EDIT = { from: 'await fetch(uri)', to: 'await Promise.reject(new Error("@vscode/l10n: configure it with contents"))' };
const l10nContentsOnly = () => ({
  name: 'l10n-contents-only',
  setup(build) {
    build.onResolve({ filter: /^@vscode\/l10n$/ }, () => ({ path: L10N_BROWSER }));
    build.onLoad({ filter: /[\\/]@vscode[\\/]l10n[\\/]dist[\\/]browser\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(L10N_EDIT.from)) return { errors: [{ text: `${args.path}: expected \`${L10N_EDIT.from}\` to take out; check the dependency's new version` }] };
      return { contents: text.replace(L10N_EDIT.from, L10N_EDIT.to), loader: 'js' };
    });
  },
});

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [l10nContentsOnly(), ...(watch ? [problemMatcher] : [])],
};

const walk = (dir) => readdirSync(dir).flatMap((e) => {
  const p = join(dir, e);
  return statSync(p).isDirectory() ? (e === 'fixtures' ? [] : walk(p)) : [p];
});

// Format modules and their detectors are required on first use (src/core/registry.ts,
// src/core/advisor/findings.ts). In the extension each format becomes its own file, lazy/<format>.js
// next to extension.js, so activation loads no parser, no third-party parsing library and no
// knowledge records; opening a Dockerfile loads lazy/dockerfile.js once. The CLI and the tests stay
// single bundles (the same require calls are simply bundled there).
const LAZY_REQUIRE = /['"]?([\w-]+)['"]?\s*:\s*\(\)\s*=>\s*require\('\.\/(parse|detect)\/([\w-]+)'\)\.(\w+)/g;
function lazyFormats() {
  const formats = new Map();
  for (const file of ['src/core/registry.ts', 'src/core/advisor/findings.ts']) {
    const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const [, format, kind, name, exported] of text.matchAll(LAZY_REQUIRE)) {
      const f = formats.get(format) ?? { parts: [] };
      f.parts.push({ importer: file, request: `./${kind}/${name}`, source: `./${kind === 'parse' ? 'src/core/parse' : 'src/core/advisor/detect'}/${name}`, exported });
      formats.set(format, f);
    }
  }
  return formats;
}

/** Turns the lazy require calls into requires of lazy/<format>.js (`prefix` is the path to lazy/ from the output file). */
const lazyPlugin = (formats, prefix) => ({
  name: 'lazy-formats',
  setup(build) {
    build.onResolve({ filter: /^\.\/(parse|detect)\/[\w-]+$/ }, (args) => {
      if (args.kind !== 'require-call') return undefined;
      for (const [format, f] of formats) {
        if (f.parts.some((p) => p.request === args.path && args.importer.replace(/\\/g, '/').endsWith(p.importer))) {
          return { path: `${prefix}${format}.js`, external: true };
        }
      }
      return undefined;
    });
  },
});

// activate() (src/extension.ts) registers stand-ins and requires src/features.ts on the first call
// that needs a feature: in the Node build that is its own file, features.js next to extension.js, so
// that activation loads only the registrations. (The web build bundles both into one file.)
const featuresPlugin = {
  name: 'features-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, (args) =>
      args.kind === 'require-call' && args.importer.replace(/\\/g, '/').endsWith('src/extension.ts') ? { path: './features.js', external: true } : undefined);
  },
};

/** dist/extension.js (or `dir`/extension.js), the features it loads on demand (features.js) and one lazy/<format>.js per format. */
function extensionConfigs(dir, minify) {
  const formats = lazyFormats();
  const node = { ...common, minify, sourcemap: minify ? false : common.sourcemap, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] };
  return [
    { ...node, entryPoints: ['src/extension.ts'], outfile: `${dir}/extension.js`, plugins: [...common.plugins, featuresPlugin, lazyPlugin(formats, './lazy/')] },
    { ...node, entryPoints: ['src/features.ts'], outfile: `${dir}/features.js`, plugins: [...common.plugins, lazyPlugin(formats, './lazy/')] },
    // The quick-fix checks' own thread (src/providers/codeActions.ts starts it next to extension.js):
    // one file with every format, as it parses whole documents again and again.
    { ...node, entryPoints: ['src/node/fixWorker.ts'], outfile: `${dir}/fixWorker.js` },
    ...[...formats].map(([format, f]) => ({
      ...node,
      stdin: {
        contents: f.parts.map((p) => `export { ${p.exported} } from '${p.source}';`).join('\n'),
        resolveDir: '.',
        sourcefile: `lazy-${format}.ts`,
        loader: 'ts',
      },
      outfile: `${dir}/lazy/${format}.js`,
      plugins: [...common.plugins, lazyPlugin(formats, './')],
    })),
  ];
}

/**
 * Dependencies that reach for Node globals, made web-safe by an exact, named edit: each edit must
 * apply or the build fails, so a dependency update cannot bring the Node global back unnoticed.
 * (test/unit/package-vsix.test.ts runs the web bundle with web globals only.)
 */
const WEB_EDITS = [
  {
    // dockerfile-ast checks for a byte-order mark with Buffer, which a web worker lacks; TextEncoder
    // gives the same UTF-8 bytes.
    file: /[\\/]dockerfile-ast[\\/]lib[\\/]util\.js$/,
    from: 'Uint8Array.from(Buffer.from(char, "UTF-8"))',
    to: 'new TextEncoder().encode(char)',
  },
];
const webSafeDependencies = () => ({
  name: 'web-safe-dependencies',
  setup(build) {
    for (const edit of WEB_EDITS) {
      build.onLoad({ filter: edit.file }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes(edit.from)) return { errors: [{ text: `${args.path}: expected \`${edit.from}\` to make it web-safe; check the dependency's new version` }] };
        return { contents: text.replace(edit.from, edit.to), loader: 'js' };
      });
    }
  },
});

// The web extension (vscode.dev, github.dev, code-server's web worker host): one file, since the web
// worker host loads no module but `vscode`, and platform 'browser' so that any Node built-in import
// fails the build instead of failing in the browser.
const web = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/web/extension.js',
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  // No worker_threads on the web: the quick fixes are checked on the spot (src/providers/codeActions.ts).
  define: { __WEB_BUILD__: 'true' },
  plugins: [...common.plugins, webSafeDependencies()],
};

const cli = {
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  banner: { js: '#!/usr/bin/env node' },
  // The language server (src/lsp) speaks over stdio only: the LSP libraries are taken without their
  // Node entry points' socket, pipe and process transports (src/lsp/connection.ts installs the Node runtime).
  plugins: [...common.plugins, { name: 'lsp-stdio-only', setup: (b) => b.onResolve({ filter: /^vscode-(jsonrpc|languageserver-protocol)\/?$/ }, (a) => ({ path: createRequire(a.importer).resolve(`${a.path.replace(/\/$/, '')}/lib/common/api.js`) })) }],
};

// The GitHub Action (action.yml runs action/index.js with the runner's Node 20). The file is tracked
// in git, since an action's users get no build step: always built the same way (not minified, no
// source map, whatever the flags) so that the tracked file is the build of the sources and
// test/unit/action.test.ts can rebuild it and compare.
const actionConfig = {
  ...common,
  minify: false,
  sourcemap: false,
  plugins: [l10nContentsOnly()],
  entryPoints: ['src/action/main.ts'],
  outfile: 'action/index.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
};

const configs = actionOut
  ? [{ ...actionConfig, outfile: actionOut }]
  : cliOnly
    ? [cli, actionConfig]
    : [...extensionConfigs('dist', production), web, cli, actionConfig];

if (tests) {
  const unit = walk('test/unit').filter((f) => f.endsWith('.test.ts'));
  configs.push({
    ...common,
    sourcemap: true,
    entryPoints: unit,
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode', 'mocha', 'fast-check', 'dockerfile-language-service', 'playwright-core'],
  });
  let integration = [];
  try { integration = walk('test/integration').filter((f) => f.endsWith('.ts')); } catch { /* none yet */ }
  if (integration.length) {
    configs.push({
      ...common,
      sourcemap: true,
      entryPoints: integration,
      outdir: 'out/test/integration',
      outbase: 'test/integration',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode', 'mocha', 'playwright-core'],
    });
  }
}

if (bench) {
  // The extension exactly as `--production` builds it, kept apart so dist/ stays a dev build.
  configs.push(...extensionConfigs('out/bench/release', true));
  configs.push({
    ...common,
    sourcemap: false,
    entryPoints: ['bench/bench.ts', 'bench/activationChild.ts', 'bench/rssAtExit.ts', 'bench/bigInputs.ts', 'bench/floorChild.ts', 'bench/coldWarm.ts'],
    outdir: 'out/bench',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode', 'dockerfile-language-service', 'dockerfilelint'],
  });
}

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
  if (configs.includes(cli)) {
    addCodeCacheLoader(cli.outfile); // compiled with V8's code cache (scripts/cliCodeCache.mjs)
    chmodSync(cli.outfile, 0o755); // runs directly, as npm's bin link runs it
  }
}
