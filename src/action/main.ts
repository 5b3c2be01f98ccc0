// The GitHub Action (action.yml): `advise` over the checkout, through the CLI's own `main`, so the
// action reads, decides and renders exactly as `container-or-vm advise` does. It writes the SARIF
// file, sets the step's outputs and job summary, and when asked uploads the SARIF to code scanning
// and posts or updates one pull-request comment. Runs on the runner's Node 20 (built-in fetch), as
// action/index.js, which esbuild.mjs builds and git tracks.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { adviseCommand } from '../cli/advise';
import { UsageError } from '../cli/io';
import { terminalSafeSink } from '../core/render/terminal';

/** Starts the pull-request comment this action owns; it finds its comment again by it. */
export const MARKER = '<!-- container-or-vm -->';
/** GitHub refuses a comment body longer than this many characters. */
export const COMMENT_LIMIT = 65536;
/** GitHub shows at most this many bytes of a step's job summary. */
const SUMMARY_LIMIT = 1024 * 1024;
const FAIL_ON = ['none', 'container-hardened', 'sandboxed', 'vm'];

class ActionError extends Error {}

/** One line of the step's log (the action, like the CLI, writes to the terminal: stdout, which the runner shows). */
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** An input as the runner passes it: INPUT_ and the name upper-cased, spaces as underscores, hyphens kept. */
function input(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** The YAML 1.2 core schema booleans, as the Actions toolkit reads them. */
function booleanInput(name: string): boolean {
  const v = input(name);
  if (v === '' || ['false', 'False', 'FALSE'].includes(v)) return false;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  throw new ActionError(`input ${name} must be true or false (got '${v}')`);
}

/**
 * A value from the workspace (a file or workload name) as one safe log line: the runner reads any
 * line starting with `::` as a workflow command, so no line break or control character gets through.
 */
const logSafe = (s: string): string =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A workflow command's message (`::error::…`), escaped as the runner expects. */
const command = (name: string, message: string): string =>
  `::${name}::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`;

/**
 * Runs `advise` in this process as the CLI runs it (through the same terminal-safe sink, bad usage
 * as exit code 2); returns its exit code and what it printed.
 */
async function runAdvise(args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = terminalSafeSink({ out: (t) => out.push(t.endsWith('\n') ? t : `${t}\n`), err: (t) => err.push(t.replace(/\n$/, '')) });
  try {
    const code = await adviseCommand.run(args, io);
    return { code, out: out.join(''), err };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, out: out.join(''), err: [...err, e.message] };
    throw e;
  }
}

function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) {
    log(`output ${name}: ${logSafe(value)}`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** Cuts Markdown at a line end so that it and the note fit in `limit` (measured by `size`). */
export function truncateMarkdown(markdown: string, limit: number, size: (s: string) => number, note: string): string {
  if (size(markdown) <= limit) return markdown;
  const room = limit - size(note) - 2;
  let lo = 0;
  let hi = markdown.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(markdown.slice(0, mid)) <= room) lo = mid;
    else hi = mid - 1;
  }
  let cut = markdown.lastIndexOf('\n', lo);
  if (cut <= 0) cut = lo;
  return `${markdown.slice(0, cut)}\n\n${note}`;
}

/**
 * The SARIF's locations made relative to the repository's root when the scanned folder is a
 * subfolder of it: the CLI writes them relative to the folder it scanned, code scanning reads them
 * relative to the checkout.
 */
export function rebaseSarif(sarif: { runs?: Array<{ originalUriBaseIds?: Record<string, { uri?: string }> }> }, workspace: string, target: string): void {
  const rel = relative(workspace, target);
  if (rel.startsWith('..') || isAbsolute(rel)) return;
  const prefix = rel === '' ? '' : `${rel.split(sep).map(encodeURIComponent).join('/')}/`;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.uriBaseId === '%SRCROOT%' && typeof o.uri === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(o.uri)) o.uri = prefix + o.uri;
      for (const k of Object.keys(o)) walk(o[k]);
    }
  };
  for (const run of sarif.runs ?? []) {
    walk(run);
    if (run.originalUriBaseIds?.['%SRCROOT%']) run.originalUriBaseIds['%SRCROOT%'].uri = `${pathToFileURL(workspace).href.replace(/\/?$/, '/')}`;
  }
}

