// The fast YAML reader (src/core/parse/yamlFast.ts) must build, for every text it accepts, exactly the
// tree the yaml library's path builds: the same keys, values and ranges a hover and the advisor read.
// Checked on every YAML file of the corpus (with line-ending and whitespace variants), on hand-made
// cases of each construct it reads, and on random and mutated text. It must also leave to the library
// what it does not read, and read most real files itself, or it would be speed on paper only.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { ConfigNode } from '../../src/core/parse/types';
import { lineStarts, lineStartsAnyBreak, unifyLineBreaks } from '../../src/core/parse/lines';
import { flowDepth, lineNesting, MAX_NODES, parseYamlTree } from '../../src/core/parse/yaml';
import { plainConfigNode } from '../../src/core/parse/offsetNode';
import { PlainNode, readPlainYaml } from '../../src/core/parse/yamlFast';
import { corpusFiles, fuzzParams, mutatedCorpus, randomText } from '../fuzz/inputs';

const YAML_FORMATS = new Set(['compose', 'kubernetes', 'cloud-init', 'lima']);

/** The fast reader's tree as plain objects, or null when it leaves the text to the library. It reads the text as given, line breaks of every kind included. */
function fast(text: string): ConfigNode[] | null {
  const roots = readPlainYaml(text, MAX_NODES);
  return roots && roots.map(plainConfigNode);
}

/**
 * Whenever the fast reader takes a text, the library reads it without a problem and to the same tree.
 */
function assertSameAsLibrary(text: string, what: string): boolean {
  const mine = fast(text);
  if (!mine) return false;
  // Text nested past the guards that protect the yaml library is not handed to it: nothing to compare.
  const unified = unifyLineBreaks(text);
  if (flowDepth(unified).offset >= 0 || lineNesting(unified) >= 0) return true;
  const lib = parseYamlTree(text, { library: true });
  assert.deepEqual(lib.problems, [], `${what}: the library reports problems in text the fast reader accepted`);
  assert.deepStrictEqual(mine, lib.roots, `${what}: the trees differ`);
  return true;
}

const variants: Record<string, (t: string) => string> = {
  asIs: (t) => t,
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  loneCR: (t) => t.replace(/\r?\n/g, '\r'),
  mixedBreaks: (t) => {
    let k = 0;
    return t.replace(/\r?\n/g, () => ['\n', '\r', '\r\n'][k++ % 3]);
  },
  noFinalNewline: (t) => t.replace(/\s+$/, ''),
  trailingSpaces: (t) => t.replace(/\n/g, '  \n'),
  trailingComment: (t) => `${t}\n# the end\n`,
  twoDocuments: (t) => `${t}\n---\n${t}`,
};

