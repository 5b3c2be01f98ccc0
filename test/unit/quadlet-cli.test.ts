// `container-or-vm explain` and `advise` on Podman Quadlet units, as a user runs them from a terminal.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWith } from '../../src/core/cache';
import { explainAt } from '../../src/core/explain';
import { runCli } from './helpers/cli';

const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'quadlet');

describe('cli on Podman Quadlet units', () => {
  it('explains a Quadlet key: topic, 1-based line and column, cited sources (network.container)', async () => {
    const file = join(dir, 'podman', 'network.container');
    const line = readFileSync(file, 'utf8').split('\n').indexOf('Network=host') + 1;
    assert.ok(line > 0);
    const r = await runCli('explain', `${file}:${line}`, '--format', 'json');
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0].file, rows[0].line, rows[0].column, rows[0].topic], [file, line, 1, 'quadlet.Network']);
    assert.match(rows[0].markdown, /`host`: the host's network stack/);
    assert.ok(rows[0].sources.length > 0);
    for (const s of rows[0].sources) assert.deepEqual(Object.keys(s), ['doc', 'title', 'section']);
  });

  it('prints the hover\'s heading, angle and reference for a PodmanArgs= line of a real unit', async () => {
    const file = join(dir, 'podman', 'podmanargs.container');
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('PodmanArgs='));
    const hover = explainAt(parseWith(file, text)!, { line, character: 0 }, { generic: true })!;
    assert.equal(hover.topic.id, 'quadlet.PodmanArgs');
    const r = await runCli('explain', `${file}:${line + 1}`);
    assert.equal(r.code, 0, r.err);
    // The terminal gets the hover's text; only the editor's command links become plain words.
    const upToSources = (md: string) => md.slice(0, md.indexOf('*Sources:*'));
    assert.equal(upToSources(r.out), upToSources(hover.markdown));
    assert.match(r.out, /^#### PodmanArgs=\n/);
    assert.match(r.out, /\*\*Container or VM\?\*\* Anything `podman run` accepts/);
    assert.match(r.out, /\(https:\/\/docs\.podman\.io\/en\/latest\/markdown\/podman-systemd\.unit\.5\.html\)/);
  });

  it('a systemd-networkd .network file is not explained: one line on stderr, exit code 2', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'quadlet-cli-'));
    try {
      const file = join(tmp, '10-wired.network');
      writeFileSync(file, '[Match]\nName=enp1s0\n\n[Network]\nDHCP=yes\n');
      const r = await runCli('explain', `${file}:5`);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('advise over the real units: one workload per .container, .pod and .kube, none for networks and volumes', async () => {
    const r = await runCli('advise', join(dir, 'homelab'), '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    const names = report.workloads.map((w: { name: string; kind: string; verdict: string }) => `${w.name} ${w.kind} ${w.verdict}`).sort();
    assert.deepEqual(names, [
      'nginx-proxy-manager quadlet-container container',
      'opencloud quadlet-pod container',
      'opencloud-collabora quadlet-container container',
      'vaultwarden quadlet-container container',
    ]);
  });
});
