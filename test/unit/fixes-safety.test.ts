// The quick fixes on the files that used to break: flow collections, JSON, merge keys, comments,
// anchors, `USER root`, heredocs, CRLF. Each case is what a user would get from the light bulb (or
// from `fix`): the checked fixes of core/fixCheck.ts, applied to the text.
import * as assert from 'node:assert/strict';
import { findingsFor } from '../../src/core/advisor/findings';
import type { Finding } from '../../src/core/advisor/types';
import { parseWith } from '../../src/core/cache';
import { checkedFixesFor, checkedHealthcheck, checkFix, fixDocument } from '../../src/core/fixCheck';
import { applyEdits, type FixResult } from '../../src/core/fixes';
import type { DockerfileModel } from '../../src/core/parse/dockerfile';

/** The checked fixes for the first finding of `signal` in the file. */
function fixes(file: string, text: string, signal: string): FixResult {
  const model = parseWith(file, text);
  assert.ok(model, `${file} parses`);
  const findings = findingsFor(model);
  const finding = findings.find((f) => f.signal === signal);
  assert.ok(finding, `${signal} found in ${JSON.stringify(text)} (found: ${findings.map((f) => f.signal).join(', ')})`);
  const r = checkedFixesFor({ model, text, finding: finding as Finding, findings });
  assert.ok(r, `${signal} has a fixer`);
  return r;
}

const fixed = (file: string, text: string, signal: string, i = 0) => {
  const r = fixes(file, text, signal);
  assert.ok(r.fixes[i], `a fix is offered for ${signal}: ${r.why ?? ''}`);
  return applyEdits(text, r.fixes[i].edits);
};