interface Api {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

function api(token: string): Api {
  const base = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
  return {
    async call(method, path, body) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'container-or-vm-action',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = text;
      }
      if (res.status >= 400) {
        const message = json && typeof json === 'object' && 'message' in json ? String((json as { message: unknown }).message) : text.slice(0, 200);
        throw new ActionError(`${method} ${path}: HTTP ${res.status}${message ? ` (${message})` : ''}`);
      }
      return { status: res.status, json };
    },
  };
}

function repository(): string {
  const repo = process.env.GITHUB_REPOSITORY ?? '';
  if (!/^[^/]+\/[^/]+$/.test(repo)) throw new ActionError('GITHUB_REPOSITORY is not set (owner/name)');
  return repo;
}

async function upload(github: Api, sarifText: string, workspace: string): Promise<void> {
  const sha = process.env.GITHUB_SHA;
  const ref = process.env.GITHUB_REF;
  if (!sha || !ref) throw new ActionError('upload: GITHUB_SHA and GITHUB_REF must be set');
  const sarif = gzipSync(Buffer.from(sarifText, 'utf8')).toString('base64');
  const r = await github.call('POST', `/repos/${repository()}/code-scanning/sarifs`, {
    commit_sha: sha,
    ref,
    sarif,
    checkout_uri: pathToFileURL(workspace).href,
    tool_name: 'container-or-vm',
  });
  const id = r.json && typeof r.json === 'object' && 'id' in r.json ? String((r.json as { id: unknown }).id) : '';
  log(`SARIF uploaded to code scanning${id ? ` (id ${logSafe(id)})` : ''}`);
}

