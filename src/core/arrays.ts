// Appending one array to another without spreading it into arguments: `a.push(...b)` passes every
// item of `b` as an argument, and past about 120,000 items that overflows the stack (a generated
// Terraform file of 150,000 attributes, a Dockerfile with as many findings).

export function append<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}
