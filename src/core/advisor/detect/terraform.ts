// Terraform detector: resources (and best-effort modules) that create VMs or run containers, as
// classified by the Terraform model, plus the securityContext-like settings of kubernetes_* resources.
import type { TerraformModel } from '../../parse/terraform';
import type { ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { finding, runRules, type Rule } from './rules';
import { SANDBOX_RUNTIME } from './tables';

export const TERRAFORM_RULES: readonly Rule[] = [
  { signal: 'hardening.privileged', paths: ['resource.**.security_context.privileged', 'resource.**.privileged'], when: true, say: '`privileged = true`' },
  { signal: 'hardening.host-network', paths: ['resource.**.host_network'], when: true, say: '`host_network = true`' },
  { signal: 'hardening.host-pid', paths: ['resource.**.host_pid'], when: true, say: '`host_pid = true`' },
  { signal: 'cloud-native.healthcheck', paths: ['resource.**.liveness_probe', 'resource.**.readiness_probe', 'resource.**.health_check', 'resource.**.healthCheck'], at: 'key', say: '`{key}` defined' },
  { signal: 'sandboxing.sandbox-runtime', paths: ['resource.**.runtime_class_name'], when: SANDBOX_RUNTIME, say: '`runtime_class_name = "{value}"`' },
  { signal: 'sandboxing.sandbox-runtime', paths: ['resource.docker_container.*.runtime'], when: SANDBOX_RUNTIME, say: '`runtime = "{value}"`' },
];

export const TERRAFORM_CODE_SIGNALS = ['existing.terraform-vm', 'existing.terraform-container'] as const;

export function detectTerraform(base: ModelBase): Finding[] {
  const model = base as TerraformModel;
  const out = runRules(model, TERRAFORM_RULES);
  for (const r of model.resources ?? []) {
    const named = r.block === 'module' ? `Module \`${r.name}\`` : `\`${r.type}\``;
    const what = r.nodePools ? `${named} creates ${r.nodePools} node pools, VMs that run the cluster's containers` : named;
    if (r.kind === 'terraform-vm') out.push(finding('existing.terraform-vm', model.file, r.node.keyRange, `${what}`));
    else if (r.kind === 'terraform-container') out.push(finding('existing.terraform-container', model.file, r.node.keyRange, `${what}`));
  }
  return out;
}
