// What a Dockerfile stage builds on and runs as. Kept apart from dockerfile.ts so code that only reads a parsed
// model (quick fixes) does not load the Dockerfile parser.
import type { DfStage, DfUser, DockerfileModel } from './dockerfile-model';
import type { Pos } from './types';

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

/** The last USER of a stage, or of the stage it builds on, and so on up the chain. */
export function effectiveUser(model: DockerfileModel, stage: number, upTo?: Pos): DfUser | null {
  const seen = new Set<number>();
  let s: number | undefined = stage;
  let limit = upTo;
  while (s !== undefined && s >= 0 && !seen.has(s)) {
    seen.add(s);
    let found: DfUser | null = null;
    for (const ins of model.instructions) {
      if (ins.stage !== s || ins.keyword !== 'USER') continue;
      if (limit && ins.range.start.line > limit.line) continue;
      found = { value: ins.args.trim(), range: ins.keywordRange, stage: s };
    }
    if (found) return found;
    s = model.stages[s]?.from;
    limit = undefined;
  }
  return null;
}
