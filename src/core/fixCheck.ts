// Every quick fix is checked before it is offered: the edited text is parsed again and the advisor run
// on it. A fix is kept only when the file still parses with no new problem, the finding it names is
// gone (or the finding it promises is there), and everything else is as it was: the same documents,
// keys, values, anchors, aliases and comments for YAML (merge keys resolved, so a lost `<<:` line
// shows), the same instructions, directives and comments for a Dockerfile, apart from exactly the
// change the fix declares. A fix that cannot be shown to meet that is not offered, and the reason
// says why. Pure: text in, verdicts out; the CLI's `fix` and the editor's code actions share it.
import * as l10n from '@vscode/l10n';
import { isAlias, Lexer, parseAllDocuments, visit } from 'yaml';
import { findingsFor } from './advisor/findings';
import type { Finding } from './advisor/types';
import { parseWith } from './cache';
import { applyEdits, dockerfileHealthcheck, fixesFor, hasFixer, type Change, type Fix, type FixInput, type FixResult, type TextEdit } from './fixes';
import type { DockerfileModel } from './parse/dockerfile';
import { lineAtOffset, lineStarts as lineStartsOf } from './parse/lines';
import type { ModelBase, Pos } from './parse/types';

// ---------------------------------------------------------------------------------------------
// Offsets and edited lines

function offsetAt(starts: number[], text: string, p: Pos): number {
  if (p.line >= starts.length) return text.length;
  const end = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  return Math.min(starts[p.line] + p.character, end);
}

const lineAt = lineAtOffset;

/** The lines each edit touches, before and after it is applied (inclusive line spans). */
function editedLines(before: string, edits: readonly TextEdit[]): { before: [number, number][]; after: [number, number][] } {
  const starts = lineStartsOf(before);
  const spans = edits
    .map((e) => ({ from: offsetAt(starts, before, e.range.start), to: offsetAt(starts, before, e.range.end), text: e.newText }))
    .sort((a, b) => a.from - b.from);
  const after = applyEdits(before, edits);
  const afterStarts = lineStartsOf(after);
  const b: [number, number][] = [];
  const a: [number, number][] = [];
  let shift = 0;
  for (const s of spans) {
    b.push([lineAt(starts, s.from), lineAt(starts, s.to)]);
    const from = s.from + shift;
    a.push([lineAt(afterStarts, from), lineAt(afterStarts, from + s.text.length)]);
    shift += s.text.length - (s.to - s.from);
  }
  return { before: b, after: a };
}

const within = (spans: [number, number][], line: number) => spans.some(([a, b]) => a <= line && line <= b);

// ---------------------------------------------------------------------------------------------
// What a file holds, for comparison

interface YamlShape {
  docs: { js: unknown; errors: number; range: [number, number] }[];
  anchors: string[];
  aliases: string[];
  comments: string[];
}

function yamlShape(text: string): YamlShape | string {
  const docs: YamlShape['docs'] = [];
  const anchors: string[] = [];
  const aliases: string[] = [];
  try {
    for (const d of parseAllDocuments(text, { merge: true, prettyErrors: false, logLevel: 'silent' })) {
      if (!('toJS' in d)) return l10n.t('the file could not be read as YAML');
      docs.push({ js: d.toJS({ maxAliasCount: 1000 }), errors: d.errors.length, range: [d.range[0], d.range[2]] });
      // Anchors and aliases, as written.
      visit(d, {
        Node(_, node) {
          if (isAlias(node)) aliases.push(node.source);
          else if (node.anchor) anchors.push(node.anchor);
        },
      });
    }
  } catch {
    return l10n.t('its values could not be read in full (too many aliases)');
  }
  const comments: string[] = [];
  for (const tok of new Lexer().lex(text)) if (tok.charCodeAt(0) === 35 /* # */) comments.push(tok.trimEnd());
  return { docs, anchors: anchors.sort(), aliases: aliases.sort(), comments: comments.sort() };
}

/**
 * The shape of the last text a fix started from. The fixes of one request (and the CLI's findings of
 * one round) all start from the same text; the shape is only read, never changed (checkYaml clones
 * what it edits), so reading it once gives the same verdicts.
 */
