// Every file is read to its end, whatever YAML it uses: nothing past 32 KB (or any other head) is left
// unread, and a file that cannot be read completely says so with `incomplete: true` on a problem.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFiles } from '../../src/core/advisor/advise';
import { composeModule } from '../../src/core/parse/compose';
import { parseJsonTree } from '../../src/core/parse/jsonc-tree';
import { kubernetesModule } from '../../src/core/parse/kubernetes';
import { plainConfigNode } from '../../src/core/parse/offsetNode';
import type { ConfigModel, ConfigNode } from '../../src/core/parse/types';
import { errorLosesContent, MAX_YAML_BYTES, parseYamlTree } from '../../src/core/parse/yaml';
import { readPlainYaml } from '../../src/core/parse/yamlFast';
import { corpusDir } from '../fuzz/inputs';

const child = (n: ConfigNode | undefined, ...keys: string[]): ConfigNode | undefined =>
  keys.reduce<ConfigNode | undefined>((at, k) => at?.children?.find((c) => c.key === k), n);

/** A compose file whose first `bytes` characters are services built from anchors, then one privileged service. */
function composeWithAnchors(bytes: number, anchors = true): string {
  const a = (s: string) => (anchors ? s : '');
  const parts = [`x-defaults:${a(' &defaults')}\n  restart: unless-stopped\n  logging:${a(' &logging')}\n    driver: json-file\n    options: {max-size: "10m"}\n`, 'services:\n'];
  let size = parts[0].length + parts[1].length;
  for (let i = 0; size < bytes; i++) {
    const s = `  svc${i}:\n    ${anchors ? '<<: *defaults' : 'restart: always'}\n    image: "registry.example.com/team/svc${i}:1.${i}"\n    logging: ${anchors ? '*logging' : '{driver: local}'}\n    environment:${a(` &env${i}`)}\n      NAME: svc${i}\n`;
    parts.push(s);
    size += s.length;
  }
  parts.push(`  last:\n    ${anchors ? '<<: *defaults' : 'restart: always'}\n    image: alpine:3.20\n    privileged: true\n`);
  return parts.join('');
}

/** About 1.9 MB of Kubernetes manifests: the corpus's, with a DaemonSet using anchors every tenth document, and a privileged Pod last. */
function bigManifest(): { text: string; documents: number } {
  const dir = join(corpusDir(), 'kubernetes');
  const corpus = readdirSync(dir)
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').trim());
  const anchored = (i: number) =>
    `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent-${i}\n  labels: &labels\n    app: agent-${i}\nspec:\n  selector:\n    matchLabels: *labels\n  template:\n    metadata:\n      labels: *labels\n    spec:\n      containers:\n        - name: agent\n          image: "agent:${i}"\n          securityContext: &sc\n            runAsNonRoot: true`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1.9 * 1024 * 1024; i++) {
    const d = i % 10 === 0 ? anchored(i) : corpus[i % corpus.length];
    parts.push(d);
    size += d.length + 5;
  }
  parts.push('apiVersion: v1\nkind: Pod\nmetadata:\n  name: the-last-one\nspec:\n  containers:\n    - name: last\n      image: &img alpine:3.20\n      securityContext:\n        privileged: true');
  const text = parts.join('\n---\n') + '\n';
  // Documents as the yaml library counts them: the corpus files hold several each.
  return { text, documents: text.split(/^---\s*$/m).length };
}

