// One cold load, timed, in a fresh process: `node out/bench/activationChild.js MODULE ROOT`.
// Loads MODULE with `vscode` answered by the recorded stand-in and, when it exports activate(),
// runs it; prints {"ms": ..., "cpuMs": ..., "calls": [...]} on stdout. The bench runs it many times, for the
// extension bundle and for an empty module, and takes the difference of the medians.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fakeContext, recorded } from './fakeVscode';

const [target, root] = process.argv.slice(2);
const load = createRequire(`${process.cwd()}/`);
const context = fakeContext(root ?? process.cwd());
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = load(target) as { activate?: (c: unknown) => unknown };
if (typeof mod.activate === 'function') mod.activate(context);
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, calls: recorded.calls }) + '\n');
