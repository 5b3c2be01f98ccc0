// An in-memory ReadOnlyFs with folders, files and symbolic links, for tests, the eval and benchmarks.
import { dirname, joinPath, normalizePath, type DirEntry, type FileStat, type ReadOnlyFs } from './fs';

type Node =
  | { kind: 'file'; data: Uint8Array; mtimeMs: number }
  | { kind: 'dir'; children: Map<string, Node> }
  | { kind: 'symlink'; target: string };

export interface MemoryTree {
  [name: string]: string | Uint8Array | MemoryTree | { symlink: string };
}

const MAX_LINKS = 40;

function fsError(code: string, path: string): Error {
  const e = new Error(`${code}: ${path}`) as Error & { code: string };
  e.code = code;
  return e;
}

export class MemoryFs implements ReadOnlyFs {
  private readonly root: Node = { kind: 'dir', children: new Map() };
  private clock = 1;
  /** How many times readFile ran, per path: lets tests and benchmarks check "read once". */
  readonly reads = new Map<string, number>();

  /** Builds a tree under `base` from nested objects: a string or bytes is a file, `{symlink}` a link. */
  constructor(tree: MemoryTree = {}, base = '/') {
    this.addTree(base, tree);
  }

  addTree(base: string, tree: MemoryTree): void {
    for (const [name, v] of Object.entries(tree)) {
      const p = joinPath(base, name);
      if (typeof v === 'string' || v instanceof Uint8Array) this.writeFile(p, v);
      else if ('symlink' in v && typeof v.symlink === 'string') this.symlink(p, v.symlink);
      else {
        this.mkdir(p);
        this.addTree(p, v as MemoryTree);
      }
    }
  }

  mkdir(path: string): void {
    let node = this.root;
    for (const seg of this.segments(path)) {
      if (node.kind !== 'dir') throw fsError('ENOTDIR', path);
      let next = node.children.get(seg);
      if (!next) {
        next = { kind: 'dir', children: new Map() };
        node.children.set(seg, next);
      }
      node = next;
    }
  }

  /** Writes (or overwrites) a file; every write moves its mtime forward. */
  writeFile(path: string, data: string | Uint8Array): void {
    const p = normalizePath(path);
    this.mkdir(dirname(p));
    const parent = this.lookup(dirname(p), true);
    if (parent.kind !== 'dir') throw fsError('ENOTDIR', path);
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    parent.children.set(this.segments(p).pop()!, { kind: 'file', data: bytes, mtimeMs: this.clock++ });
  }

  symlink(path: string, target: string): void {
    const p = normalizePath(path);
    this.mkdir(dirname(p));
    const parent = this.lookup(dirname(p), true);
    if (parent.kind !== 'dir') throw fsError('ENOTDIR', path);
    parent.children.set(this.segments(p).pop()!, { kind: 'symlink', target });
  }

  async readDir(path: string): Promise<DirEntry[]> {
    const node = this.lookup(path, true);
    if (node.kind !== 'dir') throw fsError('ENOTDIR', path);
    return [...node.children].map(([name, n]) => ({ name, type: n.kind }));
  }

  async stat(path: string): Promise<FileStat> {
    const node = this.lookup(path, true);
    if (node.kind === 'file') return { type: 'file', size: node.data.length, mtimeMs: node.mtimeMs };
    return { type: 'dir', size: 0 };
  }

  async readFile(path: string): Promise<Uint8Array> {
    const node = this.lookup(path, true);
    if (node.kind !== 'file') throw fsError('EISDIR', path);
    const real = this.resolve(path);
    this.reads.set(real, (this.reads.get(real) ?? 0) + 1);
    return node.data;
  }

  async realPath(path: string): Promise<string> {
    return this.resolve(path);
  }

  private segments(path: string): string[] {
    return normalizePath('/' + path).split('/').filter(Boolean);
  }

  /** Resolves every link in the path; ELOOP after too many hops, ENOENT for a dangling link. */
  private resolve(path: string): string {
    let hops = 0;
    let todo = this.segments(path);
    const done: string[] = [];
    while (todo.length) {
      const seg = todo.shift()!;
      const parent = this.walk(done);
      if (parent.kind !== 'dir') throw fsError('ENOTDIR', path);
      const node = parent.children.get(seg);
      if (!node) throw fsError('ENOENT', path);
      if (node.kind === 'symlink') {
        if (++hops > MAX_LINKS) throw fsError('ELOOP', path);
        const target = node.target.startsWith('/') ? node.target : joinPath('/' + done.join('/'), node.target);
        todo = [...this.segments(target), ...todo];
        done.length = 0;
      } else done.push(seg);
    }
    return '/' + done.join('/');
  }

  private walk(segs: string[]): Node {
    let node: Node = this.root;
    for (const s of segs) {
      if (node.kind !== 'dir') throw fsError('ENOTDIR', s);
      const next: Node | undefined = node.children.get(s);
      if (!next) throw fsError('ENOENT', s);
      node = next;
    }
    return node;
  }

  private lookup(path: string, follow: boolean): Node {
    return this.walk(this.segments(follow ? this.resolve(path) : path));
  }
}