let original: { text: string; shape: YamlShape | string } | undefined;
function originalShape(text: string): YamlShape | string {
  if (original?.text !== text) original = { text, shape: yamlShape(text) };
  return original.shape;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Applies declared changes to a document's values; false when a path does not lead anywhere. */
function applyChanges(js: unknown, changes: readonly Change[]): boolean {
  for (const c of changes) {
    if (c.kind !== 'config') return false;
    let at = js as Record<string, unknown> | unknown[];
    for (const k of c.path.slice(0, -1)) {
      const next = (at as Record<string, unknown>)[k];
      if (next === undefined && c.op !== 'delete') {
        (at as Record<string, unknown>)[k] = {};
      } else if (next === null || typeof next !== 'object') return false;
      at = (at as Record<string, unknown>)[k] as Record<string, unknown>;
    }
    const last = c.path[c.path.length - 1];
    const obj = at as Record<string, unknown>;
    if (c.op === 'delete') {
      if (!(last in obj)) return false;
      delete obj[last];
    } else if (c.op === 'set') obj[last] = clone(c.value);
    else if (c.op === 'append') {
      const list = obj[last];
      if (list === undefined) obj[last] = clone(c.values);
      else if (Array.isArray(list)) list.push(...clone(c.values));
      else return false;
    }
  }
  return true;
}

/** Deep equality of plain values; key order is not part of what a mapping means. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map || a instanceof Set || b instanceof Set) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function checkYaml(before: string, after: string, fix: Fix): string | undefined {
  const b = originalShape(before);
  if (typeof b === 'string') return b;
  const a = yamlShape(after);
  if (typeof a === 'string') return l10n.t('the edited file could not be read back');
  if (a.docs.length !== b.docs.length) return l10n.t('the edit would change the number of YAML documents');
  const starts = lineStartsOf(before);
  const first = fix.edits.length ? offsetAt(starts, before, fix.edits[0].range.start) : 0;
  let target = b.docs.findIndex((d) => d.range[0] <= first && first <= d.range[1]);
  if (target < 0) target = b.docs.length - 1;
  for (let i = 0; i < b.docs.length; i++) {
    if (a.docs[i].errors > b.docs[i].errors) return l10n.t('the edited file would not parse as YAML');
    const expected = clone(b.docs[i].js);
    if (i === target && !applyChanges(expected, fix.changes)) return l10n.t('the edit does not do what its title says');
    if (!same(expected, a.docs[i].js)) {
      return i === target ? l10n.t('the edit would change more than its title says (a value shared through an anchor or merge key, or a neighbouring key)') : l10n.t('the edit would change another document of the file');
    }
  }
  if (!sameList(a.anchors, b.anchors) || !sameList(a.aliases, b.aliases)) return l10n.t('the edit would change the anchors or aliases of the file');
  if (!sameList(a.comments, b.comments)) return l10n.t('the edit would lose or change a comment');
  return undefined;
}

/** An instruction as the builder sees it: keyword, flags, arguments and heredoc bodies. */
function instructionKey(text: string, starts: number[], ins: DockerfileModel['instructions'][number]): string {
  const flags = ins.flags.map((f) => `--${f.name}${f.value === undefined || f.value === null ? '' : '=' + f.value}`).join(' ');
  const docs = ins.heredocs.map((h) => (h.contentRange ? text.slice(offsetAt(starts, text, h.contentRange.start), offsetAt(starts, text, h.contentRange.end)) : '')).join('\u0000');
  return `${ins.stage}|${ins.keyword}|${flags}|${ins.args}|${docs}|${ins.trigger ? ins.trigger.keyword + ' ' + ins.trigger.args : ''}`;
}

/** Comment lines outside instructions (continuation comments belong to their instruction's text). */
function dockerComments(text: string, model: DockerfileModel): string[] {
  const starts = lineStartsOf(text);
  const inside = new Set<number>();
  for (const ins of model.instructions) for (let l = ins.range.start.line; l <= ins.range.end.line; l++) inside.add(l);
  for (const ins of model.instructions) for (const h of ins.heredocs) if (h.contentRange) for (let l = h.contentRange.start.line; l <= (h.delimiterRange ?? h.contentRange).end.line; l++) inside.add(l);
  const out: string[] = [];
  for (let l = 0; l < starts.length; l++) {
    if (inside.has(l)) continue;
    const line = text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] : text.length).trim();
    if (line.startsWith('#')) out.push(line);
  }
  return out;
}

