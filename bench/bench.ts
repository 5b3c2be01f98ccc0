// `npm run bench`: how fast the extension and the CLI are on this machine, each figure measured
// against its baseline in the same run. Prints a table (key, value, goal, ok?) and, last, one JSON
// line with every key. Timing lives here only; the unit tests never time anything.
//
//   node out/bench/bench.js [--only bundle,hover,lens,scan,cli,vscode] [--quick]
//
// `cli` times whole fresh processes (the CLI as CI meets it) against fresh-process floors and a peer;
// `vscode` runs bench/vscode-activation.mjs (code-server + Chromium, skipped when they are missing).
//
// Workspaces are generated once into .bench/ by ../shared/tools/make-workspace.mjs and reused.
import './fakeVscode'; // first: `require('vscode')` in the providers below must find the stand-in
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, promises as fsp, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type * as vscode from 'vscode';
import { ParseCache } from '../src/core/cache';
import { AdviceCache, adviseWorkspace, DEFAULT_SKIPPED_FOLDERS } from '../src/core/advisor/advise';
import { isCandidateName } from '../src/core/parse/detect';
import { moduleFor } from '../src/core/registry';
import { nodeFs, toPosixPath } from '../src/node/nodeFs';
import { AdvisorCodeLensProvider } from '../src/providers/codelens';
import { AdvisorDiagnostics } from '../src/providers/diagnostics';
import { ExplainHoverProvider } from '../src/providers/hover';
import { LiveAdviceCache } from '../src/providers/liveAdvice';

const repo = process.cwd();
const corpus = resolve(repo, '..', 'shared', 'corpus');
const work = join(repo, '.bench');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : undefined;
const wanted = (group: string) => !only || only.has(group);

// ---------------------------------------------------------------------------------------------
// Statistics

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs: number[]) => quantile(xs, 0.5);
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// Results

interface Goal {
  key: string;
  what: string;
  goal: number;
  unit: string;
  /** Measured and shown in the table, but not one of the keys of the final JSON line. */
  extra?: true;
}

const GOALS: Goal[] = [
  { key: 'bundleKB', what: 'dist/extension.js, release build', goal: 300, unit: 'KB' },
  { key: 'activationMs', what: 'load bundle + activate() − load empty module', goal: 15, unit: 'ms' },
  { key: 'hoverP99Ms', what: 'hover p99, every corpus instruction, warm', goal: 1, unit: 'ms' },
  { key: 'hoverVsPeer', what: 'hover median ÷ dockerfile-language-service', goal: 0.5, unit: '×' },
  { key: 'hoverBigMs', what: 'hover, last line of 5,000-line Dockerfile', goal: 2, unit: 'ms' },
  { key: 'hoverHostileMs', what: 'hover median, line 199,999 of a 200,000-line RUN, once parsed', goal: 50, unit: 'ms', extra: true },
  { key: 'scan10kMs', what: 'advise, 10,000-file workspace', goal: 1500, unit: 'ms' },
  { key: 'scanVsFloor', what: 'advise ÷ walk + read the same files', goal: 2, unit: '×' },
  { key: 'scanGrowth', what: 'advise 50,000 files ÷ 10,000 files', goal: 5.5, unit: '×' },
  { key: 'peakRssMB', what: 'peak RSS of the CLI advise, 50,000 files', goal: 200, unit: 'MB' },
  { key: 'lensMs', what: 'CodeLens + diagnostics, 2,000-line compose', goal: 5, unit: 'ms' },
  { key: 'incrementalRatio', what: 're-advise after one edit ÷ full scan', goal: 0.1, unit: '×' },
  { key: 'cliColdVsFloor', what: 'node dist/cli.js advise, 10,000 files, whole process ÷ sync walk + read process', goal: 2, unit: '×' },
  { key: 'cliColdVsFloor50k', what: 'the same at 50,000 files', goal: 2.5, unit: '×', extra: true },
  { key: 'cliFirstRunVsFloor', what: 'cliColdVsFloor for a first run ever: an empty code cache each time', goal: 2, unit: '×', extra: true },
  { key: 'cliVsDockerfilelint', what: 'advise --format json over the corpus Dockerfiles ÷ dockerfilelint -o json, whole processes', goal: 0.5, unit: '×' },
  { key: 'vscodeActivationMs', what: "VS Code's Startup Activation, release build, median of 5 (goal: 1.5× the empty extension's)", goal: NaN, unit: 'ms' },
  { key: 'vscodeEmptyActivationMs', what: 'the same for an empty extension in the same code-server', goal: NaN, unit: 'ms', extra: true },
];

