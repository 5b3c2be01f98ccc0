// What a Dockerfile stage builds on. Kept apart from dockerfile.ts so code that only reads a parsed
// model (quick fixes) does not load the Dockerfile parser.
import type { DfStage, DockerfileModel } from './dockerfile';

/** The external image a stage ultimately builds on (following `FROM <stage>` chains; ARG defaults filled in). */
export function baseImageOf(model: DockerfileModel, stage: number): string | undefined {
  const seen = new Set<number>();
  let s: number | undefined = stage;
  while (s !== undefined && !seen.has(s)) {
    seen.add(s);
    const st: DfStage | undefined = model.stages[s];
    if (!st) return undefined;
    if (st.from === undefined) return st.imageResolved ?? st.image;
    s = st.from;
  }
  return undefined;
}