function checkDockerfile(before: string, after: string, bm: DockerfileModel, am: DockerfileModel, fix: Fix): string | undefined {
  const bs = lineStartsOf(before);
  const as = lineStartsOf(after);
  const expected = bm.instructions.map((i) => instructionKey(before, bs, i));
  const expectedComments = dockerComments(before, bm);
  const dirs = (m: DockerfileModel) => m.directives.map((d) => `${d.name}=${d.value}`).join('\n');
  for (const c of fix.changes) {
    if (c.kind !== 'dockerfile') return l10n.t('the edit does not do what its title says');
    if (c.index < 0 || c.index > expected.length) return l10n.t('the edit does not do what its title says');
    expected.splice(c.index, 0, `${c.stage}|${c.keyword}|${c.flags}|${c.args}||`);
    if (c.comment) expectedComments.push(c.comment);
  }
  const actual = am.instructions.map((i) => instructionKey(after, as, i));
  if (!sameList(actual, expected)) return l10n.t('the edit would change another instruction or land in the wrong stage');
  if (dirs(am) !== dirs(bm) || am.escape !== bm.escape) return l10n.t('the edit would change a parser directive');
  if (!sameList(dockerComments(after, am).sort(), expectedComments.sort())) return l10n.t('the edit would lose or change a comment');
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Findings before and after

function countBy(list: readonly Finding[], keep: (f: Finding) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of list) if (keep(f)) m.set(f.signal, (m.get(f.signal) ?? 0) + 1);
  return m;
}

function checkFindings(before: readonly Finding[], after: readonly Finding[], fix: Fix, named: string | undefined, spans: ReturnType<typeof editedLines>): string | undefined {
  const gone = fix.expect ? fix.expect.gone : named;
  const added = fix.expect?.added;
  const also = new Set(fix.expect?.also ?? []);
  const exempt = (s: string) => s === gone || s === added;
  // Away from the edited lines, the same evidence as before.
  const b = countBy(before, (f) => !exempt(f.signal) && !within(spans.before, f.range.start.line));
  const a = countBy(after, (f) => !exempt(f.signal) && !within(spans.after, f.range.start.line));
  for (const [s, n] of a) if ((b.get(s) ?? 0) !== n && !(also.has(s) && n > (b.get(s) ?? 0))) return l10n.t('the edit would change other evidence ({0})', s);
  for (const [s, n] of b) if ((a.get(s) ?? 0) !== n) return l10n.t('the edit would change other evidence ({0})', s);
  if (gone) {
    const nb = before.filter((f) => f.signal === gone).length;
    const na = after.filter((f) => f.signal === gone).length;
    if (na >= nb) return l10n.t('the finding would still be there after the edit');
  }
  if (added) {
    const nb = before.filter((f) => f.signal === added).length;
    const na = after.filter((f) => f.signal === added).length;
    if (na <= nb) return l10n.t('the edit would not give what its title promises');
  }
  return undefined;
}

const problemsOf = (m: ModelBase) => m.problems.map((p) => p.message).sort();

/**
 * Why a fix would break the file or do other than its title says; undefined when it passes every
 * check. `named` is the signal of the finding it fixes (none for fixes offered without a finding).
 */
export function checkFix(file: string, text: string, model: ModelBase, fix: Fix, named?: string): string | undefined {
  if (fix.edits.length === 0) return l10n.t('it changes nothing');
  if (!fix.changes.length) return l10n.t('the edit does not say what it changes');
  const after = applyEdits(text, fix.edits);
  const am = parseWith(file, after, model.format);
  if (!am || am.format !== model.format) return l10n.t('the edited file would no longer be read as the same kind of file');
  // No new parse problem (messages compared, as positions move).
  const left = [...problemsOf(model)];
  for (const p of problemsOf(am)) {
    const i = left.indexOf(p);
    if (i < 0) return l10n.t('the edited file would have a new problem: {0}', p);
    left.splice(i, 1);
  }
  const why = model.format === 'dockerfile' ? checkDockerfile(text, after, model as DockerfileModel, am as DockerfileModel, fix) : checkYaml(text, after, fix);
  if (why) return why;
  return checkFindings(findingsFor(model), findingsFor(am), fix, named, editedLines(text, fix.edits));
}

