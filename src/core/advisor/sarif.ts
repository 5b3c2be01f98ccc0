// The advice report as SARIF 2.1.0, the format GitHub code scanning uploads. Every catalogue signal
// is a rule; every occurrence that counts for a workload is a result, plus one `advisor.verdict`
// result per workload that needs more than a plain container.
// Levels: evidence towards a VM, a sandbox or hardening is a `warning` (something to act on or to
// decide deliberately); cloud-native evidence, which only confirms a container fits, is a `note`.
import { version } from '../../../package.json';
import { citation } from '../knowledge/sources';
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
  properties: { tags: string[]; weight?: number };
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
    helpUri: INFORMATION_URI,
    defaultConfiguration: { level: LEVEL_BY_DIRECTION[s.direction] },
    properties: { tags: ['container-or-vm', s.group, `direction:${s.direction}`, `dimension:${s.dimension}`], weight: s.weight },
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
  helpUri: INFORMATION_URI,
  defaultConfiguration: { level: 'warning' },
  properties: { tags: ['container-or-vm', 'verdict'] },
};

/** A relative path as a URI reference: each segment percent-encoded. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** The report as a SARIF log. `catalogue` defaults to the signal catalogue. */
export function toSarif(report: AdviceReport, catalogue: readonly Signal[] = SIGNALS, rootUri?: string): SarifLog {
  const rules: SarifRule[] = [VERDICT_RULE, ...catalogue.map(ruleOf)];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: SarifResult[] = [];
  const byKey = new Map<string, SarifResult>();
  const loc = (file: string, line: number, column: number) => [
    { physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: '%SRCROOT%' as const }, region: { startLine: Math.max(1, line), startColumn: Math.max(1, column) } } },
  ];

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
        partialFingerprints: { workload: `${w.kind}:${w.name}:${w.file}` },
        properties: { workloads: [w.name], verdict: w.verdict, role: w.role ?? 'product' },
      });
    }
    for (const s of w.signals) {
      // A Dockerfile shared by two services: one result naming both.
      const key = `${s.id}\u0000${s.file}\u0000${s.line}\u0000${s.column}`;
      const had = byKey.get(key);
      if (had) {
        if (!had.properties.workloads.includes(w.name)) had.properties.workloads.push(w.name);
        continue;
      }
      let ruleIndex = index.get(s.id);
      if (ruleIndex === undefined) {
        // A signal from outside the given catalogue still needs a rule for the result to point at.
        ruleIndex = rules.length;
        rules.push(ruleOf({ id: s.id, group: 'existing', direction: s.direction, weight: s.weight, dimension: s.dimension, sources: [], label: s.label, reason: s.message }));
        index.set(s.id, ruleIndex);
      }
      const r: SarifResult = {
        ruleId: s.id,
        ruleIndex,
        level: LEVEL_BY_DIRECTION[s.direction],
        message: { text: `${s.label}: ${s.message}` },
        locations: loc(s.file, s.line, s.column),
        partialFingerprints: { signal: `${s.id}:${s.file}:${s.line}` },
        properties: { workloads: [w.name], direction: s.direction },
      };
      byKey.set(key, r);
      results.push(r);
    }
  }
  // Suppressed findings stay, marked, so code scanning shows them as dismissed with the reason.
  const byId = new Map(catalogue.map((s) => [s.id, s]));
  for (const x of report.suppressed ?? []) {
    const signal = byId.get(x.signal);
    let ruleIndex = index.get(x.signal);
    if (ruleIndex === undefined) {
      ruleIndex = rules.length;
      rules.push(ruleOf(signal ?? { id: x.signal, group: 'existing', direction: 'container', weight: 0, dimension: 'isolation', sources: [], label: x.signal, reason: x.message ?? x.signal }));
      index.set(x.signal, ruleIndex);
    }
    const direction = signal?.direction ?? 'container';
    results.push({
      ruleId: x.signal,
      ruleIndex,
      level: LEVEL_BY_DIRECTION[direction],
      message: { text: `${signal?.label ?? x.signal}: ${x.message ?? signal?.reason ?? ''}` },
      locations: loc(x.file, x.line, x.column),
      partialFingerprints: { signal: `${x.signal}:${x.file}:${x.line}` },
      properties: { workloads: [], direction },
      suppressions: [{ kind: x.by === 'comment' ? 'inSource' : 'external', justification: x.reason }],
    });
  }
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
