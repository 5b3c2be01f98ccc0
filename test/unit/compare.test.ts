import * as assert from 'node:assert/strict';
import { runCli } from './helpers/cli';
import { compareTable, renderCompareMarkdown } from '../../src/core/compare';
import { DIMENSIONS } from '../../src/core/knowledge/dimensions';
import { SOURCES } from '../../src/core/knowledge/sources';

const run = runCli;

describe('compare: CLI', () => {
  it('prints JSON with every dimension, its cells and resolved citations', async () => {
    const { code, out, err } = await run('compare', '--format', 'json');
    assert.equal(code, 0);
    assert.equal(err, '');
    const json = JSON.parse(out) as {
      dimensions: { id: string; name: string; container: string; vm: string; sandboxed?: string; sources: { doc: string; title: string; section: string }[] }[];
      sources: { id: string; title: string; publisher: string; sections: string[] }[];
    };
    assert.deepEqual(json.dimensions.map((d) => d.id), DIMENSIONS.map((d) => d.id));
    for (const d of json.dimensions) {
      assert.ok(d.name && d.container && d.vm, `${d.id} has empty cells`);
      assert.equal(d.sandboxed, undefined, 'no sandboxed cell unless asked');
      assert.ok(d.sources.length > 0);
      for (const s of d.sources) {
        const src = SOURCES.find((x) => x.id === s.doc);
        assert.ok(src, `unknown doc ${s.doc}`);
        assert.equal(s.title, src.title);
        assert.ok(src.sections.includes(s.section));
      }
    }
    assert.deepEqual(json.sources.map((s) => s.id), SOURCES.map((s) => s.id));
    assert.ok(json.sources.every((s) => s.title && s.publisher && s.sections.length > 0));
  });

  it('adds the sandboxed cell with --sandboxed', async () => {
    const { out } = await run('compare', '--format=json', '--sandboxed');
    const json = JSON.parse(out) as { dimensions: { id: string; sandboxed?: string }[] };
    const isolation = json.dimensions.find((d) => d.id === 'isolation');
    assert.match(isolation?.sandboxed ?? '', /Hyper-V isolation/);
  });

  it('prints a Markdown table by default, one row per dimension, and the five documents', async () => {
    const { code, out } = await run('compare');
    assert.equal(code, 0);
    const lines = out.split('\n');
    assert.ok(lines.includes('| Dimension | Containers | Virtual machines | Sources |'));
    for (const d of DIMENSIONS) {
      const row = lines.find((l) => l.startsWith(`| ${d.name} | `));
      assert.ok(row, `no row for ${d.name}`);
      // Name, containers, VMs, sources: four cells, so five unescaped pipes.
      assert.equal(row.split(/(?<!\\)\|/).length - 2, 4, `row for ${d.name} has the wrong number of cells`);
    }
    for (const [i, s] of SOURCES.entries()) assert.ok(out.includes(`${i + 1}. *${s.title}*`), `source ${s.id} listed`);
    assert.match(out, /## Notes[\s\S]*Networking[\s\S]*Site24x7/);
  });

  it('adds the Sandboxed container column with --sandboxed', async () => {
    const { out } = await run('compare', '--sandboxed');
    assert.ok(out.includes('| Dimension | Containers | Virtual machines | Sandboxed container | Sources |'));
    const row = out.split('\n').find((l) => l.startsWith('| Startup time | '));
    assert.ok(row?.includes(DIMENSIONS.find((d) => d.id === 'startup')?.sandboxed ?? '∅'));
  });

  it('refuses an unknown format and stray arguments with exit code 2', async () => {
    const bad = await run('compare', '--format', 'xml');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--format must be one of markdown, json/);
    assert.equal((await run('compare', 'extra')).code, 2);
    assert.equal((await run('compare', '--nope')).code, 2);
  });
});

describe('compare: table data', () => {
  it('keeps the documents\' order and numbers citations by it in Markdown', () => {
    const t = compareTable();
    assert.equal(t.dimensions.length, DIMENSIONS.length);
    const md = renderCompareMarkdown();
    const loadBalancing = md.split('\n').find((l) => l.startsWith('| Load balancing |')) ?? '';
    const n = SOURCES.findIndex((s) => s.id === 'site24x7-containers-vs-vms') + 1;
    assert.ok(loadBalancing.includes(`[${n}] Load balancing`), loadBalancing);
  });

  it('does not cite Site24x7 for the networking cells it contradicts, and says so in the note', () => {
    const networking = DIMENSIONS.find((d) => d.id === 'networking')!;
    assert.ok(!networking.sources.some((c) => c.doc === 'site24x7-containers-vs-vms'));
    assert.match(networking.note ?? '', /Site24x7/);
    assert.match(networking.container, /Linux/);
  });

  it('carries Backblaze\'s hardware-level / OS virtualization pair and notes where the documents disagree', () => {
    const v = DIMENSIONS.find((d) => d.id === 'virtualization')!;
    assert.match(v.vm, /hardware/i);
    assert.match(v.container, /operating system/i);
    assert.ok(v.sources.some((c) => c.doc === 'backblaze-vms-vs-containers'));
    const note = (id: string) => DIMENSIONS.find((d) => d.id === id)?.note ?? '';
    assert.match(note('isolation'), /strong isolation/);
    assert.match(note('os-kernel'), /no OS/);
    assert.match(note('fault-tolerance'), /VM/);
  });
});
