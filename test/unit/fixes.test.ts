import * as assert from 'node:assert/strict';
import type { Finding } from '../../src/core/advisor/types';
import { parseWith } from '../../src/core/cache';
import { applyEdits, dockerfileHealthcheck, fixesFor, type FixResult } from '../../src/core/fixes';
import type { DockerfileModel } from '../../src/core/parse/dockerfile';

/** The finding of `signal` on the first line containing `marker`. */
function findingAt(text: string, signal: string, marker: string, file: string): Finding {
  const line = text.split('\n').findIndex((l) => l.includes(marker));
  assert.ok(line >= 0, `no line with ${marker}`);
  const character = text.split('\n')[line].indexOf(marker);
  return { signal, file, range: { start: { line, character }, end: { line, character: character + marker.length } } };
}

function fix(file: string, text: string, signal: string, marker: string, findings: Finding[] = []): FixResult {
  const model = parseWith(file, text);
  assert.ok(model, `${file} parses`);
  const r = fixesFor({ model, text, finding: findingAt(text, signal, marker, file), findings });
  assert.ok(r, `${signal} has a fixer for ${file}`);
  return r;
}

const applied = (text: string, r: FixResult, i = 0) => applyEdits(text, r.fixes[i].edits);

describe('quick fix: non-root USER in a Dockerfile', () => {
  it('adds USER 10001 after the last build step of the final stage, before CMD', () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 8080\nCMD ["/app"]\n';
    const r = fix('Dockerfile', text, 'hardening.root-user', 'FROM alpine');
    assert.equal(r.fixes.length, 1);
    assert.equal(r.fixes[0].preferred, true);
    assert.equal(
      applied(text, r),
      'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\n' +
        '# Unprivileged at run time: files the process writes must be writable by uid 10001.\nUSER 10001\nEXPOSE 8080\nCMD ["/app"]\n',
    );
  });

  it('works on a file without a final newline, and leaves it without one', () => {
    const text = 'FROM alpine\nRUN apk add curl';
    assert.equal(applied(text, fix('Dockerfile', text, 'hardening.root-user', 'FROM')), 'FROM alpine\nRUN apk add curl\n# Unprivileged at run time: files the process writes must be writable by uid 10001.\nUSER 10001');
  });

  it('replaces USER root only by adding a later USER, and offers nothing when the user is already not root', () => {
    const root = 'FROM alpine\nUSER root\nRUN true\n';
    assert.match(applied(root, fix('Dockerfile', root, 'hardening.root-user', 'USER')), /RUN true\n# Unprivileged.*\nUSER 10001\n$/);
    assert.deepEqual(fix('Dockerfile', 'FROM alpine\nUSER app\n', 'hardening.root-user', 'FROM').fixes, []);
  });

  it('explains instead of fixing when a non-root user could not start the workload', () => {
    const cases: [string, RegExp][] = [
      ['FROM nginx\nEXPOSE 80\n', /port 80, below 1024/],
      ['FROM postgres\nVOLUME /var/lib/postgresql/data\n', /VOLUME/],
      ['FROM debian\nENTRYPOINT ["gosu", "app", "run"]\n', /switches users/],
      ['FROM debian\nENTRYPOINT ["/docker-entrypoint.sh"]\n', /entrypoint script/],
      ['FROM mcr.microsoft.com/windows/servercore:ltsc2022\n', /Windows/],
    ];
    for (const [text, why] of cases) {
      const r = fix('Dockerfile', text, 'hardening.root-user', 'FROM');
      assert.deepEqual(r.fixes, [], text);
      assert.match(r.why ?? '', why, text);
    }
  });
});

describe('quick fix: HEALTHCHECK in a Dockerfile', () => {
  const hc = (text: string) => dockerfileHealthcheck(parseWith('Dockerfile', text) as DockerfileModel, text);

  it('calls the exposed HTTP port with the client the image installs, before CMD', () => {
    const text = 'FROM debian\nRUN apt-get update && apt-get install -y curl\nEXPOSE 8080\nCMD ["serve"]\n';
    const r = hc(text);
    assert.equal(applyEdits(text, r.fixes[0].edits), 'FROM debian\nRUN apt-get update && apt-get install -y curl\nEXPOSE 8080\nHEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http://localhost:8080/ || exit 1\nCMD ["serve"]\n');
  });

  it('offers nothing without an HTTP port or a client, and says why', () => {
    assert.match(hc('FROM debian\nRUN apt-get install -y curl\n').why ?? '', /No HTTP port/);
    assert.match(hc('FROM debian\nEXPOSE 8080\n').why ?? '', /Neither curl nor wget/);
    assert.deepEqual(hc('FROM debian\nEXPOSE 8080\nRUN apk add wget\nHEALTHCHECK CMD true\n').fixes, []);
  });
});

