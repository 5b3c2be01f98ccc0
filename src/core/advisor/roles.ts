// What each workload is to the repository, read as a platform engineer reads a tree before answering:
// the product (what the repository ships or deploys), its development environment, tests and
// fixtures, examples and docs, CI, or a host (a VM whose provisioning installs a container engine or
// Kubernetes, to run the product's containers). The overall answer is the product's; a privileged
// KubeVirt manifest under `testdata/` or a dev container's docker-in-docker Feature says nothing
// about how the product should run.
//
// The role comes, in this order, from the user (`roles` globs: the config file or `--role`), the
// workload's format (a dev container is a development environment), its path (folder and file name
// tokens), its name (a compose service called `tests`), and its content (a VM that installs a
// container engine is a host). A host is the product only when nothing else is.
import { compileGlob, type PathMatcher } from './glob';
import type { Format } from '../parse/types';
import type { Verdict, WorkloadKind } from './types';
import { maxVerdict } from './verdict';

export type Role = 'product' | 'development' | 'test' | 'example' | 'ci' | 'host';

export const ROLES: readonly Role[] = ['product', 'development', 'test', 'example', 'ci', 'host'];

/** A user's word on which files are which: a glob (as for `exclude`) and the role of what matches. */
export interface RoleRule {
  glob: string;
  role: Role;
}

/** Folder names (whole path segments, compared in lower case) and what they hold. */
const FOLDER_ROLES: ReadonlyMap<string, Role> = new Map<string, Role>([
  ...['test', 'tests', 'testdata', 'test-data', 'test_data', 'testing', 'testenv', 'test-env', 'test-environments', 'test-infra', 'e2e', 'e2e-tests', 'integration-tests', 'integration', '__tests__', 'fixtures', 'fixture', 'test-fixtures', 'testfixtures', 'spec', 'specs', 'conformance', 'smoke-tests', 'smoketest', 'benchmarks', 'bench', 'playwright', 'cypress', 'selenium', 'molecule'].map((n) => [n, 'test'] as [string, Role]),
  ...['example', 'examples', 'sample', 'samples', 'demo', 'demos', 'docs', 'doc', 'documentation', 'tutorial', 'tutorials', 'quickstart', 'quickstarts', 'playground-examples', 'website', 'site', 'blog', 'cookbook', 'recipes', 'workshop', 'workshops'].map((n) => [n, 'example'] as [string, Role]),
  ...['.devcontainer', '.gitpod', '.vscode', 'dev', 'development', 'devenv', 'dev-env', 'local-dev', 'hack', 'tools', 'contrib', 'workstation', 'workstations', 'cluster-up', 'cluster-sync'].map((n) => [n, 'development'] as [string, Role]),
  ...['.github', '.gitlab', '.circleci', '.buildkite', '.woodpecker', '.drone', 'ci', '.ci', '.travis', 'jenkins', '.jenkins', '.azure-pipelines', 'azure-pipelines', '.tekton'].map((n) => [n, 'ci'] as [string, Role]),
]);

/**
 * Words that give a folder its role also when they are one word of its name (`status_test_files`,
 * `test-resources`, `example-apps`, `_archived`): the words that say it outright. Archived folders
 * hold what the repository no longer runs, kept for reference, so they count with the examples.
 */
const FOLDER_WORDS: ReadonlyMap<string, Role> = new Map<string, Role>([
  ...['test', 'tests', 'testdata', 'testing', 'fixtures', 'fixture', 'e2e'].map((n) => [n, 'test'] as [string, Role]),
  ...['example', 'examples', 'sample', 'samples', 'demo', 'demos', 'tutorial', 'tutorials', 'archived', 'deprecated'].map((n) => [n, 'example'] as [string, Role]),
]);

/** Words in a file's name (`docker-compose.test.yml`, `Dockerfile.dev`, `compose.ci.yaml`). */
const NAME_WORDS: ReadonlyMap<string, Role> = new Map<string, Role>([
  ...['test', 'tests', 'testing', 'e2e', 'integration', 'itest', 'ci-test', 'fixture', 'fixtures', 'bench', 'benchmark'].map((n) => [n, 'test'] as [string, Role]),
  ...['dev', 'devel', 'development', 'local', 'debug'].map((n) => [n, 'development'] as [string, Role]),
  ...['ci', 'github', 'gitlab', 'jenkins', 'buildkite'].map((n) => [n, 'ci'] as [string, Role]),
  // Not `example` or `sample`: `docker-compose.example.yaml` is most often the product's own way to
  // deploy, shipped for users to copy.
]);