const results: Record<string, number | null> = Object.fromEntries(GOALS.map((g) => [g.key, null]));
const details: string[] = [];

// ---------------------------------------------------------------------------------------------
// Fixtures

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? listFiles(p) : [p];
    });
}

/** The generated workspace of `files` files (seed 1), made once. */
function workspace(files: number): string {
  const dir = join(work, `ws${files / 1000}k`);
  const stamp = join(work, `ws${files / 1000}k.done`);
  if (!existsSync(stamp)) {
    log(`generating ${dir} (${files} files)...`);
    execFileSync(process.execPath, [resolve(corpus, '..', 'tools', 'make-workspace.mjs'), dir, '--files', String(files), '--seed', '1'], { stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(stamp, new Date().toISOString());
  }
  return dir;
}

/** Corpus Dockerfiles with the position of every instruction's keyword. */
function dockerfileCases(): { file: string; text: string; positions: { line: number; character: number }[] }[] {
  const files = [...listFiles(join(corpus, 'dockerfiles')), ...listFiles(join(corpus, 'buildkit-testfiles'))];
  return files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const positions = DockerfileParser.parse(text)
      .getInstructions()
      .map((i) => i.getInstructionRange().start);
    return { file, text, positions };
  });
}

/** 5,000 lines of real Dockerfiles, end to end, with an instruction on the last line. */
function bigDockerfile(): string {
  const lines: string[] = [];
  for (const f of listFiles(join(corpus, 'dockerfiles'))) {
    const more = readFileSync(f, 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
    if (more[more.length - 1].trimEnd().endsWith('\\')) continue;
    if (lines.length + more.length > 4999) continue;
    lines.push(...more);
  }
  for (let i = 0; lines.length < 4999; i++) lines.push(i % 10 === 0 ? '' : `RUN echo step ${i}`);
  lines.push('USER 1000:1000');
  return lines.join('\n') + '\n';
}

/** About 2,000 lines of Compose: the corpus's services under one `services:` key, renamed apart. */
function bigCompose(): string {
  const services: Record<string, unknown> = {};
  let n = 0;
  let lines = 1;
  const all = listFiles(join(corpus, 'compose'));
  for (let round = 0; round < 50; round++) {
    for (const f of all) {
      let doc: { services?: Record<string, unknown> } | null;
      try {
        doc = parseYaml(readFileSync(f, 'utf8')) as typeof doc;
      } catch {
        continue;
      }
      for (const [name, svc] of Object.entries(doc?.services ?? {})) {
        if (!svc || typeof svc !== 'object') continue;
        services[`${name}-${n++}`] = svc;
        lines += stringifyYaml({ [name]: svc }).split('\n').length - 1;
        if (lines >= 1999) return stringifyYaml({ services });
      }
    }
  }
  return stringifyYaml({ services });
}

const fakeDoc = (path: string, text: string, version = 1) =>
  ({
    uri: { scheme: 'file', fsPath: path, path, toString: () => `file://${path}` },
    version,
    languageId: 'dockerfile',
    getText: () => text,
  }) as unknown as vscode.TextDocument;

const pos = (p: { line: number; character: number }) => p as vscode.Position;

// ---------------------------------------------------------------------------------------------
// bundleKB, activationMs

function bench_bundle(): void {
  const release = join(repo, 'out', 'bench', 'release', 'extension.js');
  if (!existsSync(release)) throw new Error(`${release} missing: run node esbuild.mjs --bench`);
  results.bundleKB = round(statSync(release).size / 1024, 1);
  // Activation loads extension.js only; the first feature used loads features.js, which holds the rest.
  const features = join(repo, 'out', 'bench', 'release', 'features.js');
  const featuresKB = existsSync(features) ? `${round(statSync(features).size / 1024, 1)} KB` : 'missing';
  details.push(`bundleKB: ${release} (the release build's options; what activation loads), dev build dist/extension.js ${round(statSync(join(repo, 'dist', 'extension.js')).size / 1024, 1)} KB; the release features.js, loaded on the first feature used, ${featuresKB}`);

  mkdirSync(work, { recursive: true });
  const empty = join(work, 'empty.js');
  writeFileSync(empty, '');
  const child = join(repo, 'out', 'bench', 'activationChild.js');
  const once = (target: string) => {
    const out = execFileSync(process.execPath, [child, target, repo], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; cpuMs: number; calls: string[] };
  };
  const runs = quick ? 5 : 21;
  const ext: number[] = [];
  const base: number[] = [];
  const extCpu: number[] = [];
  const baseCpu: number[] = [];
  let calls: string[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const a = once(release);
    const b = once(empty);
    if (i < 2) continue; // warm the disk cache
    ext.push(a.ms);
    base.push(b.ms);
    extCpu.push(a.cpuMs);
    baseCpu.push(b.cpuMs);
    calls = a.calls;
  }
  results.activationMs = round(median(ext) - median(base));
  details.push(`activationMs: bundle+activate median ${round(median(ext))} ms (CPU ${round(median(extCpu))} ms), empty module ${round(median(base), 3)} ms (CPU ${round(median(baseCpu), 3)} ms), ${runs} fresh processes each; activate() made ${calls.length} registrations (${[...new Set(calls)].join(', ')})`);
}

// ---------------------------------------------------------------------------------------------
// hoverP99Ms, hoverVsPeer, hoverBigMs

function bench_hover(): void {
  const cases = dockerfileCases();
  const provider = new ExplainHoverProvider(new ParseCache());
  const rounds = quick ? 3 : 15;
  const ours: number[] = [];
  let hovers = 0;
  let positions = 0;
  for (const c of cases) {
    const doc = fakeDoc(c.file, c.text);
    for (const p of c.positions) provider.provideHover(doc, pos(p)); // warm: parse, findings, JIT
    positions += c.positions.length;
    for (let r = 0; r < rounds; r++) {
      for (const p of c.positions) {
        const t = performance.now();
        const h = provider.provideHover(doc, pos(p));
        ours.push(performance.now() - t);
        if (r === 0 && h) hovers++;
      }
    }
  }
  results.hoverP99Ms = round(quantile(ours, 0.99), 3);

  const peer = DockerfileLanguageServiceFactory.createLanguageService();
  peer.setCapabilities({ hover: { contentFormat: ['markdown'] } });
  const theirs: number[] = [];
  const peerRounds = quick ? 2 : 5;
  for (const c of cases) {
    for (const p of c.positions) peer.computeHover(c.text, p);
    for (let r = 0; r < peerRounds; r++) {
      for (const p of c.positions) {
        const t = performance.now();
        peer.computeHover(c.text, p);
        theirs.push(performance.now() - t);
      }
    }
  }
  results.hoverVsPeer = round(median(ours) / median(theirs), 3);
  details.push(
    `hover: ${cases.length} files, ${positions} instructions (${hovers} with a hover), ${ours.length} timed hovers: median ${round(median(ours), 4)} ms, p99 ${round(quantile(ours, 0.99), 4)} ms, max ${round(Math.max(...ours), 3)} ms; ` +
      `dockerfile-language-service computeHover median ${round(median(theirs), 4)} ms, p99 ${round(quantile(theirs, 0.99), 4)} ms (${theirs.length} timed); ` +
      `our p99 ÷ theirs ${round(quantile(ours, 0.99) / quantile(theirs, 0.99), 3)}`,
  );

  const big = bigDockerfile();
  const lines = big.split('\n').length - 1;
  const doc = fakeDoc(join(work, 'big.Dockerfile'), big);
  const last = { line: lines - 1, character: 1 };
  const h = provider.provideHover(doc, pos(last)); // parse once: the document is warm from here on
  const bigTimes: number[] = [];
  for (let i = 0; i < (quick ? 200 : 2000); i++) {
    const t = performance.now();
    provider.provideHover(doc, pos(last));
    bigTimes.push(performance.now() - t);
  }
  results.hoverBigMs = round(median(bigTimes), 4);
  const cold: number[] = [];
  for (let v = 2; v < 12; v++) {
    const t = performance.now();
    provider.provideHover(fakeDoc(doc.uri.fsPath, big, v), pos(last));
    cold.push(performance.now() - t);
  }
  details.push(`hoverBigMs: ${lines} lines, ${h ? 'hover shown' : 'NO hover'}; warm median ${round(median(bigTimes), 4)} ms, p99 ${round(quantile(bigTimes, 0.99), 4)} ms; after an edit (re-parse) median ${round(median(cold), 2)} ms`);

  // The hostile workspace's 200,000-line continued RUN (make-workspace.mjs --hostile): the scan skips it
  // as too large, the editor still hovers it. Parsed once; the goal is for hovers after that.
  const hostile = 'FROM alpine\nRUN echo start \\\n' + '  && echo more \\\n'.repeat(200_000) + '  && echo end\n';
  const hostileDoc = fakeDoc(join(work, 'hostile.Dockerfile'), hostile);
  const at = { line: 199_998, character: 6 };
  let t0 = performance.now();
  const first = provider.provideHover(hostileDoc, pos(at));
  const firstMs = performance.now() - t0;
  const hostileTimes: number[] = [];
  for (let i = 0; i < (quick ? 20 : 200); i++) {
    t0 = performance.now();
    provider.provideHover(hostileDoc, pos(at));
    hostileTimes.push(performance.now() - t0);
  }
  results.hoverHostileMs = round(median(hostileTimes), 3);
  details.push(`hoverHostileMs: ${first ? 'hover shown' : 'NO hover'}; parse and first hover ${round(firstMs, 0)} ms; then median ${round(median(hostileTimes), 3)} ms, p99 ${round(quantile(hostileTimes, 0.99), 3)} ms`);
}

// ---------------------------------------------------------------------------------------------
// lensMs

function bench_lens(): void {
  const text = bigCompose();
  const file = join(work, 'big-compose', 'compose.yaml');
  const mod = moduleFor('compose');
  if (!mod) throw new Error('no compose module');
  const n = quick ? 10 : 60;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let lenses = 0;
  let diagnostics = 0;
  for (let i = 0; i < n + 5; i++) {
    // The editor's own objects, fresh for each run (findings and advice are cached per model): the
    // parse cache holds the parsed document, and the CodeLens provider and the Problems publisher read
    // it as they do after an edit. The parse itself is outside the timing.
    const doc = { ...fakeDoc(file, text, i + 1), languageId: 'dockercompose' } as vscode.TextDocument;
    const live = new LiveAdviceCache(new ParseCache());
    if (!live.model(doc)) throw new Error('the compose document did not parse');
    const lensProvider = new AdvisorCodeLensProvider(live);
    const problems = new AdvisorDiagnostics(live);
    let published: unknown[] = [];
    (problems.collection as unknown as { set: (u: unknown, d: unknown[]) => void }).set = (_u, d) => (published = d);
    const c = process.cpuUsage();
    const t = performance.now();
    const shown = lensProvider.provideCodeLenses(doc) as vscode.CodeLens[]; // on the spot: no document thread here
    problems.update(doc);
    const ms = performance.now() - t;
    const used = process.cpuUsage(c);
    lensProvider.dispose();
    problems.dispose();
    if (i >= 5) {
      times.push(ms);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    lenses = shown.length;
    diagnostics = published.length;
  }
  if (lenses === 0 || diagnostics === 0) throw new Error(`no lenses (${lenses}) or problems (${diagnostics}) for the compose file`);
  results.lensMs = round(median(times), 3);
  details.push(`lensMs: ${text.split('\n').length} lines, ${lenses} lenses, ${diagnostics} problems, through AdvisorCodeLensProvider and AdvisorDiagnostics; median of ${times.length} (CPU ${round(median(cpuTimes), 3)} ms, p99 ${round(quantile(times, 0.99), 3)} ms), parse excluded (parse alone ≈ ${round(timeParse(mod, text, file), 2)} ms)`);
}

function timeParse(mod: { parse(text: string, file: string): unknown }, text: string, file: string): number {
  const ts: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    mod.parse(text, file);
    ts.push(performance.now() - t);
  }
  return median(ts);
}

// ---------------------------------------------------------------------------------------------
// scan10kMs, scanVsFloor, scanGrowth, incrementalRatio, peakRssMB

/** The I/O floor: walk the same tree (same skipped folders) and read the same candidate files, 16 at a time. */
async function ioFloor(root: string): Promise<{ files: number; read: number; bytes: number }> {
  const skip = new Set(DEFAULT_SKIPPED_FOLDERS);
  const pool = async <T>(items: T[], fn: (x: T) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(16, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }));
  };
  const candidates: string[] = [];
  let files = 0;
  let level = [root];
  while (level.length) {
    const nextLevel: string[] = [];
    await pool(level, async (dir) => {
      for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
        if (e.isDirectory()) {
          if (!skip.has(e.name)) nextLevel.push(`${dir}/${e.name}`);
        } else if (e.isFile() || e.isSymbolicLink()) {
          files++;
          if (isCandidateName(e.name)) candidates.push(`${dir}/${e.name}`);
        }
      }
    });
    level = nextLevel;
  }
  let bytes = 0;
  await pool(candidates, async (p) => {
    const data = await fsp.readFile(p);
    bytes += data.length;
  });
  return { files, read: candidates.length, bytes };
}

