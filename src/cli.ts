// `node dist/cli.js <command> ...`: the same core as the extension, from a terminal or CI.
import { UsageError, type CliIO, type Subcommand } from './cli/io';
import { terminalSafeSink } from './core/render/terminal';
import { version } from '../package.json';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Each command's module, loaded when that command runs (or for the list of all commands): a run of
 * `advise` does not load the language server, the fixes or the explanations (docs/performance.md).
 */
const COMMANDS: readonly [string, () => Subcommand][] = [
  ['explain', () => require('./cli/explain').explainCommand],
  ['compare', () => require('./cli/compare').compareCommand],
  ['advise', () => require('./cli/advise').adviseCommand],
  ['fix', () => require('./cli/fix').fixCommand],
  ['lsp', () => require('./cli/lsp').lspCommand],
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** The command of that name, loaded, or undefined. */
function command(name: string): Subcommand | undefined {
  const entry = COMMANDS.find(([n]) => n === name);
  return entry ? entry[1]() : undefined;
}

function help(): string {
  const lines = ['usage: container-or-vm <command> [options]', '', 'commands:'];
  for (const [, load] of COMMANDS) {
    const c = load();
    lines.push(`  ${c.usage}`, `      ${c.summary}`);
  }
  lines.push('', "'container-or-vm <command> --help' describes one command; 'container-or-vm --version' prints the version.");
  return lines.join('\n');
}

function commandHelp(c: Subcommand): string {
  return `usage: container-or-vm ${c.usage}\n\n${c.summary}${c.exitCodes ? `\n\nExit codes: ${c.exitCodes}` : ''}`;
}

const isHelp = (a: string) => a === '--help' || a === '-h';

/** Asked for help: `--help`, `-h`, `help [COMMAND]`, `COMMAND help`, or `COMMAND --help` (before any `--`). */
function helpFor(argv: string[]): { text: string } | { error: string } | undefined {
  const [name, ...rest] = argv;
  if (isHelp(name) || name === 'help') {
    if (rest[0] === undefined || isHelp(rest[0])) return { text: help() };
    const cmd = command(rest[0]);
    return cmd ? { text: commandHelp(cmd) } : { error: `unknown command '${rest[0]}' (try --help)` };
  }
  const end = rest.indexOf('--');
  if ((rest.length === 1 && rest[0] === 'help') || (end < 0 ? rest : rest.slice(0, end)).some(isHelp)) {
    const cmd = command(name);
    if (cmd) return { text: commandHelp(cmd) };
  }
  return undefined;
}

/** A message as the one line on stderr it must be: line breaks in the file names it quotes shown as `\n`, `\r`. */
const oneLine = (message: string): string => message.replace(/\r?\n|\r/g, (b) => (b === '\r' ? '\\r' : '\\n'));

export async function main(argv: string[], sink: CliIO): Promise<number> {
  // Names and values from the workspace reach every command's output and messages (error messages
  // quote file names): no control character, escape sequence or bidi override among them is written
  // as it is, in any format.
  const io: CliIO = terminalSafeSink(sink);
  const [name, ...rest] = argv;
  // Help goes to stdout with exit code 0; bad usage is one line on stderr with exit code 2.
  if (name === undefined) {
    io.err('container-or-vm: missing command (try --help)');
    return 2;
  }
  // The version is the package's, bundled in at build time (package.json is not read at run time).
  if (rest.length === 0 && (name === '--version' || name === '-V')) {
    io.out(version);
    return 0;
  }
  const asked = helpFor(argv);
  if (asked && 'text' in asked) {
    io.out(asked.text);
    return 0;
  }
  if (asked) {
    io.err(`container-or-vm: ${oneLine(asked.error)}`);
    return 2;
  }
  try {
    const cmd = command(name);
    if (!cmd) throw new UsageError(`unknown command '${name}' (try --help)`);
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`container-or-vm: ${oneLine(e.message)}`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`container-or-vm: internal error: ${msg.split('\n')[0]}`);
    return 3;
  }
}

/** Output is gathered into writes of about this many characters (one write per line cost a system call each). */
const OUT_CHUNK = 1 << 16;
/** Characters per write of a longer text. */
const OUT_SLICE = 1 << 20;

if (require.main === module) {
  // stdout may be a closed pipe (`| head`): stop quietly instead of crashing with EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = () => {
    if (pendingLength === 0) return;
    process.stdout.write(pending.length === 1 ? pending[0] : pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  const put = (t: string) => {
    pending.push(t);
    pendingLength += t.length;
    if (pendingLength >= OUT_CHUNK) flush();
  };
  const io: CliIO = {
    out: (t) => {
      if (t.length < OUT_CHUNK) put(t);
      else {
        // A JSON or SARIF report can run to tens of megabytes: written in slices, it is never copied
        // whole once more (t + '\n' would be), which keeps the CLI's peak memory down.
        flush();
        for (let i = 0; i < t.length; ) {
          let end = Math.min(t.length, i + OUT_SLICE);
          if (end < t.length && (t.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--; // keep surrogate pairs whole
          process.stdout.write(end - i === t.length ? t : t.slice(i, end));
          i = end;
        }
      }
      if (!t.endsWith('\n')) put('\n');
    },
    err: (t) => {
      flush(); // what came before on stdout first, as a terminal shows both
      process.stderr.write(t.endsWith('\n') ? t : t + '\n');
    },
  };
  main(process.argv.slice(2), io).then((code) => {
    flush();
    process.exitCode = code;
  });
}
