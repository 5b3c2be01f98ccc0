// `fix PATH... [--signal ID]... [--write] [--exclude GLOB]... [--max-file-size 2MB]`: the editor's
// preferred quick fixes, each checked as the editor checks it, from a terminal. Without --write a
// unified diff of what would change; with it, each changed file replaced atomically.
// Exit codes: 0 nothing to fix, 1 fixes apply (or were applied), 2 bad usage or a missing path,
// 3 a file could not be written (it is left as it was) or an internal error.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../core/advisor/advise';
import { chartOf, chartRoots } from '../core/advisor/charts';
import { decodeText, formatSize, RootError, walk, type Skipped } from '../core/advisor/scan';
import { SIGNALS, signalById } from '../core/advisor/signals';
import { changedBlocks, oldLineOf, splitLines, unifiedDiff } from '../core/diff';
import { fixDocument, type FixDocumentResult } from '../core/fixCheck';
import { hasFixer } from '../core/fixes';
import { chartFileRole } from '../core/helm/chart';
import { supportedFormats } from '../core/registry';
import { writeFileAtomic, WriteRefused, type AtomicWriteOptions } from '../node/atomicWrite';
import { nodeFs, toNativePath, toPosixPath } from '../node/nodeFs';
import { configErrorExit, loadCliConfig, parseSize } from './advise';
import type { ProjectConfig } from '../core/config/projectConfig';
import { notTextReason } from './explain';
import { parseArgs, UsageError, type CliIO, type Subcommand } from './io';

/** One file to fix: where it is, and the name it is shown under (the path as the user gave it). */
interface Target {
  native: string;
  name: string;
  /** Named on the command line, not found in a folder. */
  explicit: boolean;
}

/** Skips of the walk worth telling: what the user may expect fixed and is not. */
const TOLD_SKIPS: ReadonlySet<Skipped['kind']> = new Set(['unreadable', 'link']);

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const codeOf = (e: unknown): string => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The signals some fixer fixes in some format. */
export function fixableSignals(): string[] {
  const formats = supportedFormats();
  return SIGNALS.filter((s) => formats.some((f) => hasFixer(s.id, f))).map((s) => s.id);
}

/** A name on one line: its line breaks shown as `\n` and `\r` (other controls are escaped on output). */
const oneLine = (name: string): string => name.replace(/\r?\n|\r/g, (b) => (b === '\r' ? '\\r' : '\\n'));

/** Why a Helm chart's files are left alone. */
const CHART_SKIP = 'part of a Helm chart, whose templates are rendered before they are read; fix does not edit them';

