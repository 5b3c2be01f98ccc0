// What a hover on a Dockerfile says: the right topic for each part of a line, and notes that speak
// to this very line (root or not, SSH, insecure builds, Windows bases, foreign platforms).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { explainAt, type Explanation } from '../../src/core/explain';
import { parseDockerfile } from '../../src/core/parse/dockerfile';
import { dockerfileTopicAt } from '../../src/core/parse/dockerfile-topics';
import { corpusDockerfiles } from './dockerfile-corpus';

const KNOWN = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** Explains the first occurrence of `needle` on the line that contains it (0-based line found by search). */
function at(text: string, needle: string, nth = 0): Explanation | null {
  const lines = text.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    const character = lines[line].indexOf(needle);
    if (character >= 0 && seen++ === nth) return explainAt(parseDockerfile(text, 'Dockerfile'), { line, character }, { generic: true });
  }
  throw new Error(`'${needle}' not in text`);
}

const topicAt = (text: string, needle: string, nth = 0) => at(text, needle, nth)?.topic.id ?? null;

describe('Dockerfile hover', () => {
  it('explains the keyword of every instruction in the corpus', () => {
    const missing: string[] = [];
    let count = 0;
    for (const f of corpusDockerfiles()) {
      const m = parseDockerfile(readFileSync(f, 'utf8'), f);
      for (const ins of m.instructions) {
        if (!KNOWN.has(ins.keyword)) continue;
        count++;
        const ex = explainAt(m, ins.keywordRange.start, { generic: true });
        if (ex?.topic.id !== `dockerfile.instruction.${ins.keyword}`) missing.push(`${f}:${ins.range.start.line + 1} ${ins.keyword} -> ${ex?.topic.id}`);
      }
    }
    assert.ok(count > 2000, `${count} instructions`);
    assert.deepEqual(missing.slice(0, 10), []);
  });

  it('finds flag, directive, stage, heredoc and image topics', () => {
    const df = [
      '# syntax=docker/dockerfile:1',
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'RUN --mount=type=cache,target=/root/.cache go build',
      'RUN --mount=type=secret,id=token cat /run/secrets/token',
      'RUN <<EOF',
      'apt-get update',
      'EOF',
      'FROM alpine:3.20',
      'COPY --from=build --chmod=755 /out /app',
      'HEALTHCHECK --interval=30s CMD wget -q localhost',
      'RUN apk add \\',
      '    curl',
    ].join('\n');
    assert.equal(topicAt(df, 'syntax'), 'dockerfile.directive.syntax');
    assert.equal(topicAt(df, '--platform'), 'dockerfile.flag.FROM.platform');
    assert.equal(topicAt(df, 'type=cache'), 'dockerfile.flag.RUN.mount.cache');
    assert.equal(topicAt(df, 'type=secret'), 'dockerfile.flag.RUN.mount.secret');
    assert.equal(topicAt(df, '<<EOF'), 'dockerfile.heredoc');
    assert.equal(topicAt(df, 'AS build'.slice(3)), 'dockerfile.stage-name');
    assert.equal(topicAt(df, 'build --chmod'), 'dockerfile.stage-ref');
    assert.equal(topicAt(df, '--from'), 'dockerfile.flag.COPY.from');
    assert.equal(topicAt(df, '--chmod'), 'dockerfile.flag.COPY.chmod');
    assert.equal(topicAt(df, '--interval'), 'dockerfile.flag.HEALTHCHECK.interval');
    assert.equal(topicAt(df, '\\'), 'dockerfile.line-continuation');
    assert.equal(topicAt(df, 'alpine'), 'dockerfile.image.alpine');
    assert.match(at(df, '--platform')!.markdown, /builder's own CPU architecture/);
  });

  it('says whether USER is root, and whether it is the user that ships', () => {
    const root = at('FROM debian:12\nUSER root\nRUN apt-get update\n', 'USER')!;
    assert.match(root.markdown, /runs? as root/);
    assert.match(root.markdown, /This is the user the container runs as/);
    const uid0 = at('FROM debian:12\nUSER 0:0\n', 'USER')!;
    assert.match(uid0.markdown, /run as root \(uid 0\)/);
    const app = at('FROM debian:12\nUSER 1000\n', 'USER')!;
    assert.match(app.markdown, /non-root user/);
    assert.doesNotMatch(app.markdown, /uid 0/);
    const builder = at('FROM golang:1.22 AS build\nUSER root\nFROM alpine:3.20\nUSER app\n', 'USER root')!;
    assert.match(builder.markdown, /This stage does not ship/);
  });

  it('says on the final FROM when no USER is set', () => {
    const df = 'FROM golang:1.22 AS build\nUSER 1000\nFROM python:3.12-slim\nCMD ["python"]\n';
    const final = at(df, 'FROM', 1)!;
    assert.match(final.markdown, /no `USER` here or in the stages it builds on/);
    assert.match(final.markdown, /root for most Linux images/);
    const first = at(df, 'FROM', 0)!;
    assert.doesNotMatch(first.markdown, /Final stage/);
    const nonroot = at('FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /\n', 'FROM')!;
    assert.match(nonroot.markdown, /built to run as a non-root user/);
    assert.doesNotMatch(nonroot.markdown, /root for most Linux images/);
    const withUser = at('FROM python:3.12-slim\nUSER app\n', 'FROM')!;
    assert.match(withUser.markdown, /it runs as `app` \(`USER app`, line 2\)/);
  });

  it('flags EXPOSE 22, RUN --security=insecure and database volumes', () => {
    assert.match(at('FROM ubuntu:24.04\nEXPOSE 80 22/tcp\n', 'EXPOSE')!.markdown, /SSH server is a habit carried over from VMs/);
    assert.doesNotMatch(at('FROM ubuntu:24.04\nEXPOSE 80\n', 'EXPOSE')!.markdown, /On this line/);
    const insecure = 'FROM alpine:3.20\nRUN --security=insecure mount -t tmpfs none /mnt\n';
    assert.match(at(insecure, 'RUN')!.markdown, /without the build sandbox/);
    assert.equal(topicAt(insecure, '--security'), 'dockerfile.flag.RUN.security');
    assert.match(at(insecure, '--security')!.markdown, /security\.insecure/);
    assert.match(at('FROM postgres:16\nVOLUME /var/lib/postgresql/data\n', 'VOLUME')!.markdown, /holds database files/);
    assert.doesNotMatch(at('FROM nginx:1.27\nVOLUME /cache\n', 'VOLUME')!.markdown, /database/);
  });

  it('explains Windows bases, pinned platforms and unpinned tags', () => {
    const win = at('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n', 'mcr.microsoft.com')!;
    assert.match(win.markdown, /Windows image, so a Windows host/);
    assert.match(win.markdown, /Hyper-V isolation/);
    assert.match(at('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n', 'FROM')!.markdown, /runs as ContainerUser, the default on Nano Server 1709 and later/);
    assert.match(at('FROM microsoft/nanoserver:sac2016\n', 'FROM')!.markdown, /runs as ContainerAdministrator, the default of the 2016 Nano Server image/);
    const arm = at('FROM --platform=linux/arm64 debian:12\n', '--platform')!;
    assert.match(arm.markdown, /under emulation/);
    assert.match(at('FROM --platform=linux/arm64 debian:12\n', 'FROM')!.markdown, /under emulation/);
    // The tag's own topic is related to the image's; its line note says what it means here.
    assert.match(at('FROM ubuntu:latest\n', 'ubuntu')!.markdown, /':latest' moves under you/);
    assert.match(at('FROM ubuntu\n', 'ubuntu')!.markdown, /No tag: the builder uses ':latest'/);
    assert.deepEqual(dockerfileTopicAt(parseDockerfile('FROM ubuntu:latest\n', 'Dockerfile'), { line: 0, character: 6 })!.related!.map((t) => t.id), ['dockerfile.image.tag-latest']);
    const pinned = at('FROM ubuntu:24.04\n', 'ubuntu')!.markdown;
    assert.doesNotMatch(pinned, /:latest/);
    assert.equal(dockerfileTopicAt(parseDockerfile('FROM ubuntu:24.04\n', 'Dockerfile'), { line: 0, character: 6 })!.related, undefined);
  });

  it('explains ONBUILD and its inner instruction', () => {
    const df = 'FROM node:20\nONBUILD COPY package.json /app/\n';
    const outer = at(df, 'ONBUILD')!;
    assert.equal(outer.topic.id, 'dockerfile.instruction.ONBUILD');
    assert.match(outer.markdown, /the `COPY` runs later/);
    const inner = at(df, 'COPY')!;
    assert.equal(inner.topic.id, 'dockerfile.instruction.COPY');
    assert.match(inner.markdown, /runs later/);
  });

  it('keeps text from the file inert in the markdown', () => {
    const ex = at('FROM alpine:3.20\nUSER [x](command:workbench.action.terminal.new) `x` <img src=x>\n', 'USER')!;
    // Code spans render literally; outside them the only command link is the comparison's.
    const outsideCode = ex.markdown.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
    const links = outsideCode.match(/\]\(command:[^)]*\)/g) ?? [];
    assert.ok(!outsideCode.includes('<img'));
    assert.ok(links.every((l) => l.startsWith('](command:containerOrVm.openComparison?')), links.join(' '));
    assert.ok(ex.markdown.includes('``USER [x](command:workbench.action.terminal.new) `x` <img src=x>``'));
  });

  it('has nothing to say on blank lines and comments', () => {
    const m = parseDockerfile('FROM alpine:3.20\n\n# a comment\nRUN true\n', 'Dockerfile');
    assert.equal(explainAt(m, { line: 1, character: 0 }, { generic: true }), null);
    assert.equal(explainAt(m, { line: 2, character: 3 }, { generic: true }), null);
  });
});
