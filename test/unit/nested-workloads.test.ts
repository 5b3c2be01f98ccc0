// Workloads that nest: a Vagrantfile whose machines are each defined inside the block of the one
// before. Every finding belongs to the innermost machine around it, whatever encloses that machine,
// and the editor's live advice says what the scan says.
import * as assert from 'node:assert/strict';
import { adviseWorkspace } from '../../src/core/advisor/advise';
import { analysisOfModel, liveWorkloads } from '../../src/core/advisor/live';
import type { AdviceReport, AdviceWorkload } from '../../src/core/advisor/report';
import { MemoryFs } from '../../src/core/memoryFs';
import { vagrantModule } from '../../src/core/parse/vagrant';
import { defineLines, machinesVagrantfile } from '../helpers/vagrantMachines';

const MACHINES = 2_000;

async function advise(text: string): Promise<AdviceReport> {
  return adviseWorkspace(new MemoryFs({ Vagrantfile: text }, '/w'), ['/w']);
}

const byName = (r: { workloads: AdviceWorkload[] }) => new Map(r.workloads.map((w) => [w.name, w]));
const ids = (w: AdviceWorkload) => w.signals.map((s) => s.id).sort();

describe('a Vagrantfile of 2,000 machines, each defined inside the one before', () => {
  const nestedText = machinesVagrantfile(MACHINES, true);
  const flatText = machinesVagrantfile(MACHINES, false);
  let nested: AdviceReport;
  let flat: AdviceReport;
  before(async () => {
    nested = await advise(nestedText);
    flat = await advise(flatText);
  });

  it('has each machine as a workload of its own, on its define line', () => {
    assert.equal(nested.workloads.length, MACHINES);
    const lines = defineLines(nestedText);
    for (const w of nested.workloads) assert.equal(w.line, lines.get(w.name)! + 1, w.name);
  });

  it('places each finding in the innermost machine around it: the last one defined before its line', () => {
    const starts = [...defineLines(nestedText).entries()].sort((a, b) => a[1] - b[1]);
    const innermost = (line: number) => {
      let name: string | undefined;
      for (const [n, at] of starts) if (at < line) name = n;
      return name;
    };
    let placed = 0;
    for (const w of nested.workloads) {
      for (const s of w.signals) {
        const home = innermost(s.line - 1);
        // Settings above every machine (the shared box) count for each machine.
        if (home === undefined) continue;
        assert.equal(home, w.name, `${s.id} on line ${s.line} counted for ${w.name}`);
        placed++;
      }
    }
    // Every third machine's own box and every hundredth one's fixed address, once each.
    assert.equal(placed, Math.floor(MACHINES / 3) + Math.floor(MACHINES / 100));
  });

  it('gives each machine the evidence, box and verdict it has when the machines stand side by side', () => {
    const flatOnes = byName(flat);
    for (const w of nested.workloads) {
      const f = flatOnes.get(w.name)!;
      assert.equal(w.verdict, f.verdict, w.name);
      assert.equal(w.image, f.image, w.name);
      assert.deepEqual(ids(w), ids(f), w.name);
    }
    const m300 = byName(nested).get('m300')!;
    assert.equal(m300.image, 'b6');
    assert.ok(m300.signals.some((s) => s.id === 'state-network.static-ip'));
    // m301 lies inside m300's block but sets neither a box nor an address of its own.
    const m301 = byName(nested).get('m301')!;
    assert.equal(m301.image, 'base');
    assert.deepEqual(ids(m301), ['existing.vagrant-machine']);
  });

  it('gives the editor the same workloads for the open document as the scan', () => {
    const model = vagrantModule.parse(nestedText, '/w/Vagrantfile');
    const live = liveWorkloads(analysisOfModel(model, 'Vagrantfile')!, nested);
    assert.equal(live.length, MACHINES);
    const scanned = byName(nested);
    for (const w of live) {
      const s = scanned.get(w.name)!;
      assert.equal(w.line, s.line, w.name);
      assert.equal(w.verdict, s.verdict, w.name);
      assert.deepEqual(ids(w), ids(s), w.name);
    }
  });
});
