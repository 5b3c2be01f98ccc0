// Docker Bake detector: what a target's own attributes say (its Dockerfile's findings are joined to
// it by the engine). A single fixed platform ties the image to one CPU type; `security.insecure`,
// `network.host` and `network = "host"` loosen the isolation of the build on the builder host.
//
// A target takes over the attributes of the targets it `inherits` from and does not set itself, so
// it also gets their findings, placed on its own `inherits` entry that pulls them in: a template
// (`_common`, which no group builds) has no workload of its own, and a finding left in it would
// count for every target of the file.
import { templateTargets, type BakeModel, type BakeTarget } from '../../parse/bake';
import type { ConfigNode, ModelBase, Range } from '../../parse/types';
import type { Finding } from '../types';
import { finding } from './rules';
import { NATIVE_PLATFORM } from './tables';

export const BAKE_CODE_SIGNALS = ['platform.foreign-architecture', 'hardening.insecure-build'] as const;

const own = (node: ConfigNode, key: string): ConfigNode | undefined => node.children?.find((c) => c.path.length === node.path.length + 1 && c.path[c.path.length - 1] === key);

/** A plain platform string (no interpolation, not Bake's `local`). */
const FIXED_PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/i;

/** The attributes findings come from. */
const KEYS = ['platforms', 'entitlements', 'network'] as const;
type Key = (typeof KEYS)[number];

/** One finding a target's own attribute gives: its signal, where, and what to say (after "Target `x` "). */
interface Fact {
  signal: string;
  range: Range;
  say: string;
}

function factsOf(t: BakeTarget, key: Key): Fact[] {
  const node = own(t.node, key);
  if (!node) return [];
  if (key === 'platforms') {
    // One entry: the image has a single variant, which runs natively only on hosts of that CPU.
    const items = node.children ?? [];
    const item = items[0];
    if (items.length !== 1 || typeof item.value !== 'string' || !FIXED_PLATFORM.test(item.value) || NATIVE_PLATFORM.test(item.value)) return [];
    return [{ signal: 'platform.foreign-architecture', range: item.valueRange ?? item.keyRange, say: `is built for \`${item.value}\` only` }];
  }
  if (key === 'entitlements') {
    return (node.children ?? []).flatMap((e): Fact[] => {
      const range = e.valueRange ?? e.keyRange;
      if (e.value === 'security.insecure') return [{ signal: 'hardening.insecure-build', range, say: 'asks for `security.insecure`: its `RUN --security=insecure` steps run privileged on the builder' }];
      if (e.value === 'network.host') return [{ signal: 'hardening.insecure-build', range, say: 'asks for `network.host`: its build steps may use the builder host\'s network' }];
      return [];
    });
  }
  return node.value === 'host' ? [{ signal: 'hardening.insecure-build', range: node.valueRange ?? node.keyRange, say: 'runs every `RUN` step on the builder host\'s network' }] : [];
}

export function detectBake(base: ModelBase): Finding[] {
  const model = base as BakeModel;
  const targets = model.targets ?? [];
  const byName = new Map(targets.map((t) => [t.name, t]));
  const templates = templateTargets(model);
  const out: Finding[] = [];
  for (const t of targets) {
    if (!templates.has(t.name)) for (const key of KEYS) for (const f of factsOf(t, key)) out.push(finding(f.signal, model.file, f.range, `Target \`${t.name}\` ${f.say}`));
    if (!t.inherits.length) continue;
    // What each attribute t does not set comes from: the last target in `inherits` whose chain sets it.
    const items = (own(t.node, 'inherits')?.children ?? []).filter((c) => typeof c.value === 'string');
    for (const key of KEYS) {
      if (own(t.node, key)) continue;
      for (let i = items.length - 1; i >= 0; i--) {
        const from = setter(byName.get(String(items[i].value)), key, byName, new Set([t]));
        if (!from) continue;
        for (const f of factsOf(from, key)) {
          out.push(finding(f.signal, model.file, items[i].valueRange ?? items[i].keyRange, `Target \`${t.name}\` inherits from \`${from.name}\`, which ${f.say}`));
        }
        break;
      }
    }
  }
  return out;
}

/** The target in `t`'s inheritance chain (itself first) that sets `key`, as Bake resolves it. */
function setter(t: BakeTarget | undefined, key: Key, byName: Map<string, BakeTarget>, seen: Set<BakeTarget>): BakeTarget | undefined {
  if (!t || seen.has(t)) return undefined;
  seen.add(t);
  if (own(t.node, key)) return t;
  for (let i = t.inherits.length - 1; i >= 0; i--) {
    const found = setter(byName.get(t.inherits[i]), key, byName, seen);
    if (found) return found;
  }
  return undefined;
}
