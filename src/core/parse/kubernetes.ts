// Kubernetes manifests (multi-document YAML), KubeVirt included: keys explained from
// knowledge/kubernetes.ts, one workload per pod template or virtual machine.
import type { Workload, WorkloadKind } from '../advisor/types';
import { KUBERNETES_TOPICS } from '../knowledge/kubernetes';
import type { ConfigModel, ConfigNode, Range } from './types';
import { child, childString } from './yaml';
import { keyedTopicAt, nodeAt } from './keyed';
import { yamlFormatModule } from './yamlModule';

export type KubernetesModel = ConfigModel & { format: 'kubernetes' };

/** Where the pod spec (or KubeVirt VMI spec) sits, per kind. */
const POD_SPEC_PATH: Readonly<Record<string, { kind: WorkloadKind; path: string[] }>> = {
  Pod: { kind: 'kubernetes-workload', path: ['spec'] },
  Deployment: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  StatefulSet: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  DaemonSet: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  ReplicaSet: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  ReplicationController: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  Job: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  PodTemplate: { kind: 'kubernetes-workload', path: ['template', 'spec'] },
  CronJob: { kind: 'kubernetes-workload', path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
  // Custom resources that hold a pod template their controller runs as is: Actions Runner
  // Controller's runner sets, Argo Rollouts.
  AutoscalingRunnerSet: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  EphemeralRunnerSet: { kind: 'kubernetes-workload', path: ['spec', 'ephemeralRunnerSpec', 'spec'] },
  RunnerDeployment: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  RunnerSet: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  Rollout: { kind: 'kubernetes-workload', path: ['spec', 'template', 'spec'] },
  VirtualMachineInstance: { kind: 'kubevirt-vm', path: ['spec'] },
  VirtualMachine: { kind: 'kubevirt-vm', path: ['spec', 'template', 'spec'] },
  VirtualMachineInstanceReplicaSet: { kind: 'kubevirt-vm', path: ['spec', 'template', 'spec'] },
  VirtualMachinePool: { kind: 'kubevirt-vm', path: ['spec', 'virtualMachineTemplate', 'spec', 'template', 'spec'] },
};

/** One manifest (document) with its kind, name and, for workloads, the pod or VM spec. */
export interface KubernetesObject {
  kind: string;
  apiVersion?: string;
  name?: string;
  root: ConfigNode;
  /** The pod spec (workloads) or the VirtualMachineInstance spec (KubeVirt); absent for other kinds. */
  spec?: ConfigNode;
  workloadKind?: WorkloadKind;
}

/** A subtree as a document of its own: the same nodes and ranges, with paths from the new root. */
function rebase(node: ConfigNode, drop: number, key = node.key): ConfigNode {
  // Field by field: a node's ranges may be worked out on request (yamlFast.ts), which a spread would not copy.
  const out: ConfigNode = { key, path: node.path.slice(drop), keyRange: node.keyRange, range: node.range, valueRange: node.valueRange };
  if (node.children) out.children = node.children.map((c) => rebase(c, drop));
  else out.value = node.value;
  return out;
}

/**
 * The manifests of a file: each document, except that a list (`kind: List` of v1, or a typed list
 * such as `DeploymentList`, as `kubectl get -o yaml` prints them) stands for its `items`, each one a
 * document of its own. Paths start at each manifest, so rules written for a document apply to an item.
 */
export function kubernetesDocuments(model: ConfigModel): ConfigNode[] {
  const out: ConfigNode[] = [];
  const add = (doc: ConfigNode, depth: number) => {
    const items = /List$/.test(childString(doc, 'kind') ?? '') ? child(doc, 'items') : undefined;
    if (!items?.children || depth > 8) {
      out.push(doc);
      return;
    }
    for (const item of items.children) if (item.children) add(rebase(item, item.path.length, ''), depth + 1);
  };
  for (const root of model.roots) add(root, 0);
  return out;
}

export function kubernetesObjects(model: ConfigModel): KubernetesObject[] {
  const out: KubernetesObject[] = [];
  for (const root of kubernetesDocuments(model)) {
    const kind = childString(root, 'kind');
    if (!kind) continue;
    const where = POD_SPEC_PATH[kind];
    const spec = where ? child(root, ...where.path) : undefined;
    out.push({
      kind,
      apiVersion: childString(root, 'apiVersion'),
      name: childString(root, 'metadata', 'name') ?? childString(root, 'metadata', 'generateName'),
      root,
      ...(spec ? { spec } : {}),
      ...(where ? { workloadKind: where.kind } : {}),
    });
  }
  return out;
}

/** The image a workload runs: its first container's, or for a VM its first containerDisk's. */
function firstImage(spec: ConfigNode | undefined): string | undefined {
  if (!spec) return undefined;
  for (const c of child(spec, 'containers')?.children ?? []) {
    const image = childString(c, 'image');
    if (image) return image;
  }
  for (const v of child(spec, 'volumes')?.children ?? []) {
    const image = childString(v, 'containerDisk', 'image');
    if (image) return image;
  }
  return undefined;
}

export function kubernetesWorkloads(model: ConfigModel): Workload[] {
  return kubernetesObjects(model)
    .filter((o) => o.workloadKind)
    .map((o) => {
      const image = firstImage(o.spec);
      const at = child(o.root, 'kind') ?? o.root;
      // `helm test` runs the hooks annotated `test` (or the Helm 2 `test-success`/`test-failure`) after an install.
      const hook = childString(o.root, 'metadata', 'annotations', 'helm.sh/hook');
      const helmTest = hook !== undefined && hook.split(',').some((h) => /^\s*test(-success|-failure)?\s*$/.test(h));
      return {
        name: o.name ?? o.kind,
        kind: o.workloadKind as WorkloadKind,
        format: 'kubernetes',
        file: model.file,
        range: at.keyRange,
        extent: o.root.range,
        ...(o.name ? { object: { kind: o.kind, name: o.name } } : {}),
        ...(image ? { image } : {}),
        ...(helmTest ? { roleHint: { role: 'test' as const, reason: `a Helm test hook (\`helm.sh/hook: ${hook.trim()}\`)` } } : {}),
      };
    });
}

// Kustomize and the objects that act on a workload named elsewhere (read by the advisor's engine).

export interface Kustomization {
  resources: string[];
  patches: { path?: string; target?: { kind?: string; name?: string } }[];
}

export interface Attachment {
  extent: Range;
  target: { kind: string; name: string };
}

const KUSTOMIZATION_NAME = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** Whether a file is a kustomization by its name. */
export const isKustomizationFile = (file: string): boolean => KUSTOMIZATION_NAME.test(file);

function stringsOf(node: ConfigNode | undefined): string[] {
  return (node?.children ?? []).map((c) => (typeof c.value === 'string' ? c.value : childString(c, 'path'))).filter((x): x is string => typeof x === 'string' && x.length > 0);
}

/** What a kustomization says it builds on and patches (Kustomize's `resources`, `bases`, `components` and the three patch fields). */
export function kustomizationOf(model: ConfigModel): Kustomization | undefined {
  const root = model.roots[0];
  if (!root?.children) return undefined;
  const kind = childString(root, 'kind');
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') return undefined;
  const resources = [...stringsOf(child(root, 'resources')), ...stringsOf(child(root, 'bases')), ...stringsOf(child(root, 'components'))];
  const patches: Kustomization['patches'] = [];
  for (const p of child(root, 'patchesStrategicMerge')?.children ?? []) if (typeof p.value === 'string' && !p.value.includes('\n')) patches.push({ path: p.value });
  for (const field of ['patches', 'patchesJson6902']) {
    for (const p of child(root, field)?.children ?? []) {
      const path = typeof p.value === 'string' ? p.value : childString(p, 'path');
      const kindOf = childString(p, 'target', 'kind');
      const nameOf = childString(p, 'target', 'name');
      const target = kindOf !== undefined || nameOf !== undefined ? { ...(kindOf ? { kind: kindOf } : {}), ...(nameOf ? { name: nameOf } : {}) } : undefined;
      if (path || target) patches.push({ ...(path ? { path } : {}), ...(target ? { target } : {}) });
    }
  }
  return { resources, patches };
}

/** Kinds that scale or tune a workload named by `spec.scaleTargetRef` (or `spec.targetRef`). */
const ATTACHING_KINDS = new Set(['HorizontalPodAutoscaler', 'VerticalPodAutoscaler', 'ScaledObject']);

export function attachmentsOf(model: ConfigModel): Attachment[] {
  const out: Attachment[] = [];
  for (const o of kubernetesObjects(model)) {
    if (!ATTACHING_KINDS.has(o.kind)) continue;
    const ref = child(o.root, 'spec', 'scaleTargetRef') ?? child(o.root, 'spec', 'targetRef');
    const kind = childString(ref, 'kind') ?? 'Deployment';
    const name = childString(ref, 'name');
    if (name) out.push({ extent: o.root.range, target: { kind, name } });
  }
  return out;
}

const yamlModule = yamlFormatModule('kubernetes', () => KUBERNETES_TOPICS, kubernetesWorkloads);

/** The `runtimeClassName` of the pod spec a node sits in (the nearest one above it), if any. */
function runtimeClassAbove(chain: readonly ConfigNode[]): string | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const rc = childString(chain[i], 'runtimeClassName');
    if (rc !== undefined) return rc;
  }
  return undefined;
}

/**
 * As every YAML format, except that `privileged` in a pod whose runtime class is Kata says the
 * container acts on the guest VM's kernel rather than the node's (the Kata runtime starts each pod
 * in a lightweight VM).
 */
export const kubernetesModule: typeof yamlModule = {
  ...yamlModule,
  topicAt: (model, pos) => {
    const hit = keyedTopicAt(KUBERNETES_TOPICS, model.roots, pos);
    if (!hit) return null;
    const { key, node: _node, ...plain } = hit;
    if (key.id !== 'kubernetes.securityContext.privileged') return plain;
    const chain = nodeAt(model.roots, pos) ?? [];
    const rc = runtimeClassAbove(chain);
    if (!rc || !/kata/i.test(rc)) return plain;
    return { ...plain, notes: [`\`runtimeClassName: ${rc}\`: this pod runs in a Kata lightweight VM, so \`privileged\` acts on that guest VM's kernel and devices, not the node's; the VM stays the boundary.`] };
  },
};
