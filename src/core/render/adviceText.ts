// The advice report as terminal text and as a Markdown document (CLI `advise`, "copy as Markdown").
import type { AdviceReport, AdviceSignal, AdviceWorkload } from '../advisor/report';
import { code, escapeText } from './markdown';

const TOP_REASONS = 5;

/** Text from a workspace made safe for a terminal: control characters (escape sequences) shown, not obeyed. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\n/g, ' ');
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

export function summaryLine(r: AdviceReport): string {
  return `${plural(r.workloads.length, 'workload')}, ${plural(r.stats.files, 'file')} scanned, ${plural(r.stats.configFiles, 'configuration file')}, ${r.stats.ms} ms`;
}

/** Skipped entries with the default folders (node_modules, .git…) folded into one line: they are many and expected. */
export function groupSkipped(r: AdviceReport): { folders: string | undefined; rest: AdviceReport['skipped'] } {
  const byName = new Map<string, number>();
  const rest: AdviceReport['skipped'] = [];
  for (const s of r.skipped) {
    if (s.kind === 'default-folder') {
      const name = s.file.slice(s.file.lastIndexOf('/') + 1);
      byName.set(name, (byName.get(name) ?? 0) + 1);
    } else rest.push(s);
  }
  const total = [...byName.values()].reduce((a, b) => a + b, 0);
  const folders = total ? `${plural(total, 'folder')} of dependencies, caches or version control not scanned (${[...byName].map(([n, c]) => `${n} ×${c}`).join(', ')})` : undefined;
  return { folders, rest };
}

const where = (s: { file: string; line: number }) => `${s.file}:${s.line}`;

/** The reasons worth showing first: the ones that push towards the verdict, then the rest. */
export function topReasons(w: AdviceWorkload, max = TOP_REASONS): { shown: AdviceSignal[]; more: number } {
  return { shown: w.signals.slice(0, max), more: Math.max(0, w.signals.length - max) };
}

/**
 * The messages as shown in a report: a signal's generic reason once per workload, at its first
 * occurrence; later occurrences show only their line-specific part (the JSON keeps full messages).
 */
export function shownMessages(signals: readonly AdviceSignal[]): string[] {
  const first = new Map<string, string>();
  return signals.map((s) => {
    const prev = first.get(s.id);
    if (prev === undefined) {
      first.set(s.id, s.message);
      return s.message;
    }
    let n = 0;
    while (n < prev.length && n < s.message.length && prev[prev.length - 1 - n] === s.message[s.message.length - 1 - n]) n++;
    const cut = s.message.indexOf('. ', Math.max(0, s.message.length - n - 1));
    return cut > 0 && s.message.length - cut > 20 ? s.message.slice(0, cut + 1) : s.message;
  });
}

export function renderAdviceText(r: AdviceReport): string {
  const out: string[] = [];
  out.push(`Container or VM? ${plain(r.root)}`);
  out.push(`Overall: ${r.verdict}  (${summaryLine(r)})`);
  if (r.workloads.length === 0) out.push('', 'No workloads found: no Dockerfile, compose, Kubernetes, dev container, Vagrant, Packer, cloud-init, Lima or Terraform file was recognised.');
  for (const w of r.workloads) {
    out.push('');
    out.push(`${plain(w.name)}  (${w.kind}, ${plain(where(w))}${w.files.length > 1 ? ` + ${w.files.slice(1).map(plain).join(', ')}` : ''})`);
    out.push(`  verdict: ${w.verdict}   confidence ${w.confidence.toFixed(2)}`);
    const { shown, more } = topReasons(w);
    if (shown.length) {
      out.push('  why:');
      const messages = shownMessages(shown);
      shown.forEach((s, i) => out.push(`    - [${s.direction}] ${plain(s.label)} (${plain(where(s))}): ${plain(messages[i])}`));
      if (more) out.push(`    … and ${more} more`);
    } else out.push('  why: nothing found that needs more than a plain container');
    if (w.changes.length) {
      out.push('  what would change it:');
      for (const c of w.changes) out.push(`    - ${plain(c)}`);
    }
  }
  const { folders, rest } = groupSkipped(r);
  if (rest.length) {
    out.push('', `Skipped ${plural(rest.length, 'file')}:`);
    for (const s of rest) out.push(`  - ${plain(s.file)}: ${plain(s.reason)}`);
  }
  if (folders) out.push('', plain(folders) + ' (the JSON output lists each).');
  if (r.notes.length) {
    out.push('', 'Notes:');
    for (const n of r.notes) out.push(`  - ${plain(n.file)}: ${plain(n.message)}`);
  }
  return out.join('\n') + '\n';
}

export function renderAdviceMarkdown(r: AdviceReport): string {
  const out: string[] = [];
  out.push('# Container or VM?', '');
  out.push(`**Overall: ${r.verdict}** — ${escapeText(summaryLine(r))}`, '');
  if (r.root) out.push(`Scanned: ${code(r.root)}`, '');
  if (r.workloads.length) {
    out.push('| Workload | Kind | Where | Verdict | Confidence |', '| --- | --- | --- | --- | --- |');
    for (const w of r.workloads) out.push(`| ${escapeText(w.name)} | ${w.kind} | ${code(where(w))} | **${w.verdict}** | ${w.confidence.toFixed(2)} |`);
    out.push('');
  } else out.push('No workloads found.', '');
  for (const w of r.workloads) {
    out.push(`## ${escapeText(w.name)}: ${w.verdict}`, '');
    out.push(`${w.kind} at ${code(where(w))}${w.files.length > 1 ? `, built from ${w.files.slice(1).map(code).join(', ')}` : ''}; confidence ${w.confidence.toFixed(2)}.`, '');
    if (w.signals.length) {
      out.push('**Evidence**', '');
      const messages = shownMessages(w.signals);
      for (const [i, s] of w.signals.entries()) {
        const cites = s.sources.map((c) => `*${escapeText(c.title)}*, “${escapeText(c.section)}”`).join('; ');
        out.push(`- **${escapeText(s.label)}** (${s.direction}, ${code(where(s))}): ${escapeText(messages[i])}${cites ? ` — ${cites}` : ''}`);
      }
      out.push('');
    } else out.push('Nothing found that needs more than a plain container.', '');
    if (w.changes.length) {
      out.push('**What would change it**', '');
      for (const c of w.changes) out.push(`- ${escapeText(c)}`);
      out.push('');
    }
  }
  const skipped = groupSkipped(r);
  if (skipped.rest.length || skipped.folders) {
    out.push(`<details><summary>Skipped (${r.skipped.length})</summary>`, '');
    for (const s of skipped.rest) out.push(`- ${code(s.file)}: ${escapeText(s.reason)}`);
    if (skipped.folders) out.push(`- ${escapeText(skipped.folders)}`);
    out.push('', '</details>', '');
  }
  if (r.notes.length) {
    out.push('**Notes**', '');
    for (const n of r.notes) out.push(`- ${code(n.file)}: ${escapeText(n.message)}`);
    out.push('');
  }
  return out.join('\n');
}