describe('fast YAML reader', () => {
  it('finds the same lines in a text with lone CRs as in the text with its line breaks unified', () => {
    const piece = fc.oneof(fc.constantFrom('\n', '\r', '\r\n', '\r\r', '\n\r', 'a', 'key: v', ' '), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(lineStartsAnyBreak(text), lineStarts(unifyLineBreaks(text)), JSON.stringify(text));
      }),
      fuzzParams(300),
    );
  });

  it('builds the library\'s tree for every corpus YAML file it reads, and reads nearly all of them', () => {
    const files = corpusFiles().filter((f) => YAML_FORMATS.has(f.format));
    assert.ok(files.length > 100, `only ${files.length} corpus YAML files`);
    let read = 0;
    for (const f of files) {
      for (const [name, vary] of Object.entries(variants)) {
        const took = assertSameAsLibrary(vary(f.text), `${f.name} (${name})`);
        if (name === 'asIs' && took) read++;
      }
    }
    // The files it leaves use anchors, tags or scalars it does not read.
    assert.ok(read / files.length >= 0.9, `the fast reader read ${read} of ${files.length} corpus files`);
  });

  const cases: Record<string, string> = {
    'maps, sequences and compact forms': 'a: 1\nb:\n  - x\n  -\n  - y: 2\n    z:\n  - - n1\n    - n2\nc:\n- under the key\nd: last\n',
    'null values before comments': 'a:   # why\nb: ~\nc: null\n- not here\n'.replace('- not here\n', ''),
    'scalar types of the core schema': 'i: 42\nneg: -7\noct: 0o17\nhex: 0x1F\nf: 1.50\ne: 1e3\ninf: -.inf\nnan: .NaN\nt: True\nf2: FALSE\ns: 1.2.3\nv: v1\nz: -0\nbig: 123456789012345678901234567890\n',
    'keys that are numbers, booleans or null': '1: one\ntrue: yes\n~: nothing\n0x10: hex\n',
    'quoted keys and values with escapes': '"q k": "a\\tb\\n\\u00e9\\x41\\"\\\\"\n\'s k\': \'it\'\'s\'\nempty: ""\n',
    'literal and folded block scalars': 'lit: |\n  line one\n\n    indented\n  last\nfold: >\n  one\n  two\n\n  three\nstrip: |-\n  x\n\nempty: |\nnext: 1\n',
    'a block scalar at the end without a final newline': 'run: |\n  echo hi\n  echo there',
    'one-line flow collections': 'ports: ["80:80", 443, {target: 8080, published: "9090"}]\nempty: []\nobj: {}\njson: {"a":1, "b": [true, null]}\n',
    'comments everywhere': '# head\na: # on the key\n  # inside\n  b: 1 # after\n  # trailing\n# column zero\nc: 2\n',
    'documents, empty ones included': '---\na: 1\n---\n---\n# only a comment\n---\n- x\n',
    'a document that is a scalar': '--- # a marker with a comment\nplain text\n',
    'indented top-level mapping': '  a: 1\n  b:\n    c: 2\n',
    'a byte order mark at the start': '\ufeffa: 1\nb:\n  - x\n',
    'multi-line plain scalars': 'a: one\n  two\n\n\n  three\nb:\n  - item one\n    continued\n  - k: v1\n      v2 # a comment\n    j: 1\n      2\nc: x # a comment ends it\nd: top\n   level\n',
    'a multi-line plain document': '--- first\n'.replace('--- first\n', 'first\nsecond\n\nthird\n'),
    'a byte order mark before a marker': '\ufeff---\na: 1\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`reads ${name} as the library does`, () => {
      assert.ok(assertSameAsLibrary(text, name), `${name}: left to the library`);
      assert.ok(assertSameAsLibrary(variants.crlf(text), `${name} (CRLF)`), `${name} (CRLF): left to the library`);
    });
  }

  const leftToLibrary: Record<string, string> = {
    anchors: 'a: &x 1\nb: *x\n',
    'merge keys': 'base: {a: 1}\nc:\n  <<: {a: 2}\n',
    tags: 'a: !!binary aGk=\n',
    directives: '%YAML 1.2\n---\na: 1\n',
    'complex keys': '? a\n: b\n',
    'multi-line plain scalars after an indicator': 'a: one\n  - two\n',
    'multi-line plain scalars holding a key': 'a: one\n  b: two\n',
    'multi-line quoted scalars': 'a: "one\n  two"\n',
    'multi-line flow collections': 'a: [1,\n  2]\n',
    'tab indentation': 'a:\n\tb: 1\n',
    'keep chomping': 'a: |+\n  x\n\n',
    'explicit indentation': 'a: |2\n   x\n',
    'document end markers': 'a: 1\n...\n',
    'a byte order mark inside the text': 'a: 1\n\ufeffb: 2\n',
    'a nested mapping on one line': 'a: b: c\n',
    'a sequence after a key on its line': 'a: - b\n',
    'a key less indented than its siblings': 'a:\n    b: 1\n  c: 2\n',
  };
  for (const [name, text] of Object.entries(leftToLibrary)) {
    it(`leaves ${name} to the library`, () => {
      assert.equal(fast(text), null);
      // And the whole parse still gives the library's answer.
      assert.deepStrictEqual(parseYamlTree(text), parseYamlTree(text, { library: true }));
    });
  }

  it('reads brackets nested deeper than the library is trusted with, and leaves far deeper ones to its guard', () => {
    const deep = (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    const read = parseYamlTree(deep(150));
    assert.deepEqual(read.problems, []);
    assert.ok(read.roots[0] instanceof PlainNode);
    const guarded = parseYamlTree(deep(2000));
    assert.deepEqual(guarded.roots, []);
    assert.match(guarded.problems[0]?.message ?? '', /nested more than 100 deep/);
  });

  it('works out a node\'s ranges from the text when asked, and prints them in JSON like any node', () => {
    const roots = readPlainYaml('services:\n  web:\n    image: nginx # pinned\n', MAX_NODES);
    assert.ok(roots);
    const image = roots[0].children?.[0].children?.[0].children?.[0];
    assert.equal(image?.path.join('.'), 'services.web.image');
    assert.deepEqual(image?.keyRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });
    assert.deepEqual(image?.valueRange, { start: { line: 2, character: 11 }, end: { line: 2, character: 16 } });
    assert.deepEqual(JSON.parse(JSON.stringify(image)).range, { start: { line: 2, character: 4 }, end: { line: 2, character: 16 } });
  });

  it('agrees with the library on lines of everyday YAML put together at random', () => {
    // Each line: an indentation and a piece of the subset the reader reads (and some it does not).
    const pieces = ['key:', 'key: value', 'other: 42', '- item', '- k: v', '-', 'more words', 'x #c', '# comment', '', 'run: |', 'fold: >-', 'text line',
      'list: [a, "b", {c: 1}]', '"quoted key": \'v\'', 'n: ~', 'b: true', '---', 'k: v: w', '- - nested', 'a: &x 1', 'b: *x', 'k: "open', '? q', 'tab:\tv'];
    const line = fc.tuple(fc.constantFrom('', ' ', '  ', '    ', '      '), fc.constantFrom(...pieces)).map(([indent, piece]) => indent + piece);
    let read = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        if (assertSameAsLibrary(lines.join('\n') + '\n', 'generated lines')) read++;
      }),
      fuzzParams(300),
    );
    assert.ok(read > 30, `the fast reader read only ${read} generated texts`);
  });

  it('agrees with the library on random text and mutated corpus files', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(randomText, mutatedCorpus('compose').map((m) => m.text), mutatedCorpus('kubernetes').map((m) => m.text), mutatedCorpus('cloud-init').map((m) => m.text)), (text) => {
        if (assertSameAsLibrary(text, 'generated text')) read++;
      }),
      fuzzParams(150),
    );
    // Mutations keep many files valid: the comparison has to have happened on some of them.
    assert.ok(read > 10, `the fast reader read only ${read} generated texts`);
  });
});
