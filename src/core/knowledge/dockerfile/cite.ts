// The shared citation names, plus the link helper the Dockerfile topics use.
import type { Reference } from '../types';

export { BB, DIFF, LEARN, MS, S24 } from '../cite';

/** A link into the Dockerfile reference; `anchor` is the heading's anchor on docs.docker.com. */
export function dockerfileRef(label: string, anchor: string): Reference {
  return { label: `Dockerfile reference: ${label}`, url: `https://docs.docker.com/reference/dockerfile/#${anchor}` };
}
