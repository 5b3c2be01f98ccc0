// src/core is shared by the extension, the CLI and the tests, so it must never reach for the editor API.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('src/core boundary', () => {
  it('no file under src/core imports vscode', () => {
    const files = walk(join(root, 'src', 'core'));
    assert.ok(files.length >= 5, 'src/core has files');
    const offenders = files.filter((f) =>
      /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\s+['"]vscode['"])/.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders.map((f) => relative(root, f)), []);
  });
});
