// The faster Dockerfile reader (src/core/parse/dockerfile-reader.ts) against dockerfile-ast's own
// reading (dockerfile-library.ts): the same model for every corpus Dockerfile, BuildKit's parser test
// files, variants of them that reach the library's corner cases, and random text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { parseDockerfile, parseDockerfileWithLibrary } from '../../src/core/parse/dockerfile';
import { readWithLibrary } from '../../src/core/parse/dockerfile-library';
import { readDockerfileFast } from '../../src/core/parse/dockerfile-reader';
import { unifyLineBreaks } from '../../src/core/parse/lines';
import { fuzzParams, textFor } from '../fuzz/inputs';
import { corpusDockerfiles } from './dockerfile-corpus';
import { plain } from '../helpers/plain';

/** Both models equal, and the fast reading itself (no fallback to the library) equal to the library's. */
function assertSame(text: string, what: string): void {
  assert.deepEqual(plain(parseDockerfile(text, 'Dockerfile')), plain(parseDockerfileWithLibrary(text, 'Dockerfile')), `${what}: model`);
  const unified = unifyLineBreaks(text);
  let library: unknown;
  try {
    library = readWithLibrary(unified);
  } catch {
    return; // The library cannot read it; parseDockerfile then reports a problem either way (checked above).
  }
  let fast: unknown;
  try {
    fast = readDockerfileFast(unified);
  } catch (e) {
    // The shapes the reader hands to the library on purpose (the model was compared above).
    if (/keyword continued after an escape and blanks|arguments read before their keyword/.test(String(e))) return;
    throw e;
  }
  assert.deepEqual(asLibraryReads(plain(fast)), asLibraryReads(plain(library)), `${what}: reading`);
}

/**
 * A reading as the library gives it: the instructions' continuation lines left out (the library's
 * reading leaves them to the model builder, the reader's instructions find their own; both are
 * compared in the models), and a FROM's image and name ranges written out where the reader leaves
 * them to its arguments.
 */
function asLibraryReads(reading: unknown): unknown {
  type PlainIns = { continuations?: unknown; trigger?: unknown; arguments: { range: unknown }[] };
  type PlainFrom = { name?: string; imageRange?: unknown; nameRange?: unknown; rangesOfArguments?: true };
  const drop = (ins: PlainIns) => {
    delete ins.continuations;
    if (ins.trigger) drop(ins.trigger as PlainIns);
  };
  for (const { ins, from } of (reading as { instructions: { ins: PlainIns; from?: PlainFrom }[] }).instructions) {
    drop(ins);
    if (!from?.rangesOfArguments) continue;
    delete from.rangesOfArguments;
    if (ins.arguments.length > 0) from.imageRange = ins.arguments[0].range;
    if (from.name !== undefined) from.nameRange = ins.arguments[2].range;
  }
  return reading;
}

/** A file with the escape directive set to a backtick, its backslash continuations turned into backticks. */
const backtick = (t: string) => '# escape=`\n' + t.replace(/\\(\r?\n)/g, '`$1');

/** Variants of a file that reach the reader's less travelled paths. */
const VARIANTS: Record<string, (t: string) => string> = {
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  bom: (t) => '\ufeff' + t,
  backtick,
  backtickCrlf: (t) => backtick(t).replace(/\r?\n/g, '\r\n'),
  emptyContinuationLines: (t) => t.replace(/\\\n/g, '\\\n\n  \n'),
  commentsInContinuations: (t) => t.replace(/\\\n/g, '\\\n  # a comment, docker run --privileged x\n#\n'),
  spaceAfterEscape: (t) => t.replace(/\\\n/g, '\\  \n'),
  noIndent: (t) => t.replace(/^[ \t]+/gm, ''),
  tabs: (t) => t.replace(/^ +/gm, '\t'),
  onbuild: (t) => t.replace(/^(RUN|COPY|ADD|USER|ENV) /gm, 'ONBUILD $1 '),
  lowercase: (t) => t.replace(/^[A-Z]+ /gm, (k) => k.toLowerCase()),
  noFinalNewline: (t) => t.replace(/\s+$/, ''),
  trailingEscape: (t) => t.replace(/\s*$/, ' \\'),
};

