// The Dockerfile knowledge: the ids the parser's lookup relies on, complete records, valid citations,
// and how FROM references are classified.
import * as assert from 'node:assert/strict';
import { DOCKERFILE_TOPICS, classifyImage, dockerfileTopic } from '../../src/core/knowledge/dockerfile';
import { SOURCES } from '../../src/core/knowledge/sources';
import type { DimensionId } from '../../src/core/knowledge/types';

// Written out by hand (not derived from the module) so that a renamed or dropped id fails here.
const EXPECTED_IDS = [
  ...['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL'].map(
    (n) => `dockerfile.instruction.${n}`,
  ),
  'dockerfile.flag.FROM.platform',
  'dockerfile.flag.RUN.mount',
  'dockerfile.flag.RUN.mount.cache',
  'dockerfile.flag.RUN.mount.secret',
  'dockerfile.flag.RUN.mount.ssh',
  'dockerfile.flag.RUN.mount.bind',
  'dockerfile.flag.RUN.mount.tmpfs',
  'dockerfile.flag.RUN.network',
  'dockerfile.flag.RUN.security',
  'dockerfile.flag.COPY.from',
  'dockerfile.flag.COPY.chown',
  'dockerfile.flag.COPY.chmod',
  'dockerfile.flag.COPY.link',
  'dockerfile.flag.COPY.exclude',
  'dockerfile.flag.COPY.parents',
  'dockerfile.flag.ADD.chown',
  'dockerfile.flag.ADD.chmod',
  'dockerfile.flag.ADD.link',
  'dockerfile.flag.ADD.exclude',
  'dockerfile.flag.ADD.checksum',
  'dockerfile.flag.ADD.keep-git-dir',
  'dockerfile.flag.ADD.unpack',
  'dockerfile.flag.HEALTHCHECK.interval',
  'dockerfile.flag.HEALTHCHECK.timeout',
  'dockerfile.flag.HEALTHCHECK.start-period',
  'dockerfile.flag.HEALTHCHECK.start-interval',
  'dockerfile.flag.HEALTHCHECK.retries',
  'dockerfile.directive.syntax',
  'dockerfile.directive.escape',
  'dockerfile.directive.check',
  'dockerfile.heredoc',
  'dockerfile.line-continuation',
  'dockerfile.stage-name',
  'dockerfile.stage-ref',
  ...['scratch', 'alpine', 'distroless', 'debian', 'ubuntu', 'rhel', 'windows-servercore', 'windows-nanoserver', 'windows', 'busybox', 'language', 'generic', 'tag-latest', 'digest', 'untagged', 'variable'].map(
    (f) => `dockerfile.image.${f}`,
  ),
];

const DIMENSIONS: DimensionId[] = [
  'isolation', 'os-kernel', 'guest-compat', 'deployment', 'os-updates', 'storage', 'load-balancing',
  'fault-tolerance', 'networking', 'startup', 'density', 'performance', 'portability', 'security',
];

