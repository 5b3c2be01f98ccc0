#!/usr/bin/env node
// `npm run eval`: bundles scripts/eval-core.ts (and the advisor it imports) with esbuild, runs it over
// test/fixtures/advisor, prints agreement per verdict, overall and per class plus the confusion list, and exits
// non-zero when overall agreement is below 90% or any `vm` case is called `container`.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'out', 'eval', 'eval-core.cjs');
await esbuild.build({
  entryPoints: [join(root, 'scripts', 'eval-core.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  outfile,
  logLevel: 'warning',
});
const { evaluate, formatResult, passes, MIN_OVERALL } = createRequire(import.meta.url)(outfile);
const result = evaluate(join(root, 'test', 'fixtures', 'advisor'));
console.log(formatResult(result));
if (!passes(result)) {
  const share = result.overall.total ? result.overall.agree / result.overall.total : 0;
  if (share < MIN_OVERALL) console.error(`\nFAIL: overall agreement ${(100 * share).toFixed(1)}% is below ${100 * MIN_OVERALL}%`);
  for (const c of result.vmAsContainer) console.error(`FAIL: ${c.case}${c.workload ? ` / ${c.workload}` : ''} needs a VM but was called a plain container`);
  process.exit(1);
}
