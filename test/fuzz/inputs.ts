// Inputs for the fuzz properties: the corpus files, hostile mutations of them, random text, and a
// checked call (no exception, the same result twice). Shared by the short seeded run in
// the unit tests (test/unit/fuzz.test.ts) and the long run (`npm run fuzz`).
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as fc from 'fast-check';
import type { Format } from '../../src/core/parse/types';

/** The repository root, found from the bundled file's folder (out/test/unit) or the working folder. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && /"name":\s*"container-or-vm"/.test(readFileSync(pkg, 'utf8'))) return dir;
      dir = dirname(dir);
    }
  }
  throw new Error('cannot find the repository root');
}

export const corpusDir = (): string => join(repoRoot(), '..', 'shared', 'corpus');

/** Corpus folder -> the format its files are in. */
const FOLDER_FORMATS: Record<string, Format> = {
  dockerfiles: 'dockerfile',
  'buildkit-testfiles': 'dockerfile',
  compose: 'compose',
  kubernetes: 'kubernetes',
  devcontainer: 'devcontainer',
  vagrant: 'vagrant',
  packer: 'packer',
  'cloud-init': 'cloud-init',
  lima: 'lima',
  terraform: 'terraform',
};

export interface CorpusFile {
  format: Format;
  /** Relative to the corpus folder. */
  name: string;
  text: string;
}

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

let corpusCache: CorpusFile[] | undefined;

/** Every corpus file with a known format, sorted by name (so a seed always picks the same files). */
export function corpusFiles(): CorpusFile[] {
  if (corpusCache) return corpusCache;
  const root = corpusDir();
  const out: CorpusFile[] = [];
  for (const [folder, format] of Object.entries(FOLDER_FORMATS)) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const f of walk(dir).sort()) {
      if (folder === 'buildkit-testfiles' && !f.endsWith('/Dockerfile')) continue;
      out.push({ format, name: relative(root, f), text: readFileSync(f, 'utf8') });
    }
  }
  // Bake files have no corpus folder: the real ones under test/fixtures/bake (see its ORIGIN.md).
  const bake = join(repoRoot(), 'test', 'fixtures', 'bake');
  if (existsSync(bake)) {
    for (const f of walk(bake).sort()) if (/[\\/]docker-bake(\.override)?\.(hcl|json)$/.test(f)) out.push({ format: 'bake', name: relative(root, f), text: readFileSync(f, 'utf8') });
  }
  // Quadlet units likewise: the real ones under test/fixtures/quadlet (see its ORIGIN.tsv).
  const quadlet = join(repoRoot(), 'test', 'fixtures', 'quadlet');
  if (existsSync(quadlet)) {
    for (const f of walk(quadlet).sort()) if (/\.(container|pod|kube|volume|network|image|build)$/.test(f)) out.push({ format: 'quadlet', name: relative(root, f), text: readFileSync(f, 'utf8') });
  }
  corpusCache = out;
  return out;
}

/** A file name the format is detected from, for the advisor's random file sets. */
export const NAMES: Record<Format, string[]> = {
  dockerfile: ['Dockerfile', 'svc/Containerfile', 'build/app.dockerfile', 'Dockerfile.prod'],
  compose: ['compose.yaml', 'docker-compose.yml', 'deploy/docker-compose.prod.yml'],
  kubernetes: ['k8s/deployment.yaml', 'pod.yml'],
  devcontainer: ['.devcontainer/devcontainer.json', 'x_devcontainer.json'],
  vagrant: ['Vagrantfile', 'vm/Vagrantfile'],
  packer: ['image.pkr.hcl', 'template.pkr.json'],
  bake: ['docker-bake.hcl', 'build/docker-bake.override.json'],
  'cloud-init': ['user-data', 'cloud-init/user-data.yaml'],
  lima: ['lima.yaml', 'lima/default.yaml'],
  terraform: ['main.tf', 'infra/vm.tf'],
  quadlet: ['web.container', 'systemd/app.pod', 'kube/app.kube'],
};

/** Strings that must stay text wherever they are shown. */
export const HOSTILE_STRINGS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  "'><svg onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  '](javascript:alert(1))',
  '[x](command:workbench.action.quit)',
  '${{ github.token }}',
  '\u202eevil\u202c',
  '\u0000\u001b[31mred\u001b[0m',
  '`' + '<b>'.repeat(3),
  'x'.repeat(5000),
];

