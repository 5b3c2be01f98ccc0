// The Dockerfile knowledge: every instruction, flag, directive, syntax element and base-image family
// the extension explains, plus the classifier for FROM references.
import type { Topic } from '../types';
import { FLAG_TOPICS } from './flags';
import { IMAGE_TOPICS } from './images';
import { INSTRUCTION_TOPICS } from './instructions';
import { SYNTAX_TOPICS } from './syntax';

export const DOCKERFILE_TOPICS: Topic[] = [...INSTRUCTION_TOPICS, ...FLAG_TOPICS, ...SYNTAX_TOPICS, ...IMAGE_TOPICS];

const byId = new Map<string, Topic>(DOCKERFILE_TOPICS.map((t) => [t.id, t]));

/** The topic with this id, if the Dockerfile knowledge has one. */
export function dockerfileTopic(id: string): Topic | undefined {
  return byId.get(id);
}

export { classifyImage, parseImageRef } from './classify';
export type { ClassifyOptions, ImageClass, ImageOs, ImageRefParts } from './classify';
export { DF, DIRECTIVES, FLAGS, IMAGE_FAMILIES, IMAGE_TRAITS, INSTRUCTIONS } from './ids';
export type { ImageFamily, InstructionName } from './ids';
