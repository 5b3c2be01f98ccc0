import * as assert from 'node:assert/strict';
import { COMPOSE_RULES } from '../../src/core/advisor/detect/compose';
import { IMAGE_SIGNALS } from '../../src/core/advisor/detect/common';
import { CLOUDINIT_CODE_SIGNALS } from '../../src/core/advisor/detect/cloudinit';
import { DEVCONTAINER_RULES } from '../../src/core/advisor/detect/devcontainer';
import { DOCKERFILE_CODE_SIGNALS, INSTRUCTION_RULES } from '../../src/core/advisor/detect/dockerfile';
import { KUBERNETES_RULES } from '../../src/core/advisor/detect/kubernetes';
import { LIMA_CODE_SIGNALS, LIMA_RULES } from '../../src/core/advisor/detect/lima';
import { PACKER_CODE_SIGNALS } from '../../src/core/advisor/detect/packer';
import { QUADLET_CODE_SIGNALS, QUADLET_RULES } from '../../src/core/advisor/detect/quadlet';
import { signalsOf } from '../../src/core/advisor/detect/rules';
import {
  CAPABILITY_RULES,
  COMMAND_RULES,
  DEVICE_RULES,
  ENV_RULES,
  HOST_PATH_RULES,
  IMAGE_RULES,
  PORT_RULES,
  SECURITY_OPT_RULES,
} from '../../src/core/advisor/detect/tables';
import { TERRAFORM_CODE_SIGNALS, TERRAFORM_RULES } from '../../src/core/advisor/detect/terraform';
import { VAGRANT_CODE_SIGNALS, VAGRANT_RULES } from '../../src/core/advisor/detect/vagrant';
import { SIGNALS, signalById } from '../../src/core/advisor/signals';
import type { SignalGroup } from '../../src/core/advisor/types';
import { isDimensionId } from '../../src/core/knowledge/dimensions';
import { SOURCES } from '../../src/core/knowledge/sources';

const GROUPS: Record<SignalGroup, true> = {
  platform: true,
  kernel: true,
  hardening: true,
  hardware: true,
  sandboxing: true,
  desktop: true,
  windows: true,
  'state-network': true,
  licensing: true,
  existing: true,
  'cloud-native': true,
};

/** Every signal id some detector can emit: rule tables plus the ids the code paths declare. */
function emittable(): Set<string> {
  return new Set([
    ...signalsOf(COMPOSE_RULES),
    ...signalsOf(KUBERNETES_RULES),
    ...signalsOf(DEVCONTAINER_RULES),
    ...signalsOf(VAGRANT_RULES),
    ...signalsOf(TERRAFORM_RULES),
    ...signalsOf(LIMA_RULES),
    ...signalsOf(QUADLET_RULES),
    ...[IMAGE_RULES, HOST_PATH_RULES, DEVICE_RULES, CAPABILITY_RULES, SECURITY_OPT_RULES, COMMAND_RULES, PORT_RULES, ENV_RULES, INSTRUCTION_RULES].flatMap((t) => t.map((r) => r.signal)),
    ...IMAGE_SIGNALS,
    ...DOCKERFILE_CODE_SIGNALS,
    ...VAGRANT_CODE_SIGNALS,
    ...PACKER_CODE_SIGNALS,
    ...TERRAFORM_CODE_SIGNALS,
    ...CLOUDINIT_CODE_SIGNALS,
    ...LIMA_CODE_SIGNALS,
    ...QUADLET_CODE_SIGNALS,
  ]);
}

describe('signal catalogue', () => {
  it('has at least 40 signals with unique ids', () => {
    assert.ok(SIGNALS.length >= 40, `only ${SIGNALS.length} signals`);
    const ids = SIGNALS.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate signal ids');
  });

  it('covers every group', () => {
    for (const g of Object.keys(GROUPS)) assert.ok(SIGNALS.some((s) => s.group === g), `no signal in group ${g}`);
  });

  for (const s of SIGNALS) {
    it(`${s.id} is a complete record`, () => {
      assert.ok(s.id.startsWith(`${s.group}.`), 'id starts with its group');
      assert.match(s.id, /^[a-z-]+\.[a-z0-9-]+$/);
      assert.ok(GROUPS[s.group], 'known group');
      assert.ok(['vm', 'sandbox', 'harden', 'container'].includes(s.direction));
      // Weight 0 is a note (a database volume, a set hostname, a GPU): shown, counting towards no verdict, so only on the container side.
      assert.ok(s.weight >= 0 && s.weight <= 1, `weight ${s.weight} out of [0, 1]`);
      if (s.weight === 0) assert.equal(s.direction, 'container', 'a note pushes towards no verdict');
      assert.ok(isDimensionId(s.dimension), `unknown dimension ${s.dimension}`);
      assert.ok(s.label.trim().length > 0 && s.label.length <= 40, 'short label');
      assert.ok(s.reason.trim().length >= 40, 'reason in words');
      assert.ok(s.sources.length >= 1, 'at least one citation');
      for (const c of s.sources) {
        const doc = SOURCES.find((d) => d.id === c.doc);
        assert.ok(doc, `unknown document ${c.doc}`);
        assert.ok(doc.sections.includes(c.section), `section "${c.section}" is not listed for ${c.doc}`);
      }
      if (s.direction !== 'container' && s.weight >= 0.3) assert.ok(s.remedy && s.remedy.length > 10, 'a signal that can move the verdict says what would take it away');
      assert.equal(signalById(s.id), s);
    });
  }

  it('every signal has at least one detector that can emit it', () => {
    const can = emittable();
    const orphans = SIGNALS.map((s) => s.id).filter((id) => !can.has(id));
    assert.deepEqual(orphans, []);
  });

  it('detectors emit no id the catalogue lacks', () => {
    const unknown = [...emittable()].filter((id) => !signalById(id));
    assert.deepEqual(unknown, []);
  });

  it('calibration: existing VMs and kernel module loads decide alone, a GPU or root user does not', () => {
    const w = (id: string) => signalById(id)!.weight;
    for (const id of ['existing.vagrant-machine', 'existing.packer-vm-builder', 'existing.kubevirt-vm', 'existing.terraform-vm', 'existing.lima-instance', 'kernel.module-load']) {
      assert.ok(w(id) >= 0.8 && w(id) <= 1, id);
    }
    assert.ok(w('hardware.gpu') < 0.35);
    assert.ok(w('hardening.root-user') <= 0.3);
    // A Windows image alone is host coupling, not a VM: the documents' Windows containers run on Windows hosts.
    assert.ok(w('platform.windows-base-image') + w('platform.windows-version-pinned') < 0.7);
  });
});
