// What a workload is to the repository (roles.ts), and the overall answer that follows: the
// product's, with tests, dev containers, examples, CI and hosts listed apart; no workload, no answer.
// Kustomize patches and autoscalers join the workload they act on.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { adviseFiles } from '../../src/core/advisor/advise';
import { adviseAnalyses, type FileAnalysis } from '../../src/core/advisor/engine';
import { roleOfPath } from '../../src/core/advisor/roles';
import { toSarif } from '../../src/core/advisor/sarif';
import { renderAdviceMarkdown, renderAdviceText } from '../../src/core/render/adviceText';
import { statusText } from '../../src/core/render/lens';
import { adviceJson } from '../../src/cli/advise';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n';
const KUBEVIRT = [
  'apiVersion: kubevirt.io/v1',
  'kind: VirtualMachine',
  'metadata:',
  '  name: testvm',
  'spec:',
  '  running: true',
  '  template:',
  '    spec:',
  '      domain:',
  '        devices: {}',
  '        resources:',
  '          requests:',
  '            memory: 64M',
  '      volumes:',
  '        - name: disk',
  '          containerDisk:',
  '            image: quay.io/kubevirt/cirros-container-disk-demo',
  '',
].join('\n');

const byName = (r: ReturnType<typeof adviseFiles>, name: string) => {
  const w = r.workloads.find((x) => x.name === name);
  assert.ok(w, `no workload ${name} in ${r.workloads.map((x) => x.name).join(', ')}`);
  return w;
};

