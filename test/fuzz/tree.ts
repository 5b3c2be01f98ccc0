// Helpers for the hostile-workspace tests: a fingerprint of a folder tree (to prove a run changed
// nothing) and the CLI run in a child process with its peak memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './inputs';

let builtCli: string | undefined;

/** The CLI bundled from the current sources (once per test run), so a test never runs a stale dist/. */
export function cliFromSources(): string {
  if (builtCli) return builtCli;
  const root = repoRoot();
  const out = join(root, 'out', 'test', 'robust', 'cli.js');
  mkdirSync(join(root, 'out', 'test', 'robust'), { recursive: true });
  execFileSync(join(root, 'node_modules', '.bin', 'esbuild'), ['src/cli.ts', '--bundle', '--platform=node', '--format=cjs', `--outfile=${out}`, '--log-level=warning'], { cwd: root });
  builtCli = out;
  return out;
}

/** Every entry under `root` (links not followed): its type, mode, size and content hash or link target. */
export function treeFingerprint(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (rel: string) => {
    const abs = rel ? join(root, rel) : root;
    const st = lstatSync(abs);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out.set(rel, `link ${mode} -> ${readlinkSync(abs)}`);
    else if (st.isDirectory()) {
      out.set(rel, `dir ${mode}`);
      for (const e of readdirSync(abs).sort()) visit(rel ? `${rel}/${e}` : e);
    } else if (st.isFile()) out.set(rel, `file ${mode} ${st.size} ${createHash('sha256').update(readFileSync(abs)).digest('hex')}`);
    else out.set(rel, `other ${mode}`);
  };
  visit('');
  return out;
}

/** The entries whose fingerprint differs between two runs (added, removed or changed). */
export function treeDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const diff: string[] = [];
  for (const [k, v] of before) if (after.get(k) !== v) diff.push(`${k}: ${v} -> ${after.get(k) ?? 'missing'}`);
  for (const k of after.keys()) if (!before.has(k)) diff.push(`${k}: added`);
  return diff;
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  /** stderr without the peak-memory line. */
  err: string;
  /** Peak resident memory of the child, in kilobytes (process.resourceUsage().maxRSS at exit). */
  maxRssKb: number;
}

/** Runs a Node script with a preload that reports its peak memory at exit. */
export function runNodeWithRss(script: string, args: string[], options: { cwd?: string; scratch: string; stdin?: 'ignore' | 'pipe' } = { scratch: '.' }): ChildRun {
  const preload = join(options.scratch, 'rss-at-exit.js');
  writeFileSync(preload, "process.on('exit', () => { require('fs').writeSync(2, '\\nMAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'); });\n");
  const r = spawnSync(process.execPath, ['--require', preload, script, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  const m = /\n?MAXRSS_KB=(\d+)\n/.exec(r.stderr);
  return { code: r.status, signal: r.signal, out: r.stdout, err: m ? r.stderr.replace(m[0], '') : r.stderr, maxRssKb: m ? Number(m[1]) : NaN };
}
