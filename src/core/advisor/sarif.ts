// The advice report as SARIF 2.1.0, the format GitHub code scanning uploads. It carries only what
// asks for a change: every catalogue signal towards hardening, a sandbox or a VM is a rule (its
// helpUri its entry in docs/signals.md), every occurrence of one that counts for a workload is a
// result, plus one `advisor.verdict` result per workload that needs more than a plain container.
// Cloud-native evidence, which only confirms a container fits, is left out (the other formats list it).
// Levels: `warning`, something to act on or to decide deliberately. Hardening rules carry a
// `security-severity` (the signal's weight on GitHub's 0.0–10.0 scale), which code scanning reads.
// A result's fingerprint hashes its rule, its file and the normalised text of the evidence line
// (with which occurrence of that text it is), not the line number: moving other lines keeps it.
import { version } from '../../../package.json';
import { citation } from '../knowledge/sources';
import { REPOSITORY_URL, securitySeverity, signalDocUrl } from '../render/signalsDoc';
import type { AdviceReport } from './report';
import { SIGNALS } from './signals';
import type { Direction, Signal } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://marketplace.visualstudio.com/items?itemName=container-or-vm.container-or-vm';
export const VERDICT_RULE_ID = 'advisor.verdict';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export const LEVEL_BY_DIRECTION: Record<Direction, SarifLevel> = {
  vm: 'warning',
  sandbox: 'warning',
  harden: 'warning',
  container: 'note',
};

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; weight?: number; 'security-severity'?: string; precision?: 'high' | 'medium' | 'low' | 'very-high' };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
      region: { startLine: number; startColumn: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties: { workloads: string[]; direction?: Direction; verdict?: string; role?: string };
  /** Set on a finding a comment (`inSource`) or the config file (`external`) suppressed: code scanning shows it dismissed. */
  suppressions?: { kind: 'inSource' | 'external'; justification: string }[];
}

export interface SarifRun {
  tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
  originalUriBaseIds?: Record<string, { uri: string }>;
  results: SarifResult[];
  columnKind: 'utf16CodeUnits';
  /** The overall answer (null: no workloads found), where it came from, and the files read only in part. */
  properties?: { verdict: string | null; summary: string; overallFrom: string; incomplete: string[] };
}

/** Whether a signal asks for a change: towards hardening, a sandbox or a VM. Only these reach SARIF. */
export const asksForChange = (d: Direction): boolean => d !== 'container';

export { securitySeverity };

/** Where the verdict rule is explained. */
export const VERDICT_HELP_URI = `${REPOSITORY_URL}/blob/main/docs/advisor.md`;

/** The fingerprint key of a result (its version names the recipe below). */
export const FINGERPRINT_KEY = 'containerOrVmEvidence/v1';

