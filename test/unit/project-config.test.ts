// The project config file, `.container-or-vm.yaml` (or `--config FILE`): what it changes in `advise`,
// and the errors a user sees for a file that is wrong (FILE:LINE: message, exit 2).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseWorkspace } from '../../src/core/advisor/advise';
import { ROLES } from '../../src/core/advisor/roles';
import { SIGNALS } from '../../src/core/advisor/signals';
import { MemoryFs } from '../../src/core/memoryFs';
import { CONFIG_KEYS, FAIL_ON_VALUES, IGNORE_KEYS, IGNORE_REQUIRED, parseProjectConfig } from '../../src/core/config/projectConfig';
import { tempWorkspaces } from './helpers/workspace';
import { runCli } from './helpers/cli';

const repo = join(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(repo, 'schemas', 'container-or-vm.schema.json'), 'utf8')) as Schema;

const PRIVILEGED = 'services:\n  app:\n    image: nginx:1.27\n    privileged: true\n';
const PLAIN = 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n';

const temp = tempWorkspaces('cov-config-');
const workspace = temp.make;

async function adviseJson(...args: string[]) {
  const r = await runCli('advise', ...args, '--format', 'json');
  return { ...r, json: r.out ? JSON.parse(r.out) : undefined };
}

// A tiny walker for the part of JSON Schema the config's schema uses.
interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  enum?: string[];
  minLength?: number;
  propertyNames?: Schema;
}
function schemaAccepts(s: Schema, v: unknown): boolean {
  if (s.type === 'object') {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) return false;
    for (const [k, x] of Object.entries(o)) {
      if (s.propertyNames && !schemaAccepts(s.propertyNames, k)) return false;
      const p = s.properties?.[k];
      if (p) {
        if (!schemaAccepts(p, x)) return false;
      } else if (s.additionalProperties === false) return false;
      else if (typeof s.additionalProperties === 'object' && !schemaAccepts(s.additionalProperties, x)) return false;
    }
    return true;
  }
  if (s.type === 'array') return Array.isArray(v) && v.every((x) => !s.items || schemaAccepts(s.items, x));
  if (s.type === 'string') return typeof v === 'string' && v.length >= (s.minLength ?? 0) && (!s.enum || s.enum.includes(v));
  if (s.enum) return s.enum.includes(v as string);
  return true;
}

