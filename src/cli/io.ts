// What every CLI subcommand shares: output sinks and the one error type that becomes exit code 2.

/** Bad usage or an unreadable input: printed as one line on stderr, exit code 2, never a stack trace. */
export class UsageError extends Error {}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  /** What the exit codes mean, for `COMMAND --help`. */
  exitCodes?: string;
  /** Returns the exit code. Throws UsageError for bad usage. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Splits `--name value` / `--name=value` options from positionals; unknown options are a UsageError. */
export function parseArgs(
  args: string[],
  spec: Record<string, 'string' | 'boolean' | 'string[]'>,
): { positionals: string[]; options: Record<string, string | boolean | string[]> } {
  const positionals: string[] = [];
  const options: Record<string, string | boolean | string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else value = args[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    if (kind === 'string[]') options[name] = [...((options[name] as string[] | undefined) ?? []), value];
    else options[name] = value;
  }
  return { positionals, options };
}

/** Checks an option against a closed list of choices. */
export function choice<T extends string>(name: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${choices.join(', ')}`);
}
