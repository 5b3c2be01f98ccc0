// Every quick fix offered on every corpus file, and on variants of them (CRLF, no final newline,
// flow style, one-line JSON, comments on the flagged lines, a Windows escape directive, random
// mutations), is applied and the result read with the libraries directly, not with the checks the
// product runs: the file still parses, the finding is gone, and what changed is only what the fix's
// title names; comments, anchors, line ends and the final newline are as they were.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { Lexer, parseAllDocuments } from 'yaml';
import { findingsFor } from '../../src/core/advisor/findings';
import { parseWith } from '../../src/core/cache';
import { checkedFixesFor, checkedHealthcheck } from '../../src/core/fixCheck';
import { applyEdits, hasFixer, type Fix } from '../../src/core/fixes';
import type { DockerfileModel } from '../../src/core/parse/dockerfile';
import type { Format } from '../../src/core/parse/types';
import { corpusFiles, mutatedCorpus } from '../fuzz/inputs';

type Variant = { name: string; format: Format; text: string };

const FORMATS = new Set<Format>(['dockerfile', 'compose', 'kubernetes']);

function flowStyle(text: string): string | undefined {
  const docs = parseAllDocuments(text);
  if (docs.some((d) => !('errors' in d) || d.errors.length)) return undefined;
  return docs.map((d) => d.toString({ collectionStyle: 'flow', lineWidth: 0 })).join('---\n');
}

function oneLineJson(text: string): string | undefined {
  const docs = parseAllDocuments(text);
  if (docs.length !== 1 || !('errors' in docs[0]) || docs[0].errors.length) return undefined;
  try {
    return JSON.stringify(docs[0].toJS({ maxAliasCount: 100 }));
  } catch {
    return undefined;
  }
}

/** The variants of one file that the fixes must survive. */
function variants(name: string, format: Format, text: string): Variant[] {
  const out: Variant[] = [{ name, format, text }];
  const add = (suffix: string, t: string | undefined) => {
    if (t !== undefined && t !== text) out.push({ name: `${name} (${suffix})`, format, text: t });
  };
  add('CRLF', text.replace(/\r?\n/g, '\r\n'));
  add('no final newline', text.replace(/(\r?\n)+$/, ''));
  if (format === 'dockerfile') {
    if (!/^#\s*escape\s*=/im.test(text) && !text.includes('`')) add('escape directive', '# escape=`\n' + text.replace(/\\(\r?\n)/g, '`$1'));
    add('comment lines', text.replace(/^(FROM|USER|CMD)\b/gm, '# about it\n$1'));
  } else {
    add('flow style', flowStyle(text));
    if (format === 'compose') add('one-line JSON', oneLineJson(text));
    add('comments on flagged lines', text.replace(/^(\s*(?:-\s+)?(?:privileged|allowPrivilegeEscalation|cap_add|securityContext):.*?)(\r?)$/gm, '$1 # kept [1]$2'));
  }
  return out;
}

// --- what the libraries read, independently of the product's checks -------------------------

function yamlDocs(text: string): { errors: number; js: unknown }[] | undefined {
  try {
    return parseAllDocuments(text, { merge: true }).map((d) => ({ errors: 'errors' in d ? d.errors.length : 1, js: 'toJS' in d ? d.toJS({ maxAliasCount: 100 }) : undefined }));
  } catch {
    return undefined;
  }
}

/** Leaf paths where two values differ (a key on one side only: every leaf under it). */
function changedLeaves(a: unknown, b: unknown, path: string[] = [], out: string[][] = []): string[][] {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) changedLeaves(a[k], b[k], [...path, k], out);
    return out;
  }
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return out;
  const leaves = (v: unknown, p: string[]) => {
    if (v === undefined) return; // absent on this side: the other side's leaves say what changed
    if (isObj(v) && Object.keys(v).length) for (const [k, x] of Object.entries(v)) leaves(x, [...p, k]);
    else out.push(p);
  };
  if (isObj(a) || isObj(b)) {
    leaves(a, path);
    leaves(b, path);
  } else out.push(path);
  return out;
}

const tokens = (text: string, first: string) => [...new Lexer().lex(text)].filter((t) => t.startsWith(first)).map((t) => t.trimEnd()).sort();

function dockerInstructions(text: string): string[] {
  return DockerfileParser.parse(text).getInstructions().map((i) => `${i.getKeyword()} ${i.getRawArgumentsContent() ?? ''}`.replace(/\s+/g, ' ').trim());
}

const dockerComments = (text: string) => DockerfileParser.parse(text).getComments().map((c) => c.getContent()).sort();

const words = (title: string) => new Set(title.split(/[^A-Za-z0-9_]+/).filter(Boolean));

let offered = new Map<string, number>();

