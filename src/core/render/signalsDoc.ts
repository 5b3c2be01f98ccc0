// docs/signals.md, rendered from the signal catalogue, and the link a diagnostic's code points to.
// `node scripts/gen-signals-doc.mjs` writes the file; a unit test fails when it is out of date.
import { repository } from '../../../package.json';
import type { Signal, SignalGroup } from '../advisor/types';
import { dimensionById } from '../knowledge/dimensions';
import { citation } from '../knowledge/sources';

/** The repository's web address, from package.json (`repository.url`), without `git+` or `.git`. */
export const REPOSITORY_URL: string = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

export const SIGNALS_DOC_PATH = 'docs/signals.md';

/** Where a signal is explained: its anchor in docs/signals.md on the main branch. */
export function signalDocUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/${SIGNALS_DOC_PATH}#${id}`;
}

/**
 * A hardening signal's severity for GitHub code scanning (SARIF `security-severity`): its weight on
 * the 0.0–10.0 scale, as the number string code scanning reads (9.0 and up critical, 7.0 high, 4.0 medium, below low).
 */
export function securitySeverity(weight: number): string {
  return Math.min(10, Math.max(0.1, Math.round(weight * 100) / 10)).toFixed(1);
}

const GROUP_TITLES: Record<SignalGroup, string> = {
  existing: 'Existing virtual machines',
  platform: 'Platform and operating system',
  kernel: 'Kernel',
  windows: 'Windows',
  desktop: 'Desktop',
  sandboxing: 'Sandboxing',
  hardening: 'Hardening',
  hardware: 'Hardware',
  'state-network': 'State and network',
  licensing: 'Licensing',
  'cloud-native': 'Cloud-native traits',
};

const DIRECTION_WORDS: Record<Signal['direction'], string> = {
  vm: 'towards a VM',
  sandbox: 'towards a sandboxed container',
  harden: 'towards hardening the container',
  container: 'towards a plain container',
};

const md = (s: string) => s.replace(/([\\`*_|<>])/g, '\\$1');

export function renderSignalsDoc(signals: readonly Signal[]): string {
  const out: string[] = [
    '# Signals',
    '',
    '<!-- Generated from src/core/advisor/signals/ by `node scripts/gen-signals-doc.mjs`; do not edit by hand. -->',
    '',
    'Every piece of evidence the advisor looks for. Each entry says which way it pushes the verdict,',
    'how strongly (a weight from 0 to 1; see [advisor.md](advisor.md) for the rule), which comparison',
    'dimension it concerns, why, and what would take it away. The id is the code a diagnostic shows in',
    'the Problems panel and the rule id in SARIF output; a rule\'s help link points at its entry here.',
    '',
  ];
  const groups = [...new Set(signals.map((s) => s.group))];
  for (const g of groups) out.push(`- [${GROUP_TITLES[g]}](#group-${g})`);
  out.push('');
  for (const g of groups) {
    out.push(`<a id="group-${g}"></a>`, '', `## ${GROUP_TITLES[g]}`, '');
    for (const s of signals.filter((x) => x.group === g)) {
      out.push(`<a id="${s.id}"></a>`, '', `### \`${s.id}\`: ${md(s.label)}`, '');
      const severity = s.direction === 'harden' ? ` Security severity in SARIF: ${securitySeverity(s.weight)}.` : s.direction === 'container' ? ' Not in SARIF output, which carries only what asks for a change.' : '';
      out.push(`Pushes ${DIRECTION_WORDS[s.direction]}, weight ${s.weight}; dimension: ${md(dimensionById(s.dimension).name)}.${severity}`, '');
      out.push(md(s.reason), '');
      if (s.remedy) out.push(`**What would change it:** ${md(s.remedy)}`, '');
      const cites = s.sources.map((c) => citation(c)).map((c) => `${md(c.title)}, “${md(c.section)}”`);
      if (cites.length) out.push(`Sources: ${cites.join('; ')}.`, '');
    }
  }
  return out.join('\n');
}