describe('quick fixes that never break a file', () => {
  describe('compose: privileged', () => {
    it('removes one pair from a flow mapping, keeping the service and its ports', () => {
      const text = 'services:\n  web: {image: "nginx:1", privileged: true, ports: ["80:80"]}\n';
      assert.equal(fixed('compose.yaml', text, 'hardening.privileged'), 'services:\n  web: {image: "nginx:1", ports: ["80:80"]}\n');
    });

    it('edits a one-line JSON compose file in place', () => {
      const text = '{"services":{"web":{"image":"nginx:1","privileged":true}}}';
      assert.equal(fixed('docker-compose.yml', text, 'hardening.privileged'), '{"services":{"web":{"image":"nginx:1"}}}');
    });

    it('keeps the other keys of a flow mapping written over several lines', () => {
      const text = 'services:\n  web: {\n    image: "nginx:1",\n    privileged: true,\n    ports: ["80:80"]\n  }\n';
      assert.equal(fixed('compose.yaml', text, 'hardening.privileged'), 'services:\n  web: {\n    image: "nginx:1",\n    ports: ["80:80"]\n  }\n');
    });

    it('keeps a merge key and what it brings', () => {
      const text = 'x-common: &common\n  restart: always\n  image: nginx:1\nservices:\n  web:\n    <<: *common\n    privileged: true\n';
      assert.equal(fixed('compose.yaml', text, 'hardening.privileged'), 'x-common: &common\n  restart: always\n  image: nginx:1\nservices:\n  web:\n    <<: *common\n');
    });

    it('adds the capability inside the flow list, not inside the comment after it', () => {
      const text = 'services:\n  vpn:\n    image: linuxserver/wireguard:1\n    privileged: true\n    cap_add: [SYS_TIME] # see [1]\n';
      assert.equal(fixed('compose.yaml', text, 'hardening.privileged'), 'services:\n  vpn:\n    image: linuxserver/wireguard:1\n    cap_add: [SYS_TIME, NET_ADMIN] # see [1]\n');
    });

    it('keeps a comment that sat after the flag', () => {
      const text = 'services:\n  web:\n    image: nginx:1\n    privileged: true # asked for by ops\n    restart: always\n';
      assert.equal(fixed('compose.yaml', text, 'hardening.privileged'), 'services:\n  web:\n    image: nginx:1\n    # asked for by ops\n    restart: always\n');
    });

    it('keeps CRLF line ends and a missing final newline', () => {
      const text = 'services:\r\n  vpn:\r\n    image: openvpn:2\r\n    privileged: true';
      assert.equal(fixed('compose.yaml', text, 'hardening.privileged'), 'services:\r\n  vpn:\r\n    image: openvpn:2\r\n    cap_add:\r\n      - NET_ADMIN');
    });
  });

  describe('kubernetes: securityContext', () => {
    const deploy = (containers: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n${containers}`;

    it('removes privileged from a flow securityContext and keeps its other keys', () => {
      const text = deploy('      containers:\n      - name: web\n        image: nginx:1\n        securityContext: {privileged: true, runAsUser: 1000, readOnlyRootFilesystem: true}\n');
      assert.equal(fixed('deploy.yaml', text, 'hardening.privileged'), text.replace('{privileged: true, runAsUser: 1000,', '{runAsUser: 1000,'));
    });

    it('adds a securityContext to each container of a flow containers list', () => {
      const text = deploy('      containers: [{name: a, image: "nginx:1"}, {name: b, image: "busybox:1"}]\n');
      const out = fixed('deploy.yaml', text, 'hardening.no-security-context');
      assert.equal(out, text.replace('image: "nginx:1"}', 'image: "nginx:1", securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true}}').replace('image: "busybox:1"}', 'image: "busybox:1", securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true}}'));
    });

    it('edits a flow pod spec in flow style', () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "nginx:1"}]}\n';
      const out = fixed('pod.yaml', text, 'hardening.no-security-context');
      assert.equal(out, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "nginx:1", securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true}}]}\n');
    });

    it('keeps nested flow maps when adding a key', () => {
      const text = deploy('      containers:\n      - name: web\n        image: nginx:1\n        securityContext: {capabilities: {drop: [ALL]}, allowPrivilegeEscalation: true}\n');
      assert.equal(fixed('deploy.yaml', text, 'hardening.privilege-escalation'), text.replace('allowPrivilegeEscalation: true}', 'allowPrivilegeEscalation: false}'));
      const flag = deploy('      containers:\n      - name: web\n        image: nginx:1\n        securityContext: {capabilities: {drop: [ALL]}, privileged: true}\n');
      assert.equal(fixed('deploy.yaml', flag, 'hardening.privileged'), flag.replace(', privileged: true}', '}'));
    });

    it('says so when the securityContext goes with the flag it held alone', () => {
      const text = deploy('      containers:\n      - name: web\n        image: nginx:1\n        securityContext:\n          privileged: true\n');
      const r = fixes('deploy.yaml', text, 'hardening.privileged');
      assert.equal(r.fixes.length, 1);
      assert.match(r.fixes[0].title, /and the securityContext it is alone in/);
      assert.equal(applyEdits(text, r.fixes[0].edits), deploy('      containers:\n      - name: web\n        image: nginx:1\n'));
    });

    it('does not change a securityContext shared through an anchor', () => {
      const text = deploy('      containers:\n      - name: a\n        image: nginx:1\n        securityContext: &sc\n          allowPrivilegeEscalation: true\n      - name: b\n        image: nginx:1\n        securityContext: *sc\n');
      const r = fixes('deploy.yaml', text, 'hardening.privilege-escalation');
      for (const f of r.fixes) {
        // Whatever is offered must name the sharing; nothing silent.
        assert.match(f.title, /shared|anchor|alias/i, f.title);
      }
      if (r.fixes.length === 0) assert.match(r.why ?? '', /anchor|shared|alias|more than/i);
    });
  });

  describe('dockerfile: USER', () => {
    it('goes after a later `USER root`, so the image does not still run as root', () => {
      const text = 'FROM alpine:3.20\nRUN apk add curl\nUSER root\nCMD ["sh"]\n';
      assert.equal(fixed('Dockerfile', text, 'hardening.root-user'), 'FROM alpine:3.20\nRUN apk add curl\nUSER root\n# Unprivileged at run time: files the process writes must be writable by uid 10001.\nUSER 10001\nCMD ["sh"]\n');
    });

    it('goes after a heredoc body, not inside it', () => {
      const text = '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nCMD ["sh"]\n';
      assert.equal(fixed('Dockerfile', text, 'hardening.root-user'), '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n# Unprivileged at run time: files the process writes must be writable by uid 10001.\nUSER 10001\nCMD ["sh"]\n');
    });

    it('keeps CRLF and the escape directive', () => {
      const text = '# escape=`\r\nFROM alpine:3.20\r\nRUN echo a `\r\n  b\r\nCMD ["sh"]\r\n';
      assert.equal(fixed('Dockerfile', text, 'hardening.root-user'), '# escape=`\r\nFROM alpine:3.20\r\nRUN echo a `\r\n  b\r\n# Unprivileged at run time: files the process writes must be writable by uid 10001.\r\nUSER 10001\r\nCMD ["sh"]\r\n');
    });

    it('is not offered after a line continuation at the end of the file, which would swallow it', () => {
      const text = 'FROM alpine:3.20\nRUN apk add curl \\\n';
      const r = fixes('Dockerfile', text, 'hardening.root-user');
      assert.deepEqual(r.fixes, []);
      assert.match(r.why ?? '', /another instruction/);
    });

    it('offers the HEALTHCHECK only when it reads back as one', () => {
      const text = 'FROM debian:12\nRUN apt-get install -y curl\nEXPOSE 8080\nCMD ["serve"]\n';
      const hc = checkedHealthcheck(parseWith('Dockerfile', text) as DockerfileModel, text);
      assert.equal(hc.length, 1);
      assert.match(applyEdits(text, hc[0].edits), /EXPOSE 8080\nHEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http:\/\/localhost:8080\/ \|\| exit 1\nCMD/);
    });
  });

  describe('the check itself', () => {
    it('refuses an edit that changes more than it declares', () => {
      const text = 'services:\n  web:\n    image: nginx:1\n    privileged: true\n    restart: always\n';
      const model = parseWith('compose.yaml', text);
      assert.ok(model);
      const tooMuch = { title: 'Remove privileged', edits: [{ range: { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } }, newText: '' }], changes: [{ kind: 'config' as const, op: 'delete' as const, path: ['services', 'web', 'privileged'] }] };
      assert.match(checkFix('compose.yaml', text, model, tooMuch, 'hardening.privileged') ?? '', /more than its title says/);
      const broken = { ...tooMuch, edits: [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 5 } }, newText: '' }] };
      assert.ok(checkFix('compose.yaml', text, model, broken, 'hardening.privileged'));
      const right = { ...tooMuch, edits: [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: '' }] };
      assert.equal(checkFix('compose.yaml', text, model, right, 'hardening.privileged'), undefined);
    });
  });

  describe('a whole file', () => {
    it('applies each preferred fix once and leaves the rest as it was', () => {
      const text = 'services:\n  vpn:\n    image: linuxserver/wireguard:1\n    privileged: true\n  web:\n    image: nginx:1\n    privileged: true\n';
      const r = fixDocument('compose.yaml', text);
      // The VPN's capability is the preferred fix; taking the flag from the web server is a person's call.
      assert.deepEqual(r.applied.map((a) => a.signal), ['hardening.privileged']);
      assert.equal(r.withheld.length, 1);
      assert.match(r.withheld[0].why, /No fix is clearly right/);
      assert.equal(r.text, 'services:\n  vpn:\n    image: linuxserver/wireguard:1\n    cap_add:\n      - NET_ADMIN\n  web:\n    image: nginx:1\n    privileged: true\n');
    });

    it('applies a runtime class only when its signal is named', () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: judge\nspec:\n  containers:\n  - name: run\n    image: judge0/judge0:1.13\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n';
      const plain = fixDocument('pod.yaml', text);
      assert.ok(!plain.text.includes('runtimeClassName'));
      const asked = fixDocument('pod.yaml', text, { signals: ['sandboxing.code-execution'] });
      assert.match(asked.text, /\n  runtimeClassName: gvisor\n  containers:/);
    });
  });
});
