// Vagrantfiles of many machines, for the unit tests and `npm run bench:big`: the same machines
// written one after the other, or each defined inside the block of the one before it.
//
//   Vagrant.configure("2") do |config|
//     config.vm.box = "base"
//     config.vm.define "m1" do |m|            flat: each block ends before the next define
//       config.vm.define "m2" do |m|          nested: each block holds the next define
//         ...
//
// Every third machine names its own box (the others use the shared one); every hundredth has a
// fixed address and a VirtualBox provider block of its own.

/** The lines inside machine `i`'s block (1-based), before any nested define. */
function body(i: number): string {
  let s = '';
  if (i % 3 === 0) s += `m.vm.box = "b${i % 7}"\n`;
  if (i % 100 === 0) s += `m.vm.network "private_network", ip: "10.0.${Math.floor(i / 100) % 256}.2"\nm.vm.provider "virtualbox" do |vb|\nvb.memory = 2048\nend\n`;
  return s;
}

/** A Vagrantfile of `n` machines `m1`…`mn`; `nested`: each define inside the one before. */
export function machinesVagrantfile(n: number, nested: boolean): string {
  const parts: string[] = ['Vagrant.configure("2") do |config|\nconfig.vm.box = "base"\n'];
  for (let i = 1; i <= n; i++) parts.push(`config.vm.define "m${i}" do |m|\n${body(i)}${nested ? '' : 'end\n'}`);
  if (nested) parts.push('end\n'.repeat(n));
  parts.push('end\n');
  return parts.join('');
}

/** The 0-based line each machine's define is on (the same in both layouts up to the machine's own lines). */
export function defineLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const m = /^config\.vm\.define "(m\d+)"/.exec(line);
    if (m) out.set(m[1], i);
  });
  return out;
}
