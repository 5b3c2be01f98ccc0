// The one renderer of an explanation (the hover and `container-or-vm explain` print the same bytes).
// What only this extension tells comes first: after the title, what the line means for container
// versus VM with the line's own notes and findings; then what the line does, in at most two
// sentences, with its reference; then the sources on one line (at most three) and the comparison
// link. Everything above the sources fits in WORD_BUDGET words as a reader sees them: the parts are
// taken in order of importance while they fit, and shown in the order above.
import * as l10n from '@vscode/l10n';
import { DIMENSIONS } from '../knowledge/dimensions';
import { citation, sourceById } from '../knowledge/sources';
import type { Cite, DimensionId, Topic } from '../knowledge/types';
import { COMPARE_COMMAND, compareLink, escapeText, inlineText } from './markdown';

/**
 * Whether an explanation of a `format` file includes what the line does, given the formats whose
 * hovers leave it out (`'*'`: all of them), as the editor's `containerOrVm.hover.verbosity` decides.
 */
export function showsGeneric(without: readonly string[], format: string): boolean {
  return !without.includes('*') && !without.includes(format);
}

/** At most this many words before the sources line, counted as a reader sees them (Markdown stripped). */
export const WORD_BUDGET = 110;
/** At most this many sources on the sources line. */
export const MAX_SOURCES = 3;
/** What the line does is told in at most this many sentences. */
export const DOES_SENTENCES = 2;

/** What the renderer needs beyond the topic: the line-specific parts and the related topics. */
export interface RenderInput {
  topic: Topic;
  /** Leave out the generic "what it does" part (another Docker extension already shows it). */
  generic: boolean;
  notes: string[];
  /** The advisor's findings here: label, message and where the evidence pushes, as plain text (the renderer escapes). */
  findings: { label: string; message: string; toward?: string }[];
  related: Topic[];
  dimensions: DimensionId[];
  /** Display names of the dimensions, in the same order. */
  dimensionNames: string[];
  sources: Cite[];
}

const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|vs|cf|approx|etc|incl|no|ca)\.$/i;

/**
 * The sentences of a Markdown paragraph. A sentence ends at `.`, `!` or `?` (with any closing
 * emphasis, quote or bracket) followed by a blank and a capital, a digit or inline markup; never
 * inside a code span or a link, nor after an abbreviation such as `e.g.`.
 */
export function sentences(text: string): string[] {
  const s = text.trim();
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '`') {
      const run = /^`+/.exec(s.slice(i))![0];
      const close = s.indexOf(run, i + run.length);
      i = close < 0 ? s.length : close + run.length;
      continue;
    }
    if (c === '[') {
      const m = /^\[[^\]]*\]\([^)]*\)/.exec(s.slice(i));
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    if (c === '.' || c === '!' || c === '?') {
      let j = i + 1;
      while (j < s.length && /[*_)"'\u201d\u2019\]]/.test(s[j])) j++;
      const m = /^\s+/.exec(s.slice(j));
      if (m && /[A-Z0-9`*_"\u201c([]/.test(s[j + m[0].length] ?? '') && !ABBREVIATIONS.test(s.slice(start, i + 1))) {
        out.push(s.slice(start, j).trim());
        start = j + m[0].length;
        i = start;
        continue;
      }
    }
    i++;
  }
  if (start < s.length) out.push(s.slice(start).trim());
  return out.filter(Boolean);
}

