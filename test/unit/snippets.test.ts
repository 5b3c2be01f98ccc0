// The snippets as a person gets them: each one, expanded with its defaults, is a file the advisor
// reads as intended (a sandboxed pod is sandboxed, a hardened service is a plain container, the
// Vagrantfile is a VM), and every contributed file is valid and reachable from package.json.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFiles } from '../../src/core/advisor/advise';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };

interface Snippet {
  prefix: string[];
  description: string;
  body: string[];
}

function snippetsIn(path: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, Snippet>;
}

/** The text inserted when every placeholder keeps its default (`${1:x}` → x, `${2|a,b|}` → a, `$0` → ''). */
function expand(body: string[]): string {
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  return text.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{?\d+\}?/g, '') + '\n';
}

function byPrefix(prefix: string): Snippet {
  for (const c of manifest.contributes.snippets) {
    for (const s of Object.values(snippetsIn(c.path))) if (s.prefix.includes(prefix)) return s;
  }
  throw new Error(`no snippet ${prefix}`);
}

describe('snippets', () => {
  it('every contributed file parses, and every snippet has a cvm- prefix, a description and a body', () => {
    const prefixes = new Set<string>();
    for (const c of manifest.contributes.snippets) {
      for (const [name, s] of Object.entries(snippetsIn(c.path))) {
        assert.ok(Array.isArray(s.prefix) && s.prefix[0].startsWith('cvm-'), `${c.path}: ${name}`);
        assert.ok(s.description.length > 20 && s.body.length > 0, `${c.path}: ${name}`);
        for (const p of s.prefix) prefixes.add(p);
      }
    }
    for (const want of ['cvm-multistage-nonroot', 'cvm-healthcheck', 'cvm-service-hardened', 'cvm-service-sandboxed', 'cvm-securitycontext-restricted', 'cvm-pod-sandboxed', 'cvm-runtimeclass', 'cvm-cloud-config', 'cvm-vagrant-own-kernel']) {
      assert.ok(prefixes.has(want), want);
    }
  });

  it('inserted with their defaults, they say what their names promise', () => {
    const verdict = (path: string, prefix: string, under?: string) => {
      // Service snippets go under `services:`, indented, as completion inserts them there.
      const body = expand(byPrefix(prefix).body);
      const text = under ? `${under}\n${body.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n')}` : body;
      return adviseFiles([{ path, text }]).workloads.map((w) => w.verdict);
    };
    assert.deepEqual(verdict('pod.yaml', 'cvm-pod-sandboxed'), ['sandboxed']);
    assert.deepEqual(verdict('compose.yaml', 'cvm-service-sandboxed', 'services:'), ['sandboxed']);
    assert.deepEqual(verdict('compose.yaml', 'cvm-service-hardened', 'services:'), ['container']);
    assert.deepEqual(verdict('Vagrantfile', 'cvm-vagrant-own-kernel'), ['vm']);
    assert.deepEqual(verdict('user-data', 'cvm-cloud-config'), ['vm']);
    const dockerfile = adviseFiles([{ path: 'Dockerfile', text: expand(byPrefix('cvm-multistage-nonroot').body) }]).workloads[0];
    assert.equal(dockerfile.verdict, 'container');
    assert.ok(!dockerfile.signals.some((s) => s.id === 'hardening.root-user'), 'the non-root build runs as a non-root user');
  });
});