/** A line's text as a fingerprint reads it: blanks folded, ends trimmed. */
export function normaliseLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A 64-bit FNV-1a hash of a text, as 16 hex digits: no platform API, the same everywhere. */
export function hash64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h = ((h ^ BigInt(c & 0xff)) * prime) & mask;
    h = ((h ^ BigInt(c >> 8)) * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

/** A file's lines, for the fingerprints: the file's text (relative path as the report gives it), or undefined when not known. */
export type SourceText = (file: string) => string | undefined;

const ruleName = (id: string) =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');

function ruleOf(s: Signal): SarifRule {
  const cites = s.sources.map(citation);
  const helpText = [s.reason, s.remedy ? `What would take it away: ${s.remedy}` : '', cites.length ? `Sources: ${cites.map((c) => `${c.title}, "${c.section}"`).join('; ')}` : '']
    .filter(Boolean)
    .join('\n\n');
  const helpMd = [s.reason, s.remedy ? `**What would take it away:** ${s.remedy}` : '', cites.length ? `**Sources:** ${cites.map((c) => `*${c.title}*, “${c.section}”`).join('; ')}` : '']
    .filter(Boolean)
    .join('\n\n');
  return {
    id: s.id,
    name: ruleName(s.id),
    shortDescription: { text: s.label },
    fullDescription: { text: s.reason },
    help: { text: helpText, markdown: helpMd },
    helpUri: signalDocUrl(s.id),
    defaultConfiguration: { level: LEVEL_BY_DIRECTION[s.direction] },
    properties: {
      tags: ['container-or-vm', s.group, `direction:${s.direction}`, `dimension:${s.dimension}`, ...(s.direction === 'harden' ? ['security'] : [])],
      weight: s.weight,
      ...(s.direction === 'harden' ? { 'security-severity': securitySeverity(s.weight) } : {}),
    },
  };
}

const VERDICT_RULE: SarifRule = {
  id: VERDICT_RULE_ID,
  name: 'AdvisorVerdict',
  shortDescription: { text: 'Workload needs more than a plain container' },
  fullDescription: { text: 'The advisor weighed the evidence for this workload and found it belongs in a hardened container, a sandboxed runtime or a virtual machine.' },
  help: {
    text: 'Each workload gets one verdict: vm, sandboxed, container-hardened or container. The results for the individual signals say why; the message lists what would change the verdict.',
    markdown: 'Each workload gets one verdict: `vm`, `sandboxed`, `container-hardened` or `container`. The results for the individual signals say why; the message lists what would change the verdict.',
  },
  helpUri: VERDICT_HELP_URI,
  defaultConfiguration: { level: 'warning' },
  properties: { tags: ['container-or-vm', 'verdict'] },
};

/** A relative path as a URI reference: each segment percent-encoded. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * The report as a SARIF log. `catalogue` defaults to the signal catalogue; `source` gives a file's
 * text for the fingerprints (without it, or for a file it does not know, the finding's own message
 * stands for the line's text).
 */
export function toSarif(report: AdviceReport, catalogue: readonly Signal[] = SIGNALS, rootUri?: string, source?: SourceText): SarifLog {
  const rules: SarifRule[] = [VERDICT_RULE, ...catalogue.filter((s) => asksForChange(s.direction)).map(ruleOf)];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: SarifResult[] = [];
  const byKey = new Map<string, SarifResult>();
  const loc = (file: string, line: number, column: number) => [
    { physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: '%SRCROOT%' as const }, region: { startLine: Math.max(1, line), startColumn: Math.max(1, column) } } },
  ];
  const ruleFor = (id: string, make: () => Signal): number => {
    let ruleIndex = index.get(id);
    if (ruleIndex === undefined) {
      // A signal from outside the given catalogue still needs a rule for the result to point at.
      ruleIndex = rules.length;
      rules.push(ruleOf(make()));
      index.set(id, ruleIndex);
    }
    return ruleIndex;
  };
  // What each result's fingerprint is made of, filled in once every result is known.
  const pending: { r: SarifResult; file: string; line: number; column: number; fallback: string }[] = [];

  for (const w of report.workloads) {
    if (w.verdict !== 'container') {
      const product = (w.role ?? 'product') === 'product';
      results.push({
        ruleId: VERDICT_RULE_ID,
        ruleIndex: 0,
        // A test fixture's or an example's verdict is worth knowing, not a warning about the product.
        level: product ? 'warning' : 'note',
        message: { text: `${w.name} (${w.kind}${product ? '' : `, ${w.role}`}): ${w.verdict}, confidence ${w.confidence.toFixed(2)}.${w.changes.length ? ` What would change it: ${w.changes.join(' | ')}` : ''}` },
        locations: loc(w.file, w.line, w.range.start.character + 1),
        partialFingerprints: { [FINGERPRINT_KEY]: hash64(`${VERDICT_RULE_ID}\u0000${w.file}\u0000${w.kind}\u0000${w.name}`) },
        properties: { workloads: [w.name], verdict: w.verdict, role: w.role ?? 'product' },
      });
    }
    for (const s of w.signals) {
      if (!asksForChange(s.direction)) continue;
      // A Dockerfile shared by two services: one result naming both.
      const key = `${s.id}\u0000${s.file}\u0000${s.line}\u0000${s.column}`;
      const had = byKey.get(key);
      if (had) {
        if (!had.properties.workloads.includes(w.name)) had.properties.workloads.push(w.name);
        continue;
      }
      const ruleIndex = ruleFor(s.id, () => ({ id: s.id, group: 'existing', direction: s.direction, weight: s.weight, dimension: s.dimension, sources: [], label: s.label, reason: s.message }));
      const r: SarifResult = {
        ruleId: s.id,
        ruleIndex,
        level: LEVEL_BY_DIRECTION[s.direction],
        message: { text: `${s.label}: ${s.message}` },
        locations: loc(s.file, s.line, s.column),
        partialFingerprints: {},
        properties: { workloads: [w.name], direction: s.direction },
      };
      byKey.set(key, r);
      results.push(r);
      pending.push({ r, file: s.file, line: s.line, column: s.column, fallback: s.message });
    }
  }
  // Suppressed findings stay, marked, so code scanning shows them as dismissed with the reason.
  const byId = new Map(catalogue.map((s) => [s.id, s]));
  for (const x of report.suppressed ?? []) {
    const signal = byId.get(x.signal);
    // A suppressed finding of a signal outside the catalogue asked for a change, or it would not be worth suppressing.
    const direction = signal?.direction ?? 'harden';
    if (!asksForChange(direction)) continue;
    const ruleIndex = ruleFor(x.signal, () => signal ?? { id: x.signal, group: 'existing', direction, weight: 0, dimension: 'isolation', sources: [], label: x.signal, reason: x.message ?? x.signal });
    const r: SarifResult = {
      ruleId: x.signal,
      ruleIndex,
      level: LEVEL_BY_DIRECTION[direction],
      message: { text: `${signal?.label ?? x.signal}: ${x.message ?? signal?.reason ?? ''}` },
      locations: loc(x.file, x.line, x.column),
      partialFingerprints: {},
      properties: { workloads: [], direction },
      suppressions: [{ kind: x.by === 'comment' ? 'inSource' : 'external', justification: x.reason }],
    };
    results.push(r);
    pending.push({ r, file: x.file, line: x.line, column: x.column, fallback: x.message ?? signal?.reason ?? x.signal });
  }
  fingerprint(pending, source);
  const run: SarifRun = {
    tool: { driver: { name: 'container-or-vm', version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
    results,
    columnKind: 'utf16CodeUnits',
    properties: {
      verdict: report.verdict ?? null,
      summary: report.verdict === null || report.workloads.length === 0 ? 'No workloads found' : `Overall: ${report.verdict}`,
      overallFrom: report.overallFrom ?? 'product',
      incomplete: (report.incomplete ?? []).map((f) => f.file),
    },
  };
  if (rootUri) run.originalUriBaseIds = { '%SRCROOT%': { uri: rootUri.endsWith('/') ? rootUri : rootUri + '/' } };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/**
 * Each result's fingerprint: a hash of its rule, its file, the normalised text of its evidence line
 * and which occurrence of that same text (for the same rule, in the same file) it is, counted in line
 * order. Lines added or moved elsewhere change none of these.
 */
function fingerprint(pending: { r: SarifResult; file: string; line: number; column: number; fallback: string }[], source: SourceText | undefined): void {
  const lines = new Map<string, string[] | undefined>();
  const lineText = (file: string, line: number): string | undefined => {
    if (!source) return undefined;
    if (!lines.has(file)) {
      let text: string | undefined;
      try {
        text = source(file);
      } catch {
        text = undefined;
      }
      lines.set(file, text === undefined ? undefined : text.split(/\r\n|\r|\n/));
    }
    return lines.get(file)?.[line - 1];
  };
  const keyed = pending.map((p) => {
    const text = lineText(p.file, p.line);
    const content = text === undefined || normaliseLine(text) === '' ? `message:${normaliseLine(p.fallback)}` : `line:${normaliseLine(text)}`;
    return { ...p, base: `${p.r.ruleId}\u0000${p.file}\u0000${content}` };
  });
  const order = [...keyed].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : a.line - b.line || a.column - b.column));
  const seen = new Map<string, number>();
  for (const k of order) {
    const n = seen.get(k.base) ?? 0;
    seen.set(k.base, n + 1);
    k.r.partialFingerprints = { [FINGERPRINT_KEY]: `${hash64(k.base)}:${n + 1}` };
  }
}