describe('advisor roles and the overall answer', () => {
  it('a KubeVirt manifest under testdata/ is a test fixture and does not decide the answer', () => {
    const r = adviseFiles([
      { path: 'compose.yaml', text: COMPOSE },
      { path: 'pkg/virt/testdata/vm.yaml', text: KUBEVIRT },
    ]);
    const vm = byName(r, 'testvm');
    assert.equal(vm.verdict, 'vm');
    assert.equal(vm.role, 'test');
    assert.match(vm.roleReason, /testdata/);
    assert.equal(byName(r, 'web').role, 'product');
    assert.equal(r.verdict, 'container');
    assert.equal(r.overallFrom, 'product');
    assert.deepEqual(r.decidedBy.map((i) => r.workloads[i].name), ['web']);
    const text = renderAdviceText(r);
    assert.match(text, /^Overall: container /m);
    assert.match(text, /^Decided by: web \(compose\.yaml:2\)$/m);
    assert.match(text, /^== Tests and fixtures ==$/m);
    assert.match(text, /role: tests and fixtures \(under pkg\/virt\/testdata\/\)/);
    // The product is listed before the other roles.
    assert.ok(text.indexOf('\nweb  (') < text.indexOf('\ntestvm  ('));
  });

  it("a dev container's docker-in-docker Feature is the development environment's, not the product's", () => {
    const r = adviseFiles([
      { path: 'Dockerfile', text: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nUSER 65532\nENTRYPOINT ["/app"]\n' },
      {
        path: '.devcontainer/devcontainer.json',
        text: '{\n  "image": "mcr.microsoft.com/devcontainers/go:1",\n  "features": {\n    "ghcr.io/devcontainers/features/docker-in-docker:2": {}\n  }\n}\n',
      },
    ]);
    const dev = r.workloads.find((w) => w.format === 'devcontainer');
    assert.ok(dev);
    assert.equal(dev.role, 'development');
    assert.notEqual(dev.verdict, 'container', 'the Feature runs a privileged container: its own verdict stays');
    assert.equal(r.verdict, 'container');
    assert.deepEqual(
      r.decidedBy.map((i) => r.workloads[i].format),
      ['dockerfile'],
    );
  });

  it('compose files under scripts/test-environments/ and examples/ are listed apart', () => {
    const r = adviseFiles([
      { path: 'compose.yaml', text: COMPOSE },
      { path: 'scripts/test-environments/compose.yaml', text: 'services:\n  dind:\n    image: docker:dind\n    privileged: true\n' },
      { path: 'examples/host/compose.yaml', text: 'services:\n  agent:\n    image: example/agent:1\n    network_mode: host\n    pid: host\n    privileged: true\n' },
    ]);
    assert.equal(byName(r, 'dind').role, 'test');
    assert.equal(byName(r, 'agent').role, 'example');
    assert.equal(r.verdict, 'container');
    const md = renderAdviceMarkdown(r);
    assert.match(md, /^\| dind \| tests and fixtures \| compose-service \|/m);
    assert.match(md, /^\| agent \| examples and docs \| compose-service \|/m);
  });

  it('a VM that installs a container engine to run the product is a host; alone, it is the product', () => {
    const packer = [
      'source "amazon-ebs" "host" {',
      '  ami_name      = "app-host"',
      '  instance_type = "t3.micro"',
      '  source_ami    = "ami-123"',
      '  ssh_username  = "ubuntu"',
      '}',
      'build {',
      '  sources = ["source.amazon-ebs.host"]',
      '  provisioner "shell" {',
      '    inline = ["curl -fsSL https://get.docker.com | sh", "systemctl enable docker"]',
      '  }',
      '}',
      '',
    ].join('\n');
    const withApp = adviseFiles([
      { path: 'compose.yaml', text: COMPOSE },
      { path: 'packer/host.pkr.hcl', text: packer },
    ]);
    const host = withApp.workloads.find((w) => w.format === 'packer');
    assert.ok(host);
    assert.equal(host.verdict, 'vm');
    assert.equal(host.role, 'host');
    assert.match(host.roleReason, /Docker/);
    assert.equal(withApp.verdict, 'container');

    const alone = adviseFiles([{ path: 'packer/host.pkr.hcl', text: packer }]);
    assert.equal(alone.workloads[0].role, 'product');
    assert.match(alone.workloads[0].roleReason, /nothing else here is the product/);
    assert.equal(alone.verdict, 'vm');
    // The reports say why a host is the product; a plain product gets no role line.
    assert.match(renderAdviceText(alone), /^ {2}role: product \(a VM that installs Docker to run containers; nothing else here is the product\)$/m);
    assert.match(renderAdviceMarkdown(alone), /Role: product \\\(a VM that installs Docker/);
    assert.doesNotMatch(renderAdviceText(adviseFiles([{ path: 'compose.yaml', text: COMPOSE }])), /role: product/);
  });

  it('with no product workload the answer comes from the rest, and the report says so', () => {
    const r = adviseFiles([{ path: 'test/e2e/vm.yaml', text: KUBEVIRT }]);
    assert.equal(r.verdict, 'vm');
    assert.equal(r.overallFrom, 'other');
    assert.match(renderAdviceText(r), /No workload here is the product, so the answer comes from its tests and fixtures\./);
  });

  it('with no product, the examples decide before one odd test fixture, and the report names both', () => {
    // A container runtime's repository: examples run pods under its sandbox runtime, one test runs a VM.
    const sandboxed = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  runtimeClassName: kata\n  containers:\n    - name: app\n      image: nginx:1.27\n';
    const r = adviseFiles([
      { path: 'examples/pod.yaml', text: sandboxed },
      { path: 'tests/integration/vm.yaml', text: KUBEVIRT },
    ]);
    assert.equal(byName(r, 'demo').role, 'example');
    assert.equal(byName(r, 'demo').verdict, 'sandboxed');
    assert.ok(r.workloads.some((w) => w.role === 'test' && w.verdict === 'vm'));
    assert.equal(r.verdict, 'sandboxed');
    assert.deepEqual(r.decidedBy.map((i) => r.workloads[i].name), ['demo']);
    assert.match(renderAdviceText(r), /the answer comes from its examples and docs \(also here: tests and fixtures\)\./);
  });

  it('reads a role from one word of a folder name: test files, archived examples', () => {
    assert.equal(roleOfPath('pkg/compose/internal/status_test_files/failed.yml')?.role, 'test');
    assert.equal(roleOfPath('deploy/test-resources/compose.yaml')?.role, 'test');
    assert.equal(roleOfPath('_archived/elasticsearch/es-rc.yaml')?.role, 'example');
    assert.equal(roleOfPath('sample-apps/web/Dockerfile')?.role, 'example');
    // Not a word of the name: the product.
    assert.equal(roleOfPath('services/latest-api/Dockerfile'), undefined);
    assert.equal(roleOfPath('services/contest/compose.yaml'), undefined);
    assert.equal(roleOfPath('services/archive-api/Dockerfile'), undefined);
  });

  it('the user says which files are which, over what the paths suggest', () => {
    const files = [
      { path: 'compose.yaml', text: COMPOSE },
      { path: 'testdata/vm.yaml', text: KUBEVIRT },
    ];
    const r = adviseFiles(files, { roles: [{ glob: 'testdata/**', role: 'product' }] });
    assert.equal(byName(r, 'testvm').role, 'product');
    assert.match(byName(r, 'testvm').roleReason, /testdata\/\*\*/);
    assert.equal(r.verdict, 'vm');
  });

  it('tells roles from path words, never from substrings', () => {
    assert.equal(roleOfPath('docker-compose.test.yml')?.role, 'test');
    assert.equal(roleOfPath('Dockerfile.dev')?.role, 'development');
    assert.equal(roleOfPath('.github/actions/build/Dockerfile')?.role, 'ci');
    assert.equal(roleOfPath('docs/examples/compose.yaml')?.role, 'example');
    assert.equal(roleOfPath('deploy/latest/compose.yaml'), undefined, '"latest" holds "test" only as letters');
    assert.equal(roleOfPath('contest/Dockerfile'), undefined);
    assert.equal(roleOfPath('Dockerfile'), undefined);
  });

  it('a Helm test hook is a test, and an image built on a workstation or dev container base is a development environment', () => {
    // zero-to-jupyterhub keeps hook pods beside the chart's workloads; Sentry self-hosted keeps
    // Cloud Workstations images in workstation/.
    const hook = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: conn\n  annotations:\n    "helm.sh/hook": "test"\nspec:\n  containers:\n  - name: a\n    image: busybox:1.36\n';
    const install = hook.replace('"test"', 'pre-install,pre-upgrade').replace('name: conn', 'name: setup');
    const ws = 'FROM us-central1-docker.pkg.dev/cloud-workstations-images/predefined/code-oss:latest\nRUN apt-get update && apt-get install -y make\n';
    const r = adviseFiles([
      { path: 'templates/conn.yaml', text: hook },
      { path: 'templates/setup.yaml', text: install },
      { path: 'images/ide/Dockerfile', text: ws },
      { path: 'images/app/Dockerfile', text: ws.replace(/^FROM \S+/, 'FROM python:3.12-slim') },
    ]);
    const role = Object.fromEntries(r.workloads.map((w) => [w.name, `${w.role}: ${w.roleReason}`]));
    assert.equal(role.conn, 'test: a Helm test hook (`helm.sh/hook: test`)');
    assert.match(role.setup, /^product/);
    assert.equal(role.ide, 'development: builds on the development environment image us-central1-docker.pkg.dev/cloud-workstations-images/predefined/code-oss:latest');
    assert.match(role.app, /^product/);
    assert.equal(roleOfPath('workstation/base/Dockerfile')?.role, 'development');
    assert.equal(roleOfPath('playwright/docker-compose.yml')?.role, 'test');
    assert.equal(roleOfPath('workshops/ENT303/main.tf')?.role, 'example');
    assert.equal(roleOfPath('kubevirtci/cluster-up/cluster/kind/manifests/ds.yaml')?.role, 'development');
  });

  it('a build image (no program of its own, results left in an export folder or an empty image) is CI, not the product', () => {
    // containers/podman-compose's Dockerfile builds a PyInstaller binary into /result; k3os's images
    // and Dockerfile.dapper build the OS.
    const role = (path: string, text: string) => {
      const w = adviseFiles([{ path, text }]).workloads[0];
      return `${w.role}: ${w.roleReason}`;
    };
    assert.equal(role('Dockerfile', 'FROM python:3.11-slim AS builder\nRUN pip install pyinstaller && pyinstaller --onefile app.py\nRUN mkdir -p /result && cp dist/app /result/app\n'), 'ci: a build image: it writes its results to an export folder and starts no program');
    assert.match(role('Dockerfile', 'FROM golang:1.23 AS build\nRUN go build -o /out/app\nFROM scratch AS export\nCOPY --from=build /out/ /\n'), /^ci: a build image: it ends in an empty image of files copied to its root/);
    assert.match(role('Dockerfile.dapper', 'FROM golang:1.23\nENV DAPPER_RUN_ARGS --privileged\n'), /^ci: a Dapper build wrapper/);
    // vaultwarden's docker/Dockerfile.j2 renders the Dockerfiles beside it; its placeholders name no image.
    const j2 = adviseFiles([{ path: 'docker/Dockerfile.j2', text: 'FROM {{ build_stage_image[base].image }} AS build\nRUN cargo build --release\nFROM {{ runtime_stage_base_image[base] }}\nCMD ["/start.sh"]\n' }]).workloads[0];
    assert.equal(`${j2.role}: ${j2.roleReason}`, 'ci: a template the build renders into Dockerfiles');
    assert.ok(!j2.signals.some((x) => x.id === 'hardening.latest-tag'), j2.signals.map((x) => x.message).join('\n'));
    // A binary copied to a path of its own, or an image with a start command, is run: the product.
    assert.match(role('Dockerfile', 'FROM golang:1.23\nRUN go build -o /out/app\nFROM scratch\nCOPY --from=0 /out/app /app\n'), /^product/);
    assert.match(role('Dockerfile', 'FROM python:3.12\nRUN pip install . && cp -r docs /output/\nCMD ["app"]\n'), /^product/);
  });

  it('a Vagrant machine that mounts the repository itself is a development environment, unless its folder says otherwise', () => {
    // gitlab-runner's Windows VMs mount the source tree at C:\\GitLab-Runner to build and test the runner there.
    const vm = (mount: string) => `Vagrant.configure('2') do |config|\n  config.vm.define 'windows_server' do |cfg|\n    cfg.vm.box = 'StefanScherer/windows_2019_docker'\n${mount}  end\nend\n`;
    const role = (path: string, text: string) => {
      const w = adviseFiles([{ path, text }]).workloads[0];
      return `${w.role}: ${w.roleReason}`;
    };
    assert.equal(role('Vagrantfile', vm("    cfg.vm.synced_folder '.', 'C:\\GitLab-Runner'\n")), "development: it mounts the repository's own folder (`synced_folder '.'`) to work on the code");
    assert.match(role('Vagrantfile', vm('    cfg.vm.synced_folder ".", "/vagrant", disabled: true\n')), /^product/);
    assert.match(role('Vagrantfile', vm("    cfg.vm.synced_folder '../data', '/data'\n")), /^product/);
    assert.match(role('examples/win/Vagrantfile', vm("    cfg.vm.synced_folder '.', '/src'\n")), /^example: under examples\//);
  });

  it('a file whose opening comment says it is for development or testing only gives its workloads that role', () => {
    // photoprism's compose.yaml and huggingface/chat-ui's docker-compose.yml open so.
    const svc = 'services:\n  app:\n    image: photoprism/photoprism:develop\n';
    const role = (text: string, path = 'compose.yaml') => {
      const w = adviseFiles([{ path, text }]).workloads[0];
      return `${w.role}: ${w.roleReason}`;
    };
    assert.equal(role(`# FOR TEST AND DEVELOPMENT ONLY, DO NOT USE IN PRODUCTION #\n${svc}`), 'development: its opening comment says "TEST AND DEVELOPMENT ONLY"');
    assert.equal(role(`## For development only\n${svc}`), 'development: its opening comment says "development only"');
    assert.equal(role(`# syntax=docker/dockerfile:1\n# Used for integration testing only\nFROM debian:12\n`, 'Dockerfile'), 'test: its opening comment says "testing only"');
    assert.equal(role(`# Not intended for production use.\n${svc}`), 'development: its opening comment says "Not intended for production"');
    // A comment that only mentions development, or one below the first line of content, says nothing of the file.
    assert.match(role(`# For development, see compose.dev.yaml\n${svc}`), /^product/);
    assert.match(role(`${svc}    # development only\n`), /^product/);
    // Where the folder already says, that stands: Airflow's docs examples open "not intended for PRODUCTION".
    assert.equal(role('# This is an example Dockerfile. It is not intended for PRODUCTION use\nFROM apache/airflow:2.10.3\n', 'docs/examples/extending/Dockerfile'), 'example: under docs/examples/');
  });
});

describe('no workload, no answer', () => {
  const r = adviseFiles([{ path: '.github/workflows/ci.yml', text: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n' }]);

  it('says "No workloads found" in every format, never container', () => {
    assert.equal(r.workloads.length, 0);
    assert.equal(r.verdict, null);
    assert.equal(r.overallFrom, 'none');
    assert.match(renderAdviceText(r), /^Overall: No workloads found /m);
    assert.doesNotMatch(renderAdviceText(r), /Overall: container/);
    assert.match(renderAdviceMarkdown(r), /\*\*Overall: No workloads found\*\*/);
    assert.equal((adviceJson(r) as { verdict: unknown }).verdict, null);
    const sarif = toSarif(r);
    assert.equal(sarif.runs[0].properties?.verdict, null);
    assert.equal(sarif.runs[0].properties?.summary, 'No workloads found');
    assert.equal(statusText(r), 'No workloads found');
  });
});

describe('objects that act on a workload', () => {
  const base = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '',
  ].join('\n');

  it('a Kustomize patch joins the Deployment it patches, and its settings count there', () => {
    const r = adviseFiles([
      { path: 'base/deployment.yaml', text: base },
      { path: 'base/kustomization.yaml', text: 'resources:\n  - deployment.yaml\n' },
      { path: 'overlays/prod/kustomization.yaml', text: 'resources:\n  - ../../base\npatches:\n  - path: privileged.yaml\n' },
      {
        path: 'overlays/prod/privileged.yaml',
        text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: true\n',
      },
    ]);
    assert.deepEqual(
      r.workloads.map((w) => `${w.name} ${w.file}`),
      ['web base/deployment.yaml'],
    );
    const web = r.workloads[0];
    assert.equal(web.verdict, 'container-hardened');
    assert.ok(web.files.includes('overlays/prod/privileged.yaml'));
    assert.ok(web.signals.some((s) => s.file === 'overlays/prod/privileged.yaml' && s.line === 11));
  });

  it('an autoscaler, a Service and an Argo CD Application are not workloads; the autoscaler counts for the Deployment it scales', () => {
    const r = adviseFiles([
      { path: 'k8s/deployment.yaml', text: base },
      { path: 'k8s/hpa.yaml', text: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 10\n' },
      { path: 'k8s/service.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n' },
      { path: 'argocd/app.yaml', text: 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    path: k8s\n' },
    ]);
    assert.deepEqual(
      r.workloads.map((w) => w.file),
      ['k8s/deployment.yaml'],
    );
    assert.ok(r.workloads[0].signals.some((s) => s.file === 'k8s/hpa.yaml'), 'the autoscaler is evidence for the Deployment');
  });
});

describe('evidence that holds only when a value is set', () => {
  it('counts for less than the same setting written as a literal', () => {
    const analysis = (when?: string): FileAnalysis => ({
      file: 'templates/ds.yaml',
      format: 'kubernetes',
      workloads: [{ name: 'agent', kind: 'kubernetes-workload', format: 'kubernetes', file: 'templates/ds.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, extent: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } }],
      findings: [{ signal: 'hardening.privileged', file: 'templates/ds.yaml', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 10 } }, ...(when ? { when } : {}) }],
      problems: [],
    });
    const literal = adviseAnalyses([analysis()])[0];
    const guarded = adviseAnalyses([analysis('.Capabilities.APIVersions.Has "x"')])[0];
    assert.equal(literal.verdict, 'container-hardened');
    assert.equal(guarded.verdict, 'container');
    assert.ok(guarded.signals[0].weight < literal.signals[0].weight);
    assert.match(guarded.signals[0].message, /^Only when \.Capabilities\.APIVersions\.Has "x" holds/);
  });
});

describe('advise --fail-on and files read only in part', () => {
  const repo = join(__dirname, '..', '..', '..');
  const cli = join(repo, 'out', 'test', 'advisor-roles', 'cli.js');
  let ws: string;
  before(() => {
    execFileSync(join(repo, 'node_modules', '.bin', process.platform === 'win32' ? 'esbuild.cmd' : 'esbuild'), ['src/cli.ts', '--bundle', '--platform=node', '--format=cjs', `--outfile=${cli}`, '--log-level=warning'], { cwd: repo });
    ws = mkdtempSync(join(tmpdir(), 'roles-'));
    const put = (rel: string, text: string) => {
      mkdirSync(dirname(join(ws, rel)), { recursive: true });
      writeFileSync(join(ws, rel), text);
    };
    put('compose.yaml', COMPOSE);
    put('testdata/vm.yaml', KUBEVIRT);
    put('big/Dockerfile', `FROM alpine:3.20\n${'RUN true\n'.repeat(400)}`);
  });
  after(() => ws && rmSync(ws, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'advise', ws, ...args], { encoding: 'utf8' });

  it('fails on the product, not on a test fixture', () => {
    const r = run('--fail-on', 'vm', '--allow-incomplete', '--max-file-size', '1KB');
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('a file that could not be read makes --fail-on fail unless --allow-incomplete is given', () => {
    const r = run('--fail-on', 'vm', '--max-file-size', '1KB');
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /1 file could not be read completely/);
    assert.match(r.stdout, /^Incomplete \(1\):$/m);
    assert.match(r.stdout, /big\/Dockerfile/);
    const j = JSON.parse(run('--format', 'json', '--max-file-size', '1KB').stdout);
    assert.deepEqual(j.incomplete.map((f: { file: string }) => f.file), ['big/Dockerfile']);
    assert.equal(run('--fail-on', 'vm').status, 0);
    // Without --fail-on nothing is vouched for: the report lists the file, the exit code stays 0.
    assert.equal(run('--max-file-size', '1KB').status, 0);
  });

  it('--role says which files are which', () => {
    const r = run('--fail-on', 'vm', '--role', 'testdata/**=product', '--allow-incomplete', '--max-file-size', '1KB');
    assert.equal(r.status, 1);
    const bad = run('--role', 'testdata/**=fixture');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--role must be GLOB=ROLE/);
  });
});
