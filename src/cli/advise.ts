// `container-or-vm advise [PATH] [--format text|json|markdown|sarif] [--fail-on VERDICT] [--exclude GLOB]...`
// Exit codes: 0 fine (and for --help), 1 a workload's verdict is at or past --fail-on, 2 bad usage or unreadable path.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { adviseWorkspace, DEFAULT_MAX_FILE_SIZE, RootError, type AdviceReport } from '../core/advisor/advise';
import type { EngineDeps } from '../core/advisor/engine';
import { toSarif } from '../core/advisor/sarif';
import { VERDICT_ORDER, type Verdict } from '../core/advisor/types';
import { ROLES, type Role, type RoleRule } from '../core/advisor/roles';
import { renderAdviceMarkdown, renderAdviceText } from '../core/render/adviceText';
import { nodeFs, toPosixPath } from '../node/nodeFs';
import { choice, parseArgs, UsageError, type CliIO, type Subcommand } from './io';
import { FAIL_ON_VALUES, parseProjectConfig, formatConfigError, CONFIG_FILE_NAME, type ConfigError, type ProjectConfig } from '../core/config/projectConfig';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
const FAIL_ON = FAIL_ON_VALUES;

/** The JSON the CLI prints: the report with the documented keys first. */
export function adviceJson(r: AdviceReport): unknown {
  return {
    version: r.version,
    root: r.root,
    verdict: r.verdict,
    overallFrom: r.overallFrom,
    decidedBy: r.decidedBy.map((i) => ({ name: r.workloads[i].name, file: r.workloads[i].file, line: r.workloads[i].line })),
    incomplete: r.incomplete,
    workloads: r.workloads.map((w) => ({
      name: w.name,
      kind: w.kind,
      file: w.file,
      line: w.line,
      role: w.role,
      roleReason: w.roleReason,
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
    suppressed: r.suppressed ?? [],
    unusedSuppressions: r.unusedSuppressions ?? [],
    suppressionProblems: r.suppressionProblems ?? [],
    ...(r.config ? { config: r.config } : {}),
  };
}

/** A config file that cannot be used: its errors are printed as FILE:LINE: message, and the command exits 2. */
export class ConfigFileError extends Error {
  constructor(readonly errors: ConfigError[]) {
    super(errors.map(formatConfigError).join('\n'));
  }
}

/**
 * The project config: `--config FILE`, or else the folder's own `.container-or-vm.yaml`; null when
 * there is none. Throws ConfigFileError for an invalid one, UsageError for a --config that cannot be read.
 */
export async function loadCliConfig(given: string | undefined, folder: string): Promise<ProjectConfig | null> {
  const path = given !== undefined ? resolve(given) : resolve(folder, CONFIG_FILE_NAME);
  if (given === undefined && !existsSync(path)) return null;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--config ${given ?? path}: cannot be read (${(e as { code?: string }).code ?? String(e)})`);
  }
  const shown = given ?? CONFIG_FILE_NAME;
  const result = parseProjectConfig(text, shown);
  if (!result.config) throw new ConfigFileError(result.errors);
  return result.config;
}

/** Prints a config file's errors and gives the exit code 2; rethrows anything else. */
export function configErrorExit(e: unknown, io: CliIO): number {
  if (!(e instanceof ConfigFileError)) throw e;
  for (const err of e.errors) io.err(formatConfigError(err));
  return 2;
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

/** Whether the overall answer (the product's, or the rest's when nothing is the product) is at or past the given verdict. */
export function failsOn(r: AdviceReport, failOn: Verdict): boolean {
  return r.verdict !== null && VERDICT_ORDER.indexOf(r.verdict) >= VERDICT_ORDER.indexOf(failOn);
}

/** `GLOB=ROLE` as given to `--role`. */
export function parseRoleRule(value: string): RoleRule {
  const at = value.lastIndexOf('=');
  const glob = at > 0 ? value.slice(0, at).trim() : '';
  const role = at > 0 ? value.slice(at + 1).trim() : '';
  if (!glob || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be GLOB=ROLE with ROLE one of ${ROLES.join(', ')} (got '${value}')`);
  return { glob, role: role as Role };
}

export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size must be a size such as 2MB or 500KB (got '${value}')`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  return Math.floor(Number(m[1]) * mult);
}

/** A scanned file's text for SARIF's fingerprints, read from the folder (undefined when it cannot be read). */
export function sourceIn(folder: string): (file: string) => string | undefined {
  return (file) => {
    try {
      return readFileSync(resolve(folder, file), 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** The subcommand; tests pass their own engine dependencies. */
export function makeAdviseCommand(deps?: Partial<EngineDeps>): Subcommand {
  const command: Subcommand = {
    name: 'advise',
    usage:
      'advise [PATH] [--format text|json|markdown|sarif] [--fail-on container-hardened|sandboxed|vm] [--allow-incomplete] [--role GLOB=ROLE]... [--exclude GLOB]... [--max-file-size 2MB] [--config FILE]',
    summary:
      'Scan a folder (default: the current one) and say, per workload, whether it belongs in a container, a hardened or sandboxed container, or a VM, and why. The overall answer is the product\'s: tests, examples, dev containers, CI and host VMs are listed apart (--role GLOB=ROLE says which files are which; ROLE is product, development, test, example, ci or host). The folder\'s .container-or-vm.yaml (or --config FILE) adds exclude globs, roles, a fail-on default and ignore entries; a comment "# container-or-vm: ignore SIGNAL -- REASON" on or above a line suppresses that finding.',
    exitCodes:
      '0 done; 1 with --fail-on: the overall answer is at or past it, or a file could not be read completely (unless --allow-incomplete); 2 bad usage, a path that is not a readable folder, or an invalid config file (printed as FILE:LINE: message).',
    async run(args, io) {
      const { positionals, options } = parseArgs(args, { format: 'string', 'fail-on': 'string', exclude: 'string[]', 'max-file-size': 'string', role: 'string[]', 'allow-incomplete': 'boolean', config: 'string' });
      if (positionals.length > 1) throw new UsageError(`advise takes one folder (got ${positionals.length})`);
      const format = choice('format', options.format, FORMATS, 'text');
      let failOn = options['fail-on'] === undefined ? undefined : choice('fail-on', options['fail-on'], FAIL_ON, 'vm');
      const maxFileSize = options['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(String(options['max-file-size']));
      const roles = ((options.role as string[] | undefined) ?? []).map(parseRoleRule);
      const native = resolve(positionals[0] ?? '.');
      let config: ProjectConfig | null;
      try {
        config = await loadCliConfig(options.config as string | undefined, native);
      } catch (e) {
        return configErrorExit(e, io);
      }
      failOn ??= config?.failOn;
      let report: AdviceReport;
      try {
        report = await adviseWorkspace(nodeFs, [toPosixPath(native)], { exclude: (options.exclude as string[] | undefined) ?? [], maxFileSize, deps, roles, config });
      } catch (e) {
        if (e instanceof RootError) throw new UsageError(e.message);
        throw e;
      }
      report.root = native;
      if (format === 'json') outJson(io, adviceJson(report) as Record<string, unknown>);
      else if (format === 'sarif') io.out(JSON.stringify(toSarif(report, undefined, pathToFileURL(native).href, sourceIn(native)), null, 2));
      else if (format === 'markdown') io.out(renderAdviceMarkdown(report));
      else io.out(renderAdviceText(report));
      if (failOn === undefined) return 0;
      if (failsOn(report, failOn)) return 1;
      if (report.incomplete.length > 0 && options['allow-incomplete'] !== true) {
        io.err(`${report.incomplete.length === 1 ? '1 file' : `${report.incomplete.length} files`} could not be read completely, so --fail-on cannot vouch for ${report.incomplete.length === 1 ? 'it' : 'them'} (give --allow-incomplete to accept that).`);
        return 1;
      }
      return 0;
    },
  };
  return command;
}

export const adviseCommand: Subcommand = makeAdviseCommand();
