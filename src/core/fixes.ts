// Quick fixes as text edits, computed from a parsed document and one finding. A fix is offered only
// where it cannot quietly break the workload; otherwise `why` says what stands in the way, and the
// diagnostic shows that instead. Each fix also declares what it changes (`changes`), in the terms of
// the file's meaning: fixCheck.ts applies the edits, reads the file again and offers the fix only
// when exactly that changed. Pure: text and models in, edits out. Titles and reasons go through
// l10n.t; the lines a fix writes into the file stay as they are.
import * as l10n from '@vscode/l10n';
import type { Finding } from './advisor/types';
import { baseImageOf } from './parse/dockerfile-base';
import type { DfInstruction, DockerfileModel } from './parse/dockerfile';
import type { ConfigModel, ConfigNode, ModelBase, Pos, Range } from './parse/types';
import { child, childString, walkNodes } from './parse/configNodes';
import { lineAtOffset } from './parse/lines';

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * What a fix changes, as the file's reader sees it. For YAML: a value set, appended to or deleted at a
 * path of keys (sequence indexes as strings) from the document's root. For a Dockerfile: one
 * instruction inserted before the instruction at `index` (at the end when `index` is their number).
 */
export type Change =
  | { kind: 'config'; op: 'set'; path: string[]; value: unknown }
  | { kind: 'config'; op: 'append'; path: string[]; values: unknown[] }
  | { kind: 'config'; op: 'delete'; path: string[] }
  | { kind: 'dockerfile'; index: number; stage: number; keyword: string; flags: string; args: string; comment?: string };

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** What the edits change, and nothing else (checked by fixCheck.ts before the fix is offered). */
  changes: Change[];
  /**
   * What the advisor shows after the fix, when not simply the finding gone: a signal it gives, the
   * signal it removes, and signals that may appear as a consequence the title names.
   */
  expect?: { gone?: string; added?: string; also?: string[] };
  /** The obvious choice among the fixes of one problem. */
  preferred?: boolean;
  /** Needs a choice or set-up beyond the file (a RuntimeClass in the cluster): `fix` applies it only when asked by signal. */
  manual?: true;
}

export interface FixResult {
  fixes: Fix[];
  /** Why nothing (or less than the obvious fix) is offered, in a sentence. */
  why?: string;
}

export interface FixInput {
  model: ModelBase;
  text: string;
  /** The finding to fix. */
  finding: Finding;
  /** Every finding of the document: what else a workload shows (a VPN needing NET_ADMIN). */
  findings?: readonly Finding[];
}

/** The uid the Dockerfile fix switches to: high enough to match no system user on common bases. */
export const NON_ROOT_UID = 10001;

type Fixer = (input: FixInput) => FixResult | undefined;

const FIXERS: Record<string, Partial<Record<ModelBase['format'], Fixer>>> = {
  'hardening.root-user': {
    dockerfile: (i) => dockerfileUser(i.model as DockerfileModel, i.text),
    kubernetes: (i) => securityContextFix(i, { runAsNonRoot: 'true' }),
  },
  'hardening.privileged': { compose: (i) => composePrivileged(i), kubernetes: (i) => kubernetesPrivileged(i) },
  'hardening.privilege-escalation': { kubernetes: (i) => securityContextFix(i, { allowPrivilegeEscalation: 'false' }) },
  'hardening.no-security-context': { kubernetes: (i) => securityContextFix(i, { allowPrivilegeEscalation: 'false', runAsNonRoot: 'true' }) },
  'sandboxing.code-execution': { kubernetes: (i) => runtimeClassFix(i) },
  'sandboxing.ci-runner': { kubernetes: (i) => runtimeClassFix(i) },
};

/** Whether a signal in a format has a fixer at all (fixes may still be withheld for a given file). */
export function hasFixer(signal: string, format: ModelBase['format']): boolean {
  return FIXERS[signal]?.[format] !== undefined;
}

