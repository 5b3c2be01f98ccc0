// Podman Quadlet units: told apart from other files with the same names, read as Podman reads unit
// files, explained key by key, and advised as containers systemd runs on the host. Over the real
// units in test/fixtures/quadlet (ORIGIN.tsv).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFiles } from '../../src/core/advisor/advise';
import { parseWith } from '../../src/core/cache';
import { detectFormat, isCandidateName } from '../../src/core/parse/detect';
import type { ConfigModel } from '../../src/core/parse/types';
import { hoverAt as hover } from '../helpers/hoverAt';

const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'quadlet');
const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
const fixtures = ['podman', 'homelab'].flatMap((sub) => readdirSync(join(dir, sub)).map((f) => `${sub}/${f}`));


function workloadOf(path: string, text: string) {
  const report = adviseFiles([{ path, text }]);
  assert.equal(report.workloads.length, 1, `${path}: ${report.workloads.map((w) => w.name).join(', ')}`);
  return report.workloads[0];
}

const ids = (w: { signals: { id: string }[] }) => w.signals.map((s) => s.id);

describe('Podman Quadlet', () => {
  describe('which files are Quadlet units', () => {
    it('reads every real unit of the fixtures as Quadlet, by its name and the section it opens', () => {
      assert.ok(fixtures.length >= 25);
      for (const f of fixtures) {
        assert.ok(isCandidateName(f), `${f} is no scan candidate`);
        assert.equal(detectFormat(f, read(f)), 'quadlet', f);
      }
    });

    it('does not take a .network, .volume, .pod or .image file that is not Quadlet', () => {
      // systemd-networkd's own `.network` files have a [Network] section too.
      assert.equal(detectFormat('10-wired.network', '[Match]\nName=enp1s0\n\n[Network]\nDHCP=yes\n'), null);
      assert.equal(detectFormat('20-lan.network', '[Network]\nAddress=192.168.1.10/24\nGateway=192.168.1.1\n'), null);
      assert.equal(detectFormat('lib/Foo.pod', '=head1 NAME\n\nFoo - a Perl module\n\n=cut\n'), null);
      assert.equal(detectFormat('disk.image', '\u0000\u0001binary[Image]'), null);
      assert.equal(detectFormat('data.volume', 'just some text\n'), null);
      assert.equal(detectFormat('web.container', '[Unit]\nDescription=no Container section\n'), null);
      // Without its text, a Quadlet name alone decides nothing.
      assert.equal(detectFormat('web.container'), null);
      assert.equal(detectFormat('db.network', '[Network]\nSubnet=10.89.0.0/24\nGateway=10.89.0.1\n'), 'quadlet');
    });
  });

  describe('the unit-file syntax', () => {
    it('joins continued lines, skips comments inside them, and keeps repeated keys (podmanargs.container)', () => {
      const model = parseWith('podmanargs.container', read('podman/podmanargs.container')) as ConfigModel;
      const section = model.roots[0].children!.find((s) => s.key === 'Container')!;
      assert.deepEqual(
        section.children!.filter((e) => e.key === 'PodmanArgs').map((e) => e.value),
        ['"--foo" --bar', '--also', '--with-key=value', '--with-space yes'],
      );
      assert.deepEqual(model.problems, []);
    });

    it('a backslash followed by spaces still continues the line (line-continuation-whitespace.container)', () => {
      const model = parseWith('x.container', read('podman/line-continuation-whitespace.container')) as ConfigModel;
      const exec = model.roots[0].children![0].children!.find((e) => e.key === 'Exec')!;
      assert.equal(exec.value, '"/some/binary file" --arg1 "arg 2"');
      assert.equal(exec.range.end.line - exec.range.start.line, 1);
    });

    it('`#` and `;` comment lines are no keys, also when they end in a backslash (comment-with-continuation.container)', () => {
      const text = read('podman/comment-with-continuation.container');
      const model = parseWith('x.container', text) as ConfigModel;
      const keys = model.roots[0].children!.find((s) => s.key === 'Container')!.children!.map((e) => `${e.key}=${e.value}`);
      assert.deepEqual(keys.filter((k) => k.startsWith('Image=') || k.startsWith('ContainerName=')), ['Image=localhost/imagename:latest', 'ContainerName=greatName']);
      assert.equal(hover('x.container', text, 'otherimagename'), null);
    });

    it('a multi-line Environment= of a real unit is one entry (opencloud-collabora.container)', () => {
      const text = read('homelab/opencloud-collabora.container');
      const model = parseWith('opencloud-collabora.container', text) as ConfigModel;
      const extra = model.roots[0].children!.find((s) => s.key === 'Container')!.children!.find((e) => String(e.value).startsWith('extra_params='))!;
      assert.match(String(extra.value), /--o:ssl\.enable=false +--o:ssl\.ssl_verification=true/);
      assert.match(String(extra.value), /home_mode\.enable=false"$/);
      // Hovering a continued line is hovering that Environment= entry.
      assert.equal(hover('opencloud-collabora.container', text, '--o:welcome.enable')?.topic.id, 'quadlet.Environment');
    });

    it('a line that is no entry is a problem, not a crash, and the rest is still read', () => {
      const model = parseWith('x.container', 'Image=before-section\n[Container]\nnot an entry\nImage=docker.io/library/nginx:1.27\n[Broken\n') as ConfigModel;
      assert.equal(model.problems.length, 3, model.problems.map((p) => p.message).join('; '));
      assert.match(model.problems.map((p) => p.message).join('\n'), /before any \[Section\]/);
      const w = workloadOf('x.container', 'Image=before-section\n[Container]\nnot an entry\nImage=docker.io/library/nginx:1.27\n');
      assert.equal(w.image, 'docker.io/library/nginx:1.27');
    });
  });

  describe('hovers', () => {
    // [fixture, needle, topic, what the markdown says]
    const cases: [string, string, string, RegExp][] = [
      ['podman/basic.container', 'Image=', 'quadlet.Image', /host's kernel/],
      ['podman/podmanargs.container', 'PodmanArgs', 'quadlet.PodmanArgs', /--privileged/],
      ['podman/capabilities.container', 'AddCapability', 'quadlet.AddCapability', /SYS_ADMIN/],
      ['podman/capabilities2.container', 'DropCapability', 'quadlet.DropCapability', /capabilit/],
      ['podman/disableselinux.container', 'SecurityLabelDisable', 'quadlet.SecurityLabelDisable', /SELinux/],
      ['podman/network.container', 'Network=', 'quadlet.Network', /`host`: the host's network stack/],
      ['podman/user.container', 'User=', 'quadlet.User', /non-root UID/],
      ['podman/userns.container', 'UserNS', 'quadlet.UserNS', /`keep-id`: the unit's user keeps its own UID/],
      ['podman/volume.container', 'Volume=', 'quadlet.Volume', /named volume/],
      ['homelab/nginx-proxy-manager.container', 'PublishPort', 'quadlet.PublishPort', /publish/i],
      ['podman/readonly.container', 'ReadOnly', 'quadlet.ReadOnly', /The root filesystem is read-only/],
      ['homelab/opencloud-collabora.container', 'Pod=opencloud', 'quadlet.Pod', /network namespace/],
      ['podman/basic.kube', 'Yaml', 'quadlet.Yaml', /run as containers under Podman/],
      ['podman/basic.container', 'Container', 'quadlet.section.Container', /not a VM/],
      ['homelab/vaultwarden.container', 'WantedBy', 'quadlet.WantedBy', /boot/],
    ];
    for (const [file, needle, topic, says] of cases) {
      it(`${needle} in ${file}: ${topic}, with the container-or-VM angle and the reference`, () => {
        const ex = hover(file, read(file), needle);
        assert.ok(ex, `no hover on ${needle}`);
        assert.equal(ex.topic.id, topic);
        assert.match(ex.markdown, says);
        assert.match(ex.markdown, /\*\*Container or VM\?\*\*/);
        assert.match(ex.markdown, /docs\.podman\.io\/en\/latest\/markdown\/podman-systemd\.unit\.5\.html/);
        assert.ok(ex.sources.length > 0);
      });
    }

    it('NoNewPrivileges=true and Network=host are explained, a made-up key and a value-less line are not', () => {
      const text = '[Container]\nImage=docker.io/library/nginx:1.27\nNoNewPrivileges=true\nMadeUpKey=1\n';
      assert.equal(hover('w.container', text, 'NoNewPrivileges')?.topic.id, 'quadlet.NoNewPrivileges');
      assert.match(hover('w.container', text, 'NoNewPrivileges')!.markdown, /Privilege escalation is off/);
      assert.equal(hover('w.container', text, 'MadeUpKey'), null);
    });

    it('the hover on a key lists the advisor\'s finding on that entry', () => {
      const ex = hover('podmanargs.container', '[Container]\nImage=docker.io/library/nginx:1.27\nPodmanArgs=--cap-add \\\n  SYS_ADMIN\n', 'PodmanArgs')!;
      assert.match(ex.markdown, /⚑ \*\*SYS\\_ADMIN\*\* \(evidence toward hardening the container\)/);
    });
  });

  describe('workloads and verdicts', () => {
    it('a plain .container is a container run by systemd on the host', () => {
      const w = workloadOf('basic.container', read('podman/basic.container'));
      assert.deepEqual([w.name, w.kind, w.format, w.verdict, w.image], ['basic', 'quadlet-container', 'quadlet', 'container', 'localhost/imagename']);
      assert.ok(ids(w).includes('existing.quadlet-unit'));
    });

    it('UserNS=keep-id and RemapUsers=keep-id count as a hardening plus', () => {
      for (const f of ['podman/userns.container', 'podman/remap-keep-id.container', 'podman/remap-auto.container']) {
        const w = workloadOf(f, read(f));
        assert.ok(ids(w).includes('cloud-native.user-namespace'), `${f}: ${ids(w).join()}`);
        assert.equal(w.verdict, 'container', f);
      }
    });

    it('Network=host and SecurityLabelDisable=true are findings at their line', () => {
      const net = workloadOf('podman/network.container', read('podman/network.container'));
      const host = net.signals.find((s) => s.id === 'hardening.host-network')!;
      assert.ok(host, ids(net).join());
      assert.equal(read('podman/network.container').split('\n')[host.line - 1], 'Network=host');
      const selinux = workloadOf('podman/disableselinux.container', read('podman/disableselinux.container'));
      assert.ok(ids(selinux).includes('hardening.apparmor-unconfined'), ids(selinux).join());
      assert.equal(workloadOf('podman/network.pod', read('podman/network.pod')).signals.some((s) => s.id === 'hardening.host-network'), true);
    });

    it('PodmanArgs=--privileged, AddCapability=SYS_ADMIN or ALL make a container to harden', () => {
      const privileged = workloadOf('web.container', '[Container]\nImage=docker.io/library/nginx:1.27\nPodmanArgs=--privileged\n');
      assert.ok(ids(privileged).includes('hardening.privileged'));
      assert.equal(privileged.verdict, 'container-hardened');
      assert.match(privileged.signals.find((s) => s.id === 'hardening.privileged')!.message, /`--privileged` in `PodmanArgs=`/);
      const sysadmin = workloadOf('web.container', '[Container]\nImage=docker.io/library/nginx:1.27\nAddCapability=CAP_NET_BIND_SERVICE CAP_SYS_ADMIN\n');
      assert.ok(ids(sysadmin).includes('kernel.cap-sys-admin'), ids(sysadmin).join());
      const all = workloadOf('web.container', '[Container]\nImage=docker.io/library/nginx:1.27\nAddCapability=ALL\n');
      assert.ok(ids(all).includes('kernel.cap-all'), ids(all).join());
      // The podman test unit's capabilities are ordinary ones: no finding.
      const plain = workloadOf('podman/capabilities.container', read('podman/capabilities.container'));
      assert.ok(!ids(plain).some((id) => id.startsWith('kernel.cap')), ids(plain).join());
    });

    it('reads a real rootless homelab unit: health check, restart policy, environment, no hardening finding', () => {
      const w = workloadOf('homelab/nginx-proxy-manager.container', read('homelab/nginx-proxy-manager.container'));
      assert.equal(w.name, 'nginx-proxy-manager');
      assert.equal(w.image, 'docker.io/jc21/nginx-proxy-manager:latest');
      for (const id of ['existing.quadlet-unit', 'cloud-native.healthcheck', 'cloud-native.restart-policy', 'hardening.latest-tag']) assert.ok(ids(w).includes(id), `${id}: ${ids(w).join()}`);
      assert.equal(w.verdict, 'container');
    });

    it('a .pod and a .kube are workloads; a .network, .volume, .image or .build is none', () => {
      assert.equal(workloadOf('homelab/opencloud.pod', read('homelab/opencloud.pod')).kind, 'quadlet-pod');
      assert.equal(workloadOf('podman/basic.kube', read('podman/basic.kube')).kind, 'quadlet-kube');
      for (const f of ['podman/basic.network', 'podman/basic.volume', 'podman/basic.image', 'podman/basic.build', 'homelab/proxy.network']) {
        assert.deepEqual(adviseFiles([{ path: f, text: read(f) }]).workloads, [], f);
      }
    });

    it('a docker socket or the host root in Volume= and /dev/kvm in AddDevice= are found', () => {
      const w = workloadOf('agent.container', '[Container]\nImage=docker.io/library/alpine:3.20\nVolume=/run/podman/podman.sock:/var/run/docker.sock\nVolume=/:/host:ro\nAddDevice=/dev/kvm\n');
      for (const id of ['hardening.docker-socket', 'hardening.host-root-mount', 'kernel.dev-kvm']) assert.ok(ids(w).includes(id), `${id}: ${ids(w).join()}`);
    });
  });
});