describe('quick fix: privileged in a compose service', () => {
  it('replaces privileged with the capability a VPN needs', () => {
    const text = 'services:\n  vpn:\n    image: lscr.io/linuxserver/wireguard\n    privileged: true\n    ports:\n      - 51820:51820/udp\n';
    const r = fix('compose.yaml', text, 'hardening.privileged', 'privileged');
    assert.equal(r.fixes.length, 1);
    assert.equal(r.fixes[0].preferred, true);
    assert.equal(applied(text, r), 'services:\n  vpn:\n    image: lscr.io/linuxserver/wireguard\n    cap_add:\n      - NET_ADMIN\n    ports:\n      - 51820:51820/udp\n');
  });

  it('adds to an existing cap_add list, block or flow', () => {
    const block = 'services:\n  vpn:\n    image: openvpn\n    cap_add:\n      - NET_RAW\n    privileged: true\n';
    assert.equal(applied(block, fix('compose.yaml', block, 'hardening.privileged', 'privileged')), 'services:\n  vpn:\n    image: openvpn\n    cap_add:\n      - NET_RAW\n      - NET_ADMIN\n');
    const flow = 'services:\n  vpn:\n    image: openvpn\n    privileged: true\n    cap_add: [NET_RAW]\n';
    assert.equal(applied(flow, fix('compose.yaml', flow, 'hardening.privileged', 'privileged')), 'services:\n  vpn:\n    image: openvpn\n    cap_add: [NET_RAW, NET_ADMIN]\n');
  });

  it('takes capabilities from the service’s other evidence', () => {
    const text = 'services:\n  clock:\n    image: example/thing\n    privileged: true\n  other:\n    image: x\n';
    const evidence = findingAt(text, 'kernel.cap-sys-time', 'image: example', 'compose.yaml');
    assert.match(applied(text, fix('compose.yaml', text, 'hardening.privileged', 'privileged', [evidence])), /cap_add:\n      - SYS_TIME\n  other:/);
  });

  it('offers a plain removal when nothing shows a need, and nothing for Docker-in-Docker', () => {
    const plain = 'services:\n  web:\n    image: nginx\n    privileged: true\n';
    const r = fix('compose.yaml', plain, 'hardening.privileged', 'privileged');
    assert.notEqual(r.fixes[0].preferred, true);
    assert.equal(applied(plain, r), 'services:\n  web:\n    image: nginx\n');
    const dind = 'services:\n  ci:\n    image: docker:27-dind\n    privileged: true\n';
    const d = fix('compose.yaml', dind, 'hardening.privileged', 'privileged');
    assert.deepEqual(d.fixes, []);
    assert.match(d.why ?? '', /containers or an init system inside/);
  });
});

