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
};

/** For a file with build targets (a Dockerfile's named stages), the evidence of a build that stops at one. */
export type Targets = (target: string) => { findings: Finding[]; image?: string } | undefined;

const TARGETS: Partial<Record<Format, () => (model: ModelBase) => Targets | undefined>> = {
  dockerfile: () => require('./detect/dockerfile').dockerfileTargets,
};

const cache = new WeakMap<ModelBase, Finding[]>();

/** Every finding in a model; computed once per model object (models are cached per document version). */
export function findingsFor(model: ModelBase): Finding[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const load = DETECTORS[model.format];
  const found = load ? load()(model) : [];
  cache.set(model, found);
  return found;
}

/** The build targets of a model, when its format has them and it names any (read on first use); else undefined. */
export function targetsFor(model: ModelBase): Targets | undefined {
  const load = TARGETS[model.format];
  return load ? load()(model) : undefined;
}
