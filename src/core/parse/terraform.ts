// Terraform (*.tf via hcl.ts, *.tf.json via jsonc-parser). Paths follow the blocks:
// resource "aws_instance" "web" { instance_type = ... } -> ['resource','aws_instance','web','instance_type'].
// Workloads: resources that create a VM ('terraform-vm') or run containers ('terraform-container'),
// and, as a best effort, `module` blocks whose source names such a thing.
import type { Workload, WorkloadKind } from '../advisor/types';
import { TERRAFORM_CLUSTER_MODULES, TERRAFORM_CONTAINER_RESOURCES, TERRAFORM_LXC_INSTANCES, TERRAFORM_NODE_POOLS, TERRAFORM_TOPICS, TERRAFORM_VM_RESOURCES } from '../knowledge/terraform';
import { keyTopicAt, walk } from './config-topics';
import type { FormatModule } from './format';
import { parseHcl } from './hcl';
import { child, childString, parseJsonTree } from './jsonc-tree';
import type { ConfigModel, ConfigNode } from './types';

export interface TerraformResource {
  /** `resource` or `module`. */
  block: 'resource' | 'module';
  /** Resource type (`aws_instance`), or the module's source. */
  type: string;
  name: string;
  node: ConfigNode;
  /** What it creates, when it is a VM or a container workload. */
  kind?: Extract<WorkloadKind, 'terraform-vm' | 'terraform-container'>;
  /** The managed Kubernetes platform whose node VMs it creates (`EKS`), if any. */
  nodePools?: string;
}

export interface TerraformModel extends ConfigModel {
  format: 'terraform';
  resources: TerraformResource[];
}

// Modules are best effort: their source (registry address or a relative path), their name, and the
// arguments they are given (a module fed `instance_type` or `ami` wraps a VM; one fed
// `container_definitions` wraps containers).
const VM_MODULE = /ec2|compute[-_]instance|instance[-_]template|virtual[-_]machine|(^|[/_-])vm($|[/_-])|libvirt|vsphere|proxmox/i;
const CONTAINER_MODULE = /ecs|cloud[-_]run|kubernetes|container[-_]?(definition|group|app)|docker|fargate/i;
const VM_MODULE_ARGS = ['instance_type', 'ami', 'machine_type', 'vm_size', 'source_image_reference', 'source_image_id', 'image_os'];
const CONTAINER_MODULE_ARGS = ['container_definitions', 'requires_compatibilities', 'task_definition_arn', 'containers'];

function classifyModule(name: string, source: string, node: ConfigNode): TerraformResource['kind'] {
  if (clusterPlatform('module', source)) return 'terraform-vm';
  const keys = new Set((node.children ?? []).map((c) => c.path[c.path.length - 1]));
  if (CONTAINER_MODULE_ARGS.some((k) => keys.has(k)) || CONTAINER_MODULE.test(source) || CONTAINER_MODULE.test(name)) return 'terraform-container';
  if (VM_MODULE_ARGS.some((k) => keys.has(k)) || VM_MODULE.test(source) || VM_MODULE.test(name)) return 'terraform-vm';
  return undefined;
}

/** The managed Kubernetes platform whose node VMs a resource or module creates (`EKS`), if any. */
function clusterPlatform(block: 'resource' | 'module', type: string): string | undefined {
  if (block === 'resource') return TERRAFORM_NODE_POOLS.get(type);
  return TERRAFORM_CLUSTER_MODULES.find((m) => m.source.test(type.trim()))?.platform;
}

function classify(type: string, node: ConfigNode): TerraformResource['kind'] {
  // Elastic Beanstalk on a Docker or ECS platform runs the application as containers on its VMs.
  if (type === 'aws_elastic_beanstalk_environment' && /docker|\becs\b/i.test(`${childString(node, 'solution_stack_name') ?? ''} ${childString(node, 'platform_arn') ?? ''}`)) return 'terraform-container';
  if (TERRAFORM_VM_RESOURCES.has(type) || TERRAFORM_NODE_POOLS.has(type)) return 'terraform-vm';
  // Incus and LXD instances are system containers unless `type` asks for a VM.
  if (TERRAFORM_LXC_INSTANCES.has(type)) return childString(node, 'type') === 'virtual-machine' ? 'terraform-vm' : 'terraform-container';
  if (TERRAFORM_CONTAINER_RESOURCES.has(type)) return 'terraform-container';
  return undefined;
}

function parse(text: string, file: string): TerraformModel {
  const json = /\.json$/i.test(file);
  const tree = json ? parseJsonTree(text) : parseHcl(text);
  const root = tree.roots[0];
  const resources: TerraformResource[] = [];
  const add = (r: TerraformResource) => {
    const kind = r.block === 'resource' ? classify(r.type, r.node) : classifyModule(r.name, r.type, r.node);
    if (kind) r.kind = kind;
    const platform = clusterPlatform(r.block, r.type);
    if (platform) r.nodePools = platform;
    resources.push(r);
  };
  if (json) {
    for (const t of child(root, 'resource')?.children ?? []) for (const r of t.children ?? []) add({ block: 'resource', type: t.key, name: r.key, node: r });
    for (const m of child(root, 'module')?.children ?? []) add({ block: 'module', type: childString(m, 'source') ?? '', name: m.key, node: m });
  } else {
    for (const n of root?.children ?? []) {
      if (n.path[0] === 'resource' && n.path.length === 3) add({ block: 'resource', type: n.path[1], name: n.path[2], node: n });
      else if (n.path[0] === 'module' && n.path.length === 2) add({ block: 'module', type: childString(n, 'source') ?? '', name: n.path[1], node: n });
    }
  }
  return { format: 'terraform', file, problems: tree.problems, roots: tree.roots, resources };
}

/** The first string value under a node whose key is one of `keys` (e.g. a container's `image`). */
function findString(node: ConfigNode, keys: readonly string[]): string | undefined {
  for (const n of walk(node.children ?? [])) if (keys.includes(n.key) && typeof n.value === 'string') return n.value;
  return undefined;
}

function workloads(model: TerraformModel): Workload[] {
  return model.resources.flatMap((r) => {
    if (!r.kind) return [];
    const w: Workload = {
      name: r.block === 'module' ? `module.${r.name}` : `${r.type}.${r.name}`,
      kind: r.kind,
      format: 'terraform',
      file: model.file,
      range: r.node.keyRange,
      extent: r.node.range,
    };
    const image = findString(r.node, r.kind === 'terraform-container' ? ['image'] : ['ami', 'image', 'source_image_id', 'source_image']);
    if (image) w.image = image;
    // Node pools are VMs that run containers: hosts of what the cluster will run.
    if (r.nodePools) {
      w.provisions = [`${r.nodePools} node pools`];
      w.hostReason = `${r.nodePools} node pools: VMs that run the cluster's containers`;
    }
    return [w];
  });
}

export const terraformModule: FormatModule<TerraformModel> = {
  format: 'terraform',
  parse,
  topicAt: (model, pos) => keyTopicAt(model, pos, TERRAFORM_TOPICS),
  workloads,
};
