// The server's connection over stdin and stdout. Made from the libraries' runtime-neutral parts and
// their Node runtime (text encoding, timers, streams): their Node entry points also bring socket, pipe
// and child-process transports, which the CLI bundle must not contain (test/unit/robust-bundles.test.ts).
import RIL from 'vscode-jsonrpc/lib/node/ril';
import { ReadableStreamMessageReader, WriteableStreamMessageWriter } from 'vscode-jsonrpc/lib/common/api';
import { createProtocolConnection } from 'vscode-languageserver-protocol/lib/common/api';
import { createConnection, type Connection } from 'vscode-languageserver/lib/common/api';

let installed = false;

/** A connection reading LSP messages from `input` and writing them to `output`; the process exits when the client says `exit` or closes `input`. */
export function stdioConnection(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Connection {
  if (!installed) {
    RIL.install();
    installed = true;
  }
  let shutdownReceived = false;
  const reader = new ReadableStreamMessageReader(RIL().stream.asReadableStream(input));
  const writer = new WriteableStreamMessageWriter(RIL().stream.asWritableStream(output));
  const exit = (code: number) => {
    process.exitCode = code;
    // Whatever was written is let out before the process ends.
    output.write('', () => process.exit(code));
  };
  input.on('end', () => exit(shutdownReceived ? 0 : 1));
  return createConnection((logger) => createProtocolConnection(reader, writer, logger), {
    get shutdownReceived() {
      return shutdownReceived;
    },
    set shutdownReceived(v: boolean) {
      shutdownReceived = v;
    },
    initialize: () => undefined,
    exit,
  });
}