/** Small files for the corners: heredocs, ONBUILD, JSON form, flags, escapes in keywords and arguments, directives. */
const SNIPPETS = [
  'FROM alpine\nRUN <<EOF\necho hi\nEOF\n',
  'FROM alpine\nRUN <<-"EOT" bash\n\techo a\n\tEOT\nCOPY <<A <<B /x/\na\nA\nb\nB\nUSER root\n',
  'FROM alpine\nRUN --mount=type=cache,target=/root/.cache <<EOF\n  pip install x\nEOF\n',
  'FROM alpine\nRUN cat <<EOF > /x \\\n  && echo\nbody\nEOF\nRUN <<EOF\nnever closed\n',
  'FROM alpine\nADD <<EOF /a\nx\nEOF\nONBUILD RUN <<EOF\ny\nEOF\nONBUILD\nONBUILD COPY --from=a /x /y\n',
  'FROM alpine\nCMD ["a", "b c"]\nENTRYPOINT [ "x" ,\\\n "y" ]\nSHELL ["pwsh", "-c"]\nVOLUME ["/a", "/b"]\nCMD []\nCMD [ ]\n',
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM --platform=linux/amd64 --quiet x AS y\nFROM a--b --platform=p img as n\nFROM\nFROM x as\n',
  'FROM a\nHEALTHCHECK --interval=5s --timeout=3s CMD curl -f http://x || exit 1\nHEALTHCHECK NONE\nHEALTHCHECK --retries=3\n',
  'FROM a\nRUN --mount=type=secret,id=x --mount=type=bind,source=.,target=/src,rw --network=host make\nRUN --mount= --x= --y a\nRUN --mount=,a=,=b,c, x\n',
  'FROM a\nRUN -\\\n-mount=type=cache,target=/x y\nRUN --\\\nnetwork=host z\nRUN --mo\\\n  unt=a=b\\\n,c=d e\n',
  'FROM a\nR\\\nUN echo 1\nRU\\ N echo 2\nRUN\\\n  echo 3\nRUN\\ \n echo 4\nRUN \\\n\\\n  echo 5\n',
  'FROM a\nRUN echo \\$HOME \\a\\ b "c d" \'e f\' \\\\ x\\\nRUN echo a\\ \\\n b\nENV A=1 B="2 3" C=4\\ 5\nLABEL "a b"="c d" e=f\nARG X\nARG Y=1\n',
  'FROM a\nRUN echo 1 \\\n# comment\n  echo 2 \\\n  # another\n\n  echo 3\nRUN a \\ \n  b \\\t\n  c\nRUN x\\',
  '# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\nRUN echo `\n  b\nRUN dir c:\\\n',
  '# a=b #c=d\nFROM x\nRUN y\n',
  '#escape=\\\n\nFROM x\n',
  '# escape = `  \n# syntax=x\nFROM x\n',
  '  # escape=`\n\t# syntax = y\n   \nFROM x\nRUN a `\n b\n',
  '\ufeff# escape=`\nFROM x\n',
  '\ufeffFROM x\nRUN y\n',
  '#\n#=\n# =x\n# a=\nFROM x\n',
  'FROM x\n#   docker run --privileged -v /x:/y image   \n  # podman container run x\n# nerdctl run\nRUN a \\\n # docker run b\n c\n',
  'FROM x\nRUN a\r\nRUN b \\\r\n  c\r\n\r\nRUN d\\\r\n',
  'FROM x\nUSER root\nUSER\nUSER a \\\n b\nWORKDIR /x\nEXPOSE 80/tcp 443\nSTOPSIGNAL SIGTERM\nMAINTAINER me\nFOO bar\n',
  'ONBUILD RUN x\nARG A=1\nFROM ${A}\nFROM a\nONBUILD ONBUILD RUN y\nONBUILD HEALTHCHECK --interval=1s CMD x\n',
  'FROM a\nCOPY --chown=1:1 --from=build /a /b\nCOPY a--b --from=x y z\nADD --checksum=sha256:abc https://x /y\nADD a b\n',
  'FROM a\nRUN ${X:-y} $Z "${A} b" \'${C}\'\nENV X=${Y:-"a b"} Z=${W}\n',
  'FROM a\n\n\n   \t\nRUN\nRUN \nRUN \\\nRUN\t\t\nENV\n',
  'FROM a\nRUN <<EOF\nEOF\nRUN <<\nRUN <<<a\nRUN <<"a\nRUN <<\'b\' x\nb\nRUN <<-x\n\tx\n',
  'FROM a\nRUN echo \\\n  <<EOF\nx\nEOF\n',
  'FROM a\nRUN <<"a"b" x\nRUN <<"a"b" \\\n y\nbody\na"b\nRUN <<\'q\'r\' \\\n z\nq\'r\n',
  'FROM a\nRUN <<E\\\nOF\nx\nEOF\nRUN <<-E\\\n  # c\n  OF\n\t\tEOF\nRUN <<"E\\\r\nF"\r\nx\r\nEF\r\n',
  'FROM a\nCOPY --chmod=755 <<one <<-two /dst/\n1\none\n\t2\n\ttwo\nRUN <<A cat \\\n  && <<B cat\na\nA\nb\nB\n',
  'FROM a\nRUN x ``\nRUN `\n',
  '',
  '\n\n',
  '#',
  'F',
  '\\',
  '\\\n\\\n',
  'FROM',
  'FROM a \\',
  'FROM a \\ ',
  'RUN a\\ \\ b',
];

