import * as assert from 'node:assert/strict';
import { DIMENSIONS, dimensionById, isDimensionId } from '../../src/core/knowledge/dimensions';
import { SOURCES } from '../../src/core/knowledge/sources';
import type { DimensionId } from '../../src/core/knowledge/types';

// Every id of the DimensionId union; the Record type makes the compiler complain when one is added or removed.
const ALL: Record<DimensionId, true> = {
  virtualization: true,
  isolation: true,
  'os-kernel': true,
  'guest-compat': true,
  deployment: true,
  'os-updates': true,
  storage: true,
  'load-balancing': true,
  'fault-tolerance': true,
  networking: true,
  startup: true,
  density: true,
  performance: true,
  portability: true,
  security: true,
};

describe('knowledge: comparison dimensions', () => {
  it('has every dimension id exactly once', () => {
    const ids = DIMENSIONS.map((d) => d.id);
    assert.deepEqual([...ids].sort(), Object.keys(ALL).sort());
    assert.equal(new Set(ids).size, ids.length);
  });

  it('fills every cell with one to three sentences', () => {
    for (const d of DIMENSIONS) {
      for (const cell of ['name', 'container', 'vm', 'sandboxed'] as const) {
        const text = d[cell].trim();
        assert.ok(text.length > 0, `${d.id}.${cell} is empty`);
        if (cell !== 'name') {
          const sentences = text.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0);
          assert.ok(sentences.length >= 1 && sentences.length <= 3, `${d.id}.${cell} has ${sentences.length} sentences`);
        }
      }
      assert.ok(d.sources.length > 0, `${d.id} cites nothing`);
    }
  });

  it('cites only sections that sources.ts lists for that document', () => {
    const sections = new Map(SOURCES.map((s) => [s.id, new Set(s.sections)]));
    for (const d of DIMENSIONS) {
      for (const c of d.sources) {
        assert.ok(sections.get(c.doc)?.has(c.section), `${d.id} cites unknown section "${c.section}" of ${c.doc}`);
      }
    }
  });

  it('records the networking disagreement and follows the primary source', () => {
    const n = dimensionById('networking');
    assert.match(n.note ?? '', /Site24x7/);
    assert.match(n.vm, /virtual network adapters/);
    assert.match(n.container, /isolated view/);
    assert.ok(n.sources.some((c) => c.doc === 'ms-containers-vs-vms'));
  });

  it('looks dimensions up by id and rejects unknown ids', () => {
    assert.equal(dimensionById('startup').name, 'Startup time');
    assert.equal(isDimensionId('security'), true);
    assert.equal(isDimensionId('__proto__'), false);
    assert.equal(isDimensionId(42), false);
    assert.throws(() => dimensionById('nope' as DimensionId));
  });
});
