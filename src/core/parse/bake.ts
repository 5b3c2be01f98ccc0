// Docker Bake files (`docker-bake.hcl`, `docker-bake.json` and their `.override` files): HCL via
// hcl.ts, JSON via jsonc-tree.ts. Both syntaxes give the same paths, since the JSON form nests the
// blocks by type and name (Bake file reference, "File format"):
//   HCL   target "app" { platforms = ["linux/arm64"] }        ['target','app','platforms','0']
//   JSON  { "target": { "app": { "platforms": ["linux/arm64"] } } }   the same
// One workload per target that is built (not a template only other targets inherit from), joined
// by the engine to the Dockerfile it builds: `context` joined with `dockerfile` (Bake's defaults `.`
// and `Dockerfile`), both read through `inherits`, relative to the Bake file's folder (where
// `docker buildx bake` finds it by name), and the stage named by `target`. Each file is read on its
// own: an override file's target is not merged into the base file's target of the same name.
import type { Workload } from '../advisor/types';
import { BAKE_TOPICS } from '../knowledge/bake';
import { code } from '../render/markdown';
import { contains, keyTopicAt } from './config-topics';
import type { FormatModule, TopicHit } from './format';
import { parseHcl } from './hcl';
import { parseJsonTree } from './jsonc-tree';
import type { ConfigModel, ConfigNode, Pos } from './types';

export interface BakeTarget {
  name: string;
  /** The target block (HCL) or the target's object (JSON). */
  node: ConfigNode;
  /** The targets it inherits from, as written (literal names only). */
  inherits: string[];
}

export interface BakeModel extends ConfigModel {
  format: 'bake';
  syntax: 'hcl' | 'json';
  targets: BakeTarget[];
  /** Each group's targets (literal names only). */
  groups: Map<string, string[]>;
}

/** The scalar string values of a list attribute's items (expressions give none). */
function listValues(node: ConfigNode | undefined): string[] {
  if (!node) return [];
  if (typeof node.value === 'string') return [node.value];
  return (node.children ?? []).flatMap((c) => (typeof c.value === 'string' ? [c.value] : []));
}

const attr = (node: ConfigNode, key: string): ConfigNode | undefined => node.children?.find((c) => c.path.length === node.path.length + 1 && c.path[c.path.length - 1] === key);

function parse(text: string, file: string): BakeModel {
  const json = /\.json$/i.test(file);
  const tree = json ? parseJsonTree(text) : parseHcl(text);
  const root = tree.roots[0];
  const targets: BakeTarget[] = [];
  const groups = new Map<string, string[]>();
  // HCL: blocks at the root (`target.app`); JSON: the children of the `target` and `group` objects.
  const blocks = json ? (root?.children ?? []).flatMap((t) => (t.key === 'target' || t.key === 'group' ? t.children ?? [] : [])) : root?.children ?? [];
  for (const n of blocks) {
    if (n.path.length !== 2 || !n.children) continue;
    if (n.path[0] === 'target') targets.push({ name: n.path[1], node: n, inherits: listValues(attr(n, 'inherits')) });
    else if (n.path[0] === 'group') groups.set(n.path[1], [...(groups.get(n.path[1]) ?? []), ...listValues(attr(n, 'targets'))]);
  }
  return { format: 'bake', file, problems: tree.problems, roots: tree.roots, syntax: json ? 'json' : 'hcl', targets, groups };
}

/**
 * The string an attribute of a target resolves to, itself or through `inherits` (the last target
 * listed wins, as in Bake); undefined when no target in the file sets it, null when it is set to
 * something that is not a plain string (an expression, a variable, an interpolation).
 */