/** Words in a workload's own name (a compose service, a Kubernetes object) that make it a test. */
const WORKLOAD_NAME_WORDS: ReadonlyMap<string, Role> = new Map<string, Role>([
  ...['test', 'tests', 'e2e', 'integration-test', 'integration-tests', 'testrunner', 'test-runner'].map((n) => [n, 'test'] as [string, Role]),
]);

const VM_KINDS = new Set<WorkloadKind>(['vagrant-machine', 'packer-build', 'cloud-init', 'lima-instance', 'terraform-vm', 'kubevirt-vm']);

const ROLE_NAMES: Readonly<Record<Role, string>> = {
  product: 'product',
  development: 'development environment',
  test: 'tests and fixtures',
  example: 'examples and docs',
  ci: 'CI',
  host: 'host',
};

/** Why a workload is the product when nothing says otherwise. */
export const PRODUCT_REASON = 'what the repository ships or deploys';

/**
 * Whether a report says a workload's role: any role but the product, and the product when it is so
 * for a reason of its own (a host that is the product because nothing else is).
 */
export function roleWorthSaying(w: { role?: Role; roleReason?: string }): boolean {
  return !!w.role && (w.role !== 'product' || (w.roleReason !== undefined && w.roleReason !== PRODUCT_REASON));
}

/** How a role is named in a report. */
export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

/** Words of a file name, without its extension-like parts being special: `docker-compose.e2e.yml` → docker, compose, e2e, yml. */
function nameWords(file: string): string[] {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  return base.split(/[._\-\s]+/).filter(Boolean);
}

/** The role one word of a folder's name gives it (`status_test_files` → test), if any. */
function folderWordRole(segment: string): Role | undefined {
  if (!/[-_.]/.test(segment)) return undefined;
  for (const w of segment.split(/[-_.]+/)) {
    const role = FOLDER_WORDS.get(w);
    if (role) return role;
  }
  return undefined;
}

/** The role a path suggests, with the reason; undefined when it says nothing (the product by default). */
export function roleOfPath(file: string): { role: Role; reason: string } | undefined {
  const parts = file.split('/');
  // The nearest folder that says something decides: `examples/app/test/compose.yaml` is a test of an example.
  for (let i = parts.length - 2; i >= 0; i--) {
    const seg = parts[i].toLowerCase();
    const role = FOLDER_ROLES.get(seg) ?? folderWordRole(seg);
    if (role) return { role, reason: `under ${parts.slice(0, i + 1).join('/')}/` };
  }
  const words = nameWords(file);
  // `Dockerfile.dev`, `docker-compose.test.yml`: the words after the first one.
  for (const w of words.slice(1)) {
    const role = NAME_WORDS.get(w);
    if (role) return { role, reason: `file name ${parts[parts.length - 1]}` };
  }
  // `test.Dockerfile`, `dev.compose.yaml`, `e2e-compose.yml`: a leading word, when the name has more.
  if (words.length > 1) {
    const role = NAME_WORDS.get(words[0]);
    if (role) return { role, reason: `file name ${parts[parts.length - 1]}` };
  }
  return undefined;
}

/** A workload as the roles need it. */
export interface RoleInput {
  name: string;
  kind: WorkloadKind;
  format: Format;
  file: string;
  files: readonly string[];
  verdict: Verdict;
  /** Container engines or Kubernetes distributions its provisioning installs (a VM's), if any. */
  provisions?: readonly string[];
  /** A role its own format gives it (a Helm test hook). */
  roleHint?: { role: Role; reason: string; weak?: true };
  /** Why it is a host, when its format says so itself (Workload.hostReason). */
  hostReason?: string;
}

export interface RoleResult {
  role: Role;
  reason: string;
}

/** Compiled role rules; the first that matches a workload's file wins. */
export function compileRoleRules(rules: readonly RoleRule[] = []): { role: Role; glob: string; match: PathMatcher }[] {
  return rules.map((r) => ({ role: r.role, glob: r.glob, match: compileGlob(r.glob) }));
}

