import * as assert from 'node:assert/strict';
import type { AdviceSignal, AdviceWorkload } from '../../src/core/advisor/report';
import { analysisOfModel, buildersOf, liveWorkloads, reportPathOf } from '../../src/core/advisor/live';
import { adviseFiles } from '../../src/core/advisor/advise';
import type { Direction, Verdict } from '../../src/core/advisor/types';
import { parseWith } from '../../src/core/cache';
import { builtByLensTitle, decidingDimension, lensTitle, statusText, statusTooltip } from '../../src/core/render/lens';

const sig = (label: string, direction: Direction, weight: number, extra: Partial<AdviceSignal> = {}): AdviceSignal => ({
  id: `x.${label}`,
  direction,
  file: 'Dockerfile',
  line: 1,
  column: 1,
  message: label,
  dimension: 'os-kernel',
  sources: [],
  label,
  weight,
  ...extra,
});

const w = (verdict: Verdict, signals: AdviceSignal[]) => ({ verdict, signals });

describe('CodeLens titles', () => {
  it('a hardened container names its strongest hardening reasons, strongest first', () => {
    const t = lensTitle(w('container-hardened', [sig('docker.sock mounted', 'harden', 0.8), sig('health check', 'container', 0.2), sig('privileged', 'harden', 0.9)]));
    assert.equal(t, 'Container — harden: privileged, docker.sock mounted');
  });

  it('a VM names what only a VM gives', () => {
    assert.equal(lensTitle(w('vm', [sig('loads kernel modules', 'vm', 0.9), sig('privileged', 'harden', 0.9)])), 'VM: loads kernel modules');
  });

  it('a sandbox names the untrusted code', () => {
    assert.equal(lensTitle(w('sandboxed', [sig('runs submitted code', 'sandbox', 0.8)])), 'Sandboxed: runs submitted code');
  });

  it('a plain container says so, with a positive reason when there is one', () => {
    assert.equal(lensTitle(w('container', [])), 'Container');
    assert.equal(lensTitle(w('container', [sig('unpinned image', 'harden', 0.2), sig('health check', 'container', 0.3)])), 'Container: health check');
  });

  it('more reasons than fit are counted, and a repeated signal counts once', () => {
    const s = [sig('a', 'vm', 0.9), sig('a', 'vm', 0.9), sig('b', 'vm', 0.8), sig('c', 'vm', 0.7), sig('d', 'vm', 0.6)];
    assert.equal(lensTitle(w('vm', s)), 'VM: a, b +2');
  });

  it('the comparison lens opens at the dimension of the strongest deciding signal', () => {
    const s = [sig('gpu', 'vm', 0.5, { dimension: 'guest-compat' }), sig('mods', 'vm', 0.9, { dimension: 'os-kernel' }), sig('priv', 'harden', 1, { dimension: 'isolation' })];
    assert.equal(decidingDimension(w('vm', s)), 'os-kernel');
    assert.equal(decidingDimension(w('container', s)), undefined);
  });
});

describe('live advice for one open document', () => {
  it('finds the report path of a file under the scanned folder, or none outside it', () => {
    assert.equal(reportPathOf({ root: '/ws' }, '/ws/app/Dockerfile'), 'app/Dockerfile');
    assert.equal(reportPathOf({ root: '/ws' }, '/other/Dockerfile'), undefined);
    assert.equal(reportPathOf({ root: '/a, /b', roots: [{ label: 'a', path: '/a' }, { label: 'b', path: '/b' }] }, '/b/x.yml'), 'b/x.yml');
    assert.equal(reportPathOf(undefined, '/ws/Dockerfile'), undefined);
  });

  it('keeps the workload the document defines, and adds evidence the scan linked from another file', () => {
    const compose = 'services:\n  web:\n    build: ./app\n';
    const model = parseWith('/ws/compose.yaml', compose)!;
    const analysis = analysisOfModel(model, 'compose.yaml')!;
    assert.deepEqual(liveWorkloads(analysis, undefined).map((x) => [x.name, x.file, x.line]), [['web', 'compose.yaml', 2]]);

    const report = adviseFiles([{ path: 'compose.yaml', text: compose }, { path: 'app/Dockerfile', text: 'FROM alpine\n' }]);
    const linked: AdviceWorkload = {
      ...report.workloads[0],
      files: ['compose.yaml', 'app/Dockerfile'],
      signals: [{ ...sig('privileged', 'harden', 1), id: 'hardening.privileged', file: 'app/Dockerfile' }],
    };
    const [live] = liveWorkloads(analysis, { ...report, workloads: [linked] });
    assert.equal(live.verdict, 'container-hardened');
    assert.deepEqual(live.files, ['compose.yaml', 'app/Dockerfile']);
    assert.equal(lensTitle(live), 'Container — harden: privileged');
  });

  it('a Dockerfile that a compose service builds names that service and its verdict, which counts both files', () => {
    const report = adviseFiles([
      { path: 'compose.yaml', text: 'services:\n  app:\n    build: ./app\n    privileged: true\n  db:\n    image: postgres:16\n' },
      { path: 'app/Dockerfile', text: 'FROM python:3.12-slim\nUSER 1000\n' },
      { path: 'tools/Dockerfile', text: 'FROM alpine:3.20\n' },
    ]);
    const builders = buildersOf('app/Dockerfile', report);
    assert.deepEqual(builders.map((b) => [b.name, b.file, b.verdict]), [['app', 'compose.yaml', 'container-hardened']]);
    assert.equal(builtByLensTitle(builders[0]), 'Built by app → Container — harden: privileged');
    // The Dockerfile on its own is a plain container; nothing builds the other one, and a file does not build itself.
    const own = adviseFiles([{ path: 'app/Dockerfile', text: 'FROM python:3.12-slim\nUSER 1000\n' }]).workloads[0];
    assert.equal(own.verdict, 'container');
    assert.deepEqual(buildersOf('tools/Dockerfile', report), []);
    assert.deepEqual(buildersOf('compose.yaml', report), []);
    assert.deepEqual(buildersOf('app/Dockerfile', undefined), []);
  });
});

describe('status bar text', () => {
  const wl = (...verdicts: Verdict[]) => verdicts.map((verdict) => ({ verdict }) as AdviceWorkload);
  it('gives the overall verdict and how many workloads have it', () => {
    assert.equal(statusText({ verdict: 'vm', workloads: wl('vm', 'container', 'vm', 'container-hardened') }), 'VM (2 of 4)');
    assert.equal(statusText({ verdict: 'container', workloads: wl('container') }), 'Container (1 of 1)');
    assert.equal(statusText({ verdict: null, workloads: [] }), 'No workloads found');
  });
  it('counts each verdict in the tooltip, most demanding first', () => {
    assert.equal(
      statusTooltip({ verdict: 'vm', workloads: wl('container', 'vm', 'container-hardened', 'container-hardened') }),
      'Container or VM?: 4 workloads in the last scan\n1 VM\n2 containers to harden\n1 plain container\nClick to open the report.',
    );
  });
});
