// Compose files read together, as `docker compose` reads them: a service that `extends` another
// (same file or `extends.file`), the files an `include:` pulls in, and the override files merged into
// the services they change (compose.yaml + compose.override.yaml by default; a named variant such as
// compose.prod.yaml as `-f compose.yaml -f compose.prod.yaml`). Merge rules of the Compose
// specification (reference/compose-file/merge): a mapping merges key by key, a scalar is replaced by
// the later file, a sequence is appended (entries that are the same value once), `ports` and
// `volumes` are unique by their key (a volume's target), `command`, `entrypoint` and
// `healthcheck.test` are replaced, `!reset` and `!override` drop what earlier files set.
//
// Nothing is re-detected: each file's findings are kept as they were found (at the line that set the
// value, in whichever file) and each is given the slot of the service it sets (`privileged`,
// `cap_add[SYS_ADMIN]`, `environment.DEBUG`, `deploy.resources.limits`). A merged service takes, slot
// by slot, the findings of the last file that set the slot. So suppressions, the per-file cache and
// positions stay as they are, and the work is linear in the findings and slots of the files.
//
// This module holds no parser and no detector (it is part of the engine, which the editor loads before
// any format): the compose detector works out each file's facts (composeFacts.ts) and leaves them on
// the model it read, where the engine takes them.
import { dirname, joinPath } from '../fs';
import type { Range } from '../parse/types';
import type { Finding, Workload } from './types';

/** How a later file's setting of a slot treats what earlier files set there. */
export type SlotKind =
  /** A scalar or a replaced value (`command`): earlier findings of the slot and of everything under it go. */
  | 'set'
  /** A mapping: merged key by key; only findings on the mapping's own key are replaced. */
  | 'merge'
  /** A sequence: appended to; nothing earlier goes. */
  | 'append';

export interface Slot {
  key: string;
  range: Range;
  kind: SlotKind;
  /** Tagged `!reset` or `!override`: whatever earlier files set in the slot goes first (markResets). */
  reset?: true;
  /** Where the key ends: a tag, if any, follows it on the line. */
  tagAt: { line: number; character: number };
}

export interface ComposeServiceFacts {
  name: string;
  keyRange: Range;
  /** `extends`, as written: the service and, for another file, its path relative to this file's folder. */
  extends?: { service: string; file?: string; line: number };
  /** Has `image`, `build` or `extends`: could run without another file. */
  runnable: boolean;
  image?: string;
  build?: { dockerfile: string; target?: string };
  slots: Slot[];
}

export interface ComposeFacts {
  services: ComposeServiceFacts[];
  /** Top-level `include:` entries: the paths of each (merged in order), relative to this file's folder. */
  includes: { paths: string[]; line: number; remote?: true }[];
  /** The service and slot of every finding inside a service; findings not here concern the whole file. */
  homes: Map<Finding, { service: number; slot: string }>;
  /** Set once markResets has read the text. */
  resetsRead?: true;
}

/**
 * Marks the slots whose value is tagged `!reset` or `!override` (the tree keeps no tags): the text
 * after each key on its line is looked at once.
 */
export function markResets(facts: ComposeFacts, text: string): void {
  if (facts.resetsRead || !/!(reset|override)\b/.test(text)) return;
  facts.resetsRead = true;
  const lines = text.split(/\r\n|\r|\n/);
  for (const s of facts.services) {
    for (const slot of s.slots) {
      if (/^\s*:\s*!(reset|override)\b/.test((lines[slot.tagAt.line] ?? '').slice(slot.tagAt.character))) slot.reset = true;
    }
  }
}

// ---- Projects -------------------------------------------------------------------------------

/** What the merge changes of a workload while the engine puts it together. */
export interface ComposeUnit {
  workload: Workload;
  findings: Finding[];
  files: string[];
  /** Findings of its files that a later file replaced (for the editor's view of one file). */
  overridden?: Finding[];
}

export interface ComposeFileInput<U extends ComposeUnit> {
  file: string;
  facts: ComposeFacts;
  /** The file's findings (suppressed ones taken out). */
  findings: readonly Finding[];
  /** The workload of each of `facts.services`, in the same order; empty when they do not match. */
  units: readonly U[];
}

/** Compose's own file names (compose-go's defaults, in its order of preference). */
const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
const VARIANT = /^(docker-)?compose\.[\w.-]+\.ya?ml$/;
const COMPOSE_NAME = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i;

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