const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\v', '\f', '\r', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800', '\udfff'];

/** Nesting openers per format family, repeated to make deep structures. */
const NEST: Record<Format, (depth: number) => string> = {
  dockerfile: (d) => 'RUN ' + '['.repeat(d) + '\n' + 'FROM ' + '${a:-'.repeat(d) + '\n',
  compose: (d) => yamlNest(d),
  kubernetes: (d) => yamlNest(d),
  'cloud-init': (d) => yamlNest(d),
  lima: (d) => yamlNest(d),
  devcontainer: (d) => '{"a":'.repeat(d) + '['.repeat(d),
  packer: (d) => 'a {\n'.repeat(d) + '{"b":'.repeat(d) + '['.repeat(d),
  bake: (d) => 'target "a" {\n'.repeat(d) + 'platforms = ' + '['.repeat(d) + '{"b":'.repeat(d),
  terraform: (d) => 'resource "a" "b" {\n'.repeat(d) + 'x = ' + '['.repeat(d) + '{'.repeat(d),
  vagrant: (d) => 'Vagrant.configure("2") do |config|\n'.repeat(d) + '('.repeat(d) + '{'.repeat(d),
  quadlet: (d) => '[Container]\n' + 'PodmanArgs=--privileged \\\n'.repeat(d) + '['.repeat(d) + '\n',
};

function yamlNest(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(' '.repeat(i) + (i % 2 ? '- ' : 'k: ') + (i % 3 ? '' : '['));
  return lines.join('\n') + '\n' + '['.repeat(depth) + '{'.repeat(depth) + '\n';
}

const enc = new TextEncoder();
const lenient = new TextDecoder('utf-8');

type Mutation = (text: string, other: string, r: number[]) => string;

/** Each mutation takes the text, another corpus file and a few random numbers in [0, 1). */
const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, _o, [a]) => t.slice(0, Math.floor(a * t.length)),
  splice: (t, o, [a, b, c]) => {
    const at = Math.floor(a * t.length);
    const from = Math.floor(b * o.length);
    return t.slice(0, at) + o.slice(from, from + Math.floor(c * 2000)) + t.slice(at);
  },
  cut: (t, _o, [a, b]) => {
    const at = Math.floor(a * t.length);
    return t.slice(0, at) + t.slice(at + Math.floor(b * 500));
  },
  byteFlips: (t, _o, [a, b, c]) => {
    const bytes = enc.encode(t);
    const n = 1 + Math.floor(a * 16);
    for (let i = 0; i < n && bytes.length; i++) {
      const at = Math.floor(((b * 7919 + i * 104729 * (c + 0.1)) % 1) * bytes.length);
      bytes[at] ^= 1 << (i % 8);
    }
    return lenient.decode(bytes);
  },
  invalidUtf8: (t, _o, [a]) => {
    const bytes = enc.encode(t);
    const at = Math.floor(a * bytes.length);
    const out = new Uint8Array(bytes.length + 4);
    out.set(bytes.subarray(0, at));
    out.set([0xc3, 0x28, 0xff, 0xfe], at);
    out.set(bytes.subarray(at), at + 4);
    return lenient.decode(out);
  },
  longLine: (t, _o, [a, b]) => {
    const at = Math.floor(a * t.length);
    return t.slice(0, at) + 'x'.repeat(1000 + Math.floor(b * 200_000)) + t.slice(at);
  },
  longLineRepeat: (t, _o, [a, b]) => {
    const lines = t.split('\n');
    const i = Math.floor(a * lines.length);
    lines[i] = (lines[i] || 'a ').repeat(50 + Math.floor(b * 2000)).slice(0, 250_000);
    return lines.join('\n');
  },
  manyLines: (t, _o, [a, b]) => {
    const lines = t.split('\n');
    const i = Math.floor(a * lines.length);
    const copies = Array(100 + Math.floor(b * 3000)).fill(lines[i] ?? '');
    lines.splice(i, 0, ...copies);
    return lines.join('\n');
  },
  control: (t, _o, [a, b, c]) => {
    const at = Math.floor(a * t.length);
    const n = 1 + Math.floor(b * 8);
    let ins = '';
    for (let i = 0; i < n; i++) ins += CONTROL[Math.floor(((c + i * 0.37) % 1) * CONTROL.length)];
    return t.slice(0, at) + ins + t.slice(at);
  },
  bom: (t) => '\ufeff' + t,
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  cr: (t) => t.replace(/\r?\n/g, '\r'),
  mixedEol: (t, _o, [a]) => t.replace(/\r?\n/g, (_eol, off: number) => ((off * (a + 1)) % 3 < 1 ? '\r\n' : (off * (a + 1)) % 3 < 2 ? '\r' : '\n')),
  hostile: (t, _o, [a, b]) => {
    const at = Math.floor(a * t.length);
    return t.slice(0, at) + HOSTILE_STRINGS[Math.floor(b * HOSTILE_STRINGS.length)] + t.slice(at);
  },
  repeatWhole: (t, _o, [a]) => t.repeat(2 + Math.floor(a * 6)),
  dedent: (t) => t.replace(/^[ \t]+/gm, ''),
  tabs: (t) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Deep nesting is format-specific, so it is applied with the format known. */
