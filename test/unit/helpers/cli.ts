// Runs the CLI's main() in this process and collects what it prints, a line per write.
import { main } from '../../../src/cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => (out += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => (err += t.endsWith('\n') ? t : t + '\n'),
  });
  return { code, out, err };
}