/** Each workload's role, in the order given. */
export function assignRoles(workloads: readonly RoleInput[], rules: readonly RoleRule[] = []): RoleResult[] {
  const compiled = compileRoleRules(rules);
  const out: (RoleResult & { hostCandidate?: boolean; fromUser?: boolean })[] = workloads.map((w) => {
    const rule = compiled.find((r) => r.match(w.file));
    if (rule) return { role: rule.role, reason: `set by the role rule ${rule.glob}`, fromUser: true };
    const hint = w.roleHint && { role: w.roleHint.role, reason: w.roleHint.reason };
    if (hint && !w.roleHint?.weak) return hint;
    if (w.format === 'devcontainer') return { role: 'development', reason: 'a dev container' };
    const byPath = roleOfPath(w.file);
    if (byPath) return byPath;
    if (hint) return hint;
    const wordsOfName = w.name.toLowerCase().split(/[^a-z0-9-]+/);
    const byName = wordsOfName.map((x) => WORKLOAD_NAME_WORDS.get(x)).find(Boolean);
    if (byName) return { role: byName, reason: `named ${w.name}` };
    if (VM_KINDS.has(w.kind) && w.verdict === 'vm' && w.provisions && w.provisions.length > 0) {
      return { role: 'host', reason: w.hostReason ?? `a VM that installs ${w.provisions.join(', ')} to run containers`, hostCandidate: true };
    }
    return { role: 'product', reason: PRODUCT_REASON };
  });
  // A host is the product only when nothing else is.
  const otherProduct = out.some((r) => r.role === 'product');
  if (!otherProduct) {
    for (const r of out) {
      if (r.hostCandidate) {
        r.role = 'product';
        r.reason = `${r.reason}; nothing else here is the product`;
      }
    }
  }
  return out.map((r) => ({ role: r.role, reason: r.reason }));
}

/**
 * Where the answer comes from when no workload is the product, first first: examples and docs show
 * how the product is meant to run; a host runs its containers; tests show how it is exercised (a
 * runtime's tests run pods under it); a development environment and CI say least about it.
 */
export const FALLBACK_ROLES: readonly Role[] = ['example', 'host', 'test', 'development', 'ci'];

/** The role the overall answer comes from when no workload is the product: the first of FALLBACK_ROLES present. */
export function fallbackRole(workloads: readonly { role: Role }[]): Role | undefined {
  return FALLBACK_ROLES.find((role) => workloads.some((w) => w.role === role));
}

/**
 * The overall answer: the most demanding verdict among the product workloads, or, when there is none,
 * among the workloads of the first role of FALLBACK_ROLES that the repository has (one odd test
 * fixture does not outweigh the examples).
 */
export function overallOf(workloads: readonly { verdict: Verdict; role: Role }[]): { verdict: Verdict | null; from: 'product' | 'other' | 'none'; decidedBy: number[] } {
  if (workloads.length === 0) return { verdict: null, from: 'none', decidedBy: [] };
  const all = workloads.map((w, i) => ({ w, i }));
  const product = all.filter((x) => x.w.role === 'product');
  const fallback = product.length ? undefined : fallbackRole(workloads);
  const pool = product.length ? product : all.filter((x) => x.w.role === fallback);
  const best = pool.reduce<Verdict>((v, { w }) => maxVerdict(v, w.verdict), 'container');
  return { verdict: best, from: product.length ? 'product' : 'other', decidedBy: pool.filter((x) => x.w.verdict === best).map((x) => x.i) };
}

/** Container engines and Kubernetes distributions a VM's provisioning can install, as words of its text. */
export const ENGINE_WORDS: readonly [RegExp, string][] = [
  [/\bdocker(?:-ce|\.io|-engine)?\b|get\.docker\.com|\bmoby-engine\b/i, 'Docker'],
  [/\bcontainerd\b|\bnerdctl\b/i, 'containerd'],
  [/\bpodman\b/i, 'Podman'],
  [/\bcri-o\b|\bcrio\b/i, 'CRI-O'],
  [/\bk3s\b|get\.k3s\.io/i, 'k3s'],
  [/\brke2\b/i, 'RKE2'],
  [/\bkubeadm\b|\bkubelet\b/i, 'Kubernetes'],
  [/\bmicrok8s\b/i, 'MicroK8s'],
  [/\bminikube\b/i, 'minikube'],
  [/\bkind create cluster\b/i, 'kind'],
  // An ECS container instance: the agent registers the machine with a cluster (ECS_CLUSTER in
  // /etc/ecs/ecs.config on Linux, Initialize-ECSAgent on Windows).
  [/\bECS_CLUSTER\b|\bInitialize-ECSAgent\b|\becs-init\b/, 'the Amazon ECS agent'],
];

/** The engines a piece of provisioning text installs or starts (by the words it uses). */
export function enginesIn(text: string): string[] {
  const out: string[] = [];
  for (const [re, name] of ENGINE_WORDS) if (re.test(text)) out.push(name);
  return out;
}