/** Wall time and this process's CPU time (user + system) of one run. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const used = process.cpuUsage(c);
  return { ms: performance.now() - t, cpu: (used.user + used.system) / 1000, value };
}

async function bench_scan(): Promise<void> {
  const ws10 = toPosixPath(workspace(10000));
  const runs = quick ? 3 : 7;
  const full: number[] = [];
  const floor: number[] = [];
  const fullCpu: number[] = [];
  const floorCpu: number[] = [];
  let stats = '';
  let floorStats = '';
  for (let i = 0; i < runs + 1; i++) {
    const a = await timed(() => adviseWorkspace(nodeFs, [ws10]));
    const b = await timed(() => ioFloor(ws10));
    if (i === 0) continue; // warm: disk cache, JIT
    full.push(a.ms);
    floor.push(b.ms);
    fullCpu.push(a.cpu);
    floorCpu.push(b.cpu);
    const s = a.value.stats;
    stats = `${s.files} files, ${s.configFiles} configuration files, ${a.value.workloads.length} workloads, ${a.value.skipped.length} skipped`;
    floorStats = `${b.value.files} files, ${b.value.read} read (${round(b.value.bytes / 1024 / 1024, 1)} MB)`;
  }
  results.scan10kMs = round(median(full), 1);
  results.scanVsFloor = round(median(full) / median(floor), 2);
  details.push(`scan10kMs: ${stats}; median of ${runs} ${round(median(full), 1)} ms (min ${round(Math.min(...full), 1)}, CPU ${round(median(fullCpu), 1)} ms); floor ${floorStats}: median ${round(median(floor), 1)} ms (CPU ${round(median(floorCpu), 1)} ms); CPU ratio ${round(median(fullCpu) / median(floorCpu), 2)}`);

  // Incremental: one Dockerfile changes, the next run reuses every other file's analysis. In the
  // editor the file watcher reports the change (trackChanges), so the run neither walks nor checks
  // the other files; the CLI's re-run (no watcher) walks and stats every candidate.
  const dockerfiles = (await adviseWorkspace(nodeFs, [ws10])).workloads.filter((w) => w.format === 'dockerfile').map((w) => w.file);
  const target = join(ws10, dockerfiles[0] ?? 'Dockerfile');
  const original = readFileSync(target);
  const incremental = async (watched: boolean) => {
    const cache = new AdviceCache();
    if (watched) cache.trackChanges();
    await adviseWorkspace(nodeFs, [ws10], { cache });
    const ms: number[] = [];
    const cpu: number[] = [];
    let reuse = '';
    try {
      for (let i = 0; i < runs; i++) {
        writeFileSync(target, Buffer.concat([original, Buffer.from(`\n# edited ${i}\nUSER ${1000 + i}\n`)]));
        cache.fileChanged(toPosixPath(target));
        const r = await timed(() => adviseWorkspace(nodeFs, [ws10], { cache }));
        if (r.value.stats.parsed !== 1) throw new Error(`re-advise parsed ${r.value.stats.parsed} files, not the one edited`);
        ms.push(r.ms);
        cpu.push(r.cpu);
        reuse = `parsed ${r.value.stats.parsed}, reused ${r.value.stats.reused}`;
      }
    } finally {
      writeFileSync(target, original);
    }
    return { ms, cpu, reuse };
  };
  const inc = await incremental(true);
  const walked = await incremental(false);
  results.incrementalRatio = round(median(inc.ms) / median(full), 3);
  details.push(
    `incrementalRatio: ${target.slice(ws10.length + 1)} edited and reported by the watcher, re-advise median ${round(median(inc.ms), 1)} ms (CPU ${round(median(inc.cpu), 1)} ms; ${inc.reuse}) ÷ full ${round(median(full), 1)} ms; CPU ratio ${round(median(inc.cpu) / median(fullCpu), 3)}. ` +
      `Without a watcher (the CLI): ${round(median(walked.ms), 1)} ms, ratio ${round(median(walked.ms) / median(full), 3)} (${walked.reuse})`,
  );

  const ws50 = toPosixPath(workspace(50000));
  const big: number[] = [];
  const bigCpu: number[] = [];
  const runs50 = quick ? 1 : 3;
  for (let i = 0; i < runs50 + 1; i++) {
    const a = await timed(() => adviseWorkspace(nodeFs, [ws50]));
    if (i > 0) {
      big.push(a.ms);
      bigCpu.push(a.cpu);
    }
  }
  results.scanGrowth = round(median(big) / median(full), 2);
  details.push(`scanGrowth: 50,000 files median ${round(median(big), 1)} ms (CPU ${round(median(bigCpu), 1)} ms) ÷ 10,000 files ${round(median(full), 1)} ms; CPU ratio ${round(median(bigCpu) / median(fullCpu), 2)}`);

  const rss: number[] = [];
  const cliMs: number[] = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--require', join(repo, 'out', 'bench', 'rssAtExit.js'), join(repo, 'dist', 'cli.js'), 'advise', ws50, '--format', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      env: cliEnv(),
    });
    cliMs.push(performance.now() - t);
    const m = /BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
    if (!m) throw new Error(`no RSS from the CLI (exit ${r.status}): ${r.stderr}`);
    rss.push(Number(m[1]) / 1024);
  }
  results.peakRssMB = round(Math.max(...rss), 1);
  // The baseline: the same node with the same preload, running nothing.
  const bare = spawnSync(process.execPath, ['--require', join(repo, 'out', 'bench', 'rssAtExit.js'), '-e', ''], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const bareMB = Number(/BENCH_MAXRSS_KB=(\d+)/.exec(bare.stderr ?? '')?.[1] ?? NaN) / 1024;
  details.push(
    `peakRssMB: node dist/cli.js advise (50,000 files) --format json, max of ${rss.length} runs ${rss.map((x) => round(x, 1)).join(', ')} MB; whole process ${round(median(cliMs))} ms; ` +
      `a bare node process ${round(bareMB, 1)} MB (${round(Math.max(...rss) / bareMB, 2)}× that)`,
  );
}


// ---------------------------------------------------------------------------------------------
// cliColdVsFloor, cliColdVsFloor50k, cliVsDockerfilelint: whole fresh processes, as CI runs them

interface ProcessRun {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a CLI run. dist/cli.js compiles itself with V8's code cache, kept in the user's
 * cache folder (scripts/cliCodeCache.mjs): the bench gives it a folder of its own, .bench/code-cache,
 * which the first run of a new build fills (a usual run: the cache of the same build is there), or a
 * folder made empty for each run (a first run ever, `firstRun`).
 */