describe('quick fix: privileged in a Kubernetes container', () => {
  const pod = (kind: string, container: string[], extra: string[] = []) =>
    ['apiVersion: apps/v1', `kind: ${kind}`, 'metadata:', '  name: app', 'spec:', '  template:', '    spec:', '      containers:', ...container, ...extra, ''].join('\n');

  it('replaces privileged with the capability a VPN needs, at the flag\'s place', () => {
    const text = pod('Deployment', ['      - name: vpn', '        image: linuxserver/wireguard:1.0', '        securityContext:', '          privileged: true', '          runAsNonRoot: true']);
    const r = fix('deploy.yaml', text, 'hardening.privileged', 'privileged');
    assert.equal(r.fixes.length, 1);
    assert.equal(r.fixes[0].preferred, true);
    assert.match(r.fixes[0].title, /capabilities\.add: \[NET_ADMIN\]` in container `vpn`/);
    assert.equal(
      applied(text, r),
      pod('Deployment', ['      - name: vpn', '        image: linuxserver/wireguard:1.0', '        securityContext:', '          capabilities:', '            add:', '            - NET_ADMIN', '          runAsNonRoot: true']),
    );
  });

  it('offers a plain removal when nothing shows a need', () => {
    const text = pod('Deployment', ['      - name: web', '        image: nginx:1.27', '        securityContext:', '          privileged: true']);
    const r = fix('deploy.yaml', text, 'hardening.privileged', 'privileged');
    assert.notEqual(r.fixes[0].preferred, true);
    // The securityContext held only the flag, so it goes too; other keys stay.
    assert.equal(applied(text, r), pod('Deployment', ['      - name: web', '        image: nginx:1.27']));
    const more = pod('Deployment', ['      - name: web', '        image: nginx:1.27', '        securityContext:', '          privileged: true', '          runAsNonRoot: true']);
    assert.equal(applied(more, fix('deploy.yaml', more, 'hardening.privileged', 'privileged')), pod('Deployment', ['      - name: web', '        image: nginx:1.27', '        securityContext:', '          runAsNonRoot: true']));
  });

  it('explains instead of fixing for a DaemonSet, host paths, nested containers and an existing capabilities block', () => {
    const flag = ['        securityContext:', '          privileged: true'];
    const cases: [string, RegExp][] = [
      [pod('DaemonSet', ['      - name: csi', '        image: csi-node:1', ...flag]), /DaemonSet usually runs a node agent/],
      [pod('Deployment', ['      - name: agent', '        image: agent:1', ...flag], ['      volumes:', '      - name: dev', '        hostPath: {path: /dev}']), /mounts host paths/],
      [pod('Deployment', ['      - name: ci', '        image: docker:27-dind', ...flag]), /containers or an init system inside/],
      [pod('Deployment', ['      - name: vpn', '        image: openvpn:2', ...flag, '          capabilities:', '            add: [NET_RAW]']), /add NET_ADMIN to it/],
    ];
    for (const [text, why] of cases) {
      const r = fix('deploy.yaml', text, 'hardening.privileged', 'privileged');
      assert.deepEqual(r.fixes, [], text);
      assert.match(r.why ?? '', why);
    }
  });
});

describe('quick fix: Kubernetes securityContext and runtimeClassName', () => {
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx',
    '          ports:',
    '            - containerPort: 80',
    '        - name: side',
    '          image: busybox',
    '',
  ].join('\n');

  it('creates a securityContext at the container’s indentation when there is none', () => {
    const r = fix('deploy.yaml', deployment, 'hardening.no-security-context', '- name: web');
    assert.equal(r.fixes.length, 1);
    assert.equal(
      applied(deployment, r),
      deployment.replace(
        '            - containerPort: 80\n',
        '            - containerPort: 80\n          securityContext:\n            allowPrivilegeEscalation: false\n            runAsNonRoot: true\n',
      ),
    );
  });

  it('adds the missing key to an existing securityContext and corrects a wrong value', () => {
    const text = deployment.replace('          image: nginx\n', '          image: nginx\n          securityContext:\n              allowPrivilegeEscalation: true\n              readOnlyRootFilesystem: true\n');
    const esc = fix('deploy.yaml', text, 'hardening.privilege-escalation', 'allowPrivilegeEscalation');
    assert.equal(applied(text, esc), text.replace('allowPrivilegeEscalation: true', 'allowPrivilegeEscalation: false'));
    const root = fix('deploy.yaml', text, 'hardening.root-user', 'allowPrivilegeEscalation');
    assert.equal(applied(text, root), text.replace('              readOnlyRootFilesystem: true\n', '              readOnlyRootFilesystem: true\n              runAsNonRoot: true\n'));
  });

  it('fills an empty flow securityContext in flow style', () => {
    const text = deployment.replace('          image: busybox\n', '          image: busybox\n          securityContext: {}\n');
    const r = fix('deploy.yaml', text, 'hardening.no-security-context', 'securityContext: {}');
    assert.equal(applied(text, r), text.replace('          securityContext: {}\n', '          securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true}\n'));
  });

  it('puts every container of the pod in a fix for a finding outside them', () => {
    const r = fix('deploy.yaml', deployment, 'hardening.no-security-context', 'kind: Deployment');
    assert.match(r.fixes[0].title, /2 containers/);
    assert.equal((applied(deployment, r).match(/securityContext:/g) ?? []).length, 2);
  });

  it('adds runtimeClassName (gVisor preferred, Kata offered) in the pod spec, before containers', () => {
    const r = fix('deploy.yaml', deployment, 'sandboxing.code-execution', '- name: web');
    assert.deepEqual(r.fixes.map((f) => f.preferred), [true, false]);
    assert.equal(applied(deployment, r, 0), deployment.replace('      containers:\n', '      runtimeClassName: gvisor\n      containers:\n'));
    assert.equal(applied(deployment, r, 1), deployment.replace('      containers:\n', '      runtimeClassName: kata\n      containers:\n'));
  });

  it('works with four-space indentation and a bare Pod', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: judge\nspec:\n    containers:\n    -   name: run\n        image: judge0\n';
    const r = fix('pod.yaml', pod, 'hardening.no-security-context', 'name: run');
    assert.equal(applied(pod, r), pod + '        securityContext:\n            allowPrivilegeEscalation: false\n            runAsNonRoot: true\n');
    const rc = fix('pod.yaml', pod, 'sandboxing.code-execution', 'name: run');
    assert.equal(applied(pod, rc), pod.replace('    containers:\n', '    runtimeClassName: gvisor\n    containers:\n'));
  });
});

describe('quick fix: Kubernetes root user asked for explicitly', () => {
  it('explains instead of adding runAsNonRoot next to runAsUser: 0', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n  - name: runner\n    image: gitlab/gitlab-runner:v17.0.0\n    securityContext:\n      runAsUser: 0\n';
    const r = fix('pod.yaml', pod, 'hardening.root-user', 'runAsUser');
    assert.deepEqual(r.fixes, []);
    assert.match(r.why ?? '', /runAsUser: 0/);
  });
});
