// One index over every topic of every format, so explain, the advisor and the CLI look topics up by id.
import { BAKE_TOPICS } from './bake';
import { CLOUDINIT_TOPICS } from './cloudinit';
import { COMPOSE_TOPICS } from './compose';
import { DEVCONTAINER_TOPICS } from './devcontainer';
import { DOCKERFILE_TOPICS } from './dockerfile';
import { asTopic } from './keyTopic';
import { KUBERNETES_TOPICS } from './kubernetes';
import { LIMA_TOPICS } from './lima';
import { PACKER_TOPICS } from './packer';
import { QUADLET_TOPICS } from './quadlet';
import { TERRAFORM_TOPICS } from './terraform';
import type { Topic } from './types';
import { VAGRANT_TOPICS } from './vagrant';

/** Each format's topic array; a format adds its line here. */
const TOPIC_ARRAYS: readonly (readonly Topic[])[] = [
  DOCKERFILE_TOPICS,
  COMPOSE_TOPICS.map(asTopic),
  KUBERNETES_TOPICS.map(asTopic),
  CLOUDINIT_TOPICS.map(asTopic),
  LIMA_TOPICS.map(asTopic),
  DEVCONTAINER_TOPICS.map(asTopic),
  VAGRANT_TOPICS.map(asTopic),
  PACKER_TOPICS.map(asTopic),
  BAKE_TOPICS.map(asTopic),
  TERRAFORM_TOPICS.map(asTopic),
  QUADLET_TOPICS.map(asTopic),
];

let index: Map<string, Topic> | undefined;

function build(): Map<string, Topic> {
  const m = new Map<string, Topic>();
  for (const arr of TOPIC_ARRAYS) for (const t of arr) if (!m.has(t.id)) m.set(t.id, t);
  return m;
}

/** The topic with this id, or undefined when no record has it (callers then show nothing for that part). */
export function topicById(id: string): Topic | undefined {
  index ??= build();
  return index.get(id);
}

/** Every known topic, in declaration order. */
export function allTopics(): Topic[] {
  index ??= build();
  return [...index.values()];
}
