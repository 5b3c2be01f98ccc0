// What a hover looks like, for every topic of every format and for every line of the corpus: after
// the title, what the line means for container versus VM (with the line's notes and findings), then
// what it does, then the sources on one line with at most three links. At most 110 words come before
// the sources, counted as a reader sees them: the Markdown is turned into the text VS Code shows.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseWith } from '../../src/core/cache';
import { explainAt } from '../../src/core/explain';
import { IMAGE_FAMILIES, IMAGE_TRAITS } from '../../src/core/knowledge/dockerfile';
import { allTopics } from '../../src/core/knowledge/index';
import { renderExplanation } from '../../src/core/render/explanation';
import type { ModelBase } from '../../src/core/parse/types';

const corpus = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

/** The text a reader sees, line by line: headings, emphasis, code fences and link targets taken out. */
function visibleLines(md: string): string[] {
  return md
    .split('\n')
    .map((line) =>
      line
        .replace(/^#{1,6}\s+/, '')
        .replace(/^\s*[-*]\s+/, '')
        .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
        .replace(/\\([\\`*_{}[\]()#+\-.!|<>~&])/g, '$1')
        .replace(/`+/g, '')
        .replace(/\*\*|__|\*|_(?=\S)|(?<=\S)_/g, '')
        .trim(),
    )
    .filter((l) => l !== '');
}

const words = (lines: string[]): number => lines.join(' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Checks one rendered hover and returns its word count before the sources. */
function checkHover(md: string, where: string): number {
  const lines = md.split('\n');
  const sourceLines = lines.filter((l) => /^\*Sources:\*/.test(l));
  assert.ok(sourceLines.length <= 1, `${where}: ${sourceLines.length} sources lines`);
  const at = lines.findIndex((l) => /^\*Sources:\*/.test(l));
  const before = at < 0 ? lines : lines.slice(0, at);
  const n = words(visibleLines(before.join('\n')));
  assert.ok(n <= 110, `${where}: ${n} words before the sources:\n${md}`);
  if (at >= 0) {
    const links = sourceLines[0].match(/\]\(/g) ?? [];
    assert.ok(links.length >= 1 && links.length <= 3, `${where}: ${links.length} source links`);
    assert.ok(!/\n/.test(sourceLines[0]));
  }
  const angle = lines.findIndex((l) => l.startsWith('**Container or VM?**'));
  assert.ok(angle >= 0, `${where}: no container-or-VM part:\n${md}`);
  assert.ok(lines[0].startsWith('#### ') && lines.slice(1, angle).every((l) => l === ''), `${where}: the container-or-VM part does not follow the title:\n${md}`);
  const does = lines.findIndex((l) => l.startsWith('**What it does.**'));
  if (does >= 0) {
    assert.ok(does > angle, `${where}: what it does comes before the container-or-VM part`);
    const notes = lines.findIndex((l) => l.startsWith('**On this line**'));
    if (notes >= 0) assert.ok(notes < does, `${where}: the line's notes come after what it does`);
  }
  return n;
}

describe('hover order and length', () => {
  it('every topic of every format, rendered alone with what it does: container-or-VM first, at most 110 words, three sources', () => {
    const topics = allTopics();
    assert.ok(topics.length > 300, `${topics.length} topics`);
    const formats = new Set(topics.map((t) => t.id.split('.')[0]));
    for (const f of ['dockerfile', 'compose', 'kubernetes', 'cloudinit', 'lima', 'devcontainer', 'vagrant', 'packer', 'terraform']) {
      assert.ok([...formats].some((x) => x.startsWith(f.slice(0, 5))), `no ${f} topics`);
    }
    for (const topic of topics) {
      const md = renderExplanation({ topic, generic: true, notes: [], findings: [], related: [], dimensions: topic.dimensions, dimensionNames: topic.dimensions, sources: topic.sources });
      checkHover(md, topic.id);
      if (topic.does.trim()) assert.match(md, /\*\*What it does\.\*\*/, `${topic.id}: what it does is left out although nothing else is shown`);
    }
  });

  it('every base image and image trait, on FROM and on the image name: real hovers with their notes and findings', () => {
    const refs: Record<string, string[]> = {
      scratch: ['scratch'],
      alpine: ['alpine:3.20', 'alpine'],
      distroless: ['gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/base-debian12:debug'],
      debian: ['debian:bookworm-slim'],
      ubuntu: ['ubuntu:24.04'],
      rhel: ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'rockylinux:9'],
      'windows-servercore': ['mcr.microsoft.com/windows/servercore:ltsc2022'],
      'windows-nanoserver': ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'microsoft/nanoserver:sac2016'],
      windows: ['mcr.microsoft.com/windows/server:ltsc2025'],
      busybox: ['busybox:1.36'],
      language: ['python:3.12-slim', 'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022'],
      generic: ['ghcr.io/acme/app:1.2'],
      'tag-latest': ['node:latest'],
      digest: ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31'],
      untagged: ['redis'],
      variable: ['${BASE}'],
    };
    for (const family of [...IMAGE_FAMILIES, ...IMAGE_TRAITS]) assert.ok(refs[family], `no example of ${family}`);
    let seen = 0;
    for (const [family, list] of Object.entries(refs)) {
      for (const ref of list) {
        for (const platform of ['', '--platform=linux/arm64 ']) {
          const text = `ARG BASE=debian:12\nFROM ${platform}${ref} AS app\nEXPOSE 22 3389\n`;
          const model = parseWith('Dockerfile', text) as ModelBase;
          for (const col of [0, 5 + platform.length]) {
            for (const generic of [true, false]) {
              const ex = explainAt(model, { line: 1, character: col }, { generic });
              assert.ok(ex, `${family} ${ref} col ${col}`);
              checkHover(ex.markdown, `${family}: FROM ${platform}${ref} at column ${col}`);
              seen++;
            }
          }
        }
      }
    }
    assert.ok(seen > 80);
  });

  it('every line of every corpus file: the same order and length', function () {
    this.timeout(120_000);
    const files = walk(corpus).filter((f) => !/\.(md|tsv)$/.test(f));
    let hovers = 0;
    let most = 0;
    for (const file of files) {
      const name = relative(corpus, file);
      const text = readFileSync(file, 'utf8');
      const model = parseWith(name, text);
      if (!model) continue;
      const lines = text.split(/\r\n|\r|\n/);
      lines.forEach((line, i) => {
        // The first word of the line and, for KEY: value lines, the value.
        const first = line.search(/\S/);
        if (first < 0) return;
        const cols = new Set([first, line.search(/:\s*\S/) + 2].filter((c) => c > 0 && c < line.length));
        for (const character of cols) {
          const ex = explainAt(model, { line: i, character }, { generic: true });
          if (!ex) continue;
          most = Math.max(most, checkHover(ex.markdown, `${name}:${i + 1}:${character + 1}`));
          hovers++;
        }
      });
    }
    assert.ok(hovers > 2000, `${hovers} hovers`);
    assert.ok(most > 40, `the longest hover has ${most} words`);
  });
});