interface Input {
  file: string;
  facts: ComposeFacts;
  units: readonly ComposeUnit[];
  byName: Map<string, number>;
  /** Findings per service, and those outside every service. */
  perService: Finding[][];
  fileLevel: Finding[];
}

interface Ctx {
  key: string;
  files: Input[];
  includes: Ctx[];
}

interface Layer {
  input: Input;
  index: number;
  /** The folder relative paths of this layer are read against (the project's first file, or the extended file). */
  dir: string;
  /** Its position among all layers made in this run: what tells appended entries of two layers apart. */
  id: number;
}

/** How many leading folders two files share. */
function sharedFolders(a: string, b: string): number {
  const x = dirname(a).split('/');
  const y = dirname(b).split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** Whether folder `inner` is `outer` or lies below it ('.' is the scanned root). */
const isWithin = (outer: string, inner: string) => outer === '.' || outer === inner || inner.startsWith(`${outer}/`);

/** `to` relative to the folder `from` ('/' separated, with `..` where needed). */
function relativePath(from: string, to: string): string {
  const a = from === '.' ? [] : from.split('/');
  const b = to.split('/');
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return [...a.slice(n).map(() => '..'), ...b.slice(n)].join('/') || '.';
}

/**
 * Merges the compose files of one analysis run into the services they make. Each resulting service is
 * the workload of the file that defines it first; an override file's entry for a service it changes
 * is then consumed. `note` hears of every file or service that cannot be followed.
 */
export function mergeComposeProjects<U extends ComposeUnit>(given: readonly ComposeFileInput<U>[], consumed: Set<U>, note?: (file: string, line: number, message: string) => void): void {
  if (given.length === 0) return;
  const said = new Set<string>();
  const say = (file: string, line: number, message: string) => {
    const key = `${file}\u0000${line}\u0000${message}`;
    if (said.has(key)) return;
    said.add(key);
    note?.(file, line, message);
  };
  const byFile = new Map<string, Input>();
  for (const g of given) {
    if (byFile.has(g.file)) continue;
    const units = g.units.length === g.facts.services.length && g.units.every((u, i) => u.workload.name === g.facts.services[i].name) ? g.units : [];
    const byName = new Map<string, number>();
    g.facts.services.forEach((s, i) => {
      if (!byName.has(s.name)) byName.set(s.name, i);
    });
    const perService: Finding[][] = g.facts.services.map(() => []);
    const fileLevel: Finding[] = [];
    for (const f of g.findings) {
      const home = g.facts.homes.get(f);
      if (home) perService[home.service].push(f);
      else fileLevel.push(f);
    }
    byFile.set(g.file, { file: g.file, facts: g.facts, units, byName, perService, fileLevel });
  }
  // Nothing to merge in a run without extends, includes, overlays or two compose files in a folder: the common case costs one pass.
  const folders = new Map<string, Input[]>();
  for (const i of byFile.values()) {
    const d = dirname(i.file);
    const list = folders.get(d);
    if (list) list.push(i);
    else folders.set(d, [i]);
  }
  const anyLinks = [...byFile.values()].some((i) => i.facts.includes.length || i.facts.services.some((s) => s.extends));
  const anyOverlay = byFile.size > 1 && [...byFile.values()].some((i) => i.facts.services.some((s) => !s.runnable));
  if (!anyLinks && !anyOverlay && [...folders.values()].every((l) => l.length < 2)) return;

  /** A file named from `from` (relative to its folder): the input, or undefined after saying why not. */
  const follow = (from: Input, path: string, line: number, what: string): Input | undefined => {
    const target = joinPath(dirname(from.file), path.replace(/\\/g, '/'));
    if (target.startsWith('..')) {
      say(from.file, line, `${what} names \`${path}\`, which lies outside the scanned folder: not read`);
      return undefined;
    }
    const found = byFile.get(target);
    if (!found) say(from.file, line, `${what} names \`${path}\`, which is not among the scanned compose files (missing, excluded or skipped): left out`);
    return found;
  };

  const ctxs = new Map<string, Ctx>();
  const building = new Set<string>();
  const ctxOf = (files: Input[]): Ctx => {
    const key = files.map((f) => f.file).join('\u0000');
    const known = ctxs.get(key);
    if (known) return known;
    const ctx: Ctx = { key, files, includes: [] };
    ctxs.set(key, ctx);
    building.add(key);
    for (const f of files) {
      for (const inc of f.facts.includes) {
        if (inc.remote) {
          say(f.file, inc.line, `\`include\` of a remote project (${inc.paths.join(', ')}) is not read`);
          continue;
        }
        const parts = inc.paths.map((p) => follow(f, p, inc.line, '`include`')).filter((x): x is Input => x !== undefined);
        if (!parts.length) continue;
        const subKey = parts.map((p) => p.file).join('\u0000');
        if (building.has(subKey)) {
          say(f.file, inc.line, `\`include\` of \`${inc.paths.join(', ')}\` comes back to a file that includes it (a cycle): not followed`);
          continue;
        }
        ctx.includes.push(ctxOf(parts));
      }
    }
    building.delete(key);
    return ctx;
  };

  let layerIds = 0;
  const templates = new Set<Input>();
  const resolved = new Map<string, Layer[] | null>();
  const resolving = new Set<string>();
  /** The layers a service is made of in a project, earliest first; null when the project has no such service. */
  const resolve = (ctx: Ctx, name: string): Layer[] | null => {
    const key = `${ctx.key}\u0001${name}`;
    const known = resolved.get(key);
    if (known !== undefined) return known;
    resolving.add(key);
    const dir = dirname(ctx.files[0].file);
    const own: Layer[] = [];
    for (const f of ctx.files) {
      const index = f.byName.get(name);
      if (index !== undefined) own.push({ input: f, index, dir, id: layerIds++ });
    }
    let included: Layer[] | null = null;
    if (!own.some((l) => l.input === ctx.files[0])) {
      for (const inc of ctx.includes) if ((included = resolve(inc, name))) break;
    }
    let result: Layer[] | null = null;
    if (own.length || included) {
      const layers: Layer[] = [];
      const ext = [...own].reverse().find((l) => l.input.facts.services[l.index].extends);
      if (ext) {
        const e = ext.input.facts.services[ext.index].extends!;
        const from = e.file ? follow(ext.input, e.file, e.line, `\`extends\` of service \`${name}\``) : ext.input;
        const target = from ? (e.file ? ctxOf([from]) : ctx) : undefined;
        if (target) {
          const targetKey = `${target.key}\u0001${e.service}`;
          if (resolving.has(targetKey)) say(ext.input.file, e.line, `service \`${name}\` extends \`${e.service}\`, which comes back to \`${name}\` (a cycle): not followed`);
          else {
            const base = resolve(target, e.service);
            if (!base) say(ext.input.file, e.line, `service \`${name}\` extends \`${e.service}\`, which ${e.file ? `\`${e.file}\`` : 'this project'} does not define: left out`);
            else {
              layers.push(...base);
              // A file of service templates (common-services.yml): what it defines runs only through the services that extend it.
              if (e.file && from && !COMPOSE_NAME.test(baseName(from.file))) templates.add(from);
            }
          }
        }
      }
      if (included) layers.push(...included);
      layers.push(...own);
      result = layers;
    }
    resolving.delete(key);
    resolved.set(key, result);
    return result;
  };

  const applied = new Set<ComposeUnit>();
  /** Gives `unit` the findings of the service its layers make, when they are more than its own. */
  const apply = (unit: ComposeUnit | undefined, layers: Layer[] | null, projectFiles: readonly Input[]) => {
    if (!unit || !layers || applied.has(unit)) return;
    if (layers.length === 1 && layers[0].input.units[layers[0].index] === unit) return;
    applied.add(unit);
    const { findings, overridden } = mergeLayers(layers);
    const files: string[] = [unit.workload.file];
    const add = (f: string) => {
      if (!files.includes(f)) files.push(f);
    };
    for (const l of layers) add(l.input.file);
    // What the project's files say outside every service (a network's driver) counts for each of its services.
    const own = new Set<Input>(projectFiles);
    const home = byFile.get(unit.workload.file);
    if (home) own.add(home);
    for (const f of own) for (const x of f.fileLevel) findings.push(x);
    unit.findings = findings;
    for (const f of unit.files) add(f);
    unit.files = files;
    if (overridden.length) unit.overridden = overridden;
    let image: string | undefined;
    let build: { layer: Layer; dockerfile: string; target?: string } | undefined;
    for (const l of layers) {
      const s = l.input.facts.services[l.index];
      if (s.image) image = s.image;
      if (s.build) build = { layer: l, ...s.build };
    }
    const w = { ...unit.workload };
    if (image) w.image = image;
    if (build) {
      const abs = /^(\/|[A-Za-z]:)/.test(build.dockerfile) ? build.dockerfile : joinPath(build.layer.dir, build.dockerfile);
      w.buildsFrom = relativePath(dirname(unit.workload.file), abs);
      if (build.target) w.buildTarget = build.target;
      else delete w.buildTarget;
    }
    unit.workload = w;
  };

  /** The unit that is a service's home in a project: where it is first defined, its includes searched last. */
  const homeOf = (ctx: Ctx, name: string): ComposeUnit | undefined => {
    for (const f of ctx.files) {
      const i = f.byName.get(name);
      if (i !== undefined) return f.units[i];
    }
    for (const inc of ctx.includes) {
      const u = homeOf(inc, name);
      if (u) return u;
    }
    return undefined;
  };
  const namesOf = (ctx: Ctx, into = new Set<string>(), seen = new Set<Ctx>()): Set<string> => {
    if (seen.has(ctx)) return into;
    seen.add(ctx);
    for (const f of ctx.files) for (const n of f.byName.keys()) into.add(n);
    for (const inc of ctx.includes) namesOf(inc, into, seen);
    return into;
  };

  const handled = new Set<Input>();
  for (const list of folders.values()) {
    const named = (names: string[]) => names.map((n) => list.find((i) => baseName(i.file) === n)).find((i) => i !== undefined);
    const base = named(BASE_NAMES);
    if (!base) continue;
    const override = named(OVERRIDE_NAMES);
    const project = ctxOf(override ? [base, override] : [base]);
    handled.add(base);
    for (const name of base.byName.keys()) apply(base.units[base.byName.get(name)!], resolve(project, name), project.files);
    if (override) {
      handled.add(override);
      const baseCtx = ctxOf([base]);
      for (const [name, i] of override.byName) {
        const home = homeOf(baseCtx, name);
        const mine = override.units[i];
        if (home && mine && home !== mine) {
          consumed.add(mine as U);
          apply(home, resolve(project, name), project.files);
        } else apply(mine, resolve(project, name), project.files);
      }
    }
    // A named variant (compose.prod.yaml) is what `-f compose.yaml -f compose.prod.yaml` reads when
    // each of its services is one the base defines or cannot run alone (no image, build or extends):
    // its services are then judged merged into the base's, where the variant names them.
    const baseNames = namesOf(ctxOf([base]));
    for (const v of list) {
      const name = baseName(v.file);
      if (v === base || v === override || BASE_NAMES.includes(name) || OVERRIDE_NAMES.includes(name) || !VARIANT.test(name)) continue;
      if (!v.facts.services.length || !v.facts.services.every((s) => baseNames.has(s.name) || !s.runnable)) continue;
      handled.add(v);
      const variant = ctxOf([base, v]);
      for (const [svc, i] of v.byName) apply(v.units[i], resolve(variant, svc), variant.files);
    }
  }
  // An overlay kept apart from the file it changes (Airflow's scripts/ci/docker-compose/backend-*.yml
  // beside base.yml, mailcow's helper-scripts/docker-compose.override.yml.d/*/docker-compose.override.yml):
  // a file with a service that cannot run alone, or an override file with no base beside it, whose
  // service another file defines runnable, is read as `-f <that file> -f <overlay>`, as a named
  // variant is. That file is the nearest base: in the same folder, else in the deepest folder above it.
  const runnableHome = (f: Input): Input | undefined => {
    // An override file with no base beside it (kept to be copied next to one) overlays every service it names.
    const override = OVERRIDE_NAMES.includes(baseName(f.file));
    const wanted = f.facts.services.filter((s) => override || !s.runnable);
    if (!wanted.length) return undefined;
    // Only a file in the overlay's folder or above it, and not another override, is its base; the nearest first.
    const dir = dirname(f.file);
    const bases = [...byFile.values()]
      .filter((o) => o !== f && !OVERRIDE_NAMES.includes(baseName(o.file)) && isWithin(dirname(o.file), dir))
      .map((o) => ({ o, depth: dirname(o.file) === dir ? Infinity : sharedFolders(o.file, f.file) }))
      .sort((a, b) => b.depth - a.depth || (a.o.file < b.o.file ? -1 : 1));
    for (const s of wanted) {
      const hit = bases.find(({ o }) => {
        const i = o.byName.get(s.name);
        return i !== undefined && o.facts.services[i].runnable;
      });
      if (hit) return hit.o;
    }
    return undefined;
  };
  for (const f of byFile.values()) {
    if (handled.has(f) || f.facts.includes.length) continue;
    const home = runnableHome(f);
    if (!home) continue;
    handled.add(f);
    const variant = ctxOf([home, f]);
    for (const [svc, i] of f.byName) {
      // An overlay entry that finds nothing of its own (build flags, DNS servers) would repeat its home's answer.
      const unit = f.units[i];
      if (unit && f.perService[i].length === 0 && home.byName.has(svc)) consumed.add(unit as U);
      else apply(unit, resolve(variant, svc), variant.files);
    }
  }
  // Every other file is a project of its own: its services may extend others and include files.
  for (const f of byFile.values()) {
    if (handled.has(f)) continue;
    const ctx = ctxOf([f]);
    for (const [name, i] of f.byName) apply(f.units[i], resolve(ctx, name), ctx.files);
  }
  for (const t of templates) for (const u of t.units) consumed.add(u as U);
}

/** Per judged workload (the engine's report entry), the findings of its files that a later file replaced, as `signal, file, line:column` (1-based). */
const overriddenBy = new WeakMap<object, Set<string>>();

export const occurrenceKey = (signal: string, file: string, line: number, column: number) => `${signal}\u0000${file}\u0000${line}:${column}`;

export function markOverridden(workload: object, findings: readonly Finding[]): void {
  overriddenBy.set(workload, new Set(findings.map((f) => occurrenceKey(f.signal, f.file, f.range.start.line + 1, f.range.start.character + 1))));
}

/** What markOverridden recorded for a report entry: values its files set that a later file replaced. */
export function overriddenOf(workload: object): ReadonlySet<string> | undefined {
  return overriddenBy.get(workload);
}

/**
 * The findings of a service made of `layers`, earliest first: slot by slot, what the last layer that
 * set it found. Findings on the service's own key (a spawner with the engine's socket) are kept from
 * every layer. Also the findings a later layer replaced.
 */
function mergeLayers(layers: readonly Layer[]): { findings: Finding[]; overridden: Finding[] } {
  // The findings of each slot, and per slot the slots under it that hold findings: clearing a slot
  // costs what it removes, however many entries its sequence has.
  const bySlot = new Map<string, Finding[]>();
  const under = new Map<string, Set<string>>();
  const overridden: Finding[] = [];
  const drop = (key: string) => {
    const list = bySlot.get(key);
    if (!list) return;
    for (const f of list) overridden.push(f);
    bySlot.delete(key);
  };
  const clear = (slot: string, below: boolean) => {
    drop(slot);
    if (!below) return;
    const keys = under.get(slot);
    if (!keys) return;
    for (const k of keys) drop(k);
    under.delete(slot);
  };
  /** `a.b[c]` lies under `a.b` and `a`. */
  const ancestors = (slot: string): string[] => {
    const out: string[] = [];
    for (let i = 0; i < slot.length; i++) if (slot[i] === '.' || slot[i] === '[') out.push(slot.slice(0, i));
    return out;
  };
  const kept: Finding[] = [];
  const seen = new Set<Finding>();
  for (const l of layers) {
    const service = l.input.facts.services[l.index];
    // A later `set` replaces the slot and all under it; a mapping or sequence replaces only what was found on its own key.
    for (const s of service.slots) clear(s.key, !!s.reset || s.kind === 'set');
    for (const f of l.input.perService[l.index]) {
      const slot = l.input.facts.homes.get(f)?.slot ?? '';
      if (slot === '') {
        if (!seen.has(f)) kept.push(f);
        seen.add(f);
        continue;
      }
      // Entries of a nested sequence are appended: the same entry of two layers is two entries.
      const key = slot.includes('[#') ? `${slot}@${l.id}` : slot;
      const list = bySlot.get(key);
      if (list) {
        if (!list.includes(f)) list.push(f);
        continue;
      }
      bySlot.set(key, [f]);
      for (const a of ancestors(slot)) {
        let set = under.get(a);
        if (!set) under.set(a, (set = new Set()));
        set.add(key);
      }
    }
  }
  const findings = [...kept];
  for (const list of bySlot.values()) for (const f of list) findings.push(f);
  const final = new Set(findings);
  return { findings, overridden: overridden.filter((f) => !final.has(f)) };
}
