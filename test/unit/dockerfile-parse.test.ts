// The Dockerfile model over the real corpus: nothing crashes, instructions come out in the order
// BuildKit's own parser reads them, and stages, flags, heredocs and users are where they should be.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile, parseDockerfileWithLibrary, dockerfileModule } from '../../src/core/parse/dockerfile';
import { moduleFor } from '../../src/core/registry';
import { corpus, corpusDockerfiles } from './dockerfile-corpus';
import { DockerfileParser } from 'dockerfile-ast';
import * as fc from 'fast-check';
import { fuzzParams, textFor } from '../fuzz/inputs';
import { useDockerfileAstSpeedups } from '../../src/core/parse/dockerfile-ast-speed';

describe('Dockerfile model', () => {
  it('parses every corpus Dockerfile (and BuildKit test file) without throwing or reporting problems', () => {
    const files = corpusDockerfiles();
    assert.ok(files.length >= 170, `found ${files.length} files`);
    const bad: string[] = [];
    for (const f of files) {
      const m = parseDockerfile(readFileSync(f, 'utf8'), f);
      if (m.problems.length) bad.push(`${f}: ${m.problems[0].message}`);
    }
    assert.deepEqual(bad, []);
  });

  it('reads every corpus file into the same model, each comment in the same build stage, as dockerfile-ast without our speed-ups', () => {
    type Stage = { getComments(): { getRange(): unknown }[] };
    const placement = (text: string) => {
      const df = DockerfileParser.parse(text) as unknown as { initialInstructions: Stage; buildStages: Stage[] };
      return [df.initialInstructions, ...df.buildStages].map((s) => s.getComments().map((c) => c.getRange()));
    };
    const files = corpusDockerfiles();
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    // Many stages with comments between, before and inside them, and a file that is only comments.
    texts.push(texts.join('\n# between files\n'), '# only\n# comments\n', '# c\nARG A\n# c2\nFROM a\n# c3\nRUN x \\\n# inside\n  y\n# end');
    let compared = 0;
    try {
      for (const text of texts) {
        useDockerfileAstSpeedups(false);
        const library = placement(text);
        const libraryModel = parseDockerfileWithLibrary(text, 'Dockerfile');
        useDockerfileAstSpeedups(true);
        const ours = placement(text);
        assert.deepEqual(ours, library);
        assert.deepEqual(parseDockerfileWithLibrary(text, 'Dockerfile'), libraryModel);
        compared += library.flat().length;
      }
    } finally {
      useDockerfileAstSpeedups(true);
    }
    assert.ok(compared > 1000, `${compared} comments compared`);
  });

  it('reads random and mutated Dockerfiles into the same model with and without the speed-ups', () => {
    try {
      fc.assert(
        fc.property(textFor('dockerfile'), (text) => {
          useDockerfileAstSpeedups(false);
          const library = parseDockerfileWithLibrary(text, 'Dockerfile');
          useDockerfileAstSpeedups(true);
          assert.deepEqual(parseDockerfileWithLibrary(text, 'Dockerfile'), library);
        }),
        fuzzParams(150),
      );
    } finally {
      useDockerfileAstSpeedups(true);
    }
  });

  describe('BuildKit parser test cases: same instructions in the same order as the expected result', () => {
    const root = join(corpus, 'buildkit-testfiles', 'testfiles');
    for (const name of existsSync(root) ? readdirSync(root) : []) {
      it(name, () => {
        const expected = readFileSync(join(root, name, 'result'), 'utf8')
          .split('\n')
          .map((l) => /^\((\w+)/.exec(l)?.[1])
          .filter((k): k is string => k !== undefined);
        const m = parseDockerfile(readFileSync(join(root, name, 'Dockerfile'), 'utf8'), 'Dockerfile');
        // BuildKit rewrites MAINTAINER as a `maintainer` LABEL.
        const ours = m.instructions.map((i) => (i.keyword === 'MAINTAINER' ? 'label' : i.keyword.toLowerCase()));
        if (name === 'trailing-backslash') {
          // Known difference: dockerfile-ast continues a line that ends in an escaped backslash (`C:\\`),
          // BuildKit does not, so `ENV C` swallows the `ENV D` line below it.
          assert.deepEqual(ours, expected.slice(0, -1));
        } else {
          assert.deepEqual(ours, expected);
        }
        for (const i of m.instructions.filter((x) => x.keyword === 'ONBUILD')) assert.ok(i.trigger, 'ONBUILD has its inner instruction');
      });
    }
  });

  it('reads the negative BuildKit cases without crashing', () => {
    const root = join(corpus, 'buildkit-testfiles', 'testfiles-negative');
    const names = readdirSync(root);
    assert.equal(names.length, 4);
    for (const n of names) {
      const m = parseDockerfile(readFileSync(join(root, n, 'Dockerfile'), 'utf8'), 'Dockerfile');
      assert.equal(m.format, 'dockerfile');
      if (n === 'empty_dockerfile' || n === 'only_comments') {
        assert.equal(m.instructions.length, 0);
        assert.deepEqual(dockerfileModule.workloads(m), []);
      }
    }
  });

  it('is the registered module for the dockerfile format', () => {
    assert.equal(moduleFor('dockerfile'), dockerfileModule);
  });

  it('reads directives, the escape character and stages', () => {
    const m = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        '# escape=`',
        'ARG BASE=mcr.microsoft.com/windows/servercore',
        'ARG TAG=ltsc2022',
        'FROM ${BASE}:${TAG} AS build',
        'RUN echo one `',
        '    two',
        'FROM build',
        'USER ContainerUser',
      ].join('\r\n'),
      'C:\\src\\app\\Dockerfile',
    );
    assert.deepEqual(m.directives.map((d) => [d.name, d.value]), [['syntax', 'docker/dockerfile:1'], ['escape', '`']]);
    assert.equal(m.escape, '`');
    assert.equal(m.stages.length, 2);
    assert.equal(m.stages[0].name, 'build');
    assert.equal(m.stages[0].imageResolved, 'mcr.microsoft.com/windows/servercore:ltsc2022');
    assert.equal(m.stages[1].from, 0);
    assert.deepEqual(m.instructions[3].continuations, [{ start: { line: 5, character: 13 }, end: { line: 5, character: 14 } }]);
    assert.equal(m.finalUser?.value, 'ContainerUser');
    const [w] = dockerfileModule.workloads(m);
    assert.equal(w.name, 'app');
    assert.equal(w.image, 'mcr.microsoft.com/windows/servercore:ltsc2022');
    assert.equal(w.range.start.line, 7);
    assert.deepEqual(w.extent.start, { line: 7, character: 0 });
  });

  it('reads flags with their options, heredocs and ONBUILD triggers', () => {
    const m = parseDockerfile(
      [
        'FROM --platform=linux/arm64 golang:1.22 AS build',
        'RUN --mount=type=cache,target=/root/.cache --network=none go build',
        'RUN <<EOF',
        'echo hi',
        'EOF',
        'ONBUILD RUN --mount=type=secret,id=npm npm ci',
        'FROM scratch',
        'COPY --from=build --chmod=755 /out /app',
      ].join('\n'),
      'svc.Dockerfile',
    );
    assert.equal(m.stages[0].platform, 'linux/arm64');
    const run = m.instructions[1];
    assert.deepEqual(run.flags.map((f) => f.name), ['mount', 'network']);
    assert.deepEqual(run.flags[0].options.map((o) => [o.name, o.value]), [['type', 'cache'], ['target', '/root/.cache']]);
    assert.equal(m.instructions[2].heredocs[0].name, 'EOF');
    assert.equal(m.instructions[2].heredocs[0].delimiterRange?.start.line, 4);
    const onbuild = m.instructions[3];
    assert.equal(onbuild.trigger?.keyword, 'RUN');
    assert.deepEqual(onbuild.trigger?.flags[0].options.map((o) => o.value), ['secret', 'npm']);
    assert.equal(m.finalStage, 1);
    assert.equal(m.finalUser, null);
    const [w] = dockerfileModule.workloads(m);
    assert.equal(w.name, 'svc.Dockerfile');
    assert.equal(w.image, 'scratch');
  });

  it('follows FROM-stage chains for the final user', () => {
    const m = parseDockerfile(['FROM alpine AS base', 'USER 1000', 'FROM base AS mid', 'FROM mid', 'RUN id'].join('\n'), 'Dockerfile');
    assert.equal(m.finalUser?.value, '1000');
    assert.equal(m.finalUser?.stage, 0);
    assert.equal(dockerfileModule.workloads(m)[0].image, 'alpine');
  });
});
