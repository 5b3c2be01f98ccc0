// `container-or-vm compare [--format markdown|json] [--sandboxed]`: the comparison table with its sources.
import { compareJson, renderCompareMarkdown } from '../core/compare';
import { choice, parseArgs, UsageError, type Subcommand } from './io';

export const compareCommand: Subcommand = {
  name: 'compare',
  usage: 'compare [--format markdown|json] [--sandboxed]',
  summary: 'Print the cited comparison of containers and virtual machines (--sandboxed adds the sandboxed-container column).',
  exitCodes: '0 printed; 2 bad usage.',
  async run(args, io) {
    const { positionals, options } = parseArgs(args, { format: 'string', sandboxed: 'boolean' });
    if (positionals.length) throw new UsageError(`compare takes no arguments (got '${positionals[0]}')`);
    const format = choice('format', options.format, ['markdown', 'json'] as const, 'markdown');
    const sandboxed = options.sandboxed === true;
    io.out(format === 'json' ? JSON.stringify(compareJson({ sandboxed }), null, 2) : renderCompareMarkdown({ sandboxed }));
    return 0;
  },
};
