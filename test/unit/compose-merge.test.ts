// Compose files read together, as `docker compose` reads them: extends (same file and another file),
// include, the default override file and named variants, with the evidence at the line that set it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFiles, adviseWorkspace, type AdviceReport, type AdviceWorkload } from '../../src/core/advisor/advise';
import { MemoryFs } from '../../src/core/memoryFs';
import { analysisOfModel, liveWorkloads, reportSliceFor } from '../../src/core/advisor/live';
import { moduleFor } from '../../src/core/registry';

const services = (r: AdviceReport) => r.workloads.filter((w) => w.kind === 'compose-service');
const one = (r: AdviceReport, name: string): AdviceWorkload => {
  const found = services(r).filter((w) => w.name === name);
  assert.equal(found.length, 1, `one workload named ${name}, got ${found.map((w) => `${w.file}:${w.line}`).join(', ') || 'none'}`);
  return found[0];
};
const where = (w: AdviceWorkload, id: string) => w.signals.filter((s) => s.id === id).map((s) => `${s.file}:${s.line}`);

describe('compose across files: extends', () => {
  it('a service that extends a privileged service in the same file is privileged too, the evidence at the base service line', () => {
    const r = adviseFiles([{ path: 'compose.yaml', text: 'services:\n  base:\n    image: alpine:3.20\n    privileged: true\n  web:\n    extends: base\n    ports:\n      - "8080:80"\n' }]);
    const web = one(r, 'web');
    assert.equal(web.verdict, 'container-hardened');
    assert.deepEqual(where(web, 'hardening.privileged'), ['compose.yaml:4']);
    assert.equal(one(r, 'base').verdict, 'container-hardened', 'the base service is a service of its own too');
  });

  it('a value the extending service sets replaces the inherited one', () => {
    const r = adviseFiles([{ path: 'compose.yaml', text: 'services:\n  base:\n    image: alpine:3.20\n    privileged: true\n  web:\n    extends:\n      service: base\n    privileged: false\n' }]);
    assert.deepEqual(where(one(r, 'web'), 'hardening.privileged'), []);
    assert.equal(one(r, 'web').verdict, 'container');
  });

  it('extends from another file: the evidence points at that file, and a template file is no workload of its own', () => {
    const r = adviseFiles([
      { path: 'app/compose.yaml', text: 'services:\n  web:\n    extends:\n      file: ../common/services.yml\n      service: hardened\n    image: nginx:1.27\n' },
      { path: 'common/services.yml', text: 'services:\n  hardened:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n    network_mode: host\n' },
    ]);
    const web = one(r, 'web');
    assert.equal(web.file, 'app/compose.yaml');
    assert.deepEqual(where(web, 'hardening.host-network'), ['common/services.yml:6']);
    assert.ok(web.files.includes('common/services.yml'));
    assert.equal(services(r).filter((w) => w.name === 'hardened').length, 0, 'services.yml only holds templates');
    assert.equal(web.image, 'nginx:1.27');
  });

  it('a cycle of extends ends with a note, not a hang', () => {
    const r = adviseFiles([{ path: 'compose.yaml', text: 'services:\n  a:\n    extends: b\n    privileged: true\n  b:\n    extends: a\n    image: alpine:3.20\n' }]);
    assert.equal(services(r).length, 2);
    assert.ok(r.notes.some((n) => n.file === 'compose.yaml' && /cycle/.test(n.message)), JSON.stringify(r.notes));
    assert.equal(one(r, 'a').verdict, 'container-hardened', 'a is privileged itself');
  });

  it('a missing extends file or service is a note; the service is judged on what it says itself', () => {
    const r = adviseFiles([{ path: 'compose.yaml', text: 'services:\n  web:\n    extends:\n      file: gone.yml\n      service: x\n    privileged: true\n  api:\n    extends: nowhere\n    image: alpine:3.20\n' }]);
    assert.equal(one(r, 'web').verdict, 'container-hardened');
    assert.ok(r.notes.some((n) => n.message === 'line 3: `extends` of service `web` names `gone.yml`, which is not among the scanned compose files (missing, excluded or skipped): left out'), JSON.stringify(r.notes));
    assert.ok(r.notes.some((n) => /line 8: service `api` extends `nowhere`, which this project does not define/.test(n.message)), JSON.stringify(r.notes));
  });
});

