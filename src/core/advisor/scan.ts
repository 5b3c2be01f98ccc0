// Walks the folders to advise on and picks the configuration files, telling the caller about every
// file it leaves out and why. Never follows a link to a folder (so no loops and no escapes), follows
// a link to a file only when its real target lies inside the scanned folder and is not read already
// (where it lies, or through another link), and reads nothing here: reading (once per file, size and
// binary checks, UTF-8 decoding) is loadCandidate's job.
import { readChartArchive, type ChartArchive } from '../helm/archive';
import { formatByName, isCandidateName } from '../parse/detect';
import { relativeTo, type ReadOnlyFs } from '../fs';
import { compileFolderGlob, compileGlob } from './glob';

/** Folders of dependencies, tool data and version control: never scanned unless the caller says otherwise. */
export const DEFAULT_SKIPPED_FOLDERS: readonly string[] = [
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  'third_party',
  'third-party',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.terraform',
  '.vagrant',
  '.gradle',
  '.next',
  '.cache',
];

// The file watcher exclusions (`files.watcherExclude`) that may hide a change to a file the scan
// reads: all but those inside folders the scan never enters (`**/.git/objects/**`,
// `**/node_modules/*/**`). While any is left, a scan cannot rely on the watcher.
export function exclusionsHidingScannedFiles(patterns: readonly string[], skipFolders: readonly string[] = DEFAULT_SKIPPED_FOLDERS): string[] {
  const skipped = new Set(skipFolders);
  return patterns.filter((p) => {
    const m = /^\*\*\/([^/*?{}[\]]+)\//.exec(p.trim());
    return !(m && skipped.has(m[1]));
  });
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export interface ScanProgress {
  /** Files seen so far (excluded folders not counted). */
  files: number;
  /** Files whose name makes them possible configuration files. */
  candidates: number;
}

/** Why something was left out, for grouping: the reason says it in words. */
export type SkipKind = 'default-folder' | 'excluded' | 'too-large' | 'binary' | 'link' | 'unreadable' | 'unsupported';

export interface Skipped {
  /** Relative to the scanned folder ('/' separated). */
  file: string;
  reason: string;
  kind: SkipKind;
}

export interface Candidate {
  /** Absolute path in the file system. */
  path: string;
  /** Relative to the scanned folder, prefixed with the folder's label in a multi-folder scan. */
  rel: string;
}

export interface WalkOptions {
  exclude?: readonly string[];
  /** Globs matched as VS Code matches `files.exclude` (glob.ts compileFolderGlob): from the root, a name alone only at the root. */
  folderExclude?: readonly string[];
  /** Folder names never entered; defaults to DEFAULT_SKIPPED_FOLDERS. */
  skipFolders?: readonly string[];
  /** Prefix for relative paths (the folder's name in a multi-folder scan), without a trailing '/'. */
  label?: string;
  concurrency?: number;
  onProgress?: (p: ScanProgress) => void;
  isCancelled?: () => boolean;
}

export interface WalkResult {
  candidates: Candidate[];
  skipped: Skipped[];
  files: number;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** The scan's root could not be read as a folder; the CLI turns it into exit code 2. */
export class RootError extends Error {}

const codeOf = (e: unknown): string => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '');

/** Runs `fn` over `items` with at most `limit` at a time, in order of start. */
export async function runPool<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>, isCancelled?: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (isCancelled?.()) throw new CancelledError();
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

interface ExcludeRule {
  glob: string;
  test: (rel: string) => boolean;
}

/** The first exclude pattern matching a relative path, if any. */
export function excludedBy(rules: readonly ExcludeRule[], rel: string): string | undefined {
  for (const r of rules) if (r.test(rel)) return r.glob;
  return undefined;
}

export async function walk(fs: ReadOnlyFs, root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const rules: ExcludeRule[] = [
    ...(options.folderExclude ?? []).filter((g) => g.trim() !== '').map((glob) => ({ glob, test: compileFolderGlob(glob) })),
    ...(options.exclude ?? []).filter((g) => g.trim() !== '').map((glob) => ({ glob, test: compileGlob(glob) })),
  ];
  const skipFolders = new Set(options.skipFolders ?? DEFAULT_SKIPPED_FOLDERS);
  const label = options.label ? options.label.replace(/\/+$/, '') : '';
  const shown = (rel: string) => (label ? (rel ? `${label}/${rel}` : label) : rel);
  const concurrency = options.concurrency ?? 16;
  const cancelled = () => options.isCancelled?.() ?? false;

  const rootStat = await fs.stat(root).catch((e: unknown) => {
    throw new RootError(codeOf(e) === 'ENOENT' ? `${root}: no such folder` : `${root}: cannot be read (${codeOf(e) || String(e)})`);
  });
  if (rootStat.type !== 'dir') throw new RootError(`${root}: not a folder`);
  const rootReal = fs.realPath ? await fs.realPath(root).catch(() => root) : root;

  const result: WalkResult = { candidates: [], skipped: [], files: 0 };
  const skip = (rel: string, reason: string, kind: SkipKind) => result.skipped.push({ file: shown(rel), reason, kind });
  const progress = () => options.onProgress?.({ files: result.files, candidates: result.candidates.length });

  /** Whether a link is a file to scan (with its real path), or else why it is skipped. */
  const checkLink = async (abs: string, rel: string): Promise<{ kind: 'file'; real: string } | { kind: 'skip'; reason: string }> => {
    let real: string | undefined;
    if (fs.realPath) {
      try {
        real = await fs.realPath(abs);
      } catch (e) {
        const code = codeOf(e);
        return { kind: 'skip', reason: code === 'ELOOP' ? 'symbolic link loop' : 'broken symbolic link (its target does not exist)' };
      }
    }
    let type: string;
    try {
      type = (await fs.stat(abs)).type;
    } catch (e) {
      return { kind: 'skip', reason: codeOf(e) === 'ELOOP' ? 'symbolic link loop' : 'broken symbolic link (its target does not exist)' };
    }
    if (real !== undefined && relativeTo(rootReal, real) === null) return { kind: 'skip', reason: 'symbolic link pointing outside the scanned folder' };
    if (type === 'dir') {
      // Folder links are never entered, so the link itself lies at rootReal/rel.
      if (real !== undefined && relativeTo(real, `${rootReal.replace(/\/+$/, '')}/${rel}`) !== null) {
        return { kind: 'skip', reason: 'symbolic link loop (points to a folder that contains it)' };
      }
      return { kind: 'skip', reason: 'symbolic link to a folder, not followed (its target is scanned where it lies)' };
    }
    if (type !== 'file') return { kind: 'skip', reason: 'symbolic link to something that is not a regular file' };
    if (real === undefined) return { kind: 'skip', reason: 'symbolic link not followed (this file system cannot tell where it points)' };
    return { kind: 'file', real };
  };

  // Folder links are never entered, so a file the walk reaches lies at rootReal/rel. A link to a
  // candidate file is decided once the walk is done: the same file must not be read (and become a
  // workload) twice, once where it lies and once through the link.
  const rootBase = rootReal.replace(/\/+$/, '');
  /** The names each file (by real path) is read under. */
  const readReal = new Map<string, string[]>();
  const fileLinks: { path: string; rel: string; real: string }[] = [];

  let level: string[] = [''];
  while (level.length) {
    const nextLevel: string[][] = [];
    await runPool(
      level,
      concurrency,
      async (rel, index) => {
        const abs = rel ? `${root.replace(/\/+$/, '')}/${rel}` : root;
        let entries;
        try {
          entries = await fs.readDir(abs);
        } catch (e) {
          skip(rel, `folder could not be read (${codeOf(e) || 'error'})`, 'unreadable');
          return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const subdirs: string[] = [];
        for (const entry of entries) {
          const childRel = rel ? `${rel}/${entry.name}` : entry.name;
          const childAbs = `${abs.replace(/\/+$/, '')}/${entry.name}`;
          const excluded = rules.length ? excludedBy(rules, childRel) : undefined;
          if (entry.type === 'dir') {
            if (skipFolders.has(entry.name)) skip(childRel, `${entry.name} folder not scanned (dependencies, caches or version control)`, 'default-folder');
            else if (excluded !== undefined) skip(childRel, `excluded by the pattern ${excluded}`, 'excluded');
            else subdirs.push(childRel);
            continue;
          }
          // A packaged subchart (`charts/redis-19.0.1.tgz`) is read with the chart that holds it.
          const candidate = isCandidateName(entry.name) || (CHART_ARCHIVE.test(entry.name) && (rel === 'charts' || rel.endsWith('/charts')));
          if (excluded !== undefined) {
            // Only possible configuration files are worth listing; excluded source files are noise.
            if (candidate || entry.type === 'symlink') skip(childRel, `excluded by the pattern ${excluded}`, 'excluded');
            continue;
          }
          if (entry.type === 'file') {
            result.files++;
            if (candidate) {
              result.candidates.push({ path: childAbs, rel: shown(childRel) });
              readReal.set(`${rootBase}/${childRel}`, [childRel]);
            }
          } else if (entry.type === 'symlink') {
            const link = await checkLink(childAbs, childRel);
            if (link.kind === 'skip') skip(childRel, link.reason, 'link');
            else if (candidate) fileLinks.push({ path: childAbs, rel: childRel, real: link.real });
            else result.files++;
          } else if (candidate) skip(childRel, 'not a regular file', 'unreadable');
        }
        nextLevel[index] = subdirs;
        progress();
      },
      cancelled,
    );
    level = nextLevel.flat();
  }
  if (cancelled()) throw new CancelledError();
  fileLinks.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const link of fileLinks) {
    const target = relativeTo(rootBase || '/', link.real) ?? link.real;
    const names = readReal.get(link.real) ?? [];
    // Skipped when the file is read already under a name of the same format, or when the link's name
    // gives none (it would be told by content, as it is where it lies). A link whose name alone makes
    // it another format (`Dockerfile` -> `base.txt`) reads the file differently and is kept.
    const named = formatByName(link.rel);
    const readAs = names.find((n) => named === null || formatByName(n) === named);
    if (readAs === target) skip(link.rel, `symbolic link to a file already in the workspace (${shown(target)})`, 'link');
    else if (readAs !== undefined) skip(link.rel, `symbolic link to a file already in the workspace (${shown(target)}, read through ${shown(readAs)})`, 'link');
    else {
      result.files++;
      result.candidates.push({ path: link.path, rel: shown(link.rel) });
      readReal.set(link.real, [...names, link.rel]);
    }
  }
  const byRel = (a: { rel?: string; file?: string }, b: { rel?: string; file?: string }) => {
    const x = a.rel ?? a.file ?? '';
    const y = b.rel ?? b.file ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  };
  result.candidates.sort(byRel);
  result.skipped.sort(byRel);
  return result;
}

export type Loaded =
  | { kind: 'text'; text: string; size: number; mtimeMs?: number; invalidUtf8: boolean }
  | { kind: 'skip'; reason: string; skipKind: SkipKind };

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

/** UTF-8 text of a file's bytes: a BOM stripped, invalid sequences replaced by U+FFFD (and said so). */
export function decodeText(bytes: Uint8Array): { text: string; invalidUtf8: boolean } {
  let text: string;
  let invalidUtf8 = false;
  try {
    text = fatalDecoder.decode(bytes);
  } catch {
    text = lenientDecoder.decode(bytes);
    invalidUtf8 = true;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, invalidUtf8 };
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** A packaged Helm chart's file name. */
export const CHART_ARCHIVE = /\.tgz$/i;

/** How many times its packed size a chart archive may grow to once unpacked (a chart's text packs about 5:1). */
const ARCHIVE_GROWTH = 16;

/**
 * A packaged subchart's files, unpacked (helm/archive.ts), within the file size limit packed and
 * ARCHIVE_GROWTH times it unpacked; else why not, as a skip (the chart is then judged without it).
 */
export async function unpackChartArchive(fs: ReadOnlyFs, path: string, maxFileSize: number): Promise<{ files: Map<string, string> } | { reason: string; kind: SkipKind }> {
  const unreadable = (e: unknown) => ({ reason: `could not be read (${codeOf(e) || 'error'})`, kind: 'unreadable' as const });
  const tooLarge = (size: number) => ({ reason: `larger than the ${formatSize(maxFileSize)} limit (${formatSize(size)})`, kind: 'too-large' as const });
  let bytes: Uint8Array;
  try {
    const st = await fs.stat(path);
    if (st.size > maxFileSize) return tooLarge(st.size);
    bytes = await fs.readFile(path);
  } catch (e) {
    return unreadable(e);
  }
  if (bytes.length > maxFileSize) return tooLarge(bytes.length);
  const r: ChartArchive = await readChartArchive(bytes, maxFileSize * ARCHIVE_GROWTH);
  return 'error' in r ? { reason: `a packaged subchart that could not be unpacked (${r.error}): its templates are not rendered`, kind: 'unreadable' } : r;
}

/** Reads one file, at most once: too large or binary files are skipped with the reason. */
export async function loadCandidate(fs: ReadOnlyFs, path: string, maxFileSize: number, known?: { size: number; mtimeMs?: number }): Promise<Loaded> {
  let size = known?.size;
  let mtimeMs = known?.mtimeMs;
  if (size === undefined) {
    try {
      const st = await fs.stat(path);
      size = st.size;
      mtimeMs = st.mtimeMs;
    } catch (e) {
      return { kind: 'skip', reason: `could not be read (${codeOf(e) || 'error'})`, skipKind: 'unreadable' };
    }
  }
  if (size > maxFileSize) return { kind: 'skip', reason: `larger than the ${formatSize(maxFileSize)} limit (${formatSize(size)})`, skipKind: 'too-large' };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    return { kind: 'skip', reason: `could not be read (${codeOf(e) || 'error'})`, skipKind: 'unreadable' };
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxFileSize) return { kind: 'skip', reason: `larger than the ${formatSize(maxFileSize)} limit (${formatSize(bytes.length)})`, skipKind: 'too-large' };
  if (bytes.indexOf(0) >= 0) return { kind: 'skip', reason: 'binary content (NUL bytes), not a text configuration file', skipKind: 'binary' };
  const { text, invalidUtf8 } = decodeText(bytes);
  return { kind: 'text', text, size: bytes.length, mtimeMs, invalidUtf8 };
}