describe('every file read whole', function () {
  this.timeout(60_000);

  it('finds a privileged service placed after 32 KB of anchors', () => {
    const text = composeWithAnchors(40 * 1024);
    assert.ok(text.length > 34 * 1024);
    assert.equal(readPlainYaml(text, 1e6), null, 'the fast reader leaves anchors to the library');
    const report = adviseFiles([{ path: 'compose.yaml', text }]);
    const last = report.workloads.find((w) => w.name === 'last');
    assert.ok(last, `no workload "last" among ${report.workloads.length}`);
    assert.ok(last.signals.some((s) => s.id === 'hardening.privileged'), last.signals.map((s) => s.id).join(', '));
    assert.ok(last.line > 1000, `at line ${last.line}`);
    assert.equal(report.workloads.length, text.split('\n  svc').length);
    assert.deepEqual(report.incomplete, []);
  });

  it('expands the anchors of every service, the last ones included', () => {
    const text = composeWithAnchors(64 * 1024);
    const m = composeModule.parse(text, 'compose.yaml') as ConfigModel;
    assert.deepEqual(m.problems, []);
    const services = child(m.roots[0], 'services')!.children!;
    const before = services.at(-2)!;
    assert.equal(child(before, 'restart')?.value, 'unless-stopped');
    assert.equal(child(before, 'logging', 'driver')?.value, 'json-file');
    assert.equal(child(services.at(-1), 'privileged')?.value, true);
  });

  it('reads a 1.9 MB manifest with anchors to its last document', () => {
    const { text, documents } = bigManifest();
    assert.ok(text.length > 1.9 * 1024 * 1024 && text.length < MAX_YAML_BYTES);
    const m = kubernetesModule.parse(text, 'install.yaml') as ConfigModel;
    assert.deepEqual(m.problems, []);
    assert.equal(m.roots.length, documents);
    const last = m.roots.at(-1)!;
    assert.equal(child(last, 'metadata', 'name')?.value, 'the-last-one');
    assert.equal(child(last, 'spec', 'containers', '0', 'securityContext', 'privileged')?.value, true);
    assert.ok(last.range.start.line > 50_000, `last document at line ${last.range.start.line}`);
    // An alias in a late document resolves to its own document's anchor.
    const agents = m.roots.filter((r) => child(r, 'kind')?.value === 'DaemonSet' && /^agent-/.test(String(child(r, 'metadata', 'name')?.value)));
    const late = agents.at(-1)!;
    const name = String(child(late, 'metadata', 'name')?.value);
    assert.equal(child(late, 'spec', 'selector', 'matchLabels', 'app')?.value, name);

    const report = adviseFiles([{ path: 'install.yaml', text }]);
    const pod = report.workloads.find((w) => w.name === 'the-last-one');
    assert.ok(pod?.signals.some((s) => s.id === 'hardening.privileged'));
    assert.deepEqual(report.incomplete, []);
  });

  it('the same tree from the library as from the fast reader where both read, for a large file', () => {
    const text = composeWithAnchors(200 * 1024, false);
    const fast = readPlainYaml(text, 1e7);
    assert.ok(fast, 'the fast reader reads the file without anchors');
    const lib = parseYamlTree(text, { library: true });
    assert.deepEqual(lib.problems, []);
    assert.deepStrictEqual(fast.map(plainConfigNode), lib.roots);
  });

  describe('a file that cannot be read completely says so', () => {
    const incompleteOf = (text: string) => parseYamlTree(text).problems.filter((p) => p.incomplete);

    for (const [what, text] of [
      ['a bad indent that moves a key to another parent', 'services:\n  web:\n    image: a\n   privileged: true\n'],
      ['a tab as indentation', 'services:\n\tweb:\n    privileged: true\n'],
      ['an unclosed quote that swallows the rest', 'a: "x\nservices:\n  web:\n    privileged: true\n'],
      ['a stray bracket after which the library drops the rest', 'a: 1\n]\nservices:\n  web:\n    privileged: true\n'],
      ['a key over two lines', 'services\nweb: 1\n'],
      // Deeper than the fast reader reads (400 levels), and than the guards that keep the yaml library's
      // recursion off the end of the stack let through (100 brackets or collections on a line, 200 levels).
      ['brackets nested 500 deep', `a: ${'['.repeat(500)}${']'.repeat(500)}\n`],
      ['a line opening 500 collections', `${'- '.repeat(500)}x\n`],
      ['mappings indented 500 levels', Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n'],
      ['anchors in brackets nested 150 deep', `a: &a ${'['.repeat(150)}${']'.repeat(150)}\n`],
    ] as const) {
      it(`broken YAML: ${what}`, () => {
        const found = incompleteOf(text);
        assert.ok(found.length > 0, JSON.stringify(parseYamlTree(text).problems));
        assert.ok(found.every((p) => p.incomplete === true));
      });
    }

    it('a file over the size limit', () => {
      const { problems, roots } = parseYamlTree('a: 1\n'.repeat(MAX_YAML_BYTES / 5 + 1));
      assert.equal(roots.length, 0);
      assert.equal(problems.length, 1);
      assert.equal(problems[0].incomplete, true);
    });

    it('alias expansion past its budget (nested aliases growing exponentially)', () => {
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
      const found = incompleteOf(bomb.join('\n') + '\n');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /alias expansion stopped/);
    });

    it('warnings after which everything is read where it stands are not incomplete', () => {
      for (const text of ['a: "\\q"\nb: 2\n', 'a: &x &y 1\nb: 2\n', 'a: !!str !!str 1\nb: 2\n', `${'k'.repeat(1100)}: 1\nb: 2\n`, 'a: `x\nb: 2\n']) {
        const { problems, roots } = parseYamlTree(text);
        assert.ok(problems.length > 0, `no problem for ${JSON.stringify(text.slice(0, 30))}`);
        assert.deepEqual(problems.filter((p) => p.incomplete), [], text.slice(0, 30));
        assert.equal(child(roots[0], 'b')?.value, 2);
      }
    });

    it('an unknown library error code counts as losing content', () => {
      assert.equal(errorLosesContent('SOME_NEW_CODE'), true);
      assert.equal(errorLosesContent(undefined), true);
      assert.equal(errorLosesContent('BAD_INDENT'), true);
      assert.equal(errorLosesContent('BAD_DQ_ESCAPE'), false);
    });

    it('the advisor hears of it through the problem, for broken YAML of any size', () => {
      const text = composeWithAnchors(40 * 1024) + '  broken:\n\timage: x\n';
      const m = composeModule.parse(text, 'compose.yaml') as ConfigModel;
      assert.ok(m.problems.some((p) => p.incomplete));
    });

    it('JSON: text skipped after a missing colon is incomplete, a missing comma is not', () => {
      assert.ok(parseJsonTree('{"privileged" true, "b": 1}').problems.every((p) => p.incomplete));
      const comma = parseJsonTree('{"a": 1 "b": 2}');
      assert.ok(comma.problems.length > 0);
      assert.deepEqual(comma.problems.filter((p) => p.incomplete), []);
      assert.equal(comma.roots[0].children?.length, 2);
    });
  });
});