describe('Dockerfile reader: the same model as dockerfile-ast', () => {
  const files = corpusDockerfiles();
  const texts = files.map((f) => readFileSync(f, 'utf8'));

  it('on every corpus Dockerfile and BuildKit parser test file', () => {
    assert.ok(files.length >= 170, `found ${files.length} files`);
    for (let i = 0; i < files.length; i++) assertSame(texts[i], files[i]);
  });

  for (const [name, change] of Object.entries(VARIANTS)) {
    it(`on every corpus file, ${name}`, () => {
      for (let i = 0; i < files.length; i++) assertSame(change(texts[i]), `${files[i]} (${name})`);
    });
  }

  it('on small files for the corner cases, as written and with each variant', () => {
    for (const [i, s] of SNIPPETS.entries()) {
      assertSame(s, `snippet ${i}`);
      for (const [name, change] of Object.entries(VARIANTS)) assertSame(change(s), `snippet ${i} (${name})`);
    }
  });

  it('on corpus files put together (many stages, positions far down the file)', () => {
    assertSame(texts.join('\n'), 'all files');
  });

  /** Dockerfile-shaped text: keywords, flags, quotes, escapes, heredocs and comments glued with random breaks. */
  const PIECES = [
    'FROM', 'RUN', 'COPY', 'ADD', 'ONBUILD', 'HEALTHCHECK', 'ENV', 'ARG', 'LABEL', 'USER', 'CMD', 'from', 'Run', 'AS', 'as',
    'alpine', '--platform=linux/amd64', '--mount=type=cache,target=/x', '--from=build', '--chown=a', '--', '--x=', '-',
    '<<EOF', '<<-EOF', '<<"EOF"', "<<'EOF'", 'EOF', '\tEOF', '<<', '["a", "b"]', '[', ']', '"', "'", '\\', '\\ ', '`', '\\$',
    '$A', '${A:-b}', '#', '# docker run --privileged x', '# escape=`', '# syntax=x', 'a=b', '=', ',', 'CMD', 'NONE', '\ufeff', 'é',
  ];
  const SEPARATORS = [' ', '  ', '\t', '\n', '\r\n', '\\\n', '\\ \n', '`\n', '\n\n', '\n  ', '\n# c\n', '\\\n# c\n', ''];
  const dockerfileish = fc
    .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 80 })
    .map((parts) => parts.map(([p, s]) => p + s).join(''));

  it('on random and mutated Dockerfile text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(dockerfileish, textFor('dockerfile')), (text) => assertSame(text, 'generated')),
      fuzzParams(300),
    );
  });
});