describe('compose across files: include', () => {
  it('an included service is one workload, and the override of the including project changes it', () => {
    const r = adviseFiles([
      { path: 'compose.yaml', text: 'include:\n  - db/compose.db.yaml\nservices:\n  web:\n    image: nginx:1.27\n' },
      { path: 'db/compose.db.yaml', text: 'services:\n  db:\n    image: postgres:16\n' },
      { path: 'compose.override.yaml', text: 'services:\n  db:\n    cap_add:\n      - SYS_ADMIN\n' },
    ]);
    const db = one(r, 'db');
    assert.equal(db.file, 'db/compose.db.yaml');
    assert.deepEqual(where(db, 'kernel.cap-sys-admin'), ['compose.override.yaml:4']);
    assert.deepEqual(db.files, ['db/compose.db.yaml', 'compose.override.yaml']);
  });

  it('a missing include, one outside the folder and a cycle of includes are notes', () => {
    const r = adviseFiles([
      { path: 'p/compose.yaml', text: 'include:\n  - missing.yaml\n  - ../../elsewhere/compose.yaml\n  - path: [a.yaml]\nservices:\n  web:\n    image: nginx:1.27\n' },
      { path: 'p/a.yaml', text: 'include:\n  - compose.yaml\nservices:\n  a:\n    image: alpine:3.20\n' },
    ]);
    const notes = r.notes.map((n) => `${n.file} ${n.message}`);
    assert.ok(notes.includes('p/compose.yaml line 2: `include` names `missing.yaml`, which is not among the scanned compose files (missing, excluded or skipped): left out'), notes.join('\n'));
    assert.ok(notes.includes('p/compose.yaml line 3: `include` names `../../elsewhere/compose.yaml`, which lies outside the scanned folder: not read'), notes.join('\n'));
    assert.ok(notes.some((n) => /^p\/a\.yaml line 2: .*cycle/.test(n)), notes.join('\n'));
    assert.deepEqual(services(r).map((w) => w.name).sort(), ['a', 'web']);
  });
});

