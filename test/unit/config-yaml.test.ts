// The shared YAML tree builder and the key-path matcher: positions a hover relies on, multi-document
// files, merge keys, broken YAML, and hostile input (alias bombs, huge files).
import * as assert from 'node:assert/strict';
import { matchPath } from '../../src/core/parse/path';
import type { ConfigNode } from '../../src/core/parse/types';
import { MAX_YAML_BYTES, parseYamlTree, walkNodes } from '../../src/core/parse/yaml';

const byPath = (roots: ConfigNode[], path: string): ConfigNode | undefined => {
  for (const n of walkNodes(roots)) if (n.path.join('.') === path) return n;
  return undefined;
};

describe('YAML tree builder', () => {
  it('gives every key its 0-based line and character, and scalar values their range', () => {
    const { roots, problems } = parseYamlTree('services:\n  web:\n    image: "nginx:1.27"\n    privileged: true\n');
    assert.deepEqual(problems, []);
    const image = byPath(roots, 'services.web.image');
    assert.ok(image);
    assert.deepEqual(image.keyRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });
    assert.equal(image.value, 'nginx:1.27');
    assert.deepEqual(image.valueRange?.start, { line: 2, character: 11 });
    assert.equal(byPath(roots, 'services.web.privileged')?.value, true);
    const web = byPath(roots, 'services.web');
    assert.deepEqual(web?.range.start, { line: 1, character: 2 });
    assert.equal(web?.range.end.line, 3, 'a block spans its children');
  });

  it('makes sequence items nodes keyed by their index', () => {
    const { roots } = parseYamlTree('ports:\n  - "80:80"\n  - target: 443\n');
    const first = byPath(roots, 'ports.0');
    assert.equal(first?.value, '80:80');
    assert.deepEqual(first?.keyRange.start, { line: 1, character: 4 });
    assert.equal(byPath(roots, 'ports.1.target')?.value, 443);
  });

  it('returns one root per document with positions in the whole file', () => {
    const { roots } = parseYamlTree('kind: Service\n---\nkind: Deployment\nmetadata:\n  name: web\n');
    assert.equal(roots.length, 2);
    assert.equal(roots[1].children?.find((c) => c.key === 'kind')?.value, 'Deployment');
    assert.equal(byPath([roots[1]], 'metadata.name')?.keyRange.start.line, 4);
  });

  it('counts characters on CRLF lines without the carriage return', () => {
    const { roots } = parseYamlTree('a: 1\r\nb:\r\n  c: 2\r\n');
    assert.deepEqual(byPath(roots, 'b.c')?.keyRange.start, { line: 2, character: 2 });
  });

  it('expands aliases and merge keys at the alias position', () => {
    const text = 'x-common: &common\n  privileged: true\nservices:\n  a:\n    <<: *common\n    image: busybox\n  b:\n    command: &cmd [sh, -c]\n    entrypoint: *cmd\n';
    const { roots, problems } = parseYamlTree(text);
    assert.deepEqual(problems, []);
    const merged = byPath(roots, 'services.a.privileged');
    assert.equal(merged?.value, true, 'merged key appears under the service');
    assert.equal(merged?.keyRange.start.line, 4, 'at the line of the merge');
    assert.equal(byPath(roots, 'services.b.entrypoint.1')?.value, '-c');
  });

  it('turns broken YAML into problems instead of throwing', () => {
    const { problems } = parseYamlTree('services:\n  web: [\n  db: : :\n');
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => p.range.start.line >= 0 && typeof p.message === 'string'));
  });

  it('stops an alias bomb quickly with a problem', () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
    let prev = 'a';
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) {
      text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
      prev = name;
    }
    const { roots, problems } = parseYamlTree(text);
    assert.ok(problems.some((p) => /alias/i.test(p.message)), 'reports the alias limit');
    let count = 0;
    for (const _ of walkNodes(roots)) count++;
    assert.ok(count < 100_000, `kept the tree small (${count} nodes)`);
  });

  it('refuses text over the size limit with a problem and no tree', () => {
    const big = `key: "${'x'.repeat(6 * 1024 * 1024)}"\n`;
    assert.ok(big.length > MAX_YAML_BYTES);
    const { roots, problems } = parseYamlTree(big);
    assert.deepEqual(roots, []);
    assert.match(problems[0].message, /too large/);
  });
});

describe('matchPath', () => {
  const p = (s: string) => s.split('.');
  it('matches literal segments and * for exactly one segment', () => {
    assert.ok(matchPath('services.*.privileged', p('services.web.privileged')));
    assert.ok(!matchPath('services.*.privileged', p('services.web.build.privileged')));
    assert.ok(!matchPath('services.*', p('services')));
  });
  it('matches ** for any depth, zero included', () => {
    assert.ok(matchPath('**.securityContext.privileged', p('spec.template.spec.containers.0.securityContext.privileged')));
    assert.ok(matchPath('**.hostNetwork', ['hostNetwork']));
    assert.ok(!matchPath('**.securityContext.privileged', p('spec.securityContext.runAsUser')));
    assert.ok(matchPath('spec.**.image', p('spec.containers.0.image')));
  });
  it('matches # for one list index only, never a mapping key', () => {
    assert.ok(matchPath('runcmd.#', p('runcmd.0')));
    assert.ok(matchPath('services.*.ports.#', p('services.web.ports.12')));
    assert.ok(!matchPath('runcmd.#', p('runcmd.bogus')));
    assert.ok(!matchPath('runcmd.#', ['runcmd']));
  });
  it('reads \\. as a dot inside a key', () => {
    assert.ok(matchPath('**.nodeSelector.kubernetes\\.io/os', ['spec', 'nodeSelector', 'kubernetes.io/os']));
    assert.ok(!matchPath('**.nodeSelector.kubernetes\\.io/os', ['spec', 'nodeSelector', 'kubernetes', 'io/os']));
  });
});
