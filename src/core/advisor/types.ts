// Shapes of the decision advisor. Signals are data records (a catalogue), the engine is small.
import type { Cite, DimensionId } from '../knowledge/types';
import type { Format, Range } from '../parse/types';

export type Verdict = 'container' | 'container-hardened' | 'sandboxed' | 'vm';

/** Order used by `--fail-on` and by the workspace's overall answer. */
export const VERDICT_ORDER: readonly Verdict[] = ['container', 'container-hardened', 'sandboxed', 'vm'];

/**
 * Which way a piece of evidence pushes. `vm`: needs what only a VM gives. `sandbox`: untrusted or
 * multi-tenant code that wants a sandboxed runtime. `harden`: gives away isolation it does not need.
 * `container`: cloud-native traits, evidence that a plain container fits.
 */
export type Direction = 'vm' | 'sandbox' | 'harden' | 'container';

/** The direction whose evidence each verdict stands on (a plain container: cloud-native evidence). */
export const DIRECTION_OF_VERDICT: Readonly<Record<Verdict, Direction>> = {
  vm: 'vm',
  sandboxed: 'sandbox',
  'container-hardened': 'harden',
  container: 'container',
};

/** The verdict a direction's evidence leads to once it reaches the threshold. */
export const VERDICT_OF_DIRECTION: Readonly<Record<Direction, Verdict>> = {
  vm: 'vm',
  sandbox: 'sandboxed',
  harden: 'container-hardened',
  container: 'container',
};

export type SignalGroup =
  | 'platform'
  | 'kernel'
  | 'hardening'
  | 'hardware'
  | 'sandboxing'
  | 'desktop'
  | 'windows'
  | 'state-network'
  | 'licensing'
  | 'existing'
  | 'cloud-native';

/** A catalogue record: what is detected, where it pushes, how hard, and why. */
export interface Signal {
  /** Stable id, `<format-or-area>.<what>`, e.g. `dockerfile.final-stage-root`. Used as diagnostic code and SARIF rule id. */
  id: string;
  group: SignalGroup;
  direction: Direction;
  /** 0..1: how strongly one occurrence pushes. */
  weight: number;
  dimension: DimensionId;
  sources: Cite[];
  /** Short label for lenses and status: `privileged`, `docker.sock mounted`. */
  label: string;
  /** The reason in plain words, one or two sentences. */
  reason: string;
  /** What would take this evidence away (used for "what would change the verdict"). */
  remedy?: string;
}

/** One occurrence of a signal in a file. */
export interface Finding {
  signal: string;
  file: string;
  range: Range;
  /** A line-specific message; defaults to the signal's reason. */
  message?: string;
  /**
   * Set when the finding holds only under a condition that cannot be decided from the files (a Helm
   * template branch on `.Capabilities`, `lookup`, a value no file sets): the condition as written,
   * e.g. `.Values.hostNetwork`. Such evidence counts for less than a literal setting.
   */
  when?: string;
  /** The message already says what `when` holds on, so reports do not prefix it. */
  whenStated?: boolean;
}

export type WorkloadKind =
  | 'dockerfile'
  | 'compose-service'
  | 'kubernetes-workload'
  | 'kubevirt-vm'
  | 'devcontainer'
  | 'vagrant-machine'
  | 'packer-build'
  | 'bake-target'
  | 'cloud-init'
  | 'lima-instance'
  | 'terraform-vm'
  | 'terraform-container'
  | 'quadlet-container'
  | 'quadlet-pod'
  | 'quadlet-kube';

export interface Workload {
  /** Human name: the compose service, the pod template's metadata.name, the Vagrant machine, the file's folder. */
  name: string;
  kind: WorkloadKind;
  format: Format;
  file: string;
  /** Where the CodeLens goes: the final stage's FROM, the service key, the resource block. */
  range: Range;
  /** The whole extent whose findings belong to this workload (the final stage, the service block, the document). */
  extent: Range;
  /** The image it runs, when known (`python:3.12-slim`, `mcr.microsoft.com/windows/servercore:ltsc2022`). */
  image?: string;
  /** A Dockerfile this workload is built from, as written (compose `build`, devcontainer `build.dockerfile`), relative to `file`'s folder. */
  buildsFrom?: string;
  /** The stage of that Dockerfile the build stops at (compose and devcontainer `build.target`), as written. */
  buildTarget?: string;
  /** The compose service a dev container attaches to (`dockerComposeFile` + `service`), files relative to `file`'s folder. */
  attachesTo?: { files: string[]; service: string };
  /** A Kubernetes object's kind and name (`Deployment`, `web`), which a Kustomize patch or an autoscaler names. */
  object?: { kind: string; name: string };
  /** Container engines or Kubernetes distributions a VM's provisioning installs (set by the engine). */
  provisions?: string[];
  /** A role the format itself gives (a Helm test hook: `test`), with the reason. */
  /** Why it is a host when it is one for a reason of its format (Terraform's managed node pools), rather than for the engines its provisioning installs. */
  hostReason?: string;
  roleHint?: { role: 'product' | 'development' | 'test' | 'example' | 'ci' | 'host'; reason: string; /** A folder or file name that gives a role wins over it. */ weak?: true };
}
