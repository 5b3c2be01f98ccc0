// The hover a user sees at a piece of text: the nth occurrence of `needle` in a file of that name,
// one character in, with what the line does (as with no Docker extension installed).
import * as assert from 'node:assert/strict';
import { parseWith } from '../../src/core/cache';
import { explainAt, type Explanation } from '../../src/core/explain';

/** The hover at the nth occurrence of `needle`, or null when there is none; throws when the text is not there. */
export function hoverAt(file: string, text: string, needle: string, nth = 0): Explanation | null {
  const model = parseWith(file, text);
  assert.ok(model, `no parser for ${file}`);
  const lines = text.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let from = 0; ; ) {
      const character = lines[line].indexOf(needle, from);
      if (character < 0) break;
      if (seen++ === nth) return explainAt(model, { line, character: character + 1 }, { generic: true });
      from = character + 1;
    }
  }
  throw new Error(`'${needle}' not in ${file}`);
}
