// The JSONC and HCL readers (devcontainer.json, Packer, Terraform) against their reference copies
// (test/helpers/reference): the trees, problems and line tables must be deep-equal on every corpus
// file, on the corpus files repeated into large inputs, and on random and mutated text.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseHcl } from '../../src/core/parse/hcl';
import { blankDeepNesting, MAX_LISTED_ERRORS, parseJsonTree, unlistedErrors } from '../../src/core/parse/jsonc-tree';
import { Lines } from '../../src/core/parse/config-topics';
import type { Format, ParseProblem } from '../../src/core/parse/types';
import { parseHcl as referenceHcl } from '../helpers/reference/hcl';
import { parseJsonTree as referenceJson } from '../helpers/reference/jsonc-tree';
import { corpusFiles, fuzzParams, textFor } from '../fuzz/inputs';

const FORMATS: Format[] = ['devcontainer', 'packer', 'terraform'];

/**
 * A reader that ran out of stack (thousands of nested brackets) reports "could not parse"; where
 * that happens depends on the stack left at the call, not on the reader, so such inputs are only
 * required not to throw.
 */
const overflowed = (tree: { problems: { message: string }[] }) => tree.problems.some((p) => /could not parse: RangeError/.test(p.message));

/**
 * The reference's tree with its syntax errors past MAX_LISTED_ERRORS counted in one problem, as the
 * reader lists them (the reference lists every one; the problems after the errors stay as they are).
 */
function listedAsNow<T extends { problems: ParseProblem[] }>(tree: T): T {
  const syntax = tree.problems.filter((p) => !/^nested more than /.test(p.message));
  if (syntax.length <= MAX_LISTED_ERRORS) return tree;
  const rest = tree.problems.slice(syntax.length);
  const problems = [...syntax.slice(0, MAX_LISTED_ERRORS), unlistedErrors(syntax.length - MAX_LISTED_ERRORS, syntax[MAX_LISTED_ERRORS].range), ...rest];
  return { ...tree, problems };
}

/** A tree with its problems' `incomplete` marks taken off: the reference copies predate them. */
function unmarked<T extends { problems: ParseProblem[] }>(tree: T): T {
  return { ...tree, problems: tree.problems.map(({ incomplete: _i, ...p }) => p) };
}

function sameTrees(text: string, what: string): void {
  // The reader blanks brackets nested past MAX_JSON_NESTING before parsing; the reference reads the
  // same blanked text (its line table, of the same lines, is the one of the text as given).
  const blanked = blankDeepNesting(text);
  const json = listedAsNow(blanked === null ? referenceJson(text) : { ...referenceJson(blanked), lines: new Lines(text) });
  const jsonNow = parseJsonTree(text);
  if (!overflowed(json) && !overflowed(jsonNow)) assert.deepStrictEqual(unmarked(jsonNow), unmarked(json), `${what}: JSONC tree differs from the reference`);
  const hcl = referenceHcl(text);
  const hclNow = parseHcl(text);
  if (!overflowed(hcl) && !overflowed(hclNow)) assert.deepStrictEqual(unmarked(hclNow), unmarked(hcl), `${what}: HCL tree differs from the reference`);
}

/** A corpus file repeated to about `bytes` characters (a devcontainer stays one object), as the large-input bench grows it. */
function grow(format: Format, text: string, bytes: number): string {
  if (format === 'devcontainer') {
    const body = text.trim().replace(/^\{/, '').replace(/\}$/, '').trim().replace(/,\s*$/, '');
    const parts: string[] = [];
    for (let i = 0, size = 2; size < bytes; i++) {
      parts.push(`"copy${i}": {${body}}`);
      size += parts[i].length + 2;
    }
    return `{\n${parts.join(',\n')}\n}\n`;
  }
  let out = '';
  while (out.length < bytes) out += text + '\n';
  return out;
}

describe('JSONC and HCL readers match their reference copies', function () {
  this.timeout(120_000);

  for (const format of FORMATS) {
    it(`${format}: every corpus file gives the same trees (both readers)`, () => {
      const files = corpusFiles().filter((c) => c.format === format);
      assert.ok(files.length > 0);
      for (const f of files) sameTrees(f.text, f.name);
    });

    it(`${format}: corpus files repeated to 200 KB give the same trees`, () => {
      for (const f of corpusFiles().filter((c) => c.format === format)) sameTrees(grow(format, f.text, 200 * 1024), `${f.name} repeated`);
    });

    it(`${format}: random and mutated inputs give the same trees`, () => {
      fc.assert(
        fc.property(textFor(format), (text) => sameTrees(text, 'generated input')),
        fuzzParams(300),
      );
    });
  }

  it('hand-picked edge cases give the same trees', () => {
    const cases = [
      '', ' ', '{', '}', '[', ']', '{"a"', '{"a":', '{"a":}', '{"a" "b": 1}', '{"a": 1 "b": 2}', '{"a": , 1}', '{,}', '[,]', '[1,,2]',
      '{"a": [1, {"b": null}], "c": true,}', '{"a": 1} {"b": 2}', '1 2', '"x', '{"a": "x\n", "b": 1}', '/* c */ {"a": 1 // x\n}', '{"a": 0x1F}',
      '{"a": 1e309}', '{"a": -}', '{"\\u00e9": "\\n"}', '\ufeff{"a": 1}', '{\r\n"a":\r1\r\n}', '{"a": {"b": {"c": [[[[]]]]}}}',
      '{"a":'.repeat(80) + '1' + '}'.repeat(80), '['.repeat(100), '{"a":'.repeat(70) + '['.repeat(70),
      'a = 1', 'a = "x\\"y\\\\z\\n"', 'a = <<EOT\nbody\nEOT\n', 'a = <<-EOT\n  body\n  EOT', 'a = <<EOT\nnever closed', 'a = "${b["c"]}"',
      'resource "x" "y" {\n  a = [1, 2, {b = 3}]\n  c = {d = "e"}\n}', 'block {', '}}}', ')]', 'a = b == c', 'a => b', 'x = [\n1,\n2\n]',
      'a { b { c = 1 } }', 'locals { a = 1, b = 2 }', '"quoted" = 1', 'a = -1', 'a = 1.5e3', 'a = 1.2.3', 'a = true\nb = null\nc = false',
      'a = "x', 'a = "${\n}"', 'a = %{ if x }y%{ endif }', '# c\n// d\n/* e\n*/ a = 1', '/* open', 'a = 1 /* x */ + 2', 'a = f(1, [2], {c = 3})',
      'resource "a" "b" {\n'.repeat(70) + 'x = ' + '['.repeat(70) + '{'.repeat(70), 'a = [' + '[1],'.repeat(50) + ']',
    ];
    for (const c of cases) sameTrees(c, JSON.stringify(c.slice(0, 60)));
  });
});
