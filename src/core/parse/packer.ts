// Packer templates: HCL2 (*.pkr.hcl, via hcl.ts) and legacy JSON (via jsonc-parser). One workload per
// source block (HCL) or builder (JSON).
//
// The two syntaxes give different paths for the same thing:
//   HCL   source "virtualbox-iso" "vm" { iso_url = ... }   ['source','virtualbox-iso','vm','iso_url']
//   JSON  "builders": [{ "type": "virtualbox-iso", "iso_url": ... }]   ['builders','0','iso_url']
//   HCL   build { provisioner "shell" {...} }              ['build','provisioner','shell']
//   JSON  "provisioners": [{ "type": "shell" }]            ['provisioners','0','type'] value 'shell'
// Topics list both shapes; `builderTypeAt` maps either shape to the builder type for code that needs it.
import type { Workload } from '../advisor/types';
import { PACKER_TOPICS } from '../knowledge/packer';
import { contains, keyTopicAt } from './config-topics';
import type { FormatModule, TopicHit } from './format';
import { parseHcl } from './hcl';
import { child, childString, parseJsonTree } from './jsonc-tree';
import type { ConfigModel, ConfigNode, Pos } from './types';

export interface PackerBuilder {
  /** Builder (source) type: `virtualbox-iso`, `amazon-ebs`, `docker`, ... */
  type: string;
  /** HCL source name, or the JSON builder's `name` ('' when it has none). */
  name: string;
  /** The source block, or the builder object in the JSON `builders` list. */
  node: ConfigNode;
}

export interface PackerModel extends ConfigModel {
  format: 'packer';
  syntax: 'hcl' | 'json';
  builders: PackerBuilder[];
}

function parse(text: string, file: string): PackerModel {
  const json = /\.json$/i.test(file) || /^\s*[{[]/.test(text.replace(/^\uFEFF/, ''));
  const tree = json ? parseJsonTree(text) : parseHcl(text);
  const root = tree.roots[0];
  const builders: PackerBuilder[] = [];
  if (json) {
    for (const b of child(root, 'builders')?.children ?? []) {
      const type = childString(b, 'type');
      if (type) builders.push({ type, name: childString(b, 'name') ?? '', node: b });
    }
  } else {
    for (const n of root?.children ?? []) {
      if (n.path[0] === 'source' && n.path.length === 3) builders.push({ type: n.path[1], name: n.path[2], node: n });
    }
  }
  return { format: 'packer', file, problems: tree.problems, roots: tree.roots, syntax: json ? 'json' : 'hcl', builders };
}

/** The builder type a node belongs to, in either syntax (`source.<type>.*` or `builders.<i>`), if any. */
export function builderTypeAt(model: PackerModel, path: readonly string[]): string | undefined {
  if (path[0] === 'source' && path.length >= 2) return path[1];
  if (path[0] === 'builders' && path.length >= 2) return model.builders.find((b) => b.node.path[1] === path[1])?.type;
  return undefined;
}

function workloads(model: PackerModel): Workload[] {
  return model.builders.map((b) => {
    const anchor = model.syntax === 'json' ? child(b.node, 'type') ?? b.node : b.node;
    const w: Workload = {
      name: b.name ? `${b.type}.${b.name}` : b.type,
      kind: 'packer-build',
      format: 'packer',
      file: model.file,
      range: anchor.keyRange,
      extent: b.node.range,
    };
    const image = childString(b.node, 'image');
    if (image) w.image = image;
    return w;
  });
}

/** Each builder type's own reference, from its builder topic (`packer.builder.<type>`). */
const BUILDER_REFS = new Map(
  PACKER_TOPICS.filter((t) => t.id.startsWith('packer.builder.') && t.reference).map((t) => [t.id.slice('packer.builder.'.length), t.reference!]),
);
const isBuilderRef = (url: string) => url.includes('/components/builder/');

/**
 * The topic at a position. A builder setting shared by several builders (`boot_wait`, `disk_size`)
 * cites the reference of the builder its source block or JSON builder is of, not one fixed builder.
 */
function topicAt(model: PackerModel, pos: Pos): TopicHit | null {
  const hit = keyTopicAt(model, pos, PACKER_TOPICS);
  const reference = hit?.topic.reference;
  if (!hit || !reference || !isBuilderRef(reference.url) || hit.topic.id.startsWith('packer.builder.')) return hit;
  const builder = model.builders.find((b) => contains(b.node.range, hit.range.start));
  const own = builder && BUILDER_REFS.get(builder.type);
  return own && own.url !== reference.url ? { ...hit, topic: { ...hit.topic, reference: own } } : hit;
}

export const packerModule: FormatModule<PackerModel> = {
  format: 'packer',
  parse,
  topicAt,
  workloads,
};
