#!/usr/bin/env node
// Writes docs/signals.md from the signal catalogue (src/core/advisor/signals/).
//   node scripts/gen-signals-doc.mjs           write the file
//   node scripts/gen-signals-doc.mjs --check   exit 1 when the committed file is out of date
// The catalogue is TypeScript, so it is bundled in memory with esbuild first.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = `
  export { renderSignalsDoc, SIGNALS_DOC_PATH } from './src/core/render/signalsDoc';
  export { SIGNALS } from './src/core/advisor/signals';
`;
const built = await esbuild.build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'gen-signals-doc-entry.ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
});
const module = { exports: {} };
new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, createRequire(join(root, 'package.json')));
const { renderSignalsDoc, SIGNALS_DOC_PATH, SIGNALS } = module.exports;
const file = join(root, SIGNALS_DOC_PATH);
const text = renderSignalsDoc(SIGNALS);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    /* missing counts as out of date */
  }
  if (current !== text) {
    console.error(`${SIGNALS_DOC_PATH} is out of date: run node scripts/gen-signals-doc.mjs`);
    process.exit(1);
  }
  console.log(`${SIGNALS_DOC_PATH} is up to date (${SIGNALS.length} signals)`);
} else {
  writeFileSync(file, text);
  console.log(`wrote ${SIGNALS_DOC_PATH} (${SIGNALS.length} signals)`);
}
