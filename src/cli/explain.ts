// `explain FILE:LINE[:COL] ...`: the hover's text for a position, from a terminal (without the
// editor's `command:` links).
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE } from '../core/advisor/advise';
import { decodeText, formatSize } from '../core/advisor/scan';
import { parseWith } from '../core/cache';
import { explainAt, fileLines, type FileLines } from '../core/explain';
import { contains } from '../core/parse/config-topics';
import { walkNodes } from '../core/parse/configNodes';
import { detectFormat } from '../core/parse/detect';
import type { ConfigModel, ModelBase } from '../core/parse/types';
import { codeWhole, commentText } from '../core/render/markdown';
import { parseSize } from './advise';
import { choice, parseArgs, UsageError, type CliIO, type Subcommand } from './io';

interface Target {
  spec: string;
  file: string;
  line: number;
  column?: number;
}

/** `FILE:LINE[:COL]`, parsed from the right so `C:\x\Dockerfile:3` works. */
export function parseTarget(spec: string): Target {
  const m = /^([\s\S]+?):(\d+)(?::(\d+))?$/.exec(spec);
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

/** A file as explain reads it: its model, and where each of its lines starts as the parser counts them. */
interface Loaded {
  model: ModelBase;
  text: string;
  lines: FileLines;
}

/**
 * Why the bytes are no text explain can read, in the words advise's skip reasons use; undefined for
 * text. UTF-16 is told apart from other binary content by its byte order mark, or by the NUL bytes
 * of ASCII characters standing at every other offset.
 */
export function notTextReason(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32 text (little-endian, with a byte order mark), not UTF-8; save it as UTF-8';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32 text (big-endian, with a byte order mark), not UTF-8; save it as UTF-8';
  if (a === 0xff && b === 0xfe) return 'UTF-16 text (little-endian, with a byte order mark), not UTF-8; save it as UTF-8';
  if (a === 0xfe && b === 0xff) return 'UTF-16 text (big-endian, with a byte order mark), not UTF-8; save it as UTF-8';
  const nul = bytes.indexOf(0);
  if (nul < 0) return undefined;
  // NULs of ASCII text in UTF-16: at odd offsets (little-endian) or even ones (big-endian), and nowhere else.
  const n = Math.min(bytes.length & ~1, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (pairs >= 2 && even === 0 && odd >= pairs / 2) return 'UTF-16 text (little-endian, without a byte order mark), not UTF-8; save it as UTF-8';
  if (pairs >= 2 && odd === 0 && even >= pairs / 2) return 'UTF-16 text (big-endian, without a byte order mark), not UTF-8; save it as UTF-8';
  return 'binary content (NUL bytes), not a text configuration file';
}

function load(file: string, models: Map<string, Loaded>, maxFileSize: number): Loaded {
  const hit = models.get(file);
  if (hit) return hit;
  let bytes: Uint8Array;
  try {
    // Reading a FIFO or a device would wait forever for a writer: only regular files are read. The
    // size is told from the stat, so a file past the limit is never read (a 3 GB one would be, whole).
    const st = statSync(file);
    if (!st.isFile()) throw new UsageError(`cannot read ${file}: not a regular file`);
    if (st.size > maxFileSize) throw new UsageError(tooLarge(file, st.size, maxFileSize));
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}${code ? ` (${code})` : ''}`);
  }
  // It may have grown between the stat and the read.
  if (bytes.length > maxFileSize) throw new UsageError(tooLarge(file, bytes.length, maxFileSize));
  const why = notTextReason(bytes);
  if (why) throw new UsageError(`cannot explain ${file}: ${why}`);
  // As advise and the editor read it: a byte order mark dropped, invalid UTF-8 read as U+FFFD.
  const { text } = decodeText(bytes);
  const format = detectFormat(file, text.slice(0, 4096));
  if (!format) throw new UsageError(`cannot tell the format of ${file}`);
  const model = parseWith(file, text, format);
  if (!model) throw new UsageError(`no support for ${format} files yet: ${file}`);
  const entry = { model, text, lines: fileLines(text) };
  models.set(file, entry);
  return entry;
}

const tooLarge = (file: string, size: number, max: number) =>
  `cannot read ${file}: larger than the ${formatSize(max)} limit (${formatSize(size)}); give --max-file-size (such as --max-file-size ${suggestedLimit(size)}) to read it`;

/** A --max-file-size value that takes a file of this size, in whole megabytes (or kilobytes). */
function suggestedLimit(size: number): string {
  return size >= 1024 * 1024 ? `${Math.ceil(size / (1024 * 1024))}MB` : `${Math.ceil(size / 1024)}KB`;
}

import { terminalMarkdown } from '../core/render/commandLinks';

export { terminalMarkdown };

export const explainCommand: Subcommand = {
  name: 'explain',
  usage: 'explain FILE:LINE[:COL] [FILE:LINE[:COL] ...] [--format markdown|json] [--verbosity full|angle] [--max-file-size 2MB]',
  summary:
    'What the line (or the column) means for container versus VM, with sources: the hover text. Without a column, the instruction or key starting on the line. Lines end at LF, CRLF or a lone CR, as in the editor; files larger than --max-file-size (default 2MB, as for advise) are not read.',
  exitCodes: '0 every position explained; 1 a position has nothing to explain; 2 bad usage, a line past the end, or a file that cannot be read (missing, not a regular file, past --max-file-size, binary or UTF-16).',
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, options } = parseArgs(args, { format: 'string', verbosity: 'string', 'max-file-size': 'string' });
    const format = choice('format', options.format, ['markdown', 'json'] as const, 'markdown');
    const verbosity = choice('verbosity', options.verbosity, ['full', 'angle'] as const, 'full');
    const maxFileSize = options['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(String(options['max-file-size']));
    if (positionals.length === 0) throw new UsageError(`usage: ${explainCommand.usage}`);
    const targets = positionals.map(parseTarget);
    const models = new Map<string, Loaded>();
    // Read everything first so a bad argument fails before any output.
    for (const t of targets) {
      const { lines } = load(t.file, models, maxFileSize);
      if (t.line > lines.count) throw new UsageError(`${t.file} has ${lines.count === 1 ? '1 line' : `${lines.count} lines`}, no line ${t.line}`);
    }
    let missing = 0;
    for (const t of targets) {
      const { model, text, lines } = load(t.file, models, maxFileSize);
      const column = t.column ?? lineStart(model, t.line - 1, lines.text(text, t.line - 1)) + 1;
      const ex = explainAt(model, { line: t.line - 1, character: column - 1 }, { generic: verbosity === 'full' });
      if (!ex) missing++;
      if (format === 'json') {
        io.out(
          JSON.stringify({
            file: t.file,
            line: t.line,
            column,
            topic: ex ? ex.topic.id : null,
            markdown: ex ? terminalMarkdown(ex.markdown) : '',
            dimensions: ex ? ex.dimensions : [],
            sources: ex ? ex.sources : [],
          }),
        );
      } else {
        // The file name is the user's: it cannot end the comment nor break the line it stands on.
        if (targets.length > 1) io.out(`<!-- ${commentText(t.file)}:${t.line}:${column} -->\n`);
        io.out(ex ? terminalMarkdown(ex.markdown) : `Nothing to explain at ${codeWhole(`${t.file}:${t.line}:${column}`)}.\n`);
      }
    }
    return missing ? 1 : 0;
  },
};