describe('compose across files: override files', () => {
  const base = 'services:\n  app:\n    image: example/app:1.0\n    user: root\n    privileged: true\n  cache:\n    image: redis:7\n';

  it('compose.override.yaml adding privileged: one workload at the base file, the evidence at the override line', () => {
    const r = adviseFiles([
      { path: 'compose.yaml', text: 'services:\n  app:\n    image: example/app:1.0\n' },
      { path: 'compose.override.yaml', text: 'services:\n  app:\n    privileged: true\n' },
    ]);
    const app = one(r, 'app');
    assert.equal(app.file, 'compose.yaml');
    assert.equal(app.verdict, 'container-hardened');
    assert.deepEqual(where(app, 'hardening.privileged'), ['compose.override.yaml:3']);
  });

  it('an override that takes privileged back and sets a user replaces the base values', () => {
    const r = adviseFiles([
      { path: 'docker-compose.yml', text: base },
      { path: 'docker-compose.override.yml', text: 'services:\n  app:\n    privileged: false\n    user: "1000:1000"\n' },
    ]);
    const app = one(r, 'app');
    assert.deepEqual(where(app, 'hardening.privileged'), []);
    assert.deepEqual(where(app, 'hardening.root-user'), []);
    assert.deepEqual(where(app, 'cloud-native.non-root-user'), ['docker-compose.override.yml:4']);
    assert.equal(app.verdict, 'container');
  });

  it('an override that removes nothing keeps every base value, and its new service stands alone', () => {
    const r = adviseFiles([
      { path: 'compose.yaml', text: base },
      { path: 'compose.override.yml', text: 'services:\n  app:\n    ports:\n      - "8080:80"\n  debug:\n    image: busybox:1.36\n    pid: host\n' },
    ]);
    const app = one(r, 'app');
    assert.deepEqual(where(app, 'hardening.privileged'), ['compose.yaml:5']);
    assert.equal(app.verdict, 'container-hardened');
    assert.equal(one(r, 'debug').file, 'compose.override.yml');
    assert.equal(one(r, 'cache').verdict, 'container');
    assert.equal(services(r).length, 3);
  });

  it('sequences are appended once per value, !reset drops what the base set', () => {
    const r = adviseFiles([
      { path: 'compose.yaml', text: 'services:\n  app:\n    image: example/app:1.0\n    cap_add:\n      - SYS_ADMIN\n    devices:\n      - /dev/kvm:/dev/kvm\n' },
      { path: 'compose.override.yaml', text: 'services:\n  app:\n    cap_add:\n      - SYS_ADMIN\n      - NET_ADMIN\n    devices: !reset []\n' },
    ]);
    const app = one(r, 'app');
    assert.deepEqual(where(app, 'kernel.cap-sys-admin'), ['compose.override.yaml:4']);
    assert.equal(where(app, 'state-network.net-admin').length, 1);
    assert.deepEqual(app.signals.filter((s) => s.file === 'compose.yaml' && s.line === 7), [], 'the device was reset');
  });

  it('a named variant whose services are the base ones is judged merged where it names them; the base stays as it is', () => {
    const r = adviseFiles([
      { path: 'compose.yaml', text: base },
      { path: 'compose.prod.yaml', text: 'services:\n  app:\n    privileged: false\n    read_only: true\n' },
      { path: 'compose.gpu.yaml', text: 'services:\n  app:\n    runtime: nvidia\n' },
      { path: 'compose.other.yaml', text: 'services:\n  other:\n    image: alpine:3.20\n    network_mode: host\n' },
    ]);
    const apps = services(r).filter((w) => w.name.startsWith('app'));
    assert.deepEqual(apps.map((w) => w.file), ['compose.gpu.yaml', 'compose.prod.yaml', 'compose.yaml']);
    // The report tells the three apart by the file each is judged at.
    assert.deepEqual(apps.map((w) => w.name), ['app (compose.gpu.yaml)', 'app (compose.prod.yaml)', 'app (compose.yaml)']);
    const prod = apps.find((w) => w.file === 'compose.prod.yaml')!;
    assert.deepEqual(where(prod, 'hardening.privileged'), []);
    assert.deepEqual(where(prod, 'hardening.root-user'), ['compose.yaml:4']);
    const gpu = apps.find((w) => w.file === 'compose.gpu.yaml')!;
    assert.deepEqual(where(gpu, 'hardening.privileged'), ['compose.yaml:5'], 'the gpu variant is read without the prod one');
    assert.equal(apps.find((w) => w.file === 'compose.yaml')!.verdict, 'container-hardened');
    assert.equal(one(r, 'other').file, 'compose.other.yaml', 'a variant with services of its own is a project of its own');
  });

  it('an overlay kept apart from its base (an override file in a folder of its own, a fragment beside base.yml) is read over the nearest base above it', () => {
    // mailcow's helper-scripts/docker-compose.override.yml.d/*/docker-compose.override.yml, to be copied
    // next to docker-compose.yml; Airflow's scripts/ci/docker-compose/backend-*.yml beside base.yml.
    const r = adviseFiles([
      { path: 'docker-compose.yml', text: 'services:\n  clamd:\n    image: ghcr.io/mailcow/clamd:1.70\n    restart: always\n  watchdog:\n    image: ghcr.io/mailcow/watchdog:2.08\n' },
      { path: 'helper-scripts/overrides/EXTERNAL_DNS/docker-compose.override.yml', text: 'services:\n  clamd:\n    dns:\n      - 192.0.2.53\n  watchdog:\n    environment:\n      - CHECK_UNBOUND=0\n' },
      { path: 'helper-scripts/overrides/BUILD_FLAGS/docker-compose.override.yml', text: 'services:\n  clamd:\n    build: ./data/Dockerfiles/clamd\n' },
      { path: 'scripts/ci/base.yml', text: 'services:\n  airflow:\n    image: apache/airflow:2.10.3\n' },
      { path: 'scripts/ci/backend-sqlite.yml', text: 'services:\n  airflow:\n    privileged: true\n' },
    ]);
    // An overlay entry that finds nothing of its own is no workload; one that does is judged over its base.
    assert.deepEqual(r.workloads.map((w) => w.name).sort(), ['airflow (backend-sqlite.yml)', 'airflow (base.yml)', 'clamd', 'watchdog', 'watchdog (EXTERNAL_DNS)']);
    const watchdog = r.workloads.find((w) => w.file.includes('EXTERNAL_DNS'))!;
    assert.deepEqual(watchdog.files, ['helper-scripts/overrides/EXTERNAL_DNS/docker-compose.override.yml', 'docker-compose.yml']);
    const sqlite = r.workloads.find((w) => w.file === 'scripts/ci/backend-sqlite.yml')!;
    assert.equal(sqlite.image, 'apache/airflow:2.10.3');
    assert.equal(sqlite.verdict, 'container-hardened');
  });

  it('a folder scan merges the override and says nothing about files it did not need', async () => {
    const fs = new MemoryFs({ '/w/compose.yaml': 'services:\n  app:\n    image: example/app:1.0\n', '/w/compose.override.yaml': 'services:\n  app:\n    network_mode: host\n' });
    const r = await adviseWorkspace(fs, ['/w']);
    const app = one(r, 'app');
    assert.deepEqual(where(app, 'hardening.host-network'), ['compose.override.yaml:3']);
    assert.deepEqual(r.notes, []);
  });
});