describe('Dockerfile knowledge', () => {
  it('has every id the parser looks up, exactly once', () => {
    const ids = DOCKERFILE_TOPICS.map((t) => t.id);
    for (const id of EXPECTED_IDS) assert.equal(ids.filter((x) => x === id).length, 1, `${id} appears once`);
    assert.equal(new Set(ids).size, ids.length, 'no duplicate ids');
  });

  it('has no flags the Dockerfile reference does not define', () => {
    const ids = new Set(DOCKERFILE_TOPICS.map((t) => t.id));
    assert.ok(!ids.has('dockerfile.flag.ADD.from'), 'ADD has no --from');
    assert.ok(!ids.has('dockerfile.flag.ADD.parents'), 'ADD has no --parents');
    for (const id of ids) assert.match(id, /^dockerfile\.(instruction|flag|directive|image)\.|^dockerfile\.(heredoc|line-continuation|stage-name|stage-ref)$/);
  });

  it('gives every topic a title, summary, explanation, angle, dimensions and a reference', () => {
    for (const t of DOCKERFILE_TOPICS) {
      for (const field of ['title', 'summary', 'does', 'angle'] as const) assert.ok(t[field].trim().length > 0, `${t.id}.${field} is filled`);
      assert.ok(!t.summary.includes('\n'), `${t.id}.summary is one line`);
      assert.ok(t.dimensions.length > 0, `${t.id} has dimensions`);
      for (const d of t.dimensions) assert.ok(DIMENSIONS.includes(d), `${t.id}: ${d} is a dimension`);
      assert.ok(t.reference && /^https:\/\//.test(t.reference.url) && t.reference.label.length > 0, `${t.id} has a reference link`);
    }
  });

  it('cites only sections the source documents have', () => {
    for (const t of DOCKERFILE_TOPICS) {
      assert.ok(t.sources.length >= 1, `${t.id} cites a source`);
      for (const c of t.sources) {
        const doc = SOURCES.find((s) => s.id === c.doc);
        assert.ok(doc, `${t.id}: ${c.doc} is a source`);
        assert.ok(doc.sections.includes(c.section), `${t.id}: "${c.section}" is a section of ${c.doc}`);
      }
    }
  });

  it('states the HEALTHCHECK defaults of the reference', () => {
    const does = (id: string): string => dockerfileTopic(id)?.does ?? '';
    assert.match(does('dockerfile.flag.HEALTHCHECK.interval'), /default `30s`/);
    assert.match(does('dockerfile.flag.HEALTHCHECK.timeout'), /default `30s`/);
    assert.match(does('dockerfile.flag.HEALTHCHECK.start-period'), /default `0s`/);
    assert.match(does('dockerfile.flag.HEALTHCHECK.start-interval'), /default `5s`/);
    assert.match(does('dockerfile.flag.HEALTHCHECK.retries'), /default `3`/);
  });

  it('explains the options of each RUN --mount type', () => {
    const does = (type: string): string => dockerfileTopic(`dockerfile.flag.RUN.mount.${type}`)?.does ?? '';
    for (const opt of ['target', 'id', 'sharing', 'from', 'source', 'mode', 'uid', 'gid']) assert.ok(does('cache').includes(`\`${opt}\``), `cache: ${opt}`);
    for (const opt of ['id', 'target', 'env', 'required', 'mode']) assert.ok(does('secret').includes(`\`${opt}`), `secret: ${opt}`);
    for (const opt of ['id', 'target', 'required', 'mode']) assert.ok(does('ssh').includes(`\`${opt}`), `ssh: ${opt}`);
    for (const opt of ['target', 'from', 'source', 'rw']) assert.ok(does('bind').includes(`\`${opt}\``), `bind: ${opt}`);
    for (const opt of ['target', 'size']) assert.ok(does('tmpfs').includes(`\`${opt}\``), `tmpfs: ${opt}`);
  });
});

describe('classifyImage', () => {
  const WINDOWS_HOST = /Windows host: with process isolation its build must match.*Hyper-V isolation/;

  it('scratch: empty base, no tag warning', () => {
    const c = classifyImage('scratch');
    assert.equal(c.family, 'scratch');
    assert.deepEqual(c.topicIds, ['dockerfile.image.scratch']);
    assert.equal(c.os, 'linux');
  });

  it('alpine:3.20: a pinned Alpine tag', () => {
    const c = classifyImage('alpine:3.20');
    assert.equal(c.family, 'alpine');
    assert.deepEqual(c.topicIds, ['dockerfile.image.alpine']);
    assert.equal(c.os, 'linux');
    assert.equal(c.parts.tag, '3.20');
  });

  it('gcr.io/distroless/static-debian12: distroless', () => {
    const c = classifyImage('gcr.io/distroless/static-debian12');
    assert.equal(c.family, 'distroless');
    assert.equal(c.os, 'linux');
    assert.equal(c.parts.registry, 'gcr.io');
    assert.ok(c.topicIds.includes('dockerfile.image.distroless'));
  });

  it('Windows Server Core and Nano Server need a matching Windows host', () => {
    const core = classifyImage('mcr.microsoft.com/windows/servercore:ltsc2022');
    assert.equal(core.family, 'windows-servercore');
    assert.equal(core.os, 'windows');
    assert.deepEqual(core.topicIds, ['dockerfile.image.windows-servercore']);
    assert.ok(core.notes.some((n) => WINDOWS_HOST.test(n) && n.includes('Windows Server 2022')), core.notes.join(' | '));

    const nano = classifyImage('mcr.microsoft.com/windows/nanoserver:ltsc2022');
    assert.equal(nano.family, 'windows-nanoserver');
    assert.equal(nano.os, 'windows');
    assert.ok(nano.notes.some((n) => WINDOWS_HOST.test(n)));

    assert.equal(classifyImage('mcr.microsoft.com/windows/server:ltsc2022').family, 'windows');
    assert.equal(classifyImage('microsoft/windowsservercore').family, 'windows-servercore');
  });

  it('python:3.13-windowsservercore-ltsc2022: a language image on Windows', () => {
    const c = classifyImage('python:3.13-windowsservercore-ltsc2022');
    assert.equal(c.family, 'language');
    assert.equal(c.os, 'windows');
    assert.deepEqual(c.topicIds, ['dockerfile.image.language', 'dockerfile.image.windows-servercore']);
    assert.ok(c.notes.some((n) => WINDOWS_HOST.test(n)));
    assert.equal(classifyImage('python:3.13-slim').os, 'linux');
  });

  it('ubuntu without a tag means latest', () => {
    const c = classifyImage('ubuntu');
    assert.equal(c.family, 'ubuntu');
    assert.deepEqual(c.topicIds, ['dockerfile.image.ubuntu', 'dockerfile.image.untagged']);
    assert.ok(c.notes.some((n) => n.includes(':latest')));
  });

  it('node:latest warns that latest moves', () => {
    const c = classifyImage('node:latest');
    assert.equal(c.family, 'language');
    assert.deepEqual(c.topicIds, ['dockerfile.image.language', 'dockerfile.image.tag-latest']);
    assert.ok(c.notes.some((n) => /moves/.test(n)));
  });

  it('nginx@sha256:… is pinned by digest', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    const c = classifyImage(`nginx@${digest}`);
    assert.equal(c.family, 'generic');
    assert.deepEqual(c.topicIds, ['dockerfile.image.generic', 'dockerfile.image.digest']);
    assert.equal(c.parts.digest, digest);
    assert.equal(c.parts.tag, undefined);
  });

  it('${BASE_IMAGE} and $BASE are only known at build time', () => {
    for (const ref of ['${BASE_IMAGE}', '$BASE', '${WINDOWS_BASE_IMAGE}:${TAG}']) {
      const c = classifyImage(ref);
      assert.equal(c.family, 'variable', ref);
      assert.deepEqual(c.topicIds, ['dockerfile.image.variable']);
      assert.equal(c.os, 'unknown');
    }
    const tagOnly = classifyImage('ubuntu:${UBUNTU_VERSION}');
    assert.equal(tagOnly.family, 'ubuntu');
    assert.deepEqual(tagOnly.topicIds, ['dockerfile.image.ubuntu', 'dockerfile.image.variable']);
  });

  it('registry:5000/team/app:1.2: registry with a port, generic image', () => {
    const c = classifyImage('registry:5000/team/app:1.2');
    assert.equal(c.family, 'generic');
    assert.equal(c.os, 'unknown');
    assert.deepEqual(c.topicIds, ['dockerfile.image.generic']);
    assert.deepEqual(c.parts, { registry: 'registry:5000', path: 'team/app', tag: '1.2' });
  });

  it('reads a whole FROM argument: strips --platform and AS name', () => {
    const c = classifyImage('--platform=linux/arm64 alpine:3.20 AS build');
    assert.equal(c.family, 'alpine');
    assert.equal(c.parts.platform, 'linux/arm64');
    assert.equal(c.parts.tag, '3.20');
    assert.ok(c.notes.some((n) => n.includes('emulation')));
    const native = classifyImage('--platform=$BUILDPLATFORM golang:1.23 AS build');
    assert.equal(native.family, 'language');
    assert.ok(!native.notes.some((n) => n.includes('emulation')));
  });

  it('reads the base an official or vendor image names in its tag', () => {
    const nginx = classifyImage('nginx:1.27.4-alpine');
    assert.equal(nginx.family, 'generic');
    assert.equal(nginx.os, 'linux');
    assert.deepEqual(nginx.topicIds, ['dockerfile.image.generic', 'dockerfile.image.alpine']);
    assert.deepEqual(classifyImage('eclipse-temurin:21-jre-noble').topicIds, ['dockerfile.image.language', 'dockerfile.image.ubuntu']);
    assert.deepEqual(classifyImage('buildpack-deps:bookworm-scm').topicIds, ['dockerfile.image.generic', 'dockerfile.image.debian']);
    const repoVar = classifyImage('$REPO:4.8.1-windowsservercore-ltsc2025');
    assert.equal(repoVar.family, 'variable');
    assert.equal(repoVar.os, 'windows');
    assert.ok(repoVar.notes.some((n) => n.includes('Windows Server 2025')), repoVar.notes.join(' | '));
    assert.equal(classifyImage('postgres:17').os, 'unknown');
  });

  it('the Red Hat family, by several names', () => {
    for (const ref of ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'redhat/ubi9', 'fedora:40', 'quay.io/centos/centos:stream9', 'rockylinux:9', 'almalinux:9', 'oraclelinux:9', 'amazonlinux:2023', 'registry.fedoraproject.org/fedora:latest']) {
      assert.equal(classifyImage(ref).family, 'rhel', ref);
    }
  });

  it('a name matching an earlier stage is a stage reference', () => {
    const c = classifyImage('Build', { stages: ['base', 'build'] });
    assert.equal(c.family, 'stage');
    assert.deepEqual(c.topicIds, ['dockerfile.stage-ref']);
    assert.equal(classifyImage('build').family, 'generic');
  });

  it('every topic id it returns exists', () => {
    for (const ref of ['scratch', 'busybox', 'debian:bookworm-slim', 'mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022', 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022', 'eclipse-temurin:21']) {
      const c = classifyImage(ref);
      for (const id of c.topicIds) assert.ok(dockerfileTopic(id), `${ref}: ${id}`);
    }
    assert.equal(classifyImage('mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022').os, 'windows');
    assert.equal(classifyImage('mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022').os, 'windows');
  });
});
