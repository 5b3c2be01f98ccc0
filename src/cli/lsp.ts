// `lsp --stdio`: the language server, for editors other than VS Code (src/lsp/server.ts).
import { stdioConnection } from '../lsp/connection';
import { serve } from '../lsp/server';
import { parseArgs, UsageError, type CliIO, type Subcommand } from './io';

export const lspCommand: Subcommand = {
  name: 'lsp',
  usage: 'lsp --stdio',
  summary:
    "A language server over stdin and stdout: hovers, diagnostics, quick fixes and verdict lenses for Dockerfiles, compose, Kubernetes, dev containers, Vagrant, Packer, Terraform, cloud-init, Lima, Docker Bake and Podman Quadlet files, in any editor with an LSP client. Reads the workspace root's .container-or-vm.yaml; see docs/editors.md.",
  exitCodes: '0 the client asked the server to exit after a shutdown; 1 it exited without one; 2 bad usage.',
  async run(args: string[], _io: CliIO): Promise<number> {
    const { positionals, options } = parseArgs(args, { stdio: 'boolean' });
    if (positionals.length || !options.stdio) throw new UsageError(`usage: ${lspCommand.usage}`);
    // Messages travel on stdin and stdout; nothing else may be written there.
    const connection = stdioConnection();
    await serve(connection);
    return 0;
  },
};
