// `explain FILE:LINE[:COL] ...`: the hover's text for a position, from a terminal.
import { readFileSync, statSync } from 'node:fs';
import { parseWith } from '../core/cache';
import { explainAt } from '../core/explain';
import { contains } from '../core/parse/config-topics';
import { walkNodes } from '../core/parse/configNodes';
import { detectFormat } from '../core/parse/detect';
import type { ConfigModel, ModelBase } from '../core/parse/types';
import { choice, parseArgs, UsageError, type CliIO, type Subcommand } from './io';

interface Target {
  spec: string;
  file: string;
  line: number;
  column?: number;
}

/** `FILE:LINE[:COL]`, parsed from the right so `C:\x\Dockerfile:3` works. */
export function parseTarget(spec: string): Target {
  const m = /^(.+?):(\d+)(?::(\d+))?$/.exec(spec);
  if (!m) throw new UsageError(`expected FILE:LINE[:COL], got '${spec}'`);
  const line = Number(m[2]);
  const column = m[3] === undefined ? undefined : Number(m[3]);
  if (line < 1 || (column !== undefined && column < 1)) throw new UsageError(`lines and columns start at 1: '${spec}'`);
  const t: Target = { spec, file: m[1], line };
  if (column !== undefined) t.column = column;
  return t;
}

/**
 * Where the instruction or key starting on a line begins (0-based), for `FILE:LINE` without a column.
 * In a configuration file that is the first key the parser found on the line, so a list item's `-`
 * or a JSON object's `{` is stepped over (`- path: /etc/x` gives `path`); a Dockerfile line starts
 * at its first non-blank character.
 */
export function lineStart(model: ModelBase, line: number, text: string): number {
  const roots = (model as Partial<ConfigModel>).roots;
  if (roots) {
    let best: number | undefined;
    for (const n of walkNodes(roots)) {
      const r = n.keyRange;
      if (n.path.length === 0 || r.start.line !== line) continue;
      // A list item holding a mapping spans its own keys (`- name: x`, `{ "type": ... }`): take the key.
      if (n.children?.some((c) => contains(r, c.keyRange.start))) continue;
      if (best === undefined || r.start.character < best) best = r.start.character;
    }
    if (best !== undefined) return best;
    // No key starts here (a comment, a closing bracket, a continued value): past list and bracket marks.
    const past = text.search(/[^\s\-{[,]/);
    if (past >= 0) return past;
  }
  const first = text.search(/\S/);
  return first < 0 ? 0 : first;
}

function load(file: string, models: Map<string, { model: ModelBase; lines: string[] }>) {
  const hit = models.get(file);
  if (hit) return hit;
  let text: string;
  try {
    // Reading a FIFO or a device would wait forever for a writer: only regular files are read.
    if (!statSync(file).isFile()) throw new UsageError(`cannot read ${file}: not a regular file`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}${code ? ` (${code})` : ''}`);
  }
  const format = detectFormat(file, text.slice(0, 4096));
  if (!format) throw new UsageError(`cannot tell the format of ${file}`);
  const model = parseWith(file, text, format);
  if (!model) throw new UsageError(`no support for ${format} files yet: ${file}`);
  const entry = { model, lines: text.split('\n') };
  models.set(file, entry);
  return entry;
}

export const explainCommand: Subcommand = {
  name: 'explain',
  usage: 'explain FILE:LINE[:COL] [FILE:LINE[:COL] ...] [--format markdown|json] [--verbosity full|angle]',
  summary:
    'What the line (or the column) means for container versus VM, with sources: the hover text. Without a column, the instruction or key starting on the line.',
  exitCodes: '0 every position explained; 1 a position has nothing to explain; 2 bad usage or an unreadable file.',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, options } = parseArgs(args, { format: 'string', verbosity: 'string' });
    const format = choice('format', options.format, ['markdown', 'json'] as const, 'markdown');
    const verbosity = choice('verbosity', options.verbosity, ['full', 'angle'] as const, 'full');
    if (positionals.length === 0) throw new UsageError(`usage: ${explainCommand.usage}`);
    const targets = positionals.map(parseTarget);
    const models = new Map<string, { model: ModelBase; lines: string[] }>();
    // Read everything first so a bad argument fails before any output.
    for (const t of targets) {
      const { lines } = load(t.file, models);
      if (t.line > lines.length) throw new UsageError(`${t.file} has ${lines.length} lines, no line ${t.line}`);
    }
    let missing = 0;
    for (const t of targets) {
      const { model, lines } = load(t.file, models);
      const text = lines[t.line - 1].replace(/\r$/, '');
      const column = t.column ?? lineStart(model, t.line - 1, text) + 1;
      const ex = explainAt(model, { line: t.line - 1, character: column - 1 }, { generic: verbosity === 'full' });
      if (!ex) missing++;
      if (format === 'json') {
        io.out(
          JSON.stringify({
            file: t.file,
            line: t.line,
            column,
            topic: ex ? ex.topic.id : null,
            markdown: ex ? ex.markdown : '',
            dimensions: ex ? ex.dimensions : [],
            sources: ex ? ex.sources : [],
          }),
        );
      } else {
        if (targets.length > 1) io.out(`<!-- ${t.file}:${t.line}:${column} -->\n`);
        io.out(ex ? ex.markdown : `Nothing to explain at ${t.file}:${t.line}:${column}.\n`);
      }
    }
    return missing ? 1 : 0;
  },
};