/** The chart folder an explicitly named file belongs to, if any (a Chart.yaml above it that claims it). */
function chartHolding(native: string): string | undefined {
  const file = toPosixPath(resolve(native));
  for (let dir = dirname(resolve(native)); ; dir = dirname(dir)) {
    if ((existsSync(join(dir, 'Chart.yaml')) || existsSync(join(dir, 'chart.yaml'))) && chartFileRole(toPosixPath(dir), file) !== undefined) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A name as it stands after `a/` and `b/` in a diff's headers: forward slashes, no leading `./` or `/`. */
const diffName = (name: string) => name.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');

/** Maps a line of the fixed text to the line of the original it stands for (a changed line: where its change begins). */
function originalLines(original: string, fixed: string): (line: number) => number {
  const a = splitLines(original);
  const b = splitLines(fixed);
  const blocks = changedBlocks(a, b);
  return (line) => oldLineOf(blocks, line, a.length, b.length);
}

/** The file's bytes and text, or why it is not read: past the size limit, not UTF-8 text. */
function readText(native: string, maxFileSize: number): { bytes: Uint8Array; text: string; bom: boolean } | { skip: string } {
  let bytes: Uint8Array;
  try {
    const st = statSync(native);
    if (!st.isFile()) return { skip: 'not a regular file' };
    if (st.size > maxFileSize) return { skip: `larger than the ${formatSize(maxFileSize)} limit (${formatSize(st.size)}); give --max-file-size to read it` };
    bytes = readFileSync(native);
  } catch (e) {
    return { skip: `could not be read (${codeOf(e) || 'error'})` };
  }
  if (bytes.length > maxFileSize) return { skip: `larger than the ${formatSize(maxFileSize)} limit (${formatSize(bytes.length)}); give --max-file-size to read it` };
  const why = notTextReason(bytes);
  if (why) return { skip: why };
  const { text, invalidUtf8 } = decodeText(bytes);
  // Written back, the replacement characters would change bytes no fix touched.
  if (invalidUtf8) return { skip: 'not valid UTF-8 text, so it cannot be written back unchanged around a fix' };
  return { bytes, text, bom: UTF8_BOM.every((b, i) => bytes[i] === b) };
}

/** The command's files, in order: files as named, folders walked as advise walks them. Usage errors before any output. */
async function targetsOf(paths: string[], exclude: string[], notes: string[]): Promise<Target[]> {
  const out: Target[] = [];
  for (const arg of paths) {
    let isDir: boolean;
    try {
      const st = statSync(arg);
      if (!st.isFile() && !st.isDirectory()) throw new UsageError(`${arg}: not a regular file or folder`);
      isDir = st.isDirectory();
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(codeOf(e) === 'ENOENT' ? `${arg}: no such file or folder` : `${arg}: cannot be read (${codeOf(e) || String(e)})`);
    }
    const shown = oneLine(toPosixPath(arg));
    if (!isDir) {
      if (chartHolding(arg) !== undefined) notes.push(`${shown}: skipped: ${CHART_SKIP}`);
      else out.push({ native: arg, name: shown, explicit: true });
      continue;
    }
    let result;
    try {
      result = await walk(nodeFs, toPosixPath(resolve(arg)), { exclude });
    } catch (e) {
      if (e instanceof RootError) throw new UsageError(e.message);
      throw e;
    }
    const base = shown.replace(/\/+$/, '');
    const under = (rel: string) => (base === '.' || base === '' ? oneLine(rel) : `${base}/${oneLine(rel)}`);
    for (const s of result.skipped) if (TOLD_SKIPS.has(s.kind)) notes.push(`${under(s.file)}: skipped: ${s.reason}`);
    // As advise does, a chart's files are not read one by one; one note per chart.
    const charts = chartRoots(result.candidates.map((c) => c.rel));
    for (const chart of charts) notes.push(`${chart === '.' ? base || '.' : under(chart)}/: skipped: ${CHART_SKIP}`);
    for (const c of result.candidates) {
      if (charts.length && chartOf(c.rel, charts) !== undefined) continue;
      out.push({ native: toNativePath(c.path), name: under(c.rel), explicit: false });
    }
  }
  return out;
}

export interface FixCommandDeps {
  /** The rename of the atomic write, for tests that make it fail. */
  rename?: AtomicWriteOptions['rename'];
}

export function makeFixCommand(deps: FixCommandDeps = {}): Subcommand {
  const command: Subcommand = {
    name: 'fix',
    usage: 'fix PATH... [--signal ID]... [--write] [--exclude GLOB]... [--max-file-size 2MB] [--config FILE]',
    summary:
      "Apply the quick fixes the editor marks as preferred, each checked as the editor checks it (the file still parses, the finding is gone, nothing else changed). Without --write, print a unified diff of what would change on stdout and one line per fix on stderr; with --write, replace each changed file atomically (a temporary file beside it, renamed over it), keeping its mode, line endings and byte order mark, and writing a symbolic link's target. PATHs are files or folders; folders are walked as advise walks them (--exclude, --max-file-size, and the exclude globs of --config FILE), and a Helm chart's files are left alone. --signal ID keeps to those signals, and is needed for fixes that need set-up outside the file (a runtime class). Fixes that need a person's choice are listed on stderr, not applied.",
    exitCodes: '0 nothing to fix; 1 fixes apply (or, with --write, were applied); 2 bad usage, a path that does not exist or an invalid --config file; 3 a file could not be written (it is left as it was), or an internal error.',
    async run(args: string[], io: CliIO): Promise<number> {
      const { positionals, options } = parseArgs(args, { signal: 'string[]', write: 'boolean', exclude: 'string[]', 'max-file-size': 'string', config: 'string' });
      if (positionals.length === 0) throw new UsageError(`usage: ${command.usage}`);
      const write = options.write === true;
      const maxFileSize = options['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(String(options['max-file-size']));
      const signals = (options.signal as string[] | undefined) ?? [];
      const fixable = fixableSignals();
      for (const id of signals) {
        if (!signalById(id)) throw new UsageError(`unknown signal '${id}' (signals with fixes: ${fixable.join(', ')})`);
      }
      const notes: string[] = [];
      for (const id of signals) if (!fixable.includes(id)) notes.push(`--signal ${id}: this signal has no automatic fix`);
      let config: ProjectConfig | null = null;
      try {
        if (options.config !== undefined) config = await loadCliConfig(options.config as string, '.');
      } catch (e) {
        return configErrorExit(e, io);
      }
      const targets = await targetsOf(positionals, [...((options.exclude as string[] | undefined) ?? []), ...(config?.exclude ?? [])], notes);
      for (const n of notes) io.err(n);

      const seen = new Set<string>();
      let applied = 0;
      let files = 0;
      let failed = false;
      for (const t of targets) {
        // The same file named twice, or reached through a link as well: fixed once.
        let real: string;
        try {
          real = realpathSync.native(t.native);
        } catch {
          real = resolve(t.native);
        }
        if (seen.has(real)) continue;
        seen.add(real);
        const read = readText(t.native, maxFileSize);
        if ('skip' in read) {
          io.err(`${t.name}: skipped: ${read.skip}`);
          continue;
        }
        let r: FixDocumentResult;
        try {
          r = fixDocument(toPosixPath(t.native), read.text, { signals });
        } catch (e) {
          io.err(`${t.name}: internal error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
          failed = true;
          continue;
        }
        if (r.unsupported) {
          if (t.explicit) io.err(`${t.name}: skipped: not a file the advisor reads`);
          continue;
        }
        const changed = r.text !== read.text;
        let written = false;
        let notWritten: string | undefined;
        if (changed) {
          io.out(unifiedDiff(`a/${diffName(t.name)}`, `b/${diffName(t.name)}`, read.text, r.text));
          applied += r.applied.length;
          files++;
          if (write) {
            const body = Buffer.from(r.text, 'utf8');
            const bytes = read.bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
            try {
              writeFileAtomic(t.native, bytes, { expected: read.bytes, rename: deps.rename });
              written = true;
            } catch (e) {
              const why = e instanceof WriteRefused ? e.message : codeOf(e) || (e instanceof Error ? e.message : String(e));
              notWritten = `${t.name}: not written (${why}); the file is as it was`;
              failed = true;
            }
          }
        }
        // The engine tells a withheld finding's line in the fixed text, and a fix's line where its
        // finding stood once the fixes before it were made (in the fixed text too, as fixes go down
        // the file): each is told as it stands in the file now, the original unless it was written.
        const lineNow = changed && !written ? originalLines(read.text, r.text) : (line: number) => line;
        for (const a of r.applied) io.err(`${t.name}:${lineNow(a.line) + 1} ${a.signal} — ${a.title}`);
        for (const w of r.withheld) io.err(`${t.name}:${lineNow(w.line) + 1} ${w.signal} — not fixed: ${w.why}`);
        if (notWritten) io.err(notWritten);
      }
      if (applied > 0) {
        if (write) io.err(failed ? `${plural(applied, 'fix', 'fixes')} in ${plural(files, 'file')}, not all written` : `${plural(applied, 'fix', 'fixes')} applied in ${plural(files, 'file')}`);
        else io.err(`${plural(applied, 'fix', 'fixes')} to apply in ${plural(files, 'file')}; run again with --write to apply them`);
      }
      if (failed) return 3;
      return applied > 0 ? 1 : 0;
    },
  };
  return command;
}

export const fixCommand: Subcommand = makeFixCommand();
