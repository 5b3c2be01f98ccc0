// Docker Compose files: the YAML tree, keys explained from knowledge/compose.ts, one workload per service.
import type { Workload } from '../advisor/types';
import type { ComposeFacts } from '../advisor/composeProject';
import { COMPOSE_TOPICS } from '../knowledge/compose';
import { asTopic } from '../knowledge/keyTopic';
import { keyedTopicAt } from './keyed';
import type { ConfigModel, ConfigNode } from './types';
import { child, childString } from './yaml';
import { yamlFormatModule } from './yamlModule';

export type ComposeModel = ConfigModel & {
  format: 'compose';
  /** Set by the compose detector: what merging this file with others needs (advisor/composeFacts.ts). */
  compose?: ComposeFacts;
};

/** The service nodes (`services.<name>`) of every document. */
export function composeServices(model: ConfigModel): ConfigNode[] {
  return model.roots.flatMap((r) => child(r, 'services')?.children ?? []).filter((s) => s.children !== undefined || s.value === null);
}

const joinPosix = (a: string, b: string): string => {
  if (b.startsWith('/') || /^[A-Za-z]:[\\/]/.test(b)) return b;
  const parts = `${a}/${b}`.replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(p);
  }
  return (a.startsWith('/') ? '/' : '') + out.join('/');
};

/**
 * The Dockerfile a service builds from, relative to the compose file's folder (absolute when the
 * compose file says so). None for remote contexts (git URLs) or inline Dockerfiles.
 */
export function serviceDockerfile(service: ConfigNode): string | undefined {
  const build = child(service, 'build');
  if (!build) return undefined;
  const context = build.children ? childString(build, 'context') ?? '.' : build.value === null || build.value === undefined ? '.' : String(build.value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context) || context.includes('.git#')) return undefined;
  if (child(build, 'dockerfile_inline')) return undefined;
  const dockerfile = childString(build, 'dockerfile') ?? 'Dockerfile';
  return joinPosix(context, dockerfile) || 'Dockerfile';
}

/** The stage a service's build stops at (`build.target`), when it names one. */
export function serviceBuildTarget(service: ConfigNode): string | undefined {
  const target = childString(child(service, 'build'), 'target')?.trim();
  return target ? target : undefined;
}

export function composeWorkloads(model: ConfigModel): Workload[] {
  return composeServices(model).map((s) => {
    const image = childString(s, 'image');
    const buildsFrom = serviceDockerfile(s);
    const buildTarget = buildsFrom ? serviceBuildTarget(s) : undefined;
    return {
      name: s.key,
      kind: 'compose-service',
      format: 'compose',
      file: model.file,
      range: s.keyRange,
      extent: s.range,
      ...(image ? { image } : {}),
      ...(buildsFrom ? { buildsFrom } : {}),
      ...(buildTarget ? { buildTarget } : {}),
    };
  });
}

const yamlModule = yamlFormatModule('compose', () => COMPOSE_TOPICS, composeWorkloads);
const DEVICES_TOPIC = COMPOSE_TOPICS.find((t) => t.id === 'compose.deploy.resources.devices');

/**
 * As every YAML format, except that a `reservations` block holding only `devices` (a GPU request)
 * is explained by the devices topic rather than the CPU-and-memory one.
 */
export const composeModule: typeof yamlModule = {
  ...yamlModule,
  topicAt: (model, pos) => {
    const hit = keyedTopicAt(COMPOSE_TOPICS, model.roots, pos);
    if (!hit) return null;
    const { key, node, ...plain } = hit;
    const devicesOnly = node.key === 'reservations' && !!node.children?.length && node.children.every((c) => c.key === 'devices');
    if (key.id === 'compose.deploy.resources' && devicesOnly && DEVICES_TOPIC) return { ...plain, topic: asTopic(DEVICES_TOPIC) };
    return plain;
  },
};