/** The fixes for one finding; undefined when the signal has no fixer in this format. */
export function fixesFor(input: FixInput): FixResult | undefined {
  const fixer = FIXERS[input.finding.signal]?.[input.model.format];
  return fixer ? fixer(input) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** The last text's line starts: the fixes for one document ask for them once per finding, and a 2,000-line file has hundreds. */
let memo: { text: string; starts: number[] } | undefined;

const lineStarts = (text: string): number[] => {
  if (memo && memo.text === text) return memo.starts;
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  memo = { text, starts: out };
  return out;
};

const offsetOf = (starts: number[], text: string, p: Pos): number => {
  if (p.line >= starts.length) return text.length;
  return Math.min(starts[p.line] + p.character, p.line + 1 < starts.length ? starts[p.line + 1] : text.length);
};

/** Applies non-overlapping edits to a text (what the editor does with a WorkspaceEdit). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const sorted = edits
    .map((e) => ({ from: offsetOf(starts, text, e.range.start), to: offsetOf(starts, text, e.range.end), text: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

const at = (line: number, character = 0): Pos => ({ line, character });
const point = (p: Pos): Range => ({ start: p, end: p });
const lineCount = (text: string) => lineStarts(text).length;
const eol = (text: string) => {
  const first = text.indexOf('\n');
  return first > 0 && text.charCodeAt(first - 1) === 13 ? '\r\n' : '\n';
};

/** An edit inserting whole lines before line `line` (at the end of the text when past it). */
function insertLines(text: string, line: number, lines: string[]): TextEdit {
  const nl = eol(text);
  const n = lineCount(text);
  if (line < n) return { range: point(at(line)), newText: lines.join(nl) + nl };
  // Past the end: a text without a final newline gets the lines after a newline, and still ends without one.
  const ends = text.length === 0 || text.endsWith('\n');
  return { range: point(at(n - 1, lineText(text, n - 1).length)), newText: ends ? lines.join(nl) + nl : nl + lines.join(nl) };
}

function lineText(text: string, line: number): string {
  const starts = lineStarts(text);
  if (line >= starts.length) return '';
  const end = line + 1 < starts.length ? starts[line + 1] : text.length;
  return text.slice(starts[line], end).replace(/\r?\n$/, '');
}

/** The line after a node's last line (block nodes end at column 0 of the line after them). */
function lineAfter(r: Range): number {
  return r.end.character === 0 && r.end.line > r.start.line ? r.end.line : r.end.line + 1;
}

/** The lines a node occupies, as a range from the start of its first line to the start of the next. */
function wholeLines(text: string, r: Range): Range {
  const next = lineAfter(r);
  const n = lineCount(text);
  if (next >= n) {
    // The last lines of a text without a final newline: take the newline before them, so none is left at the end.
    const from = !text.endsWith('\n') && r.start.line > 0 ? at(r.start.line - 1, lineText(text, r.start.line - 1).length) : at(r.start.line);
    return { start: from, end: at(n - 1, lineText(text, n - 1).length) };
  }
  return { start: at(r.start.line), end: at(next) };
}

const containsPos = (r: Range, p: Pos) =>
  (r.start.line < p.line || (r.start.line === p.line && r.start.character <= p.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

const spaces = (n: number) => ' '.repeat(Math.max(0, n));

// ---------------------------------------------------------------------------------------------
// Dockerfile: run the final stage as a non-root user

const PRIVILEGED_START = /\b(gosu|su-exec|setpriv|runuser|sudo|su|chroot|s6-setuidgid|supervisord|systemd|init)\b/;
const SCRIPT_START = /(\.sh\b|docker-entrypoint|entrypoint\b)/;
const WINDOWS_IMAGE = /(windows|nanoserver|servercore)/i;
/** Instructions that need root at build time; USER goes after the last of them. */
const BUILD_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** The last line of an instruction, its heredoc bodies included. */
function endLine(ins: DfInstruction): number {
  let end = ins.range.end.line;
  for (const h of ins.heredocs) end = Math.max(end, (h.delimiterRange ?? h.contentRange ?? h.startRange).end.line);
  return end;
}

function ports(ins: DfInstruction): number[] {
  return ins.arguments.map((a) => Number.parseInt(a.value, 10)).filter((p) => Number.isFinite(p));
}

/** `USER 10001` in the final stage, unless the stage shows it needs root to start. */
export function dockerfileUser(model: DockerfileModel, text: string): FixResult {
  const final = model.stages[model.finalStage];
  if (!final) return { fixes: [] };
  const user = model.finalUser?.value.split(':')[0];
  if (user && user !== 'root' && user !== '0') return { fixes: [] };
  const own = model.instructions.filter((i) => i.stage === model.finalStage);
  const image = baseImageOf(model, model.finalStage) ?? '';
  if (WINDOWS_IMAGE.test(image)) return { fixes: [], why: l10n.t('Windows images choose their account with `USER ContainerUser`; no uid is added automatically.') };
  for (const ins of own) {
    if (ins.keyword === 'EXPOSE') {
      const low = ports(ins).find((p) => p > 0 && p < 1024);
      if (low !== undefined) return { fixes: [], why: l10n.t('It listens on port {0}, below 1024, which a non-root user cannot bind without CAP_NET_BIND_SERVICE; move the port up, then add a USER line.', low) };
    }
    if (ins.keyword === 'VOLUME') return { fixes: [], why: l10n.t('It declares a VOLUME, which Docker creates owned by root; a non-root user could not write to it. Create and chown the folder first, then add a USER line.') };
    if (ins.keyword === 'ENTRYPOINT' || ins.keyword === 'CMD') {
      const args = ins.args;
      if (PRIVILEGED_START.test(args)) return { fixes: [], why: l10n.t('Its start command switches users or starts an init itself, which needs root; a USER line would stop it from starting.') };
      if (ins.keyword === 'ENTRYPOINT' && SCRIPT_START.test(args)) return { fixes: [], why: l10n.t('Its entrypoint script may switch users itself; check the script, then add a USER line by hand.') };
    }
  }
  // After the last build step, and after any USER already there (`USER root` must not come later).
  let after = model.instructions[final.fromInstruction];
  for (const ins of own) if (BUILD_STEPS.has(ins.keyword) || ins.keyword === 'USER') after = ins;
  const comment = `# Unprivileged at run time: files the process writes must be writable by uid ${NON_ROOT_UID}.`;
  const edit = insertLines(text, endLine(after) + 1, [comment, `USER ${NON_ROOT_UID}`]);
  const index = model.instructions.indexOf(after) + 1;
  return {
    fixes: [{
      title: l10n.t('Run as a non-root user: add `USER {0}`', NON_ROOT_UID),
      edits: [edit],
      changes: [{ kind: 'dockerfile', index, stage: model.finalStage, keyword: 'USER', flags: '', args: String(NON_ROOT_UID), comment }],
      preferred: true,
    }],
  };
}

/** The HEALTHCHECK template needs an HTTP port and a client to call it with. */
const HTTP_PORTS = new Set([80, 443, 3000, 4000, 5000, 8000, 8080, 8081, 8443, 8888, 9000]);

/**
 * A HEALTHCHECK for a final stage that exposes an HTTP port and installs curl or wget; otherwise a
 * reason, because a health check that cannot run marks a healthy container unhealthy.
 */
export function dockerfileHealthcheck(model: DockerfileModel, text: string): FixResult {
  const final = model.stages[model.finalStage];
  if (!final) return { fixes: [] };
  const own = model.instructions.filter((i) => i.stage === model.finalStage);
  if (own.some((i) => i.keyword === 'HEALTHCHECK')) return { fixes: [] };
  const port = own.filter((i) => i.keyword === 'EXPOSE').flatMap(ports).find((p) => HTTP_PORTS.has(p));
  if (port === undefined) return { fixes: [], why: l10n.t('No HTTP port is exposed, so there is nothing generic to check.') };
  const runs = own.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
  const client = /\bcurl\b/.test(runs) ? 'curl' : /\bwget\b/.test(runs) ? 'wget' : undefined;
  if (!client) return { fixes: [], why: l10n.t('Neither curl nor wget is installed in the final stage, so a health check could not call the port.') };
  const scheme = port === 443 || port === 8443 ? 'https' : 'http';
  const call = client === 'curl' ? `curl -fsS ${scheme}://localhost:${port}/ || exit 1` : `wget -qO- ${scheme}://localhost:${port}/ || exit 1`;
  const cmd = own.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const last = own[own.length - 1];
  const line = cmd ? cmd.range.start.line : endLine(last) + 1;
  const flags = '--interval=30s --timeout=5s --retries=3';
  const edit = insertLines(text, line, [`HEALTHCHECK ${flags} CMD ${call}`]);
  const index = cmd ? model.instructions.indexOf(cmd) : model.instructions.indexOf(last) + 1;
  return {
    fixes: [{
      title: l10n.t('Add a HEALTHCHECK that calls port {0} with {1}', port, client),
      edits: [edit],
      changes: [{ kind: 'dockerfile', index, stage: model.finalStage, keyword: 'HEALTHCHECK', flags, args: `CMD ${call}` }],
      expect: { added: 'cloud-native.healthcheck' },
    }],
  };
}

// ---------------------------------------------------------------------------------------------
// YAML edits that keep the file's style: block pairs on their own lines, flow pairs inside `{…}`

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/** The text of a line from a column to its end, without the line break. */
const restOf = (text: string, p: Pos) => lineText(text, p.line).slice(p.character);

/** Where a node's value starts in the text: the first `{` or `[` of a flow collection, when it is one. */
function opener(text: string, n: ConfigNode): string | undefined {
  const r = n.valueRange ?? n.range;
  const c = lineText(text, r.start.line).charAt(r.start.character);
  return c === '{' || c === '[' ? c : undefined;
}

/** A pair written on lines of its own: nothing but indentation before its key, nothing but a comment after its value. */
function onOwnLines(text: string, n: ConfigNode): { comment: string } | undefined {
  const before = lineText(text, n.keyRange.start.line).slice(0, n.keyRange.start.character);
  if (before.trim() !== '') return undefined;
  const after = restOf(text, n.range.end).trim();
  if (after !== '' && !after.startsWith('#')) return undefined;
  return { comment: after };
}

/**
 * The edit removing one `key: value` pair, in block or flow style; a comment after it stays on its
 * line. Undefined where the pair cannot be cut out on its own (the first key of a `- ` item).
 */
function removePair(text: string, n: ConfigNode): TextEdit | undefined {
  const own = onOwnLines(text, n);
  if (own) {
    const lines = wholeLines(text, { start: n.keyRange.start, end: n.range.end });
    if (!own.comment) return { range: lines, newText: '' };
    // Keep the comment where it was, on a line of its own at the pair's indentation.
    return linesInstead(text, lines, [spaces(n.keyRange.start.character) + own.comment]);
  }
  // In a flow mapping: the pair and the comma after it, or the comma before it when it is last.
  const starts = lineStarts(text);
  const from = offsetOf(starts, text, n.keyRange.start);
  const to = offsetOf(starts, text, n.range.end);
  const prefix = text.slice(0, from);
  let i = to;
  while (isSpace(text[i])) i++;
  if (text[i] === ',') {
    i++;
    while (isSpace(text[i])) i++;
    // Alone on its line inside a flow mapping written over several lines: the whole line goes.
    const lineStart = starts[n.keyRange.start.line];
    if (prefix.slice(lineStart).trim() === '' && (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n'))) {
      return { range: { start: at(n.keyRange.start.line), end: at(n.keyRange.start.line + 1) }, newText: '' };
    }
    return { range: { start: n.keyRange.start, end: posOf(starts, i) }, newText: '' };
  }
  let j = from - 1;
  while (j >= 0 && isSpace(prefix[j])) j--;
  if (prefix[j] === ',') return { range: { start: posOf(starts, j), end: n.range.end }, newText: '' };
  if (prefix[j] === '{') return { range: { start: n.keyRange.start, end: n.range.end }, newText: '' };
  return undefined;
}

function posOf(starts: number[], offset: number): Pos {
  const line = lineAtOffset(starts, offset);
  return { line, character: offset - starts[line] };
}

/** Whole lines in place of the lines `wholeLines` gave (which may start at the end of the line before them). */
function linesInstead(text: string, r: Range, lines: string[]): TextEdit {
  const nl = eol(text);
  const lead = r.start.character > 0 ? nl : '';
  const tail = r.end.character === 0 && r.end.line > r.start.line ? nl : '';
  return { range: r, newText: lead + lines.join(nl) + tail };
}

/** A scalar as it is written in YAML: the few values fixes write need no quotes. */
type Flowable = string | boolean | number | Flowable[] | { [k: string]: Flowable };

function flowText(v: Flowable): string {
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${flowText(x)}`).join(', ')}}`;
  return String(v);
}

function blockLines(key: string, v: Flowable, indent: number, step: number, seqIndent: number): string[] {
  if (Array.isArray(v)) return [`${spaces(indent)}${key}:`, ...v.map((x) => `${spaces(indent + seqIndent)}- ${flowText(x)}`)];
  if (v !== null && typeof v === 'object') return [`${spaces(indent)}${key}:`, ...Object.entries(v).flatMap(([k, x]) => blockLines(k, x, indent + step, step, seqIndent))];
  return [`${spaces(indent)}${key}: ${String(v)}`];
}

interface Style {
  /** Spaces per mapping level. */
  step: number;
  /** Spaces from a key to the `- ` of its sequence items (0 for `key:\n- item`). */
  seqIndent: number;
}

/**
 * Edits adding pairs to a mapping node (a keyed node with a mapping value, or a sequence item that is a
 * mapping): after its last key in block style, before its closing brace in flow style. Undefined where
 * the mapping is neither (an alias, an empty value).
 */
function addPairs(text: string, map: ConfigNode, pairs: [string, Flowable][], style: Style, before?: ConfigNode): TextEdit[] | undefined {
  const kids = map.children ?? [];
  const open = opener(text, map);
  if (open === '[') return undefined;
  if (open === '{') {
    const starts = lineStarts(text);
    const body = pairs.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ');
    if (kids.length) return [{ range: point(kids[kids.length - 1].range.end), newText: `, ${body}` }];
    // `{}`: between the braces.
    const r = map.valueRange ?? map.range;
    const at = offsetOf(starts, text, r.start) + 1;
    return [{ range: point(posOf(starts, at)), newText: body }];
  }
  if (!kids.length) return undefined;
  const col = kids[0].keyRange.start.character;
  // Block style needs every key at its own line start, or the new lines would land inside another value.
  if (kids.some((k) => k.keyRange.start.character !== col && k.keyRange.start.line !== map.keyRange.start.line)) return undefined;
  const lines = pairs.flatMap(([k, v]) => blockLines(k, v, col, style.step, style.seqIndent));
  if (before) return [insertLines(text, before.keyRange.start.line, lines)];
  const last = kids[kids.length - 1];
  if (!onOwnLines(text, last) && last.keyRange.start.line !== map.keyRange.start.line) return undefined;
  return [insertLines(text, lineAfter(last.range), lines)];
}

/** Edits appending items to a sequence node, block or flow. */
function appendItems(text: string, seq: ConfigNode, items: string[]): TextEdit[] | undefined {
  const kids = seq.children ?? [];
  const open = opener(text, seq);
  if (open === '{') return undefined;
  if (open === '[') {
    if (kids.length) return [{ range: point(kids[kids.length - 1].range.end), newText: `, ${items.join(', ')}` }];
    const starts = lineStarts(text);
    const at = offsetOf(starts, text, (seq.valueRange ?? seq.range).start) + 1;
    return [{ range: point(posOf(starts, at)), newText: items.join(', ') }];
  }
  if (!kids.length) return undefined;
  const last = kids[kids.length - 1];
  if (!onOwnLines(text, last) && restOf(text, last.range.end).trim() !== '') return undefined;
  const dash = lineText(text, last.keyRange.start.line).lastIndexOf('-', last.keyRange.start.character);
  if (dash < 0) return undefined;
  return [insertLines(text, lineAfter(last.range), items.map((c) => `${spaces(dash)}- ${c}`))];
}

/** How the file indents: mapping steps and sequence items under their key. */
function styleOf(model: ConfigModel): Style {
  const hit = styleCache.get(model);
  if (hit) return hit;
  let step = 0;
  let seqIndent = -1;
  for (const n of walkNodes(model.roots)) {
    if (!n.children || n.path.length === 0) continue;
    const c = n.children.find((x) => x.keyRange.start.line > n.keyRange.start.line);
    if (!c) continue;
    const d = c.keyRange.start.character - n.keyRange.start.character;
    if (isIndex(c)) {
      // `key:\n  - item`: the dash sits two columns before the item.
      if (seqIndent < 0 && !isIndex(n)) seqIndent = Math.max(0, d - 2);
    } else if (!step && !isIndex(n) && d > 0) step = d;
    if (step && seqIndent >= 0) break;
  }
  const style = { step: step || 2, seqIndent: seqIndent < 0 ? step || 2 : seqIndent };
  styleCache.set(model, style);
  return style;
}

const styleCache = new WeakMap<ConfigModel, Style>();

const isIndex = (n: ConfigNode) => /^\d+$/.test(n.key);

// ---------------------------------------------------------------------------------------------
// Compose: privileged → the capabilities the service appears to need

/** What a service's image, name or command says it needs, by keyword. */
const NEEDS: readonly { test: RegExp; caps: string[] }[] = [
  { test: /wireguard|wg-easy|openvpn|\bvpn\b|tailscale|zerotier|netbird|headscale|strongswan|ipsec/i, caps: ['NET_ADMIN'] },
  { test: /pi-?hole|dnsmasq|dhcp|keepalived/i, caps: ['NET_ADMIN'] },
  { test: /tcpdump|wireshark|tshark|ntopng|nmap|netdata|iftop/i, caps: ['NET_ADMIN', 'NET_RAW'] },
  { test: /\bntp|chrony/i, caps: ['SYS_TIME'] },
];

/** Evidence found elsewhere in the service, and the capability it points to. */
const NEEDS_BY_SIGNAL: Readonly<Record<string, string>> = {
  'state-network.raw-network': 'NET_ADMIN',
  'kernel.cap-sys-time': 'SYS_TIME',
  'kernel.realtime-scheduling': 'SYS_NICE',
};

const needCache = new WeakMap<readonly Finding[], Finding[]>();

/** The findings that point to a capability; filtered once per list, as every privileged service asks. */
function needEvidence(findings: readonly Finding[] | undefined): Finding[] {
  if (!findings) return [];
  let hit = needCache.get(findings);
  if (!hit) {
    hit = findings.filter((f) => NEEDS_BY_SIGNAL[f.signal] !== undefined);
    needCache.set(findings, hit);
  }
  return hit;
}

/** Workloads whose privileged flag stands for more than capabilities: nested containers, init systems. */
const NEEDS_PRIVILEGED = /\bdind\b|docker:.*dind|docker-in-docker|\bkind\b|k3s|rancher|sysbox|systemd|buildkit|podman/i;

/**
 * What a privileged workload appears to need instead of the flag, from what it says about itself
 * (`said`: its name, image and command) and the findings inside `range`; or why the flag should stay.
 */
function capabilitiesNeeded(said: string, range: Range, findings: readonly Finding[] | undefined): { caps: string[] } | { why: string } {
  if (NEEDS_PRIVILEGED.test(said)) {
    return { why: l10n.t('It runs containers or an init system inside, which needs the privileged flag; consider a rootless variant, Sysbox or a VM instead.') };
  }
  const caps: string[] = [];
  for (const n of NEEDS) if (n.test.test(said)) for (const c of n.caps) if (!caps.includes(c)) caps.push(c);
  for (const f of needEvidence(findings)) {
    const c = NEEDS_BY_SIGNAL[f.signal];
    if (c && containsPos(range, f.range.start) && !caps.includes(c)) caps.push(c);
  }
  return { caps };
}

function composeServiceAt(model: ConfigModel, p: Pos): ConfigNode | undefined {
  for (const r of model.roots) {
    for (const s of child(r, 'services')?.children ?? []) if (containsPos(s.range, p)) return s;
  }
  return undefined;
}

const NO_EDIT = () => l10n.t('The file is written in a way this fix cannot edit without touching its neighbours; change it by hand.');

function composePrivileged({ model, text, finding, findings }: FixInput): FixResult {
  const service = composeServiceAt(model as ConfigModel, finding.range.start);
  const flag = child(service, 'privileged');
  if (!service || !flag || flag.children || flag.value !== true) return { fixes: [] };
  const said = [service.key, childString(service, 'image') ?? '', childString(service, 'container_name') ?? '', childString(service, 'command') ?? '', ...(child(service, 'command')?.children ?? []).map((c) => String(c.value ?? ''))].join(' ');
  const need = capabilitiesNeeded(said, service.range, findings);
  if ('why' in need) return { fixes: [], why: need.why };
  const caps = need.caps;
  const remove = removePair(text, flag);
  if (!remove) return { fixes: [], why: NO_EDIT() };
  const drop: Change = { kind: 'config', op: 'delete', path: flag.path };
  const existing = child(service, 'cap_add');
  const have = new Set((existing?.children ?? []).map((c) => String(c.value ?? '').replace(/^CAP_/, '')));
  const missing = caps.filter((c) => !have.has(c));
  if (caps.length === 0) {
    return { fixes: [{ title: l10n.t('Remove `privileged: true` (nothing in the service shows a need for extra capabilities)'), edits: [remove], changes: [drop] }] };
  }
  const list = caps.join(', ');
  if (missing.length === 0) {
    return { fixes: [{ title: l10n.t('Remove `privileged: true` (cap_add already grants {0})', list), edits: [remove], changes: [drop], preferred: true }] };
  }
  if (!existing) {
    const style = styleOf(model as ConfigModel);
    const own = onOwnLines(text, flag);
    // At the flag's place when it has a line of its own; else after the service's last key.
    const edits = own && !own.comment && remove.newText === ''
      ? [linesInstead(text, remove.range, blockLines('cap_add', missing, flag.keyRange.start.character, style.step, style.seqIndent))]
      : addPairs(text, service, [['cap_add', missing]], style)?.concat(remove);
    if (!edits) return { fixes: [], why: NO_EDIT() };
    return {
      fixes: [{
        title: l10n.t('Replace `privileged: true` with `cap_add: [{0}]`', list),
        edits,
        changes: [drop, { kind: 'config', op: 'set', path: [...service.path, 'cap_add'], value: missing }],
        preferred: true,
      }],
    };
  }
  const add = existing.children ? appendItems(text, existing, missing) : undefined;
  if (!add) return { fixes: [], why: NO_EDIT() };
  return {
    fixes: [{
      title: l10n.t('Replace `privileged: true` with {0} in cap_add', missing.join(', ')),
      edits: [remove, ...add],
      changes: [drop, { kind: 'config', op: 'append', path: existing.path, values: missing }],
      preferred: true,
    }],
  };
}

// ---------------------------------------------------------------------------------------------
// Kubernetes: securityContext keys and runtimeClassName

const podSpecCache = new WeakMap<ConfigModel, ConfigNode[]>();

/** Pod specs: mappings with a `containers` sequence. Once per model: every finding of a large manifest asks. */
function podSpecs(model: ConfigModel): ConfigNode[] {
  const hit = podSpecCache.get(model);
  if (hit) return hit;
  const out: ConfigNode[] = [];
  for (const n of walkNodes(model.roots)) if (n.children && child(n, 'containers')?.children) out.push(n);
  podSpecCache.set(model, out);
  return out;
}

/** The document (Kubernetes object) that holds a position. */
function rootAt(model: ConfigModel, p: Pos): ConfigNode | undefined {
  return model.roots.find((r) => containsPos(r.range, p));
}

/** The innermost pod spec around a position; the document's only pod spec when the position is outside every one. */
function podSpecAt(model: ConfigModel, p: Pos): ConfigNode | undefined {
  const specs = podSpecs(model);
  const inside = specs.filter((s) => containsPos(s.range, p));
  if (inside.length) return inside[inside.length - 1];
  const root = rootAt(model, p);
  const inRoot = root ? specs.filter((s) => containsPos(root.range, s.range.start)) : [];
  return inRoot.length === 1 ? inRoot[0] : specs.length === 1 ? specs[0] : undefined;
}

/** The containers a finding concerns: the one it lies in, or every container of its pod spec. */
function containersAt(model: ConfigModel, p: Pos): ConfigNode[] {
  const spec = podSpecAt(model, p);
  if (!spec) return [];
  const all = ['initContainers', 'containers'].flatMap((k) => child(spec, k)?.children ?? []).filter((c) => c.children?.length);
  // By line: a finding on `- name: x` starts at the dash, before the item's own range.
  const one = all.find((c) => c.range.start.line <= p.line && p.line < lineAfter(c.range) && (c.range.start.line !== c.range.end.line || containsPos(c.range, p) || p.character < c.range.start.character));
  return one ? [one] : (child(spec, 'containers')?.children ?? []).filter((c) => c.children?.length);
}

/** A YAML scalar written by a fix, as the reader gives it back. */
const scalar = (v: string): Flowable => (v === 'true' ? true : v === 'false' ? false : /^-?\d+$/.test(v) ? Number(v) : v);

/** Edits that make a container's securityContext hold `want` (key → YAML scalar), with the changes they make. */
function securityContextEdits(text: string, container: ConfigNode, want: Record<string, string>, style: Style): { edits: TextEdit[]; changes: Change[] } | undefined {
  const sc = child(container, 'securityContext');
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  if (sc) {
    if (!sc.children) return undefined; // an alias or a scalar: not ours to rewrite
    const missing: [string, Flowable][] = [];
    for (const [k, v] of Object.entries(want)) {
      const has = child(sc, k);
      if (!has) missing.push([k, scalar(v)]);
      else if (String(has.value) !== v) {
        if (!has.valueRange || has.children) return undefined;
        edits.push({ range: has.valueRange, newText: v });
      } else continue;
      changes.push({ kind: 'config', op: 'set', path: [...sc.path, k], value: scalar(v) });
    }
    if (missing.length) {
      const add = addPairs(text, sc, missing, style);
      if (!add) return undefined;
      edits.push(...add);
    }
    return { edits, changes };
  }
  const value = Object.fromEntries(Object.entries(want).map(([k, v]) => [k, scalar(v)]));
  const add = addPairs(text, container, [['securityContext', value]], style);
  if (!add) return undefined;
  return { edits: add, changes: [{ kind: 'config', op: 'set', path: [...container.path, 'securityContext'], value }] };
}

function securityContextFix({ model, text, finding }: FixInput, want: Record<string, string>): FixResult {
  const containers = containersAt(model as ConfigModel, finding.range.start);
  if (containers.length === 0) return { fixes: [] };
  if (want.runAsNonRoot) {
    const spec = podSpecAt(model as ConfigModel, finding.range.start);
    const asRoot = [...containers.map((c) => child(c, 'securityContext', 'runAsUser')), child(spec, 'securityContext', 'runAsUser')].some((n) => n && String(n.value) === '0');
    if (asRoot) return { fixes: [], why: l10n.t('`runAsUser: 0` asks for root explicitly; set it to the uid the image is built for, then add `runAsNonRoot: true`.') };
  }
  const style = styleOf(model as ConfigModel);
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  for (const c of containers) {
    const r = securityContextEdits(text, c, want, style);
    if (!r) return { fixes: [], why: NO_EDIT() };
    edits.push(...r.edits);
    changes.push(...r.changes);
  }
  if (edits.length === 0) return { fixes: [] };
  const keys = Object.entries(want).map(([k, v]) => `${k}: ${v}`).join(', ');
  const title =
    containers.length === 1
      ? l10n.t('Set {0} in the securityContext of container `{1}`', keys, childString(containers[0], 'name') ?? containers[0].key)
      : l10n.t('Set {0} in the securityContext of {1} containers', keys, containers.length);
  return { fixes: [{ title, edits, changes, preferred: true }] };
}

/**
 * `privileged: true` in a container's securityContext: replaced by `capabilities.add` with what the
 * container appears to need, or removed when it shows no need. Withheld (with the reason) where the
 * flag is likely the point: node agents run as DaemonSets (storage and network drivers, monitors),
 * containers that mount host paths, and the nested-container and init-system cases of compose.
 */
function kubernetesPrivileged({ model, text, finding, findings }: FixInput): FixResult {
  const m = model as ConfigModel;
  const container = containersAt(m, finding.range.start).find((c) => containsPos(c.range, finding.range.start));
  const flag = child(container, 'securityContext', 'privileged');
  if (!container || !flag || flag.children || flag.value !== true) return { fixes: [] };
  const kind = childString(rootAt(m, finding.range.start), 'kind') ?? '';
  if (kind === 'DaemonSet') {
    return { fixes: [], why: l10n.t('A DaemonSet usually runs a node agent (a storage or network driver, a monitor) that needs privileged access to the node; check what it does on the host before taking the flag away.') };
  }
  const spec = podSpecAt(m, finding.range.start);
  const hostPaths = (child(spec, 'volumes')?.children ?? []).filter((v) => child(v, 'hostPath'));
  if (hostPaths.length > 0) {
    return { fixes: [], why: l10n.t('The pod mounts host paths, which privileged mode may be there to write to; check them before taking the flag away.') };
  }
  const said = [childString(container, 'name') ?? '', childString(container, 'image') ?? '', ...['command', 'args'].flatMap((k) => (child(container, k)?.children ?? []).map((c) => String(c.value ?? '')))].join(' ');
  const need = capabilitiesNeeded(said, container.range, findings);
  if ('why' in need) return { fixes: [], why: need.why };
  const caps = need.caps;
  const sc = child(container, 'securityContext');
  if (!sc) return { fixes: [] };
  const have = new Set((child(sc, 'capabilities', 'add')?.children ?? []).map((c) => String(c.value ?? '').replace(/^CAP_/, '')));
  const missing = caps.filter((c) => !have.has(c));
  const name = childString(container, 'name') ?? container.key;
  if (missing.length === 0) {
    // A securityContext that held only the flag goes with it.
    const alone = sc.children?.length === 1;
    const target = alone ? sc : flag;
    const remove = removePair(text, target);
    if (!remove) return { fixes: [], why: NO_EDIT() };
    const title = alone
      ? caps.length === 0
        ? l10n.t('Remove `privileged: true` and the securityContext it is alone in from container `{0}` (nothing in it shows a need for extra capabilities)', name)
        : l10n.t('Remove `privileged: true` and the securityContext it is alone in from container `{0}` (capabilities.add already grants {1})', name, caps.join(', '))
      : caps.length === 0
        ? l10n.t('Remove `privileged: true` from container `{0}` (nothing in it shows a need for extra capabilities)', name)
        : l10n.t('Remove `privileged: true` from container `{0}` (capabilities.add already grants {1})', name, caps.join(', '));
    return {
      fixes: [{
        title,
        edits: [remove],
        changes: [{ kind: 'config', op: 'delete', path: target.path }],
        // Without its securityContext the container shows it has none, as the title says.
        expect: alone ? { gone: 'hardening.privileged', also: ['hardening.no-security-context'] } : undefined,
        preferred: caps.length > 0,
      }],
    };
  }
  // The capabilities need a block of their own; an existing `capabilities:` is left for the person to merge.
  if (child(sc, 'capabilities')) {
    return { fixes: [], why: l10n.t('The container already has a capabilities block; add {0} to it and remove `privileged: true` by hand.', missing.join(', ')) };
  }
  const remove = removePair(text, flag);
  const style = styleOf(m);
  const own = onOwnLines(text, flag);
  let edits: TextEdit[] | undefined;
  if (remove && own && !own.comment && remove.newText === '') {
    // At the flag's place: its lines become the capabilities block.
    edits = [linesInstead(text, remove.range, blockLines('capabilities', { add: missing }, flag.keyRange.start.character, style.step, style.seqIndent))];
  } else if (remove) {
    const add = addPairs(text, sc, [['capabilities', { add: missing }]], style);
    edits = add ? [remove, ...add] : undefined;
  }
  if (!edits) return { fixes: [], why: NO_EDIT() };
  return {
    fixes: [{
      title: l10n.t('Replace `privileged: true` with `capabilities.add: [{0}]` in container `{1}`', missing.join(', '), name),
      edits,
      changes: [{ kind: 'config', op: 'delete', path: flag.path }, { kind: 'config', op: 'set', path: [...sc.path, 'capabilities'], value: { add: missing } }],
      preferred: true,
    }],
  };
}

/** The runtime classes offered for untrusted code, with the name clusters usually give them. */
export const SANDBOX_RUNTIMES: readonly { name: string; runtime: string }[] = [
  { name: 'gVisor', runtime: 'gvisor' },
  { name: 'Kata Containers', runtime: 'kata' },
];

function runtimeClassFix({ model, text, finding }: FixInput): FixResult {
  const spec = podSpecAt(model as ConfigModel, finding.range.start);
  if (!spec || !spec.children?.length) return { fixes: [] };
  const existing = child(spec, 'runtimeClassName');
  if (existing && existing.value && SANDBOX_RUNTIMES.some((r) => String(existing.value).includes(r.runtime))) return { fixes: [] };
  // Before `containers`, so the line lands in the pod spec whatever follows it.
  const anchor = child(spec, 'containers');
  const style = styleOf(model as ConfigModel);
  const fixes: Fix[] = [];
  for (const [i, r] of SANDBOX_RUNTIMES.entries()) {
    const edits = existing?.valueRange && !existing.children ? [{ range: existing.valueRange, newText: r.runtime }] : existing ? undefined : addPairs(text, spec, [['runtimeClassName', r.runtime]], style, anchor && onOwnLines(text, anchor) ? anchor : undefined);
    if (!edits) return { fixes: [], why: NO_EDIT() };
    fixes.push({
      title: existing
        ? l10n.t('Run the pod in {0}: set `runtimeClassName: {1}` (needs that RuntimeClass in the cluster)', r.name, r.runtime)
        : l10n.t('Run the pod in {0}: add `runtimeClassName: {1}` (needs that RuntimeClass in the cluster)', r.name, r.runtime),
      edits,
      changes: [{ kind: 'config', op: 'set', path: [...spec.path, 'runtimeClassName'], value: r.runtime }],
      expect: { added: 'sandboxing.sandbox-runtime' },
      preferred: i === 0,
      manual: true,
    });
  }
  return { fixes };
}
