// `node dist/cli.js <command> ...`: the same core as the extension, from a terminal or CI.
import { UsageError, type CliIO, type Subcommand } from './cli/io';
import { explainCommand } from './cli/explain';
import { compareCommand } from './cli/compare';
import { adviseCommand } from './cli/advise';

const SUBCOMMANDS: Subcommand[] = [explainCommand, compareCommand, adviseCommand];

function help(): string {
  const lines = ['usage: container-or-vm <command> [options]', '', 'commands:'];
  for (const c of SUBCOMMANDS) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const cmd = SUBCOMMANDS.find((c) => c.name === name);
  try {
    if (!cmd) throw new UsageError(`unknown command '${name}' (try --help)`);
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`container-or-vm: ${e.message}`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`container-or-vm: internal error: ${msg.split('\n')[0]}`);
    return 3;
  }
}

/** Characters per write to stdout. */
const OUT_SLICE = 1 << 20;

if (require.main === module) {
  // stdout may be a closed pipe (`| head`): stop quietly instead of crashing with EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const io: CliIO = {
    out: (t) => {
      // A JSON or SARIF report can run to tens of megabytes: written in slices, it is never copied
      // whole once more (t + '\n' would be), which keeps the CLI's peak memory down.
      for (let i = 0; i < t.length; ) {
        let end = Math.min(t.length, i + OUT_SLICE);
        if (end < t.length && (t.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--; // keep surrogate pairs whole
        process.stdout.write(t.slice(i, end));
        i = end;
      }
      if (!t.endsWith('\n')) process.stdout.write('\n');
    },
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
