// The claims docs/knowledge-audit.md corrected, asserted as a user meets them: in the hover at a
// position, in a workload's signals, or in the comparison data.
import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';
import { parseWith } from '../../src/core/cache';
import { explainAt, type Explanation } from '../../src/core/explain';
import { classifyImage } from '../../src/core/knowledge/dockerfile';
import { DF } from '../../src/core/knowledge/dockerfile/ids';
import { topicById } from '../../src/core/knowledge/index';

/** The hover (with what the line does) at the first occurrence of `needle` (the nth), in a file of that name. */
function hover(file: string, text: string, needle: string, nth = 0): Explanation | null {
  const model = parseWith(file, text);
  assert.ok(model, `no parser for ${file}`);
  const lines = text.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    let from = 0;
    for (;;) {
      const character = lines[line].indexOf(needle, from);
      if (character < 0) break;
      if (seen++ === nth) return explainAt(model, { line, character: character + 1 }, { generic: true });
      from = character + 1;
    }
  }
  throw new Error(`'${needle}' not in ${file}`);
}

function signalsOf(path: string, text: string) {
  const w = adviseFiles([{ path, text }]).workloads[0];
  assert.ok(w, `no workload in ${path}`);
  return w.signals;
}

describe('knowledge audit: corrected claims', () => {
  describe('Nano Server before and after 1709', () => {
    it('counts the 2016 image (ContainerAdministrator) as root and the later ones (ContainerUser) as non-root', () => {
      for (const ref of ['microsoft/nanoserver:sac2016', 'microsoft/nanoserver:10.0.14393.2551', 'microsoft/nanoserver']) {
        const ids = signalsOf('Dockerfile', `FROM ${ref}\nCMD ["cmd"]\n`).map((s) => s.id);
        assert.ok(ids.includes('hardening.root-user'), `${ref}: ${ids.join()}`);
        assert.ok(!ids.includes('cloud-native.non-root-user'), `${ref}: ${ids.join()}`);
      }
      const later = signalsOf('Dockerfile', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["cmd"]\n').map((s) => s.id);
      assert.ok(later.includes('cloud-native.non-root-user'), later.join());
      assert.ok(!later.includes('hardening.root-user'), later.join());
    });

    it('says the 2016 image has PowerShell and runs as ContainerAdministrator', () => {
      const t = topicById('dockerfile.image.windows-nanoserver')!;
      assert.match(t.does, /Windows Server 2016 image[^;]*includes PowerShell and runs as `ContainerAdministrator`/);
      assert.match(t.does, /1709 and later/);
    });
  });

  it('takes only gcr.io/distroless images for distroless, and does not promise :debug has no shell', () => {
    assert.equal(classifyImage('gcr.io/distroless/static-debian12:nonroot').family, 'distroless');
    assert.notEqual(classifyImage('example/my-distroless-app:1.0').family, 'distroless');
    assert.ok(!classifyImage('example/my-distroless-app:1.0').notes.some((n) => /no shell/i.test(n)));
    assert.ok(classifyImage('gcr.io/distroless/base-debian12:latest').notes.some((n) => /no shell/i.test(n)));
    assert.ok(classifyImage('gcr.io/distroless/base-debian12:debug').notes.some((n) => /BusyBox shell/.test(n)));
  });

  it('says which host the shared firewall is about on a compose port', () => {
    const ex = hover('compose.yaml', 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n', 'ports')!;
    assert.equal(ex.topic.id, 'compose.ports');
    assert.match(ex.markdown, /Windows containers/);
    assert.match(ex.markdown, /ufw/);
  });

  it('does not say Compose or the Engine replace an unhealthy container, and that Kubernetes ignores HEALTHCHECK', () => {
    const df = hover('Dockerfile', 'FROM alpine\nHEALTHCHECK CMD true\n', 'HEALTHCHECK')!;
    assert.match(df.markdown, /only \*\*mark\*\*/);
    assert.match(df.markdown, /Kubernetes ignores/);
    const compose = hover('compose.yaml', 'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["CMD", "true"]\n', 'healthcheck')!;
    assert.match(compose.markdown, /only mark a failing container/);
    assert.doesNotMatch(compose.markdown, /lets an orchestrator replace/);
  });

  it('says a privileged container under Kata acts on the guest VM\'s kernel', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  runtimeClassName: kata\n  containers:\n    - name: c\n      image: busybox\n      securityContext:\n        privileged: true\n';
    const ex = hover('pod.yaml', text, 'privileged')!;
    assert.equal(ex.topic.id, 'kubernetes.securityContext.privileged');
    assert.match(ex.markdown, /guest VM/);
  });

  it('says Hyper-V isolation lets a newer host run an older image, not any host build', () => {
    const notes = classifyImage('mcr.microsoft.com/windows/servercore:ltsc2019').notes.join(' ');
    assert.match(notes, /newer host/);
    assert.doesNotMatch(notes, /matches \([^)]*\), or Hyper-V isolation/);
  });

  it('calls Compose\'s default network the project network, not the default bridge', () => {
    const ex = hover('compose.yaml', 'services:\n  web:\n    image: nginx\n    network_mode: bridge\n', 'network_mode')!;
    assert.match(ex.markdown, /<project>_default/);
    assert.doesNotMatch(ex.markdown, /otherwise the default bridge/);
  });

  it('does not call unless-stopped a restart on failure', () => {
    const signals = signalsOf('compose.yaml', 'services:\n  web:\n    image: nginx\n    restart: unless-stopped\n');
    const restart = signals.find((s) => s.id === 'cloud-native.restart-policy');
    assert.ok(restart, signals.map((s) => s.id).join());
    const text = JSON.stringify(restart);
    assert.doesNotMatch(text, /restarts on failure/);
    assert.match(text, /stopped by hand/);
    const onFailure = signalsOf('compose.yaml', 'services:\n  web:\n    image: nginx\n    restart: on-failure:3\n').find((s) => s.id === 'cloud-native.restart-policy');
    assert.match(JSON.stringify(onFailure), /restarts on failure/);
  });

  it('does not say container hardening is all decided at build time', () => {
    const all = topicById(DF.directive('check'))?.angle ?? '';
    assert.doesNotMatch(all, /hardening are decided at build time, once/);
    assert.match(all, /privileged/);
  });
});