/** The pull request's number, from the event that started the workflow, if it is a pull request's. */
function pullRequestNumber(): number | undefined {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  let event: { pull_request?: { number?: unknown } };
  try {
    event = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ActionError(`cannot read the event (GITHUB_EVENT_PATH): ${(e as Error).message}`);
  }
  const n = event?.pull_request?.number;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

interface IssueComment {
  id: number;
  body?: string;
  user?: { login?: string };
}

/** Posts the comment, or updates the one this action posted before (found by MARKER). */
async function comment(github: Api, pr: number, body: string): Promise<void> {
  const repo = repository();
  let ours: IssueComment | undefined;
  for (let page = 1; page <= 50 && !ours; page++) {
    const r = await github.call('GET', `/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`);
    const list = Array.isArray(r.json) ? (r.json as IssueComment[]) : [];
    const mine = list.filter((c) => typeof c.body === 'string' && c.body.startsWith(MARKER));
    ours = mine.find((c) => c.user?.login === 'github-actions[bot]') ?? mine[0];
    if (list.length < 100) break;
  }
  if (ours) {
    await github.call('PATCH', `/repos/${repo}/issues/comments/${ours.id}`, { body });
    log(`pull request #${pr}: comment ${ours.id} updated`);
  } else {
    const r = await github.call('POST', `/repos/${repo}/issues/${pr}/comments`, { body });
    const id = r.json && typeof r.json === 'object' && 'id' in r.json ? String((r.json as { id: unknown }).id) : '?';
    log(`pull request #${pr}: comment ${logSafe(id)} posted`);
  }
}

interface Report {
  verdict: string | null;
  workloads: Array<{ name: string; file: string; line: number; role: string; verdict: string }>;
}

export async function run(): Promise<number> {
  const workspace = resolve(process.env.GITHUB_WORKSPACE || process.cwd());
  const target = resolve(workspace, input('path') || '.');
  const failOn = input('fail-on') || 'none';
  if (!FAIL_ON.includes(failOn)) throw new ActionError(`input fail-on must be one of ${FAIL_ON.join(', ')} (got '${failOn}')`);
  const sarifFile = resolve(workspace, input('sarif-file') || 'container-or-vm.sarif');
  const wantUpload = booleanInput('upload');
  const wantComment = booleanInput('comment');
  const token = input('token');
  if ((wantUpload || wantComment) && !token) throw new ActionError('input token is empty (it defaults to the workflow\'s github.token)');
  const config = input('config');
  const extra: string[] = [];
  if (config) {
    // Passed on only once `advise` reads a config file; until then it is an error, never ignored.
    if (!/--config\b/.test(adviseCommand.usage)) throw new ActionError(`input config: this version of container-or-vm does not read config files yet (got '${config}'); remove the input`);
    extra.push('--config', resolve(workspace, config));
  }

  // One report in three renderings, each by the CLI itself: JSON for the outputs and the exit code,
  // SARIF for code scanning, Markdown for the summary and the comment.
  const base = [target, ...extra];
  const json = await runAdvise([...base, '--format', 'json', ...(failOn === 'none' ? [] : ['--fail-on', failOn])]);
  for (const line of json.err) log(logSafe(line));
  if (json.code >= 2) throw new ActionError(json.err.join('; ') || `advise ended with exit code ${json.code}`);
  const report = JSON.parse(json.out) as Report;
  const sarifRun = await runAdvise([...base, '--format', 'sarif']);
  const markdownRun = await runAdvise([...base, '--format', 'markdown']);
  for (const r of [sarifRun, markdownRun]) if (r.code >= 2) throw new ActionError(r.err.join('; ') || `advise ended with exit code ${r.code}`);

  const sarif = JSON.parse(sarifRun.out);
  rebaseSarif(sarif, workspace, target);
  const sarifText = `${JSON.stringify(sarif, null, 2)}\n`;
  mkdirSync(dirname(sarifFile), { recursive: true });
  writeFileSync(sarifFile, sarifText);

  const verdict = report.verdict ?? 'none';
  log(`Overall: ${verdict} (${report.workloads.length} workload${report.workloads.length === 1 ? '' : 's'})`);
  for (const w of report.workloads) log(`  ${logSafe(w.name)} (${logSafe(w.file)}:${w.line}, ${w.role}): ${w.verdict}`);
  log(`SARIF written to ${logSafe(sarifFile)}`);
  setOutput('verdict', verdict);
  setOutput('sarif-file', sarifFile);
  setOutput('workloads', String(report.workloads.length));

  const markdown = markdownRun.out.replace(/\n+$/, '\n');
  if (process.env.GITHUB_STEP_SUMMARY) {
    const note = '*The report is cut here: it is longer than a job summary holds. The SARIF file has every finding.*\n';
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, truncateMarkdown(markdown, SUMMARY_LIMIT - 1024, (s) => Buffer.byteLength(s), note));
  }

  const github = api(token);
  const failures: string[] = [];
  if (wantUpload) {
    try {
      await upload(github, sarifText, workspace);
    } catch (e) {
      failures.push(`upload: ${(e as Error).message} (the job needs permissions: security-events: write)`);
    }
  }
  if (wantComment) {
    const pr = pullRequestNumber();
    if (pr === undefined) log('comment: this run is not for a pull request, so no comment is posted');
    else {
      const note = `*The report is cut here: it is longer than a pull-request comment holds (${COMMENT_LIMIT.toLocaleString('en-US')} characters). The job summary and the SARIF file have the rest.*\n`;
      const body = truncateMarkdown(`${MARKER}\n${markdown}`, COMMENT_LIMIT, (s) => s.length, note);
      try {
        await comment(github, pr, body);
      } catch (e) {
        failures.push(`comment: ${(e as Error).message} (the job needs permissions: pull-requests: write; a pull request from a fork gets a read-only token)`);
      }
    }
  }
  for (const f of failures) log(command('error', logSafe(f)));

  if (json.code === 1) {
    // Exit code 1 with nothing on stderr is the verdict; with a message, a file not read completely.
    const why = json.err.length > 0 ? json.err.map(logSafe).join(' ') : `the overall answer, ${verdict}, is at or past ${failOn === 'none' ? 'the fail-on of the config file' : `fail-on ${failOn}`}`;
    log(command('error', `container-or-vm: ${why}`));
    return 1;
  }
  return failures.length > 0 ? 1 : 0;
}

if (require.main === module) {
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      const message = e instanceof ActionError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
      log(command('error', `container-or-vm: ${logSafe(message)}`));
      process.exitCode = 2;
    },
  );
}
