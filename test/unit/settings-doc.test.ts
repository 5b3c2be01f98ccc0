// docs/settings.md lists every setting package.json contributes, and is what
// scripts/gen-settings-doc.mjs makes of package.json now.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../fuzz/inputs';

const root = repoRoot();

describe('docs/settings.md', () => {
  const doc = readFileSync(join(root, 'docs', 'settings.md'), 'utf8');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const settings = [pkg.contributes.configuration].flat().flatMap((c: { properties?: object }) => Object.keys(c.properties ?? {}));

  it('has a row for every setting in package.json, and no row for a setting that is gone', () => {
    assert.ok(settings.length >= 5);
    const rows = [...doc.matchAll(/^\| `(containerOrVm\.[\w.-]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(settings.filter((s) => !rows.includes(s)), [], 'settings missing from docs/settings.md');
    assert.deepEqual(rows.filter((r) => !settings.includes(r)), [], 'rows for settings package.json no longer has');
  });

  it('is up to date with package.json and package.nls.json (node scripts/gen-settings-doc.mjs)', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'gen-settings-doc.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('every setting is read through src/config.ts, the one typed accessor', () => {
    const config = readFileSync(join(root, 'src', 'config.ts'), 'utf8');
    const unread = settings.filter((s: string) => !config.includes(`'${s.replace(/^containerOrVm\./, '')}'`));
    assert.deepEqual(unread, []);
  });
});