function nest(format: Format, t: string, [a, b]: number[]): string {
  const at = Math.floor(a * t.length);
  return t.slice(0, at) + NEST[format](10 + Math.floor(b * 3000)) + t.slice(at);
}

/** Most characters an input may have after mutations (the 1 MB bound of the deadline). */
export const MAX_INPUT = 1024 * 1024;

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mutationArb = fc.tuple(fc.constantFrom(...MUTATION_NAMES, 'nest'), fc.array(unit, { minLength: 3, maxLength: 3 }));

/** A corpus file of the format (or any format), mutated 0 to 4 times. */
export function mutatedCorpus(format?: Format): fc.Arbitrary<{ base: string; text: string }> {
  const files = corpusFiles().filter((f) => !format || f.format === format);
  const all = corpusFiles();
  return fc
    .tuple(fc.nat({ max: files.length - 1 }), fc.nat({ max: all.length - 1 }), fc.array(mutationArb, { maxLength: 4 }))
    .map(([i, j, muts]) => {
      let text = files[i].text;
      for (const [name, r] of muts) {
        text = name === 'nest' ? nest(files[i].format, text, r) : MUTATIONS[name](text, all[j].text, r);
        if (text.length > MAX_INPUT) text = text.slice(0, MAX_INPUT);
      }
      return { base: files[i].name + (muts.length ? ` + ${muts.map(([n]) => n).join(', ')}` : ''), text };
    });
}

/** Format-flavoured fragments glued with random separators, so random text reaches the parsers' branches. */
const FRAGMENTS = [
  'FROM alpine', 'RUN --mount=type=cache,target=/x', 'USER root', 'ONBUILD', 'HEALTHCHECK NONE', '# escape=`', '<<EOF', '\\',
  'services:', '  web:', '    privileged: true', '    image: x', 'apiVersion: v1', 'kind: Pod', 'spec:', '  hostNetwork: true',
  '#cloud-config', 'vmType: vz', 'images:', '- location: x', '&a', '*a', '<<: *a', '!!binary', '---', '...', '? ', '|', '>-', '- ',
  '{', '}', '[', ']', '"', "'", ',', ':', '=', '#', '//', '/*', '*/', 'resource "aws_instance" "x" {', 'source "qemu" "x" {',
  'build {', 'module "m" {', '<<EOT', 'EOT', '${', '%{', 'Vagrant.configure("2") do |config|', 'config.vm.box = "x"', 'end', 'do |v|',
  '"builders": [', '"type": "docker"', '"runArgs": ["--privileged"]', '"privileged": true', 'true', 'null', '0x1F', '1e309', '-',
];

export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 60 })
    .chain((parts) =>
      fc
        .array(fc.constantFrom('', ' ', '  ', '\n', '\r\n', '\r', '\t', '\n  ', '\n    '), { minLength: parts.length, maxLength: parts.length })
        .map((seps) => parts.map((p, i) => p + seps[i]).join('')),
    ),
);