function cliEnv(firstRun = false): NodeJS.ProcessEnv {
  let home = join(work, 'code-cache');
  if (firstRun) {
    home = join(work, 'code-cache-first-run');
    rmSync(home, { recursive: true, force: true });
  }
  return { ...process.env, XDG_CACHE_HOME: home, CONTAINER_OR_VM_NO_CODE_CACHE: '' };
}

/** One fresh `node` process, timed from spawn to exit; stdout and stderr go to pipes, as in a CI log. */
function runProcess(args: string[], cwd = repo, env: NodeJS.ProcessEnv = cliEnv()): ProcessRun {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  return { ms: performance.now() - t, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * `pairs` alternating pairs of whole processes, the order swapped every other pair so that drift in
 * the machine's load falls on both; one pair first, untimed, warms the disk cache.
 */
function alternate(pairs: number, a: () => ProcessRun, b: () => ProcessRun): { a: number[]; b: number[]; ratios: number[] } {
  a();
  b();
  const out = { a: [] as number[], b: [] as number[], ratios: [] as number[] };
  for (let i = 0; i < pairs; i++) {
    let x: ProcessRun;
    let y: ProcessRun;
    if (i % 2 === 0) {
      x = a();
      y = b();
    } else {
      y = b();
      x = a();
    }
    out.a.push(x.ms);
    out.b.push(y.ms);
    out.ratios.push(x.ms / y.ms);
  }
  return out;
}

function cliAgainstFloor(files: number, pairs: number, firstRunPairs = 0): { ratio: number; detail: string; firstRun?: { ratio: number; detail: string } } {
  const ws = workspace(files);
  const cli = join(repo, 'dist', 'cli.js');
  const floorChild = join(repo, 'out', 'bench', 'floorChild.js');
  // Once, outside the timing: both must see the same files, and the CLI must succeed.
  const json = runProcess([cli, 'advise', ws, '--format', 'json']);
  if (json.status !== 0) throw new Error(`advise exited ${json.status}: ${json.stderr.slice(0, 300)}`);
  const report = JSON.parse(json.stdout) as { stats: { files: number; configFiles: number }; workloads: unknown[] };
  const floorOnce = JSON.parse(runProcess([floorChild, ws]).stdout) as { files: number; read: number; bytes: number };
  if (floorOnce.files !== report.stats.files) throw new Error(`the floor saw ${floorOnce.files} files, advise ${report.stats.files}`);
  const advise = (firstRun = false) => () => {
    const r = runProcess([cli, 'advise', ws], repo, cliEnv(firstRun));
    if (r.status !== 0 || r.stdout.length === 0) throw new Error(`advise exited ${r.status}: ${r.stderr.slice(0, 300)}`);
    return r;
  };
  const floor = () => runProcess([floorChild, ws]);
  const m = alternate(pairs, advise(), floor);
  const bare = median(Array.from({ length: 5 }, () => runProcess(['-e', '']).ms));
  const ratio = median(m.a) / median(m.b);
  let firstRun: { ratio: number; detail: string } | undefined;
  if (firstRunPairs > 0) {
    const f = alternate(firstRunPairs, advise(true), floor);
    firstRun = {
      ratio: median(f.a) / median(f.b),
      detail:
        `${files.toLocaleString('en')} files, each advise run with an empty code cache (XDG_CACHE_HOME a folder made empty before the run; the run compiles the whole bundle and writes the cache at its exit): ` +
        `median ${round(median(f.a))} ms (min ${round(Math.min(...f.a))}); floor median ${round(median(f.b))} ms; ${firstRunPairs} alternating pairs, median of the pair ratios ${round(median(f.ratios), 2)}`,
    };
  }
  return {
    ratio,
    firstRun,
    detail:
      `${files.toLocaleString('en')} files: node dist/cli.js advise (text report on a pipe, the code cache of this build in place; ${report.stats.files} files, ${report.stats.configFiles} configuration files, ${report.workloads.length} workloads) median ${round(median(m.a))} ms (min ${round(Math.min(...m.a))}); ` +
      `floor (out/bench/floorChild.js: readdirSync with entry types, readFileSync of the ${floorOnce.read} candidates, ${round(floorOnce.bytes / 1024 / 1024, 1)} MB) median ${round(median(m.b))} ms; ` +
      `${pairs} alternating pairs, median of the pair ratios ${round(median(m.ratios), 2)}; a bare node -e '' ${round(bare)} ms`,
  };
}

/** The corpus Dockerfiles dockerfilelint reads without crashing, copied into one folder for advise; and those it crashes on. */
function dockerfilelintCases(): { dir: string; files: string[]; crashed: string[] } {
  const lint = createRequire(join(repo, 'package.json'))('dockerfilelint/lib/index') as { run(configPath: string, content: string): unknown };
  const dir = join(work, 'dockerfiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const crashed: string[] = [];
  for (const f of listFiles(join(corpus, 'dockerfiles'))) {
    const name = f.slice(f.lastIndexOf('/') + 1);
    try {
      lint.run(dir, readFileSync(f, 'utf8'));
    } catch {
      crashed.push(name);
      continue;
    }
    copyFileSync(f, join(dir, name));
    files.push(join(dir, name));
  }
  return { dir, files, crashed };
}

function bench_cli(): void {
  const pairs = quick ? 5 : 9;
  const ten = cliAgainstFloor(10000, pairs, pairs);
  results.cliColdVsFloor = round(ten.ratio, 2);
  details.push(`cliColdVsFloor: ${ten.detail}`);
  if (ten.firstRun) {
    results.cliFirstRunVsFloor = round(ten.firstRun.ratio, 2);
    details.push(`cliFirstRunVsFloor: ${ten.firstRun.detail}`);
  }
  const fifty = cliAgainstFloor(50000, 5);
  results.cliColdVsFloor50k = round(fifty.ratio, 2);
  details.push(`cliColdVsFloor50k: ${fifty.detail}`);

  const cases = dockerfilelintCases();
  const cli = join(repo, 'dist', 'cli.js');
  const lintBin = join(repo, 'node_modules', 'dockerfilelint', 'bin', 'dockerfilelint');
  const ours = (format: string[], firstRun = false) => () => {
    const r = runProcess([cli, 'advise', cases.dir, ...format], repo, cliEnv(firstRun));
    if (r.status !== 0) throw new Error(`advise exited ${r.status}: ${r.stderr.slice(0, 300)}`);
    return r;
  };
  const theirs = (format: string[]) => () => {
    // Its exit code is its number of issues; a crash prints a stack.
    const r = runProcess([lintBin, ...format, ...cases.files]);
    if (/\n\s+at /.test(r.stderr)) throw new Error(`dockerfilelint crashed: ${r.stderr.slice(0, 300)}`);
    return r;
  };
  // The key compares like with like at the peer's fastest: both tools' JSON output. The default
  // outputs (our text report, its coloured terminal report, which costs it most of its time) are
  // given beside it.
  const json = alternate(pairs, ours(['--format', 'json']), theirs(['-o', 'json']));
  const text = alternate(pairs, ours([]), theirs([]));
  const first = alternate(pairs, ours(['--format', 'json'], true), theirs(['-o', 'json']));
  results.cliVsDockerfilelint = round(median(json.a) / median(json.b), 2);
  const version = (createRequire(join(repo, 'package.json'))('dockerfilelint/package.json') as { version: string }).version;
  details.push(
    `cliVsDockerfilelint: ${cases.files.length} of the ${cases.files.length + cases.crashed.length} files of corpus/dockerfiles/ (left out, dockerfilelint ${version} crashes on them: ${cases.crashed.join(', ')}); ` +
      `JSON output: node dist/cli.js advise --format json on a folder of copies median ${round(median(json.a))} ms, dockerfilelint -o json with every file on one command line median ${round(median(json.b))} ms (median of the pair ratios ${round(median(json.ratios), 2)}); ` +
      `default outputs: advise ${round(median(text.a))} ms, dockerfilelint ${round(median(text.b))} ms, ratio ${round(median(text.a) / median(text.b), 2)}; ` +
      `JSON output on a first run ever (empty code cache): advise ${round(median(first.a))} ms, dockerfilelint ${round(median(first.b))} ms, ratio ${round(median(first.a) / median(first.b), 2)}; ${pairs} alternating pairs each`,
  );
}

// ---------------------------------------------------------------------------------------------
// vscodeActivationMs: VS Code's own figure, from bench/vscode-activation.mjs

function bench_vscode(): void {
  const codeServer = join(repo, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!existsSync(codeServer) || !existsSync('/usr/bin/chromium')) {
    details.push('vscodeActivationMs: not measured, code-server or Chromium missing (bash scripts/setup-vscode.sh installs them)');
    return;
  }
  const runs = quick ? 3 : 5;
  const r = spawnSync(process.execPath, [join(repo, 'bench', 'vscode-activation.mjs'), '--runs', String(runs)], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  let parsed: { vscodeActivationMs: number[]; median: number | null; emptyMs: number[]; emptyMedian: number | null; build: string };
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`bench/vscode-activation.mjs exited ${r.status}: ${(r.stderr ?? '').slice(0, 400)}`);
  }
  results.vscodeActivationMs = parsed.median;
  results.vscodeEmptyActivationMs = parsed.emptyMedian;
  const goal = GOALS.find((g) => g.key === 'vscodeActivationMs');
  if (goal && parsed.emptyMedian !== null) goal.goal = round(1.5 * Math.max(parsed.emptyMedian, 1), 1);
  details.push(
    `vscodeActivationMs: "Startup Activation" in Developer: Show Running Extensions, code-server ${'4.100.3'} + headless Chromium, the basic fixture workspace, ${parsed.build}: ${parsed.vscodeActivationMs.join(', ')} ms (median ${parsed.median}); ` +
      `an empty extension (activate(){} on workspaceContains:**/Dockerfile), one extension per window, alternating: ${parsed.emptyMs.join(', ')} ms (median ${parsed.emptyMedian}); the goal is 1.5× that (VS Code reports whole milliseconds, so at least 1)`,
  );
}

// ---------------------------------------------------------------------------------------------

const loadBefore = loadavg();

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const groups: [string, () => void | Promise<void>][] = [
    ['bundle', bench_bundle],
    ['hover', bench_hover],
    ['lens', bench_lens],
    ['scan', bench_scan],
    ['cli', bench_cli],
    ['vscode', bench_vscode],
  ];
  for (const [name, fn] of groups) {
    if (!wanted(name)) continue;
    log(`${name}...`);
    try {
      await fn();
    } catch (e) {
      details.push(`${name}: FAILED ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  const rows = GOALS.map((g) => {
    const v = results[g.key];
    const ok = v === null || Number.isNaN(g.goal) ? '—' : v <= g.goal ? 'ok' : 'MISSED';
    return [g.key, v === null ? 'n/a' : String(v), Number.isNaN(g.goal) ? '—' : `≤ ${g.goal} ${g.unit}`, ok, g.what];
  });
  const head = ['key', 'value', 'goal', 'ok?', 'what'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
  console.log(`Container or VM? benchmark — node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores, load average ${load(loadBefore)} before, ${load(loadavg())} after${quick ? ', --quick' : ''}`);
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const d of details) console.log(`  ${d}`);
  console.log('');
  // The figures beyond the keys on a line of their own; the last line carries exactly the keys.
  const extras = GOALS.filter((g) => g.extra);
  if (extras.length) console.log(`extra: ${JSON.stringify(Object.fromEntries(extras.map((g) => [g.key, results[g.key]])))}`);
  console.log(JSON.stringify(Object.fromEntries(GOALS.filter((g) => !g.extra).map((g) => [g.key, results[g.key]]))));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