describe('compose across files: the editor view of one file', () => {
  const files = { 'compose.yaml': 'services:\n  app:\n    image: example/app:1.0\n    privileged: true\n', 'compose.override.yaml': 'services:\n  app:\n    privileged: false\n    cap_add:\n      - SYS_PTRACE\n' };
  const report = adviseFiles(Object.entries(files).map(([path, text]) => ({ path, text })));
  const live = (file: keyof typeof files, slice: boolean) => {
    const model = moduleFor('compose')!.parse(files[file], file);
    const analysis = analysisOfModel(model, file)!;
    return liveWorkloads(analysis, slice ? reportSliceFor(report, file) : report);
  };

  for (const slice of [false, true]) {
    it(`an open override file shows the merged service's verdict${slice ? ' (from the report slice)' : ''}`, () => {
      const [w] = live('compose.override.yaml', slice);
      assert.equal(w.verdict, one(report, 'app').verdict);
      assert.deepEqual(w.signals.map((s) => `${s.id}@${s.file}:${s.line}`).sort(), one(report, 'app').signals.map((s) => `${s.id}@${s.file}:${s.line}`).sort());
    });
    it(`the open base file leaves out what the override replaced${slice ? ' (from the report slice)' : ''}`, () => {
      const [w] = live('compose.yaml', slice);
      assert.equal(w.verdict, one(report, 'app').verdict);
      assert.deepEqual(where(w, 'hardening.privileged'), []);
    });
  }
});

