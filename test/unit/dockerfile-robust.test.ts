// Whatever is typed into a Dockerfile, the model and the hover never throw: half-written lines,
// stray flags, unterminated heredocs and JSON, odd escapes.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { explainAt } from '../../src/core/explain';
import { dockerfileModule, parseDockerfile } from '../../src/core/parse/dockerfile';
import { corpusDockerfiles } from './dockerfile-corpus';

const FRAGMENTS = [
  'FROM', 'FROM ', 'FROM alpine', 'FROM --platform=', 'FROM --platform=linux/arm64 debian:12 AS', ' AS build', 'FROM build',
  'RUN', 'RUN --mount=', 'RUN --mount=type=cache,target=/x', '--mount=type=', 'RUN <<EOF', '<<-"EOT"', 'EOF', 'RUN ["a", ', 'RUN [',
  'COPY --from=', 'COPY --from=0 / /', 'ADD --checksum=sha256: x y', 'ONBUILD', 'ONBUILD ONBUILD RUN x', 'ONBUILD RUN --security=insecure x',
  'USER', 'USER root', 'USER 1000:1000', 'EXPOSE 22', 'VOLUME ["/data"', 'HEALTHCHECK --interval=', 'HEALTHCHECK NONE', 'SHELL ["cmd"]',
  '# escape=`', '# syntax=docker/dockerfile:1', '#', '\\', '`', '$', '${', '${A:-', 'ARG A=${B}', 'ENV', 'LABEL a=', '"', "'", ' ', '\t', '\r',
];

const dockerfileText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 40 })
  .chain((parts) => fc.array(fc.constantFrom('', ' ', '\n', '\r\n', ' \\\n'), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')));

function explainEverywhere(text: string): number {
  const m = parseDockerfile(text, 'Dockerfile');
  dockerfileModule.workloads(m);
  let found = 0;
  const lines = text.split('\n');
  for (let line = 0; line <= lines.length; line++) {
    const len = lines[line]?.length ?? 0;
    for (let character = 0; character <= len + 1; character++) {
      // topicAt directly: explainAt turns a throwing topicAt into "nothing to explain", which would hide it.
      const hit = dockerfileModule.topicAt(m, { line, character });
      if (hit) {
        found++;
        assert.ok(explainAt(m, { line, character }, { generic: false }));
      }
    }
  }
  return found;
}

describe('Dockerfile robustness', () => {
  it('never throws on generated text, whatever the position', () => {
    fc.assert(
      fc.property(dockerfileText, (text) => {
        explainEverywhere(text);
      }),
      { numRuns: 300 },
    );
  });

  it('explains every character of the first lines of corpus files without throwing', () => {
    let found = 0;
    for (const f of corpusDockerfiles()) {
      const text = readFileSync(f, 'utf8').split('\n').slice(0, 40).join('\n');
      found += explainEverywhere(text);
    }
    assert.ok(found > 10000, `${found} positions explained`);
  });
});
