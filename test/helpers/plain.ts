// A model as plain data, for comparing models whose parts work their ranges out on request (they
// have a toJSON) with plain ones: what toJSON gives is asked for, as JSON.stringify would, and
// everything else copied as it is (undefined included, which JSON would drop).
export function plain(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(plain);
  if (x === null || typeof x !== 'object') return x;
  const o = x as { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') return plain(o.toJSON());
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
}
