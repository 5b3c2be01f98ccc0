// Key-path patterns shared by every tree-shaped format: `services.*.privileged`,
// `**.securityContext.privileged`. A pattern is a dot-separated list of segments:
//   `*`   exactly one segment (any key, including a sequence index)
//   `#`   exactly one sequence index (`0`, `1`, ...): a list's items, never a mapping's keys
//   `**`  any number of segments, zero included
//   other segments match literally; write `\.` for a dot inside a key (`kubernetes\.io/os`).

/** Splits a pattern string into segments, honouring `\.` as a literal dot. */
export function splitPattern(pattern: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && pattern[i + 1] === '.') {
      cur += '.';
      i++;
    } else if (ch === '.') {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

const cache = new Map<string, string[]>();

function segmentsOf(pattern: string | readonly string[]): readonly string[] {
  if (typeof pattern !== 'string') return pattern;
  let segs = cache.get(pattern);
  if (!segs) {
    segs = splitPattern(pattern);
    cache.set(pattern, segs);
  }
  return segs;
}

const isIndex = (key: string): boolean => /^\d+$/.test(key);

/** Whether `path` (keys from the root) matches `pattern` (a string as above, or its segments). */
export function matchPath(pattern: string | readonly string[], path: readonly string[]): boolean {
  const segs = segmentsOf(pattern);
  // Iterative two-pointer match with backtracking to the last `**`, linear in practice.
  let p = 0;
  let k = 0;
  let starP = -1;
  let starK = 0;
  while (k < path.length) {
    if (p < segs.length && segs[p] === '**') {
      starP = p++;
      starK = k;
    } else if (p < segs.length && (segs[p] === '*' || segs[p] === path[k] || (segs[p] === '#' && isIndex(path[k])))) {
      p++;
      k++;
    } else if (starP >= 0) {
      p = starP + 1;
      k = ++starK;
    } else {
      return false;
    }
  }
  while (p < segs.length && segs[p] === '**') p++;
  return p === segs.length;
}
