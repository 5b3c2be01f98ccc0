// Docker Bake files: told by name, read in both syntaxes, hovers on blocks and target attributes,
// the advisor's findings on targets, and each target joined to the Dockerfile it builds. Over real
// Bake files (test/fixtures/bake/ORIGIN.md) and a few written here for one attribute each.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFiles } from '../../src/core/advisor/advise';
import { BAKE_CODE_SIGNALS } from '../../src/core/advisor/detect/bake';
import { buildersOf } from '../../src/core/advisor/live';
import { signalById } from '../../src/core/advisor/signals';
import { BAKE_TOPICS } from '../../src/core/knowledge/bake';
import { bakeModule, type BakeModel } from '../../src/core/parse/bake';
import { detectFormat, isCandidateName } from '../../src/core/parse/detect';
import { supportedFormats } from '../../src/core/registry';
import { hoverAt as hover } from '../helpers/hoverAt';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bake');
const read = (rel: string) => readFileSync(join(fixtures, rel), 'utf8');



function parse(file: string, text: string): BakeModel {
  return bakeModule.parse(text, file);
}

describe('Docker Bake', () => {
  describe('file names', () => {
    it('takes the four names Bake looks up, in any folder, and no other name', () => {
      for (const name of ['docker-bake.hcl', 'docker-bake.json', 'docker-bake.override.hcl', 'docker-bake.override.json', 'build/docker-bake.hcl', 'C:\\src\\docker-bake.hcl']) {
        assert.equal(detectFormat(name), 'bake', name);
        assert.ok(isCandidateName(name), name);
      }
      for (const name of ['bake.hcl', 'docker-bake.prod.hcl', 'my-docker-bake.hcl', 'docker-bake.yaml']) assert.notEqual(detectFormat(name), 'bake', name);
      // A Packer template keeps its own format.
      assert.equal(detectFormat('image.pkr.hcl'), 'packer');
      assert.ok(supportedFormats().includes('bake'));
    });
  });

  describe('reading real Bake files', () => {
    for (const rel of ['buildkit/docker-bake.hcl', 'buildx/docker-bake.hcl', 'frappe/docker-bake.hcl', 'tuwunel/docker-bake.hcl', 'porter/docker-bake.json']) {
      it(`${rel}: read without problems, one workload per built target`, () => {
        const m = parse(rel, read(rel));
        assert.deepEqual(m.problems, []);
        assert.ok(m.targets.length > 0);
        const names = bakeModule.workloads(m).map((w) => w.name);
        assert.ok(names.length > 0 && names.length <= m.targets.length);
      });
    }

    it('moby/buildkit: templates (`_common`, tag helpers) are not workloads; the Dockerfile is found through inherits', () => {
      const m = parse('docker-bake.hcl', read('buildkit/docker-bake.hcl'));
      const ws = new Map(bakeModule.workloads(m).map((w) => [w.name, w]));
      assert.ok(!ws.has('_common'));
      assert.ok(!ws.has('meta-helper'));
      assert.equal(ws.get('binaries')?.buildsFrom, 'Dockerfile');
      assert.equal(ws.get('binaries')?.buildTarget, 'binaries');
      // `release` inherits `binaries-cross`, which inherits `binaries`: the stage comes from its own `target`.
      assert.equal(ws.get('release')?.buildTarget, 'release');
      assert.equal(ws.get('frontend-image')?.buildsFrom, 'frontend/dockerfile/cmd/dockerfile-frontend/Dockerfile');
      // `lint` inherits `_common` and sets its own Dockerfile.
      assert.equal(ws.get('lint')?.buildsFrom, 'hack/dockerfiles/lint.Dockerfile');
      // `context = TEST_CONTEXT` is a variable: where it points is not known, so nothing is joined.
      assert.ok(ws.has('integration-tests'));
      assert.equal(ws.get('integration-tests')?.buildsFrom, undefined);
    });

    it('frappe/frappe_docker: a Containerfile joined with its stage; an args-only template is no workload', () => {
      const m = parse('docker-bake.hcl', read('frappe/docker-bake.hcl'));
      const ws = new Map(bakeModule.workloads(m).map((w) => [w.name, w]));
      assert.deepEqual([ws.get('erpnext')?.buildsFrom, ws.get('erpnext')?.buildTarget], ['images/production/Containerfile', 'erpnext']);
      assert.deepEqual([ws.get('bench')?.buildsFrom, ws.get('bench')?.buildTarget], ['images/bench/Dockerfile', 'bench']);
      // `bench-test` inherits `bench`'s context and names its own stage; `bench` stays a workload (it says what it builds).
      assert.deepEqual([ws.get('bench-test')?.buildsFrom, ws.get('bench-test')?.buildTarget], ['images/bench/Dockerfile', 'bench-test']);
      assert.ok(!ws.has('default-args'));
      assert.deepEqual(m.groups.get('default'), ['erpnext', 'base', 'build']);
    });

    it('getporter/porter (JSON): the same paths as HCL, the Dockerfile under the context', () => {
      const m = parse('docker-bake.json', read('porter/docker-bake.json'));
      assert.equal(m.syntax, 'json');
      const [w] = bakeModule.workloads(m);
      assert.deepEqual([w.name, w.kind, w.buildsFrom], ['server', 'bake-target', 'build/images/server/Dockerfile']);
    });

    it('does not join remote contexts, inline Dockerfiles or absolute paths', () => {
      const text = [
        'target "git" {\n  context = "https://github.com/user/repo.git"\n}',
        'target "inline" {\n  dockerfile-inline = "FROM alpine"\n}',
        'target "abs" {\n  dockerfile = "/srv/Dockerfile"\n}',
        'target "sub" {\n  context = "./app/"\n  dockerfile = "./docker/Dockerfile.prod"\n}',
      ].join('\n');
      const ws = new Map(bakeModule.workloads(parse('docker-bake.hcl', text)).map((w) => [w.name, w.buildsFrom]));
      assert.deepEqual([...ws], [['git', undefined], ['inline', undefined], ['abs', undefined], ['sub', 'app/docker/Dockerfile.prod']]);
    });

    it('an override file joins only the paths it sets itself, not Bake\'s defaults', () => {
      const text = 'target "app" {\n  tags = ["example/app:dev"]\n}\ntarget "docs" {\n  dockerfile = "docs.Dockerfile"\n}\n';
      const ws = new Map(bakeModule.workloads(parse('docker-bake.override.hcl', text)).map((w) => [w.name, w.buildsFrom]));
      assert.deepEqual([...ws], [['app', undefined], ['docs', 'docs.Dockerfile']]);
      // The same target in a base file builds ./Dockerfile.
      assert.equal(bakeModule.workloads(parse('docker-bake.hcl', text))[0].buildsFrom, 'Dockerfile');
    });

    it('reads broken text without throwing and says where it stopped', () => {
      for (const [file, text] of [['docker-bake.hcl', 'target "a" {\n  platforms = ["linux/arm64"\n'], ['docker-bake.json', '{"target": {"a": {"platforms": ["linux/arm64"'], ['docker-bake.hcl', '\u0000\u001b[31m}}}{{{']]) {
        const m = parse(file, text);
        assert.ok(Array.isArray(m.targets));
        assert.doesNotThrow(() => bakeModule.workloads(m));
        assert.doesNotThrow(() => adviseFiles([{ path: file, text }]));
      }
      assert.ok(parse('docker-bake.json', '{"target": {"a": {').problems.length > 0);
    });
  });

  describe('hovers', () => {
    it('target, group, variable and function blocks (frappe/frappe_docker)', () => {
      const text = read('frappe/docker-bake.hcl');
      assert.equal(hover('docker-bake.hcl', text, 'target "erpnext"')?.topic.id, 'bake.target');
      assert.equal(hover('docker-bake.hcl', text, 'group "default"')?.topic.id, 'bake.group');
      assert.equal(hover('docker-bake.hcl', text, 'variable "FRAPPE_VERSION"')?.topic.id, 'bake.variable');
      assert.equal(hover('docker-bake.hcl', text, 'function "tag"')?.topic.id, 'bake.function');
      assert.equal(hover('docker-bake.hcl', text, 'inherits')?.topic.id, 'bake.inherits');
      assert.equal(hover('docker-bake.hcl', text, 'dockerfile =')?.topic.id, 'bake.dockerfile');
      assert.equal(hover('docker-bake.hcl', text, 'context =')?.topic.id, 'bake.context');
      assert.equal(hover('docker-bake.hcl', text, 'tags =')?.topic.id, 'bake.tags');
      assert.equal(hover('docker-bake.hcl', text, 'args =')?.topic.id, 'bake.args');
      assert.match(hover('docker-bake.hcl', text, 'target "erpnext"')!.markdown, /builds `images\/production\/Containerfile`, stage `erpnext` \(from this file's folder\)/);
      assert.match(hover('docker-bake.hcl', text, 'target "default-args"')!.markdown, /a template: only the targets that inherit from it are built/);
      // `target = "erpnext"` inside a target block is the Dockerfile stage, not a block.
      assert.equal(hover('docker-bake.hcl', text, 'target = "erpnext"')?.topic.id, 'bake.target.stage');
    });

    it('platforms: the container-or-VM angle first, with a note on emulation for the platform hovered (moby/buildkit)', () => {
      const text = read('buildkit/docker-bake.hcl');
      const key = hover('docker-bake.hcl', text, 'platforms')!;
      assert.equal(key.topic.id, 'bake.platforms');
      assert.match(key.markdown, /^#### platforms\n\n\*\*Container or VM\?\*\* A container runs on its host's own kernel and CPU/);
      assert.match(key.markdown, /under emulation/);
      assert.ok(key.sources.length > 0);
      const arm = hover('docker-bake.hcl', text, '"linux/riscv64"')!;
      assert.match(arm.markdown, /`linux\/riscv64`: not an x86-64 platform: on an x86-64 builder its build steps run under emulation/);
      const windows = hover('docker-bake.hcl', text, '"windows/amd64"')!;
      assert.match(windows.markdown, /`windows\/amd64`: a Windows variant/);
      assert.equal(key.topic.reference?.url, 'https://docs.docker.com/build/bake/reference/#targetplatforms');
    });

    it('platforms = ["local"] (docker/buildx): the platform of the machine running bake', () => {
      const h = hover('docker-bake.hcl', read('buildx/docker-bake.hcl'), '"local"')!;
      assert.equal(h.topic.id, 'bake.platforms');
      assert.match(h.markdown, /`local`: the platform of the machine running bake/);
    });

    it('entitlements and cache, output, contexts (matrix-construct/tuwunel)', () => {
      const text = read('tuwunel/docker-bake.hcl');
      const host = hover('docker-bake.hcl', text, '"network.host"')!;
      assert.equal(host.topic.id, 'bake.entitlements');
      assert.match(host.markdown, /^#### entitlements\n\n\*\*Container or VM\?\*\* These loosen the isolation of the \*\*build\*\*/);
      assert.match(host.markdown, /`network\.host`: build steps may use the builder host's network/);
      assert.equal(hover('docker-bake.hcl', text, 'output = ')?.topic.id, 'bake.output');
      assert.equal(hover('docker-bake.hcl', text, 'contexts = ')?.topic.id, 'bake.contexts');
      assert.equal(hover('docker-bake.hcl', read('buildkit/docker-bake.hcl'), 'cache-to')?.topic.id, 'bake.cache-to');
      assert.equal(hover('docker-bake.hcl', 'target "app" {\n  cache-from = [{ type = "registry", ref = "user/repo:cache" }]\n}\n', 'ref')?.topic.id, 'bake.cache-from');
    });

    it('entitlements = ["security.insecure"]: the note and the advisor\'s finding on the line', () => {
      const text = 'target "integration-tests" {\n  entitlements = ["security.insecure"]\n}\n';
      const h = hover('docker-bake.hcl', text, 'security.insecure')!;
      assert.equal(h.topic.id, 'bake.entitlements');
      assert.match(h.markdown, /`security\.insecure`: `RUN --security=insecure` steps of this build run as privileged containers on the builder host/);
      assert.match(h.markdown, /insecure build step/);
      assert.doesNotMatch(h.markdown, /`security\.insecure`: `security\.insecure`/, 'the value is named once');
    });

    it('JSON keys get the same topics (getporter/porter)', () => {
      const text = read('porter/docker-bake.json');
      assert.equal(hover('docker-bake.json', text, '"platforms"')?.topic.id, 'bake.platforms');
      assert.equal(hover('docker-bake.json', text, '"server"', 1)?.topic.id, 'bake.target');
      assert.equal(hover('docker-bake.json', text, '"dockerfile"')?.topic.id, 'bake.dockerfile');
    });

    it('network, attest, secret, ssh and an output object', () => {
      const text = [
        'target "app" {',
        '  network = "host"',
        '  attest = [{ type = "sbom" }]',
        '  secret = [{ type = "env", id = "TOKEN" }]',
        '  ssh = [{ id = "default" }]',
        '  output = [{ type = "local", dest = "out" }]',
        '}',
      ].join('\n');
      const net = hover('docker-bake.hcl', text, 'network')!;
      assert.equal(net.topic.id, 'bake.network');
      assert.match(net.markdown, /`host`: every `RUN` step of this build uses the builder host's network/);
      assert.equal(hover('docker-bake.hcl', text, 'attest')?.topic.id, 'bake.attest');
      assert.equal(hover('docker-bake.hcl', text, 'secret')?.topic.id, 'bake.secret');
      assert.equal(hover('docker-bake.hcl', text, 'ssh')?.topic.id, 'bake.ssh');
      assert.equal(hover('docker-bake.hcl', text, 'dest')?.topic.id, 'bake.output');
      assert.match(hover('docker-bake.hcl', text, '"local"')!.markdown, /`local`: files, not an image/);
    });

    it('an unknown attribute or a comment gets no hover', () => {
      const text = '# a comment\ntarget "app" {\n  frobnicate = true\n}\n';
      assert.equal(hover('docker-bake.hcl', text, 'comment'), null);
      assert.equal(hover('docker-bake.hcl', text, 'frobnicate'), null);
    });

    it('every topic cites the five documents and the Bake file reference', () => {
      for (const t of BAKE_TOPICS) {
        assert.ok(t.sources.length > 0, t.id);
        assert.ok(t.reference?.url.startsWith('https://docs.docker.com/build/bake/reference/#'), t.id);
        assert.ok(t.angle.length > 60 && t.does.length > 30, t.id);
      }
    });
  });

  describe('advisor', () => {
    const ids = (w: { signals: { id: string }[] } | undefined) => (w?.signals ?? []).map((s) => s.id);

    it('emits only signals the catalogue has', () => {
      for (const id of BAKE_CODE_SIGNALS) assert.ok(signalById(id), id);
    });

    it('a single fixed platform ties the image to one CPU; several platforms or `local` do not', () => {
      const text = 'target "arm" {\n  platforms = ["linux/arm64"]\n}\ntarget "multi" {\n  platforms = ["linux/amd64", "linux/arm64"]\n}\ntarget "here" {\n  platforms = ["local"]\n}\ntarget "var" {\n  platforms = ["${PLATFORM}"]\n}\n';
      const report = adviseFiles([{ path: 'docker-bake.hcl', text }]);
      const by = new Map(report.workloads.map((w) => [w.name, w]));
      const arm = by.get('arm')!.signals.find((s) => s.id === 'platform.foreign-architecture');
      assert.equal(arm?.line, 2);
      assert.match(arm!.message, /Target `arm` is built for `linux\/arm64` only/);
      for (const name of ['multi', 'here', 'var']) assert.ok(!ids(by.get(name)).includes('platform.foreign-architecture'), name);
    });

    it('security.insecure, network.host and network = "host" loosen the build, on the line that asks', () => {
      const text = 'target "a" {\n  entitlements = ["security.insecure"]\n}\ntarget "b" {\n  entitlements = ["network.host"]\n}\ntarget "c" {\n  network = "host"\n}\ntarget "d" {\n  network = "none"\n}\n';
      const by = new Map(adviseFiles([{ path: 'docker-bake.hcl', text }]).workloads.map((w) => [w.name, w]));
      for (const [name, line] of [['a', 2], ['b', 5], ['c', 8]] as const) {
        const s = by.get(name)!.signals.find((x) => x.id === 'hardening.insecure-build');
        assert.equal(s?.line, line, name);
      }
      assert.ok(!ids(by.get('d')).includes('hardening.insecure-build'));
    });

    it('an inherited attribute is the inheriting target\'s evidence, on its `inherits` entry; other targets get none', () => {
      const text = [
        'target "_privileged" {\n  entitlements = ["security.insecure"]\n  platforms = ["linux/arm64"]\n}',
        'target "tests" {\n  inherits = ["_privileged"]\n  target = "test"\n}',
        'target "e2e" {\n  inherits = ["tests"]\n  platforms = ["linux/amd64", "linux/arm64"]\n}',
        'target "docs" {\n  dockerfile = "docs.Dockerfile"\n}',
      ].join('\n');
      const by = new Map(adviseFiles([{ path: 'docker-bake.hcl', text }]).workloads.map((w) => [w.name, w]));
      assert.deepEqual([...by.keys()], ['tests', 'e2e', 'docs'], 'the template is no workload');
      const tests = by.get('tests')!;
      assert.deepEqual(tests.signals.filter((s) => s.id === 'hardening.insecure-build').map((s) => s.line), [6]);
      assert.match(tests.signals.find((s) => s.id === 'hardening.insecure-build')!.message, /Target `tests` inherits from `_privileged`, which asks for `security\.insecure`/);
      assert.ok(ids(tests).includes('platform.foreign-architecture'));
      // `e2e` inherits through `tests`; it sets its own platforms, so the fixed one is not its own.
      const e2e = by.get('e2e')!;
      assert.deepEqual(e2e.signals.filter((s) => s.id === 'hardening.insecure-build').map((s) => s.line), [10]);
      assert.ok(!ids(e2e).includes('platform.foreign-architecture'), ids(e2e).join());
      assert.deepEqual(ids(by.get('docs')), []);
    });

    it('matrix-construct/tuwunel: the targets that ask for network.host carry the finding, the others do not', () => {
      const report = adviseFiles([{ path: 'docker-bake.hcl', text: read('tuwunel/docker-bake.hcl') }]);
      const flagged = report.workloads.filter((w) => w.signals.some((s) => s.id === 'hardening.insecure-build')).map((w) => w.name);
      assert.ok(flagged.includes('complement-tester'), flagged.join());
      assert.ok(flagged.includes('complement-testee'), flagged.join());
      assert.ok(!flagged.includes('smoketest-version'), flagged.join());
      for (const w of report.workloads) assert.equal(w.kind, 'bake-target');
    });

    it('getporter/porter: the target is judged with the Dockerfile it builds, which no longer stands alone', () => {
      const report = adviseFiles([
        { path: 'docker-bake.json', text: read('porter/docker-bake.json') },
        { path: 'build/images/server/Dockerfile', text: read('porter/build/images/server/Dockerfile') },
      ]);
      assert.deepEqual(report.workloads.map((w) => [w.name, w.kind]), [['server', 'bake-target']]);
      const [w] = report.workloads;
      assert.deepEqual(w.files, ['docker-bake.json', 'build/images/server/Dockerfile']);
      // `USER 65532` in the Dockerfile is the target's evidence now.
      const user = w.signals.find((s) => s.id === 'cloud-native.non-root-user');
      assert.equal(user?.file, 'build/images/server/Dockerfile');
      assert.equal(w.image, 'gcr.io/distroless/static');
      // The Dockerfile's hover and lenses know which target builds it.
      assert.deepEqual(buildersOf('build/images/server/Dockerfile', report).map((b) => b.name), ['server']);
    });

    it('frappe/frappe_docker: each target gets the findings of its own stage of the Containerfile', () => {
      const report = adviseFiles([
        { path: 'docker-bake.hcl', text: read('frappe/docker-bake.hcl') },
        { path: 'images/production/Containerfile', text: read('frappe/images/production/Containerfile') },
      ]);
      const by = new Map(report.workloads.map((w) => [w.name, w]));
      assert.ok(!report.workloads.some((w) => w.format === 'dockerfile'), 'the Containerfile is judged with the targets');
      for (const name of ['erpnext', 'base', 'build']) assert.ok(by.get(name)?.files.includes('images/production/Containerfile'), name);
      // `base` stops before any `USER frappe`; `erpnext` and `build` switch to it.
      assert.ok(ids(by.get('erpnext')).includes('cloud-native.non-root-user'), ids(by.get('erpnext')).join());
      assert.ok(!ids(by.get('base')).includes('cloud-native.non-root-user'), ids(by.get('base')).join());
    });
  });
});
