// Kubernetes detector (KubeVirt included): rules over pod specs wherever a kind keeps them
// (`**` patterns), securityContext at pod and container level, and the VM kinds themselves.
import { kubernetesDocuments } from '../../parse/kubernetes';
import { contains } from '../../parse/config-topics';
import type { ConfigModel, ConfigNode, ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { CAPABILITY_SIGNALS, capabilityEmit, commandRule, ENV_SIGNALS, envEmit, HOST_PATH_SIGNALS, hostPathEmit, imageRule, PORT_SIGNALS, portEmit } from './common';
import { runRules, scalarText, type Rule } from './rules';
import { SANDBOX_RUNTIME, UNSAFE_SYSCTL } from './tables';

const CONTAINER = ['**.containers.*', '**.initContainers.*', '**.ephemeralContainers.*'];
const inContainer = (...rest: string[]) => CONTAINER.map((c) => `${c}.${rest.join('.')}`);
const KUBEVIRT_KINDS = /^(VirtualMachine|VirtualMachineInstance|VirtualMachinePool|VirtualMachineInstanceReplicaSet)$/;

const childOf = (n: ConfigNode | undefined, key: string) => n?.children?.find((c) => c.key === key);
/** A pod-level securityContext that sets something (`securityContext: {}`, a chart's empty default, sets nothing). */
const hasSecurity = (n: ConfigNode) => !!childOf(n, 'securityContext')?.children?.length;

export const KUBERNETES_RULES: readonly Rule[] = [
  { signal: 'existing.kubevirt-vm', paths: ['kind'], when: KUBEVIRT_KINDS, say: '`kind: {value}`' },
  { signal: 'cloud-native.replicas', paths: ['kind'], when: /^HorizontalPodAutoscaler$/, say: 'An autoscaler adds and removes replicas' },
  { signal: 'sandboxing.sandbox-runtime', paths: ['**.runtimeClassName'], when: SANDBOX_RUNTIME, say: '`runtimeClassName: {value}`' },
  { signal: 'hardening.privileged', paths: ['**.securityContext.privileged'], when: true, say: '`privileged: true` in the securityContext' },
  { signal: 'hardening.host-network', paths: ['**.hostNetwork'], when: true, say: '`hostNetwork: true`' },
  { signal: 'hardening.host-pid', paths: ['**.hostPID'], when: true, say: '`hostPID: true`' },
  { signal: 'hardening.host-ipc', paths: ['**.hostIPC'], when: true, say: '`hostIPC: true`' },
  { signal: 'hardening.host-userns', paths: ['**.hostUsers'], when: true, say: '`hostUsers: true` keeps the host user namespace' },
  {
    signals: [...HOST_PATH_SIGNALS, 'hardening.hostpath-volume'],
    paths: ['**.volumes.*.hostPath.path'],
    emit: (node) => {
      const hits = hostPathEmit(scalarText(node.value) ?? '');
      return hits.length ? hits : [{ signal: 'hardening.hostpath-volume', say: 'hostPath volume `{value}`' }];
    },
  },
  { signal: 'hardening.seccomp-unconfined', paths: ['**.seccompProfile.type'], when: /^Unconfined$/i, say: 'seccomp profile `Unconfined`' },
  { signal: 'cloud-native.seccomp-default', paths: ['**.seccompProfile.type'], when: /^(RuntimeDefault|Localhost)$/i, say: 'seccomp profile `{value}`' },
  { signal: 'hardening.seccomp-unconfined', paths: ['**.annotations.*'], key: /seccomp/, when: /unconfined/i, say: 'seccomp annotation set to unconfined' },
  { signal: 'hardening.apparmor-unconfined', paths: ['**.annotations.*'], key: /apparmor/, when: /unconfined/i, say: 'AppArmor annotation set to unconfined' },
  { signal: 'hardening.apparmor-unconfined', paths: ['**.appArmorProfile.type'], when: /^Unconfined$/i, say: 'AppArmor profile `Unconfined`' },
  { signal: 'hardening.privilege-escalation', paths: ['**.securityContext.allowPrivilegeEscalation'], when: true, say: '`allowPrivilegeEscalation: true`' },
  { signal: 'cloud-native.no-new-privileges', paths: ['**.securityContext.allowPrivilegeEscalation'], when: false, say: '`allowPrivilegeEscalation: false`' },
  { signal: 'hardening.root-user', paths: ['**.securityContext.runAsUser'], when: (n) => Number(n.value) === 0, say: '`runAsUser: 0` runs as root' },
  { signal: 'hardening.root-user', paths: ['**.securityContext.runAsNonRoot'], when: false, say: '`runAsNonRoot: false`' },
  { signal: 'cloud-native.non-root-user', paths: ['**.securityContext.runAsNonRoot'], when: true, say: '`runAsNonRoot: true`' },
  { signal: 'cloud-native.non-root-user', paths: ['**.securityContext.runAsUser'], when: (n) => Number(n.value) > 0, say: '`runAsUser: {value}`' },
  { signal: 'cloud-native.read-only-rootfs', paths: ['**.securityContext.readOnlyRootFilesystem'], when: true, say: '`readOnlyRootFilesystem: true`' },
  { signal: 'hardening.writable-rootfs', paths: ['**.securityContext.readOnlyRootFilesystem'], when: false, say: '`readOnlyRootFilesystem: false`' },
  { signals: CAPABILITY_SIGNALS, paths: ['**.capabilities.add.*'], emit: (node) => capabilityEmit(scalarText(node.value) ?? '') },
  { signal: 'cloud-native.drop-capabilities', paths: ['**.capabilities.drop.*'], when: /^(CAP_)?ALL$/i, say: 'All capabilities dropped' },
  imageRule(inContainer('image'), undefined, 'command'),
  commandRule([...inContainer('command'), ...inContainer('args')]),
  { signals: PORT_SIGNALS, paths: inContainer('ports', '*', 'containerPort'), emit: (node) => portEmit(scalarText(node.value) ?? '') },
  { signals: ENV_SIGNALS, paths: inContainer('env', '*', 'name'), emit: (node) => envEmit(scalarText(node.value) ?? '') },
  { signal: 'cloud-native.env-config', paths: [...inContainer('env'), ...inContainer('envFrom')], at: 'key', say: 'Configured through environment variables' },
  { signal: 'cloud-native.healthcheck', paths: [...inContainer('livenessProbe'), ...inContainer('readinessProbe'), ...inContainer('startupProbe')], at: 'key', say: '`{key}` defined' },
  { signal: 'cloud-native.resource-limits', paths: inContainer('resources', 'limits'), when: (n) => !!n.children?.length, at: 'key', say: 'Memory and CPU limits set' },
  { signal: 'hardware.gpu', paths: [...inContainer('resources', 'limits', '*'), ...inContainer('resources', 'requests', '*')], key: /gpu/i, at: 'key', say: 'Requests `{key}`' },
  { signal: 'state-network.multiple-nics', paths: ['**.annotations.*'], key: /k8s\.v1\.cni\.cncf\.io\/networks/, say: 'Extra network interfaces through Multus' },
  { signal: 'state-network.multiple-nics', paths: ['**.interfaces.*.sriov', '**.networks.*.multus'], at: 'key', say: 'SR-IOV or Multus interface' },
  { signal: 'state-network.multiple-nics', paths: [...inContainer('resources', 'limits', '*'), ...inContainer('resources', 'requests', '*')], key: /sriov/i, at: 'key', say: 'SR-IOV interface `{key}`' },
  { signal: 'kernel.raw-block-device', paths: inContainer('volumeDevices'), at: 'key', say: 'A raw block volume is handed to the container' },
  // A KubeVirt guest that is Windows: Hyper-V enlightenments, or an instancetype preference for Windows.
  { signal: 'platform.other-os-guest', paths: ['**.domain.features.hyperv'], at: 'key', say: 'Hyper-V enlightenments for a Windows guest' },
  { signal: 'platform.other-os-guest', paths: ['**.preference.name'], when: /windows/i, say: 'The `{value}` preference boots a Windows guest' },
  { signal: 'kernel.unsafe-sysctl', paths: ['**.securityContext.sysctls.*.name'], when: UNSAFE_SYSCTL, say: 'sysctl `{value}` is host-wide' },
  { signal: 'platform.windows-base-image', paths: ['**.nodeSelector.*'], key: /^kubernetes\.io\/os$/, when: /^windows$/i, say: 'Scheduled on Windows nodes' },
  { signal: 'cloud-native.replicas', paths: ['spec.replicas'], when: (n) => Number(n.value) > 1, say: '{value} replicas' },
  // Only a scalar is a hostname: a custom resource may keep a map under the same key.
  { signal: 'licensing.hostname', paths: ['**.spec.hostname'], when: (n) => n.children === undefined && typeof n.value === 'string' && n.value.trim() !== '', say: 'Fixed hostname `{value}`' },
  {
    signal: 'hardening.no-resource-limits',
    scope: CONTAINER,
    absent: ['resources.limits'],
    say: 'Container sets no memory or CPU limit',
  },
  {
    signal: 'hardening.no-security-context',
    scope: ['spec', 'spec.template.spec', 'spec.jobTemplate.spec.template.spec'],
    absent: ['securityContext', 'containers.*.securityContext'],
    onlyIf: (n) => !!childOf(n, 'containers') && !hasSecurity(n),
    say: 'No `securityContext` on the pod or its containers',
  },
];

/**
 * Kinds that describe no workload: policies that allow or forbid settings (a PodSecurityPolicy with
 * `hostPID: true` permits it, it runs nothing), runtime classes, quotas, services and config. Their
 * keys are not evidence, and outside every workload's extent they would count for all of a file's workloads.
 */
export const NOT_A_WORKLOAD =
  /^(PodSecurityPolicy|SecurityContextConstraints|RuntimeClass|LimitRange|ResourceQuota|NetworkPolicy|PodDisruptionBudget|PriorityClass|ValidatingAdmissionPolicy(Binding)?|MutatingAdmissionPolicy(Binding)?|ConstraintTemplate|Service|ConfigMap|Secret|Namespace|ServiceAccount|(Cluster)?Role(Binding)?|Ingress|IngressClass|PersistentVolume(Claim)?|StorageClass|CustomResourceDefinition)$/;

export function detectKubernetes(model: ModelBase): Finding[] {
  const m = model as ConfigModel;
  const kindOf = (r: ConfigNode) => scalarText(r.children?.find((c) => c.key === 'kind')?.value) ?? '';
  // The items of a `kind: List` are manifests of their own, read like separate documents.
  const roots = kubernetesDocuments(m).filter((r) => !NOT_A_WORKLOAD.test(kindOf(r)));
  const found = runRules({ ...m, roots }, KUBERNETES_RULES);
  const vms = roots.filter((r) => KUBEVIRT_KINDS.test(kindOf(r)));
  if (!vms.length) return found;
  // In a KubeVirt VM, a GPU or host device by passthrough is how VMs take hardware, and replicas of a
  // VM pool are machines: no evidence about containers, whose reasons those signals give.
  const inVm = (f: Finding) => vms.some((r) => contains(r.range, f.range.start) && contains(r.range, f.range.end));
  return found.filter((f) => !(VM_NEUTRAL.has(f.signal) && inVm(f)));
}

const VM_NEUTRAL = new Set(['hardware.gpu', 'hardware.device-passthrough', 'cloud-native.replicas']);

