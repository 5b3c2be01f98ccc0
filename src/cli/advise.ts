// `container-or-vm advise [PATH] [--format text|json|markdown|sarif] [--fail-on VERDICT] [--exclude GLOB]...`
// Exit codes: 0 fine (and for --help), 1 a workload's verdict is at or past --fail-on, 2 bad usage or unreadable path.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { adviseWorkspace, DEFAULT_MAX_FILE_SIZE, RootError, type AdviceReport } from '../core/advisor/advise';
import type { EngineDeps } from '../core/advisor/engine';
import { toSarif } from '../core/advisor/sarif';
import { VERDICT_ORDER, type Verdict } from '../core/advisor/types';
import { renderAdviceMarkdown, renderAdviceText } from '../core/render/adviceText';
import { nodeFs, toPosixPath } from '../node/nodeFs';
import { choice, parseArgs, UsageError, type CliIO, type Subcommand } from './io';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
const FAIL_ON = ['container-hardened', 'sandboxed', 'vm'] as const;

/** The JSON the CLI prints: the report with the documented keys first. */
export function adviceJson(r: AdviceReport): unknown {
  return {
    version: r.version,
    root: r.root,
    verdict: r.verdict,
    workloads: r.workloads.map((w) => ({
      name: w.name,
      kind: w.kind,
      file: w.file,
      line: w.line,
      verdict: w.verdict,
      confidence: w.confidence,
      signals: w.signals.map((s) => ({ id: s.id, direction: s.direction, file: s.file, line: s.line, message: s.message, dimension: s.dimension, sources: s.sources, column: s.column, label: s.label, weight: s.weight })),
      changes: w.changes,
      range: w.range,
      format: w.format,
      files: w.files,
      scores: w.scores,
      ...(w.image ? { image: w.image } : {}),
    })),
    skipped: r.skipped,
    stats: r.stats,
    notes: r.notes,
  };
}

const indent = (text: string, pad: string) => text.replace(/\n/g, `\n${pad}`);

/**
 * Prints what `JSON.stringify(value, null, 2)` would, a line or an array element at a time, so the
 * report of a large workspace is never held as one string of tens of megabytes. For plain data.
 */
export function outJson(io: CliIO, value: Record<string, unknown>): void {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    io.out('{}');
    return;
  }
  io.out('{');
  entries.forEach(([key, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const name = `  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      io.out(`${name}[`);
      v.forEach((item, j) => io.out(`    ${indent(JSON.stringify(item ?? null, null, 2), '    ')}${j < v.length - 1 ? ',' : ''}`));
      io.out(`  ]${comma}`);
    } else io.out(`${name}${indent(JSON.stringify(v, null, 2), '  ')}${comma}`);
  });
  io.out('}');
}

/** Whether any workload's verdict is at or past the given one. */
export function failsOn(r: AdviceReport, failOn: Verdict): boolean {
  const bar = VERDICT_ORDER.indexOf(failOn);
  return r.workloads.some((w) => VERDICT_ORDER.indexOf(w.verdict) >= bar);
}

function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size must be a size such as 2MB or 500KB (got '${value}')`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  return Math.floor(Number(m[1]) * mult);
}

/** The subcommand; tests pass their own engine dependencies. */
export function makeAdviseCommand(deps?: Partial<EngineDeps>): Subcommand {
  const command: Subcommand = {
    name: 'advise',
    usage: 'advise [PATH] [--format text|json|markdown|sarif] [--fail-on container-hardened|sandboxed|vm] [--exclude GLOB]... [--max-file-size 2MB]',
    summary: 'Scan a folder (default: the current one) and say, per workload, whether it belongs in a container, a hardened or sandboxed container, or a VM, and why.',
    exitCodes: "0 done; 1 a workload's verdict is at or past --fail-on; 2 bad usage or a path that is not a readable folder.",
    async run(args, io) {
      const { positionals, options } = parseArgs(args, { format: 'string', 'fail-on': 'string', exclude: 'string[]', 'max-file-size': 'string' });
      if (positionals.length > 1) throw new UsageError(`advise takes one folder (got ${positionals.length})`);
      const format = choice('format', options.format, FORMATS, 'text');
      const failOn = options['fail-on'] === undefined ? undefined : choice('fail-on', options['fail-on'], FAIL_ON, 'vm');
      const maxFileSize = options['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(String(options['max-file-size']));
      const native = resolve(positionals[0] ?? '.');
      let report: AdviceReport;
      try {
        report = await adviseWorkspace(nodeFs, [toPosixPath(native)], { exclude: (options.exclude as string[] | undefined) ?? [], maxFileSize, deps });
      } catch (e) {
        if (e instanceof RootError) throw new UsageError(e.message);
        throw e;
      }
      report.root = native;
      if (format === 'json') outJson(io, adviceJson(report) as Record<string, unknown>);
      else if (format === 'sarif') io.out(JSON.stringify(toSarif(report, undefined, pathToFileURL(native).href), null, 2));
      else if (format === 'markdown') io.out(renderAdviceMarkdown(report));
      else io.out(renderAdviceText(report));
      return failOn !== undefined && failsOn(report, failOn) ? 1 : 0;
    },
  };
  return command;
}

export const adviseCommand: Subcommand = makeAdviseCommand();
