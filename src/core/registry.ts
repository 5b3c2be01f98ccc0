// Maps a format to its module. Modules are loaded on first use so an editor that never opens,
// say, a Packer template never pays for its parser.
import type { FormatModule } from './parse/format';
import type { Format, ModelBase } from './parse/types';

type Loader = () => FormatModule<ModelBase>;

/* eslint-disable @typescript-eslint/no-require-imports */
const LOADERS: Partial<Record<Format, Loader>> = {
  compose: () => require('./parse/compose').composeModule,
  kubernetes: () => require('./parse/kubernetes').kubernetesModule,
  'cloud-init': () => require('./parse/cloudinit').cloudInitModule,
  lima: () => require('./parse/lima').limaModule,
  dockerfile: () => require('./parse/dockerfile').dockerfileModule,
  devcontainer: () => require('./parse/devcontainer').devcontainerModule,
  vagrant: () => require('./parse/vagrant').vagrantModule,
  packer: () => require('./parse/packer').packerModule,
  bake: () => require('./parse/bake').bakeModule,
  terraform: () => require('./parse/terraform').terraformModule,
  quadlet: () => require('./parse/quadlet').quadletModule,
  // Each format module adds its line here, e.g.
  // dockerfile: () => require('./parse/dockerfile').dockerfileModule,
};

const loaded = new Map<Format, FormatModule<ModelBase>>();

export function moduleFor(format: Format): FormatModule<ModelBase> | null {
  const hit = loaded.get(format);
  if (hit) return hit;
  const load = LOADERS[format];
  if (!load) return null;
  const mod = load();
  loaded.set(format, mod);
  return mod;
}

export function supportedFormats(): Format[] {
  return Object.keys(LOADERS) as Format[];
}