function checkApplied(v: Variant, fix: Fix, signal: string | undefined): void {
  const where = `${v.name}: ${fix.title}`;
  const after = applyEdits(v.text, fix.edits);
  // Line ends and the final newline as they were.
  if (!v.text.includes('\r')) assert.ok(!after.includes('\r'), `${where}: CR added`);
  if (/\r\n/.test(v.text) && !/(^|[^\r])\n/.test(v.text)) assert.ok(!/(^|[^\r])\n/.test(after), `${where}: LF line end in a CRLF file`);
  assert.equal(/\n$/.test(after), /\n$/.test(v.text), `${where}: final newline changed`);
  const before = parseWith(v.name, v.text, v.format);
  const model = parseWith(v.name, after, v.format);
  assert.ok(before && model, `${where}: no longer read`);
  assert.ok(model.problems.length <= before.problems.length, `${where}: new parse problem ${model.problems.map((p) => p.message).join('; ')}`);
  // The finding is gone, or what the fix promised is there.
  const count = (m: typeof before, s: string) => findingsFor(m).filter((f) => f.signal === s).length;
  const added = fix.expect?.added;
  if (added) assert.ok(count(model, added) > count(before, added), `${where}: ${added} not there after the fix`);
  else if (signal) assert.ok(count(model, signal) < count(before, signal), `${where}: ${signal} still there`);

  if (v.format === 'dockerfile') {
    const a = dockerInstructions(v.text);
    const b = dockerInstructions(after);
    assert.equal(b.length, a.length + 1, `${where}: one instruction added`);
    const i = b.findIndex((x, k) => x !== a[k]);
    assert.ok(i >= 0, `${where}: the new instruction is somewhere`);
    assert.deepEqual([...b.slice(0, i), ...b.slice(i + 1)], a, `${where}: the other instructions are as they were`);
    assert.match(b[i], /^(USER|HEALTHCHECK) /, `${where}: adds ${b[i]}`);
    assert.ok(words(fix.title).has(b[i].split(' ')[0]), `${where}: the title names ${b[i]}`);
    if (b[i].startsWith('USER ')) assert.ok(!b.slice(i + 1).some((x) => /^(USER|FROM) /.test(x)), `${where}: nothing after the new USER undoes it`);
    const ca = dockerComments(v.text);
    const cb = dockerComments(after);
    assert.ok(cb.length <= ca.length + 1 && ca.every((c) => cb.includes(c)), `${where}: comments kept`);
    return;
  }
  const da = yamlDocs(v.text);
  const db = yamlDocs(after);
  assert.ok(da && db, `${where}: YAML read`);
  assert.equal(db.length, da.length, `${where}: documents`);
  const titleWords = words(fix.title);
  for (let k = 0; k < da.length; k++) {
    assert.ok(db[k].errors <= da[k].errors, `${where}: YAML errors in document ${k}`);
    for (const leaf of changedLeaves(da[k].js, db[k].js)) {
      assert.ok(leaf.some((p) => titleWords.has(p)), `${where}: ${leaf.join('.')} changed, which the title does not name`);
    }
  }
  assert.deepEqual(tokens(after, '#'), tokens(v.text, '#'), `${where}: comments`);
  assert.deepEqual(tokens(after, '&'), tokens(v.text, '&'), `${where}: anchors`);
  assert.deepEqual(tokens(after, '*'), tokens(v.text, '*'), `${where}: aliases`);
}

function everyFix(v: Variant): number {
  const model = parseWith(v.name, v.text, v.format);
  if (!model) return 0;
  const findings = findingsFor(model);
  let n = 0;
  for (const f of findings) {
    if (!hasFixer(f.signal, model.format)) continue;
    for (const fix of checkedFixesFor({ model, text: v.text, finding: f, findings })?.fixes ?? []) {
      checkApplied(v, fix, f.signal);
      offered.set(`${v.format} ${f.signal}`, (offered.get(`${v.format} ${f.signal}`) ?? 0) + 1);
      n++;
    }
  }
  if (model.format === 'dockerfile') {
    for (const fix of checkedHealthcheck(model as DockerfileModel, v.text)) {
      checkApplied(v, fix, undefined);
      n++;
    }
  }
  return n;
}

describe('every quick fix, on every corpus file and its variants', function () {
  this.timeout(300_000);

  it('leaves each file readable, without its finding, changed only as its title says', () => {
    offered = new Map();
    let files = 0;
    for (const c of corpusFiles()) {
      if (!FORMATS.has(c.format)) continue;
      for (const v of variants(c.name, c.format, c.text)) {
        files++;
        everyFix(v);
      }
    }
    // The checks must not simply refuse everything: each kind of fix is offered on real files.
    for (const kind of ['dockerfile hardening.root-user', 'compose hardening.privileged', 'kubernetes hardening.privileged', 'kubernetes hardening.no-security-context']) {
      assert.ok((offered.get(kind) ?? 0) > 0, `${kind} offered somewhere in ${files} files (${[...offered].map(([k, n]) => `${k}: ${n}`).join(', ')})`);
    }
  });

  it('holds on randomly mutated corpus files too', () => {
    for (const format of ['dockerfile', 'compose', 'kubernetes'] as const) {
      fc.assert(
        fc.property(mutatedCorpus(format), ({ text }) => {
          everyFix({ name: format === 'dockerfile' ? 'Dockerfile' : format === 'compose' ? 'compose.yaml' : 'deploy.yaml', format, text });
          return true;
        }),
        { seed: 20261207, numRuns: 60, endOnFailure: true },
      );
    }
  });
});
