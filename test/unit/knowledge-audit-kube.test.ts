// Corrected Kubernetes, KubeVirt and cloud-init claims, asserted as a user meets them: in the hover
// at a position, or in the record a topic id names.
import * as assert from 'node:assert/strict';
import { topicById } from '../../src/core/knowledge/index';
import { hoverAt as hover } from '../helpers/hoverAt';


const pod = (lines: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n${lines}`;

const vm = (features: string) =>
  `apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: v\nspec:\n  template:\n    spec:\n      domain:\n        features:\n${features}        devices: {}\n`;

describe('knowledge audit: Kubernetes, KubeVirt and cloud-init', () => {
  describe('Kubernetes', () => {
    it('runAsGroup: 0 is the root group, not "uid 0: runs as root"', () => {
      const text = pod('      securityContext:\n        runAsUser: 1000\n        runAsGroup: 0\n');
      const group = hover('pod.yaml', text, 'runAsGroup')!;
      assert.equal(group.topic.id, 'kubernetes.securityContext.runAsGroup');
      assert.match(group.markdown, /gid \*\*0\*\*/);
      assert.doesNotMatch(group.markdown, /uid \*\*0\*\*/);
      const user = hover('pod.yaml', pod('      securityContext:\n        runAsUser: 0\n'), 'runAsUser')!;
      assert.equal(user.topic.id, 'kubernetes.securityContext.runAsUser');
      assert.match(user.markdown, /uid \*\*0\*\*: runs as root/);
    });

    it('initialDelaySeconds delays startup probes too', () => {
      const text = pod('      startupProbe:\n        httpGet:\n          path: /\n          port: 80\n        initialDelaySeconds: 5\n');
      const ex = hover('pod.yaml', text, 'initialDelaySeconds')!;
      assert.equal(ex.topic.id, 'kubernetes.probe.initialDelaySeconds');
      assert.match(ex.topic.does, /startup, liveness or readiness/);
    });

    it('a hostPort is unique per port, protocol and host IP on a node, not per node', () => {
      assert.match(topicById('kubernetes.hostPort')!.does, /port, protocol and host IP/);
    });

    it('a DaemonSet runs on the nodes it selects, by default all', () => {
      const ex = hover('ds.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\n', 'DaemonSet')!;
      assert.match(ex.markdown, /each node it selects \(every node by default\)/);
    });
  });

  describe('KubeVirt features', () => {
    it('pvspinlock cites v1.FeatureState, the type the API gives it, and claims no default', () => {
      const ex = hover('vm.yaml', vm('          pvspinlock:\n            enabled: false\n'), 'pvspinlock')!;
      assert.equal(ex.topic.id, 'kubevirt.domain.features.pvspinlock');
      assert.equal(ex.topic.reference!.url, 'https://kubevirt.io/api-reference/main/definitions.html#_v1_featurestate');
      assert.doesNotMatch(ex.topic.summary, /on by default/);
    });

    it('apic left out follows the machine type', () => {
      const t = topicById('kubevirt.domain.features.apic')!;
      assert.match(t.summary, /machine type decides/);
      assert.doesNotMatch(t.summary, /on by default/);
    });
  });

  describe('cloud-init', () => {
    it('chpasswd.expire is on by default', () => {
      const ex = hover('user-data', '#cloud-config\nchpasswd:\n  expire: false\n', 'expire')!;
      assert.equal(ex.topic.id, 'cloud-init.chpasswd');
      assert.match(ex.topic.does, /`expire` is on by default/);
    });

    it('random_seed.command_required is about a missing command', () => {
      assert.match(topicById('cloud-init.random_seed')!.does, /`command_required: true` makes a missing command an error/);
    });

    it('disable_ec2_metadata blocks the IPv4 address only, with a route root can remove', () => {
      const ex = hover('user-data', '#cloud-config\ndisable_ec2_metadata: true\n', 'disable_ec2_metadata')!;
      assert.match(ex.markdown, /IPv4 metadata address/);
      assert.doesNotMatch(ex.markdown, /no process in this machine can reach/);
      assert.match(ex.topic.does, /IPv6 metadata endpoint is not blocked/);
    });

    it('chef exec starts chef-client as a daemon, not a single run', () => {
      const t = topicById('cloud-init.chef')!;
      assert.match(t.does, /as a daemon that converges every 30 minutes/);
      assert.doesNotMatch(t.does, /runs the client once/);
    });

    it('mcollective sets conf settings in server.cfg rather than appending them', () => {
      assert.match(topicById('cloud-init.mcollective')!.does, /sets each `conf` setting in `\/etc\/mcollective\/server\.cfg`/);
    });

    it('cloud-init checks the autoinstall version and installer', () => {
      assert.match(topicById('cloud-init.autoinstall')!.does, /cloud-init only checks that it has a `version`/);
    });

    it('no_ssh_fingerprints is about the authorized keys cloud-init logs', () => {
      assert.match(topicById('cloud-init.ssh')!.does, /`no_ssh_fingerprints` stops cloud-init logging the fingerprints of users' authorized keys/);
    });

    it('growpart has its own topic and reference; its settings keep a hover', () => {
      const text = '#cloud-config\ngrowpart:\n  mode: auto\n  devices: ["/"]\n  ignore_growroot_disabled: false\nresize_rootfs: noblock\n';
      const g = hover('user-data', text, 'growpart:')!;
      assert.equal(g.topic.id, 'cloud-init.growpart');
      assert.equal(g.topic.reference!.url, 'https://cloudinit.readthedocs.io/en/latest/reference/modules.html#growpart');
      for (const key of ['mode', 'devices', 'ignore_growroot_disabled']) assert.equal(hover('user-data', text, key)!.topic.id, 'cloud-init.growpart', key);
      const r = hover('user-data', text, 'resize_rootfs')!;
      assert.equal(r.topic.id, 'cloud-init.resize_rootfs');
      assert.match(r.topic.does, /`noblock` does it in the background/);
    });
  });
});