/** The fixes for a finding that pass every check; when the fixer offered some and none passed, `why` says what stood in the way. */
export function checkedFixesFor(input: FixInput): FixResult | undefined {
  const raw = fixesFor(input);
  if (!raw || raw.fixes.length === 0) return raw;
  const kept: Fix[] = [];
  let why: string | undefined;
  for (const fix of raw.fixes) {
    const reason = checkFix(input.model.file, input.text, input.model, fix, input.finding.signal);
    if (reason === undefined) kept.push(fix);
    else why ??= reason;
  }
  if (kept.length === 0) return { fixes: [], why: l10n.t('No safe edit could be made here: {0}.', why ?? '') };
  if (kept.length && !kept.some((f) => f.preferred) && raw.fixes.some((f) => f.preferred)) kept[0] = { ...kept[0], preferred: false };
  return { fixes: kept, why: raw.why };
}

/** The HEALTHCHECK fix of a Dockerfile's final stage, when it passes every check. */
export function checkedHealthcheck(model: DockerfileModel, text: string): Fix[] {
  return dockerfileHealthcheck(model, text).fixes.filter((f) => checkFix(model.file, text, model, f) === undefined);
}

// ---------------------------------------------------------------------------------------------
// A whole file, for the CLI

export interface AppliedFix {
  signal: string;
  title: string;
  /** 0-based line of the finding in the text as it was when the fix was chosen. */
  line: number;
}

export interface WithheldFix {
  signal: string;
  line: number;
  why: string;
}

export interface FixDocumentResult {
  text: string;
  applied: AppliedFix[];
  withheld: WithheldFix[];
  /** Set when the file is not one the advisor reads. */
  unsupported?: true;
}

export interface FixDocumentOptions {
  /** Only findings of these signals; every signal with a fixer when absent. */
  signals?: readonly string[];
}

/**
 * Applies, one at a time and each checked against the text it edits, the preferred fix of every
 * finding that has one (the fix the editor marks as preferred; the others need a person's choice). A
 * fix that needs set-up beyond the file (`manual`) is applied only when its signal is asked for by
 * name. Stops when nothing more applies.
 */
export function fixDocument(file: string, text: string, options: FixDocumentOptions = {}): FixDocumentResult {
  const applied: AppliedFix[] = [];
  const withheld = new Map<string, WithheldFix>();
  const wanted = options.signals && options.signals.length ? new Set(options.signals) : undefined;
  let current = text;
  let model = parseWith(file, current);
  if (!model) return { text, applied, withheld: [], unsupported: true };
  // Every applied fix removes its finding, so this ends; the bound is a second guard.
  for (let round = 0; round < 10_000; round++) {
    const findings = findingsFor(model);
    let chosen: { fix: Fix; finding: Finding } | undefined;
    for (const f of findings) {
      if (wanted && !wanted.has(f.signal)) continue;
      if (!hasFixer(f.signal, model.format)) continue;
      const key = `${f.signal}@${f.range.start.line}:${f.range.start.character}`;
      const r = checkedFixesFor({ model, text: current, finding: f, findings });
      const fixes = (r?.fixes ?? []).filter((x) => !x.manual || wanted?.has(f.signal));
      const pick = fixes.find((x) => x.preferred);
      if (pick) {
        chosen = { fix: pick, finding: f };
        break;
      }
      if (!withheld.has(key)) {
        const why = r?.fixes.some((x) => x.manual && x.preferred)
          ? l10n.t('It needs set-up outside the file; name its signal with --signal to apply it.')
          : r?.fixes.length
            ? l10n.t('No fix is clearly right here; the editor offers: {0}', r.fixes.map((x) => x.title).join('; '))
            : r?.why;
        if (why) withheld.set(key, { signal: f.signal, line: f.range.start.line, why });
      }
    }
    if (!chosen) break;
    applied.push({ signal: chosen.finding.signal, title: chosen.fix.title, line: chosen.finding.range.start.line });
    current = applyEdits(current, chosen.fix.edits);
    const next = parseWith(file, current, model.format);
    if (!next) break;
    model = next;
    withheld.clear();
  }
  return { text: current, applied, withheld: [...withheld.values()] };
}