/** Text for a format: random, or a mutated corpus file of that format. */
export function textFor(format: Format): fc.Arbitrary<string> {
  return fc.oneof(randomText, mutatedCorpus(format).map((m) => m.text), mutatedCorpus().map((m) => m.text));
}

/** Positions on and off the text: inside lines, past their ends, past the last line, negative. */
export function positionsFor(text: string): fc.Arbitrary<{ line: number; character: number }[]> {
  const lines = text.split('\n');
  const line = fc.oneof(
    fc.nat({ max: Math.max(0, lines.length - 1) }),
    fc.integer({ min: -3, max: lines.length + 3 }),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 2 ** 31),
  );
  return fc.array(
    line.chain((l) => {
      const len = lines[l]?.length ?? 0;
      return fc.record({
        line: fc.constant(l),
        character: fc.oneof(fc.nat({ max: len }), fc.integer({ min: -2, max: len + 5 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, -1)),
      });
    }),
    { minLength: 1, maxLength: 12 },
  );
}

/** `npm run fuzz` (npm names the script it runs) or any run given FUZZ_RUNS. */
function isLongRun(): boolean {
  return process.env.FUZZ_RUNS !== undefined || process.env.npm_lifecycle_event === 'fuzz';
}

export interface SizeBucket {
  calls: number;
  slowest: number;
  slowestWhat: string;
}

/** Per input size (up to 10 KB, 100 KB, 1 MB, more): how the checked calls went. */
export const stats: { calls: number; buckets: Record<string, SizeBucket> } = { calls: 0, buckets: {} };

const bucketOf = (size: number) => (size <= 10_240 ? '<=10KB' : size <= 102_400 ? '<=100KB' : size <= MAX_INPUT ? '<=1MB' : '>1MB');

function record(what: string, size: number, ms: number): void {
  stats.calls++;
  const b = (stats.buckets[bucketOf(size)] ??= { calls: 0, slowest: 0, slowestWhat: '' });
  b.calls++;
  if (ms > b.slowest) {
    b.slowest = ms;
    b.slowestWhat = `${what} (${size} characters)`;
  }
}

/**
 * Runs `fn` twice: neither run may throw and both must give deep-equal results (after `normalize`).
 * Nothing is held to a time: the 100 ms bound is retired (docs/reliability.md), since reading every file
 * whole takes the yaml library about 1 s for 2 MB. A hang still fails the run, by mocha's timeout; the
 * slowest call per input size is recorded in `stats` and printed after the long run.
 */
export function checked<T>(what: string, inputSize: number, fn: () => T, normalize: (v: T) => unknown = (v) => v): T {
  const t0 = performance.now();
  const first = fn();
  const t1 = performance.now();
  const second = fn();
  record(what, inputSize, Math.min(t1 - t0, performance.now() - t1));
  assert.deepStrictEqual(normalize(second), normalize(first), `${what}: two calls on the same input gave different results`);
  return first;
}

/**
 * The seed of every property in this process: FUZZ_SEED, or in the long run a fresh one, or the short
 * run's fixed 20261125. One seed for the whole run, printed at its start (test/unit/fuzz.test.ts), so
 * `FUZZ_SEED=<it> npm run fuzz` replays any run.
 */
export const FUZZ_SEED: number =
  process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : isLongRun() ? (Date.now() ^ (process.pid << 8)) >>> 0 : 20261125;

/** Whether this is the long run (`npm run fuzz`, or FUZZ_RUNS set). */
export const LONG_RUN = isLongRun();

/**
 * fast-check settings. The short run in the unit tests: the fixed seed and `shortRuns` cases per
 * property. The long run (`npm run fuzz`): FUZZ_SEED (default: a fresh one, printed at the start) and
 * FUZZ_RUNS cases per property.
 */
export function fuzzParams(shortRuns: number): fc.Parameters<unknown> {
  const long = isLongRun();
  const seed = FUZZ_SEED;
  // The long run's default: ten times the short run's cases.
  const runs = process.env.FUZZ_RUNS !== undefined ? Math.max(1, Number(process.env.FUZZ_RUNS)) : shortRuns * 10;
  return { seed, numRuns: long ? runs : shortRuns, endOnFailure: true };
}
