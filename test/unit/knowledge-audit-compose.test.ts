// Claims of the Compose, Bake, devcontainer and Quadlet records corrected against their references
// (the Compose file reference, podman-systemd.unit(5)), asserted in the hover a user sees.
import * as assert from 'node:assert/strict';
import { parseWith } from '../../src/core/cache';
import { explainAt, type Explanation } from '../../src/core/explain';

/** The hover (with what the line does) at the first occurrence of `needle`, in a file of that name. */
function hover(file: string, text: string, needle: string): Explanation {
  const model = parseWith(file, text);
  assert.ok(model, `no parser for ${file}`);
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const character = lines[line].indexOf(needle);
    if (character >= 0) {
      const ex = explainAt(model, { line, character: character + 1 }, { generic: true });
      assert.ok(ex, `no hover on ${needle}`);
      return ex;
    }
  }
  throw new Error(`'${needle}' not in ${file}`);
}

const unit = (body: string) => `[Container]\nImage=docker.io/library/nginx:1.27\n${body}\n`;

describe('knowledge audit: Compose, Bake, devcontainer and Quadlet', () => {
  it('Quadlet ExposeHostPort= has its own topic: it publishes nothing, unlike PublishPort=', () => {
    const ex = hover('web.container', unit('ExposeHostPort=8080'), 'ExposeHostPort');
    assert.equal(ex.topic.id, 'quadlet.ExposeHostPort');
    assert.match(ex.markdown, /publishes nothing/);
    assert.match(ex.markdown, /`PublishPort=`/);
    assert.doesNotMatch(ex.markdown, /Publishes a container port/);
    assert.equal(hover('web.container', unit('PublishPort=8080:80'), 'PublishPort').topic.id, 'quadlet.PublishPort');
  });

  it('Quadlet PublishPort= does not give every host the Windows shared-firewall claim', () => {
    const ex = hover('web.container', unit('PublishPort=8080:80'), 'PublishPort');
    assert.doesNotMatch(ex.markdown, /share the host's addresses and firewall/);
    assert.match(ex.markdown, /Windows containers/);
  });

  it('Quadlet HealthCmd= says a failing check only marks the container unhealthy by default', () => {
    const ex = hover('web.container', unit('HealthCmd=curl -f http://localhost/'), 'HealthCmd');
    assert.equal(ex.topic.id, 'quadlet.HealthCmd');
    assert.match(ex.markdown, /only marks the container unhealthy \(`HealthOnFailure=none`\)/);
    assert.doesNotMatch(ex.markdown, /found by its health check is replaced/);
  });

  it('Quadlet WantedBy=default.target is not said to be for user units only', () => {
    const ex = hover('web.container', `${unit('')}[Install]\nWantedBy=default.target\n`, 'WantedBy');
    assert.equal(ex.topic.id, 'quadlet.WantedBy');
    assert.match(ex.markdown, /starts a system unit at boot and a user unit/);
    assert.doesNotMatch(ex.markdown, /`default.target` \(for a user unit\)/);
  });

  it('compose ports: the host port is optional, and without one a free port is picked', () => {
    const ex = hover('compose.yaml', 'services:\n  web:\n    image: nginx\n    ports:\n      - "80"\n', 'ports');
    assert.equal(ex.topic.id, 'compose.ports');
    assert.match(ex.markdown, /`\[HOST:\]CONTAINER\[\/protocol\]`/);
    assert.match(ex.markdown, /with no host port, a free one is picked/);
    assert.match(ex.markdown, /Windows containers/);
  });

  it('devcontainer runServices and updateRemoteUserUID are explained by the records that show on them', () => {
    const dc = '.devcontainer/devcontainer.json';
    const compose = '{\n  "dockerComposeFile": "compose.yaml",\n  "service": "app",\n  "runServices": ["app", "db"]\n}\n';
    const run = hover(dc, compose, 'runServices');
    assert.equal(run.topic.id, 'devcontainer.service');
    assert.match(run.markdown, /`runServices` lists the services started with it \(all of them by default\)/);
    const uid = hover(dc, '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",\n  "updateRemoteUserUID": false\n}\n', 'updateRemoteUserUID');
    assert.equal(uid.topic.id, 'devcontainer.remoteUser');
    assert.match(uid.markdown, /`updateRemoteUserUID` \(on by default\)/);
  });
});