export function resolvedString(model: BakeModel, target: BakeTarget, key: string): string | null | undefined {
  const byName = new Map(model.targets.map((t) => [t.name, t]));
  const seen = new Set<BakeTarget>();
  const visit = (t: BakeTarget): string | null | undefined => {
    if (seen.has(t)) return undefined;
    seen.add(t);
    const own = attr(t.node, key);
    if (own) return typeof own.value === 'string' && !own.value.includes('${') ? own.value : null;
    for (let i = t.inherits.length - 1; i >= 0; i--) {
      const parent = byName.get(t.inherits[i]);
      const found = parent ? visit(parent) : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(target);
}

/** The attributes that say what a target builds; a target inherited without any of them is a set of shared settings. */
const BUILD_KEYS = ['context', 'dockerfile', 'dockerfile-inline', 'target'];

/**
 * Targets that only serve as templates: inherited by another target, named by no group, not
 * `default`, and either named with a leading `_` or saying nothing of what to build (shared `args`,
 * `tags`, `platforms`: `_common`, `docker-metadata-action`).
 */
export function templateTargets(model: BakeModel): Set<string> {
  const grouped = new Set([...model.groups.values()].flat());
  const inherited = new Set(model.targets.flatMap((t) => t.inherits));
  const out = new Set<string>();
  for (const t of model.targets) {
    if (!inherited.has(t.name) || grouped.has(t.name) || t.name === 'default') continue;
    if (t.name.startsWith('_') || !BUILD_KEYS.some((k) => attr(t.node, k))) out.add(t.name);
  }
  return out;
}

const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@|target:|docker-image:)/i;

/**
 * The Dockerfile a target builds, relative to the Bake file's folder: `context` joined with
 * `dockerfile`, as Bake joins a relative Dockerfile path to a local context. Undefined when the
 * target builds an inline Dockerfile or either path is remote, absolute or not a plain string.
 */
export function targetDockerfile(model: BakeModel, target: BakeTarget): string | undefined {
  const inline = resolvedString(model, target, 'dockerfile-inline');
  if (inline !== undefined) return undefined;
  const ctx = resolvedString(model, target, 'context');
  const file = resolvedString(model, target, 'dockerfile');
  if (ctx === null || file === null) return undefined;
  let context = ctx ?? '.';
  let dockerfile = file ?? 'Dockerfile';
  context = context.replace(/^cwd:\/\//, '');
  dockerfile = dockerfile.replace(/^cwd:\/\//, '');
  if (REMOTE.test(context) || REMOTE.test(dockerfile) || dockerfile.startsWith('/') || context.startsWith('/') || /^[A-Za-z]:[\\/]/.test(context)) return undefined;
  const joined = `${context.replace(/\\/g, '/').replace(/\/+$/, '')}/${dockerfile.replace(/\\/g, '/')}`;
  return joined.replace(/^(\.\/)+/, '').replace(/\/(\.\/)+/g, '/');
}

function workloads(model: BakeModel): Workload[] {
  const templates = templateTargets(model);
  return model.targets
    .filter((t) => !templates.has(t.name))
    .map((t) => {
      const w: Workload = { name: t.name, kind: 'bake-target', format: 'bake', file: model.file, range: t.node.keyRange, extent: t.node.range };
      // An override file adds to targets the base file defines; Bake's defaults (`.`, `Dockerfile`)
      // belong to that definition, so only a path the override sets itself is joined.
      const override = /(^|[\\/])docker-bake\.override\.(hcl|json)$/i.test(model.file) && !BUILD_KEYS.slice(0, 3).some((k) => attr(t.node, k));
      const dockerfile = override ? undefined : targetDockerfile(model, t);
      if (dockerfile) {
        w.buildsFrom = dockerfile;
        const stage = resolvedString(model, t, 'target');
        if (stage) w.buildTarget = stage;
      }
      return w;
    });
}

/**
 * The topic at a position. On a target's own block, the hover also says what the advisor joins to
 * it: the Dockerfile and stage it builds, or why nothing is joined.
 */
function topicAt(model: BakeModel, pos: Pos): TopicHit | null {
  const hit = keyTopicAt(model, pos, BAKE_TOPICS);
  if (!hit || hit.topic.id !== 'bake.target') return hit;
  const target = model.targets.find((t) => t.node.keyRange.start.line === hit.range.start.line && contains(t.node.keyRange, hit.range.start));
  if (!target) return hit;
  const w = workloads(model).find((x) => x.name === target.name && x.range.start.line === target.node.keyRange.start.line);
  let note: string;
  if (!w) note = 'a template: only the targets that inherit from it are built, and they carry what it sets.';
  else if (w.buildsFrom) note = `builds ${code(w.buildsFrom)}${w.buildTarget ? `, stage ${code(w.buildTarget)}` : ''} (from this file's folder): the advisor judges this target with that Dockerfile's findings.`;
  else note = 'builds no Dockerfile the advisor can find (an inline, remote or computed one), so it is judged on this file alone.';
  return { ...hit, notes: [...(hit.notes ?? []), note] };
}

export const bakeModule: FormatModule<BakeModel> = {
  format: 'bake',
  parse,
  topicAt,
  workloads,
};
