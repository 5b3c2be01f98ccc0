#!/usr/bin/env node
// `npm run package`: builds the .vsix. The release build (`node esbuild.mjs --production`: minified,
// no source maps) runs in a fresh copy of the sources, so a development build running at the same
// time in dist/ can never end up in the package, and no stale file of an older build can either.
// `vsce package --no-dependencies` then packs what .vscodeignore lets through (esbuild has bundled
// the dependencies into dist/).
//
//   node scripts/package.mjs                  writes <name>-<version>.vsix in the repository root
//   node scripts/package.mjs --out FILE       writes FILE instead
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, `${pkg.name}-${pkg.version}.vsix`));

/** What the release build and vsce read; everything else stays behind. */
const COPY = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'esbuild.mjs', 'scripts/cliCodeCache.mjs', 'tsconfig.json', 'src', 'media', 'snippets', 'l10n'];

const staging = join(root, 'out', `package-${process.pid}`);
const cleanup = () => rmSync(staging, { recursive: true, force: true });
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function run(what, cmd, args) {
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: staging, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${what} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
    process.exit(1);
  }
  console.log(`package: ${what} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

cleanup();
mkdirSync(staging, { recursive: true });
const nls = readdirSync(root).filter((f) => /^package\.nls(\.[\w-]+)?\.json$/.test(f));
for (const f of [...COPY, ...nls]) {
  if (!existsSync(join(root, f))) continue;
  mkdirSync(dirname(join(staging, f)), { recursive: true });
  cpSync(join(root, f), join(staging, f), { recursive: true });
}
// Resolves esbuild's imports; --no-dependencies keeps vsce from packing it.
symlinkSync(join(root, 'node_modules'), join(staging, 'node_modules'), 'dir');

run('release build', process.execPath, ['esbuild.mjs', '--production']);
mkdirSync(dirname(out), { recursive: true });
run('vsce package', process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out]);
console.log(`package: ${out}`);
