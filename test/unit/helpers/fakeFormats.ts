// A tiny line-based stand-in for the real parsers and detectors, so the engine's rules can be tested
// on their own:  `service NAME` starts a workload (in a compose file; a Dockerfile is one workload),
// `build PATH` sets what it is built from, `image NAME` its image, and `!signal-id` anywhere is a finding.
import type { EngineDeps } from '../../../src/core/advisor/engine';
import type { Finding, Signal, Workload } from '../../../src/core/advisor/types';
import type { FormatModule } from '../../../src/core/parse/format';
import type { Format, ModelBase, Range } from '../../../src/core/parse/types';

interface FakeModel extends ModelBase {
  lines: string[];
}

const range = (line: number, from = 0, to = 0): Range => ({ start: { line, character: from }, end: { line, character: to } });

function fakeModule(format: Format): FormatModule<FakeModel> {
  return {
    format,
    parse: (text, file) => ({ format, file, problems: [], lines: text.split('\n') }),
    topicAt: () => null,
    workloads(model) {
      const out: Workload[] = [];
      const last = model.lines.length - 1;
      if (format === 'dockerfile') {
        const name = model.file.includes('/') ? model.file.split('/').slice(-2, -1)[0] : 'root';
        const image = model.lines.find((l) => l.startsWith('FROM '))?.slice(5).trim();
        return [{ name, kind: 'dockerfile', format, file: model.file, range: range(0), extent: { start: { line: 0, character: 0 }, end: { line: last, character: 999 } }, ...(image ? { image } : {}) }];
      }
      model.lines.forEach((l, i) => {
        const m = /^service (\S+)/.exec(l);
        if (m) {
          const prev = out[out.length - 1];
          if (prev) prev.extent = { start: prev.extent.start, end: { line: i - 1, character: 999 } };
          out.push({ name: m[1], kind: 'compose-service', format, file: model.file, range: range(i, 8, 8 + m[1].length), extent: { start: { line: i, character: 0 }, end: { line: last, character: 999 } } });
        }
        const b = /^\s+build (\S+)/.exec(l);
        if (b && out.length) out[out.length - 1].buildsFrom = b[1];
      });
      return out;
    },
  };
}

export const fakeModules: Partial<Record<Format, FormatModule<ModelBase>>> = {
  dockerfile: fakeModule('dockerfile') as unknown as FormatModule<ModelBase>,
  compose: fakeModule('compose') as unknown as FormatModule<ModelBase>,
};

export function fakeFindings(model: ModelBase): Finding[] {
  const out: Finding[] = [];
  (model as FakeModel).lines.forEach((l, line) => {
    for (const m of l.matchAll(/!([\w.-]+)/g)) out.push({ signal: m[1], file: model.file, range: range(line, m.index!, m.index! + m[0].length) });
  });
  return out;
}

const sig = (id: string, direction: Signal['direction'], weight: number, remedy?: string): Signal => ({
  id,
  group: 'hardening',
  direction,
  weight,
  dimension: 'isolation',
  sources: [{ doc: 'ms-containers-vs-vms', section: 'Containers vs. virtual machines: Isolation' }],
  label: id,
  reason: `reason of ${id}`,
  ...(remedy ? { remedy } : {}),
});

/** A small synthetic catalogue. */
export const FAKE_SIGNALS: Signal[] = [
  sig('t.kernel-module', 'vm', 0.9, 'Drop the kernel module load'),
  sig('t.other-os', 'vm', 0.5, 'Use a Linux base image'),
  sig('t.weak-vm', 'vm', 0.3),
  sig('t.untrusted', 'sandbox', 0.8, 'Only run code you trust'),
  sig('t.privileged', 'harden', 0.8, 'Drop privileged: true and add only the capabilities it needs'),
  sig('t.root', 'harden', 0.4, 'Add a USER line with a non-root user'),
  sig('t.socket', 'harden', 0.4, 'Do not mount the Docker socket'),
  sig('t.stateless', 'container', 0.3),
  sig('t.healthcheck', 'container', 0.2),
];

export const fakeDeps: EngineDeps = {
  moduleFor: (f) => fakeModules[f] ?? null,
  findingsFor: fakeFindings,
  signalById: (id) => FAKE_SIGNALS.find((s) => s.id === id),
};
