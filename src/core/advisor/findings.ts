// Finds signal occurrences in a parsed file. One detector per format, loaded on first use; the
// signal records themselves (why, weight, dimension, sources) live in the catalogue (signals/).
import type { Finding } from './types';
import type { Format, ModelBase } from '../parse/types';

export type Detector = (model: ModelBase) => Finding[];

/* eslint-disable @typescript-eslint/no-require-imports */
const DETECTORS: Partial<Record<Format, () => Detector>> = {
  dockerfile: () => require('./detect/dockerfile').detectDockerfile,
  compose: () => require('./detect/compose').detectCompose,
  kubernetes: () => require('./detect/kubernetes').detectKubernetes,
  devcontainer: () => require('./detect/devcontainer').detectDevcontainer,
  vagrant: () => require('./detect/vagrant').detectVagrant,
  packer: () => require('./detect/packer').detectPacker,
  bake: () => require('./detect/bake').detectBake,
  'cloud-init': () => require('./detect/cloudinit').detectCloudInit,
  lima: () => require('./detect/lima').detectLima,
  terraform: () => require('./detect/terraform').detectTerraform,
  quadlet: () => require('./detect/quadlet').detectQuadlet,
};

/** For a file with build targets (a Dockerfile's named stages), the evidence of a build that stops at one. */
export type Targets = (target: string) => { findings: Finding[]; image?: string } | undefined;

const TARGETS: Partial<Record<Format, () => (model: ModelBase) => Targets | undefined>> = {
  dockerfile: () => require('./detect/dockerfile').dockerfileTargets,
};

const cache = new WeakMap<ModelBase, Finding[]>();

/** The detectors and target readers loaded so far: a lazy require in a bundle copies the module's exports on every call. */
const loadedDetectors = new Map<Format, Detector>();
const loadedTargets = new Map<Format, (model: ModelBase) => Targets | undefined>();

/** Every finding in a model; computed once per model object (models are cached per document version). */
export function findingsFor(model: ModelBase): Finding[] {
  const hit = cache.get(model);
  if (hit) return hit;
  let detect = loadedDetectors.get(model.format);
  if (!detect) {
    const load = DETECTORS[model.format];
    if (load) loadedDetectors.set(model.format, (detect = load()));
  }
  const found = detect ? detect(model) : [];
  cache.set(model, found);
  return found;
}

/** The build targets of a model, when its format has them and it names any (read on first use); else undefined. */
export function targetsFor(model: ModelBase): Targets | undefined {
  let targets = loadedTargets.get(model.format);
  if (!targets) {
    const load = TARGETS[model.format];
    if (!load) return undefined;
    loadedTargets.set(model.format, (targets = load()));
  }
  return targets(model);
}