/** Words of Markdown as a reader sees them: link targets, markup and symbols are not words. */
export function visibleWords(markdown: string): number {
  const text = markdown
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[`*_#[\]]/g, ' ');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** A short, readable name for a citation: the document's short name and the section. */
function shortCite(c: Cite): string {
  const src = sourceById(c.doc);
  const section = c.section.replace(/^Containers vs\. virtual machines: /, '');
  return `${src.short}: ${section}`;
}

/** The comparison row a citation backs (the first that cites it), else the hover's own first dimension. */
function rowFor(c: Cite, fallback: DimensionId | undefined): DimensionId | undefined {
  const d = DIMENSIONS.find((x) => x.sources.some((s) => s.doc === c.doc && s.section === c.section));
  return d?.id ?? fallback;
}

/** The sources line: short names linked to the comparison row each one backs, the full title and section as the link's title. */
function sourcesLine(sources: Cite[], fallback: DimensionId | undefined): string {
  const links = sources.slice(0, MAX_SOURCES).map((c) => {
    const full = citation(c);
    const title = `${full.title}, “${full.section}”`.replace(/["\\]/g, (x) => `\\${x}`);
    const row = rowFor(c, fallback);
    const label = escapeText(shortCite(c));
    if (!row) return `*${label}*`;
    const arg = encodeURIComponent(JSON.stringify({ dimension: row }));
    return `[${label}](command:${COMPARE_COMMAND}?${arg} "${title}")`;
  });
  return `*${l10n.t('Sources:')}* ${links.join(' · ')}`;
}

interface Part {
  /** Where it is shown (lower first). */
  order: number;
  /** Which is taken first while the budget lasts (lower first). */
  rank: number;
  text: string;
  /** Parts of one group are taken only in sequence: a later sentence never without the earlier ones. */
  group?: string;
  seq?: number;
  /** Shown with the "On this line" list. */
  listItem?: boolean;
  /** Words a label adds the first time a part of its kind is taken. */
  label?: 'line' | 'does';
}

export function renderExplanation(input: RenderInput): string {
  const { topic } = input;
  const title = `#### ${topic.title}`;
  const angleLabel = `**${l10n.t('Container or VM?')}**`;
  const lineLabel = `**${l10n.t('On this line')}**`;
  const doesLabel = `**${l10n.t('What it does.')}**`;

  const parts: Part[] = [];
  const angle = sentences(topic.angle);
  angle.forEach((s, i) => parts.push({ order: 10, rank: i === 0 ? 0 : 40 + i, text: s, group: 'angle', seq: i }));
  input.findings.forEach((f, i) => {
    const toward = f.toward ? ` ${l10n.t('(evidence toward {0})', f.toward)}` : '';
    // With notes present the finding's message mostly repeats them; its label and direction suffice.
    const message = input.notes.length || !f.message ? '' : `: ${inlineText(f.message)}`;
    const full = `- ⚑ **${inlineText(f.label)}**${toward}${message}`;
    const short = `- ⚑ **${inlineText(f.label)}**${toward}`;
    parts.push({ order: 31 + i / 100, rank: 20 + i / 100, text: full === short || visibleWords(full) <= 30 ? full : short, listItem: true, label: 'line' });
  });
  input.notes.forEach((n, i) => parts.push({ order: 30 + i / 100, rank: 10 + i / 100, text: `- ${n}`, listItem: true, label: 'line' }));
  input.related.forEach((r, i) => {
    const first = sentences(r.angle)[0] ?? '';
    parts.push({ order: 20 + i / 100, rank: 60 + i, text: `**${r.title}**: ${first || r.summary}` });
  });
  const ref = input.generic && topic.reference ? `[${escapeText(topic.reference.label)}](${topic.reference.url})` : '';
  if (input.generic && topic.does.trim()) {
    const does = sentences(topic.does).slice(0, DOES_SENTENCES);
    does.forEach((s, i) => parts.push({ order: 40 + i / 100, rank: i === 0 ? 30 : 70, text: s, group: 'does', seq: i, label: 'does' }));
    // When even its first sentence does not fit, the topic's one-line summary says what it does.
    if (topic.summary.trim()) parts.push({ order: 40, rank: 31, text: topic.summary.trim(), group: 'summary', seq: 0, label: 'does' });
  }

  // The labels count once, with the first part of their kind; the does label brings the reference.
  const labelWords = { line: visibleWords(lineLabel), does: visibleWords(`${doesLabel} ${ref}`) };
  let used = visibleWords(title) + visibleWords(angleLabel);
  const taken = new Set<Part>();
  const lastSeq = new Map<string, number>();
  const labelled = new Set<string>();
  for (const p of [...parts].sort((a, b) => a.rank - b.rank)) {
    if (p.group && p.seq! > 0 && lastSeq.get(p.group) !== p.seq! - 1) continue;
    if (p.group === 'summary' && lastSeq.has('does')) continue;
    let cost = visibleWords(p.text);
    if (p.label && !labelled.has(p.label)) cost += labelWords[p.label];
    // The first sentence of what it means for container versus VM is always shown.
    if (p.rank !== 0 && used + cost > WORD_BUDGET) continue;
    used += cost;
    taken.add(p);
    if (p.label) labelled.add(p.label);
    if (p.group) lastSeq.set(p.group, p.seq!);
  }
  const doesShown = parts.filter((p) => (p.group === 'does' || p.group === 'summary') && taken.has(p));

  const shown = (order: number, to: number) => parts.filter((p) => taken.has(p) && p.order >= order && p.order < to).sort((a, b) => a.order - b.order);
  const out: string[] = [title, ''];
  out.push(`${angleLabel} ${shown(10, 20).map((p) => p.text).join(' ')}`, '');
  for (const r of shown(20, 30)) out.push(r.text, '');
  const items = shown(30, 40);
  if (items.length) out.push(lineLabel, '', ...items.map((p) => p.text), '');
  if (doesShown.length) out.push(`${doesLabel} ${doesShown.map((p) => p.text).join(' ')}${ref ? ` ${ref}` : ''}`, '');
  if (input.sources.length) out.push(sourcesLine(input.sources, input.dimensions[0]), '');
  if (input.dimensions.length) out.push(compareLink(input.dimensions[0], input.dimensionNames[0]), '');
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
