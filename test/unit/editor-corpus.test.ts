// The editor's advice over every corpus file: a lens title for each workload, and every quick fix the
// findings get leaves a file that still parses, with the fixed finding gone where the fix removes
// its cause.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findingsFor } from '../../src/core/advisor/findings';
import { analysisOfModel, liveWorkloads } from '../../src/core/advisor/live';
import { parseWith } from '../../src/core/cache';
import { applyEdits, fixesFor, hasFixer } from '../../src/core/fixes';
import { lensTitle } from '../../src/core/render/lens';

const corpus = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

/** Fixes that take the finding's cause away (the others add a safeguard next to it). */
const REMOVES_CAUSE = new Set(['hardening.privileged', 'hardening.privilege-escalation', 'hardening.no-security-context']);

describe('the editor over the corpus', () => {
  const files = walk(corpus).filter((f) => !f.includes('buildkit-testfiles') && !/\.(md|tsv)$/.test(f));

  it('has corpus files', () => assert.ok(files.length > 100, `${files.length} files`));

  it('gives every workload a lens title, and every quick fix leaves a file that parses', function () {
    this.timeout(60_000);
    let lenses = 0;
    let fixes = 0;
    for (const file of files) {
      const name = relative(corpus, file);
      const text = readFileSync(file, 'utf8');
      const model = parseWith(name, text);
      if (!model) continue;
      const analysis = analysisOfModel(model, name);
      assert.ok(analysis, name);
      for (const w of liveWorkloads(analysis, undefined)) {
        assert.match(lensTitle(w), /^(VM|Sandboxed|Container — harden|Container)(: .+)?$/, `${name}: ${w.name}`);
        lenses++;
      }
      const findings = findingsFor(model);
      for (const f of findings) {
        if (!hasFixer(f.signal, model.format)) continue;
        const r = fixesFor({ model, text, finding: f, findings });
        for (const fix of r?.fixes ?? []) {
          const after = applyEdits(text, fix.edits);
          assert.notEqual(after, text, `${name}: ${fix.title} changes nothing`);
          const again = parseWith(name, after);
          assert.ok(again, `${name}: ${fix.title}`);
          assert.ok(again.problems.length <= model.problems.length, `${name}: ${fix.title} adds parse problems: ${again.problems.map((p) => p.message).join('; ')}`);
          if (REMOVES_CAUSE.has(f.signal)) {
            const left = findingsFor(again).filter((g) => g.signal === f.signal).length;
            const before = findings.filter((g) => g.signal === f.signal).length;
            assert.ok(left < before, `${name}: ${fix.title} leaves every ${f.signal} finding`);
          }
          fixes++;
        }
      }
    }
    assert.ok(lenses > 100, `${lenses} lenses`);
    assert.ok(fixes > 10, `${fixes} fixes`);
  });
});