describe('compose across files: real projects (test/fixtures/compose-merge, see ORIGIN.md)', () => {
  const root = 'test/fixtures/compose-merge';
  const read = (folder: string, names: string[]) => names.map((n) => ({ path: `${folder}/${n}`, text: readFileSync(join(root, folder, n), 'utf8') }));

  it('netbox-docker: docker-compose.test.yml is judged merged into docker-compose.yml, each value at the line of the file that set it', () => {
    const r = adviseFiles(read('netbox-docker', ['docker-compose.yml', 'docker-compose.test.yml', 'docker-compose.test.override.yml']));
    assert.deepEqual(r.notes, []);
    const netbox = services(r).filter((w) => w.name.startsWith('netbox ('));
    assert.deepEqual(netbox.map((w) => w.file), ['netbox-docker/docker-compose.test.override.yml', 'netbox-docker/docker-compose.test.yml', 'netbox-docker/docker-compose.yml']);
    const test = netbox[1];
    assert.deepEqual(test.files, ['netbox-docker/docker-compose.test.yml', 'netbox-docker/docker-compose.yml']);
    // The test file sets its own user, env_file and healthcheck: those of the base file no longer count.
    assert.deepEqual(where(test, 'cloud-native.healthcheck'), ['netbox-docker/docker-compose.test.yml:15']);
    assert.deepEqual(where(test, 'cloud-native.non-root-user'), ['netbox-docker/docker-compose.test.yml:12']);
    // The override of the test setup only publishes a port: the base file's settings are what it runs with.
    assert.deepEqual(where(netbox[0], 'cloud-native.healthcheck'), ['netbox-docker/docker-compose.yml:10']);
    // A service the test file copies in with `<<: *netbox` replaces the base's copies too.
    const worker = services(r).find((w) => w.name.startsWith('netbox-worker (') && w.file.endsWith('test.yml'))!;
    assert.deepEqual(where(worker, 'cloud-native.non-root-user'), ['netbox-docker/docker-compose.test.yml:21']);
    // The test postgres keeps the base's data volume, which the test file does not change.
    const postgres = services(r).find((w) => w.name.startsWith('postgres (') && w.file.endsWith('test.yml'))!;
    assert.deepEqual(where(postgres, 'state-network.database-local-disk'), ['netbox-docker/docker-compose.yml:58']);
    assert.equal(services(r).filter((w) => w.file === 'netbox-docker/docker-compose.yml').length, 6, 'the base project is judged as it is');
  });

  it('immich: with the extends its guide says to uncomment, the server takes the rkmpp settings from hwaccel.transcoding.yml', () => {
    const [compose, hwaccel] = read('immich', ['docker-compose.yml', 'hwaccel.transcoding.yml']);
    const asIs = adviseFiles([compose, hwaccel]);
    assert.equal(one(asIs, 'immich-server').verdict, 'container', 'the extends is commented out as shipped');
    assert.equal(one(asIs, 'rkmpp').file, 'immich/hwaccel.transcoding.yml');
    const uncommented = compose.text.replace('    # extends:\n    #   file: hwaccel.transcoding.yml\n    #   service: cpu', '    extends:\n      file: hwaccel.transcoding.yml\n      service: rkmpp');
    assert.notEqual(uncommented, compose.text);
    const r = adviseFiles([{ ...compose, text: uncommented }, hwaccel]);
    const server = one(r, 'immich-server');
    assert.equal(one(asIs, 'immich-server').scores.harden, 0);
    assert.equal(server.scores.harden, one(asIs, 'rkmpp').scores.harden, 'as much to harden as the rkmpp template has');
    assert.deepEqual(where(server, 'hardening.apparmor-unconfined'), ['immich/hwaccel.transcoding.yml:32', 'immich/hwaccel.transcoding.yml:33']);
    assert.deepEqual(where(server, 'cloud-native.healthcheck'), ['immich/docker-compose.yml:31']);
    assert.equal(services(r).filter((w) => w.file === 'immich/hwaccel.transcoding.yml').length, 0, 'hwaccel.transcoding.yml holds only templates');
    assert.deepEqual(r.notes, []);
  });

  it('docker/compose test data: extends from another file and include are followed without a note', () => {
    const r = adviseFiles([
      ...read('docker-compose-e2e/extends', ['compose.yaml', 'common.yaml']),
      ...read('docker-compose-e2e/include', ['compose.yaml', 'common.yaml']),
      ...read('docker-compose-e2e/oci', ['compose.yaml', 'extends.yaml', 'compose-override.yaml']),
    ]);
    assert.deepEqual(r.notes, []);
    const test = services(r).find((w) => w.file === 'docker-compose-e2e/extends/compose.yaml')!;
    assert.equal(test.image, 'bar');
    assert.deepEqual(where(test, 'hardening.latest-tag'), ['docker-compose-e2e/extends/common.yaml:3']);
    assert.deepEqual(services(r).filter((w) => w.file.startsWith('docker-compose-e2e/include/')).map((w) => w.name).sort(), ['foo', 'test (include)']);
    const app = services(r).find((w) => w.file === 'docker-compose-e2e/oci/compose.yaml')!;
    assert.deepEqual(app.files, ['docker-compose-e2e/oci/compose.yaml', 'docker-compose-e2e/oci/extends.yaml']);
  });
});

describe('compose across files: hostile input', () => {
  it('a chain of 20,000 services each extending the next ends with an answer, not a crash', () => {
    const n = 20_000;
    const lines = ['services:'];
    for (let i = 0; i < n; i++) lines.push(`  s${i}:`, i + 1 < n ? `    extends: s${i + 1}` : '    privileged: true', '    image: alpine:3.20');
    const r = adviseFiles([{ path: 'compose.yaml', text: lines.join('\n') + '\n' }]);
    assert.equal(services(r).length, n);
    assert.equal(one(r, `s${n - 1}`).verdict, 'container-hardened');
  });
});

describe('compose across files: Rancher 1.x', () => {
  it("rancher-compose.yml (scale and health checks for docker-compose.yml's services) adds no services of its own", () => {
    const r = adviseFiles([
      { path: 'docker-compose.yml', text: 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n' },
      { path: 'rancher-compose.yml', text: "version: '2'\nservices:\n  web:\n    scale: 2\n    start_on_create: true\n  db:\n    scale: 1\n" },
    ]);
    assert.deepEqual(r.workloads.map((w) => `${w.file}:${w.name}`).sort(), ['docker-compose.yml:db', 'docker-compose.yml:web']);
  });
});