describe('project config file', () => {
  after(() => temp.cleanup());

  describe('applied by advise', () => {
    it('exclude globs leave files out, as --exclude does', async () => {
      const ws = workspace({ 'compose.yaml': PLAIN, 'legacy/compose.yaml': PRIVILEGED, '.container-or-vm.yaml': 'exclude:\n  - legacy/**\n' });
      const { code, json } = await adviseJson(ws);
      assert.equal(code, 0);
      assert.deepEqual(json.workloads.map((w: { file: string }) => w.file), ['compose.yaml']);
      assert.ok(json.skipped.some((s: { file: string; reason: string }) => s.file.startsWith('legacy') && /legacy\/\*\*/.test(s.reason)));
      const without = await adviseJson(ws, '--config', join(ws, 'none.yaml'));
      assert.equal(without.code, 2, 'a --config that cannot be read is bad usage');
    });

    it('roles say which files are which, after the --role rules', async () => {
      const ws = workspace({ 'compose.yaml': PLAIN, 'qa/compose.yaml': PRIVILEGED, '.container-or-vm.yaml': 'roles:\n  qa/**: test\n' });
      const { json } = await adviseJson(ws);
      const qa = json.workloads.find((w: { file: string }) => w.file === 'qa/compose.yaml');
      assert.equal(qa.role, 'test');
      assert.match(qa.roleReason, /qa\/\*\*/);
      assert.equal(json.verdict, 'container', 'the product is the plain service');
      const cli = await adviseJson(ws, '--role', 'qa/**=product');
      assert.equal(cli.json.workloads.find((w: { file: string }) => w.file === 'qa/compose.yaml').role, 'product', 'a --role rule comes first');
      assert.equal(cli.json.verdict, 'container-hardened');
    });

    it('fail-on sets the exit code, and --fail-on overrides it', async () => {
      const ws = workspace({ 'compose.yaml': PRIVILEGED, '.container-or-vm.yaml': 'fail-on: container-hardened\n' });
      assert.equal((await runCli('advise', ws)).code, 1);
      assert.equal((await runCli('advise', ws, '--fail-on', 'vm')).code, 0);
    });

    it('ignore entries suppress a signal, under a path or everywhere, with the reason in the report', async () => {
      const ws = workspace({
        'compose.yaml': PRIVILEGED,
        'ops/config.yaml': 'ignore:\n  - signal: hardening.privileged\n    path: compose.yaml\n    reason: needs /dev/kvm for the emulator\n  - signal: kernel.nested-hypervisor\n    reason: never used\n',
      });
      const { code, json } = await adviseJson(ws, '--config', join(ws, 'ops/config.yaml'));
      assert.equal(code, 0);
      assert.equal(json.verdict, 'container');
      assert.equal(json.suppressed.length, 1);
      assert.equal(json.suppressed[0].signal, 'hardening.privileged');
      assert.equal(json.suppressed[0].by, 'config');
      assert.equal(json.suppressed[0].reason, 'needs /dev/kvm for the emulator');
      assert.equal(json.suppressed[0].line, 4);
      // The second entry suppresses nothing, and says so, with its line in the config file.
      assert.deepEqual(
        json.unusedSuppressions.map((u: { line: number; signal: string }) => [u.line, u.signal]),
        [[5, 'kernel.nested-hypervisor']],
      );
    });

    it('the editor\'s scan reads each root\'s config file through the read-only file system', async () => {
      const fs = new MemoryFs({ '/ws/compose.yaml': PRIVILEGED, '/ws/.container-or-vm.yaml': 'ignore:\n  - signal: hardening.privileged\n    reason: lab box\n' });
      const r = await adviseWorkspace(fs, ['/ws']);
      assert.equal(r.verdict, 'container');
      assert.deepEqual(r.config, ['.container-or-vm.yaml']);
      const broken = new MemoryFs({ '/ws/compose.yaml': PRIVILEGED, '/ws/.container-or-vm.yaml': 'ignore: yes\n' });
      const b = await adviseWorkspace(broken, ['/ws']);
      assert.equal(b.verdict, 'container-hardened', 'an invalid config is not applied');
      assert.ok(b.notes.some((n) => n.file === '.container-or-vm.yaml' && /line 1: ignore must be a list/.test(n.message)));
    });
  });

  describe('errors: FILE:LINE: message and exit 2', () => {
    const cases: [string, string, number, RegExp][] = [
      ['an unknown key', 'exclude:\n  - a/**\nexlcude:\n  - b\n', 3, /unknown key "exlcude"/],
      ['an unknown key in an ignore entry', 'ignore:\n  - signal: hardening.privileged\n    reason: ok\n    paths: x\n', 4, /unknown key "paths" in an ignore entry/],
      ['a fail-on value', 'fail-on: always\n', 1, /fail-on must be one of container-hardened, sandboxed, vm/],
      ['a role', 'roles:\n  tests/**: testing\n', 2, /role of tests\/\*\* must be one of product/],
      ['an ignore without a reason', 'ignore:\n  - signal: hardening.privileged\n', 2, /needs a reason/],
      ['an unknown signal', 'ignore:\n  - signal: hardening.privilegd\n    reason: x\n', 2, /unknown signal "hardening.privilegd"/],
      ['exclude not a list', 'exclude: legacy/**\n', 1, /exclude must be a list of globs/],
      ['not YAML', 'exclude: [a\n', 2, /not valid YAML/],
      ['a duplicated key', 'fail-on: vm\nfail-on: sandboxed\n', 2, /not valid YAML/],
    ];
    for (const [what, text, line, message] of cases) {
      it(what, async () => {
        const ws = workspace({ 'compose.yaml': PLAIN, '.container-or-vm.yaml': text });
        const r = await runCli('advise', ws);
        assert.equal(r.code, 2);
        assert.equal(r.out, '');
        const first = r.err.split('\n')[0];
        assert.match(first, new RegExp(`^\\.container-or-vm\\.yaml:${line}: `));
        assert.match(first, message);
      });
    }

    it('--config names the file as given; fix reads its exclude globs and rejects an invalid one', async () => {
      const ws = workspace({ 'compose.yaml': PLAIN, 'bad.yaml': 'exclude:\n  - a\nrole: {}\n' });
      const given = join(ws, 'bad.yaml');
      const r = await runCli('advise', ws, '--config', given);
      assert.equal(r.code, 2);
      assert.equal(r.err.trim(), `${given}:3: unknown key "role": the keys are exclude, fail-on, roles, ignore`);
      const f = await runCli('fix', ws, '--config', given);
      assert.equal(f.code, 2);
      assert.match(f.err, /bad\.yaml:3: unknown key "role"/);
    });

    it('fix leaves out what the config excludes', async () => {
      const ws = workspace({ 'legacy/compose.yaml': PRIVILEGED, 'conf.yaml': 'exclude:\n  - legacy\n' });
      const plain = await runCli('fix', ws);
      const excluded = await runCli('fix', ws, '--config', join(ws, 'conf.yaml'));
      assert.match(plain.err, /legacy\/compose\.yaml:4 hardening\.privileged/);
      assert.doesNotMatch(excluded.err, /legacy\/compose\.yaml/);
    });
  });

  describe('the JSON Schema', () => {
    it('names the same keys and values as the validator', () => {
      assert.deepEqual(Object.keys(schema.properties!).sort(), [...CONFIG_KEYS].sort());
      assert.equal(schema.additionalProperties, false);
      assert.deepEqual(schema.properties!['fail-on'].enum, [...FAIL_ON_VALUES]);
      assert.deepEqual((schema.properties!.roles.additionalProperties as Schema).enum, [...ROLES]);
      const entry = schema.properties!.ignore.items!;
      assert.deepEqual(Object.keys(entry.properties!).sort(), [...IGNORE_KEYS].sort());
      assert.deepEqual(entry.required!.slice().sort(), [...IGNORE_REQUIRED].sort());
      assert.deepEqual(entry.properties!.signal.enum!.slice().sort(), SIGNALS.map((s) => s.id).sort(), 'the schema lists every signal of the catalogue');
    });

    const examples: [string, unknown][] = [
      ['', {}],
      ['exclude:\n  - a/**\n  - "*.tmp"\nfail-on: sandboxed\n', { exclude: ['a/**', '*.tmp'], 'fail-on': 'sandboxed' }],
      ['roles:\n  e2e/**: test\n  deploy/**: product\n', { roles: { 'e2e/**': 'test', 'deploy/**': 'product' } }],
      ['roles:\n  e2e/**: tests\n', { roles: { 'e2e/**': 'tests' } }],
      ['ignore:\n  - signal: hardening.privileged\n    reason: ok\n', { ignore: [{ signal: 'hardening.privileged', reason: 'ok' }] }],
      ['ignore:\n  - signal: hardening.privileged\n    path: a/**\n    reason: ok\n', { ignore: [{ signal: 'hardening.privileged', path: 'a/**', reason: 'ok' }] }],
      ['ignore:\n  - signal: hardening.privileged\n', { ignore: [{ signal: 'hardening.privileged' }] }],
      ['ignore:\n  - signal: nope\n    reason: ok\n', { ignore: [{ signal: 'nope', reason: 'ok' }] }],
      ['ignore:\n  - signal: hardening.privileged\n    reason: ""\n', { ignore: [{ signal: 'hardening.privileged', reason: '' }] }],
      ['fail-on: container\n', { 'fail-on': 'container' }],
      ['exclude: a\n', { exclude: 'a' }],
      ['exclude:\n  - 3\n', { exclude: [3] }],
      ['unknown: 1\n', { unknown: 1 }],
      ['ignore:\n  - signal: hardening.privileged\n    reason: ok\n    note: x\n', { ignore: [{ signal: 'hardening.privileged', reason: 'ok', note: 'x' }] }],
    ];
    it('accepts and rejects the same examples as the validator', () => {
      let valid = 0;
      for (const [text, value] of examples) {
        const ok = parseProjectConfig(text, 'c.yaml').config !== undefined;
        assert.equal(schemaAccepts(schema, value), ok, `schema and validator disagree on ${JSON.stringify(text)}`);
        if (ok) valid++;
      }
      assert.ok(valid >= 4 && valid < examples.length, 'the examples hold both valid and invalid files');
    });

    it('is contributed to Red Hat YAML and shipped in the package', () => {
      const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
      assert.deepEqual(pkg.contributes.yamlValidation, [{ fileMatch: '.container-or-vm.yaml', url: './schemas/container-or-vm.schema.json' }]);
      const ignore = readFileSync(join(repo, '.vscodeignore'), 'utf8').split(/\r?\n/);
      assert.ok(ignore.includes('!schemas/**'), '.vscodeignore keeps the schema in the .vsix');
    });
  });
});
