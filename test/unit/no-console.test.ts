// The extension logs to its LogOutputChannel ("Container or VM?" in the Output panel), never to the
// console, where nobody looks; only the CLI (src/cli.ts, src/cli/) writes to the terminal.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../fuzz/inputs';

const root = repoRoot();
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|js|mjs)$/.test(p) ? [p] : [];
  });

describe('no console output outside the CLI', () => {
  it('no console.log, console.error, console.warn, console.info or console.debug in src/ outside src/cli.ts and src/cli/', () => {
    const files = walk(join(root, 'src')).filter((f) => {
      const rel = relative(root, f).split('\\').join('/');
      return rel !== 'src/cli.ts' && !rel.startsWith('src/cli/');
    });
    assert.ok(files.length > 20, 'src/ has files');
    const hits: string[] = [];
    for (const f of files) {
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/\bconsole\s*\.\s*(log|error|warn|info|debug|trace)\b/.test(line.replace(/\/\/.*$/, ''))) hits.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(hits, []);
  });
});
